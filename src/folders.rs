//! Folders of documents of the other kinds: found, rendered in parallel,
//! and, when a folder holds an agenda, joined into the committee's pack
//! whose agenda gives each item's real pages.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::batch::{Failure, Options};
use crate::diagnostic::{Diagnostic, InputErrors};
use crate::documents::{self, Rendered};
use crate::kinds::Kind;
use crate::kinds::agenda::Agenda;
use crate::load::{self, COUNCIL_FILE, MEETING_FILE};
use crate::look::Look;
use crate::model::{Council, Style};
use crate::pdf::{self, Document, Meta};
use crate::render::Templates;
use crate::{output, typeset, workers};

/// The agenda pack's file name.
pub const AGENDA_PACK: &str = "agenda-pack.pdf";

/// A folder of documents, or one document named on its own.
#[derive(Debug, Clone)]
pub struct DocumentFolder {
    /// The name of its output folder.
    pub name: String,
    /// Its documents, in file order.
    pub files: Vec<PathBuf>,
    /// The council's settings, or why they could not be read.
    pub council: Result<(Council, Look), Diagnostic>,
    /// Only one document was asked for: there is no pack to make, and the
    /// folder's record of what it was made from is left alone.
    pub partial: bool,
}

/// The document folders under `path`: the folder itself when its YAML files
/// name a `kind:`, else each such folder inside it; or a single document.
pub fn discover(path: &Path) -> Vec<DocumentFolder> {
    if path.is_file() {
        if !names_a_kind(path) {
            return Vec::new();
        }
        // A document of a folder goes to that folder's output folder.
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let mut found = match as_document_folder(folder) {
            Some(whole) => DocumentFolder { files: vec![path.to_owned()], ..whole },
            None => folder_of(path, vec![path.to_owned()]),
        };
        found.partial = true;
        return vec![found];
    }
    if let Some(found) = as_document_folder(path) {
        return vec![found];
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    entries.iter().filter(|entry| entry.is_dir()).filter_map(|entry| as_document_folder(entry)).collect()
}

fn as_document_folder(folder: &Path) -> Option<DocumentFolder> {
    if !folder.is_dir() || folder.join(MEETING_FILE).is_file() {
        return None;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| load::is_yaml(p))
        .filter(|p| p.file_name().is_some_and(|name| name != COUNCIL_FILE))
        .collect();
    files.sort();
    files.iter().any(|file| names_a_kind(file)).then(|| folder_of(&folder.join(COUNCIL_FILE), files))
}

/// Whether a file is a document of another kind: it names a `kind:`, even
/// one mistyped, whose error is then told at its line.
fn names_a_kind(file: &Path) -> bool {
    let Ok(text) = load::read_text(file) else { return false };
    match documents::kind_of(file, &text) {
        Ok(kind) => kind.is_some(),
        Err(_) => text.lines().any(|line| line.starts_with("kind:")),
    }
}

fn folder_of(anchor: &Path, files: Vec<PathBuf>) -> DocumentFolder {
    let folder = anchor.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = if files.len() == 1 && anchor.file_name().is_some_and(|n| n != COUNCIL_FILE) {
        anchor.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
    } else {
        let absolute = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_owned());
        absolute.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    };
    let council = load::council_with_look(anchor).map(|(council, _, look)| (council, look));
    DocumentFolder { name, files, council, partial: false }
}

/// One document rendered, waiting to be typeset and written.
struct Prepared<'a> {
    folder: &'a DocumentFolder,
    path: &'a Path,
    text: String,
    rendered: Rendered,
    /// Style warnings about its prose.
    warnings: Vec<Diagnostic>,
}

/// What the parallel phase does.
enum Job<'p, 'a> {
    Document(&'p Prepared<'a>),
    Pack(&'p [Prepared<'a>], &'p Prepared<'a>),
}

/// What building the document folders did.
#[derive(Default)]
pub struct Built {
    /// How many documents were found.
    pub documents: usize,
    /// Documents left as they were because nothing they depend on changed.
    pub unchanged: usize,
    /// The files written.
    pub written: Vec<PathBuf>,
    /// The documents that failed.
    pub failures: Vec<Failure>,
    /// Anything else to tell the user.
    pub notes: Vec<String>,
    /// Style warnings about the documents' prose.
    pub warnings: Vec<Diagnostic>,
}

