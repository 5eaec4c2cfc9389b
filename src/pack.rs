//! The meeting's pack: every portfolio's report in one PDF, after a contents
//! page giving each report's pages, and an index of the meeting's files.

use crate::batch::Formats;
use crate::model::{Meeting, Member};
use crate::pdf::Meta;
use crate::render::markdown_text;
use crate::typeset::{markdown_to_typst, string_literal};
use crate::words::long_date;

/// The index of a meeting's output folder.
pub const INDEX: &str = "index.md";

/// The PDF of all of a meeting's reports.
pub const PACK: &str = "executive-reports.pdf";

/// One report's part in the pack.
#[derive(Debug, Clone)]
pub struct Part {
    /// The portfolio's name.
    pub portfolio: String,
    /// The stem of the report's file names.
    pub slug: String,
    /// The member who signs it.
    pub member: Member,
    /// The report's Markdown.
    pub markdown: String,
    /// The charts it draws: file name and SVG.
    pub charts: Vec<(String, String)>,
}

/// "County Council, 19 July 2016": the meeting the reports go to.
pub fn meeting_line(meeting: &Meeting) -> String {
    format!("{}, {}", meeting.meeting.body, long_date(meeting.meeting.date))
}

/// Puts the parts in the meeting's `report_order`, then the others in the
/// order their files came.
pub fn in_order(mut parts: Vec<Part>, order: &[String]) -> Vec<Part> {
    let mut ordered = Vec::with_capacity(parts.len());
    for portfolio in order {
        if let Some(index) = parts.iter().position(|part| &part.portfolio == portfolio) {
            ordered.push(parts.remove(index));
        }
    }
    ordered.append(&mut parts);
    ordered
}

/// The Markdown index of a meeting's reports.
pub fn index(meeting: &Meeting, parts: &[Part], formats: Formats) -> String {
    let mut index = format!(
        "# Executive Member reports\n\n{}: {}\n\n",
        markdown_text(&meeting.council),
        markdown_text(&meeting_line(meeting))
    );
    if formats.pdf {
        index.push_str(&format!("All reports in one file: [{PACK}]({PACK})\n\n"));
    }
    for part in parts {
        let mut files = Vec::new();
        if formats.markdown {
            files.push(format!("[Markdown]({}.md)", part.slug));
        }
        if formats.pdf {
            files.push(format!("[PDF]({}.pdf)", part.slug));
        }
        index.push_str(&format!(
            "- {}: {}, {} ({})\n",
            markdown_text(&part.portfolio),
            markdown_text(&part.member.name),
            markdown_text(&part.member.title),
            files.join(", ")
        ));
    }
    index
}

/// The Typst body of the pack: a contents page, then each report starting
/// on a new page, with labels at its first and last page.
pub fn body(parts: &[Part]) -> String {
    let mut body = String::from("#pack-contents((\n");
    for (number, part) in parts.iter().enumerate() {
        body.push_str(&format!(
            "  (title: {}, start: label(\"report-{number}\"), end: label(\"report-{number}-end\")),\n",
            string_literal(&part.portfolio)
        ));
    }
    body.push_str("))\n\n");
    for (number, part) in parts.iter().enumerate() {
        body.push_str(&format!("#pagebreak(weak: true)\n#metadata(\"start\") <report-{number}>\n"));
        body.push_str(&markdown_to_typst(&part.markdown));
        body.push_str(&format!("\n#metadata(\"end\") <report-{number}-end>\n"));
    }
    body
}

/// The pack's metadata.
pub fn meta(meeting: &Meeting, name: &str, date: jiff::civil::DateTime, look: crate::look::Look) -> Meta {
    Meta {
        title: format!("Executive Member reports: {}", meeting_line(meeting)),
        subtitle: meeting_line(meeting),
        council: meeting.council.clone(),
        author: meeting.council.clone(),
        date,
        ident: format!("{name}/{PACK}"),
        look,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(portfolio: &str) -> Part {
        Part {
            portfolio: portfolio.to_owned(),
            slug: crate::words::slug(portfolio),
            member: Member { name: "A".into(), title: "B".into() },
            markdown: format!("# {portfolio}\n"),
            charts: Vec::new(),
        }
    }

    #[test]
    fn orders_listed_portfolios_first_then_the_rest_as_found() {
        let parts = vec![part("Adult Care"), part("Children"), part("Highways")];
        let order = ["Highways".to_owned(), "Nonexistent".to_owned()];
        let names: Vec<_> = in_order(parts, &order).into_iter().map(|p| p.portfolio).collect();
        assert_eq!(names, ["Highways", "Adult Care", "Children"]);
    }

    #[test]
    fn labels_each_report_for_its_page_range() {
        let body = body(&[part("Children")]);
        assert!(body.starts_with("#pack-contents((\n  (title: \"Children\", start: label(\"report-0\")"));
        assert!(body.contains("#metadata(\"start\") <report-0>\n"));
        assert!(body.contains("#metadata(\"end\") <report-0-end>\n"));
    }
}
