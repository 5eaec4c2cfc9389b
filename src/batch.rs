//! The batch stage: every report of every meeting under a path, rendered
//! together and written only when all of them succeeded.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::diagnostic::{Diagnostic, InputErrors};
use crate::load::{self, MeetingInput, ReportInput};
use crate::pdf::{self, Document, Meta};
use crate::render::Templates;
use crate::view::ReportView;
use crate::words::{long_date, slug};
use crate::{output, typeset};

/// The kinds of file a build can write for each report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// The Markdown report.
    pub markdown: bool,
    /// The typeset PDF.
    pub pdf: bool,
    /// The generated Typst source, for a theme author to inspect.
    pub typst: bool,
}

/// What a build or check run is asked to do, validated.
#[derive(Debug, Clone)]
pub struct Options {
    /// A meeting folder, a folder of meeting folders, or a report file.
    pub input: PathBuf,
    /// The folder that receives one folder per meeting.
    pub out: PathBuf,
    /// Which files to write.
    pub formats: Formats,
    /// A council's template folder, overriding built-ins by name.
    pub templates: Option<PathBuf>,
}

/// One file a run produced, ready to be written.
pub struct Rendered {
    /// Where it goes.
    pub path: PathBuf,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// One report's files.
pub struct RenderedReport {
    /// The YAML file the report came from.
    pub source: PathBuf,
    /// The files rendered from it.
    pub files: Vec<Rendered>,
}

/// Loads and renders every report, returning the files to write. Writes
/// nothing: a caller that only checks stops here.
pub fn render_all(options: &Options) -> Result<Vec<RenderedReport>> {
    let templates = Templates::load(options.templates.as_deref())?;
    let meetings = load::load(&options.input)?;
    check_unique_names(&meetings)?;
    let mut reports = Vec::new();
    for meeting in &meetings {
        for report in &meeting.reports {
            let files = render_report(&templates, meeting, report, options)
                .with_context(|| format!("cannot render `{}`", report.path.display()))?;
            reports.push(RenderedReport { source: report.path.clone(), files });
        }
    }
    Ok(reports)
}

/// Renders everything, then writes every file; returns what was written.
pub fn build(options: &Options) -> Result<Vec<PathBuf>> {
    let reports = render_all(options)?;
    let files: Vec<Rendered> = reports.into_iter().flat_map(|report| report.files).collect();
    for file in &files {
        output::write_atomic(&file.path, &file.bytes)?;
    }
    Ok(files.into_iter().map(|file| file.path).collect())
}

fn render_report(
    templates: &Templates,
    meeting: &MeetingInput,
    input: &ReportInput,
    options: &Options,
) -> Result<Vec<Rendered>> {
    let report = &input.report;
    let view = ReportView::new(&meeting.meeting, report);
    let markdown = templates.render(&view)?;
    let base = options.out.join(&meeting.name).join(slug(&report.portfolio));
    let mut files = Vec::new();
    if options.formats.pdf || options.formats.typst {
        let body = typeset::markdown_to_typst(&markdown);
        let meta = meta(meeting, input);
        let document =
            Document { body: &body, theme: templates.theme(), meta: &meta, assets: input.path.parent() };
        if options.formats.typst {
            files.push(Rendered {
                path: base.with_extension("typ"),
                bytes: pdf::source(&document).into_bytes(),
            });
        }
        if options.formats.pdf {
            files.push(Rendered { path: base.with_extension("pdf"), bytes: pdf::typeset(&document)? });
        }
    }
    if options.formats.markdown {
        files.push(Rendered { path: base.with_extension("md"), bytes: markdown.into_bytes() });
    }
    Ok(files)
}

fn meta(meeting: &MeetingInput, input: &ReportInput) -> Meta {
    let council = &meeting.meeting;
    let report = &input.report;
    Meta {
        title: format!("{}: Executive Member report", report.portfolio),
        subtitle: format!("{}, {}", council.meeting.body, long_date(council.meeting.date)),
        council: council.council.clone(),
        author: report.member.name.clone(),
        date: council.meeting.date,
        ident: format!("{}/{}", meeting.name, slug(&report.portfolio)),
    }
}

/// Two reports of one meeting must not write the same file.
fn check_unique_names(meetings: &[MeetingInput]) -> Result<(), InputErrors> {
    let mut problems = Vec::new();
    for meeting in meetings {
        let mut seen: HashMap<String, &ReportInput> = HashMap::new();
        for report in &meeting.reports {
            let name = slug(&report.report.portfolio);
            if name.is_empty() {
                problems.push(
                    Diagnostic::file(&report.path, "the portfolio's name has no letters or digits")
                        .with_hint("the report's files are named after its portfolio"),
                );
            } else if let Some(first) = seen.insert(name, report) {
                problems.push(
                    Diagnostic::file(
                        &report.path,
                        format!("a second report for the portfolio `{}`", report.report.portfolio),
                    )
                    .with_hint(format!("the first is in `{}`", first.path.display())),
                );
            }
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(InputErrors(problems)) }
}
