//! JSON Schemas of the input files, so that an officer's editor completes
//! and checks keys as they type. Each field's doc comment becomes its
//! description; each kind's schema allows only its own `kind:`.

use std::path::{Path, PathBuf};

use anyhow::Result;
use schemars::{JsonSchema, Schema, schema_for};

use crate::input::council::Council;
use crate::kinds::executive::Meeting;
use crate::kinds::{KINDS, Kind};
use crate::kpi::KpiFile;

/// Every input file's schema: file name and JSON text.
pub fn all() -> Vec<(String, String)> {
    let mut schemas = vec![
        ("meeting.schema.json".to_owned(), json(schema_for!(Meeting))),
        ("kpis.schema.json".to_owned(), json(schema_for!(KpiFile))),
        ("council.schema.json".to_owned(), json(schema_for!(Council))),
    ];
    schemas.extend(KINDS.iter().map(|kind| (file_name(kind), json(of_kind(kind)))));
    schemas
}

/// The schema file of a kind.
fn file_name(kind: &Kind) -> String {
    format!("{}.schema.json", name(kind))
}

/// The name of a kind's schema: `report` for the Executive Member report,
/// which most files are, else the kind's own.
pub fn name(kind: &Kind) -> &'static str {
    if std::ptr::eq(kind, &crate::kinds::executive::KIND) { "report" } else { kind.name }
}

/// A kind's schema, its `kind:` allowing only the kind's own name.
fn of_kind(kind: &Kind) -> Schema {
    let mut schema = (kind.schema)();
    if let Some(property) = schema.get_mut("properties").and_then(|p| p.get_mut("kind")) {
        *property = serde_json::json!({
            "description": format!("What this file is: always `{}`.", kind.name),
            "const": kind.name,
        });
    }
    schema
}

fn json(schema: Schema) -> String {
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is valid JSON");
    text.push('\n');
    text
}

/// The JSON Schema of any input type, for tests and tools.
pub fn of<T: JsonSchema>() -> String {
    json(schema_for!(T))
}

/// Writes every schema into `folder`.
pub fn write(folder: &Path) -> Result<Vec<PathBuf>> {
    all()
        .into_iter()
        .map(|(name, text)| {
            let path = folder.join(name);
            crate::build::output::write_atomic(&path, text.as_bytes())?;
            Ok(path)
        })
        .collect()
}
