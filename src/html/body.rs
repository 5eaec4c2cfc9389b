//! A document's Markdown as the body of an HTML page: the same blocks the
//! Typst writer sets, numbered alike, with the structure assistive
//! technology reads (headings that never skip a level, tables with a
//! caption and header cells, charts as SVG with a title and description).

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Tag, TagEnd};

use super::escape::escape;
use crate::markup::{self, Labels, links, split_paragraph_number};
use crate::text::Part;

/// What a body is written with.
pub struct Writing<'a> {
    /// The document.
    pub part: &'a Part<'a>,
    /// Levels every heading is moved down by: 1 when the page's own `h1`
    /// stands above the document's headings.
    pub shift: usize,
    /// Put before every `id` of the body, so that a pack's documents do not
    /// share one.
    pub prefix: &'a str,
}

/// A body written: its HTML and the headings in it.
pub struct Body {
    pub html: String,
    pub headings: Vec<Heading>,
}

/// A heading of a body, for a contents list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// Its level on the page, 1 to 6.
    pub level: usize,
    /// Its `id`.
    pub id: String,
    /// Its text.
    pub text: String,
}

/// The number of `#` headings in `markdown`.
pub fn top_headings(markdown: &str) -> usize {
    markup::events(markdown)
        .iter()
        .filter(|event| matches!(event, Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })))
        .count()
}

/// Writes the body of `writing`'s document.
pub fn write(writing: &Writing) -> Body {
    let events = markup::events(writing.part.markdown);
    let mut writer = Writer::new(writing);
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::List(None)) => writer.next_labels = markup::list_labels(&events[index..]),
            Event::Start(Tag::Table(_)) => writer.next_caption = caption(&writer.headings),
            Event::Start(Tag::Paragraph) => writer.figure = holds_image(&events[index..]),
            _ => {}
        }
        writer.event(event);
    }
    Body { html: writer.out, headings: writer.headings }
}

/// Whether the paragraph starting at `events[0]` shows an image: it is
/// written as a figure.
fn holds_image(events: &[Event]) -> bool {
    events
        .iter()
        .take_while(|event| !matches!(event, Event::End(TagEnd::Paragraph)))
        .any(|event| matches!(event, Event::Start(Tag::Image { .. })))
}

/// A table's caption: the heading of the section it stands in.
fn caption(headings: &[Heading]) -> String {
    headings.last().map_or_else(|| "Table".to_owned(), |heading| heading.text.clone())
}

struct Writer<'a> {
    writing: &'a Writing<'a>,
    out: String,
    headings: Vec<Heading>,
    /// The heading being written: its level and text so far, and where its
    /// tag starts in `out`.
    heading: Option<(usize, String, usize)>,
    /// The level of the last heading written, which the next may pass by
    /// one at most.
    last_level: usize,
    /// Inside a code block.
    code: bool,
    /// Inside an image: its file name and alternative text so far.
    image: Option<(String, String)>,
    /// At the start of a top-level paragraph, where a number may stand.
    paragraph_start: bool,
    /// The paragraph being written shows an image and is a figure.
    figure: bool,
    /// Figures open, innermost last: whether each paragraph open is one.
    paragraphs: Vec<bool>,
    /// Lists, quotes and tables open, for telling top-level paragraphs.
    depth: usize,
    next_labels: Option<Labels>,
    /// The labels of each open list, innermost last, the items so far and
    /// the tag that closes it.
    lists: Vec<(Option<Labels>, usize, &'static str)>,
    /// An item of a labelled list has begun and its label is still to skip.
    skip_label: bool,
    next_caption: String,
    tables: usize,
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
    /// Whether each open link was written as a link: one the link rule
    /// refuses is written as its words alone.
    links: Vec<bool>,
}

impl<'a> Writer<'a> {
    fn new(writing: &'a Writing<'a>) -> Self {
        Self {
            writing,
            out: String::new(),
            headings: Vec::new(),
            heading: None,
            last_level: writing.shift,
            code: false,
            image: None,
            paragraph_start: false,
            figure: false,
            paragraphs: Vec::new(),
            depth: 0,
            next_labels: None,
            lists: Vec::new(),
            skip_label: false,
            next_caption: String::new(),
            tables: 0,
            alignments: Vec::new(),
            in_head: false,
            cell: 0,
            links: Vec::new(),
        }
    }

    /// Closes a link, when it was written as one.
    fn close_link(&mut self) {
        if self.links.pop() == Some(true) {
            self.out.push_str("</a>");
        }
    }

