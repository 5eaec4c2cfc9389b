//! The manifest of an output folder: what each document's files and each
//! pack were made from, so that nothing whose inputs have not changed is
//! made again.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's file name, in each output folder.
pub const FILE: &str = ".exec-report-manifest.json";

/// What the files of an output folder were made from.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    /// Each document's entry, by its key (its source file name).
    pub documents: BTreeMap<String, Entry>,
    /// Each pack's entry, by the name of the kind that makes it.
    pub packs: BTreeMap<String, Entry>,
    /// What the folder's documents go to, as the index page's heading:
    /// "County Council, 19 July 2016".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub heading: String,
    /// The council whose documents they are.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub council: String,
}

/// The inputs' fingerprint and the files made from them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    /// A hash of everything the files depend on.
    pub inputs: String,
    /// The output files' names and sizes.
    pub files: Vec<(String, u64)>,
    /// The document's title, for the index page.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The stem of the document's own files.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub stem: String,
}

impl Manifest {
    /// Reads the manifest of `folder`; a missing or unreadable one is empty,
    /// which only means everything is rendered again.
    pub fn read(folder: &Path) -> Self {
        std::fs::read(folder.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the manifest into `folder`, atomically.
    pub fn write(&self, folder: &Path) -> anyhow::Result<()> {
        let json = serde_json::to_vec_pretty(self)?;
        crate::build::output::write_atomic(&folder.join(FILE), &json)
    }
}

impl Entry {
    /// An entry for files just written into `folder`.
    pub fn new(inputs: String, folder: &Path, names: impl IntoIterator<Item = String>) -> Self {
        let files = names
            .into_iter()
            .map(|name| {
                let size = std::fs::metadata(folder.join(&name)).map(|m| m.len()).unwrap_or(0);
                (name, size)
            })
            .collect();
        Self { inputs, files, title: String::new(), stem: String::new() }
    }

    /// The entry, with the title and stem of the document it is for.
    pub fn of(mut self, title: &str, stem: &str) -> Self {
        self.title = title.to_owned();
        self.stem = stem.to_owned();
        self
    }

    /// Whether this entry was made from `inputs` and its files are still in
    /// `folder` as they were written.
    pub fn is_current(&self, inputs: &str, folder: &Path) -> bool {
        self.inputs == inputs
            && !self.files.is_empty()
            && self.files.iter().all(|(name, size)| {
                std::fs::metadata(folder.join(name)).is_ok_and(|m| m.is_file() && m.len() == *size)
            })
    }
}

/// A hash of several inputs, each length-prefixed so that moving bytes
/// from one input to the next changes the hash.
#[derive(Default, Clone)]
pub struct Fingerprint(Sha256);

impl Fingerprint {
    /// Adds one input.
    pub fn with(mut self, bytes: impl AsRef<[u8]>) -> Self {
        let bytes = bytes.as_ref();
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// The hash, as hexadecimal.
    pub fn finish(self) -> String {
        self.0.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_inputs_in_the_fingerprint() {
        let ab = Fingerprint::default().with("ab").with("c").finish();
        let a_bc = Fingerprint::default().with("a").with("bc").finish();
        assert_ne!(ab, a_bc);
        assert_eq!(ab, Fingerprint::default().with("ab").with("c").finish());
    }

    #[test]
    fn is_current_only_while_inputs_and_files_are_unchanged() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("a.md"), "report").unwrap();
        let entry = Entry::new("h1".into(), folder.path(), ["a.md".to_owned()]);
        assert!(entry.is_current("h1", folder.path()));
        assert!(!entry.is_current("h2", folder.path()));
        std::fs::write(folder.path().join("a.md"), "changed by hand").unwrap();
        assert!(!entry.is_current("h1", folder.path()));
        std::fs::remove_file(folder.path().join("a.md")).unwrap();
        assert!(!entry.is_current("h1", folder.path()));
    }

    #[test]
    fn reads_a_missing_or_broken_manifest_as_empty() {
        let folder = tempfile::tempdir().unwrap();
        assert_eq!(Manifest::read(folder.path()), Manifest::default());
        std::fs::write(folder.path().join(FILE), "{ not json").unwrap();
        assert_eq!(Manifest::read(folder.path()), Manifest::default());
    }
}
