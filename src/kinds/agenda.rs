//! A committee meeting's agenda: when and where it meets, who sits on it,
//! and its numbered items, some with reports whose pages the pack gives.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use anyhow::{Result, anyhow};

use crate::input::Source;
use crate::input::files::{Refusal, Root};
use crate::input::{Diagnostic, InputErrors, same_file};
use crate::kinds::parts::to_view;
use crate::kinds::{
    Context, Described, Document, File, Folder, Kind, LaidOut, Made, Pack, Part, Rendered, read, schema,
};
use crate::publish::{self, Formats};
use crate::typeset::markdown_to_typst;

/// The kind's row.
pub static KIND: Kind = Kind {
    name: "agenda",
    about: "a committee meeting's agenda, whose pack holds every document its items name",
    read: read::<Agenda>,
    schema: schema::<Agenda>,
    pack: Some(&AgendaPack),
};

/// The agenda pack's file name.
pub const AGENDA_PACK: &str = "agenda-pack.pdf";

/// The stem of the agenda pack's files.
const AGENDA_PACK_STEM: &str = "agenda-pack";

/// `kind: agenda`: the first pages of a committee's agenda pack.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    /// Always `agenda`.
    pub kind: String,
    /// The council's name; `council.yaml`'s `name` when left out.
    #[serde(default)]
    pub council: Option<String>,
    /// The committee that meets ("Children and young people scrutiny
    /// committee").
    pub committee: String,
    /// The date of the meeting, as `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Date,
    /// The time it starts, as printed ("10.00 am").
    pub time: String,
    /// Where it meets.
    pub place: String,
    /// Notes for those attending.
    #[serde(default)]
    pub notes: Option<String>,
    /// Whom to contact about the meeting.
    pub contact: crate::kinds::Contact,
    /// How to ask for the agenda in another format, in Markdown.
    #[serde(default)]
    pub accessibility: Option<String>,
    /// The committee's members.
    pub membership: Membership,
    /// The items of business, numbered in order from 1.
    pub items: Vec<Item>,
}

/// Who sits on the committee.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// The chair, as named ("Councillor CA Gandy").
    pub chair: String,
    /// The vice-chair.
    #[serde(default)]
    pub vice_chair: Option<String>,
    /// The other members.
    #[serde(default)]
    pub members: Vec<String>,
    /// Co-opted members and whom they represent.
    #[serde(default)]
    pub co_optees: Vec<CoOptee>,
}

/// A co-opted member of the committee.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoOptee {
    /// Their name ("Mr P Burbidge").
    pub name: String,
    /// Whom they represent.
    pub represents: String,
}

/// An item of business.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item's title.
    pub title: String,
    /// What the committee is asked to do, in Markdown.
    #[serde(default)]
    pub description: Option<String>,
    /// The documents of the item, beside the agenda, in the order they go
    /// in the pack: a report, then its appendices, or a work programme.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub documents: Vec<Spanned<String>>,
}

/// An item as the template sees it.
#[derive(Debug, Serialize)]
struct ItemView<'a> {
    number: usize,
    title: &'a str,
    description: Option<&'a str>,
    /// "Pages 5 - 68": the pages of its documents in the pack, in the
    /// council's words; empty when it has none, or when no pack was made.
    pages: String,
}

#[derive(Debug, Serialize)]
struct View<'a> {
    /// Every fixed word of the agenda, by heading key, in the council's
    /// words with the committee and date filled in.
    headings: BTreeMap<String, String>,
    council: &'a str,
    committee: &'a str,
    date: String,
    time: &'a str,
    place: &'a str,
    notes: Option<&'a str>,
    contact: &'a crate::kinds::Contact,
    accessibility: Option<&'a str>,
    membership: &'a Membership,
    items: Vec<ItemView<'a>>,
}

impl Agenda {
    /// The view with each item's pages, as the pack gives them.
    pub fn view_with_pages(
        &self,
        context: &Context,
        pages: &[String],
    ) -> std::result::Result<serde_json::Value, String> {
        let style = context.style;
        let items = self
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| ItemView {
                number: index + 1,
                title: &item.title,
                description: item.description.as_deref(),
                pages: pages
                    .get(index)
                    .filter(|pages| !pages.is_empty())
                    .map(|pages| style.heading_with("pages", &[("pages", pages)]))
                    .unwrap_or_default(),
            })
            .collect();
        let date = style.date(self.date);
        let filled = [("committee", self.committee.as_str()), ("date", date.as_str())];
        let headings =
            style.headings.keys().map(|key| (key.clone(), style.heading_with(key, &filled))).collect();
        to_view(&View {
            headings,
            council: self.council(context),
            committee: &self.committee,
            date: style.date(self.date),
            time: &self.time,
            place: &self.place,
            notes: self.notes.as_deref(),
            contact: &self.contact,
            accessibility: self.accessibility.as_deref(),
            membership: &self.membership,
            items,
        })
    }
}

