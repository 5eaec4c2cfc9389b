//! The output stage: files written whole or not at all.
//!
//! Every file is written to a temporary file in its own folder and renamed
//! over the old one, so a reader (or a run that is killed) never sees half a
//! report, and a failed run leaves the previous good files untouched.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// The start of the name of a file being written. A run that is killed can
/// leave one behind; the next run into the same folder removes it.
pub const TEMPORARY_PREFIX: &str = ".exec-report-tmp-";

/// Removes files left half-written in `folder` by a run that was killed.
pub fn remove_leftovers(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMPORARY_PREFIX) {
            // Another run may have removed it already; nothing is lost.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Writes several files as one: every file is written to a temporary file
/// first, and only when all of them are written are they renamed into
/// place. A full disk leaves every old file as it was, never some new and
/// some old.
pub fn write_all_atomic(files: &[(std::path::PathBuf, &[u8])]) -> Result<()> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        staged.push((stage_like(path, bytes, path)?, path));
    }
    for (file, path) in staged {
        file.persist(path).with_context(|| format!("cannot replace `{}`", path.display()))?;
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically, creating its folder if needed. A
/// file replaced keeps its permissions and, as far as the system allows,
/// its owner and group: an officer's private file stays private. A new
/// file is readable as the user's umask allows, like any saved file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_as(path, bytes, path)
}

/// Writes `bytes` to `path` atomically, with the permissions, owner and
/// group of the regular file `model` when there is one: a file copied or
/// rolled forward from another keeps what its original had.
pub fn write_atomic_as(path: &Path, bytes: &[u8], model: &Path) -> Result<()> {
    let file = stage_like(path, bytes, model)?;
    file.persist(path).with_context(|| format!("cannot replace `{}`", path.display()))?;
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, with the permissions,
/// owner and group of the regular file `model` when there is one.
fn stage_like(path: &Path, bytes: &[u8], model: &Path) -> Result<tempfile::NamedTempFile> {
    let file = stage(path, bytes)?;
    if let Some(metadata) = fs::symlink_metadata(model).ok().filter(|metadata| metadata.is_file()) {
        take_access(file.as_file(), &metadata)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(file)
}

/// Gives `file` the permissions of `metadata`, and its owner and group
/// where the system lets this user give them.
fn take_access(file: &fs::File, metadata: &fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; anyone may keep their own group.
        if std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid())).is_err() {
            let _ = std::os::unix::fs::fchown(file, None, Some(metadata.gid()));
        }
    }
    file.set_permissions(metadata.permissions())
}

/// Writes `bytes` to a temporary file beside `path`.
fn stage(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(folder).with_context(|| format!("cannot create the folder `{}`", folder.display()))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY_PREFIX);
    // A new file is made as any saved file is, as the umask allows, not
    // owner-only like a temporary file.
    #[cfg(unix)]
    builder.permissions(<fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o666));
    let mut file =
        builder.tempfile_in(folder).with_context(|| format!("cannot write in `{}`", folder.display()))?;
    // No fsync: the rename alone already means a killed run leaves either
    // the old file or the new one, and syncing every file of a batch would
    // cost more than rendering it.
    file.write_all(bytes).with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_file_and_leaves_no_temporary_behind() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("deep/report.md");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        let names: Vec<_> =
            fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["report.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("meeting.yaml");
        fs::write(&path, "first").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let pages = [(folder.path().join("meeting.yaml"), &b"third"[..])];
        write_all_atomic(&pages).unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let copy = folder.path().join("copy.yaml");
        write_atomic_as(&copy, b"copied", &path).unwrap();
        assert_eq!(fs::metadata(&copy).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn removes_only_leftover_temporary_files() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join(".exec-report-tmp-abc"), "half").unwrap();
        std::fs::write(folder.path().join("report.md"), "whole").unwrap();
        remove_leftovers(folder.path());
        let names: Vec<_> = fs::read_dir(folder.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["report.md"]);
    }
}
