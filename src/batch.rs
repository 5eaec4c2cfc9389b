//! The batch stage: every report of every meeting under a path, rendered in
//! parallel, each succeeding or failing on its own, written atomically, and
//! skipped when nothing it depends on has changed.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;

use crate::diagnostic::{Diagnostic, InputErrors};
use crate::load::{self, MeetingInput, ReportSource};
use crate::manifest::{Entry, Fingerprint, Manifest};
use crate::model::{Meeting, Report};
use crate::pack::{self, Part};
use crate::pdf::{self, Document, Meta};
use crate::progress::{Progress, Style};
use crate::render::{TemplateError, Templates};
use crate::view::ReportView;
use crate::words::slug;
use crate::{check, output, typeset, workers};

/// The kinds of file a build can write for each report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// The Markdown report.
    pub markdown: bool,
    /// The typeset PDF.
    pub pdf: bool,
    /// The generated Typst source, for a theme author to inspect.
    pub typst: bool,
}

/// What a run is asked to do, validated.
#[derive(Debug, Clone)]
pub struct Options {
    /// A meeting folder, a folder of meeting folders, or a report file.
    pub input: PathBuf,
    /// The folder that receives one folder per meeting.
    pub out: PathBuf,
    /// Which files to write.
    pub formats: Formats,
    /// A council's template folder, overriding built-ins by name.
    pub templates: Option<PathBuf>,
    /// Write the files; without it, only check that every report renders.
    pub write: bool,
    /// Render reports even when nothing they depend on has changed.
    pub force: bool,
    /// Stop starting reports after the first failure.
    pub fail_fast: bool,
    /// Treat style warnings as errors: a report with any is not written.
    pub deny_warnings: bool,
    /// How to show progress.
    pub style: Style,
    /// The date and time to stamp PDFs with (`SOURCE_DATE_EPOCH`), instead
    /// of the Council meeting's date.
    pub timestamp: Option<jiff::Timestamp>,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// How many reports the run found.
    pub reports: usize,
    /// The files written.
    pub written: Vec<PathBuf>,
    /// Reports left as they were because nothing they depend on changed.
    pub unchanged: usize,
    /// Reports not started because an earlier one failed (`--fail-fast`).
    pub not_started: usize,
    /// The reports that failed, and why.
    pub failures: Vec<Failure>,
    /// Anything else the user should know, such as a pack not updated.
    pub notes: Vec<String>,
    /// Style warnings about the prose, at their lines.
    pub warnings: Vec<Diagnostic>,
}

/// A report that failed.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The file the report came from.
    pub source: PathBuf,
    /// Whether the user's files are at fault (YAML, template), rather than
    /// the typesetting or the disk.
    pub input: bool,
    /// The full message, with file and line where known.
    pub message: String,
}

impl Summary {
    /// 0 when every report succeeded; 2 when the failures are all problems in
    /// the user's files; 1 when anything else failed.
    pub fn exit_code(&self) -> u8 {
        match self.failures.iter().all(|failure| failure.input) {
            _ if self.failures.is_empty() => 0,
            true => 2,
            false => 1,
        }
    }
}

/// Everything shared by the reports of one run, loaded once.
struct Run<'a> {
    options: &'a Options,
    templates: Templates,
    /// A fingerprint of what every report depends on: the tool, templates,
    /// theme, formats and timestamp.
    settings: String,
}

/// One report's place in the run.
struct Task<'a> {
    meeting: &'a MeetingInput,
    source: &'a ReportSource,
    inputs: String,
    work: Work,
    /// Style warnings about the report's prose.
    warnings: Vec<Diagnostic>,
}

enum Work {
    Unchanged,
    Render(Box<(Report, Part)>),
    Failed(Failure),
}

/// How one report ended.
enum Outcome {
    Unchanged,
    Written(Vec<String>),
    Failed(Failure),
    NotStarted,
}

/// A meeting whose pack and index must be made again.
struct PackJob<'a> {
    meeting: &'a MeetingInput,
    inputs: String,
    parts: Vec<Part>,
}