impl Agenda {
    /// The council's name: the agenda's own, else its settings'.
    fn council<'a>(&'a self, context: &Context<'a>) -> &'a str {
        self.council.as_deref().or(context.council).unwrap_or_default()
    }
}

impl Document for Agenda {
    fn check(&self, source: Source, _context: &Context) -> Vec<Diagnostic> {
        let (path, text) = (source.path, source.text);
        let folder = path.parent().unwrap_or(std::path::Path::new("."));
        let mut problems = Vec::new();
        let root = Root::at(folder);
        for item in &self.items {
            for document in &item.documents {
                if let Err(refusal) = root.resolve(folder, &document.value) {
                    let message = match refusal {
                        Refusal::Missing => {
                            format!("there is no file `{}` beside the agenda", document.value)
                        }
                        _ => refusal.message("document", &document.value),
                    };
                    let hint = match refusal {
                        Refusal::Missing => "name a YAML file in the agenda's folder",
                        _ => refusal.hint(),
                    };
                    problems
                        .push(crate::kinds::parts::problem_at(path, text, document, message).with_hint(hint));
                }
            }
        }
        problems
    }

    fn view(&self, context: &Context) -> std::result::Result<crate::kinds::View, String> {
        Ok(crate::kinds::View { value: self.view_with_pages(context, &[])?, files: Vec::new() })
    }

    fn prose(&self) -> Vec<&str> {
        let mut texts: Vec<&str> = self.notes.as_deref().into_iter().collect();
        texts.extend(self.accessibility.as_deref());
        for item in &self.items {
            texts.push(&item.title);
            texts.extend(item.description.as_deref());
        }
        texts
    }

    fn describe(&self, context: &Context) -> Described {
        let style = context.style;
        Described {
            title: style.heading_with(
                "pdf_title",
                &[("committee", &self.committee), ("date", &style.date(self.date))],
            ),
            subtitle: format!("{}, {}", self.committee, style.date(self.date)),
            council: self.council(context).to_owned(),
            author: self.council(context).to_owned(),
            date: self.date,
        }
    }
}

/// A committee's agenda pack: the agenda, then every item's documents in
/// order, each item's pages counted by Typst; and the agenda's Markdown with
/// the same pages.
pub struct AgendaPack;

/// A sentinel the agenda's Markdown carries where an item's pages go, to be
/// replaced in the pack's Typst by the pages Typst finds.
fn sentinel(item: usize) -> String {
    format!("XPAGESOFITEM{item}X")
}

impl Pack for AgendaPack {
    fn names(&self) -> &'static [&'static str] {
        &[AGENDA_PACK, "agenda-pack.html", "agenda-pack.docx"]
    }

    fn wanted(&self, formats: Formats) -> bool {
        formats.pdf
    }

    fn absorbs(&self) -> bool {
        true
    }

    fn make(&self, folder: &Folder) -> Result<Made> {
        let (rendered, agenda) = folder
            .documents
            .iter()
            .find_map(|rendered| {
                let any: &dyn std::any::Any = rendered.document;
                any.downcast_ref::<Agenda>().map(|agenda| (rendered, agenda))
            })
            .ok_or_else(|| anyhow!("the folder has no agenda"))?;
        let style = folder.templates.style(folder.settings, KIND.name);
        let context =
            Context { style: &style, council: folder.settings.council.name.as_deref(), meeting: None };
        let in_error = |message: String| InputErrors(vec![Diagnostic::file(rendered.path, message)]);
        let with_sentinels: Vec<String> = agenda
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| if item.documents.is_empty() { String::new() } else { sentinel(index + 1) })
            .collect();
        let view = agenda.view_with_pages(&context, &with_sentinels).map_err(in_error)?;
        let mut body = markdown_to_typst(&folder.templates.render_named(&KIND.template(), &view)?);
        let (items, parts) = items_body(folder, rendered, agenda, &mut body)?;
        body.push_str(&items);
        let mut meta = rendered.described.meta(
            folder.settings,
            folder.look,
            (folder.stamp)(agenda.date),
            format!("{}/{AGENDA_PACK}", folder.name),
        );
        let date = style.date(agenda.date);
        meta.title = style.heading_with("pack_title", &[("committee", &agenda.committee), ("date", &date)]);
        let files: Vec<File> =
            folder.documents.iter().flat_map(|document| document.files.iter().cloned()).collect();
        let document =
            crate::pdf::Document { body: &body, theme: folder.templates.theme(), meta: &meta, files: &files };
        let layout = crate::pdf::lay_out(&document)?;
        let view = agenda.view_with_pages(&context, &page_ranges(agenda, &layout)).map_err(in_error)?;
        let markdown = folder.templates.render_named(&KIND.template(), &view)?;
        let mut files = Vec::new();
        if folder.formats.markdown {
            files.push((format!("{}.md", rendered.stem), markdown.into_bytes()));
            // The images the agenda shows, beside it.
            files.extend(rendered.files.iter().cloned());
        }
        files.extend(pages(folder, rendered, agenda, &context, &meta)?);
        let stamp = style.heading("pack_page");
        Ok(Made { files, pdf: Some(LaidOut { name: AGENDA_PACK.to_owned(), layout, stamp, parts }) })
    }
}

