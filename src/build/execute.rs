//! Running a build's jobs: every document typeset and written in parallel,
//! each succeeding or failing on its own, and each folder's packs made
//! beside them; then each folder's outcome recorded in its manifest and the
//! run's summary.

use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;

use crate::build::folder::{Folder, Planned, State};
use crate::build::manifest::{Entry, Manifest};
use crate::build::progress::Progress;
use crate::build::{Failure, Run, Summary, index, output, workers};
use crate::kinds::{self, File};
use crate::text::Part;
use crate::{pdf, publish, typeset};

/// What a run does in parallel: a document typeset on its own, or a pack,
/// by its index, which typesets its documents inside it. Each with its
/// folder's position in the run.
enum Job<'f> {
    Document(usize, &'f Folder, &'f Planned),
    Pack(usize, &'f Folder, usize),
}

/// What a document's job did.
enum Done {
    Written(Vec<String>),
    Failed(Failure),
    NotStarted,
}

/// What a pack's job did: its files, unless it was not started, and what
/// became of the documents whose own PDFs came from its layout.
struct PackDone<'f> {
    files: Option<Result<Packed>>,
    documents: Vec<(&'f Planned, Done)>,
}

/// A pack's files: still to write, or written already by its job, when
/// every document of its folder to be written was written from it.
enum Packed {
    Files(Vec<File>),
    Written(Vec<String>),
}

/// What a job did, by its kind.
enum JobDone<'f> {
    Document(Done),
    Pack(PackDone<'f>),
}

/// What one folder's jobs did.
struct Outcome<'f> {
    documents: Vec<(&'f Planned, Done)>,
    packs: Vec<(usize, Result<Packed>)>,
}

/// Runs every folder's jobs and records what they did.
///
/// A folder whose pack makes a PDF has its documents laid out once, inside
/// the pack: their own PDFs are exported from the pack's layout. Only the
/// documents a pack did not cover (none, unless it failed) are then typeset
/// on their own, each succeeding or failing by itself.
pub(crate) fn execute(run: &Run, folders: Vec<Folder>, progress: &Progress, stop: &AtomicBool) -> Summary {
    let in_pack = |folder: &Folder| {
        run.options.formats.pdf && !folder.packs.is_empty() && folder.failure.is_none() && !has_failed(folder)
    };
    let mut jobs: Vec<Job> = Vec::new();
    // Packs first: they are the longest jobs, so starting them early keeps
    // every core busy to the end.
    for (at, folder) in folders.iter().enumerate() {
        if folder.failure.is_none() && !has_failed(folder) {
            jobs.extend((0..folder.packs.len()).map(|index| Job::Pack(at, folder, index)));
        }
    }
    for (at, folder) in folders.iter().enumerate().filter(|(_, folder)| !in_pack(folder)) {
        jobs.extend(own(folder).into_iter().map(|planned| Job::Document(at, folder, planned)));
    }
    progress.add(folders.iter().map(|folder| own(folder).len()).sum());
    // With `--fail-fast`, a document that failed before typesetting stops
    // the run as surely as one that fails in it.
    let failed_early = folders.iter().any(|folder| folder.failure.is_some() || has_failed(folder));
    if run.options.fail_fast && failed_early {
        stop.store(true, Ordering::Relaxed);
    }
    let mut outcomes: Vec<Outcome> =
        folders.iter().map(|_| Outcome { documents: Vec::new(), packs: Vec::new() }).collect();
    // A pack exports its PDFs on every core only when there are cores to
    // spare: otherwise the other jobs keep them busy, with less memory.
    let spare = jobs.len() < workers::threads();
    let done = workers::map(&jobs, |job| {
        let done = match job {
            Job::Document(_, folder, planned) => {
                JobDone::Document(document(run, folder, planned, None, stop, progress))
            }
            Job::Pack(_, folder, index) => JobDone::Pack(pack(run, folder, *index, spare, stop, progress)),
        };
        // Typst keeps every layout it made for reuse. A batch of distinct
        // documents reuses little, so keep memory flat instead.
        typst::comemo::evict(0);
        done
    });
    for (job, done) in jobs.iter().zip(done) {
        match (job, done) {
            (Job::Document(at, _, planned), JobDone::Document(done)) => {
                outcomes[*at].documents.push((planned, done))
            }
            (Job::Pack(at, _, index), JobDone::Pack(pack)) => {
                outcomes[*at].documents.extend(pack.documents);
                if let Some(files) = pack.files {
                    outcomes[*at].packs.push((*index, files));
                }
            }
            _ => unreachable!("every job gives its own kind of outcome"),
        }
    }
    // What no pack covered, because it failed or was not started, is
    // typeset on its own: so each document's own problem is found.
    let mut left: Vec<(usize, &Folder, &Planned)> = Vec::new();
    for (at, folder) in folders.iter().enumerate().filter(|(_, folder)| in_pack(folder)) {
        for planned in own(folder) {
            if !outcomes[at].documents.iter().any(|(done, _)| std::ptr::eq(*done, planned)) {
                left.push((at, folder, planned));
            }
        }
    }
    let done = workers::map(&left, |(_, folder, planned)| {
        let done = document(run, folder, planned, None, stop, progress);
        typst::comemo::evict(0);
        done
    });
    for ((at, _, planned), done) in left.into_iter().zip(done) {
        outcomes[at].documents.push((planned, done));
    }
    let mut summary = Summary::default();
    for (folder, outcome) in folders.iter().zip(outcomes) {
        if let Err(error) = finish(run, folder, outcome, &mut summary) {
            summary.failures.push(Failure::from_error(&folder.dir, &error, run.options.doing()));
        }
    }
    summary
}

