//! The next cycle: a meeting's folder rolled forward to the next meeting
//! ([`new`]), and the Cabinet's business read from the council's
//! committee system ([`moderngov`]). Both edit the YAML an officer keeps
//! at the places its parser reads ([`tree`]), keeping what they wrote
//! around what changes ([`edit`]), and mark what is still to bring up to
//! date, which `check` reports ([`markers`]).

pub mod edit;
pub mod moderngov;
pub mod new;
pub mod tree;

use jiff::civil::Date;

use crate::input::{Diagnostic, Source};
use edit::{MARKER, scalar};

/// One Cabinet meeting, as `meeting.yaml` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CabinetMeeting {
    pub date: Date,
    pub items: Vec<CabinetItem>,
}

/// One item of a Cabinet meeting's business.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CabinetItem {
    /// Its portfolio; `None` for the officer to fill in.
    pub portfolio: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    /// Where its decision's papers are published.
    pub link: Option<String>,
    /// What the officer is still to write, marked for `check`.
    pub to_complete: Option<String>,
}

impl CabinetMeeting {
    /// The meetings a parsed `meeting.yaml` lists.
    pub fn read(meetings: &[crate::kinds::executive::model::CabinetMeeting]) -> Vec<Self> {
        meetings
            .iter()
            .map(|meeting| Self {
                date: meeting.date.value,
                items: meeting
                    .items
                    .iter()
                    .map(|item| CabinetItem {
                        portfolio: Some(item.portfolio.value.clone())
                            .filter(|portfolio| !portfolio.is_empty()),
                        title: item.title.clone(),
                        summary: item.summary.clone(),
                        link: item.link.clone(),
                        to_complete: None,
                    })
                    .collect(),
            })
            .collect()
    }
}

/// The `cabinet_meetings:` block of `meeting.yaml` listing `meetings`.
pub fn cabinet_block(meetings: &[CabinetMeeting]) -> String {
    if meetings.is_empty() {
        return "cabinet_meetings: []\n".to_owned();
    }
    format!("cabinet_meetings:\n{}", edit::indented(&meeting_lines(meetings), 2))
}

/// `meetings` as the items of a block list, its `-` at the margin.
pub fn meeting_lines(meetings: &[CabinetMeeting]) -> String {
    let mut lines = String::new();
    for meeting in meetings {
        lines.push_str(&format!("- date: {}\n", meeting.date));
        if !meeting.items.is_empty() {
            lines.push_str("  items:\n");
            lines.push_str(&edit::indented(&item_lines(&meeting.items), 4));
        }
    }
    lines
}

/// `items` as the items of a block list, its `-` at the margin, each
/// still to complete marked.
pub fn item_lines(items: &[CabinetItem]) -> String {
    let mut lines = String::new();
    for item in items {
        if let Some(what) = &item.to_complete {
            lines.push_str(&format!("{MARKER}: {what}\n"));
        }
        let portfolio = item.portfolio.as_deref().unwrap_or_default();
        lines.push_str(&format!("- portfolio: {}\n", scalar(portfolio)));
        for (key, value) in [("title", &item.title), ("summary", &item.summary), ("link", &item.link)] {
            if let Some(value) = value {
                lines.push_str(&format!("  {key}: {}\n", scalar(value)));
            }
        }
    }
    lines
}

/// A warning at each marker in a YAML file: what `new` left for an officer
/// to bring up to date.
pub fn markers(source: Source) -> Vec<Diagnostic> {
    source
        .text
        .lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let at = line.find(MARKER)?;
            let what = line[at + MARKER.len()..].trim_start_matches(':').trim();
            let message = if what.is_empty() {
                "not yet updated for this cycle".to_owned()
            } else {
                format!("not yet updated for this cycle: {what}")
            };
            let problem = Diagnostic::at(source.path, source.text, index + 1, at + 1, message)
                .as_warning()
                .with_rule(RULE)
                .with_hint("bring what follows up to date, then delete this line");
            Some(problem)
        })
        .collect()
}

/// The rule the markers are reported under.
pub const RULE: &str = "not-updated";

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn writes_cabinet_meetings_that_read_back_as_written() {
        let meetings = vec![
            CabinetMeeting { date: jiff::civil::date(2016, 9, 19), items: Vec::new() },
            CabinetMeeting {
                date: jiff::civil::date(2016, 10, 17),
                items: vec![CabinetItem {
                    portfolio: Some("Adult Care and Health".into()),
                    title: Some("Supported living: a new model".into()),
                    to_complete: Some("write what Cabinet decided".into()),
                    ..CabinetItem::default()
                }],
            },
        ];
        let block = cabinet_block(&meetings);
        assert_eq!(
            block,
            format!(
                "cabinet_meetings:\n  - date: 2016-09-19\n  - date: 2016-10-17\n    items:\n      {MARKER}: write what Cabinet decided\n      - portfolio: Adult Care and Health\n        title: \"Supported living: a new model\"\n"
            )
        );
        #[derive(serde::Deserialize)]
        struct Only {
            cabinet_meetings: Vec<crate::kinds::executive::model::CabinetMeeting>,
        }
        let read: Only = serde_saphyr::from_str(&block).unwrap();
        assert_eq!(CabinetMeeting::read(&read.cabinet_meetings), {
            let mut expected = meetings.clone();
            expected[1].items[0].to_complete = None;
            expected
        });
    }

    #[test]
    fn reports_each_marker_at_its_line() {
        let text = format!("a: 1\n  {MARKER}: add the new value\nb: 2\n");
        let found = markers(Source { path: Path::new("m.yaml"), text: &text });
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].position, Some((2, 3)));
        assert_eq!(found[0].message, "not yet updated for this cycle: add the new value");
        assert!(found[0].warning);
    }
}
