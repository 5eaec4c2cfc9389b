//! Finding the folders under a path: meeting folders (a `meeting.yaml`
//! and a YAML file per portfolio), folders of documents that name their
//! `kind:`, a self-contained meeting file, or one document named alone.
//! Every YAML file found is read here, once.

use std::path::{Path, PathBuf};

use crate::input::council::{COUNCIL_FILE, Settings};
use crate::input::files::Root;
use crate::input::{Diagnostic, folder_of, is_yaml, list, read_text};

/// The name of the file that describes a meeting in a meeting folder.
pub const MEETING_FILE: &str = "meeting.yaml";

/// A folder found under the path a run was given.
#[derive(Debug, Clone)]
pub struct Found {
    /// The name of its output folder.
    pub name: String,
    /// The folder its files are in.
    pub dir: PathBuf,
    /// The folder every file it reads must be inside.
    pub root: Root,
    /// Its `meeting.yaml`, or a self-contained meeting file, with its text.
    pub meeting: Option<File>,
    /// Its other YAML files, in name order: each a document, unless the
    /// meeting names it as a KPI file.
    pub files: Vec<File>,
    /// Only one document was asked for: no folder products are made and the
    /// folder's record of what it was made from is kept.
    pub partial: bool,
}

/// A YAML file and its text, or why it could not be read.
#[derive(Debug, Clone)]
pub struct File {
    /// Where it is.
    pub path: PathBuf,
    /// What it says.
    pub text: Result<String, Diagnostic>,
}

impl File {
    /// Reads a YAML file found in a folder under `root`.
    fn read(path: &Path, root: &Root) -> Self {
        let text = match root.check(path) {
            Ok(_) => read_text(path),
            Err(refusal) => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                Err(Diagnostic::file(path, refusal.message("file", &name)).with_hint(refusal.hint()))
            }
        };
        Self { path: path.to_owned(), text }
    }

    /// Whether the file names a `kind:` at its top level.
    pub fn declares_kind(&self) -> bool {
        self.text.as_deref().is_ok_and(|text| kind_line(text).is_some())
    }
}

/// The top-level `kind:` of a YAML text: its 1-based line and column and
/// its value, unquoted.
pub fn kind_line(text: &str) -> Option<(usize, usize, &str)> {
    top_level(text, "kind")
}

/// The first top-level `key:` of a YAML text written on one line: its
/// 1-based line and column and its value, unquoted, without a comment.
pub fn top_level<'t>(text: &'t str, key: &str) -> Option<(usize, usize, &'t str)> {
    text.lines().enumerate().find_map(|(index, line)| {
        let value = line.strip_prefix(key)?.strip_prefix(':')?;
        let column = line.len() - value.trim_start().len() + 1;
        let value = value.split(" #").next().unwrap_or_default().trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        Some((index + 1, column, value))
    })
}

/// The folders under `path`. Fails only when there is nothing to read.
pub fn discover(path: &Path) -> Result<Vec<Found>, Diagnostic> {
    if path.is_file() {
        return Ok(vec![alone(path)]);
    }
    if !path.is_dir() {
        // A device or a pipe named on the command line is not read either.
        let message = match exists(path) {
            true => "this is neither a file nor a folder",
            false => "there is no such file or folder",
        };
        return Err(Diagnostic::file(path, message));
    }
    if let Some(found) = folder(path)? {
        return Ok(vec![found]);
    }
    let mut found = Vec::new();
    for entry in list(path)?.into_iter().filter(|entry| entry.is_dir()) {
        found.extend(folder(&entry)?);
    }
    if found.is_empty() {
        return Err(Diagnostic::file(path, "no meeting or documents found here").with_hint(format!(
            "a meeting folder holds `{MEETING_FILE}` and one YAML file per portfolio; a folder of documents holds YAML files that start with `kind:`"
        )));
    }
    Ok(found)
}

