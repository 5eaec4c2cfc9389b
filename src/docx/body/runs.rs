//! The runs of a paragraph: its words in their formatting, its links, and
//! its pictures; and the logo that opens a document.

use super::{Paragraph, Writer};
use crate::docx::styles::CODE_FONT;
use crate::docx::xml;
use crate::markup::{links, split_paragraph_number};

impl Writer<'_, '_> {
    /// Opens a link: to a web address through a relationship, to a
    /// bookmark for `#name`, or to nothing when it has no address.
    pub(super) fn start_link(&mut self, url: &str) {
        let open = if !links::allowed(url) {
            None
        } else if let Some(anchor) = url.strip_prefix('#') {
            Some(format!("<w:hyperlink w:anchor=\"{}\">", xml::attribute(anchor)))
        } else {
            Some(format!("<w:hyperlink r:id=\"{}\" w:history=\"1\">", self.package.link(url)))
        };
        self.links.push(open.is_some());
        if let Some(open) = open {
            self.paragraph().runs.push_str(&open);
        }
        self.format.link += 1;
    }

    /// A top-level paragraph's first words: a leading number such as "1.1"
    /// or "5.1.2" hangs before the rest, a tab away, as in the PDF.
    pub(super) fn opening_text(&mut self, text: &str) {
        let Some((number, rest)) = split_paragraph_number(text) else { return self.text(text) };
        let paragraph = self.paragraph();
        paragraph.style = Some("NumberedParagraph".to_owned());
        paragraph
            .runs
            .push_str(&format!("<w:r><w:t xml:space=\"preserve\">{}</w:t><w:tab/></w:r>", xml::text(number)));
        self.text(rest);
    }

    pub(super) fn text(&mut self, text: &str) {
        self.run(text, false);
    }

    /// A run of `text` in the current formatting, in the code font when
    /// it is `code`.
    pub(super) fn run(&mut self, text: &str, code: bool) {
        if text.is_empty() {
            return;
        }
        let properties = self.run_properties(code);
        let content = xml::run_content(text);
        self.paragraph().runs.push_str(&format!("<w:r>{properties}{content}</w:r>"));
    }

    /// The properties of a run, in the order Word's schema gives them.
    pub(super) fn run_properties(&self, code: bool) -> String {
        let mut properties = String::new();
        if self.format.link > 0 {
            properties.push_str("<w:rStyle w:val=\"Hyperlink\"/>");
        }
        if code {
            properties.push_str(&format!(
                "<w:rFonts w:ascii=\"{CODE_FONT}\" w:hAnsi=\"{CODE_FONT}\" w:cs=\"{CODE_FONT}\"/>"
            ));
        }
        if self.format.strong > 0 || self.table.as_ref().is_some_and(|table| table.head) {
            properties.push_str("<w:b/><w:bCs/>");
        }
        if self.format.emphasis > 0 {
            properties.push_str("<w:i/><w:iCs/>");
        }
        if self.format.strike > 0 {
            properties.push_str("<w:strike/>");
        }
        if properties.is_empty() { properties } else { format!("<w:rPr>{properties}</w:rPr>") }
    }

    /// The image the Markdown names `name`, or its description in italics
    /// when there is no such file or it cannot be shown.
    pub(super) fn picture(&mut self, name: &str, alt: &str) {
        let look = &self.part.meta.look;
        let drawing = self.part.file(name).and_then(|bytes| self.package.drawing(bytes, None, look, alt));
        let run = match drawing {
            Some(drawing) => format!("<w:r>{drawing}</w:r>"),
            None => format!("<w:r><w:rPr><w:i/><w:iCs/></w:rPr>{}</w:r>", xml::run_content(alt)),
        };
        self.paragraph().runs.push_str(&run);
    }

    /// The council's logo, at the right, as the PDF has it at the head of
    /// each document.
    pub(super) fn logo(&mut self) {
        let look = &self.part.meta.look;
        let Some(logo) = &look.logo else { return };
        let run = match self.package.drawing(&logo.bytes, Some(logo.height), look, &logo.alt) {
            Some(drawing) => format!("<w:r>{drawing}</w:r>"),
            None => format!("<w:r><w:rPr><w:i/><w:iCs/></w:rPr>{}</w:r>", xml::run_content(&logo.alt)),
        };
        self.paragraph = Some(Paragraph { align: Some("right"), runs: run, ..Paragraph::default() });
        self.close_paragraph();
    }
}
