//! Progress of a batch run, as its user watches it: a bar on a terminal, one
//! plain line per report in a log, or nothing at all.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A progress bar, redrawn in place: for a person at a terminal.
    Bar,
    /// One line per report: for CI and log files.
    Lines,
    /// Nothing but problems and the summary.
    Quiet,
}

impl Style {
    /// The style that suits where standard error goes.
    pub fn detect(quiet: bool) -> Self {
        match (quiet, std::io::stderr().is_terminal()) {
            (true, _) => Style::Quiet,
            (false, true) => Style::Bar,
            (false, false) => Style::Lines,
        }
    }
}

/// Reports each finished report of a run.
pub struct Progress {
    style: Style,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Starts showing progress over `total` reports.
    pub fn start(style: Style, total: usize) -> Self {
        let bar = (style == Style::Bar).then(|| {
            let bar = ProgressBar::new(total as u64);
            let template = "{bar:30} {pos}/{len} reports  {wide_msg}";
            bar.set_style(
                ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Self { style, bar }
    }

    /// Counts `more` reports still to come.
    pub fn add(&self, more: usize) {
        if let Some(bar) = &self.bar {
            bar.inc_length(more as u64);
        }
    }

    /// Notes one finished report: `what` is "wrote", "unchanged" or
    /// "failed", `name` says which report.
    pub fn done(&self, what: &str, name: &str) {
        match (&self.bar, self.style) {
            (Some(bar), _) => {
                bar.set_message(format!("{what} {name}"));
                bar.inc(1);
            }
            (None, Style::Lines) => println!("{what:>9} {name}"),
            _ => {}
        }
    }

    /// Clears the bar, leaving the terminal for the summary.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
