//! A council's `council.yaml` as every kind honours it, the Executive
//! Member report included; and whole folders that cannot be built failing
//! alone while every other folder is written.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common;

const MEETING: &str = "2016-07-19-county-council";

fn exec_report() -> Command {
    Command::cargo_bin("exec-report").unwrap()
}

/// A copy of every example folder under `inputs/`, to change freely.
fn all_inputs(root: &Path) -> PathBuf {
    let inputs = root.join("inputs");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
    for folder in std::fs::read_dir(examples).unwrap().flatten() {
        let to = inputs.join(folder.file_name());
        std::fs::create_dir_all(&to).unwrap();
        for file in std::fs::read_dir(folder.path()).unwrap().flatten() {
            std::fs::copy(file.path(), to.join(file.file_name())).unwrap();
        }
    }
    inputs
}

/// The example meeting with `council.yaml` beside it.
fn meeting_with_council(root: &Path, council: &str) -> PathBuf {
    let meeting = root.join(MEETING);
    std::fs::create_dir_all(&meeting).unwrap();
    common::copy_example(&meeting);
    std::fs::write(meeting.join("council.yaml"), council).unwrap();
    meeting
}

#[test]
fn a_half_made_next_meeting_fails_alone_and_every_other_folder_is_written() {
    let root = tempfile::tempdir().unwrap();
    let inputs = all_inputs(root.path());
    // The next cycle's folder, started as an officer would: the meeting and
    // its KPIs, no reports yet.
    let next = inputs.join("2016-11-08-county-council");
    std::fs::create_dir_all(&next).unwrap();
    for file in ["meeting.yaml", "kpis.yaml"] {
        std::fs::copy(inputs.join(MEETING).join(file), next.join(file)).unwrap();
    }
    let out = root.path().join("output");
    exec_report()
        .args(["build", "--quiet", "--out"])
        .arg(&out)
        .arg(&inputs)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2016-11-08-county-council/meeting.yaml"))
        .stderr(predicate::str::contains("this meeting has no reports"))
        .stdout(predicate::str::contains("9 reports written, 1 failed"));
    for written in [
        "2016-07-19-county-council/executive-reports.pdf",
        "2016-07-19-county-council/index.md",
        "2016-07-19-county-council/childrens-services.pdf",
        "2017-07-05-herefordshire-cyp-scrutiny/agenda-pack.pdf",
        "2018-03-08-medway-cyp-scrutiny/childrens-services-portfolio-holder.pdf",
        "2019-12-11-stockton-cabinet/childrens-services-progress-update.pdf",
    ] {
        assert!(out.join(written).is_file(), "{written} was not written");
    }
    assert!(!out.join("2016-11-08-county-council").exists(), "nothing is written for the half-made meeting");
}