/// Files made in memory, by file name, waiting to be written.
type Files = Vec<(String, Vec<u8>)>;

/// What the parallel phase runs: a report, or a meeting's pack.
enum Job<'t, 'a> {
    Report(&'t Task<'a>),
    Pack(&'t PackJob<'a>),
}

/// What a job gave back.
enum Done {
    Report(Outcome),
    Pack(Result<Files>),
}

/// Renders every report under `options.input` and, when asked, writes them.
pub fn run(options: &Options) -> Result<Summary> {
    let templates = Templates::load(options.templates.as_deref())?;
    let folders = crate::folders::discover(&options.input);
    let meetings = match load::load(&options.input) {
        Ok(meetings) => meetings.into_iter().filter(|m| !is_document(m, &folders)).collect(),
        Err(_) if !folders.is_empty() => Vec::new(),
        Err(problem) => return Err(InputErrors(vec![problem]).into()),
    };
    let settings = settings_fingerprint(options, &templates);
    let run = Run { options, templates, settings };
    let mut summary = Summary::default();
    let tasks: Vec<Task> = meetings.iter().flat_map(|meeting| plan(&run, meeting)).collect();
    summary.reports = tasks.len();
    for meeting in meetings.iter().filter(|m| m.reports.is_empty()) {
        summary.failures.push(failure_of(&meeting.path, meeting_problem(meeting)));
    }
    let packs: Vec<PackJob> =
        meetings.iter().filter_map(|meeting| plan_pack(&run, meeting, &tasks)).collect();
    // Packs first: they are the longest jobs, so starting them early keeps
    // every core busy to the end.
    let jobs: Vec<Job> = packs.iter().map(Job::Pack).chain(tasks.iter().map(Job::Report)).collect();
    let progress = Progress::start(options.style, tasks.len());
    let stop = AtomicBool::new(false);
    let done = workers::map(&jobs, |job| {
        let done = match job {
            Job::Report(task) => Done::Report(execute(&run, task, &stop, &progress)),
            Job::Pack(pack) => Done::Pack(typeset_pack(&run, pack)),
        };
        // Typst keeps every layout it made for reuse. A batch of distinct
        // reports reuses little, so keep memory flat instead.
        typst::comemo::evict(0);
        done
    });
    progress.finish();
    let mut done = done.into_iter();
    let pack_done: Vec<Done> = done.by_ref().take(packs.len()).collect();
    let outcomes: Vec<Outcome> = done
        .map(|d| match d {
            Done::Report(outcome) => outcome,
            Done::Pack(_) => Outcome::NotStarted,
        })
        .collect();
    let mut pack_results: Vec<(&PackJob, Result<Files>)> = Vec::new();
    for (pack, result) in packs.iter().zip(pack_done) {
        if let Done::Pack(result) = result {
            pack_results.push((pack, result));
        }
    }
    for meeting in &meetings {
        let pack = pack_results.iter_mut().find(|(pack, _)| std::ptr::eq(pack.meeting, meeting));
        finish_meeting(&run, meeting, &tasks, &outcomes, pack, &mut summary)?;
    }
    let built = crate::folders::build(options, &run.templates, &run.settings, &folders);
    summary.reports += built.documents;
    summary.unchanged += built.unchanged;
    summary.written.extend(built.written);
    summary.failures.extend(built.failures);
    summary.notes.extend(built.notes);
    summary.warnings.extend(built.warnings);
    Ok(summary)
}

/// Whether a "meeting" found is a document of another kind, named alone.
fn is_document(meeting: &MeetingInput, folders: &[crate::folders::DocumentFolder]) -> bool {
    folders.iter().any(|folder| folder.files.contains(&meeting.path))
}

fn settings_fingerprint(options: &Options, templates: &Templates) -> String {
    let formats = format!("{:?}", options.formats);
    let stamp = options.timestamp.map(|t| t.to_string()).unwrap_or_default();
    templates
        .fingerprint(Fingerprint::default().with(env!("CARGO_PKG_VERSION")).with(formats).with(stamp))
        .finish()
}

