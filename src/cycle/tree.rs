//! The shape of a YAML file with where each part of it is written: the
//! bytes of every mapping, list and value, as the YAML parser reads them.
//! The next cycle's edits are made at these places, so that a comment
//! (at any column, however it looks) is never mistaken for data and
//! everything around an edit is kept as the officer wrote it.

use std::ops::Range;

use granit_parser::{Event, Options, Parser, ScalarStyle, Span, StrInput, StructureStyle};

/// A value of the file and where it is written.
#[derive(Debug)]
pub struct Node {
    /// Its bytes in the text. The end is right after its last character,
    /// or at the start of the line after it when it ends its last line
    /// (a block scalar, whose trailing blank lines may be its own).
    pub span: Range<usize>,
    /// What it is.
    pub kind: Kind,
}

/// What a [`Node`] is.
#[derive(Debug)]
pub enum Kind {
    /// Keys with their values; `flow` when written in `{ }`.
    Map { flow: bool, entries: Vec<(Node, Node)> },
    /// A list; `flow` when written in `[ ]`.
    List { flow: bool, items: Vec<Node> },
    /// A single value, as it reads (quotes and escapes undone); `~` for
    /// one left empty.
    Scalar(String),
    /// A reference to a value written elsewhere, `*name`.
    Alias,
}

/// Why a text could not be read as a tree: what and at which byte.
#[derive(Debug)]
pub struct Unreadable {
    /// Where, in bytes from the start of the text.
    pub at: usize,
    /// What is wrong.
    pub message: String,
}

/// How deep values may nest: far deeper than any input's schema allows.
const DEEPEST: usize = 64;

impl Node {
    /// The value of `key` in this mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, value)| value)
    }

    /// The key and value of `key` in this mapping: the first, when it is
    /// written twice.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.kind {
            Kind::Map { entries, .. } => entries
                .iter()
                .find(|(name, _)| matches!(&name.kind, Kind::Scalar(text) if text == key))
                .map(|(key, value)| (key, value)),
            _ => None,
        }
    }

    /// The items of this list; none for anything else.
    pub fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::List { items, .. } => items,
            _ => &[],
        }
    }

    /// Whether this is a list or mapping written in brackets.
    pub fn is_flow(&self) -> bool {
        matches!(self.kind, Kind::Map { flow: true, .. } | Kind::List { flow: true, .. })
    }

    /// Whether this is a value left empty (`key:` and nothing, or `~`).
    pub fn is_empty_value(&self) -> bool {
        self.span.is_empty() || matches!(&self.kind, Kind::Scalar(text) if text == "~" || text == "null")
    }

    /// Whether this is a list or mapping written `[]` or `{}`.
    pub fn is_empty_flow(&self) -> bool {
        match &self.kind {
            Kind::Map { flow: true, entries } => entries.is_empty(),
            Kind::List { flow: true, items } => items.is_empty(),
            _ => false,
        }
    }
}

/// The tree of the first document of `text`.
pub fn parse(text: &str) -> Result<Node, Unreadable> {
    let mut options = Options::default();
    options.set_emit_comments(false);
    let mut reader = Reader { text, events: Parser::new_from_str_with_options(text, options) };
    match reader.read(0)? {
        Read::Node(node) => Ok(node),
        Read::End(_) => Ok(Node { span: 0..0, kind: Kind::Scalar("~".to_owned()) }),
    }
}

/// Reads nodes from the parser's events.
struct Reader<'t> {
    text: &'t str,
    events: Parser<'t, StrInput<'t>>,
}

/// What reading at a place found.
enum Read {
    Node(Node),
    /// The end of the mapping or list being read, at this byte.
    End(usize),
}

impl<'t> Reader<'t> {
    /// The next event that is part of the data: not the stream's or the
    /// document's start, an anchor's name or a comment.
    fn next(&mut self) -> Result<Option<(Event<'t>, Span)>, Unreadable> {
        loop {
            let Some(next) = self.events.next() else { return Ok(None) };
            let (event, span) = next.map_err(|error| Unreadable {
                at: offset_of(self.text, error.marker().line(), error.marker().col()),
                message: error.info(),
            })?;
            if matches!(
                event,
                Event::Scalar(..)
                    | Event::Alias(..)
                    | Event::UnresolvedAlias(..)
                    | Event::SequenceStart(..)
                    | Event::MappingStart(..)
                    | Event::SequenceEnd
                    | Event::MappingEnd
                    | Event::DocumentEnd
                    | Event::StreamEnd
            ) {
                return Ok(Some((event, span)));
            }
        }
    }

    /// The next node at `depth`, or the end of its mapping or list.
    fn read(&mut self, depth: usize) -> Result<Read, Unreadable> {
        let Some((event, span)) = self.next()? else { return Ok(Read::End(self.text.len())) };
        let start = start_of(&span);
        if depth > DEEPEST {
            return Err(Unreadable { at: start, message: format!("values nested more than {DEEPEST} deep") });
        }
        let node = match event {
            Event::Scalar(text, style, ..) => {
                let end = self.scalar_end(start, end_of(&span));
                let start = match style {
                    ScalarStyle::Literal | ScalarStyle::Folded => self.indicator(start),
                    _ => start,
                };
                Node { span: start..end, kind: Kind::Scalar(text.into_owned()) }
            }
            Event::Alias(..) | Event::UnresolvedAlias(..) => {
                Node { span: start..end_of(&span), kind: Kind::Alias }
            }
            Event::SequenceStart(style, ..) => self.list(start, is_flow(style), depth)?,
            Event::MappingStart(style, ..) => self.map(start, is_flow(style), depth)?,
            _ => return Ok(Read::End(end_of(&span))),
        };
        Ok(Read::Node(node))
    }

