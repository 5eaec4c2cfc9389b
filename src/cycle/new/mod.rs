//! Rolling a meeting's folder forward to the next meeting: the new folder
//! starts from the last cycle's files, with the dates moved on, the last
//! period's Cabinet business, consequences and panels dropped, the
//! decisions the Forward Plan expected in the new period listed as
//! Cabinet items to complete, and a marker on everything an officer is
//! still to bring up to date.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use jiff::civil::Date;

use super::edit::{self, replace_block};
use super::{CabinetItem, CabinetMeeting, cabinet_block};
use crate::input::{InputErrors, Source, read_text};
use crate::kinds::executive::model::{Meeting, Report};

/// What to roll forward, and to when.
pub struct Request {
    /// The last cycle's meeting folder.
    pub from: PathBuf,
    /// The date of the next meeting.
    pub date: Date,
}

/// What rolling forward made.
#[derive(Debug)]
pub struct Rolled {
    /// The new meeting folder.
    pub folder: PathBuf,
    /// The reports rolled forward.
    pub reports: usize,
    /// The Forward Plan's decisions now due, listed as Cabinet items.
    pub due: usize,
    /// The markers left for an officer.
    pub markers: usize,
}

/// Makes the next meeting's folder beside `request.from`. It never
/// overwrites: a folder of that name already there is an error. The new
/// folder appears whole or not at all.
pub fn roll(request: &Request) -> Result<Rolled> {
    let meeting_path = request.from.join("meeting.yaml");
    if !meeting_path.is_file() {
        bail!("`{}` is not a meeting folder: it has no `meeting.yaml`", request.from.display());
    }
    let text = read_text(&meeting_path).map_err(|problem| InputErrors(vec![problem]))?;
    let meeting: Meeting =
        Source { path: &meeting_path, text: &text }.parse().map_err(|p| InputErrors(vec![p]))?;
    let last = meeting.meeting.date;
    if request.date <= last {
        bail!("the next meeting must come after this one, on {last}; {} does not", request.date);
    }
    let target = next_folder(&request.from, request.date)?;
    if target.exists() {
        bail!("`{}` already exists: nothing was written, and it was left as it was", target.display());
    }
    let parent = target.parent().unwrap_or(Path::new("."));
    let staging = tempfile::Builder::new()
        .prefix(".exec-report-new-")
        .tempdir_in(parent)
        .with_context(|| format!("cannot write in `{}`", parent.display()))?;
    let mut rolled = Rolled { folder: target.clone(), reports: 0, due: 0, markers: 0 };
    for entry in std::fs::read_dir(&request.from)
        .with_context(|| format!("cannot read `{}`", request.from.display()))?
    {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default();
        let out = staging.path().join(name);
        if path.is_dir() {
            copy_folder(&path, &out)?;
            continue;
        }
        let rolled_text = if path == meeting_path {
            let (text, due) = roll_meeting(&text, &meeting, request.date);
            rolled.due = due;
            Some(text)
        } else if meeting.kpi_files.iter().any(|file| request.from.join(file) == path) {
            Some(mark_items(&read_text(&path).map_err(|p| InputErrors(vec![p]))?, "kpis", NEW_VALUE))
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            let report_text = read_text(&path).map_err(|p| InputErrors(vec![p]))?;
            let report = Source { path: &path, text: &report_text }.parse::<Report>().ok();
            report.filter(|report| report.kind.is_none()).map(|_| {
                rolled.reports += 1;
                roll_report(&report_text)
            })
        } else {
            None
        };
        match rolled_text {
            Some(text) => {
                rolled.markers += text.matches(edit::MARKER).count();
                std::fs::write(&out, text).with_context(|| format!("cannot write `{}`", out.display()))?;
            }
            None => {
                std::fs::copy(&path, &out).with_context(|| format!("cannot copy `{}`", path.display()))?;
            }
        }
    }
    let staged = staging.keep();
    std::fs::rename(&staged, &target).with_context(|| format!("cannot create `{}`", target.display()))?;
    Ok(rolled)
}

