//! KPIs cited in a report: found by id among the report's and the
//! meeting's KPIs, and written out as words, bullets, table rows and charts.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::input::{Diagnostic, Source};
use crate::kpi::wording::{Direction, comparator_heading};
use crate::kpi::{KpiView, RagThresholds, Unit, chart};

/// The KPIs a report can cite, by id: its own first, then the meeting's.
pub struct Kpis<'a> {
    by_id: HashMap<&'a str, &'a crate::kpi::Kpi>,
    thresholds: RagThresholds,
    /// The stem of chart file names: the report's file stem.
    stem: String,
    /// Whose figures the KPIs are, as a chart labels their own line.
    area: String,
}

/// How a chart labels the KPI's own line when the document does not say
/// whose figures they are.
const DEFAULT_AREA: &str = "This council";

/// A KPI bullet: the KPI's figures and the member's comment.
#[derive(Debug, Clone, Serialize)]
pub struct Bullet {
    /// The KPI, in words.
    pub kpi: KpiView,
    /// Its figures as a bullet states them (see [`sentence`]).
    pub sentence: String,
    /// The member's comment after the figures, in Markdown.
    pub comment: Option<String>,
}

/// A chart drawn for a KPI.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// The SVG file's name, beside the report.
    pub file: String,
    /// The title shown above the chart: the KPI's name.
    pub title: String,
    /// The caption shown under it: what the values measure, their periods
    /// and source.
    pub caption: String,
    /// The alternative text, stating the figures.
    pub alt: String,
    /// The SVG itself.
    #[serde(skip)]
    pub svg: String,
}

/// A KPI cited wrongly: the citation as written and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CitationError {
    /// What was written: the citation (`{kpi:care-leavers-neet:nope}`), or
    /// the id where a list names a KPI.
    pub cited: String,
    /// What is wrong, listing what could be cited instead.
    pub message: String,
    /// How to put it right, when a close match is known.
    pub hint: Option<String>,
}

impl CitationError {
    /// The problem at the place in `source` where the citation is written,
    /// looking from `line` (1-based) on and then from the start; about the
    /// whole file when it is not written there as it was read.
    pub fn at(&self, source: Source, line: usize) -> Diagnostic {
        let from = line_start(source.text, line);
        let found = find_cited(&source.text[from..], &self.cited)
            .map(|offset| from + offset)
            .or_else(|| find_cited(source.text, &self.cited));
        let problem = match found {
            Some(offset) => {
                let before = &source.text[..offset];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
                Diagnostic::at(source.path, source.text, line, column, self.message.clone())
            }
            None => Diagnostic::file(source.path, self.message.clone()),
        };
        match &self.hint {
            Some(hint) => problem.with_hint(hint.clone()),
            None => problem,
        }
    }
}

/// The byte offset at which the 1-based `line` of `text` starts; the end
/// of the text past its last line.
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n').nth(line - 2).map_or(text.len(), |(index, _)| index + 1)
}

/// Where `cited` is written in `text`: a citation as it is, an id where a
/// list names it, as a whole word and not inside a citation.
fn find_cited(text: &str, cited: &str) -> Option<usize> {
    if cited.is_empty() {
        return None;
    }
    if cited.starts_with('{') {
        return text.find(cited);
    }
    let is_id_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(cited).map(|(index, _)| index).find(|&index| {
        let before = text[..index].chars().next_back();
        let after = text[index + cited.len()..].chars().next();
        !before.is_some_and(is_id_char) && !after.is_some_and(is_id_char) && !text[..index].ends_with("{kpi:")
    })
}

impl From<CitationError> for String {
    fn from(error: CitationError) -> Self {
        match error.hint {
            Some(hint) => format!("{}: {hint}", error.message),
            None => error.message,
        }
    }
}

/// The parts a citation `{kpi:id:part}` can name, besides a comparator's
/// name.
pub const PARTS: [&str; 11] = [
    "value",
    "period",
    "previous",
    "previous_value",
    "previous_period",
    "trend",
    "change",
    "relative",
    "compare",
    "target",
    "sentence",
];

