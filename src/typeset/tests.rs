//! Tests of Markdown to Typst.

use super::*;

#[test]
fn breaks_a_word_longer_than_a_line_and_no_other() {
    let mut out = String::new();
    escape_text(&format!("{} {}", "x".repeat(90), "y".repeat(200)), &mut out);
    assert_eq!(out.matches('\u{200b}').count(), 2, "{out}");
    assert!(out.starts_with(&format!("{} {}\u{200b}", "x".repeat(90), "y".repeat(90))));
}

#[test]
fn escapes_every_punctuation_character_of_text() {
    let typst = markdown_to_typst(r#"\#read("/etc/passwd") $x$ \<a> @b // \] 'q'"#);
    assert_eq!(typst, "\\#read\\(\\\"\\/etc\\/passwd\\\"\\) \\$x\\$ \\<a\\> \\@b \\/\\/ \\] \\'q\\'\n\n");
}

#[test]
fn hangs_paragraph_numbers_only_at_the_top_level() {
    assert_eq!(
        markdown_to_typst("1.1 Nothing to report."),
        "#numbered-par(\"1.1\", [Nothing to report\\.])\n\n"
    );
    assert_eq!(markdown_to_typst("- 2.5 million"), "\n#list([2\\.5 million], )\n");
    assert_eq!(markdown_to_typst("2016 was a year"), "2016 was a year\n\n");
}

#[test]
fn writes_labelled_items_as_lists_numbered_in_their_style() {
    assert_eq!(
        markdown_to_typst("- a. Take up\n- b. The offer"),
        "\n#sub-items(numbering: \"a.\", [Take up], [The offer], )\n"
    );
    assert_eq!(
        markdown_to_typst("- (i) One\n- (ii) Two"),
        "\n#sub-items(numbering: \"(i)\", [One], [Two], )\n"
    );
    assert_eq!(
        markdown_to_typst("- 2.1 One\n- 2.2 Two"),
        "\n#sub-items(numbering: n => \"2.\" + str(n), [One], [Two], )\n"
    );
    assert_eq!(markdown_to_typst("- 2.1 million people"), "\n#list([2\\.1 million people], )\n");
    // Labels out of sequence stay as written, in a bullet list.
    assert_eq!(markdown_to_typst("- a. One\n- c. Two"), "\n#list([a\\. One], [c\\. Two], )\n");
}

#[test]
fn gives_long_columns_more_of_the_width() {
    assert!(markdown_to_typst("| A | B |\n|---|---|\n| x | y |\n").contains("#table(columns: 2,"));
    let long = "word ".repeat(30);
    let typst = markdown_to_typst(&format!("| Item | Description |\n|---|---|\n| Briefing | {long} |\n"));
    let columns = typst.split("columns: (").nth(1).unwrap().split(",)").next().unwrap().to_owned();
    let shares: Vec<usize> = columns.split(", ").map(|s| s.trim_end_matches("fr").parse().unwrap()).collect();
    assert!(shares[1] > 5 * shares[0], "{typst}");
    assert!(shares[0] * 95 / shares.iter().sum::<usize>() >= "Briefing".len(), "{typst}");
}

#[test]
fn hangs_single_paragraph_numbers() {
    assert_eq!(markdown_to_typst("3\\. There are"), "#numbered-par(\"3.\", [There are])\n\n");
}

#[test]
fn writes_urls_and_code_as_string_literals() {
    let typst = markdown_to_typst(r#"<https://a.uk/x?q="1">"#);
    assert_eq!(
        typst,
        r#"#link("https://a.uk/x?q=\"1\"")[https\:\/\/a\.uk\/x\?q\=\"1\"]"#.to_owned() + "\n\n"
    );
    assert_eq!(markdown_to_typst("`a\"b`"), "#raw(\"a\\\"b\")\n\n");
}

#[test]
fn writes_markup_typst_can_parse_however_deep_the_nesting() {
    for markdown in [">".repeat(300) + " x", "- ".repeat(200) + "x"] {
        let typst = markdown_to_typst(&markdown);
        let root = typst::syntax::parse(&typst);
        assert!(root.errors_and_warnings().0.is_empty(), "{typst}");
        assert!(typst.contains('x'));
    }
}

#[test]
fn converts_the_structures_of_narrative() {
    let markdown = "\
## Heading *with* emphasis

Text with **bold**, *italic*, ~~struck~~ and a [link](https://example.org).\\
After a hard break.

1. first
2. second
   - nested *item*

> quoted

| Name | Value |
|:-----|------:|
| A    | 1     |

```
code {here}
```

![A chart of placements](chart.svg)
";
    insta::assert_snapshot!(markdown_to_typst(markdown));
}

#[test]
fn keeps_a_figure_whole_and_with_the_text_before_it() {
    let typst = markdown_to_typst("Before.\n\n**Title**\\\n![A chart](c.svg)\\\n*Source*\n\nAfter.\n");
    assert!(typst.starts_with("\n#block(sticky: true)[Before\\.\n\n]\n"), "{typst}");
    assert!(
        typst.contains("\n#block(breakable: false)[#strong[Title]#linebreak()#image(\"c.svg\""),
        "{typst}"
    );
    assert!(typst.ends_with("]\nAfter\\.\n\n"), "{typst}");
    // A heading sticks to what follows it by itself.
    let typst = markdown_to_typst("## Heading\n\n![A chart](c.svg)\n");
    assert!(!typst.contains("sticky"), "{typst}");
}

#[test]
fn gives_the_measures_of_a_wide_table_the_most_room() {
    let header = "| Measure | Latest | Previous | England | Statistical neighbours | Direction | RAG |\n";
    let rule = "|---|--:|--:|--:|--:|---|---|\n";
    let row = "| Children looked after with three or more placements in the last twelve months | \
               12.6% (March\u{a0}2016) | 11.9% (March\u{a0}2015) | 10% | 11% | up (deterioration) | Red |\n";
    let typst = markdown_to_typst(&format!("{header}{rule}{row}"));
    let columns = typst.split("columns: (").nth(1).unwrap().split(",)").next().unwrap().to_owned();
    let shares: Vec<usize> = columns.split(", ").map(|s| s.trim_end_matches("fr").parse().unwrap()).collect();
    let widest = shares.iter().max().unwrap();
    assert_eq!(shares[0], *widest, "{typst}");
    assert!(shares[0] * 100 / shares.iter().sum::<usize>() >= 20, "{typst}");
    // "(March 2016)" is one word: its column is at least as wide.
    assert!(shares[1] >= "(March 2016)".len() + 2, "{typst}");
}

#[test]
fn breaks_a_long_heading_over_figures_rather_than_widen_its_column() {
    let table = "| Year | Herefordshire LAC cohort size | All non-LAC (England) | All non-LAC Herefordshire pupils | \
                 Herefordshire LAC | Gap nationally (% points) | Gap locally (% points) |\n\
                 |---|--:|--:|--:|--:|--:|--:|\n| 2015 | 14 | 80% | 80% | 44% | 36 | 36 |\n";
    let typst = markdown_to_typst(table);
    let columns = typst.split("columns: (").nth(1).unwrap().split(",)").next().unwrap().to_owned();
    let shares: Vec<usize> = columns.split(", ").map(|s| s.trim_end_matches("fr").parse().unwrap()).collect();
    let total: usize = shares.iter().sum();
    assert!(shares[3] * 100 / total < 30, "{typst}");
    // The bold "Herefordshire" of a heading fits its column.
    assert!(shares[1] * 110 / total >= "Herefordshire".len() + 2, "{typst}");
}
