//! The integration tests, in one binary so that the typesetter is linked
//! once: each module tests one capability as its user meets it.

// Helpers shared by the modules; not every module uses every helper.
#[allow(dead_code)]
mod common;
#[path = "../../benches/synth/mod.rs"]
#[allow(dead_code)]
mod synth;

mod bad_inputs;
mod batch;
mod checks;
mod cli;
mod council;
mod documents;
mod inert;
mod kinds_pdf;
mod kpi;
mod lints;
mod markdown;
mod messages;
mod moderngov;
mod next_cycle;
mod pages;
mod pdf;
mod schema;
mod seed_000;
mod seed_002;
mod seed_003;
mod seed_004;
mod settings;
mod studio;
mod typeset_once;
mod untrusted;
mod wording;
