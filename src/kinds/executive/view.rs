//! View structs: what a report template sees. Everything the report derives
//! (counts, tense, numbering, dates in words) is computed here, so templates
//! only choose words and layout.

use serde::Serialize;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::input::council::Style;
use crate::kinds::executive::calendar::{Period, Tense};
use crate::kinds::executive::model::{Meeting, Report, Section};
use crate::kinds::executive::paragraphs::Numbers;
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
    /// Section 3: the anticipated decisions.
    pub anticipated: AnticipatedView,
    /// Section 4: the partnerships.
    pub partnerships: PartnershipsView,
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
    /// How many items of business are attributed to the portfolio.
    pub items: usize,
    /// The report's own sentence before the items, in Markdown.
    pub lead_in: Option<String>,
}

/// One Cabinet meeting and this portfolio's items at it.
#[derive(Debug, Clone, Serialize)]
pub struct CabinetMeetingView {
    /// The meeting's date in words.
    pub date: String,
    /// The items attributed to the portfolio.
    pub items: Vec<ItemView>,
}

/// An item of business at a Cabinet meeting.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    /// The title, when the item has one.
    pub title: Option<String>,
    /// What was decided, in Markdown.
    pub summary: Option<String>,
}

/// The anticipated decisions of section 3.
#[derive(Debug, Clone, Serialize)]
pub struct AnticipatedView {
    /// The report's own sentence before the decisions, in Markdown.
    pub lead_in: Option<String>,
    /// Forward Plan decisions by Cabinet meeting or expected time, in date
    /// order.
    pub groups: Vec<AnticipatedGroup>,
    /// Anticipated decisions not on the Forward Plan, as Markdown
    /// paragraphs.
    pub notes: Vec<String>,
}

/// Forward Plan decisions expected at one Cabinet meeting, or at a loosely
/// stated time ("2018").
#[derive(Debug, Clone, Serialize)]
pub struct AnticipatedGroup {
    /// Its heading in the council's words: "Cabinet – 12 March 2018".
    pub heading: String,
    /// The date of the Cabinet meeting expected to decide, in words.
    pub cabinet: Option<String>,
    /// When the decisions are expected, as written ("2018"), where no
    /// Cabinet date is set.
    pub expected: Option<String>,
    /// The decisions.
    pub items: Vec<DecisionView>,
}

/// One decision on the Forward Plan.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionView {
    /// The Forward Plan reference, if any.
    pub reference: Option<String>,
    /// The reference in the council's words: "Forward Plan ref: B012/18."
    pub reference_label: Option<String>,
    /// The title, if any.
    pub title: Option<String>,
    /// The entry's own sentence, in Markdown.
    pub summary: Option<String>,
    /// The title and sentence as one Markdown text: "Title. Sentence".
    pub text: String,
}

