//! The council's style rules over the prose: warnings at their lines, which
//! a council can switch off and `--deny-warnings` makes errors.

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn check(folder: &Path, deny: bool) -> assert_cmd::assert::Assert {
    let mut command = Command::cargo_bin("exec-report").unwrap();
    command.arg("check").arg(folder);
    if deny {
        command.arg("--deny-warnings");
    }
    command.assert()
}

#[test]
fn warns_about_ordinal_dates_at_their_line_without_failing() {
    check(&common::example_meeting(), false)
        .success()
        .stdout(predicate::str::contains("11 style warnings"))
        .stderr(predicate::str::contains("warning: ordinal in a date: `1st April` [ordinal-date]"))
        .stderr(predicate::str::contains("childrens-services.yaml:31:68"))
        .stderr(predicate::str::contains("hint: write `1 April`"));
}

#[test]
fn fails_on_warnings_with_deny_warnings() {
    check(&common::example_meeting(), true)
        .code(2)
        .stdout(predicate::str::contains("1 failed"))
        .stderr(predicate::str::contains("[abbreviation]"));
}

#[test]
fn lets_a_council_switch_rules_off_and_set_its_reference_pattern() {
    let folder = tempfile::tempdir().unwrap();
    common::copy_example(folder.path());
    std::fs::write(
        folder.path().join("council.yaml"),
        "lints:\n  disabled: [ordinal-date, long-sentence, abbreviation, ampersand]\n  forward_plan_pattern: A999/99\n",
    )
    .unwrap();
    let meeting = folder.path().join("meeting.yaml");
    let text = std::fs::read_to_string(&meeting).unwrap().replace("ref: A019/16", "ref: A19/16");
    std::fs::write(&meeting, text).unwrap();
    check(folder.path(), false).success().stdout(predicate::str::contains("1 style warning:")).stderr(
        predicate::str::contains("Forward Plan reference `A19/16` does not follow the council's pattern"),
    );
}

#[test]
fn errors_at_the_line_of_an_unknown_setting() {
    let folder = tempfile::tempdir().unwrap();
    common::copy_example(folder.path());
    std::fs::write(folder.path().join("council.yaml"), "lints:\n  disable: [percent]\n").unwrap();
    check(folder.path(), false)
        .code(2)
        .stderr(predicate::str::contains("unknown key `disable`"))
        .stderr(predicate::str::contains("council.yaml:2:3"))
        .stderr(predicate::str::contains("did you mean `disabled`?"));
}

#[test]
fn warns_when_prose_says_will_have_been_of_meetings_already_held() {
    let folder = tempfile::tempdir().unwrap();
    common::copy_example(folder.path());
    let report = folder.path().join("adult-care-and-health.yaml");
    let text = std::fs::read_to_string(&report)
        .unwrap()
        .replace("report_date: 2016-07-05", "report_date: 2016-07-15")
        .replace("took effect on 4 April 2016.", "will have been in effect for three months.");
    std::fs::write(&report, text).unwrap();
    check(folder.path(), false).success().stderr(predicate::str::contains(
        "\"will have been\" although every Cabinet meeting of the period is past",
    ));
}

#[test]
fn a_warning_about_the_meeting_file_fails_the_meeting_with_deny_warnings() {
    let folder = tempfile::tempdir().unwrap();
    common::copy_example(folder.path());
    std::fs::write(
        folder.path().join("council.yaml"),
        "lints:\n  disabled: [ordinal-date, long-sentence, abbreviation, ampersand]\n  forward_plan_pattern: A999/99\n",
    )
    .unwrap();
    let meeting = folder.path().join("meeting.yaml");
    let text = std::fs::read_to_string(&meeting).unwrap().replace("ref: A019/16", "ref: A19/16");
    std::fs::write(&meeting, text).unwrap();
    check(folder.path(), true)
        .code(2)
        .stderr(predicate::str::contains(
            "Forward Plan reference `A19/16` does not follow the council's pattern",
        ))
        .stdout(predicate::str::contains("1 failed"));
}

#[test]
fn a_known_hyphenated_abbreviation_silences_its_parts() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("stockton");
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/2019-12-11-stockton-cabinet");
    common::copy_folder(&inputs, &folder);
    let document = folder.join("childrens-services-progress-update.yaml");
    let text = std::fs::read_to_string(&document).unwrap().replacen(
        "The WSOA was reported to Cabinet in October 2019.",
        "The WSOA was reported to Cabinet in October 2019. The H-CLIC returns were sent.",
        1,
    );
    std::fs::write(&document, text).unwrap();
    check(&folder, false).success().stderr(predicate::str::contains("abbreviation `CLIC`"));
    let council = folder.join("council.yaml");
    let settings = std::fs::read_to_string(&council).unwrap().replace("[CCG, SEND,", "[H-CLIC, CCG, SEND,");
    std::fs::write(&council, settings).unwrap();
    check(&folder, false)
        .success()
        .stderr(predicate::str::contains("`WSOA`"))
        .stderr(predicate::str::contains("abbreviation `CLIC`").not());
}
