//! Every document and pack as a web page and a Word file, as a reader and
//! an officer meet them: built from the examples, opened and read back.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use exec_report::build::{self, Formats};

use crate::common;

const ALL: Formats = Formats { markdown: true, pdf: true, html: true, docx: true, typst: false };

/// Builds every example in every format into `out`.
fn build_examples(out: &Path) -> Vec<PathBuf> {
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let summary = build::run(&common::options(&inputs, out, ALL)).expect("the examples build");
    assert!(summary.failures.is_empty(), "{:?}", summary.failures);
    common::files_under(out).into_iter().map(|file| out.join(file)).collect()
}

fn with_extension(files: &[PathBuf], extension: &str) -> Vec<PathBuf> {
    files.iter().filter(|file| file.extension().is_some_and(|e| e == extension)).cloned().collect()
}

/// The named part of a Word file, as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a Word file is a zip");
    let mut text = String::new();
    archive.by_name(name).unwrap_or_else(|_| panic!("no {name}")).read_to_string(&mut text).unwrap();
    text
}

/// What a reader reads of a page or Word part: its text, without tags.
fn text_of(markup: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    common::squash(&text.replace("&#39;", "'").replace("&amp;", "&"))
}

#[test]
fn writes_every_document_and_pack_as_a_page_and_a_word_file_beside_an_index() {
    let out = tempfile::tempdir().unwrap();
    let files = build_examples(out.path());
    let names: Vec<String> =
        files.iter().map(|file| file.strip_prefix(out.path()).unwrap().display().to_string()).collect();
    for expected in [
        "2016-07-19-county-council/childrens-services.html",
        "2016-07-19-county-council/childrens-services.docx",
        "2016-07-19-county-council/executive-reports.html",
        "2016-07-19-county-council/executive-reports.docx",
        "2016-07-19-county-council/index.html",
        "2017-07-05-herefordshire-cyp-scrutiny/agenda-pack.html",
        "2017-07-05-herefordshire-cyp-scrutiny/agenda-pack.docx",
        "2017-07-05-herefordshire-cyp-scrutiny/index.html",
        "2019-12-11-stockton-cabinet/index.html",
    ] {
        assert!(names.iter().any(|name| name == expected), "no {expected} in {names:?}");
    }
    let index = std::fs::read_to_string(out.path().join("2016-07-19-county-council/index.html")).unwrap();
    for link in [
        "childrens-services.html",
        "childrens-services.pdf",
        "childrens-services.docx",
        "executive-reports.pdf",
    ] {
        assert!(index.contains(&format!("href=\"{link}\"")), "the index has no link to {link}");
    }
}

#[test]
fn makes_pages_that_hold_everything_and_read_in_order() {
    let out = tempfile::tempdir().unwrap();
    let files = build_examples(out.path());
    let pages = with_extension(&files, "html");
    assert!(pages.len() >= 14, "{pages:?}");
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let name = page.display();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"), "{name}");
        assert_eq!(html.matches("<h1").count(), 1, "{name} has one h1");
        assert!(html.contains("<title>") && html.contains("href=\"#main\""), "{name}");
        // Nothing is fetched: no scripts, stylesheets or pictures from elsewhere.
        for fetch in ["<script", "<link", "src=\"http", "src=\"/", "url("] {
            assert!(!html.contains(fetch), "{name} fetches: {fetch}");
        }
        let mut level = 0;
        for (at, _) in html.match_indices("<h") {
            if let Some(next) = html[at + 2..].chars().next().and_then(|c| c.to_digit(10)) {
                assert!(next as usize <= level + 1, "{name} skips from h{level} to h{next}");
                level = next as usize;
            }
        }
        // Every link leads somewhere: a file written beside the page, or a
        // heading on it.
        for href in html.split("href=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]) {
            if let Some(id) = href.strip_prefix('#') {
                assert!(html.contains(&format!("id=\"{id}\"")), "{name}: no #{id} on the page");
            } else if !href.contains(':') {
                let target = page.parent().unwrap().join(href);
                assert!(target.is_file(), "{name}: links to {href}, which was not written");
            }
        }
        for table in html.split("<table>").skip(1) {
            assert!(table.starts_with("\n<caption"), "{name}: a table without a caption");
            assert!(table.contains("<th scope=\"col\""), "{name}: a table without header cells");
        }
    }
    let report =
        std::fs::read_to_string(out.path().join("2016-07-19-county-council/adult-care-and-health.html"))
            .unwrap();
    assert!(report.contains("<svg") && report.contains("<title id=\"kpi-delayed-transfers-title\">"));
    assert!(report.contains("<nav class=\"contents\""));
    let text = text_of(&report);
    assert!(text.contains("1.1 There will have been 5 Cabinet meetings"), "{text}");
    assert!(text.contains("3.2 Cabinet – 2017"), "{text}");
}

