//! A Portfolio Holder's report to an Overview and Scrutiny committee: the
//! member attends the committee and reports on each service area of their
//! portfolio, with its key achievements of the year and its key priorities
//! for the next, then sums up in a conclusion.
//!
//! Sections are numbered 1, 2, 3 …, and the paragraphs of section 2 are
//! numbered 2.1, 2.2 … A section's lists of achievements, priorities and
//! challenges each take the next paragraph number, their items labelled in
//! the council's style ("(i)", "(ii)" …).

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::input::Diagnostic;
use crate::input::Source;
use crate::input::council::Style;
use crate::kinds::parts::member_title;
use crate::kinds::{Context, Described, Document, Kind, Paragraph, read, schema};

mod check;
#[cfg(test)]
mod tests;
mod view;

use check::Checker;
use view::{Headings, MemberView, View};

/// The kind's row.
pub static KIND: Kind = Kind {
    name: "scrutiny-report",
    about: "a Portfolio Holder's report to an Overview and Scrutiny committee",
    read: read::<ScrutinyReport>,
    schema: schema::<ScrutinyReport>,
    pack: None,
};

/// A Portfolio Holder's report to an Overview and Scrutiny committee.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScrutinyReport {
    /// The kind of document: `scrutiny-report`.
    pub kind: String,
    /// The council, printed at the head of every page ("Medway Council");
    /// `council.yaml`'s `name` when left out.
    #[serde(default)]
    pub council: Option<String>,
    /// The committee the report goes to ("Children and Young People
    /// Overview and Scrutiny Committee").
    #[schemars(with = "String")]
    pub committee: Spanned<String>,
    /// The date of the committee's meeting, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Date,
    /// The report's title ("Attendance of the Portfolio Holder for
    /// Children's Services").
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The member the report is from.
    pub member: Member,
    /// The year the report looks back on, as written in the default
    /// introduction of each list of achievements ("2017-18").
    pub period: String,
    /// The year ahead, as written in the default introduction of each list
    /// of priorities and challenges ("2018-19").
    pub next_period: String,
    /// The summary under the title, in Markdown.
    pub summary: String,
    /// The numbered sections, one for each service area, in order.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The last numbered section, which sums the year up.
    #[serde(default)]
    pub conclusion: Option<Conclusion>,
    /// The appendices, one line each in Markdown; "None." when there are
    /// none.
    #[serde(default)]
    pub appendices: Vec<String>,
    /// The background papers, one line each in Markdown; "None." when there
    /// are none.
    #[serde(default)]
    pub background_papers: Vec<String>,
}

/// The member the report is from.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's name, as printed ("Councillor Andrew Mackness").
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// The member's portfolio ("Children's Services").
    #[serde(default)]
    pub portfolio: Option<String>,
    /// The member's title ("Portfolio Holder Children's Services – Lead
    /// Member"); left out, the council's words for a member of its
    /// executive and the portfolio: the `member_title` heading.
    #[serde(default)]
    pub title: Option<String>,
}

/// A numbered section: one service area of the portfolio.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The section's heading, without its number ("Early Years").
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The section's numbered paragraphs of narrative.
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
    /// The key achievements of the year, after the paragraphs.
    #[serde(default)]
    pub achievements: Option<List>,
    /// The key priorities for the year ahead, after the achievements.
    #[serde(default)]
    pub priorities: Option<List>,
}

/// The conclusion: the last numbered section.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conclusion {
    /// The section's heading; "Conclusion" when left out.
    #[serde(default)]
    pub title: Option<String>,
    /// Numbered paragraphs of narrative.
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
    /// The key achievements the member highlights, after the paragraphs.
    #[serde(default)]
    pub achievements: Option<List>,
    /// The key challenges of the year ahead, after the achievements.
    #[serde(default)]
    pub challenges: Option<List>,
}

/// A numbered paragraph that introduces a list of labelled items.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct List {
    /// The sentence before the items, in Markdown, when it is not the usual
    /// one ("Key achievements in 2017-18 include:").
    #[serde(default)]
    pub intro: Option<String>,
    /// The items, labelled in the council's style: "(i)", "(ii)" …
    #[schemars(with = "Vec<ListItem>")]
    pub items: Spanned<Vec<Spanned<ListItem>>>,
}

/// One item of a list: its text in Markdown, or `text:` with bullet points
/// and a paragraph after them.
#[derive(Debug, Clone, schemars::JsonSchema)]
#[serde(untagged)]
pub enum ListItem {
    /// The item, in Markdown.
    Text(String),
    /// The item with bullet points of its own.
    Detailed(DetailedItem),
}

/// An item with bullet points of its own.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DetailedItem {
    /// The item, in Markdown.
    pub text: String,
    /// Bullet points under the item, each in Markdown.
    #[serde(default)]
    pub bullets: Vec<String>,
    /// A paragraph of the item after its bullet points, in Markdown.
    #[serde(default)]
    pub after: Option<String>,
}

impl ListItem {
    /// The item as a detailed one, so that both forms read alike.
    fn detailed(&self) -> DetailedItem {
        match self {
            ListItem::Text(text) => DetailedItem { text: text.clone(), bullets: Vec::new(), after: None },
            ListItem::Detailed(item) => item.clone(),
        }
    }

