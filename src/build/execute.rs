//! Running a build's jobs: every document typeset and written in parallel,
//! each succeeding or failing on its own, and each folder's packs made
//! beside them; then each folder's outcome recorded in its manifest and the
//! run's summary.

use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;

use crate::build::folder::{Folder, Planned, State};
use crate::build::manifest::{Entry, Manifest};
use crate::build::progress::Progress;
use crate::build::{Failure, Run, Summary, output, workers};
use crate::kinds::{self, File};
use crate::{pdf, typeset};

/// What the parallel phase runs: a document, or a pack by its index, each
/// with its folder's position in the run.
enum Job<'f> {
    Document(usize, &'f Folder, &'f Planned),
    Pack(usize, &'f Folder, usize),
}

/// What a job gave back.
enum Done {
    Written(Vec<String>),
    Failed(Failure),
    NotStarted,
    Pack(Result<Vec<File>>),
}

/// Runs every folder's jobs and records what they did.
pub(crate) fn execute(run: &Run, folders: Vec<Folder>) -> Summary {
    let mut jobs: Vec<Job> = Vec::new();
    // Packs first: they are the longest jobs, so starting them early keeps
    // every core busy to the end.
    for (at, folder) in folders.iter().enumerate() {
        if folder.failure.is_none() && !has_failed(folder) {
            jobs.extend((0..folder.packs.len()).map(|index| Job::Pack(at, folder, index)));
        }
    }
    for (at, folder) in folders.iter().enumerate() {
        let own = folder
            .documents
            .iter()
            .filter(|planned| matches!(planned.state, State::Render) && !planned.absorbed);
        jobs.extend(own.map(|planned| Job::Document(at, folder, planned)));
    }
    let count = jobs.iter().filter(|job| matches!(job, Job::Document(..))).count();
    let progress = Progress::start(run.options.style, count);
    // With `--fail-fast`, a document that failed before typesetting stops
    // the run as surely as one that fails in it.
    let failed_early = folders.iter().any(|folder| folder.failure.is_some() || has_failed(folder));
    let stop = AtomicBool::new(run.options.fail_fast && failed_early);
    let done = workers::map(&jobs, |job| {
        let done = match job {
            Job::Document(_, folder, planned) => document(run, folder, planned, &stop, &progress),
            Job::Pack(_, folder, index) => Done::Pack(pack(run, folder, *index)),
        };
        // Typst keeps every layout it made for reuse. A batch of distinct
        // documents reuses little, so keep memory flat instead.
        typst::comemo::evict(0);
        done
    });
    progress.finish();
    let mut summary = Summary::default();
    let mut by_folder: Vec<Vec<(Job, Done)>> = folders.iter().map(|_| Vec::new()).collect();
    for (job, done) in jobs.into_iter().zip(done) {
        let (Job::Document(at, ..) | Job::Pack(at, ..)) = job;
        by_folder[at].push((job, done));
    }
    for (folder, mine) in folders.iter().zip(by_folder) {
        if let Err(error) = finish(run, folder, mine, &mut summary) {
            summary.failures.push(Failure::from_error(&folder.dir, &error, run.options.doing()));
        }
    }
    summary
}

fn has_failed(folder: &Folder) -> bool {
    folder.documents.iter().any(|planned| matches!(planned.state, State::Failed(_)))
}

