//! A council's headings: its own words for a kind's headings and titles,
//! checked against the keys each kind has, and the `{name}` placeholders
//! that a heading's words fill in.

use std::collections::HashMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::input::{Diagnostic, Source, closest_hint};

/// One kind's headings in the council's words, or a heading written
/// without its kind, which is told at its line.
#[derive(Debug, Clone)]
pub enum KindHeadings {
    /// Words by heading key.
    Kind(HashMap<Spanned<String>, Spanned<String>>),
    /// A heading's words where a kind's headings belong.
    Misplaced(String),
}

impl<'de> Deserialize<'de> for KindHeadings {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KindHeadingsVisitor)
    }
}

/// Reads a kind's headings as they come, so that each key keeps its place
/// in the file, or the words of a heading written without its kind.
struct KindHeadingsVisitor;

impl<'de> serde::de::Visitor<'de> for KindHeadingsVisitor {
    type Value = KindHeadings;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a kind's headings, each key with its words")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut headings = HashMap::new();
        while let Some((key, words)) = map.next_entry::<Spanned<String>, Spanned<String>>()? {
            headings.insert(key, words);
        }
        Ok(KindHeadings::Kind(headings))
    }

    fn visit_str<E: serde::de::Error>(self, words: &str) -> Result<Self::Value, E> {
        Ok(KindHeadings::Misplaced(words.to_owned()))
    }
}

/// Replaces each `{name}` in `text` by its value in `values`, and each
/// `{NAME}` by its value in capitals; a name with no value is left as it is.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut filled = text.to_owned();
    for (name, value) in values {
        filled = filled.replace(&format!("{{{name}}}"), value);
        filled = filled.replace(&format!("{{{}}}", name.to_uppercase()), &value.to_uppercase());
    }
    filled
}

/// The `{name}` placeholders of a text.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) if after[..end].chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && end > 0 => {
                found.push(&after[..end]);
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    found
}

/// For a kind's name, its heading keys and their default words.
pub type KnownHeadings<'a> = dyn Fn(&str) -> Option<Vec<(String, String)>> + 'a;

/// A council's headings by kind, as written in its settings.
pub type Headings = HashMap<Spanned<String>, KindHeadings>;

/// Checks a council's headings, written in `source`, against the headings
/// each of `kinds` has: `known` gives, for a kind's name, its keys and
/// their default words.
pub fn check(source: Source, own: &Headings, known: &KnownHeadings, kinds: &[&str]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (kind, headings) in own {
        let headings = match headings {
            KindHeadings::Kind(headings) => headings,
            KindHeadings::Misplaced(_) => {
                let message = format!("the heading `{}` is not under a kind of document", kind.value);
                let owners: Vec<String> = kinds
                    .iter()
                    .filter(|name| {
                        known(name).is_some_and(|keys| keys.iter().any(|(key, _)| *key == kind.value))
                    })
                    .map(|name| format!("`{name}:`"))
                    .collect();
                let hint = match owners.as_slice() {
                    [] => "headings are grouped by kind, as `committee-report: { purpose: Aim }`".to_owned(),
                    some => format!("headings are grouped by kind: put it under {}", some.join(" or ")),
                };
                problems.push(source.at(kind.referenced, message).with_hint(hint));
                continue;
            }
        };
        let Some(keys) = known(&kind.value) else {
            let problem =
                source.at(kind.referenced, format!("no kind of document is called `{}`", kind.value));
            problems.push(closest_hint(problem, &kind.value, kinds, "the kinds are"));
            continue;
        };
        let names: Vec<&str> = keys.iter().map(|(key, _)| key.as_str()).collect();
        for (key, words) in headings {
            let Some((_, default)) = keys.iter().find(|(name, _)| *name == key.value) else {
                let message = format!("`{}` has no heading `{}`", kind.value, key.value);
                let hint = format!("`{}`'s headings are", kind.value);
                problems.push(closest_hint(source.at(key.referenced, message), &key.value, &names, &hint));
                continue;
            };
            // `{PORTFOLIO}` fills in what `{portfolio}` does, in capitals.
            let allowed: Vec<String> = placeholders(default).iter().map(|p| p.to_lowercase()).collect();
            let fills = |p: &&str| {
                allowed.contains(&p.to_string())
                    || (*p == p.to_uppercase() && allowed.contains(&p.to_lowercase()))
            };
            if let Some(unknown) = placeholders(&words.value).into_iter().find(|p| !fills(p)) {
                let message = format!("the heading `{}` cannot fill in `{{{unknown}}}`", key.value);
                let hint = match allowed.as_slice() {
                    [] => "this heading takes no values in braces".to_owned(),
                    some => format!(
                        "it can fill in {}",
                        some.iter().map(|p| format!("`{{{p}}}`")).collect::<Vec<_>>().join(", ")
                    ),
                };
                problems.push(source.at(words.referenced, message).with_hint(hint));
            }
        }
    }
    problems.sort_by_key(|problem| problem.position);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_and_lists_placeholders() {
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(
            fill("Executive portfolio: {PORTFOLIO} ({portfolio})", &[("portfolio", "Highways & Transport")]),
            "Executive portfolio: HIGHWAYS & TRANSPORT (Highways & Transport)"
        );
        assert_eq!(
            placeholders("to the {body} on {previous_meeting} {not valid} {}"),
            ["body", "previous_meeting"]
        );
    }
}
