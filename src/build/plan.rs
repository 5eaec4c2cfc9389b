//! Planning one folder: its council's settings and look, its meeting, and
//! every document read, checked and rendered to Markdown, or left alone
//! when nothing it depends on has changed; then the packs it needs.
//! A folder that cannot be planned fails alone, named.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::build::folder::{Council, Folder, Meeting, Planned, Rendering, State};
use crate::build::manifest::{Fingerprint, Manifest};
use crate::build::{Failure, Run};
use crate::build::{content, names};
use crate::input::council::Settings;
use crate::input::discover::{File, Found, kind_line};
use crate::input::files::Root;
use crate::input::{Diagnostic, InputErrors, Source, closest_hint, is_yaml};
use crate::kinds::executive::{self, MeetingFile};
use crate::kinds::{self, Context, Document, Kind};
use crate::pdf::look::Look;

/// The councils read so far, by settings file.
#[derive(Default)]
pub(crate) struct Councils(HashMap<Option<PathBuf>, Result<Council, Vec<Diagnostic>>>);

impl Councils {
    fn for_folder(&mut self, run: &Run, dir: &Path) -> Result<Council, Vec<Diagnostic>> {
        let file = Settings::file_for(dir);
        let read = || {
            let settings = match file.clone() {
                Some(file) => Settings::read(file)?,
                None => Settings::default(),
            };
            let known = |kind: &str| run.templates.headings(kind);
            let problems = settings.check_headings(&known, &kinds::names());
            if !problems.is_empty() {
                return Err(problems);
            }
            // The look (logo, fonts) is the PDF's: Markdown alone needs none.
            let formats = run.options.formats;
            let look = if formats.pdf || formats.typst {
                Look::load(&settings).map_err(|problem| vec![problem])?
            } else {
                Look::default()
            };
            Ok(Arc::new((settings, look)))
        };
        self.0.entry(file.clone()).or_insert_with(read).clone()
    }
}

/// Plans the folder `found`.
pub(crate) fn folder(run: &Run, councils: &mut Councils, found: Found) -> Folder {
    let out = run.options.out.join(&found.name);
    let council = match councils.for_folder(run, &found.dir) {
        Ok(council) => council,
        Err(problems) => return Folder::failed(&found, out, &found.dir, &problems),
    };
    let mut meeting = match found.meeting.as_ref().map(|file| read_meeting(file, &found.root)).transpose() {
        Ok(meeting) => meeting,
        Err((path, problem)) => return Folder::failed(&found, out, &path, &[problem]),
    };
    if let Some(meeting) = meeting.as_mut() {
        fill_in_meeting(run, &council.0, &mut meeting.file.meeting);
    }
    let mut folder = Folder {
        name: found.name.clone(),
        dir: found.dir.clone(),
        out,
        partial: found.partial,
        council: Some(council.clone()),
        meeting,
        documents: Vec::new(),
        packs: Vec::new(),
        failure: None,
        warnings: Vec::new(),
        manifest: Manifest::default(),
    };
    let folder_inputs = folder_fingerprint(run, &folder);
    let sources = sources(&folder, &found);
    if sources.is_empty() {
        let (path, problem) = match &folder.meeting {
            Some(_) if found.partial => {
                let path = found.files.first().map(|file| file.path.clone()).unwrap_or_default();
                let problem = Diagnostic::file(&path, "this is one of the meeting's KPI files, not a report")
                    .with_hint("name a report's file, or the meeting's folder");
                (path, problem)
            }
            Some(meeting) => (meeting.path.clone(), no_reports(&meeting.path)),
            None => (found.dir.clone(), Diagnostic::file(&found.dir, "no documents found here")),
        };
        folder.failure = Some(Failure::of(&path, &[problem]));
        return folder;
    }
    let manifest = Manifest::read(&folder.out);
    if run.options.write {
        crate::build::output::remove_leftovers(&folder.out);
    }
    for source in sources {
        let planned = document(run, &folder, &council.0, source, &folder_inputs, &manifest);
        folder.documents.push(planned);
    }
    if let Some(problems) = check_meeting(&folder).filter(|problems| !problems.is_empty()) {
        let path = folder.meeting.as_ref().map(|meeting| meeting.path.clone()).unwrap_or_default();
        folder.failure = Some(Failure::of(&path, &problems));
        return folder;
    }
    folder.warnings = lint_meeting(&folder, &council.0);
    if run.options.deny_warnings && !folder.warnings.is_empty() {
        let path = folder.meeting.as_ref().map(|meeting| meeting.path.clone()).unwrap_or_default();
        folder.failure = Some(Failure::of(&path, &std::mem::take(&mut folder.warnings)));
        return folder;
    }
    names::check(&mut folder);
    plan_packs(run, &mut folder, &folder_inputs, &manifest);
    folder.manifest = manifest;
    render(run, &mut folder);
    names::check_files(&mut folder);
    folder
}

