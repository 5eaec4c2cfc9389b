//! Watching a folder of inputs: the files changed on disk, whatever
//! changed them (an editor, `git pull`, a copy), gathered over a short
//! pause so that one save is one change however many writes it takes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::build::output::TEMPORARY_PREFIX;

/// How long the disk must be quiet before its changes are told.
const PAUSE: Duration = Duration::from_millis(250);

/// A folder being watched. Dropping it stops the watching.
pub struct Watcher {
    stop: Arc<AtomicBool>,
    /// Each batch of changed files, with links followed, in name order.
    pub changes: Receiver<Vec<PathBuf>>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// How often the folder itself is looked at: a folder deleted and put
/// back (a `git checkout`, a restore from a backup) is a new folder that
/// the system no longer reports on until it is watched again.
const LOOK_AGAIN: Duration = Duration::from_millis(500);

impl Watcher {
    /// Watches `dir` and every folder under it, but for `ignore` (the
    /// folder a build writes into, when it is inside).
    pub fn start(dir: &Path, ignore: Option<&Path>) -> Result<Self> {
        let dir = std::fs::canonicalize(dir).with_context(|| format!("cannot watch `{}`", dir.display()))?;
        let ignore = ignore.and_then(|ignore| std::fs::canonicalize(ignore).ok());
        let (sender, events) = channel::<notify::Result<notify::Event>>();
        let mut system =
            notify::recommended_watcher(sender).context("cannot watch the folder for changes")?;
        system
            .watch(&dir, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch `{}`", dir.display()))?;
        let (batches, changes) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let watching =
            Watching { watched: identity(&dir), lost: false, system, dir, ignore, stop: Arc::clone(&stop) };
        std::thread::spawn(move || watching.run(&events, &batches));
        Ok(Self { stop, changes })
    }
}

/// The thread that gathers the system's reports into batches.
struct Watching {
    system: RecommendedWatcher,
    dir: PathBuf,
    ignore: Option<PathBuf>,
    /// Which folder on disk is watched, to notice it replaced.
    watched: Option<(u64, u64)>,
    /// The system has said that the folder watched is gone: a folder of
    /// its name is a new one, even if the disk gives it the same number.
    lost: bool,
    stop: Arc<AtomicBool>,
}

impl Watching {
    fn run(mut self, events: &Receiver<notify::Result<notify::Event>>, batches: &Sender<Vec<PathBuf>>) {
        while !self.stop.load(Ordering::Relaxed) {
            // Each batch starts with a change and ends when the disk has
            // been quiet for the pause.
            let mut paths = BTreeSet::new();
            match events.recv_timeout(LOOK_AGAIN) {
                Ok(first) => self.take(first, &mut paths),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            while !paths.is_empty() {
                match events.recv_timeout(PAUSE) {
                    Ok(event) => self.take(event, &mut paths),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            // A file made and gone within the pause (an editor's or a
            // tool's scratch file) changed nothing; a YAML file gone is
            // a change.
            paths.retain(|path| path.exists() || crate::input::is_yaml(path));
            if self.watch_again() {
                paths.insert(self.dir.clone());
            }
            if !paths.is_empty() && batches.send(paths.into_iter().collect()).is_err() {
                return;
            }
        }
    }

    fn take(&mut self, event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>) {
        let Ok(event) = event else { return };
        if matches!(event.kind, EventKind::Remove(_)) && event.paths.contains(&self.dir) {
            self.lost = true;
        }
        if changes_content(&event.kind) {
            paths.extend(
                event.paths.into_iter().filter(|path| wanted(path, &self.dir, self.ignore.as_deref())),
            );
        }
    }

    /// Watches the folder again when it has been replaced by another of
    /// its name; whether it was.
    fn watch_again(&mut self) -> bool {
        let now = identity(&self.dir);
        if now == self.watched && !self.lost {
            return false;
        }
        let _ = self.system.unwatch(&self.dir);
        self.watched = None;
        self.lost = true;
        if now.is_none() || self.system.watch(&self.dir, RecursiveMode::Recursive).is_err() {
            return false;
        }
        self.watched = now;
        self.lost = false;
        true
    }
}

/// Which folder `dir` is on disk, if it is there: its device and inode.
fn identity(dir: &Path) -> Option<(u64, u64)> {
    let metadata = std::fs::metadata(dir).ok().filter(std::fs::Metadata::is_dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        Some((0, 0))
    }
}

/// Whether an event changes what a file holds or which files there are:
/// not a file opened or read (the studio and builds read files all the
/// time), nor its times or permissions touched.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Whether a change to `path` is one to tell: not a hidden file (a
/// version-control folder, an editor's swap file, a file being written
/// whole) inside the folder `dir`, and not in the build's own output.
fn wanted(path: &Path, dir: &Path, ignore: Option<&Path>) -> bool {
    let inside = path.strip_prefix(dir).unwrap_or(path);
    let hidden = inside.components().any(|part| {
        let name = part.as_os_str().to_string_lossy();
        (name.starts_with('.') && name != "." && name != "..")
            || name.starts_with(TEMPORARY_PREFIX)
            || name.ends_with('~')
    });
    !hidden && !ignore.is_some_and(|ignore| path.starts_with(ignore))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_a_saved_file_once_and_passes_over_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir(&out).unwrap();
        let watcher = Watcher::start(dir.path(), Some(&out)).unwrap();
        std::fs::write(dir.path().join(".report.yaml.swp"), "x").unwrap();
        std::fs::write(out.join("report.pdf"), "x").unwrap();
        std::fs::write(dir.path().join("report.yaml"), "a: 1\n").unwrap();
        std::fs::write(dir.path().join("report.yaml"), "a: 2\n").unwrap();
        let changed = watcher.changes.recv_timeout(Duration::from_secs(10)).unwrap();
        let real = std::fs::canonicalize(dir.path().join("report.yaml")).unwrap();
        assert_eq!(changed, [real]);
    }

    #[test]
    fn tells_a_folder_deleted_and_put_back_and_goes_on_watching_it() {
        let above = tempfile::tempdir().unwrap();
        let dir = above.path().join("meeting");
        std::fs::create_dir(&dir).unwrap();
        let watcher = Watcher::start(&dir, None).unwrap();
        std::fs::remove_dir(&dir).unwrap();
        std::fs::create_dir(&dir).unwrap();
        let real = std::fs::canonicalize(&dir).unwrap();
        // What is told while the folder is away and put back, until the
        // folder has been looked at again.
        let told: Vec<Vec<PathBuf>> =
            std::iter::from_fn(|| watcher.changes.recv_timeout(LOOK_AGAIN * 3).ok()).collect();
        assert!(told.iter().any(|batch| batch.contains(&real)), "the folder put back was not told: {told:?}");
        std::fs::write(dir.join("report.yaml"), "a: 1\n").unwrap();
        let saved = real.join("report.yaml");
        let seen = std::iter::from_fn(|| watcher.changes.recv_timeout(Duration::from_secs(10)).ok())
            .find(|batch| batch.contains(&saved));
        assert!(seen.is_some(), "a file saved in the folder put back was not told");
    }
}
