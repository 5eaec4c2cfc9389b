//! A rendered document's Markdown checked as untrusted content before
//! anything typesets it: its links go only where a reader may safely be
//! sent, its images are files inside its folder that the PDF can hold,
//! every character has a font, and no block is too big to typeset. Each
//! problem is told at the line of the YAML that wrote it.
//!
//! The limits, which the README lists:
//! - a paragraph, heading, list item or table cell of at most
//!   [`MAX_BLOCK`] characters;
//! - a table of at most [`MAX_ROWS`] rows;
//! - lists, quotes, links and emphasis nested at most [`MAX_DEPTH`] deep.

use std::collections::BTreeSet;
use std::path::{Component, Path};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::input::files::{FILE_LIMIT, IMAGES_LIMIT, Root};
use crate::input::{Diagnostic, Source, images};
use crate::markup::links;

/// The most characters one block of text may hold: about four pages.
pub const MAX_BLOCK: usize = 20_000;

/// The most rows a table may have.
pub const MAX_ROWS: usize = 1_000;

/// How deep lists, quotes, links and emphasis may nest.
pub const MAX_DEPTH: usize = 24;

/// The most problems of one kind told for one document.
const MOST: usize = 5;

/// A file a document's Markdown names, read: its name in the Markdown and
/// its bytes.
pub(crate) type Asset = (String, Vec<u8>);

/// What the checks need of the document.
pub(crate) struct Checking<'a> {
    /// Where the problems are told.
    pub source: Source<'a>,
    /// The other files its text may come from, such as its meeting's
    /// `meeting.yaml`: a problem in text written there is told there.
    pub also: &'a [Source<'a>],
    /// The folder of the document, which its images must be inside.
    pub dir: &'a Path,
    /// Files made with the document, such as charts, by name.
    pub made: &'a [String],
    /// The council's own fonts, when the document is to be typeset; `None`
    /// for Markdown alone, which needs no font.
    pub fonts: Option<&'a [typst::text::Font]>,
}

impl Checking<'_> {
    /// Whether any of the document's files writes `snippet`.
    fn writes(&self, snippet: &str) -> bool {
        std::iter::once(&self.source).chain(self.also).any(|source| source.text.contains(snippet))
    }

    /// A problem at the first place `snippet` is written: in the
    /// document's own file, else in another it draws on, else about the
    /// document's file as a whole.
    fn at(&self, snippet: &str, message: impl Into<String>) -> Diagnostic {
        let written =
            std::iter::once(&self.source).chain(self.also).find(|source| source.text.contains(snippet));
        written.unwrap_or(&self.source).error_at_text(snippet, message)
    }
}

/// Checks `markdown`; gives the images it shows, read, or every problem.
pub(crate) fn check(markdown: &str, checking: &Checking) -> Result<Vec<Asset>, Vec<Diagnostic>> {
    let mut scan = Scan::new(markdown, checking);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(tag) => scan.start(tag, range),
            Event::End(tag) if nested_end(tag) => scan.depth = scan.depth.saturating_sub(1),
            Event::Text(text) | Event::Code(text) => scan.text(&text),
            _ => {}
        }
    }
    if let Some(own) = checking.fonts {
        scan.problems.extend(missing_glyphs(markdown, own, checking));
    }
    if scan.problems.is_empty() { Ok(scan.images) } else { Err(scan.problems) }
}

/// Where a scan of a document's Markdown stands.
struct Scan<'a> {
    markdown: &'a str,
    checking: &'a Checking<'a>,
    root: Root,
    problems: Vec<Diagnostic>,
    images: Vec<Asset>,
    /// How deep lists, quotes, links and emphasis are open.
    depth: usize,
    /// The characters of the current block so far, and where it began.
    block: (usize, usize),
    /// The rows of the current table so far, and where it began.
    rows: (usize, usize),
    bad_links: usize,
    told_long: bool,
    /// What the images read so far hold together.
    image_bytes: u64,
}
impl<'a> Scan<'a> {
    fn new(markdown: &'a str, checking: &'a Checking<'a>) -> Self {
        Self {
            markdown,
            checking,
            root: Root::at(checking.dir),
            problems: Vec::new(),
            images: Vec::new(),
            depth: 0,
            block: (0, 0),
            rows: (0, 0),
            bad_links: 0,
            told_long: false,
            image_bytes: 0,
        }
    }

    /// A problem at the first place the Markdown from `start` is written.
    fn problem_at(&mut self, start: usize, message: String, hint: &str) {
        let snippet = excerpt(&self.markdown[start..]);
        self.problems.push(self.checking.at(snippet, message).with_hint(hint));
    }

