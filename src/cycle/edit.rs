//! Editing a YAML file's text in place, so that what an officer wrote
//! around the parts that change (comments, order, layout) is kept: a
//! top-level key's block replaced whole, a marker put above a line, and
//! values written as YAML that reads back as the same text.

/// The comment that marks what an officer has still to bring up to date
/// for the new cycle. `check` reports each one at its line; deleting the
/// line, once the text below it is updated, clears it.
pub const MARKER: &str = "# exec-report: not yet updated for this cycle";

/// The lines (from 0, end exclusive) of the block of top-level `key`: its
/// own line and every line after it that is indented or blank, up to the
/// next line that starts at the margin. Trailing blank lines are left out.
pub fn block(text: &str, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|line| is_key(line, key))?;
    let mut end = start + 1;
    while end < lines.len() && (lines[end].trim().is_empty() || lines[end].starts_with([' ', '\t'])) {
        end += 1;
    }
    while end > start + 1 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    Some((start, end))
}

/// Whether `line` opens the top-level key `key`.
fn is_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key).is_some_and(|rest| rest.starts_with(':'))
}

/// `text` with the block of top-level `key` replaced by `replacement`
/// (whole lines, ending in a line break), or `replacement` added at the
/// end when the key is not there.
pub fn replace_block(text: &str, key: &str, replacement: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + replacement.len());
    match block(text, key) {
        Some((start, end)) => {
            for line in &lines[..start] {
                out.push_str(line);
                out.push('\n');
            }
            out.push_str(replacement);
            for line in &lines[end..] {
                out.push_str(line);
                out.push('\n');
            }
        }
        None => {
            out.push_str(text);
            if !text.is_empty() && !text.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(replacement);
        }
    }
    out
}

/// `text` with a marker comment put above line `line` (from 0), indented
/// as that line is, saying what is to update.
pub fn mark(text: &str, line: usize, what: &str) -> String {
    let mut out = String::with_capacity(text.len() + 80);
    for (index, current) in text.lines().enumerate() {
        if index == line {
            let indent: String = current.chars().take_while(|c| *c == ' ').collect();
            out.push_str(&format!("{indent}{MARKER}: {what}\n"));
        }
        out.push_str(current);
        out.push('\n');
    }
    out
}

/// The lines (from 0) of `text` that open an item of the list of
/// top-level `key` (`- ` at the list's own indent).
pub fn items(text: &str, key: &str) -> Vec<usize> {
    let Some((start, end)) = block(text, key) else { return Vec::new() };
    let lines: Vec<&str> = text.lines().collect();
    let indent = lines[start + 1..end]
        .iter()
        .find(|line| line.trim_start().starts_with("- "))
        .map(|line| line.len() - line.trim_start().len());
    let Some(indent) = indent else { return Vec::new() };
    (start + 1..end)
        .filter(|&at| {
            let line = lines[at];
            line.len() - line.trim_start().len() == indent && line.trim_start().starts_with("- ")
        })
        .collect()
}

/// A string as a YAML scalar that reads back as exactly that text: plain
/// where that is safe, else double-quoted with escapes.
pub fn scalar(text: &str) -> String {
    if is_plain(text) {
        return text.to_owned();
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Whether `text` reads back as itself, a string, written plain.
fn is_plain(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let special_start = "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace();
    let looks_typed = text.parse::<f64>().is_ok()
        || matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "~" | "yes" | "no" | "on" | "off"
        )
        || text.starts_with(|c: char| c.is_ascii_digit());
    !special_start
        && !looks_typed
        && !text.ends_with(char::is_whitespace)
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEETING: &str = "# The meeting.\ncouncil: Example Council\nmeeting:\n  body: Council\n  date: 2016-07-19\n\n# The panels.\npanels:\n  - portfolio: A\n    date: 2016-06-10\n\n  - portfolio: B\n    date: 2016-06-11\nkpi_files: [kpis.yaml]\n";

    #[test]
    fn finds_a_top_level_block_with_its_blank_lines_inside() {
        assert_eq!(block(MEETING, "meeting"), Some((2, 5)));
        assert_eq!(block(MEETING, "panels"), Some((7, 13)));
        assert_eq!(block(MEETING, "council"), Some((1, 2)));
        assert_eq!(block(MEETING, "absent"), None);
        assert_eq!(block("meetings: 1\nmeeting: 2\n", "meeting"), Some((1, 2)));
    }

    #[test]
    fn replaces_a_block_and_keeps_the_comments_around_it() {
        let edited = replace_block(MEETING, "panels", "panels: []\n");
        assert_eq!(
            edited,
            "# The meeting.\ncouncil: Example Council\nmeeting:\n  body: Council\n  date: 2016-07-19\n\n# The panels.\npanels: []\nkpi_files: [kpis.yaml]\n"
        );
        assert!(replace_block("a: 1", "b", "b: 2\n").ends_with("a: 1\nb: 2\n"));
    }

    #[test]
    fn marks_a_line_at_its_indent() {
        let marked = mark("comments:\n  - title: A\n", 1, "bring it up to date");
        assert_eq!(marked, format!("comments:\n  {MARKER}: bring it up to date\n  - title: A\n"));
    }

    #[test]
    fn finds_the_items_of_a_list() {
        assert_eq!(items(MEETING, "panels"), vec![8, 11]);
        assert_eq!(
            items("comments:\n  - title: A\n    sections:\n      - title: B\n  - title: C\n", "comments"),
            vec![1, 4]
        );
    }

    #[test]
    fn writes_scalars_that_read_back_as_the_same_text() {
        assert_eq!(scalar("Home care framework"), "Home care framework");
        for text in [
            "2016",
            "true",
            "a: b",
            "# x",
            "- x",
            "",
            " x",
            "It's",
            "say \"hi\"",
            "A019/16: x",
            "1.5",
            "x\ny",
        ] {
            let yaml = format!("value: {}\n", scalar(text));
            #[derive(serde::Deserialize)]
            struct Value {
                value: String,
            }
            let read: Value = serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(read.value, text, "{yaml}");
        }
    }
}
