//! Tests of the HTML writer, on the Markdown constructs the Typst writer
//! covers.

use super::*;
use crate::pdf::look::Look;
use crate::text::Contents;

fn meta() -> Meta {
    Meta {
        title: "CHILDREN'S SERVICES".to_owned(),
        subtitle: "County Council, 19 July 2016".to_owned(),
        council: "Hertfordshire County Council".to_owned(),
        author: "Richard Roberts".to_owned(),
        date: jiff::civil::date(2016, 7, 19).at(0, 0, 0, 0),
        ident: "meeting/childrens-services".to_owned(),
        look: Look::default(),
    }
}

fn body_of(markdown: &str) -> String {
    let meta = meta();
    let part = Part { markdown, meta: &meta, files: &[], charts: &[] };
    body::write(&Writing { part: &part, shift: 0, prefix: "" }).html
}

fn page_of(markdown: &str) -> String {
    let meta = meta();
    let part = Part { markdown, meta: &meta, files: &[], charts: &[] };
    document(&part, &Templates::load(None).unwrap(), &[]).unwrap()
}

#[test]
fn hangs_paragraph_numbers_only_at_the_top_level() {
    assert_eq!(
        body_of("1.1 Nothing to report."),
        "<p class=\"numbered\"><span class=\"number\">1.1 </span>Nothing to report.</p>\n"
    );
    assert_eq!(body_of("- 2.5 million"), "<ul>\n<li>2.5 million</li>\n</ul>\n");
    assert_eq!(body_of("2016 was a year"), "<p>2016 was a year</p>\n");
}

#[test]
fn labels_sub_items_as_the_pdf_does() {
    let html = body_of("- a. Take up\n- b. The offer");
    assert_eq!(
        html,
        "<ol class=\"labelled\">\n<li><span class=\"label\">a.</span> Take up</li>\n\
         <li><span class=\"label\">b.</span> The offer</li>\n</ol>\n"
    );
    assert!(body_of("- 2.1 One\n- 2.2 Two").contains("<span class=\"label\">2.2</span> Two"));
    assert!(body_of("3. Three\n4. Four").starts_with("<ol start=\"3\">"));
}

#[test]
fn escapes_every_piece_of_text_and_every_address() {
    let html = body_of("<script>alert(1)</script>\n\nText & \"q\" [x](https://a.example/?a=1&b=2)");
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    assert!(html.contains("Text &amp; &quot;q&quot;"), "{html}");
    assert!(html.contains("href=\"https://a.example/?a=1&amp;b=2\""), "{html}");
}

#[test]
fn gives_tables_a_caption_and_header_cells_with_scope() {
    let html = body_of("## 5.1 Performance\n\n| Measure | Latest |\n|---|--:|\n| Delays | 11.2 |\n");
    assert!(html.contains("<caption id=\"table-1\">5.1 Performance</caption>"), "{html}");
    assert!(
        html.contains("<th scope=\"col\">Measure</th><th scope=\"col\" class=\"right\">Latest</th>"),
        "{html}"
    );
    assert!(html.contains("<td>Delays</td><td class=\"right\">11.2</td>"), "{html}");
    assert!(html.contains("role=\"region\" aria-labelledby=\"table-1\" tabindex=\"0\""), "{html}");
}

#[test]
fn never_skips_a_heading_level() {
    let html = body_of("# Title\n\n### Too deep\n\n#### Deeper\n\n## Back");
    assert!(html.contains("<h1 id=\"title\">Title</h1>"), "{html}");
    assert!(html.contains("<h2 id=\"too-deep\">Too deep</h2>"), "{html}");
    assert!(html.contains("<h3 id=\"deeper\">Deeper</h3>"), "{html}");
    assert!(html.contains("<h2 id=\"back\">Back</h2>"), "{html}");
}

#[test]
fn gives_headings_of_the_same_words_their_own_ids() {
    let html = body_of("## Notes\n\n## Notes");
    assert!(html.contains("id=\"notes\"") && html.contains("id=\"notes-2\""), "{html}");
}

