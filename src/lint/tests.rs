//! Tests of the style rules.
use proptest::prelude::*;

use super::*;

fn lints(text: &str) -> Vec<Lint> {
    lint_prose(text, &LintSettings::default())
}

fn of_rule(text: &str, rule: Rule) -> Vec<Lint> {
    lints(text).into_iter().filter(|lint| lint.rule == rule).collect()
}

/// The text each lint of `rule` points at.
fn flagged(text: &str, rule: Rule) -> Vec<&str> {
    of_rule(text, rule).into_iter().map(|lint| &text[lint.range]).collect()
}

fn hints(text: &str, rule: Rule) -> Vec<String> {
    of_rule(text, rule).into_iter().filter_map(|lint| lint.hint).collect()
}

#[test]
fn names_rules_in_kebab_case_both_ways() {
    for rule in Rule::ALL {
        assert_eq!(rule.name().parse::<Rule>(), Ok(rule));
        assert_eq!(rule.to_string(), rule.name());
    }
    assert_eq!("forward-plan-reference".parse(), Ok(Rule::ForwardPlanReference));
    let error = "ordnal-date".parse::<Rule>().unwrap_err();
    assert_eq!(error.to_string(), "unknown lint rule `ordnal-date`");
    assert_eq!(error.hint(), "did you mean `ordinal-date`?");
}

