//! The package a Word file is: its parts, the relationships from the body
//! to its headers, footers, pictures and links, and the zip that holds
//! them. Every id is counted here, within the one document, so the same
//! document always gives the same bytes.

use std::collections::HashMap;
use std::io::{Cursor, Write};

use anyhow::{Context, Result};
use jiff::civil::DateTime;
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use super::numbering::Numbering;
use super::pictures::{self, Picture};
use super::xml::{self, DECLARATION};
use crate::pdf::look::Look;

const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A picture in the file: the relationship to its file and the size it
/// shows at, in EMU.
#[derive(Clone)]
struct Shown {
    relation: String,
    width: u64,
    height: u64,
}

/// The parts of a Word file as they are made, and what counts within it.
pub(super) struct Package {
    /// The body's relationships: the type, target and whether it is
    /// outside the file. The `n`-th is `rId{n}`, counting from 1.
    relations: Vec<(&'static str, String, bool)>,
    /// Parts under `word/` besides the body, styles, numbering and
    /// settings: headers, footers and pictures, by their path.
    parts: Vec<(String, Vec<u8>)>,
    /// The drawing of each image already in, by what it was made from:
    /// the same logo on every part of a pack goes in once.
    pictures: HashMap<(Vec<u8>, String), Option<Shown>>,
    /// The lists of the body.
    pub(super) numbering: Numbering,
    /// How many drawings and bookmarks so far.
    drawings: usize,
    bookmarks: usize,
}

impl Package {
    pub(super) fn new() -> Self {
        let mut package = Self {
            relations: Vec::new(),
            parts: Vec::new(),
            pictures: HashMap::new(),
            numbering: Numbering::default(),
            drawings: 0,
            bookmarks: 0,
        };
        for part in ["styles", "numbering", "settings"] {
            package.relate(part, format!("{part}.xml"), false);
        }
        package
    }

    /// A relationship of type `kind` (the last word of its type) to
    /// `target`: its id.
    fn relate(&mut self, kind: &'static str, target: String, external: bool) -> String {
        self.relations.push((kind, target, external));
        format!("rId{}", self.relations.len())
    }

    /// How many relationships of type `kind` there are.
    fn count(&self, kind: &str) -> usize {
        self.relations.iter().filter(|(known, _, _)| *known == kind).count()
    }

    /// The relationship to a web address, made once however often it is
    /// linked to.
    pub(super) fn link(&mut self, url: &str) -> String {
        // Word refuses a target with a space in it.
        let url = url.replace(' ', "%20");
        let known =
            self.relations.iter().position(|(kind, target, _)| *kind == "hyperlink" && *target == url);
        match known {
            Some(index) => format!("rId{}", index + 1),
            None => self.relate("hyperlink", url, true),
        }
    }

    /// A header (`footer` false) or footer part holding `content`: its
    /// relationship id.
    pub(super) fn header_or_footer(&mut self, footer: bool, content: String) -> String {
        let kind = if footer { "footer" } else { "header" };
        let name = format!("{kind}{}.xml", self.count(kind) + 1);
        self.parts.push((format!("word/{name}"), content.into_bytes()));
        self.relate(kind, name, false)
    }

    /// A named bookmark, with nothing in it, to link to.
    pub(super) fn bookmark(&mut self, name: &str) -> String {
        self.bookmarks += 1;
        let id = self.bookmarks;
        format!(
            "<w:bookmarkStart w:id=\"{id}\" w:name=\"{}\"/><w:bookmarkEnd w:id=\"{id}\"/>",
            xml::attribute(name)
        )
    }

    /// The drawing of the image in `bytes` described by `alt`, at its own
    /// size or, for a logo, `height` millimetres tall; `None` when it
    /// cannot be shown.
    pub(super) fn drawing(
        &mut self,
        bytes: &[u8],
        height: Option<f64>,
        look: &Look,
        alt: &str,
    ) -> Option<String> {
        let made_as = format!("{height:?} {:?}", look.font);
        let key = (Sha256::digest(bytes).to_vec(), made_as);
        if !self.pictures.contains_key(&key) {
            let picture = match height {
                Some(height) => pictures::logo(bytes, height, look),
                None => pictures::image(bytes, look),
            };
            let shown = picture.ok().map(|picture| Shown {
                relation: self.add_picture(&picture),
                width: picture.width,
                height: picture.height,
            });
            self.pictures.insert(key.clone(), shown);
        }
        let shown = self.pictures.get(&key).cloned().flatten()?;
        self.drawings += 1;
        Some(pictures::drawing(self.drawings, &shown.relation, shown.width, shown.height, alt))
    }

