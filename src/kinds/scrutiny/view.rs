//! What a scrutiny report's template sees: its sections numbered, the
//! conclusion last, each list a numbered paragraph with labelled items.

use serde::Serialize;

use super::{Conclusion, List, ListItem, ListKind, ScrutinyReport, Section};
use crate::input::council::Style;
use crate::kinds::parts::Labelled;
use crate::kinds::{NumberedParagraph, Paragraph};

/// A numbered section as the template sees it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct SectionView {
    /// "1", "2" …
    pub(super) number: usize,
    /// The heading, without its number.
    pub(super) title: String,
    /// Its paragraphs, lists included, numbered "2.1", "2.2" …
    pub(super) paragraphs: Vec<NumberedParagraph>,
}

/// The member as the template sees them.
#[derive(Debug, Clone, Serialize)]
pub(super) struct MemberView {
    /// "Councillor Andrew Mackness".
    pub(super) name: String,
    /// Their title, or the council's word for a member.
    pub(super) title: String,
}

/// Headings in the council's words (`wording.headings`), by key.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Headings {
    /// `summary`: "Summary".
    pub(super) summary: String,
    /// `appendices`: "Appendices".
    pub(super) appendices: String,
    /// `background_papers`: "Background Papers".
    pub(super) background_papers: String,
}

/// The whole report as the template sees it: every number worked out and
/// the date written in the council's style.
#[derive(Debug, Clone, Serialize)]
pub(super) struct View {
    pub(super) council: String,
    pub(super) committee: String,
    /// "8 March 2018".
    pub(super) date: String,
    pub(super) title: String,
    pub(super) member: MemberView,
    /// The summary, in Markdown.
    pub(super) summary: String,
    pub(super) headings: Headings,
    /// The sections, the conclusion last.
    pub(super) sections: Vec<SectionView>,
    /// Each in Markdown; none gives "None.".
    pub(super) appendices: Vec<String>,
    /// Each in Markdown; none gives "None.".
    pub(super) background_papers: Vec<String>,
}

/// A numbered section before it is numbered: a service area's section or
/// the conclusion.
pub(super) struct Part<'a> {
    pub(super) title: String,
    pub(super) paragraphs: &'a [Paragraph],
    pub(super) lists: Vec<(ListKind, &'a List)>,
}

impl Section {
    /// Its lists that are there, in order.
    pub(super) fn lists(&self) -> Vec<(ListKind, &List)> {
        present([(ListKind::Achievements, &self.achievements), (ListKind::Priorities, &self.priorities)])
    }
}

impl Conclusion {
    /// Its lists that are there, in order.
    pub(super) fn lists(&self) -> Vec<(ListKind, &List)> {
        present([(ListKind::Achievements, &self.achievements), (ListKind::Challenges, &self.challenges)])
    }

    /// Its heading, in the council's words unless the YAML gives one.
    pub(super) fn title(&self, style: &Style) -> String {
        self.title.clone().unwrap_or_else(|| style.heading("conclusion"))
    }
}

impl ScrutinyReport {
    /// Every numbered section in order, the conclusion last.
    pub(super) fn parts(&self, style: &Style) -> Vec<Part<'_>> {
        let sections = self.sections.iter().map(|section| Part {
            title: section.title.value.clone(),
            paragraphs: &section.paragraphs,
            lists: section.lists(),
        });
        let conclusion = self.conclusion.iter().map(|conclusion| Part {
            title: conclusion.title(style),
            paragraphs: &conclusion.paragraphs,
            lists: conclusion.lists(),
        });
        sections.chain(conclusion).collect()
    }

    /// Section `number` with its paragraphs and then its lists numbered.
    pub(super) fn section_view(&self, number: usize, part: Part, style: &Style) -> SectionView {
        let paragraph_number = |index: usize| format!("{number}.{}", index + 1);
        let mut numbered: Vec<NumberedParagraph> = part
            .paragraphs
            .iter()
            .enumerate()
            .map(|(index, paragraph)| NumberedParagraph::new(paragraph_number(index), paragraph, style))
            .collect();
        for (kind, list) in part.lists {
            numbered.push(self.list_paragraph(paragraph_number(numbered.len()), kind, list, style));
        }
        SectionView { number, title: part.title, paragraphs: numbered }
    }

    /// A list as a numbered paragraph: its introduction, then its items
    /// labelled in the council's style.
    pub(super) fn list_paragraph(
        &self,
        number: String,
        kind: ListKind,
        list: &List,
        style: &Style,
    ) -> NumberedParagraph {
        let items = list
            .items
            .value
            .iter()
            .enumerate()
            .map(|(index, item)| Labelled {
                label: style.items.label_under(&number, index + 1),
                text: item_markdown(&item.value),
            })
            .collect();
        NumberedParagraph {
            number,
            text: list.intro.clone().unwrap_or_else(|| kind.default_intro(self, style)),
            items,
            bullets: Vec::new(),
            table: None,
            after: None,
        }
    }
}

/// The lists that are there, in order.
pub(super) fn present<const N: usize>(lists: [(ListKind, &Option<List>); N]) -> Vec<(ListKind, &List)> {
    lists.into_iter().filter_map(|(kind, list)| list.as_ref().map(|list| (kind, list))).collect()
}

/// An item's Markdown as it stands after its label in a list: every line
/// after the first indented to stay in the item, its bullet points nested
/// under it and its closing paragraph kept with it.
pub(super) fn item_markdown(item: &ListItem) -> String {
    let item = item.detailed();
    let mut markdown = indent_after_first(item.text.trim(), "  ");
    for bullet in &item.bullets {
        markdown.push_str("\n  - ");
        markdown.push_str(&indent_after_first(bullet.trim(), "    "));
    }
    if let Some(after) = &item.after {
        markdown.push_str("\n\n  ");
        markdown.push_str(&indent_after_first(after.trim(), "  "));
    }
    markdown
}

/// `text` with every line but the first indented by `pad`; blank lines stay
/// blank.
pub(super) fn indent_after_first(text: &str, pad: &str) -> String {
    let mut lines = text.lines();
    let mut out = lines.next().unwrap_or_default().to_owned();
    for line in lines {
        out.push('\n');
        if !line.trim().is_empty() {
            out.push_str(pad);
            out.push_str(line);
        }
    }
    out
}
