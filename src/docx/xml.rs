//! Writing XML as text: every piece of user text passes through here, so
//! none of it can close an element, open one or break the file.

/// The namespaces the body, headers and footers use.
pub(super) const NAMESPACES: &str = concat!(
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" ",
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" ",
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" ",
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""
);

pub(super) use crate::xml::{attribute, text};

/// The declaration every part opens with.
pub(super) const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The inside of a run showing `text`: its words in `w:t`, its tabs as
/// `w:tab` and its line breaks as `w:br`, as Word keeps them.
pub(super) fn run_content(text: &str) -> String {
    let mut out = String::new();
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push_str("<w:br/>");
        }
        for (index, words) in line.split('\t').enumerate() {
            if index > 0 {
                out.push_str("<w:tab/>");
            }
            let words = self::text(words);
            if !words.is_empty() {
                out.push_str(&format!("<w:t xml:space=\"preserve\">{words}</w:t>"));
            }
        }
    }
    out
}

/// A colour for Word, `rrggbb` in capitals, from `#rrggbb`; `fallback`
/// (already in Word's form) when it is not one.
pub(super) fn colour(hex: Option<&str>, fallback: &str) -> String {
    match hex.and_then(|hex| hex.strip_prefix('#')) {
        Some(digits) if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_hexdigit()) => {
            digits.to_ascii_uppercase()
        }
        _ => fallback.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_tabs_and_line_breaks_as_word_elements() {
        assert_eq!(
            run_content("a\tb\nc"),
            "<w:t xml:space=\"preserve\">a</w:t><w:tab/><w:t xml:space=\"preserve\">b</w:t>\
             <w:br/><w:t xml:space=\"preserve\">c</w:t>"
        );
    }

    #[test]
    fn reads_brand_colours_and_falls_back() {
        assert_eq!(colour(Some("#1d5f3a"), "1F4E79"), "1D5F3A");
        assert_eq!(colour(Some("teal"), "1F4E79"), "1F4E79");
        assert_eq!(colour(None, "1F4E79"), "1F4E79");
    }
}
