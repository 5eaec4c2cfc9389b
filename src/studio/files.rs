//! The served folder's files as the studio shows and saves them: named by
//! their path inside the folder, never outside it (links followed), read
//! and written whole, and saved only over the version the editor was
//! given, so that a change made meanwhile on disk is never lost.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::input::discover::{discover, kind_line, top_level};
use crate::input::files::{Root, YAML_LIMIT, read_regular};
use crate::input::{Diagnostic, is_yaml, same_file};
use crate::kinds;

/// Why a file cannot be read or saved, as the studio tells it.
#[derive(Debug)]
pub enum Refused {
    /// The name is outside the folder, or not a YAML file, or missing.
    NotFound(String),
    /// The text is not what a YAML file may hold.
    Invalid(String),
    /// The text is more than a YAML file may hold.
    TooLarge(String),
    /// The file changed on disk since the editor read it: its text now.
    Changed { text: String, version: String },
    /// The disk would not do it.
    Failed(String),
}

/// The served folder.
pub struct Folder {
    root: Root,
}

impl Folder {
    pub fn new(dir: &Path) -> Self {
        Self { root: Root::at(dir) }
    }

    /// The folder, links followed.
    pub fn dir(&self) -> &Path {
        self.root.dir()
    }

    /// The YAML file named `name` inside the folder.
    pub fn resolve(&self, name: &str) -> Result<PathBuf, Refused> {
        let refused = || Refused::NotFound(format!("there is no YAML file `{name}` in the folder"));
        if !is_yaml(Path::new(name)) {
            return Err(refused());
        }
        self.root.resolve(self.root.dir(), name).map_err(|_| refused())
    }

    /// The name of `path` inside the folder, with `/` between its parts.
    pub fn name_of(&self, path: &Path) -> Option<String> {
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        let inside = real.strip_prefix(self.root.dir()).ok()?;
        let parts: Vec<String> =
            inside.components().map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
        Some(parts.join("/"))
    }

    /// The text of the file named `name`, and its version.
    pub fn read(&self, name: &str) -> Result<(String, String), Refused> {
        let path = self.resolve(name)?;
        let bytes = read_regular(&path, YAML_LIMIT)
            .map_err(|refusal| Refused::Failed(refusal.message("file", name)))?;
        let version = version(&bytes);
        let text = String::from_utf8(bytes).map_err(|_| {
            Refused::Invalid(format!("`{name}` is not UTF-8 text: save it as UTF-8 in another editor first"))
        })?;
        Ok((text, version))
    }

    /// Saves `text` as the file named `name`, unless it changed on disk
    /// since `base`, the version the text was made from; `force` saves over
    /// it all the same, when the officer has seen both and chosen theirs.
    pub fn save(&self, name: &str, text: &str, base: &str, force: bool) -> Result<String, Refused> {
        if text.len() as u64 > YAML_LIMIT {
            return Err(Refused::TooLarge("the text is more than the 4 MB a YAML file may hold".to_owned()));
        }
        let path = self.resolve(name)?;
        // One save at a time: the version on disk cannot change between
        // looking at it and replacing it, but by another program.
        static SAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _saving = SAVING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (disk, disk_version) = self.read(name)?;
        if !force && disk_version != base {
            return Err(Refused::Changed { text: disk, version: disk_version });
        }
        crate::build::output::write_atomic(&path, text.as_bytes())
            .map_err(|error| Refused::Failed(format!("cannot save `{name}`: {error:#}")))?;
        Ok(version(text.as_bytes()))
    }

    /// The folders and their files, as the studio's list shows them, each
    /// file with how many of `problems` are errors and warnings in it.
    pub fn tree(&self, problems: &[Diagnostic]) -> Value {
        let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
        for problem in problems {
            let Some(name) = self.name_of(&problem.path) else { continue };
            let count = counts.entry(name).or_default();
            if problem.warning { count.1 += 1 } else { count.0 += 1 }
        }
        let entry =
            |path: String, kind: &str, schema: Option<&str>, title: Option<String>, document: bool| {
                let (errors, warnings) = counts.get(&path).copied().unwrap_or_default();
                let mut value = entry(path, kind, schema, title, document);
                value["errors"] = json!(errors);
                value["warnings"] = json!(warnings);
                value
            };
        let dir = self.root.dir();
        let found = discover(dir).unwrap_or_default();
        let mut folders: Vec<Value> = Vec::new();
        let mut councils_listed: Vec<PathBuf> = Vec::new();
        for folder in &found {
            let mut files: Vec<Value> = Vec::new();
            if let Some(council) = crate::input::council::Settings::file_for(&folder.dir)
                && !councils_listed.iter().any(|listed| same_file(listed, &council))
                && let Some(name) = self.name_of(&council)
            {
                councils_listed.push(council);
                files.push(entry(name, "council", Some("council"), None, false));
            }
            let meeting = folder.meeting.as_ref();
            if let Some(meeting) = meeting
                && let Some(name) = self.name_of(&meeting.path)
            {
                let text = meeting.text.as_deref().unwrap_or_default();
                let inline = text.lines().any(|line| line.starts_with("reports:"));
                files.push(entry(name, "meeting", Some("meeting"), top_value(text, "date"), inline));
            }
            for file in &folder.files {
                let Some(name) = self.name_of(&file.path) else { continue };
                let text = file.text.as_deref().unwrap_or_default();
                let (kind, schema) = kind_of(text, meeting.is_some());
                let title = top_value(text, "title").or_else(|| top_value(text, "portfolio"));
                files.push(entry(name, &kind, schema.as_deref(), title, kind != "kpis"));
            }
            let path = self.name_of(&folder.dir).unwrap_or_default();
            folders.push(json!({ "name": folder.name, "path": path, "files": files }));
        }
        let name = dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        json!({ "root": name, "folders": folders })
    }
}

