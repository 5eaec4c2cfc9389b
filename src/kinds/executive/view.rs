//! View structs: what a report template sees. Everything the report derives
//! (counts, tense, numbering, dates in words) is computed here, so templates
//! only choose words and layout.

use serde::Serialize;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::input::council::Style;
use crate::kinds::executive::calendar::{Period, Tense};
use crate::kinds::executive::model::{Meeting, Report, Section};
use crate::kpi::citation::{Bullet, Chart, CitationError, Kpis, Table};
use crate::render::markdown::nest_headings;
use crate::render::words::{month_year, slug};

/// Everything the Executive Member report template can use.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// The kind's headings in the council's words, filled in.
    pub headings: BTreeMap<String, String>,
    /// What the council calls its executive members.
    pub member: String,
    /// The council's name.
    pub council: String,
    /// The Council meeting the report goes to.
    pub meeting: MeetingView,
    /// The portfolio's name.
    pub portfolio: String,
    /// The date of the previous Council meeting, in words.
    pub previous_meeting: String,
    /// The date of the previous Executive Report, in words.
    pub previous_report: String,
    /// Section 1: the Cabinet meetings of the period.
    pub cabinet: CabinetView,
    /// Section 2: consequences, as Markdown paragraphs.
    pub consequences: Vec<String>,
    /// Section 3: Forward Plan decisions by Cabinet date, then loosely timed.
    pub anticipated: Vec<AnticipatedGroup>,
    /// Section 3: anticipated decisions not on the Forward Plan (Markdown).
    pub anticipated_notes: Vec<String>,
    /// Section 4: the partnerships, one by one.
    pub partnerships: Vec<String>,
    /// Section 5: the narrative sections, flattened in reading order.
    pub comments: Vec<SectionView>,
    /// Section 6: the Cabinet Panel meetings.
    pub panels: Vec<PanelView>,
    /// The signature block.
    pub signature: SignatureView,
}

/// The Council meeting, for the template.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    /// The body that meets ("County Council").
    pub body: String,
    /// The date in words.
    pub date: String,
}

/// The Cabinet meetings of the period and this portfolio's items.
#[derive(Debug, Clone, Serialize)]
pub struct CabinetView {
    /// How many Cabinet meetings the period has.
    pub count: usize,
    /// "have been", "has been" or "will have been", agreeing with the count
    /// and the report date.
    pub verb: String,
    /// Whether any meeting is still to come when the report is written.
    pub future: bool,
    /// The dates of the meetings in words, in date order.
    pub dates: Vec<String>,
    /// The meetings with items of business for this portfolio.
    pub meetings: Vec<CabinetMeetingView>,
}

/// One Cabinet meeting and this portfolio's items at it.
#[derive(Debug, Clone, Serialize)]
pub struct CabinetMeetingView {
    /// The meeting's date in words.
    pub date: String,
    /// The items attributed to the portfolio.
    pub items: Vec<ItemView>,
}

/// An item of business or an anticipated decision.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    /// The Forward Plan reference, if any.
    pub reference: Option<String>,
    /// The title.
    pub title: String,
    /// What was or will be decided, in Markdown.
    pub summary: Option<String>,
}

/// Forward Plan decisions expected at one Cabinet meeting, or at a loosely
/// stated time ("2018").
#[derive(Debug, Clone, Serialize)]
pub struct AnticipatedGroup {
    /// The date of the Cabinet meeting expected to decide, in words.
    pub cabinet: Option<String>,
    /// When the decisions are expected, as written ("2018"), where no
    /// Cabinet date is set.
    pub expected: Option<String>,
    /// The decisions.
    pub items: Vec<ItemView>,
}

/// A numbered narrative section.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// Its number: "5.1", "5.1.1".
    pub number: String,
    /// Its depth below the report's numbered sections: 1 for 5.1.
    pub depth: usize,
    /// The Markdown heading marker for its level: "###" for 5.1.
    pub marker: String,
    /// The heading's text.
    pub title: String,
    /// The section's Markdown text, with cited KPIs written out.
    pub body: Option<String>,
    /// KPIs listed as bullets after the body.
    pub kpis: Vec<Bullet>,
    /// The marker of the KPI bullets: `-`, or `*` when the body ends with a
    /// `-` list, so that the two stay separate lists.
    pub bullet: &'static str,
    /// KPIs shown in a table after the bullets.
    pub kpi_table: Option<Table>,
    /// KPIs drawn as charts at the end of the section.
    pub charts: Vec<Chart>,
}

