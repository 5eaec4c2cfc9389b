//! A council's settings, `council.yaml`: its name, look, wording, date and
//! label style, and style rules. Read once per folder and honoured by every
//! kind of document; each setting is checked where it is written.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_saphyr::{Location, Spanned};

use crate::input::diagnostic::Diagnostic;
use crate::input::headings::{self, KindHeadings, KnownHeadings, fill};
use crate::input::page::PageSettings;
use crate::input::{Source, folder_of, parse, read_text};
use crate::lint::LintSettings;

/// The name of a council's settings file.
pub const COUNCIL_FILE: &str = "council.yaml";

/// A council's settings: `council.yaml`, in a meeting or document folder or
/// the folder that holds them. Everything that makes a document look and
/// read like the council's own, without touching its templates.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Council {
    /// The council's name, printed at the head of every page when a
    /// document does not give its own.
    #[serde(default)]
    pub name: Option<String>,
    /// The council's logo, on the first page of every document.
    #[serde(default)]
    pub logo: Option<Logo>,
    /// The colour of headings, rules and links, as `#rrggbb`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub brand_colour: Option<Spanned<String>>,
    /// Font files (OpenType or TrueType) beside `council.yaml`, added to the
    /// fonts built in.
    #[serde(default)]
    pub fonts: Vec<String>,
    /// The font family of the text, built in or from `fonts`.
    #[serde(default)]
    pub font: Option<String>,
    /// Words that differ from council to council.
    #[serde(default)]
    pub wording: Wording,
    /// How dates and sub-items are written.
    #[serde(default)]
    pub style: StyleSettings,
    /// The words at the head and foot of every page of a PDF.
    #[serde(default)]
    pub page: PageSettings,
    /// The council's style rules for the prose of its reports: which to
    /// switch off, the longest sentence, its Forward Plan reference pattern
    /// and the abbreviations its readers know.
    #[serde(default)]
    pub lints: LintSettings,
}

/// A logo: an SVG or PNG file beside `council.yaml`, and its alternative
/// text for readers who cannot see it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// The file, relative to `council.yaml`.
    pub file: String,
    /// What the logo shows, for screen readers: usually the council's name.
    pub alt: String,
    /// The logo's height on the page, in millimetres.
    #[serde(default = "default_logo_height")]
    pub height: f64,
}

fn default_logo_height() -> f64 {
    14.0
}

/// Words that differ from council to council.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    /// What the council calls a member of its executive: "Executive
    /// Member", "Cabinet Member" or "Portfolio Holder".
    #[serde(default = "default_member")]
    pub member: String,
    /// Headings and titles worded differently from the built-in ones, by
    /// kind of document and then by key: for example
    /// `committee-report: { resource_implications: Financial implications }`.
    /// `exec-report headings` lists every kind's keys and their words.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, BTreeMap<String, String>>")]
    pub headings: headings::Headings,
}

impl Default for Wording {
    fn default() -> Self {
        Self { member: default_member(), headings: HashMap::new() }
    }
}

fn default_member() -> String {
    "Executive Member".to_owned()
}

/// How dates and sub-items are written.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StyleSettings {
    /// The date format, in strftime's notation: `%-d %B %Y` gives
    /// "4 June 2017" (GOV.UK style); `%A %-d %B %Y` adds the weekday.
    #[serde(default = "default_date_format")]
    #[schemars(with = "String")]
    pub date: Spanned<String>,
    /// How sub-items of a numbered paragraph are labelled: `letters`
    /// ("a."), `bracketed-letters` ("(a)"), `roman` ("(i)"), `numbers`
    /// ("1.") or `decimal` ("2.1" under paragraph 2). Sub-items never take
    /// their paragraph's style: `numbers` under a paragraph numbered "2."
    /// are written "2.1".
    #[serde(default)]
    pub items: ItemLabels,
}

impl Default for StyleSettings {
    fn default() -> Self {
        Self { date: default_date_format(), items: ItemLabels::default() }
    }
}

/// GOV.UK's date style: "4 June 2017".
pub const GOV_UK_DATE: &str = "%-d %B %Y";

fn default_date_format() -> Spanned<String> {
    Spanned::new(GOV_UK_DATE.to_owned(), Location::UNKNOWN, Location::UNKNOWN)
}

/// How sub-items are labelled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ItemLabels {
    /// "a.", "b.", "c." …
    #[default]
    Letters,
    /// "(a)", "(b)", "(c)" …
    BracketedLetters,
    /// "(i)", "(ii)", "(iii)" …
    Roman,
    /// "1.", "2.", "3." …
    Numbers,
    /// "2.1", "2.2", "2.3" … under paragraph 2: the paragraph's number,
    /// then the item's.
    Decimal,
}

impl ItemLabels {
    /// The label of the `n`-th item, from 1, of a list standing alone.
    pub fn label(self, n: usize) -> String {
        self.label_under("", n)
    }