/// The partnerships of section 4.
#[derive(Debug, Clone, Serialize)]
pub struct PartnershipsView {
    /// The report's own sentence before the list, in Markdown.
    pub lead_in: Option<String>,
    /// The partnerships, one by one.
    pub list: Vec<String>,
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

/// The meetings of one Cabinet Panel in the period, and the joint
/// meetings it took part in.
#[derive(Debug, Clone, Serialize)]
pub struct PanelView {
    /// The panel's name: its own, or "<portfolio> Cabinet Panel" in the
    /// council's words.
    pub name: String,
    /// The dates of its own meetings in words, in date order.
    pub dates: Vec<String>,
    /// Whether one of its own meetings is after the report is written:
    /// it "will have met".
    pub future: bool,
    /// Its joint meetings, by the panels that met together.
    pub joint: Vec<JointView>,
    /// Every meeting, its own and joint, in date order, with its link.
    pub meetings: Vec<PanelMeetingView>,
    /// How many of the meetings have a link.
    pub links: usize,
}

/// The joint meetings of one set of panels.
#[derive(Debug, Clone, Serialize)]
pub struct JointView {
    /// The panels that met, each with "the": "the Highways Cabinet Panel
    /// and the Environment Cabinet Panel".
    pub panels: String,
    /// The dates in words, in date order.
    pub dates: Vec<String>,
    /// Whether one of them is after the report is written.
    pub future: bool,
}

/// One panel meeting.
#[derive(Debug, Clone, Serialize)]
pub struct PanelMeetingView {
    /// The date in words.
    pub date: String,
    /// The words of its link: the panel and the date, in the council's
    /// words.
    pub text: String,
    /// Where its papers are, safe to write between `(` and `)` or `<` and
    /// `>`; none while they are not published.
    pub link: Option<String>,
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
        let numbers = Numbers::of(&report.comments, "5");
        let own = |text: &String| numbers.resolve(text);
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
        let mut comments = flatten_sections(&report.comments, "5", &kpis)?;
        for section in &mut comments {
            section.body = section.body.as_ref().map(own);
        }
        Ok(Self {
            headings,
            member: style.member.clone(),
            council: meeting.council.clone(),
            meeting: MeetingView { body: meeting.meeting.body.clone(), date: date(meeting.meeting.date) },
            portfolio: portfolio.to_owned(),
            previous_report: date(meeting.previous_report.date.value),
            previous_meeting,
            cabinet: CabinetView::new(meeting, report, style, &numbers),
            consequences: report.consequences.iter().map(own).collect(),
            anticipated: AnticipatedView {
                lead_in: report.lead_in.anticipated.as_ref().map(own),
                groups: anticipated(meeting, portfolio, style),
                notes: report.anticipated.iter().map(own).collect(),
            },
            partnerships: PartnershipsView {
                lead_in: report.lead_in.partnerships.as_ref().map(own),
                list: report.partnerships.clone(),
            },
            comments,
            panels: panels(meeting, report, style),
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
    fn new(meeting: &Meeting, report: &Report, style: &Style, numbers: &Numbers) -> Self {
        let held = Period::of(meeting).cabinet_meetings(meeting);
        let tense = Tense::of(report.report_date.value, held.iter().map(|cabinet| cabinet.date.value));
        let dates: Vec<String> = held.iter().map(|cabinet| style.date(cabinet.date.value)).collect();
        let meetings: Vec<CabinetMeetingView> = held
            .iter()
            .map(|cabinet| CabinetMeetingView {
                date: style.date(cabinet.date.value),
                items: cabinet
                    .items
                    .iter()
                    .filter(|item| item.portfolio.value == report.portfolio.value)
                    .map(|item| ItemView {
                        title: item.title.clone().filter(|title| !title.trim().is_empty()),
                        summary: item.summary.as_ref().map(|summary| numbers.resolve(summary)),
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
            items: meetings.iter().map(|cabinet| cabinet.items.len()).sum(),
            meetings,
            lead_in: report.lead_in.cabinet.as_ref().map(|text| numbers.resolve(text)),
        }
    }
}

fn anticipated(meeting: &Meeting, portfolio: &str, style: &Style) -> Vec<AnticipatedGroup> {
    let mut entries: Vec<_> =
        meeting.forward_plan.iter().filter(|entry| entry.portfolio.value == portfolio).collect();
    // In date order, whether a Cabinet date or a loosely stated time; a
    // time with no year in it last, in the order listed.
    entries.sort_by_key(|entry| when(entry.cabinet, entry.expected.as_deref()));
    let mut groups: Vec<AnticipatedGroup> = Vec::new();
    for entry in entries {
        let cabinet = entry.cabinet.map(|date| style.date(date));
        let expected = if cabinet.is_none() {
            entry.expected.clone().filter(|expected| !expected.trim().is_empty())
        } else {
            None
        };
        let reference = entry.reference.as_ref().map(|r| r.value.trim().to_owned()).filter(|r| !r.is_empty());
        let title = entry.title.clone().filter(|title| !title.trim().is_empty());
        let summary = entry.summary.clone().filter(|summary| !summary.trim().is_empty());
        let item = DecisionView {
            reference_label: reference
                .as_ref()
                .map(|r| style.heading_with("forward_plan_ref", &[("ref", r)])),
            text: decision_text(title.as_deref(), summary.as_deref()),
            reference,
            title,
            summary,
        };
        match groups.last_mut() {
            Some(group) if group.cabinet == cabinet && group.expected == expected => group.items.push(item),
            _ => {
                let heading = match (&cabinet, &expected) {
                    (Some(date), _) => style.heading_with("anticipated_cabinet", &[("date", date)]),
                    (None, Some(when)) => style.heading_with("anticipated_expected", &[("expected", when)]),
                    (None, None) => style.heading("anticipated_undated"),
                };
                groups.push(AnticipatedGroup { heading, cabinet, expected, items: vec![item] })
            }
        }
    }
    groups
}

/// A decision's title and sentence as one text: the title closed with a
/// full stop when a sentence follows it or it stands alone.
fn decision_text(title: Option<&str>, summary: Option<&str>) -> String {
    let closed = |text: &str| {
        let text = text.trim();
        if text.ends_with(['.', '!', '?']) { text.to_owned() } else { format!("{text}.") }
    };
    match (title, summary) {
        (Some(title), Some(summary)) => format!("{} {}", closed(title), summary.trim()),
        (Some(title), None) => closed(title),
        (None, Some(summary)) => summary.trim().to_owned(),
        (None, None) => String::new(),
    }
}

/// When a Forward Plan decision is expected, as (year, month, day) for
/// putting decisions in date order. A loosely stated time ("March 2018",
/// "spring 2018", "2018") comes after every dated meeting of its month or
/// year; a time with no year in it ("to be confirmed") after everything.
fn when(cabinet: Option<Date>, expected: Option<&str>) -> (i16, i8, i8) {
    const LAST: (i16, i8, i8) = (i16::MAX, 0, 0);
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const SEASONS: [(&str, i8); 4] = [("spring", 5), ("summer", 8), ("autumn", 11), ("winter", 12)];
    if let Some(date) = cabinet {
        return (date.year(), date.month(), date.day());
    }
    let Some(lower) = expected.map(str::to_lowercase) else { return LAST };
    let year =
        lower.split(|c: char| !c.is_ascii_digit()).find(|part| part.len() == 4).and_then(|y| y.parse().ok());
    let Some(year) = year else { return LAST };
    let month = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| word.len() >= 3)
        .find_map(|word| {
            // A month's name, or its first letters: "Sept", "Oct".
            let by_name =
                MONTHS.iter().position(|month| month.starts_with(word)).map(|index| index as i8 + 1);
            by_name.or_else(|| SEASONS.iter().find(|(season, _)| word == *season).map(|(_, month)| *month))
        })
        .unwrap_or(13);
    (year, month, 32)
}

fn panels(meeting: &Meeting, report: &Report, style: &Style) -> Vec<PanelView> {
    let portfolio = report.portfolio.value.as_str();
    let written = report.report_date.value;
    let period = Period::of(meeting);
    let mut held: Vec<_> = meeting
        .panels
        .iter()
        .filter(|panel| {
            period.contains(panel.date)
                && (panel.portfolio.value == portfolio
                    || panel.joint_with.iter().any(|other| other.value == portfolio))
        })
        .collect();
    held.sort_by_key(|panel| panel.date);
    let own_panel = panel_name(style, portfolio);
    let mut views: Vec<PanelView> = Vec::new();
    for panel in held {
        let date = style.date(panel.date);
        let link =
            panel.link.as_ref().map(|link| autolink_target(&link.value)).filter(|link| !link.is_empty());
        let (name, joint) = if panel.joint_with.is_empty() {
            (panel.panel.clone().unwrap_or_else(|| own_panel.clone()), None)
        } else {
            let mut names =
                vec![panel.panel.clone().unwrap_or_else(|| panel_name(style, &panel.portfolio.value))];
            names.extend(panel.joint_with.iter().map(|other| panel_name(style, &other.value)));
            let the: Vec<String> = names.iter().map(|name| format!("the {name}")).collect();
            (own_panel.clone(), Some(crate::render::words::and_list(&the)))
        };
        let text = match &joint {
            None => style.heading_with("panel_link", &[("panel", &name), ("date", &date)]),
            Some(panels) => style.heading_with("joint_panel_link", &[("panels", panels), ("date", &date)]),
        };
        let index = match views.iter().position(|view| view.name == name) {
            Some(index) => index,
            None => {
                views.push(PanelView {
                    name,
                    dates: Vec::new(),
                    future: false,
                    joint: Vec::new(),
                    meetings: Vec::new(),
                    links: 0,
                });
                views.len() - 1
            }
        };
        let view = &mut views[index];
        let future = panel.date > written;
        match joint {
            None => {
                view.dates.push(date.clone());
                view.future |= future;
            }
            Some(panels) => match view.joint.iter_mut().find(|joint| joint.panels == panels) {
                Some(joint) => {
                    joint.dates.push(date.clone());
                    joint.future |= future;
                }
                None => view.joint.push(JointView { panels, dates: vec![date.clone()], future }),
            },
        }
        view.links += usize::from(link.is_some());
        view.meetings.push(PanelMeetingView { date, text, link });
    }
    views
}

/// A portfolio's Cabinet Panel in the council's words.
fn panel_name(style: &Style, portfolio: &str) -> String {
    style.heading_with("panel_name", &[("portfolio", portfolio)])
}

/// Percent-encodes the characters that would end a Markdown link early.
fn autolink_target(link: &str) -> String {
    let mut target = String::with_capacity(link.len());
    for c in link.trim().chars() {
        match c {
            '<' => target.push_str("%3C"),
            '>' => target.push_str("%3E"),
            '(' => target.push_str("%28"),
            ')' => target.push_str("%29"),
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
            label: None,
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
