//! Diagnostics about the user's files: where, what, and how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem in one of the user's files, pointing at its line and column.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub path: PathBuf,
    /// Where in the file, when known: 1-based line and column.
    pub position: Option<(usize, usize)>,
    /// What is wrong, in a plain lowercase sentence.
    pub message: String,
    /// How to fix it, when that is known.
    pub hint: Option<String>,
    /// The offending line of the file, shown under the message.
    pub line_text: Option<String>,
    /// A style warning rather than an error.
    pub warning: bool,
    /// The style rule a warning is about, such as `long-sentence`.
    pub rule: Option<&'static str>,
}

impl Diagnostic {
    /// A problem with a whole file rather than a place in it.
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            position: None,
            message: message.into(),
            hint: None,
            line_text: None,
            warning: false,
            rule: None,
        }
    }

    /// A problem at a line and column of `source`, the text of the file.
    pub fn at(path: &Path, source: &str, line: usize, column: usize, message: String) -> Self {
        let line_text = source.lines().nth(line.saturating_sub(1)).map(str::to_owned);
        Self { position: Some((line, column)), line_text, ..Self::file(path, message) }
    }

    /// Makes this a style warning.
    pub fn as_warning(mut self) -> Self {
        self.warning = true;
        self
    }

    /// Names the style rule a warning is about.
    pub fn with_rule(mut self, rule: &'static str) -> Self {
        self.rule = Some(rule);
        self
    }

    /// Adds the hint that says how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", if self.warning { "warning" } else { "error" }, self.message)?;
        match self.position {
            Some((line, column)) => {
                writeln!(f, "  --> {}:{line}:{column}", self.path.display())?;
                if let Some(text) = &self.line_text {
                    let gutter = " ".repeat(line.to_string().len());
                    let (shown, before) = window(&text.replace('\t', " "), column.saturating_sub(1));
                    let pad = " ".repeat(before);
                    writeln!(f, "{gutter} |")?;
                    writeln!(f, "{line} | {shown}")?;
                    writeln!(f, "{gutter} | {pad}^")?;
                }
            }
            None => writeln!(f, "  --> {}", self.path.display())?,
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// The most characters of a line shown under a problem.
const SHOWN: usize = 200;

/// The part of a long line around the character at `at` (counting from
/// 0), with `…` where it is cut; and how many characters of it stand
/// before that one.
fn window(line: &str, at: usize) -> (String, usize) {
    let count = line.chars().count();
    if count <= SHOWN {
        return (line.to_owned(), at.min(count));
    }
    let start = at.saturating_sub(SHOWN / 3).min(count - SHOWN);
    let mut shown: String = line.chars().skip(start).take(SHOWN).collect();
    let mut before = at - start;
    if start > 0 {
        shown.insert(0, '…');
        before += 1;
    }
    if start + SHOWN < count {
        shown.push('…');
    }
    (shown, before)
}

/// Every problem found in the input, reported together so that an officer
/// can fix them all in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputErrors(pub Vec<Diagnostic>);

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        write!(f, "{}", shown.join("\n").trim_end())
    }
}

impl std::error::Error for InputErrors {}

/// The valid key closest to a mistyped one, if any is close enough to be
/// what the user meant.
pub fn closest<'a>(typed: &str, valid: &[&'a str]) -> Option<&'a str> {
    valid
        .iter()
        .map(|candidate| (strsim::jaro_winkler(typed, candidate), *candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_line_and_a_caret_under_the_column() {
        let source = "portfolio: X\npartnership: []\n";
        let diagnostic = Diagnostic::at(Path::new("a.yaml"), source, 2, 1, "unknown key".into())
            .with_hint("did you mean `partnerships`?");
        assert_eq!(
            diagnostic.to_string(),
            "error: unknown key\n  --> a.yaml:2:1\n  |\n2 | partnership: []\n  | ^\n  = hint: did you mean `partnerships`?\n"
        );
    }

    #[test]
    fn shows_only_a_window_of_a_long_line() {
        let source = format!("body: {}ERROR{}\n", "a".repeat(5_000), "b".repeat(5_000));
        let diagnostic = Diagnostic::at(Path::new("a.yaml"), &source, 1, 5_007, "here".into());
        let shown = diagnostic.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert!(lines[3].chars().count() < 220 && lines[3].contains("aaERRORbb"), "{shown}");
        let caret = lines[4].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[3].chars().nth(caret), Some('E'), "{shown}");
    }

    #[test]
    fn suggests_the_closest_key_only_when_close() {
        let valid = ["portfolio", "partnerships", "member"];
        assert_eq!(closest("partnership", &valid), Some("partnerships"));
        assert_eq!(closest("membr", &valid), Some("member"));
        assert_eq!(closest("zzz", &valid), None);
    }
}
