//! The KPI view: everything a report template needs to state a KPI, worked
//! out here so that templates only choose words and layout.

use serde::Serialize;

use super::chart;
use super::model::{Comparator, Kpi, Unit};
use super::numbers::{NBSP, format_difference, format_value};
use super::target::{Rag, RagThresholds, rag, target_words};
use super::wording::{
    Change, Direction, Position, comparator_heading, comparison, headline, judgement, latest_comparators,
    latest_value, previous_value,
};

/// A KPI as a template sees it.
#[derive(Debug, Clone, Serialize)]
pub struct KpiView {
    /// The KPI's id.
    pub id: String,
    /// The KPI's name.
    pub name: String,
    /// The name as a table's measure column gives it, with the population
    /// of a rate: "Child protection plans (per 10,000 children aged 0 to
    /// 18)".
    pub measure: String,
    /// What the values measure.
    pub unit: Unit,
    /// Whom a rate counts ("children aged 0 to 18"), when given.
    pub population: Option<String>,
    /// The latest value with its unit ("46.5%"); none without values.
    pub latest: Option<String>,
    /// The latest value as a sentence states it, with the population of a
    /// rate ("54 per 10,000 children aged 0 to 18").
    pub headline: Option<String>,
    /// The latest value's period ("March 2016").
    pub latest_period: Option<String>,
    /// The latest value and period in words ("46.5% in March 2016").
    pub latest_words: Option<String>,
    /// The value before the latest, with its unit.
    pub previous: Option<String>,
    /// The previous value's period.
    pub previous_period: Option<String>,
    /// The previous value and its period in words ("58.1% in March 2015").
    pub previous_words: Option<String>,
    /// The change since the previous value.
    pub change: Option<ChangeView>,
    /// The change since the same period a year before.
    pub year_on_year: Option<ChangeView>,
    /// The comparators, one for each name, against the latest value.
    pub comparators: Vec<ComparatorView>,
    /// The target with its unit ("45%").
    pub target: Option<String>,
    /// The latest value against the target ("meeting the target of 45%").
    pub target_words: Option<String>,
    /// "red", "amber" or "green"; none for a neutral KPI or without target.
    pub rag: Option<Rag>,
    /// "up", "down" or "level" since the previous value.
    pub direction: Option<Direction>,
    /// Where the figures come from.
    pub source: Option<String>,
    /// The chart's file name ("care-leavers-neet.svg").
    pub chart: String,
    /// The chart's alt text, stating its figures.
    pub alt_text: String,
}

/// A change between two values, in words.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// The earlier period ("March 2015").
    pub since: String,
    /// The earlier value with its unit ("58.1%").
    pub from: String,
    /// "rising from 62.8% in March 2015 to 69.4% in March 2016".
    pub trend: String,
    /// The size of the change ("6.6 percentage points").
    pub difference: String,
    /// "an improvement of 6.6 percentage points" or "no change".
    pub difference_words: String,
    /// "a 10.5% improvement since March 2015"; none after a value of 0.
    pub relative_words: Option<String>,
    /// "improvement", "deterioration", "increase", "decrease" or "no
    /// change".
    pub assessment: String,
    /// "up", "down" or "level".
    pub direction: Direction,
}

/// A comparator against the latest value.
#[derive(Debug, Clone, Serialize)]
pub struct ComparatorView {
    /// The comparator's name as written ("England").
    pub name: String,
    /// The name as a heading or label gives it, in sentence case ("All
    /// pupils in the county").
    pub heading: String,
    /// Its value with the unit ("39%").
    pub value: String,
    /// Its period, when known.
    pub period: Option<String>,
    /// "above the national average of 39%".
    pub words: Option<String>,
    /// "worse than the national average of 39%"; none for a neutral KPI.
    pub judgement: Option<String>,
    /// "above", "below" or "same".
    pub position: Option<Position>,
}

impl KpiView {
    /// The view of `kpi`, with RAG status by `thresholds`.
    pub fn new(kpi: &Kpi, thresholds: &RagThresholds) -> Self {
        let latest = kpi.latest();
        let previous = kpi.previous();
        let since_previous = Change::since_previous(kpi);
        Self {
            id: kpi.id.clone(),
            name: kpi.name.clone(),
            measure: measure(kpi),
            unit: kpi.unit,
            population: kpi.rate_population().map(str::to_owned),
            latest: latest.map(|latest| format_value(latest.value, kpi.unit)),
            headline: latest.map(|latest| headline(kpi, latest.value)),
            latest_period: latest.map(|latest| latest.period.to_string()),
            latest_words: latest_value(kpi),
            previous: previous.map(|previous| format_value(previous.value, kpi.unit)),
            previous_period: previous.map(|previous| previous.period.to_string()),
            previous_words: previous_value(kpi),
            change: since_previous.as_ref().map(ChangeView::new),
            year_on_year: Change::since_year_earlier(kpi).as_ref().map(ChangeView::new),
            comparators: latest_comparators(kpi).into_iter().map(|c| ComparatorView::new(kpi, c)).collect(),
            target: kpi.target.map(|target| format_value(target, kpi.unit)),
            target_words: target_words(kpi),
            rag: rag(kpi, thresholds),
            direction: since_previous.map(|change| change.direction()),
            source: kpi.source.clone(),
            chart: chart::file_name(kpi),
            alt_text: chart::alt_text(kpi),
        }
    }
}