#[test]
fn a_councils_date_style_member_and_headings_reach_the_executive_member_report() {
    let root = tempfile::tempdir().unwrap();
    let meeting = meeting_with_council(
        root.path(),
        "name: Hertfordshire County Council\n\
         wording:\n  member: Cabinet Member\n  headings:\n    executive-report:\n      \
         partnerships: Partnership boards\n      title: \"EXECUTIVE PORTFOLIO: {portfolio}\"\n\
         style:\n  date: \"%A %-d %B %Y\"\n",
    );
    // A report that leaves its member's title out is signed in the council's words.
    let report = meeting.join("childrens-services.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    let text = text.replace("  title: Executive Member for Children's Services\n", "");
    std::fs::write(&report, text).unwrap();
    let markdown = common::markdown(&meeting, "childrens-services.md");
    assert!(markdown.starts_with("# EXECUTIVE PORTFOLIO: Children's Services\n"), "{markdown}");
    assert!(markdown.contains("Cabinet Member for Children's Services"), "{markdown}");
    assert!(markdown.contains("## 4. Partnership boards"), "{markdown}");
    assert!(
        markdown.contains("on Tuesday 17 May 2016"),
        "the previous meeting in the council's style: {markdown}"
    );
    assert!(markdown.contains("Friday 22 April 2016"), "the panel's date in the council's style: {markdown}");

    let pdf = common::pdf(&meeting, "childrens-services.pdf");
    let text = common::pdf_text(&pdf);
    assert!(text.contains("Partnership boards"), "{text}");
    assert!(text.contains("Tuesday 19 July 2016"), "the header's meeting date: {text}");
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    let info = document.trailer.get(b"Info").and_then(|info| document.get_dictionary(info.as_reference()?));
    let title = info.unwrap().get(b"Title").unwrap();
    let title = lopdf::decode_text_string(title).unwrap();
    assert_eq!(title, "Children's Services: Cabinet Member report");
}

#[test]
fn a_mistyped_heading_key_and_an_unknown_date_directive_are_errors_at_their_lines() {
    let root = tempfile::tempdir().unwrap();
    let meeting = meeting_with_council(
        root.path(),
        "wording:\n  headings:\n    executive-report:\n      partnership: Boards\n",
    );
    exec_report()
        .arg("check")
        .arg(&meeting)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`executive-report` has no heading `partnership`"))
        .stderr(predicate::str::contains("council.yaml:4:7"))
        .stderr(predicate::str::contains("did you mean `partnerships`?"));

    std::fs::write(meeting.join("council.yaml"), "style:\n  date: \"%-d %Q %Y\"\n").unwrap();
    exec_report()
        .arg("check")
        .arg(&meeting)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`%Q` in the date style is not a part of a date"))
        .stderr(predicate::str::contains("council.yaml:2:9"));
}

#[test]
fn one_kinds_heading_is_renamed_without_touching_anothers() {
    let root = tempfile::tempdir().unwrap();
    let inputs = all_inputs(root.path());
    let council = inputs.join("2017-07-05-herefordshire-cyp-scrutiny/council.yaml");
    let text = std::fs::read_to_string(&council).unwrap();
    let text =
        text.replace("  headings:\n", "  headings:\n    cabinet-update:\n      reasons: WHY THIS REPORT\n");
    std::fs::write(&council, text).unwrap();
    let report = inputs.join("2017-07-05-herefordshire-cyp-scrutiny/corporate-parenting-strategy.yaml");
    let rendered = exec_report::build::render_file(&report).unwrap();
    assert!(rendered.markdown.contains("Reasons for recommendations"), "{}", rendered.markdown);
    assert!(!rendered.markdown.contains("WHY THIS REPORT"));
}

#[test]
fn a_heading_without_its_kind_is_told_where_it_belongs() {
    let root = tempfile::tempdir().unwrap();
    let meeting = meeting_with_council(root.path(), "wording:\n  headings:\n    panels: Panels\n");
    exec_report()
        .arg("check")
        .arg(&meeting)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the heading `panels` is not under a kind of document"))
        .stderr(predicate::str::contains("put it under `executive-report:`"));
}

#[test]
fn the_readme_lists_every_heading_key_of_every_kind() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let templates = exec_report::render::Templates::load(None).unwrap();
    for kind in exec_report::kinds::KINDS {
        let keys = templates.headings(kind.name).unwrap();
        let listed = match keys.as_slice() {
            [] => "(none)".to_owned(),
            keys => keys.iter().map(|(key, _)| format!("`{key}`")).collect::<Vec<_>>().join(", "),
        };
        let row = format!("| `{}` | {listed} |", kind.name);
        assert!(readme.contains(&row), "the README lacks the row {row}");
    }
}

#[test]
fn the_councils_name_may_be_given_once_in_its_settings() {
    let root = tempfile::tempdir().unwrap();
    let meeting = meeting_with_council(root.path(), "name: Hertfordshire County Council\n");
    let file = meeting.join("meeting.yaml");
    let text = std::fs::read_to_string(&file).unwrap().replace("council: Hertfordshire County Council\n", "");
    std::fs::write(&file, text).unwrap();
    let index = common::markdown(&meeting, "index.md");
    assert!(index.contains("Hertfordshire County Council: County Council, 19 July 2016"), "{index}");
}
