//! The names of a folder's output files: every document's files named
//! after it, none empty, none taken twice, none taken from a pack.

use crate::build::Failure;
use crate::build::folder::{Folder, Planned, State};
use crate::input::Diagnostic;
use crate::kinds::executive;
use crate::kinds::parts::problem_at;
use crate::render::INDEX_PAGE;

/// Fails each document whose files would have no name, or the name of an
/// earlier document's files or of a pack's.
pub(crate) fn check(folder: &mut Folder) {
    let mut taken: Vec<(String, String)> =
        vec![(stem_of(INDEX_PAGE), format!("the folder's `{INDEX_PAGE}`"))];
    for planned in &folder.documents {
        let packs = planned.kind.pack.filter(|_| planned.known_kind);
        for name in packs.map(|pack| pack.names()).unwrap_or_default() {
            let stem = stem_of(name);
            if !taken.iter().any(|(taken, _)| *taken == stem) {
                taken.push((stem, format!("the folder's `{name}`")));
            }
        }
    }
    for planned in &mut folder.documents {
        if matches!(planned.state, State::Failed(_)) || planned.document.is_none() {
            continue;
        }
        let stem = planned.stem.to_lowercase();
        let problem = if stem.is_empty() {
            Some(
                Diagnostic::file(&planned.path, "the name of this document's files has no letters or digits")
                    .with_hint(
                        "a report's files are named after its portfolio, other documents' after their file",
                    ),
            )
        } else if let Some((_, first)) = taken.iter().find(|(name, _)| *name == stem) {
            // A report is named after its portfolio, other documents after
            // their file.
            let message = format!("this document's files would be named `{}`, as {first} is", planned.stem);
            let report = planned
                .document
                .as_deref()
                .and_then(|document| (document as &dyn std::any::Any).downcast_ref::<executive::Report>());
            let problem = match report {
                Some(report) => problem_at(&planned.path, &planned.text, &report.portfolio, message),
                None => Diagnostic::file(&planned.path, message),
            };
            Some(problem.with_hint("rename one of them: a report's files take its portfolio's name, other documents' their file's"))
        } else {
            let file = planned
                .path
                .file_name()
                .map_or_else(|| planned.key.clone(), |n| n.to_string_lossy().into_owned());
            taken.push((stem, format!("`{file}`")));
            None
        };
        if let Some(problem) = problem {
            planned.state = State::Failed(Failure::of(&planned.path, &[problem]));
        }
    }
}

/// A file name without its extension, as compared: case folded, since some
/// file systems do not tell case apart.
fn stem_of(name: &str) -> String {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_lowercase()
}

/// The extensions of the files named after a document's stem.
const OWN: [&str; 5] = ["md", "pdf", "html", "docx", "typ"];

/// A file name a document takes in the output folder.
struct Claim {
    /// The name, case folded.
    key: String,
    /// The document, by its index in the folder.
    by: usize,
    /// What the file holds: a document's own Markdown and PDF are unlike
    /// any other file; a chart or an image may be the same as another's.
    content: Option<u64>,
}

/// Fails each document one of whose files (charts and images beside its
/// Markdown) would take the name of another file of the folder with other
/// content. The same image shown by two documents is one file. A document
/// left unchanged keeps the files its last run wrote.
pub(crate) fn check_files(folder: &mut Folder) {
    let keys: Vec<String> = folder.documents.iter().map(|planned| planned.key.clone()).collect();
    let mut taken: Vec<Claim> = Vec::new();
    for (by, planned) in folder.documents.iter().enumerate() {
        if !matches!(planned.state, State::Unchanged) || planned.rendering.is_some() {
            continue;
        }
        let recorded = folder.manifest.documents.get(&planned.key).map(|entry| entry.files.clone());
        for (name, _) in recorded.unwrap_or_default() {
            // Only a chart or an image may be shared, and is read to compare.
            let content = match is_own(&name, &planned.stem) {
                true => None,
                false => std::fs::read(folder.out.join(&name)).ok().map(|bytes| hash(&bytes)),
            };
            taken.push(Claim { key: name.to_lowercase(), by, content });
        }
    }
    for (by, planned) in folder.documents.iter_mut().enumerate() {
        let Some(rendering) = &planned.rendering else { continue };
        let own = OWN.map(|extension| (format!("{}.{extension}", planned.stem), None));
        let files = rendering.files.iter().map(|(name, bytes)| (name.clone(), Some(hash(bytes))));
        let mut problems = Vec::new();
        let mut mine: Vec<Claim> = Vec::new();
        for (name, content) in own.into_iter().chain(files) {
            let key = name.to_lowercase();
            match taken.iter().chain(&mine).find(|claim| claim.key == key) {
                Some(claim) if content.is_some() && claim.content == content => {}
                Some(claim) => {
                    let other = if claim.by == by {
                        "this document".to_owned()
                    } else {
                        format!("`{}`", keys[claim.by])
                    };
                    problems.push(clash(planned, &name, &other));
                }
                None => mine.push(Claim { key, by, content }),
            }
        }
        if problems.is_empty() {
            taken.extend(mine);
        } else {
            planned.state = State::Failed(Failure::of(&planned.path, &problems));
            planned.rendering = None;
        }
    }
}

/// Whether `name` is one of the files named after the document's stem.
fn is_own(name: &str, stem: &str) -> bool {
    OWN.iter().any(|extension| name == format!("{stem}.{extension}"))
}

/// The problem of a document whose file `name` another file, of `other`,
/// would take: at the image that names it, or the KPI a chart is named
/// after.
fn clash(planned: &Planned, name: &str, other: &str) -> Diagnostic {
    let source = crate::input::Source { path: &planned.path, text: &planned.text };
    let bare = name.rsplit_once('.').map_or(name, |(bare, _)| bare);
    let kpi = bare.strip_prefix(&format!("{}-", planned.stem)).unwrap_or(bare);
    let written = [name, kpi].into_iter().find(|text| planned.text.contains(*text));
    source
        .error_at_text(
            written.unwrap_or_default(),
            format!("two different files would be written as `{name}`"),
        )
        .with_hint(format!("{other} writes a file of that name too; give one of them another name"))
}

fn hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}
