//! A Cabinet information item: a progress update on a strategy, sent to
//! Cabinet for information rather than decision.
//!
//! The document opens with a header block (agenda item, meeting, who
//! reports, the Cabinet Member), a summary and the reasons for the report.
//! Its detail is a list of blocks, each with an optional part heading and an
//! optional heading of its own; the paragraphs of every block are numbered
//! in one run, 1, 2, 3 …, across the headings. The contact officer closes
//! it. Paragraphs, sub-items, bullets and table cells may cite the
//! document's KPIs as `{kpi:id}` or `{kpi:id:part}`, as Executive reports
//! do.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::input::council::Style;
use crate::input::{Diagnostic, Source};
use crate::kinds::parts::Member;
use crate::kinds::parts::problem_at;
use crate::kinds::{
    Contact, Context, Described, Document, Kind, NumberedParagraph, Paragraph, Table, read, schema,
};
use crate::kpi::Kpi;
use crate::kpi::citation::{CitationError, Kpis};

/// The kind's row.
pub static KIND: Kind = Kind {
    name: "cabinet-update",
    about: "a Cabinet information item: a progress update on a strategy",
    read: read::<CabinetUpdate>,
    schema: schema::<CabinetUpdate>,
    pack: None,
};

/// A Cabinet information item: a progress update on a strategy.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CabinetUpdate {
    /// The document's kind: `cabinet-update`.
    pub kind: String,
    /// The council's name, printed at the head of every page; the name in
    /// `council.yaml` when it is left out.
    #[serde(default)]
    pub council: Option<String>,
    /// The item's number on the agenda, when it is known; the line
    /// "AGENDA ITEM" is printed without it otherwise.
    #[serde(default)]
    pub agenda_item: Option<String>,
    /// The meeting the item goes to.
    pub meeting: UpdateMeeting,
    /// Who reports, as printed after "REPORT OF" ("Senior Management Team").
    pub report_of: String,
    /// What sort of item it is, as printed in the header block; the
    /// council's `item` heading ("Cabinet information item") when left out.
    #[serde(default)]
    pub item: Option<String>,
    /// The Cabinet Member whose portfolio the update covers.
    pub member: Member,
    /// The report's title, as published.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The summary, in Markdown. It may cite KPIs as `{kpi:id}`.
    #[schemars(with = "String")]
    pub summary: Spanned<String>,
    /// Why the report is produced, in Markdown. It may cite KPIs.
    #[schemars(with = "String")]
    pub reasons: Spanned<String>,
    /// The detail: blocks of paragraphs, numbered in one run across every
    /// block, each block under an optional part heading and heading.
    pub detail: Vec<Block>,
    /// The officer to contact about the report.
    pub contact: Contact,
    /// Key performance indicators the paragraphs cite as `{kpi:id}` or
    /// `{kpi:id:part}`.
    #[serde(default)]
    pub kpis: Vec<Kpi>,
}

/// The meeting a Cabinet information item goes to.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeeting {
    /// The body that meets, as printed after "REPORT TO"; the council's
    /// `meeting_body` heading ("Cabinet") when left out.
    #[serde(default)]
    pub body: Option<String>,
    /// The date of the meeting, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Date,
}

/// A run of numbered paragraphs under its headings.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// A heading that starts a part of the detail ("Update on 2019/20
    /// priorities"); the headings of this and later blocks sit under it.
    #[serde(default)]
    pub part: Option<String>,
    /// The block's own heading, such as a priority of the strategy.
    #[serde(default)]
    pub heading: Option<String>,
    /// The paragraphs, numbered on from the block before.
    #[serde(default)]
    #[schemars(with = "Vec<Paragraph>")]
    pub paragraphs: Vec<Spanned<Paragraph>>,
}

/// What the template sees.
#[derive(Debug, Serialize)]
struct View {
    council: String,
    agenda_item: Option<String>,
    meeting: MeetingView,
    report_of: String,
    item: String,
    member: MemberView,
    title: String,
    headings: Headings,
    summary: String,
    reasons: String,
    detail: Vec<BlockView>,
    contact: Contact,
}

/// The meeting, its date written in the council's style.
#[derive(Debug, Serialize)]
struct MeetingView {
    body: String,
    date: String,
}

/// The Cabinet Member's name and title.
#[derive(Debug, Serialize)]
struct MemberView {
    name: String,
    title: String,
}

