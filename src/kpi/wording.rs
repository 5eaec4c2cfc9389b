//! KPIs in words: the latest value, its change over time and how it compares,
//! as sentence fragments in GOV.UK style for a report to build on.

use serde::Serialize;

use super::model::{Comparator, Kpi, Observation, Polarity, Unit};
use super::numbers::{
    article, difference, format_difference, format_relative, format_value, percent_change, shown,
};
use super::period::Period;

/// Which way a value moved, as a reader sees the rounded figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The value rose.
    Up,
    /// The value fell.
    Down,
    /// The value is the same.
    Level,
}

/// What a change means for a KPI of a given polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assessment {
    /// A change the right way.
    Improvement,
    /// A change the wrong way.
    Deterioration,
    /// A rise where neither way is better.
    Increase,
    /// A fall where neither way is better.
    Decrease,
    /// No change at all.
    NoChange,
}

impl Assessment {
    /// What a move in `direction` means for a KPI of `polarity`.
    pub fn of(polarity: Polarity, direction: Direction) -> Self {
        use {Direction::*, Polarity::*};
        match (polarity, direction) {
            (_, Level) => Assessment::NoChange,
            (HigherIsBetter, Up) | (LowerIsBetter, Down) => Assessment::Improvement,
            (HigherIsBetter, Down) | (LowerIsBetter, Up) => Assessment::Deterioration,
            (Neutral, Up) => Assessment::Increase,
            (Neutral, Down) => Assessment::Decrease,
        }
    }

    /// The noun, without an article: "improvement", "no change".
    pub fn noun(self) -> &'static str {
        match self {
            Assessment::Improvement => "improvement",
            Assessment::Deterioration => "deterioration",
            Assessment::Increase => "increase",
            Assessment::Decrease => "decrease",
            Assessment::NoChange => "no change",
        }
    }
}

/// A KPI's move from one value to a later one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// The earlier value.
    pub from: Observation,
    /// The later value.
    pub to: Observation,
    /// The KPI's unit.
    pub unit: Unit,
    /// Which way is good.
    pub polarity: Polarity,
}

impl Change {
    /// The change from `from` to `to` of `kpi`.
    pub fn new(kpi: &Kpi, from: Observation, to: Observation) -> Self {
        Self { from, to, unit: kpi.unit, polarity: kpi.polarity }
    }

    /// The change from the previous value to the latest, if there are two.
    pub fn since_previous(kpi: &Kpi) -> Option<Self> {
        Some(Self::new(kpi, *kpi.previous()?, *kpi.latest()?))
    }

    /// The change from the same period a year before to the latest, if that
    /// period has a value.
    pub fn since_year_earlier(kpi: &Kpi) -> Option<Self> {
        Some(Self::new(kpi, *kpi.year_earlier()?, *kpi.latest()?))
    }

    /// The later value less the earlier, worked out from the exact values
    /// and rounded as it is written (see [`difference`]).
    pub fn difference(&self) -> f64 {
        difference(self.from.value, self.to.value, self.unit)
    }

    /// The change relative to the earlier value, in percent, from the exact
    /// values; none from zero.
    pub fn relative(&self) -> Option<f64> {
        percent_change(self.from.value, self.to.value)
    }

    /// Which way the value moved.
    pub fn direction(&self) -> Direction {
        direction(self.difference())
    }

    /// What the move means for the KPI.
    pub fn assessment(&self) -> Assessment {
        Assessment::of(self.polarity, self.direction())
    }

    /// "rising from 62.8% in March 2015 to 69.4% in March 2016", or
    /// "unchanged at 40% from March 2015 to March 2016".
    pub fn trend(&self) -> String {
        let (from, to) = (self.from, self.to);
        let verb = match self.direction() {
            Direction::Up => "rising",
            Direction::Down => "falling",
            Direction::Level => {
                let value = format_value(to.value, self.unit);
                return format!("unchanged at {value} from {} to {}", from.period, to.period);
            }
        };
        format!("{verb} from {} to {}", value_in(&from, self.unit), value_in(&to, self.unit))
    }

