//! `exec-report new`: a meeting rolled forward to the next cycle, as the
//! officer who starts the next round of reports meets it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common;

const MARKER: &str = "# exec-report: not yet updated for this cycle";

fn exec_report() -> Command {
    Command::cargo_bin("exec-report").unwrap()
}

/// The example meeting copied under a folder of its own name, and the
/// folder `new` makes beside it for 8 November 2016.
fn rolled_example(work: &Path) -> PathBuf {
    let last = work.join("2016-07-19-county-council");
    std::fs::create_dir(&last).unwrap();
    common::copy_example(&last);
    exec_report().args(["new"]).arg(&last).args(["--date", "2016-11-08"]).assert().success().stdout(
        predicate::str::contains("2016-11-08-county-council: 2 reports, 1 Forward Plan decision now due"),
    );
    work.join("2016-11-08-county-council")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn rolls_the_example_meeting_forward_as_its_snapshots_show() {
    let work = tempfile::tempdir().unwrap();
    let next = rolled_example(work.path());
    insta::assert_snapshot!("next_meeting_yaml", read(&next.join("meeting.yaml")));
    insta::assert_snapshot!(
        "next_adult_care_and_health_yaml",
        read(&next.join("adult-care-and-health.yaml"))
    );
    let meeting = read(&next.join("meeting.yaml"));
    assert!(meeting.contains("  date: 2016-11-08\n"), "{meeting}");
    assert!(meeting.contains("previous_meeting:\n  date: 2016-07-19\n"), "{meeting}");
    assert!(meeting.contains("previous_report:\n  date: 2016-07-19\n"), "{meeting}");
    assert!(meeting.contains("panels: []\n"), "{meeting}");
    // The decision the Forward Plan expected on 19 September 2016 is now a
    // Cabinet item to complete; the one expected in 2017 stays on the plan.
    assert!(meeting.contains("  - date: 2016-09-19\n    items:\n"), "{meeting}");
    assert!(meeting.contains("title: Supported living for adults with learning disabilities"), "{meeting}");
    assert!(!meeting.contains("ref: A012/16") && meeting.contains("ref: A019/16"), "{meeting}");
    assert!(!meeting.contains("Carers' Strategy"), "the last period's business is dropped: {meeting}");
    // The comments of the file are kept.
    assert!(meeting.starts_with("# yaml-language-server: $schema=../../schema/meeting.schema.json\n"));
    let report = read(&next.join("adult-care-and-health.yaml"));
    assert!(report.contains("consequences: []"), "{report}");
    assert!(report.contains("Carers are the backbone of care"), "narrative is kept: {report}");
}

#[test]
fn checks_and_builds_with_each_marker_reported_until_it_is_edited_away() {
    let work = tempfile::tempdir().unwrap();
    let next = rolled_example(work.path());
    let checked = exec_report().arg("check").arg(&next).assert().success();
    let stderr = String::from_utf8_lossy(&checked.get_output().stderr).into_owned();
    let markers: usize =
        ["meeting.yaml", "adult-care-and-health.yaml", "childrens-services.yaml", "kpis.yaml"]
            .iter()
            .map(|file| read(&next.join(file)).matches(MARKER).count())
            .sum();
    assert!(markers >= 10, "{markers} markers");
    assert_eq!(stderr.matches("warning: not yet updated for this cycle").count(), markers, "{stderr}");
    assert!(
        stderr.contains("adult-care-and-health.yaml:8:1"),
        "the report's date is marked at its line: {stderr}"
    );
    let out = work.path().join("out");
    exec_report().args(["build", "--out"]).arg(&out).arg(&next).assert().success();
    assert!(out.join("2016-11-08-county-council/adult-care-and-health.pdf").is_file());

    // An officer brings each part up to date and deletes its marker.
    for entry in std::fs::read_dir(&next).unwrap() {
        let path = entry.unwrap().path();
        let text = read(&path);
        let kept: Vec<&str> = text.lines().filter(|line| !line.contains(MARKER)).collect();
        std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    }
    let checked = exec_report().args(["check", "--deny-warnings"]).arg(&next).assert();
    let stderr = String::from_utf8_lossy(&checked.get_output().stderr).into_owned();
    assert!(!stderr.contains("not yet updated"), "{stderr}");
}

#[test]
fn never_overwrites_a_folder_and_refuses_a_date_that_is_not_later() {
    let work = tempfile::tempdir().unwrap();
    let next = rolled_example(work.path());
    std::fs::write(next.join("meeting.yaml"), "edited by an officer\n").unwrap();
    let last = work.path().join("2016-07-19-county-council");
    exec_report()
        .arg("new")
        .arg(&last)
        .args(["--date", "2016-11-08"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(read(&next.join("meeting.yaml")), "edited by an officer\n");
    exec_report()
        .arg("new")
        .arg(&last)
        .args(["--date", "2016-07-01"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the next meeting must come after this one, on 2016-07-19"));
    let names: Vec<String> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "nothing half-made is left behind: {names:?}");
}
