//! The load stage: finds the meetings under a path, reads their YAML into the
//! model, and turns every parse error into a [`Diagnostic`] at its line.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_saphyr::{Error as YamlError, MessageFormatter, UserMessageFormatter};

use crate::diagnostic::{Diagnostic, closest};
use crate::kpi::{Kpi, KpiFile};
use crate::model::{Council, Meeting, Report};

/// The name of the file that describes a meeting in a meeting folder.
pub const MEETING_FILE: &str = "meeting.yaml";

/// The name of a council's settings file.
pub const COUNCIL_FILE: &str = "council.yaml";

/// A meeting found on disk: its files read, its `meeting.yaml` parsed, its
/// reports still text so that each can succeed or fail on its own.
#[derive(Debug, Clone)]
pub struct MeetingInput {
    /// The name of the meeting's output folder: its input folder's name, or
    /// the file stem of a self-contained report file.
    pub name: String,
    /// The meeting file: `meeting.yaml` or a self-contained report file.
    pub path: PathBuf,
    /// The meeting file's text, or why it could not be read.
    pub text: Result<String, Diagnostic>,
    /// The meeting's shared facts, or why they could not be read.
    pub meeting: Result<Meeting, Diagnostic>,
    /// The council's settings that apply to the meeting.
    pub council: Council,
    /// The council's look: brand colour, font and logo.
    pub look: crate::look::Look,
    /// Its reports, in file order, inline reports first.
    pub reports: Vec<ReportSource>,
    /// The text of the shared KPI files the meeting names, which its
    /// reports depend on like the meeting file itself.
    pub shared: String,
    /// Only some of the meeting's reports were asked for, so there is no
    /// pack or index to make.
    pub partial: bool,
}

/// Where one report comes from.
#[derive(Debug, Clone)]
pub struct ReportSource {
    /// The file the report is read from.
    pub path: PathBuf,
    /// A name for the report that is unique in its meeting: its file name,
    /// with `#n` for the n-th report written inside `meeting.yaml`.
    pub key: String,
    /// The file's text, or why it could not be read; for a report written
    /// inside the meeting file, its index there.
    pub text: ReportText,
}

/// A report's text: a file of its own, or an entry of the meeting file.
#[derive(Debug, Clone)]
pub enum ReportText {
    /// A portfolio file's text, or why it could not be read.
    File(Result<String, Diagnostic>),
    /// The n-th entry of the meeting file's `reports:`.
    Inline(usize),
}

impl MeetingInput {
    /// Parses one report of this meeting.
    pub fn report(&self, source: &ReportSource) -> Result<Report, Diagnostic> {
        match &source.text {
            ReportText::File(text) => {
                let report: Report = parse(&source.path, text.as_ref().map_err(Clone::clone)?)?;
                check_kpis(&source.path, &report.kpis)?;
                Ok(report)
            }
            ReportText::Inline(index) => {
                let meeting = self.meeting.as_ref().map_err(Clone::clone)?;
                Ok(meeting.reports[*index].clone())
            }
        }
    }
}

/// Parses YAML text into `T`, with the strict options every input file uses.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = serde_saphyr::options! { strict_booleans: true, with_snippet: false };
    serde_saphyr::from_str_with_options(text, options).map_err(|error| yaml_diagnostic(path, text, &error))
}

/// Reads a file as UTF-8 text, without a byte-order mark.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes =
        fs::read(path).map_err(|error| Diagnostic::file(path, format!("cannot read the file: {error}")))?;
    let mut text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        Diagnostic::file(path, format!("the file is not UTF-8 text (bad byte at offset {offset})"))
            .with_hint("save the file as UTF-8 in your editor")
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::file(path, "the file is empty"));
    }
    Ok(text)
}

