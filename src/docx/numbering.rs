//! The numbering part: how each list is marked. A kind of list (bullets,
//! numbers, or the labels of a numbered paragraph's sub-items, "a.",
//! "(i)", "2.1") is one abstract numbering; every list in the document is
//! an instance of its kind of its own, so that each list counts from its
//! own start.

use crate::input::council::ItemLabels;
use crate::markup::Labels;

use super::HANG;
use super::xml::{self, DECLARATION};

/// How a list's items are marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// "•", "◦", "▪" by level.
    Bullet,
    /// "1.", "2.": a Markdown ordered list.
    Ordered,
    /// A bullet list whose items were labelled in the Markdown, numbered
    /// in the labels' style.
    Labelled(Labels),
}

/// The deepest level Word numbers, from 0.
pub(super) const DEEPEST: usize = 8;

/// The room a level of bullets or numbers takes, in twentieths of a point.
const STEP: u32 = 567;

/// The lists of a document, as they are met.
#[derive(Default)]
pub(super) struct Numbering {
    /// The kinds of list met, each an abstract numbering, by its id.
    kinds: Vec<Kind>,
    /// Each list: the index of its kind, the level it stands at and the
    /// number it starts from. Its `w:numId` is its index plus one.
    lists: Vec<(usize, usize, u64)>,
}

impl Numbering {
    /// A new list of `kind` at `level`, counting from `start`: its id.
    pub(super) fn list(&mut self, kind: Kind, level: usize, start: u64) -> usize {
        let index = match self.kinds.iter().position(|known| *known == kind) {
            Some(index) => index,
            None => {
                self.kinds.push(kind);
                self.kinds.len() - 1
            }
        };
        self.lists.push((index, level.min(DEEPEST), start));
        self.lists.len()
    }

    /// The numbering part.
    pub(super) fn xml(&self) -> String {
        let mut out = format!(
            "{DECLARATION}<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        );
        for (id, kind) in self.kinds.iter().enumerate() {
            out.push_str(&format!(
                "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
            ));
            for level in 0..=DEEPEST {
                out.push_str(&level_xml(kind, level));
            }
            out.push_str("</w:abstractNum>");
        }
        for (index, &(kind, level, start)) in self.lists.iter().enumerate() {
            // Word carries a count on across the instances of one abstract
            // numbering unless each says where it starts.
            out.push_str(&format!(
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{kind}\"/>\
                 <w:lvlOverride w:ilvl=\"{level}\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>",
                index + 1
            ));
        }
        out.push_str("</w:numbering>");
        out
    }
}

/// Where the text of an item of `kind` at `level` starts, and how far its
/// mark hangs before it.
pub(super) fn indent(kind: &Kind, level: usize) -> (u32, u32) {
    let level = level.min(DEEPEST) as u32;
    match kind {
        Kind::Bullet => (STEP * (level + 1), 284),
        Kind::Ordered => (STEP * (level + 1), 425),
        // Sub-items stand under their numbered paragraph's text, as in
        // the PDF, with room for "(viii)".
        Kind::Labelled(_) => (HANG + 709 * (level + 1), 709),
    }
}

/// Level `level` of the abstract numbering of `kind`.
fn level_xml(kind: &Kind, level: usize) -> String {
    let (format, text) = format_and_text(kind, level);
    let (left, hanging) = indent(kind, level);
    format!(
        "<w:lvl w:ilvl=\"{level}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/>\
         <w:lvlText w:val=\"{}\"/><w:lvlJc w:val=\"left\"/>\
         <w:pPr><w:ind w:left=\"{left}\" w:hanging=\"{hanging}\"/></w:pPr></w:lvl>",
        xml::attribute(&text)
    )
}

/// Word's number format and level text for `kind` at `level`: `%n` stands
/// for the count of level `n`, from 1.
fn format_and_text(kind: &Kind, level: usize) -> (&'static str, String) {
    let count = format!("%{}", level + 1);
    match kind {
        Kind::Bullet => ("bullet", ["•", "◦", "▪"][level % 3].to_owned()),
        Kind::Ordered => ("decimal", format!("{count}.")),
        Kind::Labelled(Labels::Style(style)) => match style {
            ItemLabels::Letters => ("lowerLetter", format!("{count}.")),
            ItemLabels::BracketedLetters => ("lowerLetter", format!("({count})")),
            ItemLabels::Roman => ("lowerRoman", format!("({count})")),
            ItemLabels::Numbers => ("decimal", format!("{count}.")),
            ItemLabels::Decimal => ("decimal", count),
        },
        // "2.1": the paragraph's number, written out, then the count.
        Kind::Labelled(Labels::Under(parent)) => {
            ("decimal", format!("{}.{count}", parent.trim_end_matches('.')))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_every_list_its_own_instance_and_each_kind_one_definition() {
        let mut numbering = Numbering::default();
        assert_eq!(numbering.list(Kind::Ordered, 0, 4), 1);
        assert_eq!(numbering.list(Kind::Ordered, 1, 1), 2);
        assert_eq!(numbering.list(Kind::Labelled(Labels::Under("2".to_owned())), 0, 1), 3);
        let xml = numbering.xml();
        assert_eq!(xml.matches("<w:abstractNum ").count(), 2, "{xml}");
        assert_eq!(xml.matches("<w:num ").count(), 3, "{xml}");
        assert!(xml.contains("<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"4\"/>"), "{xml}");
        assert!(xml.contains("<w:lvlText w:val=\"2.%1\"/>"), "{xml}");
        assert!(xml.contains("<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3.\"/>"));
    }
}
