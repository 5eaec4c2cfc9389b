//! Markdown to the body of a Word file: each block a paragraph, list or
//! table in the styles of `styles.xml`, numbered as the PDF numbers it
//! (paragraph numbers, sub-item labels and column widths come from
//! [`crate::markup`]).
//!
//! A paragraph is gathered whole before it is written: its style is only
//! known once its first words are (a number makes it a numbered
//! paragraph), and a list item's first paragraph carries its number.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::numbering::{self, Kind};
use super::package::Package;
use crate::markup;
use crate::text::Part;

mod figures;
mod runs;
mod tables;

use figures::{Keep, keeps};

/// The body of one document: its logo, then its Markdown. `bookmark`
/// marks its start for a pack's contents to link to.
pub(super) fn write(part: &Part, bookmark: Option<String>, package: &mut Package) -> String {
    let events = markup::events(part.markdown);
    let keeps = keeps(&events);
    let mut writer = Writer::new(part, package);
    writer.bookmark = bookmark;
    writer.logo();
    let mut kept_until = None;
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::List(None)) => writer.next_labels = markup::list_labels(&events[index..]),
            Event::Start(Tag::Table(_)) => writer.next_shares = markup::column_shares(&events[index..]),
            _ => {}
        }
        if let Some(&(end, keep)) = keeps.get(&index) {
            writer.keep = Some(keep);
            kept_until = Some(end);
        }
        writer.event(event);
        if kept_until == Some(index) {
            writer.keep = None;
        }
    }
    writer.finish()
}

/// A paragraph being gathered.
#[derive(Debug, Default)]
struct Paragraph {
    style: Option<String>,
    /// The list and level whose number it carries.
    numbering: Option<(usize, usize)>,
    /// Its left indent, in twentieths of a point.
    indent: Option<u32>,
    /// `center` or `right`.
    align: Option<&'static str>,
    keep: Option<Keep>,
    runs: String,
}

/// A block that holds others.
enum Container {
    Quote,
    List(List),
}

/// An open list.
struct List {
    /// Its numbering instance.
    id: usize,
    kind: Kind,
    /// How deeply it is nested, from 0.
    level: usize,
    /// Whether its current item has had its numbered paragraph.
    numbered: bool,
}

/// What the runs being written are set in.
#[derive(Debug, Default)]
struct Format {
    strong: usize,
    emphasis: usize,
    strike: usize,
    link: usize,
}

/// An open table.
struct Table {
    alignments: Vec<pulldown_cmark::Alignment>,
    /// Each column's width, in twentieths of a point.
    widths: Vec<u32>,
    /// The cell being written, counting from 0.
    column: usize,
    /// Whether the row being written is the heading row.
    head: bool,
}

struct Writer<'a, 'p> {
    part: &'a Part<'a>,
    package: &'p mut Package,
    /// The blocks written.
    out: String,
    paragraph: Option<Paragraph>,
    containers: Vec<Container>,
    table: Option<Table>,
    format: Format,
    /// Whether each open link was written as a hyperlink.
    links: Vec<bool>,
    /// Inside a code block or a block of HTML, whose text is gathered to
    /// write line by line.
    code: Option<String>,
    html: Option<String>,
    /// Inside an image, whose text is gathered as its description.
    image: Option<(String, String)>,
    /// A bookmark still to place, at the start of the first paragraph.
    bookmark: Option<String>,
    /// The labels of the bullet list about to start and the shares of the
    /// table about to start, read ahead.
    next_labels: Option<markup::Labels>,
    next_shares: Option<Vec<usize>>,
    /// How the top-level block being written is kept with another.
    keep: Option<Keep>,
    /// At the start of a top-level paragraph, where a number may stand.
    paragraph_start: bool,
    /// An item of a labelled list has begun and its label is still to skip.
    skip_label: bool,
    /// The last block written was a table: Word needs a paragraph between
    /// it and another table, and after it at the end.
    after_table: bool,
}

impl<'a, 'p> Writer<'a, 'p> {
    fn new(part: &'a Part<'a>, package: &'p mut Package) -> Self {
        Self {
            part,
            package,
            out: String::new(),
            paragraph: None,
            containers: Vec::new(),
            table: None,
            format: Format::default(),
            links: Vec::new(),
            code: None,
            html: None,
            image: None,
            bookmark: None,
            next_labels: None,
            next_shares: None,
            keep: None,
            paragraph_start: false,
            skip_label: false,
            after_table: false,
        }
    }