    /// "an improvement of 6.6 percentage points", "an increase of 12" or
    /// "no change".
    pub fn difference_words(&self) -> String {
        match self.assessment() {
            Assessment::NoChange => "no change".to_owned(),
            assessment => {
                let noun = assessment.noun();
                format!("{} {noun} of {}", article(noun), format_difference(self.difference(), self.unit))
            }
        }
    }

    /// "a 20% improvement since March 2015" or "no change since March
    /// 2015"; none after a value of zero, from which no relative change can
    /// be stated.
    pub fn relative_words(&self) -> Option<String> {
        let since = self.from.period;
        let phrase = match self.assessment() {
            Assessment::NoChange => "no change".to_owned(),
            assessment => {
                let phrase = format!("{} {}", format_relative(self.relative()?), assessment.noun());
                format!("{} {phrase}", article(&phrase))
            }
        };
        Some(format!("{phrase} since {since}"))
    }
}

fn direction(difference: f64) -> Direction {
    if difference > 0.0 {
        Direction::Up
    } else if difference < 0.0 {
        Direction::Down
    } else {
        Direction::Level
    }
}

/// "46.5% in March 2016".
fn value_in(observation: &Observation, unit: Unit) -> String {
    format!("{} in {}", format_value(observation.value, unit), observation.period)
}

/// A value as the KPI's headline figure: with the population a rate
/// counts, when the KPI names it ("54 per 10,000 children aged 0 to 18").
pub fn headline(kpi: &Kpi, value: f64) -> String {
    let figure = format_value(value, kpi.unit);
    match kpi.rate_population() {
        Some(population) => format!("{figure} {population}"),
        None => figure,
    }
}

/// The latest value and its period: "46.5% in March 2016", or for a rate
/// with a population "54 per 10,000 children aged 0 to 18 in December 2017".
pub fn latest_value(kpi: &Kpi) -> Option<String> {
    kpi.latest().map(|latest| format!("{} in {}", headline(kpi, latest.value), latest.period))
}

/// The value before the latest and its period: "58.1% in March 2015".
pub fn previous_value(kpi: &Kpi) -> Option<String> {
    kpi.previous().map(|previous| value_in(previous, kpi.unit))
}

/// The change since the previous value: "rising from 62.8% in March 2015 to
/// 69.4% in March 2016, an improvement of 6.6 percentage points"; none when
/// there is only one value.
pub fn trend_sentence(kpi: &Kpi) -> Option<String> {
    let change = Change::since_previous(kpi)?;
    Some(match change.direction() {
        Direction::Level => change.trend(),
        _ => format!("{}, {}", change.trend(), change.difference_words()),
    })
}

/// The relative change since the previous value: "a 20% improvement since
/// March 2015"; none when there is only one value or the previous one is 0.
pub fn relative_change(kpi: &Kpi) -> Option<String> {
    Change::since_previous(kpi)?.relative_words()
}

/// Where a KPI stands against a comparator or target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    /// Higher than the other figure.
    Above,
    /// Lower than the other figure.
    Below,
    /// The same, as the rounded figures show.
    Same,
}

impl Position {
    /// Where `value` stands against `other`, both rounded as shown.
    pub fn of(value: f64, other: f64, unit: Unit) -> Self {
        match direction(shown(value, unit) - shown(other, unit)) {
            Direction::Up => Position::Above,
            Direction::Down => Position::Below,
            Direction::Level => Position::Same,
        }
    }

    /// "above", "below" or "the same as".
    pub fn words(self) -> &'static str {
        match self {
            Position::Above => "above",
            Position::Below => "below",
            Position::Same => "the same as",
        }
    }

    /// "better than", "worse than" or "the same as" for a KPI of `polarity`;
    /// none for a neutral KPI.
    pub fn judgement(self, polarity: Polarity) -> Option<&'static str> {
        match (polarity, self) {
            (Polarity::Neutral, _) => None,
            (_, Position::Same) => Some("the same as"),
            (Polarity::HigherIsBetter, Position::Above) | (Polarity::LowerIsBetter, Position::Below) => {
                Some("better than")
            }
            _ => Some("worse than"),
        }
    }
}

