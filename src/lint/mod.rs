//! Lints on the prose officers write, in the GOV.UK style councils follow:
//! "4 June 2017" with no ordinal, "%" with a number, "and" not "&", short
//! sentences and abbreviations spelled out at their first use.
//!
//! These are pure functions over text. Markdown is read as a reader sees
//! it: code, URLs, link destinations and HTML are never linted, and every
//! lint points at a byte range of the text as written.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

use crate::input::{Diagnostic, Source, closest};

/// A style rule, known to councils' settings files by its kebab-case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// "1st June" in place of "1 June".
    OrdinalDate,
    /// "percent" or "per cent" in place of "%".
    Percent,
    /// "&" in place of "and".
    Ampersand,
    /// A sentence of more words than a reader takes in at once.
    LongSentence,
    /// An abbreviation not spelled out at its first use.
    Abbreviation,
    /// A Forward Plan reference that does not follow the council's pattern.
    ForwardPlanReference,
}

impl Rule {
    /// Every rule, in the order they are documented.
    pub const ALL: [Rule; 6] = [
        Rule::OrdinalDate,
        Rule::Percent,
        Rule::Ampersand,
        Rule::LongSentence,
        Rule::Abbreviation,
        Rule::ForwardPlanReference,
    ];

    /// The rule's stable name, as a settings file writes it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::OrdinalDate => "ordinal-date",
            Rule::Percent => "percent",
            Rule::Ampersand => "ampersand",
            Rule::LongSentence => "long-sentence",
            Rule::Abbreviation => "abbreviation",
            Rule::ForwardPlanReference => "forward-plan-reference",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Rule::ALL.into_iter().find(|rule| rule.name() == name).ok_or_else(|| UnknownRule(name.to_owned()))
    }
}

/// A rule name that names no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown lint rule `{0}`")]
pub struct UnknownRule(pub String);

impl UnknownRule {
    /// How to fix the name: the closest rule's name, or the list of them.
    pub fn hint(&self) -> String {
        let names = Rule::ALL.map(Rule::name);
        match closest(&self.0, &names) {
            Some(name) => format!("did you mean `{name}`?"),
            None => format!("the rules are {}", names.map(|name| format!("`{name}`")).join(", ")),
        }
    }
}

/// A place in the text that breaks a rule, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// The rule broken.
    pub rule: Rule,
    /// The bytes of the text that break it.
    pub range: Range<usize>,
    /// What is wrong, in a plain lowercase sentence.
    pub message: String,
    /// How to fix it, when that is known.
    pub hint: Option<String>,
}

/// How a council wants its reports linted.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LintSettings {
    /// Rules switched off, by name, such as `long-sentence`.
    pub disabled: Vec<Rule>,
    /// The most words a sentence may have.
    pub max_sentence_words: usize,
    /// The shape of the council's Forward Plan references: `A` stands for a
    /// capital letter, `9` for a digit, and any other character for itself,
    /// so `A999/99` matches `A055/17`. No pattern, no check.
    pub forward_plan_pattern: Option<String>,
    /// Abbreviations the council's readers know and never see spelled out.
    pub known_abbreviations: Vec<String>,
}

impl Default for LintSettings {
    fn default() -> Self {
        Self {
            disabled: Vec::new(),
            max_sentence_words: 25,
            forward_plan_pattern: None,
            known_abbreviations: Vec::new(),
        }
    }
}

impl LintSettings {
    /// Whether `rule` is checked.
    pub fn is_enabled(&self, rule: Rule) -> bool {
        !self.disabled.contains(&rule)
    }
}

/// Lints one Markdown narrative or plain field on its own.
pub fn lint_prose(text: &str, settings: &LintSettings) -> Vec<Lint> {
    lint_text(text, settings, &mut HashSet::new())
}

/// Lints a report's texts in reading order: an abbreviation spelled out in
/// one text may be used bare in the texts after it. Each lint comes with the
/// index of its text.
pub fn lint_document(texts: &[&str], settings: &LintSettings) -> Vec<(usize, Lint)> {
    let mut spelled = HashSet::new();
    let mut lints = Vec::new();
    for (index, text) in texts.iter().enumerate() {
        lints.extend(lint_text(text, settings, &mut spelled).into_iter().map(|lint| (index, lint)));
    }
    lints
}

/// The council's style rules over the prose of a file, in reading order,
/// each warning at the place in the file where its words are written.
pub fn at_lines(source: &Source, texts: &[&str], settings: &LintSettings) -> Vec<Diagnostic> {
    lint_document(texts, settings)
        .into_iter()
        .map(|(index, found)| {
            let message = format!("{} [{}]", found.message, found.rule.name());
            source.at_text(&texts[index][found.range.clone()], message, found.hint)
        })
        .collect()
}

