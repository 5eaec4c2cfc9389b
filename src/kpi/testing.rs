//! KPIs for the tests of the other KPI modules, taken from published
//! Executive Member reports.

use super::model::{Comparator, Kpi, Observation, Polarity, Unit};

/// A KPI with these values and no comparators, target or source.
pub fn kpi(unit: Unit, polarity: Polarity, values: &[(&str, f64)]) -> Kpi {
    Kpi {
        id: "test-kpi".to_owned(),
        name: "Test KPI".to_owned(),
        unit,
        population: None,
        polarity,
        values: values.iter().map(|(period, value)| observation(period, *value)).collect(),
        comparators: Vec::new(),
        target: None,
        source: None,
    }
}

/// One value for one period.
pub fn observation(period: &str, value: f64) -> Observation {
    Observation { period: period.parse().unwrap(), value }
}

/// A comparator for a period.
pub fn comparator(name: &str, value: f64, period: &str) -> Comparator {
    Comparator { name: name.to_owned(), value, period: Some(period.parse().unwrap()) }
}

/// Care leavers not in education, employment or training: 58.1% to 46.5%,
/// lower is better, with three comparators and a target of 45%.
pub fn care_leavers_neet() -> Kpi {
    let mut kpi = kpi(Unit::Percent, Polarity::LowerIsBetter, &[("March 2015", 58.1), ("March 2016", 46.5)]);
    kpi.id = "care-leavers-neet".to_owned();
    kpi.name = "Care leavers aged 19-21 not in education, employment or training".to_owned();
    kpi.comparators = vec![
        comparator("England", 39.0, "March 2016"),
        comparator("East of England", 41.2, "March 2016"),
        comparator("statistical neighbours", 40.0, "March 2016"),
    ];
    kpi.target = Some(45.0);
    kpi.source = Some("DfE children looked after return".to_owned());
    kpi
}

/// The stability of long term placements: 62.8% to 69.4%, higher is better.
pub fn placement_stability() -> Kpi {
    let mut kpi = kpi(Unit::Percent, Polarity::HigherIsBetter, &[("March 2015", 62.8), ("March 2016", 69.4)]);
    kpi.id = "placement-stability".to_owned();
    kpi.name = "Stability of long term placements".to_owned();
    kpi
}