/// What a meeting leaves to the council: its name, given once in
/// `council.yaml`, and the name of the body that meets, in the council's
/// words.
fn fill_in_meeting(run: &Run, settings: &Settings, meeting: &mut executive::Meeting) {
    if let Some(name) = &settings.council.name
        && meeting.council.trim().is_empty()
    {
        meeting.council = name.clone();
    }
    if meeting.meeting.body.trim().is_empty() {
        meeting.meeting.body = run.templates.style(settings, executive::KIND.name).heading("body");
    }
}

fn read_meeting(file: &File, root: &Root) -> Result<Meeting, (PathBuf, Diagnostic)> {
    let text = file.text.clone().map_err(|problem| (file.path.clone(), problem))?;
    let source = Source { path: &file.path, text: &text };
    let read = MeetingFile::read(source, root).map_err(|problem| (file.path.clone(), problem))?;
    Ok(Meeting { path: file.path.clone(), text, file: read })
}

fn no_reports(path: &Path) -> Diagnostic {
    Diagnostic::file(path, "this meeting has no reports")
        .with_hint("add a YAML file per portfolio beside `meeting.yaml`, or list them under `reports:`")
}

/// A document's source: its file, or an entry of the meeting file.
struct DocumentSource {
    path: PathBuf,
    key: String,
    text: Result<String, Diagnostic>,
    inline: Option<usize>,
}

/// The folder's documents: its YAML files, but for the meeting's KPI files,
/// then the reports written inside the meeting file.
fn sources(folder: &Folder, found: &Found) -> Vec<DocumentSource> {
    let mut sources = Vec::new();
    if let Some(meeting) = &folder.meeting
        && !found.partial
    {
        let name = meeting.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        sources.extend((0..meeting.file.meeting.reports.len()).map(|index| DocumentSource {
            path: meeting.path.clone(),
            key: format!("{name}#{}", index + 1),
            text: Ok(meeting.text.clone()),
            inline: Some(index),
        }));
    }
    let documents =
        found.files.iter().filter(|file| is_yaml(&file.path)).filter(|file| match &folder.meeting {
            Some(meeting) => !meeting.file.is_kpi_file(&meeting.path, &file.path),
            None => true,
        });
    sources.extend(documents.map(|file| DocumentSource {
        key: file.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        path: file.path.clone(),
        text: file.text.clone(),
        inline: None,
    }));
    sources
}

