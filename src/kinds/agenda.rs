//! A committee meeting's agenda: when and where it meets, who sits on it,
//! and its numbered items, some with reports whose pages the pack gives.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::kinds::{Described, Document, Kind, to_view};
use crate::model::Style;

/// `kind: agenda`: the first pages of a committee's agenda pack.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    /// Always `agenda`.
    #[schemars(schema_with = "crate::kinds::agenda_kind")]
    pub kind: Kind,
    /// The council's name.
    pub council: String,
    /// The committee that meets ("Children and young people scrutiny
    /// committee").
    pub committee: String,
    /// The date of the meeting, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Date,
    /// The time it starts, as printed ("10.00 am").
    pub time: String,
    /// Where it meets.
    pub place: String,
    /// Notes for those attending.
    #[serde(default)]
    pub notes: Option<String>,
    /// Whom to contact about the meeting.
    pub contact: crate::kinds::Contact,
    /// How to ask for the agenda in another format, in Markdown.
    #[serde(default)]
    pub accessibility: Option<String>,
    /// The committee's members.
    pub membership: Membership,
    /// The items of business, numbered in order from 1.
    pub items: Vec<Item>,
}

/// Who sits on the committee.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// The chair, as named ("Councillor CA Gandy").
    pub chair: String,
    /// The vice-chair.
    #[serde(default)]
    pub vice_chair: Option<String>,
    /// The other members.
    #[serde(default)]
    pub members: Vec<String>,
    /// Co-opted members and whom they represent.
    #[serde(default)]
    pub co_optees: Vec<CoOptee>,
}

/// A co-opted member of the committee.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoOptee {
    /// Their name ("Mr P Burbidge").
    pub name: String,
    /// Whom they represent.
    pub represents: String,
}

/// An item of business.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item's title.
    pub title: String,
    /// What the committee is asked to do, in Markdown.
    #[serde(default)]
    pub description: Option<String>,
    /// The documents of the item, beside the agenda, in the order they go
    /// in the pack: a report, then its appendices, or a work programme.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub documents: Vec<Spanned<String>>,
}

/// An item as the template sees it.
#[derive(Debug, Serialize)]
struct ItemView<'a> {
    number: usize,
    title: &'a str,
    description: Option<&'a str>,
    /// "5 - 68": the pages of its documents in the pack; empty when it has
    /// none, or when no pack was made.
    pages: String,
}

#[derive(Debug, Serialize)]
struct View<'a> {
    council: &'a str,
    committee: &'a str,
    date: String,
    time: &'a str,
    place: &'a str,
    notes: Option<&'a str>,
    contact: &'a crate::kinds::Contact,
    accessibility: Option<&'a str>,
    membership: &'a Membership,
    items: Vec<ItemView<'a>>,
}

impl Agenda {
    /// The view with each item's pages, as the pack gives them.
    pub fn view_with_pages(&self, style: &Style, pages: &[String]) -> Result<serde_json::Value, String> {
        let items = self
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| ItemView {
                number: index + 1,
                title: &item.title,
                description: item.description.as_deref(),
                pages: pages.get(index).cloned().unwrap_or_default(),
            })
            .collect();
        to_view(&View {
            council: &self.council,
            committee: &self.committee,
            date: style.date(self.date),
            time: &self.time,
            place: &self.place,
            notes: self.notes.as_deref(),
            contact: &self.contact,
            accessibility: self.accessibility.as_deref(),
            membership: &self.membership,
            items,
        })
    }
}

impl Document for Agenda {
    fn check(&self, path: &std::path::Path, text: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let folder = path.parent().unwrap_or(std::path::Path::new("."));
        let mut problems = Vec::new();
        for item in &self.items {
            for document in &item.documents {
                if !folder.join(&document.value).is_file() {
                    problems.push(
                        crate::kinds::problem_at(
                            path,
                            text,
                            document,
                            format!("there is no file `{}` beside the agenda", document.value),
                        )
                        .with_hint("name a YAML file in the agenda's folder"),
                    );
                }
            }
        }
        problems
    }

    fn view(&self, style: &Style) -> Result<serde_json::Value, String> {
        self.view_with_pages(style, &[])
    }

    fn describe(&self, style: &Style) -> Described {
        Described {
            title: format!("Agenda: {}, {}", self.committee, style.date(self.date)),
            subtitle: format!("{}, {}", self.committee, style.date(self.date)),
            council: self.council.clone(),
            author: self.council.clone(),
            date: self.date,
        }
    }
}
