//! The other kinds as PDFs: each example council's documents export as
//! PDF/UA-1 with its look, and the agenda pack's page ranges are the pages
//! the documents really stand on.

use crate::common;

use std::path::{Path, PathBuf};

use exec_report::build::{self, Formats};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs").join(name)
}

/// Builds an example folder to Markdown and PDF; returns its output folder.
fn build(name: &str) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let formats = Formats { markdown: true, pdf: true, html: false, docx: false, typst: false };
    let summary = build::run(&common::options(&example(name), out.path(), formats)).unwrap();
    assert!(summary.failures.is_empty(), "{:#?}", summary.failures);
    let folder = out.path().join(name);
    (out, folder)
}

/// The text of each page of a PDF, whitespace squashed.
fn page_texts(pdf: &[u8]) -> Vec<String> {
    let document = lopdf::Document::load_mem(pdf).unwrap();
    let pages = document.get_pages().len() as u32;
    (1..=pages).map(|page| common::squash(&document.extract_text(&[page]).unwrap_or_default())).collect()
}

fn assert_accessible(pdf: &[u8], title: &str) {
    let raw = String::from_utf8_lossy(pdf);
    assert!(raw.contains("<pdfuaid:part>1</pdfuaid:part>"), "PDF/UA-1");
    assert!(raw.contains("/StructTreeRoot"), "tagged");
    assert!(raw.contains(title), "the title {title:?} is in the metadata");
}

#[test]
fn each_example_council_exports_its_documents_as_pdf_ua_with_its_logo() {
    for (folder, file, title) in [
        ("2019-12-11-stockton-cabinet", "childrens-services-progress-update.pdf", "Stockton"),
        ("2018-03-08-medway-cyp-scrutiny", "childrens-services-portfolio-holder.pdf", "Medway"),
        ("2017-07-05-herefordshire-cyp-scrutiny", "corporate-parenting-strategy.pdf", "Herefordshire"),
        ("2017-07-05-herefordshire-cyp-scrutiny", "work-programme.pdf", "Herefordshire"),
    ] {
        let (_out, built) = build(folder);
        let pdf = std::fs::read(built.join(file)).unwrap();
        assert_accessible(&pdf, "");
        // The logo is an image with its alternative text.
        let raw = String::from_utf8_lossy(&pdf);
        assert!(raw.contains("/Alt"), "{file}: the logo has alternative text");
        assert!(page_texts(&pdf)[0].contains(title), "{file}: the council is named on page 1");
    }
}

#[test]
fn the_agenda_gives_the_pages_each_item_really_stands_on() {
    let (_out, built) = build("2017-07-05-herefordshire-cyp-scrutiny");
    let pdf = std::fs::read(built.join("agenda-pack.pdf")).unwrap();
    assert_accessible(&pdf, "Agenda pack");
    let pages = page_texts(&pdf);
    let agenda = std::fs::read_to_string(built.join("agenda.md")).unwrap();

    // Item 4's documents: the cover report, then its two appendices.
    let ranges: Vec<(usize, usize)> = agenda
        .lines()
        .filter_map(|line| line.strip_prefix("Pages "))
        .map(|range| match range.split_once(" - ") {
            Some((first, last)) => (first.parse().unwrap(), last.parse().unwrap()),
            None => (range.parse().unwrap(), range.parse().unwrap()),
        })
        .collect();
    assert_eq!(ranges.len(), 2, "items 4 and 7 have pages:\n{agenda}");
    let (report, programme) = (ranges[0], ranges[1]);

    // The agenda in the pack prints the same ranges as the Markdown.
    let agenda_pages = pages[..report.0 - 1].join(" ");
    for (first, last) in &ranges {
        let printed = if first == last { first.to_string() } else { format!("{first} - {last}") };
        assert!(agenda_pages.contains(&printed), "the pack's agenda prints {printed}");
    }

    // Each range starts where its first document starts and ends where the
    // next begins, and the last ends on the last page.
    assert!(pages[report.0 - 1].contains("Corporate parenting strategy"), "{}", pages[report.0 - 1]);
    assert!(pages[report.0 - 1].contains("Meeting"), "the cover report's metadata opens item 4");
    assert!(!pages[report.0 - 2].contains("Title of report"), "item 4 starts on its first page");
    assert_eq!(programme.0, report.1 + 1, "item 7 follows item 4");
    assert!(pages[programme.0 - 1].to_lowercase().contains("work programme"), "{}", pages[programme.0 - 1]);
    assert!(
        !pages[programme.0 - 2].to_lowercase().contains("meeting date: 5 july"),
        "item 7 starts on its first page"
    );
    assert_eq!(programme.1, pages.len(), "item 7 ends the pack");
    // Every page is stamped with its number in the pack, and each document
    // counts its own pages: the agenda's, before item 4, among themselves.
    for (index, text) in pages.iter().enumerate() {
        assert!(text.contains(&format!("Pack page {}", index + 1)), "page {}: {text}", index + 1);
    }
    let agenda_count = report.0 - 1;
    for (index, text) in pages[..agenda_count].iter().enumerate() {
        assert!(
            text.contains(&format!("Page {} of {agenda_count}", index + 1)),
            "page {}: {text}",
            index + 1
        );
    }
    assert!(
        pages[report.0 - 1].contains("Page 1 of"),
        "the cover report counts from 1: {}",
        pages[report.0 - 1]
    );
}
