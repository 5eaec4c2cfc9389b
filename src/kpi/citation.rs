//! KPIs cited in a report: found by id among the report's and the
//! meeting's KPIs, and written out as words, bullets, table rows and charts.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::kpi::{KpiView, RagThresholds, chart};

/// The KPIs a report can cite, by id: its own first, then the meeting's.
pub struct Kpis<'a> {
    by_id: HashMap<&'a str, &'a crate::kpi::Kpi>,
    thresholds: RagThresholds,
    /// The stem of chart file names: the report's file stem.
    stem: String,
}

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
    /// The alternative text, stating the figures.
    pub alt: String,
    /// The SVG itself.
    #[serde(skip)]
    pub svg: String,
}

impl<'a> Kpis<'a> {
    /// The KPIs of a list, a later one winning over an earlier one with the
    /// same id; charts are named after `stem`.
    pub fn from_list(kpis: impl IntoIterator<Item = &'a crate::kpi::Kpi>, stem: &str) -> Self {
        let by_id = kpis.into_iter().map(|kpi| (kpi.id.as_str(), kpi)).collect();
        Self { by_id, thresholds: RagThresholds::default(), stem: stem.to_owned() }
    }

    fn get(&self, id: &str) -> Result<&'a crate::kpi::Kpi, String> {
        self.by_id.get(id).copied().ok_or_else(|| {
            let mut known: Vec<&str> = self.by_id.keys().copied().collect();
            known.sort_unstable();
            match crate::input::closest(id, &known) {
                Some(close) => format!("no KPI has the id `{id}`: did you mean `{close}`?"),
                None => format!("no KPI has the id `{id}`"),
            }
        })
    }

    /// The KPI `id` in words.
    pub fn view(&self, id: &str) -> Result<KpiView, String> {
        Ok(KpiView::new(self.get(id)?, &self.thresholds))
    }

    /// The bullets of a section.
    pub fn bullets(&self, citations: &[Citation]) -> Result<Vec<Bullet>, String> {
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
    pub fn charts(&self, ids: &[String]) -> Result<Vec<Chart>, String> {
        ids.iter()
            .map(|id| {
                let kpi = self.get(id)?;
                let file = format!("{}-{}", self.stem, chart::file_name(kpi));
                Ok(Chart { file, alt: chart::alt_text(kpi), svg: chart::svg(kpi) })
            })
            .collect()
    }

    /// Replaces every `{kpi:id}` or `{kpi:id:part}` in a Markdown body with
    /// the KPI's figures in words (see [`Kpis::part`]).
    pub fn expand(&self, body: &str) -> Result<String, String> {
        let mut expanded = String::with_capacity(body.len());
        let mut rest = body;
        while let Some(start) = rest.find("{kpi:") {
            let end = rest[start..].find('}').map(|end| start + end).ok_or_else(|| {
                format!("`{}` is not closed with `}}`", rest[start..].lines().next().unwrap_or_default())
            })?;
            expanded.push_str(&rest[..start]);
            let reference = &rest[start + 5..end];
            let (id, part) = reference.split_once(':').unwrap_or((reference, "value"));
            expanded.push_str(&self.part(id.trim(), part.trim())?);
            rest = &rest[end + 1..];
        }
        expanded.push_str(rest);
        Ok(expanded)
    }

    /// One part of a KPI in words: `value` ("46.5%"), `period`
    /// ("March 2016"), `previous`, `trend` ("rising from … to …"), `change`
    /// ("an improvement of 6.6 percentage points"), `relative` ("a 20%
    /// improvement since March 2015"), `compare` ("above the national
    /// average of 10%"), `target`, `sentence`, or a comparator's name for its
    /// value.
    pub fn part(&self, id: &str, part: &str) -> Result<String, String> {
        let view = self.view(id)?;
        let missing = |what: &str| format!("KPI `{id}` has no {what} to cite as `{{kpi:{id}:{part}}}`");
        let found = match part {
            "value" => view.latest.clone(),
            "period" => view.latest_period.clone(),
            "previous" => view.previous.clone(),
            "trend" => view.change.as_ref().map(|c| c.trend.clone()),
            "change" => view.change.as_ref().map(|c| c.difference_words.clone()),
            "relative" => view.change.as_ref().and_then(|c| c.relative_words.clone()),
            "compare" => {
                let words: Vec<String> = view.comparators.iter().filter_map(|c| c.words.clone()).collect();
                (!words.is_empty()).then(|| crate::render::words::and_list(&words))
            }
            "target" => view.target_words.clone(),
            "sentence" => Some(sentence(&view)),
            name => {
                view.comparators.iter().find(|c| c.name.eq_ignore_ascii_case(name)).map(|c| c.value.clone())
            }
        };
        found.ok_or_else(|| missing(part))
    }
}

