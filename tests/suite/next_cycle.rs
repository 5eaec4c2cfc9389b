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

/// The example meeting copied into `work` under `name`.
fn example_named(work: &Path, name: &str) -> PathBuf {
    let last = work.join(name);
    std::fs::create_dir(&last).unwrap();
    common::copy_example(&last);
    last
}

/// Runs `new` on `last` for 8 November 2016; it must finish, whatever the
/// folder holds.
fn roll(last: &Path) -> assert_cmd::assert::Assert {
    exec_report()
        .arg("new")
        .arg(last)
        .args(["--date", "2016-11-08"])
        .timeout(std::time::Duration::from_secs(120))
        .assert()
}

/// The names in `folder`, sorted.
fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

#[cfg(unix)]
#[test]
fn copies_only_regular_files_and_says_what_it_skipped() {
    let work = tempfile::tempdir().unwrap();
    let last = example_named(work.path(), "2016-07-19-county-council");
    let secret = work.path().join("credentials.txt");
    std::fs::write(&secret, "password=hunter2").unwrap();
    std::os::unix::fs::symlink(&secret, last.join("notes.txt")).unwrap();
    std::os::unix::fs::symlink("/", last.join("everything")).unwrap();
    std::os::unix::fs::symlink(work.path().join("nowhere"), last.join("dangling.yaml")).unwrap();
    std::fs::create_dir(last.join("papers")).unwrap();
    std::fs::write(last.join("papers/appendix.pdf"), "%PDF-1.7").unwrap();
    let fifo = std::ffi::CString::new(last.join("papers/pipe.yaml").to_str().unwrap()).unwrap();
    // SAFETY: `fifo` is a valid C string naming a path in the test's folder.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let rolled = roll(&last).success();
    let stderr = stderr_of(&rolled);
    for line in [
        "skipped `dangling.yaml`: a symbolic link, which is not followed",
        "skipped `everything`: a symbolic link, which is not followed",
        "skipped `notes.txt`: a symbolic link, which is not followed",
        "skipped `papers/pipe.yaml`: a named pipe, not a file",
    ] {
        assert!(stderr.contains(line), "{line}:\n{stderr}");
    }
    let next = work.path().join("2016-11-08-county-council");
    assert_eq!(
        names(&next),
        ["adult-care-and-health.yaml", "childrens-services.yaml", "kpis.yaml", "meeting.yaml", "papers"]
    );
    assert_eq!(names(&next.join("papers")), ["appendix.pdf"]);
    assert!(std::fs::symlink_metadata(next.join("papers/appendix.pdf")).unwrap().is_file());
}

#[cfg(unix)]
#[test]
fn keeps_a_private_folders_and_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let set =
        |path: &Path, mode| std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    let work = tempfile::tempdir().unwrap();
    let last = example_named(work.path(), "2016-07-19-county-council");
    std::fs::create_dir(last.join("private")).unwrap();
    std::fs::write(last.join("private/draft.txt"), "draft").unwrap();
    for file in ["meeting.yaml", "adult-care-and-health.yaml", "private/draft.txt"] {
        set(&last.join(file), 0o600);
    }
    set(&last.join("childrens-services.yaml"), 0o640);
    set(&last.join("private"), 0o700);
    set(&last, 0o700);
    roll(&last).success();
    let next = work.path().join("2016-11-08-county-council");
    assert_eq!(mode(&next), 0o700);
    assert_eq!(mode(&next.join("private")), 0o700);
    for file in ["meeting.yaml", "adult-care-and-health.yaml", "private/draft.txt"] {
        assert_eq!(mode(&next.join(file)), 0o600, "{file}");
    }
    assert_eq!(mode(&next.join("childrens-services.yaml")), 0o640);
}

