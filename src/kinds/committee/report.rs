//! A committee's cover report: the details of the meeting, then the
//! standard headings from Purpose to Background papers, numbered across
//! headings from Alternative options on.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::{Listing, empty_title, table_problem};
use crate::input::Diagnostic;
use crate::input::Source;
use crate::input::council::Style;
use crate::input::files::{Refusal, Root};
use crate::kinds::parts::problem_at;
use crate::kinds::{
    Context, Described, Document, Kind, NumberedParagraph, Paragraph, Table, View, read, schema,
};

/// The kind's row.
pub static KIND: Kind = Kind {
    name: "committee-report",
    about: "a committee's cover report, with the standard headings",
    read: read::<CommitteeReport>,
    schema: schema::<CommitteeReport>,
    pack: None,
};

/// A committee's cover report: the details of the meeting, then the
/// standard headings from Purpose to Background papers.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitteeReport {
    /// The document's kind: `committee-report`.
    pub kind: String,
    /// The council's name in each page's header; `council.yaml`'s `name`
    /// when left out.
    #[serde(default)]
    pub council: Option<String>,
    /// The committee that meets ("Children and young people's scrutiny").
    pub meeting: String,
    /// The date of the meeting, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub meeting_date: Date,
    /// The title of the report.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// Who reports: an officer's post ("Head of looked after children").
    pub report_by: String,
    /// The portfolio holder the report concerns, when it names one: their
    /// `name` and `portfolio`, and a `title` only where the council's words
    /// for a member and the portfolio do not make it.
    #[serde(default)]
    pub member: Option<crate::kinds::parts::Member>,
    /// Whether the report is open or exempt ("Open").
    pub classification: String,
    /// Whether the report asks for a key decision, in words ("This is not
    /// an executive decision").
    pub key_decision: String,
    /// The wards the report affects ("Countywide").
    pub wards_affected: String,
    /// What the report is for: unnumbered paragraphs in Markdown.
    #[schemars(with = "Vec<Paragraph>")]
    pub purpose: Vec<Spanned<Paragraph>>,
    /// What the committee is asked to do: unnumbered paragraphs whose items
    /// are labelled in the council's style.
    #[schemars(with = "Vec<Paragraph>")]
    pub recommendations: Vec<Spanned<Paragraph>>,
    /// The options the committee could take instead. Paragraphs are numbered
    /// from here on, across every heading.
    #[serde(default)]
    #[schemars(with = "Vec<Paragraph>")]
    pub alternative_options: Vec<Spanned<Paragraph>>,
    /// Why the recommendations are made.
    #[serde(default)]
    #[schemars(with = "Vec<Paragraph>")]
    pub reasons: Vec<Spanned<Paragraph>>,
    /// The background the committee needs.
    #[serde(default)]
    #[schemars(with = "Vec<Paragraph>")]
    pub key_considerations: Vec<Spanned<Paragraph>>,
    /// How the proposal serves the community and the council's priorities.
    #[serde(default)]
    #[schemars(with = "Vec<Paragraph>")]
    pub community_impact: Vec<Spanned<Paragraph>>,
    /// How the council meets its public sector equality duty.
    #[serde(default)]
    #[schemars(with = "Vec<Paragraph>")]
    pub equality_duty: Vec<Spanned<Paragraph>>,
    /// Money, staff and property: headed "Resource implications" unless the
    /// council words it otherwise ("Financial implications").
    #[serde(default)]
    #[schemars(with = "Vec<Paragraph>")]
    pub resource_implications: Vec<Spanned<Paragraph>>,
    /// The law that applies.
    #[serde(default)]
    #[schemars(with = "Vec<Paragraph>")]
    pub legal_implications: Vec<Spanned<Paragraph>>,
    /// Risks and how they are managed.
    #[serde(default)]
    #[schemars(with = "Vec<Paragraph>")]
    pub risk_management: Vec<Spanned<Paragraph>>,
    /// Who was consulted and what they said.
    #[serde(default)]
    #[schemars(with = "Vec<Paragraph>")]
    pub consultees: Vec<Spanned<Paragraph>>,
    /// The appendices, each a document of kind `appendix` beside this file.
    #[serde(default)]
    pub appendices: Vec<AppendixFile>,
    /// Background papers, each in Markdown; "None" when there are none.
    #[serde(default)]
    pub background_papers: Vec<String>,
}

/// An appendix as its report lists it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppendixFile {
    /// As listed under Appendices ("Appendix A - Corporate parenting
    /// strategy").
    pub title: String,
    /// The appendix's YAML file, relative to the report's folder.
    #[schemars(with = "String")]
    pub file: Spanned<String>,
}

/// The keys of the headings whose paragraphs are numbered, in order. A
/// council rewords any of them in `wording.headings.committee-report`.
const NUMBERED_HEADINGS: [&str; 9] = [
    "alternative_options",
    "reasons",
    "key_considerations",
    "community_impact",
    "equality_duty",
    "resource_implications",
    "legal_implications",
    "risk_management",
    "consultees",
];

