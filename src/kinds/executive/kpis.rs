//! The KPIs a report cites, checked before it is rendered: every citation
//! in a section's body or comment and every id its lists name must be a
//! KPI of the report or its meeting, each problem at the line where the
//! citation is written.

use crate::input::{Diagnostic, Source};
use crate::kinds::executive::model::{Meeting, Report, Section};
use crate::kpi::citation::{CitationError, Kpis};

/// Every KPI citation of `report` that cannot be written out.
pub fn citations(source: Source, meeting: &Meeting, report: &Report) -> Vec<Diagnostic> {
    let kpis = Kpis::from_list(meeting.kpis.iter().chain(&report.kpis), "check");
    let mut errors = Vec::new();
    sections(&report.comments, &kpis, &mut errors);
    errors.iter().map(|error| error.at(source, 1)).collect()
}

/// The citation errors of `sections` and the sections within them.
fn sections(sections: &[Section], kpis: &Kpis, errors: &mut Vec<CitationError>) {
    for section in sections {
        let texts = section.body.iter().map(String::as_str);
        let comments = section.kpis.iter().filter_map(|citation| citation.comment());
        errors.extend(texts.chain(comments).flat_map(|text| kpis.problems(text)));
        let ids = section.kpis.iter().map(|citation| citation.id());
        let listed = ids
            .chain(section.kpi_table.iter().map(String::as_str))
            .chain(section.charts.iter().map(String::as_str));
        errors.extend(listed.filter_map(|id| kpis.view(id).err()));
        self::sections(&section.sections, kpis, errors);
    }
}