/// Typesets one document in every asked-for format and writes its files.
fn document(run: &Run, folder: &Folder, planned: &Planned, stop: &AtomicBool, progress: &Progress) -> Done {
    if stop.load(Ordering::Relaxed) {
        return Done::NotStarted;
    }
    let label = format!("{}/{}", folder.name, planned.key);
    match typeset_and_write(run, folder, planned) {
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

fn typeset_and_write(run: &Run, folder: &Folder, planned: &Planned) -> Result<Vec<String>> {
    let rendering =
        planned.rendering.as_ref().ok_or_else(|| anyhow::anyhow!("the document was not rendered"))?;
    let formats = run.options.formats;
    let stem = &planned.stem;
    let mut files: Vec<File> = Vec::new();
    if formats.markdown {
        files.push((format!("{stem}.md"), rendering.markdown.clone().into_bytes()));
        files.extend(rendering.files.iter().cloned());
    }
    if formats.pdf || formats.typst {
        let body = typeset::markdown_to_typst(&rendering.markdown);
        let meta = meta(run, folder, &rendering.described, format!("{}/{stem}", folder.name));
        let document =
            pdf::Document { body: &body, theme: run.templates.theme(), meta: &meta, files: &rendering.files };
        if formats.typst {
            files.push((format!("{stem}.typ"), pdf::source(&document).into_bytes()));
        }
        if formats.pdf {
            files.push((format!("{stem}.pdf"), pdf::typeset(&document)?));
        }
    }
    if run.options.write {
        let staged: Vec<_> =
            files.iter().map(|(name, bytes)| (folder.out.join(name), bytes.as_slice())).collect();
        output::write_all_atomic(&staged)?;
    }
    Ok(files.into_iter().map(|(name, _)| name).collect())
}

/// A document's PDF metadata: what it describes, in the council's look.
fn meta(run: &Run, folder: &Folder, described: &kinds::Described, ident: String) -> pdf::Meta {
    let date = run.options.stamp(described.date);
    match folder.council.as_ref() {
        Some(council) => described.meta(&council.0, &council.1, date, ident),
        None => described.meta(&Default::default(), &Default::default(), date, ident),
    }
}

/// Makes one of a folder's packs from its rendered documents.
fn pack(run: &Run, folder: &Folder, index: usize) -> Result<Vec<File>> {
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
        markdown: run.options.formats.markdown,
        pdf: run.options.formats.pdf,
        stamp: &stamp,
    };
    pack.make(&input)
}

/// Records what the run did for one folder, writes its packs when all its
/// documents succeeded, and updates its manifest.
fn finish(run: &Run, folder: &Folder, done: Vec<(Job, Done)>, summary: &mut Summary) -> Result<()> {
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
    let mut packs = Vec::new();
    for (job, done) in done {
        match (job, done) {
            (Job::Document(_, _, planned), Done::Written(names)) => {
                summary.rendered += 1;
                summary.written.extend(names.iter().map(|name| folder.out.join(name)));
                if run.options.write {
                    let entry = Entry::new(planned.inputs.clone(), &folder.out, names);
                    manifest.documents.insert(planned.key.clone(), entry);
                    changed = true;
                }
            }
            (Job::Document(..), Done::Failed(failure)) => {
                failed += 1;
                summary.failures.push(failure);
            }
            (Job::Document(..), Done::NotStarted) => {
                failed += 1;
                summary.not_started += 1;
            }
            (Job::Pack(_, _, index), Done::Pack(result)) => packs.push((index, result)),
            _ => {}
        }
    }
    if failed > 0 && !folder.packs.is_empty() {
        let names: Vec<String> =
            folder.packs.iter().flat_map(|(pack, ..)| pack.names()).map(|name| format!("`{name}`")).collect();
        let left = if names.len() == 1 { "was left as it was" } else { "were left as they were" };
        summary.notes.push(format!(
            "`{}`: {} {left}, because {failed} of its documents did not render",
            folder.name,
            crate::render::words::and_list(&names)
        ));
        return write_manifest(run, folder, &manifest, changed);
    }
    for (index, result) in packs {
        let (_, kind, inputs) = &folder.packs[index];
        match result {
            Ok(files) => {
                let staged: Vec<_> =
                    files.iter().map(|(name, bytes)| (folder.out.join(name), bytes.as_slice())).collect();
                output::write_all_atomic(&staged)?;
                let names: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
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
                        manifest.documents.insert(
                            planned.key.clone(),
                            Entry::new(planned.inputs.clone(), &folder.out, names.clone()),
                        );
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

fn write_manifest(run: &Run, folder: &Folder, manifest: &Manifest, changed: bool) -> Result<()> {
    if changed && run.options.write {
        manifest.write(&folder.out)?;
    }
    Ok(())
}
