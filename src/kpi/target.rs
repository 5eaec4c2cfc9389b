//! A KPI against its target: a red, amber or green status and the words
//! "meeting the target of 45%" or "missing the target of 45% by 1.5
//! percentage points".

use serde::{Deserialize, Serialize};

use super::model::{Kpi, Polarity};
use super::numbers::{difference, format_difference, format_value};
use super::wording::Position;

/// A red, amber or green (RAG) status against a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rag {
    /// The target is missed by more than the amber margin.
    Red,
    /// The target is missed, but narrowly.
    Amber,
    /// The target is met.
    Green,
}

/// How narrowly a target may be missed and still be amber.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct RagThresholds {
    /// A missed target is amber when missed by no more than this percentage
    /// of the target (5 means within 5% of it), and red beyond.
    pub amber_within: f64,
}

impl Default for RagThresholds {
    fn default() -> Self {
        Self { amber_within: 5.0 }
    }
}

/// How far the latest value falls short of the target, in the KPI's unit,
/// from the exact values and rounded as it is written: zero or less when it
/// is met. None for a neutral KPI, or without a target or a value.
fn shortfall(kpi: &Kpi) -> Option<f64> {
    let target = kpi.target?;
    let latest = kpi.latest()?.value;
    match kpi.polarity {
        Polarity::HigherIsBetter => Some(difference(latest, target, kpi.unit)),
        Polarity::LowerIsBetter => Some(difference(target, latest, kpi.unit)),
        Polarity::Neutral => None,
    }
}

/// The latest value's status against the target; none for a neutral KPI
/// or without a target or a value.
pub fn rag(kpi: &Kpi, thresholds: &RagThresholds) -> Option<Rag> {
    let shortfall = shortfall(kpi)?;
    let margin = thresholds.amber_within / 100.0 * kpi.target?.abs();
    // Shown values are decimal fractions held in binary: allow for the noise.
    let status = if shortfall <= 0.0 {
        Rag::Green
    } else if shortfall <= margin + 1e-9 {
        Rag::Amber
    } else {
        Rag::Red
    };
    Some(status)
}

/// The latest value against the target: "meeting the target of 45%",
/// "missing the target of 45% by 1.5 percentage points", or for a neutral
/// KPI "above the target of 45%"; none without a target or a value.
pub fn target_words(kpi: &Kpi) -> Option<String> {
    let target = kpi.target?;
    let figure = format!("the target of {}", format_value(target, kpi.unit));
    let Some(shortfall) = shortfall(kpi) else {
        let position = Position::of(kpi.latest()?.value, target, kpi.unit);
        return Some(format!("{} {figure}", position.words()));
    };
    Some(if shortfall <= 0.0 {
        format!("meeting {figure}")
    } else {
        format!("missing {figure} by {}", format_difference(shortfall, kpi.unit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::model::Unit;
    use crate::kpi::testing::{care_leavers_neet, kpi};

    fn with_target(polarity: Polarity, value: f64, target: f64) -> Kpi {
        let mut kpi = kpi(Unit::Percent, polarity, &[("March 2016", value)]);
        kpi.target = Some(target);
        kpi
    }

    #[test]
    fn is_amber_when_a_target_is_narrowly_missed() {
        let kpi = care_leavers_neet();
        assert_eq!(rag(&kpi, &RagThresholds::default()), Some(Rag::Amber));
        assert_eq!(target_words(&kpi).unwrap(), "missing the target of 45% by 1.5\u{a0}percentage points");
    }

    #[test]
    fn sets_red_amber_and_green_by_the_thresholds() {
        let default = RagThresholds::default();
        let higher = |value| rag(&with_target(Polarity::HigherIsBetter, value, 80.0), &default);
        assert_eq!(higher(85.0), Some(Rag::Green));
        assert_eq!(higher(80.0), Some(Rag::Green));
        assert_eq!(higher(76.0), Some(Rag::Amber));
        assert_eq!(higher(75.9), Some(Rag::Red));
        let lower = |value| rag(&with_target(Polarity::LowerIsBetter, value, 40.0), &default);
        assert_eq!(lower(30.0), Some(Rag::Green));
        assert_eq!(lower(42.0), Some(Rag::Amber));
        assert_eq!(lower(42.1), Some(Rag::Red));
        let strict = RagThresholds { amber_within: 0.0 };
        assert_eq!(rag(&with_target(Polarity::LowerIsBetter, 40.1, 40.0), &strict), Some(Rag::Red));
    }

    #[test]
    fn has_no_rag_for_a_neutral_kpi_or_without_a_target() {
        let default = RagThresholds::default();
        assert_eq!(rag(&with_target(Polarity::Neutral, 50.0, 40.0), &default), None);
        let mut untargeted = care_leavers_neet();
        untargeted.target = None;
        assert_eq!(rag(&untargeted, &default), None);
        assert_eq!(target_words(&untargeted), None);
    }

    #[test]
    fn words_a_target_met_missed_or_without_direction() {
        let met = with_target(Polarity::LowerIsBetter, 44.0, 45.0);
        assert_eq!(target_words(&met).unwrap(), "meeting the target of 45%");
        let missed = with_target(Polarity::HigherIsBetter, 79.0, 80.0);
        assert_eq!(target_words(&missed).unwrap(), "missing the target of 80% by 1\u{a0}percentage point");
        let neutral = with_target(Polarity::Neutral, 50.0, 40.0);
        assert_eq!(target_words(&neutral).unwrap(), "above the target of 40%");
    }

    #[test]
    fn reads_thresholds_with_a_default() {
        let thresholds: RagThresholds = serde_saphyr::from_str("amber_within: 10").unwrap();
        assert_eq!(thresholds.amber_within, 10.0);
        let thresholds: RagThresholds = serde_saphyr::from_str("{}").unwrap();
        assert_eq!(thresholds, RagThresholds::default());
    }

    #[test]
    fn measures_a_missed_money_target_from_the_exact_values() {
        let mut spend = kpi(Unit::Pounds, Polarity::HigherIsBetter, &[("2017/18", 2_460_000.0)]);
        spend.target = Some(2_500_000.0);
        assert_eq!(target_words(&spend).unwrap(), "missing the target of £2.5\u{a0}million by £40,000");
        assert_eq!(rag(&spend, &RagThresholds::default()), Some(Rag::Amber));
    }
}
