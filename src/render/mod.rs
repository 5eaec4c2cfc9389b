//! The render stage: report views to Markdown through tera templates.
//!
//! The built-in templates are compiled into the binary; a council's own
//! template folder overrides any of them by file name. Templates whose names
//! end in `.md` escape every value for Markdown, so that text from the YAML
//! is always text; narrative that is Markdown by design is written with the
//! `safe` filter.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use tera::{Context, Tera};

mod errors;
pub mod markdown;
pub mod words;

use std::collections::BTreeMap;

use crate::build::manifest::Fingerprint;
use crate::input::council::{Settings, Style};

/// The Typst theme that sets a report's look.
pub const THEME: &str = "theme.typ";

/// The HTML page of every document and pack.
pub const PAGE: &str = "page.html";

/// The HTML index of an output folder.
pub const INDEX_PAGE: &str = "index.html";

/// The stylesheet of the HTML pages, held inside each page.
pub const STYLESHEET: &str = "page.css";

/// The headings and titles of every kind, by kind and key.
pub const HEADINGS: &str = "headings.yaml";

/// The built-in templates, by file name.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("executive-report.md", include_str!("../../templates/executive-report.md")),
    ("meeting-index.md", include_str!("../../templates/meeting-index.md")),
    ("parts.md", include_str!("../../templates/parts.md")),
    ("cabinet-update.md", include_str!("../../templates/cabinet-update.md")),
    ("scrutiny-report.md", include_str!("../../templates/scrutiny-report.md")),
    ("committee-report.md", include_str!("../../templates/committee-report.md")),
    ("appendix.md", include_str!("../../templates/appendix.md")),
    ("work-programme.md", include_str!("../../templates/work-programme.md")),
    ("agenda.md", include_str!("../../templates/agenda.md")),
    (THEME, include_str!("../../templates/theme.typ")),
    (PAGE, include_str!("../../templates/page.html")),
    (INDEX_PAGE, include_str!("../../templates/index.html")),
    (STYLESHEET, include_str!("../../templates/page.css")),
    (HEADINGS, include_str!("../../templates/headings.yaml")),
];

/// A template that cannot be read, parsed or rendered: the council's input
/// is at fault, not the program.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TemplateError(pub String);

/// The templates of a run: the built-ins, with a council's overrides.
pub struct Templates {
    tera: Tera,
    /// The HTML pages' templates, whose values are escaped for HTML.
    html: Tera,
    theme: String,
    stylesheet: String,
    /// Each kind's headings: key and words, by kind.
    headings: BTreeMap<String, BTreeMap<String, String>>,
    /// Every template's source, for the fingerprint of a run's settings.
    sources: Vec<(String, String)>,
    /// Where each template was read from: the council's folder, or its
    /// own name for a built-in one.
    paths: Vec<(String, PathBuf)>,
}

impl Templates {
    /// Loads the built-ins, then every file of `overrides` with a built-in's
    /// name in its place.
    pub fn load(overrides: Option<&Path>) -> Result<Self> {
        let mut sources: Vec<(String, String)> =
            BUILT_IN.iter().map(|(name, text)| (name.to_string(), text.to_string())).collect();
        let mut paths: Vec<(String, PathBuf)> =
            BUILT_IN.iter().map(|(name, _)| (name.to_string(), PathBuf::from(name))).collect();
        if let Some(folder) = overrides {
            if !folder.is_dir() {
                let message = format!("the template folder `{}` does not exist", folder.display());
                return Err(TemplateError(message).into());
            }
            for ((name, text), (_, from)) in sources.iter_mut().zip(&mut paths) {
                let path = folder.join(&*name);
                if path.is_file() {
                    *text = fs::read_to_string(&path).map_err(|error| {
                        TemplateError(format!("cannot read the template `{}`: {error}", path.display()))
                    })?;
                    *from = path;
                }
            }
        }
        let mut tera = Tera::default();
        tera.set_escape_fn(escape_markdown);
        tera.autoescape_on(vec![".md"]);
        tera.register_filter("and_list", and_list_filter);
        tera.register_filter("plural", plural_filter);
        let markdown = sources.iter().filter(|(name, _)| name.ends_with(".md"));
        if let Err(error) =
            tera.add_raw_templates(markdown.map(|(name, text)| (name.as_str(), text.as_str())))
        {
            return Err(TemplateError(problem(&error, &sources, &paths)).into());
        }
        let mut html = Tera::default();
        html.autoescape_on(vec![".html"]);
        let pages = sources.iter().filter(|(name, _)| name.ends_with(".html"));
        if let Err(error) = html.add_raw_templates(pages.map(|(name, text)| (name.as_str(), text.as_str()))) {
            return Err(TemplateError(problem(&error, &sources, &paths)).into());
        }
        let source = |wanted: &str| sources.iter().find(|(name, _)| name == wanted).map(|(_, t)| t.as_str());
        let theme = source(THEME).unwrap_or_default().to_owned();
        let stylesheet = source(STYLESHEET).unwrap_or_default().to_owned();
        let headings_path = overrides.map_or_else(|| PathBuf::from(HEADINGS), |folder| folder.join(HEADINGS));
        let headings = crate::input::parse(&headings_path, source(HEADINGS).unwrap_or_default())
            .map_err(|problem| TemplateError(format!("the headings have an error\n{problem}")))?;
        Ok(Self { tera, html, theme, stylesheet, headings, sources, paths })
    }

