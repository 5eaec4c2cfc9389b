//! Helpers on the Markdown narrative officers write, applied before it is
//! placed in a report.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};

/// Markdown with its raw HTML made text: `<script>` is written
/// `&lt;script>`, which every Markdown reader shows as typed and none runs.
/// The rest, autolinks such as `<https://…>` included, is left as it is.
pub fn escape_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let html: Vec<std::ops::Range<usize>> = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, range)| range)
        .collect();
    if html.is_empty() {
        return markdown.to_owned();
    }
    let mut escaped = String::with_capacity(markdown.len() + html.len() * 3);
    let mut at = 0;
    for range in html {
        let start = range.start.max(at);
        escaped.push_str(&markdown[at..start]);
        escaped.push_str(&markdown[start..range.end].replace('<', "&lt;"));
        at = range.end.max(at);
    }
    escaped.push_str(&markdown[at..]);
    escaped
}

/// Renumbers the headings of a narrative body so that they nest under the
/// section that holds it: the body's outermost heading level becomes
/// `base`, and each deeper level used becomes the next one, so that no level
/// is skipped (which a screen reader, and PDF/UA, would reject).
pub fn nest_headings(markdown: &str, base: usize) -> String {
    let headings: Vec<(std::ops::Range<usize>, usize)> = Parser::new(markdown)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Heading { level, .. }) => Some((range, level_number(level))),
            _ => None,
        })
        .collect();
    let mut levels: Vec<usize> = headings.iter().map(|(_, level)| *level).collect();
    levels.sort_unstable();
    levels.dedup();
    let mut nested = markdown.to_owned();
    for (range, level) in headings.iter().rev() {
        let rank = levels.iter().position(|l| l == level).unwrap_or(0);
        let new_level = (base + rank).min(6);
        let text = heading_text(&markdown[range.clone()]);
        nested.replace_range(range.clone(), &format!("{} {}\n", "#".repeat(new_level), text));
    }
    nested
}

fn level_number(level: HeadingLevel) -> usize {
    level as usize
}

/// The text of an ATX (`## Text ##`) or setext (`Text\n---`) heading.
fn heading_text(source: &str) -> &str {
    let source = source.trim_end();
    if source.trim_start().starts_with('#') {
        let text = source.trim_start().trim_start_matches('#');
        let text = text.trim_end_matches('#');
        text.trim()
    } else {
        source.lines().next().unwrap_or_default().trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_becomes_text_and_autolinks_stay() {
        let markdown = "Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<iframe src=x></iframe>\n\nSee <https://a.uk> and 3 < 4.\n";
        assert_eq!(
            escape_html(markdown),
            "Hi &lt;script>alert(1)&lt;/script> &lt;img src=x onerror=alert(1)>\n\n&lt;iframe src=x>&lt;/iframe>\n\nSee <https://a.uk> and 3 < 4.\n"
        );
        let again = escape_html(&escape_html(markdown));
        assert!(!Parser::new(&again).any(|event| matches!(event, Event::Html(_) | Event::InlineHtml(_))));
    }

    #[test]
    fn nests_body_headings_under_their_section_without_skipping() {
        let body = "# Top\n\ntext\n\n#### Deep ####\n\nmore\n";
        assert_eq!(nest_headings(body, 4), "#### Top\n\ntext\n\n##### Deep\n\nmore\n");
    }

    #[test]
    fn rewrites_underlined_headings_too() {
        assert_eq!(nest_headings("Title\n=====\n\ntext\n", 5), "##### Title\n\ntext\n");
    }

    #[test]
    fn leaves_bodies_without_headings_alone() {
        assert_eq!(nest_headings("- a\n- b\n", 3), "- a\n- b\n");
    }
}
