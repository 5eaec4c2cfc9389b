//! Text written into XML: every piece of user text in a Word file or an
//! SVG passes through here, so none of it can close an element, open one
//! or break the file.

/// `text` as the content of an element: markup characters escaped and
/// characters XML 1.0 does not allow dropped.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` as the value of an attribute: as [`text`], with line breaks and
/// tabs written as references, which a reader would otherwise turn into
/// spaces.
pub fn attribute(value: &str) -> String {
    text(value).replace('\t', "&#9;").replace('\n', "&#10;")
}

/// Whether a character may stand in the file: tabs and line breaks may,
/// other control characters (and the two non-characters XML forbids) not.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n') || !(c.is_control() || c == '\u{fffe}' || c == '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(text("<script>\"a\" & b</script>"), "&lt;script&gt;&quot;a&quot; &amp; b&lt;/script&gt;");
        assert_eq!(text("a\u{0}b\u{7}c\u{1b}d\u{fffe}"), "abcd");
        assert_eq!(attribute("one\ntwo\tthree"), "one&#10;two&#9;three");
    }
}
