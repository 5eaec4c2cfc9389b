//! Progress of a batch run, as its user watches it: a bar on a terminal, one
//! plain line per report in a log, or nothing at all.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// One finished report, as told to whoever watches a run from elsewhere
/// (the studio's page).
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    /// How many reports are finished, this one with them.
    pub done: usize,
    /// How many there are so far: more are counted as folders are planned.
    pub total: usize,
    /// "rendered", "checked" or "failed".
    pub what: &'a str,
    /// Which report: its folder and file.
    pub name: &'a str,
}

/// Who is told of each finished report.
pub type Observer<'a> = dyn Fn(Step) + Send + Sync + 'a;

/// Reports each finished report of a run.
pub struct Progress<'o> {
    style: Style,
    bar: Option<ProgressBar>,
    observer: Option<&'o Observer<'o>>,
    total: AtomicUsize,
    done: AtomicUsize,
}

impl<'o> Progress<'o> {
    /// Starts showing progress over `total` reports.
    pub fn start(style: Style, total: usize) -> Self {
        Self::observed(style, total, None)
    }

    /// Starts showing progress over `total` reports, telling `observer` of
    /// each as well.
    pub fn observed(style: Style, total: usize, observer: Option<&'o Observer<'o>>) -> Self {
        let bar = (style == Style::Bar).then(|| {
            let bar = ProgressBar::new(total as u64);
            let template = "{bar:30} {pos}/{len} reports  {wide_msg}";
            bar.set_style(
                ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Self { style, bar, observer, total: AtomicUsize::new(total), done: AtomicUsize::new(0) }
    }

    /// Counts `more` reports still to come.
    pub fn add(&self, more: usize) {
        self.total.fetch_add(more, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.inc_length(more as u64);
        }
    }

    /// Notes one finished report: `what` is "wrote", "unchanged" or
    /// "failed", `name` says which report.
    pub fn done(&self, what: &str, name: &str) {
        // A name comes from a file's name, which may hold anything.
        let name = crate::terminal::clean(name);
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(observer) = self.observer {
            observer(Step { done, total: self.total.load(Ordering::Relaxed), what, name: &name });
        }
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
