//! The Word writer: a document's Markdown to a `.docx` file, laid out as
//! its PDF is (numbered paragraphs hanging, lists numbered in the
//! council's style, tables, charts, the logo, header and footer), in
//! styles Word knows, so that a council can edit it and a screen reader
//! can find its headings.
//!
//! The file is written by hand, XML as text, in a fixed order with fixed
//! dates and ids counted within it: the same document gives the same bytes.

mod body;
mod numbering;
mod package;
mod parts;
mod pictures;
mod styles;
mod xml;

use anyhow::Result;

use crate::text::{Contents, Pack, Part};
use package::Package;
use parts::Pages;

/// A4, in twentieths of a point.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;

/// Every margin: 2.5 cm.
const MARGIN: u32 = 1418;

/// The width of the text between the margins: 16 cm.
const TEXT_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN;

/// How far a paragraph's number hangs before its text: 1.5 cm.
const HANG: u32 = 851;

/// One document's Word file.
pub fn document(part: &Part) -> Result<Vec<u8>> {
    let alone = Part { ..*part };
    pack(&Pack { meta: part.meta, contents: None, parts: vec![alone] })
}

/// A pack's Word file: its contents (if any), then each part in a section
/// of its own.
pub fn pack(pack: &Pack) -> Result<Vec<u8>> {
    let mut package = Package::new();
    // Each section's body and the description of its words and page.
    let mut sections = Vec::new();
    if let Some(contents) = &pack.contents {
        sections.push((contents_page(contents), pack.meta));
    }
    for (index, part) in pack.parts.iter().enumerate() {
        // The contents link to each part's start.
        let bookmark = pack.contents.as_ref().map(|_| package.bookmark(&part_name(index)));
        sections.push((body::write(part, bookmark, &mut package), part.meta));
    }
    if sections.is_empty() {
        sections.push(("<w:p/>".to_owned(), pack.meta));
    }
    let pages = if sections.len() > 1 { Pages::Section } else { Pages::Document };
    let mut document = format!("{}<w:document {}><w:body>", xml::DECLARATION, xml::NAMESPACES);
    let last = sections.len() - 1;
    for (index, (body, meta)) in sections.into_iter().enumerate() {
        document.push_str(&body);
        let section = parts::section(&mut package, meta, pages, index == 0);
        // A section ends with the paragraph that holds its properties; the
        // last section's are the body's own.
        if index == last {
            document.push_str(&section);
        } else {
            document.push_str(&format!("<w:p><w:pPr>{section}</w:pPr></w:p>"));
        }
    }
    document.push_str("</w:body></w:document>");
    let look = &pack.meta.look;
    let font = look.font.as_deref().unwrap_or(styles::DEFAULT_FONT);
    let styles = styles::styles(font, &xml::colour(look.brand.as_deref(), styles::DEFAULT_BRAND));
    let properties = [parts::core(pack.meta), parts::app(pack.meta)];
    package.finish(properties, [document, styles, parts::settings()], pack.meta.date)
}

/// The name of the bookmark at the start of part `index`, from 0, as the
/// PDF labels it.
fn part_name(index: usize) -> String {
    format!("part-{index}")
}

/// A pack's contents: its heading, then each part's title, linking to it.
fn contents_page(contents: &Contents) -> String {
    let mut out = format!(
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r>{}</w:r></w:p>",
        xml::run_content(&contents.heading)
    );
    for (index, entry) in contents.entries.iter().enumerate() {
        out.push_str(&format!(
            "<w:p><w:hyperlink w:anchor=\"{}\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr>{}</w:r></w:hyperlink></w:p>",
            part_name(index),
            xml::run_content(entry)
        ));
    }
    out
}

#[cfg(test)]
mod tests;
