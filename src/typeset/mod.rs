//! The typeset stage: Markdown to Typst markup.
//!
//! Text from the Markdown is data, never code: every ASCII punctuation
//! character is backslash-escaped, and URLs and code are written as Typst
//! string literals. Structure is written as function calls (`#strong[..]`,
//! `#list(..)`) rather than markup shorthands, so no user text can combine
//! with the output to form markup.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Tag, TagEnd};

use crate::markup::{self, Labels, links, split_paragraph_number};

/// Converts a Markdown document to the body of a Typst document.
pub fn markdown_to_typst(markdown: &str) -> String {
    let events = markup::events(markdown);
    let (opening, closing) = figure_blocks(&events);
    let mut writer = Writer::default();
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::List(None)) => writer.next_list_labels = item_numbering(&events[index..]),
            Event::Start(Tag::Table(_)) => writer.next_table_columns = column_widths(&events[index..]),
            _ => {}
        }
        if let Some(open) = opening.get(&index) {
            writer.out.push_str(open);
        }
        writer.event(event.clone());
        if closing.contains(&index) {
            writer.out.push_str("]\n");
        }
    }
    writer.out
}

/// The blocks to wrap so that a figure (a paragraph holding an image, with
/// its title and caption) is never split across pages nor set at the top
/// of a page away from the text before it: the figure in an unbreakable
/// block, the top-level block before it in a sticky one. Returns what to
/// write before the events that open them, by index, and the indices of
/// the events that close them.
fn figure_blocks(events: &[Event]) -> (HashMap<usize, &'static str>, HashSet<usize>) {
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    blocks.push((index, index));
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if let (0, Some(block)) = (depth, blocks.last_mut()) {
                    block.1 = index;
                }
            }
            _ => {}
        }
    }
    let is_figure = |(start, end): (usize, usize)| {
        matches!(events[start], Event::Start(Tag::Paragraph))
            && events[start..end].iter().any(|event| matches!(event, Event::Start(Tag::Image { .. })))
    };
    let (mut opening, mut closing) = (HashMap::new(), HashSet::new());
    for (position, &block) in blocks.iter().enumerate() {
        if !is_figure(block) {
            continue;
        }
        opening.insert(block.0, "\n#block(breakable: false)[");
        closing.insert(block.1);
        // A heading sticks to what follows it already; a figure before
        // this one is kept whole on its own.
        let before = position.checked_sub(1).map(|before| blocks[before]);
        let is_heading =
            |(start, _): (usize, usize)| matches!(events[start], Event::Start(Tag::Heading { .. }));
        if let Some(before) = before.filter(|&before| !is_figure(before) && !is_heading(before)) {
            opening.insert(before.0, "\n#block(sticky: true)[");
            closing.insert(before.1);
        }
    }
    (opening, closing)
}

/// Escapes text for Typst markup.
pub fn escape_text(text: &str, out: &mut String) {
    // How many characters since the last space.
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        // A word longer than a line has nowhere to break and would run off
        // the page: let it break every so often, invisibly.
        if run > LONGEST_WORD && run % LONGEST_WORD == 1 {
            out.push('\u{200b}');
        }
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
}

/// The longest run of characters without a space that is set unbroken:
/// about a line of body text.
const LONGEST_WORD: usize = 90;

/// A Typst string literal holding `text` exactly.
pub fn string_literal(text: &str) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push('"');
    for c in text.chars() {
        match c {
            '"' => literal.push_str("\\\""),
            '\\' => literal.push_str("\\\\"),
            '\n' => literal.push_str("\\n"),
            '\r' => literal.push_str("\\r"),
            '\t' => literal.push_str("\\t"),
            c => literal.push(c),
        }
    }
    literal.push('"');
    literal
}

