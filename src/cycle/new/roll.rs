//! The text of each file for the next meeting, edited at the places the
//! YAML's parser reads: dates moved on, the last period's business
//! dropped, the Forward Plan's decisions now due made Cabinet items, and
//! a marker on everything an officer is still to bring up to date. A
//! value written in a way these edits cannot follow is an error at its
//! line, never a file copied as it was.

use std::path::Path;

use jiff::civil::Date;

use crate::cycle::edit::{self, Edits, Value, item_lines, mark, replace_value};
use crate::cycle::tree::{self, Kind, Node};
use crate::cycle::{CabinetItem, CabinetMeeting, cabinet_block, meeting_lines};
use crate::input::Diagnostic;
use crate::kinds::executive::model::Meeting;

/// What the markers ask for.
const NEW_VALUE: &str = "add this period's value to `values`";
const SECTION: &str = "this section, for the new period";
const CONSEQUENCES: &str = "the consequences of Cabinet decisions before the last meeting";
const REPORT_DATE: &str = "the date of this report";
const ANTICIPATED: &str = "the decisions Cabinet is still to make";
const DECIDED: &str = "what Cabinet decided, as its `summary`";

/// A file's text and where it is, for problems at its lines.
pub(super) struct File<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl File<'_> {
    /// The file's tree; a text its parser cannot read is told at its line.
    fn tree(&self) -> Result<Node, Diagnostic> {
        tree::parse(self.text).map_err(|problem| self.at(problem.at, problem.message))
    }

    /// A problem at byte `at` of the file.
    fn at(&self, at: usize, message: impl Into<String>) -> Diagnostic {
        let (line, column) = tree::line_and_column(self.text, at);
        Diagnostic::at(self.path, self.text, line, column, message.into())
    }
}

/// `meeting.yaml` for the meeting on `date`: its date and the two earlier
/// meetings' moved on; the Forward Plan's decisions due by `date` as
/// Cabinet items to complete, and taken off the plan; the last period's
/// Cabinet meetings and panels dropped; reports written inside it rolled
/// forward as their own files are. Gives the text and how many decisions
/// fell due.
pub(super) fn meeting(file: &File, meeting: &Meeting, date: Date) -> Result<(String, usize), Diagnostic> {
    let tree = file.tree()?;
    let mut edits = Edits::default();
    let last = meeting.meeting.date;
    set_date(&mut edits, file, &tree, "meeting", date)?;
    set_date(&mut edits, file, &tree, "previous_meeting", last)?;
    set_date(&mut edits, file, &tree, "previous_report", last)?;
    let due: Vec<usize> = (0..meeting.forward_plan.len())
        .filter(|&index| meeting.forward_plan[index].cabinet.is_some_and(|on| on > last && on <= date))
        .collect();
    set_cabinet(&mut edits, file.text, &tree, &now_due(meeting, &due));
    take_off_plan(&mut edits, file, &tree, &due)?;
    if let Some((key, value)) = tree.entry("panels") {
        replace_value(&mut edits, file.text, key, value, Value::Inline("[]"));
    }
    mark_items(&mut edits, file.text, tree.entry("kpis"), NEW_VALUE);
    for report in tree.get("reports").map(Node::items).unwrap_or_default() {
        report_edits(&mut edits, file.text, report);
    }
    Ok((edits.apply(file.text), due.len()))
}

/// A portfolio's report for the next meeting: its consequences dropped,
/// and a marker on its date, its anticipated decisions, each narrative
/// section and each KPI.
pub(super) fn report(file: &File) -> Result<String, Diagnostic> {
    let tree = file.tree()?;
    let mut edits = Edits::default();
    report_edits(&mut edits, file.text, &tree);
    Ok(edits.apply(file.text))
}

/// A KPI file for the next meeting: a marker on each KPI.
pub(super) fn kpi_file(file: &File) -> Result<String, Diagnostic> {
    let tree = file.tree()?;
    let mut edits = Edits::default();
    mark_items(&mut edits, file.text, tree.entry("kpis"), NEW_VALUE);
    Ok(edits.apply(file.text))
}

