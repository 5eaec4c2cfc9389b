//! Batch runs as democratic services rely on them before a Council meeting:
//! isolated failures, nothing half-written, unchanged reports skipped,
//! byte-identical output, and the meeting's pack.

use crate::common;

use crate::synth;

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;

const MEETING: &str = "2016-07-19-county-council";

fn exec_report() -> Command {
    Command::cargo_bin("exec-report").unwrap()
}

/// A copy of the example meeting to change freely, and an output folder.
fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let input = root.path().join(MEETING);
    std::fs::create_dir_all(&input).unwrap();
    common::copy_example(&input);
    let out = root.path().join("output");
    (root, input, out)
}

fn build(input: &Path, out: &Path) -> assert_cmd::assert::Assert {
    exec_report().args(["build", "--out"]).arg(out).arg(input).assert()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} is not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn read(out: &Path, name: &str) -> Vec<u8> {
    std::fs::read(out.join(MEETING).join(name)).unwrap()
}

#[test]
fn renders_the_other_reports_when_one_fails_and_keeps_its_old_files() {
    let (_root, input, out) = workspace();
    build(&input, &out).success();
    let good_adult = read(&out, "adult-care-and-health.md");
    let good_pack = read(&out, "executive-reports.pdf");

    edit(&input.join("adult-care-and-health.yaml"), "report_date: 2016-07-05", "report_date: 2016-07-32");
    edit(&input.join("childrens-services.yaml"), "Road Safety in Hertfordshire", "Road Safety in the County");
    build(&input, &out)
        .code(2)
        .stdout(predicate::str::contains("1 report written, 1 failed"))
        .stderr(predicate::str::contains("adult-care-and-health.yaml:8:14"))
        .stderr(predicate::str::contains("`executive-reports.html` were left as they were"));

    assert_eq!(read(&out, "adult-care-and-health.md"), good_adult, "the failed report's old file is kept");
    assert_eq!(read(&out, "executive-reports.pdf"), good_pack, "the pack is not remade without every report");
    let children = String::from_utf8(read(&out, "childrens-services.md")).unwrap();
    assert!(children.contains("5.4 Road Safety in the County"));
}

