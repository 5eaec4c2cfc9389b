//! YAML into typed values: the strict options every input file is read
//! with, and every parse error turned into a [`Diagnostic`] at its line.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use serde_saphyr::{Error as YamlError, MessageFormatter, UserMessageFormatter};

use crate::input::diagnostic::{Diagnostic, closest};
use crate::input::files::{Refusal, YAML_LIMIT, read_regular};

mod characters;
mod expansion;
mod tree;

/// Parses YAML text into `T`, with the strict options every input file uses.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(found) = characters::first(text) {
        let message = format!(
            "the text holds the character U+{:04X}, which no document can show",
            found.character as u32
        );
        return Err(Diagnostic::at(path, text, found.line, found.column, message).with_hint(
            "delete it: such characters come in with text pasted from other programs, or from an escape such as `\\x07` in double quotes",
        ));
    }
    // Only a file with both an anchor and an alias can stand for more than
    // it holds.
    if text.contains('&')
        && text.contains('*')
        && let Some((line, column)) = expansion::too_large_at(text)
    {
        let message = format!(
            "with its aliases (`*name`) read, this file stands for more than {} MB of text",
            expansion::MOST / (1024 * 1024)
        );
        return Err(Diagnostic::at(path, text, line, column, message)
            .with_hint("write the values out in full, or repeat them with fewer aliases of aliases"));
    }
    serde_saphyr::from_str_with_options(text, options()).map_err(|error| match error.without_snippet() {
        YamlError::SerdeMissingField { field, .. } => {
            missing_key(path, text, field, &failing_path::<T>(text))
        }
        _ => yaml_diagnostic(path, text, &error),
    })
}

/// The strict options every input file is read with.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        reject_unsupported_tags: true,
        reject_tagged_field_names: true,
    }
}

/// Where in the document's tree the value that failed to read is, found by
/// reading it again with its path tracked: only a failing file pays for it.
fn failing_path<T: DeserializeOwned>(text: &str) -> Vec<Segment> {
    let mut path = Vec::new();
    let _ = serde_saphyr::with_deserializer_from_str_with_options(text, options(), |deserializer| {
        serde_path_to_error::deserialize::<_, T>(deserializer).map_err(|error| {
            path = error.path().iter().cloned().collect();
            error.into_inner()
        })
    });
    path
}

/// Reads a file as UTF-8 text, without a byte-order mark.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let mut text = match crate::input::unsaved::text_of(path) {
        Some(text) => text,
        None => read_utf8(path)?,
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.trim().is_empty() {
        return Err(Diagnostic::file(path, "the file is empty"));
    }
    Ok(text)
}

/// The bytes of the file at `path`, which must be UTF-8 text.
fn read_utf8(path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_regular(path, YAML_LIMIT).map_err(|refusal| {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Diagnostic::file(path, refusal.message("file", &name)).with_hint(match refusal {
            Refusal::TooBig { .. } => "split the file: a YAML input may hold up to 4 MB",
            _ => refusal.hint(),
        })
    })?;
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        Diagnostic::file(path, format!("the file is not UTF-8 text (bad byte at offset {offset})"))
            .with_hint("save the file as UTF-8 in your editor")
    })
}

fn yaml_diagnostic(path: &Path, text: &str, error: &YamlError) -> Diagnostic {
    let error = error.without_snippet();
    let message = UserMessageFormatter.format_message(error).into_owned();
    let (message, hint) = match error {
        YamlError::SerdeUnknownField { field, expected, .. } => unknown_key(field, expected),
        YamlError::SerdeUnknownVariant { variant, expected, .. } => unknown_value(variant, expected),
        _ if message.contains("expected sequence start") => (
            "a list is expected here, not a single value".to_owned(),
            Some("write each entry on a line of its own under the key, starting with `- `".to_owned()),
        ),
        _ if message.contains("expected mapping start") => (
            "keys with their values are expected here, not a single value".to_owned(),
            Some("write each `key: value` on a line of its own, indented under this one".to_owned()),
        ),
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
    (format!("unknown key `{field}`"), Some(closest_or_all(field, expected, "keys")))
}

fn unknown_value(value: &str, expected: &[&str]) -> (String, Option<String>) {
    let message = format!("`{value}` is not one of the values allowed here");
    (message, Some(closest_or_all(value, expected, "values")))
}

/// "did you mean" the closest of `expected`, or the whole list of them,
/// called `what` ("keys", "values").
fn closest_or_all(typed: &str, expected: &[&str], what: &str) -> String {
    match closest(typed, expected) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!(
            "the {what} allowed here are {}",
            expected.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// A key missing from a mapping, at the line where that mapping starts:
/// the Cabinet item or Forward Plan entry that lacks it, found by the path
/// of the value that failed (the parser itself notices the gap only once
/// the mapping has ended). A key missing from the whole file is told
/// about the file.
fn missing_key(path: &Path, text: &str, field: &str, within: &[Segment]) -> Diagnostic {
    let message = format!("missing key `{field}`");
    match tree::start_of(text, within) {
        Some((line, column)) if !within.is_empty() => Diagnostic::at(path, text, line, column, message)
            .with_hint(format!("add `{field}:` with its value to this entry")),
        _ => Diagnostic::file(path, message).with_hint(format!("add `{field}:` with its value")),
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

/// The entries of a folder, sorted so that runs are repeatable.
pub(crate) fn list(folder: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let entries = fs::read_dir(folder)
        .map_err(|error| Diagnostic::file(folder, format!("cannot read the folder: {error}")))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|entry| entry.ok().map(|e| e.path())).collect();
    paths.sort();
    Ok(paths)
}