#[test]
fn writes_charts_inline_with_their_title_and_description_and_images_as_data() {
    let meta = meta();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"k-title k-desc\">\
               <title id=\"k-title\">Delays</title><desc id=\"k-desc\">Line chart</desc></svg>";
    let png = crate::input::images::tests::png_header(2, 2);
    let files = vec![("chart.svg".to_owned(), svg.as_bytes().to_vec()), ("photo.png".to_owned(), png)];
    let charts = vec!["chart.svg".to_owned()];
    let part = Part {
        markdown: "![Line chart](chart.svg)\n\n![A photo](photo.png)",
        meta: &meta,
        files: &files,
        charts: &charts,
    };
    let html = body::write(&Writing { part: &part, shift: 0, prefix: "part-2-" }).html;
    assert!(html.contains("<figure><svg"), "{html}");
    assert!(html.contains("aria-labelledby=\"part-2-k-title part-2-k-desc\""), "{html}");
    assert!(html.contains("<title id=\"part-2-k-title\">Delays</title>"), "{html}");
    assert!(html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo"), "{html}");
    assert!(html.contains("alt=\"A photo\""), "{html}");
}

#[test]
fn never_inlines_an_svg_the_council_gave() {
    let meta = meta();
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec();
    let files = vec![("logo.svg".to_owned(), svg)];
    let part = Part { markdown: "![Crest](logo.svg)", meta: &meta, files: &files, charts: &[] };
    let html = body::write(&Writing { part: &part, shift: 0, prefix: "" }).html;
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("<img src=\"data:image/svg+xml;base64,"), "{html}");
}

#[test]
fn makes_a_page_with_one_h1_a_skip_link_and_the_language() {
    let page = page_of("# CHILDREN'S SERVICES\n\n## 1. Decisions\n\n1.1 None.");
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"), "{page}");
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    assert!(page.contains("<title>CHILDREN&#39;S SERVICES – Hertfordshire County Council</title>"), "{page}");
    assert!(page.contains("<a class=\"skip-link\" href=\"#main\">"), "{page}");
    assert!(page.contains("<main id=\"main\""), "{page}");
    assert!(page.contains(":root { --brand: #1f4e79; }"), "{page}");
    assert!(!page.contains("src=\"http"), "a page fetches nothing: {page}");
    assert!(!page.contains("<nav class=\"contents\""), "few sections need no contents: {page}");
}

#[test]
fn lists_the_contents_of_a_document_with_more_than_a_few_sections() {
    let page = page_of("# T\n\n## 1. A\n\n## 2. B\n\n## 3. C\n\n## 4. D\n");
    assert!(page.contains("<nav class=\"contents\" aria-labelledby=\"contents-heading\">"), "{page}");
    assert!(page.contains("<li><a href=\"#4-d\">4. D</a></li>"), "{page}");
}

#[test]
fn gives_the_title_as_h1_when_the_document_has_none_or_several() {
    let page = page_of("## Only a section\n\ntext");
    assert!(page.contains("<h1>CHILDREN&#39;S SERVICES</h1>"), "{page}");
    assert!(page.contains("<h2 id=\"only-a-section\">"), "{page}");
    let page = page_of("# One\n\n# Two");
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    assert!(page.contains("<h2 id=\"one\">One</h2>") && page.contains("<h2 id=\"two\">Two</h2>"), "{page}");
}

#[test]
fn makes_a_pack_page_with_its_contents_and_each_document_a_level_down() {
    let meta = meta();
    let parts = ["# ADULT CARE\n\n## 1. A", "# CHILDREN\n\n## 1. A"]
        .iter()
        .map(|markdown| Part { markdown, meta: &meta, files: &[], charts: &[] })
        .collect();
    let contents =
        Contents { heading: "Contents".to_owned(), entries: vec!["Adult Care".into(), "Children".into()] };
    let pack = Pack { meta: &meta, contents: Some(contents), parts };
    let page = super::pack(&pack, &Templates::load(None).unwrap(), &[]).unwrap();
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    assert!(page.contains("<li><a href=\"#part-2\">Children</a></li>"), "{page}");
    assert!(
        page.contains("<article class=\"part\" id=\"part-2\">\n<h2 id=\"part-2-children\">CHILDREN</h2>"),
        "{page}"
    );
    assert!(page.contains("<h3 id=\"part-1-1-a\">1. A</h3>"), "{page}");
}

#[test]
fn leaves_out_a_footer_that_counts_pages() {
    let page = page_of("# T");
    assert!(!page.contains("{page}") && !page.contains("Page "), "{page}");
}