    /// Checks what a tag opens: a level of nesting, a block, a table row,
    /// a link or an image.
    fn start(&mut self, tag: Tag, range: std::ops::Range<usize>) {
        if nests(&tag) {
            self.depth += 1;
            if self.depth == MAX_DEPTH + 1 {
                let message = format!(
                    "the text is nested more than {MAX_DEPTH} deep (lists, quotes, links or emphasis)"
                );
                self.problem_at(
                    range.start,
                    message,
                    "flatten it: a report's lists and links need a few levels",
                );
            }
        }
        if starts_block(&tag) {
            self.block = (0, range.start);
        }
        match tag {
            Tag::Table(_) => self.rows = (0, range.start),
            Tag::TableRow => {
                self.rows.0 += 1;
                if self.rows.0 == MAX_ROWS + 1 {
                    let message = format!("a table has more than {MAX_ROWS} rows");
                    self.problem_at(self.rows.1, message, "split it, or publish the data as an appendix");
                }
            }
            Tag::Link { dest_url, .. } if self.bad_links < MOST => {
                if let Err(refused) = links::judge(&dest_url) {
                    self.bad_links += 1;
                    // At the address as written; or, when the file writes it
                    // otherwise (`&#106;avascript:`), at the link.
                    let at = if self.checking.writes(&dest_url) {
                        &dest_url
                    } else {
                        excerpt(&self.markdown[range])
                    };
                    self.problems.push(self.checking.at(at, refused.to_string()).with_hint(refused.hint()));
                }
            }
            Tag::Image { dest_url, .. } if !self.checking.made.iter().any(|name| *name == *dest_url) => {
                match image(&dest_url, &self.root, self.checking.dir) {
                    Ok(asset) if self.images.iter().any(|(name, _)| *name == asset.0) => {}
                    Ok(asset) if self.image_bytes + asset.1.len() as u64 > IMAGES_LIMIT => {
                        let message = format!(
                            "the images of this document come to more than {} MB with `{dest_url}`",
                            IMAGES_LIMIT / (1024 * 1024)
                        );
                        let hint = "export the images at the size they are printed";
                        self.problems.push(self.checking.at(&dest_url, message).with_hint(hint));
                    }
                    Ok(asset) => {
                        self.image_bytes += asset.1.len() as u64;
                        self.images.push(asset);
                    }
                    Err((message, hint)) => {
                        self.problems.push(self.checking.at(&dest_url, message).with_hint(hint))
                    }
                }
            }
            _ => {}
        }
    }

    /// Counts a block's characters.
    fn text(&mut self, text: &str) {
        self.block.0 += text.chars().count();
        if self.block.0 > MAX_BLOCK && !self.told_long {
            self.told_long = true;
            let message = format!("a paragraph is longer than {MAX_BLOCK} characters");
            self.problem_at(
                self.block.1,
                message,
                "split it into paragraphs; a long table or list belongs in an appendix",
            );
        }
    }
}

/// Whether a tag opens a level that nests inside another of its kind.
fn nests(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::List(_)
            | Tag::BlockQuote(_)
            | Tag::Link { .. }
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Image { .. }
    )
}

fn nested_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::List(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::Link
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Image
    )
}

fn starts_block(tag: &Tag) -> bool {
    matches!(tag, Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell | Tag::CodeBlock(_))
}

/// The start of a piece of Markdown, short enough to find in the YAML.
fn excerpt(markdown: &str) -> &str {
    let text = markdown.trim_start();
    let line = text.lines().next().unwrap_or_default();
    let mut end = line.len().min(40);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

/// Reads and checks an image the Markdown shows. Its name must lead to a
/// file in the document's folder or below it, as the Markdown beside which
/// it is copied will look for it there.
fn image(dest: &str, root: &Root, dir: &Path) -> Result<Asset, (String, &'static str)> {
    if let Some(scheme) = links::scheme(dest).filter(|scheme| scheme.len() > 1) {
        return Err((
            format!("the image `{dest}` is a `{scheme}:` address, not a file"),
            "save the image in the document's folder and name the file",
        ));
    }
    let name = normalised(dest).ok_or((
        format!("the image `{dest}` is outside the document's folder"),
        "put the image in the document's folder, or a folder inside it, and name it from there",
    ))?;
    // Hidden files are the tool's own in the output folder.
    if name.split('/').any(|part| part.starts_with('.')) {
        return Err((
            format!("the image `{dest}` is a hidden file"),
            "give the image a name that does not start with `.`",
        ));
    }
    let bytes = root
        .read(dir, &name, FILE_LIMIT)
        .map_err(|refusal| (refusal.message("image", dest), refusal.hint()))?;
    let (_, bytes) = images::published(bytes).map_err(|problem| {
        (
            format!("the image `{dest}`: {problem}"),
            "export the image as a PNG or JPEG at the size it is printed",
        )
    })?;
    Ok((name, bytes))
}

/// A relative name without `.` and `..`, joined by `/`; `None` when it is
/// absolute or climbs out of its folder.
fn normalised(dest: &str) -> Option<String> {
    let path = Path::new(dest);
    if dest.is_empty() || path.has_root() || dest.starts_with('\\') {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The images a YAML file's text names in Markdown (`![alt](name)`), in
/// any field: what a document that shows them is made from.
pub(crate) fn images_written(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("![") {
        rest = &rest[at + 2..];
        let Some(open) = rest.find("](") else { break };
        let after = &rest[open + 2..];
        let Some(close) = after.find([')', '\n']) else { break };
        let dest = match after[..close].strip_prefix('<') {
            Some(bracketed) => bracketed.split('>').next(),
            None => after[..close].split_whitespace().next(),
        };
        names.push(dest.unwrap_or_default().to_owned());
    }
    names
}

/// The bytes of the image named `dest` in the folder `dir`, if it is one
/// that may be read.
pub(crate) fn read_image(dest: &str, dir: &Path) -> Option<Vec<u8>> {
    image(dest, &Root::at(dir), dir).ok().map(|(_, bytes)| bytes)
}

/// The characters no font can show, each told once at its first line.
fn missing_glyphs(markdown: &str, own: &[typst::text::Font], checking: &Checking) -> Vec<Diagnostic> {
    let mut seen = BTreeSet::new();
    let mut missing = Vec::new();
    for c in markdown.chars() {
        if c.is_ascii() || !seen.insert(c) {
            continue;
        }
        if !crate::pdf::fonts::can_show(c, own) {
            missing.push(c);
        }
    }
    missing
        .into_iter()
        .take(MOST)
        .map(|c| {
            let message = format!("no font can show the character `{c}` (U+{:04X})", c as u32);
            checking.at(&c.to_string(), message).with_hint(
                "put a font file that has it (a Noto Sans font of its script, say) beside `council.yaml` and list it under `fonts:`, or leave the character out",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
