//! The shape of a YAML file as its parser reads it: where each mapping,
//! list and value starts, so that a value can be found by its path.

use granit_parser::{Event, Parser, Span};
use serde_path_to_error::Segment;

/// A value of the file and the line and column (1-based) it starts at.
struct Placed {
    start: (usize, usize),
    node: Node,
}

enum Node {
    Mapping(Vec<(String, Placed)>),
    List(Vec<Placed>),
    /// A scalar, with its text; or an alias.
    Value(String),
}

/// What reading one node of the event stream found.
enum Read {
    Node(Placed),
    /// The end of the mapping or list being read.
    End,
}

/// Where the value at `path` starts; the nearest place on the way when the
/// path goes where the file does not (an enum's variant, say). None when
/// the file cannot be read.
pub(super) fn start_of(text: &str, path: &[Segment]) -> Option<(usize, usize)> {
    let mut events = Parser::new_from_str(text).map_while(Result::ok);
    let Read::Node(root) = read(&mut events)? else { return None };
    let mut at = &root;
    for segment in path {
        let next = match (segment, &at.node) {
            (Segment::Map { key }, Node::Mapping(entries)) => {
                entries.iter().find(|(k, _)| k == key).map(|e| &e.1)
            }
            (Segment::Seq { index }, Node::List(items)) => items.get(*index),
            _ => None,
        };
        match next {
            Some(next) => at = next,
            None => break,
        }
    }
    Some(at.start)
}

/// Reads the next node, skipping what is not one (the stream's and
/// document's start, anchors).
fn read<'a>(events: &mut impl Iterator<Item = (Event<'a>, Span)>) -> Option<Read> {
    loop {
        let (event, span) = events.next()?;
        let start = (span.start.line(), span.start.col() + 1);
        let node = match event {
            Event::Scalar(text, ..) => Node::Value(text.into_owned()),
            Event::Alias(..) | Event::UnresolvedAlias(..) => Node::Value(String::new()),
            Event::SequenceStart(..) => Node::List(items(events)?),
            Event::MappingStart(..) => Node::Mapping(entries(events)?),
            Event::SequenceEnd | Event::MappingEnd | Event::DocumentEnd | Event::StreamEnd => {
                return Some(Read::End);
            }
            _ => continue,
        };
        return Some(Read::Node(Placed { start, node }));
    }
}

fn items<'a>(events: &mut impl Iterator<Item = (Event<'a>, Span)>) -> Option<Vec<Placed>> {
    let mut items = Vec::new();
    while let Read::Node(item) = read(events)? {
        items.push(item);
    }
    Some(items)
}

fn entries<'a>(events: &mut impl Iterator<Item = (Event<'a>, Span)>) -> Option<Vec<(String, Placed)>> {
    let mut entries = Vec::new();
    while let Read::Node(key) = read(events)? {
        let Read::Node(value) = read(events)? else { return None };
        let key = match key.node {
            Node::Value(text) => text,
            _ => String::new(),
        };
        entries.push((key, value));
    }
    Some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEETING: &str = "council: C\ncabinet_meetings:\n  - date: 2016-03-29\n    items:\n      - portfolio: P\n        title: A\n      - portfolio: P\n        summary: S\n";

    fn path(segments: &[Segment]) -> Option<(usize, usize)> {
        start_of(MEETING, segments)
    }

    #[test]
    fn finds_an_entry_of_a_list_in_a_list_by_its_path() {
        let key = |key: &str| Segment::Map { key: key.to_owned() };
        let item = |index| Segment::Seq { index };
        assert_eq!(path(&[key("cabinet_meetings"), item(0), key("items"), item(1)]), Some((7, 9)));
        assert_eq!(path(&[key("cabinet_meetings"), item(0)]), Some((3, 5)));
    }

    #[test]
    fn stops_at_the_nearest_place_when_the_path_leaves_the_file() {
        let key = |key: &str| Segment::Map { key: key.to_owned() };
        assert_eq!(path(&[key("cabinet_meetings"), Segment::Seq { index: 9 }]), Some((3, 3)));
        assert_eq!(path(&[]), Some((1, 1)));
    }
}
