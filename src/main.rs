//! The `exec-report` command: parses the command line and runs one stage
//! chain of the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use exec_report::batch::{self, Formats, Options};
use exec_report::diagnostic::InputErrors;
use exec_report::render::{self, TemplateError};

/// Renders Executive Member reports for a Council meeting from YAML files
/// into Markdown and PDF.
///
/// Keep one folder per Council meeting under `inputs/`, holding
/// `meeting.yaml` (the meeting, its Cabinet meetings, Forward Plan and Panel
/// meetings) and one YAML file per portfolio. Then run `exec-report build`.
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
  exec-report check                              check the YAML without writing anything
  exec-report templates export my-templates      copy the built-in templates out to edit
  exec-report build --templates my-templates     render with the edited templates";

#[derive(Subcommand)]
enum Command {
    /// Render every report into Markdown and PDF files.
    ///
    /// Writes `<out>/<meeting folder>/<portfolio>.md` and `.pdf`. If any
    /// report has a problem, nothing is written and the problems are listed.
    Build {
        #[command(flatten)]
        input: InputArgs,
        /// The folder to write the reports into.
        #[arg(long, value_name = "DIR", default_value = "output")]
        out: PathBuf,
        /// Which files to write, separated by commas: md, pdf, typ (the
        /// Typst source of the PDF, for whoever edits the theme).
        #[arg(long, value_name = "LIST", value_delimiter = ',', default_value = "md,pdf")]
        format: Vec<Format>,
    },
    /// Check the YAML files and templates without writing anything.
    Check {
        #[command(flatten)]
        input: InputArgs,
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
    /// Typst source
    Typ,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(&error),
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Build { input, out, format } => {
            let formats = Formats {
                markdown: format.contains(&Format::Md),
                pdf: format.contains(&Format::Pdf),
                typst: format.contains(&Format::Typ),
            };
            let written = batch::build(&options(input, out, formats))?;
            for path in &written {
                println!("wrote {}", path.display());
            }
            println!("{} files written", written.len());
        }
        Command::Check { input } => {
            let formats = Formats { markdown: true, pdf: false, typst: true };
            let reports = batch::render_all(&options(input, PathBuf::new(), formats))?;
            println!("no problems found in {} reports", reports.len());
        }
        Command::Templates { command: TemplatesCommand::Export { dir } } => {
            for path in render::export(&dir)? {
                println!("wrote {}", path.display());
            }
        }
    }
    Ok(())
}

fn options(input: InputArgs, out: PathBuf, formats: Formats) -> Options {
    Options { input: input.path, out, formats, templates: input.templates }
}

/// Prints an error once, in one style, and chooses the exit code: 2 for a
/// problem in the user's input, 1 for anything else.
fn report(error: &anyhow::Error) -> ExitCode {
    if let Some(problems) = error.downcast_ref::<InputErrors>() {
        eprintln!("{problems}");
        return ExitCode::from(2);
    }
    let bad_template = error.chain().any(|cause| cause.is::<TemplateError>());
    eprint!("error: {error}");
    for cause in error.chain().skip(1) {
        eprint!("\n  caused by: {cause}");
    }
    eprintln!();
    ExitCode::from(if bad_template { 2 } else { 1 })
}