/// Checks a Forward Plan reference against the council's pattern.
pub fn lint_reference(reference: &str, settings: &LintSettings) -> Option<Lint> {
    let pattern = settings.forward_plan_pattern.as_deref()?;
    if !settings.is_enabled(Rule::ForwardPlanReference) || matches_pattern(reference, pattern) {
        return None;
    }
    let hint = match suggest_reference(reference, pattern) {
        Some(fixed) => format!("write `{fixed}`"),
        None => "in the pattern `A` stands for a capital letter and `9` for a digit".to_owned(),
    };
    Some(Lint {
        rule: Rule::ForwardPlanReference,
        range: 0..reference.len(),
        message: format!(
            "Forward Plan reference `{reference}` does not follow the council's pattern `{pattern}`"
        ),
        hint: Some(hint),
    })
}

fn lint_text(text: &str, settings: &LintSettings, spelled: &mut HashSet<String>) -> Vec<Lint> {
    let mut lints = Vec::new();
    for block in blocks(text) {
        let on = |rule| settings.is_enabled(rule);
        if on(Rule::OrdinalDate) {
            lints.extend(ordinal_dates(&block));
        }
        if on(Rule::Percent) {
            lints.extend(percents(&block));
        }
        if on(Rule::Ampersand) {
            lints.extend(ampersands(&block, text));
        }
        if on(Rule::LongSentence) && block.kind == BlockKind::Prose {
            lints.extend(long_sentences(&block, settings.max_sentence_words));
        }
        if on(Rule::Abbreviation) {
            lints.extend(abbreviations(&block, &settings.known_abbreviations, spelled));
        }
    }
    lints.sort_by_key(|lint| lint.range.start);
    lints
}

// The text as a reader sees it.

/// Stands in the visible text for what is not prose, such as code or a URL,
/// so that no word or sentence runs across it.
const HIDDEN: &str = "\u{fffc}";

/// One block of visible text: a paragraph, list item, heading or table cell.
struct Block {
    kind: BlockKind,
    text: String,
    /// Where each piece of `text` comes from, in order.
    chunks: Vec<Chunk>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    /// Paragraphs and list items, read as sentences.
    Prose,
    Heading,
    TableCell,
    /// Code and HTML blocks, never linted.
    Hidden,
}

struct Chunk {
    /// Its start in the block's text.
    at: usize,
    /// Its bytes in the source.
    source: Range<usize>,
    /// Whether its text is its source byte for byte, not an entity, an
    /// escape or a stand-in.
    exact: bool,
}

impl Block {
    fn new(kind: BlockKind) -> Self {
        Self { kind, text: String::new(), chunks: Vec::new() }
    }

    fn push(&mut self, text: &str, source: Range<usize>, exact: bool) {
        self.chunks.push(Chunk { at: self.text.len(), source, exact });
        self.text.push_str(text);
    }

    /// The bytes of the source that a range of the text shows.
    fn source_range(&self, visible: Range<usize>) -> Range<usize> {
        self.source_at(visible.start, false)..self.source_at(visible.end, true)
    }

    fn source_at(&self, at: usize, is_end: bool) -> usize {
        let after = self.chunks.partition_point(|chunk| chunk.at < at || (!is_end && chunk.at == at));
        let chunk = &self.chunks[after.saturating_sub(1)];
        match (chunk.exact, is_end) {
            (true, _) => chunk.source.start + at.saturating_sub(chunk.at),
            (false, false) => chunk.source.start,
            (false, true) => chunk.source.end,
        }
    }

    fn lint(&self, rule: Rule, visible: Range<usize>, message: String, hint: String) -> Lint {
        Lint { rule, range: self.source_range(visible), message, hint: Some(hint) }
    }
}

/// The blocks of visible text of a Markdown document.
fn blocks(source: &str) -> Vec<Block> {
    let mut reader = Reader { source, stack: Vec::new(), blocks: Vec::new(), current: None, autolink: false };
    for (event, range) in Parser::new_ext(source, Options::ENABLE_TABLES).into_offset_iter() {
        reader.event(event, range);
    }
    reader.flush();
    reader.blocks
}

struct Reader<'a> {
    source: &'a str,
    /// The kinds of the open blocks, innermost last.
    stack: Vec<BlockKind>,
    blocks: Vec<Block>,
    current: Option<Block>,
    /// Inside `<https://…>`, whose text is a URL.
    autolink: bool,
}

impl Reader<'_> {
    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }) => {
                self.autolink = true
            }
            Event::End(TagEnd::Link) => self.autolink = false,
            Event::Start(tag) if !is_inline(&tag.to_end()) => {
                self.flush();
                self.stack.push(block_kind(&tag, self.kind()));
            }
            Event::End(tag) if !is_inline(&tag) => {
                self.flush();
                self.stack.pop();
            }
            Event::Start(_) | Event::End(_) | Event::TaskListMarker(_) | Event::Rule => {}
            Event::Text(_) if self.autolink => self.hide(range),
            Event::Text(text) => self.text(&text, range),
            Event::SoftBreak | Event::HardBreak => self.block().push(" ", range, false),
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => self.hide(range),
        }
    }

    fn kind(&self) -> BlockKind {
        self.stack.last().copied().unwrap_or(BlockKind::Prose)
    }

    fn block(&mut self) -> &mut Block {
        let kind = self.kind();
        self.current.get_or_insert_with(|| Block::new(kind))
    }

    fn flush(&mut self) {
        match self.current.take() {
            Some(block) if block.kind != BlockKind::Hidden && !block.text.trim().is_empty() => {
                self.blocks.push(block)
            }
            _ => {}
        }
    }

    fn hide(&mut self, range: Range<usize>) {
        self.block().push(HIDDEN, range, false);
    }

    /// Adds text, hiding the URLs written in it.
    fn text(&mut self, text: &str, range: Range<usize>) {
        if self.source.get(range.clone()) != Some(text) {
            return self.block().push(text, range, false);
        }
        let mut done = 0;
        for url in urls(text) {
            self.block().push(&text[done..url.start], range.start + done..range.start + url.start, true);
            self.hide(range.start + url.start..range.start + url.end);
            done = url.end;
        }
        self.block().push(&text[done..], range.start + done..range.end, true);
    }
}

