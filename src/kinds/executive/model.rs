//! The Executive Member report's model: the meeting's shared facts and
//! each portfolio's report, exactly as officers write them.
//!
//! Every struct denies unknown keys so that a mistyped key is reported at its
//! line instead of being silently ignored. Doc comments on the fields are the
//! descriptions an editor shows while the officer types.

use jiff::civil::Date;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::input::council::Style;
use crate::kpi::Kpi;
use crate::kpi::citation::Citation;

/// A meeting folder's `meeting.yaml`: the Council meeting the reports go to
/// and the facts shared by every portfolio's report.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The council's name, as printed in the header of every page; the
    /// `name` in `council.yaml` when it is left out.
    #[serde(default)]
    pub council: String,
    /// The Council meeting these reports go to.
    pub meeting: CouncilMeeting,
    /// The previous meeting of the Council, named in section 2's heading.
    pub previous_meeting: DatedEvent,
    /// The Council meeting that last received Executive Reports: the start of
    /// the period of section 1. It may be earlier than `previous_meeting`.
    pub previous_report: DatedEvent,
    /// The Cabinet meetings of the period, with their items of business.
    #[serde(default)]
    pub cabinet_meetings: Vec<CabinetMeeting>,
    /// The Forward Plan: decisions Cabinet expects to take.
    #[serde(default)]
    pub forward_plan: Vec<ForwardPlanEntry>,
    /// Cabinet Panel meetings since the last Executive Report.
    #[serde(default)]
    pub panels: Vec<PanelMeeting>,
    /// Key performance indicators any report of the meeting can cite.
    #[serde(default)]
    pub kpis: Vec<Kpi>,
    /// Shared KPI files, relative to this file's folder, each a YAML file
    /// with a `kpis:` list; their KPIs can be cited like those above.
    #[serde(default)]
    pub kpi_files: Vec<String>,
    /// The order of the reports in the meeting's pack, by portfolio; those
    /// not listed follow in the order of their files.
    #[serde(default)]
    pub report_order: Vec<String>,
    /// Reports written in this same file, for a self-contained report.
    #[serde(default)]
    pub reports: Vec<Report>,
}

/// The Council meeting the reports are written for.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CouncilMeeting {
    /// The body that meets, as named in the reports; the council's `body`
    /// heading ("County Council") when left out.
    #[serde(default)]
    pub body: String,
    /// The date of the meeting, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Date,
}

/// An earlier meeting, known by its date.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatedEvent {
    /// The date, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Spanned<Date>,
}

/// One meeting of the Cabinet.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CabinetMeeting {
    /// The date of the Cabinet meeting, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Spanned<Date>,
    /// The items of business taken at this meeting.
    #[serde(default)]
    pub items: Vec<CabinetItem>,
}

/// An item of business at a Cabinet meeting.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CabinetItem {
    /// The portfolio the item is attributed to, exactly as in its report.
    #[schemars(with = "String")]
    pub portfolio: Spanned<String>,
    /// The item's title, as on the Cabinet agenda; an item may be given by
    /// its `summary` alone.
    #[serde(default)]
    pub title: Option<String>,
    /// What was decided, in Markdown.
    #[serde(default)]
    pub summary: Option<String>,
    /// Where the decision's papers are published, as the committee system
    /// gives it: for whoever words the summary; the report does not print
    /// it.
    #[serde(default)]
    pub link: Option<String>,
}

/// A decision on the Forward Plan.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForwardPlanEntry {
    /// The Forward Plan reference exactly as issued, such as `A055/17`.
    #[serde(default, rename = "ref")]
    #[schemars(with = "Option<String>")]
    pub reference: Option<Spanned<String>>,
    /// The portfolio the decision belongs to.
    #[schemars(with = "String")]
    pub portfolio: Spanned<String>,
    /// The Cabinet meeting expected to take the decision, as `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub cabinet: Option<Date>,
    /// When the decision is expected, where no Cabinet date is set ("2018",
    /// "autumn 2018").
    #[serde(default)]
    pub expected: Option<String>,
    /// The decision's title, as on the Forward Plan.
    #[serde(default)]
    pub title: Option<String>,
    /// What Cabinet is expected to decide, in Markdown: the entry's own
    /// sentence, after its title if it has one.
    #[serde(default)]
    pub summary: Option<String>,
}