    /// Whether a template of this name is loaded.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|loaded| loaded == name)
    }

    /// The style of the kind called `kind` in a council's settings: its
    /// headings, the built-in ones overlaid with the council's.
    pub fn style(&self, settings: &Settings, kind: &str) -> Style {
        settings.style(kind, &self.headings(kind).unwrap_or_default())
    }

    /// The headings of the kind called `kind`, key and words, if it has any.
    pub fn headings(&self, kind: &str) -> Option<Vec<(String, String)>> {
        let headings = self.headings.get(kind)?;
        Some(headings.iter().map(|(key, words)| (key.clone(), words.clone())).collect())
    }

    /// Renders a document of another kind to Markdown with the template
    /// `name`.
    pub fn render_named(&self, name: &str, view: &impl serde::Serialize) -> Result<String> {
        let context = Context::from_serialize(view).context("cannot pass the document to its template")?;
        let markdown = self
            .tera
            .render(name, &context)
            .map_err(|error| TemplateError(problem(&error, &self.sources, &self.paths)))?;
        Ok(markdown::escape_html(&tidy(&markdown)))
    }

    /// Renders an HTML page with the template `name`.
    pub fn render_page(&self, name: &str, view: &impl serde::Serialize) -> Result<String> {
        let context = Context::from_serialize(view).context("cannot pass the page to its template")?;
        let html = self
            .html
            .render(name, &context)
            .map_err(|error| TemplateError(problem(&error, &self.sources, &self.paths)))?;
        Ok(html)
    }

    /// The file a template was read from: the council's own, or the
    /// built-in name.
    pub fn path_of<'a>(&'a self, name: &'a str) -> &'a Path {
        self.paths.iter().find(|(known, _)| known == name).map_or(Path::new(name), |(_, path)| path.as_path())
    }

    /// The HTML pages' stylesheet.
    pub fn stylesheet(&self) -> &str {
        &self.stylesheet
    }

    /// Adds every template's name and source to a fingerprint.
    pub fn fingerprint(&self, fingerprint: Fingerprint) -> Fingerprint {
        self.sources.iter().fold(fingerprint, |f, (name, text)| f.with(name).with(text))
    }

    /// The Typst theme's source.
    pub fn theme(&self) -> &str {
        &self.theme
    }
}