#[test]
fn reads_settings_with_rules_by_name() {
    let settings: LintSettings = serde_json::from_str(
        r#"{"disabled": ["long-sentence", "ampersand"], "forward_plan_pattern": "A999/99"}"#,
    )
    .unwrap();
    assert_eq!(settings.disabled, [Rule::LongSentence, Rule::Ampersand]);
    assert_eq!(settings.max_sentence_words, 25);
    assert!(!settings.is_enabled(Rule::Ampersand) && settings.is_enabled(Rule::Percent));
    assert!(serde_json::from_str::<LintSettings>(r#"{"disabled": ["ordinal"]}"#).is_err());
}

#[test]
fn flags_ordinals_in_dates() {
    let text = "Reviews of all children who have moved placement since 1st April 2016 are under way.";
    let lint = &of_rule(text, Rule::OrdinalDate)[0];
    assert_eq!(&text[lint.range.clone()], "1st April");
    assert_eq!(lint.message, "ordinal in a date: `1st April`");
    assert_eq!(lint.hint.as_deref(), Some("write `1 April`"));
    assert_eq!(flagged("Open on 1st June.", Rule::OrdinalDate), ["1st June"]);
    assert_eq!(flagged("Due June 1st.", Rule::OrdinalDate), ["June 1st"]);
}

#[test]
fn takes_in_the_words_an_ordinal_date_needs_rewritten() {
    let text = "in the week commencing the 4th July 2016";
    assert_eq!(flagged(text, Rule::OrdinalDate), ["the 4th July"]);
    assert_eq!(hints(text, Rule::OrdinalDate), ["write `4 July`"]);
    let text = "held on the 22nd of March";
    assert_eq!(flagged(text, Rule::OrdinalDate), ["the 22nd of March"]);
    assert_eq!(hints(text, Rule::OrdinalDate), ["write `22 March`"]);
    let text = "signed on June 1st, 2017 by";
    assert_eq!(flagged(text, Rule::OrdinalDate), ["June 1st, 2017"]);
    assert_eq!(hints(text, Rule::OrdinalDate), ["write `1 June 2017`"]);
}

#[test]
fn leaves_ordinals_that_are_not_dates() {
    assert!(flagged("Meet on the 1st floor in the 21st century.", Rule::OrdinalDate).is_empty());
    assert!(flagged("the 2nd may be late; 32nd March; 4 July 2016", Rule::OrdinalDate).is_empty());
    assert!(flagged("see `1st June` and 1st, June", Rule::OrdinalDate).is_empty());
}

#[test]
fn flags_percent_in_words_with_its_number() {
    let text = "Attainment rose to 46.5 per cent this year.";
    let lint = &of_rule(text, Rule::Percent)[0];
    assert_eq!(&text[lint.range.clone()], "46.5 per cent");
    assert_eq!(lint.message, "percent in words: `per cent`");
    assert_eq!(lint.hint.as_deref(), Some("write `46.5%`"));
    let text = "A high Percent of pupils.";
    assert_eq!(flagged(text, Rule::Percent), ["Percent"]);
    assert_eq!(hints(text, Rule::Percent), ["write `%` after the number, as in `46.5%`"]);
    assert_eq!(flagged("rose by 3 PERCENT", Rule::Percent), ["3 PERCENT"]);
}

#[test]
fn leaves_percentages_and_percent_signs() {
    assert!(flagged("The percentage was 46.5% against a percentile of 3.", Rule::Percent).is_empty());
}

#[test]
fn flags_an_ampersand_between_words() {
    let text = "5 or more GCSEs (inc. English & mathematics)";
    let lint = &of_rule(text, Rule::Ampersand)[0];
    assert_eq!(&text[lint.range.clone()], "&");
    assert_eq!(lint.range.start, text.find('&').unwrap());
    assert_eq!(lint.message, "ampersand in prose: `English & mathematics`");
    assert_eq!(lint.hint.as_deref(), Some("write `and`"));
    assert_eq!(flagged("## Health & Wellbeing", Rule::Ampersand), ["&"]);
    assert_eq!(flagged("| Health & Wellbeing |\n|---|\n| x |", Rule::Ampersand), ["&"]);
}

#[test]
fn leaves_ampersands_in_urls_code_entities_and_abbreviations() {
    let text = "\
Waits at A&E and R&D grew; see https://example.org/a?x=1&y=2 and <https://a.uk/?p&q>.
Read [the plan](https://a.uk/?a=1&b=2), run `a & b`, write Health &amp; Care.

```
a & b
```
";
    assert!(flagged(text, Rule::Ampersand).is_empty(), "{:?}", lints(text));
}

#[test]
fn flags_a_sentence_longer_than_the_limit_at_its_start() {
    let long = "This sentence has words enough to go well over the limit of twenty five words that \
                the council sets for every sentence of its reports to the Council.";
    let text = format!("It is short. {long} Another short one.");
    let lint = &of_rule(&text, Rule::LongSentence)[0];
    assert_eq!(&text[lint.range.clone()], long);
    assert_eq!(
        lint.message,
        "a sentence of 28 words (more than 25): \"This sentence has words enough to go well over the … \
         reports to the Council.\""
    );
    assert_eq!(lint.hint.as_deref(), Some("split it in two"));
}

#[test]
fn quotes_the_long_sentence_not_its_paragraph() {
    let first = "It is short.";
    let long = "Two one two three four five six seven eight nine ten eleven twelve thirteen fourteen \
                fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree \
                twentyfour twentyfive twentysix.";
    let text = format!("{first} {long}\nAnother short one follows it on the next line.");
    let lint = &of_rule(&text, Rule::LongSentence)[0];
    assert!(lint.message.contains(
        "\"Two one two three four five six seven eight nine … twentythree twentyfour twentyfive twentysix.\""
    ));
    assert!(!lint.message.contains(first) && !lint.message.contains("Another"), "{}", lint.message);
}

#[test]
fn quotes_a_short_long_sentence_whole_on_one_line() {
    assert_eq!(super::rules::shortened("One two\n   three."), "One two three.");
}

#[test]
fn counts_sentences_as_a_reader_sees_them() {
    let text = "1.1 One two three four five six seven eight nine ten eleven twelve thirteen fourteen \
                fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree \
                twentyfour twentyfive.";
    assert!(flagged(text, Rule::LongSentence).is_empty(), "the paragraph number is no word");
    let text = "One two `three four five six` seven [eight](https://a.uk/nine/ten) \
                https://a.uk/eleven twelve";
    let settings = LintSettings { max_sentence_words: 4, ..LintSettings::default() };
    assert_eq!(
        lint_prose(text, &settings)[0].message,
        "a sentence of 5 words (more than 4): \"One two … seven eight … twelve\""
    );
}

#[test]
fn does_not_end_sentences_at_abbreviations_decimals_or_initials() {
    let text = "Mr. J. Smith and Dr. Jones saw e.g. Item No. 5 at 10.5 per cent (inc. Ofsted) etc. Then";
    assert_eq!(sentences(text).len(), 1, "{:?}", sentences(text));
    let text = "It rose. Then it fell! Why? Because. and so";
    let split: Vec<&str> = sentences(text).into_iter().map(|range| &text[range]).collect();
    assert_eq!(split, ["It rose.", "Then it fell!", "Why?", "Because. and so"]);
}

#[test]
fn measures_list_items_on_their_own_and_skips_tables_and_code() {
    let item = "word ".repeat(20);
    let text = format!("- {item}\n- {item}\n\n| {item} {item} |\n|---|\n\n```\n{item} {item}\n```\n");
    let settings = LintSettings { max_sentence_words: 25, ..LintSettings::default() };
    assert!(lint_prose(&text, &settings).is_empty());
    let text = format!("- {item}{item}\n- short");
    let lint = &of_rule(&text, Rule::LongSentence)[0];
    assert_eq!(lint.range.start, 2);
}

#[test]
fn flags_an_abbreviation_not_spelled_out_at_its_first_use() {
    let text = "The PIAP was agreed. The PIAP is on track.";
    let lint = &of_rule(text, Rule::Abbreviation)[0];
    assert_eq!(of_rule(text, Rule::Abbreviation).len(), 1);
    assert_eq!(lint.range, 4..8);
    assert_eq!(lint.message, "abbreviation `PIAP` is not spelled out at its first use");
    assert_eq!(lint.hint.as_deref(), Some("write it out in full first, followed by `(PIAP)`"));
    assert_eq!(flagged("Plans for EHCPs and the EHCP team.", Rule::Abbreviation), ["EHCPs"]);
    assert_eq!(flagged("The CQC (see Appendix A) visited.", Rule::Abbreviation), ["CQC"]);
}

#[test]
fn accepts_abbreviations_spelled_out_before_or_after() {
    let text = "The post inspection action plan (PIAP) has been agreed by Ofsted. The PIAP is on track.";
    assert!(flagged(text, Rule::Abbreviation).is_empty());
    let text = "The SEND (special educational needs and disabilities) reforms; SEND pupils.";
    assert!(flagged(text, Rule::Abbreviation).is_empty());
    let text = "Education, Health and Care Plans (EHCPs) and the NHS England Board (NHSEB).";
    assert!(flagged(text, Rule::Abbreviation).is_empty());
}

#[test]
fn leaves_known_abbreviations_roman_numerals_and_capitals() {
    let text =
        "5 or more GCSEs at the NHS, in the UK, under Part IV and XII. `CQC` A&E.\n\n## NOTHING TO REPORT";
    assert!(flagged(text, Rule::Abbreviation).is_empty());
    let settings = LintSettings { known_abbreviations: vec!["CQC".into()], ..LintSettings::default() };
    assert!(lint_prose("The CQC rated it good.", &settings).is_empty());
}

#[test]
fn a_known_hyphenated_abbreviation_silences_its_parts() {
    let settings = LintSettings { known_abbreviations: vec!["H-CLIC".into()], ..LintSettings::default() };
    assert!(lint_prose("The H-CLIC returns and H-CLICs were sent.", &settings).is_empty());
    let found: Vec<String> = lint_prose("The H-CLIC returns.", &LintSettings::default())
        .into_iter()
        .map(|lint| lint.message)
        .collect();
    assert_eq!(found, ["abbreviation `CLIC` is not spelled out at its first use"]);
}

#[test]
fn a_hyphenated_abbreviation_spelled_out_silences_its_parts() {
    let text = "The Homelessness Case Level Information Collection (H-CLIC) started. H-CLIC data followed.";
    assert!(flagged(text, Rule::Abbreviation).is_empty(), "{:?}", lints(text));
    assert_eq!(flagged("The SEND-led CQC visit.", Rule::Abbreviation), ["SEND", "CQC"]);
}

#[test]
fn carries_spelled_out_abbreviations_across_a_document() {
    let texts = ["The Hertfordshire Safeguarding Children Board (HSCB) met.", "The HSCB and the CQC met."];
    let lints = lint_document(&texts, &LintSettings::default());
    assert_eq!(lints.len(), 1);
    let (index, lint) = &lints[0];
    assert_eq!((*index, &texts[1][lint.range.clone()]), (1, "CQC"));
    assert_eq!(lint_prose(texts[1], &LintSettings::default()).len(), 2);
}

#[test]
fn lints_every_text_of_a_document_by_its_index() {
    let texts = ["Since 1st April.", "Health & Wellbeing", "Nothing to report."];
    let found: Vec<(usize, Rule)> =
        lint_document(&texts, &LintSettings::default()).into_iter().map(|(i, lint)| (i, lint.rule)).collect();
    assert_eq!(found, [(0, Rule::OrdinalDate), (1, Rule::Ampersand)]);
}

#[test]
fn points_at_the_source_through_markup_and_entities() {
    let text = "**Since** the &lt; *1st April* and [Health & Care](https://a.uk/?a&b)";
    assert_eq!(flagged(text, Rule::OrdinalDate), ["1st April"]);
    assert_eq!(flagged(text, Rule::Ampersand), ["&"]);
    assert_eq!(of_rule(text, Rule::Ampersand)[0].range.start, text.find(" & ").unwrap() + 1);
}

#[test]
fn reports_nothing_for_disabled_rules() {
    let text = "The CQC met on 1st June & rose 5 per cent. ".to_owned() + &"word ".repeat(30);
    assert_eq!(lints(&text).len(), 5);
    let settings = LintSettings { disabled: Rule::ALL.to_vec(), ..LintSettings::default() };
    assert!(lint_prose(&text, &settings).is_empty());
    let settings = LintSettings { forward_plan_pattern: Some("A999/99".into()), ..settings };
    assert_eq!(lint_reference("A55/17", &settings), None);
}

/// Text made of the pieces the rules look for, in any order.
fn prose() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "1st",
        "June",
        "of",
        "the",
        " ",
        "  ",
        "\n",
        "\n\n",
        "per",
        "cent",
        "&",
        "&amp;",
        "A&E",
        "(",
        ")",
        "PIAP",
        "EHCPs",
        ". ",
        "e.g.",
        "? ",
        "`",
        "**",
        "[",
        "](",
        "https://a.uk/?a&b",
        "<",
        ">",
        "| ",
        "|---|",
        "- ",
        "1. ",
        "# ",
        "\\",
        "é",
        "’",
        "\u{fffc}",
        "46.5",
        "A999/99",
        "9",
    ]);
    let piece = prop_oneof![pieces.prop_map(str::to_owned), "\\PC{0,3}"];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn points_every_lint_at_whole_characters_of_any_text(text in prose(), other in prose()) {
        let settings = LintSettings { max_sentence_words: 3, ..LintSettings::default() };
        for (index, lint) in lint_document(&[&text, &other], &settings) {
            let source = [&text, &other][index];
            prop_assert!(source.get(lint.range.clone()).is_some(), "{lint:?} in {source:?}");
        }
        let settings = LintSettings { forward_plan_pattern: Some(other.clone()), ..settings };
        if let Some(lint) = lint_reference(&text, &settings) {
            prop_assert_eq!(lint.range, 0..text.len());
        }
    }
}

