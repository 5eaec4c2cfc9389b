//! The pdf stage: Typst markup to PDF, with the compiler embedded.
//!
//! A [`ReportWorld`] serves one report's files from memory. Fonts and the
//! standard library are loaded once per process and shared by every report;
//! nothing is read from the system and nothing is fetched.

pub(crate) mod fonts;
pub mod look;

use std::ops::RangeInclusive;

use anyhow::Result;
use jiff::civil::DateTime;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::model::Document as _;
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// What the pdf stage needs to typeset one report.
pub struct Document<'a> {
    /// The Typst body: the report's Markdown, converted.
    pub body: &'a str,
    /// The theme that sets the look: `theme.typ`.
    pub theme: &'a str,
    /// Metadata passed to the theme.
    pub meta: &'a Meta,
    /// The files its body shows, such as charts and images, served beside
    /// it by name. Nothing else is read: the disk is never touched.
    pub files: &'a [(String, Vec<u8>)],
}

/// A report's metadata, as the theme and the PDF see it.
#[derive(Debug, Clone)]
pub struct Meta {
    /// The document title.
    pub title: String,
    /// The line under the title in the header.
    pub subtitle: String,
    /// The council, printed in the header of every page.
    pub council: String,
    /// The author: the member who signs the report.
    pub author: String,
    /// The date of the document: the Council meeting, or the time given by
    /// `SOURCE_DATE_EPOCH`.
    pub date: DateTime,
    /// A stable identifier for the PDF: the same report keeps the same one.
    pub ident: String,
    /// The council's brand colour, font and logo.
    pub look: look::Look,
}

/// The whole Typst source of a report: the theme applied to its body.
pub fn source(document: &Document) -> String {
    let meta = document.meta;
    let mut main = String::with_capacity(document.body.len() + 512);
    main.push_str("#import \"theme.typ\": *\n#show: report.with(\n");
    let page = meta.look.page.filled(&meta.council, &meta.subtitle, &meta.title);
    for (key, value) in [
        ("title", &meta.title),
        ("subtitle", &meta.subtitle),
        ("council", &meta.council),
        ("author", &meta.author),
        ("header-left", &page.header_left),
        ("header-right", &page.header_right),
        ("footer", &page.footer),
    ] {
        main.push_str(&format!("  {key}: {},\n", crate::typeset::string_literal(value)));
    }
    let look = &meta.look;
    if let Some(brand) = &look.brand {
        main.push_str(&format!("  brand: rgb({}),\n", crate::typeset::string_literal(brand)));
    }
    if let Some(font) = &look.font {
        main.push_str(&format!("  font: {},\n", crate::typeset::string_literal(font)));
    }
    if let Some(logo) = logo_image(look) {
        main.push_str(&format!("  logo: {logo},\n"));
    }
    let date = meta.date;
    main.push_str(&format!(
        "  date: datetime(year: {}, month: {}, day: {}, hour: {}, minute: {}, second: {}),\n)\n\n",
        date.year(),
        date.month(),
        date.day(),
        date.hour(),
        date.minute(),
        date.second()
    ));
    main.push_str(document.body);
    main
}

/// The council's logo as a Typst image, when it has one.
fn logo_image(look: &look::Look) -> Option<String> {
    let logo = look.logo.as_ref()?;
    Some(format!(
        "image({}, alt: {}, height: {}mm)",
        crate::typeset::string_literal(&format!("/{}", logo.name)),
        crate::typeset::string_literal(&logo.alt),
        logo.height
    ))
}

/// The Typst that starts part `index` of a pack, on a page of its own: a
/// document laid out once for the pack and for its own PDF. From its first
/// page on, the header gives its own words (its council and meeting line,
/// in the council's `page` settings) and its pages are counted from 1; its
/// first page shows the logo, as the document on its own does.
pub fn part_start(index: usize, meta: &Meta) -> String {
    let page = meta.look.page.filled(&meta.council, &meta.subtitle, &meta.title);
    let mut start = format!(
        "#metadata((left: {}, right: {})) <document-start>\n#metadata(none) <part-{index}>\n#counter(page).update(1)\n",
        crate::typeset::string_literal(&page.header_left),
        crate::typeset::string_literal(&page.header_right)
    );
    if let Some(logo) = logo_image(&meta.look) {
        start.push_str(&format!("#align(right, {logo})\n"));
    }
    start
}

/// The Typst that ends part `index` of a pack, begun by [`part_start`].
pub fn part_end(index: usize) -> String {
    format!("\n#metadata(none) <part-{index}-end>\n#metadata(none) <document-end>\n")
}

/// Typesets a report and exports it as a tagged PDF/UA-1 and PDF/A-2a file.
pub fn typeset(document: &Document) -> Result<Vec<u8>> {
    lay_out(document)?.export()
}

/// Lays a document out, to export whole or in parts.
pub fn lay_out(document: &Document) -> Result<Layout> {
    let world = ReportWorld::new(document);
    let compiled = typst::compile::<PagedDocument>(&world);
    let pages = compiled.output.map_err(|errors| typst_error(&world, &errors))?;
    Ok(Layout { world, pages, meta: document.meta.clone() })
}

