//! Editing a YAML file's text in place, at the places its parser reads
//! ([`tree`](super::tree)), so that what an officer wrote around the parts
//! that change (comments at any column, order, layout) is kept: values
//! replaced, list items removed or added, keys added, a marker put above
//! a line, and values written as YAML that reads back as the same text.
//! Every change is gathered first and made in one pass over the text.

use std::ops::Range;

use super::tree::{Kind, Node};

/// The comment that marks what an officer has still to bring up to date
/// for the new cycle. `check` reports each one at its line; deleting the
/// line, once the text below it is updated, clears it.
pub const MARKER: &str = "# exec-report: not yet updated for this cycle";

/// Changes to one text, made together by [`Edits::apply`].
#[derive(Debug, Default)]
pub struct Edits {
    /// Each change: the bytes it replaces (empty for an insertion) and
    /// the new text. Changes at one place are made in the order given.
    changes: Vec<(Range<usize>, String)>,
}

impl Edits {
    /// Puts `new` in at byte `at`.
    pub fn insert(&mut self, at: usize, new: impl Into<String>) {
        self.changes.push((at..at, new.into()));
    }

    /// Puts `new` in place of the bytes `range`.
    pub fn replace(&mut self, range: Range<usize>, new: impl Into<String>) {
        self.changes.push((range, new.into()));
    }

    /// Whether there is nothing to change.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// `text` with every change made, in one pass. Changes never overlap:
    /// each is made at places of the one text read before any change. New
    /// lines end as the text's do, in `\r\n` in a file saved on Windows.
    pub fn apply(mut self, text: &str) -> String {
        // A stable sort keeps the given order of changes at one place.
        self.changes.sort_by_key(|(range, _)| range.start);
        let windows = text.contains("\r\n");
        let grown: usize = self.changes.iter().map(|(_, new)| new.len()).sum();
        let mut out = String::with_capacity(text.len() + grown * (1 + usize::from(windows)));
        let mut done = 0;
        for (range, new) in &self.changes {
            debug_assert!(range.start >= done, "overlapping edits at {range:?}");
            let start = range.start.max(done);
            out.push_str(&text[done..start]);
            match windows {
                true => out.push_str(&new.replace('\n', "\r\n")),
                false => out.push_str(new),
            }
            done = range.end.max(start);
        }
        out.push_str(&text[done..]);
        out
    }
}

/// Where the line holding byte `at` starts.
pub fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |newline| newline + 1)
}

/// Where the line after the one holding byte `at` starts (the text's end
/// for its last line).
pub fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |newline| at + newline + 1)
}

/// Where the line after `node` starts: the node's last line, with any
/// comment after it on that line, is its own.
pub fn after(text: &str, node: &Node) -> usize {
    let end = node.span.end;
    if end == 0 || text.as_bytes()[end - 1] == b'\n' { end } else { line_end(text, end) }
}

/// The spaces that indent the line holding byte `at`.
fn indent_of_line(text: &str, at: usize) -> &str {
    let start = line_start(text, at);
    let line = &text[start..];
    &line[..line.len() - line.trim_start_matches(' ').len()]
}

/// The column (from 0) of byte `at`, in bytes: indentation is spaces.
pub fn column(text: &str, at: usize) -> usize {
    at - line_start(text, at)
}

/// The `-` that opens `item` in a block list, when it stands alone at
/// the start of its line's text.
pub fn dash(text: &str, item: &Node) -> Option<usize> {
    let before = text[..item.span.start].trim_end_matches([' ', '\t', '\r', '\n']);
    let dash = before.strip_suffix('-').map(str::len)?;
    text[line_start(text, dash)..dash].bytes().all(|b| b == b' ').then_some(dash)
}

/// The lines `item` of a block list is written on, from its `-`.
pub fn item_lines(text: &str, item: &Node) -> Range<usize> {
    line_start(text, dash(text, item).unwrap_or(item.span.start))..after(text, item)
}

/// The column of the `-` of a block list's items.
pub fn list_indent(text: &str, list: &Node) -> Option<usize> {
    let first = list.items().first()?;
    Some(match dash(text, first) {
        Some(dash) => column(text, dash),
        None => column(text, first.span.start).saturating_sub(2),
    })
}

