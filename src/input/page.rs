//! A council's page header and footer: the words printed at the head and
//! foot of every page of its PDFs, each of which may be left empty.

use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use crate::input::headings::{fill, placeholders};
use crate::input::{Diagnostic, Source};

/// What a header or footer can fill in.
const FILLS: [&str; 5] = ["council", "meeting", "title", "page", "pages"];

/// The words at the head and foot of every page. Each may name, in
/// braces, `{council}`, `{meeting}` (the meeting or committee and its date),
/// `{title}`, `{page}` and `{pages}`; an empty text prints nothing.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageSettings {
    /// At the left of the header.
    #[serde(default = "header_left")]
    #[schemars(with = "String")]
    pub header_left: Spanned<String>,
    /// At the right of the header.
    #[serde(default = "header_right")]
    #[schemars(with = "String")]
    pub header_right: Spanned<String>,
    /// In the middle of the footer.
    #[serde(default = "footer")]
    #[schemars(with = "String")]
    pub footer: Spanned<String>,
}

impl Default for PageSettings {
    fn default() -> Self {
        Self { header_left: header_left(), header_right: header_right(), footer: footer() }
    }
}

fn built_in(words: &str) -> Spanned<String> {
    Spanned::new(words.to_owned(), Location::UNKNOWN, Location::UNKNOWN)
}

fn header_left() -> Spanned<String> {
    built_in("{council}")
}

fn header_right() -> Spanned<String> {
    built_in("{meeting}")
}

fn footer() -> Spanned<String> {
    built_in("Page {page} of {pages}")
}

impl PageSettings {
    /// Every text that fills in what it cannot, at its line.
    pub fn check(&self, source: Source) -> Vec<Diagnostic> {
        self.texts()
            .into_iter()
            .filter_map(|(key, words)| {
                let unknown = placeholders(&words.value).into_iter().find(|name| !FILLS.contains(name))?;
                let message = format!("the page's `{key}` cannot fill in `{{{unknown}}}`");
                let fills: Vec<String> = FILLS.iter().map(|name| format!("`{{{name}}}`")).collect();
                Some(
                    source
                        .at(words.referenced, message)
                        .with_hint(format!("it can fill in {}", fills.join(", "))),
                )
            })
            .collect()
    }

    /// The header and footer of a document, filled in; `{page}` and
    /// `{pages}` are left for the typesetter, which alone knows them.
    pub fn filled(&self, council: &str, meeting: &str, title: &str) -> Page {
        let values = [("council", council), ("meeting", meeting), ("title", title)];
        let words = |text: &Spanned<String>| fill(&text.value, &values).trim().to_owned();
        Page {
            header_left: words(&self.header_left),
            header_right: words(&self.header_right),
            footer: words(&self.footer),
        }
    }

    fn texts(&self) -> [(&'static str, &Spanned<String>); 3] {
        [("header_left", &self.header_left), ("header_right", &self.header_right), ("footer", &self.footer)]
    }
}

/// A document's header and footer, filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// At the left of the header.
    pub header_left: String,
    /// At the right of the header.
    pub header_right: String,
    /// In the middle of the footer, with `{page}` and `{pages}` still to
    /// fill in.
    pub footer: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_in_the_document_and_leaves_page_numbers_to_the_typesetter() {
        let page = PageSettings::default().filled(
            "Hertfordshire County Council",
            "County Council, 19 July 2016",
            "T",
        );
        assert_eq!(page.header_left, "Hertfordshire County Council");
        assert_eq!(page.header_right, "County Council, 19 July 2016");
        assert_eq!(page.footer, "Page {page} of {pages}");
    }

    #[test]
    fn refuses_what_a_page_cannot_fill_in_at_its_line() {
        let text = "header_right: \"{date}\"\nfooter: \"\"\n";
        let settings: PageSettings = crate::input::parse(std::path::Path::new("council.yaml"), text).unwrap();
        let source = Source { path: std::path::Path::new("council.yaml"), text };
        let problems: Vec<String> = settings.check(source).iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("council.yaml:1"), "{}", problems[0]);
        assert!(problems[0].contains("cannot fill in `{date}`"), "{}", problems[0]);
        assert_eq!(settings.filled("C", "M", "T").footer, "");
    }
}
