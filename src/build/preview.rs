//! One file previewed from text not yet saved: its folder planned exactly
//! as a build plans it, with the text read in place of the file; every
//! problem the folder has; and the file's document laid out, for its
//! pages to be drawn. Nothing is written.

use std::path::Path;

use anyhow::Result;

use crate::build::folder::{Folder, State};
use crate::build::{Failure, Formats, Options, execute, plan_all};
use crate::input::discover::{MEETING_FILE, kind_line};
use crate::input::{Diagnostic, InputErrors, folder_of, same_file, unsaved};
use crate::{pdf, typeset};

/// What a file's text gives: its folder's problems, and its document laid
/// out when the file has one and it could be.
pub struct Preview {
    /// Every problem of the file's folder, errors and style warnings, in
    /// the order a build finds them: those of other files too, since a
    /// change to one file can break another (a meeting's reports).
    pub problems: Vec<Diagnostic>,
    /// The file's document laid out; none when the file is not a document
    /// (a council's settings, KPI figures) or it has errors.
    pub layout: Option<pdf::Layout>,
}

/// Previews the file at `path` as if it held `text`, with the council's
/// templates from `templates` when given.
pub fn preview(path: &Path, text: &str, templates: Option<&Path>) -> Result<Preview> {
    let pdf = Formats { markdown: false, pdf: true, html: false, docx: false, typst: false };
    let options = Options::checking(folder_of(path), pdf, templates);
    let (run, folders) = match unsaved::read_instead(path, text, || plan_all(&options)) {
        Ok(planned) => planned,
        // The folder could not be read at all: most often its one document
        // has just lost the `kind:` that makes the folder one of documents.
        Err(error) => match error.downcast::<InputErrors>() {
            Ok(problems) => return Ok(Preview { problems: unread(path, text, problems.0), layout: None }),
            Err(error) => return Err(error),
        },
    };
    let mut problems: Vec<Diagnostic> = folders.iter().flat_map(problems_of).collect();
    let mut layout = None;
    let mine = folders.iter().find_map(|folder| {
        let planned = folder
            .documents
            .iter()
            .find(|planned| same_file(&planned.path, path) && matches!(planned.state, State::Render))?;
        Some((folder, planned, planned.rendering.as_ref()?))
    });
    if let Some((folder, planned, rendering)) = mine {
        let meta =
            execute::meta(&run, folder, &rendering.described, format!("{}/{}", folder.name, planned.stem));
        let body = typeset::markdown_to_typst(&rendering.markdown);
        let document =
            pdf::Document { body: &body, theme: run.templates.theme(), meta: &meta, files: &rendering.files };
        match pdf::lay_out(&document) {
            Ok(laid) => layout = Some(laid),
            Err(error) => problems.extend(as_problems(Failure::from_error(&planned.path, &error, "check"))),
        }
    }
    Ok(Preview { problems, layout })
}

/// Every problem of every folder under `input` that reading, checking and
/// rendering to Markdown finds (all but the typesetter's), quickly enough
/// to tell after every change on disk.
pub fn problems(input: &Path, templates: Option<&Path>) -> Result<Vec<Diagnostic>> {
    let markdown = Formats { markdown: true, pdf: false, html: false, docx: false, typst: false };
    let options = Options::checking(input, markdown, templates);
    match plan_all(&options) {
        Ok((_, folders)) => Ok(folders.iter().flat_map(problems_of).collect()),
        Err(error) => match error.downcast::<InputErrors>() {
            Ok(problems) => Ok(problems.0),
            Err(error) => Err(error),
        },
    }
}

/// The problems of a folder that could not be read, told of the file
/// being edited when its text is the cause.
fn unread(path: &Path, text: &str, mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let in_meeting = folder_of(path).join(MEETING_FILE).exists();
    if !in_meeting && kind_line(text).is_none() {
        let kinds = crate::kinds::names().join(", ");
        let problem = Diagnostic::file(path, "this file names no `kind:`, so it is read as no document")
            .with_hint(format!("start it with `kind:` and one of {kinds}"));
        // The folder's own complaint, that it holds no documents, says
        // the same of the folder.
        problems.retain(|known| !known.path.is_dir());
        problems.insert(0, problem);
    }
    problems
}