/// Decides, for each report of a meeting, whether it must be rendered, and
/// parses those that must.
fn plan<'a>(run: &Run, meeting: &'a MeetingInput) -> Vec<Task<'a>> {
    let folder = run.options.out.join(&meeting.name);
    if run.options.write {
        output::remove_leftovers(&folder);
    }
    let manifest = Manifest::read(&folder);
    let assets = assets_fingerprint(meeting);
    let reports: Vec<Result<Report, Diagnostic>> =
        meeting.reports.iter().map(|source| meeting.report(source)).collect();
    let meeting_problems = check_meeting(meeting, &reports);
    let mut meeting_warnings = lint_meeting(meeting);
    let mut tasks: Vec<Task> = Vec::with_capacity(reports.len());
    for (source, report) in meeting.reports.iter().zip(reports) {
        let mut warnings = std::mem::take(&mut meeting_warnings);
        let inputs = report_fingerprint(run, meeting, source, &assets);
        let current = manifest.reports.get(&source.key).is_some_and(|e| e.is_current(&inputs, &folder));
        let work = match (report.as_ref(), &meeting.meeting) {
            _ if !meeting_problems.is_empty() => {
                Work::Failed(failure_of_all(&source.path, &meeting_problems))
            }
            (Err(problem), _) | (_, Err(problem)) => Work::Failed(failure_of(&source.path, problem.clone())),
            // Its checks and warnings were given when it was written.
            (Ok(_), Ok(_)) if current && run.options.write && !run.options.force => Work::Unchanged,
            (Ok(report), Ok(shared)) => {
                let text = match &source.text {
                    load::ReportText::File(text) => text.as_deref().unwrap_or_default(),
                    load::ReportText::Inline(_) => meeting.text.as_deref().unwrap_or_default(),
                };
                let checked = check::Source { path: &source.path, text };
                let problems = check::report(checked, shared, report);
                warnings.extend(check::lint_report(checked, shared, report, &meeting.council.lints));
                if !problems.is_empty() {
                    Work::Failed(failure_of_all(&source.path, &problems))
                } else if run.options.deny_warnings && !warnings.is_empty() {
                    Work::Failed(failure_of_all(&source.path, &std::mem::take(&mut warnings)))
                } else {
                    match prepare(run, &source.path, shared, report) {
                        Ok(part) => Work::Render(Box::new((report.clone(), part))),
                        Err(error) => Work::Failed(failure_from(&source.path, &error)),
                    }
                }
            }
        };
        tasks.push(Task { meeting, source, inputs, work, warnings });
    }
    fail_duplicates(&mut tasks, &manifest);
    tasks
}

/// Style warnings about the meeting's own file.
fn lint_meeting(meeting: &MeetingInput) -> Vec<Diagnostic> {
    let Ok(shared) = &meeting.meeting else { return Vec::new() };
    let source = check::Source { path: &meeting.path, text: meeting.text.as_deref().unwrap_or_default() };
    check::lint_meeting(source, shared, &meeting.council.lints)
}

/// The problems of a meeting's own file, which fail all its reports.
fn check_meeting(meeting: &MeetingInput, reports: &[Result<Report, Diagnostic>]) -> Vec<Diagnostic> {
    let Ok(shared) = &meeting.meeting else { return Vec::new() };
    let names: Vec<&str> = reports.iter().flatten().map(|report| report.portfolio.value.as_str()).collect();
    let all_read = !meeting.partial && names.len() == reports.len();
    let source = check::Source { path: &meeting.path, text: meeting.text.as_deref().unwrap_or_default() };
    check::meeting(source, shared, all_read.then_some(names.as_slice()))
}

fn report_fingerprint(run: &Run, meeting: &MeetingInput, source: &ReportSource, assets: &str) -> String {
    let meeting_text = meeting.text.as_deref().unwrap_or_default();
    let report_text = match &source.text {
        load::ReportText::File(text) => text.as_deref().unwrap_or_default(),
        load::ReportText::Inline(_) => "",
    };
    Fingerprint::default()
        .with(&run.settings)
        .with(meeting_text)
        .with(&meeting.shared)
        .with(&source.key)
        .with(report_text)
        .with(assets)
        .with(meeting.look.fingerprint(Fingerprint::default()).finish())
        .finish()
}