impl CommitteeReport {
    /// The paragraphs under each numbered heading, in the order of
    /// [`NUMBERED_HEADINGS`].
    fn numbered(&self) -> [&[Spanned<Paragraph>]; 9] {
        [
            &self.alternative_options,
            &self.reasons,
            &self.key_considerations,
            &self.community_impact,
            &self.equality_duty,
            &self.resource_implications,
            &self.legal_implications,
            &self.risk_management,
            &self.consultees,
        ]
    }

    /// Every paragraph of the report, numbered or not.
    fn paragraphs(&self) -> impl Iterator<Item = &Spanned<Paragraph>> {
        let numbered = self.numbered().into_iter().flatten();
        self.purpose.iter().chain(&self.recommendations).chain(numbered)
    }

    /// The appendices' files, found beside the report at `report_path`, in
    /// the order the report lists them: an agenda pack places them after
    /// the report.
    pub fn appendix_paths(&self, report_path: &Path) -> Vec<PathBuf> {
        let folder = folder_of(report_path);
        self.appendices.iter().map(|appendix| folder.join(&appendix.file.value)).collect()
    }

    /// The key of the heading "Recommendation" for one, "Recommendations"
    /// for more, counting each lettered item as one.
    fn recommendation_heading(&self) -> &'static str {
        let count: usize = self.recommendations.iter().map(|p| p.value.items.len().max(1)).sum();
        if count == 1 { "recommendation" } else { "recommendations" }
    }

    /// The details at the head of the report, as a two-column table whose
    /// first row is the meeting.
    fn details(&self, style: &Style) -> Table {
        let row = |key: &str, value: &str| vec![format!("{}:", style.heading(key)), value.to_owned()];
        let [columns, rows @ ..] = [
            row("meeting", &self.meeting),
            row("meeting_date", &style.date(self.meeting_date)),
            row("report_title", &self.title.value),
            row("report_by", &self.report_by),
            row("classification", &self.classification),
            row("key_decision", &self.key_decision),
            row("wards_affected", &self.wards_affected),
        ];
        let mut rows = rows.to_vec();
        if let Some(member) = &self.member {
            let named = format!("{}, {}", member.name, member.title(style));
            let label = style.heading_with("member", &[("member", &style.member)]);
            rows.insert(3, vec![format!("{label}:"), named]);
        }
        Table { columns, rows, caption: None }
    }
}

/// A heading and what stands under it, as the template sees it.
#[derive(Debug, Serialize)]
struct Part {
    heading: String,
    paragraphs: Vec<NumberedParagraph>,
}

#[derive(Debug, Serialize)]
struct ReportView<'a> {
    title: &'a str,
    details: Table,
    purpose: Part,
    recommendations: Part,
    /// The numbered headings by key: `parts.community_impact`.
    parts: BTreeMap<&'static str, Part>,
    appendices: Listing,
    background_papers: Listing,
}

impl Document for CommitteeReport {
    fn prose(&self) -> Vec<&str> {
        let mut texts = vec![self.title.value.as_str()];
        for paragraph in self.paragraphs() {
            paragraph.value.prose(&mut texts);
        }
        texts.extend(self.appendices.iter().map(|appendix| appendix.title.as_str()));
        texts.extend(self.background_papers.iter().map(String::as_str));
        texts
    }

    fn check(&self, source: Source, _context: &Context) -> Vec<Diagnostic> {
        let (path, text) = (source.path, source.text);
        let mut problems = Vec::new();
        problems.extend(empty_title(path, text, &self.title));
        for (list, key) in [(&self.purpose, "purpose"), (&self.recommendations, "recommendations")] {
            if list.is_empty() {
                problems.push(Diagnostic::file(path, format!("`{key}` has no paragraphs")));
            }
        }
        problems
            .extend(self.paragraphs().filter_map(|p| table_problem(path, text, p, p.value.table.as_ref())));
        let folder = folder_of(path);
        let root = Root::at(folder);
        for appendix in &self.appendices {
            let written = &appendix.file.value;
            if let Err(refusal) = root.resolve(folder, written) {
                let hint = match refusal {
                    Refusal::Missing => "name a YAML file of kind `appendix` in the report's folder",
                    _ => refusal.hint(),
                };
                problems.push(
                    problem_at(path, text, &appendix.file, refusal.message("appendix file", written))
                        .with_hint(hint),
                );
            }
        }
        problems
    }

    fn view(&self, context: &Context) -> Result<View, String> {
        let style = context.style;
        let unnumbered = |key: &str, paragraphs: &[Spanned<Paragraph>]| Part {
            heading: style.heading(key),
            paragraphs: paragraphs
                .iter()
                .map(|p| NumberedParagraph::new(String::new(), &p.value, style))
                .collect(),
        };
        let mut number = 0;
        let mut parts = BTreeMap::new();
        for (key, paragraphs) in NUMBERED_HEADINGS.into_iter().zip(self.numbered()) {
            let numbered = paragraphs
                .iter()
                .map(|p| {
                    number += 1;
                    NumberedParagraph::new(format!("{number}."), &p.value, style)
                })
                .collect();
            parts.insert(key, Part { heading: style.heading(key), paragraphs: numbered });
        }
        let appendices = self.appendices.iter().map(|appendix| appendix.title.clone()).collect();
        View::of(&ReportView {
            title: &self.title.value,
            details: self.details(style),
            purpose: unnumbered("purpose", &self.purpose),
            recommendations: unnumbered(self.recommendation_heading(), &self.recommendations),
            parts,
            appendices: Listing::new(style, "appendices", appendices),
            background_papers: Listing::new(style, "background_papers", self.background_papers.clone()),
        })
    }