    fn list(&mut self, start: usize, flow: bool, depth: usize) -> Result<Node, Unreadable> {
        let mut items = Vec::new();
        let close = loop {
            match self.read(depth + 1)? {
                Read::Node(item) => items.push(item),
                Read::End(at) => break at,
            }
        };
        let end = if flow { close } else { items.last().map_or(start, |item| item.span.end) };
        Ok(Node { span: start..end, kind: Kind::List { flow, items } })
    }

    fn map(&mut self, start: usize, flow: bool, depth: usize) -> Result<Node, Unreadable> {
        let mut entries = Vec::new();
        let close = loop {
            let key = match self.read(depth + 1)? {
                Read::Node(key) => key,
                Read::End(at) => break at,
            };
            let Read::Node(value) = self.read(depth + 1)? else {
                return Err(Unreadable { at: key.span.start, message: "a key without a value".to_owned() });
            };
            entries.push((key, value));
        };
        // In block style the parser puts the end at the next token, past
        // any comments after the last value: the last value ends it.
        let last = entries.last().map_or(start, |(key, value)| key.span.end.max(value.span.end));
        let end = if flow { close } else { last };
        Ok(Node { span: start..end, kind: Kind::Map { flow, entries } })
    }

    /// Where a block scalar whose text starts at `start` starts for
    /// editing: at its `|` or `>`, on the line before, which the parser
    /// leaves out of its place.
    fn indicator(&self, start: usize) -> usize {
        let before = self.text[..start].trim_end_matches([' ', '\t', '\r', '\n']);
        let line = before.rfind('\n').map_or(0, |at| at + 1);
        let header = &before[line..];
        let header = header.find(" #").map_or(header, |comment| &header[..comment]);
        header.rfind(['|', '>']).map_or(start, |at| line + at)
    }

    /// Where a scalar spanning `start..end` ends for editing: right after
    /// its last character, or at the start of the line after it when only
    /// the next line's indent follows (a block scalar).
    fn scalar_end(&self, start: usize, end: usize) -> usize {
        let end = end.min(self.text.len());
        let line = self.text[..end].rfind('\n').map_or(0, |at| at + 1);
        if line > start && self.text[line..end].chars().all(|c| c == ' ' || c == '\t') { line } else { end }
    }
}

fn is_flow(style: StructureStyle) -> bool {
    matches!(style, StructureStyle::Flow)
}

fn start_of(span: &Span) -> usize {
    span.start.byte_offset().unwrap_or_default()
}

fn end_of(span: &Span) -> usize {
    span.end.byte_offset().unwrap_or_default()
}

/// The byte at 1-based `line` and 0-based character `column` of `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let rest = &text[line_start.min(text.len())..];
    line_start + rest.char_indices().nth(column).map_or(rest.len(), |(at, _)| at)
}

/// The 1-based line and column of byte `at` of `text`.
pub fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice<'t>(text: &'t str, node: &Node) -> &'t str {
        &text[node.span.clone()]
    }

    #[test]
    fn reads_a_comment_at_the_margin_inside_a_list_as_a_comment() {
        let text = "cabinet_meetings:\n  - date: 2016-06-20\n#  - date: 2016-06-27\n  - date: 2016-07-04\npanels: []\n";
        let tree = parse(text).unwrap();
        let meetings = tree.get("cabinet_meetings").unwrap().items();
        let dates: Vec<&str> = meetings.iter().map(|m| slice(text, m.get("date").unwrap())).collect();
        assert_eq!(dates, ["2016-06-20", "2016-07-04"]);
        assert!(tree.get("panels").unwrap().is_empty_flow());
    }

    #[test]
    fn ends_a_block_at_its_last_value_and_a_block_scalar_at_its_line() {
        let text = "a:\n  - x: 1 # one\n\n  # c\nb: |\n  text\n\n# after\nc: {d: [1, 2]} # e\nf:\n";
        let tree = parse(text).unwrap();
        assert_eq!(slice(text, tree.get("a").unwrap()), "- x: 1");
        assert_eq!(slice(text, tree.get("b").unwrap()), "|\n  text\n\n");
        assert_eq!(slice(text, tree.get("c").unwrap()), "{d: [1, 2]}");
        assert!(tree.get("f").unwrap().is_empty_value());
        let text = "list:\n  - >- # folded\n    words\n  - |\n\n    after a blank line\n";
        let tree = parse(text).unwrap();
        let items: Vec<&str> =
            tree.get("list").unwrap().items().iter().map(|item| slice(text, item)).collect();
        assert_eq!(items, [">- # folded\n    words\n", "|\n\n    after a blank line\n"]);
    }

    #[test]
    fn tells_where_a_text_is_not_yaml() {
        let problem = parse("a: 1\nb: [\n").unwrap_err();
        assert_eq!(line_and_column("a: 1\nb: [\n", problem.at).0, 2);
    }
}