    fn event(&mut self, event: &Event) {
        if let Some((_, alt)) = &mut self.image {
            match event {
                Event::Text(text) | Event::Code(text) => return alt.push_str(text),
                Event::End(TagEnd::Image) => {}
                _ => return,
            }
        }
        let at_start = std::mem::take(&mut self.paragraph_start);
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(*tag),
            Event::Text(text) if self.code => escape(text, &mut self.out),
            Event::Text(text) if at_start => self.paragraph_text(text),
            Event::Text(text) if std::mem::take(&mut self.skip_label) => {
                self.text(markup::without_label(text));
            }
            Event::Text(text) => self.text(text),
            Event::Code(code) => {
                self.out.push_str("<code>");
                self.text(code);
                self.out.push_str("</code>");
            }
            Event::Html(html) | Event::InlineHtml(html) => self.text(html),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.out.push_str("<br>\n"),
            Event::Rule => self.out.push_str("<hr>\n"),
            Event::FootnoteReference(label) => self.text(label),
            Event::TaskListMarker(done) => self.text(if *done { "☒ " } else { "☐ " }),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text(math),
        }
    }

    /// Writes text, into the heading being written too.
    fn text(&mut self, text: &str) {
        if let Some((_, heading, _)) = &mut self.heading {
            heading.push_str(text);
        }
        escape(text, &mut self.out);
    }

    fn start(&mut self, tag: &Tag) {
        match tag {
            Tag::Paragraph => {
                let figure = std::mem::take(&mut self.figure);
                self.paragraphs.push(figure);
                self.paragraph_start = self.depth == 0 && !figure;
                self.out.push_str(if figure { "<figure>" } else { "<p>" });
            }
            Tag::Heading { level, .. } => self.open_heading(*level),
            Tag::BlockQuote(_) => {
                self.depth += 1;
                self.out.push_str("<blockquote>\n");
            }
            Tag::CodeBlock(kind) => {
                self.code = true;
                let language = match kind {
                    CodeBlockKind::Fenced(language) if !language.is_empty() => language.to_string(),
                    _ => String::new(),
                };
                self.out.push_str("<pre><code");
                if !language.is_empty() {
                    self.out.push_str(" class=\"language-");
                    escape(&language, &mut self.out);
                    self.out.push('"');
                }
                self.out.push('>');
            }
            Tag::List(start) => self.open_list(*start),
            Tag::Item => self.open_item(),
            Tag::Emphasis => self.out.push_str("<em>"),
            Tag::Strong => self.out.push_str("<strong>"),
            Tag::Strikethrough => self.out.push_str("<s>"),
            Tag::Link { dest_url, .. } => {
                let allowed = links::allowed(dest_url);
                if allowed {
                    self.out.push_str("<a href=\"");
                    escape(dest_url, &mut self.out);
                    self.out.push_str("\">");
                }
                self.links.push(allowed);
            }
            Tag::Image { dest_url, .. } => self.image = Some((dest_url.to_string(), String::new())),
            Tag::Table(alignments) => self.open_table(alignments),
            Tag::TableHead => {
                self.in_head = true;
                self.out.push_str("<thead>\n<tr>");
            }
            Tag::TableRow => self.out.push_str("<tr>"),
            Tag::TableCell => self.open_cell(),
            Tag::FootnoteDefinition(_)
            | Tag::HtmlBlock
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
            TagEnd::Paragraph => {
                let figure = self.paragraphs.pop().unwrap_or(false);
                self.out.push_str(if figure { "</figure>\n" } else { "</p>\n" });
            }
            TagEnd::Heading(_) => self.close_heading(),
            TagEnd::BlockQuote(_) => {
                self.depth -= 1;
                self.out.push_str("</blockquote>\n");
            }
            TagEnd::CodeBlock => {
                self.code = false;
                self.out.push_str("</code></pre>\n");
            }
            TagEnd::List(_) => {
                self.depth -= 1;
                let close = self.lists.pop().map_or("</ul>\n", |(_, _, close)| close);
                self.out.push_str(close);
            }
            TagEnd::Item => self.out.push_str("</li>\n"),
            TagEnd::Emphasis => self.out.push_str("</em>"),
            TagEnd::Strong => self.out.push_str("</strong>"),
            TagEnd::Strikethrough => self.out.push_str("</s>"),
            TagEnd::Link => self.close_link(),
            TagEnd::Image => self.image(),
            TagEnd::Table => {
                self.depth -= 1;
                self.out.push_str("</tbody>\n</table>\n</div>\n");
            }
            TagEnd::TableHead => {
                self.in_head = false;
                self.out.push_str("</tr>\n</thead>\n<tbody>\n");
            }
            TagEnd::TableRow => self.out.push_str("</tr>\n"),
            TagEnd::TableCell => {
                self.out.push_str(if self.in_head { "</th>" } else { "</td>" });
                self.cell += 1;
            }
            _ => {}
        }
    }

    /// Opens a heading, never more than one level below the one before it,
    /// so that no level is skipped.
    fn open_heading(&mut self, level: HeadingLevel) {
        let wanted = (level as usize + self.writing.shift).min(6);
        let level = wanted.min(self.last_level + 1).max(1);
        self.heading = Some((level, String::new(), self.out.len()));
        self.out.push_str(&format!("<h{level}>"));
    }

    /// Closes the heading, giving it an `id` made from its text.
    fn close_heading(&mut self) {
        let Some((level, text, at)) = self.heading.take() else { return };
        let id = self.unique_id(&text);
        self.out.insert_str(at + 3, &format!(" id=\"{id}\""));
        self.out.push_str(&format!("</h{level}>\n"));
        self.last_level = level;
        self.headings.push(Heading { level, id, text });
    }

    /// An `id` for a heading: its words, in lower case, joined by hyphens,
    /// numbered when another heading has them already.
    fn unique_id(&self, text: &str) -> String {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect();
        let stem = format!(
            "{}{}",
            self.writing.prefix,
            if words.is_empty() { "section".to_owned() } else { words.join("-") }
        );
        let taken = |id: &str| self.headings.iter().any(|heading| heading.id == id);
        let mut id = stem.clone();
        let mut n = 1;
        while taken(&id) {
            n += 1;
            id = format!("{stem}-{n}");
        }
        id
    }

    /// Writes a paragraph's first text, its leading number set apart so
    /// that the stylesheet can hang it.
    fn paragraph_text(&mut self, text: &str) {
        match split_paragraph_number(text) {
            Some((number, rest)) => {
                self.out.truncate(self.out.len() - "<p>".len());
                self.out.push_str("<p class=\"numbered\"><span class=\"number\">");
                escape(number, &mut self.out);
                self.out.push_str(" </span>");
                self.text(rest);
            }
            None => self.text(text),
        }
    }

    fn open_list(&mut self, start: Option<u64>) {
        self.depth += 1;
        let labels = self.next_labels.take().filter(|_| start.is_none());
        match (start, &labels) {
            (Some(1), _) => self.out.push_str("<ol>\n"),
            (Some(first), _) => self.out.push_str(&format!("<ol start=\"{first}\">\n")),
            (None, Some(_)) => self.out.push_str("<ol class=\"labelled\">\n"),
            (None, None) => self.out.push_str("<ul>\n"),
        }
        let close = if start.is_some() || labels.is_some() { "</ol>\n" } else { "</ul>\n" };
        self.lists.push((labels, 0, close));
    }

    /// Opens an item; in a labelled list, with its label written as the
    /// PDF prints it.
    fn open_item(&mut self) {
        self.out.push_str("<li>");
        let Some((Some(labels), count, _)) = self.lists.last_mut() else { return };
        *count += 1;
        let label = labels.label(*count);
        self.out.push_str("<span class=\"label\">");
        escape(&label, &mut self.out);
        self.out.push_str("</span> ");
        self.skip_label = true;
    }

    fn open_table(&mut self, alignments: &[Alignment]) {
        self.depth += 1;
        self.tables += 1;
        self.alignments = alignments.to_vec();
        let id = format!("{}table-{}", self.writing.prefix, self.tables);
        self.out.push_str(&format!(
            "<div class=\"table\" role=\"region\" aria-labelledby=\"{id}\" tabindex=\"0\">\n<table>\n<caption id=\"{id}\">"
        ));
        escape(&std::mem::take(&mut self.next_caption), &mut self.out);
        self.out.push_str("</caption>\n");
    }

    fn open_cell(&mut self) {
        if self.out.ends_with("<tr>") {
            self.cell = 0;
        }
        let class = match self.alignments.get(self.cell) {
            Some(Alignment::Right) => " class=\"right\"",
            Some(Alignment::Center) => " class=\"centre\"",
            _ => "",
        };
        if self.in_head {
            self.out.push_str(&format!("<th scope=\"col\"{class}>"));
        } else {
            self.out.push_str(&format!("<td{class}>"));
        }
    }

    /// Writes an image: a chart the tool drew as its own SVG, inline, and
    /// any other image inside the page as data.
    fn image(&mut self) {
        let Some((name, alt)) = self.image.take() else { return };
        let part = self.writing.part;
        match part.file(&name) {
            Some(bytes) if part.is_chart(&name) => {
                let svg = String::from_utf8_lossy(bytes);
                self.out.push_str(&super::pictures::inline_chart(&svg, self.writing.prefix));
            }
            Some(bytes) => self.out.push_str(&super::pictures::img(&name, bytes, &alt)),
            None => {
                self.out.push_str("<em>");
                escape(&alt, &mut self.out);
                self.out.push_str("</em>");
            }
        }
    }
}
