//! Folders of documents of the other kinds, built as an officer builds them:
//! each document on its own, a bad one reported at its line while the others
//! are written, and nothing done again when nothing changed.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn exec_report() -> Command {
    Command::cargo_bin("exec-report").unwrap()
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs").join(name)
}

/// Copies an example folder into `to`, to change freely.
fn copy(name: &str, to: &Path) -> PathBuf {
    let folder = to.join(name);
    std::fs::create_dir_all(&folder).unwrap();
    for entry in std::fs::read_dir(example(name)).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
    }
    folder
}

#[test]
fn a_bad_document_is_reported_at_its_line_and_the_others_are_written() {
    let work = tempfile::tempdir().unwrap();
    let folder = copy("2017-07-05-herefordshire-cyp-scrutiny", work.path());
    let programme = folder.join("work-programme.yaml");
    let text = std::fs::read_to_string(&programme).unwrap().replacen("meetings:", "meetngs:", 1);
    std::fs::write(&programme, text).unwrap();
    let out = work.path().join("out");

    exec_report()
        .args(["build", "--out"])
        .arg(&out)
        .arg(&folder)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("work-programme.yaml:"))
        .stderr(predicate::str::contains("unknown key `meetngs`"))
        .stderr(predicate::str::contains("did you mean `meetings`?"))
        .stderr(predicate::str::contains("`agenda-pack.pdf` and `agenda-pack.html` were left as they were"));
    let written = common::files_under(&out.join("2017-07-05-herefordshire-cyp-scrutiny"));
    assert!(written.contains(&"corporate-parenting-strategy.pdf".to_owned()), "{written:?}");
    assert!(!written.iter().any(|name| name.starts_with("work-programme")), "{written:?}");
    assert!(!written.contains(&"agenda-pack.pdf".to_owned()), "{written:?}");
}

#[test]
fn a_rerun_with_nothing_changed_writes_nothing_and_a_change_renders_again() {
    let work = tempfile::tempdir().unwrap();
    let folder = copy("2019-12-11-stockton-cabinet", work.path());
    let out = work.path().join("out");
    let build = || exec_report().args(["build", "--format", "md", "--out"]).arg(&out).arg(&folder).assert();

    build().success().stdout(predicate::str::contains("1 report written"));
    let markdown = out.join("2019-12-11-stockton-cabinet/childrens-services-progress-update.md");
    let before = std::fs::read_to_string(&markdown).unwrap();
    build().success().stdout(predicate::str::contains("0 reports written, 1 unchanged"));

    let document = folder.join("childrens-services-progress-update.yaml");
    let text = std::fs::read_to_string(&document).unwrap().replace("Lisa Evans", "L Evans");
    std::fs::write(&document, text).unwrap();
    build().success().stdout(predicate::str::contains("1 report written"));
    assert_ne!(std::fs::read_to_string(&markdown).unwrap(), before);
    assert!(std::fs::read_to_string(&markdown).unwrap().contains("Councillor L Evans"));
}

#[test]
fn a_document_without_a_kind_beside_others_is_told_what_to_add() {
    let work = tempfile::tempdir().unwrap();
    let folder = copy("2019-12-11-stockton-cabinet", work.path());
    std::fs::write(folder.join("notes.yaml"), "title: Notes for the meeting\n").unwrap();
    exec_report()
        .args(["check"])
        .arg(&folder)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("notes.yaml"))
        .stderr(predicate::str::contains("names no `kind:`"))
        .stderr(predicate::str::contains("cabinet-update"));
}

#[test]
fn a_council_colour_that_is_not_a_colour_is_reported_at_its_line() {
    let work = tempfile::tempdir().unwrap();
    let folder = copy("2018-03-08-medway-cyp-scrutiny", work.path());
    let council = folder.join("council.yaml");
    let text = std::fs::read_to_string(&council).unwrap();
    let line = text.lines().position(|line| line.starts_with("brand_colour:")).unwrap() + 1;
    let text = text
        .lines()
        .map(|l| if l.starts_with("brand_colour:") { "brand_colour: navy" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&council, text).unwrap();
    exec_report()
        .args(["check"])
        .arg(&folder)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("council.yaml:{line}:")))
        .stderr(predicate::str::contains("`navy` is not a colour written as #rrggbb"));
}

#[test]
fn style_warnings_point_at_the_documents_line_and_can_stop_the_build() {
    let work = tempfile::tempdir().unwrap();
    let folder = copy("2019-12-11-stockton-cabinet", work.path());
    let document = folder.join("childrens-services-progress-update.yaml");
    let text = std::fs::read_to_string(&document).unwrap();
    let text = text.replacen("agreed by Cabinet in June 2017", "agreed by Cabinet on 12th June 2017", 1);
    std::fs::write(&document, &text).unwrap();
    let line = text.lines().position(|line| line.contains("12th June")).unwrap() + 1;
    let out = work.path().join("out");

    exec_report()
        .args(["check"])
        .arg(&folder)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("childrens-services-progress-update.yaml:{line}:")))
        .stderr(predicate::str::contains("[ordinal-date]"));
    // A build tells them in brief, by file and rule.
    exec_report()
        .args(["build", "--format", "md", "--out"])
        .arg(&out)
        .arg(&folder)
        .assert()
        .success()
        .stderr(predicate::str::contains("childrens-services-progress-update.yaml: "))
        .stderr(predicate::str::contains("1 ordinal-date"))
        .stderr(predicate::str::contains("`exec-report check` shows each at its line"))
        .stderr(predicate::str::contains("[ordinal-date]").not());
    exec_report()
        .args(["build", "--force", "--deny-warnings", "--format", "md", "--out"])
        .arg(&out)
        .arg(&folder)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("1 failed"));
}

