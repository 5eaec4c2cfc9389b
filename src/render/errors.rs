//! Tera's errors told as the tool tells every problem: the template's file,
//! line and column, the line itself, and what to do.

use std::path::Path;

use crate::input::{Diagnostic, closest};

/// A template error as the user reads it, without the leading "error: ":
/// at the template's line when tera knows it, told in the tool's words;
/// `path_of` gives the file a template of that name was read from, and
/// `text_of` its source.
pub fn template_problem<'a>(
    error: &tera::Error,
    path_of: impl Fn(&str) -> &'a Path,
    text_of: impl Fn(&str) -> &'a str,
) -> String {
    let chain = whole_chain(error);
    let place = match report_of(error) {
        Some(report) => {
            let span = report.span();
            Some((
                report.message().to_owned(),
                report.filename().to_owned(),
                span.start_line,
                span.start_col + 1,
            ))
        }
        None => written_place(&chain),
    };
    let Some((message, name, line, column)) = place else { return chain };
    let (message, hint) = reworded(&message);
    let diagnostic = Diagnostic::at(path_of(&name), text_of(&name), line, column, message);
    let shown = match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
    .to_string();
    shown.strip_prefix("error: ").unwrap_or(&shown).trim_end().to_owned()
}

/// The message, template, line and column of a report tera gives only as
/// text (a filter checked when the templates load):
/// "error: Unknown filter `shout`\n --> report.md:3:18".
fn written_place(text: &str) -> Option<(String, String, usize, usize)> {
    let mut lines = text.lines().skip_while(|line| !line.starts_with("error: "));
    let message = lines.next()?.strip_prefix("error: ")?.to_owned();
    let place = lines.next()?.trim_start().strip_prefix("--> ")?;
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((message, parts.next()?.to_owned(), line, column))
}

/// The first error of the chain that points into a template.
fn report_of(error: &tera::Error) -> Option<&tera::ReportError> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = cause {
        if let Some(error) = error.downcast_ref::<tera::Error>()
            && let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) =
                error.kind()
        {
            return Some(report);
        }
        cause = error.source();
    }
    None
}

/// Every message of the chain, for an error that points nowhere.
fn whole_chain(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(error) = cause {
        message.push_str(&format!("\n  caused by: {error}"));
        cause = error.source();
    }
    message
}

/// Tera's message in the tool's words ("the variable `foo` is not known
/// here"), with the closest name it knows, or all of them, as the hint.
fn reworded(message: &str) -> (String, Option<String>) {
    for (kind, listed) in [("Variable", "Available variables: "), ("Field", "Available fields: ")] {
        let Some(rest) = message.strip_prefix(&format!("{kind} `")) else { continue };
        let Some((name, after)) = rest.split_once("` is not defined.") else { continue };
        let known: Vec<&str> =
            after.trim().strip_prefix(listed).map(|names| names.split(", ").collect()).unwrap_or_default();
        let what = kind.to_lowercase();
        let hint = match closest(name, &known) {
            Some(near) => Some(format!("did you mean `{near}`?")),
            None if known.is_empty() => None,
            None => Some(format!("the {what}s known here are {}", backticked(&known))),
        };
        return (format!("the {what} `{name}` is not known here"), hint);
    }
    (lowercase_first(message.trim_end_matches('.')), None)
}

fn backticked(names: &[&str]) -> String {
    names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
}

fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_place_of_a_report_given_as_text() {
        let text = "a template has an error\nerror: Unknown filter `shout`\n --> report.md:3:18\n  |";
        let place = written_place(text);
        assert_eq!(place, Some(("Unknown filter `shout`".to_owned(), "report.md".to_owned(), 3, 18)));
    }

    #[test]
    fn rewords_an_unknown_variable_with_the_closest_name() {
        let (message, hint) =
            reworded("Variable `signatory` is not defined. Available variables: member, signature");
        assert_eq!(message, "the variable `signatory` is not known here");
        assert_eq!(hint.as_deref(), Some("did you mean `signature`?"));
    }

    #[test]
    fn lists_the_fields_when_none_is_close() {
        let (message, hint) = reworded("Field `zzz` is not defined. Available fields: name, title");
        assert_eq!(message, "the field `zzz` is not known here");
        assert_eq!(hint.as_deref(), Some("the fields known here are `name`, `title`"));
    }

    #[test]
    fn names_the_template_file_line_and_variable() {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("report.md", "# Title\n\nSigned, {{ signatory }}\n").unwrap();
        let error = tera.render("report.md", &tera::Context::new()).unwrap_err();
        let shown = template_problem(
            &error,
            |_| Path::new("my-templates/report.md"),
            |_| "# Title\n\nSigned, {{ signatory }}\n",
        );
        assert!(
            shown.starts_with(
                "the variable `signatory` is not known here\n  --> my-templates/report.md:3:12\n"
            ),
            "{shown}"
        );
        assert!(shown.contains("3 | Signed, {{ signatory }}"), "{shown}");
    }
}
