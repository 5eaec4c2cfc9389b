//! The KPI input model: indicators as officers write them in YAML, and the
//! checks serde cannot make.

use std::collections::HashSet;

use serde::Deserialize;

use super::period::Period;

/// A shared KPI file that several reports draw on.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KpiFile {
    /// The key performance indicators, each with its own `id`.
    pub kpis: Vec<Kpi>,
}

/// A key performance indicator: a measure, its values over time and what
/// to compare them with.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// A short name that reports use to refer to the KPI and that names its
    /// chart file: lowercase letters, digits and hyphens
    /// (`care-leavers-neet`).
    pub id: String,
    /// The KPI's name as a report prints it, starting with a capital.
    pub name: String,
    /// What the values measure: `percent`, `count`, `rate_per_10000`,
    /// `days` or `pounds`.
    pub unit: Unit,
    /// For a rate, whom it counts: `children aged 0 to 18` makes "54 per
    /// 10,000 children aged 0 to 18".
    #[serde(default)]
    pub population: Option<String>,
    /// Which way is good: `higher_is_better`, `lower_is_better` or
    /// `neutral`.
    pub polarity: Polarity,
    /// The values over time, oldest first.
    pub values: Vec<Observation>,
    /// Figures to compare with, such as England's or statistical
    /// neighbours'.
    #[serde(default)]
    pub comparators: Vec<Comparator>,
    /// The value the council aims for, in the KPI's unit.
    #[serde(default)]
    pub target: Option<f64>,
    /// Where the figures come from ("DfE children looked after return").
    #[serde(default)]
    pub source: Option<String>,
}

/// What a KPI's values measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A percentage: 46.5 is 46.5%.
    Percent,
    /// A number of people or things.
    Count,
    /// A rate per 10,000 of the population, such as children.
    #[serde(rename = "rate_per_10000")]
    RatePer10000,
    /// A number of days.
    Days,
    /// A sum of money in pounds.
    Pounds,
}

/// Which way a KPI's values should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// A rise is an improvement.
    HigherIsBetter,
    /// A fall is an improvement.
    LowerIsBetter,
    /// Neither way is better: changes are increases or decreases.
    Neutral,
}

/// A KPI's value for one period.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// The period measured: "March 2016", "2015/16", "Q2 2019/20" or "2015".
    pub period: Period,
    /// The value, in the KPI's unit.
    pub value: f64,
}

/// A figure to compare a KPI with. Several entries with one name and
/// different periods make a series.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comparator {
    /// Whose figure it is, written as it reads mid-sentence: "England" (or
    /// "national") for the national average, "statistical neighbours",
    /// "East of England", "all pupils in the county". A table heading
    /// starts it with a capital.
    pub name: String,
    /// The figure, in the KPI's unit.
    pub value: f64,
    /// The period the figure is for, when it is known.
    #[serde(default)]
    pub period: Option<Period>,
}

/// Something wrong in a KPI that serde cannot see.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("kpi `{kpi}`, `{field}`: {message}")]
pub struct KpiProblem {
    /// The `id` of the KPI at fault.
    pub kpi: String,
    /// The key at fault, as a path: `values[2].period`.
    pub field: String,
    /// What is wrong and how to put it right.
    pub message: String,
}

impl KpiFile {
    /// Every problem of every KPI, and any `id` used twice.
    pub fn validate(&self) -> Vec<KpiProblem> {
        let mut problems: Vec<KpiProblem> = self.kpis.iter().flat_map(Kpi::validate).collect();
        let mut seen = HashSet::new();
        for (index, kpi) in self.kpis.iter().enumerate() {
            if !seen.insert(kpi.id.as_str()) {
                let field = format!("kpis[{index}].id");
                problems.push(kpi.problem(field, "another KPI has this id: give each KPI its own"));
            }
        }
        problems
    }

    /// The KPI with this `id`.
    pub fn get(&self, id: &str) -> Option<&Kpi> {
        self.kpis.iter().find(|kpi| kpi.id == id)
    }
}

/// The most values a KPI may have: ten years of monthly figures, more than
/// any chart can show legibly.
pub const MAX_VALUES: usize = 120;

impl Kpi {
    /// The problems serde cannot catch: a bad id, no values, values that
    /// are not finite numbers, and periods repeated or out of order.
    pub fn validate(&self) -> Vec<KpiProblem> {
        let mut problems = Vec::new();
        if !is_id(&self.id) {
            let message = "use only lowercase letters, digits and hyphens (`care-leavers-neet`)";
            problems.push(self.problem("id", message));
        }
        if self.values.is_empty() {
            problems.push(self.problem("values", "there are no values: give at least one"));
        }
        if self.values.len() > MAX_VALUES {
            let message = format!(
                "there are {} values, more than the {MAX_VALUES} a KPI may have: give the latest ten years",
                self.values.len()
            );
            problems.push(self.problem("values", message));
        }
        self.check_values(&mut problems);
        self.check_comparators(&mut problems);
        if self.target.is_some_and(|target| !target.is_finite()) {
            problems.push(self.problem("target", "the target is not a finite number"));
        }
        if self.population.is_some() && self.unit != Unit::RatePer10000 {
            let message =
                "a population is for a rate: give `unit: rate_per_10000`, or leave `population` out";
            problems.push(self.problem("population", message));
        }
        if self.population.as_deref().is_some_and(|population| population.trim().is_empty()) {
            problems.push(self.problem("population", "the population is empty: name whom the rate counts"));
        }
        problems
    }

