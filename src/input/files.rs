//! Reading the files that inputs name, as untrusted: a name is taken only
//! when it resolves inside the input root after following links, only a
//! regular file is opened (never a pipe or a device, which would block),
//! and only up to a size.
//!
//! The input root of a folder is the folder that holds its `council.yaml`,
//! or the folder itself when it has none (see `discover`).

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The most a YAML input file may hold: ten times the longest report
/// published so far.
pub const YAML_LIMIT: u64 = 4 * 1024 * 1024;

/// The most an image, a logo or a font file may hold.
pub const FILE_LIMIT: u64 = 32 * 1024 * 1024;

/// The most files one list may name: font files, KPI files.
pub const MOST_FILES: usize = 40;

/// The most the images of one document may hold together.
pub const IMAGES_LIMIT: u64 = 128 * 1024 * 1024;

/// The folder every file a folder's documents name must be inside.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Root {
    /// The folder, with links followed.
    dir: PathBuf,
}

/// Why a named file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The name is an absolute path.
    Absolute,
    /// The name climbs out of the root with `..`.
    Escapes,
    /// The name is a link, or passes through one, to somewhere outside.
    LinksOutside,
    /// There is no such file.
    Missing,
    /// It is a folder, a pipe, a device or a socket.
    NotAFile(&'static str),
    /// It is bigger than the limit.
    TooBig { size: u64, limit: u64 },
    /// The system would not read it.
    Unreadable(String),
}

impl Refusal {
    /// What is wrong with the file `written`, as the input wrote it.
    pub fn message(&self, what: &str, written: &str) -> String {
        match self {
            Self::Absolute => format!("the {what} `{written}` is an absolute path"),
            Self::Escapes => format!("the {what} `{written}` is outside the input folder"),
            Self::LinksOutside => {
                format!("the {what} `{written}` is a link to a file outside the input folder")
            }
            Self::Missing => format!("the {what} `{written}` does not exist"),
            Self::NotAFile(kind) => format!("the {what} `{written}` is {kind}, not a file"),
            Self::TooBig { size, limit } => format!(
                "the {what} `{written}` is {}, more than the {} a file may be",
                megabytes(*size),
                megabytes(*limit)
            ),
            Self::Unreadable(error) => format!("cannot read the {what} `{written}`: {error}"),
        }
    }

    /// How to put it right.
    pub fn hint(&self) -> &'static str {
        match self {
            Self::Absolute | Self::Escapes => {
                "copy the file into the folder that holds `council.yaml` (or the meeting's folder) and name it from there"
            }
            Self::LinksOutside => "replace the link with a copy of the file",
            Self::Missing => {
                "check the file's name and folder; names are relative to the file that gives them"
            }
            Self::NotAFile(_) => "put an ordinary file there, or name one",
            Self::TooBig { .. } => "make the file smaller: export images at the size they are printed",
            Self::Unreadable(_) => "check that the file can be opened",
        }
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

impl Root {
    /// The root at `dir` itself.
    pub fn at(dir: &Path) -> Self {
        let dir = fs::canonicalize(dir).unwrap_or_else(|_| absolute(dir));
        Self { dir }
    }

    /// The folder, with links followed.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file named `written` by a file in the folder `base`, checked to
    /// be a regular file inside the root.
    pub fn resolve(&self, base: &Path, written: &str) -> Result<PathBuf, Refusal> {
        let name = Path::new(written);
        if written.is_empty() {
            return Err(Refusal::Missing);
        }
        if name.has_root() || name.is_absolute() || written.starts_with('\\') || has_drive(written) {
            return Err(Refusal::Absolute);
        }
        let base = fs::canonicalize(base).unwrap_or_else(|_| absolute(base));
        if !base.starts_with(&self.dir) {
            return Err(Refusal::Escapes);
        }
        let joined = normalise(&base.join(name)).ok_or(Refusal::Escapes)?;
        if !joined.starts_with(&self.dir) {
            return Err(Refusal::Escapes);
        }
        self.check(&joined)
    }

    /// Checks that `path` is a regular file inside the root once links
    /// are followed, and gives its real path.
    pub fn check(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let real = match fs::canonicalize(path) {
            Ok(real) => real,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                // A dangling link is a link to nowhere inside.
                return Err(if fs::symlink_metadata(path).is_ok() {
                    Refusal::LinksOutside
                } else {
                    Refusal::Missing
                });
            }
            Err(error) => return Err(Refusal::Unreadable(error.to_string())),
        };
        if !real.starts_with(&self.dir) {
            return Err(Refusal::LinksOutside);
        }
        let metadata = fs::metadata(&real).map_err(|error| Refusal::Unreadable(error.to_string()))?;
        if !metadata.is_file() {
            return Err(Refusal::NotAFile(kind_of(&metadata)));
        }
        Ok(real)
    }

    /// Reads the file named `written` by a file in `base`, up to `limit`
    /// bytes.
    pub fn read(&self, base: &Path, written: &str, limit: u64) -> Result<Vec<u8>, Refusal> {
        let path = self.resolve(base, written)?;
        read_regular(&path, limit)
    }
}