/// Renders every document of `folders` and, where a folder has an agenda,
/// its pack.
pub fn build(options: &Options, templates: &Templates, settings: &str, folders: &[DocumentFolder]) -> Built {
    let mut built = Built::default();
    let mut prepared: Vec<Vec<Prepared>> = Vec::new();
    let mut inputs: Vec<String> = Vec::new();
    for folder in folders {
        let fingerprint = folder_fingerprint(settings, folder);
        let mut mine = Vec::new();
        let current =
            !options.force && options.write && !folder.partial && is_current(options, folder, &fingerprint);
        for path in &folder.files {
            built.documents += 1;
            if current {
                built.unchanged += 1;
                continue;
            }
            match prepare(templates, folder, path) {
                Ok(document) if options.deny_warnings && !document.warnings.is_empty() => {
                    let message =
                        document.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>().join("\n");
                    built.failures.push(Failure { source: path.clone(), input: true, message });
                }
                Ok(document) => {
                    built.warnings.extend(document.warnings.iter().cloned());
                    mine.push(document);
                }
                Err(error) => built.failures.push(crate::batch::failure_from(path, &error)),
            }
        }
        prepared.push(mine);
        inputs.push(fingerprint);
    }
    let mut jobs: Vec<Job> = Vec::new();
    for (folder, mine) in folders.iter().zip(&prepared) {
        let failed = built.failures.iter().any(|f| folder.files.contains(&f.source));
        let agenda = mine.iter().find(|document| document.rendered.kind == Kind::Agenda);
        match agenda {
            Some(agenda) if options.formats.pdf && !failed && !folder.partial => {
                jobs.push(Job::Pack(mine, agenda))
            }
            Some(_) if failed => built.notes.push(format!(
                "`{}`: the agenda pack was not made, because some of its documents did not render",
                folder.name
            )),
            _ => {}
        }
        // An agenda with PDF output goes in its pack, not on its own.
        let packed =
            |d: &&Prepared| d.rendered.kind == Kind::Agenda && options.formats.pdf && !folder.partial;
        jobs.extend(mine.iter().filter(|d| !packed(d)).map(Job::Document));
    }
    let results = workers::map(&jobs, |job| {
        let result = match job {
            Job::Document(document) => write_document(options, templates, document),
            Job::Pack(documents, agenda) => write_pack(options, templates, documents, agenda),
        };
        typst::comemo::evict(0);
        result
    });
    let mut written_by_folder: Vec<Vec<PathBuf>> = vec![Vec::new(); folders.len()];
    for (job, result) in jobs.iter().zip(results) {
        let (source, folder) = match job {
            Job::Document(document) => (document.path, document.folder),
            Job::Pack(_, agenda) => (agenda.path, agenda.folder),
        };
        match result {
            Ok(written) => {
                if let Some(index) = folders.iter().position(|f| std::ptr::eq(f, folder)) {
                    written_by_folder[index].extend(written.iter().cloned());
                }
                built.written.extend(written);
            }
            Err(error) => built.failures.push(crate::batch::failure_from(source, &error)),
        }
    }
    for ((folder, fingerprint), written) in folders.iter().zip(inputs).zip(written_by_folder) {
        let failed = built.failures.iter().any(|f| folder.files.contains(&f.source));
        if options.write
            && !folder.partial
            && !failed
            && !written.is_empty()
            && let Err(error) = record(options, folder, fingerprint, &written)
        {
            built.notes.push(format!("`{}`: {error:#}", folder.name));
        }
    }
    built
}

/// A hash of everything a folder's documents depend on: the run's settings,
/// the council's settings and look, and every file in the folder. A change
/// to any of them renders the folder's documents again.
fn folder_fingerprint(settings: &str, folder: &DocumentFolder) -> String {
    let mut fingerprint = crate::manifest::Fingerprint::default().with(settings);
    if let Ok((council, look)) = &folder.council {
        if let Some(file) = &council.file {
            fingerprint = fingerprint.with(std::fs::read(file).unwrap_or_default());
        }
        fingerprint = look.fingerprint(fingerprint);
    }
    let mut files: Vec<PathBuf> = folder.files.clone();
    if let Some(parent) = folder.files.first().and_then(|file| file.parent()) {
        let others = std::fs::read_dir(parent).into_iter().flatten().flatten().map(|entry| entry.path());
        files.extend(others.filter(|path| path.is_file()));
    }
    files.sort();
    files.dedup();
    for file in files {
        fingerprint = fingerprint
            .with(file.to_string_lossy().as_bytes())
            .with(std::fs::read(&file).unwrap_or_default());
    }
    fingerprint.finish()
}

