//! The typeset stage: Markdown to Typst markup.
//!
//! Text from the Markdown is data, never code: every ASCII punctuation
//! character is backslash-escaped, and URLs and code are written as Typst
//! string literals. Structure is written as function calls (`#strong[..]`,
//! `#list(..)`) rather than markup shorthands, so no user text can combine
//! with the output to form markup.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::input::council::ItemLabels;

/// Converts a Markdown document to the body of a Typst document.
pub fn markdown_to_typst(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // Escapes split text into pieces: join them, so a paragraph's number or
    // an item's label is seen whole.
    let mut events: Vec<Event> = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match (events.last_mut(), event) {
            (Some(Event::Text(text)), Event::Text(more)) => *text = format!("{text}{more}").into(),
            (_, event) => events.push(event),
        }
    }
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
                let rest = text.split_once(' ').map_or("", |(_, rest)| rest);
                escape_text(rest, &mut self.out);
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
            Tag::Link { dest_url, .. } => {
                self.out.push_str(&format!("#link({})[", string_literal(&dest_url)));
            }
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

/// Splits "1.1 There will…" or "3. There are…" into its number and text.
fn split_paragraph_number(text: &str) -> Option<(&str, &str)> {
    let (number, rest) = text.split_once(' ')?;
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = number.split('.').collect();
    let numbered = match parts.as_slice() {
        // "3.": a paragraph numbered on its own.
        [whole, ""] => digits(whole),
        _ => parts.len() >= 2 && parts.iter().all(|part| digits(part)),
    };
    numbered.then_some((number, rest))
}

/// The widths of the columns of the table starting at `events[0]`: as wide
/// as their text when every row fits on a line, else shares of the width.
/// Every column is at least as wide as its longest word; the column with
/// the most text below its heading (descriptions, measures) gets at least
/// [`WIDEST_SHARE`] of the line, or all it needs; the others share what is
/// left in proportion to how much their text can use. Empty when the
/// columns can size themselves.
fn column_widths(events: &[Event]) -> String {
    let longest = longest_texts(events);
    // About the characters of a line of a table's text, and the room a
    // cell's padding takes.
    const LINE: usize = 110;
    const INSET: usize = 3;
    if longest.iter().map(|text| text.cell + INSET).sum::<usize>() <= LINE {
        return String::new();
    }
    let wants: Vec<usize> = longest.iter().map(|text| text.cell.max(text.word) + INSET).collect();
    let least: Vec<usize> = longest.iter().map(|text| text.word + INSET).collect();
    // The column with the most text below its heading: a long heading over
    // short figures is better broken than given the room.
    let widest = (0..wants.len())
        .max_by_key(|&column| (longest[column].body, wants[column], usize::MAX - column))
        .unwrap_or(0);
    let others_least: usize = least.iter().enumerate().filter(|(c, _)| *c != widest).map(|(_, l)| l).sum();
    // Where the other columns' words leave less, the widest still gets a
    // fifth of the line.
    let share = (LINE * WIDEST_SHARE / 100).min(LINE.saturating_sub(others_least)).max(LINE / 5);
    let mut widths = least.clone();
    widths[widest] = wants[widest].min(share).max(least[widest]);
    let spare = LINE.saturating_sub(widths[widest] + others_least);
    let excess: usize =
        (0..wants.len()).filter(|&column| column != widest).map(|column| wants[column] - least[column]).sum();
    for column in (0..wants.len()).filter(|&column| column != widest) {
        let room = wants[column] - least[column];
        widths[column] += if excess <= spare { room } else { spare * room / excess };
    }
    if excess < spare {
        widths[widest] += spare - excess;
    }
    let shares: Vec<String> = widths.iter().map(|width| format!("{width}fr")).collect();
    format!("({},)", shares.join(", "))
}

/// The least share of the line, in percent, that the column with the most
/// text gets when it needs it.
const WIDEST_SHARE: usize = 35;

/// What the cells of a table's column hold, in characters.
#[derive(Debug, Clone, Copy, Default)]
struct ColumnText {
    /// The longest cell, its heading among them.
    cell: usize,
    /// The longest cell below the heading.
    body: usize,
    /// The longest word, a word of the heading counted a sixth wider for
    /// its bold type.
    word: usize,
}

/// What each column of the table starting at `events[0]` holds.
fn longest_texts(events: &[Event]) -> Vec<ColumnText> {
    let mut longest: Vec<ColumnText> = Vec::new();
    let (mut column, mut cell, mut word, mut in_head) = (0, 0, 0, false);
    for event in events {
        match event {
            Event::Start(Tag::TableHead) => (column, in_head) = (0, true),
            Event::Start(Tag::TableRow) => (column, in_head) = (0, false),
            Event::Start(Tag::TableCell) => (cell, word) = (0, 0),
            Event::Text(text) | Event::Code(text) => {
                cell += text.chars().count();
                // A no-break space holds a figure and its unit together as
                // one word: "per 10,000", "£2.5 million".
                let words = text.split(|c: char| c.is_whitespace() && c != '\u{a0}');
                let widest = words.map(|w| w.chars().count()).max().unwrap_or(0);
                word = word.max(if in_head { widest + widest.div_ceil(6) } else { widest });
            }
            Event::End(TagEnd::TableCell) => {
                if longest.len() <= column {
                    longest.resize(column + 1, ColumnText::default());
                }
                let text = &mut longest[column];
                text.cell = text.cell.max(cell);
                text.word = text.word.max(word);
                if !in_head {
                    text.body = text.body.max(cell);
                }
                column += 1;
            }
            Event::End(TagEnd::Table) => break,
            _ => {}
        }
    }
    longest
}

/// The Typst numbering of the bullet list starting at `events[0]`, when
/// every item begins with the next label of one style: "a.", "(a)", "(i)",
/// "1." or, for two items or more, "2.1".
fn item_numbering(events: &[Event]) -> Option<String> {
    let firsts = first_words(events);
    let styles = [ItemLabels::Letters, ItemLabels::Roman, ItemLabels::BracketedLetters, ItemLabels::Numbers];
    let labelled = |label: &dyn Fn(usize) -> String| {
        !firsts.is_empty()
            && firsts.iter().enumerate().all(|(index, first)| *first == Some(label(index + 1).as_str()))
    };
    if let Some(style) = styles.into_iter().find(|style| labelled(&|n| style.label(n))) {
        return Some(string_literal(&style.label(1)));
    }
    // "2.1", "2.2": the paragraph's number, then the item's.
    let parent = firsts.first().copied().flatten()?.strip_suffix(".1")?;
    let decimal = |n| ItemLabels::Decimal.label_under(parent, n);
    (firsts.len() >= 2 && labelled(&decimal))
        .then(|| format!("n => {} + str(n)", string_literal(&format!("{parent}."))))
}

/// The first word of each item of the list starting at `events[0]`, when
/// the item starts with text.
fn first_words<'a>(events: &'a [Event]) -> Vec<Option<&'a str>> {
    let mut depth = 0;
    let mut firsts: Vec<Option<&str>> = Vec::new();
    let mut awaiting = false;
    for event in events {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Start(Tag::Item) if depth == 1 => {
                firsts.push(None);
                awaiting = true;
            }
            Event::Text(text) if awaiting => {
                if let Some(first) = firsts.last_mut() {
                    *first = text.split_once(' ').map(|(label, _)| label);
                }
                awaiting = false;
            }
            Event::Start(Tag::Paragraph) => {}
            _ => awaiting = false,
        }
    }
    firsts
}

#[cfg(test)]
mod tests;
