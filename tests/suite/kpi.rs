//! KPIs written from data: the paragraphs of the seeds reproduced, and bad
//! KPI data caught at its line.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;

#[test]
fn writes_the_kpi_paragraphs_of_seed_000_from_data() {
    let markdown = common::markdown(&common::example_meeting(), "childrens-services.md");
    for sentence in [
        "achieving 5 or more GCSEs (inc. English & mathematics) in 2015 was 10.5% compared with 13.8% nationally.",
        "In March 2016 this figure was 46.5%, this compares with 39% nationally. \
         There has been a 20% improvement since March 2015",
        "rising from 62.8% in March 2015 to 69.4% in March 2016.",
        "Latest provisional performance for March 2016 is 12.6%, which is above the national average of 10%.",
    ] {
        assert!(markdown.contains(sentence), "{sentence:?} is not in:\n{markdown}");
    }
}

#[test]
fn writes_the_kpi_paragraphs_of_seed_002_from_data() {
    let markdown = common::markdown(&common::fixture("kpi-002.yaml"), "children-and-young-people.md");
    for sentence in [
        "- 96% of initial child protection conferences were held within 15 working days of the Section 47 \
         enquiry, above the national average of 77%.",
        "- The rate of children on a child protection plan increased in this period to 61\u{a0}per\u{a0}10,000.",
        "three or more placement moves is below the national average of 10%, 9% compared to 10% nationally.",
        "has reduced to 181\u{a0}days, faster than the national rate of 220\u{a0}days.",
        // The body ends with a `-` list: the KPI bullets take `*`, so that
        // they stay a list of their own.
        "* **Average days from placement order to match with an adoptive family.** In 2019/20 the figure was \
         181\u{a0}days, below the national average of 220\u{a0}days. There has been an improvement of 14\u{a0}days \
         (a 7.2% improvement since 2018/19), falling from 195\u{a0}days in 2018/19 to 181\u{a0}days in 2019/20.",
    ] {
        assert!(markdown.contains(sentence), "{sentence:?} is not in:\n{markdown}");
    }
}

/// `check` on the example meeting with one line of `kpis.yaml` replaced.
fn check_with_kpi_line(from: &str, to: &str) -> assert_cmd::assert::Assert {
    let folder = tempfile::tempdir().unwrap();
    common::copy_example(folder.path());
    let kpis = folder.path().join("kpis.yaml");
    let text = std::fs::read_to_string(&kpis).unwrap();
    assert!(text.contains(from));
    std::fs::write(&kpis, text.replacen(from, to, 1)).unwrap();
    let assert = Command::cargo_bin("exec-report").unwrap().arg("check").arg(folder.path()).assert();
    drop(folder);
    assert
}

#[test]
fn errors_at_the_line_of_a_value_that_is_not_a_number() {
    check_with_kpi_line("value: 58.1", "value: 58,1%")
        .code(2)
        .stderr(predicate::str::contains("kpis.yaml:18:"))
        .stderr(predicate::str::contains("58,1%"));
}

#[test]
fn errors_at_the_line_of_a_period_that_does_not_parse() {
    check_with_kpi_line("period: March 2015, value: 58.1", "period: Marhc 2015, value: 58.1")
        .code(2)
        .stderr(predicate::str::contains("kpis.yaml:18:"))
        .stderr(predicate::str::contains("`Marhc 2015` is not a period"));
}

#[test]
fn errors_in_the_file_of_a_comparator_with_no_value() {
    check_with_kpi_line(
        "{ name: England, value: 39, period: March 2016 }",
        "{ name: England, period: March 2016 }",
    )
    .code(2)
    .stderr(predicate::str::contains("kpis.yaml"))
    .stderr(predicate::str::contains("missing key `value`"))
    .stderr(predicate::str::contains("hint: add `value:` with its value"));
}

#[test]
fn errors_at_the_line_of_a_unit_it_does_not_know() {
    check_with_kpi_line("unit: percent\n    polarity: lower", "unit: percentage\n    polarity: lower")
        .code(2)
        .stderr(predicate::str::contains("kpis.yaml:15:"))
        .stderr(predicate::str::contains("percentage"));
}

/// `check` on a copy of the one-file fixture `name` with `from` replaced by
/// `to`, and the copy's text.
fn check_edited_fixture(name: &str, from: &str, to: &str) -> (assert_cmd::assert::Assert, String) {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("report.yaml");
    let text = std::fs::read_to_string(common::fixture(name)).unwrap();
    assert!(text.contains(from), "{name} does not hold {from:?}");
    let yaml = text.replace(from, to);
    std::fs::write(&file, &yaml).unwrap();
    let assert = Command::cargo_bin("exec-report").unwrap().arg("check").arg(&file).assert();
    (assert, yaml)
}

#[test]
fn errors_when_a_body_cites_a_kpi_that_does_not_exist() {
    let (assert, _) = check_edited_fixture("kpi-002.yaml", "{kpi:adoption-days}", "{kpi:adoption-day}");
    assert
        .code(2)
        .stderr(predicate::str::contains("no KPI has the id `adoption-day`: the KPIs are "))
        .stderr(predicate::str::contains("= hint: did you mean `adoption-days`?"));
}