impl<'a> Kpis<'a> {
    /// The KPIs of a list, a later one winning over an earlier one with the
    /// same id; charts are named after `stem`.
    pub fn from_list(kpis: impl IntoIterator<Item = &'a crate::kpi::Kpi>, stem: &str) -> Self {
        let by_id = kpis.into_iter().map(|kpi| (kpi.id.as_str(), kpi)).collect();
        Self { by_id, thresholds: RagThresholds::default(), stem: stem.to_owned(), area: DEFAULT_AREA.into() }
    }

    /// Names whose figures the KPIs are ("Hertfordshire County Council"),
    /// for the label of a chart's own line.
    pub fn with_area(mut self, area: &str) -> Self {
        if !area.trim().is_empty() {
            self.area = area.trim().to_owned();
        }
        self
    }

    fn get(&self, id: &str, cited: &str) -> Result<&'a crate::kpi::Kpi, CitationError> {
        self.by_id.get(id).copied().ok_or_else(|| {
            let mut known: Vec<&str> = self.by_id.keys().copied().collect();
            known.sort_unstable();
            let message = match known.len() {
                0 => format!("no KPI has the id `{id}`: the document has no KPIs"),
                _ => format!("no KPI has the id `{id}`: the KPIs are {}", quoted(&known)),
            };
            let hint = crate::input::closest(id, &known).map(|close| format!("did you mean `{close}`?"));
            CitationError { cited: cited.to_owned(), message, hint }
        })
    }

    /// The KPI `id` in words.
    pub fn view(&self, id: &str) -> Result<KpiView, CitationError> {
        Ok(KpiView::new(self.get(id, id)?, &self.thresholds))
    }

    /// The bullets of a section.
    pub fn bullets(&self, citations: &[Citation]) -> Result<Vec<Bullet>, CitationError> {
        citations
            .iter()
            .map(|citation| {
                let kpi = self.view(citation.id())?;
                let comment = citation.comment().map(|c| self.expand(c)).transpose()?;
                Ok(Bullet { sentence: sentence(&kpi), kpi, comment })
            })
            .collect()
    }

    /// The charts of a section.
    pub fn charts(&self, ids: &[String]) -> Result<Vec<Chart>, CitationError> {
        ids.iter()
            .map(|id| {
                let kpi = self.get(id, id)?;
                let file = format!("{}-{}", self.stem, chart::file_name(kpi));
                Ok(Chart {
                    file,
                    title: kpi.name.clone(),
                    caption: chart::caption(kpi),
                    alt: chart::alt_text(kpi),
                    svg: chart::svg(kpi, &self.area),
                })
            })
            .collect()
    }

    /// Replaces every `{kpi:id}` or `{kpi:id:part}` in a Markdown body with
    /// the KPI's figures in words (see [`Kpis::part`]).
    pub fn expand(&self, body: &str) -> Result<String, CitationError> {
        let mut expanded = String::with_capacity(body.len());
        let rest = each_citation(body, |before, cited| {
            expanded.push_str(before);
            expanded.push_str(&self.cited(cited)?);
            Ok(())
        })?;
        expanded.push_str(rest);
        Ok(expanded)
    }

    /// Every citation of a Markdown body that cannot be written out.
    pub fn problems(&self, body: &str) -> Vec<CitationError> {
        let mut problems = Vec::new();
        let unclosed = each_citation(body, |_, cited| {
            problems.extend(self.cited(cited).err());
            Ok(())
        });
        problems.extend(unclosed.err());
        problems
    }

    /// The words of one citation, `{kpi:id}` or `{kpi:id:part}`.
    fn cited(&self, cited: &str) -> Result<String, CitationError> {
        let reference = cited.trim_start_matches("{kpi:").trim_end_matches('}');
        let (id, part) = reference.split_once(':').unwrap_or((reference, "value"));
        self.part(id.trim(), part.trim(), cited)
    }

    /// One part of a KPI in words, for the citation `cited`: `value`
    /// ("46.5%"), `period` ("March 2016"), `previous` ("58.1% in March
    /// 2015"), `previous_value` ("58.1%"), `previous_period` ("March
    /// 2015"), `trend` ("rising from … to …"), `change` ("an improvement of
    /// 6.6 percentage points"), `relative` ("a 20% improvement since March
    /// 2015"), `compare` ("above the national average of 10%"), `target`,
    /// `sentence`, or a comparator's name for its value.
    pub fn part(&self, id: &str, part: &str, cited: &str) -> Result<String, CitationError> {
        let kpi = self.get(id, cited)?;
        let view = KpiView::new(kpi, &self.thresholds);
        let found = match part {
            "value" => view.headline.clone(),
            "period" => view.latest_period.clone(),
            "previous" => view.previous_words.clone(),
            "previous_value" => view.previous.clone(),
            "previous_period" => view.previous_period.clone(),
            "trend" => view.change.as_ref().map(|c| c.trend.clone()),
            "change" => view.change.as_ref().map(|c| c.difference_words.clone()),
            "relative" => view.change.as_ref().and_then(|c| c.relative_words.clone()),
            "compare" => {
                let words: Vec<String> = view.comparators.iter().filter_map(|c| c.words.clone()).collect();
                (!words.is_empty()).then(|| crate::render::words::and_list(&words))
            }
            "target" => view.target_words.clone(),
            "sentence" => Some(sentence(&view)),
            name => match view.comparators.iter().find(|c| c.name.eq_ignore_ascii_case(name)) {
                Some(comparator) => Some(comparator.value.clone()),
                None => return Err(unknown_part(&view, part, cited)),
            },
        };
        found.ok_or_else(|| missing_part(&view, part, cited))
    }
}

