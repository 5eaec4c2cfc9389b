//! The example Cabinet information item reproduces Stockton-on-Tees'
//! Children's Services progress update of December 2019 (seed 002): its
//! header block, headings, seventeen numbered paragraphs with their
//! lettered sub-items, the table of Ofsted inspections and the contact
//! officer, in the council's words.

use crate::common;

use std::path::{Path, PathBuf};

use exec_report::build::render_file;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The report as published, as text extracted from its PDF. The extraction
/// put "- " before lettered sub-items, marked the bold header line with
/// "**" and broke it in two; otherwise it is the council's text, slips
/// included.
const PUBLISHED: &str = r#"

AGENDA ITEM

REPORT TO CABINET

11 DECEMBER 2019

**REPORT OF SENIOR
MANAGEMENT TEAM**

CABINET INFORMATION ITEM

Councillor Lisa Evans – Cabinet Member for Children and Young People

CHILDREN'S SERVICES PROGRESS UPDATE: 2018/19 – QUARTERS 1 AND 2 (APRIL – SEPTEMBER 2019)

SUMMARY

This report provides a summary of performance across Children's Services for the first months of 2019/20. It is based on the Children's Strategy priorities agreed by Cabinet in June 2017.

REASONS FOR PRODUCING THIS REPORT

To ensure that Members are aware of progress and issues in the delivery of the Children's Services Strategy 2017-20.

DETAIL

1. This report summarises performance information in relation to the Children's Services Strategy 2017-20. This strategy, agreed by Cabinet in June 2017, sets out the key priorities for Children's Services and the key performance indicators associated with delivery.
2. The update report is in two parts:
 - a. Update on 2019/20 priorities;
 - b. A summary of key points.

Update on 2019/20 priorities

Giving children the best start in life

3. There are a number of other outcomes and updates to report on:
 - a. Take up of the existing free entitlement to 15 hours of education remains at 100%.
 - b. The take up of the free offer for disadvantaged 2 year olds is now at 94%
 - c. The role and remit of the Family Hubs continues to evolve as part of the 0-19 service

Focusing on schools and learning outcomes

4. In this period, Ofsted school inspections have been undertaken in the following schools:

School	Previous inspection judgement	Date of most recent inspection	Most recent inspection judgement
Norton Primary Academy	Requires Improvement	April 19	Good
Hardwick Green Primary (Academy)	Good	May 19	Good
Roseberry primary (maintained)	Good	June 19	Good
King Edwin School (Independent special school)	Requires Improvement	June 2019	Good
Thornaby Academy	Inadequate	July 2019	Inadequate
The Oak Tree Academy	Requires improvement	September 19	Good

5. The current rate of schools judged as good or better is: 93% primary; 77% secondary. Overall 94% of primary and 86% of secondary pupils attend good or better schools – both up from 31 March.
6. The outcome of the SEND inspection was published in May 2019, and the Written Statement of Action in responses has been approved by Ofsted and the Care Quality Commission, and forms the basis of an ongoing monitoring process, involving NHS England and the Department for education.
7. The WSOA was reported to Cabinet in October 2019.

Delivering effective early help – supporting families

8. Our early help work continues to evolve. We are working with schools on a ‘restorative circles’ approach which enables school leads to discuss pupils of concern and seek resolution through multi-agency working, based on restorative practice including the principle of high support, high challenge, and doing ‘with’ rather than doing ‘to’ or ‘for’.
9. The Council and the CCG jointly commissioned a new family support service for children on the neurodevelopmental / autism pathway. This was in response to some of the issues faced by families waiting for autism diagnosis. Initial outcomes data for the project is encouraging with over 600 referrals into the service; 144 parents accessing training and 300 1-1 appointments held

Safeguarding and protecting vulnerable children and young people, backed by outstanding social work practice

