//! What an officer reads when something is wrong or worth a look: each
//! problem once, at its file and line, in the tool's words; warnings in
//! brief from `build`, in full from `check`, not at all with `--quiet`.

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn exec_report() -> Command {
    Command::cargo_bin("exec-report").unwrap()
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn build_counts_the_warnings_check_shows_each_and_quiet_shows_none() {
    let out = tempfile::tempdir().unwrap();
    let meeting = common::example_meeting();
    let build =
        exec_report().args(["build", "--format", "md", "--out"]).arg(out.path()).arg(&meeting).assert();
    let brief = stderr_of(&build.success());
    assert!(
        brief.contains("warning: 11 style warnings (`exec-report check` shows each at its line)"),
        "{brief}"
    );
    assert!(
        brief.contains(
            "childrens-services.yaml: 6 long-sentence, 3 ordinal-date, 1 abbreviation, 1 ampersand"
        ),
        "{brief}"
    );
    assert!(!brief.contains("-->"), "a build shows no warning at its line: {brief}");

    let check = stderr_of(&exec_report().arg("check").arg(&meeting).assert().success());
    assert_eq!(check.matches("warning: ").count(), 11, "{check}");
    assert!(check.contains("childrens-services.yaml:55:7"), "{check}");

    let mut quiet = exec_report();
    quiet.args(["build", "--quiet", "--force", "--format", "md", "--out"]).arg(out.path()).arg(&meeting);
    let quiet = stderr_of(&quiet.assert().success());
    assert!(!quiet.contains("warning"), "{quiet}");
}

#[test]
fn a_long_sentence_is_quoted_shortened_never_its_paragraph() {
    let check = exec_report().arg("check").arg(common::example_meeting()).assert().success();
    let stderr = stderr_of(&check);
    let warning = "warning: a sentence of 31 words (more than 25): \"It is expected that the majority of actions \
                   in the … take longer to embed.\" [long-sentence]\n  --> ";
    assert!(stderr.contains(warning), "{stderr}");
    // The sentence before it in the same paragraph is not quoted.
    assert!(!stderr.contains("\"As at April 2016"), "{stderr}");
}

/// Two document folders under one `council.yaml`.
fn two_folders_under_one_council(root: &Path, council: &str) {
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
    for name in ["2018-03-08-medway-cyp-scrutiny", "2019-12-11-stockton-cabinet"] {
        common::copy_folder(&inputs.join(name), &root.join(name));
        std::fs::remove_file(root.join(name).join("council.yaml")).unwrap();
    }
    std::fs::write(root.join("council.yaml"), council).unwrap();
}

#[test]
fn a_settings_mistake_is_told_once_however_many_folders_read_it() {
    let root = tempfile::tempdir().unwrap();
    two_folders_under_one_council(root.path(), "name: Borsetshire County Council\nstyle: { items: latin }\n");
    let check = exec_report().arg("check").arg(root.path()).assert().code(2);
    let stderr = stderr_of(&check);
    assert_eq!(stderr.matches("`latin` is not one of the values allowed here").count(), 1, "{stderr}");
    assert!(stderr.contains("council.yaml:2:17"), "{stderr}");
    assert!(stderr.contains("the values allowed here are `letters`"), "{stderr}");
    assert!(!stderr.contains("keys"), "values are not called keys: {stderr}");
    assert!(stderr.contains("the same problem stopped 2: "), "{stderr}");
}

#[test]
fn a_template_mistake_is_told_once_at_the_templates_line() {
    let work = tempfile::tempdir().unwrap();
    let meeting = work.path().join("meeting");
    std::fs::create_dir(&meeting).unwrap();
    common::copy_example(&meeting);
    let templates = work.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("executive-report.md"), "# {{ portfolio }}\n\nSigned, {{ signatory }}\n")
        .unwrap();
    let check = exec_report().arg("check").arg("--templates").arg(&templates).arg(&meeting).assert().code(2);
    let stderr = stderr_of(&check);
    assert_eq!(stderr.matches("error: the variable `signatory` is not known here").count(), 1, "{stderr}");
    let at = format!("--> {}:3:12", templates.join("executive-report.md").display());
    assert!(stderr.contains(&at), "{stderr}");
    assert!(stderr.contains("hint: did you mean `signature`?"), "{stderr}");
    assert!(stderr.contains("the same problem stopped 2: "), "{stderr}");
    assert!(!stderr.contains("cannot render"), "{stderr}");
}

#[test]
fn a_missing_key_is_told_at_the_entry_that_lacks_it() {
    let check = exec_report()
        .arg("check")
        .arg(common::fixture("bad-inputs/missing-cabinet-item-portfolio"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error: missing key `portfolio`"));
    let stderr = stderr_of(&check);
    assert!(stderr.contains("meeting.yaml:32:9\n"), "{stderr}");
    assert!(stderr.contains("32 |       - title: Better Care Fund plan 2016/17\n"), "{stderr}");
}