/// The documents of a folder to be written as files of their own (not
/// only through a pack).
fn own(folder: &Folder) -> Vec<&Planned> {
    folder.documents.iter().filter(|planned| is_own(planned)).collect()
}

/// Whether a document is to be written as files of its own.
fn is_own(planned: &Planned) -> bool {
    matches!(planned.state, State::Render) && !planned.absorbed
}

/// Writes files into the folder's output, each whole or not at all, and
/// gives their names.
fn write_files(folder: &Folder, files: Vec<File>) -> Result<Vec<String>> {
    let staged: Vec<_> =
        files.iter().map(|(name, bytes)| (folder.out.join(name), bytes.as_slice())).collect();
    output::write_all_atomic(&staged)?;
    Ok(files.into_iter().map(|(name, _)| name).collect())
}

fn has_failed(folder: &Folder) -> bool {
    folder.documents.iter().any(|planned| matches!(planned.state, State::Failed(_)))
}

/// Writes one document in every asked-for format: its PDF as given, cut
/// from its pack's layout, or else typeset on its own.
fn document(
    run: &Run,
    folder: &Folder,
    planned: &Planned,
    pdf: Option<Vec<u8>>,
    stop: &AtomicBool,
    progress: &Progress,
) -> Done {
    if stop.load(Ordering::Relaxed) {
        return Done::NotStarted;
    }
    let label = format!("{}/{}", folder.name, planned.key);
    match typeset_and_write(run, folder, planned, pdf) {
        Ok(names) => {
            progress.done(if run.options.write { "rendered" } else { "checked" }, &label);
            Done::Written(names)
        }
        Err(error) => {
            if run.options.fail_fast {
                stop.store(true, Ordering::Relaxed);
            }
            progress.done("failed", &label);
            Done::Failed(Failure::from_error(&planned.path, &error, run.options.doing()))
        }
    }
}

fn typeset_and_write(
    run: &Run,
    folder: &Folder,
    planned: &Planned,
    pdf: Option<Vec<u8>>,
) -> Result<Vec<String>> {
    let rendering =
        planned.rendering.as_ref().ok_or_else(|| anyhow::anyhow!("the document was not rendered"))?;
    let formats = run.options.formats;
    let stem = &planned.stem;
    let mut files: Vec<File> = Vec::new();
    if formats.markdown {
        files.push((format!("{stem}.md"), rendering.markdown.clone().into_bytes()));
        files.extend(rendering.files.iter().cloned());
    }
    let meta = meta(run, folder, &rendering.described, format!("{}/{stem}", folder.name));
    if formats.typst || (formats.pdf && pdf.is_none()) {
        let body = typeset::markdown_to_typst(&rendering.markdown);
        let document =
            pdf::Document { body: &body, theme: run.templates.theme(), meta: &meta, files: &rendering.files };
        if formats.typst {
            files.push((format!("{stem}.typ"), pdf::source(&document).into_bytes()));
        }
        if formats.pdf && pdf.is_none() {
            files.push((format!("{stem}.pdf"), pdf::typeset(&document)?));
        }
    }
    let text = Part {
        markdown: &rendering.markdown,
        meta: &meta,
        files: &rendering.files,
        charts: &rendering.charts,
    };
    files.extend(publish::document(&text, stem, formats, &run.templates)?);
    if let Some(pdf) = pdf.filter(|_| formats.pdf) {
        files.push((format!("{stem}.pdf"), pdf));
    }
    if run.options.write {
        return write_files(folder, files);
    }
    Ok(files.into_iter().map(|(name, _)| name).collect())
}