/// The fixed section headings, in the council's words.
#[derive(Debug, Serialize)]
struct Headings {
    summary: String,
    reasons: String,
    detail: String,
}

/// A block with its paragraphs numbered and the Markdown marker of its
/// heading worked out.
#[derive(Debug, Serialize)]
struct BlockView {
    part: Option<String>,
    heading: Option<String>,
    /// "###" before the first part heading, "####" under one, so that no
    /// heading level is skipped.
    marker: String,
    paragraphs: Vec<NumberedParagraph>,
}

/// The level of the headings "SUMMARY", "DETAIL" …: under the title.
const SECTION_LEVEL: usize = 2;

impl Document for CabinetUpdate {
    fn check(&self, source: Source, _context: &Context) -> Vec<Diagnostic> {
        let (path, text) = (source.path, source.text);
        let mut problems = Vec::new();
        if self.title.value.trim().is_empty() {
            problems.push(
                problem_at(path, text, &self.title, "the title is empty")
                    .with_hint("write the report's title as published"),
            );
        }
        if let Err(problem) = crate::kinds::parts::check_kpis(source, &self.kpis) {
            problems.push(problem);
        }
        let kpis = Kpis::from_list(&self.kpis, "cabinet-update");
        for markdown in [&self.summary, &self.reasons] {
            let line = markdown.referenced.line() as usize;
            problems.extend(kpis.problems(&markdown.value).iter().map(|error| error.at(source, line)));
        }
        for (number, paragraph) in self.numbered() {
            let at =
                |message: String| problem_at(path, text, paragraph, format!("paragraph {number}: {message}"));
            if let Err(error) = expand_paragraph(&paragraph.value, &kpis) {
                let mut problem = error.at(source, paragraph.referenced.line() as usize);
                problem.message = format!("paragraph {number}: {}", problem.message);
                problems.push(problem);
            }
            if let Some(table) = &paragraph.value.table {
                problems.extend(
                    table.problem().map(|message| at(message).with_hint(crate::kinds::parts::TABLE_HINT)),
                );
            }
        }
        problems
    }

    fn prose(&self) -> Vec<&str> {
        let mut texts = vec![self.title.value.as_str(), &self.summary.value, &self.reasons.value];
        for block in &self.detail {
            texts.extend(block.part.as_deref());
            texts.extend(block.heading.as_deref());
            for paragraph in &block.paragraphs {
                paragraph.value.prose(&mut texts);
            }
        }
        texts
    }

    fn view(&self, context: &Context) -> Result<crate::kinds::View, String> {
        let style = context.style;
        let kpis = Kpis::from_list(&self.kpis, "cabinet-update");
        let view = View {
            council: self.council.clone().or(context.council.map(str::to_owned)).unwrap_or_default(),
            agenda_item: self.agenda_item.clone().filter(|item| !item.trim().is_empty()),
            meeting: MeetingView { body: self.body(style), date: style.date(self.meeting.date) },
            report_of: self.report_of.clone(),
            item: self.item.clone().unwrap_or_else(|| style.heading("item")),
            member: MemberView { name: self.member.name.clone(), title: self.member.title(style) },
            title: self.title.value.clone(),
            headings: Headings {
                summary: style.heading("summary"),
                reasons: style.heading("reasons"),
                detail: style.heading("detail"),
            },
            summary: section_markdown(&self.summary.value, &kpis)?,
            reasons: section_markdown(&self.reasons.value, &kpis)?,
            detail: self.detail_view(style, &kpis)?,
            contact: self.contact.clone(),
        };
        crate::kinds::View::of(&view)
    }

    fn describe(&self, context: &Context) -> Described {
        let style = context.style;
        Described {
            title: self.title.value.clone(),
            subtitle: format!("{}, {}", self.body(style), style.date(self.meeting.date)),
            council: self.council.clone().or(context.council.map(str::to_owned)).unwrap_or_default(),
            author: self.member.name.clone(),
            date: self.meeting.date,
        }
    }
}

impl CabinetUpdate {
    /// The body the item goes to, in the council's words unless given.
    fn body(&self, style: &Style) -> String {
        self.meeting.body.clone().unwrap_or_else(|| style.heading("meeting_body"))
    }