#[test]
fn fails_with_each_report_it_cannot_roll_forward_and_writes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let last = example_named(work.path(), "2016-07-19-county-council");
    let report = last.join("adult-care-and-health.yaml");
    let text =
        read(&report).replace("report_date: 2016-07-05", "report_date: 2016-07-05\nreport_dat: 2016-07-06");
    std::fs::write(&report, text).unwrap();
    std::fs::write(last.join("kpis.yaml"), "kpis:\n  - id: [not, an, id\n").unwrap();
    let failed = roll(&last).code(2);
    let stderr = stderr_of(&failed);
    assert!(stderr.contains("error: unknown key `report_dat`"), "{stderr}");
    assert!(stderr.contains("adult-care-and-health.yaml:9:1"), "{stderr}");
    assert!(stderr.contains("kpis.yaml:"), "both problems are told: {stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(names(work.path()), ["2016-07-19-county-council"], "nothing is left behind");
}

#[cfg(unix)]
#[test]
fn leaves_nothing_behind_when_the_name_is_taken_by_a_dangling_link() {
    let work = tempfile::tempdir().unwrap();
    let last = example_named(work.path(), "2016-07-19-county-council");
    let next = work.path().join("2016-11-08-county-council");
    std::os::unix::fs::symlink(work.path().join("gone"), &next).unwrap();
    let failed = roll(&last).code(1);
    assert!(stderr_of(&failed).contains("already exists: nothing was written"), "{}", stderr_of(&failed));
    assert_eq!(names(work.path()), ["2016-07-19-county-council", "2016-11-08-county-council"]);
    assert!(std::fs::symlink_metadata(&next).unwrap().is_symlink());
}

#[test]
fn tidies_the_half_made_folder_of_a_run_that_was_stopped() {
    let work = tempfile::tempdir().unwrap();
    let last = example_named(work.path(), "2016-07-19-county-council");
    // The folder a run with the largest process id, long ended, left.
    let left = work.path().join(format!(".exec-report-new-{}-a1b2c3", i32::MAX));
    std::fs::create_dir(&left).unwrap();
    std::fs::write(left.join("meeting.yaml"), "half").unwrap();
    let rolled = roll(&last).success();
    assert!(stderr_of(&rolled).contains(&format!("removed `.exec-report-new-{}-a1b2c3`", i32::MAX)));
    assert_eq!(names(work.path()), ["2016-07-19-county-council", "2016-11-08-county-council"]);
}

#[test]
fn never_rolls_a_commented_out_entry_forward_as_data() {
    let work = tempfile::tempdir().unwrap();
    let last = example_named(work.path(), "2016-07-19-county-council");
    let meeting = last.join("meeting.yaml");
    let text = read(&meeting).replace(
        "  - date: 2016-05-16\n",
        "#  - date: 2016-05-09\n#    items:\n#      - portfolio: Adult Care and Health\n#        title: Withdrawn\n  - date: 2016-05-16\n",
    );
    std::fs::write(&meeting, text).unwrap();
    roll(&last).success();
    let next = read(&work.path().join("2016-11-08-county-council/meeting.yaml"));
    assert!(
        !next.contains("2016-05-16") && !next.contains("Withdrawn") && !next.contains("2016-07-11"),
        "{next}"
    );
    assert!(next.contains("cabinet_meetings:\n  - date: 2016-09-19\n    items:\n"), "{next}");
}

#[test]
fn names_the_new_folder_with_the_separator_the_officer_used() {
    let work = tempfile::tempdir().unwrap();
    let last = example_named(work.path(), "2016-07-19 Cyngor Sir");
    roll(&last).success().stdout(predicate::str::contains("2016-11-08 Cyngor Sir: 2 reports"));
    assert_eq!(names(work.path()), ["2016-07-19 Cyngor Sir", "2016-11-08 Cyngor Sir"]);
    let work = tempfile::tempdir().unwrap();
    let undated = example_named(work.path(), "Cyngor Sir");
    roll(&undated).success();
    assert_eq!(names(work.path()), ["2016-11-08 Cyngor Sir", "Cyngor Sir"]);
}