/// The next meeting's folder: the last one's name with its date changed,
/// or the date put before it.
fn next_folder(from: &Path, date: Date) -> Result<PathBuf> {
    let name = from
        .canonicalize()
        .ok()
        .and_then(|path| path.file_name().map(|name| name.to_string_lossy().into_owned()))
        .ok_or_else(|| anyhow::anyhow!("`{}` has no folder name", from.display()))?;
    let dated = name.get(..10).is_some_and(|start| start.parse::<Date>().is_ok());
    let rest = if dated { name[10..].trim_start_matches('-') } else { name.as_str() };
    let parent = from.canonicalize()?.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(parent.join(if rest.is_empty() { date.to_string() } else { format!("{date}-{rest}") }))
}

fn copy_folder(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let out = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_folder(&path, &out)?;
        } else {
            std::fs::copy(&path, &out).with_context(|| format!("cannot copy `{}`", path.display()))?;
        }
    }
    Ok(())
}

/// What the markers ask for.
const NEW_VALUE: &str = "add this period's value to `values`";

/// `meeting.yaml` for the next meeting: its date and the two earlier
/// meetings' moved on; the Forward Plan's decisions due by `date` as
/// Cabinet items to complete, and taken off the plan; the last period's
/// Cabinet meetings and panels dropped. Gives the text and how many
/// decisions fell due.
fn roll_meeting(text: &str, meeting: &Meeting, date: Date) -> (String, usize) {
    let last = meeting.meeting.date;
    let mut text = set_date(text, "meeting", date);
    text = set_date(&text, "previous_meeting", last);
    text = set_date(&text, "previous_report", last);
    let due: Vec<usize> = (0..meeting.forward_plan.len())
        .filter(|&index| {
            meeting.forward_plan[index].cabinet.is_some_and(|cabinet| cabinet > last && cabinet <= date)
        })
        .collect();
    let mut cabinet: Vec<CabinetMeeting> = Vec::new();
    for &index in &due {
        let entry = &meeting.forward_plan[index];
        let Some(on) = entry.cabinet else { continue };
        let item = CabinetItem {
            portfolio: Some(entry.portfolio.value.clone()),
            title: entry.title.clone().or_else(|| entry.summary.clone()),
            to_complete: Some("what Cabinet decided, as its `summary`".to_owned()),
            ..CabinetItem::default()
        };
        match cabinet.iter_mut().find(|meeting| meeting.date == on) {
            Some(meeting) => meeting.items.push(item),
            None => cabinet.push(CabinetMeeting { date: on, items: vec![item] }),
        }
    }
    cabinet.sort_by_key(|meeting| meeting.date);
    text = replace_block(&text, "cabinet_meetings", &cabinet_block(&cabinet));
    text = remove_items(&text, "forward_plan", &due);
    text = replace_block(&text, "panels", "panels: []\n");
    (text, due.len())
}

/// `text` with the `date:` of top-level `key` (`meeting:`,
/// `previous_meeting:`) set to `date`, all else kept.
fn set_date(text: &str, key: &str, date: Date) -> String {
    let Some((start, end)) = edit::block(text, key) else { return text.to_owned() };
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let inline = format!("{key}: {{");
    for line in &mut lines[start..end] {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("date:") {
            let indent = line.len() - trimmed.len();
            let comment = rest.find(" #").map(|at| &rest[at..]).unwrap_or_default();
            *line = format!("{}date: {date}{comment}", " ".repeat(indent));
        } else if line.starts_with(&inline) {
            // `previous_meeting: { date: 2016-05-17 }`
            if let Some(at) = line.find("date:") {
                let after = &line[at + 5..];
                let value_end = after.find([',', '}']).unwrap_or(after.len());
                let value = &after[..value_end];
                let spacing = &value[value.trim_end().len()..];
                *line = format!("{}date: {date}{spacing}{}", &line[..at], &after[value_end..]);
            }
        }
    }
    lines.join("\n") + "\n"
}

