//! The load stage: finds the meetings under a path, reads their YAML into the
//! model, and turns every parse error into a [`Diagnostic`] at its line.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_saphyr::{Error as YamlError, MessageFormatter, UserMessageFormatter};

use crate::diagnostic::{Diagnostic, InputErrors, closest};
use crate::model::{Meeting, Report};

/// The name of the file that describes a meeting in a meeting folder.
pub const MEETING_FILE: &str = "meeting.yaml";

/// A meeting and the reports written for it, as loaded from disk.
#[derive(Debug, Clone)]
pub struct MeetingInput {
    /// The name of the meeting's output folder: its input folder's name, or
    /// the file stem of a self-contained report file.
    pub name: String,
    /// Where the meeting was read from.
    pub path: PathBuf,
    /// The meeting's shared facts.
    pub meeting: Meeting,
    /// Its reports, each with the file it was read from.
    pub reports: Vec<ReportInput>,
}

/// One report and the file it came from.
#[derive(Debug, Clone)]
pub struct ReportInput {
    /// The file the report was read from.
    pub path: PathBuf,
    /// The report itself.
    pub report: Report,
}

/// Parses YAML text into `T`, with the strict options every input file uses.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = serde_saphyr::options! { strict_booleans: true, with_snippet: false };
    serde_saphyr::from_str_with_options(text, options).map_err(|error| yaml_diagnostic(path, text, &error))
}

/// Reads and parses one YAML file.
pub fn read<T: DeserializeOwned>(path: &Path) -> Result<T, Diagnostic> {
    let bytes =
        fs::read(path).map_err(|error| Diagnostic::file(path, format!("cannot read the file: {error}")))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        Diagnostic::file(
            path,
            format!("the file is not UTF-8 text (bad byte at offset {})", error.utf8_error().valid_up_to()),
        )
        .with_hint("save the file as UTF-8 in your editor")
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::file(path, "the file is empty"));
    }
    parse(path, &text)
}

fn yaml_diagnostic(path: &Path, text: &str, error: &YamlError) -> Diagnostic {
    let error = error.without_snippet();
    let message = UserMessageFormatter.format_message(error).into_owned();
    let (message, hint) = match error {
        YamlError::SerdeUnknownField { field, expected, .. } => unknown_key(field, expected),
        YamlError::SerdeMissingField { field, .. } => (format!("missing key `{field}`"), None),
        _ => (message, None),
    };
    let diagnostic = match error.location() {
        Some(at) if at.line() > 0 => {
            Diagnostic::at(path, text, at.line() as usize, at.column().max(1) as usize, message)
        }
        _ => Diagnostic::file(path, message),
    };
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

fn unknown_key(field: &str, expected: &[&str]) -> (String, Option<String>) {
    let message = format!("unknown key `{field}`");
    let hint = match closest(field, expected) {
        Some(key) => format!("did you mean `{key}`?"),
        None => format!(
            "the keys allowed here are {}",
            expected.iter().map(|key| format!("`{key}`")).collect::<Vec<_>>().join(", ")
        ),
    };
    (message, Some(hint))
}

/// Loads every meeting under `path`: a meeting folder, a folder of meeting
/// folders, or a single self-contained report file.
pub fn load(path: &Path) -> Result<Vec<MeetingInput>, InputErrors> {
    let mut problems = Vec::new();
    let mut meetings = Vec::new();
    for found in discover(path).map_err(|d| InputErrors(vec![d]))? {
        match load_meeting(found) {
            Ok(meeting) => meetings.push(meeting),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if problems.is_empty() { Ok(meetings) } else { Err(InputErrors(problems)) }
}

/// A meeting found on disk, before it is read.
struct Found {
    /// The name of its output folder.
    name: String,
    /// Its `meeting.yaml`, or a self-contained report file.
    meeting: PathBuf,
    /// The one report file to render, when the user named a single one.
    only: Option<PathBuf>,
}

impl Found {
    fn folder(folder: &Path) -> Self {
        Self { name: folder_name(folder), meeting: folder.join(MEETING_FILE), only: None }
    }
}

/// The meetings found under `path`.
fn discover(path: &Path) -> Result<Vec<Found>, Diagnostic> {
    if path.is_file() {
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let found = if path.file_name().is_some_and(|file| file == MEETING_FILE) {
            Found::folder(folder)
        } else if folder.join(MEETING_FILE).is_file() {
            Found { only: Some(path.to_owned()), ..Found::folder(folder) }
        } else {
            Found { name: file_stem(path), meeting: path.to_owned(), only: None }
        };
        return Ok(vec![found]);
    }
    if !path.is_dir() {
        return Err(Diagnostic::file(path, "there is no such file or folder"));
    }
    if path.join(MEETING_FILE).is_file() {
        return Ok(vec![Found::folder(path)]);
    }
    let found: Vec<_> = list(path)?
        .into_iter()
        .filter(|entry| entry.join(MEETING_FILE).is_file())
        .map(|folder| Found::folder(&folder))
        .collect();
    if found.is_empty() {
        return Err(Diagnostic::file(path, "no meeting found here")
            .with_hint(format!("a meeting folder holds `{MEETING_FILE}` and one YAML file per portfolio")));
    }
    Ok(found)
}

fn load_meeting(found: Found) -> Result<MeetingInput, Vec<Diagnostic>> {
    let Found { name, meeting: meeting_path, only } = found;
    let meeting_path = meeting_path.as_path();
    let mut meeting: Meeting = read(meeting_path).map_err(|d| vec![d])?;
    // A report named on its own is rendered alone, without the inline ones.
    let inline = if only.is_some() { Vec::new() } else { std::mem::take(&mut meeting.reports) };
    let mut reports: Vec<ReportInput> =
        inline.into_iter().map(|report| ReportInput { path: meeting_path.to_owned(), report }).collect();
    let mut problems = Vec::new();
    if meeting_path.file_name().is_some_and(|file| file == MEETING_FILE) {
        let folder = meeting_path.parent().unwrap_or(Path::new("."));
        let files = match only {
            Some(file) => vec![file],
            None => list(folder).map_err(|d| vec![d])?.into_iter().filter(|p| is_report_file(p)).collect(),
        };
        for path in files {
            match read::<Report>(&path) {
                Ok(report) => reports.push(ReportInput { path, report }),
                Err(problem) => problems.push(problem),
            }
        }
    }
    if reports.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::file(meeting_path, "this meeting has no reports").with_hint(
                "add a YAML file per portfolio beside `meeting.yaml`, or list them under `reports:`",
            ),
        );
    }
    if problems.is_empty() {
        Ok(MeetingInput { name, path: meeting_path.to_owned(), meeting, reports })
    } else {
        Err(problems)
    }
}

fn is_report_file(path: &Path) -> bool {
    let yaml = path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml");
    yaml && path.is_file() && path.file_name().is_some_and(|file| file != MEETING_FILE)
}

/// The entries of a folder, sorted so that runs are repeatable.
fn list(folder: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let entries = fs::read_dir(folder)
        .map_err(|error| Diagnostic::file(folder, format!("cannot read the folder: {error}")))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|entry| entry.ok().map(|e| e.path())).collect();
    paths.sort();
    Ok(paths)
}

fn folder_name(path: &Path) -> String {
    let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    absolute.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "meeting".to_owned())
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "report".to_owned())
}
