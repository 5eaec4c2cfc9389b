//! The check stage: what parsed YAML means, checked against itself. Every
//! problem points at the line of the YAML it comes from.

use std::collections::HashMap;

use jiff::civil::Date;
use serde_saphyr::Spanned;

use crate::input::{Diagnostic, Source, closest};
use crate::kinds::executive::calendar::{Period, Tense};
use crate::kinds::executive::model::{Meeting, Report};
use crate::kinds::executive::paragraphs;
use crate::lint::{self, LintSettings};
use crate::render::words::long_date;

/// Checks a meeting's dates, references and links. `portfolios` names the
/// meeting's reports, when all of them were read.
pub fn meeting(source: Source, meeting: &Meeting, portfolios: Option<&[&str]>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if meeting.council.trim().is_empty() {
        let message = "the council's name is given neither here nor in `council.yaml`".to_owned();
        let hint = "add `council:` with the council's name here, or `name:` in `council.yaml`";
        problems.push(source.at_key("council", message).with_hint(hint));
    }
    problems.extend(dates(source, meeting));
    if let Some(portfolios) = portfolios {
        problems.extend(references(source, meeting, portfolios));
    }
    problems.extend(cabinet_items(source, meeting));
    problems.extend(forward_plan(source, meeting));
    problems.extend(joint_panels(source, meeting));
    problems.extend(links(source, meeting));
    problems
}

fn dates(source: Source, meeting: &Meeting) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let this = meeting.meeting.date;
    for (earlier, what) in [
        (&meeting.previous_meeting.date, "previous Council meeting"),
        (&meeting.previous_report.date, "previous Executive Report"),
    ] {
        if earlier.value >= this {
            let message = format!(
                "the {what} ({}) is not before this meeting ({})",
                long_date(earlier.value),
                long_date(this)
            );
            problems.push(
                source.at(earlier.referenced, message).with_hint("check the year and month of both dates"),
            );
        }
    }
    let period = Period::of(meeting);
    for cabinet in &meeting.cabinet_meetings {
        if !period.contains(cabinet.date.value) {
            let message = format!(
                "the Cabinet meeting of {} is outside this report's period ({} to {})",
                long_date(cabinet.date.value),
                long_date(period.start),
                long_date(period.end)
            );
            let hint =
                "list only the Cabinet meetings held from the previous Executive Report up to this meeting";
            problems.push(source.at(cabinet.date.referenced, message).with_hint(hint));
        }
    }
    problems
}

/// Every portfolio named by an item, decision or panel meeting has a report.
fn references(source: Source, meeting: &Meeting, portfolios: &[&str]) -> Vec<Diagnostic> {
    let named = meeting
        .cabinet_meetings
        .iter()
        .flat_map(|cabinet| cabinet.items.iter().map(|item| &item.portfolio))
        .chain(meeting.forward_plan.iter().map(|entry| &entry.portfolio))
        .chain(meeting.panels.iter().map(|panel| &panel.portfolio));
    named
        .filter(|portfolio| !portfolios.contains(&portfolio.value.as_str()))
        .map(|portfolio| {
            if portfolio.value.trim().is_empty() {
                // Left for an officer by `import moderngov`.
                return source
                    .at(portfolio.referenced, "the portfolio is not given yet".to_owned())
                    .with_hint(format!("give the portfolio it belongs to: {}", quoted_list(portfolios)));
            }
            let message = format!("no report is for the portfolio `{}`", portfolio.value);
            let problem = source.at(portfolio.referenced, message);
            match closest(&portfolio.value, portfolios) {
                Some(name) => problem.with_hint(format!("did you mean `{name}`?")),
                None => problem.with_hint(format!("the reports are for {}", quoted_list(portfolios))),
            }
        })
        .collect()
}

/// Whether an optional text is missing or blank.
fn blank(text: Option<&str>) -> bool {
    text.is_none_or(|text| text.trim().is_empty())
}

fn cabinet_items(source: Source, meeting: &Meeting) -> Vec<Diagnostic> {
    let items = meeting.cabinet_meetings.iter().flat_map(|cabinet| &cabinet.items);
    items
        .filter(|item| blank(item.title.as_deref()) && blank(item.summary.as_deref()))
        .map(|item| {
            let message = "this Cabinet item has neither a `title` nor a `summary`";
            source
                .at(item.portfolio.referenced, message)
                .with_hint("give the item's title, what was decided, or both")
        })
        .collect()
}

fn forward_plan(source: Source, meeting: &Meeting) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, &Spanned<String>> = HashMap::new();
    for entry in &meeting.forward_plan {
        if blank(entry.title.as_deref()) && blank(entry.summary.as_deref()) {
            let message = "this Forward Plan entry has neither a `title` nor a `summary`";
            let hint = "give the decision's title, a sentence on what Cabinet will decide, or both";
            problems.push(source.at(entry.portfolio.referenced, message).with_hint(hint));
        }
        let Some(reference) = &entry.reference else { continue };
        if let Some(first) = seen.insert(reference.value.as_str(), reference) {
            let message = format!("the Forward Plan reference `{}` is used twice", reference.value);
            let hint = format!("it is first used at line {}", first.referenced.line());
            problems.push(source.at(reference.referenced, message).with_hint(hint));
        }
    }
    problems
}