/// The Markdown of the report in `kpi-readers.yaml`.
fn readers_markdown() -> String {
    common::markdown(&common::fixture("kpi-readers.yaml"), "childrens-wellbeing.md")
}

#[test]
fn states_each_figure_with_the_period_and_population_a_reader_needs() {
    let markdown = readers_markdown();
    for sentence in [
        // A previous value with its period, cited whole or in parts.
        "was 80\u{a0}per\u{a0}10,000 children aged under 18, up from 73\u{a0}per\u{a0}10,000 in March 2015.",
        "The figure for 2015 was 15.4%.",
        // A comparator named after a group reads naturally mid-sentence.
        "below the national average of 52.8% and below the figure for all pupils in the county (57%).",
        // A percentage changes in points, with no relative change beside it.
        "There has been an improvement of 7.6\u{a0}percentage points, rising from 15.4% in 2015 to 23% in 2016.",
        // Money changes from the exact values, which are written to the
        // pound's two places of millions, so that the figures add up.
        "There has been an increase of £720,000 (a 41.4% increase since 2016/17), rising from \
         £1.74\u{a0}million in 2016/17 to £2.46\u{a0}million in 2017/18.",
    ] {
        assert!(markdown.contains(sentence), "{sentence:?} is not in:\n{markdown}");
    }
    assert!(!markdown.contains("% improvement since 2015"), "{markdown}");
}

#[test]
fn tables_give_periods_comparators_in_sentence_case_and_rag_only_with_targets() {
    let markdown = readers_markdown();
    for line in [
        "| Measure | Latest | Previous | England | Statistical neighbours | All pupils in the county | Direction |",
        "| Children looked after (per\u{a0}10,000 children aged under 18) | 80\u{a0}per\u{a0}10,000 \
         (March\u{a0}2016) | 73\u{a0}per\u{a0}10,000 (March\u{a0}2015) |",
        "| Measure | Latest (March 2016) | Previous (March 2015) | England | Direction | RAG |",
        "| Stability of long term placements | 69.4% | 62.8% | – | up (improvement) | Amber |",
    ] {
        assert!(markdown.contains(line), "{line:?} is not in:\n{markdown}");
    }
}

#[test]
fn keeps_a_sections_own_list_apart_from_its_kpi_bullets() {
    let markdown = readers_markdown();
    assert!(
        markdown.contains(
            "- more children placed with families\n\n* **Looked after children achieving the expected standard"
        ),
        "{markdown}"
    );
    let options = pulldown_cmark::Options::ENABLE_TABLES;
    let lists = pulldown_cmark::Parser::new_ext(&markdown, options)
        .filter(|event| matches!(event, pulldown_cmark::Event::Start(pulldown_cmark::Tag::List(None))))
        .count();
    assert!(lists >= 2, "the priorities and the KPI bullets are one list:\n{markdown}");
}

#[test]
fn titles_and_captions_every_chart() {
    let markdown = readers_markdown();
    assert!(
        markdown.contains("**Children looked after**\\\n![Line chart of children looked after"),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "(childrens-wellbeing-lac-rate.svg)\\\n*Rate per\u{a0}10,000 children aged under 18. Source: DfE \
             children looked after return (SSDA903), March 2015 to March 2016.*"
        ),
        "{markdown}"
    );
    insta::assert_snapshot!(markdown);
}

#[test]
fn errors_at_the_line_of_a_citation_of_a_part_that_does_not_exist() {
    let (assert, yaml) = check_edited_fixture(
        "kpi-readers.yaml",
        "{kpi:lac-ks4:previous_period}",
        "{kpi:lac-ks4:previous_year}",
    );
    let line = 1 + yaml.lines().position(|line| line.contains("{kpi:lac-ks4:previous_year}")).unwrap();
    assert.code(2).stderr(predicate::str::contains(format!("report.yaml:{line}:"))).stderr(
        predicate::str::contains(
            "KPI `lac-ks4` has no part `previous_year`: its parts are `value`, `period`, `previous`, \
             `previous_value`, `previous_period`, `trend`, `change`, `relative`, `compare`, `target` and \
             `sentence`, and its comparators by name: `England` and `All pupils in the county`",
        ),
    );
}

#[test]
fn keeps_each_chart_whole_and_with_the_text_before_it_in_the_pdf() {
    let formats =
        exec_report::build::Formats { markdown: false, pdf: true, html: false, docx: false, typst: true };
    let typst = common::render(&common::fixture("kpi-readers.yaml"), formats, "childrens-wellbeing.typ");
    let typst = String::from_utf8(typst).unwrap();
    let figures: Vec<&str> = typst.split("#block(breakable: false)[").skip(1).collect();
    assert_eq!(figures.len(), 2, "{typst}");
    assert!(figures[0].starts_with("#strong[Children looked after]#linebreak()#image("), "{typst}");
    assert!(figures[0].contains("#emph[Rate per\u{a0}10\\,000 children aged under 18\\."), "{typst}");
    // What comes before each chart sticks to it: the notes of the table,
    // and the table of the second section.
    assert_eq!(typst.matches("#block(sticky: true)[").count(), 2, "{typst}");
}