10. In terms of key performance data collected and analysed in Children’s Services:
 - a. The rate of contacts to children’s social care (i.e. into the Children’s Hub) has reduced in 2018/19 and is now at a similar level to 2015/16.
 - b. Rates of referrals have increased in this period
 - c. There was though a slight reduction in the rate of assessments being undertaken
 - d. 99% of single assessments continue to be undertaken within the statutory deadline of 45 days, significantly higher than the national average.
 - e. The rate at which children are classed as being ‘in need’ has increased in this period to 485/10000
 - f. The rate of children on a child protection plan increased in this period to 61 / 10,000 though this is still considerably below the regional rate and below the highest rate in recent years of 87 / 10,000 in 2012/13.
 - g. 96% of initial child protection conferences were held within 15 working days of the Section 47 enquiry, significantly higher than the national average of 77%

11. We continue to operate a rolling recruitment campaign. As at the end of September 2019 there were 4 vacancies across the teams.
12. Agency Social Workers are covering maternity leave, sickness, secondments and vacancies until the pending starters commence/the remaining vacancies are recruited to. As at the end of September 2019 there were 11 FTE agency workers currently in post.
13. The overall summary position is therefore that:
 - a. We have seen a mixed picture in this period, with increasing contacts, slightly reduced assessments, but increase in CIN and CP rates.
 - b. We continue to maintain high performance around timeliness and efficiency of our processes;

A consistent and relentless focus on better outcomes for children in our care and care leavers

14. There were 560 children in our care at the end of September 2019, a rate of 128/10,000 children and young people. This represents a significant increase in the number of children in our care in the first 6 months of this year. Regional comparative figures are not yet available for the 6 months, though the first quarter data suggests similar rises in neighbouring authorities.
15. In terms of key performance data, for the period to September 2019:
 - a. The proportion of children in our care with three or more placement moves is lower than the last available national average, 9% compared to 10% nationally, although the proportion of placements lasting 2 years + has reduced from 75% to 63% is a focus for action.
 - b. The percentage of looked after reviews held in timescale remains high – 97.8;
 - c. 61% of care leavers aged 17-18 are in education, employment and training, and 51% of 19-21 year old care leavers (latest comparisons are not yet available)
 - d. The time taken from children entering care to moving in with an adoptive family has reduced to 549 days (this is calculated as a 3-year rolling average – the previous 3 years figure was 599 days)
 - e. The time takes from a placement order to a match with an adoptive family has reduced to 181 days – significantly faster than the national rate of 220.
 - f. All residential care homes remain good or outstanding.
 - g. Placement stability continues to be good, with the rate of children who have had 3 or ore placements on track to be lower than last year;
 - h. 93.3% of care leavers are in suitable accommodation (a similar rate to 2018/19);
 - i. 58.7% of care leavers are in education, employment and training – significantly higher than the last reported England average.

16. In summary:
 - a. Our rate of children in care remains high, is increasing and continues to be a significant area of focus.
 - b. We remain efficient and effective in terms of timeliness.
 - c. Despite the high rate of children in our care, we remain high performing around placement stability, and perform close to the national averages for care leavers.
 - d. There are improvements in our performance around adoption.

Leadership, management and governance

17. An update on progress includes:

- a. The new Hartlepool and Stockton Safeguarding Children Partnership published its proposals in April, and the partnership continues to develop its active learning approach and has also undertaken a number of learning reviews in this period.
- b. Work is underway with Tees valley authorities to explore the opportunities for significantly increasing the residential provision across the local authorities.

Name of Contact Officer: Martin Gray

Post Title: Director of Children's Services

Telephone No. 01642 527043

Email Address: martin.gray@stockton.gov.uk"#;

/// Where the rendered report deliberately differs from the published text,
/// as (published, ours). None: the example keeps the council's wording and
/// its slips ("2018/19" in a title about 2019/20, "in responses", "The time
/// takes", "3 or ore placements"), because they are the council's, not the
/// extraction's. Figures cited from KPIs are worded exactly as published.
const CORRECTIONS: &[(&str, &str)] = &[];