/// How a report names a comparator's figure: "the national average" for
/// England, "the statistical neighbours' average", "the East of England
/// figure" for a place, "the figure for all pupils in the county" for a
/// group of people.
pub fn comparator_label(name: &str) -> String {
    let name = mid_sentence(name);
    let lower = name.to_lowercase();
    if lower == "england" || lower == "england average" || lower.starts_with("national") {
        "the national average".to_owned()
    } else if lower.starts_with("statistical neighbour") {
        "the statistical neighbours' average".to_owned()
    } else if lower == "regional" || lower == "regional average" {
        "the regional average".to_owned()
    } else if is_group(&name) {
        format!("the figure for {name}")
    } else {
        format!("the {name} figure")
    }
}

/// Whether a comparator's name is a group of people ("all pupils in the
/// county"), written in lower case, rather than a place ("Kent").
fn is_group(name: &str) -> bool {
    name.starts_with(|c: char| c.is_lowercase())
}

/// The words that begin a comparator named after a group of people rather
/// than a place: a capital on one of them is the heading's, not the name's.
const COMMON_FIRST_WORDS: [&str; 16] = [
    "all",
    "other",
    "similar",
    "statistical",
    "comparator",
    "comparable",
    "children",
    "pupils",
    "young",
    "non",
    "every",
    "those",
    "people",
    "adults",
    "disadvantaged",
    "schools",
];

/// A comparator's name as it reads mid-sentence: as written, except that a
/// capital on a common first word ("All pupils in the county") is dropped.
pub fn mid_sentence(name: &str) -> String {
    let name = name.trim();
    let first: String = name.chars().take_while(|c| c.is_alphabetic()).collect();
    let capitalised = first.chars().next().is_some_and(char::is_uppercase);
    if capitalised && COMMON_FIRST_WORDS.contains(&first.to_lowercase().as_str()) {
        let mut chars = name.chars();
        chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
    } else {
        name.to_owned()
    }
}

/// A comparator's name as a table heading or chart label: in sentence
/// case, "All pupils in the county", "Statistical neighbours", "England".
pub fn comparator_heading(name: &str) -> String {
    crate::render::words::capitalise(name.trim())
}

/// The comparator's figure named in full: "the national average of 10%",
/// "the figure for all pupils in the county (78%)", with its period when
/// it is not the latest value's ("… of 10% in March 2015").
pub fn comparator_figure(kpi: &Kpi, comparator: &Comparator) -> String {
    let label = comparator_label(&comparator.name);
    let mut value = format_value(comparator.value, kpi.unit);
    if let Some(period) = comparator.period.filter(|period| kpi.latest().is_some_and(|l| l.period != *period))
    {
        value = format!("{value} in {period}");
    }
    if is_group(&mid_sentence(&comparator.name)) && !label.contains("average") {
        format!("{label} ({value})")
    } else {
        format!("{label} of {value}")
    }
}

/// The latest value against a comparator: "above the national average of
/// 10%", "below the East of England figure of 41.2%", "the same as the
/// statistical neighbours' average of 40%"; none when there is no value.
pub fn comparison(kpi: &Kpi, comparator: &Comparator) -> Option<String> {
    let position = Position::of(kpi.latest()?.value, comparator.value, kpi.unit);
    Some(format!("{} {}", position.words(), comparator_figure(kpi, comparator)))
}

/// The latest value judged against a comparator: "better than the national
/// average of 77%"; none for a neutral KPI or when there is no value.
pub fn judgement(kpi: &Kpi, comparator: &Comparator) -> Option<String> {
    let position = Position::of(kpi.latest()?.value, comparator.value, kpi.unit);
    let judgement = position.judgement(kpi.polarity)?;
    Some(format!("{judgement} {}", comparator_figure(kpi, comparator)))
}