/// Calls `each` with the text before each citation of `body` and the
/// citation, in order; returns the text after the last, or the error of a
/// citation that is not closed.
fn each_citation<'b>(
    body: &'b str,
    mut each: impl FnMut(&'b str, &'b str) -> Result<(), CitationError>,
) -> Result<&'b str, CitationError> {
    let mut rest = body;
    while let Some(start) = rest.find("{kpi:") {
        let Some(end) = rest[start..].find('}').map(|end| start + end) else {
            let cited = rest[start..].lines().next().unwrap_or_default().to_owned();
            let message = format!("`{cited}` is not closed with `}}`");
            let hint = Some("write `{kpi:id}` or `{kpi:id:part}`".to_owned());
            return Err(CitationError { cited, message, hint });
        };
        each(&rest[..start], &rest[start..=end])?;
        rest = &rest[end + 1..];
    }
    Ok(rest)
}

/// The error for a part that is neither a part nor a comparator's name.
fn unknown_part(view: &KpiView, part: &str, cited: &str) -> CitationError {
    let names: Vec<&str> = view.comparators.iter().map(|c| c.name.as_str()).collect();
    let mut message = format!("KPI `{}` has no part `{part}`: its parts are {}", view.id, quoted(&PARTS));
    if !names.is_empty() {
        message.push_str(&format!(", and its comparators by name: {}", quoted(&names)));
    }
    let valid: Vec<&str> = PARTS.iter().copied().chain(names).collect();
    let hint = crate::input::closest(part, &valid).map(|close| format!("did you mean `{close}`?"));
    CitationError { cited: cited.to_owned(), message, hint }
}

/// The error for a part the KPI has nothing to say for: no earlier value,
/// comparator or target.
fn missing_part(view: &KpiView, part: &str, cited: &str) -> CitationError {
    let (lacks, hint) = match part {
        "value" | "period" => ("no values", "give its `values`"),
        "previous" | "previous_value" | "previous_period" | "trend" | "change" => {
            ("only one value, so no previous one", "give an earlier value in its `values`")
        }
        "relative" if view.change.is_some() => {
            ("a previous value of 0, from which no relative change can be stated", "cite its `change`")
        }
        "relative" => ("only one value, so no change", "give an earlier value in its `values`"),
        "compare" => ("no comparators", "give its `comparators`"),
        _ => ("no target", "give its `target`"),
    };
    let message = format!("`{cited}` cites nothing: KPI `{}` has {lacks}", view.id);
    CitationError { cited: cited.to_owned(), message, hint: Some(hint.to_owned()) }
}

