//! The HTML writer: each document, and each pack, as one accessible web
//! page that holds everything it shows (stylesheet, charts, logo) and
//! fetches nothing. The page is the `page.html` template around the body
//! [`body`] writes from the document's Markdown; a council may override
//! the template and its stylesheet, `page.css`.

pub mod body;
pub mod colour;
mod escape;
mod pictures;

use anyhow::Result;
use base64::Engine;
use serde::Serialize;

use crate::pdf::Meta;
use crate::render::{INDEX_PAGE, PAGE, Templates};
use crate::text::{Pack, Part};
use body::{Heading, Writing};

/// A document has a contents list when it has more sections than this.
const FEW_SECTIONS: usize = 3;

/// A link to a file: its words and address.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
}

/// What `page.html` sees.
#[derive(Serialize)]
struct PageView<'a> {
    lang: &'static str,
    title: &'a str,
    council: &'a str,
    author: &'a str,
    date: String,
    header_left: String,
    header_right: String,
    /// The footer's words, when they do not count pages, which a web page
    /// does not have.
    footer: Option<String>,
    brand: String,
    css: &'a str,
    logo: Option<Logo>,
    /// The page's `h1`, when the document's own headings do not give one.
    heading: Option<&'a str>,
    /// The start of the document, up to its own `h1`, written before the
    /// links to its other files and its contents.
    lead: String,
    formats: &'a [Link],
    contents_heading: &'a str,
    contents: Vec<Heading>,
    body: String,
}

#[derive(Serialize)]
struct Logo {
    src: String,
    alt: String,
    height: f64,
}

/// The page of one document. `formats` links to its other files.
pub fn document(part: &Part, templates: &Templates, formats: &[Link]) -> Result<String> {
    // One `h1`: the document's own, or the title above its headings.
    let own_title = body::top_headings(part.markdown) == 1;
    let shift = usize::from(!own_title);
    let written = body::write(&Writing { part, shift, prefix: "" });
    let sections: Vec<Heading> =
        written.headings.iter().filter(|heading| heading.level == 2).cloned().collect();
    let contents = if sections.len() > FEW_SECTIONS { sections } else { Vec::new() };
    // The document's own title stands above the links and contents.
    let (lead, rest) = match written.html.find("</h1>\n").filter(|_| own_title) {
        Some(end) => written.html.split_at(end + "</h1>\n".len()),
        None => ("", written.html.as_str()),
    };
    let mut view = page_view(part.meta, templates, formats, rest.to_owned());
    view.lead = lead.to_owned();
    view.heading = (!own_title).then_some(part.meta.title.as_str());
    view.contents = contents;
    secured(templates.render_page(PAGE, &view)?, templates.path_of(PAGE))
}

/// The page of a pack: its title, its contents, then each document under
/// it, their headings a level down.
pub fn pack(pack: &Pack, templates: &Templates, formats: &[Link]) -> Result<String> {
    let mut html = String::new();
    let mut contents = Vec::new();
    for (index, part) in pack.parts.iter().enumerate() {
        let prefix = format!("part-{}-", index + 1);
        let written = body::write(&Writing { part, shift: 1, prefix: &prefix });
        let id = format!("part-{}", index + 1);
        let title = pack.contents.as_ref().and_then(|contents| contents.entries.get(index));
        let text = title.cloned().unwrap_or_else(|| part.meta.title.clone());
        html.push_str(&format!("<article class=\"part\" id=\"{id}\">\n{}</article>\n", written.html));
        contents.push(Heading { level: 2, id, text });
    }
    let mut view = page_view(pack.meta, templates, formats, html);
    view.heading = Some(&pack.meta.title);
    if let Some(list) = &pack.contents {
        view.contents_heading = &list.heading;
        view.contents = contents;
    }
    secured(templates.render_page(PAGE, &view)?, templates.path_of(PAGE))
}

fn page_view<'a>(
    meta: &'a Meta,
    templates: &'a Templates,
    formats: &'a [Link],
    body: String,
) -> PageView<'a> {
    let page = meta.look.page.filled(&meta.council, &meta.subtitle, &meta.title);
    PageView {
        lang: "en-GB",
        title: &meta.title,
        council: &meta.council,
        author: &meta.author,
        date: meta.date.strftime("%-d %B %Y").to_string(),
        header_left: page.header_left,
        header_right: page.header_right,
        footer: Some(page.footer).filter(|footer| !footer.is_empty() && !footer.contains("{page")),
        brand: colour::text_colour(meta.look.brand.as_deref()),
        css: templates.stylesheet(),
        logo: logo(meta),
        heading: None,
        lead: String::new(),
        formats,
        contents_heading: "Contents",
        contents: Vec::new(),
        body,
    }
}

/// The council's logo, held in the page as data.
fn logo(meta: &Meta) -> Option<Logo> {
    let logo = meta.look.logo.as_ref()?;
    let mime = if logo.name.ends_with(".svg") { "image/svg+xml" } else { "image/png" };
    let mut src = format!("data:{mime};base64,");
    base64::engine::general_purpose::STANDARD.encode_string(logo.bytes.as_slice(), &mut src);
    Some(Logo { src, alt: logo.alt.clone(), height: logo.height })
}

/// One entry of an output folder's index: a document or pack and its
/// files.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub title: String,
    pub formats: Vec<Link>,
}

/// What `index.html` sees.
#[derive(Serialize)]
struct IndexView<'a> {
    lang: &'static str,
    title: &'a str,
    council: &'a str,
    brand: String,
    css: &'a str,
    packs: &'a [Entry],
    documents: &'a [Entry],
}

/// An output folder's index page, linking every document and pack in
/// every format written.
pub fn index(
    title: &str,
    council: &str,
    brand: Option<&str>,
    packs: &[Entry],
    documents: &[Entry],
    templates: &Templates,
) -> Result<String> {
    let view = IndexView {
        lang: "en-GB",
        title,
        council,
        brand: colour::text_colour(brand),
        css: templates.stylesheet(),
        packs,
        documents,
    };
    secured(templates.render_page(INDEX_PAGE, &view)?, templates.path_of(INDEX_PAGE))
}

/// What a published page may load and do: nothing from anywhere, but its
/// own stylesheet and the pictures it holds as data. No script runs in it,
/// whatever its text or a council's template holds.
pub const POLICY: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; \
                          base-uri 'none'; form-action 'none'";

/// `page` with its security policy as the first thing in its `<head>`, so
/// that no template, built in or a council's, can leave it out.
fn secured(mut page: String, template: &std::path::Path) -> Result<String> {
    let Some(at) = head_opened_at(&page) else {
        let message = format!(
            "error: the page has no `<head>`, where its security policy is written\n  --> {}\n  = hint: keep the `<head>` of the built-in template",
            template.display()
        );
        return Err(crate::render::TemplateError(message).into());
    };
    page.insert_str(at, &format!("\n<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">"));
    Ok(page)
}

/// Where the page's `<head …>` tag ends, found without copying the page
/// (a pack's page holds every picture of its documents).
fn head_opened_at(page: &str) -> Option<usize> {
    let bytes = page.as_bytes();
    let start = (0..bytes.len()).find(|&at| {
        bytes[at..].get(..5).is_some_and(|tag| tag.eq_ignore_ascii_case(b"<head"))
            && matches!(bytes.get(at + 5), Some(b'>' | b' ' | b'\n' | b'\t'))
    })?;
    page[start..].find('>').map(|end| start + end + 1)
}

#[cfg(test)]
mod tests;