    /// A picture's file among the media: its relationship id.
    fn add_picture(&mut self, picture: &Picture) -> String {
        let name = format!("media/image{}.{}", self.count("image") + 1, picture.extension);
        self.parts.push((format!("word/{name}"), picture.bytes.clone()));
        self.relate("image", name, false)
    }

    /// The Word file: `core` and `app` (the document's properties), the
    /// body `document`, its `styles` and `settings`, and every part made,
    /// zipped in a fixed order with every date set to `date`.
    pub(super) fn finish(
        self,
        properties: [String; 2],
        body: [String; 3],
        date: DateTime,
    ) -> Result<Vec<u8>> {
        let [core, app] = properties;
        let [document, styles, settings] = body;
        let mut entries: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".to_owned(), self.content_types().into_bytes()),
            ("_rels/.rels".to_owned(), package_relationships().into_bytes()),
            ("docProps/core.xml".to_owned(), core.into_bytes()),
            ("docProps/app.xml".to_owned(), app.into_bytes()),
            ("word/document.xml".to_owned(), document.into_bytes()),
            ("word/styles.xml".to_owned(), styles.into_bytes()),
            ("word/numbering.xml".to_owned(), self.numbering.xml().into_bytes()),
            ("word/settings.xml".to_owned(), settings.into_bytes()),
        ];
        entries.push(("word/_rels/document.xml.rels".to_owned(), self.relationships().into_bytes()));
        entries.extend(self.parts);
        zip(&entries, date)
    }

    /// The content type of every part.
    fn content_types(&self) -> String {
        let main = "application/vnd.openxmlformats-officedocument";
        let mut out = format!(
            "{DECLARATION}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Default Extension=\"png\" ContentType=\"image/png\"/>\
             <Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>\
             <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
             <Override PartName=\"/docProps/app.xml\" ContentType=\"{main}.extended-properties+xml\"/>"
        );
        let word = [
            ("document", "document.main"),
            ("styles", "styles"),
            ("numbering", "numbering"),
            ("settings", "settings"),
        ];
        for (part, kind) in word {
            out.push_str(&format!(
                "<Override PartName=\"/word/{part}.xml\" ContentType=\"{main}.wordprocessingml.{kind}+xml\"/>"
            ));
        }
        for (kind, target, _) in &self.relations {
            if matches!(*kind, "header" | "footer") {
                out.push_str(&format!(
                    "<Override PartName=\"/word/{target}\" ContentType=\"{main}.wordprocessingml.{kind}+xml\"/>"
                ));
            }
        }
        out.push_str("</Types>");
        out
    }

    /// The body's relationships part.
    fn relationships(&self) -> String {
        let mut out = format!(
            "{DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        );
        for (index, (kind, target, external)) in self.relations.iter().enumerate() {
            let mode = if *external { " TargetMode=\"External\"" } else { "" };
            out.push_str(&format!(
                "<Relationship Id=\"rId{}\" Type=\"{RELATIONSHIPS}/{kind}\" Target=\"{}\"{mode}/>",
                index + 1,
                xml::attribute(target)
            ));
        }
        out.push_str("</Relationships>");
        out
    }
}

/// The package's own relationships: to the body and the properties.
fn package_relationships() -> String {
    format!(
        "{DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{RELATIONSHIPS}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{RELATIONSHIPS}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

/// The entries zipped, in their order, deflated, each dated `date` (or the
/// earliest date a zip can hold, when it cannot hold that one).
fn zip(entries: &[(String, Vec<u8>)], date: DateTime) -> Result<Vec<u8>> {
    let time = zip::DateTime::from_date_and_time(
        u16::try_from(date.year()).unwrap_or(0),
        date.month().unsigned_abs(),
        date.day().unsigned_abs(),
        date.hour().unsigned_abs(),
        date.minute().unsigned_abs(),
        date.second().unsigned_abs(),
    )
    .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        writer
            .start_file(name.as_str(), options)
            .with_context(|| format!("cannot add `{name}` to the Word file"))?;
        writer.write_all(bytes).with_context(|| format!("cannot write `{name}` into the Word file"))?;
    }
    Ok(writer.finish().context("cannot finish the Word file")?.into_inner())
}
