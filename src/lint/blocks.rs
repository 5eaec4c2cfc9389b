//! Markdown read as a reader sees it: blocks of visible text, with code,
//! URLs, link destinations and HTML hidden, and their words and runs.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{Lint, Rule};

/// Punctuation that may close a sentence or a URL after its last word.
pub(super) const CLOSING: [char; 6] = [')', ']', '"', '\'', '”', '’'];
/// Punctuation that may open a sentence or a URL before its first word.
pub(super) const OPENING: [char; 5] = ['(', '[', '"', '“', '‘'];

/// Stands in the visible text for what is not prose, such as code or a URL,
/// so that no word or sentence runs across it.
pub(super) const HIDDEN: &str = "\u{fffc}";

/// One block of visible text: a paragraph, list item, heading or table cell.
pub(super) struct Block {
    pub(super) kind: BlockKind,
    pub(super) text: String,
    /// Where each piece of `text` comes from, in order.
    pub(super) chunks: Vec<Chunk>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockKind {
    /// Paragraphs and list items, read as sentences.
    Prose,
    Heading,
    TableCell,
    /// Code and HTML blocks, never linted.
    Hidden,
}

pub(super) struct Chunk {
    /// Its start in the block's text.
    pub(super) at: usize,
    /// Its bytes in the source.
    pub(super) source: Range<usize>,
    /// Whether its text is its source byte for byte, not an entity, an
    /// escape or a stand-in.
    pub(super) exact: bool,
}

impl Block {
    pub(super) fn new(kind: BlockKind) -> Self {
        Self { kind, text: String::new(), chunks: Vec::new() }
    }

    pub(super) fn push(&mut self, text: &str, source: Range<usize>, exact: bool) {
        self.chunks.push(Chunk { at: self.text.len(), source, exact });
        self.text.push_str(text);
    }

    /// The bytes of the source that a range of the text shows.
    pub(super) fn source_range(&self, visible: Range<usize>) -> Range<usize> {
        self.source_at(visible.start, false)..self.source_at(visible.end, true)
    }

    pub(super) fn source_at(&self, at: usize, is_end: bool) -> usize {
        let after = self.chunks.partition_point(|chunk| chunk.at < at || (!is_end && chunk.at == at));
        let chunk = &self.chunks[after.saturating_sub(1)];
        match (chunk.exact, is_end) {
            (true, _) => chunk.source.start + at.saturating_sub(chunk.at),
            (false, false) => chunk.source.start,
            (false, true) => chunk.source.end,
        }
    }

    pub(super) fn lint(&self, rule: Rule, visible: Range<usize>, message: String, hint: String) -> Lint {
        Lint { rule, range: self.source_range(visible), message, hint: Some(hint) }
    }
}

/// The blocks of visible text of a Markdown document.
pub(super) fn blocks(source: &str) -> Vec<Block> {
    let mut reader = Reader { source, stack: Vec::new(), blocks: Vec::new(), current: None, autolink: false };
    for (event, range) in Parser::new_ext(source, Options::ENABLE_TABLES).into_offset_iter() {
        reader.event(event, range);
    }
    reader.flush();
    reader.blocks
}

pub(super) struct Reader<'a> {
    pub(super) source: &'a str,
    /// The kinds of the open blocks, innermost last.
    pub(super) stack: Vec<BlockKind>,
    pub(super) blocks: Vec<Block>,
    pub(super) current: Option<Block>,
    /// Inside `<https://…>`, whose text is a URL.
    pub(super) autolink: bool,
}

impl Reader<'_> {
    pub(super) fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }) => {
                self.autolink = true
            }
            Event::End(TagEnd::Link) => self.autolink = false,
            Event::Start(tag) if !is_inline(&tag.to_end()) => {
                self.flush();
                self.stack.push(block_kind(&tag, self.kind()));
            }
            Event::End(tag) if !is_inline(&tag) => {
                self.flush();
                self.stack.pop();
            }
            Event::Start(_) | Event::End(_) | Event::TaskListMarker(_) | Event::Rule => {}
            Event::Text(_) if self.autolink => self.hide(range),
            Event::Text(text) => self.text(&text, range),
            Event::SoftBreak | Event::HardBreak => self.block().push(" ", range, false),
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => self.hide(range),
        }
    }

    pub(super) fn kind(&self) -> BlockKind {
        self.stack.last().copied().unwrap_or(BlockKind::Prose)
    }

    pub(super) fn block(&mut self) -> &mut Block {
        let kind = self.kind();
        self.current.get_or_insert_with(|| Block::new(kind))
    }

    pub(super) fn flush(&mut self) {
        match self.current.take() {
            Some(block) if block.kind != BlockKind::Hidden && !block.text.trim().is_empty() => {
                self.blocks.push(block)
            }
            _ => {}
        }
    }

    pub(super) fn hide(&mut self, range: Range<usize>) {
        self.block().push(HIDDEN, range, false);
    }

    /// Adds text, hiding the URLs written in it.
    pub(super) fn text(&mut self, text: &str, range: Range<usize>) {
        if self.source.get(range.clone()) != Some(text) {
            return self.block().push(text, range, false);
        }
        let mut done = 0;
        for url in urls(text) {
            self.block().push(&text[done..url.start], range.start + done..range.start + url.start, true);
            self.hide(range.start + url.start..range.start + url.end);
            done = url.end;
        }
        self.block().push(&text[done..], range.start + done..range.end, true);
    }
}

pub(super) fn is_inline(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

pub(super) fn block_kind(tag: &Tag, parent: BlockKind) -> BlockKind {
    match tag {
        _ if parent == BlockKind::Hidden => BlockKind::Hidden,
        Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => BlockKind::Hidden,
        Tag::Heading { .. } => BlockKind::Heading,
        Tag::TableCell => BlockKind::TableCell,
        Tag::Paragraph | Tag::Item => BlockKind::Prose,
        _ => parent,
    }
}

/// The URLs written as plain words in a text, without the punctuation that
/// follows them.
pub(super) fn urls(text: &str) -> Vec<Range<usize>> {
    let prefixes = ["http://", "https://", "www.", "mailto:"];
    runs(text, |c| !c.is_whitespace())
        .into_iter()
        .filter_map(|(at, token)| {
            let trimmed = token.trim_start_matches(OPENING).trim_start_matches('<');
            let start = at + token.len() - trimmed.len();
            let url = trimmed.trim_end_matches(|c| CLOSING.contains(&c) || ".,;:!?>".contains(c));
            let lower = url.to_ascii_lowercase();
            prefixes.iter().any(|prefix| lower.starts_with(prefix)).then(|| start..start + url.len())
        })
        .collect()
}

/// The maximal runs of characters that satisfy `keep`, with their starts.
pub(super) fn runs(text: &str, keep: impl Fn(char) -> bool) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (start, keep(c) && at < text.len()) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                runs.push((from, &text[from..at]));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// The words of a text: its runs of letters and digits.
pub(super) fn words(text: &str) -> Vec<(usize, &str)> {
    runs(text, char::is_alphanumeric)
}

/// Whether only whitespace, and some, stands between two places of a text.
pub(super) fn spaced(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to).is_some_and(|gap| !gap.is_empty() && gap.chars().all(char::is_whitespace))
}