/// A joint meeting names each other portfolio once, and not its own.
fn joint_panels(source: Source, meeting: &Meeting) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for panel in &meeting.panels {
        let mut named = vec![panel.portfolio.value.trim()];
        for other in &panel.joint_with {
            if named.contains(&other.value.trim()) {
                let message = format!("the joint meeting names the portfolio `{}` twice", other.value);
                let hint = "`joint_with` lists the other portfolios whose panels met with this one";
                problems.push(source.at(other.referenced, message).with_hint(hint));
            }
            named.push(other.value.trim());
        }
    }
    problems
}

fn links(source: Source, meeting: &Meeting) -> Vec<Diagnostic> {
    meeting
        .panels
        .iter()
        .filter_map(|panel| panel.link.as_ref())
        .filter(|link| !link.value.trim().is_empty() && !is_web_address(link.value.trim()))
        .map(|link| {
            let message = format!("`{}` is not a web address", link.value);
            source.at(link.referenced, message).with_hint("write it in full, starting `https://`")
        })
        .collect()
}

/// Whether a panel's link is a web address: one the link rule allows, and
/// more narrowly an `http` or `https` address of a named host.
fn is_web_address(link: &str) -> bool {
    if crate::markup::links::judge(link) != Ok(crate::markup::links::Allowed::Address) {
        return false;
    }
    let rest = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.') && !rest.chars().any(|c| c.is_whitespace() || c == '<' || c == '>' || c == '"')
    })
}

/// Checks one report against its meeting.
pub fn report(source: Source, meeting: &Meeting, report: &Report) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let written: Date = report.report_date.value;
    if written > meeting.meeting.date {
        let message = format!(
            "the report is dated {}, after the Council meeting of {}",
            long_date(written),
            long_date(meeting.meeting.date)
        );
        problems.push(
            source
                .at(report.report_date.referenced, message)
                .with_hint("a report is written before the meeting it goes to"),
        );
    }
    if report.portfolio.value.trim().is_empty() {
        problems.push(source.at(report.portfolio.referenced, "`portfolio` is empty"));
    } else if report.portfolio.value.split(['/', '\\']).any(|part| part.trim() == "..") {
        let message = format!("the portfolio's name `{}` looks like a path", report.portfolio.value);
        let hint = "name the portfolio as Cabinet does, such as `Children's Services`";
        problems.push(source.at(report.portfolio.referenced, message).with_hint(hint));
    }
    problems.extend(paragraphs::check(source, report, &crate::kinds::Document::prose(report)));
    let title = report.member.title.as_deref().unwrap_or("-");
    for (key, value) in [("name", report.member.name.as_str()), ("title", title)] {
        if value.trim().is_empty() {
            problems.push(source.at_key(key, format!("the member's `{key}` is empty")));
        }
    }
    problems
}

/// A warning when the report's prose says "will have been" of a period
/// whose Cabinet meetings are all past.
pub fn tense_warnings(source: Source, meeting: &Meeting, report: &Report) -> Vec<Diagnostic> {
    let period = Period::of(meeting);
    let held = period.cabinet_meetings(meeting).into_iter().map(|cabinet| cabinet.date.value);
    let past = Tense::of(report.report_date.value, held) == Tense::Past;
    let texts = crate::kinds::Document::prose(report);
    if past && texts.iter().any(|text| text.contains("will have been")) {
        let message = "\"will have been\" although every Cabinet meeting of the period is past".to_owned();
        let hint = "write \"have been\", as the report's own sentences do".to_owned();
        return vec![source.at_text("will have been", message, Some(hint))];
    }
    Vec::new()
}

/// The council's Forward Plan reference pattern over a meeting's entries,
/// and the panel meetings whose papers are not linked yet.
pub fn lint_meeting(source: Source, meeting: &Meeting, settings: &LintSettings) -> Vec<Diagnostic> {
    let unlinked =
        meeting.panels.iter().filter(|panel| blank(panel.link.as_ref().map(|link| link.value.as_str())));
    let unlinked = unlinked.map(|panel| {
        let message =
            format!("the panel meeting of {} has no `link` to its papers yet", long_date(panel.date));
        let at = panel.link.as_ref().map_or(panel.portfolio.referenced, |link| link.referenced);
        source
            .at(at, message)
            .as_warning()
            .with_hint("add the web address of its papers once they are published")
    });
    let references =
        meeting.forward_plan.iter().filter_map(|entry| entry.reference.as_ref()).filter_map(|reference| {
            let found = lint::lint_reference(&reference.value, settings)?;
            let warning =
                source.at(reference.referenced, found.message).as_warning().with_rule(found.rule.name());
            Some(match found.hint {
                Some(hint) => warning.with_hint(hint),
                None => warning,
            })
        });
    references.chain(unlinked).collect()
}

fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    crate::render::words::and_list(&quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_full_web_addresses() {
        assert!(is_web_address("https://cmis.hertfordshire.gov.uk/hertfordshire/Default.aspx"));
        assert!(is_web_address("http://www.hertfordshire.gov.uk/services/"));
        assert!(!is_web_address("www.hertfordshire.gov.uk/sendstrategy"));
        assert!(!is_web_address("https://no spaces.uk"));
        assert!(!is_web_address("https://localhost"));
        assert!(!is_web_address("javascript:alert(1)"));
    }
}
