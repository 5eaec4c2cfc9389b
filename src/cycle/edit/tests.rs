//! Tests of editing YAML text at its parser's places.

use super::*;
use crate::cycle::tree::parse;

/// `text` with the value of top-level `key` replaced by `new`.
fn replaced(text: &str, key: &str, new: Value) -> String {
    let tree = parse(text).unwrap();
    let (key, value) = tree.entry(key).unwrap();
    let mut edits = Edits::default();
    replace_value(&mut edits, text, key, value, new);
    edits.apply(text)
}

#[test]
fn makes_changes_at_one_place_in_the_order_given() {
    let mut edits = Edits::default();
    edits.insert(4, "c");
    edits.replace(0..1, "A");
    edits.insert(4, "d");
    assert_eq!(edits.apply("abcdef"), "Abcdcdef");
}

#[test]
fn replaces_a_block_value_with_all_written_inside_it_and_keeps_what_is_around() {
    let text = "# The panels.\npanels: # last period's\n  - portfolio: A\n#  - portfolio: old\n  - portfolio: B\n    date: 2016-06-11 # b\n\n# after\nkpi_files: [kpis.yaml]\n";
    assert_eq!(
        replaced(text, "panels", Value::Inline("[]")),
        "# The panels.\npanels: [] # last period's\n\n# after\nkpi_files: [kpis.yaml]\n"
    );
    assert_eq!(
        replaced(text, "panels", Value::Block("  - portfolio: C\n".to_owned())),
        "# The panels.\npanels: # last period's\n  - portfolio: C\n\n# after\nkpi_files: [kpis.yaml]\n"
    );
}

#[test]
fn replaces_an_inline_or_empty_value() {
    let block = || Value::Block("  - x\n".to_owned());
    assert_eq!(replaced("a: [] # none\nb: 1\n", "a", block()), "a: # none\n  - x\nb: 1\n");
    assert_eq!(replaced("a: [1, 2]\nb: 1\n", "a", Value::Inline("[]")), "a: []\nb: 1\n");
    assert_eq!(replaced("a:\nb: 1\n", "a", block()), "a:\n  - x\nb: 1\n");
    assert_eq!(replaced("a:\nb: 1\n", "a", Value::Inline("[]")), "a: []\nb: 1\n");
    assert_eq!(replaced("b: 1\na: []", "a", block()), "b: 1\na:\n  - x\n");
}

#[test]
fn finds_the_lines_of_list_items_and_their_dashes() {
    let text = "list:\n  - a: 1\n    b: |\n      text\n\n  # between\n  -\n    c: 3\n  - [x]\n";
    let tree = parse(text).unwrap();
    let items = tree.get("list").unwrap().items();
    let lines: Vec<&str> = items.iter().map(|item| &text[item_lines(text, item)]).collect();
    assert_eq!(lines, ["  - a: 1\n    b: |\n      text\n\n", "  -\n    c: 3\n", "  - [x]\n"]);
    assert_eq!(list_indent(text, tree.get("list").unwrap()), Some(2));
    assert_eq!(key_indent(text, &items[0]), Some(4));
}

#[test]
fn marks_a_line_at_its_indent() {
    let text = "comments:\n  - title: A\n";
    let mut edits = Edits::default();
    mark(&mut edits, text, 13, "bring it up to date");
    assert_eq!(edits.apply(text), format!("comments:\n  {MARKER}: bring it up to date\n  - title: A\n"));
}

#[test]
fn ends_new_lines_as_the_texts_lines_end() {
    let text = "a:\r\n  - 1\r\nb: 2\r\n";
    let tree = parse(text).unwrap();
    let mut edits = Edits::default();
    insert_lines(&mut edits, text, after(text, &tree.get("a").unwrap().items()[0]), "  - 2\n");
    assert_eq!(edits.apply(text), "a:\r\n  - 1\r\n  - 2\r\nb: 2\r\n");
}

#[test]
fn inserts_lines_on_a_line_of_their_own_at_the_end() {
    let mut edits = Edits::default();
    insert_lines(&mut edits, "a: 1", 4, "b: 2\n");
    assert_eq!(edits.apply("a: 1"), "a: 1\nb: 2\n");
}

#[test]
fn writes_scalars_that_read_back_as_the_same_text() {
    assert_eq!(scalar("Home care framework"), "Home care framework");
    for text in [
        "2016",
        "true",
        "a: b",
        "# x",
        "- x",
        "",
        " x",
        "It's",
        "say \"hi\"",
        "A019/16: x",
        "1.5",
        "x\ny",
        ".inf",
        "+1",
        "~",
        "y",
        "a\u{85}b",
        "a\u{2028}b",
        "a\u{a0}",
        "zero\u{200b}width",
        "\u{feff}bom",
        "tab\there",
        "emoji \u{1f600}",
        "right\u{202e}left",
        "key:",
        "a #b",
        "%x",
        "@x",
        "`x",
        "!x",
        "*x",
        "&x",
        "|x",
        ">x",
    ] {
        let yaml = format!("value: {}\n", scalar(text));
        #[derive(serde::Deserialize)]
        struct Value {
            value: String,
        }
        let read: Value = serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
        assert_eq!(read.value, text, "{yaml}");
    }
}
