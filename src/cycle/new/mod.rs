//! Rolling a meeting's folder forward to the next meeting: the new folder
//! starts from the last cycle's files, with the dates moved on, the last
//! period's Cabinet business, consequences and panels dropped, the
//! decisions the Forward Plan expected in the new period listed as
//! Cabinet items to complete, and a marker on everything an officer is
//! still to bring up to date ([`roll`](self::roll())).
//!
//! Only regular files and folders are copied ([`copy`]), with their
//! permissions; the new folder is made hidden and renamed into place only
//! once whole ([`folder`]). A report that cannot be rolled forward stops
//! it all: a report copied as it was would carry the last period's
//! business into the next without a word.

mod copy;
mod folder;
mod roll;

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use anyhow::{Result, bail};
use jiff::civil::Date;

use crate::input::council::COUNCIL_FILE;
use crate::input::discover::{MEETING_FILE, kind_line};
use crate::input::files::YAML_LIMIT;
use crate::input::{Diagnostic, InputErrors, is_yaml};
use crate::kinds::executive::model::{Meeting, Report};
use crate::kpi::model::KpiFile;

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
    /// What the officer should know of: each entry skipped (a link, a
    /// pipe), each document copied as it was, each half-made folder of a
    /// stopped run removed. One line each.
    pub notes: Vec<String>,
}

/// Makes the next meeting's folder beside `request.from`. It never
/// overwrites: anything of that name already there is an error. The new
/// folder appears whole or not at all; on any error nothing is left.
pub fn roll(request: &Request) -> Result<Rolled> {
    let from = &request.from;
    let meeting_path = from.join(MEETING_FILE);
    let (text, bom) = read_meeting(&meeting_path)?;
    let meeting: Meeting = crate::input::parse(&meeting_path, &text).map_err(one)?;
    let last = meeting.meeting.date;
    if request.date <= last {
        bail!("the next meeting must come after this one, on {last}; {} does not", request.date);
    }
    let target = folder::next(from, request.date)?;
    if std::fs::symlink_metadata(&target).is_ok() {
        bail!(folder::already_there(&target));
    }
    let parent = target.parent().unwrap_or(Path::new("."));
    let mut notes = folder::tidy(parent);
    let staging = folder::staging(parent)?;
    let mut roller = Roller::new(from, &meeting_path, &text, bom, &meeting, request.date);
    let copied = copy::copy(from, staging.path(), &mut |name, bytes| roller.content(name, bytes))?;
    if !roller.problems.is_empty() {
        // The hidden folder goes with `staging`.
        return Err(InputErrors(roller.problems).into());
    }
    let metadata = std::fs::metadata(from)?;
    folder::publish(staging, &target, &metadata, &copied.folders)?;
    notes.extend(copied.skipped);
    notes.extend(roller.notes);
    let Roller { reports, due, markers, .. } = roller;
    Ok(Rolled { folder: target, reports, due, markers, notes })
}

/// One problem, as the input's errors are told.
fn one(problem: Diagnostic) -> anyhow::Error {
    InputErrors(vec![problem]).into()
}

/// The text of `meeting.yaml`, which must be a regular file of the
/// folder itself, never a link; and whether it starts with a byte-order
/// mark, kept in the new one.
fn read_meeting(path: &Path) -> Result<(String, bool)> {
    let Ok(metadata) = std::fs::symlink_metadata(path) else {
        let folder = path.parent().unwrap_or(Path::new("."));
        bail!("`{}` is not a meeting folder: it has no `{MEETING_FILE}`", folder.display());
    };
    let refused = |what: &str| {
        one(Diagnostic::file(path, format!("`{MEETING_FILE}` is {what}, not a file"))
            .with_hint(format!("put the meeting's own `{MEETING_FILE}` there")))
    };
    if metadata.is_symlink() {
        return Err(refused("a symbolic link"));
    }
    let opened = copy::open_regular(path)?.ok_or_else(|| refused("something else"))?;
    let bytes = copy::read_all(opened, path)?;
    decode(path, bytes).map_err(one)
}

/// A YAML file's bytes as text, without its byte-order mark, as any
/// input is read: at most 4 MB, UTF-8, not empty.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<(String, bool), Diagnostic> {
    if bytes.len() as u64 > YAML_LIMIT {
        return Err(Diagnostic::file(
            path,
            format!("the file is {} MB, more than the 4 MB a YAML file may hold", bytes.len() >> 20),
        )
        .with_hint("split the file: a YAML input may hold up to 4 MB"));
    }
    let mut text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        Diagnostic::file(path, format!("the file is not UTF-8 text (bad byte at offset {offset})"))
            .with_hint("save the file as UTF-8 in your editor")
    })?;
    let bom = text.starts_with('\u{feff}');
    if bom {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::file(path, "the file is empty"));
    }
    Ok((text, bom))
}