/// A document laid out once. Its PDF is exported from it, and so is each
/// of its parts' (see [`part_start`]): a pack's documents are never laid
/// out twice.
pub struct Layout {
    world: ReportWorld,
    pages: PagedDocument,
    meta: Meta,
}

impl Layout {
    /// The size of each page, in points: width, then height.
    pub fn page_sizes(&self) -> Vec<(f64, f64)> {
        let size = |page: &typst_layout::Page| (page.frame.width().to_pt(), page.frame.height().to_pt());
        self.pages.pages().iter().map(size).collect()
    }

    /// Page `number`, counting the first as 1, drawn as an SVG picture,
    /// for a preview.
    pub fn page_svg(&self, number: usize) -> Option<String> {
        let page = self.pages.pages().get(number.checked_sub(1)?)?;
        Some(typst_svg::svg(page, &typst_svg::SvgOptions::default()))
    }

    /// The page, counting the first as 1, on which the element labelled
    /// `name` stands.
    pub fn page_of(&self, name: &str) -> Option<usize> {
        use typst::introspection::Introspector as _;
        let label = typst::foundations::Label::new(typst::utils::PicoStr::intern(name))?;
        let introspector = self.pages.introspector();
        let location = introspector.query_label(label).ok()?.location()?;
        introspector.page(location).map(|page| page.get())
    }

    /// The pages of part `index`, counting the first page of the whole as 1.
    pub fn part_pages(&self, index: usize) -> Option<RangeInclusive<usize>> {
        let first = self.page_of(&format!("part-{index}"))?;
        let last = self.page_of(&format!("part-{index}-end"))?;
        (first <= last).then_some(first..=last)
    }

    /// The whole document as a tagged PDF/UA-1 and PDF/A-2a file.
    pub fn export(&self) -> Result<Vec<u8>> {
        self.export_pages(&self.pages, &self.meta.ident)
    }

    /// The whole document, every page stamped with its number in the whole
    /// in `words` ("Pack page {page}"), as a pack's pages are, each part's
    /// own numbers being counted from 1.
    pub fn export_stamped(&self, words: &str, theme: &str) -> Result<Vec<u8>> {
        let stamps = stamps(&self.pages, words, theme, &self.meta)?;
        let pages = self
            .pages
            .pages()
            .iter()
            .zip(stamps.pages())
            .map(|(page, stamp)| {
                let mut page = page.clone();
                page.frame.push_frame(typst::layout::Point::zero(), stamp.frame.clone());
                page
            })
            .collect();
        let stamped = PagedDocument::new(pages, self.pages.info().clone());
        self.export_pages(&stamped, &self.meta.ident)
    }

    /// Part of the document, `pages` counting the first as 1, as a tagged
    /// PDF of its own, described by `meta`.
    pub fn export_part(&self, pages: RangeInclusive<usize>, meta: &Meta) -> Result<Vec<u8>> {
        let mut info = self.pages.info().clone();
        info.title = Some(meta.title.as_str().into());
        info.author = vec![meta.author.as_str().into()];
        info.date = Smart::Custom(Some(datetime(meta.date)));
        let chosen = self.pages.pages().get(pages.start() - 1..*pages.end()).ok_or_else(|| {
            anyhow::anyhow!("pages {} to {} are not all in the pack", pages.start(), pages.end())
        })?;
        let part = PagedDocument::new(chosen.iter().cloned().collect(), info);
        self.export_pages(&part, &meta.ident)
    }

    fn export_pages(&self, pages: &PagedDocument, ident: &str) -> Result<Vec<u8>> {
        let options = PdfOptions {
            ident: Smart::Custom(ident.to_owned()),
            creator: Smart::Custom(Some(format!("exec-report {}", env!("CARGO_PKG_VERSION")))),
            timestamp: None,
            standards: standards()?,
            ..PdfOptions::default()
        };
        typst_pdf::pdf(pages, &options).map_err(|errors| typst_error(&self.world, &errors))
    }
}

/// One page for each of `pages`, of the same size, showing nothing but its
/// stamp: the theme's `pack-stamp`, given `words` with the page's number.
fn stamps(pages: &PagedDocument, words: &str, theme: &str, meta: &Meta) -> Result<PagedDocument> {
    let mut main = String::from(concat!(
        "#let pack-stamp(words) = place(bottom + right, dx: -25mm, dy: -10mm, ",
        "text(size: 8pt, fill: luma(60), words))\n",
        "#import \"theme.typ\": *\n#set page(margin: 0pt)\n",
    ));
    if let Some(font) = &meta.look.font {
        main.push_str(&format!("#set text(font: {})\n", crate::typeset::string_literal(font)));
    }
    for (number, page) in pages.pages().iter().enumerate() {
        let size = page.frame.size();
        let stamp = words.replace("{page}", &(number + 1).to_string());
        main.push_str(&format!(
            "#page(width: {}pt, height: {}pt, background: pack-stamp({}))[]\n",
            size.x.to_pt(),
            size.y.to_pt(),
            crate::typeset::string_literal(&stamp)
        ));
    }
    let world = ReportWorld::with_main(main, theme, meta, &[]);
    let compiled = typst::compile::<PagedDocument>(&world);
    let stamps = compiled.output.map_err(|errors| typst_error(&world, &errors))?;
    if stamps.pages().len() != pages.pages().len() {
        anyhow::bail!(
            "the theme's `pack-stamp` made {} pages for {}",
            stamps.pages().len(),
            pages.pages().len()
        );
    }
    Ok(stamps)
}