#[test]
fn skips_unchanged_reports_and_renders_changed_ones() {
    let (_root, input, out) = workspace();
    build(&input, &out).success().stdout(predicate::str::contains("2 reports written (10 files)"));
    build(&input, &out).success().stdout(predicate::str::contains("0 reports written, 2 unchanged"));

    edit(&input.join("childrens-services.yaml"), "name: Richard Roberts", "name: Richard Roberts OBE");
    build(&input, &out).success().stdout(predicate::str::contains("1 report written, 1 unchanged (6 files)"));
    let index = String::from_utf8(read(&out, "index.md")).unwrap();
    assert!(index.contains("Richard Roberts OBE"), "the index follows the changed report");

    edit(&input.join("meeting.yaml"), "date: 2016-05-17", "date: 2016-05-18");
    build(&input, &out).success().stdout(predicate::str::contains("2 reports written"));

    exec_report()
        .args(["build", "--force", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 reports written (10 files)"));
}

#[test]
fn renders_again_when_an_output_is_deleted_or_templates_change() {
    let (root, input, out) = workspace();
    build(&input, &out).success();
    std::fs::remove_file(out.join(MEETING).join("childrens-services.pdf")).unwrap();
    build(&input, &out).success().stdout(predicate::str::contains("1 report written, 1 unchanged"));

    let templates = root.path().join("templates");
    exec_report().args(["templates", "export"]).arg(&templates).assert().success();
    edit(&templates.join("theme.typ"), "#1f4e79", "#006600");
    exec_report()
        .args(["build", "--templates"])
        .arg(&templates)
        .arg("--out")
        .arg(&out)
        .arg(&input)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 reports written"));
}

#[test]
fn gives_byte_identical_files_for_the_same_inputs() {
    let (_root, input, out) = workspace();
    let again = out.with_file_name("again");
    build(&input, &out).success();
    build(&input, &again).success();
    for name in ["childrens-services.md", "childrens-services.pdf", "executive-reports.pdf", "index.md"] {
        assert!(read(&out, name) == read(&again, name), "{name} differs between two runs");
    }
}

#[test]
fn stamps_pdfs_with_source_date_epoch() {
    let (_root, input, out) = workspace();
    exec_report()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["build", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success();
    let pdf = read(&out, "childrens-services.pdf");
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    let info = document.trailer.get(b"Info").and_then(lopdf::Object::as_reference).unwrap();
    let date = document.get_dictionary(info).unwrap().get(b"CreationDate").unwrap().as_str().unwrap();
    assert_eq!(date, b"D:20231114221320Z");
}

#[test]
fn packs_every_report_after_a_contents_page_with_true_page_ranges() {
    let (_root, input, out) = workspace();
    edit(&input.join("meeting.yaml"), "panels:", "report_order: [Children's Services]\npanels:");
    build(&input, &out).success();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&read(&out, "executive-reports.pdf")).unwrap();
    let pages: Vec<String> = pages.iter().map(|page| common::squash(page)).collect();
    let children =
        lopdf::Document::load_mem(&read(&out, "childrens-services.pdf")).unwrap().get_pages().len();
    let adult =
        lopdf::Document::load_mem(&read(&out, "adult-care-and-health.pdf")).unwrap().get_pages().len();
    assert_eq!(pages.len(), 1 + children + adult);

    let contents = &pages[0];
    assert!(contents.contains("Children's Services . . ."), "{contents}");
    assert!(contents.contains(&format!("2 - {}", 1 + children)), "{contents}");
    assert!(contents.contains(&format!("{} - {}", 2 + children, 1 + children + adult)), "{contents}");
    assert!(pages[1].contains("CHILDREN'S SERVICES"), "the Children's Services report starts on page 2");
    assert!(
        pages[1 + children].contains("ADULT CARE AND HEALTH"),
        "the next report starts where the contents say"
    );
    // Each report counts its own pages, as its own PDF does, and every page
    // is stamped with its number in the pack.
    for (index, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Pack page {}", index + 1)), "page {}: {page}", index + 1);
    }
    assert!(pages[1].contains(&format!("Page 1 of {children}")), "{}", pages[1]);
    assert!(
        pages[pages.len() - 1].contains(&format!("Page {adult} of {adult}")),
        "{}",
        pages[pages.len() - 1]
    );
    // A report's own PDF is its pages of the pack, without the stamp.
    let own = pdf_extract::extract_text_from_mem_by_pages(&read(&out, "childrens-services.pdf")).unwrap();
    for (number, page) in own.iter().enumerate() {
        let in_pack = pages[1 + number].replace(&format!(" Pack page {}", 2 + number), "");
        assert_eq!(common::squash(page), in_pack, "page {} of the report", number + 1);
    }

    let index = String::from_utf8(read(&out, "index.md")).unwrap();
    let children_at = index.find("Children's Services").unwrap();
    assert!(children_at < index.find("Adult Care and Health").unwrap(), "the index follows report_order");
}

#[test]
fn stops_at_the_first_failure_with_fail_fast() {
    let (_root, input, out) = workspace();
    edit(&input.join("adult-care-and-health.yaml"), "\nmember:", "\nmembr:");
    exec_report()
        .env("RAYON_NUM_THREADS", "1")
        .args(["build", "--fail-fast", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown key `membr`"))
        .stdout(predicate::str::contains("0 reports written, 1 failed, 1 not started"));
}

#[test]
fn prints_a_line_per_report_in_logs_and_nothing_when_quiet() {
    let (_root, input, out) = workspace();
    build(&input, &out)
        .success()
        .stdout(predicate::str::contains(format!("rendered {MEETING}/childrens-services.yaml")));
    let quiet =
        exec_report().args(["build", "--quiet", "--force", "--out"]).arg(&out).arg(&input).assert().success();
    let stdout = String::from_utf8(quiet.get_output().stdout.clone()).unwrap();
    let stderr = String::from_utf8(quiet.get_output().stderr.clone()).unwrap();
    assert_eq!(stdout, "2 reports written (10 files)\n");
    assert!(!stderr.contains("warning"), "--quiet prints no warnings: {stderr}");
}

/// Every file a killed run left is a complete file of a finished run.
#[test]
fn leaves_only_complete_files_when_killed_midway() {
    let root = tempfile::tempdir().unwrap();
    let input = root.path().join("inputs");
    synth::write(&input, 24, 12);
    let complete = root.path().join("complete");
    exec_report().args(["build", "--quiet", "--out"]).arg(&complete).arg(&input).assert().success();

    let binary = assert_cmd::cargo::cargo_bin("exec-report");
    let mut midway = 0;
    for (attempt, delay) in [15u64, 40, 80, 150].into_iter().enumerate() {
        let killed = root.path().join(format!("killed-{attempt}"));
        let mut child = Process::new(&binary)
            .args(["build", "--quiet", "--out"])
            .arg(&killed)
            .arg(&input)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap();
        child.wait().unwrap();
        if files(&killed).len() < files(&complete).len() {
            midway += 1;
        }
        for file in files(&killed) {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with(".exec-report-tmp-") || name == ".exec-report-manifest.json" {
                continue;
            }
            let finished = complete.join(file.strip_prefix(&killed).unwrap());
            assert!(
                std::fs::read(&file).unwrap() == std::fs::read(&finished).unwrap(),
                "{} is incomplete",
                file.display()
            );
        }
        // The next run finishes the job and clears what the killed one left.
        exec_report().args(["build", "--quiet", "--out"]).arg(&killed).arg(&input).assert().success();
        assert!(files(&killed).iter().all(|f| !f.to_string_lossy().contains(".exec-report-tmp-")));
        assert_eq!(files(&killed).len(), files(&complete).len());
    }
    assert!(midway > 0, "no run was killed before it finished");
}

fn files(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() { found.extend(files(&path)) } else { found.push(path) }
    }
    found
}

/// A run takes its folders a few at a time, to keep its memory flat: every
/// folder is still built, and `--fail-fast` still stops the folders after
/// the first failure, however far on they are.
#[test]
fn builds_every_one_of_many_meetings_and_fails_fast_across_them() {
    let root = tempfile::tempdir().unwrap();
    let input = root.path().join("meetings");
    synth::write(&input, 40, 1);
    let out = root.path().join("out");
    exec_report()
        .args(["build", "--quiet", "--format", "md", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .success()
        .stdout(predicate::str::contains("40 reports written"));
    let meetings: Vec<PathBuf> =
        std::fs::read_dir(&out).unwrap().map(|entry| entry.unwrap().path()).collect();
    assert_eq!(meetings.len(), 40);
    assert!(meetings.iter().all(|meeting| meeting.join("index.md").exists()), "every meeting has its index");

    let mut first: Vec<PathBuf> =
        std::fs::read_dir(&input).unwrap().map(|entry| entry.unwrap().path()).collect();
    first.sort();
    let report = std::fs::read_dir(&first[0])
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.file_name().is_some_and(|name| name != "meeting.yaml"))
        .unwrap();
    edit(&report, "\nmember:", "\nmembr:");
    exec_report()
        .args(["build", "--quiet", "--force", "--fail-fast", "--format", "md", "--out"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("0 reports written, 1 failed, 39 not started"));
}