    /// Every paragraph of the detail with its number, 1, 2, 3 …, running
    /// across the blocks.
    fn numbered(&self) -> impl Iterator<Item = (usize, &Spanned<Paragraph>)> {
        self.detail.iter().flat_map(|block| &block.paragraphs).enumerate().map(|(index, p)| (index + 1, p))
    }

    /// The blocks as the template sees them: paragraphs numbered in one run,
    /// cited KPIs written out, sub-items labelled in the council's style.
    fn detail_view(&self, style: &Style, kpis: &Kpis) -> Result<Vec<BlockView>, String> {
        let mut number = 0;
        let mut in_part = false;
        let mut blocks = Vec::with_capacity(self.detail.len());
        for block in &self.detail {
            in_part |= block.part.is_some();
            let mut paragraphs = Vec::with_capacity(block.paragraphs.len());
            for paragraph in &block.paragraphs {
                number += 1;
                let expanded = expand_paragraph(&paragraph.value, kpis)
                    .map_err(|error| format!("paragraph {number}: {}", String::from(error)))?;
                paragraphs.push(NumberedParagraph::new(format!("{number}."), &expanded, style));
            }
            blocks.push(BlockView {
                part: block.part.clone(),
                heading: block.heading.clone(),
                marker: heading_marker(in_part),
                paragraphs,
            });
        }
        Ok(blocks)
    }
}

/// The Markdown marker of a block's heading: one level below the part
/// heading when a part has started, else the part heading's own level.
fn heading_marker(in_part: bool) -> String {
    let part_level = SECTION_LEVEL + 1;
    "#".repeat(if in_part { part_level + 1 } else { part_level })
}

/// A section's Markdown with its KPIs written out and any headings of its
/// own nested under the section's heading.
fn section_markdown(markdown: &str, kpis: &Kpis) -> Result<String, String> {
    Ok(crate::render::markdown::nest_headings(&kpis.expand(markdown)?, SECTION_LEVEL + 1))
}