    fn describe(&self, context: &Context) -> Described {
        let style = context.style;
        Described {
            title: self.title.value.clone(),
            subtitle: format!("{}, {}", self.meeting, style.date(self.meeting_date)),
            council: self.council.clone().or(context.council.map(str::to_owned)).unwrap_or_default(),
            author: self.report_by.clone(),
            date: self.meeting_date,
        }
    }
}

use crate::input::folder_of;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testing::{Testing, style_of};

    const REPORT: &str = "\
kind: committee-report
meeting: Children and young people's scrutiny
meeting_date: 2017-07-05
title: A strategy
report_by: Head of service
classification: Open
key_decision: This is not an executive decision
wards_affected: Countywide
purpose: [{ text: To consider the strategy }]
recommendations: [{ text: 'THAT:', items: [the strategy is considered] }]
alternative_options: [{ text: None }]
reasons: [{ text: R1 }, { text: R2 }]
key_considerations: [{ text: K1 }, { text: K2 }, { text: K3 }, { text: K4 }]
community_impact: [{ text: C1 }, { text: C2 }]
resource_implications: [{ text: F1 }]
appendices:
  - { title: Appendix A - Strategy, file: missing.yaml }
";

    fn report(text: &str) -> CommitteeReport {
        crate::input::parse(Path::new("report.yaml"), text).expect("the report parses")
    }

    fn herefordshire() -> Style {
        let mut style = Style {
            items: crate::input::council::ItemLabels::BracketedLetters,
            ..style_of("committee-report")
        };
        style.headings.insert("resource_implications".into(), "Financial implications".into());
        style
    }

    #[test]
    fn numbers_paragraphs_across_headings_from_alternative_options() {
        let view = report(REPORT).test_view(&herefordshire()).unwrap();
        let numbers = |key: &str| -> Vec<String> {
            let paragraphs = view["parts"][key]["paragraphs"].as_array().unwrap();
            paragraphs.iter().map(|p| p["number"].as_str().unwrap().to_owned()).collect()
        };
        assert_eq!(view["purpose"]["paragraphs"][0]["number"], "");
        assert_eq!(view["recommendations"]["paragraphs"][0]["number"], "");
        assert_eq!(numbers("alternative_options"), ["1."]);
        assert_eq!(numbers("key_considerations"), ["4.", "5.", "6.", "7."]);
        assert_eq!(numbers("community_impact"), ["8.", "9."]);
        assert_eq!(numbers("equality_duty"), Vec::<String>::new());
        assert_eq!(numbers("resource_implications"), ["10."]);
    }

    #[test]
    fn words_headings_and_labels_in_the_councils_style() {
        let view = report(REPORT).test_view(&herefordshire()).unwrap();
        assert_eq!(view["parts"]["resource_implications"]["heading"], "Financial implications");
        assert_eq!(view["recommendations"]["heading"], "Recommendation");
        assert_eq!(view["recommendations"]["paragraphs"][0]["items"][0]["label"], "(a)");
        assert_eq!(view["details"]["columns"][0], "Meeting:");
        assert_eq!(view["details"]["rows"][0][1], "5 July 2017");
    }

    #[test]
    fn describes_the_report_for_its_pdf() {
        let described = report(REPORT).test_describe(&style_of("committee-report"));
        assert_eq!(described.subtitle, "Children and young people's scrutiny, 5 July 2017");
        assert_eq!(described.author, "Head of service");
    }

    #[test]
    fn errors_at_the_line_of_a_missing_appendix_file() {
        let problems = report(REPORT).test_check(Path::new("report.yaml"), REPORT);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].position, Some((17, 43)));
        assert!(problems[0].message.contains("`missing.yaml` does not exist"));
    }

    #[test]
    fn errors_at_a_paragraph_whose_table_has_a_short_row() {
        let text = REPORT.replace(
            "community_impact: [{ text: C1 }, { text: C2 }]",
            "community_impact:\n  - text: C1\n    table: { columns: [A, B], rows: [[a, b], [c]] }",
        );
        let problems = report(&text).test_check(Path::new("report.yaml"), &text);
        let problem = problems.iter().find(|p| p.message.contains("cell")).expect("a table problem");
        assert_eq!(problem.message, "row 2 of the table has 1 cell, but the table has 2 columns");
        assert_eq!(problem.position.map(|(line, _)| line), Some(15));
    }

    #[test]
    fn errors_when_the_title_is_empty() {
        let text = REPORT.replace("title: A strategy", "title: ''");
        let problems = report(&text).test_check(Path::new("report.yaml"), &text);
        assert!(problems.iter().any(|p| p.message == "the title is empty" && p.position.is_some()));
    }
}
