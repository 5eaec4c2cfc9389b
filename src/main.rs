//! The `exec-report` command: parses the command line and runs one stage
//! chain of the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use exec_report::build::progress::Style;
use exec_report::build::{self, Formats, Options, Summary};
use exec_report::input::InputErrors;
use exec_report::render::{self, TemplateError, Templates};

/// Prints a line to standard output, anything a terminal would act on in
/// it (from a file name, the YAML or a server) shown as text.
macro_rules! say {
    ($($arg:tt)*) => { ::std::println!("{}", exec_report::terminal::clean(&format!($($arg)*))) };
}

/// Prints a line to standard error, made safe as [`say!`] does.
macro_rules! tell {
    () => { ::std::eprintln!() };
    ($($arg:tt)*) => { ::std::eprintln!("{}", exec_report::terminal::clean(&format!($($arg)*))) };
}

/// Prints to standard error without ending the line, made safe as
/// [`say!`] does.
macro_rules! tell_on {
    ($($arg:tt)*) => { ::std::eprint!("{}", exec_report::terminal::clean(&format!($($arg)*))) };
}

/// Renders Executive Member reports for a Council meeting, and the other
/// member reports and committee papers, from YAML files into Markdown, PDF,
/// web pages and Word files.
///
/// Keep one folder per Council meeting under `inputs/`, holding
/// `meeting.yaml` (the meeting, its Cabinet meetings, Forward Plan and Panel
/// meetings) and one YAML file per portfolio; or a folder of documents that
/// each name their `kind:` (a cabinet update, a report to scrutiny, a
/// committee's agenda and papers). Then run `exec-report build`.
#[derive(Parser)]
#[command(version, about, long_about, max_term_width = 100, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "\
Examples:
  exec-report build                              render every meeting under inputs/ into output/
  exec-report build inputs/2016-07-19-county-council
                                                 render one meeting
  exec-report build inputs/2017-07-05-herefordshire-cyp-scrutiny
                                                 render a committee's papers and agenda pack
  exec-report check                              check the YAML without writing anything
  exec-report serve                              edit in the browser with live problems and pages
  exec-report watch                              rebuild on every save, printing problems
  exec-report new inputs/2016-07-19-county-council --date 2016-11-08
                                                 start the next meeting's folder
  exec-report templates export my-templates      copy the built-in templates out to edit
  exec-report build --templates my-templates     render with the edited templates";

