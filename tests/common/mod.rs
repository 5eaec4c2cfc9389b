//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use exec_report::batch::{self, Formats, Options};

/// The example meeting shipped in `inputs/`.
pub fn example_meeting() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/2016-07-19-county-council")
}

/// A fixture folder under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Renders `input` in memory and returns the file named `name` (such as
/// `childrens-services.md`) as bytes.
pub fn render(input: &Path, formats: Formats, name: &str) -> Vec<u8> {
    let options = Options { input: input.to_owned(), out: PathBuf::from("out"), formats, templates: None };
    let reports = batch::render_all(&options).expect("the input renders");
    reports
        .into_iter()
        .flat_map(|report| report.files)
        .find(|file| file.path.file_name().is_some_and(|n| n == name))
        .unwrap_or_else(|| panic!("no file named {name} was rendered"))
        .bytes
}

/// The Markdown of one report of `input`.
pub fn markdown(input: &Path, name: &str) -> String {
    let formats = Formats { markdown: true, pdf: false, typst: false };
    String::from_utf8(render(input, formats, name)).unwrap()
}

/// The PDF of one report of `input`.
pub fn pdf(input: &Path, name: &str) -> Vec<u8> {
    let formats = Formats { markdown: false, pdf: true, typst: false };
    render(input, formats, name)
}

/// The text a reader would copy out of a PDF, with runs of whitespace
/// (line ends, hyphenation points) made single spaces.
pub fn pdf_text(pdf: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(pdf).expect("the PDF's text can be extracted");
    squash(&text)
}

/// Collapses every run of whitespace to one space.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