    /// The item's own text.
    fn text(&self) -> &str {
        match self {
            ListItem::Text(text) => text,
            ListItem::Detailed(item) => &item.text,
        }
    }
}

/// Reads an item written as text or as a mapping, so that a mistyped key
/// of a mapping is reported as such rather than as a mismatch of forms.
impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;

        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = ListItem;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the item's text, or `text:` with `bullets:` and `after:`")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<ListItem, E> {
                Ok(ListItem::Text(text.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ListItem, A::Error> {
                DetailedItem::deserialize(de::value::MapAccessDeserializer::new(map)).map(ListItem::Detailed)
            }
        }

        deserializer.deserialize_any(ItemVisitor)
    }
}

/// What a list is of, which decides its usual introduction.
#[derive(Debug, Clone, Copy)]
enum ListKind {
    Achievements,
    Priorities,
    Challenges,
}

impl List {
    /// The list's prose: its introduction and items.
    fn prose<'a>(&'a self, texts: &mut Vec<&'a str>) {
        texts.extend(self.intro.as_deref());
        for item in &self.items.value {
            match &item.value {
                ListItem::Text(text) => texts.push(text),
                ListItem::Detailed(item) => {
                    texts.push(&item.text);
                    texts.extend(item.bullets.iter().map(String::as_str));
                    texts.extend(item.after.as_deref());
                }
            }
        }
    }
}

impl ListKind {
    /// What the list is called in messages.
    fn name(self) -> &'static str {
        match self {
            ListKind::Achievements => "key achievements",
            ListKind::Priorities => "key priorities",
            ListKind::Challenges => "key challenges",
        }
    }

    /// The introduction used when the YAML gives none, in the council's
    /// words.
    fn default_intro(self, report: &ScrutinyReport, style: &Style) -> String {
        let periods = [("period", report.period.as_str()), ("next_period", report.next_period.as_str())];
        let key = match self {
            ListKind::Achievements => "achievements",
            ListKind::Priorities => "priorities",
            ListKind::Challenges => "challenges",
        };
        style.heading_with(key, &periods)
    }
}

impl Document for ScrutinyReport {
    fn prose(&self) -> Vec<&str> {
        let mut texts = vec![self.title.value.as_str(), &self.summary];
        for section in &self.sections {
            texts.push(&section.title.value);
            for paragraph in &section.paragraphs {
                paragraph.prose(&mut texts);
            }
            for list in [&section.achievements, &section.priorities].into_iter().flatten() {
                list.prose(&mut texts);
            }
        }
        if let Some(conclusion) = &self.conclusion {
            texts.extend(conclusion.title.as_deref());
            for paragraph in &conclusion.paragraphs {
                paragraph.prose(&mut texts);
            }
            for list in [&conclusion.achievements, &conclusion.challenges].into_iter().flatten() {
                list.prose(&mut texts);
            }
        }
        texts.extend(self.appendices.iter().map(String::as_str));
        texts.extend(self.background_papers.iter().map(String::as_str));
        texts
    }

    fn check(&self, source: Source, _context: &Context) -> Vec<Diagnostic> {
        let (path, text) = (source.path, source.text);
        let mut checker = Checker { path, text, problems: Vec::new() };
        checker.not_blank(&self.title, "the title");
        checker.not_blank(&self.committee, "the committee");
        checker.not_blank(&self.member.name, "the member's name");
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (index, section) in self.sections.iter().enumerate() {
            checker.section(index + 1, section, &mut seen);
        }
        if let Some(conclusion) = &self.conclusion {
            let title = conclusion.title.as_deref().unwrap_or("Conclusion");
            let number = self.sections.len() + 1;
            for (index, paragraph) in conclusion.paragraphs.iter().enumerate() {
                if paragraph.text.trim().is_empty() {
                    let message = format!("paragraph {number}.{} of `{title}` has no text", index + 1);
                    checker.problems.push(Diagnostic::file(path, message));
                }
            }
            for (kind, list) in conclusion.lists() {
                checker.list(list, kind, title);
            }
        }
        checker.problems
    }

    fn view(&self, context: &Context) -> Result<crate::kinds::View, String> {
        let style = context.style;
        let sections = self
            .parts(style)
            .into_iter()
            .enumerate()
            .map(|(index, part)| self.section_view(index + 1, part, style))
            .collect();
        let view = View {
            council: self.council.clone().or(context.council.map(str::to_owned)).unwrap_or_default(),
            committee: self.committee.value.clone(),
            date: style.date(self.date),
            title: self.title.value.clone(),
            member: MemberView {
                name: self.member.name.value.clone(),
                title: member_title(self.member.title.as_deref(), self.member.portfolio.as_deref(), style),
            },
            summary: self.summary.clone(),
            headings: Headings {
                summary: style.heading("summary"),
                appendices: style.heading("appendices"),
                background_papers: style.heading("background_papers"),
            },
            sections,
            appendices: self.appendices.clone(),
            background_papers: self.background_papers.clone(),
        };
        crate::kinds::View::of(&view)
    }

    fn describe(&self, context: &Context) -> Described {
        let style = context.style;
        Described {
            title: self.title.value.clone(),
            subtitle: format!("{}, {}", self.committee.value, style.date(self.date)),
            council: self.council.clone().or(context.council.map(str::to_owned)).unwrap_or_default(),
            author: self.member.name.value.clone(),
            date: self.date,
        }
    }
}
