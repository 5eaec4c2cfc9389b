//! The PDF as a reader and a screen reader meet it: pages, metadata and
//! text, never bytes.

use crate::common;

use proptest::prelude::*;

fn children_pdf() -> Vec<u8> {
    common::pdf(&common::example_meeting(), "childrens-services.pdf")
}

fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).expect("a readable PDF").get_pages().len()
}

#[test]
fn typesets_the_report_on_a4_pages() {
    let pdf = children_pdf();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(page_count(&pdf), 3);
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    let (_, first) = document.get_pages().into_iter().next().unwrap();
    let page = document.get_dictionary(first).unwrap();
    let media_box: Vec<f32> =
        page.get(b"MediaBox").unwrap().as_array().unwrap().iter().map(|n| n.as_float().unwrap()).collect();
    assert_eq!(media_box.iter().map(|n| n.round() as i32).collect::<Vec<_>>(), [0, 0, 595, 842]);
}

/// A text entry of the PDF's document information or catalog.
fn entry(document: &lopdf::Document, dictionary: &[u8], key: &[u8]) -> String {
    let reference = document.trailer.get(dictionary).and_then(lopdf::Object::as_reference).unwrap();
    let object = document.get_dictionary(reference).unwrap().get(key).unwrap();
    String::from_utf8_lossy(object.as_str().unwrap()).into_owned()
}

#[test]
fn carries_title_author_language_and_conformance() {
    let pdf = children_pdf();
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    assert_eq!(entry(&document, b"Info", b"Title"), "Children's Services: Executive Member report");
    assert_eq!(entry(&document, b"Info", b"Author"), "Richard Roberts");
    assert_eq!(entry(&document, b"Info", b"CreationDate"), "D:20160719000000Z", "dated from the data");
    assert_eq!(entry(&document, b"Root", b"Lang"), "en-GB");
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("<pdfuaid:part>1</pdfuaid:part>"), "PDF/UA-1");
    assert!(
        raw.contains("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>"),
        "PDF/A-2a"
    );
    assert!(raw.contains("/StructTreeRoot"), "tagged");
}

#[test]
fn bookmarks_every_heading() {
    let pdf = children_pdf();
    let raw = String::from_utf8_lossy(&pdf);
    for heading in
        ["Children's Services", "1. Cabinet decisions", "5.1.4 Return Home Interviews", "6. Cabinet Panels"]
    {
        assert!(raw.contains(&format!("/Title({heading}")), "no bookmark for {heading:?}");
    }
}

#[test]
fn reads_as_the_report_says() {
    let text = common::pdf_text(&children_pdf());
    for expected in [
        "CHILDREN'S SERVICES",
        "1. Cabinet decisions since the last Executive Report to the County Council",
        "There will have been 5 Cabinet meetings (29 March 2016, 18 April 2016, 16 May 2016, 20 June 2016 and 11 July 2016)",
        "2.1 Nothing to report.",
        "5.1.1 Priorities",
        "Richard Roberts Executive Member for Children's Services July 2016",
        "Hertfordshire County Council",
        "Page 1 of 3",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in the PDF's text:\n{text}");
    }
}

#[test]
fn embeds_kpi_charts_whose_figures_are_in_the_text() {
    let pdf = common::pdf(&common::example_meeting(), "adult-care-and-health.pdf");
    let raw = String::from_utf8_lossy(&pdf);
    assert!(
        raw.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "the report with a chart still exports as PDF/UA-1"
    );
    assert!(
        raw.contains("/Alt(Line chart of delayed transfers of care per 100,000 adults: 9.6 in Q4 2014/15")
    );
    let text = common::pdf_text(&pdf);
    // The chart's labels are placed glyph by glyph, so the extracted text
    // spaces them out: compare without spaces.
    let chart = text[text.find("paid work: Adult social care").unwrap()..].replace(' ', "");
    for figure in ["Q42014/15", "9.6", "10.4", "11.2", "England12.1", "EastofEngland11.8", "Target10.5"] {
        assert!(chart.contains(figure), "{figure:?} is not in the chart's text:\n{chart}");
    }
}

#[test]
fn typesets_tables_lists_and_quotes_of_the_narrative() {
    let text = common::pdf_text(&common::pdf(&common::example_meeting(), "adult-care-and-health.pdf"));
    for expected in [
        // The KPI table's cells, whose lines the extraction may interleave.
        "Delayed transfers",
        "(Q4 2015/16)",
        "up (deterioration)",
        "seven-day social work cover on the wards;",
        "one contact for the family, and",
        "Carers are the backbone of care in Hertfordshire.",
        "Forward Plan ref: A012/16. Supported living for adults with learning disabilities.",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in the PDF's text:\n{text}");
    }
}

/// A report whose every plain-text field holds `text`.
fn report_with(text: &str) -> String {
    let quoted = serde_json_string(text);
    format!(
        "council: {quoted}\nmeeting: {{ body: {quoted}, date: 2016-07-19 }}\n\
         previous_meeting: {{ date: 2016-05-17 }}\nprevious_report: {{ date: 2016-03-22 }}\n\
         cabinet_meetings:\n  - date: 2016-04-18\n    items:\n      - {{ portfolio: P, title: {quoted} }}\n\
         reports:\n  - portfolio: P\n    member: {{ name: {quoted}, title: {quoted} }}\n\
         \x20   report_date: 2016-07-05\n    partnerships: [{quoted}]\n    comments:\n      - title: {quoted}\n"
    )
}

/// A YAML double-quoted scalar holding `text` exactly.
fn serde_json_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Text is data: Typst and Markdown syntax in any field comes out as
    /// typed, in the Markdown's text and in the PDF's.
    #[test]
    fn any_text_in_a_field_appears_literally_in_the_pdf(
        text in "[A-Za-z0-9]{1,4}[ -~£é’äöüßçñøłΩμέγαδПриветжщ]{0,30}[A-Za-z0-9]{1,4}"
    ) {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("report.yaml");
        std::fs::write(&file, report_with(&text)).unwrap();
        let pdf = common::pdf(&file, "p.pdf");
        // A change of font (Cyrillic comes from a fallback font) makes the
        // extractor insert a space, so compare without spaces.
        let expected: String = text.split_whitespace().collect();
        let pdf_text: String = common::pdf_text(&pdf).split_whitespace().collect();
        prop_assert!(pdf_text.contains(&expected), "{:?} is not in the PDF's text:\n{}", expected, pdf_text);
    }
}

#[test]
fn typst_syntax_in_a_field_is_printed_not_run() {
    let text = r##"#read("/etc/passwd") $x$ <a> @b // ] [ * _ ` \ = - + ~ 'q' "dq""##;
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("report.yaml");
    std::fs::write(&file, report_with(text)).unwrap();
    let pdf_text = common::pdf_text(&common::pdf(&file, "p.pdf"));
    assert!(pdf_text.contains(text), "{pdf_text}");
    assert!(!pdf_text.contains("root:"), "a file was read");
}
