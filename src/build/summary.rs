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
}

impl Summary {
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

impl Failure {
    /// A failure from problems in the user's files.
    pub fn of(source: &Path, problems: &[Diagnostic]) -> Self {
        let message = problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
        Self { source: source.to_owned(), input: true, message, problems: problems.to_vec() }
    }

    /// A failure from an error of any stage, telling the user's mistakes
    /// (YAML, templates) from the tool's.
    pub fn from_error(source: &Path, error: &anyhow::Error) -> Self {
        if let Some(problems) = error.downcast_ref::<InputErrors>() {
            return Self::of(source, &problems.0);
        }
        let input = error.chain().any(|cause| cause.is::<InputErrors>() || cause.is::<TemplateError>());
        let mut message = format!("error: cannot render `{}`", source.display());
        for cause in error.chain() {
            message.push_str(&format!("\n  {cause}"));
        }
        Self { source: source.to_owned(), input, message, problems: Vec::new() }
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