/// The headings, in reading order, with their levels.
const HEADINGS: &[(usize, &str)] = &[
    (1, "CHILDREN'S SERVICES PROGRESS UPDATE: 2018/19 – QUARTERS 1 AND 2 (APRIL – SEPTEMBER 2019)"),
    (2, "SUMMARY"),
    (2, "REASONS FOR PRODUCING THIS REPORT"),
    (2, "DETAIL"),
    (3, "Update on 2019/20 priorities"),
    (4, "Giving children the best start in life"),
    (4, "Focusing on schools and learning outcomes"),
    (4, "Delivering effective early help – supporting families"),
    (
        4,
        "Safeguarding and protecting vulnerable children and young people, backed by outstanding social work practice",
    ),
    (4, "A consistent and relentless focus on better outcomes for children in our care and care leavers"),
    (4, "Leadership, management and governance"),
];

/// How each numbered paragraph starts, 1 to 17, and how many lettered
/// sub-items it has.
const PARAGRAPHS: &[(&str, usize)] = &[
    ("This report summarises performance information", 0),
    ("The update report is in two parts:", 2),
    ("There are a number of other outcomes and updates to report on:", 3),
    ("In this period, Ofsted school inspections have been undertaken", 0),
    ("The current rate of schools judged as good or better is:", 0),
    ("The outcome of the SEND inspection was published in May 2019", 0),
    ("The WSOA was reported to Cabinet in October 2019.", 0),
    ("Our early help work continues to evolve.", 0),
    ("The Council and the CCG jointly commissioned", 0),
    ("In terms of key performance data collected and analysed", 7),
    ("We continue to operate a rolling recruitment campaign.", 0),
    ("Agency Social Workers are covering maternity leave", 0),
    ("The overall summary position is therefore that:", 2),
    ("There were 560 children in our care at the end of September 2019", 0),
    ("In terms of key performance data, for the period to September 2019:", 9),
    ("In summary:", 4),
    ("An update on progress includes:", 2),
];

/// The Ofsted inspections table, heading row first.
const TABLE: &[[&str; 4]] = &[
    [
        "School",
        "Previous inspection judgement",
        "Date of most recent inspection",
        "Most recent inspection judgement",
    ],
    ["Norton Primary Academy", "Requires Improvement", "April 19", "Good"],
    ["Hardwick Green Primary (Academy)", "Good", "May 19", "Good"],
    ["Roseberry primary (maintained)", "Good", "June 19", "Good"],
    ["King Edwin School (Independent special school)", "Requires Improvement", "June 2019", "Good"],
    ["Thornaby Academy", "Inadequate", "July 2019", "Inadequate"],
    ["The Oak Tree Academy", "Requires improvement", "September 19", "Good"],
];

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("inputs/2019-12-11-stockton-cabinet/childrens-services-progress-update.yaml")
}

fn markdown() -> String {
    let rendered = render_file(&example()).unwrap_or_else(|error| panic!("the example renders:\n{error}"));
    assert_eq!(rendered.kind, "cabinet-update");
    rendered.markdown
}

fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, Options::ENABLE_TABLES)
}

/// The published text as a reader sees it: the extraction's list dashes
/// and bold marks dropped, whitespace squashed, corrections made.
fn published_text() -> String {
    let lines: Vec<&str> =
        PUBLISHED.lines().map(|line| line.trim_start().strip_prefix("- ").unwrap_or(line)).collect();
    common::corrected(common::squash(&lines.join("\n").replace("**", "")), CORRECTIONS)
}

/// Splits a text at each of `markers`, which it must hold in order.
fn split_at<'a>(text: &'a str, markers: &[&str]) -> Vec<&'a str> {
    let mut starts = Vec::new();
    let mut from = 0;
    for marker in markers {
        let at =
            from + text[from..].find(marker).unwrap_or_else(|| panic!("no {marker:?} after byte {from}"));
        starts.push(at);
        from = at + marker.len();
    }
    starts.push(text.len());
    let mut parts = vec![text[..starts[0]].trim()];
    parts.extend(starts.windows(2).map(|pair| text[pair[0]..pair[1]].trim()));
    parts
}

