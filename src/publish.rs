//! Which files a build writes, and the web page and Word file of a
//! document or pack, each named after its stem and written from the same
//! Markdown as its PDF.

use anyhow::Result;

use crate::html::{self, Link};
use crate::render::Templates;
use crate::text::{File, Pack, Part};

/// The kinds of file a build can write for each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// The Markdown document.
    pub markdown: bool,
    /// The typeset PDF.
    pub pdf: bool,
    /// The web page.
    pub html: bool,
    /// The Word document.
    pub docx: bool,
    /// The generated Typst source, for a theme author to inspect.
    pub typst: bool,
}

impl Formats {
    /// Whether a file of this name is among those these formats write: a
    /// pack's PDF only with PDFs, its web page only with web pages, and so
    /// on; an index in Markdown always.
    pub fn writes(&self, name: &str) -> bool {
        match name.rsplit_once('.').map(|(_, extension)| extension) {
            Some("pdf") => self.pdf,
            Some("html") => self.html,
            Some("docx") => self.docx,
            Some("typ") => self.typst,
            _ => true,
        }
    }
}

/// A document's web page and Word file, as `formats` asks.
pub fn document(part: &Part, stem: &str, formats: Formats, templates: &Templates) -> Result<Vec<File>> {
    written(stem, formats, |links| html::document(part, templates, links), || crate::docx::document(part))
}

/// A pack's web page and Word file, as `formats` asks.
pub fn pack(pack: &Pack, stem: &str, formats: Formats, templates: &Templates) -> Result<Vec<File>> {
    written(stem, formats, |links| html::pack(pack, templates, links), || crate::docx::pack(pack))
}

/// The files named after `stem` that `formats` asks for, from the writers
/// of its web page (given the links to its other files) and Word file.
fn written(
    stem: &str,
    formats: Formats,
    page: impl FnOnce(&[Link]) -> Result<String>,
    word: impl FnOnce() -> Result<Vec<u8>>,
) -> Result<Vec<File>> {
    let mut files = Vec::new();
    if formats.html {
        files.push((format!("{stem}.html"), page(&others(stem, formats))?.into_bytes()));
    }
    if formats.docx {
        files.push((format!("{stem}.docx"), word()?));
    }
    Ok(files)
}

/// The links from a page to the same document's other files, which a
/// reader may want instead: its PDF and its Word file.
fn others(stem: &str, formats: Formats) -> Vec<Link> {
    let mut links = Vec::new();
    if formats.pdf {
        links.push(Link { label: "PDF".to_owned(), href: format!("{stem}.pdf") });
    }
    if formats.docx {
        links.push(Link { label: "Word".to_owned(), href: format!("{stem}.docx") });
    }
    links
}
