//! The names of a folder's output files: every document's files named
//! after it, none empty, none taken twice, none taken from a pack.

use crate::build::Failure;
use crate::build::folder::{Folder, State};
use crate::input::Diagnostic;

/// Fails each document whose files would have no name, or the name of an
/// earlier document's files or of a pack's.
pub(crate) fn check(folder: &mut Folder) {
    let mut taken: Vec<(String, String)> = Vec::new();
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
            Some(
                Diagnostic::file(&planned.path, format!("a second document writes `{}`", planned.stem))
                    .with_hint(format!("{first} has that name; rename one of them")),
            )
        } else {
            taken.push((stem, format!("`{}`", planned.path.display())));
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