    /// The label of the `n`-th item, from 1, of a paragraph numbered
    /// `parent` ("2.", "3.1", or "" when it has no number).
    pub fn label_under(self, parent: &str, n: usize) -> String {
        let parent = parent.trim().trim_end_matches('.');
        match self.under(parent) {
            ItemLabels::Letters => format!("{}.", letters(n)),
            ItemLabels::BracketedLetters => format!("({})", letters(n)),
            ItemLabels::Roman => format!("({})", roman(n)),
            ItemLabels::Numbers => format!("{n}."),
            ItemLabels::Decimal => format!("{parent}.{n}"),
        }
    }

    /// The style items take under a paragraph numbered `parent`: never the
    /// paragraph's own "1." style, and "2.1" only under a number.
    fn under(self, parent: &str) -> Self {
        let numbered = !parent.is_empty() && parent.split('.').all(|part| part.parse::<u32>().is_ok());
        match self {
            ItemLabels::Numbers if numbered && !parent.contains('.') => ItemLabels::Decimal,
            ItemLabels::Decimal if !numbered => ItemLabels::Numbers,
            style => style,
        }
    }
}

/// "a" … "z", then "aa", "ab" …
fn letters(n: usize) -> String {
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// Lower-case Roman numerals: "i", "iv", "xii".
pub fn roman(n: usize) -> String {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// The council's style as one kind of document uses it: dates, labels,
/// the member's title and that kind's headings, defaults and the council's
/// own words merged.
#[derive(Debug, Clone)]
pub struct Style {
    /// How dates are written, in strftime's notation; checked when read.
    pub date_format: String,
    /// How sub-items are labelled.
    pub items: ItemLabels,
    /// What the council calls a member of its executive.
    pub member: String,
    /// The kind's headings, by key.
    pub headings: BTreeMap<String, String>,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            date_format: GOV_UK_DATE.to_owned(),
            items: ItemLabels::default(),
            member: default_member(),
            headings: BTreeMap::new(),
        }
    }
}

impl Style {
    /// A date in the council's format.
    pub fn date(&self, date: Date) -> String {
        date.strftime(&self.date_format).to_string()
    }

    /// A heading in the council's words, or the built-in one; the key itself
    /// when neither has it, so that a missing word shows in the output.
    pub fn heading(&self, key: &str) -> String {
        self.headings.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }

    /// A heading with its `{name}` placeholders filled from `values`.
    pub fn heading_with(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(&self.heading(key), values)
    }
}

/// A council's settings as read, with the file and text they came from.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The settings.
    pub council: Council,
    /// The file they were read from, when there is one.
    pub file: Option<PathBuf>,
    /// The file's text, part of every document's fingerprint.
    pub text: String,
}

impl Settings {
    /// The settings for a folder: `council.yaml` in it, or in the folder
    /// above; the defaults when there is none. Every setting is checked.
    pub fn find(folder: &Path) -> Result<Self, Vec<Diagnostic>> {
        match Self::file_for(folder) {
            Some(file) => Self::read(file),
            None => Ok(Self::default()),
        }
    }

    /// The settings file for a folder: `council.yaml` in it, or in the
    /// folder above.
    pub fn file_for(folder: &Path) -> Option<PathBuf> {
        // The folder above by name where the path has one, so that every
        // folder under it names the one file the same way.
        let above = match (folder.parent(), folder.components().next_back()) {
            (Some(parent), Some(std::path::Component::Normal(_))) if !parent.as_os_str().is_empty() => {
                parent.to_owned()
            }
            _ => folder.join(".."),
        };
        let candidates = [folder.join(COUNCIL_FILE), above.join(COUNCIL_FILE)];
        // Anything of the name, even a pipe or a broken link, is read, to be
        // refused with a reason rather than passed over.
        candidates.into_iter().find(|file| std::fs::symlink_metadata(file).is_ok_and(|m| !m.is_dir()))
    }

    /// Reads and checks the settings in `file`.
    pub fn read(file: PathBuf) -> Result<Self, Vec<Diagnostic>> {
        // The settings are the root of their folder: a link to settings
        // elsewhere would bring in files from outside it.
        if let Err(refusal) = crate::input::files::Root::at(folder_of(&file)).check(&file) {
            return Err(vec![
                Diagnostic::file(&file, refusal.message("file", COUNCIL_FILE)).with_hint(refusal.hint()),
            ]);
        }
        let text = read_text(&file).map_err(|problem| vec![problem])?;
        let council: Council = parse(&file, &text).map_err(|problem| vec![problem])?;
        let source = Source { path: &file, text: &text };
        let mut problems = date_problems(&source, &council.style.date);
        problems.extend(council.logo.as_ref().and_then(|logo| logo_height_problem(&source, logo)));
        problems.extend(council.page.check(source));
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self { council, file: Some(file), text })
    }

    /// The folder that files named in the settings are relative to.
    pub fn folder(&self) -> &Path {
        self.file.as_deref().map_or(Path::new("."), folder_of)
    }

    /// Where problems in the settings are reported.
    pub fn source(&self) -> Source<'_> {
        Source { path: self.file.as_deref().unwrap_or(Path::new(COUNCIL_FILE)), text: &self.text }
    }

    /// Checks the council's headings against the headings each kind has:
    /// `known` gives, for a kind's name, its keys and their default words.
    pub fn check_headings(&self, known: &KnownHeadings, kinds: &[&str]) -> Vec<Diagnostic> {
        headings::check(self.source(), &self.council.wording.headings, known, kinds)
    }

    /// The style one kind uses: its default headings overlaid with the
    /// council's words for that kind.
    pub fn style(&self, kind: &str, defaults: &[(String, String)]) -> Style {
        let mut headings: BTreeMap<String, String> = defaults.iter().cloned().collect();
        let own = self.council.wording.headings.iter().find(|(name, _)| name.value == kind);
        let own = own.and_then(|(_, headings)| match headings {
            KindHeadings::Kind(headings) => Some(headings),
            KindHeadings::Misplaced(_) => None,
        });
        for (key, words) in own.into_iter().flatten() {
            headings.insert(key.value.clone(), words.value.clone());
        }
        Style {
            date_format: self.council.style.date.value.clone(),
            items: self.council.style.items,
            member: self.council.wording.member.clone(),
            headings,
        }
    }
}