/// The meetings of one Cabinet Panel in the period.
#[derive(Debug, Clone, Serialize)]
pub struct PanelView {
    /// The panel's name, when it is not the portfolio's own Cabinet Panel.
    pub name: Option<String>,
    /// The dates of its meetings in words, in date order.
    pub dates: Vec<String>,
    /// Each meeting with its link.
    pub meetings: Vec<PanelMeetingView>,
}

/// One panel meeting.
#[derive(Debug, Clone, Serialize)]
pub struct PanelMeetingView {
    /// The date in words.
    pub date: String,
    /// Where its papers are, safe to write between `<` and `>`.
    pub link: String,
}

/// The signature at the end of the report.
#[derive(Debug, Clone, Serialize)]
pub struct SignatureView {
    /// The member's name.
    pub name: String,
    /// The member's title.
    pub title: String,
    /// The month and year: "July 2016".
    pub month: String,
}

impl ReportView {
    /// The view of `report` for `meeting`, or what is wrong with a KPI it
    /// cites.
    pub fn new(meeting: &Meeting, report: &Report, style: &Style) -> Result<Self, String> {
        let date = |date: Date| style.date(date);
        let kpis = Kpis::from_list(meeting.kpis.iter().chain(&report.kpis), &slug(&report.portfolio.value))
            .with_area(&meeting.council);
        let portfolio = report.portfolio.value.as_str();
        let previous_meeting = date(meeting.previous_meeting.date.value);
        let values = [
            ("portfolio", portfolio),
            ("body", &meeting.meeting.body),
            ("previous_meeting", &previous_meeting),
            ("member", &style.member),
        ];
        let headings =
            style.headings.keys().map(|key| (key.clone(), style.heading_with(key, &values))).collect();
        Ok(Self {
            headings,
            member: style.member.clone(),
            council: meeting.council.clone(),
            meeting: MeetingView { body: meeting.meeting.body.clone(), date: date(meeting.meeting.date) },
            portfolio: portfolio.to_owned(),
            previous_report: date(meeting.previous_report.date.value),
            previous_meeting,
            cabinet: CabinetView::new(meeting, report, style),
            consequences: report.consequences.clone(),
            anticipated: anticipated(meeting, portfolio, style),
            anticipated_notes: report.anticipated.clone(),
            partnerships: report.partnerships.clone(),
            comments: flatten_sections(&report.comments, "5", &kpis)?,
            panels: panels(meeting, portfolio, style),
            signature: SignatureView {
                name: report.member.name.clone(),
                title: report.member.title(style, portfolio),
                month: month_year(report.report_date.value),
            },
        })
    }

    /// The chart files the report's sections draw.
    pub fn charts(&self) -> impl Iterator<Item = &Chart> {
        self.comments.iter().flat_map(|section| &section.charts)
    }
}

impl CabinetView {
    fn new(meeting: &Meeting, report: &Report, style: &Style) -> Self {
        let held = Period::of(meeting).cabinet_meetings(meeting);
        let tense = Tense::of(report.report_date.value, held.iter().map(|cabinet| cabinet.date.value));
        let dates: Vec<String> = held.iter().map(|cabinet| style.date(cabinet.date.value)).collect();
        let meetings = held
            .iter()
            .map(|cabinet| CabinetMeetingView {
                date: style.date(cabinet.date.value),
                items: cabinet
                    .items
                    .iter()
                    .filter(|item| item.portfolio.value == report.portfolio.value)
                    .map(|item| ItemView {
                        reference: None,
                        title: item.title.clone(),
                        summary: item.summary.clone(),
                    })
                    .collect(),
            })
            .filter(|cabinet| !cabinet.items.is_empty())
            .collect();
        Self {
            count: held.len(),
            verb: tense.verb(held.len()).to_owned(),
            future: tense == Tense::Future,
            dates,
            meetings,
        }
    }
}

fn anticipated(meeting: &Meeting, portfolio: &str, style: &Style) -> Vec<AnticipatedGroup> {
    let mut entries: Vec<_> =
        meeting.forward_plan.iter().filter(|entry| entry.portfolio.value == portfolio).collect();
    // Dated decisions first, in date order; loosely timed ones after, as listed.
    entries.sort_by_key(|entry| (entry.cabinet.is_none(), entry.cabinet));
    let mut groups: Vec<AnticipatedGroup> = Vec::new();
    for entry in entries {
        let cabinet = entry.cabinet.map(|date| style.date(date));
        let expected = if cabinet.is_none() { entry.expected.clone() } else { None };
        let reference = entry.reference.as_ref().map(|r| r.value.clone());
        let item = ItemView { reference, title: entry.title.clone(), summary: None };
        match groups.last_mut() {
            Some(group) if group.cabinet == cabinet && group.expected == expected => group.items.push(item),
            _ => groups.push(AnticipatedGroup { cabinet, expected, items: vec![item] }),
        }
    }
    groups
}

