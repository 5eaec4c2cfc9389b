//! exec-report renders council Executive Member reports from YAML to
//! Markdown and accessible PDF.
//!
//! The stages, in the order data passes through them:
//! [`load`] (YAML to [`model`]), [`calendar`] (periods and tense),
//! [`view`] (what templates see), [`render`] (tera to Markdown),
//! [`typeset`] (Markdown to Typst), [`pdf`] (Typst to PDF),
//! [`output`] (atomic writes), and [`batch`], which runs them all in
//! parallel, skipping what [`manifest`] shows unchanged and joining each
//! meeting's reports into a [`pack`].

// Diagnostics are large but only travel on the error path.
#![allow(clippy::result_large_err)]

pub mod batch;
pub mod calendar;
pub mod check;
pub mod citation;
pub mod diagnostic;
pub mod documents;
pub mod folders;
pub mod kinds;
pub mod kpi;
pub mod lint;
pub mod load;
pub mod look;
pub mod manifest;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pack;
pub mod pdf;
pub mod progress;
pub mod render;
pub mod schema;
pub mod typeset;
pub mod view;
pub mod words;
pub mod workers;