/// Images and other files a narrative may name, beside the reports.
fn assets_fingerprint(meeting: &MeetingInput) -> String {
    let mut fingerprint = Fingerprint::default();
    let folder = meeting.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(folder) else { return fingerprint.finish() };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
    paths.sort();
    for path in paths.iter().filter(|p| p.is_file() && !load::is_yaml(p)) {
        fingerprint =
            fingerprint.with(path.to_string_lossy().as_bytes()).with(std::fs::read(path).unwrap_or_default());
    }
    fingerprint.finish()
}

/// Two reports of one meeting must not write the same files: the second
/// one fails, naming the first.
fn fail_duplicates(tasks: &mut [Task], manifest: &Manifest) {
    let mut seen: Vec<(String, PathBuf)> = Vec::new();
    for task in tasks.iter_mut() {
        let name = match &task.work {
            Work::Render(prepared) => prepared.1.slug.clone(),
            Work::Unchanged => manifest.reports[&task.source.key].files[0]
                .0
                .rsplit_once('.')
                .map_or_else(String::new, |(stem, _)| stem.to_owned()),
            Work::Failed(_) => continue,
        };
        let problem = if name.is_empty() {
            Some(
                Diagnostic::file(&task.source.path, "the portfolio's name has no letters or digits")
                    .with_hint("the report's files are named after its portfolio"),
            )
        } else if let Some((_, first)) = seen.iter().find(|(seen_name, _)| *seen_name == name) {
            Some(
                Diagnostic::file(&task.source.path, format!("a second report writes `{name}`"))
                    .with_hint(format!("the first report for this portfolio is in `{}`", first.display())),
            )
        } else {
            seen.push((name, task.source.path.clone()));
            None
        };
        if let Some(problem) = problem {
            task.work = Work::Failed(failure_of(&task.source.path, problem));
        }
    }
}

fn execute(run: &Run, task: &Task, stop: &AtomicBool, progress: &Progress) -> Outcome {
    let label = format!("{}/{}", task.meeting.name, task.source.key);
    let outcome = match &task.work {
        Work::Unchanged => Outcome::Unchanged,
        Work::Failed(failure) => Outcome::Failed(failure.clone()),
        Work::Render(_) if stop.load(Ordering::Relaxed) => return Outcome::NotStarted,
        Work::Render(prepared) => match render_and_write(run, task.meeting, &prepared.0, &prepared.1) {
            Ok(names) => Outcome::Written(names),
            Err(error) => Outcome::Failed(failure_from(&task.source.path, &error)),
        },
    };
    let what = match &outcome {
        Outcome::Unchanged => "unchanged",
        Outcome::Written(..) if run.options.write => "rendered",
        Outcome::Written(..) => "checked",
        Outcome::Failed(_) => {
            if run.options.fail_fast {
                stop.store(true, Ordering::Relaxed);
            }
            "failed"
        }
        Outcome::NotStarted => return Outcome::NotStarted,
    };
    progress.done(what, &label);
    outcome
}

/// Typesets one report in every asked-for format and writes each file.
fn render_and_write(run: &Run, input: &MeetingInput, report: &Report, part: &Part) -> Result<Vec<String>> {
    let meeting = input.meeting.as_ref().map_err(|problem| InputErrors(vec![problem.clone()]))?;
    let formats = run.options.formats;
    let mut files: Files = Vec::new();
    if formats.pdf || formats.typst {
        let body = typeset::markdown_to_typst(&part.markdown);
        let meta = meta(run, input, meeting, report);
        let document = Document {
            body: &body,
            theme: run.templates.theme(),
            meta: &meta,
            assets: Some(assets_dir(input)),
            files: &part.charts,
        };
        if formats.typst {
            files.push((format!("{}.typ", part.slug), pdf::source(&document).into_bytes()));
        }
        if formats.pdf {
            files.push((format!("{}.pdf", part.slug), pdf::typeset(&document)?));
        }
    }
    if formats.markdown {
        files.push((format!("{}.md", part.slug), part.markdown.clone().into_bytes()));
        files.extend(part.charts.iter().map(|(name, svg)| (name.clone(), svg.clone().into_bytes())));
    }
    if run.options.write {
        let folder = run.options.out.join(&input.name);
        for (name, bytes) in &files {
            output::write_atomic(&folder.join(name), bytes)?;
        }
    }
    Ok(files.into_iter().map(|(name, _)| name).collect())
}

