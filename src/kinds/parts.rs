//! The parts every kind of document shares: numbered paragraphs with
//! labelled sub-items, tables, a contact officer, the member who signs, all
//! numbered and dated in the council's style.

use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::input::Diagnostic;
use crate::input::council::Style;

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

impl Paragraph {
    /// The paragraph's prose, in reading order.
    pub fn prose<'a>(&'a self, texts: &mut Vec<&'a str>) {
        texts.push(&self.text);
        texts.extend(self.items.iter().map(String::as_str));
        texts.extend(self.bullets.iter().map(String::as_str));
        if let Some(table) = &self.table {
            table.prose(texts);
        }
        texts.extend(self.after.as_deref());
    }
}

impl Table {
    /// The table's prose: its headings, cells and caption.
    pub fn prose<'a>(&'a self, texts: &mut Vec<&'a str>) {
        texts.extend(self.columns.iter().map(String::as_str));
        texts.extend(self.rows.iter().flatten().map(String::as_str));
        texts.extend(self.caption.as_deref());
    }

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
            items: label_items(&number, &paragraph.items, style),
            number,
            text: paragraph.text.clone(),
            bullets: paragraph.bullets.clone(),
            table: paragraph.table.clone(),
            after: paragraph.after.clone(),
        }
    }
}

/// Labels the items of the paragraph numbered `number` in the council's
/// sub-item style.
pub fn label_items(number: &str, items: &[String], style: &Style) -> Vec<Labelled> {
    items
        .iter()
        .enumerate()
        .map(|(index, text)| Labelled {
            label: style.items.label_under(number, index + 1),
            text: text.clone(),
        })
        .collect()
}

/// Checks what serde cannot of a document's KPIs: series in order, numbers
/// finite, ids unique.
pub fn check_kpis(source: crate::input::Source, kpis: &[crate::kpi::Kpi]) -> Result<(), Diagnostic> {
    let file = crate::kpi::KpiFile { kpis: kpis.to_vec() };
    match file.validate().into_iter().next() {
        // At the KPI's `id:`, where the file gives it.
        Some(problem) => {
            let id = format!("id: {}", problem.kpi);
            let at = if source.text.contains(&id) { id } else { problem.kpi.clone() };
            Err(source.error_at_text(&at, problem.to_string()))
        }
        None => Ok(()),
    }
}

/// The problem of a document whose council is named neither in it nor in
/// `council.yaml`: every page's header needs the name.
pub fn no_council(source: crate::input::Source) -> Diagnostic {
    let message = "the council's name is given neither here nor in `council.yaml`".to_owned();
    source
        .at_key("council", message)
        .with_hint("add `council:` with the council's name here, or `name:` in `council.yaml`")
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

/// A view as JSON for the template.
pub fn to_view(view: &impl Serialize) -> Result<serde_json::Value, String> {
    serde_json::to_value(view).map_err(|error| format!("cannot pass the document to its template: {error}"))
}

/// The member a document is from: a portfolio holder.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's name, as printed ("Councillor Lisa Evans").
    pub name: String,
    /// The member's portfolio ("Children and Young People").
    #[serde(default)]
    pub portfolio: Option<String>,
    /// The member's title ("Cabinet Member for Children and Young
    /// People"); left out, the council's words for a member of its
    /// executive and the portfolio: the kind's `member_title` heading.
    #[serde(default)]
    pub title: Option<String>,
}

impl Member {
    /// The member's title: as given, else in the council's words.
    pub fn title(&self, style: &Style) -> String {
        member_title(self.title.as_deref(), self.portfolio.as_deref(), style)
    }
}

/// A member's title: `title` as given, else the kind's `member_title`
/// heading ("{member} for {portfolio}") filled in with the council's word
/// for a member and the portfolio, else that word alone.
pub fn member_title(title: Option<&str>, portfolio: Option<&str>, style: &Style) -> String {
    let given = |text: &&str| !text.trim().is_empty();
    match (title.filter(given), portfolio.filter(given)) {
        (Some(title), _) => title.to_owned(),
        (None, Some(portfolio)) => {
            style.heading_with("member_title", &[("member", &style.member), ("portfolio", portfolio)])
        }
        (None, None) => style.member.clone(),
    }
}