fn panels(meeting: &Meeting, portfolio: &str, style: &Style) -> Vec<PanelView> {
    let period = Period::of(meeting);
    let mut held: Vec<_> = meeting
        .panels
        .iter()
        .filter(|panel| panel.portfolio.value == portfolio && period.contains(panel.date))
        .collect();
    held.sort_by_key(|panel| panel.date);
    let mut views: Vec<PanelView> = Vec::new();
    for panel in held {
        // A panel without a name of its own is the portfolio's, named by the template.
        let name = panel.panel.clone();
        let held_on =
            PanelMeetingView { date: style.date(panel.date), link: autolink_target(&panel.link.value) };
        let view = match views.iter().position(|view| view.name == name) {
            Some(index) => &mut views[index],
            None => {
                views.push(PanelView { name, dates: Vec::new(), meetings: Vec::new() });
                views.last_mut().expect("just pushed")
            }
        };
        view.dates.push(held_on.date.clone());
        view.meetings.push(held_on);
    }
    views
}

/// Percent-encodes the characters that would end a Markdown autolink early.
fn autolink_target(link: &str) -> String {
    let mut target = String::with_capacity(link.len());
    for c in link.trim().chars() {
        match c {
            '<' => target.push_str("%3C"),
            '>' => target.push_str("%3E"),
            ' ' => target.push_str("%20"),
            c if c.is_control() => {}
            c => target.push(c),
        }
    }
    target
}

/// Numbers nested sections depth-first ("5.1", "5.1.1") and flattens them in
/// reading order, which is the order a template writes them.
fn flatten_sections(sections: &[Section], prefix: &str, kpis: &Kpis) -> Result<Vec<SectionView>, String> {
    let mut flat = Vec::new();
    for (index, section) in sections.iter().enumerate() {
        let number = format!("{prefix}.{}", index + 1);
        let depth = number.matches('.').count();
        let body = section.body.as_deref().map(|body| kpis.expand(body)).transpose();
        let context = |problem: CitationError| {
            format!("in section {number} ({}): {}", section.title, String::from(problem))
        };
        flat.push(SectionView {
            number: number.clone(),
            depth,
            marker: "#".repeat((depth + 2).min(6)),
            title: section.title.clone(),
            body: body.map_err(context)?.map(|body| nest_headings(&body, depth + 3)),
            kpis: kpis.bullets(&section.kpis).map_err(context)?,
            bullet: crate::kpi::citation::bullet_marker_after(section.body.as_deref().unwrap_or_default()),
            kpi_table: kpis.table(&section.kpi_table).map_err(context)?,
            charts: kpis.charts(&section.charts).map_err(context)?,
        });
        flat.extend(flatten_sections(&section.sections, &number, kpis)?);
    }
    Ok(flat)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(title: &str, sections: Vec<Section>) -> Section {
        Section {
            title: title.to_owned(),
            body: None,
            sections,
            kpis: Vec::new(),
            kpi_table: Vec::new(),
            charts: Vec::new(),
        }
    }

    #[test]
    fn numbers_nested_sections_in_reading_order() {
        let sections = vec![
            section("Care", vec![section("Priorities", vec![]), section("Moves", vec![])]),
            section("Ofsted", vec![]),
        ];
        let meeting: Meeting = crate::input::parse(
            std::path::Path::new("m.yaml"),
            "council: C\nmeeting: { date: 2016-07-19 }\nprevious_meeting: { date: 2016-05-17 }\nprevious_report: { date: 2016-03-22 }\n",
        )
        .unwrap();
        let report: Report = crate::input::parse(
            std::path::Path::new("r.yaml"),
            "portfolio: P\nmember: { name: N, title: T }\nreport_date: 2016-07-05\n",
        )
        .unwrap();
        let kpis = Kpis::from_list(meeting.kpis.iter().chain(&report.kpis), "r");
        let flat = flatten_sections(&sections, "5", &kpis).unwrap();
        let numbers: Vec<_> = flat.iter().map(|s| (s.number.as_str(), s.marker.as_str())).collect();
        assert_eq!(numbers, [("5.1", "###"), ("5.1.1", "####"), ("5.1.2", "####"), ("5.2", "###")]);
    }
}
