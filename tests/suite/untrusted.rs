//! Inputs from many hands, as the tool meets them: names that would
//! collide, outputs inside the inputs, names a file system keeps, and
//! `check` refusing whatever `build` refuses.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::common;

fn exec_report() -> Command {
    Command::cargo_bin("exec-report").unwrap()
}

/// `exec-report build --format md --quiet --out <out> <input>`, run.
fn build_markdown(input: &Path, out: &Path) -> std::process::Output {
    exec_report().args(["build", "--format", "md", "--quiet", "--out"]).arg(out).arg(input).output().unwrap()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} does not hold {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// Two reports whose KPI charts would be written under one name: the second
/// is refused at the line of its KPI, and the first keeps its own chart.
#[test]
fn charts_that_would_share_a_file_name_are_refused_at_the_kpi() {
    let (_tmp, input, out) = common::example_copy();
    let first = input.join("adult-care-and-health.yaml");
    let second = input.join("second.yaml");
    std::fs::copy(&first, &second).unwrap();
    edit(&second, "portfolio: Adult Care and Health", "portfolio: Adult Care and Health Delayed");
    edit(&second, "delayed-transfers", "transfers");
    edit(&second, "value: 9.6", "value: 19.6");
    let output = build_markdown(&input, &out);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "error: two different files would be written as `adult-care-and-health-delayed-transfers.svg`"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("second.yaml:17:9"), "{stderr}");
    assert!(stderr.contains("`adult-care-and-health.yaml` writes a file of that name too"), "{stderr}");
    let chart =
        std::fs::read_to_string(out.join("meeting/adult-care-and-health-delayed-transfers.svg")).unwrap();
    assert!(chart.contains("9.6") && !chart.contains("19.6"), "the first report's chart was replaced");
}

/// Outputs written inside the inputs are never read back as inputs: a
/// second run finds nothing changed and no new folder to build.
#[test]
fn outputs_inside_the_inputs_are_not_inputs() {
    let (tmp, input, _) = common::example_copy();
    for out in [input.join("published"), tmp.path().join("published")] {
        let build = || build_markdown(tmp.path(), &out);
        let first = build();
        assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
        let second = build();
        assert_eq!(
            String::from_utf8_lossy(&second.stdout).lines().next(),
            Some("0 reports written, 2 unchanged (0 files)")
        );
    }
}

/// A portfolio named like a device Windows keeps gets a name every system
/// can make; `SOURCE_DATE_EPOCH` set but empty counts as unset.
#[test]
fn names_every_file_system_can_make() {
    let (_tmp, input, out) = common::example_copy();
    edit(&input.join("childrens-services.yaml"), "portfolio: Children's Services", "portfolio: CON");
    edit(&input.join("meeting.yaml"), "Children's Services", "CON");
    let output = exec_report()
        .env("SOURCE_DATE_EPOCH", "")
        .args(["build", "--format", "md", "--quiet", "--out"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(out.join("meeting/con-file.md").is_file());
}

/// `check` refuses every bad input of the corpus that `build` refuses,
/// without writing anything.
#[test]
fn check_refuses_what_build_refuses() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-inputs");
    let mut passed = Vec::new();
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(&corpus).unwrap().map(|entry| entry.unwrap().path()).collect();
    cases.sort();
    for case in cases.iter().filter(|case| case.is_dir()) {
        let expect = std::fs::read_to_string(case.join("expect")).unwrap();
        if expect.trim() == "0" || case.join("args").exists() {
            continue;
        }
        let copy = tempfile::tempdir().unwrap();
        let folder = copy.path().join(case.file_name().unwrap());
        common::copy_folder(case, &folder);
        let input = match std::fs::read_to_string(folder.join("input")) {
            Ok(input) => folder.join(input.trim()),
            Err(_) if !folder.join("meeting.yaml").exists() && folder.join("report.yaml").exists() => {
                folder.join("report.yaml")
            }
            Err(_) => folder.clone(),
        };
        let mut command = exec_report();
        command.current_dir(copy.path()).arg("check");
        if folder.join("templates").is_dir() {
            command.arg("--templates").arg(folder.join("templates"));
        }
        let output = command.arg(&input).timeout(std::time::Duration::from_secs(60)).output().unwrap();
        if output.status.code() == Some(0) {
            passed.push(case.file_name().unwrap().to_string_lossy().into_owned());
        }
        let written: Vec<String> = common::files_under(copy.path())
            .into_iter()
            .filter(|file| !file.starts_with(&*case.file_name().unwrap().to_string_lossy()))
            .collect();
        assert!(written.is_empty(), "check wrote {written:?}");
    }
    assert!(passed.is_empty(), "`check` passed what `build` refuses: {passed:?}");
}

/// A refused link in text the meeting's file gives every report is told at
/// its line in `meeting.yaml`, not somewhere in a report.
#[test]
fn a_problem_in_the_meeting_file_is_told_there() {
    let (_tmp, input, _) = common::example_copy();
    let summary = "summary: Cabinet agreed the strategy and its first year's action plan.";
    edit(
        &input.join("meeting.yaml"),
        summary,
        "summary: Cabinet agreed the [strategy](javascript:alert(1)).",
    );
    let output = exec_report().arg("check").arg(&input).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error: a link to `javascript:` is not allowed\n  --> "), "{stderr}");
    assert!(stderr.contains("meeting.yaml:26:48"), "{stderr}");
}

/// A device or a pipe named on the command line is refused, not read.
#[cfg(unix)]
#[test]
fn a_device_named_on_the_command_line_is_refused() {
    let output = exec_report()
        .args(["build", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with("error: this is neither a file nor a folder")
    );
}

/// A report is made again when an image it shows changes, and not when an
/// unrelated file of its folder does: big recordings cost nothing.
#[test]
fn only_the_files_a_document_shows_count_as_its_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("papers");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-inputs");
    common::copy_folder(&corpus.join("untrusted-image-missing"), &input);
    // A valid PNG of one transparent pixel.
    let mut picture: Vec<u8> = [
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000",
        "1f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082",
    ]
    .concat()
    .as_bytes()
    .chunks(2)
    .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
    .collect();
    std::fs::write(input.join("ward-map.png"), &picture).unwrap();
    let out = tmp.path().join("out");
    let build = || {
        let output = build_markdown(&input, &out);
        String::from_utf8_lossy(&output.stdout).lines().next().unwrap_or_default().to_owned()
    };
    assert_eq!(build(), "1 report written (2 files)");
    assert_eq!(
        std::fs::read(out.join("papers/ward-map.png")).unwrap(),
        picture,
        "the image is copied beside the Markdown"
    );
    std::fs::write(input.join("recording.mp4"), vec![0u8; 1 << 20]).unwrap();
    assert_eq!(build(), "0 reports written, 1 unchanged (0 files)");
    picture.push(0);
    std::fs::write(input.join("ward-map.png"), &picture).unwrap();
    assert_eq!(build(), "1 report written (2 files)");
}
