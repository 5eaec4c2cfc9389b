//! The example scrutiny report reproduces the Portfolio Holder for
//! Children's Services' report to Medway's Children and Young People
//! Overview and Scrutiny Committee of 8 March 2018 (seed 003): its heading,
//! its nine numbered sections, every numbered paragraph and every (i), (ii)
//! list, word for word.

use crate::common;

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Where the example deliberately differs from the text of the published
/// report as extracted from its PDF: the seed's text, then ours.
const CORRECTIONS: &[(&str, &str)] = &[
    // An empty "(vi)" stands alone between 6.4 (v) and its bullet points:
    // a stray number of the word processor's list, not an item.
    ("in particular: (vi) Ensuring", "in particular: Ensuring"),
];

/// The (i), (ii) lists of the seed: the paragraph that introduces each, and
/// how many items it has.
const LISTS: &[(&str, usize)] = &[
    ("2.2", 7),
    ("2.3", 8),
    ("3.3", 6),
    ("3.4", 6),
    ("4.4", 5),
    ("4.5", 5),
    ("5.3", 5),
    ("5.4", 4),
    ("6.3", 5),
    ("6.4", 5),
    ("7.3", 3),
    ("7.4", 3),
    ("8.2", 6),
    ("8.3", 4),
    ("9.1", 5),
    ("9.2", 5),
];

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/2018-03-08-medway-cyp-scrutiny")
}

fn example() -> PathBuf {
    folder().join("childrens-services-portfolio-holder.yaml")
}

/// The example rendered to Markdown.
fn markdown() -> String {
    exec_report::build::render_file(&example()).expect("the example renders").markdown
}

/// The published report as extracted from its PDF.
fn seed() -> String {
    std::fs::read_to_string(common::fixture("seed-003.txt")).expect("the seed is readable")
}

