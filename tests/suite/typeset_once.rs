//! Each document is laid out once: inside its folder's pack when there is
//! one, its own PDF cut from the pack's pages. The cut PDF is the one the
//! document has when built alone, byte for byte.

use crate::{common, synth};

use std::path::{Path, PathBuf};

use exec_report::build::{self, Formats, Summary};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs").join(name)
}

fn build_into(input: &Path, out: &Path) -> Summary {
    let formats = Formats { markdown: true, pdf: true, html: false, docx: false, typst: false };
    build::run(&common::options(input, out, formats)).unwrap()
}

/// Builds `folder` whole, then each of `documents` (the stems of their
/// YAML files) alone, and compares their PDFs.
fn assert_cut_as_alone(folder: &Path, documents: &[&str]) {
    let name = folder.file_name().unwrap();
    let whole = tempfile::tempdir().unwrap();
    let summary = build_into(folder, whole.path());
    assert!(summary.failures.is_empty(), "{:#?}", summary.failures);
    for stem in documents {
        let alone = tempfile::tempdir().unwrap();
        let summary = build_into(&folder.join(format!("{stem}.yaml")), alone.path());
        assert!(summary.failures.is_empty(), "{:#?}", summary.failures);
        let pdfs: Vec<PathBuf> = std::fs::read_dir(alone.path().join(name))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "pdf"))
            .collect();
        let [own] = pdfs.as_slice() else { panic!("{stem} alone makes one PDF: {pdfs:?}") };
        let file = own.file_name().unwrap();
        let cut = std::fs::read(whole.path().join(name).join(file)).unwrap();
        assert!(cut == std::fs::read(own).unwrap(), "{file:?} cut from the pack differs from it built alone");
    }
}

#[test]
fn a_reports_pdf_cut_from_its_meetings_pack_is_its_pdf_alone() {
    assert_cut_as_alone(&common::example_meeting(), &["childrens-services", "adult-care-and-health"]);
}

#[test]
fn synthetic_reports_with_charts_are_cut_as_they_are_alone() {
    let root = tempfile::tempdir().unwrap();
    synth::write(root.path(), 3, 3);
    let meeting = std::fs::read_dir(root.path()).unwrap().next().unwrap().unwrap().path();
    let stems: Vec<String> = std::fs::read_dir(&meeting)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_stem().is_some_and(|stem| stem != "meeting"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(stems.len(), 3);
    let stems: Vec<&str> = stems.iter().map(String::as_str).collect();
    assert_cut_as_alone(&meeting, &stems);
}

#[test]
fn an_agenda_packs_documents_are_cut_as_they_are_alone() {
    assert_cut_as_alone(
        &example("2017-07-05-herefordshire-cyp-scrutiny"),
        &["corporate-parenting-strategy", "appendix-a-corporate-parenting-strategy", "work-programme"],
    );
}

#[test]
fn a_pack_that_cannot_be_typeset_leaves_each_report_to_be_typeset_alone() {
    let templates = tempfile::tempdir().unwrap();
    let theme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/theme.typ"))
        .unwrap()
        .replace(
            "#let pack-contents(entries) = {",
            "#let pack-contents(entries) = {\n  panic(\"no contents\")",
        );
    std::fs::write(templates.path().join("theme.typ"), theme).unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut options = common::options(
        &common::example_meeting(),
        out.path(),
        Formats { markdown: true, pdf: true, html: false, docx: false, typst: false },
    );
    options.templates = Some(templates.path().to_owned());
    let summary = build::run(&options).unwrap();

    let written = out.path().join("2016-07-19-county-council");
    for report in ["childrens-services.pdf", "adult-care-and-health.pdf"] {
        let pdf = std::fs::read(written.join(report)).unwrap();
        assert!(common::pdf_text(&pdf).contains("Cabinet decisions"), "{report} is typeset alone");
    }
    assert!(!written.join("executive-reports.pdf").exists(), "no pack is written");
    assert_eq!(summary.rendered, 2);
    assert_eq!(summary.failures.len(), 1, "{:#?}", summary.failures);
    let failure = format!("{:?}", summary.failures[0]);
    assert!(failure.contains("no contents") && failure.contains("theme"), "{failure}");
}