/// What each file of the new folder holds, and what was found on the way.
struct Roller<'a> {
    from: &'a Path,
    meeting_path: &'a Path,
    meeting_text: &'a str,
    meeting_bom: bool,
    meeting: &'a Meeting,
    date: Date,
    /// The KPI files the meeting names inside its folder, by their names
    /// there.
    kpi_files: HashSet<PathBuf>,
    reports: usize,
    due: usize,
    markers: usize,
    notes: Vec<String>,
    problems: Vec<Diagnostic>,
}

impl<'a> Roller<'a> {
    fn new(
        from: &'a Path,
        meeting_path: &'a Path,
        text: &'a str,
        bom: bool,
        meeting: &'a Meeting,
        date: Date,
    ) -> Self {
        let kpi_files = meeting.kpi_files.iter().filter_map(|file| inside(Path::new(file))).collect();
        Self {
            from,
            meeting_path,
            meeting_text: text,
            meeting_bom: bom,
            meeting,
            date,
            kpi_files,
            reports: 0,
            due: 0,
            markers: 0,
            notes: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// What to write for the file `name` of the old folder, given its
    /// bytes: rolled forward, or as it was.
    fn content(&mut self, name: &Path, bytes: Vec<u8>) -> Vec<u8> {
        let top = name.components().count() == 1;
        let rolled = if top && name == Path::new(MEETING_FILE) {
            self.rolled_meeting()
        } else if self.kpi_files.contains(name) {
            self.rolled_yaml(name, &bytes, Yaml::Kpis)
        } else if top && is_yaml(name) && name != Path::new(COUNCIL_FILE) {
            self.rolled_yaml(name, &bytes, Yaml::Document)
        } else {
            None
        };
        match rolled {
            Some(text) => {
                self.markers += text.matches(crate::cycle::edit::MARKER).count();
                text.into_bytes()
            }
            None => bytes,
        }
    }

    fn rolled_meeting(&mut self) -> Option<String> {
        let file = roll::File { path: self.meeting_path, text: self.meeting_text };
        match roll::meeting(&file, self.meeting, self.date) {
            Ok((text, due)) => {
                self.due = due;
                Some(with_bom(text, self.meeting_bom))
            }
            Err(problem) => self.fail(problem),
        }
    }

    /// A report or KPI file of the folder rolled forward; `None` for a
    /// document of another kind, copied as it was and said so.
    fn rolled_yaml(&mut self, name: &Path, bytes: &[u8], yaml: Yaml) -> Option<String> {
        let path = self.from.join(name);
        let (text, bom) = match decode(&path, bytes.to_vec()) {
            Ok(decoded) => decoded,
            Err(problem) => return self.fail(problem),
        };
        let file = roll::File { path: &path, text: &text };
        let rolled = match yaml {
            Yaml::Kpis => crate::input::parse::<KpiFile>(&path, &text).and_then(|_| roll::kpi_file(&file)),
            Yaml::Document => match kind_line(&text) {
                Some((_, _, kind)) if kind != crate::kinds::executive::KIND.name => {
                    let kind = crate::terminal::clip(kind, 40);
                    self.notes.push(format!(
                        "copied `{}` as it was: a `{kind}` is not rolled forward",
                        name.display()
                    ));
                    return None;
                }
                _ => crate::input::parse::<Report>(&path, &text).and_then(|_| roll::report(&file)),
            },
        };
        match rolled {
            Ok(text) => {
                self.reports += usize::from(matches!(yaml, Yaml::Document));
                Some(with_bom(text, bom))
            }
            Err(problem) => self.fail(problem),
        }
    }

    /// Keeps `problem` to tell with the others; nothing is written.
    fn fail(&mut self, problem: Diagnostic) -> Option<String> {
        self.problems.push(problem);
        None
    }
}

/// The kinds of YAML file rolled forward beside `meeting.yaml`.
enum Yaml {
    Kpis,
    Document,
}

fn with_bom(text: String, bom: bool) -> String {
    if bom { format!("\u{feff}{text}") } else { text }
}

/// A name relative to the meeting's folder, made plain (`./a/../b.yaml`
/// is `b.yaml`); `None` when it leads out of the folder.
fn inside(name: &Path) -> Option<PathBuf> {
    let mut plain = PathBuf::new();
    for component in name.components() {
        match component {
            Component::Normal(part) => plain.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !plain.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(plain)
}