/// The paragraph with every KPI it cites written out, in its text,
/// sub-items, bullets, table cells and closing Markdown.
fn expand_paragraph(paragraph: &Paragraph, kpis: &Kpis) -> Result<Paragraph, CitationError> {
    let expand_all =
        |texts: &[String]| texts.iter().map(|text| kpis.expand(text)).collect::<Result<Vec<_>, _>>();
    let table = match &paragraph.table {
        Some(table) => Some(Table {
            columns: table.columns.clone(),
            rows: table.rows.iter().map(|row| expand_all(row)).collect::<Result<_, _>>()?,
            caption: table.caption.clone(),
        }),
        None => None,
    };
    Ok(Paragraph {
        text: kpis.expand(&paragraph.text)?,
        items: expand_all(&paragraph.items)?,
        bullets: expand_all(&paragraph.bullets)?,
        table,
        after: paragraph.after.as_deref().map(|after| kpis.expand(after)).transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Diagnostic;
    use crate::kinds::testing::{Testing, style_of};
    use std::path::Path;

    const PATH: &str = "update.yaml";

    /// A small update: two paragraphs before the part, one block under it.
    const UPDATE: &str = r#"kind: cabinet-update
council: Example Borough Council
meeting: { date: 2019-12-11 }
report_of: Senior Management Team
member: { name: Councillor A Member, title: Cabinet Member for Children }
title: Progress update
summary: A summary.
reasons: To inform Members.
kpis:
  - id: timely
    name: Conferences held on time
    unit: percent
    polarity: higher_is_better
    values: [{ period: Q2 2019/20, value: 96 }]
    comparators: [{ name: England, value: 77 }]
detail:
  - paragraphs:
      - text: First.
      - text: "Second, in two parts:"
        items: [One;, Two.]
  - part: Update on priorities
    heading: Best start
    paragraphs:
      - text: "{kpi:timely} were on time, against {kpi:timely:England} nationally."
        table:
          columns: [School, Judgement]
          rows:
            - [North, Good]
  - heading: Schools
    paragraphs:
      - text: Fourth.
contact: { name: A Officer }
"#;

    fn parse(text: &str) -> CabinetUpdate {
        crate::input::parse(Path::new(PATH), text).expect("the test document parses")
    }

    fn problems(text: &str) -> Vec<Diagnostic> {
        parse(text).test_check(Path::new(PATH), text)
    }

    /// The line of `text` that holds `needle`, from 1.
    fn line_of(text: &str, needle: &str) -> Option<usize> {
        text.lines().position(|line| line.contains(needle)).map(|index| index + 1)
    }

    /// The line a problem points at.
    fn line(problem: &Diagnostic) -> Option<usize> {
        problem.position.map(|(line, _)| line)
    }

    fn style() -> Style {
        Style { date_format: "%-d %B %Y".into(), ..style_of("cabinet-update") }
    }

    #[test]
    fn numbers_paragraphs_in_one_run_across_blocks() {
        let view = parse(UPDATE).test_view(&style()).unwrap();
        let numbers: Vec<Vec<&str>> = view["detail"]
            .as_array()
            .unwrap()
            .iter()
            .map(|block| {
                block["paragraphs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["number"].as_str().unwrap())
                    .collect()
            })
            .collect();
        assert_eq!(numbers, [vec!["1.", "2."], vec!["3."], vec!["4."]]);
    }

    #[test]
    fn labels_sub_items_and_nests_headings_under_the_part() {
        let view = parse(UPDATE).test_view(&style()).unwrap();
        let detail = &view["detail"];
        assert_eq!(detail[0]["paragraphs"][1]["items"][1]["label"], "b.");
        let markers: Vec<&str> = (0..3).map(|index| detail[index]["marker"].as_str().unwrap()).collect();
        assert_eq!(markers, ["###", "####", "####"]);
    }

    #[test]
    fn writes_cited_kpis_and_the_date_in_the_council_style() {
        let view = parse(UPDATE).test_view(&style()).unwrap();
        assert_eq!(view["detail"][1]["paragraphs"][0]["text"], "96% were on time, against 77% nationally.");
        assert_eq!(view["meeting"]["date"], "11 December 2019");
        assert_eq!(view["meeting"]["body"], "Cabinet");
        assert_eq!(view["item"], "Cabinet information item");
    }

    #[test]
    fn takes_an_agenda_item_written_as_a_number() {
        let text = UPDATE.replace("meeting:", "agenda_item: 7\nmeeting:");
        assert_eq!(parse(&text).test_view(&style()).unwrap()["agenda_item"], "7");
        assert_eq!(parse(UPDATE).test_view(&style()).unwrap()["agenda_item"], serde_json::Value::Null);
    }

    #[test]
    fn describes_the_document_for_its_pdf() {
        let described = parse(UPDATE).test_describe(&style());
        assert_eq!(described.title, "Progress update");
        assert_eq!(described.subtitle, "Cabinet, 11 December 2019");
        assert_eq!(described.author, "Councillor A Member");
        assert_eq!(described.council, "Example Borough Council");
    }

    #[test]
    fn a_correct_document_has_no_problems() {
        assert_eq!(problems(UPDATE), []);
    }

    #[test]
    fn finds_a_cited_kpi_that_does_not_exist_at_its_paragraph() {
        let text = UPDATE.replace("{kpi:timely:England}", "{kpi:timley}");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(line(&found[0]), line_of(&text, "- text: \"{kpi:timely}"));
        assert!(found[0].message.contains("paragraph 3"), "{}", found[0].message);
        assert_eq!(found[0].hint.as_deref(), Some("did you mean `timely`?"));
    }

    #[test]
    fn finds_an_unknown_kpi_in_the_summary() {
        let text = UPDATE.replace("A summary.", "A summary of {kpi:missing}.");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(line(&found[0]), line_of(&text, "summary:"));
    }

    #[test]
    fn finds_an_empty_title_at_its_line() {
        let text = UPDATE.replace("title: Progress update", "title: \" \"");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "the title is empty");
        assert_eq!(line(&found[0]), line_of(&text, "title: \" \""));
    }

    #[test]
    fn finds_a_table_row_with_too_few_cells() {
        let text = UPDATE.replace("[North, Good]", "[North]");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "paragraph 3: row 1 of the table has 1 cell, but the table has 2 columns"
        );
        assert_eq!(line(&found[0]), line_of(&text, "- text: \"{kpi:timely}"));
    }

    #[test]
    fn finds_a_kpi_that_is_not_valid() {
        let text = UPDATE.replace("value: 96 }]", "value: 96 }, { period: Q1 2019/20, value: 90 }]");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("timely"), "{}", found[0].message);
    }
}
