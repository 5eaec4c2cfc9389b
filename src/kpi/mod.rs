//! Key performance indicators: KPI data as officers write it, stated in
//! GOV.UK style words and drawn as accessible charts.
//!
//! The parts, in the order data passes through them: [`model`] and
//! [`period`] (YAML to KPIs, with validation), [`numbers`] (figures in
//! words), [`wording`] (change and comparison), [`target`] (RAG status),
//! [`view`] (what templates see) and [`chart`] (SVG and alt text; its
//! drawing is in `plot`).

pub mod chart;
pub mod citation;
pub mod model;
pub mod numbers;
pub mod period;
mod plot;
pub mod target;
pub mod view;
pub mod wording;

#[cfg(test)]
mod testing;

pub use model::{Comparator, Kpi, KpiFile, KpiProblem, Observation, Polarity, Unit};
pub use period::{Period, PeriodError};
pub use target::{Rag, RagThresholds};
pub use view::KpiView;
