//! The meeting's pack: every portfolio's report in one PDF, after a contents
//! page giving each report's pages, and an index of the meeting's files.

use anyhow::{Result, anyhow};
use serde::Serialize;

use crate::input::council::Style;
use crate::kinds::executive::model::{Meeting, Report};
use crate::kinds::{Folder, LaidOut, Made, Pack as FolderPack, Part as PackPart, Rendered};
use crate::pdf::{self, Meta};
use crate::publish::{self, Formats};
use crate::text::{Contents, Pack};
use crate::typeset::{markdown_to_typst, string_literal};

/// The index of a meeting's output folder.
pub const INDEX: &str = "index.md";

/// The stem of the files of all of a meeting's reports.
const PACK_STEM: &str = "executive-reports";

/// The PDF of all of a meeting's reports.
pub const PACK: &str = "executive-reports.pdf";

/// The web page of all of a meeting's reports.
pub const PACK_PAGE: &str = "executive-reports.html";

/// The Word file of all of a meeting's reports.
pub const PACK_WORD: &str = "executive-reports.docx";

/// The template of a meeting's index.
pub const INDEX_TEMPLATE: &str = "meeting-index.md";

/// A meeting's pack and index.
pub struct MeetingPack;

/// "County Council, 19 July 2016": the meeting the reports go to.
pub fn meeting_line(meeting: &Meeting, style: &Style) -> String {
    format!("{}, {}", meeting.meeting.body, style.date(meeting.meeting.date))
}

/// One report's part in the pack.
struct Part<'a> {
    report: &'a Report,
    rendered: &'a Rendered<'a>,
}

/// What the index template sees.
#[derive(Serialize)]
struct IndexView<'a> {
    title: String,
    council: &'a str,
    meeting: String,
    pack: Option<&'static str>,
    reports: Vec<IndexEntry<'a>>,
}

#[derive(Serialize)]
struct IndexEntry<'a> {
    portfolio: &'a str,
    member: &'a str,
    title: String,
    markdown: Option<String>,
    pdf: Option<String>,
}

impl FolderPack for MeetingPack {
    fn names(&self) -> &'static [&'static str] {
        &[INDEX, PACK, PACK_PAGE, PACK_WORD]
    }

    fn wanted(&self, _formats: Formats) -> bool {
        true
    }

    fn make(&self, folder: &Folder) -> Result<Made> {
        let meeting = folder.meeting.ok_or_else(|| anyhow!("a meeting's pack needs its meeting.yaml"))?;
        let style = folder.templates.style(folder.settings, super::KIND.name);
        let parts = in_order(parts(folder), &meeting.report_order);
        let line = meeting_line(meeting, &style);
        let values = [("member", style.member.as_str()), ("meeting", line.as_str())];
        let index = IndexView {
            title: style.heading_with("index_title", &values),
            council: &meeting.council,
            meeting: line.clone(),
            pack: folder.formats.pdf.then_some(PACK),
            reports: parts
                .iter()
                .map(|part| IndexEntry {
                    portfolio: &part.report.portfolio.value,
                    member: &part.report.member.name,
                    title: part.report.member.title(&style, &part.report.portfolio.value),
                    markdown: folder.formats.markdown.then(|| format!("{}.md", part.rendered.stem)),
                    pdf: folder.formats.pdf.then(|| format!("{}.pdf", part.rendered.stem)),
                })
                .collect(),
        };
        let mut files =
            vec![(INDEX.to_owned(), folder.templates.render_named(INDEX_TEMPLATE, &index)?.into_bytes())];
        let metas: Vec<Meta> = parts.iter().map(|part| folder.meta_of(part.rendered)).collect();
        let meta = Meta {
            title: style.heading_with("pack_title", &values),
            subtitle: line,
            council: meeting.council.clone(),
            author: meeting.council.clone(),
            date: (folder.stamp)(meeting.meeting.date),
            ident: format!("{}/{PACK}", folder.name),
            look: folder.look.clone(),
        };
        let contents = Contents {
            heading: style.heading("contents"),
            entries: parts.iter().map(|part| part.report.portfolio.value.clone()).collect(),
        };
        let texts = parts.iter().zip(&metas).map(|(part, meta)| part.rendered.text(meta)).collect();
        let pack = Pack { meta: &meta, contents: Some(contents), parts: texts };
        files.extend(publish::pack(&pack, PACK_STEM, folder.formats, folder.templates)?);
        if !folder.formats.pdf {
            return Ok(Made { files, pdf: None });
        }
        let body = body(&parts, &metas);
        let shown: Vec<_> = parts.iter().flat_map(|part| part.rendered.files.iter().cloned()).collect();
        let theme = folder.templates.theme();
        let document = pdf::Document { body: &body, theme, meta: &meta, files: &shown };
        let layout = pdf::lay_out(&document)?;
        let parts = parts
            .iter()
            .zip(metas)
            .enumerate()
            .map(|(index, (part, meta))| PackPart { stem: part.rendered.stem.to_owned(), index, meta })
            .collect();
        let stamp = style.heading("pack_page");
        Ok(Made { files, pdf: Some(LaidOut { name: PACK.to_owned(), layout, stamp, parts }) })
    }
}

/// The folder's Executive Member reports.
fn parts<'a>(folder: &'a Folder<'a>) -> Vec<Part<'a>> {
    let any = |rendered: &'a Rendered<'a>| -> &'a dyn std::any::Any { rendered.document };
    folder
        .documents
        .iter()
        .filter_map(|rendered| any(rendered).downcast_ref::<Report>().map(|report| Part { report, rendered }))
        .collect()
}

/// Puts the parts in the meeting's `report_order`, then the others in the
/// order their files came.
fn in_order<'a>(mut parts: Vec<Part<'a>>, order: &[String]) -> Vec<Part<'a>> {
    let mut ordered = Vec::with_capacity(parts.len());
    for portfolio in order {
        if let Some(index) = parts.iter().position(|part| &part.report.portfolio.value == portfolio) {
            ordered.push(parts.remove(index));
        }
    }
    ordered.append(&mut parts);
    ordered
}

/// The Typst body of the pack: a contents page, then each report as a part
/// of its own, starting on a new page.
fn body(parts: &[Part], metas: &[Meta]) -> String {
    let mut body = String::from("#pack-contents((\n");
    for (number, part) in parts.iter().enumerate() {
        body.push_str(&format!(
            "  (title: {}, start: <part-{number}>, end: <part-{number}-end>),\n",
            string_literal(&part.report.portfolio.value)
        ));
    }
    body.push_str("))\n\n");
    for (number, (part, meta)) in parts.iter().zip(metas).enumerate() {
        body.push_str("#pagebreak(weak: true)\n");
        body.push_str(&pdf::part_start(number, meta));
        body.push_str(&markdown_to_typst(part.rendered.markdown));
        body.push_str(&pdf::part_end(number));
    }
    body
}
