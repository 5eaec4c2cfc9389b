//! A committee's work programme: its coming meetings and their business.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::{Listing, empty_title};
use crate::input::council::Style;
use crate::input::{Diagnostic, Source};
use crate::kinds::parts::problem_at;
use crate::kinds::{Context, Described, Document, Kind, Table, View, read, schema};

/// The kind's row.
pub static KIND: Kind = Kind {
    name: "work-programme",
    about: "a committee's work programme",
    read: read::<WorkProgramme>,
    schema: schema::<WorkProgramme>,
    pack: None,
};

/// A committee's work programme: its coming meetings and the business
/// planned for each.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkProgramme {
    /// The document's kind: `work-programme`.
    pub kind: String,
    /// The council's name in each page's header; `council.yaml`'s `name`
    /// when left out.
    #[serde(default)]
    pub council: Option<String>,
    /// The committee ("Children and Young People Scrutiny Committee").
    pub committee: String,
    /// The date of the meeting the programme goes to, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Date,
    /// The title ("Work Programme").
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The meetings of the programme, in date order.
    #[serde(default)]
    pub meetings: Vec<ProgrammeMeeting>,
    /// Background papers, each in Markdown; "No Background Papers" when
    /// there are none.
    #[serde(default)]
    pub background_papers: Vec<String>,
}

/// A meeting of the work programme.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeMeeting {
    /// The date of the meeting, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Spanned<Date>,
    /// The date its papers are sent out, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub despatch: Spanned<Date>,
    /// The business planned for the meeting.
    #[serde(default)]
    pub items: Vec<ProgrammeItem>,
}

/// An item of business on the work programme.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeItem {
    /// The item's name, or what it is: "Briefing", "Training".
    pub item: String,
    /// What the committee will do with it.
    #[serde(default)]
    pub description: String,
    /// The officer who writes the report.
    #[serde(default)]
    pub author: Option<String>,
    /// Comments, or the outcome once the meeting has been held.
    #[serde(default)]
    pub comments: Option<String>,
}

#[derive(Debug, Serialize)]
struct MeetingView {
    date: String,
    despatch: String,
    table: Table,
}

#[derive(Debug, Serialize)]
struct ProgrammeView<'a> {
    title: &'a str,
    committee: &'a str,
    date: String,
    meeting_date_label: String,
    despatch_label: String,
    meetings: Vec<MeetingView>,
    background_papers: Listing,
}

impl WorkProgramme {
    /// The columns of each meeting's table, in the council's words.
    fn columns(style: &Style) -> Vec<String> {
        ["item", "description", "report_author", "comments_outcome"]
            .iter()
            .map(|key| style.heading(key))
            .collect()
    }

    fn meeting_view(meeting: &ProgrammeMeeting, style: &Style) -> MeetingView {
        let rows = meeting
            .items
            .iter()
            .map(|item| {
                let optional = |text: &Option<String>| text.clone().unwrap_or_default();
                vec![
                    item.item.clone(),
                    item.description.clone(),
                    optional(&item.author),
                    optional(&item.comments),
                ]
            })
            .collect();
        MeetingView {
            date: style.date(meeting.date.value),
            despatch: style.date(meeting.despatch.value),
            table: Table { columns: Self::columns(style), rows, caption: None },
        }
    }
}

impl Document for WorkProgramme {
    fn prose(&self) -> Vec<&str> {
        let mut texts = vec![self.title.value.as_str()];
        for item in self.meetings.iter().flat_map(|meeting| &meeting.items) {
            texts.extend([item.item.as_str(), &item.description]);
            texts.extend(item.comments.as_deref());
        }
        texts.extend(self.background_papers.iter().map(String::as_str));
        texts
    }

    fn check(&self, source: Source, _context: &Context) -> Vec<Diagnostic> {
        let (path, text) = (source.path, source.text);
        let mut problems = Vec::new();
        problems.extend(empty_title(path, text, &self.title));
        for meeting in &self.meetings {
            if meeting.items.is_empty() {
                let message = "this meeting has no items";
                problems.push(
                    problem_at(path, text, &meeting.date, message)
                        .with_hint("add its business under `items:`, or an item `TBC`"),
                );
            }
            if meeting.despatch.value > meeting.date.value {
                let message = "the papers are despatched after the meeting";
                problems.push(problem_at(path, text, &meeting.despatch, message));
            }
        }
        problems
    }

    fn view(&self, context: &Context) -> Result<View, String> {
        let style = context.style;
        View::of(&ProgrammeView {
            title: &self.title.value,
            committee: &self.committee,
            date: style.date(self.date),
            meeting_date_label: style.heading("meeting_date"),
            despatch_label: style.heading("despatch"),
            meetings: self.meetings.iter().map(|meeting| Self::meeting_view(meeting, style)).collect(),
            background_papers: Listing::new(style, "background_papers", self.background_papers.clone()),
        })
    }

    fn describe(&self, context: &Context) -> Described {
        let style = context.style;
        Described {
            title: self.title.value.clone(),
            subtitle: format!("{}, {}", self.committee, style.date(self.date)),
            council: self.council.clone().or(context.council.map(str::to_owned)).unwrap_or_default(),
            author: self.committee.clone(),
            date: self.date,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testing::{Testing, style_of};
    use std::path::Path;

    const PROGRAMME: &str = "\
kind: work-programme
committee: Children and Young People Scrutiny Committee
date: 2017-07-05
title: Work Programme
meetings:
  - date: 2017-07-05
    despatch: 2017-06-27
    items: [{ item: Briefing, description: Children and Young People Plan update. }]
  - date: 2017-10-02
    despatch: 2017-10-22
";

    #[test]
    fn errors_at_a_meeting_with_no_items_and_a_late_despatch() {
        let programme: WorkProgramme = crate::input::parse(Path::new("w.yaml"), PROGRAMME).unwrap();
        let problems = programme.test_check(Path::new("w.yaml"), PROGRAMME);
        let found: Vec<_> = problems.iter().map(|p| (p.message.as_str(), p.position.unwrap().0)).collect();
        assert_eq!(
            found,
            [("this meeting has no items", 9), ("the papers are despatched after the meeting", 10)]
        );
    }

    #[test]
    fn tabulates_each_meeting_with_its_dates() {
        let programme: WorkProgramme = crate::input::parse(Path::new("w.yaml"), PROGRAMME).unwrap();
        let view = programme.test_view(&style_of("work-programme")).unwrap();
        assert_eq!(view["meetings"][0]["date"], "5 July 2017");
        assert_eq!(view["meetings"][0]["despatch"], "27 June 2017");
        assert_eq!(view["meetings"][0]["table"]["columns"][2], "Report Author");
        assert_eq!(view["meetings"][0]["table"]["rows"][0][0], "Briefing");
        assert_eq!(
            programme.test_describe(&style_of("work-programme")).author,
            "Children and Young People Scrutiny Committee"
        );
    }
}