fn is_inline(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn block_kind(tag: &Tag, parent: BlockKind) -> BlockKind {
    match tag {
        _ if parent == BlockKind::Hidden => BlockKind::Hidden,
        Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => BlockKind::Hidden,
        Tag::Heading { .. } => BlockKind::Heading,
        Tag::TableCell => BlockKind::TableCell,
        Tag::Paragraph | Tag::Item => BlockKind::Prose,
        _ => parent,
    }
}

/// The URLs written as plain words in a text, without the punctuation that
/// follows them.
fn urls(text: &str) -> Vec<Range<usize>> {
    let prefixes = ["http://", "https://", "www.", "mailto:"];
    runs(text, |c| !c.is_whitespace())
        .into_iter()
        .filter_map(|(at, token)| {
            let trimmed = token.trim_start_matches(OPENING).trim_start_matches('<');
            let start = at + token.len() - trimmed.len();
            let url = trimmed.trim_end_matches(|c| CLOSING.contains(&c) || ".,;:!?>".contains(c));
            let lower = url.to_ascii_lowercase();
            prefixes.iter().any(|prefix| lower.starts_with(prefix)).then(|| start..start + url.len())
        })
        .collect()
}

/// The maximal runs of characters that satisfy `keep`, with their starts.
fn runs(text: &str, keep: impl Fn(char) -> bool) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (start, keep(c) && at < text.len()) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                runs.push((from, &text[from..at]));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// The words of a text: its runs of letters and digits.
fn words(text: &str) -> Vec<(usize, &str)> {
    runs(text, char::is_alphanumeric)
}

/// Whether only whitespace, and some, stands between two places of a text.
fn spaced(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to).is_some_and(|gap| !gap.is_empty() && gap.chars().all(char::is_whitespace))
}

// ordinal-date

/// Month names, and their short forms, as a date may write them.
const MONTHS: &str = "January February March April May June July August September October November \
                      December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec";

fn ordinal_dates(block: &Block) -> Vec<Lint> {
    let words = words(&block.text);
    let mut lints = Vec::new();
    for i in 0..words.len() {
        let Some((first, last, date)) = ordinal_date(&block.text, &words, i) else { continue };
        let visible = words[first].0..words[last].0 + words[last].1.len();
        let message = format!("ordinal in a date: `{}`", &block.text[visible.clone()]);
        lints.push(block.lint(Rule::OrdinalDate, visible, message, format!("write `{date}`")));
    }
    lints
}

/// The ordinal date around the word at `i`, if it is an ordinal next to a
/// month: its first and last words, and the date as GOV.UK writes it.
/// "the 22nd of March" gives "22 March", "June 1st, 2017" "1 June 2017".
fn ordinal_date(text: &str, words: &[(usize, &str)], i: usize) -> Option<(usize, usize, String)> {
    let day = ordinal_day(words[i].1)?;
    let word = |j: usize| words.get(j).map(|&(_, word)| word);
    let gap = |j: usize| words.get(j + 1).map_or("", |&(next, _)| &text[words[j].0 + words[j].1.len()..next]);
    let joined = |j: usize| !gap(j).is_empty() && gap(j).trim().is_empty();
    let of = usize::from(word(i + 1) == Some("of") && joined(i));
    if word(i + 1 + of).is_some_and(is_month) && joined(i + of) {
        let the = i > 0 && matches!(word(i - 1), Some("the" | "The")) && joined(i - 1);
        return Some((i - usize::from(the), i + 1 + of, format!("{day} {}", words[i + 1 + of].1)));
    }
    let month = word(i.checked_sub(1)?).filter(|&month| is_month(month) && joined(i - 1))?;
    let year = word(i + 1).filter(|year| {
        let comma = matches!(gap(i).trim(), "" | ",") && gap(i).ends_with(char::is_whitespace);
        comma && year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())
    });
    Some(match year {
        Some(year) => (i - 1, i + 1, format!("{day} {month} {year}")),
        None => (i - 1, i, format!("{day} {month}")),
    })
}

