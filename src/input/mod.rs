//! The input stage: finding the folders under a path, reading their files
//! once, parsing YAML strictly, and telling every problem at its file and
//! line.

pub mod council;
pub mod diagnostic;
pub mod discover;
pub mod files;
pub mod headings;
pub mod images;
pub mod page;
pub mod svg;
pub mod unsaved;
mod yaml;

use std::path::Path;

use serde_saphyr::Location;

pub use diagnostic::{Diagnostic, InputErrors, closest};
pub(crate) use yaml::list;
pub use yaml::{is_yaml, parse, read_text, same_file};

/// A source file: where problems are reported.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The file's path.
    pub path: &'a Path,
    /// The file's text, for the line shown under a problem.
    pub text: &'a str,
}

impl Source<'_> {
    /// A problem at a parsed value's place in the file.
    pub fn at(&self, location: Location, message: impl Into<String>) -> Diagnostic {
        if location.line() == 0 {
            return Diagnostic::file(self.path, message);
        }
        let (line, column) = (location.line() as usize, location.column().max(1) as usize);
        Diagnostic::at(self.path, self.text, line, column, message.into())
    }

    /// A warning at the first place `snippet` is written in the file.
    pub fn at_text(&self, snippet: &str, message: String, hint: Option<String>) -> Diagnostic {
        let warning = self.error_at_text(snippet, message).as_warning();
        match hint {
            Some(hint) => warning.with_hint(hint),
            None => warning,
        }
    }

    /// A problem at the first place `snippet` is written in the file, or
    /// about the whole file when it is not written there. A snippet that
    /// YAML writes over several lines, indented or folded, is found by its
    /// first line or its first words.
    pub fn error_at_text(&self, snippet: &str, message: impl Into<String>) -> Diagnostic {
        self.at_offset(self.offset_of(snippet), message.into())
    }

    /// A warning at the words `range` of `text`, a value written in the
    /// file: where `text` is written, then as many times further on as
    /// those words come before in `text`, so that the second "&" of a
    /// sentence is told at its own place, not at the first.
    pub fn at_words(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
        message: String,
        hint: Option<String>,
    ) -> Diagnostic {
        let words = text.get(range.clone()).unwrap_or_default();
        let found = self.offset_of(text).and_then(|start| {
            let before = text.get(..range.start).unwrap_or_default().matches(words).count();
            let mut places = self.text[start..].match_indices(words).map(|(at, _)| start + at);
            places.nth(before)
        });
        // Words the file writes across a line break are found as the rule
        // finds any snippet.
        let found = found.or_else(|| self.offset_of(words));
        let warning = self.at_offset(found, message).as_warning();
        match hint {
            Some(hint) => warning.with_hint(hint),
            None => warning,
        }
    }

    /// Where `snippet` is first written in the file: whole, or by its first
    /// line, or by its first words.
    fn offset_of(&self, snippet: &str) -> Option<usize> {
        let first_line = snippet.lines().next().unwrap_or_default().trim_end();
        let words: Vec<&str> = first_line.split_whitespace().collect();
        let first_words = (3..=words.len().min(8)).rev().map(|n| words[..n].join(" "));
        [snippet.to_owned(), first_line.to_owned()]
            .into_iter()
            .chain(first_words)
            .filter(|s| !s.is_empty())
            .find_map(|s| self.text.find(&s))
    }

    /// A problem at the byte `offset` of the file, or about the whole file.
    fn at_offset(&self, offset: Option<usize>, message: String) -> Diagnostic {
        match offset {
            Some(offset) => {
                let before = &self.text[..offset];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
                Diagnostic::at(self.path, self.text, line, column, message)
            }
            None => Diagnostic::file(self.path, message),
        }
    }

    /// A problem at the first line where `key:` is written.
    pub fn at_key(&self, key: &str, message: String) -> Diagnostic {
        let line = self.text.lines().position(|line| line.trim_start().starts_with(&format!("{key}:")));
        match line {
            Some(index) => {
                let column = self.text.lines().nth(index).map_or(0, |l| l.len() - l.trim_start().len()) + 1;
                Diagnostic::at(self.path, self.text, index + 1, column, message)
            }
            None => Diagnostic::file(self.path, message),
        }
    }

    /// Parses the file's text into `T`.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        parse(self.path, self.text)
    }
}

/// Adds "did you mean" to a problem about `typed`, or lists what is valid
/// after `listed` ("the kinds are") when nothing is close.
pub fn closest_hint(problem: Diagnostic, typed: &str, valid: &[&str], listed: &str) -> Diagnostic {
    match closest(typed, valid) {
        Some(close) => problem.with_hint(format!("did you mean `{close}`?")),
        None => {
            let all: Vec<String> = valid.iter().map(|name| format!("`{name}`")).collect();
            problem.with_hint(format!("{listed} {}", all.join(", ")))
        }
    }
}

/// The folder a file is in, `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}