fn prepare(run: &Run, source: &Path, meeting: &Meeting, report: &Report) -> Result<Part> {
    let view = ReportView::new(meeting, report)
        .map_err(|problem| InputErrors(vec![Diagnostic::file(source, problem)]))?;
    let markdown = run.templates.render(&view)?;
    let charts = view.charts().map(|chart| (chart.file.clone(), chart.svg.clone())).collect();
    Ok(Part {
        portfolio: report.portfolio.value.clone(),
        slug: slug(&report.portfolio.value),
        member: report.member.clone(),
        markdown,
        charts,
    })
}

fn assets_dir(input: &MeetingInput) -> &Path {
    input.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn meta(run: &Run, input: &MeetingInput, meeting: &Meeting, report: &Report) -> Meta {
    Meta {
        title: format!("{}: Executive Member report", report.portfolio.value),
        subtitle: pack::meeting_line(meeting),
        council: meeting.council.clone(),
        author: report.member.name.clone(),
        date: stamp(run, meeting),
        ident: format!("{}/{}", input.name, slug(&report.portfolio.value)),
        look: input.look.clone(),
    }
}

/// The PDF's date: `SOURCE_DATE_EPOCH` when set, else the meeting's date.
fn stamp(run: &Run, meeting: &Meeting) -> jiff::civil::DateTime {
    stamp_on(run.options, meeting.meeting.date)
}

/// The date to stamp a PDF for a meeting on `date` with:
/// `SOURCE_DATE_EPOCH` when set, else that day.
pub(crate) fn stamp_on(options: &Options, date: jiff::civil::Date) -> jiff::civil::DateTime {
    match options.timestamp {
        Some(timestamp) => timestamp.to_zoned(jiff::tz::TimeZone::UTC).datetime(),
        None => date.to_datetime(jiff::civil::Time::midnight()),
    }
}

/// Records what the run did for one meeting, writes its pack and index when
/// all its reports succeeded, and updates its manifest.
fn finish_meeting(
    run: &Run,
    meeting: &MeetingInput,
    tasks: &[Task],
    outcomes: &[Outcome],
    pack: Option<&mut (&PackJob, Result<Files>)>,
    summary: &mut Summary,
) -> Result<()> {
    let folder = run.options.out.join(&meeting.name);
    let mut manifest = Manifest::read(&folder);
    let mut changed = false;
    let mut failed = 0;
    let mine = tasks.iter().zip(outcomes).filter(|(task, _)| std::ptr::eq(task.meeting, meeting));
    for (task, outcome) in mine {
        summary.warnings.extend(task.warnings.iter().cloned());
        match outcome {
            Outcome::Unchanged => summary.unchanged += 1,
            Outcome::Written(names) => {
                changed = true;
                summary.written.extend(names.iter().map(|name| folder.join(name)));
                let entry = Entry::new(task.inputs.clone(), &folder, names.iter().cloned());
                manifest.reports.insert(task.source.key.clone(), entry);
            }
            Outcome::Failed(failure) => {
                failed += 1;
                summary.failures.push(failure.clone());
            }
            Outcome::NotStarted => {
                failed += 1;
                summary.not_started += 1;
            }
        }
    }
    if failed > 0 && run.options.write && !meeting.partial {
        summary.notes.push(format!(
            "`{}`: the pack and index were left as they were, because {failed} of its reports did not render",
            meeting.name
        ));
    } else if let Some((job, result)) = pack {
        {
            match std::mem::replace(result, Ok(Vec::new())) {
                Ok(files) => {
                    for (name, bytes) in &files {
                        output::write_atomic(&folder.join(name), bytes)?;
                        summary.written.push(folder.join(name));
                    }
                    let names = files.into_iter().map(|(name, _)| name);
                    manifest.pack = Some(Entry::new(job.inputs.clone(), &folder, names));
                    changed = true;
                }
                Err(error) => summary.failures.push(failure_from(&meeting.path, &error)),
            }
        }
    }
    if changed && run.options.write {
        manifest.write(&folder)?;
    }
    Ok(())
}

/// The pack and index a meeting needs made again, if any: when the run
/// writes, the meeting is whole, none of its reports has already failed, and
/// the pack is out of date.
fn plan_pack<'a>(run: &Run, input: &'a MeetingInput, tasks: &[Task<'a>]) -> Option<PackJob<'a>> {
    let mine: Vec<&Task> = tasks.iter().filter(|task| std::ptr::eq(task.meeting, input)).collect();
    let failed = mine.iter().any(|task| matches!(task.work, Work::Failed(_)));
    if !run.options.write || input.partial || mine.is_empty() || failed {
        return None;
    }
    let folder = run.options.out.join(&input.name);
    let inputs =
        mine.iter().fold(Fingerprint::default().with(&run.settings), |f, task| f.with(&task.inputs)).finish();
    let current = Manifest::read(&folder).pack.is_some_and(|entry| entry.is_current(&inputs, &folder));
    if current && !run.options.force {
        return None;
    }
    let meeting = input.meeting.as_ref().ok()?;
    let mut parts = Vec::with_capacity(mine.len());
    for task in mine {
        match &task.work {
            Work::Render(prepared) => parts.push(prepared.1.clone()),
            _ => parts.push(prepare(run, &task.source.path, meeting, &input.report(task.source).ok()?).ok()?),
        }
    }
    Some(PackJob { meeting: input, inputs, parts: pack::in_order(parts, &meeting.report_order) })
}

/// Makes a meeting's `index.md` and, with PDF output, its pack.
fn typeset_pack(run: &Run, job: &PackJob) -> Result<Files> {
    let meeting = job.meeting.meeting.as_ref().map_err(|problem| InputErrors(vec![problem.clone()]))?;
    let formats = run.options.formats;
    let mut files = vec![(pack::INDEX.to_owned(), pack::index(meeting, &job.parts, formats).into_bytes())];
    if formats.pdf {
        let body = pack::body(&job.parts);
        let meta = pack::meta(meeting, &job.meeting.name, stamp(run, meeting), job.meeting.look.clone());
        let theme = run.templates.theme();
        let charts: Vec<(String, String)> = job.parts.iter().flat_map(|part| part.charts.clone()).collect();
        let assets = Some(assets_dir(job.meeting));
        let document = Document { body: &body, theme, meta: &meta, assets, files: &charts };
        files.push((pack::PACK.to_owned(), pdf::typeset(&document)?));
    }
    Ok(files)
}

fn meeting_problem(meeting: &MeetingInput) -> Diagnostic {
    match &meeting.meeting {
        Err(problem) => problem.clone(),
        Ok(_) => Diagnostic::file(&meeting.path, "this meeting has no reports"),
    }
}

fn failure_of_all(source: &Path, problems: &[Diagnostic]) -> Failure {
    let message = problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    Failure { source: source.to_owned(), input: true, message }
}

fn failure_of(source: &Path, problem: Diagnostic) -> Failure {
    Failure { source: source.to_owned(), input: true, message: problem.to_string() }
}

/// A failure from an error of any stage, telling the user's mistakes (YAML,
/// templates) from the tool's.
pub(crate) fn failure_from(source: &Path, error: &anyhow::Error) -> Failure {
    let input = error.chain().any(|cause| cause.is::<InputErrors>() || cause.is::<TemplateError>());
    let mut message = format!("error: cannot render `{}`", source.display());
    for cause in error.chain() {
        message.push_str(&format!("\n  {cause}"));
    }
    Failure { source: source.to_owned(), input, message }
}
