//! The build stage: every document of every folder under a path, of any
//! kind, taken the same way. A path is discovered once into folders; each
//! folder is planned into jobs (load, check, view, render); the jobs are
//! typeset and written in parallel, each succeeding or failing on its own;
//! then each folder's packs are made from its rendered documents, and its
//! manifest records what every file was made from, so that the next run
//! leaves alone what has not changed.

mod content;
mod execute;
mod folder;
mod index;
pub(crate) mod manifest;
mod names;
pub(crate) mod output;
mod plan;
mod preview;
pub mod progress;
mod summary;
mod workers;

use std::path::PathBuf;

use anyhow::Result;

pub use preview::{Preview, preview, problems};
pub use summary::{Failure, Summary};

use crate::input::InputErrors;
use crate::input::discover::discover;
use crate::render::Templates;
use manifest::Fingerprint;
use progress::Style;

pub use crate::publish::Formats;

/// What a run is asked to do, validated.
#[derive(Debug, Clone)]
pub struct Options {
    /// A folder of folders, one folder, or one file.
    pub input: PathBuf,
    /// The folder that receives one folder per input folder.
    pub out: PathBuf,
    /// Which files to write.
    pub formats: Formats,
    /// A council's template folder, overriding built-ins by name.
    pub templates: Option<PathBuf>,
    /// Write the files; without it, only check that every document renders.
    pub write: bool,
    /// Render documents even when nothing they depend on has changed.
    pub force: bool,
    /// Stop starting documents after the first failure.
    pub fail_fast: bool,
    /// Treat style warnings as errors: a document with any is not written.
    pub deny_warnings: bool,
    /// How to show progress.
    pub style: Style,
    /// The date and time to stamp PDFs with (`SOURCE_DATE_EPOCH`), instead
    /// of the meeting's date.
    pub timestamp: Option<jiff::Timestamp>,
}

impl Options {
    /// Options that check every document under `input` as a build in
    /// `formats` would make it, rendering each (changed or not) and
    /// writing nothing, quietly.
    pub fn checking(input: &std::path::Path, formats: Formats, templates: Option<&std::path::Path>) -> Self {
        Self {
            input: input.to_owned(),
            out: PathBuf::new(),
            formats,
            templates: templates.map(std::path::Path::to_owned),
            write: false,
            force: true,
            fail_fast: false,
            deny_warnings: false,
            style: Style::Quiet,
            timestamp: None,
        }
    }

    /// What the run does to each document, as its messages say it:
    /// "render", or "check" when it writes nothing.
    pub fn doing(&self) -> &'static str {
        if self.write { "render" } else { "check" }
    }

    /// The date to stamp a PDF for a meeting on `date` with:
    /// `SOURCE_DATE_EPOCH` when set, else that day.
    pub fn stamp(&self, date: jiff::civil::Date) -> jiff::civil::DateTime {
        match self.timestamp {
            Some(timestamp) => timestamp.to_zoned(jiff::tz::TimeZone::UTC).datetime(),
            None => date.to_datetime(jiff::civil::Time::midnight()),
        }
    }
}

/// Everything shared by the folders of one run, loaded once.
pub(crate) struct Run<'a> {
    pub options: &'a Options,
    pub templates: Templates,
    /// A fingerprint of what every document depends on: the tool,
    /// templates, theme, formats and timestamp.
    pub settings: String,
}

/// How many folders are planned, rendered and typeset together. A run
/// holds only these folders' Markdown and layouts at once, so its memory
/// stays flat however many folders it has, and there are enough of them to
/// keep every core busy.
const FOLDERS_AT_ONCE: usize = 16;

/// Builds (or, without `write`, checks) every document under
/// `options.input`.
pub fn run(options: &Options) -> Result<Summary> {
    run_observed(options, None)
}

/// Builds (or checks) every document under `options.input`, telling
/// `observer` of each document as it is finished.
pub fn run_observed(options: &Options, observer: Option<&progress::Observer<'_>>) -> Result<Summary> {
    let (run, found) = prepare(options)?;
    let progress = progress::Progress::observed(options.style, 0, observer);
    // Set once a document fails under `--fail-fast`: nothing more starts.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let mut councils = plan::Councils::default();
    let mut summary = Summary::default();
    let mut found = found.into_iter().peekable();
    while found.peek().is_some() {
        let folders: Vec<folder::Folder> = found
            .by_ref()
            .take(FOLDERS_AT_ONCE)
            .map(|found| plan::folder(&run, &mut councils, found))
            .collect();
        summary.merge(execute::execute(&run, folders, &progress, &stop));
    }
    progress.finish();
    Ok(summary)
}

/// Loads what the run shares, then discovers and plans every folder under
/// `options.input`.
fn plan_all(options: &Options) -> Result<(Run<'_>, Vec<folder::Folder>)> {
    let (run, found) = prepare(options)?;
    let mut councils = plan::Councils::default();
    let folders = found.into_iter().map(|found| plan::folder(&run, &mut councils, found)).collect();
    Ok((run, folders))
}

/// Loads what the run shares and discovers the folders under
/// `options.input`.
fn prepare(options: &Options) -> Result<(Run<'_>, Vec<crate::input::discover::Found>)> {
    let templates = Templates::load(options.templates.as_deref())?;
    let mut found = discover(&options.input).map_err(|problem| InputErrors(vec![problem]))?;
    // Files a build wrote are never read back as its inputs, wherever
    // `--out` points.
    if let Ok(out) = std::fs::canonicalize(&options.out) {
        found.retain(|folder| std::fs::canonicalize(&folder.dir).map_or(true, |dir| !dir.starts_with(&out)));
    }
    let settings = settings_fingerprint(options, &templates);
    Ok((Run { options, templates, settings }, found))
}

/// One document rendered to Markdown, as its folder's build would render
/// it, without writing anything.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The name of its kind.
    pub kind: &'static str,
    /// Its Markdown.
    pub markdown: String,
    /// What its PDF is told of it.
    pub described: crate::kinds::Described,
}

/// Renders the document at `path` to Markdown with the built-in templates
/// and the council settings of its folder: its problems, or its Markdown.
pub fn render_file(path: &std::path::Path) -> Result<Rendered> {
    let markdown = Formats { markdown: true, pdf: false, html: false, docx: false, typst: false };
    let options = Options::checking(path, markdown, None);
    let (_, folders) = plan_all(&options)?;
    for folder in folders {
        if let Some(failure) = folder.failure {
            return Err(failure.into_error());
        }
        let mine = folder.documents.into_iter().find(|planned| crate::input::same_file(&planned.path, path));
        let Some(planned) = mine else { continue };
        if let folder::State::Failed(failure) = planned.state {
            return Err(failure.into_error());
        }
        if let Some(rendering) = planned.rendering {
            return Ok(Rendered {
                kind: planned.kind.name,
                markdown: rendering.markdown,
                described: rendering.described,
            });
        }
    }
    anyhow::bail!("`{}` is not a document", path.display())
}

fn settings_fingerprint(options: &Options, templates: &Templates) -> String {
    let formats = format!("{:?}", options.formats);
    let stamp = options.timestamp.map(|t| t.to_string()).unwrap_or_default();
    templates
        .fingerprint(Fingerprint::default().with(env!("CARGO_PKG_VERSION")).with(formats).with(stamp))
        .finish()
}