    fn check_values(&self, problems: &mut Vec<KpiProblem>) {
        for (index, observation) in self.values.iter().enumerate() {
            if !observation.value.is_finite() {
                problems
                    .push(self.problem(format!("values[{index}].value"), "the value is not a finite number"));
            }
            let Some(before) = index.checked_sub(1).map(|before| self.values[before].period) else {
                continue;
            };
            let period = observation.period;
            let field = format!("values[{index}].period");
            if self.values[..index].iter().any(|earlier| earlier.period == period) {
                problems.push(self.problem(field, format!("{period} is given twice")));
            } else if period < before {
                let message = format!("{period} comes after {before}: list the values oldest first");
                problems.push(self.problem(field, message));
            }
        }
    }

    fn check_comparators(&self, problems: &mut Vec<KpiProblem>) {
        for (index, comparator) in self.comparators.iter().enumerate() {
            if !comparator.value.is_finite() {
                let field = format!("comparators[{index}].value");
                problems.push(self.problem(field, "the value is not a finite number"));
            }
            let same =
                |other: &Comparator| other.name == comparator.name && other.period == comparator.period;
            if self.comparators[..index].iter().any(same) {
                let field = format!("comparators[{index}]");
                let message = format!("{} is given twice for the same period", comparator.name);
                problems.push(self.problem(field, message));
            }
        }
    }

    fn problem(&self, field: impl Into<String>, message: impl Into<String>) -> KpiProblem {
        KpiProblem { kpi: self.id.clone(), field: field.into(), message: message.into() }
    }

    /// Whom a rate counts, when the KPI is a rate and names a population.
    pub fn rate_population(&self) -> Option<&str> {
        let population = self.population.as_deref().map(str::trim).filter(|p| !p.is_empty());
        population.filter(|_| self.unit == Unit::RatePer10000)
    }

    /// The most recent value.
    pub fn latest(&self) -> Option<&Observation> {
        self.values.iter().max_by_key(|observation| observation.period)
    }

    /// The value before the most recent one.
    pub fn previous(&self) -> Option<&Observation> {
        let latest = self.latest()?;
        self.values.iter().filter(|observation| observation.period < latest.period).max_by_key(|o| o.period)
    }

    /// The value for the same period a year before the most recent one.
    pub fn year_earlier(&self) -> Option<&Observation> {
        let period = self.latest()?.period.year_earlier();
        self.values.iter().find(|observation| observation.period == period)
    }
}