/// Every block element's text with its kind: headings with their level,
/// paragraphs and list items.
#[derive(Debug, PartialEq)]
enum Block {
    Heading(usize, String),
    Paragraph(String),
    Item(String),
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut text = String::new();
    let mut depth_in_item = 0;
    for event in parser(markdown) {
        match event {
            Event::Start(Tag::Item) => depth_in_item += 1,
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Heading(level)) => {
                blocks.push(Block::Heading(heading_level(level), common::squash(&std::mem::take(&mut text))))
            }
            Event::End(TagEnd::Item) => {
                depth_in_item -= 1;
                blocks.push(Block::Item(common::squash(&std::mem::take(&mut text))));
            }
            Event::End(TagEnd::Paragraph) if depth_in_item == 0 => {
                blocks.push(Block::Paragraph(common::squash(&std::mem::take(&mut text))))
            }
            Event::End(TagEnd::TableCell) => text.push('\t'),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                blocks.push(Block::Paragraph(std::mem::take(&mut text)))
            }
            _ => {}
        }
    }
    blocks
}

fn heading_level(level: HeadingLevel) -> usize {
    level as usize
}

#[test]
fn reproduces_the_published_text_section_by_section() {
    let markers: Vec<&str> =
        HEADINGS[1..].iter().map(|(_, heading)| *heading).chain(["Name of Contact Officer"]).collect();
    let ours = common::reader_text(&markdown());
    let published = published_text();
    let (ours, published) = (split_at(&ours, &markers), split_at(&published, &markers));
    assert_eq!(ours.len(), published.len());
    for (index, (ours, published)) in ours.iter().zip(&published).enumerate() {
        assert_eq!(ours, published, "part {index} differs from the published report");
    }
}

#[test]
fn opens_with_the_header_block_before_the_title() {
    let blocks = blocks(&markdown());
    let header: Vec<&Block> = blocks.iter().take(7).collect();
    let expected = [
        Block::Paragraph("AGENDA ITEM".into()),
        Block::Paragraph("REPORT TO CABINET".into()),
        Block::Paragraph("11 DECEMBER 2019".into()),
        Block::Paragraph("REPORT OF SENIOR MANAGEMENT TEAM".into()),
        Block::Paragraph("CABINET INFORMATION ITEM".into()),
        Block::Paragraph("Councillor Lisa Evans – Cabinet Member for Children and Young People".into()),
        Block::Heading(1, HEADINGS[0].1.into()),
    ];
    assert_eq!(header, expected.iter().collect::<Vec<_>>());
    assert!(markdown().contains("**REPORT OF SENIOR MANAGEMENT TEAM**"), "the header line is bold");
}

#[test]
fn has_the_headings_in_order_without_skipping_a_level() {
    let headings: Vec<(usize, String)> = blocks(&markdown())
        .into_iter()
        .filter_map(|block| match block {
            Block::Heading(level, text) => Some((level, text)),
            _ => None,
        })
        .collect();
    let expected: Vec<(usize, String)> =
        HEADINGS.iter().map(|(level, text)| (*level, text.to_string())).collect();
    assert_eq!(headings, expected);
    assert_eq!(headings[0].0, 1, "the first heading is level 1");
    for pair in headings.windows(2) {
        assert!(pair[1].0 <= pair[0].0 + 1, "{:?} skips a level after {:?}", pair[1], pair[0]);
    }
}

#[test]
fn numbers_paragraphs_1_to_17_and_letters_their_sub_items() {
    let blocks = blocks(&markdown());
    let mut number = 0;
    let mut items: Vec<Vec<String>> = vec![Vec::new(); PARAGRAPHS.len()];
    for block in &blocks {
        match block {
            Block::Paragraph(text) if text.starts_with(&format!("{}. ", number + 1)) => {
                let (start, _) = PARAGRAPHS[number];
                number += 1;
                let expected = format!("{number}. {start}");
                assert!(text.starts_with(&expected), "paragraph {number} reads {text:?}");
            }
            Block::Item(text) => {
                assert!(number > 0, "an item before paragraph 1: {text:?}");
                items[number - 1].push(text.split_once(' ').expect("a labelled item").0.to_owned());
            }
            _ => {}
        }
    }
    assert_eq!(number, 17, "the last paragraph is 17");
    for (index, ((_, count), labels)) in PARAGRAPHS.iter().zip(&items).enumerate() {
        let expected: Vec<String> = (0..*count).map(|n| format!("{}.", (b'a' + n as u8) as char)).collect();
        assert_eq!(labels, &expected, "the sub-items of paragraph {}", index + 1);
    }
}

