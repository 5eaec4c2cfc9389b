//! The new meeting's folder: its name, from the last one's; the hidden
//! folder it is made in, renamed into place only once whole; and the
//! hidden folders a stopped run left behind, tidied away.

use std::fs::{self, Metadata};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use jiff::civil::Date;

/// How the hidden folder a new meeting is made in is named: then the
/// process's id, a `-` and random letters.
const STAGING_PREFIX: &str = ".exec-report-new-";

/// How old a hidden folder whose maker cannot be told must be before it
/// is taken as left behind.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// The characters that may part a folder's date from the rest of its
/// name.
const SEPARATORS: &[char] = &['-', '_', ' ', '.'];

/// The next meeting's folder beside `from`: its name with the date it
/// starts with changed, or the date put before it.
pub(super) fn next(from: &Path, date: Date) -> Result<PathBuf> {
    let real = from.canonicalize().with_context(|| format!("cannot read `{}`", from.display()))?;
    let name = real
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| anyhow!("`{}` has no folder name", from.display()))?;
    let parent = real.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(parent.join(next_name(&name, date)))
}

/// A meeting folder's name for the meeting on `date`: the date a name
/// starts with replaced, keeping the separator after it
/// (`2016-07-19 Cyngor Sir` → `2016-11-08 Cyngor Sir`); a name without
/// one given it, parted by a space if the name has spaces, else a `-`.
pub(super) fn next_name(name: &str, date: Date) -> String {
    if let Some(rest) = after_date(name) {
        return match rest.trim_matches(SEPARATORS).is_empty() {
            true => date.to_string(),
            false => format!("{date}{rest}"),
        };
    }
    let name = name.trim_start_matches(SEPARATORS);
    let separator = if name.contains(' ') && !name.contains('-') { ' ' } else { '-' };
    if name.is_empty() { date.to_string() } else { format!("{date}{separator}{name}") }
}

/// What follows the date a folder's name starts with, if it does.
fn after_date(name: &str) -> Option<&str> {
    let (date, rest) = (name.get(..10)?, name.get(10..)?);
    let dated = date.parse::<Date>().is_ok() && !rest.starts_with(|c: char| c.is_ascii_digit());
    dated.then_some(rest)
}

/// A hidden folder in `parent` to make the new meeting in, removed if
/// it is dropped before [`publish`].
pub(super) fn staging(parent: &Path) -> Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix(&format!("{STAGING_PREFIX}{}-", std::process::id()))
        .tempdir_in(parent)
        .with_context(|| format!("cannot write in `{}`", parent.display()))
}

/// Moves the whole new meeting into place at `target`, then gives it and
/// its folders the permissions of the folders they were copied from (a
/// private folder stays private). Given after all is written, so that a
/// read-only folder can be filled, and can be removed on an error.
pub(super) fn publish(
    staging: tempfile::TempDir,
    target: &Path,
    from: &Metadata,
    folders: &[(PathBuf, Metadata)],
) -> Result<()> {
    if fs::symlink_metadata(target).is_ok() {
        bail!(already_there(target));
    }
    fs::rename(staging.path(), target).with_context(|| format!("cannot create `{}`", target.display()))?;
    // Moved: nothing is left to remove.
    let _ = staging.keep();
    for (inside, metadata) in folders {
        take_access(&target.join(inside), metadata)?;
    }
    take_access(target, from)
}

/// The error for a new folder whose name is taken.
pub(super) fn already_there(target: &Path) -> String {
    format!("`{}` already exists: nothing was written, and it was left as it was", target.display())
}

/// Gives the folder `path` the permissions of `metadata`, and its owner
/// and group where the system lets this user.
fn take_access(path: &Path, metadata: &Metadata) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a folder away; anyone may keep their group.
        if std::os::unix::fs::chown(path, Some(metadata.uid()), Some(metadata.gid())).is_err() {
            let _ = std::os::unix::fs::chown(path, None, Some(metadata.gid()));
        }
    }
    fs::set_permissions(path, metadata.permissions())
        .with_context(|| format!("cannot set the permissions of `{}`", path.display()))
}

/// Removes from `parent` the hidden folders that runs stopped before
/// their end left behind, and says which.
pub(super) fn tidy(parent: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(parent) else { return Vec::new() };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(STAGING_PREFIX) else { continue };
        let Ok(metadata) = fs::symlink_metadata(entry.path()) else { continue };
        if metadata.is_dir() && is_left_behind(rest, &metadata) && fs::remove_dir_all(entry.path()).is_ok() {
            removed.push(format!("removed `{name}`, left half-made by an earlier run that was stopped"));
        }
    }
    removed.sort();
    removed
}

/// Whether a hidden folder named `…{rest}` was left behind: the process
/// that made it has ended, or, when that cannot be told, it is old.
fn is_left_behind(rest: &str, metadata: &Metadata) -> bool {
    let maker = rest.split('-').next().and_then(|id| id.parse::<u32>().ok());
    match maker.and_then(is_running) {
        Some(running) => !running,
        None => {
            metadata.modified().ok().and_then(|at| at.elapsed().ok()).is_some_and(|age| age > STALE_AFTER)
        }
    }
}

/// Whether the process `id` is running; `None` when that cannot be told.
#[cfg(unix)]
fn is_running(id: u32) -> Option<bool> {
    let id = libc::pid_t::try_from(id).ok()?;
    // SAFETY: signal 0 sends nothing; it only asks whether `id` exists.
    if unsafe { libc::kill(id, 0) } == 0 {
        return Some(true);
    }
    match std::io::Error::last_os_error().raw_os_error() {
        Some(libc::ESRCH) => Some(false),
        // It exists but belongs to another user.
        Some(libc::EPERM) => Some(true),
        _ => None,
    }
}

#[cfg(not(unix))]
fn is_running(_id: u32) -> Option<bool> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_date_a_name_starts_with_and_keeps_its_separator() {
        let date = jiff::civil::date(2016, 11, 8);
        for (old, new) in [
            ("2016-07-19-county-council", "2016-11-08-county-council"),
            ("2016-07-19 Cyngor Sir", "2016-11-08 Cyngor Sir"),
            ("2016-07-19_council", "2016-11-08_council"),
            ("2016-07-19", "2016-11-08"),
            ("2016-07-19-", "2016-11-08"),
            ("county-council", "2016-11-08-county-council"),
            ("Cyngor Sir", "2016-11-08 Cyngor Sir"),
            ("-council", "2016-11-08-council"),
            ("2016-07-190 x", "2016-11-08-2016-07-190 x"),
            ("July", "2016-11-08-July"),
        ] {
            assert_eq!(next_name(old, date), new, "{old}");
        }
    }

    #[test]
    fn tidies_only_the_folders_of_runs_that_ended() {
        let parent = tempfile::tempdir().unwrap();
        // No process has the largest id: its run ended.
        let ended = parent.path().join(format!("{STAGING_PREFIX}{}-abc", i32::MAX));
        let running = parent.path().join(format!("{STAGING_PREFIX}{}-abc", std::process::id()));
        let fresh = parent.path().join(format!("{STAGING_PREFIX}abcdef"));
        for folder in [&ended, &running, &fresh] {
            fs::create_dir(folder).unwrap();
            fs::write(folder.join("meeting.yaml"), "x").unwrap();
        }
        let removed = tidy(parent.path());
        assert_eq!(removed.len(), 1, "{removed:?}");
        assert!(!ended.exists() && running.exists() && fresh.exists());
    }
}
