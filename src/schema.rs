//! JSON Schemas of the input files, so that an officer's editor completes
//! and checks keys as they type. Each field's doc comment becomes its
//! description.

use std::path::{Path, PathBuf};

use anyhow::Result;
use schemars::{JsonSchema, schema_for};

use crate::kinds;
use crate::kpi::KpiFile;
use crate::model::{Council, Meeting, Report};

/// Every input file's schema: file name and JSON text.
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        ("meeting.schema.json", json::<Meeting>()),
        ("report.schema.json", json::<Report>()),
        ("kpis.schema.json", json::<KpiFile>()),
        ("council.schema.json", json::<Council>()),
        ("cabinet-update.schema.json", json::<kinds::cabinet_update::CabinetUpdate>()),
        ("scrutiny-report.schema.json", json::<kinds::scrutiny::ScrutinyReport>()),
        ("committee-report.schema.json", json::<kinds::committee::CommitteeReport>()),
        ("appendix.schema.json", json::<kinds::committee::Appendix>()),
        ("work-programme.schema.json", json::<kinds::committee::WorkProgramme>()),
        ("agenda.schema.json", json::<kinds::agenda::Agenda>()),
    ]
}

fn json<T: JsonSchema>() -> String {
    let mut text = serde_json::to_string_pretty(&schema_for!(T)).expect("a schema is valid JSON");
    text.push('\n');
    text
}

/// Writes every schema into `folder`.
pub fn write(folder: &Path) -> Result<Vec<PathBuf>> {
    all()
        .into_iter()
        .map(|(name, text)| {
            let path = folder.join(name);
            crate::output::write_atomic(&path, text.as_bytes())?;
            Ok(path)
        })
        .collect()
}
