//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use exec_report::build::progress::Style;
use exec_report::build::{self, Formats, Options};

/// The example meeting shipped in `inputs/`.
pub fn example_meeting() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/2016-07-19-county-council")
}

/// Copies the example meeting's files into `folder`, to change freely.
pub fn copy_example(folder: &Path) {
    for entry in std::fs::read_dir(example_meeting()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
    }
}

/// A temporary copy of the example meeting, as `<tmp>/meeting`, and a
/// folder beside it for its outputs, `<tmp>/out`.
pub fn example_copy() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("meeting");
    std::fs::create_dir(&input).unwrap();
    copy_example(&input);
    let out = tmp.path().join("out");
    (tmp, input, out)
}

/// A fixture folder under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Options to build `input` into `out`, quietly.
pub fn options(input: &Path, out: &Path, formats: Formats) -> Options {
    Options {
        input: input.to_owned(),
        out: out.to_owned(),
        formats,
        templates: None,
        write: true,
        force: false,
        fail_fast: false,
        deny_warnings: false,
        style: Style::Quiet,
        timestamp: None,
    }
}

/// Builds `input` into a temporary folder and returns the file named `name`
/// (such as `childrens-services.md`) as bytes.
pub fn render(input: &Path, formats: Formats, name: &str) -> Vec<u8> {
    let out = tempfile::tempdir().unwrap();
    let summary = build::run(&options(input, out.path(), formats)).expect("the input renders");
    assert!(summary.failures.is_empty(), "{:?}", summary.failures);
    let path = summary
        .written
        .iter()
        .find(|path| path.file_name().is_some_and(|n| n == name))
        .unwrap_or_else(|| panic!("no file named {name} was written"));
    std::fs::read(path).unwrap()
}

/// The Markdown of one report of `input`.
pub fn markdown(input: &Path, name: &str) -> String {
    let formats = Formats { markdown: true, pdf: false, html: false, docx: false, typst: false };
    String::from_utf8(render(input, formats, name)).unwrap()
}

/// The PDF of one report of `input`.
pub fn pdf(input: &Path, name: &str) -> Vec<u8> {
    let formats = Formats { markdown: false, pdf: true, html: false, docx: false, typst: false };
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

/// Every file under `root`, as sorted paths relative to it with `/`.
pub fn files_under(root: &Path) -> Vec<String> {
    fn walk(root: &Path, folder: &Path, names: &mut Vec<String>) {
        for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, names);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                let parts: Vec<String> = relative
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy().into_owned())
                    .collect();
                names.push(parts.join("/"));
            }
        }
    }
    let mut names = Vec::new();
    walk(root, root, &mut names);
    names.sort();
    names
}

/// Markdown as a reader sees it: its text, with blocks, list items and
/// table cells separated by spaces, whitespace squashed.
pub fn reader_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut text = String::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::Start(Tag::Item)
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                text.push(' ')
            }
            _ => {}
        }
    }
    squash(&text)
}

/// A seed's text with the tool's deliberate corrections made, each of which
/// the seed must still hold.
pub fn corrected(mut text: String, corrections: &[(&str, &str)]) -> String {
    for (published, ours) in corrections {
        assert!(text.contains(published), "the seed no longer says {published:?}");
        text = text.replace(published, ours);
    }
    text
}

/// Copies a folder and everything in it.
pub fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The folder of the browser checks' scripts, when this machine can run
/// them: Debian's Chromium (or `CHROMIUM`), node, and the scripts'
/// packages (`.ci/run` installs all three). Without them, says plainly,
/// past the test harness's capture, that `what` did not run.
pub fn browser(what: &str, package: &str) -> Option<PathBuf> {
    let browser = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium =
        std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let missing = if !chromium.is_file() {
        format!("Chromium is not at {}", chromium.display())
    } else if !browser.join("node_modules").join(package).is_dir() {
        format!("{package} is not installed: run `npm ci --prefix tests/browser`")
    } else if std::process::Command::new("node").arg("--version").output().is_err() {
        "node is not installed".to_owned()
    } else {
        return Some(browser);
    };
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "note: {what} did not run: {missing}");
    None
}