/// The column of the keys of a block mapping.
pub fn key_indent(text: &str, map: &Node) -> Option<usize> {
    match &map.kind {
        Kind::Map { entries, .. } => entries.first().map(|(key, _)| column(text, key.span.start)),
        _ => None,
    }
}

/// Where a key's `:` ends, on the key's line.
pub fn colon(text: &str, key: &Node) -> usize {
    let rest = &text[key.span.end..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if rest[spaces..].starts_with(':') { key.span.end + spaces + 1 } else { key.span.end }
}

/// Inserts whole `lines` at byte `at`, a line's start, starting a line of
/// their own when the text ends without a line break.
pub fn insert_lines(edits: &mut Edits, text: &str, at: usize, lines: &str) {
    if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        edits.insert(at, format!("\n{lines}"));
    } else {
        edits.insert(at, lines.to_owned());
    }
}

/// A marker comment above the line holding byte `at`, indented as that
/// line is, saying what is to update.
pub fn mark(edits: &mut Edits, text: &str, at: usize, what: &str) {
    let indent = indent_of_line(text, at);
    edits.insert(line_start(text, at), format!("{indent}{MARKER}: {what}\n"));
}

/// What a value is replaced with.
pub enum Value<'a> {
    /// Written on the key's line: `[]`.
    Inline(&'a str),
    /// Whole lines after the key's line, indented, each ending in a line
    /// break.
    Block(String),
}

/// Replaces the value of `key`, with whatever is written inside it. What
/// the key's line has after the value (a comment) is kept.
pub fn replace_value(edits: &mut Edits, text: &str, key: &Node, value: &Node, new: Value) {
    let colon = colon(text, key);
    let on_next_line = text[colon..value.span.start.max(colon)].contains('\n');
    match (value.span.is_empty(), on_next_line, new) {
        // `key:` and nothing: the parser puts the empty value at the colon.
        (true, _, Value::Inline(new)) => edits.insert(colon, format!(" {new}")),
        (true, _, Value::Block(lines)) => insert_lines(edits, text, line_end(text, colon), &lines),
        (false, true, Value::Inline(new)) => {
            edits.replace(line_end(text, colon)..after(text, value), "");
            edits.insert(colon, format!(" {new}"));
        }
        (false, true, Value::Block(lines)) => edits.replace(line_end(text, colon)..after(text, value), lines),
        (false, false, Value::Inline(new)) => edits.replace(value.span.clone(), new),
        (false, false, Value::Block(lines)) => {
            edits.replace(colon..value.span.end, "");
            insert_lines(edits, text, line_end(text, value.span.end), &lines);
        }
    }
}

/// `text` indented by `indent` spaces, line by line.
pub fn indented(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    text.lines()
        .map(|line| if line.is_empty() { "\n".to_owned() } else { format!("{pad}{line}\n") })
        .collect()
}

/// A string as a YAML scalar that reads back as exactly that text: plain
/// where that is safe, else double-quoted with escapes.
pub fn scalar(text: &str) -> String {
    if is_plain(text) {
        return text.to_owned();
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c if needs_escape(c) && (c as u32) <= 0xffff => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c if needs_escape(c) => quoted.push_str(&format!("\\U{:08x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Whether `c` is written as an escape inside quotes: a character YAML
/// would not take as it is, or that a reader could not see.
fn needs_escape(c: char) -> bool {
    crate::terminal::is_hidden(c) || c == '\u{feff}' || (c.is_whitespace() && c != ' ')
}

/// Whether `text` reads back as itself, a string, written plain.
fn is_plain(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let special_start = "-?:,[]{}#&*!|>'\"%@`.+~".contains(first) || first.is_whitespace();
    let looks_typed = text.parse::<f64>().is_ok()
        || matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
        || text.starts_with(|c: char| c.is_ascii_digit());
    !special_start
        && !looks_typed
        && !text.ends_with(char::is_whitespace)
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(|c| needs_escape(c) || c.is_control())
}

#[cfg(test)]
mod tests;
