//! A folder as planned: its council, its meeting, and each of its
//! documents with where it stands, what the packs and the writers use.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::build::Failure;
use crate::build::manifest::Manifest;
use crate::input::Diagnostic;
use crate::input::council::{Settings, Style};
use crate::input::discover::Found;
use crate::kinds::executive::MeetingFile;
use crate::kinds::{Context, Described, Document, Kind, Pack};
use crate::pdf::look::Look;

/// A council's settings and look, read once per run however many folders
/// share them.
pub(crate) type Council = Arc<(Settings, Look)>;

/// A meeting folder's `meeting.yaml`, read.
pub(crate) struct Meeting {
    pub path: PathBuf,
    pub text: String,
    pub file: MeetingFile,
}

/// One folder, planned.
pub(crate) struct Folder {
    pub name: String,
    pub dir: PathBuf,
    pub out: PathBuf,
    pub partial: bool,
    pub council: Option<Council>,
    pub meeting: Option<Meeting>,
    pub documents: Vec<Planned>,
    /// The packs to make, with what they are made from.
    pub packs: Vec<(&'static dyn Pack, &'static Kind, String)>,
    /// Why the whole folder failed, when it did.
    pub failure: Option<Failure>,
    /// Warnings about the folder's own files.
    pub warnings: Vec<Diagnostic>,
    /// What the output folder's files were made from, as the run found it.
    pub manifest: Manifest,
}

/// One document of a folder, planned.
pub(crate) struct Planned {
    pub path: PathBuf,
    pub key: String,
    /// The text its problems are shown in: its file's, or the meeting
    /// file's for a report written inside it.
    pub text: String,
    pub kind: &'static Kind,
    pub document: Option<Box<dyn Document>>,
    pub style: Style,
    pub stem: String,
    pub inputs: String,
    pub state: State,
    /// Its Markdown, when it is to be written or a pack needs it.
    pub rendering: Option<Rendering>,
    pub warnings: Vec<Diagnostic>,
    /// Written only through its kind's pack.
    pub absorbed: bool,
    /// Whether its kind is known, even if it then failed.
    pub known_kind: bool,
}

/// Where a document stands after planning.
pub(crate) enum State {
    /// Nothing it depends on changed: its files, as recorded, stay.
    Unchanged,
    /// To be rendered, typeset and written.
    Render,
    /// It failed, and why.
    Failed(Failure),
}

/// A document rendered to Markdown.
pub(crate) struct Rendering {
    pub markdown: String,
    /// The files its Markdown shows: charts made for it and its images.
    pub files: Vec<crate::kinds::File>,
    /// The names of the charts among `files`, which the tool drew.
    pub charts: Vec<String>,
    pub described: Described,
}

impl Folder {
    /// The context a document of `style` is rendered in.
    pub fn context<'a>(&'a self, style: &'a Style) -> Context<'a> {
        Context {
            style,
            council: self.council.as_ref().and_then(|council| council.0.council.name.as_deref()),
            meeting: self.meeting.as_ref().map(|meeting| &meeting.file.meeting),
        }
    }

    pub(crate) fn failed(found: &Found, out: PathBuf, source: &Path, problems: &[Diagnostic]) -> Self {
        Self {
            name: found.name.clone(),
            dir: found.dir.clone(),
            out,
            partial: found.partial,
            council: None,
            meeting: None,
            documents: Vec::new(),
            packs: Vec::new(),
            failure: Some(Failure::of(source, problems)),
            warnings: Vec::new(),
            manifest: Manifest::default(),
        }
    }
}
