//! Fuzzes the load stage: no YAML, however malformed, may panic the parser
//! or the making of its diagnostic.

#![no_main]

use std::path::Path;

use exec_report::input::parse;
use exec_report::kinds::executive::{Meeting, Report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("fuzz.yaml");
    let _ = parse::<Meeting>(path, text).map_err(|diagnostic| diagnostic.to_string());
    let _ = parse::<Report>(path, text).map_err(|diagnostic| diagnostic.to_string());
});