/// The day of an ordinal such as "22nd": "22".
fn ordinal_day(word: &str) -> Option<&str> {
    let digits = word.trim_end_matches(char::is_alphabetic);
    let suffix = word[digits.len()..].to_ascii_lowercase();
    let day: u8 = digits.parse().ok().filter(|_| digits.len() <= 2)?;
    (matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") && (1..=31).contains(&day)).then_some(digits)
}

fn is_month(word: &str) -> bool {
    MONTHS.split_whitespace().any(|month| month == word)
}

// percent

fn percents(block: &Block) -> Vec<Lint> {
    let text = &block.text;
    let words = words(text);
    let mut lints = Vec::new();
    for (i, &(at, word)) in words.iter().enumerate() {
        let end = match words.get(i + 1) {
            _ if word.eq_ignore_ascii_case("percent") => at + word.len(),
            Some(&(next, cent))
                if word.eq_ignore_ascii_case("per")
                    && cent.eq_ignore_ascii_case("cent")
                    && spaced(text, at + word.len(), next) =>
            {
                next + cent.len()
            }
            _ => continue,
        };
        lints.push(percent_lint(block, at..end));
    }
    lints
}

/// The lint for "per cent" at `words`, taking in the number before it.
fn percent_lint(block: &Block, words: Range<usize>) -> Lint {
    let before = &block.text[..words.start];
    let end = before.trim_end().len();
    let start = before[..end].trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',').len();
    let number = &before[start..end];
    let message = format!("percent in words: `{}`", &block.text[words.clone()]);
    let is_number =
        number.starts_with(|c: char| c.is_ascii_digit()) && number.ends_with(|c: char| c.is_ascii_digit());
    if is_number && end < before.len() {
        let hint = format!("write `{number}%`");
        return block.lint(Rule::Percent, start..words.end, message, hint);
    }
    block.lint(Rule::Percent, words, message, "write `%` after the number, as in `46.5%`".to_owned())
}

// ampersand

fn ampersands(block: &Block, source: &str) -> Vec<Lint> {
    let text = &block.text;
    let mut lints = Vec::new();
    for (at, _) in text.match_indices('&') {
        let before = text[..at].chars().next_back();
        let after = text[at + 1..].chars().next();
        let alone = before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace);
        // An entity such as `&amp;` shows as "&" but is written otherwise.
        if !alone || source.get(block.source_range(at..at + 1)) != Some("&") {
            continue;
        }
        let tokens = |text| runs(text, |c| !c.is_whitespace());
        let from = tokens(&text[..at]).last().map_or(at, |&(start, _)| start);
        let to = tokens(&text[at + 1..]).first().map_or(at + 1, |&(start, next)| at + 1 + start + next.len());
        let words = text[from..to].trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        let message = format!("ampersand in prose: `{words}`");
        lints.push(block.lint(Rule::Ampersand, at..at + 1, message, "write `and`".to_owned()));
    }
    lints
}

// long-sentence

const CLOSING: [char; 6] = [')', ']', '"', '\'', '”', '’'];
const OPENING: [char; 5] = ['(', '[', '"', '“', '‘'];

/// Words ending in "." that do not end a sentence.
const NO_STOP: [&str; 13] =
    ["e.g", "i.e", "inc", "etc", "mr", "mrs", "ms", "dr", "cllr", "st", "vs", "cf", "approx"];

fn long_sentences(block: &Block, max_words: usize) -> Vec<Lint> {
    let mut lints = Vec::new();
    for (index, sentence) in sentences(&block.text).into_iter().enumerate() {
        let tokens = runs(&block.text[sentence.clone()], |c| !c.is_whitespace());
        let mut words = tokens.iter().filter(|(_, token)| token.contains(char::is_alphanumeric)).count();
        if index == 0 && tokens.first().is_some_and(|(_, token)| is_paragraph_number(token)) {
            words -= 1;
        }
        if words > max_words {
            let message = format!("a sentence of {words} words (more than {max_words})");
            lints.push(block.lint(Rule::LongSentence, sentence, message, "split it in two".to_owned()));
        }
    }
    lints
}

/// The sentences of a text, without the spaces between them.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut ends: Vec<usize> = text
        .char_indices()
        .filter(|&(at, c)| matches!(c, '.' | '!' | '?') && ends_sentence(text, at, c))
        .map(|(at, _)| text.len() - text[at + 1..].trim_start_matches(CLOSING).len())
        .collect();
    ends.push(text.len());
    let mut start = 0;
    let mut sentences = Vec::new();
    for end in ends {
        let from = end - text[start..end].trim_start().len();
        if from < end {
            sentences.push(from..end);
        }
        start = end;
    }
    sentences
}

/// Whether the stop at `at` ends a sentence: a space and a capital follow it,
/// and it ends no abbreviation such as "e.g." or an initial.
fn ends_sentence(text: &str, at: usize, stop: char) -> bool {
    let after = text[at + stop.len_utf8()..].trim_start_matches(CLOSING);
    let Some(next) = after.strip_prefix(char::is_whitespace) else { return after.is_empty() };
    let next = next.trim_start().trim_start_matches(OPENING);
    next.chars().next().is_none_or(char::is_uppercase) && (stop != '.' || !abbreviated(&text[..at]))
}

