//! Tests of the scrutiny report: its numbering, lists, checks and words.

use std::path::Path;

use super::view::indent_after_first;
use super::*;
use crate::input::council::ItemLabels;
use crate::kinds::testing::{Testing, style_of};

const REPORT: &str = "\
kind: scrutiny-report
council: Medway Council
committee: Children and Young People Overview and Scrutiny Committee
date: 2018-03-08
title: Attendance of the Portfolio Holder for Children's Services
member:
  name: Councillor A Member
period: 2017-18
next_period: 2018-19
summary: This report covers the year.
sections:
  - title: Background
    paragraphs:
      - text: The areas are listed.
        bullets: [Early Years, Inclusion]
      - text: The Lead Member is responsible.
  - title: Early Years
    paragraphs:
      - text: Early years narrative.
    achievements:
      items:
        - More children reached a good level of development.
        - text: A new service opened, offering
          bullets: [short breaks, advice]
          after: It is well used.
    priorities:
      intro: The priorities for Early Years are
      items: [Embed the hubs., Revise the strategy., Train partners.]
conclusion:
  achievements:
    intro: In summary
    items: [Early Help was transformed.]
  challenges:
    items: [Recruiting social workers.]
";

fn parse(text: &str) -> ScrutinyReport {
    crate::input::parse(Path::new("report.yaml"), text).expect("the report parses")
}

fn style() -> Style {
    Style { items: ItemLabels::Roman, ..style_of("scrutiny-report") }
}

fn view(text: &str) -> serde_json::Value {
    parse(text).test_view(&style()).expect("the view is made")
}

fn problems(text: &str) -> Vec<String> {
    let report = parse(text);
    report
        .test_check(Path::new("report.yaml"), text)
        .iter()
        .map(|problem| format!("{}:{}", problem.position.map_or(0, |(line, _)| line), problem.message))
        .collect()
}

#[test]
fn numbers_sections_then_paragraphs_then_lists() {
    let view = view(REPORT);
    let sections = view["sections"].as_array().unwrap();
    let numbers: Vec<_> =
        sections.iter().map(|s| (s["number"].as_u64().unwrap(), s["title"].as_str().unwrap())).collect();
    assert_eq!(numbers, [(1, "Background"), (2, "Early Years"), (3, "Conclusion")]);
    let paragraphs = |index: usize| -> Vec<String> {
        let list = sections[index]["paragraphs"].as_array().unwrap();
        list.iter().map(|p| p["number"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(paragraphs(0), ["1.1", "1.2"]);
    assert_eq!(paragraphs(1), ["2.1", "2.2", "2.3"]);
    assert_eq!(paragraphs(2), ["3.1", "3.2"]);
}

#[test]
fn labels_list_items_in_the_council_style_with_default_intros() {
    let view = view(REPORT);
    let achievements = &view["sections"][1]["paragraphs"][1];
    assert_eq!(achievements["text"], "Key achievements in 2017-18 include:");
    assert_eq!(achievements["items"][1]["label"], "(ii)");
    let priorities = &view["sections"][1]["paragraphs"][2];
    assert_eq!(priorities["text"], "The priorities for Early Years are");
    let labels: Vec<_> =
        priorities["items"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["(i)", "(ii)", "(iii)"]);
    assert_eq!(view["sections"][2]["paragraphs"][1]["text"], "The key challenges in 2018-19 are:");
}

#[test]
fn nests_an_items_bullets_and_closing_paragraph_under_it() {
    let view = view(REPORT);
    let item = &view["sections"][1]["paragraphs"][1]["items"][1]["text"];
    assert_eq!(item, "A new service opened, offering\n  - short breaks\n  - advice\n\n  It is well used.");
    assert_eq!(indent_after_first("a\n\nb", "  "), "a\n\n  b");
}

#[test]
fn takes_the_councils_words_for_the_member_and_headings() {
    let mut style = style();
    style.member = "Portfolio Holder".into();
    style.headings.insert("conclusion".into(), "Summing up".into());
    let view = parse(REPORT).test_view(&style).unwrap();
    assert_eq!(view["member"]["title"], "Portfolio Holder");
    assert_eq!(view["sections"][2]["title"], "Summing up");
    assert_eq!(view["date"], "8 March 2018");
}

#[test]
fn describes_the_committee_and_date_for_the_pdf() {
    let described = parse(REPORT).test_describe(&style());
    assert_eq!(described.subtitle, "Children and Young People Overview and Scrutiny Committee, 8 March 2018");
    assert_eq!(described.author, "Councillor A Member");
    assert_eq!(described.council, "Medway Council");
}

#[test]
fn a_good_report_has_no_problems() {
    assert!(problems(REPORT).is_empty(), "{:?}", problems(REPORT));
}

#[test]
fn finds_an_empty_title_at_its_line() {
    let text =
        REPORT.replace("title: Attendance of the Portfolio Holder for Children's Services", "title: ''");
    assert_eq!(problems(&text), ["5:the title is empty"]);
}

#[test]
fn finds_a_duplicate_section_title_at_its_line() {
    let text = REPORT.replace("title: Early Years", "title: Background");
    assert_eq!(problems(&text), ["17:the section `Background` is already section 1"]);
}

#[test]
fn finds_an_empty_list_at_its_line() {
    let text = REPORT.replace("items: [Embed the hubs., Revise the strategy., Train partners.]", "items: []");
    assert_eq!(problems(&text), ["28:the list of key priorities of `Early Years` has no items"]);
}

#[test]
fn finds_an_item_with_no_text_at_its_line() {
    let text = REPORT.replace("items: [Recruiting social workers.]", "items: ['  ']");
    assert_eq!(problems(&text), ["34:item 1 of the key challenges of `Conclusion` has no text"]);
}

#[test]
fn finds_a_section_with_nothing_in_it() {
    let text = REPORT.replace(
        "  - title: Early Years\n    paragraphs:\n      - text: Early years narrative.\n",
        "  - title: Early Years\n    paragraphs:\n      - text: ''\n",
    );
    assert_eq!(problems(&text), ["17:paragraph 2.1 of `Early Years` has no text"]);
    let empty = "  - title: Empty\nconclusion:\n";
    let text = REPORT.replace("conclusion:\n", empty);
    assert_eq!(problems(&text), ["29:the section `Empty` has no paragraphs or lists"]);
}

#[test]
fn describes_every_key_for_editors() {
    let schema = serde_json::to_value(schemars::schema_for!(ScrutinyReport)).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    for (key, property) in schema["properties"].as_object().unwrap() {
        let description = property["description"].as_str().unwrap_or_default();
        assert!(!description.is_empty(), "`{key}` has no description");
    }
    let item = &schema["$defs"]["ListItem"]["anyOf"];
    assert_eq!(item[0]["type"], "string", "an item may be plain text");
}

#[test]
fn names_a_mistyped_key_of_an_item() {
    let text = REPORT.replace("bullets: [short breaks, advice]", "bulets: [short breaks, advice]");
    let problem = crate::input::parse::<ScrutinyReport>(Path::new("report.yaml"), &text).unwrap_err();
    assert_eq!(problem.message, "unknown key `bulets`");
    assert_eq!(problem.position.map(|(line, _)| line), Some(24));
}