/// Writes the built-in templates into `folder` for a council to edit.
pub fn export(folder: &Path) -> Result<Vec<std::path::PathBuf>> {
    fs::create_dir_all(folder).with_context(|| format!("cannot create `{}`", folder.display()))?;
    let mut written = Vec::new();
    for (name, text) in BUILT_IN {
        let path = folder.join(name);
        if path.exists() {
            anyhow::bail!("`{}` already exists: move it away or choose another folder", path.display());
        }
        crate::build::output::write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// `{{ names | and_list }}`: "A, B and C", each name escaped.
fn and_list_filter(
    values: &[tera::Value],
    _: tera::Kwargs,
    state: &tera::State,
) -> tera::TeraResult<tera::Value> {
    let parts =
        values.iter().map(|value| state.escape_if_needed(value)).collect::<tera::TeraResult<Vec<_>>>()?;
    Ok(tera::Value::safe_string(&words::and_list(&parts)))
}

/// `{{ count | plural(one="item was", other="items were") }}`: the words
/// that agree with `count`, so that no template writes a plural it has not
/// counted. Without `other`, an "s" is added to `one`.
fn plural_filter(count: i64, kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<tera::Value> {
    let one: &str = kwargs.must_get("one")?;
    let other: Option<&str> = kwargs.get("other")?;
    let words = match (count, other) {
        (1, _) => one.to_owned(),
        (_, Some(other)) => other.to_owned(),
        (_, None) => format!("{one}s"),
    };
    state.escape_if_needed(&tera::Value::from(words)).map(|words| tera::Value::safe_string(&words))
}

/// A tera error at its template's file and line, as the user reads it.
fn problem(error: &tera::Error, sources: &[(String, String)], paths: &[(String, PathBuf)]) -> String {
    let path_of = |wanted: &str| {
        paths.iter().find(|(name, _)| name == wanted).map_or(Path::new(""), |(_, path)| path.as_path())
    };
    let text_of =
        |wanted: &str| sources.iter().find(|(name, _)| name == wanted).map_or("", |(_, text)| text.as_str());
    errors::template_problem(error, path_of, text_of)
}

/// The escape hook of `.md` templates.
fn escape_markdown(input: &str, output: &mut dyn std::io::Write) -> std::io::Result<()> {
    output.write_all(markdown_text(input).as_bytes())
}

/// Escapes text so that Markdown reads it as the same text: every character
/// that could start markup is backslash-escaped, and line breaks become
/// spaces because a single value never spans blocks.
pub fn markdown_text(input: &str) -> String {
    let mut escaped = String::with_capacity(input.len() + 8);
    for (index, c) in input.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => {
                escaped.push('\\');
                escaped.push(c);
            }
            // Only "&name;" and "&#1;" are entities; a lone "&" stays as it is.
            '&' if next_is_entity_start(input, index) => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\r' | '\n' => escaped.push(' '),
            '-' | '+' | '=' if index == 0 => {
                escaped.push('\\');
                escaped.push(c);
            }
            _ => escaped.push(c),
        }
    }
    // A value starting "1." or "1)" would become a numbered list.
    if let Some(end) = escaped.find(|c: char| !c.is_ascii_digit()).filter(|&end| end > 0) {
        let marker = escaped[end..].strip_prefix(['.', ')']);
        if marker.is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t'])) {
            escaped.insert(end, '\\');
        }
    }
    escaped
}

fn next_is_entity_start(input: &str, index: usize) -> bool {
    input[index + 1..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '#')
}

/// Collapses the blank lines that template tags leave behind, so the
/// Markdown diffs cleanly from one meeting to the next.
fn tidy(markdown: &str) -> String {
    let mut tidy = String::with_capacity(markdown.len());
    let mut blank = 0;
    for line in markdown.lines() {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if blank > 0 && !tidy.is_empty() {
            tidy.push('\n');
        }
        blank = 0;
        tidy.push_str(line);
        tidy.push('\n');
    }
    tidy
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        escape_markdown(text, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_markdown_syntax_in_values() {
        assert_eq!(escaped("Children's Services"), "Children's Services");
        assert_eq!(escaped("*bold* [link](x) <b>"), "\\*bold\\* \\[link\\](x) \\<b\\>");
        assert_eq!(escaped("# not a heading"), "\\# not a heading");
        assert_eq!(escaped("- not a list"), "\\- not a list");
        assert_eq!(escaped("2016. A year"), "2016\\. A year");
        assert_eq!(escaped("5.1 Care"), "5.1 Care");
        assert_eq!(escaped("1é"), "1é");
        assert_eq!(escaped("A-road\nB"), "A-road B");
        assert_eq!(escaped("Care & Health &amp;"), "Care & Health \\&amp;");
    }

    #[test]
    fn tidies_runs_of_blank_lines_to_one() {
        assert_eq!(tidy("\n# A\n\n  \n\nb  \n\n"), "# A\n\nb  \n");
    }
}
