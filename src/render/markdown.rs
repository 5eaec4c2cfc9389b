//! Helpers on the Markdown narrative officers write, applied before it is
//! placed in a report.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag};

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