/// Reads, checks and fingerprints one document.
fn document(
    run: &Run,
    folder: &Folder,
    settings: &Settings,
    source: DocumentSource,
    folder_inputs: &str,
    manifest: &Manifest,
) -> Planned {
    let (kind, text) = match source.text {
        Ok(text) => (kind_of(&source.path, &text, folder.meeting.is_some()), text),
        Err(problem) => (Err(problem), String::new()),
    };
    let inputs = Fingerprint::default().with(folder_inputs).with(&source.key).with(&text).finish();
    // A document whose kind is unknown is checked as nothing in particular.
    let kind_or_default = *kind.as_ref().unwrap_or(&&executive::KIND);
    let known_kind = kind.is_ok();
    let style = run.templates.style(settings, kind_or_default.name);
    let mut planned = Planned {
        path: source.path.clone(),
        key: source.key.clone(),
        kind: kind_or_default,
        document: None,
        stem: String::new(),
        style,
        inputs,
        text,
        state: State::Render,
        rendering: None,
        warnings: Vec::new(),
        absorbed: false,
        known_kind,
    };
    let read = kind.and_then(|kind| read(folder, kind, &source.path, source.inline, &planned.text));
    let document = match read {
        Ok(document) => document,
        Err(problem) => {
            planned.state = State::Failed(Failure::of(&source.path, &[problem]));
            return planned;
        }
    };
    let checked = Source { path: &source.path, text: &planned.text };
    let context = folder.context(&planned.style);
    let mut problems = document.check(checked, &context);
    if document.describe(&context).council.trim().is_empty() {
        problems.push(crate::kinds::parts::no_council(checked));
    }
    planned.stem = document.stem(&source.path);
    planned.document = Some(document);
    if !problems.is_empty() {
        planned.state = State::Failed(Failure::of(&source.path, &problems));
        return planned;
    }
    // The images its file shows are among what it is made from.
    planned.inputs =
        with_images(Fingerprint::default().with(&planned.inputs), &planned.text, &folder.dir).finish();
    let entry = manifest.documents.get(&source.key);
    let current = entry.filter(|entry| entry.is_current(&planned.inputs, &folder.out));
    if current.is_some() && run.options.write && !run.options.force {
        planned.state = State::Unchanged;
    }
    planned
}

/// A document's kind: the one its `kind:` names; an Executive Member
/// report in a meeting folder when it names none.
fn kind_of(path: &Path, text: &str, in_meeting: bool) -> Result<&'static Kind, Diagnostic> {
    let Some((line, column, name)) = kind_line(text) else {
        if in_meeting {
            return Ok(&executive::KIND);
        }
        return Err(Diagnostic::file(path, "this file names no `kind:`")
            .with_hint(format!("start it with `kind:` and one of {}", kinds::names().join(", "))));
    };
    kinds::by_name(name).ok_or_else(|| {
        let problem = Diagnostic::at(path, text, line, column, format!("`{name}` is not a kind of document"));
        closest_hint(problem, name, &kinds::names(), "the kinds are")
    })
}

/// Reads a document: from its text, or, for a report written inside the
/// meeting file, the entry already read with the meeting.
fn read(
    folder: &Folder,
    kind: &Kind,
    path: &Path,
    inline: Option<usize>,
    text: &str,
) -> Result<Box<dyn Document>, Diagnostic> {
    match (inline, &folder.meeting) {
        (Some(index), Some(meeting)) => Ok(Box::new(meeting.file.meeting.reports[index].clone())),
        _ => (kind.read)(Source { path, text }),
    }
}

/// A hash of everything a folder's documents share: the run's settings, the
/// council's settings and look, and the meeting with its KPI files and the
/// images it shows. Other files of the folder count only for the documents
/// that show them.
fn folder_fingerprint(run: &Run, folder: &Folder) -> String {
    let mut fingerprint = Fingerprint::default().with(&run.settings);
    if let Some(council) = &folder.council {
        fingerprint = council.1.fingerprint(fingerprint.with(&council.0.text));
    }
    if let Some(meeting) = &folder.meeting {
        fingerprint = fingerprint.with(&meeting.text).with(&meeting.file.shared);
        fingerprint = with_images(fingerprint, &meeting.text, &folder.dir);
    }
    fingerprint.finish()
}

/// Adds to a fingerprint each image a YAML file's text names, with its
/// bytes, read from the folder `dir`.
fn with_images(mut fingerprint: Fingerprint, text: &str, dir: &Path) -> Fingerprint {
    for name in content::images_written(text) {
        let read = content::read_image(&name, dir);
        fingerprint = fingerprint.with(&name).with(read.as_deref().unwrap_or_default());
    }
    fingerprint
}