#[derive(Default)]
struct Writer {
    out: String,
    /// Whether each open list was written as a Typst list (or, nested too
    /// deep, as plain paragraphs), innermost last.
    lists: Vec<bool>,
    /// Cells written so far in the current table row.
    table: Option<TableState>,
    /// Inside a code block, whose text is gathered into one literal.
    code: Option<(Option<String>, String)>,
    /// Inside an image, whose text is gathered as its alternative text.
    image: Option<(String, String)>,
    /// Whether each open block quote was written as a Typst quote.
    quotes: Vec<bool>,
    /// At the start of a top-level paragraph, where a number may stand.
    paragraph_start: bool,
    /// The current paragraph began with a number and is set apart.
    numbered: bool,
    /// The labels of the bullet list about to start, when every item
    /// begins with one ("a.", "b." or "(i)", "(ii)"): it is written as a
    /// numbered list in that style.
    /// The Typst numbering of the next list, when its items are labelled.
    next_list_labels: Option<String>,
    /// The widths of the table about to start's columns.
    next_table_columns: String,
    /// Whether each open list is a labelled one, innermost last.
    labelled: Vec<bool>,
    /// An item of a labelled list has begun and its label is still to skip.
    skip_label: bool,
}

struct TableState {
    in_head: bool,
}

impl Writer {
    fn event(&mut self, event: Event) {
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(text) => return code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {}
                _ => return,
            }
        }
        if let Some((_, alt)) = &mut self.image {
            match event {
                Event::Text(text) | Event::Code(text) => return alt.push_str(&text),
                Event::End(TagEnd::Image) => {}
                _ => return,
            }
        }
        let at_start = std::mem::take(&mut self.paragraph_start);
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if at_start => self.paragraph_text(&text),
            Event::Text(text) if std::mem::take(&mut self.skip_label) => {
                escape_text(markup::without_label(&text), &mut self.out);
            }
            Event::Text(text) => escape_text(&text, &mut self.out),
            Event::Code(code) => {
                self.out.push_str("#raw(");
                self.out.push_str(&string_literal(&code));
                self.out.push(')');
            }
            Event::Html(html) | Event::InlineHtml(html) => escape_text(&html, &mut self.out),
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.out.push_str("#linebreak()"),
            Event::Rule => self.out.push_str("\n#line(length: 100%)\n"),
            Event::FootnoteReference(label) => escape_text(&label, &mut self.out),
            Event::TaskListMarker(done) => self.out.push_str(if done { "☒ " } else { "☐ " }),
            Event::InlineMath(math) | Event::DisplayMath(math) => escape_text(&math, &mut self.out),
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {
                self.paragraph_start = self.lists.is_empty() && self.quotes.is_empty() && self.table.is_none()
            }
            Tag::Heading { level, .. } => {
                self.out.push_str(&format!("\n#heading(level: {})[", heading_depth(level)));
            }
            Tag::BlockQuote(_) => {
                let real = self.depth() < MAX_NESTING;
                self.quotes.push(real);
                self.out.push_str(if real { "\n#quote(block: true)[" } else { "\n\n" });
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(lang) if !lang.is_empty() => Some(lang.to_string()),
                    _ => None,
                };
                self.code = Some((lang, String::new()));
            }
            Tag::List(start) => {
                let real = self.depth() < MAX_NESTING;
                self.lists.push(real);
                let labels = self.next_list_labels.take();
                self.labelled.push(real && start.is_none() && labels.is_some());
                match (start, labels) {
                    _ if !real => self.out.push_str("\n\n"),
                    (Some(first), _) => self.out.push_str(&format!("\n#enum(start: {first}, ")),
                    (None, Some(numbering)) => {
                        self.out.push_str(&format!("\n#sub-items(numbering: {numbering}, "));
                    }
                    (None, None) => self.out.push_str("\n#list("),
                }
            }
            Tag::Item if self.lists.last() == Some(&false) => self.out.push_str("\n\n"),
            Tag::Item => {
                self.out.push('[');
                // Each item of a labelled list starts with its label.
                self.skip_label = self.labelled.last() == Some(&true);
            }
            Tag::Emphasis => self.out.push_str("#emph["),
            Tag::Strong => self.out.push_str("#strong["),
            Tag::Strikethrough => self.out.push_str("#strike["),
            // A link the link rule refuses is written as its words alone.
            Tag::Link { dest_url, .. } if links::allowed(&dest_url) => {
                self.out.push_str(&format!("#link({})[", string_literal(&dest_url)));
            }
            Tag::Link { .. } => self.out.push_str("#["),
            Tag::Image { dest_url, .. } => self.image = Some((dest_url.to_string(), String::new())),
            Tag::Table(alignments) => {
                let align: Vec<&str> = alignments.iter().map(alignment).collect();
                let columns = std::mem::take(&mut self.next_table_columns);
                let columns = if columns.is_empty() { align.len().to_string() } else { columns };
                self.out.push_str(&format!("\n#table(columns: {columns}, align: ({},), ", align.join(", ")));
                self.table = Some(TableState { in_head: false });
            }
            Tag::TableHead => {
                self.out.push_str("table.header(");
                if let Some(table) = &mut self.table {
                    table.in_head = true;
                }
            }
            Tag::TableRow => {}
            Tag::TableCell => self.out.push('['),
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
                if std::mem::take(&mut self.numbered) {
                    self.out.push_str("])");
                }
                self.out.push_str("\n\n");
            }
            TagEnd::Heading(_) => self.out.push_str("]\n\n"),
            TagEnd::BlockQuote(_) => {
                let real = self.quotes.pop().unwrap_or(true);
                self.out.push_str(if real { "]\n" } else { "\n\n" });
            }
            TagEnd::CodeBlock => {
                if let Some((lang, code)) = self.code.take() {
                    let lang = lang.map(|l| format!(", lang: {}", string_literal(&l))).unwrap_or_default();
                    self.out.push_str(&format!("\n#raw(block: true{lang}, {})\n", string_literal(&code)));
                }
            }
            TagEnd::List(_) => {
                self.labelled.pop();
                let real = self.lists.pop().unwrap_or(true);
                self.out.push_str(if real { ")\n" } else { "\n\n" });
            }
            TagEnd::Item if self.lists.last() == Some(&false) => self.out.push_str("\n\n"),
            TagEnd::Item => self.out.push_str("], "),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => self.out.push(']'),
            TagEnd::Image => {
                if let Some((path, alt)) = self.image.take() {
                    self.out.push_str(&format!(
                        "#image({}, alt: {})",
                        string_literal(&path),
                        string_literal(&alt)
                    ));
                }
            }
            TagEnd::Table => {
                self.table = None;
                self.out.push_str(")\n");
            }
            TagEnd::TableHead => {
                self.out.push_str("), ");
                if let Some(table) = &mut self.table {
                    table.in_head = false;
                }
            }
            TagEnd::TableRow => {}
            TagEnd::TableCell => self.out.push_str("], "),
            _ => {}
        }
    }

    /// Writes a paragraph's first text, setting a leading paragraph number
    /// such as "1.1" or "5.1.2" apart so the theme can hang it.
    fn paragraph_text(&mut self, text: &str) {
        match split_paragraph_number(text) {
            Some((number, rest)) => {
                self.out.push_str(&format!("#numbered-par({}, [", string_literal(number)));
                escape_text(rest, &mut self.out);
                self.numbered = true;
            }
            None => escape_text(text, &mut self.out),
        }
    }
}