/// Whether the folder's outputs were made from `fingerprint` and are still
/// there as written.
fn is_current(options: &Options, folder: &DocumentFolder, fingerprint: &str) -> bool {
    let out = options.out.join(&folder.name);
    let manifest = crate::manifest::Manifest::read(&out);
    manifest.pack.as_ref().is_some_and(|entry| entry.is_current(fingerprint, &out))
}

/// Records in the folder's manifest what the run wrote, and from what.
fn record(
    options: &Options,
    folder: &DocumentFolder,
    fingerprint: String,
    written: &[PathBuf],
) -> Result<()> {
    let out = options.out.join(&folder.name);
    let names =
        written.iter().filter_map(|path| path.file_name()).map(|name| name.to_string_lossy().into_owned());
    let manifest = crate::manifest::Manifest {
        reports: Default::default(),
        pack: Some(crate::manifest::Entry::new(fingerprint, &out, names)),
    };
    manifest.write(&out)
}

fn prepare<'a>(templates: &Templates, folder: &'a DocumentFolder, path: &'a Path) -> Result<Prepared<'a>> {
    let (council, _) = folder.council.as_ref().map_err(|problem| InputErrors(vec![problem.clone()]))?;
    let text = load::read_text(path).map_err(|problem| InputErrors(vec![problem]))?;
    let kind = documents::kind_of(path, &text).map_err(|problem| InputErrors(vec![problem]))?.ok_or_else(|| {
        InputErrors(vec![Diagnostic::file(path, "this file names no `kind:`").with_hint(
            "start it with `kind:` and one of cabinet-update, scrutiny-report, committee-report, appendix, work-programme, agenda",
        )])
    })?;
    let rendered = documents::render(templates, path, &text, kind, &council.style())?;
    let warnings = lint(path, &text, &council.lints);
    Ok(Prepared { folder, path, text, rendered, warnings })
}

/// Keys whose values are not prose: names of kinds, dates, addresses, files.
const NOT_PROSE: &[&str] =
    &["kind", "date", "meeting_date", "despatch", "email", "telephone", "file", "link", "id"];

/// The council's style rules over every piece of prose in a document.
fn lint(path: &Path, text: &str, settings: &crate::lint::LintSettings) -> Vec<Diagnostic> {
    let Ok(value) = load::parse::<serde_json::Value>(path, text) else { return Vec::new() };
    let mut texts = Vec::new();
    collect_prose(&value, &mut texts);
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    crate::check::lint_texts(&crate::check::Source { path, text }, &texts, settings)
}

fn collect_prose(value: &serde_json::Value, texts: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) => texts.push(text.clone()),
        serde_json::Value::Array(values) => values.iter().for_each(|value| collect_prose(value, texts)),
        serde_json::Value::Object(map) => map
            .iter()
            .filter(|(key, _)| !NOT_PROSE.contains(&key.as_str()))
            .for_each(|(_, value)| collect_prose(value, texts)),
        _ => {}
    }
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "document".to_owned())
}

fn meta(options: &Options, document: &Prepared, ident: String) -> Meta {
    let described = &document.rendered.described;
    let (council, look) = match &document.folder.council {
        Ok((council, look)) => (council.name.clone(), look.clone()),
        Err(_) => (None, Look::default()),
    };
    let date = crate::batch::stamp_on(options, described.date);
    Meta {
        title: described.title.clone(),
        subtitle: described.subtitle.clone(),
        council: if described.council.is_empty() {
            council.unwrap_or_default()
        } else {
            described.council.clone()
        },
        author: described.author.clone(),
        date,
        ident,
        look,
    }
}

fn write_document(options: &Options, templates: &Templates, document: &Prepared) -> Result<Vec<PathBuf>> {
    let stem = stem(document.path);
    let out = options.out.join(&document.folder.name);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if options.formats.markdown {
        files.push((format!("{stem}.md"), document.rendered.markdown.clone().into_bytes()));
    }
    if options.formats.pdf || options.formats.typst {
        let body = typeset::markdown_to_typst(&document.rendered.markdown);
        let meta = meta(options, document, format!("{}/{stem}", document.folder.name));
        let assets = document.path.parent();
        let pdf_document =
            Document { body: &body, theme: templates.theme(), meta: &meta, assets, files: &[] };
        if options.formats.typst {
            files.push((format!("{stem}.typ"), pdf::source(&pdf_document).into_bytes()));
        }
        if options.formats.pdf {
            files.push((format!("{stem}.pdf"), pdf::typeset(&pdf_document)?));
        }
    }
    write_all(options, &out, files)
}

