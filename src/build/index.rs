//! An output folder's index page: every document and pack of the folder,
//! with a link to each file written for it, read from the folder's
//! manifest so that documents left unchanged are listed too.

use anyhow::Result;

use crate::build::manifest::{Entry, Manifest};
use crate::html::{self, Link};
use crate::render::Templates;

/// The files a reader opens, in the order the index lists them, and their
/// names there.
const READABLE: [(&str, &str); 4] =
    [("html", "Web page"), ("pdf", "PDF"), ("docx", "Word"), ("md", "Markdown")];

/// The index page of the folder whose manifest is `manifest`; `name` is
/// the folder's name, its heading when no document gave one.
pub(crate) fn page(
    manifest: &Manifest,
    name: &str,
    brand: Option<&str>,
    templates: &Templates,
) -> Result<String> {
    let documents: Vec<html::Entry> = manifest
        .documents
        .iter()
        .filter_map(|(key, entry)| {
            let stem = if entry.stem.is_empty() {
                key.rsplit_once('.').map_or(key.as_str(), |(stem, _)| stem)
            } else {
                &entry.stem
            };
            let title = if entry.title.is_empty() { key.clone() } else { entry.title.clone() };
            let formats = links(entry, stem);
            (!formats.is_empty()).then_some(html::Entry { title, formats })
        })
        .collect();
    let taken: Vec<&str> = manifest.documents.values().map(|entry| entry.stem.as_str()).collect();
    let mut packs: Vec<html::Entry> = Vec::new();
    for entry in manifest.packs.values() {
        let mut stems: Vec<&str> =
            entry.files.iter().filter_map(|(file, _)| readable(file).map(|(stem, _)| stem)).collect();
        stems.dedup();
        for stem in stems.into_iter().filter(|stem| !taken.contains(stem) && *stem != "index") {
            packs.push(html::Entry { title: words_of(stem), formats: links(entry, stem) });
        }
    }
    let heading = if manifest.heading.is_empty() { name } else { &manifest.heading };
    html::index(heading, &manifest.council, brand, &packs, &documents, templates)
}

/// The links to an entry's files named after `stem`, in the index's order.
fn links(entry: &Entry, stem: &str) -> Vec<Link> {
    READABLE
        .iter()
        .filter(|(extension, _)| entry.files.iter().any(|(file, _)| *file == format!("{stem}.{extension}")))
        .map(|(extension, label)| Link { label: (*label).to_owned(), href: format!("{stem}.{extension}") })
        .collect()
}

/// A file's stem and extension, when it is one a reader opens.
fn readable(file: &str) -> Option<(&str, &str)> {
    let (stem, extension) = file.rsplit_once('.')?;
    READABLE.iter().any(|(readable, _)| *readable == extension).then_some((stem, extension))
}

/// "executive-reports" as "Executive reports".
fn words_of(stem: &str) -> String {
    let words = stem.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(files: &[&str], title: &str, stem: &str) -> Entry {
        Entry {
            inputs: String::new(),
            files: files.iter().map(|file| ((*file).to_owned(), 1)).collect(),
            title: title.to_owned(),
            stem: stem.to_owned(),
        }
    }

    #[test]
    fn links_every_document_and_pack_in_every_format_written() {
        let mut manifest = Manifest {
            heading: "County Council, 19 July 2016".into(),
            council: "Hertfordshire County Council".into(),
            ..Manifest::default()
        };
        manifest.documents.insert(
            "childrens-services.yaml".into(),
            entry(
                &[
                    "childrens-services.md",
                    "childrens-services.pdf",
                    "childrens-services.html",
                    "childrens-services-kpi.svg",
                ],
                "CHILDREN'S SERVICES",
                "childrens-services",
            ),
        );
        manifest.packs.insert(
            "executive-report".into(),
            entry(&["index.md", "executive-reports.html", "executive-reports.pdf"], "", ""),
        );
        let page =
            page(&manifest, "2016-07-19-county-council", None, &Templates::load(None).unwrap()).unwrap();
        assert!(page.contains("<h1>County Council, 19 July 2016</h1>"), "{page}");
        assert!(
            page.contains("CHILDREN&#39;S SERVICES: <a href=\"childrens-services.html\">Web page"),
            "{page}"
        );
        assert!(page.contains("<a href=\"childrens-services.pdf\">PDF"), "{page}");
        assert!(!page.contains(".svg"), "{page}");
        assert!(page.contains("Executive reports: <a href=\"executive-reports.html\">Web page"), "{page}");
        assert!(!page.contains("href=\"index.md\""), "{page}");
    }
}
