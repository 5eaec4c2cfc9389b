//! The other kinds of member report: each a model read from YAML, a view
//! with its numbers worked out, and a tera template named after the kind.
//!
//! A document names its kind in its first key, `kind:`. The Executive
//! Member reports of a Council meeting are the one kind that needs no
//! `kind:`: they are found by their folder's `meeting.yaml`.
//!
//! Every kind shares the parts below: numbered paragraphs with labelled
//! sub-items, tables, a contact officer and a signature, all numbered and
//! dated in the council's style (see [`Style`]).

pub mod agenda;
pub mod cabinet_update;
pub mod committee;
pub mod scrutiny;

use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostic::Diagnostic;
use crate::model::Style;

/// What a document is, as named by its `kind:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A Cabinet information item: a progress update on a strategy.
    CabinetUpdate,
    /// A Portfolio Holder's report to an Overview and Scrutiny committee.
    ScrutinyReport,
    /// A committee's cover report, with the standard headings.
    CommitteeReport,
    /// An appendix to a report: a document in its own right.
    Appendix,
    /// A committee's work programme.
    WorkProgramme,
    /// A committee meeting's agenda: its pack is the agenda and every
    /// document its items name, in one PDF.
    Agenda,
}

impl Kind {
    /// The name written in YAML, which is also its template's stem.
    pub fn name(self) -> &'static str {
        match self {
            Kind::CabinetUpdate => "cabinet-update",
            Kind::ScrutinyReport => "scrutiny-report",
            Kind::CommitteeReport => "committee-report",
            Kind::Appendix => "appendix",
            Kind::WorkProgramme => "work-programme",
            Kind::Agenda => "agenda",
        }
    }

    /// The file name of the kind's Markdown template.
    pub fn template(self) -> String {
        format!("{}.md", self.name())
    }
}

/// The JSON Schema of a document's `kind:`: its one allowed value, so that
/// an editor offers only the kind the schema is for.
macro_rules! kind_schema {
    ($($function:ident => $name:literal),* $(,)?) => {
        $(
            #[doc = concat!("The schema of `kind: ", $name, "`.")]
            pub fn $function(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "description": concat!("What this file is: always `", $name, "`."),
                    "const": $name
                })
            }
        )*
    };
}

kind_schema! {
    cabinet_update_kind => "cabinet-update",
    scrutiny_report_kind => "scrutiny-report",
    committee_report_kind => "committee-report",
    appendix_kind => "appendix",
    work_programme_kind => "work-programme",
    agenda_kind => "agenda",
}

/// Only the `kind:` of a document, read before the rest.
#[derive(Debug, Deserialize)]
pub struct Head {
    /// The document's kind; none for an Executive Member report.
    pub kind: Option<Spanned<Kind>>,
}

/// A numbered paragraph, in Markdown, with what hangs from it.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// The paragraph, in Markdown. It may cite KPIs as `{kpi:id}`.
    pub text: String,
    /// Sub-items labelled in the council's style ("a.", "b." or "(i)",
    /// "(ii)"), each in Markdown.
    #[serde(default)]
    pub items: Vec<String>,
    /// Plain bullet points, each in Markdown.
    #[serde(default)]
    pub bullets: Vec<String>,
    /// A table after the paragraph.
    #[serde(default)]
    pub table: Option<Table>,
    /// Markdown after the list or table, unnumbered.
    #[serde(default)]
    pub after: Option<String>,
}

/// A table of text.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The column headings.
    pub columns: Vec<String>,
    /// The rows, each with one cell per column.
    pub rows: Vec<Vec<String>>,
    /// A caption under the table.
    #[serde(default)]
    pub caption: Option<String>,
}

impl Table {
    /// What is wrong with the table's shape, if anything: no columns, or a
    /// row whose cells are not one per column.
    pub fn problem(&self) -> Option<String> {
        if self.columns.is_empty() {
            return Some("the table has no columns".to_owned());
        }
        let columns = self.columns.len();
        let (index, row) = self.rows.iter().enumerate().find(|(_, row)| row.len() != columns)?;
        Some(format!(
            "row {} of the table has {}, but the table has {}",
            index + 1,
            counted(row.len(), "cell"),
            counted(columns, "column")
        ))
    }
}

/// "1 cell", "2 cells".
fn counted(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

/// The hint for a table whose rows do not match its columns.
pub const TABLE_HINT: &str = "give every row one cell per column, \"\" when a cell is empty";

/// The officer to contact about a report.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The officer's name.
    pub name: String,
    /// Their post ("Director of Children's Services").
    #[serde(default)]
    pub post: Option<String>,
    /// Their telephone number, as printed.
    #[serde(default)]
    pub telephone: Option<String>,
    /// Their email address.
    #[serde(default)]
    pub email: Option<String>,
}

