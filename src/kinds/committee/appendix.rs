//! An appendix to a committee report, with its nested sections.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::{empty_title, table_problem};
use crate::input::{Diagnostic, Source};
use crate::kinds::parts::problem_at;
use crate::kinds::{Context, Described, Document, Kind, Table, View, read, schema};

/// The kind's row.
pub static KIND: Kind = Kind {
    name: "appendix",
    about: "an appendix to a report: a document in its own right",
    read: read::<Appendix>,
    schema: schema::<Appendix>,
    pack: None,
};

/// An appendix to a committee report: a document in its own right, with a
/// title, a designation such as "Appendix A", and nested sections.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// The document's kind: `appendix`.
    pub kind: String,
    /// The council's name in each page's header; `council.yaml`'s `name`
    /// when left out.
    #[serde(default)]
    pub council: Option<String>,
    /// Which appendix it is: "Appendix A".
    #[schemars(with = "String")]
    pub designation: Spanned<String>,
    /// The appendix's own title ("Corporate Parenting Strategy 2017-20").
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The title of the report it is appended to.
    #[serde(default)]
    pub report: Option<String>,
    /// The committee that meets ("Children and young people's scrutiny").
    pub meeting: String,
    /// The date of the meeting, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub meeting_date: Date,
    /// Who wrote it; the committee when left out.
    #[serde(default)]
    pub author: Option<String>,
    /// The appendix's sections, in order.
    #[serde(default)]
    pub sections: Vec<AppendixSection>,
}

/// A section of an appendix, which may hold sections of its own.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppendixSection {
    /// The section's heading.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The section's text, in Markdown, which may hold lists and tables.
    #[serde(default)]
    pub body: Option<String>,
    /// A table after the body, checked cell by cell.
    #[serde(default)]
    #[schemars(with = "Option<Table>")]
    pub table: Option<Spanned<Table>>,
    /// Sections within this one, a heading level down.
    #[serde(default)]
    pub sections: Vec<AppendixSection>,
}

/// A section as its template sees it: its heading's Markdown marker.
#[derive(Debug, Serialize)]
struct SectionView<'a> {
    /// "##" for a top-level section, "###" for one within it …
    marker: String,
    title: &'a str,
    body: Option<&'a str>,
    table: Option<&'a Table>,
}

#[derive(Debug, Serialize)]
struct AppendixView<'a> {
    designation: &'a str,
    title: &'a str,
    report: Option<&'a str>,
    meeting: &'a str,
    meeting_date: String,
    sections: Vec<SectionView<'a>>,
}

/// Sections in reading order, each with its depth from 0.
fn flatten<'a>(sections: &'a [AppendixSection], depth: usize, out: &mut Vec<(usize, &'a AppendixSection)>) {
    for section in sections {
        out.push((depth, section));
        flatten(&section.sections, depth + 1, out);
    }
}

impl Appendix {
    fn sections_in_order(&self) -> Vec<(usize, &AppendixSection)> {
        let mut out = Vec::new();
        flatten(&self.sections, 0, &mut out);
        out
    }
}

impl Document for Appendix {
    fn prose(&self) -> Vec<&str> {
        fn sections<'a>(list: &'a [AppendixSection], texts: &mut Vec<&'a str>) {
            for section in list {
                texts.push(&section.title.value);
                texts.extend(section.body.as_deref());
                if let Some(table) = &section.table {
                    table.value.prose(texts);
                }
                sections(&section.sections, texts);
            }
        }
        let mut texts = vec![self.title.value.as_str()];
        sections(&self.sections, &mut texts);
        texts
    }

    fn check(&self, source: Source, _context: &Context) -> Vec<Diagnostic> {
        let (path, text) = (source.path, source.text);
        let mut problems = Vec::new();
        problems.extend(empty_title(path, text, &self.title));
        if self.designation.value.trim().is_empty() {
            problems.push(problem_at(path, text, &self.designation, "the designation is empty"));
        }
        for (_, section) in self.sections_in_order() {
            if section.title.value.trim().is_empty() {
                problems.push(problem_at(path, text, &section.title, "the section's title is empty"));
            }
            if let Some(table) = &section.table {
                problems.extend(table_problem(path, text, table, Some(&table.value)));
            }
        }
        problems
    }

    fn view(&self, context: &Context) -> Result<View, String> {
        let style = context.style;
        // The title is the level-1 heading; a heading is at most level 6.
        let sections = self
            .sections_in_order()
            .into_iter()
            .map(|(depth, section)| SectionView {
                marker: "#".repeat((depth + 2).min(6)),
                title: &section.title.value,
                body: section.body.as_deref(),
                table: section.table.as_ref().map(|table| &table.value),
            })
            .collect();
        View::of(&AppendixView {
            designation: &self.designation.value,
            title: &self.title.value,
            report: self.report.as_deref(),
            meeting: &self.meeting,
            meeting_date: style.date(self.meeting_date),
            sections,
        })
    }

    fn describe(&self, context: &Context) -> Described {
        let style = context.style;
        Described {
            title: format!("{}: {}", self.designation.value, self.title.value),
            subtitle: format!("{}, {}", self.meeting, style.date(self.meeting_date)),
            council: self.council.clone().or(context.council.map(str::to_owned)).unwrap_or_default(),
            author: self.author.clone().unwrap_or_else(|| self.meeting.clone()),
            date: self.meeting_date,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testing::{Testing, style_of};
    use std::path::Path;

    const APPENDIX: &str = "\
kind: appendix
designation: Appendix A
title: A strategy
meeting: Children and young people's scrutiny
meeting_date: 2017-07-05
sections:
  - title: Foreword
    body: Every child deserves the best start in life.
    sections:
      - title: Action plan
        table: { columns: [Priority, What], rows: [['1', Do], ['2']] }
";

    #[test]
    fn gives_nested_appendix_sections_deeper_headings() {
        let text = APPENDIX.replace("['2']", "['2', More]");
        let appendix: Appendix = crate::input::parse(Path::new("a.yaml"), &text).unwrap();
        assert!(appendix.test_check(Path::new("a.yaml"), &text).is_empty());
        let view = appendix.test_view(&style_of("appendix")).unwrap();
        assert_eq!(view["sections"][0]["marker"], "##");
        assert_eq!(view["sections"][1]["marker"], "###");
        assert_eq!(appendix.test_describe(&style_of("appendix")).title, "Appendix A: A strategy");
    }

    #[test]
    fn errors_at_an_appendix_table_with_a_short_row() {
        let appendix: Appendix = crate::input::parse(Path::new("a.yaml"), APPENDIX).unwrap();
        let problems = appendix.test_check(Path::new("a.yaml"), APPENDIX);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].position.map(|(line, _)| line), Some(11));
    }
}
