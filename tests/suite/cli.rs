//! The `exec-report` command as an officer runs it: exit codes, messages and
//! the files it leaves behind.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;

fn exec_report() -> Command {
    Command::cargo_bin("exec-report").unwrap()
}

#[test]
fn builds_the_example_meeting_into_markdown_pdf_and_web_pages() {
    let out = tempfile::tempdir().unwrap();
    exec_report()
        .args(["build", "--out"])
        .arg(out.path())
        .arg(common::example_meeting())
        .assert()
        .success()
        .stdout(predicate::str::contains("2 reports written (10 files)"));
    let meeting = out.path().join("2016-07-19-county-council");
    assert_eq!(
        common::files_under(&meeting),
        [
            ".exec-report-manifest.json",
            "adult-care-and-health-delayed-transfers.svg",
            "adult-care-and-health.html",
            "adult-care-and-health.md",
            "adult-care-and-health.pdf",
            "childrens-services.html",
            "childrens-services.md",
            "childrens-services.pdf",
            "executive-reports.html",
            "executive-reports.pdf",
            "index.html",
            "index.md"
        ]
    );
    assert!(std::fs::read(meeting.join("childrens-services.pdf")).unwrap().starts_with(b"%PDF"));
}

#[test]
fn builds_a_single_report_file_of_a_meeting() {
    let out = tempfile::tempdir().unwrap();
    exec_report()
        .args(["build", "--format", "md", "--out"])
        .arg(out.path())
        .arg(common::example_meeting().join("childrens-services.yaml"))
        .assert()
        .success();
    assert_eq!(
        common::files_under(out.path()),
        [
            "2016-07-19-county-council/.exec-report-manifest.json",
            "2016-07-19-county-council/childrens-services.md"
        ]
    );
}

#[test]
fn builds_a_self_contained_report_file() {
    let out = tempfile::tempdir().unwrap();
    exec_report()
        .args(["build", "--format", "md,typ", "--out"])
        .arg(out.path())
        .arg(common::fixture("self-contained.yaml"))
        .assert()
        .success();
    assert_eq!(
        common::files_under(out.path()),
        [
            "self-contained/.exec-report-manifest.json",
            "self-contained/highways.md",
            "self-contained/highways.typ",
            "self-contained/index.md"
        ]
    );
    let markdown = std::fs::read_to_string(out.path().join("self-contained/highways.md")).unwrap();
    assert!(markdown.contains("1.1 There has been 1 Cabinet meeting (6 March 2023)"), "{markdown}");
}

#[test]
fn names_the_file_line_and_closest_key_for_an_unknown_key() {
    let out = tempfile::tempdir().unwrap();
    let assert = exec_report()
        .args(["build", "--out"])
        .arg(out.path())
        .arg(common::fixture("unknown-key"))
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let stderr = stderr.replace(&common::fixture("").display().to_string(), "tests/fixtures/");
    insta::assert_snapshot!(stderr);
    assert!(common::files_under(out.path()).is_empty(), "nothing is written when the input is bad");
}

#[test]
fn names_the_line_of_a_date_that_does_not_exist() {
    exec_report()
        .args(["check"])
        .arg(common::fixture("bad-date"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("meeting.yaml:10:9"))
        .stderr(predicate::str::contains("date: 2016-02-30"));
}

#[test]
fn leaves_earlier_output_untouched_when_the_input_is_bad() {
    let out = tempfile::tempdir().unwrap();
    let earlier = out.path().join("unknown-key/childrens-services.md");
    std::fs::create_dir_all(earlier.parent().unwrap()).unwrap();
    std::fs::write(&earlier, "the good report of last time").unwrap();
    exec_report()
        .args(["build", "--out"])
        .arg(out.path())
        .arg(common::fixture("unknown-key"))
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&earlier).unwrap(), "the good report of last time");
    assert_eq!(common::files_under(out.path()), ["unknown-key/childrens-services.md"]);
}

#[test]
fn checks_without_writing_anything() {
    let folder = tempfile::tempdir().unwrap();
    exec_report()
        .current_dir(folder.path())
        .arg("check")
        .arg(common::example_meeting())
        .assert()
        .success()
        .stdout(predicate::str::contains("2 reports checked"));
    assert!(common::files_under(folder.path()).is_empty());
}

#[test]
fn exits_with_2_and_a_hint_when_there_is_no_meeting() {
    let empty = tempfile::tempdir().unwrap();
    exec_report()
        .arg("check")
        .arg(empty.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no meeting or documents found here"))
        .stderr(predicate::str::contains("hint: a meeting folder holds `meeting.yaml`"));
}

#[test]
fn exports_templates_that_then_override_the_built_ins() {
    let folder = tempfile::tempdir().unwrap();
    let templates = folder.path().join("mine");
    exec_report().args(["templates", "export"]).arg(&templates).assert().success();
    assert_eq!(
        common::files_under(&templates),
        [
            "agenda.md",
            "appendix.md",
            "cabinet-update.md",
            "committee-report.md",
            "executive-report.md",
            "headings.yaml",
            "index.html",
            "meeting-index.md",
            "page.css",
            "page.html",
            "parts.md",
            "scrutiny-report.md",
            "theme.typ",
            "work-programme.md"
        ]
    );

    let template = templates.join("executive-report.md");
    let edited = std::fs::read_to_string(&template).unwrap().replace("I sit on the", "I am a member of the");
    std::fs::write(&template, edited).unwrap();
    let headings = templates.join("headings.yaml");
    let edited =
        std::fs::read_to_string(&headings).unwrap().replace("\"Key Partnerships\"", "\"Partnership Boards\"");
    std::fs::write(&headings, edited).unwrap();
    let out = folder.path().join("out");
    exec_report()
        .args(["build", "--format", "md", "--templates"])
        .arg(&templates)
        .arg("--out")
        .arg(&out)
        .arg(common::example_meeting())
        .assert()
        .success();
    let markdown =
        std::fs::read_to_string(out.join("2016-07-19-county-council/childrens-services.md")).unwrap();
    assert!(markdown.contains("## 4. Partnership Boards"), "{markdown}");
    assert!(markdown.contains("4.1 I am a member of the"), "{markdown}");
}

#[test]
fn refuses_to_overwrite_templates_on_export() {
    let folder = tempfile::tempdir().unwrap();
    exec_report().args(["templates", "export"]).arg(folder.path()).assert().success();
    exec_report()
        .args(["templates", "export"])
        .arg(folder.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn reports_a_template_error_with_its_line() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("executive-report.md"), "# {{ portfolio }\n").unwrap();
    exec_report()
        .args(["check", "--templates"])
        .arg(folder.path())
        .arg(common::example_meeting())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("executive-report.md:1"));
}

#[test]
fn explains_itself_in_help() {
    exec_report()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("build"))
        .stdout(predicate::str::contains("check"))
        .stdout(predicate::str::contains("meeting.yaml"));
}