/// Whether a text ends in an abbreviation, so that a "." after it is not a
/// full stop.
fn abbreviated(before: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or_default().trim_start_matches(OPENING);
    let initials = !word.is_empty()
        && word.split('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
        });
    initials || word == "No" || NO_STOP.contains(&word.to_lowercase().as_str())
}

/// Whether a word is a paragraph number such as "1.1" or "5.1.2".
fn is_paragraph_number(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2 && parts.iter().all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

// abbreviation

/// Abbreviations councils never spell out.
const KNOWN: [&str; 10] = ["UK", "GCSE", "NHS", "BBC", "EU", "PDF", "URL", "MP", "OK", "CEO"];

fn abbreviations(block: &Block, known: &[String], spelled: &mut HashSet<String>) -> Vec<Lint> {
    let text = &block.text;
    if shouting(text) {
        return Vec::new();
    }
    let mut lints = Vec::new();
    for (at, word) in words(text) {
        let Some(base) = abbreviation_base(word) else { continue };
        let is_known = |name: &str| KNOWN.contains(&name) || known.iter().any(|k| k == name);
        if is_known(word) || is_known(base) || !spelled.insert(base.to_owned()) {
            continue;
        }
        if !spelled_out(text, at..at + word.len(), base) {
            let message = format!("abbreviation `{word}` is not spelled out at its first use");
            let hint = format!("write it out in full first, followed by `({word})`");
            lints.push(block.lint(Rule::Abbreviation, at..at + word.len(), message, hint));
        }
    }
    lints
}

/// An abbreviation's letters: "EHCP" for "EHCPs". None for a word that is
/// not one, or is a roman numeral.
fn abbreviation_base(word: &str) -> Option<&str> {
    let base = word.strip_suffix('s').unwrap_or(word);
    let capitals = (2..=6).contains(&base.len()) && base.bytes().all(|b| b.is_ascii_uppercase());
    (capitals && !is_roman_numeral(base)).then_some(base)
}

/// Whether a word is a roman numeral from I to XXXIX, as in "Part IV".
fn is_roman_numeral(word: &str) -> bool {
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    (1..40).any(|n| format!("{}{}", "X".repeat(n / 10), UNITS[n % 10]) == word)
}

/// Whether a text is written all in capitals, as some headings are.
fn shouting(text: &str) -> bool {
    let words: Vec<&str> = words(text).into_iter().map(|(_, word)| word).filter(|w| w.len() > 1).collect();
    words.len() >= 3 && words.iter().all(|word| !word.contains(char::is_lowercase))
}

/// Whether an abbreviation at `word` is spelled out beside it, as in
/// "post inspection action plan (PIAP)" or "PIAP (post inspection action
/// plan)": the initials of the words in or before the brackets hold its
/// letters in order.
fn spelled_out(text: &str, word: Range<usize>, base: &str) -> bool {
    let letters = base.to_ascii_lowercase();
    let before = &text[..word.start];
    if let Some(before) = before.strip_suffix('(').filter(|_| text[word.end..].starts_with(')')) {
        let words = words(before);
        let window = &words[words.len().saturating_sub(2 * base.len() + 2)..];
        return is_subsequence(&letters, &initials(window));
    }
    let after = text[word.end..].trim_start();
    let inside = after.strip_prefix('(').and_then(|inside| inside.split_once(')')).map(|(inside, _)| inside);
    inside.is_some_and(|inside| is_subsequence(&letters, &initials(&words(inside))))
}

/// The initials of words, lowercase; a word in capitals, such as "HM" in
/// "HM Revenue and Customs", gives all its letters.
fn initials(words: &[(usize, &str)]) -> String {
    let mut initials = String::new();
    for &(_, word) in words {
        if word.len() > 1 && word.chars().all(|c| c.is_uppercase()) {
            initials.extend(word.chars().flat_map(char::to_lowercase));
        } else {
            initials.extend(word.chars().take(1).flat_map(char::to_lowercase));
        }
    }
    initials
}

fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut haystack = haystack.chars();
    needle.chars().all(|c| haystack.any(|h| h == c))
}

// forward-plan-reference

fn matches_pattern(reference: &str, pattern: &str) -> bool {
    reference.chars().count() == pattern.chars().count()
        && reference.chars().zip(pattern.chars()).all(|(c, p)| match p {
            'A' => c.is_ascii_uppercase(),
            '9' => c.is_ascii_digit(),
            p => c == p,
        })
}