/// "`a`, `b` and `c`".
fn quoted(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    crate::render::words::and_list(&quoted)
}

/// The KPI's figures as one or two sentences, as a bullet states them. A
/// change in a percentage is given in percentage points only.
pub fn sentence(view: &KpiView) -> String {
    let mut sentence = match (&view.latest_period, &view.headline) {
        (Some(period), Some(latest)) => format!("In {period} the figure was {latest}"),
        _ => String::from("There is no figure yet"),
    };
    let comparisons: Vec<String> = view.comparators.iter().filter_map(|c| c.words.clone()).collect();
    if !comparisons.is_empty() {
        sentence.push_str(&format!(", {}", crate::render::words::and_list(&comparisons)));
    }
    sentence.push('.');
    if let Some(change) = &view.change {
        let relative = match &change.relative_words {
            Some(relative) if view.unit != Unit::Percent => format!(" ({relative})"),
            _ => String::new(),
        };
        sentence
            .push_str(&format!(" There has been {}{relative}, {}.", change.difference_words, change.trend));
    }
    if let Some(target) = &view.target_words {
        sentence.push_str(&format!(" It is {target}."));
    }
    sentence
}

/// The marker for bullets that follow `markdown`: `-`, or `*` when it ends
/// with a `-` list, which bullets with the same marker would join.
pub fn bullet_marker_after(markdown: &str) -> &'static str {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut depth = 0usize;
    let mut last_block_marker = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    last_block_marker = match tag {
                        Tag::List(None) => markdown[range].trim_start().chars().next(),
                        _ => None,
                    };
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => last_block_marker = None,
            _ => {}
        }
    }
    if last_block_marker == Some('-') { "*" } else { "-" }
}

/// KPIs as a table: one row each, a column per comparator any of them has.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// The comparators' headings, in sentence case, one column each.
    pub comparators: Vec<String>,
    /// The period of every row's latest value, when they share one: the
    /// column's heading says it, and the cells do not.
    pub latest_period: Option<String>,
    /// The period of every row's previous value, when they share one.
    pub previous_period: Option<String>,
    /// Whether any KPI of the table has a target, so that a RAG column is
    /// worth showing.
    pub has_targets: bool,
    /// The rows.
    pub rows: Vec<Row>,
    /// The source of each KPI that gives one, for the notes under the table.
    pub notes: Vec<String>,
}

/// One KPI's row of a table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The KPI, in words.
    pub kpi: KpiView,
    /// The latest value, with its period unless the column's heading has
    /// it: "46.5%" or "46.5% (March 2016)"; "–" without one.
    pub latest: String,
    /// The previous value, the same way: "58.1% (March 2015)" or "–".
    pub previous: String,
    /// Its value for each of the table's comparators, or "–".
    pub comparators: Vec<String>,
    /// The direction since the previous value and what it means, in words
    /// rather than colour alone: "down (improvement)", "no change" or "–".
    pub direction: String,
    /// The RAG status in words: "Red", "Amber", "Green" or "–".
    pub rag: String,
}

impl Kpis<'_> {
    /// The table of a section, or `None` when it cites no KPI.
    pub fn table(&self, ids: &[String]) -> Result<Option<Table>, CitationError> {
        if ids.is_empty() {
            return Ok(None);
        }
        let views: Vec<KpiView> = ids.iter().map(|id| self.view(id)).collect::<Result<_, _>>()?;
        let mut columns: Vec<&str> = Vec::new();
        for comparator in views.iter().flat_map(|view| &view.comparators) {
            if !columns.iter().any(|name| name.eq_ignore_ascii_case(&comparator.name)) {
                columns.push(&comparator.name);
            }
        }
        let columns: Vec<String> = columns.into_iter().map(str::to_owned).collect();
        let latest_period = shared(views.iter().map(|view| view.latest_period.as_deref()));
        let previous_period = shared(views.iter().map(|view| view.previous_period.as_deref()));
        let periods = (latest_period.is_some(), previous_period.is_some());
        let notes = views.iter().filter_map(note).collect();
        let has_targets = views.iter().any(|view| view.target.is_some());
        let rows = views.into_iter().map(|kpi| row(kpi, &columns, periods)).collect();
        let comparators = columns.iter().map(|name| comparator_heading(name)).collect();
        Ok(Some(Table { comparators, latest_period, previous_period, has_targets, rows, notes }))
    }
}