/// The problems of a meeting's own file, which fail the whole folder. The
/// portfolios it names are checked against its reports when all of them
/// were read.
fn check_meeting(folder: &Folder) -> Option<Vec<Diagnostic>> {
    let meeting = folder.meeting.as_ref()?;
    let reports: Vec<&executive::Report> = folder
        .documents
        .iter()
        .filter_map(|planned| planned.document.as_deref())
        .filter_map(|document| (document as &dyn std::any::Any).downcast_ref::<executive::Report>())
        .collect();
    let names: Vec<&str> = reports.iter().map(|report| report.portfolio.value.as_str()).collect();
    let all_read = !folder.partial && folder.documents.iter().all(|planned| planned.document.is_some());
    let source = Source { path: &meeting.path, text: &meeting.text };
    Some(executive::check::meeting(source, &meeting.file.meeting, all_read.then_some(names.as_slice())))
}

/// Style warnings about the meeting's own file.
fn lint_meeting(folder: &Folder, settings: &Settings) -> Vec<Diagnostic> {
    let Some(meeting) = &folder.meeting else { return Vec::new() };
    let source = Source { path: &meeting.path, text: &meeting.text };
    let mut warnings = executive::check::lint_meeting(source, &meeting.file.meeting, &settings.council.lints);
    warnings.extend(crate::cycle::markers(source));
    warnings.extend(meeting.file.markers.iter().cloned());
    warnings
}

/// The packs the folder's kinds make, when any of their inputs changed.
fn plan_packs(run: &Run, folder: &mut Folder, folder_inputs: &str, manifest: &Manifest) {
    let formats = run.options.formats;
    let mut kinds: Vec<&'static Kind> = Vec::new();
    for planned in &folder.documents {
        let new = !kinds.iter().any(|kind| std::ptr::eq(*kind, planned.kind));
        if planned.known_kind && planned.kind.pack.is_some() && new {
            kinds.push(planned.kind);
        }
    }
    for kind in kinds {
        let pack = kind.pack.expect("kinds with a pack");
        if folder.partial || !pack.wanted(formats) {
            continue;
        }
        let inputs = folder
            .documents
            .iter()
            .fold(Fingerprint::default().with(folder_inputs), |f, planned| f.with(&planned.inputs))
            .finish();
        let current =
            manifest.packs.get(kind.name).is_some_and(|entry| entry.is_current(&inputs, &folder.out));
        let made = run.options.write && (!current || run.options.force);
        for planned in folder.documents.iter_mut().filter(|planned| std::ptr::eq(planned.kind, kind)) {
            planned.absorbed = pack.absorbs();
            // A document written through its pack is written again with it.
            if planned.absorbed && made && matches!(planned.state, State::Unchanged) {
                planned.state = State::Render;
            }
        }
        if made {
            folder.packs.push((pack, kind, inputs));
        }
    }
}