/// A document's PDF metadata: what it describes, in the council's look.
pub(crate) fn meta(run: &Run, folder: &Folder, described: &kinds::Described, ident: String) -> pdf::Meta {
    let date = run.options.stamp(described.date);
    match folder.council.as_ref() {
        Some(council) => described.meta(&council.0, &council.1, date, ident),
        None => described.meta(&Default::default(), &Default::default(), date, ident),
    }
}

/// Makes one of a folder's packs from its rendered documents, laying its
/// PDF out once, and exports from that layout the pack's PDF and those of
/// its documents that are to be written.
fn pack<'f>(
    run: &Run,
    folder: &'f Folder,
    index: usize,
    spare: bool,
    stop: &AtomicBool,
    progress: &Progress,
) -> PackDone<'f> {
    if stop.load(Ordering::Relaxed) {
        return PackDone { files: None, documents: Vec::new() };
    }
    let made = match make(run, folder, index) {
        Ok(made) => made,
        Err(error) => return PackDone { files: Some(Err(error)), documents: Vec::new() },
    };
    let Some(laid) = made.pdf else {
        return PackDone { files: Some(Ok(Packed::Files(made.files))), documents: Vec::new() };
    };
    // The pack's own PDF, and each part's whose document is to be written.
    let wanted: Vec<(&Planned, &kinds::Part)> = laid
        .parts
        .iter()
        .filter_map(|part| {
            let planned = folder.documents.iter().find(|planned| planned.stem == part.stem)?;
            is_own(planned).then_some((planned, part))
        })
        .collect();
    let exports: Vec<Option<&kinds::Part>> =
        std::iter::once(None).chain(wanted.iter().map(|(_, part)| Some(*part))).collect();
    let theme = run.templates.theme();
    let export = |export: &Option<&kinds::Part>| match export {
        None => laid.layout.export_stamped(&laid.stamp, theme),
        Some(part) => laid
            .layout
            .part_pages(part.index)
            .ok_or_else(|| anyhow::anyhow!("the pack lost the pages of `{}`", part.stem))
            .and_then(|pages| laid.layout.export_part(pages, &part.meta)),
    };
    let pdfs = if spare { workers::map(&exports, export) } else { exports.iter().map(export).collect() };
    let mut pdfs = pdfs.into_iter();
    let whole = match pdfs.next().expect("the pack's own PDF was exported") {
        Ok(whole) => whole,
        Err(error) => return PackDone { files: Some(Err(error)), documents: Vec::new() },
    };
    let all = wanted.len() == own(folder).len();
    let documents: Vec<(&Planned, Done)> = wanted
        .into_iter()
        .zip(pdfs)
        .map(|((planned, _), pdf)| match pdf {
            Ok(pdf) => (planned, document(run, folder, planned, Some(pdf), stop, progress)),
            Err(error) => {
                let label = format!("{}/{}", folder.name, planned.key);
                progress.done("failed", &label);
                (planned, Done::Failed(Failure::from_error(&planned.path, &error, run.options.doing())))
            }
        })
        .collect();
    let mut files = made.files;
    files.push((laid.name, whole));
    // Written now rather than held to the end of the run, when nothing
    // else of the folder is left to write: memory stays flat however many
    // folders a run has.
    if run.options.write && all && documents.iter().all(|(_, done)| matches!(done, Done::Written(_))) {
        return PackDone { files: Some(write_files(folder, files).map(Packed::Written)), documents };
    }
    PackDone { files: Some(Ok(Packed::Files(files))), documents }
}

/// Makes one of a folder's packs, its PDF laid out but not exported.
fn make(run: &Run, folder: &Folder, index: usize) -> Result<kinds::Made> {
    let (pack, _, _) = folder.packs[index];
    let council = folder.council.as_ref().ok_or_else(|| anyhow::anyhow!("the folder has no settings"))?;
    let rendered: Vec<kinds::Rendered> = folder
        .documents
        .iter()
        .filter_map(|planned| {
            let rendering = planned.rendering.as_ref()?;
            Some(kinds::Rendered {
                path: &planned.path,
                kind: planned.kind,
                document: planned.document.as_deref()?,
                stem: &planned.stem,
                markdown: &rendering.markdown,
                files: &rendering.files,
                charts: &rendering.charts,
                described: &rendering.described,
            })
        })
        .collect();
    let stamp = |date| run.options.stamp(date);
    let input = kinds::Folder {
        name: &folder.name,
        dir: &folder.dir,
        documents: &rendered,
        meeting: folder.meeting.as_ref().map(|meeting| &meeting.file.meeting),
        templates: &run.templates,
        look: &council.1,
        settings: &council.0,
        formats: run.options.formats,
        stamp: &stamp,
    };
    pack.make(&input)
}

