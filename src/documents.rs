//! Documents of the other kinds: a cabinet update, a report to scrutiny,
//! a committee report with its appendices, a work programme and an agenda.
//! Each is one YAML file that names its `kind:`.

use std::path::Path;

use anyhow::Result;

use crate::diagnostic::InputErrors;
use crate::kinds::{self, Described, Document, Head, Kind};
use crate::load;
use crate::model::Style;
use crate::render::Templates;

/// A document rendered to Markdown.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Its kind.
    pub kind: Kind,
    /// Its Markdown.
    pub markdown: String,
    /// What its PDF needs to know.
    pub described: Described,
}

/// The kind a document's `kind:` names, if it names one.
pub fn kind_of(path: &Path, text: &str) -> Result<Option<Kind>, crate::diagnostic::Diagnostic> {
    let head: Head = load::parse(path, text)?;
    Ok(head.kind.map(|kind| kind.value))
}

/// Reads, checks and renders the document at `path` with `text`, in the
/// council's `style`.
pub fn render(templates: &Templates, path: &Path, text: &str, kind: Kind, style: &Style) -> Result<Rendered> {
    match kind {
        Kind::CabinetUpdate => {
            render_as::<kinds::cabinet_update::CabinetUpdate>(templates, path, text, kind, style)
        }
        Kind::ScrutinyReport => {
            render_as::<kinds::scrutiny::ScrutinyReport>(templates, path, text, kind, style)
        }
        Kind::CommitteeReport => {
            render_as::<kinds::committee::CommitteeReport>(templates, path, text, kind, style)
        }
        Kind::Appendix => render_as::<kinds::committee::Appendix>(templates, path, text, kind, style),
        Kind::WorkProgramme => {
            render_as::<kinds::committee::WorkProgramme>(templates, path, text, kind, style)
        }
        Kind::Agenda => render_as::<kinds::agenda::Agenda>(templates, path, text, kind, style),
    }
}

fn render_as<T: Document>(
    templates: &Templates,
    path: &Path,
    text: &str,
    kind: Kind,
    style: &Style,
) -> Result<Rendered> {
    let document: T = load::parse(path, text).map_err(|problem| InputErrors(vec![problem]))?;
    let problems = document.check(path, text);
    if !problems.is_empty() {
        return Err(InputErrors(problems).into());
    }
    let view = document
        .view(style)
        .map_err(|message| InputErrors(vec![crate::diagnostic::Diagnostic::file(path, message)]))?;
    let markdown = templates.render_named(&kind.template(), &view)?;
    Ok(Rendered { kind, markdown, described: document.describe(style) })
}

/// Renders one document file to Markdown with the built-in templates and
/// the council settings beside it or in the folder above.
pub fn render_file(path: &Path) -> Result<Rendered> {
    let text = load::read_text(path).map_err(|problem| InputErrors(vec![problem]))?;
    let (council, _) = load::council_settings(path).map_err(|problem| InputErrors(vec![problem]))?;
    let kind = kind_of(path, &text).map_err(|problem| InputErrors(vec![problem]))?.ok_or_else(|| {
        InputErrors(vec![crate::diagnostic::Diagnostic::file(path, "this file names no `kind:`")])
    })?;
    render(&Templates::load(None)?, path, &text, kind, &council.style())
}