/// Renders to Markdown every document to be written, and every document a
/// pack to be made needs; lints those to be written.
fn render(run: &Run, folder: &mut Folder) {
    let needed_by_packs = !folder.packs.is_empty();
    let Some(council) = folder.council.clone() else { return };
    let mut documents = std::mem::take(&mut folder.documents);
    let typeset = run.options.formats.pdf || run.options.formats.typst;
    // Text a document shows may be written in its meeting's file or the
    // council's settings: a problem in it is told there.
    let meeting = folder.meeting.as_ref().map(|meeting| Source { path: &meeting.path, text: &meeting.text });
    let also: Vec<Source> = meeting.into_iter().chain([council.0.source()]).collect();
    let around = Around { dir: &folder.dir, fonts: typeset.then(|| council.1.fonts.as_slice()), also: &also };
    for planned in &mut documents {
        let own = matches!(planned.state, State::Render);
        let for_packs = needed_by_packs && matches!(planned.state, State::Unchanged);
        if !own && !for_packs {
            continue;
        }
        let Some(document) = planned.document.as_deref() else { continue };
        let source = Source { path: &planned.path, text: &planned.text };
        let context = folder.context(&planned.style);
        let rendered = rendering(run, planned, document, &context, &around);
        // The style rules read only what passed the checks of content and
        // size: a refused document may be too big for them.
        let refused = matches!(rendered, Ok(Err(_)));
        if own && !refused {
            planned.warnings = crate::lint::at_lines(&source, &document.prose(), &council.0.council.lints);
            planned.warnings.extend(document.warnings(source, &context));
            planned.warnings.extend(crate::cycle::markers(source));
            if run.options.deny_warnings && !planned.warnings.is_empty() {
                planned.state =
                    State::Failed(Failure::of(&planned.path, &std::mem::take(&mut planned.warnings)));
                continue;
            }
        }
        match rendered {
            Ok(Ok(rendering)) => planned.rendering = Some(rendering),
            Ok(Err(problems)) => planned.state = State::Failed(Failure::of(&planned.path, &problems)),
            Err(error) => {
                planned.state = State::Failed(Failure::from_error(&planned.path, &error, run.options.doing()))
            }
        }
    }
    folder.documents = documents;
}

/// What a document's content is checked against: its folder, the
/// council's fonts when it is to be typeset, and the other files its text
/// may come from.
struct Around<'a> {
    dir: &'a Path,
    fonts: Option<&'a [typst::text::Font]>,
    also: &'a [Source<'a>],
}

/// A document's view rendered through its kind's template, its Markdown
/// checked as untrusted content and the images it shows read: the problems
/// of its content when it is refused.
fn rendering(
    run: &Run,
    planned: &Planned,
    document: &dyn Document,
    context: &Context,
    around: &Around,
) -> anyhow::Result<Result<Rendering, Vec<Diagnostic>>> {
    let view = document
        .view(context)
        .map_err(|message| InputErrors(vec![Diagnostic::file(&planned.path, message)]))?;
    let markdown = run.templates.render_named(&planned.kind.template(), &view.value)?;
    let described = document.describe(context);
    let made: Vec<String> = view.files.iter().map(|(name, _)| name.clone()).collect();
    let source = Source { path: &planned.path, text: &planned.text };
    // The PDF's title and header lines are typeset too.
    let typeset_text = [&described.title, &described.subtitle, &described.author, &described.council];
    let shown = typeset_text.iter().fold(markdown.clone(), |text, line| text + "\n\n" + line);
    let checking =
        content::Checking { source, also: around.also, dir: around.dir, made: &made, fonts: around.fonts };
    let images = match content::check(&shown, &checking) {
        Ok(images) => images,
        Err(problems) => return Ok(Err(problems)),
    };
    let mut files: Vec<crate::kinds::File> =
        view.files.into_iter().map(|(name, svg)| (name, svg.into_bytes())).collect();
    files.extend(images);
    Ok(Ok(Rendering { markdown, files, charts: made, described }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_kind_from_its_name_and_a_report_in_a_meeting_without_one() {
        let path = Path::new("d.yaml");
        assert_eq!(kind_of(path, "kind: agenda\n", false).unwrap().name, "agenda");
        assert_eq!(kind_of(path, "portfolio: P\n", true).unwrap().name, "executive-report");
        let missing = kind_of(path, "portfolio: P\n", false).unwrap_err();
        assert_eq!(missing.message, "this file names no `kind:`");
    }

    #[test]
    fn tells_a_mistyped_kind_at_its_line_with_the_closest_name() {
        let problem = kind_of(Path::new("d.yaml"), "# c\nkind: comittee-report\n", false).unwrap_err();
        assert_eq!(problem.position, Some((2, 7)));
        assert_eq!(problem.hint.as_deref(), Some("did you mean `committee-report`?"));
    }
}