/// The strftime directives that write part of a date.
const DATE_DIRECTIVES: &str = "aAbBhCdejmyYGgUWVuw%";

/// Whether a date format writes only parts of a date, each directive known:
/// the problems at the format's line when not.
/// The most a logo may stand on the page, in millimetres: a quarter of A4.
const MAX_LOGO_HEIGHT: f64 = 75.0;

fn logo_height_problem(source: &Source, logo: &Logo) -> Option<Diagnostic> {
    let height = logo.height;
    if height.is_finite() && height > 0.0 && height <= MAX_LOGO_HEIGHT {
        return None;
    }
    let problem = source.at_key("height", format!("a logo {height} mm high cannot be printed"));
    Some(
        problem
            .with_hint(format!("give the height in millimetres, more than 0 and at most {MAX_LOGO_HEIGHT}")),
    )
}

fn date_problems(source: &Source, format: &Spanned<String>) -> Vec<Diagnostic> {
    let mut chars = format.value.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        let mut directive = chars.next();
        while let Some(flag @ ('-' | '_' | '0' | '^' | '#')) = directive {
            let _ = flag;
            directive = chars.next();
        }
        let problem = match directive {
            Some(d) if DATE_DIRECTIVES.contains(d) => continue,
            Some(d) => format!("`%{d}` in the date style is not a part of a date"),
            None => "the date style ends with a lone `%`".to_owned(),
        };
        let hint = "write dates with %-d (day), %B (month), %Y (year) and %A (weekday): \"%-d %B %Y\" gives 4 June 2017";
        return vec![source.at(format.referenced, problem).with_hint(hint)];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(text: &str) -> Result<Settings, Vec<Diagnostic>> {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join(COUNCIL_FILE), text).unwrap();
        Settings::find(folder.path())
    }

    #[test]
    fn labels_items_in_each_style() {
        assert_eq!(ItemLabels::Letters.label(1), "a.");
        assert_eq!(ItemLabels::Letters.label(27), "aa.");
        assert_eq!(ItemLabels::BracketedLetters.label(2), "(b)");
        assert_eq!(ItemLabels::Roman.label(4), "(iv)");
        assert_eq!(ItemLabels::Roman.label(8), "(viii)");
        assert_eq!(ItemLabels::Roman.label(19), "(xix)");
        assert_eq!(ItemLabels::Numbers.label(3), "3.");
    }

    #[test]
    fn labels_items_under_their_paragraph_number_in_the_decimal_style() {
        assert_eq!(ItemLabels::Decimal.label_under("2.", 1), "2.1");
        assert_eq!(ItemLabels::Decimal.label_under("3.1", 2), "3.1.2");
        assert_eq!(ItemLabels::Decimal.label_under("", 2), "2.");
    }

    #[test]
    fn never_labels_items_in_their_paragraphs_own_style() {
        assert_eq!(ItemLabels::Numbers.label_under("4.", 1), "4.1");
        assert_eq!(ItemLabels::Numbers.label_under("", 1), "1.");
        assert_eq!(ItemLabels::Letters.label_under("4.", 1), "a.");
        assert_eq!(ItemLabels::Roman.label_under("2.3", 3), "(iii)");
    }

    #[test]
    fn errors_at_the_line_of_an_unknown_date_directive() {
        let problems = settings("name: C\nstyle:\n  date: \"%-d %Q %Y\"\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].position, Some((3, 9)));
        assert!(problems[0].message.contains("`%Q`"), "{}", problems[0].message);
    }

    #[test]
    fn accepts_weekdays_and_padding_flags_in_dates() {
        let found = settings("style: { date: \"%A %-d %B %Y\" }\n").unwrap();
        assert_eq!(found.style("k", &[]).date(jiff::civil::date(2016, 7, 19)), "Tuesday 19 July 2016");
    }
}