/// A meeting folder, or a folder with documents that name a kind.
fn folder(dir: &Path) -> Result<Option<Found>, Diagnostic> {
    let root = root_of(dir);
    let meeting = dir.join(MEETING_FILE);
    // A `meeting.yaml` that is not a file is read to say so.
    let meeting = exists(&meeting).then(|| File::read(&meeting, &root));
    let files = yaml_files(dir, &root)?;
    // A file that could not be read may be a document: say why.
    if meeting.is_none() && !files.iter().any(|file| file.declares_kind() || file.text.is_err()) {
        return Ok(None);
    }
    Ok(Some(Found { name: folder_name(dir), dir: dir.to_owned(), root, meeting, files, partial: false }))
}

/// One file named on its own: a meeting's `meeting.yaml` (the whole
/// meeting), one document of a folder, or a self-contained meeting file.
fn alone(path: &Path) -> Found {
    let dir = folder_of(path);
    let root = root_of(dir);
    let meeting_file = dir.join(MEETING_FILE);
    if path.file_name().is_some_and(|name| name == MEETING_FILE) {
        let files = yaml_files(dir, &root).unwrap_or_default();
        return Found {
            name: folder_name(dir),
            dir: dir.to_owned(),
            meeting: Some(File::read(path, &root)),
            root,
            files,
            partial: false,
        };
    }
    let file = File::read(path, &root);
    let in_meeting = exists(&meeting_file);
    if in_meeting || file.declares_kind() {
        let meeting = in_meeting.then(|| File::read(&meeting_file, &root));
        return Found {
            name: folder_name(dir),
            dir: dir.to_owned(),
            root,
            meeting,
            files: vec![file],
            partial: true,
        };
    }
    let name =
        path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "report".to_owned());
    Found { name, dir: dir.to_owned(), root, meeting: Some(file), files: Vec::new(), partial: false }
}

/// The YAML files of a folder that may be documents, read.
fn yaml_files(dir: &Path, root: &Root) -> Result<Vec<File>, Diagnostic> {
    let paths = list(dir)?;
    // A pipe or a device named like YAML is not a document: skip it rather
    // than block on it. A link is followed, and refused if it leads out.
    let documents = paths.iter().filter(|path| {
        is_yaml(path)
            && (path.is_file() || path.is_symlink())
            && path.file_name().is_some_and(|n| n != MEETING_FILE && n != COUNCIL_FILE)
    });
    Ok(documents.map(|path| File::read(path, root)).collect())
}

/// Whether anything, even a pipe or a broken link, has this name.
fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The root of the folder `dir`: where its council's settings are, or the
/// folder itself.
fn root_of(dir: &Path) -> Root {
    let top = Settings::file_for(dir).map(|file| folder_of(&file).to_owned());
    Root::at(top.as_deref().unwrap_or(dir))
}

fn folder_name(path: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    absolute.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "meeting".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_top_level_kind_and_its_place() {
        assert_eq!(kind_line("# c\nkind: agenda # the pack\n"), Some((2, 7, "agenda")));
        assert_eq!(kind_line("kind: \"appendix\"\n"), Some((1, 7, "appendix")));
        assert_eq!(kind_line("items:\n  kind: x\n"), None);
    }

    #[test]
    fn finds_a_half_made_meeting_beside_whole_ones() {
        let root = tempfile::tempdir().unwrap();
        for name in ["a", "b"] {
            std::fs::create_dir(root.path().join(name)).unwrap();
            std::fs::write(root.path().join(name).join(MEETING_FILE), "council: C\n").unwrap();
        }
        std::fs::write(root.path().join("a/report.yaml"), "portfolio: P\n").unwrap();
        let found = discover(root.path()).unwrap();
        let names: Vec<_> = found.iter().map(|f| (f.name.as_str(), f.files.len())).collect();
        assert_eq!(names, [("a", 1), ("b", 0)]);
    }
}