/// A PNG of two pixels in the council's blue.
const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0, 123,
    64, 232, 221, 0, 0, 0, 13, 73, 68, 65, 84, 120, 156, 99, 144, 247, 171, 4, 34, 0, 5, 157, 1, 205, 70, 8,
    215, 36, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn a_council_can_bring_a_png_logo_and_its_own_font_files() {
    let work = tempfile::tempdir().unwrap();
    let folder = copy("2019-12-11-stockton-cabinet", work.path());
    std::fs::write(folder.join("logo.png"), PNG).unwrap();
    let font = typst_assets::fonts().find(|data| data.windows(14).any(|w| w == b"DejaVuSansMono")).unwrap();
    std::fs::write(folder.join("house.ttf"), font).unwrap();
    let council = folder.join("council.yaml");
    let text = std::fs::read_to_string(&council).unwrap().replace("logo.svg", "logo.png");
    std::fs::write(&council, format!("{text}fonts: [house.ttf]\nfont: DejaVu Sans Mono\n")).unwrap();
    let out = work.path().join("out");

    exec_report().args(["build", "--format", "pdf", "--out"]).arg(&out).arg(&folder).assert().success();
    let pdf = std::fs::read(out.join("2019-12-11-stockton-cabinet/childrens-services-progress-update.pdf"))
        .unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("DejaVuSansMono"), "the text is set in the council's font");
    assert!(raw.contains("/Subtype /Image") || raw.contains("/Subtype/Image"), "the PNG logo is embedded");
    assert!(raw.contains("<pdfuaid:part>1</pdfuaid:part>"), "still PDF/UA-1");

    std::fs::write(folder.join("house.ttf"), b"not a font").unwrap();
    exec_report()
        .args(["build", "--out"])
        .arg(&out)
        .arg(&folder)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`house.ttf` is not an OpenType or TrueType font"));
}

#[test]
fn a_council_changes_dates_and_wording_through_settings_and_templates_alone() {
    let work = tempfile::tempdir().unwrap();
    let folder = copy("2019-12-11-stockton-cabinet", work.path());
    let council = folder.join("council.yaml");
    let text = std::fs::read_to_string(&council).unwrap();
    std::fs::write(
        &council,
        format!("{text}\nstyle: {{ date: \"%A %-d %B %Y\", items: roman }}\n")
            .replace("style: { items: letters }\n", ""),
    )
    .unwrap();
    let templates = work.path().join("templates");
    exec_report().args(["templates", "export"]).arg(&templates).assert().success();
    let template = templates.join("cabinet-update.md");
    let edited = std::fs::read_to_string(&template).unwrap().replace("REPORT TO", "REPORT FOR");
    std::fs::write(&template, edited).unwrap();
    let out = work.path().join("out");

    exec_report()
        .args(["build", "--format", "md", "--templates"])
        .arg(&templates)
        .arg("--out")
        .arg(&out)
        .arg(&folder)
        .assert()
        .success();
    let markdown = std::fs::read_to_string(
        out.join("2019-12-11-stockton-cabinet/childrens-services-progress-update.md"),
    )
    .unwrap();
    assert!(
        markdown.contains("WEDNESDAY 11 DECEMBER 2019") || markdown.contains("Wednesday 11 December 2019")
    );
    assert!(markdown.contains("REPORT FOR CABINET"), "{markdown}");
    assert!(markdown.contains("- (i) Update on 2019/20 priorities"), "{markdown}");
}

#[test]
fn one_document_named_alone_goes_to_its_folders_output_without_the_pack() {
    let work = tempfile::tempdir().unwrap();
    let folder = copy("2017-07-05-herefordshire-cyp-scrutiny", work.path());
    let out = work.path().join("out");
    exec_report()
        .args(["build", "--out"])
        .arg(&out)
        .arg(folder.join("agenda.yaml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("1 report written (3 files)"));
    let written = common::files_under(&out.join("2017-07-05-herefordshire-cyp-scrutiny"));
    let shown: Vec<&String> = written.iter().filter(|name| !name.starts_with('.')).collect();
    assert_eq!(shown, ["agenda.html", "agenda.md", "agenda.pdf", "index.html"]);

    // The whole folder afterwards is not mistaken for made already.
    exec_report()
        .args(["build", "--out"])
        .arg(&out)
        .arg(&folder)
        .assert()
        .success()
        .stdout(predicate::str::contains("5 reports written"));
    assert!(out.join("2017-07-05-herefordshire-cyp-scrutiny/agenda-pack.pdf").is_file());
}