/// The reference trimmed, its letters in capitals and its numbers padded
/// with zeros, when that makes it follow the pattern: `A055/17` for `a55/17`.
fn suggest_reference(reference: &str, pattern: &str) -> Option<String> {
    let mut rest = reference.trim();
    let mut fixed = String::new();
    let mut pattern = pattern.chars().peekable();
    while let Some(p) = pattern.next() {
        match p {
            '9' => {
                let width = 1 + std::iter::from_fn(|| pattern.next_if_eq(&'9')).count();
                let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                if digits == 0 || digits > width {
                    return None;
                }
                fixed.push_str(&"0".repeat(width - digits));
                fixed.push_str(&rest[..digits]);
                rest = &rest[digits..];
            }
            'A' => {
                let letter = rest.chars().next().filter(char::is_ascii_alphabetic)?;
                fixed.push(letter.to_ascii_uppercase());
                rest = &rest[1..];
            }
            p => {
                rest = rest.strip_prefix(p)?;
                fixed.push(p);
            }
        }
    }
    (rest.is_empty() && fixed != reference).then_some(fixed)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn lints(text: &str) -> Vec<Lint> {
        lint_prose(text, &LintSettings::default())
    }

    fn of_rule(text: &str, rule: Rule) -> Vec<Lint> {
        lints(text).into_iter().filter(|lint| lint.rule == rule).collect()
    }

    /// The text each lint of `rule` points at.
    fn flagged(text: &str, rule: Rule) -> Vec<&str> {
        of_rule(text, rule).into_iter().map(|lint| &text[lint.range]).collect()
    }

    fn hints(text: &str, rule: Rule) -> Vec<String> {
        of_rule(text, rule).into_iter().filter_map(|lint| lint.hint).collect()
    }

    #[test]
    fn names_rules_in_kebab_case_both_ways() {
        for rule in Rule::ALL {
            assert_eq!(rule.name().parse::<Rule>(), Ok(rule));
            assert_eq!(rule.to_string(), rule.name());
        }
        assert_eq!("forward-plan-reference".parse(), Ok(Rule::ForwardPlanReference));
        let error = "ordnal-date".parse::<Rule>().unwrap_err();
        assert_eq!(error.to_string(), "unknown lint rule `ordnal-date`");
        assert_eq!(error.hint(), "did you mean `ordinal-date`?");
    }

    #[test]
    fn reads_settings_with_rules_by_name() {
        let settings: LintSettings = serde_json::from_str(
            r#"{"disabled": ["long-sentence", "ampersand"], "forward_plan_pattern": "A999/99"}"#,
        )
        .unwrap();
        assert_eq!(settings.disabled, [Rule::LongSentence, Rule::Ampersand]);
        assert_eq!(settings.max_sentence_words, 25);
        assert!(!settings.is_enabled(Rule::Ampersand) && settings.is_enabled(Rule::Percent));
        assert!(serde_json::from_str::<LintSettings>(r#"{"disabled": ["ordinal"]}"#).is_err());
    }

    #[test]
    fn flags_ordinals_in_dates() {
        let text = "Reviews of all children who have moved placement since 1st April 2016 are under way.";
        let lint = &of_rule(text, Rule::OrdinalDate)[0];
        assert_eq!(&text[lint.range.clone()], "1st April");
        assert_eq!(lint.message, "ordinal in a date: `1st April`");
        assert_eq!(lint.hint.as_deref(), Some("write `1 April`"));
        assert_eq!(flagged("Open on 1st June.", Rule::OrdinalDate), ["1st June"]);
        assert_eq!(flagged("Due June 1st.", Rule::OrdinalDate), ["June 1st"]);
    }

    #[test]
    fn takes_in_the_words_an_ordinal_date_needs_rewritten() {
        let text = "in the week commencing the 4th July 2016";
        assert_eq!(flagged(text, Rule::OrdinalDate), ["the 4th July"]);
        assert_eq!(hints(text, Rule::OrdinalDate), ["write `4 July`"]);
        let text = "held on the 22nd of March";
        assert_eq!(flagged(text, Rule::OrdinalDate), ["the 22nd of March"]);
        assert_eq!(hints(text, Rule::OrdinalDate), ["write `22 March`"]);
        let text = "signed on June 1st, 2017 by";
        assert_eq!(flagged(text, Rule::OrdinalDate), ["June 1st, 2017"]);
        assert_eq!(hints(text, Rule::OrdinalDate), ["write `1 June 2017`"]);
    }

    #[test]
    fn leaves_ordinals_that_are_not_dates() {
        assert!(flagged("Meet on the 1st floor in the 21st century.", Rule::OrdinalDate).is_empty());
        assert!(flagged("the 2nd may be late; 32nd March; 4 July 2016", Rule::OrdinalDate).is_empty());
        assert!(flagged("see `1st June` and 1st, June", Rule::OrdinalDate).is_empty());
    }

    #[test]
    fn flags_percent_in_words_with_its_number() {
        let text = "Attainment rose to 46.5 per cent this year.";
        let lint = &of_rule(text, Rule::Percent)[0];
        assert_eq!(&text[lint.range.clone()], "46.5 per cent");
        assert_eq!(lint.message, "percent in words: `per cent`");
        assert_eq!(lint.hint.as_deref(), Some("write `46.5%`"));
        let text = "A high Percent of pupils.";
        assert_eq!(flagged(text, Rule::Percent), ["Percent"]);
        assert_eq!(hints(text, Rule::Percent), ["write `%` after the number, as in `46.5%`"]);
        assert_eq!(flagged("rose by 3 PERCENT", Rule::Percent), ["3 PERCENT"]);
    }

    #[test]
    fn leaves_percentages_and_percent_signs() {
        assert!(flagged("The percentage was 46.5% against a percentile of 3.", Rule::Percent).is_empty());
    }

    #[test]
    fn flags_an_ampersand_between_words() {
        let text = "5 or more GCSEs (inc. English & mathematics)";
        let lint = &of_rule(text, Rule::Ampersand)[0];
        assert_eq!(&text[lint.range.clone()], "&");
        assert_eq!(lint.range.start, text.find('&').unwrap());
        assert_eq!(lint.message, "ampersand in prose: `English & mathematics`");
        assert_eq!(lint.hint.as_deref(), Some("write `and`"));
        assert_eq!(flagged("## Health & Wellbeing", Rule::Ampersand), ["&"]);
        assert_eq!(flagged("| Health & Wellbeing |\n|---|\n| x |", Rule::Ampersand), ["&"]);
    }

    #[test]
    fn leaves_ampersands_in_urls_code_entities_and_abbreviations() {
        let text = "\
Waits at A&E and R&D grew; see https://example.org/a?x=1&y=2 and <https://a.uk/?p&q>.
Read [the plan](https://a.uk/?a=1&b=2), run `a & b`, write Health &amp; Care.

```
a & b
```
";
        assert!(flagged(text, Rule::Ampersand).is_empty(), "{:?}", lints(text));
    }

    #[test]
    fn flags_a_sentence_longer_than_the_limit_at_its_start() {
        let long = "This sentence has words enough to go well over the limit of twenty five words that \
                    the council sets for every sentence of its reports to the Council.";
        let text = format!("It is short. {long} Another short one.");
        let lint = &of_rule(&text, Rule::LongSentence)[0];
        assert_eq!(&text[lint.range.clone()], long);
        assert_eq!(lint.message, "a sentence of 28 words (more than 25)");
        assert_eq!(lint.hint.as_deref(), Some("split it in two"));
    }

    #[test]
    fn counts_sentences_as_a_reader_sees_them() {
        let text = "1.1 One two three four five six seven eight nine ten eleven twelve thirteen fourteen \
                    fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree \
                    twentyfour twentyfive.";
        assert!(flagged(text, Rule::LongSentence).is_empty(), "the paragraph number is no word");
        let text = "One two `three four five six` seven [eight](https://a.uk/nine/ten) \
                    https://a.uk/eleven twelve";
        let settings = LintSettings { max_sentence_words: 4, ..LintSettings::default() };
        assert_eq!(lint_prose(text, &settings)[0].message, "a sentence of 5 words (more than 4)");
    }

    #[test]
    fn does_not_end_sentences_at_abbreviations_decimals_or_initials() {
        let text = "Mr. J. Smith and Dr. Jones saw e.g. Item No. 5 at 10.5 per cent (inc. Ofsted) etc. Then";
        assert_eq!(sentences(text).len(), 1, "{:?}", sentences(text));
        let text = "It rose. Then it fell! Why? Because. and so";
        let split: Vec<&str> = sentences(text).into_iter().map(|range| &text[range]).collect();
        assert_eq!(split, ["It rose.", "Then it fell!", "Why?", "Because. and so"]);
    }

    #[test]
    fn measures_list_items_on_their_own_and_skips_tables_and_code() {
        let item = "word ".repeat(20);
        let text = format!("- {item}\n- {item}\n\n| {item} {item} |\n|---|\n\n```\n{item} {item}\n```\n");
        let settings = LintSettings { max_sentence_words: 25, ..LintSettings::default() };
        assert!(lint_prose(&text, &settings).is_empty());
        let text = format!("- {item}{item}\n- short");
        let lint = &of_rule(&text, Rule::LongSentence)[0];
        assert_eq!(lint.range.start, 2);
    }

    #[test]
    fn flags_an_abbreviation_not_spelled_out_at_its_first_use() {
        let text = "The PIAP was agreed. The PIAP is on track.";
        let lint = &of_rule(text, Rule::Abbreviation)[0];
        assert_eq!(of_rule(text, Rule::Abbreviation).len(), 1);
        assert_eq!(lint.range, 4..8);
        assert_eq!(lint.message, "abbreviation `PIAP` is not spelled out at its first use");
        assert_eq!(lint.hint.as_deref(), Some("write it out in full first, followed by `(PIAP)`"));
        assert_eq!(flagged("Plans for EHCPs and the EHCP team.", Rule::Abbreviation), ["EHCPs"]);
        assert_eq!(flagged("The CQC (see Appendix A) visited.", Rule::Abbreviation), ["CQC"]);
    }

    #[test]
    fn accepts_abbreviations_spelled_out_before_or_after() {
        let text = "The post inspection action plan (PIAP) has been agreed by Ofsted. The PIAP is on track.";
        assert!(flagged(text, Rule::Abbreviation).is_empty());
        let text = "The SEND (special educational needs and disabilities) reforms; SEND pupils.";
        assert!(flagged(text, Rule::Abbreviation).is_empty());
        let text = "Education, Health and Care Plans (EHCPs) and the NHS England Board (NHSEB).";
        assert!(flagged(text, Rule::Abbreviation).is_empty());
    }

    #[test]
    fn leaves_known_abbreviations_roman_numerals_and_capitals() {
        let text = "5 or more GCSEs at the NHS, in the UK, under Part IV and XII. `CQC` A&E.\n\n## NOTHING TO REPORT";
        assert!(flagged(text, Rule::Abbreviation).is_empty());
        let settings = LintSettings { known_abbreviations: vec!["CQC".into()], ..LintSettings::default() };
        assert!(lint_prose("The CQC rated it good.", &settings).is_empty());
    }

    #[test]
    fn carries_spelled_out_abbreviations_across_a_document() {
        let texts =
            ["The Hertfordshire Safeguarding Children Board (HSCB) met.", "The HSCB and the CQC met."];
        let lints = lint_document(&texts, &LintSettings::default());
        assert_eq!(lints.len(), 1);
        let (index, lint) = &lints[0];
        assert_eq!((*index, &texts[1][lint.range.clone()]), (1, "CQC"));
        assert_eq!(lint_prose(texts[1], &LintSettings::default()).len(), 2);
    }

    #[test]
    fn lints_every_text_of_a_document_by_its_index() {
        let texts = ["Since 1st April.", "Health & Wellbeing", "Nothing to report."];
        let found: Vec<(usize, Rule)> = lint_document(&texts, &LintSettings::default())
            .into_iter()
            .map(|(i, lint)| (i, lint.rule))
            .collect();
        assert_eq!(found, [(0, Rule::OrdinalDate), (1, Rule::Ampersand)]);
    }

    #[test]
    fn points_at_the_source_through_markup_and_entities() {
        let text = "**Since** the &lt; *1st April* and [Health & Care](https://a.uk/?a&b)";
        assert_eq!(flagged(text, Rule::OrdinalDate), ["1st April"]);
        assert_eq!(flagged(text, Rule::Ampersand), ["&"]);
        assert_eq!(of_rule(text, Rule::Ampersand)[0].range.start, text.find(" & ").unwrap() + 1);
    }

    #[test]
    fn reports_nothing_for_disabled_rules() {
        let text = "The CQC met on 1st June & rose 5 per cent. ".to_owned() + &"word ".repeat(30);
        assert_eq!(lints(&text).len(), 5);
        let settings = LintSettings { disabled: Rule::ALL.to_vec(), ..LintSettings::default() };
        assert!(lint_prose(&text, &settings).is_empty());
        let settings = LintSettings { forward_plan_pattern: Some("A999/99".into()), ..settings };
        assert_eq!(lint_reference("A55/17", &settings), None);
    }

    /// Text made of the pieces the rules look for, in any order.
    fn prose() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "1st",
            "June",
            "of",
            "the",
            " ",
            "  ",
            "\n",
            "\n\n",
            "per",
            "cent",
            "&",
            "&amp;",
            "A&E",
            "(",
            ")",
            "PIAP",
            "EHCPs",
            ". ",
            "e.g.",
            "? ",
            "`",
            "**",
            "[",
            "](",
            "https://a.uk/?a&b",
            "<",
            ">",
            "| ",
            "|---|",
            "- ",
            "1. ",
            "# ",
            "\\",
            "é",
            "’",
            "\u{fffc}",
            "46.5",
            "A999/99",
            "9",
        ]);
        let piece = prop_oneof![pieces.prop_map(str::to_owned), "\\PC{0,3}"];
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn points_every_lint_at_whole_characters_of_any_text(text in prose(), other in prose()) {
            let settings = LintSettings { max_sentence_words: 3, ..LintSettings::default() };
            for (index, lint) in lint_document(&[&text, &other], &settings) {
                let source = [&text, &other][index];
                prop_assert!(source.get(lint.range.clone()).is_some(), "{lint:?} in {source:?}");
            }
            let settings = LintSettings { forward_plan_pattern: Some(other.clone()), ..settings };
            if let Some(lint) = lint_reference(&text, &settings) {
                prop_assert_eq!(lint.range, 0..text.len());
            }
        }
    }

    #[test]
    fn checks_forward_plan_references_against_the_pattern() {
        let settings =
            LintSettings { forward_plan_pattern: Some("A999/99".into()), ..LintSettings::default() };
        assert_eq!(lint_reference("A055/17", &settings), None);
        let lint = lint_reference("A55/17", &settings).unwrap();
        assert_eq!(lint.rule, Rule::ForwardPlanReference);
        assert_eq!(lint.range, 0..6);
        assert_eq!(
            lint.message,
            "Forward Plan reference `A55/17` does not follow the council's pattern `A999/99`"
        );
        assert_eq!(lint.hint.as_deref(), Some("write `A055/17`"));
        let hint = lint_reference("55/17", &settings).unwrap().hint.unwrap();
        assert_eq!(hint, "in the pattern `A` stands for a capital letter and `9` for a digit");
        assert_eq!(lint_reference("a055/17 ", &settings).unwrap().hint.as_deref(), Some("write `A055/17`"));
        assert_eq!(lint_reference("A55/17", &LintSettings::default()), None);
    }
}
