//! Text not yet saved, read in place of its file: the studio checks and
//! previews what an officer is typing without writing it to disk.
//!
//! The text stands in for its file only on the thread that asked, and only
//! while the closure given to [`read_instead`] runs: planning a folder reads
//! every file on the calling thread, so the folder is read exactly as it
//! would be were the text saved.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

thread_local! {
    static UNSAVED: RefCell<Option<(PathBuf, String)>> = const { RefCell::new(None) };
}

/// Runs `work` with `text` read in place of the file at `path`.
pub fn read_instead<R>(path: &Path, text: &str, work: impl FnOnce() -> R) -> R {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let previous = UNSAVED.with(|unsaved| unsaved.replace(Some((path, text.to_owned()))));
    // Put back what was there even if `work` panics, so that the text never
    // outlives the call.
    struct Restore(Option<(PathBuf, String)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            UNSAVED.with(|unsaved| unsaved.replace(previous));
        }
    }
    let _restore = Restore(previous);
    work()
}

/// The unsaved text that stands in for the file at `path`, if any.
pub(crate) fn text_of(path: &Path) -> Option<String> {
    UNSAVED.with(|unsaved| {
        let unsaved = unsaved.borrow();
        let (file, text) = unsaved.as_ref()?;
        let path = std::fs::canonicalize(path).ok()?;
        (path == *file).then(|| text.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::read_text;

    #[test]
    fn the_text_stands_in_for_its_file_only_while_asked() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("report.yaml");
        let other = dir.path().join("other.yaml");
        std::fs::write(&file, "saved: 1\n").unwrap();
        std::fs::write(&other, "other: 1\n").unwrap();
        let seen = read_instead(&file, "typed: 2\n", || {
            (read_text(&dir.path().join(".").join("report.yaml")).unwrap(), read_text(&other).unwrap())
        });
        assert_eq!(seen, ("typed: 2\n".to_owned(), "other: 1\n".to_owned()));
        assert_eq!(read_text(&file).unwrap(), "saved: 1\n");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "saved: 1\n");
    }
}