/// The Typst of every item's documents, each item labelled at its first
/// and last page and each document a part of its own; the agenda's
/// sentinels in `body` become the page ranges Typst finds. Gives the parts
/// too, a document given twice being a part once.
fn items_body(
    folder: &Folder,
    rendered: &Rendered,
    agenda: &Agenda,
    body: &mut String,
) -> Result<(String, Vec<Part>)> {
    let mut parts: Vec<Part> = Vec::new();
    let mut items = String::new();
    let mut count = 0;
    for (index, item) in agenda.items.iter().enumerate().filter(|(_, item)| !item.documents.is_empty()) {
        let number = index + 1;
        *body =
            body.replace(&sentinel(number), &format!("#page-range(<item-{number}>, <item-{number}-end>)"));
        items.push_str(&format!("#pagebreak(weak: true)\n#metadata(\"start\") <item-{number}>\n"));
        for (position, file) in item.documents.iter().enumerate() {
            let path = folder.dir.join(&file.value);
            let document = folder.documents.iter().find(|d| same_file(d.path, &path)).ok_or_else(|| {
                InputErrors(vec![Diagnostic::file(
                    rendered.path,
                    format!("`{}` is not among the folder's documents", file.value),
                )])
            })?;
            let meta = folder.meta_of(document);
            if position > 0 {
                items.push_str("#pagebreak(weak: true)\n");
            }
            items.push_str(&crate::pdf::part_start(count, &meta));
            items.push_str(&markdown_to_typst(document.markdown));
            items.push_str(&crate::pdf::part_end(count));
            if !parts.iter().any(|part| part.stem == document.stem) {
                parts.push(Part { stem: document.stem.to_owned(), index: count, meta });
            }
            count += 1;
        }
        items.push_str(&format!("\n#metadata(\"end\") <item-{number}-end>\n"));
    }
    Ok((items, parts))
}

/// The agenda's own web page and Word file, and the pack's: the agenda,
/// then each item's documents. A web page has no pages, so the agenda in
/// them gives none.
fn pages(
    folder: &Folder,
    rendered: &Rendered,
    agenda: &Agenda,
    context: &Context,
    pack_meta: &crate::pdf::Meta,
) -> Result<Vec<File>> {
    if !folder.formats.html && !folder.formats.docx {
        return Ok(Vec::new());
    }
    let in_error = |message: String| InputErrors(vec![Diagnostic::file(rendered.path, message)]);
    let view = agenda.view_with_pages(context, &[]).map_err(in_error)?;
    let markdown = folder.templates.render_named(&KIND.template(), &view)?;
    let own_meta = folder.meta_of(rendered);
    let own = crate::text::Part { markdown: &markdown, ..rendered.text(&own_meta) };
    // The agenda has no PDF of its own: it is the first pages of the pack's.
    let alone = Formats { pdf: false, ..folder.formats };
    let mut files = publish::document(&own, rendered.stem, alone, folder.templates)?;
    let mut documents: Vec<&Rendered> = Vec::new();
    for file in agenda.items.iter().flat_map(|item| &item.documents) {
        let path = folder.dir.join(&file.value);
        let found = folder.documents.iter().find(|d| same_file(d.path, &path));
        if let Some(document) = found.filter(|found| !documents.iter().any(|d| d.stem == found.stem)) {
            documents.push(document);
        }
    }
    let metas: Vec<crate::pdf::Meta> = documents.iter().map(|document| folder.meta_of(document)).collect();
    let parts = std::iter::once(crate::text::Part { markdown: &markdown, ..rendered.text(&own_meta) })
        .chain(documents.iter().zip(&metas).map(|(document, meta)| document.text(meta)))
        .collect();
    let pack = crate::text::Pack { meta: pack_meta, contents: None, parts };
    files.extend(publish::pack(&pack, AGENDA_PACK_STEM, folder.formats, folder.templates)?);
    Ok(files)
}

/// Each item's pages in the pack, "5 - 68", from the pages of its labels;
/// empty for an item with no documents.
fn page_ranges(agenda: &Agenda, layout: &crate::pdf::Layout) -> Vec<String> {
    agenda
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let number = index + 1;
            if item.documents.is_empty() {
                return String::new();
            }
            let first = layout.page_of(&format!("item-{number}"));
            let last = layout.page_of(&format!("item-{number}-end"));
            match (first, last) {
                (Some(first), Some(last)) if first == last => first.to_string(),
                (Some(first), Some(last)) => format!("{first} - {last}"),
                _ => String::new(),
            }
        })
        .collect()
}