    fn event(&mut self, event: &Event) {
        if self.gathered(event) {
            return;
        }
        let at_start = std::mem::take(&mut self.paragraph_start);
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(*tag),
            Event::Text(text) if at_start => self.opening_text(text),
            Event::Text(text) if std::mem::take(&mut self.skip_label) => {
                self.text(markup::without_label(text))
            }
            Event::Text(text) => self.text(text),
            Event::Code(code) => self.run(code, true),
            Event::Html(html) | Event::InlineHtml(html) => self.text(html),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.paragraph().runs.push_str("<w:r><w:br/></w:r>"),
            Event::Rule => self.rule(),
            Event::FootnoteReference(label) => self.text(label),
            Event::TaskListMarker(done) => self.text(if *done { "☒ " } else { "☐ " }),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text(math),
        }
    }

    /// Gathers the text of a code block, a block of HTML or an image's
    /// description: whether `event` was taken.
    fn gathered(&mut self, event: &Event) -> bool {
        if let Some(code) = &mut self.code {
            match event {
                Event::Text(text) => code.push_str(text),
                Event::End(TagEnd::CodeBlock) => return false,
                _ => {}
            }
            return true;
        }
        if let Some(html) = &mut self.html {
            match event {
                Event::Html(text) | Event::Text(text) => html.push_str(text),
                Event::End(TagEnd::HtmlBlock) => return false,
                _ => {}
            }
            return true;
        }
        if let Some((_, alt)) = &mut self.image {
            match event {
                Event::Text(text) | Event::Code(text) => alt.push_str(text),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                Event::End(TagEnd::Image) => return false,
                _ => {}
            }
            return true;
        }
        false
    }

    fn start(&mut self, tag: &Tag) {
        match tag {
            Tag::Paragraph => {
                self.close_paragraph();
                self.paragraph_start = self.containers.is_empty() && self.table.is_none();
                self.paragraph();
            }
            Tag::Heading { level, .. } => {
                self.close_paragraph();
                let style = format!("Heading{}", *level as usize);
                self.paragraph = Some(Paragraph { style: Some(style), ..Paragraph::default() });
            }
            Tag::BlockQuote(_) => {
                self.number_item_if_due();
                self.containers.push(Container::Quote);
            }
            Tag::CodeBlock(_) => {
                self.number_item_if_due();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.number_item_if_due();
                self.html = Some(String::new());
            }
            Tag::List(start) => self.start_list(*start),
            Tag::Item => {
                self.close_paragraph();
                if let Some(Container::List(list)) = self.containers.last_mut() {
                    list.numbered = false;
                    self.skip_label = matches!(list.kind, Kind::Labelled(_));
                }
            }
            Tag::Emphasis => self.format.emphasis += 1,
            Tag::Strong => self.format.strong += 1,
            Tag::Strikethrough => self.format.strike += 1,
            Tag::Link { dest_url, .. } => self.start_link(dest_url),
            Tag::Image { dest_url, .. } => self.image = Some((dest_url.to_string(), String::new())),
            Tag::Table(alignments) => self.start_table(alignments),
            Tag::TableHead => self.start_row(true),
            Tag::TableRow => self.start_row(false),
            Tag::TableCell => self.start_cell(),
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_)
            | Tag::Superscript
            | Tag::Subscript => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.close_paragraph(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) => {
                self.close_paragraph();
                self.containers.pop();
            }
            TagEnd::Item => self.number_item_if_due(),
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                self.lines(&code, "SourceCode", true);
            }
            TagEnd::HtmlBlock => {
                let html = self.html.take().unwrap_or_default();
                self.lines(&html, "", false);
            }
            TagEnd::Emphasis => self.format.emphasis = self.format.emphasis.saturating_sub(1),
            TagEnd::Strong => self.format.strong = self.format.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.format.strike = self.format.strike.saturating_sub(1),
            TagEnd::Link => {
                if self.links.pop() == Some(true) {
                    self.paragraph().runs.push_str("</w:hyperlink>");
                }
                self.format.link = self.format.link.saturating_sub(1);
            }
            TagEnd::Image => {
                if let Some((name, alt)) = self.image.take() {
                    self.picture(&name, &alt);
                }
            }
            TagEnd::Table => self.end_table(),
            TagEnd::TableHead | TagEnd::TableRow => self.end_row(),
            TagEnd::TableCell => self.end_cell(),
            _ => {}
        }
    }

    /// A list of the kind its start and labels make it, nested one level
    /// deeper than the list it stands in.
    fn start_list(&mut self, start: Option<u64>) {
        self.number_item_if_due();
        let labels = self.next_labels.take();
        let kind = match (start, labels) {
            (Some(_), _) => Kind::Ordered,
            (None, Some(labels)) => Kind::Labelled(labels),
            (None, None) => Kind::Bullet,
        };
        let level =
            self.containers.iter().filter(|container| matches!(container, Container::List(_))).count();
        let id = self.package.numbering.list(kind.clone(), level, start.unwrap_or(1));
        let level = level.min(numbering::DEEPEST);
        self.containers.push(Container::List(List { id, kind, level, numbered: true }));
    }

    /// A code block's or HTML block's lines, each a paragraph in `style`,
    /// in the code font when they are `code`.
    fn lines(&mut self, text: &str, style: &str, code: bool) {
        self.close_paragraph();
        let text = text.strip_suffix('\n').unwrap_or(text);
        for line in text.split('\n') {
            let mut paragraph = self.context();
            if !style.is_empty() {
                paragraph.style = Some(style.to_owned());
            }
            paragraph.numbering = None;
            self.paragraph = Some(paragraph);
            self.run(line, code);
            self.close_paragraph();
        }
    }

    /// A rule across the text: an empty paragraph with a border below.
    fn rule(&mut self) {
        self.number_item_if_due();
        self.out.push_str(
            "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/></w:pBdr></w:pPr></w:p>",
        );
    }

    /// The paragraph being gathered, begun in the style of the block it
    /// stands in when there is none.
    fn paragraph(&mut self) -> &mut Paragraph {
        if self.paragraph.is_none() {
            self.paragraph = Some(self.context());
        }
        self.paragraph.get_or_insert_with(Paragraph::default)
    }

    /// A new paragraph in the style of the block it stands in: a table
    /// cell's alignment, a list item's number (or, after the first, its
    /// indent), a quote's style.
    fn context(&mut self) -> Paragraph {
        let mut paragraph = Paragraph { keep: self.keep, ..Paragraph::default() };
        if let Some(table) = &self.table {
            paragraph.align = tables::alignment(table);
            return paragraph;
        }
        let quotes = self.containers.iter().filter(|container| matches!(container, Container::Quote)).count();
        match self.containers.last_mut() {
            Some(Container::List(list)) => {
                paragraph.style = Some("ListParagraph".to_owned());
                if list.numbered {
                    paragraph.indent = Some(numbering::indent(&list.kind, list.level).0);
                } else {
                    list.numbered = true;
                    paragraph.numbering = Some((list.id, list.level));
                }
            }
            Some(Container::Quote) => {
                paragraph.style = Some("Quote".to_owned());
                // A quote within a quote stands further in, up to the
                // depth lists go to.
                let depth = quotes.min(numbering::DEEPEST + 1) as u32;
                paragraph.indent = (depth > 1).then(|| 284 + 567 * (depth - 1));
            }
            None => {}
        }
        paragraph
    }

    /// Before a block within a list item that has shown no words yet: an
    /// empty paragraph to carry the item's number, so that no item goes
    /// unmarked.
    fn number_item_if_due(&mut self) {
        self.close_paragraph();
        if let Some(Container::List(List { numbered: false, .. })) = self.containers.last() {
            self.paragraph();
            self.close_paragraph();
        }
    }

    /// Writes the paragraph gathered, if any.
    fn close_paragraph(&mut self) {
        let Some(paragraph) = self.paragraph.take() else { return };
        let mut properties = String::new();
        if let Some(style) = &paragraph.style {
            properties.push_str(&format!("<w:pStyle w:val=\"{style}\"/>"));
        }
        match paragraph.keep {
            Some(Keep::WithNext) => properties.push_str("<w:keepNext/>"),
            Some(Keep::Together) => properties.push_str("<w:keepLines/>"),
            None => {}
        }
        if let Some((id, level)) = paragraph.numbering {
            properties.push_str(&format!(
                "<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{id}\"/></w:numPr>"
            ));
        }
        if let Some(indent) = paragraph.indent {
            properties.push_str(&format!("<w:ind w:left=\"{indent}\"/>"));
        }
        if let Some(align) = paragraph.align {
            properties.push_str(&format!("<w:jc w:val=\"{align}\"/>"));
        }
        self.out.push_str("<w:p>");
        if !properties.is_empty() {
            self.out.push_str(&format!("<w:pPr>{properties}</w:pPr>"));
        }
        self.out.push_str(&self.bookmark.take().unwrap_or_default());
        self.out.push_str(&paragraph.runs);
        self.out.push_str("</w:p>");
        self.after_table = false;
    }

    /// The body written: a paragraph last, where the document ends with a
    /// table or has held no paragraph for its bookmark.
    fn finish(mut self) -> String {
        self.close_paragraph();
        if self.after_table || self.bookmark.is_some() {
            self.paragraph = Some(Paragraph::default());
            self.close_paragraph();
        }
        self.out
    }
}
