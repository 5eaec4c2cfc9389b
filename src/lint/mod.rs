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
#[cfg(test)]
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
            source.at_words(texts[index], found.range, message, found.hint).with_rule(found.rule.name())
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

mod blocks;
mod rules;
#[cfg(test)]
mod tests;

use blocks::{BlockKind, blocks};
use rules::*;