/// `text` without the items (by index, from 0) of the list of top-level
/// `key`.
fn remove_items(text: &str, key: &str, drop: &[usize]) -> String {
    if drop.is_empty() {
        return text.to_owned();
    }
    let starts = edit::items(text, key);
    let Some((_, end)) = edit::block(text, key) else { return text.to_owned() };
    let lines: Vec<&str> = text.lines().collect();
    let mut gone = vec![false; lines.len()];
    for &index in drop {
        let Some(&start) = starts.get(index) else { continue };
        let stop = starts.get(index + 1).copied().unwrap_or(end);
        gone[start..stop].iter_mut().for_each(|line| *line = true);
    }
    let kept: Vec<&str> =
        lines.iter().zip(&gone).filter(|(_, gone)| !**gone).map(|(line, _)| *line).collect();
    let mut out = kept.join("\n") + "\n";
    if edit::items(&out, key).is_empty() && edit::block(&out, key).is_some_and(|(s, e)| e == s + 1) {
        out = replace_block(&out, key, &format!("{key}: []\n"));
    }
    out
}

/// A report for the next meeting: the last one's, its consequences
/// dropped, and a marker on its date, its anticipated decisions, each
/// narrative section and each KPI.
fn roll_report(text: &str) -> String {
    let mut text = replace_block(text, "consequences", "consequences: []\n");
    text = mark_key(&text, "consequences", "the consequences of Cabinet decisions before the last meeting");
    text = mark_key(&text, "report_date", "the date of this report");
    text = mark_key(&text, "anticipated", "the decisions Cabinet is still to make");
    text = mark_items(&text, "comments", "this section, for the new period");
    mark_items(&text, "kpis", NEW_VALUE)
}

/// `text` with a marker above top-level `key`, when it is there.
fn mark_key(text: &str, key: &str, what: &str) -> String {
    match edit::block(text, key) {
        Some((start, _)) => edit::mark(text, start, what),
        None => text.to_owned(),
    }
}

/// `text` with a marker above each item of the list of top-level `key`.
fn mark_items(text: &str, key: &str, what: &str) -> String {
    // From the last, so that the earlier items' lines stay where they are.
    edit::items(text, key).iter().rev().fold(text.to_owned(), |text, &line| edit::mark(&text, line, what))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_the_dates_on_in_block_and_inline_style() {
        let text = "meeting:\n  body: Council\n  date: 2016-07-19 # the July meeting\nprevious_meeting: { date: 2016-05-17 }\n";
        let moved = set_date(text, "meeting", jiff::civil::date(2016, 11, 8));
        let moved = set_date(&moved, "previous_meeting", jiff::civil::date(2016, 7, 19));
        assert_eq!(
            moved,
            "meeting:\n  body: Council\n  date: 2016-11-08 # the July meeting\nprevious_meeting: { date: 2016-07-19 }\n"
        );
    }

    #[test]
    fn removes_list_items_and_leaves_an_empty_list_readable() {
        let text = "forward_plan:\n  - ref: A\n    title: One\n  - ref: B\n    title: Two\npanels: []\n";
        assert_eq!(
            remove_items(text, "forward_plan", &[0]),
            "forward_plan:\n  - ref: B\n    title: Two\npanels: []\n"
        );
        assert_eq!(remove_items(text, "forward_plan", &[0, 1]), "forward_plan: []\npanels: []\n");
    }

    #[test]
    fn marks_a_reports_narrative_and_drops_its_consequences() {
        let text = "portfolio: P\nreport_date: 2016-07-05\nconsequences:\n  - Old news.\ncomments:\n  - title: A\n    body: x\n  - title: B\n";
        let rolled = roll_report(text);
        assert!(!rolled.contains("Old news."), "{rolled}");
        assert!(rolled.contains("consequences: []\n"), "{rolled}");
        assert_eq!(rolled.matches(edit::MARKER).count(), 4, "{rolled}");
        assert!(
            rolled.contains(&format!("  {}: this section, for the new period\n  - title: B", edit::MARKER)),
            "{rolled}"
        );
    }
}