#[test]
fn writes_seed_000s_derived_sentence_in_the_page_and_the_word_file() {
    let out = tempfile::tempdir().unwrap();
    build_examples(out.path());
    let folder = out.path().join("2016-07-19-county-council");
    let sentence = "rising from 62.8% in March 2015 to 69.4% in March 2016";
    let page = std::fs::read_to_string(folder.join("childrens-services.html")).unwrap();
    assert!(text_of(&page).contains(sentence));
    let docx = std::fs::read(folder.join("childrens-services.docx")).unwrap();
    assert!(text_of(&part(&docx, "word/document.xml")).contains(sentence));
}

#[test]
fn makes_word_files_with_styles_alt_text_header_rows_and_properties() {
    let out = tempfile::tempdir().unwrap();
    let files = build_examples(out.path());
    let words = with_extension(&files, "docx");
    assert!(words.len() >= 11, "{words:?}");
    for word in &words {
        let docx = std::fs::read(word).unwrap();
        let name = word.display();
        let document = part(&docx, "word/document.xml");
        let styles = part(&docx, "word/styles.xml");
        let core = part(&docx, "docProps/core.xml");
        assert!(document.contains("<w:pStyle w:val=\"Heading1\"/>"), "{name} has a Heading 1");
        assert!(styles.contains("<w:name w:val=\"heading 1\"/>"), "{name} names the built-in heading style");
        assert!(styles.contains("<w:lang w:val=\"en-GB\""), "{name} is in British English");
        assert!(core.contains("<dc:title>") && !core.contains("<dc:title></dc:title>"), "{name} has a title");
        assert!(core.contains("<dc:language>en-GB</dc:language>"), "{name}");
        for picture in document.split("<wp:docPr ").skip(1) {
            assert!(
                picture.contains("descr=\"") && !picture.contains("descr=\"\""),
                "{name}: a picture without alt text"
            );
        }
        for table in document.split("<w:tbl>").skip(1) {
            let first_row = table.split("</w:tr>").next().unwrap();
            assert!(
                first_row.contains("<w:tblHeader/>"),
                "{name}: a table whose first row is not a header row"
            );
        }
    }
    let report =
        std::fs::read(out.path().join("2016-07-19-county-council/adult-care-and-health.docx")).unwrap();
    let document = part(&report, "word/document.xml");
    assert!(
        document.contains("descr=\"Line chart of delayed transfers of care per 100,000 adults"),
        "the chart's alt text"
    );
    assert!(text_of(&document).contains("1.1 There will have been 5 Cabinet meetings"));
    let core = part(&report, "docProps/core.xml");
    assert!(core.contains("<dc:title>Adult Care and Health: Executive Member report</dc:title>"), "{core}");
    assert!(core.contains("<dc:creator>Sarah Ellis</dc:creator>"), "{core}");
}

#[test]
fn writes_the_same_pages_and_word_files_on_every_run() {
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let files = build_examples(first.path());
    build_examples(second.path());
    for file in files.iter().filter(|file| file.extension().is_some_and(|e| e == "html" || e == "docx")) {
        let twin = second.path().join(file.strip_prefix(first.path()).unwrap());
        assert!(std::fs::read(file).unwrap() == std::fs::read(&twin).unwrap(), "{} differs", file.display());
    }
}

/// Every page passes axe-core's WCAG 2.2 A and AA rules in headless
/// Chromium, when the machine has Chromium and the checker's packages
/// (`.ci/run` installs both); without them the check says that it did not
/// run.
#[test]
fn passes_the_accessibility_checker_in_a_browser() {
    let Some(browser) = common::browser("the browser check", "axe-core") else { return };
    let out = tempfile::tempdir().unwrap();
    let pages = with_extension(&build_examples(out.path()), "html");
    let checked = Command::new("node").arg(browser.join("axe.mjs")).args(&pages).output().unwrap();
    let report = String::from_utf8_lossy(&checked.stdout);
    assert!(
        checked.status.success(),
        "axe-core found problems:\n{report}{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    assert_eq!(report.matches(": 0 violations").count(), pages.len(), "{report}");
}

/// The page and the Word file's text of the example's Children's Services
/// report, as a reviewer reads them: a change to either shows in review.
#[test]
fn writes_the_example_report_as_its_snapshots_show() {
    let out = tempfile::tempdir().unwrap();
    build_examples(out.path());
    let folder = out.path().join("2016-07-19-county-council");
    let page = std::fs::read_to_string(folder.join("childrens-services.html")).unwrap();
    // The stylesheet has its own file; the page around it is what matters.
    let css = exec_report::render::Templates::load(None).unwrap().stylesheet().to_owned();
    insta::assert_snapshot!("childrens_services_html", page.replace(&css, "/* page.css */\n"));
    let docx = std::fs::read(folder.join("childrens-services.docx")).unwrap();
    let document =
        part(&docx, "word/document.xml").replace("</w:p>", "</w:p>\n").replace("<w:tbl>", "\n<w:tbl>");
    insta::assert_snapshot!("childrens_services_document_xml", document);
}