/// How deeply lists and quotes nest before deeper ones are written as plain
/// paragraphs: Typst's parser gives up on markup nested much deeper.
const MAX_NESTING: usize = 24;

impl Writer {
    fn depth(&self) -> usize {
        self.lists.len() + self.quotes.len()
    }
}

fn heading_depth(level: HeadingLevel) -> usize {
    level as usize
}

fn alignment(align: &Alignment) -> &'static str {
    match align {
        Alignment::None | Alignment::Left => "left",
        Alignment::Center => "center",
        Alignment::Right => "right",
    }
}

/// The widths of the columns of the table starting at `events[0]`, as
/// Typst writes them: empty when the columns can size themselves.
fn column_widths(events: &[Event]) -> String {
    let Some(shares) = markup::column_shares(events) else { return String::new() };
    let shares: Vec<String> = shares.iter().map(|width| format!("{width}fr")).collect();
    format!("({},)", shares.join(", "))
}

/// The Typst numbering of the bullet list starting at `events[0]`, when
/// its items are labelled.
fn item_numbering(events: &[Event]) -> Option<String> {
    match markup::list_labels(events)? {
        Labels::Style(style) => Some(string_literal(&style.label(1))),
        Labels::Under(parent) => Some(format!("n => {} + str(n)", string_literal(&format!("{parent}.")))),
    }
}

#[cfg(test)]
mod tests;