/// Reads a regular file of at most `limit` bytes. A pipe or a device is
/// refused without being opened for long: opening a pipe would block.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Refusal> {
    let metadata = fs::metadata(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => Refusal::Missing,
        _ => Refusal::Unreadable(error.to_string()),
    })?;
    if !metadata.is_file() {
        return Err(Refusal::NotAFile(kind_of(&metadata)));
    }
    let file = open_without_blocking(path, true).map_err(|error| Refusal::Unreadable(error.to_string()))?;
    // The file may have been swapped since it was looked at.
    let opened = file.metadata().map_err(|error| Refusal::Unreadable(error.to_string()))?;
    if !opened.is_file() {
        return Err(Refusal::NotAFile(kind_of(&opened)));
    }
    if opened.len() > limit {
        return Err(Refusal::TooBig { size: opened.len(), limit });
    }
    let mut bytes = Vec::with_capacity(opened.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|error| Refusal::Unreadable(error.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooBig { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// Opens `path` to read without waiting on a pipe put there since it was
/// looked at; with `follow` false, a link at `path` fails to open rather
/// than being followed.
#[cfg(unix)]
pub(crate) fn open_without_blocking(path: &Path, follow: bool) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let flags = if follow { libc::O_NONBLOCK } else { libc::O_NONBLOCK | libc::O_NOFOLLOW };
    fs::OpenOptions::new().read(true).custom_flags(flags).open(path)
}

#[cfg(not(unix))]
pub(crate) fn open_without_blocking(path: &Path, _follow: bool) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// What a file that is not a regular one is, in words: "a named pipe".
pub(crate) fn kind_of(metadata: &fs::Metadata) -> &'static str {
    if metadata.is_dir() {
        return "a folder";
    }
    if metadata.file_type().is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    "not a regular file"
}

/// A path made absolute against the working folder, without touching the
/// disk.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// `path` with `.` and `..` worked out by name; `None` when `..` climbs
/// above the top.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// Whether a name starts with a Windows drive, such as `C:`.
fn has_drive(written: &str) -> bool {
    let bytes = written.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> (tempfile::TempDir, Root) {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir_all(tmp.path().join("root/sub")).unwrap();
        fs::write(tmp.path().join("root/a.txt"), "a").unwrap();
        fs::write(tmp.path().join("root/sub/b.txt"), "b").unwrap();
        fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        let root = Root::at(&tmp.path().join("root"));
        (tmp, root)
    }

    #[test]
    fn reads_files_inside_the_root() {
        let (_tmp, root) = folder();
        let sub = root.dir().join("sub");
        assert_eq!(root.read(root.dir(), "a.txt", 10).unwrap(), b"a");
        assert_eq!(root.read(root.dir(), "./sub/b.txt", 10).unwrap(), b"b");
        assert_eq!(root.read(&sub, "../a.txt", 10).unwrap(), b"a");
    }

    #[test]
    fn refuses_names_outside_the_root() {
        let (tmp, root) = folder();
        let secret = tmp.path().join("secret.txt");
        assert_eq!(root.read(root.dir(), "../secret.txt", 10), Err(Refusal::Escapes));
        assert_eq!(root.read(root.dir(), &secret.display().to_string(), 10), Err(Refusal::Absolute));
        assert_eq!(root.read(root.dir(), "sub/../../secret.txt", 10), Err(Refusal::Escapes));
        assert_eq!(root.read(root.dir(), "C:/secret.txt", 10), Err(Refusal::Absolute));
        assert_eq!(root.read(root.dir(), "", 10), Err(Refusal::Missing));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_out_pipes_and_big_files() {
        let (tmp, root) = folder();
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.dir().join("link.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), root.dir().join("up")).unwrap();
        std::os::unix::fs::symlink(root.dir().join("a.txt"), root.dir().join("inside.txt")).unwrap();
        assert_eq!(root.read(root.dir(), "link.txt", 10), Err(Refusal::LinksOutside));
        assert_eq!(root.read(root.dir(), "up/secret.txt", 10), Err(Refusal::LinksOutside));
        assert_eq!(root.read(root.dir(), "inside.txt", 10).unwrap(), b"a");
        let fifo = root.dir().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|status| status.success()) {
            assert_eq!(root.read(root.dir(), "pipe", 10), Err(Refusal::NotAFile("a named pipe")));
        }
        assert_eq!(root.read(root.dir(), "sub", 10), Err(Refusal::NotAFile("a folder")));
        assert_eq!(root.read(root.dir(), "a.txt", 0), Err(Refusal::TooBig { size: 1, limit: 0 }));
    }

    proptest::proptest! {
        /// Whatever a field names, with `..`, `.`, absolute starts, drive
        /// letters, backslashes and links out among its parts, the file
        /// read is inside the root or nothing is read.
        #[test]
        fn no_name_escapes_the_root(parts in proptest::collection::vec(
            proptest::sample::select(vec!["..", ".", "a.txt", "sub", "b.txt", "up", "link.txt", "/", "C:", "\\", "secret.txt", ""]),
            1..8,
        )) {
            let (tmp, root) = folder();
            #[cfg(unix)]
            {
                let _ = std::os::unix::fs::symlink(tmp.path(), root.dir().join("up"));
                let _ = std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.dir().join("link.txt"));
            }
            let written = parts.join("/");
            for base in [root.dir().to_owned(), root.dir().join("sub")] {
                if let Ok(path) = root.resolve(&base, &written) {
                    proptest::prop_assert!(path.starts_with(root.dir()), "{written} gave {}", path.display());
                    let bytes = root.read(&base, &written, 100).unwrap();
                    proptest::prop_assert_ne!(bytes, b"secret".to_vec());
                }
            }
        }
    }
}