/// The latest value against the comparator called `name` (in any case);
/// none when the KPI has no such comparator.
pub fn comparison_with(kpi: &Kpi, name: &str) -> Option<String> {
    let comparators = latest_comparators(kpi);
    let found =
        comparators.into_iter().find(|comparator| comparator.name.eq_ignore_ascii_case(name.trim()))?;
    comparison(kpi, found)
}

/// One comparator for each name, in the order first given: the one for the
/// latest value's period if there is one, otherwise the most recent.
pub fn latest_comparators(kpi: &Kpi) -> Vec<&Comparator> {
    let latest = kpi.latest().map(|latest| latest.period);
    let mut chosen: Vec<&Comparator> = Vec::new();
    for comparator in &kpi.comparators {
        let slot = chosen.iter_mut().find(|other| other.name.eq_ignore_ascii_case(&comparator.name));
        match slot {
            None => chosen.push(comparator),
            Some(slot) if fits_better(comparator.period, slot.period, latest) => *slot = comparator,
            Some(_) => {}
        }
    }
    chosen
}

/// Whether a comparator for `candidate` fits a value for `latest` better
/// than one for `current`: the same period fits best, then the most recent.
fn fits_better(candidate: Option<Period>, current: Option<Period>, latest: Option<Period>) -> bool {
    current != latest && (candidate == latest || candidate > current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::testing::{care_leavers_neet, comparator, kpi, placement_stability};

    #[test]
    fn states_the_latest_value_and_its_period() {
        assert_eq!(latest_value(&care_leavers_neet()).unwrap(), "46.5% in March 2016");
        assert_eq!(latest_value(&kpi(Unit::Count, Polarity::Neutral, &[])), None);
    }

    #[test]
    fn describes_a_rise_that_is_an_improvement() {
        assert_eq!(
            trend_sentence(&placement_stability()).unwrap(),
            "rising from 62.8% in March 2015 to 69.4% in March 2016, an improvement of 6.6\u{a0}percentage points"
        );
        assert_eq!(relative_change(&placement_stability()).unwrap(), "a 10.5% improvement since March 2015");
    }

    #[test]
    fn describes_a_fall_that_is_an_improvement_when_lower_is_better() {
        let kpi = care_leavers_neet();
        assert_eq!(relative_change(&kpi).unwrap(), "a 20% improvement since March 2015");
        assert_eq!(
            trend_sentence(&kpi).unwrap(),
            "falling from 58.1% in March 2015 to 46.5% in March 2016, an improvement of 11.6\u{a0}percentage points"
        );
        let year = Change::since_year_earlier(&kpi).unwrap();
        assert_eq!(year.relative_words().unwrap(), "a 20% improvement since March 2015");
    }

    #[test]
    fn describes_deteriorations_for_each_polarity() {
        let rising = [("2014/15", 10.0), ("2015/16", 12.0)];
        let falling = [("2014/15", 12.0), ("2015/16", 10.0)];
        let lower = kpi(Unit::Percent, Polarity::LowerIsBetter, &rising);
        assert_eq!(
            trend_sentence(&lower).unwrap(),
            "rising from 10% in 2014/15 to 12% in 2015/16, a deterioration of 2\u{a0}percentage points"
        );
        assert_eq!(relative_change(&lower).unwrap(), "a 20% deterioration since 2014/15");
        let higher = kpi(Unit::Percent, Polarity::HigherIsBetter, &falling);
        assert_eq!(
            trend_sentence(&higher).unwrap(),
            "falling from 12% in 2014/15 to 10% in 2015/16, a deterioration of 2\u{a0}percentage points"
        );
        assert_eq!(relative_change(&higher).unwrap(), "a 16.7% deterioration since 2014/15");
    }

    #[test]
    fn describes_increases_and_decreases_when_neither_way_is_better() {
        let up = kpi(Unit::Count, Polarity::Neutral, &[("Q1 2019/20", 1800.0), ("Q2 2019/20", 1954.0)]);
        assert_eq!(
            trend_sentence(&up).unwrap(),
            "rising from 1,800 in Q1 2019/20 to 1,954 in Q2 2019/20, an increase of 154"
        );
        assert_eq!(relative_change(&up).unwrap(), "an 8.6% increase since Q1 2019/20");
        let down = kpi(Unit::RatePer10000, Polarity::Neutral, &[("2015", 25.0), ("2016", 23.9)]);
        assert_eq!(
            trend_sentence(&down).unwrap(),
            "falling from 25\u{a0}per\u{a0}10,000 in 2015 to 23.9\u{a0}per\u{a0}10,000 in 2016, a decrease of 1.1\u{a0}per\u{a0}10,000"
        );
    }

    #[test]
    fn speaks_of_days_and_pounds_in_their_units() {
        let days = kpi(Unit::Days, Polarity::LowerIsBetter, &[("2015", 16.0), ("2016", 15.0)]);
        assert_eq!(
            trend_sentence(&days).unwrap(),
            "falling from 16\u{a0}days in 2015 to 15\u{a0}days in 2016, an improvement of 1\u{a0}day"
        );
        let pounds =
            kpi(Unit::Pounds, Polarity::HigherIsBetter, &[("2015", 2_000_000.0), ("2016", 2_500_000.0)]);
        assert_eq!(
            trend_sentence(&pounds).unwrap(),
            "rising from £2\u{a0}million in 2015 to £2.5\u{a0}million in 2016, an improvement of £500,000"
        );
    }

    #[test]
    fn says_no_change_when_the_shown_figures_are_equal() {
        let kpi =
            kpi(Unit::Percent, Polarity::HigherIsBetter, &[("March 2015", 40.0), ("March 2016", 40.02)]);
        assert_eq!(trend_sentence(&kpi).unwrap(), "unchanged at 40% from March 2015 to March 2016");
        assert_eq!(relative_change(&kpi).unwrap(), "no change since March 2015");
        assert_eq!(Change::since_previous(&kpi).unwrap().difference_words(), "no change");
        assert_eq!(Change::since_previous(&kpi).unwrap().direction(), Direction::Level);
    }

    #[test]
    fn says_nothing_of_change_without_a_previous_value() {
        let kpi = kpi(Unit::Percent, Polarity::HigherIsBetter, &[("March 2016", 40.0)]);
        assert_eq!(trend_sentence(&kpi), None);
        assert_eq!(relative_change(&kpi), None);
        assert_eq!(Change::since_year_earlier(&kpi), None);
    }

    #[test]
    fn states_no_relative_change_from_zero() {
        let kpi = kpi(Unit::Count, Polarity::LowerIsBetter, &[("2015", 0.0), ("2016", 3.0)]);
        assert_eq!(relative_change(&kpi), None);
        assert_eq!(trend_sentence(&kpi).unwrap(), "rising from 0 in 2015 to 3 in 2016, a deterioration of 3");
    }

    #[test]
    fn compares_with_the_national_average_and_other_figures() {
        let mut kpi = kpi(Unit::Percent, Polarity::LowerIsBetter, &[("March 2016", 12.6)]);
        kpi.comparators = vec![comparator("England", 10.0, "March 2016")];
        assert_eq!(comparison_with(&kpi, "England").unwrap(), "above the national average of 10%");
        assert_eq!(judgement(&kpi, &kpi.comparators[0]).unwrap(), "worse than the national average of 10%");
        let neet = care_leavers_neet();
        let words: Vec<String> =
            neet.comparators.iter().map(|comparator| comparison(&neet, comparator).unwrap()).collect();
        assert_eq!(
            words,
            [
                "above the national average of 39%",
                "above the East of England figure of 41.2%",
                "above the statistical neighbours' average of 40%",
            ]
        );
    }

    #[test]
    fn judges_comparisons_by_polarity() {
        let mut kpi = kpi(Unit::Percent, Polarity::HigherIsBetter, &[("2016/17", 96.0)]);
        let national = Comparator { name: "national".to_owned(), value: 77.0, period: None };
        assert_eq!(judgement(&kpi, &national).unwrap(), "better than the national average of 77%");
        let neighbours = comparator("statistical neighbours", 96.0, "2016/17");
        assert_eq!(
            comparison(&kpi, &neighbours).unwrap(),
            "the same as the statistical neighbours' average of 96%"
        );
        assert_eq!(
            judgement(&kpi, &neighbours).unwrap(),
            "the same as the statistical neighbours' average of 96%"
        );
        kpi.polarity = Polarity::Neutral;
        assert_eq!(judgement(&kpi, &national), None);
    }

    #[test]
    fn names_the_period_of_a_comparator_from_another_period() {
        let mut kpi = kpi(Unit::Percent, Polarity::LowerIsBetter, &[("March 2016", 12.6)]);
        kpi.comparators = vec![comparator("East of England", 13.0, "March 2015")];
        assert_eq!(
            comparison_with(&kpi, "east of england").unwrap(),
            "below the East of England figure of 13% in March 2015"
        );
    }

    #[test]
    fn says_nothing_of_a_missing_comparator() {
        let kpi = placement_stability();
        assert_eq!(comparison_with(&kpi, "England"), None);
        assert_eq!(latest_comparators(&kpi), Vec::<&Comparator>::new());
    }

    #[test]
    fn chooses_the_comparator_for_the_latest_period() {
        let mut kpi =
            kpi(Unit::Percent, Polarity::LowerIsBetter, &[("March 2015", 11.0), ("March 2016", 12.6)]);
        kpi.comparators = vec![
            comparator("England", 10.0, "March 2016"),
            comparator("England", 9.0, "March 2015"),
            comparator("Region", 8.0, "March 2014"),
            comparator("Region", 9.0, "March 2015"),
        ];
        let values: Vec<f64> = latest_comparators(&kpi).iter().map(|comparator| comparator.value).collect();
        assert_eq!(values, [10.0, 9.0]);
    }

    #[test]
    fn works_out_money_changes_from_the_exact_values() {
        let spend =
            kpi(Unit::Pounds, Polarity::Neutral, &[("2016/17", 1_740_000.0), ("2017/18", 2_460_000.0)]);
        let change = Change::since_previous(&spend).unwrap();
        assert_eq!(change.difference_words(), "an increase of £720,000");
        assert_eq!(change.relative_words().unwrap(), "a 41.4% increase since 2016/17");
        assert_eq!(
            change.trend(),
            "rising from £1.74\u{a0}million in 2016/17 to £2.46\u{a0}million in 2017/18"
        );
    }

    #[test]
    fn names_a_group_comparator_mid_sentence_and_in_sentence_case_as_a_heading() {
        let mut kpi = kpi(Unit::Percent, Polarity::HigherIsBetter, &[("2016", 23.0)]);
        kpi.comparators = vec![comparator("All pupils in the county", 57.0, "2016")];
        assert_eq!(
            comparison(&kpi, &kpi.comparators[0]).unwrap(),
            "below the figure for all pupils in the county (57%)"
        );
        assert_eq!(comparator_heading("all pupils in the county"), "All pupils in the county");
        assert_eq!(comparator_heading("statistical neighbours"), "Statistical neighbours");
        assert_eq!(comparator_heading("England"), "England");
        assert_eq!(mid_sentence("All pupils in the county"), "all pupils in the county");
        assert_eq!(mid_sentence("East of England"), "East of England");
        assert_eq!(comparator_label("Kent"), "the Kent figure");
        kpi.comparators = vec![comparator("similar authorities", 30.0, "2015")];
        assert_eq!(
            comparison(&kpi, &kpi.comparators[0]).unwrap(),
            "below the figure for similar authorities (30% in 2015)"
        );
    }

    #[test]
    fn states_a_rate_with_its_population_and_the_previous_value_with_its_period() {
        let mut rate =
            kpi(Unit::RatePer10000, Polarity::LowerIsBetter, &[("March 2015", 73.0), ("March 2016", 80.0)]);
        rate.population = Some("children aged under 18".to_owned());
        assert_eq!(
            latest_value(&rate).unwrap(),
            "80\u{a0}per\u{a0}10,000 children aged under 18 in March 2016"
        );
        assert_eq!(previous_value(&rate).unwrap(), "73\u{a0}per\u{a0}10,000 in March 2015");
    }
}