/// A file's version: a digest of its bytes.
pub fn version(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..12].iter().map(|byte| format!("{byte:02x}")).collect()
}

fn entry(path: String, kind: &str, schema: Option<&str>, title: Option<String>, document: bool) -> Value {
    let name = path.rsplit('/').next().unwrap_or_default().to_owned();
    json!({ "path": path, "name": name, "kind": kind, "schema": schema, "title": title, "document": document })
}

/// What a file of a folder is, and the schema it is written to.
fn kind_of(text: &str, in_meeting: bool) -> (String, Option<String>) {
    if let Some((_, _, name)) = kind_line(text) {
        let schema = kinds::by_name(name).map(|kind| crate::schema::name(kind).to_owned());
        return (name.to_owned(), schema);
    }
    let has = |key: &str| text.lines().any(|line| line.starts_with(key));
    if in_meeting && has("kpis:") && !has("portfolio:") {
        return ("kpis".to_owned(), Some("kpis".to_owned()));
    }
    ("report".to_owned(), Some("report".to_owned()))
}

/// The value of a top-level `key:` written on one line, when it has one.
fn top_value(text: &str, key: &str) -> Option<String> {
    let (_, _, value) = top_level(text, key)?;
    let value = value.trim();
    (!value.is_empty() && !value.starts_with(['|', '>'])).then(|| value.to_owned())
}

/// The names every schema is known by in the studio, with its JSON.
pub fn schemas() -> Value {
    let map = crate::schema::all()
        .into_iter()
        .filter_map(|(file, text)| {
            let name = file.strip_suffix(".schema.json")?.to_owned();
            Some((name, serde_json::from_str::<Value>(&text).ok()?))
        })
        .collect::<serde_json::Map<String, Value>>();
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_only_yaml_files_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("meeting")).unwrap();
        std::fs::write(dir.path().join("meeting/report.yaml"), "portfolio: x\n").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "no").unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("other.yaml"), "a: 1\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path().join("other.yaml"), dir.path().join("meeting/link.yaml"))
            .unwrap();
        let folder = Folder::new(&dir.path().join("meeting").join(".."));
        assert!(folder.read("meeting/report.yaml").is_ok());
        for name in [
            "secret.txt",
            "../other.yaml",
            "meeting/../../other.yaml",
            "/etc/passwd",
            "meeting/link.yaml",
            "meeting/none.yaml",
            "",
        ] {
            assert!(matches!(folder.read(name), Err(Refused::NotFound(_))), "{name}");
        }
        let absolute = outside.path().join("other.yaml");
        assert!(matches!(folder.read(&absolute.to_string_lossy()), Err(Refused::NotFound(_))));
    }

    #[test]
    fn saves_only_over_the_version_it_was_given() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("report.yaml"), "portfolio: one\n").unwrap();
        let folder = Folder::new(dir.path());
        let (_, first) = folder.read("report.yaml").unwrap();
        let second = folder.save("report.yaml", "portfolio: two\n", &first, false).unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("report.yaml")).unwrap(), "portfolio: two\n");
        match folder.save("report.yaml", "portfolio: three\n", &first, false) {
            Err(Refused::Changed { text, version }) => {
                assert_eq!(text, "portfolio: two\n");
                assert_eq!(version, second);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(std::fs::read_to_string(dir.path().join("report.yaml")).unwrap(), "portfolio: two\n");
        folder.save("report.yaml", "portfolio: three\n", &first, true).unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("report.yaml")).unwrap(), "portfolio: three\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["report.yaml"]);
    }
}