#[test]
fn checks_forward_plan_references_against_the_pattern() {
    let settings = LintSettings { forward_plan_pattern: Some("A999/99".into()), ..LintSettings::default() };
    assert_eq!(lint_reference("A055/17", &settings), None);
    let lint = lint_reference("A55/17", &settings).unwrap();
    assert_eq!(lint.rule, Rule::ForwardPlanReference);
    assert_eq!(lint.range, 0..6);
    assert_eq!(
        lint.message,
        "Forward Plan reference `A55/17` does not follow the council's pattern `A999/99`"
    );
    assert_eq!(lint.hint.as_deref(), Some("write `A055/17`"));
    let hint = lint_reference("55/17", &settings).unwrap().hint.unwrap();
    assert_eq!(hint, "in the pattern `A` stands for a capital letter and `9` for a digit");
    assert_eq!(lint_reference("a055/17 ", &settings).unwrap().hint.as_deref(), Some("write `A055/17`"));
    assert_eq!(lint_reference("A55/17", &LintSettings::default()), None);
}

#[test]
fn each_warning_is_told_at_its_own_place_in_the_file() {
    let file = "title: Health & care\nbody: >-\n  Schools & colleges met on 1st June.\n  Parents & carers met on 1st June too.\n";
    let texts =
        ["Health & care", "Schools & colleges met on 1st June. Parents & carers met on 1st June too."];
    let source = Source { path: std::path::Path::new("report.yaml"), text: file };
    let found = at_lines(&source, &texts, &LintSettings::default());
    let places: Vec<(&str, (usize, usize))> =
        found.iter().map(|warning| (warning.rule.unwrap(), warning.position.unwrap())).collect();
    assert_eq!(
        places,
        [
            ("ampersand", (1, 15)),
            ("ampersand", (3, 11)),
            ("ordinal-date", (3, 29)),
            ("ampersand", (4, 11)),
            ("ordinal-date", (4, 27)),
        ]
    );
}