/// The one period every row has, when they all have the same.
fn shared<'v>(mut periods: impl Iterator<Item = Option<&'v str>>) -> Option<String> {
    let first = periods.next()??;
    periods.all(|period| period == Some(first)).then(|| first.to_owned())
}

/// A row; `periods` says whether the latest and previous columns' headings
/// give their period.
fn row(kpi: KpiView, columns: &[String], periods: (bool, bool)) -> Row {
    let cell = |value: &Option<String>, period: &Option<String>, in_heading: bool| match (value, period) {
        (Some(value), Some(period)) if !in_heading => format!("{value} ({})", period.replace(' ', "\u{a0}")),
        (Some(value), _) => value.clone(),
        (None, _) => NONE.to_owned(),
    };
    let latest = cell(&kpi.latest, &kpi.latest_period, periods.0);
    let previous = cell(&kpi.previous, &kpi.previous_period, periods.1);
    let comparators = columns
        .iter()
        .map(|name| {
            let found = kpi.comparators.iter().find(|c| c.name.eq_ignore_ascii_case(name));
            found.map_or(NONE.into(), |c| c.value.clone())
        })
        .collect();
    let direction = match &kpi.change {
        Some(change) => match change.direction {
            Direction::Level => "no change".to_owned(),
            Direction::Up => format!("up ({})", change.assessment),
            Direction::Down => format!("down ({})", change.assessment),
        },
        None => NONE.to_owned(),
    };
    let rag = kpi
        .rag
        .and_then(|rag| serde_json::to_value(rag).ok())
        .and_then(|v| v.as_str().map(crate::render::words::capitalise))
        .unwrap_or_else(|| NONE.to_owned());
    Row { kpi, latest, previous, comparators, direction, rag }
}

/// What a table cell holds when there is no figure.
const NONE: &str = "–";

/// The note of a KPI's source under a table; none without one.
fn note(view: &KpiView) -> Option<String> {
    let source = view.source.as_deref().map(str::trim).filter(|source| !source.is_empty())?;
    Some(format!("{}: {source}", view.name))
}

/// A KPI cited in a section's bullets.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Citation {
    /// Just the KPI's id.
    Id(String),
    /// The KPI's id and a comment after its figures.
    WithComment {
        /// The KPI's id.
        id: String,
        /// A comment of the member's own, in Markdown.
        comment: String,
    },
}

impl Citation {
    /// The cited KPI's id.
    pub fn id(&self) -> &str {
        match self {
            Citation::Id(id) | Citation::WithComment { id, .. } => id,
        }
    }

