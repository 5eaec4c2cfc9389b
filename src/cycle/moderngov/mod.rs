//! Reading the Cabinet's business from a ModernGov web service.
//!
//! `import moderngov` asks a council's committee system (Civica's ModernGov,
//! whose `mgWebService.asmx` answers in XML) for a committee's meetings in
//! the report's period and the decisions taken at each ([`service`]),
//! reads its answers as untrusted text ([`answer`]), and merges them into
//! `cabinet_meetings:` of `meeting.yaml`, keeping what the officer wrote,
//! comments included ([`merge`]). The file is written only when whole,
//! within what `check` reads, and reading back as the meetings merged.

mod answer;
mod merge;
mod service;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Result, anyhow, bail};

use super::{CabinetMeeting, tree};
use crate::input::discover::MEETING_FILE;
use crate::input::files::YAML_LIMIT;
use crate::input::{Diagnostic, InputErrors, Source};
use crate::kinds::executive::model::Meeting;

/// What to import, and from where.
#[derive(Debug, Clone)]
pub struct Request {
    /// The council's ModernGov site, the folder that holds
    /// `mgWebService.asmx`, such as `https://democracy.example.gov.uk`.
    pub url: String,
    /// The committee whose meetings to read, by its title: `Cabinet`.
    pub committee: String,
    /// The meeting folder whose `meeting.yaml` to bring up to date.
    pub into: PathBuf,
    /// How long to wait for the service: to connect, and for each answer.
    pub timeout: Duration,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The committee's meetings in the report's period.
    pub meetings: usize,
    /// The decisions new to the file, marked for the officer to complete.
    pub added: usize,
    /// The decisions the file had already, kept as the officer wrote them.
    pub kept: usize,
    /// Whether `meeting.yaml` was written: not when nothing changed.
    pub written: bool,
    /// What the officer should know of what was read: text left out of a
    /// title, a link left out, an answer that was not UTF-8. One line
    /// each, every value from the server in it clipped.
    pub warnings: Vec<String>,
}

/// The most characters of a value from the server told in a message.
const SHOWN: usize = 80;

/// The hint when an address is not a ModernGov site.
const SITE_HINT: &str = "give `--url` the address of the council's ModernGov site, the folder that holds `mgWebService.asmx`, such as `https://democracy.example.gov.uk`";

/// Brings the `cabinet_meetings:` of the folder's `meeting.yaml` up to date
/// with the committee's meetings from `previous_report` to the meeting.
/// Nothing is written on any error, nor when nothing changed.
pub fn import(request: &Request) -> Result<Imported> {
    let path = request.into.join(MEETING_FILE);
    let text = crate::input::read_text(&path).map_err(input_error)?;
    let meeting: Meeting = crate::input::parse(&path, &text).map_err(input_error)?;
    let source = Source { path: &path, text: &text };
    let tree = tree::parse(&text).map_err(|problem| {
        let (line, column) = tree::line_and_column(&text, problem.at);
        input_error(Diagnostic::at(&path, &text, line, column, problem.message))
    })?;
    let period = (meeting.previous_report.date.value, meeting.meeting.date);
    let mut service = service::Service::new(&request.url, request.timeout);
    let found = service.business(&request.committee, period)?;
    let existing = CabinetMeeting::read(&meeting.cabinet_meetings);
    let mut plan = merge::plan(&existing, &found);
    let edits = merge::edits(&source, &tree, &mut plan).map_err(input_error)?;
    let written = !edits.is_empty();
    if written {
        let edited = edits.apply(&text);
        fits(&path, &edited)?;
        reads_back(&path, &edited, &merge::merged(&existing, &plan))?;
        crate::build::output::write_atomic(&path, edited.as_bytes())?;
    }
    let (added, kept) = (plan.added, plan.kept);
    Ok(Imported { meetings: found.len(), added, kept, written, warnings: service.warnings })
}

/// A problem with `meeting.yaml`, told at its line like any input's.
fn input_error(problem: Diagnostic) -> anyhow::Error {
    InputErrors(vec![problem]).into()
}

/// Checks that the edited file is within what `check` reads.
fn fits(path: &Path, edited: &str) -> Result<()> {
    if edited.len() as u64 > YAML_LIMIT {
        bail!(
            "the business read would make `{}` {:.1} MB, more than the {} MB a YAML file may hold: it was left as it was\n  = hint: import a shorter period, from a `previous_report` closer to the meeting",
            path.display(),
            edited.len() as f64 / (1024.0 * 1024.0),
            YAML_LIMIT >> 20
        );
    }
    Ok(())
}

/// Checks that the edited file reads as `meetings`. Every value from the
/// server was made safe to write before, so a file that does not is the
/// program's own mistake, and is not written.
fn reads_back(path: &Path, edited: &str, meetings: &[CabinetMeeting]) -> Result<()> {
    let bug = "\n  = hint: this is a bug in exec-report; `meeting.yaml` was left as it was";
    let read: Meeting = crate::input::parse(path, edited)
        .map_err(|problem| anyhow!("the edited `meeting.yaml` does not read: {}{bug}", problem.message))?;
    if CabinetMeeting::read(&read.cabinet_meetings) != meetings {
        bail!("the edited `meeting.yaml` does not read as the meetings imported{bug}");
    }
    Ok(())
}

/// `text` with every run of whitespace made one space, and trimmed.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
