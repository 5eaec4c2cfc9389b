//! Figures kept whole on a page, as the PDF keeps them: a paragraph
//! holding an image (a chart with its title and source) is never split,
//! and the block before it never left at the foot of a page without it.

use std::collections::HashMap;

use pulldown_cmark::{Event, Tag};

/// What keeps a top-level block on a page with another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// A figure (a paragraph holding an image, with its title and source):
    /// never split across pages.
    Together,
    /// The block before a figure: never left at the foot of a page away
    /// from it.
    WithNext,
}

/// The top-level blocks kept on a page with another, as the PDF keeps
/// them: by the index of the event that opens each, the index of the one
/// that closes it and how it is kept.
pub(super) fn keeps(events: &[Event]) -> HashMap<usize, (usize, Keep)> {
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(_) if depth == 0 => {
                blocks.push((index, index));
                depth = 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if let (0, Some(block)) = (depth, blocks.last_mut()) {
                    block.1 = index;
                }
            }
            _ => {}
        }
    }
    let opens = |(start, _): (usize, usize), tag: fn(&Tag) -> bool| matches!(&events[start], Event::Start(t) if tag(t));
    let is_figure = |block: (usize, usize)| {
        opens(block, |tag| matches!(tag, Tag::Paragraph))
            && events[block.0..block.1].iter().any(|event| matches!(event, Event::Start(Tag::Image { .. })))
    };
    let mut keeps = HashMap::new();
    for (position, &block) in blocks.iter().enumerate() {
        if !is_figure(block) {
            continue;
        }
        keeps.insert(block.0, (block.1, Keep::Together));
        // A heading keeps with what follows it already; a figure before
        // this one is kept whole on its own.
        let before = position.checked_sub(1).map(|before| blocks[before]);
        let heading = |block| opens(block, |tag| matches!(tag, Tag::Heading { .. }));
        if let Some(before) = before.filter(|&before| !is_figure(before) && !heading(before)) {
            keeps.insert(before.0, (before.1, Keep::WithNext));
        }
    }
    keeps
}
