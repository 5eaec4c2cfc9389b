//! Folders of documents of the other kinds, built as an officer builds them:
//! each document on its own, a bad one reported at its line while the others
//! are written, and nothing done again when nothing changed.

mod common;

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
        .stderr(predicate::str::contains("the agenda pack was not made"));
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
        .args(["build", "--format", "md", "--out"])
        .arg(&out)
        .arg(&folder)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("childrens-services-progress-update.yaml:{line}:")))
        .stderr(predicate::str::contains("[ordinal-date]"));
    exec_report()
        .args(["build", "--force", "--deny-warnings", "--format", "md", "--out"])
        .arg(&out)
        .arg(&folder)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("1 failed"));
}
