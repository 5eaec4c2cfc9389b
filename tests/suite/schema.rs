//! The JSON Schemas editors use to check the YAML as it is typed.

use std::path::Path;

#[test]
fn keeps_the_committed_schemas_up_to_date() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    for (name, text) in exec_report::schema::all() {
        let committed = std::fs::read_to_string(folder.join(&name)).unwrap_or_default();
        assert!(committed == text, "schema/{name} is out of date: run `cargo run -- schema`");
    }
}

#[test]
fn describes_every_key_and_refuses_unknown_ones() {
    let (_, report) =
        exec_report::schema::all().into_iter().find(|(name, _)| *name == "report.schema.json").unwrap();
    let schema: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    for key in ["portfolio", "member", "report_date", "partnerships", "comments", "kpis"] {
        let description = schema["properties"][key]["description"].as_str().unwrap_or_default();
        assert!(!description.is_empty(), "`{key}` has no description");
    }
    let portfolio = &schema["properties"]["portfolio"]["description"];
    assert_eq!(portfolio, "The portfolio, as named in Cabinet items (\"Children's Services\").");
}

#[test]
fn example_inputs_name_their_schema_for_editors() {
    let meeting = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/2016-07-19-county-council");
    for (file, schema) in
        [("meeting.yaml", "meeting"), ("childrens-services.yaml", "report"), ("kpis.yaml", "kpis")]
    {
        let text = std::fs::read_to_string(meeting.join(file)).unwrap();
        let first = text.lines().next().unwrap();
        assert_eq!(first, format!("# yaml-language-server: $schema=../../schema/{schema}.schema.json"));
        assert!(meeting.join("../..").join(format!("schema/{schema}.schema.json")).is_file());
    }
}
