//! What the YAML means, checked: each problem named at its file and line,
//! with a hint, before anything is published.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;

/// `check` on a copy of the example meeting with `from` replaced by `to`
/// in `file`.
fn check_with(file: &str, from: &str, to: &str) -> assert_cmd::assert::Assert {
    let folder = tempfile::tempdir().unwrap();
    common::copy_example(folder.path());
    let path = folder.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} is not in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    Command::cargo_bin("exec-report").unwrap().arg("check").arg(folder.path()).assert()
}

#[test]
fn errors_when_a_cabinet_meeting_is_outside_the_period() {
    check_with("meeting.yaml", "  - date: 2016-03-29", "  - date: 2016-03-01")
        .code(2)
        .stderr(predicate::str::contains(
            "error: the Cabinet meeting of 1 March 2016 is outside this report's period (22 March 2016 to 19 July 2016)",
        ))
        .stderr(predicate::str::contains("meeting.yaml:21:11"));
}

#[test]
fn errors_when_the_previous_meeting_is_not_before_this_one() {
    check_with("meeting.yaml", "date: 2016-05-17", "date: 2016-09-17")
        .code(2)
        .stderr(predicate::str::contains(
            "error: the previous Council meeting (17 September 2016) is not before this meeting (19 July 2016)",
        ))
        .stderr(predicate::str::contains("meeting.yaml:11:9"));
}

#[test]
fn errors_when_the_report_is_dated_after_the_meeting() {
    check_with("childrens-services.yaml", "report_date: 2016-07-05", "report_date: 2016-08-05")
        .code(2)
        .stderr(predicate::str::contains(
            "error: the report is dated 5 August 2016, after the Council meeting of 19 July 2016",
        ))
        .stderr(predicate::str::contains("childrens-services.yaml:7:14"));
}

#[test]
fn errors_when_an_item_names_a_portfolio_with_no_report() {
    check_with(
        "meeting.yaml",
        "portfolio: Adult Care and Health\n        title: Carers",
        "portfolio: Adult Care & Health\n        title: Carers",
    )
    .code(2)
    .stderr(predicate::str::contains("error: no report is for the portfolio `Adult Care & Health`"))
    .stderr(predicate::str::contains("hint: did you mean `Adult Care and Health`?"));
}

#[test]
fn errors_when_a_forward_plan_reference_is_used_twice() {
    check_with("meeting.yaml", "ref: A019/16", "ref: A012/16")
        .code(2)
        .stderr(predicate::str::contains("error: the Forward Plan reference `A012/16` is used twice"))
        .stderr(predicate::str::contains("hint: it is first used at line"));
}

#[test]
fn errors_when_a_link_is_not_a_web_address() {
    check_with(
        "meeting.yaml",
        "link: https://cmis.hertfordshire.gov.uk/hertfordshire/Calendarofcouncilmeetings.aspx",
        "link: cmis calendar",
    )
    .code(2)
    .stderr(predicate::str::contains("error: `cmis calendar` is not a web address"))
    .stderr(predicate::str::contains("hint: write it in full, starting `https://`"));
}

#[test]
fn errors_when_a_required_field_is_empty() {
    check_with("childrens-services.yaml", "name: Richard Roberts", "name: \"\"")
        .code(2)
        .stderr(predicate::str::contains("error: the member's `name` is empty"));
}

#[test]
fn errors_when_two_reports_are_for_the_same_portfolio() {
    let folder = tempfile::tempdir().unwrap();
    common::copy_example(folder.path());
    std::fs::copy(folder.path().join("childrens-services.yaml"), folder.path().join("zz-copy.yaml")).unwrap();
    Command::cargo_bin("exec-report")
        .unwrap()
        .arg("check")
        .arg(folder.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("zz-copy.yaml"))
        .stderr(predicate::str::contains("zz-copy.yaml:3:12"))
        .stderr(predicate::str::contains(
            "this document's files would be named `childrens-services`, as `childrens-services.yaml` is",
        ));
}