/// The KPI's figures as one or two sentences, as a bullet states them.
pub fn sentence(view: &KpiView) -> String {
    let mut sentence = match (&view.latest_period, &view.latest) {
        (Some(period), Some(latest)) => format!("In {period} the figure was {latest}"),
        _ => String::from("There is no figure yet"),
    };
    let comparisons: Vec<String> = view.comparators.iter().filter_map(|c| c.words.clone()).collect();
    if !comparisons.is_empty() {
        sentence.push_str(&format!(", {}", crate::render::words::and_list(&comparisons)));
    }
    sentence.push('.');
    if let Some(change) = &view.change {
        let relative = change.relative_words.as_ref().map(|r| format!(" ({r})")).unwrap_or_default();
        sentence
            .push_str(&format!(" There has been {}{relative}, {}.", change.difference_words, change.trend));
    }
    if let Some(target) = &view.target_words {
        sentence.push_str(&format!(" It is {target}."));
    }
    sentence
}

/// KPIs as a table: one row each, a column per comparator any of them has.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// The comparators' names, one column each.
    pub comparators: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
    /// The source and period of each KPI, for the note under the table.
    pub notes: Vec<String>,
}

/// One KPI's row of a table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The KPI, in words.
    pub kpi: KpiView,
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
    pub fn table(&self, ids: &[String]) -> Result<Option<Table>, String> {
        if ids.is_empty() {
            return Ok(None);
        }
        let views: Vec<KpiView> = ids.iter().map(|id| self.view(id)).collect::<Result<_, _>>()?;
        let mut comparators: Vec<String> = Vec::new();
        for comparator in views.iter().flat_map(|view| &view.comparators) {
            if !comparators.contains(&comparator.name) {
                comparators.push(comparator.name.clone());
            }
        }
        let notes = views.iter().filter_map(note).collect();
        let rows = views.into_iter().map(|kpi| row(kpi, &comparators)).collect();
        Ok(Some(Table { comparators, rows, notes }))
    }
}

fn row(kpi: KpiView, columns: &[String]) -> Row {
    let comparators = columns
        .iter()
        .map(|name| kpi.comparators.iter().find(|c| &c.name == name).map_or(NONE.into(), |c| c.value.clone()))
        .collect();
    let direction = match &kpi.change {
        Some(change) => {
            match serde_json::to_value(change.direction).ok().and_then(|v| v.as_str().map(str::to_owned)) {
                Some(word) if word == "level" => "no change".to_owned(),
                Some(word) => format!("{word} ({})", change.assessment),
                None => NONE.to_owned(),
            }
        }
        None => NONE.to_owned(),
    };
    let rag = kpi
        .rag
        .and_then(|rag| serde_json::to_value(rag).ok())
        .and_then(|v| v.as_str().map(capitalise))
        .unwrap_or_else(|| NONE.to_owned());
    Row { kpi, comparators, direction, rag }
}

/// What a table cell holds when there is no figure.
const NONE: &str = "–";

fn note(view: &KpiView) -> Option<String> {
    let period = view.latest_period.as_deref()?;
    Some(match &view.source {
        Some(source) => format!("{}: {period}, {source}", view.name),
        None => format!("{}: {period}", view.name),
    })
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
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
