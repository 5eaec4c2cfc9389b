//! Cross-references between paragraphs: a section's `label`, cited in any
//! text of the report as `{paragraph:label}`, is written as the section's
//! number ("5.2"), so that references stay right when sections move.

use std::collections::HashMap;

use crate::input::{Diagnostic, Source, closest};
use crate::kinds::executive::model::{Report, Section};

/// How a reference opens: `{paragraph:label}`.
const OPENING: &str = "{paragraph:";

/// Each label of a report's sections, with its section's number.
#[derive(Debug, Clone, Default)]
pub struct Numbers(HashMap<String, String>);

impl Numbers {
    /// The numbers of the labelled sections among `sections`, numbered
    /// under `prefix` as the report numbers them ("5.1", "5.1.1").
    pub fn of(sections: &[Section], prefix: &str) -> Self {
        let mut numbers = HashMap::new();
        collect(sections, prefix, &mut numbers);
        Self(numbers)
    }

    /// `text` with each reference written as its section's number. A label
    /// no section has is left as written: the check stage reports it.
    pub fn resolve(&self, text: &str) -> String {
        let mut resolved = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(found) = next_reference(rest) {
            resolved.push_str(found.before);
            match self.0.get(found.label.trim()) {
                Some(number) => resolved.push_str(number),
                None => resolved.push_str(found.written),
            }
            rest = found.after;
        }
        resolved.push_str(rest);
        resolved
    }
}

fn collect(sections: &[Section], prefix: &str, numbers: &mut HashMap<String, String>) {
    for (index, section) in sections.iter().enumerate() {
        let number = format!("{prefix}.{}", index + 1);
        if let Some(label) = &section.label {
            numbers.entry(label.value.trim().to_owned()).or_insert_with(|| number.clone());
        }
        collect(&section.sections, &number, numbers);
    }
}

/// A reference found in a text.
struct Reference<'a> {
    /// The text before it.
    before: &'a str,
    /// The reference as written: `{paragraph:ofsted}`.
    written: &'a str,
    /// The label it cites.
    label: &'a str,
    /// The text after it.
    after: &'a str,
}

/// The next reference in `text`.
fn next_reference(text: &str) -> Option<Reference<'_>> {
    let start = text.find(OPENING)?;
    let label_start = start + OPENING.len();
    let end = label_start + text[label_start..].find('}')?;
    Some(Reference {
        before: &text[..start],
        written: &text[start..=end],
        label: &text[label_start..end],
        after: &text[end + 1..],
    })
}

/// Every label given twice, and every reference to a label no section has,
/// each at its line.
pub fn check(source: Source, report: &Report, texts: &[&str]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut labels: Vec<&serde_saphyr::Spanned<String>> = Vec::new();
    each_label(&report.comments, &mut labels);
    let mut seen: HashMap<&str, u64> = HashMap::new();
    for label in &labels {
        let name = label.value.trim();
        if name.is_empty() {
            problems.push(source.at(label.referenced, "a section's `label` is empty"));
        } else if let Some(first) = seen.insert(name, label.referenced.line()) {
            let message = format!("two sections have the label `{name}`");
            let hint = format!("it is first given at line {first}; give each section a label of its own");
            problems.push(source.at(label.referenced, message).with_hint(hint));
        }
    }
    let names: Vec<&str> = seen.keys().copied().collect();
    for text in texts {
        let mut rest = *text;
        while let Some(Reference { written, label, after, .. }) = next_reference(rest) {
            if !seen.contains_key(label.trim()) {
                let message = format!("no section has the label `{}` that `{written}` cites", label.trim());
                let hint = match (closest(label.trim(), &names), names.is_empty()) {
                    (Some(name), _) => format!("did you mean `{name}`?"),
                    (None, true) => "give the section it means a `label:`, as `label: ofsted`".to_owned(),
                    (None, false) => format!("the labels are {}", quoted(&names)),
                };
                problems.push(source.error_at_text(written, message).with_hint(hint));
            }
            rest = after;
        }
    }
    problems
}

fn each_label<'a>(sections: &'a [Section], labels: &mut Vec<&'a serde_saphyr::Spanned<String>>) {
    for section in sections {
        labels.extend(&section.label);
        each_label(&section.sections, labels);
    }
}

fn quoted(names: &[&str]) -> String {
    let mut sorted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    sorted.sort();
    crate::render::words::and_list(&sorted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(yaml: &str) -> Report {
        crate::input::parse(std::path::Path::new("r.yaml"), yaml).unwrap()
    }

    const REPORT: &str = "portfolio: P\nmember: { name: N }\nreport_date: 2018-03-01\ncomments:\n  - title: Schools\n    body: As set out in paragraph {paragraph:ofsted}, the plan is agreed.\n  - title: Care\n    sections:\n      - title: Ofsted\n        label: ofsted\n        body: See {paragraph:schools}.\n";

    #[test]
    fn writes_each_reference_as_the_number_of_its_section() {
        let report = report(REPORT);
        let numbers = Numbers::of(&report.comments, "5");
        let body = report.comments[0].body.as_deref().unwrap();
        assert_eq!(numbers.resolve(body), "As set out in paragraph 5.2.1, the plan is agreed.");
        assert_eq!(
            numbers.resolve("{paragraph:unknown} and {paragraph:"),
            "{paragraph:unknown} and {paragraph:"
        );
    }

    #[test]
    fn reports_an_unknown_label_at_its_line_with_the_labels_there_are() {
        let report = report(REPORT);
        let source = Source { path: std::path::Path::new("r.yaml"), text: REPORT };
        let texts = crate::kinds::Document::prose(&report);
        let problems = check(source, &report, &texts);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let shown = problems[0].to_string();
        assert!(shown.contains("r.yaml:11"), "{shown}");
        assert!(
            shown.contains("no section has the label `schools` that `{paragraph:schools}` cites"),
            "{shown}"
        );
        assert!(shown.contains("the labels are `ofsted`"), "{shown}");
    }

    #[test]
    fn reports_a_label_given_twice() {
        let yaml = REPORT
            .replace("label: ofsted", "label: ofsted\n        sections: [{ title: Again, label: ofsted }]");
        let report = report(&yaml);
        let source = Source { path: std::path::Path::new("r.yaml"), text: &yaml };
        let problems = check(source, &report, &[]);
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(shown.iter().any(|p| p.contains("two sections have the label `ofsted`")), "{shown:?}");
    }
}