/// Every problem a planned folder has: its own failure and warnings, and
/// each document's.
fn problems_of(folder: &Folder) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = folder.failure.clone().map(as_problems).unwrap_or_default();
    problems.extend(folder.warnings.iter().cloned());
    for planned in &folder.documents {
        if let State::Failed(failure) = &planned.state {
            problems.extend(as_problems(failure.clone()));
        }
        problems.extend(planned.warnings.iter().cloned());
    }
    // A problem in a file the folder's documents share is found by each.
    let mut seen = std::collections::HashSet::new();
    problems.retain(|problem| seen.insert(problem.clone()));
    problems
}

/// A failure's problems; a failure that is not about a place in a file
/// (a template, the typesetter) is one problem with the whole file.
fn as_problems(failure: Failure) -> Vec<Diagnostic> {
    if failure.problems.is_empty() {
        let message = failure.message.trim().trim_start_matches("error: ").to_owned();
        return vec![Diagnostic::file(&failure.source, message)];
    }
    failure.problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> tempfile::TempDir {
        copy_of("2016-07-19-county-council")
    }

    /// A copy of the example folder `name` of `inputs/`, to change freely.
    fn copy_of(name: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs").join(name);
        for entry in std::fs::read_dir(&from).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
        dir
    }

    #[test]
    fn the_unsaved_text_is_previewed_and_the_file_left_alone() {
        let dir = example();
        let path = dir.path().join("childrens-services.yaml");
        let saved = std::fs::read_to_string(&path).unwrap();
        let clean = preview(&path, &saved, None).unwrap();
        assert!(clean.problems.iter().all(|problem| problem.warning), "{:?}", clean.problems);
        let pages = clean.layout.as_ref().map(|layout| layout.page_sizes().len()).unwrap_or(0);
        assert!(pages >= 1);
        let svg = clean.layout.as_ref().unwrap().page_svg(1).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);

        let typed = saved.replacen("portfolio:", "portfollio: x\nportfolio:", 1);
        let broken = preview(&path, &typed, None).unwrap();
        let error = broken.problems.iter().find(|problem| !problem.warning).expect("an error");
        assert!(error.message.contains("portfollio"), "{error:?}");
        let line = typed.lines().position(|line| line.starts_with("portfollio")).unwrap() + 1;
        assert_eq!(error.position.map(|(line, _)| line), Some(line));
        assert!(broken.layout.is_none());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
    }

    #[test]
    fn a_lone_document_that_loses_its_kind_is_told_so() {
        let dir = copy_of("2018-03-08-medway-cyp-scrutiny");
        let path = dir.path().join("childrens-services-portfolio-holder.yaml");
        let saved = std::fs::read_to_string(&path).unwrap();
        let typed = saved.replacen("kind:", "authkind:", 1);
        let previewed = preview(&path, &typed, None).unwrap();
        assert!(previewed.layout.is_none());
        let first = &previewed.problems[0];
        assert!(same_file(&first.path, &path) && first.message.contains("names no `kind:`"), "{first:?}");
        assert!(first.hint.as_deref().unwrap_or_default().contains("scrutiny-report"));
        assert_eq!(previewed.problems.len(), 1, "{:?}", previewed.problems);
    }

    #[test]
    fn a_file_that_is_no_document_has_its_problems_but_no_pages() {
        let dir = example();
        let path = dir.path().join("kpis.yaml");
        let saved = std::fs::read_to_string(&path).unwrap();
        let previewed = preview(&path, &saved, None).unwrap();
        assert!(previewed.layout.is_none());
        let broken = preview(&path, &format!("{saved}\nnonsense: [\n"), None).unwrap();
        assert!(broken.problems.iter().any(|problem| !problem.warning && same_file(&problem.path, &path)));
    }
}