fn yaml_diagnostic(path: &Path, text: &str, error: &YamlError) -> Diagnostic {
    let error = error.without_snippet();
    let message = UserMessageFormatter.format_message(error).into_owned();
    let (message, hint) = match error {
        YamlError::SerdeUnknownField { field, expected, .. } => unknown_key(field, expected),
        YamlError::SerdeUnknownVariant { variant, expected, .. } => {
            let (_, hint) = unknown_key(variant, expected);
            (format!("`{variant}` is not one of the values allowed here"), hint)
        }
        YamlError::SerdeMissingField { field, .. } => {
            // The parser notices a missing key at the end of its mapping, a
            // line that is no help: name the file and the key instead.
            let hint = format!("add `{field}:` with its value");
            return Diagnostic::file(path, format!("missing key `{field}`")).with_hint(hint);
        }
        _ if is_date_error(&message) => (
            "this is not a date that exists".to_owned(),
            Some("write dates as YYYY-MM-DD, such as 2016-07-19, and check the day of the month".to_owned()),
        ),
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

/// Whether a parse error came from reading a date.
fn is_date_error(message: &str) -> bool {
    ["parsed date is not valid", "digit integer as", "failed to parse year", "failed to parse month"]
        .iter()
        .any(|marker| message.contains(marker))
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

/// Finds and reads every meeting under `path`: a meeting folder, a folder
/// of meeting folders, or a single report file. Fails only when there is
/// nothing to read; a problem in one file is kept with that file.
pub fn load(path: &Path) -> Result<Vec<MeetingInput>, Diagnostic> {
    discover(path)?.into_iter().map(load_meeting).collect()
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

fn load_meeting(found: Found) -> Result<MeetingInput, Diagnostic> {
    let Found { name, meeting: path, only } = found;
    let partial = only.is_some();
    let (council, council_text, look) = match council_with_look(&path) {
        Ok(found) => found,
        Err(problem) => (Council::default(), Err(problem), Default::default()),
    };
    let text = read_text(&path);
    let mut shared = council_text.clone().unwrap_or_default();
    let meeting: Result<Meeting, Diagnostic> = text
        .clone()
        .and_then(|text| parse(&path, &text))
        .and_then(|meeting| with_kpi_files(meeting, &path, &mut shared));
    let meeting = council_text.and(meeting);
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut reports = Vec::new();
    // A report named on its own is rendered alone, without the inline ones.
    if let (Ok(meeting), None) = (&meeting, &only) {
        reports.extend((0..meeting.reports.len()).map(|index| ReportSource {
            path: path.clone(),
            key: format!("{file_name}#{}", index + 1),
            text: ReportText::Inline(index),
        }));
    }
    // A meeting that cannot be read fails as one: its reports are not read,
    // so that its problem is told once and no other YAML is mistaken for one.
    if file_name == MEETING_FILE && meeting.is_ok() {
        let folder = path.parent().unwrap_or(Path::new("."));
        let files = match only {
            Some(file) => vec![file],
            None => {
                let kpi_files: Vec<PathBuf> = match &meeting {
                    Ok(meeting) => meeting.kpi_files.iter().map(|file| folder.join(file)).collect(),
                    Err(_) => Vec::new(),
                };
                let files = list(folder)?.into_iter().filter(|p| is_report_file(p));
                files.filter(|p| !kpi_files.iter().any(|k| same_file(k, p))).collect()
            }
        };
        reports.extend(files.into_iter().map(|file| ReportSource {
            key: file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            text: ReportText::File(read_text(&file)),
            path: file,
        }));
    }
    if reports.is_empty() && meeting.is_ok() {
        return Err(Diagnostic::file(&path, "this meeting has no reports").with_hint(
            "add a YAML file per portfolio beside `meeting.yaml`, or list them under `reports:`",
        ));
    }
    Ok(MeetingInput { name, path, text, meeting, council, look, reports, shared, partial })
}

/// The council's settings for the file at `path`, as [`council_settings`]
/// finds them, with the look they describe loaded.
pub fn council_with_look(
    path: &Path,
) -> Result<(Council, Result<String, Diagnostic>, crate::look::Look), Diagnostic> {
    let (council, text) = council_settings(path)?;
    let look = match (&text, &council.file) {
        (Ok(source), Some(file)) => crate::look::Look::load(&council, file, source)?,
        _ => Default::default(),
    };
    Ok((council, text, look))
}

/// The council's settings for the file at `path`: `council.yaml` beside
/// it, or in the folder above; the defaults when there is none.
pub fn council_settings(path: &Path) -> Result<(Council, Result<String, Diagnostic>), Diagnostic> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let candidates = [folder.join(COUNCIL_FILE), folder.join("..").join(COUNCIL_FILE)];
    let Some(file) = candidates.into_iter().find(|file| file.is_file()) else {
        return Ok((Council::default(), Ok(String::new())));
    };
    let text = read_text(&file)?;
    let mut council: Council = parse(&file, &text)?;
    council.file = Some(file);
    Ok((council, Ok(text)))
}

/// Adds the KPIs of the meeting's shared KPI files to its own, checking
/// every KPI; keeps the files' text in `shared`.
fn with_kpi_files(mut meeting: Meeting, path: &Path, shared: &mut String) -> Result<Meeting, Diagnostic> {
    let folder = path.parent().unwrap_or(Path::new("."));
    for file in &meeting.kpi_files {
        let file = folder.join(file);
        let text = read_text(&file)?;
        let kpis: KpiFile = parse(&file, &text)?;
        check_kpis(&file, &kpis.kpis)?;
        shared.push_str(&text);
        meeting.kpis.extend(kpis.kpis);
    }
    check_kpis(path, &meeting.kpis)?;
    Ok(meeting)
}

/// Checks what serde cannot: series in order, numbers finite, ids unique.
pub fn check_kpis(path: &Path, kpis: &[Kpi]) -> Result<(), Diagnostic> {
    let file = KpiFile { kpis: kpis.to_vec() };
    match file.validate().into_iter().next() {
        Some(problem) => Err(Diagnostic::file(path, problem.to_string())),
        None => Ok(()),
    }
}

/// Whether two paths name the same file on disk.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether a path is named like a YAML file.
pub fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml")
}

fn is_report_file(path: &Path) -> bool {
    is_yaml(path)
        && path.is_file()
        && path.file_name().is_some_and(|file| file != MEETING_FILE && file != COUNCIL_FILE)
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
