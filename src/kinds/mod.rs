//! The kinds of document: each a module with its model (read from YAML),
//! its checks, its prose for the style rules, its view (every number,
//! label and date worked out) and the tera template that words it, plus
//! one row in [`KINDS`].
//!
//! A document names its kind in a top-level `kind:`. The Executive Member
//! reports of a Council meeting need none: in a folder with a
//! `meeting.yaml`, a YAML file without `kind:` is one of them.

pub mod agenda;
pub mod cabinet_update;
pub mod committee;
pub mod executive;
pub mod parts;
pub mod scrutiny;

use std::any::Any;
use std::path::Path;

use anyhow::Result;
use jiff::civil::{Date, DateTime};
use serde::de::DeserializeOwned;

use crate::input::council::{Settings, Style};
use crate::input::{Diagnostic, Source};
use crate::pdf::look::Look;
use crate::render::Templates;

pub use parts::{Contact, Member, NumberedParagraph, Paragraph, Table};

/// One kind of document: all the pipeline needs of it.
pub struct Kind {
    /// The name written after `kind:`, which is also its template's stem
    /// and its key under `wording.headings`.
    pub name: &'static str,
    /// What it is, in a line.
    pub about: &'static str,
    /// Reads a document of this kind from its YAML.
    pub read: fn(Source) -> Result<Box<dyn Document>, Diagnostic>,
    /// The JSON Schema of its YAML.
    pub schema: fn() -> schemars::Schema,
    /// What is made from a folder's documents once they are all rendered,
    /// when the folder has a document of this kind.
    pub pack: Option<&'static dyn Pack>,
}

impl Kind {
    /// The file name of the kind's Markdown template.
    pub fn template(&self) -> String {
        format!("{}.md", self.name)
    }
}

impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Every kind of document.
pub static KINDS: &[&Kind] = &[
    &executive::KIND,
    &cabinet_update::KIND,
    &scrutiny::KIND,
    &committee::report::KIND,
    &committee::appendix::KIND,
    &committee::programme::KIND,
    &agenda::KIND,
];

/// The kind called `name`.
pub fn by_name(name: &str) -> Option<&'static Kind> {
    KINDS.iter().copied().find(|kind| kind.name == name)
}

/// The names of every kind, for hints.
pub fn names() -> Vec<&'static str> {
    KINDS.iter().map(|kind| kind.name).collect()
}

/// Reads a document of kind `T`.
pub fn read<T: Document + DeserializeOwned>(source: Source) -> Result<Box<dyn Document>, Diagnostic> {
    Ok(Box::new(source.parse::<T>()?))
}

/// The JSON Schema of kind `T`'s YAML.
pub fn schema<T: schemars::JsonSchema>() -> schemars::Schema {
    schemars::schema_for!(T)
}

/// What a document is rendered with: the council's style for its kind, and
/// the meeting it belongs to, if it belongs to one.
pub struct Context<'a> {
    /// The council's style, with this kind's headings.
    pub style: &'a Style,
    /// The council's name from its settings, if they give one.
    pub council: Option<&'a str>,
    /// The meeting of a meeting folder.
    pub meeting: Option<&'a executive::Meeting>,
}

/// A kind of document, read from YAML.
pub trait Document: Any + Send + Sync {
    /// Checks what serde cannot, each problem at its line in the source.
    fn check(&self, _source: Source, _context: &Context) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// Warnings of the kind's own, beyond the council's style rules.
    fn warnings(&self, _source: Source, _context: &Context) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// The document's prose, in reading order: what the style rules read.
    fn prose(&self) -> Vec<&str>;

    /// The view its template renders: every number and label worked out,
    /// every date written in the council's style. A problem that `check`
    /// cannot catch is returned as a message about the file.
    fn view(&self, context: &Context) -> Result<View, String>;

    /// The title, header line, council, author and date of its PDF.
    fn describe(&self, context: &Context) -> Described;

    /// The stem of its output files: its own file's stem unless the kind
    /// names them otherwise.
    fn stem(&self, path: &Path) -> String {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        crate::render::words::safe_stem(stem.as_deref().unwrap_or("document"))
    }
}

/// What a template renders, and the files made beside it.
pub struct View {
    /// The view, as JSON for tera.
    pub value: serde_json::Value,
    /// Files the Markdown names, such as charts: file name and SVG.
    pub files: Vec<(String, String)>,
}

impl View {
    /// A view with no files of its own.
    pub fn of(view: &impl serde::Serialize) -> Result<Self, String> {
        Ok(Self { value: parts::to_view(view)?, files: Vec::new() })
    }
}

/// What every kind gives the pdf stage.
#[derive(Debug, Clone)]
pub struct Described {
    /// The document's title, for the PDF and the pack's bookmarks.
    pub title: String,
    /// The line under the council's name in each page's header.
    pub subtitle: String,
    /// The council, printed in the header.
    pub council: String,
    /// The author of the PDF: the member or officer who reports.
    pub author: String,
    /// The date of the meeting the document goes to.
    pub date: Date,
}

impl Described {
    /// The PDF metadata of a document so described, in the council's look;
    /// the council's name from its settings when the document gives none.
    pub fn meta(&self, settings: &Settings, look: &Look, date: DateTime, ident: String) -> crate::pdf::Meta {
        let council = match (&self.council, &settings.council.name) {
            (own, Some(name)) if own.is_empty() => name.clone(),
            (own, _) => own.clone(),
        };
        crate::pdf::Meta {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            council,
            author: self.author.clone(),
            date,
            ident,
            look: look.clone(),
        }
    }
}