#[test]
fn writes_cited_kpis_as_the_report_states_them() {
    let markdown = markdown();
    for stated in [
        "- g. 96% of initial child protection conferences were held within 15 working days of the Section 47 \
         enquiry, significantly higher than the national average of 77%",
        "average, 9% compared to 10% nationally, although",
        "has reduced to 181 days – significantly faster than the national rate of 220.",
    ] {
        assert!(common::squash(&markdown).contains(stated), "missing: {stated:?}");
    }
}

#[test]
fn tabulates_the_ofsted_inspections_after_paragraph_4() {
    let blocks = blocks(&markdown());
    let start = blocks
        .iter()
        .position(|block| matches!(block, Block::Paragraph(text) if text.starts_with("4. In this period")))
        .expect("paragraph 4");
    let rows: Vec<Vec<&str>> = blocks[start + 1..start + 1 + TABLE.len()]
        .iter()
        .map(|block| match block {
            Block::Paragraph(row) => row.trim_end_matches('\t').split('\t').collect(),
            other => panic!("expected a table row, found {other:?}"),
        })
        .collect();
    let expected: Vec<Vec<&str>> = TABLE.iter().map(|row| row.to_vec()).collect();
    assert_eq!(rows, expected);
    assert!(matches!(&blocks[start + 1 + TABLE.len()], Block::Paragraph(text) if text.starts_with("5. ")));
}

#[test]
fn ends_with_the_contact_officer() {
    let blocks = blocks(&markdown());
    let tail: Vec<&Block> = blocks.iter().rev().take(4).rev().collect();
    let expected = [
        Block::Paragraph("Name of Contact Officer: Martin Gray".into()),
        Block::Paragraph("Post Title: Director of Children's Services".into()),
        Block::Paragraph("Telephone No. 01642 527043".into()),
        Block::Paragraph("Email Address: martin.gray@stockton.gov.uk".into()),
    ];
    assert_eq!(tail, expected.iter().collect::<Vec<_>>());
}

#[test]
fn describes_the_pdf() {
    let described = render_file(&example()).unwrap().described;
    assert_eq!(described.title, HEADINGS[0].1);
    assert_eq!(described.subtitle, "Cabinet, 11 December 2019");
    assert_eq!(described.council, "Stockton-on-Tees Borough Council");
    assert_eq!(described.author, "Councillor Lisa Evans");
    assert_eq!(described.date, jiff::civil::date(2019, 12, 11));
}

#[test]
fn the_whole_markdown_is_unchanged() {
    insta::assert_snapshot!(markdown());
}

#[test]
fn a_mistyped_key_is_reported_at_its_file_and_line() {
    let folder = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example()).unwrap();
    let line = 1 + text.lines().position(|line| line.starts_with("report_of:")).expect("a report_of line");
    let path = folder.path().join("update.yaml");
    std::fs::write(&path, text.replace("report_of:", "reportof:")).unwrap();
    let error = render_file(&path).expect_err("a mistyped key is an error").to_string();
    assert!(error.contains("unknown key `reportof`"), "{error}");
    assert!(error.contains("did you mean `report_of`?"), "{error}");
    assert!(error.contains(&format!("{}:{line}:", path.display())), "{error}");
}

#[test]
fn a_kpi_cited_wrongly_is_reported_at_its_paragraph() {
    let folder = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example()).unwrap();
    let path = folder.path().join("update.yaml");
    std::fs::write(&path, text.replace("{kpi:adoption-days}", "{kpi:adoption-day}")).unwrap();
    let error = render_file(&path).expect_err("an unknown KPI is an error").to_string();
    assert!(
        error.contains("paragraph 15: no KPI has the id `adoption-day`: the KPIs are ")
            && error.contains("= hint: did you mean `adoption-days`?"),
        "{error}"
    );
    let line = 1 + text.lines().position(|line| line.contains("{kpi:adoption-days}")).unwrap();
    assert!(error.contains(&format!("{}:{line}:", path.display())), "{error}");
}
