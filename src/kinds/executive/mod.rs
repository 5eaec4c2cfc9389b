//! The Executive Member report to Full Council: one per portfolio, beside
//! the meeting's `meeting.yaml`, which holds what every report shares (the
//! Cabinet meetings of the period, the Forward Plan, Panel meetings, KPIs).
//!
//! Its parts: [`model`], [`calendar`] (the period and its tense), [`check`]
//! (dates, references and links), [`view`] (what its template sees) and
//! [`pack`] (the meeting's pack and index).

pub mod calendar;
pub mod check;
pub mod kpis;
pub mod model;
pub mod pack;
pub mod paragraphs;
pub mod view;

use std::path::Path;

pub use model::{Meeting, Member, Report, Section};

use crate::input::files::{MOST_FILES, Root};
use crate::input::{Diagnostic, Source, folder_of, parse, read_text};
use crate::kinds::parts::check_kpis;
use crate::kinds::{Context, Described, Document, Kind, View, read, schema};
use crate::kpi::KpiFile;
use crate::render::words::slug;

/// The kind's row.
pub static KIND: Kind = Kind {
    name: "executive-report",
    about: "an Executive Member's report on their portfolio to a Council meeting",
    read: read::<Report>,
    schema: schema::<Report>,
    pack: Some(&pack::MeetingPack),
};

/// A meeting's `meeting.yaml` read with its KPI files.
#[derive(Debug)]
pub struct MeetingFile {
    /// The meeting, with the KPIs of its KPI files added.
    pub meeting: Meeting,
    /// The KPI files' text, which its reports depend on.
    pub shared: String,
    /// What the KPI files mark as not yet updated for this cycle.
    pub markers: Vec<Diagnostic>,
}

impl MeetingFile {
    /// Reads a meeting from `source` and its KPI files beside it, which
    /// must be inside `root`, checking every KPI.
    pub fn read(source: Source, root: &Root) -> Result<Self, Diagnostic> {
        let mut meeting: Meeting = source.parse()?;
        let mut shared = String::new();
        let mut markers = Vec::new();
        let folder = folder_of(source.path);
        if meeting.kpi_files.len() > MOST_FILES {
            let message = format!(
                "{} KPI files are listed, more than the {MOST_FILES} allowed",
                meeting.kpi_files.len()
            );
            return Err(source.at_key("kpi_files", message).with_hint("list each KPI file once"));
        }
        let mut read: Vec<&String> = Vec::new();
        for written in &meeting.kpi_files {
            // A file listed twice is read once.
            if read.contains(&written) {
                continue;
            }
            read.push(written);
            root.resolve(folder, written).map_err(|refusal| {
                source.error_at_text(written, refusal.message("KPI file", written)).with_hint(refusal.hint())
            })?;
            let file = folder.join(written);
            let text = read_text(&file)?;
            let kpis: KpiFile = parse(&file, &text)?;
            check_kpis(Source { path: &file, text: &text }, &kpis.kpis)?;
            markers.extend(crate::cycle::markers(Source { path: &file, text: &text }));
            shared.push_str(&text);
            meeting.kpis.extend(kpis.kpis);
        }
        check_kpis(source, &meeting.kpis)?;
        Ok(Self { meeting, shared, markers })
    }

    /// Whether `path` is one of the meeting's KPI files.
    pub fn is_kpi_file(&self, meeting_path: &Path, path: &Path) -> bool {
        let folder = folder_of(meeting_path);
        self.meeting.kpi_files.iter().any(|file| crate::input::same_file(&folder.join(file), path))
    }
}

/// The meeting of a context: every Executive Member report has one.
fn meeting_of<'a>(context: &Context<'a>) -> Result<&'a Meeting, String> {
    context
        .meeting
        .ok_or_else(|| "an Executive Member report needs the meeting.yaml of its folder".to_owned())
}

impl Document for Report {
    fn check(&self, source: Source, context: &Context) -> Vec<Diagnostic> {
        let Some(meeting) = context.meeting else {
            let message = "an Executive Member report needs its meeting's `meeting.yaml` beside it";
            let hint = "put the report in its meeting's folder, or name another `kind:`";
            return vec![Diagnostic::file(source.path, message).with_hint(hint)];
        };
        let mut problems: Vec<Diagnostic> = check_kpis(source, &self.kpis).err().into_iter().collect();
        if let Some(kind) = self.kind.as_deref().filter(|kind| *kind != KIND.name) {
            problems.push(source.at_key("kind", format!("the kind `{kind}` is not `{}`", KIND.name)));
        }
        problems.extend(check::report(source, meeting, self));
        problems.extend(kpis::citations(source, meeting, self));
        problems
    }

    fn warnings(&self, source: Source, context: &Context) -> Vec<Diagnostic> {
        match context.meeting {
            Some(meeting) => check::tense_warnings(source, meeting, self),
            None => Vec::new(),
        }
    }

    fn prose(&self) -> Vec<&str> {
        let mut texts: Vec<&str> = self.partnerships.iter().map(String::as_str).collect();
        let lead_in = &self.lead_in;
        texts.extend(
            [&lead_in.cabinet, &lead_in.anticipated, &lead_in.partnerships]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
        texts.extend(self.consequences.iter().map(String::as_str));
        texts.extend(self.anticipated.iter().map(String::as_str));
        collect_sections(&self.comments, &mut texts);
        texts
    }

    fn view(&self, context: &Context) -> Result<View, String> {
        let view = view::ReportView::new(meeting_of(context)?, self, context.style)?;
        let files = view.charts().map(|chart| (chart.file.clone(), chart.svg.clone())).collect();
        Ok(View { value: crate::kinds::parts::to_view(&view)?, files })
    }

    fn describe(&self, context: &Context) -> Described {
        let portfolio = self.portfolio.value.as_str();
        let title = context
            .style
            .heading_with("pdf_title", &[("portfolio", portfolio), ("member", &context.style.member)]);
        let (subtitle, council, date) = match context.meeting {
            Some(meeting) => {
                (pack::meeting_line(meeting, context.style), meeting.council.clone(), meeting.meeting.date)
            }
            None => (String::new(), String::new(), self.report_date.value),
        };
        Described { title, subtitle, council, author: self.member.name.clone(), date }
    }

    fn stem(&self, _path: &Path) -> String {
        slug(&self.portfolio.value)
    }
}

fn collect_sections<'a>(sections: &'a [Section], texts: &mut Vec<&'a str>) {
    for section in sections {
        texts.push(&section.title);
        texts.extend(section.body.as_deref());
        texts.extend(section.kpis.iter().filter_map(|citation| citation.comment()));
        collect_sections(&section.sections, texts);
    }
}
