//! A committee's papers: the cover report with its standard headings, the
//! appendices that go with it, and the committee's work programme. Each is
//! read from YAML, checked, and turned into the view its template renders.

pub mod appendix;
pub mod programme;
pub mod report;

use std::path::Path;

use serde::Serialize;
use serde_saphyr::Spanned;

pub use appendix::{Appendix, AppendixSection};
pub use programme::{ProgrammeItem, ProgrammeMeeting, WorkProgramme};
pub use report::{AppendixFile, CommitteeReport};

use crate::input::Diagnostic;
use crate::input::council::Style;
use crate::kinds::Table;
use crate::kinds::parts::problem_at;

/// A heading over a plain list.
#[derive(Debug, Serialize)]
struct Listing {
    heading: String,
    items: Vec<String>,
}

impl Listing {
    fn new(style: &Style, key: &str, items: Vec<String>) -> Self {
        Self { heading: style.heading(key), items }
    }
}

fn empty_title(path: &Path, text: &str, title: &Spanned<String>) -> Option<Diagnostic> {
    title.value.trim().is_empty().then(|| problem_at(path, text, title, "the title is empty"))
}

/// What is wrong with `table`'s shape, reported at `at`: the table, or the
/// paragraph that holds it.
fn table_problem<T>(path: &Path, text: &str, at: &Spanned<T>, table: Option<&Table>) -> Option<Diagnostic> {
    let message = table?.problem()?;
    Some(problem_at(path, text, at, message).with_hint(crate::kinds::parts::TABLE_HINT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_every_key_in_the_json_schema() {
        let schemas = [
            schemars::schema_for!(CommitteeReport),
            schemars::schema_for!(Appendix),
            schemars::schema_for!(WorkProgramme),
        ];
        for schema in schemas {
            let schema = schema.as_value();
            assert_eq!(schema["additionalProperties"], false);
            for (key, property) in schema["properties"].as_object().unwrap() {
                let description = property["description"].as_str().unwrap_or_default();
                assert!(!description.is_empty(), "`{key}` has no description");
            }
        }
    }
}
