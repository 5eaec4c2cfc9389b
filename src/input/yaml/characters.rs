//! Characters no document can hold: control characters (but line breaks
//! and tabs) and the code points Unicode keeps out of text for good, such
//! as U+FFFE. They come in with text pasted from other programs, or typed
//! as escapes (`"\x07"`, `"\uFFFE"`) in double quotes; each is refused at
//! its line as the file is read, before the typesetter or a reader meets
//! it.

use granit_parser::{Event, Parser};

use crate::terminal::is_noncharacter;

/// A character no document can hold, and where it is: line and column,
/// 1-based.
pub(super) struct Unprintable {
    pub character: char,
    pub line: usize,
    pub column: usize,
}

/// The first character of `text` that no document can hold, as written
/// or as a double-quoted escape spells it.
pub(super) fn first(text: &str) -> Option<Unprintable> {
    if let Some(found) = written(text) {
        return Some(found);
    }
    // Only a backslash can spell one in an escape.
    if text.contains('\\') { escaped(text) } else { None }
}

/// Whether no document can hold `c`. A carriage return is a line break
/// in the file, but never inside a value.
fn refused(c: char, in_value: bool) -> bool {
    let control = c.is_control() && c != '\n' && c != '\t' && (in_value || c != '\r');
    control || is_noncharacter(c)
}

/// The first such character typed as it is.
fn written(text: &str) -> Option<Unprintable> {
    let (at, character) = text.char_indices().find(|(_, c)| refused(*c, false))?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before[line_start..].chars().count() + 1;
    Some(Unprintable { character, line, column })
}

/// The first value that holds such a character spelt as an escape, at the
/// start of the value.
fn escaped(text: &str) -> Option<Unprintable> {
    Parser::new_from_str(text).map_while(Result::ok).find_map(|(event, span)| match event {
        Event::Scalar(value, ..) => value.chars().find(|c| refused(*c, true)).map(|character| Unprintable {
            character,
            line: span.start.line(),
            column: span.start.col() + 1,
        }),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_control_character_typed_in_a_title() {
        let found = first("kind: appendix\ntitle: Ward \u{7}map\n").unwrap();
        assert_eq!((found.character, found.line, found.column), ('\u{7}', 2, 13));
    }

    #[test]
    fn finds_a_noncharacter_and_one_spelt_as_an_escape() {
        let found = first("a: 1\nb: \"x\u{fffe}\"\n").unwrap();
        assert_eq!((found.character, found.line, found.column), ('\u{fffe}', 2, 6));
        let found = first("a: 1\ntitle: \"Ward \\x1b[31m map\"\n").unwrap();
        assert_eq!((found.character, found.line, found.column), ('\u{1b}', 2, 8));
        let found = first("title: \"a\\uFFFF\"\n").unwrap();
        assert_eq!(found.character, '\u{ffff}');
    }

    #[test]
    fn lets_line_breaks_tabs_and_ordinary_escapes_through() {
        assert!(first("a: 1\r\nb: \"tab\\there \\\"quoted\\\" \\u00e9\"\r\n").is_none());
        assert!(first("body: |\n  Line one\n  \tindented\n").is_none());
    }
}