/// The seed's lines without the noise of its extraction: the stray "- "
/// before numbered paragraphs and items, and bold marks.
fn seed_lines() -> Vec<String> {
    seed()
        .lines()
        .map(|line| {
            let line = line.trim();
            line.strip_prefix("- ").unwrap_or(line).replace("**", "")
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// The seed as a reader sees it, whitespace squashed and corrections made.
fn seed_text() -> String {
    common::corrected(common::squash(&seed_lines().join(" ")), CORRECTIONS)
}

/// Every heading of the Markdown: its level and text.
fn headings(markdown: &str) -> Vec<(HeadingLevel, String)> {
    let mut headings = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::Text(text) => {
                if let Some((_, heading)) = &mut current {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            _ => {}
        }
    }
    headings
}

/// "2.1 Text" → "2.1": a paragraph number at the start of `text`.
fn paragraph_number(text: &str) -> Option<&str> {
    let (number, _) = text.split_once(' ')?;
    let (section, paragraph) = number.split_once('.')?;
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    (digits(section) && digits(paragraph)).then_some(number)
}

/// "(iv) Text" → "(iv)": an item's label at the start of `text`.
fn item_label(text: &str) -> Option<&str> {
    let label = text.split(' ').next()?;
    let roman = label.strip_prefix('(')?.strip_suffix(')')?;
    (!roman.is_empty() && roman.chars().all(|c| "ivx".contains(c))).then_some(label)
}

/// The numbered paragraphs of the Markdown in order, each with the labels
/// of the (i), (ii) list under it.
fn rendered_paragraphs(markdown: &str) -> Vec<(String, Vec<String>)> {
    let mut paragraphs: Vec<(String, Vec<String>)> = Vec::new();
    let (mut lists, mut in_paragraph, mut item_start) = (0, false, false);
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => lists -= 1,
            Event::Start(Tag::Paragraph) => in_paragraph = lists == 0,
            Event::Start(Tag::Item) => item_start = lists == 1,
            Event::Text(text) if in_paragraph => {
                if let Some(number) = paragraph_number(&text) {
                    paragraphs.push((number.to_owned(), Vec::new()));
                }
                in_paragraph = false;
            }
            Event::Text(text) if item_start => {
                if let (Some(label), Some((_, labels))) = (item_label(&text), paragraphs.last_mut()) {
                    labels.push(label.to_owned());
                }
                item_start = false;
            }
            _ => {}
        }
    }
    paragraphs
}

/// The seed's numbered paragraphs in order, each with the labels of the
/// items under it.
fn seed_paragraphs() -> Vec<(String, Vec<String>)> {
    let mut paragraphs: Vec<(String, Vec<String>)> = Vec::new();
    for line in seed_lines() {
        if let Some(number) = paragraph_number(&line) {
            paragraphs.push((number.to_owned(), Vec::new()));
        } else if let (Some(label), Some((_, labels))) = (item_label(&line), paragraphs.last_mut()) {
            labels.push(label.to_owned());
        }
    }
    paragraphs
}

#[test]
fn heads_the_report_with_its_committee_date_title_and_member() {
    let markdown = markdown();
    assert!(
        markdown.starts_with(
            "**Children and Young People Overview and Scrutiny Committee**\n\n\
             **8 March 2018**\n\n\
             # Attendance of the Portfolio Holder for Children's Services – Lead Member (Statutory Responsibility)\n\n\
             **Report from:** Councillor Andrew Mackness – Portfolio Holder Children's Services – Lead Member\n\n\
             ## Summary\n\n\
             This report details the areas covered by the Portfolio Holder for Children's Services – Lead Member"
        ),
        "{markdown}"
    );
    // The seed prints its committee, date and title in capitals.
    let seed = seed_lines();
    let ours = common::reader_text(&markdown);
    let head = common::squash(&seed[..3].join(" "));
    assert_eq!(ours[..head.len()].to_uppercase(), head);
}

#[test]
fn numbers_the_sections_one_to_nine_as_the_seed_does() {
    let ours: Vec<String> = headings(&markdown())
        .into_iter()
        .filter(|(level, _)| *level == HeadingLevel::H2)
        .map(|(_, text)| text)
        .collect();
    let seed: Vec<String> = seed_lines()
        .into_iter()
        .filter(|line| {
            line.as_bytes().first().is_some_and(u8::is_ascii_digit) && line.as_bytes().get(1) == Some(&b'.')
        })
        .filter(|line| line.as_bytes().get(2) == Some(&b' '))
        .collect();
    assert_eq!(seed.len(), 9);
    assert!(seed[0] == "1. Background" && seed[8] == "9. Conclusion");
    let mut expected = vec!["Summary".to_owned()];
    expected.extend(seed);
    expected.extend(["Appendices".to_owned(), "Background Papers".to_owned()]);
    assert_eq!(ours, expected);
}

#[test]
fn has_one_title_and_skips_no_heading_level() {
    let levels: Vec<HeadingLevel> = headings(&markdown()).into_iter().map(|(level, _)| level).collect();
    assert_eq!(levels[0], HeadingLevel::H1);
    assert!(levels[1..].iter().all(|level| *level == HeadingLevel::H2), "{levels:?}");
}

#[test]
fn numbers_the_paragraphs_of_each_section_in_order() {
    let ours = rendered_paragraphs(&markdown());
    let numbers: Vec<&str> = ours.iter().map(|(number, _)| number.as_str()).collect();
    let seed = seed_paragraphs();
    let seed_numbers: Vec<&str> = seed.iter().map(|(number, _)| number.as_str()).collect();
    assert_eq!(numbers, seed_numbers);
    // Within each section, 1, 2, 3 … with no gap.
    for pair in numbers.windows(2) {
        let (a, b) = (pair[0].split_once('.').unwrap(), pair[1].split_once('.').unwrap());
        let next = if a.0 == b.0 { a.1.parse::<u32>().unwrap() + 1 } else { 1 };
        assert_eq!(b.1.parse::<u32>().unwrap(), next, "{} follows {}", pair[1], pair[0]);
    }
}

#[test]
fn labels_every_list_as_the_seed_does() {
    let labelled = |paragraphs: Vec<(String, Vec<String>)>| -> Vec<(String, Vec<String>)> {
        paragraphs.into_iter().filter(|(_, labels)| !labels.is_empty()).collect()
    };
    let ours = labelled(rendered_paragraphs(&markdown()));
    let counts: Vec<(&str, usize)> =
        ours.iter().map(|(number, labels)| (number.as_str(), labels.len())).collect();
    assert_eq!(counts, LISTS);
    for (number, labels) in &ours {
        let expected: Vec<String> =
            (1..=labels.len()).map(|n| format!("({})", exec_report::input::council::roman(n))).collect();
        assert_eq!(labels, &expected, "the labels of {number}");
    }
    // The seed's own lists, but for the stray "(vi)" of 6.4.
    let mut seed = labelled(seed_paragraphs());
    let stray = seed.iter_mut().find(|(number, _)| number == "6.4").unwrap();
    assert_eq!(stray.1.pop().as_deref(), Some("(vi)"));
    assert_eq!(ours, seed);
}

#[test]
fn ends_with_no_appendices_and_no_background_papers() {
    assert!(markdown().ends_with("## Appendices\n\nNone.\n\n## Background Papers\n\nNone.\n"));
}

#[test]
fn keeps_every_sentence_of_the_seed_in_order() {
    let ours = common::reader_text(&markdown());
    let seed = seed_text();
    // From "Report from:" on, the text is the seed's; the head is checked
    // in capitals above.
    let (ours, seed) =
        (&ours[ours.find("Report from:").unwrap()..], &seed[seed.find("Report from:").unwrap()..]);
    for sentence in seed.split_inclusive(". ") {
        assert!(ours.contains(sentence.trim()), "the report does not say {sentence:?}");
    }
    assert_eq!(ours, seed);
}

#[test]
fn renders_the_whole_report() {
    insta::assert_snapshot!("childrens_services_portfolio_holder", markdown());
}

/// A copy of the example folder with `from` replaced by `to` in the
/// report, and the report's path and new text.
fn broken_copy(from: &str, to: &str) -> (tempfile::TempDir, PathBuf, String) {
    let copy = tempfile::tempdir().unwrap();
    for name in ["council.yaml", "logo.svg"] {
        std::fs::copy(folder().join(name), copy.path().join(name)).unwrap();
    }
    let text = std::fs::read_to_string(example()).unwrap();
    assert!(text.contains(from), "{from:?} is not in the example");
    let text = text.replacen(from, to, 1);
    let path = copy.path().join("childrens-services-portfolio-holder.yaml");
    std::fs::write(&path, &text).unwrap();
    (copy, path, text)
}

/// The line of `text` that holds `needle`, from 1.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|line| line.contains(needle)).expect("the line is there") + 1
}

#[test]
fn names_the_file_and_line_of_a_section_given_twice() {
    let (_copy, path, text) = broken_copy("  - title: Inclusion", "  - title: Background");
    let error = exec_report::build::render_file(&path).unwrap_err().to_string();
    let second = text.lines().enumerate().filter(|(_, line)| *line == "  - title: Background").nth(1);
    let second = second.expect("the title is there twice").0 + 1;
    assert!(error.contains("error: the section `Background` is already section 1"), "{error}");
    assert!(error.contains(&format!("childrens-services-portfolio-holder.yaml:{second}:")), "{error}");
}

#[test]
fn names_the_file_and_line_of_a_mistyped_key() {
    let (_copy, path, text) = broken_copy("    priorities:\n", "    priorites:\n");
    let error = exec_report::build::render_file(&path).unwrap_err().to_string();
    let line = line_of(&text, "priorites:");
    assert!(error.contains("error: unknown key `priorites`"), "{error}");
    assert!(error.contains("hint: did you mean `priorities`?"), "{error}");
    assert!(error.contains(&format!("childrens-services-portfolio-holder.yaml:{line}:")), "{error}");
}
