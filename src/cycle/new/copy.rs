//! Copying the last meeting's folder into the new one: regular files and
//! folders only. A symbolic link is never followed (a link to a password
//! file, or to `/`, would otherwise put what it leads to in a folder that
//! is then shared), and a named pipe, socket or device is never opened
//! (a pipe would wait for ever). Each is skipped, and said.

use std::fs::{self, File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::input::files;

/// The largest file copied: far more than any input may be.
pub(super) const COPY_LIMIT: u64 = 256 * 1024 * 1024;

/// What copying a folder found and did, beyond the files it copied.
#[derive(Debug, Default)]
pub(super) struct Copied {
    /// Each entry left out, and why: "skipped `x`: a symbolic link …".
    pub skipped: Vec<String>,
    /// The folders made, by their name inside the new folder, each with
    /// its original's metadata: given its permissions once all is written.
    pub folders: Vec<(PathBuf, Metadata)>,
}

/// A regular file of the old folder, opened.
pub(super) struct Opened {
    pub file: File,
    pub metadata: Metadata,
}

/// What an entry of a folder is, looked at without following a link.
enum Entry {
    Folder(Metadata),
    File(Opened),
    Skipped(String),
}

/// Copies what `from` holds into the folder `to`, each regular file's
/// bytes made into what to write by `content` (given the file's name
/// inside `from` and its bytes).
pub(super) fn copy(
    from: &Path,
    to: &Path,
    content: &mut dyn FnMut(&Path, Vec<u8>) -> Vec<u8>,
) -> Result<Copied> {
    let mut copied = Copied::default();
    copy_into(from, to, Path::new(""), content, &mut copied)?;
    Ok(copied)
}

fn copy_into(
    from: &Path,
    to: &Path,
    inside: &Path,
    content: &mut dyn FnMut(&Path, Vec<u8>) -> Vec<u8>,
    copied: &mut Copied,
) -> Result<()> {
    for name in names(&from.join(inside))? {
        let relative = inside.join(&name);
        let (source, out) = (from.join(&relative), to.join(&relative));
        match look(&source).with_context(|| format!("cannot read `{}`", source.display()))? {
            Entry::Folder(metadata) => {
                fs::create_dir(&out).with_context(|| format!("cannot create `{}`", out.display()))?;
                copy_into(from, to, &relative, content, copied)?;
                copied.folders.push((relative, metadata));
            }
            Entry::File(opened) => {
                let bytes = read_all(opened, &source)?;
                let bytes = content(&relative, bytes);
                crate::build::output::write_atomic_as(&out, &bytes, &source)?;
            }
            Entry::Skipped(why) => copied.skipped.push(format!("skipped `{}`: {why}", relative.display())),
        }
    }
    Ok(())
}

/// The names in a folder, sorted so that what is said comes in order.
fn names(folder: &Path) -> Result<Vec<std::ffi::OsString>> {
    let entries = fs::read_dir(folder).with_context(|| format!("cannot read `{}`", folder.display()))?;
    let mut names =
        entries.map(|entry| entry.map(|entry| entry.file_name())).collect::<Result<Vec<_>, _>>()?;
    names.sort();
    Ok(names)
}

/// What `path` is, its link never followed; a regular file is opened.
fn look(path: &Path) -> std::io::Result<Entry> {
    let metadata = fs::symlink_metadata(path)?;
    let kind = metadata.file_type();
    if kind.is_dir() {
        return Ok(Entry::Folder(metadata));
    }
    if !kind.is_file() {
        return Ok(Entry::Skipped(what_else(&metadata)));
    }
    let Some(opened) = open_regular(path)? else {
        return Ok(Entry::Skipped(
            "it changed into something other than a file while it was read".to_owned(),
        ));
    };
    if opened.metadata.len() > COPY_LIMIT {
        let size = opened.metadata.len() >> 20;
        return Ok(Entry::Skipped(format!(
            "{size} MB, more than the {} MB copied: copy it by hand if the new meeting needs it",
            COPY_LIMIT >> 20
        )));
    }
    Ok(Entry::File(opened))
}

/// Why an entry that is neither a folder nor a regular file is skipped.
fn what_else(metadata: &Metadata) -> String {
    match files::kind_of(metadata) {
        "a symbolic link" => "a symbolic link, which is not followed: put a copy of the file itself there if the new meeting needs it".to_owned(),
        "not a regular file" => "not a file".to_owned(),
        kind => format!("{kind}, not a file"),
    }
}

/// Opens `path` for reading only if it is a regular file: never through
/// a link, and without waiting on a pipe put there since it was looked
/// at. `None` when what is there now is not a regular file.
pub(super) fn open_regular(path: &Path) -> std::io::Result<Option<Opened>> {
    let file = files::open_without_blocking(path, false)?;
    let metadata = file.metadata()?;
    Ok(metadata.is_file().then_some(Opened { file, metadata }))
}

/// The bytes of an opened file, at most [`COPY_LIMIT`].
pub(super) fn read_all(opened: Opened, path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(opened.metadata.len() as usize);
    opened
        .file
        .take(COPY_LIMIT)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    Ok(bytes)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn copies_files_and_folders_and_skips_links_and_pipes() {
        let work = tempfile::tempdir().unwrap();
        let (from, to) = (work.path().join("from"), work.path().join("to"));
        fs::create_dir_all(from.join("papers")).unwrap();
        fs::create_dir(&to).unwrap();
        fs::write(from.join("a.yaml"), "a").unwrap();
        fs::write(from.join("papers/b.pdf"), "b").unwrap();
        std::os::unix::fs::symlink("/", from.join("disk")).unwrap();
        std::os::unix::fs::symlink(from.join("a.yaml"), from.join("papers/c.yaml")).unwrap();
        let fifo = std::ffi::CString::new(from.join("pipe").to_str().unwrap()).unwrap();
        // SAFETY: `fifo` is a valid C string naming a path in the test's folder.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        let mut seen = Vec::new();
        let copied = copy(&from, &to, &mut |name, bytes| {
            seen.push(name.to_owned());
            bytes
        })
        .unwrap();
        assert_eq!(seen, [Path::new("a.yaml"), Path::new("papers/b.pdf")]);
        assert_eq!(fs::read_to_string(to.join("papers/b.pdf")).unwrap(), "b");
        let skipped: Vec<&str> = copied.skipped.iter().map(|line| line.split(':').next().unwrap()).collect();
        assert_eq!(skipped, ["skipped `disk`", "skipped `papers/c.yaml`", "skipped `pipe`"]);
        assert!(copied.skipped[2].ends_with("a named pipe, not a file"), "{:?}", copied.skipped);
        assert!(!to.join("disk").exists() && !to.join("pipe").exists());
        assert_eq!(copied.folders.len(), 1);
    }
}