    /// The member's comment, if any.
    pub fn comment(&self) -> Option<&str> {
        match self {
            Citation::Id(_) => None,
            Citation::WithComment { comment, .. } => Some(comment),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::testing::{care_leavers_neet, kpi, placement_stability};
    use crate::kpi::{Kpi, Polarity};

    fn kpis(list: &[Kpi]) -> Kpis<'_> {
        Kpis::from_list(list, "report")
    }

    #[test]
    fn cites_the_previous_value_with_its_period_or_in_parts() {
        let list = [care_leavers_neet()];
        let kpis = kpis(&list);
        let body = "{kpi:care-leavers-neet:previous}; {kpi:care-leavers-neet:previous_value} in \
                    {kpi:care-leavers-neet:previous_period}";
        assert_eq!(kpis.expand(body).unwrap(), "58.1% in March 2015; 58.1% in March 2015");
    }

    #[test]
    fn lists_the_parts_and_comparators_when_a_part_does_not_exist() {
        let list = [care_leavers_neet()];
        let error = kpis(&list).expand("was {kpi:care-leavers-neet:england average}.").unwrap_err();
        assert_eq!(error.cited, "{kpi:care-leavers-neet:england average}");
        assert_eq!(
            error.message,
            "KPI `care-leavers-neet` has no part `england average`: its parts are `value`, `period`, \
             `previous`, `previous_value`, `previous_period`, `trend`, `change`, `relative`, `compare`, \
             `target` and `sentence`, and its comparators by name: `England`, `East of England` and \
             `statistical neighbours`"
        );
    }

    #[test]
    fn says_why_a_part_has_nothing_to_cite() {
        let list = [kpi(Unit::Percent, Polarity::HigherIsBetter, &[("2016", 40.0)])];
        let error = kpis(&list).expand("{kpi:test-kpi:previous}").unwrap_err();
        assert_eq!(
            error.message,
            "`{kpi:test-kpi:previous}` cites nothing: KPI `test-kpi` has only one value, so no previous one"
        );
        assert_eq!(error.hint.as_deref(), Some("give an earlier value in its `values`"));
    }

    #[test]
    fn finds_every_mistake_of_a_body_at_its_line() {
        let list = [care_leavers_neet()];
        let body = "{kpi:care-leaver-neet} and {kpi:care-leavers-neet:nope}";
        let problems = kpis(&list).problems(body);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `care-leavers-neet`?"));
        let text =
            "comments:\n  - title: A\n    body: |\n      First.\n      Then {kpi:care-leavers-neet:nope}.\n";
        let source = Source { path: std::path::Path::new("r.yaml"), text };
        let problem = problems[1].at(source, 1);
        assert_eq!(problem.position, Some((5, 12)));
        let listed = kpis(&list).view("care-leaver-neet").unwrap_err();
        let text = "kpi_table: [care-leavers, care-leaver-neet]\n";
        let source = Source { path: std::path::Path::new("r.yaml"), text };
        assert_eq!(listed.at(source, 1).position, Some((1, 27)));
    }

    #[test]
    fn gives_a_shared_period_in_the_heading_and_others_in_their_cells() {
        let list = [care_leavers_neet(), placement_stability()];
        let table =
            kpis(&list).table(&["care-leavers-neet".into(), "placement-stability".into()]).unwrap().unwrap();
        assert_eq!(table.latest_period.as_deref(), Some("March 2016"));
        assert_eq!(table.previous_period.as_deref(), Some("March 2015"));
        assert_eq!(table.rows[0].latest, "46.5%");
        assert!(table.has_targets);
        let mut other = placement_stability();
        other.values[0].period = "December 2015".parse().unwrap();
        let list = [placement_stability(), other];
        let mut second = list[1].clone();
        second.id = "other".into();
        let list = [list[0].clone(), second];
        let table = kpis(&list).table(&["placement-stability".into(), "other".into()]).unwrap().unwrap();
        assert_eq!(table.previous_period, None);
        assert_eq!(table.rows[1].previous, "62.8% (December\u{a0}2015)");
        assert!(!table.has_targets);
        assert_eq!(table.comparators, Vec::<String>::new());
    }

    #[test]
    fn heads_comparator_columns_in_sentence_case() {
        let list = [care_leavers_neet()];
        let table = kpis(&list).table(&["care-leavers-neet".into()]).unwrap().unwrap();
        assert_eq!(table.comparators, ["England", "East of England", "Statistical neighbours"]);
    }

    #[test]
    fn gives_percentage_changes_in_points_only() {
        let view = KpiView::new(&care_leavers_neet(), &RagThresholds::default());
        let sentence = sentence(&view);
        assert!(
            sentence.contains("There has been an improvement of 11.6\u{a0}percentage points, falling"),
            "{sentence}"
        );
        assert!(!sentence.contains("20%"), "{sentence}");
    }

    #[test]
    fn marks_kpi_bullets_apart_from_a_list_that_ends_the_body() {
        assert_eq!(bullet_marker_after("Text.\n\n- one\n- two\n"), "*");
        assert_eq!(bullet_marker_after("- one\n\nText after.\n"), "-");
        assert_eq!(bullet_marker_after("* one\n"), "-");
        assert_eq!(bullet_marker_after(""), "-");
    }
}
