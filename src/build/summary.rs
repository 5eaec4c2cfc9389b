//! What a run did: documents written, left alone and failed, and the one
//! rule for the exit code.

use std::path::{Path, PathBuf};

use crate::input::{Diagnostic, InputErrors};
use crate::render::TemplateError;

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// How many documents the run found.
    pub reports: usize,
    /// How many it rendered.
    pub rendered: usize,
    /// The files written.
    pub written: Vec<PathBuf>,
    /// Documents left as they were because nothing they depend on changed.
    pub unchanged: usize,
    /// Documents not started because an earlier one failed (`--fail-fast`).
    pub not_started: usize,
    /// The documents and folders that failed, and why.
    pub failures: Vec<Failure>,
    /// Anything else the user should know, such as a pack not updated.
    pub notes: Vec<String>,
    /// Style warnings about the prose, at their lines.
    pub warnings: Vec<Diagnostic>,
}

/// A document or a folder that failed.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The file or folder at fault.
    pub source: PathBuf,
    /// Whether the user's files are at fault (YAML, template), rather than
    /// the typesetting or the disk.
    pub input: bool,
    /// The full message, with file and line where known.
    pub message: String,
    /// The problems in the user's files behind it, when those are the cause.
    pub problems: Vec<Diagnostic>,
    /// Whether a template, shared by every document, is at fault: its
    /// message names the template, not the document it stopped.
    pub template: bool,
}

impl Summary {
    /// Adds what another part of the same run did.
    pub(crate) fn merge(&mut self, other: Summary) {
        self.reports += other.reports;
        self.rendered += other.rendered;
        self.written.extend(other.written);
        self.unchanged += other.unchanged;
        self.not_started += other.not_started;
        self.failures.extend(other.failures);
        self.notes.extend(other.notes);
        self.warnings.extend(other.warnings);
    }

    /// 0 when everything succeeded; 2 when the failures are all problems in
    /// the user's files; 1 when anything else failed.
    pub fn exit_code(&self) -> u8 {
        match self.failures.iter().all(|failure| failure.input) {
            _ if self.failures.is_empty() => 0,
            true => 2,
            false => 1,
        }
    }
}

impl Summary {
    /// The failures, each message once however many documents or folders
    /// it stopped (a mistake in shared settings or a template stops them
    /// all), with the files it stopped.
    pub fn distinct_failures(&self) -> Vec<(&Failure, Vec<&Path>)> {
        let mut distinct: Vec<(&Failure, Vec<&Path>)> = Vec::new();
        for failure in &self.failures {
            let message = failure.message.trim_end();
            match distinct.iter_mut().find(|(known, _)| known.message.trim_end() == message) {
                Some((_, sources)) => sources.push(&failure.source),
                None => distinct.push((failure, vec![&failure.source])),
            }
        }
        distinct
    }

    /// The warnings, each once: a warning about shared settings is found
    /// by every document that reads them.
    pub fn distinct_warnings(&self) -> Vec<&Diagnostic> {
        let mut seen = std::collections::HashSet::new();
        self.warnings.iter().filter(|warning| seen.insert(*warning)).collect()
    }

    /// How many warnings each file has, by rule, in the order the files
    /// were first warned about: "12 long-sentence, 3 abbreviation".
    pub fn warning_counts(&self) -> Vec<(&Path, Vec<(&'static str, usize)>)> {
        let mut counts: Vec<(&Path, Vec<(&'static str, usize)>)> = Vec::new();
        let mut files: std::collections::HashMap<&Path, usize> = std::collections::HashMap::new();
        for warning in self.distinct_warnings() {
            let at = *files.entry(&warning.path).or_insert_with(|| {
                counts.push((&warning.path, Vec::new()));
                counts.len() - 1
            });
            let rules = &mut counts[at].1;
            let rule = warning.rule.unwrap_or("other");
            match rules.iter_mut().find(|(known, _)| *known == rule) {
                Some((_, count)) => *count += 1,
                None => rules.push((rule, 1)),
            }
        }
        for (_, rules) in &mut counts {
            rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        }
        counts
    }
}

impl Failure {
    /// A failure from problems in the user's files.
    pub fn of(source: &Path, problems: &[Diagnostic]) -> Self {
        let message = problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
        Self { source: source.to_owned(), input: true, message, problems: problems.to_vec(), template: false }
    }

    /// A failure from an error of any stage, telling the user's mistakes
    /// (YAML, templates) from the tool's. `doing` is what the run was
    /// doing to the document: "render" or "check".
    pub fn from_error(source: &Path, error: &anyhow::Error, doing: &str) -> Self {
        if let Some(problems) = error.downcast_ref::<InputErrors>() {
            return Self::of(source, &problems.0);
        }
        // A template is the council's, shared by every document: told as
        // itself, at its own line, so that it is told once.
        if let Some(template) = error.chain().find_map(|cause| cause.downcast_ref::<TemplateError>()) {
            let message = format!("error: {}", template.0);
            return Self {
                source: source.to_owned(),
                input: true,
                message,
                problems: Vec::new(),
                template: true,
            };
        }
        let input = error.chain().any(|cause| cause.is::<InputErrors>());
        let mut message = format!("error: cannot {doing} `{}`", source.display());
        for cause in error.chain() {
            message.push_str(&format!("\n  {cause}"));
        }
        Self { source: source.to_owned(), input, message, problems: Vec::new(), template: false }
    }

    /// The failure as an error: the problems in the user's files when they
    /// are the cause.
    pub fn into_error(self) -> anyhow::Error {
        if self.problems.is_empty() {
            anyhow::anyhow!(self.message)
        } else {
            InputErrors(self.problems).into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_the_run_was_doing_when_a_document_failed() {
        let error = anyhow::anyhow!("typesetting failed");
        let failure = Failure::from_error(Path::new("update.yaml"), &error, "check");
        assert!(failure.message.starts_with("error: cannot check `update.yaml`"), "{}", failure.message);
        let failure = Failure::from_error(Path::new("update.yaml"), &error, "render");
        assert!(failure.message.starts_with("error: cannot render `update.yaml`"), "{}", failure.message);
    }

    #[test]
    fn tells_a_template_mistake_as_itself_once_for_every_document() {
        let error: anyhow::Error = TemplateError("the variable `x` is not known here".into()).into();
        let mut summary = Summary::default();
        for name in ["a.yaml", "b.yaml"] {
            summary.failures.push(Failure::from_error(Path::new(name), &error, "render"));
        }
        let distinct = summary.distinct_failures();
        assert_eq!(distinct.len(), 1);
        assert_eq!(distinct[0].0.message, "error: the variable `x` is not known here");
        assert_eq!(distinct[0].1, [Path::new("a.yaml"), Path::new("b.yaml")]);
    }

    #[test]
    fn counts_each_files_warnings_by_rule_most_first() {
        let warning = |rule, line| {
            Diagnostic::at(Path::new("a.yaml"), "x\ny\nz\n", line, 1, format!("w {line}"))
                .as_warning()
                .with_rule(rule)
        };
        let summary = Summary {
            warnings: vec![warning("ampersand", 1), warning("long-sentence", 2), warning("long-sentence", 3)],
            ..Summary::default()
        };
        assert_eq!(
            summary.warning_counts(),
            [(Path::new("a.yaml"), vec![("long-sentence", 2), ("ampersand", 1)])]
        );
    }
}