/// Records what the run did for one folder, writes its packs when all its
/// documents succeeded, and updates its manifest.
fn finish(run: &Run, folder: &Folder, outcome: Outcome, summary: &mut Summary) -> Result<()> {
    summary.reports += folder.documents.len();
    if let Some(failure) = &folder.failure {
        summary.failures.push(failure.clone());
        return Ok(());
    }
    summary.warnings.extend(folder.warnings.iter().cloned());
    let mut manifest = folder.manifest.clone();
    let mut changed = false;
    let mut failed = 0;
    for planned in &folder.documents {
        summary.warnings.extend(planned.warnings.iter().cloned());
        match &planned.state {
            State::Unchanged => summary.unchanged += 1,
            State::Failed(failure) => {
                failed += 1;
                summary.failures.push(failure.clone());
            }
            State::Render => {}
        }
    }
    for (planned, done) in outcome.documents {
        match done {
            Done::Written(names) => {
                summary.rendered += 1;
                summary.written.extend(names.iter().map(|name| folder.out.join(name)));
                if run.options.write {
                    let entry = Entry::new(planned.inputs.clone(), &folder.out, names);
                    manifest.documents.insert(planned.key.clone(), titled(entry, planned));
                    changed = true;
                }
            }
            Done::Failed(failure) => {
                failed += 1;
                summary.failures.push(failure);
            }
            Done::NotStarted => {
                failed += 1;
                summary.not_started += 1;
            }
        }
    }
    if failed > 0 && !folder.packs.is_empty() {
        let formats = run.options.formats;
        let names: Vec<String> = folder
            .packs
            .iter()
            .flat_map(|(pack, ..)| pack.names())
            .filter(|name| formats.writes(name))
            .map(|name| format!("`{name}`"))
            .collect();
        let left = if names.len() == 1 { "was left as it was" } else { "were left as they were" };
        summary.notes.push(format!(
            "`{}`: {} {left}, because {failed} of its documents did not render",
            folder.name,
            crate::render::words::and_list(&names)
        ));
        return write_manifest(run, folder, &manifest, changed);
    }
    for (index, result) in outcome.packs {
        let (_, kind, inputs) = &folder.packs[index];
        match result {
            Ok(packed) => {
                let names: Vec<String> = match packed {
                    Packed::Written(names) => names,
                    Packed::Files(files) => write_files(folder, files)?,
                };
                summary.written.extend(names.iter().map(|name| folder.out.join(name)));
                manifest
                    .packs
                    .insert(kind.name.to_owned(), Entry::new(inputs.clone(), &folder.out, names.clone()));
                for planned in folder
                    .documents
                    .iter()
                    .filter(|planned| planned.absorbed && std::ptr::eq(planned.kind, *kind))
                {
                    if matches!(planned.state, State::Render) {
                        summary.rendered += 1;
                        let entry = Entry::new(planned.inputs.clone(), &folder.out, names.clone());
                        manifest.documents.insert(planned.key.clone(), titled(entry, planned));
                    }
                }
                changed = true;
            }
            Err(error) => {
                summary.failures.push(Failure::from_error(&folder.dir, &error, run.options.doing()))
            }
        }
    }
    write_manifest(run, folder, &manifest, changed)
}

/// The manifest's entry for a document, with its title and stem for the
/// folder's index page.
fn titled(entry: Entry, planned: &Planned) -> Entry {
    let title = planned.rendering.as_ref().map_or("", |rendering| rendering.described.title.as_str());
    entry.of(title, &planned.stem)
}

/// Writes the folder's manifest when it changed, and its index page when
/// web pages are written and it changed or is missing.
fn write_manifest(run: &Run, folder: &Folder, manifest: &Manifest, changed: bool) -> Result<()> {
    if !run.options.write {
        return Ok(());
    }
    let mut manifest = manifest.clone();
    if let Some(described) = folder.documents.iter().find_map(|planned| planned.rendering.as_ref()) {
        manifest.heading = described.described.subtitle.clone();
        manifest.council = described.described.council.clone();
    }
    if let Some(council) = folder.council.as_ref().filter(|_| manifest.council.is_empty()) {
        manifest.council = council.0.council.name.clone().unwrap_or_default();
    }
    if changed {
        manifest.write(&folder.out)?;
    }
    // A folder with nothing written yet has nothing to index.
    let page = folder.out.join(crate::render::INDEX_PAGE);
    let written = !manifest.documents.is_empty() || !manifest.packs.is_empty();
    if run.options.formats.html && written && (changed || !page.is_file()) {
        let brand = folder.council.as_ref().and_then(|council| council.1.brand.as_deref());
        let html = index::page(&manifest, &folder.name, brand, &run.templates)?;
        output::write_atomic(&page, html.as_bytes())?;
    }
    Ok(())
}