/// One document of a folder, rendered, as a pack sees it.
pub struct Rendered<'a> {
    /// Its file.
    pub path: &'a Path,
    /// Its kind.
    pub kind: &'static Kind,
    /// The document.
    pub document: &'a dyn Document,
    /// The stem of its files.
    pub stem: &'a str,
    /// Its Markdown.
    pub markdown: &'a str,
    /// Its files beside the Markdown: charts and images, by name.
    pub files: &'a [File],
    /// The names of the charts among `files`, which the tool drew.
    pub charts: &'a [String],
    /// Its PDF's description.
    pub described: &'a Described,
}

/// A folder's documents, all rendered, and what a pack is made with.
pub struct Folder<'a> {
    /// The output folder's name.
    pub name: &'a str,
    /// The folder the documents are in.
    pub dir: &'a Path,
    /// Every document of the folder, in file order.
    pub documents: &'a [Rendered<'a>],
    /// The meeting of a meeting folder.
    pub meeting: Option<&'a executive::Meeting>,
    /// The templates of the run.
    pub templates: &'a Templates,
    /// The council's look.
    pub look: &'a Look,
    /// The council's settings, for the style of a kind.
    pub settings: &'a Settings,
    /// Which files to write: Markdown, PDF, web page, Word.
    pub formats: crate::publish::Formats,
    /// The date to stamp PDFs with, given the meeting's date.
    pub stamp: &'a (dyn Fn(Date) -> DateTime + Sync),
}

pub use crate::text::File;

/// What is made from a folder once all its documents are rendered: a
/// meeting's pack and index, a committee's agenda pack.
pub trait Pack: Sync {
    /// The names of the files it may write, which no document may take.
    fn names(&self) -> &'static [&'static str];

    /// Whether it is made with these formats.
    fn wanted(&self, formats: crate::publish::Formats) -> bool;

    /// Whether documents of its kind are written only through it, when it
    /// is made.
    fn absorbs(&self) -> bool {
        false
    }

    /// Makes its files.
    fn make(&self, folder: &Folder) -> Result<Made>;
}

/// What a pack makes: its files, and its PDF laid out but not yet
/// exported, with its documents' parts in it. The pack's PDF and its
/// documents' own PDFs are all exported from that one layout.
pub struct Made {
    /// Its files made already, such as its Markdown.
    pub files: Vec<File>,
    /// Its PDF, when PDFs are made.
    pub pdf: Option<LaidOut>,
}

/// A pack's PDF, laid out.
pub struct LaidOut {
    /// The name of its file.
    pub name: String,
    /// Its pages.
    pub layout: crate::pdf::Layout,
    /// The words stamped on each page with its number in the pack.
    pub stamp: String,
    /// Its documents, each of which is a part of it.
    pub parts: Vec<Part>,
}

/// One document inside a pack's PDF.
pub struct Part {
    /// The stem of the document's files.
    pub stem: String,
    /// Its number among the pack's parts.
    pub index: usize,
    /// Its own PDF's metadata.
    pub meta: crate::pdf::Meta,
}

impl Rendered<'_> {
    /// The document as the HTML and Word writers take it, described by
    /// `meta`.
    pub fn text<'m>(&'m self, meta: &'m crate::pdf::Meta) -> crate::text::Part<'m> {
        crate::text::Part { markdown: self.markdown, meta, files: self.files, charts: self.charts }
    }
}

impl Folder<'_> {
    /// The PDF metadata of one of the folder's documents, as its own PDF
    /// has it.
    pub fn meta_of(&self, rendered: &Rendered) -> crate::pdf::Meta {
        let date = (self.stamp)(rendered.described.date);
        rendered.described.meta(self.settings, self.look, date, format!("{}/{}", self.name, rendered.stem))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_template_and_a_unique_name() {
        let templates = Templates::load(None).unwrap();
        for (index, kind) in KINDS.iter().enumerate() {
            assert!(templates.has(&kind.template()), "{} has no template", kind.name);
            assert!(templates.headings(kind.name).is_some(), "{} has no headings", kind.name);
            assert!(KINDS[..index].iter().all(|other| other.name != kind.name));
        }
    }
}

/// Helpers for the kinds' unit tests: a document's view, checks and
/// description in a style, as the build stage makes them.
#[cfg(test)]
pub(crate) mod testing {
    use std::path::Path;

    use super::{Context, Described, Document};
    use crate::input::council::{Settings, Style};
    use crate::input::{Diagnostic, Source};
    use crate::render::Templates;

    /// The built-in style of the kind called `kind`, with its headings.
    pub fn style_of(kind: &str) -> Style {
        let templates = Templates::load(None).expect("the built-in templates load");
        templates.style(&Settings::default(), kind)
    }

    /// A document's view, checks and description, outside a meeting.
    pub trait Testing: Document {
        fn test_view(&self, style: &Style) -> Result<serde_json::Value, String> {
            let context = Context { style, council: None, meeting: None };
            self.view(&context).map(|view| view.value)
        }

        fn test_check(&self, path: &Path, text: &str) -> Vec<Diagnostic> {
            let style = Style::default();
            self.check(Source { path, text }, &Context { style: &style, council: None, meeting: None })
        }

        fn test_describe(&self, style: &Style) -> Described {
            self.describe(&Context { style, council: None, meeting: None })
        }
    }

    impl<T: Document + ?Sized> Testing for T {}
}
