//! How much text a YAML file stands for once its aliases are read. An
//! alias (`*name`) repeats what its anchor (`&name`) holds, and an anchor
//! may hold aliases of its own, so a few lines can stand for gigabytes: a
//! file is refused, at the alias that takes it over the limit, before
//! anything reads it that way.

use std::collections::HashMap;

use granit_parser::{Event, Parser};

/// The most text a file may stand for with its aliases read: twice what a
/// file may hold, which no report written by hand comes near.
pub(super) const MOST: usize = 2 * crate::input::files::YAML_LIMIT as usize;

/// What each node costs beyond its text, so that a vast list of empty
/// values is counted too.
const NODE: usize = 8;

/// The line and column (1-based) of the alias that takes `text` over
/// [`MOST`], if one does. A file the parser cannot read is left for the
/// reading that follows to tell.
pub(super) fn too_large_at(text: &str) -> Option<(usize, usize)> {
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    // The open lists and mappings: each one's anchor and size so far.
    let mut open: Vec<(usize, usize)> = vec![(0, 0)];
    for (event, span) in Parser::new_from_str(text).map_while(Result::ok) {
        let size = match event {
            Event::Scalar(value, _, anchor, _) => remember(&mut sizes, anchor, value.len() + NODE),
            Event::Alias(anchor) => sizes.get(&anchor).copied().unwrap_or(NODE),
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                open.push((anchor, NODE));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd if open.len() > 1 => {
                let (anchor, size) = open.pop().unwrap_or_default();
                remember(&mut sizes, anchor, size)
            }
            _ => continue,
        };
        let Some(top) = open.last_mut() else { continue };
        top.1 = top.1.saturating_add(size);
        if open.iter().map(|(_, size)| *size).fold(0usize, usize::saturating_add) > MOST {
            return Some((span.start.line(), span.start.col() + 1));
        }
    }
    None
}

/// Notes the size of an anchored node, and gives it.
fn remember(sizes: &mut HashMap<usize, usize>, anchor: usize, size: usize) -> usize {
    if anchor != 0 {
        sizes.insert(anchor, size);
    }
    size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_alias_of_nested_anchors_that_stands_for_too_much() {
        let mut text =
            String::from("a0: &a0 [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]\n");
        for level in 1..40 {
            let previous = level - 1;
            text.push_str(&format!(
                "a{level}: &a{level} [*a{previous}, *a{previous}, *a{previous}, *a{previous}]\n"
            ));
        }
        let (line, _) = too_large_at(&text).unwrap();
        assert!((8..=12).contains(&line), "{line}");
    }

    #[test]
    fn lets_ordinary_anchors_and_aliases_through() {
        let text = "england: &england { value: 56.2, period: 2016 }\nkpis:\n  - comparators: [*england]\n  - comparators: [*england]\n";
        assert_eq!(too_large_at(text), None);
    }
}
