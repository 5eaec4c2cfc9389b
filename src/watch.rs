//! Watching a folder of inputs: the files changed on disk, whatever
//! changed them (an editor, `git pull`, a copy), gathered over a short
//! pause so that one save is one change however many writes it takes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::build::output::TEMPORARY_PREFIX;

/// How long the disk must be quiet before its changes are told.
const PAUSE: Duration = Duration::from_millis(250);

/// A folder being watched. Dropping it stops the watching.
pub struct Watcher {
    _watcher: RecommendedWatcher,
    /// Each batch of changed files, with links followed, in name order.
    pub changes: Receiver<Vec<PathBuf>>,
}

impl Watcher {
    /// Watches `dir` and every folder under it, but for `ignore` (the
    /// folder a build writes into, when it is inside).
    pub fn start(dir: &Path, ignore: Option<&Path>) -> Result<Self> {
        let dir = std::fs::canonicalize(dir).with_context(|| format!("cannot watch `{}`", dir.display()))?;
        let ignore = ignore.and_then(|ignore| std::fs::canonicalize(ignore).ok());
        let (sender, events) = channel::<notify::Result<notify::Event>>();
        let mut watcher =
            notify::recommended_watcher(sender).context("cannot watch the folder for changes")?;
        watcher
            .watch(&dir, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch `{}`", dir.display()))?;
        let (batches, changes) = channel();
        std::thread::spawn(move || {
            // Each batch starts with a change and ends when the disk has
            // been quiet for the pause.
            while let Ok(first) = events.recv() {
                let mut paths = BTreeSet::new();
                let mut take = |event: notify::Result<notify::Event>| {
                    let Ok(event) = event else { return };
                    if changes_content(&event.kind) {
                        paths.extend(
                            event.paths.into_iter().filter(|path| wanted(path, &dir, ignore.as_deref())),
                        );
                    }
                };
                take(first);
                loop {
                    match events.recv_timeout(PAUSE) {
                        Ok(event) => take(event),
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                // A file made and gone within the pause (an editor's or a
                // tool's scratch file) changed nothing; a YAML file gone is
                // a change.
                paths.retain(|path| path.exists() || crate::input::is_yaml(path));
                if !paths.is_empty() && batches.send(paths.into_iter().collect()).is_err() {
                    return;
                }
            }
        });
        Ok(Self { _watcher: watcher, changes })
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
}