/// A paragraph as its template sees it: numbered, its items labelled.
#[derive(Debug, Clone, Serialize)]
pub struct NumberedParagraph {
    /// Its number as printed: "3." or "2.1"; empty when unnumbered.
    pub number: String,
    /// The paragraph, in Markdown.
    pub text: String,
    /// Its sub-items, labelled.
    pub items: Vec<Labelled>,
    /// Its bullet points, in Markdown.
    pub bullets: Vec<String>,
    /// Its table.
    pub table: Option<Table>,
    /// Markdown after the list or table.
    pub after: Option<String>,
}

/// A sub-item with its label.
#[derive(Debug, Clone, Serialize)]
pub struct Labelled {
    /// "a.", "(i)" …
    pub label: String,
    /// The item, in Markdown.
    pub text: String,
}

impl NumberedParagraph {
    /// The paragraph numbered `number`, its items labelled in `style`.
    pub fn new(number: String, paragraph: &Paragraph, style: &Style) -> Self {
        Self {
            number,
            text: paragraph.text.clone(),
            items: label_items(&paragraph.items, style),
            bullets: paragraph.bullets.clone(),
            table: paragraph.table.clone(),
            after: paragraph.after.clone(),
        }
    }
}

/// Labels items in the council's sub-item style.
pub fn label_items(items: &[String], style: &Style) -> Vec<Labelled> {
    items
        .iter()
        .enumerate()
        .map(|(index, text)| Labelled { label: style.items.label(index + 1), text: text.clone() })
        .collect()
}

/// How sub-items are labelled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ItemLabels {
    /// "a.", "b.", "c." …
    #[default]
    Letters,
    /// "(a)", "(b)", "(c)" …
    BracketedLetters,
    /// "(i)", "(ii)", "(iii)" …
    Roman,
    /// "1.", "2.", "3." …
    Numbers,
}

impl ItemLabels {
    /// The label of the `n`-th item, from 1.
    pub fn label(self, n: usize) -> String {
        match self {
            ItemLabels::Letters => format!("{}.", letters(n)),
            ItemLabels::BracketedLetters => format!("({})", letters(n)),
            ItemLabels::Roman => format!("({})", roman(n)),
            ItemLabels::Numbers => format!("{n}."),
        }
    }
}

/// "a" … "z", then "aa", "ab" …
fn letters(n: usize) -> String {
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// Lower-case Roman numerals: "i", "iv", "xii".
pub fn roman(n: usize) -> String {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// A date in the council's style.
pub fn date(date: Date, style: &Style) -> String {
    style.date(date)
}

/// A problem in a document's content, at its line when known.
pub fn problem_at<T>(
    path: &Path,
    text: &str,
    spanned: &Spanned<T>,
    message: impl Into<String>,
) -> Diagnostic {
    let line = spanned.referenced.line() as usize;
    let column = spanned.referenced.column().max(1) as usize;
    if line == 0 {
        Diagnostic::file(path, message)
    } else {
        Diagnostic::at(path, text, line, column, message.into())
    }
}

/// A kind of document: read from YAML, checked, and turned into the view
/// its template renders.
pub trait Document: serde::de::DeserializeOwned {
    /// Checks what serde cannot, each problem at its line in `text`.
    fn check(&self, _path: &Path, _text: &str) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// The view its template renders: every number and label worked out,
    /// every date written in the council's style. A problem that serde and
    /// `check` cannot catch is returned as a message about the file.
    fn view(&self, style: &Style) -> Result<serde_json::Value, String>;

    /// The title, header line, council, author and date of its PDF.
    fn describe(&self, style: &Style) -> Described;
}

/// A view as JSON for the template.
pub fn to_view(view: &impl Serialize) -> Result<serde_json::Value, String> {
    serde_json::to_value(view).map_err(|error| format!("cannot pass the document to its template: {error}"))
}

/// What every kind gives the pdf stage and the file names.
#[derive(Debug, Clone)]
pub struct Described {
    /// The document's title, for the PDF and the pack's bookmarks.
    pub title: String,
    /// The line under the council's name in each page's header.
    pub subtitle: String,
    /// The council, printed in the header.
    pub council: String,
    /// The author of the PDF: the member or officer who reports.
    pub author: String,
    /// The date of the meeting the document goes to.
    pub date: Date,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_items_in_each_style() {
        assert_eq!(ItemLabels::Letters.label(1), "a.");
        assert_eq!(ItemLabels::Letters.label(27), "aa.");
        assert_eq!(ItemLabels::BracketedLetters.label(2), "(b)");
        assert_eq!(ItemLabels::Roman.label(4), "(iv)");
        assert_eq!(ItemLabels::Roman.label(8), "(viii)");
        assert_eq!(ItemLabels::Roman.label(19), "(xix)");
        assert_eq!(ItemLabels::Numbers.label(3), "3.");
    }
}