fn write_all(options: &Options, out: &Path, files: Vec<(String, Vec<u8>)>) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = out.join(name);
        if options.write {
            output::write_atomic(&path, &bytes)?;
        }
        written.push(path);
    }
    Ok(written)
}

/// A sentinel the agenda's Markdown carries where an item's pages go, to be
/// replaced in the pack's Typst by the pages Typst finds.
fn sentinel(item: usize) -> String {
    format!("XPAGESOFITEM{item}X")
}

/// Makes a folder's agenda pack: the agenda, then every item's documents in
/// order, each item's pages counted by Typst; and the agenda's Markdown with
/// the same pages.
fn write_pack(
    options: &Options,
    templates: &Templates,
    documents: &[Prepared],
    agenda: &Prepared,
) -> Result<Vec<PathBuf>> {
    let style: Style = match &agenda.folder.council {
        Ok((council, _)) => council.style(),
        Err(problem) => return Err(InputErrors(vec![problem.clone()]).into()),
    };
    let model: Agenda =
        load::parse(agenda.path, &agenda.text).map_err(|problem| InputErrors(vec![problem]))?;
    let folder = agenda.path.parent().unwrap_or(Path::new("."));
    let with_sentinels: Vec<String> = model
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| if item.documents.is_empty() { String::new() } else { sentinel(index + 1) })
        .collect();
    let view = model
        .view_with_pages(&style, &with_sentinels)
        .map_err(|m| InputErrors(vec![Diagnostic::file(agenda.path, m)]))?;
    let agenda_markdown = templates.render_named(&Kind::Agenda.template(), &view)?;
    let mut body = typeset::markdown_to_typst(&agenda_markdown);
    let mut labels = Vec::new();
    let mut items_body = String::new();
    for (index, item) in model.items.iter().enumerate() {
        if item.documents.is_empty() {
            continue;
        }
        let number = index + 1;
        body = body.replace(&sentinel(number), &format!("#page-range(<item-{number}>, <item-{number}-end>)"));
        items_body.push_str(&format!("#pagebreak(weak: true)\n#metadata(\"start\") <item-{number}>\n"));
        for (position, file) in item.documents.iter().enumerate() {
            let path = folder.join(&file.value);
            let document = documents.iter().find(|d| load::same_file(d.path, &path)).ok_or_else(|| {
                InputErrors(vec![Diagnostic::file(
                    agenda.path,
                    format!("`{}` is not among the folder's documents", file.value),
                )])
            })?;
            if position > 0 {
                items_body.push_str("#pagebreak(weak: true)\n");
            }
            items_body.push_str(&typeset::markdown_to_typst(&document.rendered.markdown));
        }
        items_body.push_str(&format!("\n#metadata(\"end\") <item-{number}-end>\n"));
        labels.push(format!("item-{number}"));
        labels.push(format!("item-{number}-end"));
    }
    body.push_str(&items_body);
    let mut meta = meta(options, agenda, format!("{}/{AGENDA_PACK}", agenda.folder.name));
    meta.title = format!("Agenda pack: {}", agenda.rendered.described.subtitle);
    let document =
        Document { body: &body, theme: templates.theme(), meta: &meta, assets: Some(folder), files: &[] };
    let (pack, pages) = pdf::typeset_with_pages(&document, &labels)?;
    // The agenda's Markdown gives the same pages as the pack's agenda.
    let mut ranges = Vec::new();
    let mut found = pages.chunks(2);
    for item in &model.items {
        if item.documents.is_empty() {
            ranges.push(String::new());
            continue;
        }
        let range = match found.next() {
            Some([Some(first), Some(last)]) if first == last => first.to_string(),
            Some([Some(first), Some(last)]) => format!("{first} - {last}"),
            _ => String::new(),
        };
        ranges.push(range);
    }
    let view = model
        .view_with_pages(&style, &ranges)
        .map_err(|m| InputErrors(vec![Diagnostic::file(agenda.path, m)]))?;
    let markdown = templates.render_named(&Kind::Agenda.template(), &view)?;
    let out = options.out.join(&agenda.folder.name);
    let stem = stem(agenda.path);
    let mut files = vec![(AGENDA_PACK.to_owned(), pack)];
    if options.formats.markdown {
        files.push((format!("{stem}.md"), markdown.into_bytes()));
    }
    write_all(options, &out, files)
}
