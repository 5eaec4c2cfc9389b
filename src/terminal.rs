//! Text bound for the officer's terminal, made safe to print.
//!
//! Much of what the program prints comes from elsewhere: lines of the
//! officer's YAML under a problem, file names, and names, dates and titles
//! read from a committee system's server. A control character among them
//! could move the cursor, rewrite earlier lines, change the window's title
//! or hide a warning, and a bidirectional control could show text in
//! another order than it is. Every line printed passes through [`clean`],
//! which shows such characters as visible escapes (`\u{1b}`) instead.

use std::borrow::Cow;

/// `text` with every character that a terminal would act on, rather than
/// show, written as a visible escape. Line breaks and tabs are kept.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            shown.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// At most `most` characters of `text`, with `…` and the count of what was
/// left out when it is longer: a value from elsewhere is named, not
/// echoed whole.
pub fn clip(text: &str, most: usize) -> Cow<'_, str> {
    let count = text.chars().count();
    if count <= most {
        return Cow::Borrowed(text);
    }
    let kept: String = text.chars().take(most).collect();
    Cow::Owned(format!("{kept}… ({} more characters)", count - most))
}

/// Whether a terminal acts on `c` rather than showing it: control
/// characters (but line breaks and tabs), bidirectional controls and the
/// characters Unicode never assigns.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || is_noncharacter(c)
}

/// Whether `c` is one of the 66 code points Unicode keeps out of text for
/// good (U+FFFE, U+FDD0 …).
pub fn is_noncharacter(c: char) -> bool {
    let code = c as u32;
    (0xfdd0..=0xfdef).contains(&code) || code & 0xfffe == 0xfffe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_escape_sequences_and_bidirectional_controls_as_text() {
        assert_eq!(clean("Cabinet\u{1b}]0;owned\u{7}\r"), "Cabinet\\u{1b}]0;owned\\u{7}\\u{d}");
        assert_eq!(clean("a\u{202e}b\u{9b}c"), "a\\u{202e}b\\u{9b}c");
        assert_eq!(clean("x\u{fffe}"), "x\\u{fffe}");
    }

    #[test]
    fn keeps_ordinary_text_line_breaks_and_tabs_as_they_are() {
        let text = "error: a problem\n  --> inputs/a.yaml:2:1\n\tCyngor Sir – £2.5 million";
        assert!(matches!(clean(text), Cow::Borrowed(_)));
    }

    #[test]
    fn clips_a_long_value_and_says_how_much_was_left_out() {
        let year = "2".repeat(5_000);
        assert_eq!(clip(&year, 12), "222222222222… (4988 more characters)");
        assert_eq!(clip("2016", 12), "2016");
    }
}
