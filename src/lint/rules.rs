//! The style rules, each over one block of prose.

use std::collections::HashSet;
use std::ops::Range;

use super::blocks::{Block, CLOSING, HIDDEN, OPENING, runs, spaced, words};
use super::{Lint, Rule};

// ordinal-date

/// Month names, and their short forms, as a date may write them.
pub(super) const MONTHS: &str = "January February March April May June July August September October November \
                      December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec";

pub(super) fn ordinal_dates(block: &Block) -> Vec<Lint> {
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
pub(super) fn ordinal_date(text: &str, words: &[(usize, &str)], i: usize) -> Option<(usize, usize, String)> {
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
pub(super) fn ordinal_day(word: &str) -> Option<&str> {
    let digits = word.trim_end_matches(char::is_alphabetic);
    let suffix = word[digits.len()..].to_ascii_lowercase();
    let day: u8 = digits.parse().ok().filter(|_| digits.len() <= 2)?;
    (matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") && (1..=31).contains(&day)).then_some(digits)
}

pub(super) fn is_month(word: &str) -> bool {
    MONTHS.split_whitespace().any(|month| month == word)
}

// percent

pub(super) fn percents(block: &Block) -> Vec<Lint> {
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
pub(super) fn percent_lint(block: &Block, words: Range<usize>) -> Lint {
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

pub(super) fn ampersands(block: &Block, source: &str) -> Vec<Lint> {
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

/// Words ending in "." that do not end a sentence.
pub(super) const NO_STOP: [&str; 13] =
    ["e.g", "i.e", "inc", "etc", "mr", "mrs", "ms", "dr", "cllr", "st", "vs", "cf", "approx"];

pub(super) fn long_sentences(block: &Block, max_words: usize) -> Vec<Lint> {
    let mut lints = Vec::new();
    for (index, sentence) in sentences(&block.text).into_iter().enumerate() {
        let tokens = runs(&block.text[sentence.clone()], |c| !c.is_whitespace());
        let mut words = tokens.iter().filter(|(_, token)| token.contains(char::is_alphanumeric)).count();
        if index == 0 && tokens.first().is_some_and(|(_, token)| is_paragraph_number(token)) {
            words -= 1;
        }
        if words > max_words {
            let quoted = shortened(&block.text[sentence.clone()]);
            let message = format!("a sentence of {words} words (more than {max_words}): \"{quoted}\"");
            lints.push(block.lint(Rule::LongSentence, sentence, message, "split it in two".to_owned()));
        }
    }
    lints
}

/// The most words of a sentence quoted whole in a warning.
const QUOTED_WORDS: usize = 16;

/// A sentence as a warning quotes it: whole when short, else its first and
/// last words around "…", on one line, with "…" for code and addresses.
pub(super) fn shortened(sentence: &str) -> String {
    // Code and addresses, hidden from the rules, are left out of the quote.
    let words: Vec<&str> =
        sentence.split_whitespace().map(|word| if word == HIDDEN { "…" } else { word }).collect();
    if words.len() <= QUOTED_WORDS {
        return words.join(" ");
    }
    format!("{} … {}", words[..10].join(" "), words[words.len() - 4..].join(" "))
}

/// The sentences of a text, without the spaces between them.
pub(super) fn sentences(text: &str) -> Vec<Range<usize>> {
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
pub(super) fn ends_sentence(text: &str, at: usize, stop: char) -> bool {
    let after = text[at + stop.len_utf8()..].trim_start_matches(CLOSING);
    let Some(next) = after.strip_prefix(char::is_whitespace) else { return after.is_empty() };
    let next = next.trim_start().trim_start_matches(OPENING);
    next.chars().next().is_none_or(char::is_uppercase) && (stop != '.' || !abbreviated(&text[..at]))
}

/// Whether a text ends in an abbreviation, so that a "." after it is not a
/// full stop.
pub(super) fn abbreviated(before: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or_default().trim_start_matches(OPENING);
    let initials = !word.is_empty()
        && word.split('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
        });
    initials || word == "No" || NO_STOP.contains(&word.to_lowercase().as_str())
}

/// Whether a word is a paragraph number such as "1.1" or "5.1.2".
pub(super) fn is_paragraph_number(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2 && parts.iter().all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

// abbreviation

/// Abbreviations councils never spell out.
pub(super) const KNOWN: [&str; 10] = ["UK", "GCSE", "NHS", "BBC", "EU", "PDF", "URL", "MP", "OK", "CEO"];

pub(super) fn abbreviations(block: &Block, known: &[String], spelled: &mut HashSet<String>) -> Vec<Lint> {
    let text = &block.text;
    if shouting(text) {
        return Vec::new();
    }
    let mut lints = Vec::new();
    let is_known = |name: &str| KNOWN.contains(&name) || known.iter().any(|k| k == name);
    for (at, word) in words(text) {
        let Some(base) = abbreviation_base(word) else { continue };
        if let Some((from, compound)) = hyphenated(text, at, word) {
            let compound_base = compound.strip_suffix('s').unwrap_or(compound);
            let spelled_here = spelled_out(text, from..from + compound.len(), compound_base);
            if is_known(compound)
                || is_known(compound_base)
                || spelled.contains(compound_base)
                || spelled_here
            {
                spelled.insert(compound_base.to_owned());
                continue;
            }
        }
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

/// The hyphenated word that the word at `at` is part of, such as "H-CLIC"
/// for "CLIC", and where it starts; None for a word standing alone.
pub(super) fn hyphenated<'a>(text: &'a str, at: usize, word: &str) -> Option<(usize, &'a str)> {
    let joined = |c: char| c.is_alphanumeric() || c == '-';
    let before = text[..at].trim_end_matches(joined);
    let after = &text[at + word.len()..];
    let run = &text[before.len()..text.len() - after.trim_start_matches(joined).len()];
    let compound = run.trim_matches('-');
    let start = before.len() + run.len() - run.trim_start_matches('-').len();
    (compound.len() > word.len()).then_some((start, compound))
}

/// An abbreviation's letters: "EHCP" for "EHCPs". None for a word that is
/// not one, or is a roman numeral.
pub(super) fn abbreviation_base(word: &str) -> Option<&str> {
    let base = word.strip_suffix('s').unwrap_or(word);
    let capitals = (2..=6).contains(&base.len()) && base.bytes().all(|b| b.is_ascii_uppercase());
    (capitals && !is_roman_numeral(base)).then_some(base)
}

/// Whether a word is a roman numeral from I to XXXIX, as in "Part IV".
pub(super) fn is_roman_numeral(word: &str) -> bool {
    const UNITS: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    (1..40).any(|n| format!("{}{}", "X".repeat(n / 10), UNITS[n % 10]) == word)
}

/// Whether a text is written all in capitals, as some headings are.
pub(super) fn shouting(text: &str) -> bool {
    let words: Vec<&str> = words(text).into_iter().map(|(_, word)| word).filter(|w| w.len() > 1).collect();
    words.len() >= 3 && words.iter().all(|word| !word.contains(char::is_lowercase))
}

/// Whether an abbreviation at `word` is spelled out beside it, as in
/// "post inspection action plan (PIAP)" or "PIAP (post inspection action
/// plan)": the initials of the words in or before the brackets hold its
/// letters in order.
pub(super) fn spelled_out(text: &str, word: Range<usize>, base: &str) -> bool {
    let letters: String =
        base.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let before = &text[..word.start];
    if let Some(before) = before.strip_suffix('(').filter(|_| text[word.end..].starts_with(')')) {
        let words = words(before);
        let window = &words[words.len().saturating_sub(2 * letters.len() + 2)..];
        return is_subsequence(&letters, &initials(window));
    }
    let after = text[word.end..].trim_start();
    let inside = after.strip_prefix('(').and_then(|inside| inside.split_once(')')).map(|(inside, _)| inside);
    inside.is_some_and(|inside| is_subsequence(&letters, &initials(&words(inside))))
}

/// The initials of words, lowercase; a word in capitals, such as "HM" in
/// "HM Revenue and Customs", gives all its letters.
pub(super) fn initials(words: &[(usize, &str)]) -> String {
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

pub(super) fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut haystack = haystack.chars();
    needle.chars().all(|c| haystack.any(|h| h == c))
}

// forward-plan-reference

pub(super) fn matches_pattern(reference: &str, pattern: &str) -> bool {
    reference.chars().count() == pattern.chars().count()
        && reference.chars().zip(pattern.chars()).all(|(c, p)| match p {
            'A' => c.is_ascii_uppercase(),
            '9' => c.is_ascii_digit(),
            p => c == p,
        })
}

/// The reference trimmed, its letters in capitals and its numbers padded
/// with zeros, when that makes it follow the pattern: `A055/17` for `a55/17`.
pub(super) fn suggest_reference(reference: &str, pattern: &str) -> Option<String> {
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