#[derive(Subcommand)]
enum Command {
    /// Render every report into Markdown, PDF and web pages (and Word files
    /// with `--format md,pdf,html,docx`).
    ///
    /// Writes `<out>/<meeting folder>/<portfolio>.md`, `.pdf` and `.html`, and
    /// for each meeting `index.md`, `index.html` and `executive-reports.pdf`
    /// and `.html` with every report. A
    /// report with a problem is listed at the end and the others are still
    /// written; its previous files are left as they were. Reports whose YAML,
    /// templates and settings have not changed since they were written are
    /// left alone.
    Build {
        #[command(flatten)]
        input: InputArgs,
        /// The folder to write the reports into.
        #[arg(long, value_name = "DIR", default_value = "output")]
        out: PathBuf,
        /// Which files to write, separated by commas: md, pdf, html, docx
        /// (Word), typ (the Typst source of the PDF, for whoever edits the
        /// theme).
        #[arg(long, value_name = "LIST", value_delimiter = ',', default_value = "md,pdf,html")]
        format: Vec<Format>,
        /// Render every report, even those that have not changed.
        #[arg(long)]
        force: bool,
        /// Stop at the first report that fails.
        #[arg(long)]
        fail_fast: bool,
        /// Print only problems and the summary.
        #[arg(long, short)]
        quiet: bool,
        /// Treat style warnings as errors: a report with any is not written.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Check the YAML files and templates without writing anything.
    Check {
        #[command(flatten)]
        input: InputArgs,
        /// Treat style warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Edit the YAML in your browser, seeing each document's problems and
    /// pages as you type.
    ///
    /// Serves the drafting studio on this computer alone (127.0.0.1) and
    /// prints the address to open, which carries a secret token: only that
    /// address opens it. Text is checked and previewed as you type, and
    /// written only when you save (Ctrl+S). Changes made to the files by
    /// another editor show in the page at once. Press Ctrl+C to stop.
    Serve {
        #[command(flatten)]
        input: InputArgs,
        /// The port to listen on. Without it, each folder has a port of its
        /// own (the same each time, while it is free), so that the page's
        /// address and its unsaved drafts carry over from one day to the next.
        #[arg(long, value_name = "N")]
        port: Option<u16>,
        /// Open the studio in the browser.
        #[arg(long)]
        open: bool,
        /// The folder the Build button writes into.
        #[arg(long, value_name = "DIR", default_value = "output")]
        out: PathBuf,
    },
    /// Rebuild what changed each time a file is saved, printing its
    /// problems: for whoever keeps their own editor.
    ///
    /// Builds once, then again after every save; documents whose files have
    /// not changed are left alone. Press Ctrl+C to stop.
    Watch {
        #[command(flatten)]
        input: InputArgs,
        /// The folder to write the reports into.
        #[arg(long, value_name = "DIR", default_value = "output")]
        out: PathBuf,
    },
    /// Write JSON Schemas of the input files, for editors that check YAML.
    ///
    /// A YAML file that starts with
    /// `# yaml-language-server: $schema=<path>/report.schema.json` is then
    /// completed and checked as it is typed.
    Schema {
        /// The folder to write them into.
        #[arg(value_name = "DIR", default_value = "schema")]
        dir: PathBuf,
    },
    /// List every kind of document's headings: the keys a council words
    /// differently in `council.yaml` under `wording.headings`, and the words
    /// they have now.
    Headings {
        /// A folder of your council's own templates, whose `headings.yaml`
        /// replaces the built-in one.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Start the next meeting's folder from this one's.
    ///
    /// Makes `<date>-<rest of the name>` beside the meeting folder: the
    /// meeting's date and the two earlier meetings' moved on; the last
    /// period's Cabinet meetings, consequences and panels dropped; each
    /// Forward Plan decision due by the new date listed as a Cabinet item to
    /// complete; every report, narrative section and KPI kept, with a marker
    /// comment that `check` reports until an officer has brought it up to
    /// date and deleted it. An existing folder is never overwritten.
    New {
        /// The last meeting's folder.
        #[arg(value_name = "FOLDER")]
        from: PathBuf,
        /// The date of the next meeting, as YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        date: jiff::civil::Date,
    },
    /// Read what the council's committee system holds into a meeting's YAML.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Work with the templates that set the reports' wording and look.
    Templates {
        #[command(subcommand)]
        command: TemplatesCommand,
    },
}

#[derive(clap::Args)]
struct InputArgs {
    /// A meeting folder, a folder of meeting folders, or one report's YAML
    /// file.
    #[arg(value_name = "PATH", default_value = "inputs")]
    path: PathBuf,
    /// A folder of your council's own templates: a file there named like a
    /// built-in template (`executive-report.md`, `theme.typ`) replaces it.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Fill a meeting's `cabinet_meetings` from a ModernGov web service.
    ///
    /// Reads the committee's meetings in the report's period (from
    /// `previous_report` to the meeting's date) and their decisions, and
    /// adds them to `meeting.yaml`: dates, item titles and links to the
    /// decisions' papers, each new item marked for an officer to give its
    /// portfolio and summary. What the file has already is kept.
    Moderngov {
        /// The council's ModernGov site, such as
        /// `https://democracy.example.gov.uk`.
        #[arg(long, value_name = "URL")]
        url: String,
        /// The committee whose meetings to read.
        #[arg(long, value_name = "NAME", default_value = "Cabinet")]
        committee: String,
        /// The meeting folder whose `meeting.yaml` to fill.
        #[arg(long, value_name = "FOLDER")]
        into: PathBuf,
        /// How long to wait for each answer, in seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        timeout: u64,
    },
}

#[derive(Subcommand)]
enum TemplatesCommand {
    /// Write the built-in templates into a folder, to edit and then use with
    /// `--templates`.
    Export {
        /// The folder to write them into.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Markdown
    Md,
    /// PDF
    Pdf,
    /// HTML page
    Html,
    /// Word document
    Docx,
    /// Typst source
    Typ,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => ExitCode::from(code),
        Err(error) => report(&error),
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Build { input, out, format, force, fail_fast, quiet, deny_warnings } => {
            let formats = Formats {
                markdown: format.contains(&Format::Md),
                pdf: format.contains(&Format::Pdf),
                html: format.contains(&Format::Html),
                docx: format.contains(&Format::Docx),
                typst: format.contains(&Format::Typ),
            };
            let options = Options {
                out,
                formats,
                write: true,
                force,
                fail_fast,
                deny_warnings,
                style: Style::detect(quiet),
                ..options(input)?
            };
            let summary = build::run(&options)?;
            let warnings = if quiet { Warnings::Hidden } else { Warnings::Counted };
            print_summary(&summary, "written", warnings);
            Ok(summary.exit_code())
        }
        Command::Check { input, deny_warnings } => {
            let summary = build::run(&Options { deny_warnings, ..options(input)? })?;
            print_summary(&summary, "checked", Warnings::Listed);
            Ok(summary.exit_code())
        }
        Command::Serve { input, port, open, out } => {
            let settings =
                exec_report::studio::Settings { root: input.path, out, templates: input.templates, port };
            exec_report::studio::serve(&settings, open)?;
            Ok(0)
        }
        Command::Watch { input, out } => {
            let options = Options {
                out,
                formats: Formats { markdown: true, pdf: true, html: true, docx: false, typst: false },
                write: true,
                ..options(input)?
            };
            watch(&options)
        }
        Command::Schema { dir } => {
            for path in exec_report::schema::write(&dir)? {
                say!("wrote {}", path.display());
            }
            Ok(0)
        }
        Command::Headings { templates } => {
            let templates = Templates::load(templates.as_deref())?;
            for kind in exec_report::kinds::KINDS {
                say!("{}: {}", kind.name, kind.about);
                for (key, words) in templates.headings(kind.name).unwrap_or_default() {
                    say!("  {key}: {words}");
                }
            }
            Ok(0)
        }
        Command::New { from, date } => {
            let rolled = exec_report::cycle::new::roll(&exec_report::cycle::new::Request { from, date })?;
            rolled.notes.iter().for_each(|note| tell!("{note}"));
            say!(
                "wrote {}: {} reports, {} Forward Plan {} now due listed as Cabinet items, {} {} to update (`exec-report check` lists them)",
                rolled.folder.display(),
                rolled.reports,
                rolled.due,
                if rolled.due == 1 { "decision" } else { "decisions" },
                rolled.markers,
                if rolled.markers == 1 { "marker" } else { "markers" },
            );
            Ok(0)
        }
        Command::Import { command: ImportCommand::Moderngov { url, committee, into, timeout } } => {
            use exec_report::cycle::moderngov;
            let request =
                moderngov::Request { url, committee, into, timeout: std::time::Duration::from_secs(timeout) };
            let imported = moderngov::import(&request)?;
            imported.warnings.iter().for_each(|warning| tell!("warning: {warning}"));
            if imported.written {
                say!(
                    "updated {}: {} Cabinet meetings read, {} items added, {} kept as they were",
                    request.into.join("meeting.yaml").display(),
                    imported.meetings,
                    imported.added,
                    imported.kept
                );
            } else {
                say!("{} meetings read: `meeting.yaml` already had them all", imported.meetings);
            }
            Ok(0)
        }
        Command::Templates { command: TemplatesCommand::Export { dir } } => {
            for path in render::export(&dir)? {
                say!("wrote {}", path.display());
            }
            Ok(0)
        }
    }
}

/// The options shared by every command that reads reports, checking only:
/// every document is rendered and typeset as a build would, so that
/// whatever a build would refuse, a check refuses, but nothing is written.
fn options(input: InputArgs) -> anyhow::Result<Options> {
    Ok(Options {
        input: input.path,
        out: PathBuf::from("output"),
        formats: Formats { markdown: true, pdf: true, html: true, docx: false, typst: true },
        templates: input.templates,
        write: false,
        force: false,
        fail_fast: false,
        deny_warnings: false,
        style: Style::Quiet,
        timestamp: source_date_epoch()?,
    })
}

/// Builds, then builds again after every change on disk, until Ctrl+C:
/// each time, every error in full, and the style warnings of the files just
/// saved at their lines (the others counted).
fn watch(options: &Options) -> anyhow::Result<u8> {
    let watcher = exec_report::watch::Watcher::start(&options.input, Some(&options.out))?;
    let stop = exec_report::studio::interrupted();
    let build = |warnings: Warnings| match build::run(options) {
        Ok(summary) => print_summary(&summary, "written", warnings),
        Err(error) => {
            report(&error);
        }
    };
    build(Warnings::Counted);
    say!("watching {} for changes; press Ctrl+C to stop", options.input.display());
    let here = std::env::current_dir().ok().and_then(|here| std::fs::canonicalize(here).ok());
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        match watcher.changes.recv_timeout(std::time::Duration::from_millis(200)) {
            Ok(paths) => {
                let shown: Vec<String> = paths
                    .iter()
                    .map(|path| {
                        let relative = here.as_ref().and_then(|here| path.strip_prefix(here).ok());
                        relative.unwrap_or(path).display().to_string()
                    })
                    .collect();
                say!("\nchanged: {}", shown.join(", "));
                build(Warnings::ListedFor(&paths));
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    say!("stopped");
    Ok(0)
}

/// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for the time to
/// stamp outputs with.
fn source_date_epoch() -> anyhow::Result<Option<jiff::Timestamp>> {
    // Set but empty counts as not set, as the convention asks.
    let Some(value) = std::env::var("SOURCE_DATE_EPOCH").ok().filter(|value| !value.trim().is_empty()) else {
        return Ok(None);
    };
    let seconds: i64 = value.trim().parse().map_err(|_| {
        anyhow::anyhow!(
            "SOURCE_DATE_EPOCH must be a number of seconds, not `{}`",
            exec_report::terminal::clip(&value, 40)
        )
    })?;
    // A PDF's date has a four-digit year.
    let in_range = (0..=253_402_300_799).contains(&seconds);
    let timestamp = jiff::Timestamp::from_second(seconds).ok().filter(|_| in_range).ok_or_else(|| {
        anyhow::anyhow!(
            "SOURCE_DATE_EPOCH must be a time from 1970 to the year 9999, not `{}` seconds\n  = hint: set it to the seconds since 1970-01-01, such as `1468886400`, or unset it",
            exec_report::terminal::clip(&value, 40)
        )
    })?;
    Ok(Some(timestamp))
}

/// How a run shows the style warnings it found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Warnings<'a> {
    /// Each at its line in these files, and how many others
    /// (`watch`, after a save).
    ListedFor(&'a [PathBuf]),
    /// Each at its line (`check`).
    Listed,
    /// How many, by file and rule (`build`).
    Counted,
    /// Not at all (`build --quiet`).
    Hidden,
}

fn print_summary(summary: &Summary, done: &str, warnings: Warnings<'_>) {
    match warnings {
        Warnings::Listed => summary.distinct_warnings().iter().for_each(|warning| tell!("{warning}")),
        Warnings::Counted => print_warning_counts(summary),
        Warnings::Hidden => {}
        Warnings::ListedFor(files) => {
            let distinct = summary.distinct_warnings();
            let saved = |warning: &&exec_report::input::Diagnostic| {
                let path = std::fs::canonicalize(&warning.path).unwrap_or_else(|_| warning.path.clone());
                files.contains(&path)
            };
            let (listed, others): (Vec<&exec_report::input::Diagnostic>, Vec<_>) =
                distinct.into_iter().partition(saved);
            listed.iter().for_each(|warning| tell!("{warning}"));
            if !others.is_empty() {
                tell!("{} in other files (`exec-report check` lists them)\n", style_warnings(others.len()));
            }
        }
    }
    for (failure, sources) in summary.distinct_failures() {
        tell!("{}", failure.message.trim_end());
        if let Some(stopped) = stopped(failure.template, &sources) {
            tell!("  = {stopped}");
        }
        tell!();
    }
    for note in &summary.notes {
        tell!("note: {note}");
    }
    let reports = |n: usize| if n == 1 { "1 report".to_owned() } else { format!("{n} reports") };
    let rendered = summary.rendered;
    let mut line = format!("{} {done}", reports(rendered));
    if summary.unchanged > 0 {
        line.push_str(&format!(", {} unchanged", summary.unchanged));
    }
    if !summary.failures.is_empty() {
        line.push_str(&format!(", {} failed", summary.failures.len()));
    }
    if summary.not_started > 0 {
        line.push_str(&format!(", {} not started", summary.not_started));
    }
    if done == "written" {
        line.push_str(&format!(" ({} files)", summary.written.len()));
    }
    say!("{line}");
    let count = summary.distinct_warnings().len();
    if count > 0 && warnings == Warnings::Listed {
        say!("{}: a council can switch rules off in `council.yaml`", style_warnings(count));
    }
}

/// The warnings in brief: how many of each rule in each file, and where
/// to read them.
fn print_warning_counts(summary: &Summary) {
    let counts = summary.warning_counts();
    if counts.is_empty() {
        return;
    }
    let count = summary.distinct_warnings().len();
    tell!("warning: {} (`exec-report check` shows each at its line)", style_warnings(count));
    for (path, rules) in counts {
        let rules: Vec<String> = rules.iter().map(|(rule, n)| format!("{n} {rule}")).collect();
        tell!("  {}: {}", path.display(), rules.join(", "));
    }
    tell!();
}

fn style_warnings(count: usize) -> String {
    format!("{count} style warning{}", if count == 1 { "" } else { "s" })
}

/// Which files a failure stopped, when its message does not say: a
/// template's mistake names the template, and one mistake in shared
/// settings may stop many.
fn stopped(template: bool, sources: &[&std::path::Path]) -> Option<String> {
    let named = |path: &&std::path::Path| format!("`{}`", path.display());
    match sources {
        [one] if template => Some(format!("it stopped {}", named(one))),
        [_] | [] => None,
        many => {
            let names: Vec<String> = many.iter().map(named).collect();
            Some(format!("the same problem stopped {}: {}", many.len(), names.join(", ")))
        }
    }
}

/// Prints an error once, in one style, and chooses the exit code: 2 for a
/// problem in the user's input, 1 for anything else.
fn report(error: &anyhow::Error) -> ExitCode {
    if let Some(problems) = error.downcast_ref::<InputErrors>() {
        tell!("{problems}\n\nnothing was written");
        return ExitCode::from(2);
    }
    let bad_template = error.chain().any(|cause| cause.is::<TemplateError>());
    tell_on!("error: {error}");
    for cause in error.chain().skip(1) {
        tell_on!("\n  caused by: {cause}");
    }
    tell!();
    ExitCode::from(if bad_template { 2 } else { 1 })
}