fn datetime(date: DateTime) -> Datetime {
    Datetime::from_ymd_hms(
        date.year().into(),
        date.month() as u8,
        date.day() as u8,
        date.hour() as u8,
        date.minute() as u8,
        date.second() as u8,
    )
    .expect("a civil date and time is a valid Typst one")
}

fn standards() -> Result<PdfStandards> {
    PdfStandards::new(&[PdfStandard::Ua_1, PdfStandard::A_2a])
        .map_err(|error| anyhow::anyhow!("cannot combine the PDF standards: {}", error.message()))
}

fn typst_error(world: &ReportWorld, errors: &[SourceDiagnostic]) -> anyhow::Error {
    let mut message = String::from("typesetting failed");
    let mut in_theme = false;
    for error in errors.iter().filter(|e| e.severity == Severity::Error) {
        message.push_str(&format!("\n  {}", error.message));
        if error.span.id() == Some(world.theme.id()) {
            in_theme = true;
            let line = typst::WorldExt::range(world, error.span)
                .map(|range| world.theme.text()[..range.start].matches('\n').count() + 1);
            message.push_str(&format!(" in the theme `{}`", crate::render::THEME));
            if let Some(line) = line {
                message.push_str(&format!(", line {line}"));
            }
        }
        if let Some(line) = world.line_of(error) {
            message.push_str(&format!(" (at `{}`)", line.trim()));
        }
        for hint in &error.hints {
            message.push_str(&format!("\n  = hint: {}", hint.v));
        }
    }
    // A mistake in a council's theme is its input, like a template's.
    if in_theme { crate::render::TemplateError(message).into() } else { anyhow::anyhow!(message) }
}

/// The files of one report, served from memory.
struct ReportWorld {
    main: Source,
    theme: Source,
    files: Vec<(FileId, Bytes)>,
    today: Datetime,
    /// The council's own fonts, after the embedded ones.
    fonts: std::sync::Arc<Vec<Font>>,
    /// The embedded fonts and the council's, when it has any.
    book: Option<LazyHash<FontBook>>,
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a fixed, valid path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl ReportWorld {
    fn new(document: &Document) -> Self {
        Self::with_main(source(document), document.theme, document.meta, document.files)
    }

    fn with_main(main: String, theme: &str, meta: &Meta, shown: &[(String, Vec<u8>)]) -> Self {
        let date = meta.date;
        let look = &meta.look;
        let mut files: Vec<(FileId, Bytes)> = shown
            .iter()
            .filter_map(|(name, bytes)| {
                let vpath = VirtualPath::new(format!("/{name}")).ok()?;
                Some((RootedPath::new(VirtualRoot::Project, vpath).intern(), Bytes::new(bytes.clone())))
            })
            .collect();
        if let Some(logo) = &look.logo {
            files.push((file_id(&format!("/{}", logo.name)), logo.bytes.clone()));
        }
        let book = (!look.fonts.is_empty()).then(|| {
            let mut book = (**fonts::SHARED.fonts.book()).clone();
            for font in look.fonts.iter() {
                book.push(font.info().clone());
            }
            LazyHash::new(book)
        });
        Self {
            fonts: look.fonts.clone(),
            book,
            main: Source::new(file_id("/main.typ"), main),
            theme: Source::new(file_id("/theme.typ"), theme.to_owned()),
            files,
            today: Datetime::from_ymd(date.year().into(), date.month() as u8, date.day() as u8)
                .expect("a civil date is a valid Typst date"),
        }
    }

    fn line_of(&self, error: &SourceDiagnostic) -> Option<String> {
        let range = typst::WorldExt::range(self, error.span)?;
        let source = [&self.main, &self.theme].into_iter().find(|s| Some(s.id()) == error.span.id())?;
        let text = source.text();
        let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[range.start..].find('\n').map_or(text.len(), |i| range.start + i);
        Some(text[start..end].to_owned())
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &fonts::SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.book.as_ref().unwrap_or_else(|| fonts::SHARED.fonts.book())
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        [&self.main, &self.theme]
            .into_iter()
            .find(|source| source.id() == id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Ok(source) = self.source(id) {
            return Ok(Bytes::from_string(source));
        }
        // Only the files checked and read before typesetting are served.
        self.files
            .iter()
            .find(|(file, _)| *file == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        let embedded = fonts::SHARED.fonts.book().families().map(|(_, infos)| infos.count()).sum::<usize>();
        match index.checked_sub(embedded) {
            Some(own) => self.fonts.get(own).cloned(),
            None => fonts::SHARED.fonts.font(index),
        }
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