/// A meeting of a portfolio's Cabinet Panel.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PanelMeeting {
    /// The portfolio whose panel met.
    #[schemars(with = "String")]
    pub portfolio: Spanned<String>,
    /// The panel's name, when it is not "<portfolio> Cabinet Panel".
    #[serde(default)]
    pub panel: Option<String>,
    /// For a joint meeting, the other portfolios whose Cabinet Panels met
    /// with this one, one per line (a name with commas, written in `[ ]`,
    /// would be read as several). The meeting is told in each of their
    /// reports, and a portfolio named here needs no report of its own.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub joint_with: Vec<Spanned<String>>,
    /// The date of the meeting, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Date,
    /// Where the meeting's papers are published: a web address. It may be
    /// left out while the papers are not yet published (a warning).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub link: Option<Spanned<String>>,
}

/// One portfolio's report: a YAML file beside `meeting.yaml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// What this file is: `executive-report`, which a file beside
    /// `meeting.yaml` may leave out.
    #[serde(default)]
    pub kind: Option<String>,
    /// The portfolio, as named in Cabinet items ("Children's Services").
    #[schemars(with = "String")]
    pub portfolio: Spanned<String>,
    /// The Executive Member who signs the report.
    pub member: Member,
    /// The date the report is written: it decides whether Cabinet meetings
    /// "have been" or "will have been" held, and the month it is signed.
    #[schemars(with = "String")]
    pub report_date: Spanned<Date>,
    /// The boards and partnerships the member sits on.
    #[serde(default)]
    pub partnerships: Vec<String>,
    /// Sentences of the member's own that open a section's list in place of
    /// the built-in words.
    #[serde(default)]
    pub lead_in: LeadIns,
    /// Consequences of Cabinet decisions taken before the previous Council
    /// meeting, one Markdown paragraph each.
    #[serde(default)]
    pub consequences: Vec<String>,
    /// Anticipated decisions not on the Forward Plan, one Markdown paragraph
    /// each.
    #[serde(default)]
    pub anticipated: Vec<String>,
    /// Other comments: the member's narrative, in nested sections.
    #[serde(default)]
    pub comments: Vec<Section>,
    /// Key performance indicators of this portfolio, cited by their `id`
    /// from the sections, or in a body as `{kpi:id}`.
    #[serde(default)]
    pub kpis: Vec<Kpi>,
}

/// A report's own opening sentences for its lists, each in Markdown.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadIns {
    /// Before the portfolio's Cabinet items, in place of "The following
    /// items of business were attributed to …".
    #[serde(default)]
    pub cabinet: Option<String>,
    /// Before the anticipated decisions ("Cabinet is expected to decide:").
    #[serde(default)]
    pub anticipated: Option<String>,
    /// Before the partnerships, which then follow as a list: "As I reported
    /// in March, I chair the Growth Board and sit on:".
    #[serde(default)]
    pub partnerships: Option<String>,
}

/// The member who signs a report.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's name, as signed.
    pub name: String,
    /// The member's title, as signed; left out, the council's
    /// `signature_title` heading: "Executive Member for Children's Services".
    #[serde(default)]
    pub title: Option<String>,
}

impl Member {
    /// The member's title: as given, or in the council's words for the
    /// portfolio.
    pub fn title(&self, style: &Style, portfolio: &str) -> String {
        match &self.title {
            Some(title) => title.clone(),
            None => {
                style.heading_with("signature_title", &[("member", &style.member), ("portfolio", portfolio)])
            }
        }
    }
}

/// A numbered section of narrative, which may hold sections of its own.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The section's heading, without its number.
    pub title: String,
    /// A name for the section that other text cites as `{paragraph:name}`,
    /// written as the section's number ("5.2") wherever it moves.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub label: Option<Spanned<String>>,
    /// The section's text, in Markdown.
    #[serde(default)]
    pub body: Option<String>,
    /// Sections within this one, numbered 5.1.1, 5.1.2 and so on.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// KPIs listed as bullets after the body, each with its name in bold
    /// and its figures in words: an id, or `{ id, comment }` to add a
    /// sentence of the member's own.
    #[serde(default)]
    pub kpis: Vec<Citation>,
    /// KPIs shown in a table: latest and previous values, comparators,
    /// direction and RAG status, with sources and periods under it.
    #[serde(default)]
    pub kpi_table: Vec<String>,
    /// KPIs drawn as charts after the body.
    #[serde(default)]
    pub charts: Vec<String>,
}