fn is_id(id: &str) -> bool {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    !id.is_empty() && id.chars().all(allowed) && !id.starts_with('-') && !id.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEET: &str = "
kpis:
  - id: care-leavers-neet
    name: Care leavers aged 19-21 not in education, employment or training
    unit: percent
    polarity: lower_is_better
    values:
      - { period: March 2015, value: 58.1 }
      - { period: March 2016, value: 46.5 }
    comparators:
      - { name: England, value: 39, period: March 2016 }
      - { name: East of England, value: 41.2, period: March 2016 }
      - { name: statistical neighbours, value: 40, period: March 2016 }
    target: 45
    source: DfE children looked after return
";

    fn file(yaml: &str) -> Result<KpiFile, serde_saphyr::Error> {
        serde_saphyr::from_str(yaml)
    }

    fn series(values: &[(&str, f64)]) -> Kpi {
        Kpi {
            id: "kpi".to_owned(),
            name: "A KPI".to_owned(),
            unit: Unit::Count,
            population: None,
            polarity: Polarity::Neutral,
            values: values
                .iter()
                .map(|(period, value)| Observation { period: period.parse().unwrap(), value: *value })
                .collect(),
            comparators: Vec::new(),
            target: None,
            source: None,
        }
    }

    fn messages(problems: &[KpiProblem]) -> Vec<String> {
        problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn reads_a_kpi_file() {
        let file = file(NEET).unwrap();
        let kpi = file.get("care-leavers-neet").unwrap();
        assert_eq!(kpi.unit, Unit::Percent);
        assert_eq!(kpi.polarity, Polarity::LowerIsBetter);
        assert_eq!(kpi.values[1], Observation { period: "March 2016".parse().unwrap(), value: 46.5 });
        assert_eq!(kpi.comparators[1].name, "East of England");
        assert_eq!(kpi.target, Some(45.0));
        assert_eq!(kpi.source.as_deref(), Some("DfE children looked after return"));
        assert_eq!(file.validate(), []);
    }

    #[test]
    fn refuses_more_values_than_a_chart_can_show() {
        let mut file = file(NEET).unwrap();
        let kpi = &mut file.kpis[0];
        let first = kpi.values[0];
        kpi.values = (0..=MAX_VALUES as i16)
            .map(|year| Observation { period: format!("{}", 1900 + year).parse().unwrap(), ..first })
            .collect();
        assert_eq!(
            messages(&file.validate()),
            [
                "kpi `care-leavers-neet`, `values`: there are 121 values, more than the 120 a KPI may have: give the latest ten years"
            ]
        );
    }

    #[test]
    fn reads_every_unit_and_polarity() {
        let units: Vec<Unit> =
            serde_saphyr::from_str("[percent, count, rate_per_10000, days, pounds]").unwrap();
        assert_eq!(units, [Unit::Percent, Unit::Count, Unit::RatePer10000, Unit::Days, Unit::Pounds]);
        let polarities: Vec<Polarity> =
            serde_saphyr::from_str("[higher_is_better, lower_is_better, neutral]").unwrap();
        assert_eq!(polarities, [Polarity::HigherIsBetter, Polarity::LowerIsBetter, Polarity::Neutral]);
    }

    #[test]
    fn errors_when_a_comparator_has_no_value() {
        let yaml = NEET.replace("{ name: England, value: 39, period: March 2016 }", "{ name: England }");
        let error = file(&yaml).unwrap_err().to_string();
        assert!(error.contains("missing field `value`"), "{error}");
    }

    #[test]
    fn errors_when_a_key_is_mistyped() {
        let error = file(&NEET.replace("source:", "sorce:")).unwrap_err().to_string();
        assert!(error.contains("unknown field `sorce`"), "{error}");
    }

    #[test]
    fn finds_the_latest_previous_and_year_earlier_values() {
        let kpi = series(&[("March 2015", 1.0), ("December 2015", 2.0), ("March 2016", 3.0)]);
        assert_eq!(kpi.latest().unwrap().value, 3.0);
        assert_eq!(kpi.previous().unwrap().value, 2.0);
        assert_eq!(kpi.year_earlier().unwrap().value, 1.0);
        let single = series(&[("March 2016", 3.0)]);
        assert_eq!(single.previous(), None);
        assert_eq!(single.year_earlier(), None);
    }

    #[test]
    fn reports_values_out_of_order_or_repeated() {
        let kpi = series(&[("March 2016", 1.0), ("March 2015", 2.0), ("March 2016", 3.0)]);
        assert_eq!(
            messages(&kpi.validate()),
            [
                "kpi `kpi`, `values[1].period`: March 2015 comes after March 2016: list the values oldest first",
                "kpi `kpi`, `values[2].period`: March 2016 is given twice",
            ]
        );
    }

    #[test]
    fn reports_an_empty_series_and_numbers_that_are_not_finite() {
        let mut kpi = series(&[]);
        kpi.id = "Care Leavers".to_owned();
        kpi.target = Some(f64::NAN);
        kpi.comparators.push(Comparator { name: "England".to_owned(), value: f64::INFINITY, period: None });
        assert_eq!(
            messages(&kpi.validate()),
            [
                "kpi `Care Leavers`, `id`: use only lowercase letters, digits and hyphens (`care-leavers-neet`)",
                "kpi `Care Leavers`, `values`: there are no values: give at least one",
                "kpi `Care Leavers`, `comparators[0].value`: the value is not a finite number",
                "kpi `Care Leavers`, `target`: the target is not a finite number",
            ]
        );
    }

    #[test]
    fn reads_the_population_of_a_rate_and_refuses_it_for_other_units() {
        let yaml = "kpis:\n  - id: cp-plans\n    name: Child protection plans\n    unit: rate_per_10000\n    population: children aged 0 to 18\n    polarity: neutral\n    values: [{ period: December 2017, value: 54 }]\n";
        let rate = file(yaml).unwrap();
        assert_eq!(rate.kpis[0].population.as_deref(), Some("children aged 0 to 18"));
        assert_eq!(rate.validate(), []);
        let count = file(&yaml.replace("rate_per_10000", "count")).unwrap();
        assert_eq!(
            messages(&count.validate()),
            [
                "kpi `cp-plans`, `population`: a population is for a rate: give `unit: rate_per_10000`, or leave `population` out"
            ]
        );
    }

    #[test]
    fn reports_a_value_that_is_not_finite_read_from_yaml() {
        let file = file(&NEET.replace("value: 58.1", "value: .nan")).unwrap();
        assert_eq!(
            messages(&file.validate()),
            ["kpi `care-leavers-neet`, `values[0].value`: the value is not a finite number"]
        );
    }

    #[test]
    fn reports_a_comparator_given_twice_and_an_id_used_twice() {
        let mut kpi = series(&[("2015", 1.0)]);
        let england = Comparator { name: "England".to_owned(), value: 1.0, period: None };
        kpi.comparators = vec![england.clone(), england];
        let file = KpiFile { kpis: vec![kpi.clone(), kpi] };
        assert_eq!(
            messages(&file.validate()),
            [
                "kpi `kpi`, `comparators[1]`: England is given twice for the same period",
                "kpi `kpi`, `comparators[1]`: England is given twice for the same period",
                "kpi `kpi`, `kpis[1].id`: another KPI has this id: give each KPI its own",
            ]
        );
    }
}