/// The KPI's name with the population of a rate after it.
fn measure(kpi: &Kpi) -> String {
    match kpi.rate_population() {
        Some(population) => format!("{} (per{NBSP}10,000 {population})", kpi.name),
        None => kpi.name.clone(),
    }
}

impl ChangeView {
    fn new(change: &Change) -> Self {
        Self {
            since: change.from.period.to_string(),
            from: format_value(change.from.value, change.unit),
            trend: change.trend(),
            difference: format_difference(change.difference(), change.unit),
            difference_words: change.difference_words(),
            relative_words: change.relative_words(),
            assessment: change.assessment().noun().to_owned(),
            direction: change.direction(),
        }
    }
}

impl ComparatorView {
    fn new(kpi: &Kpi, comparator: &Comparator) -> Self {
        let position = kpi.latest().map(|latest| Position::of(latest.value, comparator.value, kpi.unit));
        Self {
            name: comparator.name.clone(),
            heading: comparator_heading(&comparator.name),
            value: format_value(comparator.value, kpi.unit),
            period: comparator.period.map(|period| period.to_string()),
            words: comparison(kpi, comparator),
            judgement: judgement(kpi, comparator),
            position,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::model::{Polarity, Unit};
    use crate::kpi::testing::{care_leavers_neet, kpi};

    #[test]
    fn gathers_everything_a_template_states() {
        let view = KpiView::new(&care_leavers_neet(), &RagThresholds::default());
        assert_eq!(view.latest.as_deref(), Some("46.5%"));
        assert_eq!(view.latest_period.as_deref(), Some("March 2016"));
        assert_eq!(view.previous.as_deref(), Some("58.1%"));
        let change = view.change.unwrap();
        assert_eq!(change.difference_words, "an improvement of 11.6\u{a0}percentage points");
        assert_eq!(change.relative_words.as_deref(), Some("a 20% improvement since March 2015"));
        assert_eq!(view.year_on_year.unwrap().since, "March 2015");
        assert_eq!(view.comparators[0].words.as_deref(), Some("above the national average of 39%"));
        assert_eq!(view.comparators[0].judgement.as_deref(), Some("worse than the national average of 39%"));
        assert_eq!(
            view.target_words.as_deref(),
            Some("missing the target of 45% by 1.5\u{a0}percentage points")
        );
        assert_eq!(view.rag, Some(Rag::Amber));
        assert_eq!(view.direction, Some(Direction::Down));
        assert_eq!(view.chart, "care-leavers-neet.svg");
    }

    #[test]
    fn leaves_out_what_a_single_value_cannot_say() {
        let view =
            KpiView::new(&kpi(Unit::Count, Polarity::Neutral, &[("2016", 5.0)]), &RagThresholds::default());
        assert_eq!(view.latest_words.as_deref(), Some("5 in 2016"));
        assert!(view.previous.is_none() && view.change.is_none() && view.year_on_year.is_none());
        assert!(view.comparators.is_empty() && view.rag.is_none() && view.direction.is_none());
    }

    #[test]
    fn renders_in_a_tera_template() {
        let view = KpiView::new(&care_leavers_neet(), &RagThresholds::default());
        let context = tera::Context::from_serialize(&view).unwrap();
        let template = "{{ name }}: {{ latest_words }}, {{ change.trend }}. There has been \
                        {{ year_on_year.relative_words }}. It is {{ comparators[0].words }}. \
                        RAG: {{ rag }}, direction: {{ direction }}.";
        let mut tera = tera::Tera::default();
        tera.add_raw_template("kpi", template).unwrap();
        assert_eq!(
            tera.render("kpi", &context).unwrap(),
            "Care leavers aged 19-21 not in education, employment or training: 46.5% in March 2016, \
             falling from 58.1% in March 2015 to 46.5% in March 2016. There has been a 20% improvement \
             since March 2015. It is above the national average of 39%. RAG: amber, direction: down."
        );
    }
}