/// Sets the `date:` of the top-level `key` (`meeting:`,
/// `previous_meeting:`), keeping all else.
fn set_date(edits: &mut Edits, file: &File, tree: &Node, key: &str, date: Date) -> Result<(), Diagnostic> {
    let Some(map) = tree.get(key) else { return Ok(()) };
    match map.get("date") {
        Some(value @ Node { kind: Kind::Scalar(_), .. }) => {
            edits.replace(value.span.clone(), date.to_string());
            Ok(())
        }
        _ => Err(file
            .at(map.span.start, format!("the date of `{key}` cannot be moved on: it is not written here"))
            .with_hint(format!(
                "write `{key}:` with its own `date:`, such as `date: 2016-07-19`, not an alias"
            ))),
    }
}

/// The Forward Plan's decisions `due`, as the Cabinet meetings to list.
fn now_due(meeting: &Meeting, due: &[usize]) -> Vec<CabinetMeeting> {
    let mut cabinet: Vec<CabinetMeeting> = Vec::new();
    for &index in due {
        let entry = &meeting.forward_plan[index];
        let Some(on) = entry.cabinet else { continue };
        let item = CabinetItem {
            portfolio: Some(entry.portfolio.value.clone()),
            title: entry.title.clone().or_else(|| entry.summary.clone()),
            to_complete: Some(DECIDED.to_owned()),
            ..CabinetItem::default()
        };
        match cabinet.iter_mut().find(|meeting| meeting.date == on) {
            Some(meeting) => meeting.items.push(item),
            None => cabinet.push(CabinetMeeting { date: on, items: vec![item] }),
        }
    }
    cabinet.sort_by_key(|meeting| meeting.date);
    cabinet
}

/// `cabinet_meetings:` made to list `cabinet` alone: the last period's
/// meetings, and what was written among them, dropped.
fn set_cabinet(edits: &mut Edits, text: &str, tree: &Node, cabinet: &[CabinetMeeting]) {
    let Some((key, value)) = tree.entry("cabinet_meetings") else {
        edit::insert_lines(edits, text, text.len(), &cabinet_block(cabinet));
        return;
    };
    let new = match cabinet.is_empty() {
        true => Value::Inline("[]"),
        false => {
            Value::Block(edit::indented(&meeting_lines(cabinet), edit::column(text, key.span.start) + 2))
        }
    };
    replace_value(edits, text, key, value, new);
}

/// Takes the entries `due` off the Forward Plan, with their lines; what
/// is written between entries stays.
fn take_off_plan(edits: &mut Edits, file: &File, tree: &Node, due: &[usize]) -> Result<(), Diagnostic> {
    let Some((key, plan)) = tree.entry("forward_plan") else { return Ok(()) };
    if due.is_empty() {
        return Ok(());
    }
    if plan.is_flow() || due.iter().any(|&index| index >= plan.items().len()) {
        return Err(file
            .at(
                plan.span.start,
                "the Forward Plan's decisions now due cannot be taken out of it as it is written",
            )
            .with_hint(
                "write `forward_plan:` as a list of entries, each starting with `- ` on a line of its own",
            ));
    }
    for &index in due {
        edits.replace(item_lines(file.text, &plan.items()[index]), "");
    }
    if due.len() == plan.items().len() {
        edits.insert(edit::colon(file.text, key), " []");
    }
    Ok(())
}

/// The edits that roll a report's mapping forward: `consequences`
/// emptied, and markers on what is to bring up to date.
fn report_edits(edits: &mut Edits, text: &str, report: &Node) {
    if let Some((key, value)) = report.entry("consequences") {
        mark(edits, text, key.span.start, CONSEQUENCES);
        replace_value(edits, text, key, value, Value::Inline("[]"));
    }
    for (name, what) in [("report_date", REPORT_DATE), ("anticipated", ANTICIPATED)] {
        if let Some((key, _)) = report.entry(name) {
            mark(edits, text, key.span.start, what);
        }
    }
    mark_items(edits, text, report.entry("comments"), SECTION);
    mark_items(edits, text, report.entry("kpis"), NEW_VALUE);
}

/// A marker above each item of a list; above its key for a list written
/// in brackets, where a comment cannot stand between items.
fn mark_items(edits: &mut Edits, text: &str, entry: Option<(&Node, &Node)>, what: &str) {
    let Some((key, list)) = entry else { return };
    if list.is_flow() {
        if !list.items().is_empty() {
            mark(edits, text, key.span.start, what);
        }
        return;
    }
    for item in list.items() {
        mark(edits, text, edit::dash(text, item).unwrap_or(item.span.start), what);
    }
}

#[cfg(test)]
mod tests;
