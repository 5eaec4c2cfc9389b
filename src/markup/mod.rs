//! What every writer reads alike in a document's Markdown: the events,
//! the paragraph numbers, the labels of sub-items and the widths of table
//! columns. The Typst, HTML and Word writers all take these from here, so
//! that a document is numbered and laid out the same in every format.

pub mod links;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::input::council::ItemLabels;

/// The Markdown extensions every writer reads.
pub const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// The events of `markdown`, with runs of text joined: escapes split text
/// into pieces, and a paragraph's number or an item's label must be seen
/// whole.
pub fn events(markdown: &str) -> Vec<Event<'_>> {
    let mut events: Vec<Event> = Vec::new();
    for event in Parser::new_ext(markdown, OPTIONS) {
        match (events.last_mut(), event) {
            (Some(Event::Text(text)), Event::Text(more)) => *text = format!("{text}{more}").into(),
            (_, event) => events.push(event),
        }
    }
    events
}

/// Splits "1.1 There will…" or "3. There are…" into its number and text.
pub fn split_paragraph_number(text: &str) -> Option<(&str, &str)> {
    let (number, rest) = text.split_once(' ')?;
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = number.split('.').collect();
    let numbered = match parts.as_slice() {
        // "3.": a paragraph numbered on its own.
        [whole, ""] => digits(whole),
        _ => parts.len() >= 2 && parts.iter().all(|part| digits(part)),
    };
    numbered.then_some((number, rest))
}

/// How the items of a bullet list are labelled, when every item begins
/// with the next label of one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Labels {
    /// "a.", "(a)", "(i)" or "1.".
    Style(ItemLabels),
    /// "2.1", "2.2": the paragraph's number (here "2"), then the item's.
    Under(String),
}

impl Labels {
    /// The label of the `n`-th item, from 1.
    pub fn label(&self, n: usize) -> String {
        match self {
            Labels::Style(style) => style.label(n),
            Labels::Under(parent) => ItemLabels::Decimal.label_under(parent, n),
        }
    }
}

/// The labels of the bullet list starting at `events[0]`: "a.", "(a)",
/// "(i)", "1." or, for two items or more, "2.1". Each writer then numbers
/// the list itself and leaves each item's label out of its text.
pub fn list_labels(events: &[Event]) -> Option<Labels> {
    let firsts = first_words(events);
    let styles = [ItemLabels::Letters, ItemLabels::Roman, ItemLabels::BracketedLetters, ItemLabels::Numbers];
    let labelled = |label: &dyn Fn(usize) -> String| {
        !firsts.is_empty()
            && firsts.iter().enumerate().all(|(index, first)| *first == Some(label(index + 1).as_str()))
    };
    if let Some(style) = styles.into_iter().find(|style| labelled(&|n| style.label(n))) {
        return Some(Labels::Style(style));
    }
    let parent = firsts.first().copied().flatten()?.strip_suffix(".1")?;
    let under = Labels::Under(parent.to_owned());
    (firsts.len() >= 2 && labelled(&|n| under.label(n))).then_some(under)
}

/// The first word of each item of the list starting at `events[0]`, when
/// the item starts with text.
fn first_words<'a>(events: &'a [Event]) -> Vec<Option<&'a str>> {
    let mut depth = 0;
    let mut firsts: Vec<Option<&str>> = Vec::new();
    let mut awaiting = false;
    for event in events {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Start(Tag::Item) if depth == 1 => {
                firsts.push(None);
                awaiting = true;
            }
            Event::Text(text) if awaiting => {
                if let Some(first) = firsts.last_mut() {
                    *first = text.split_once(' ').map(|(label, _)| label);
                }
                awaiting = false;
            }
            Event::Start(Tag::Paragraph) => {}
            _ => awaiting = false,
        }
    }
    firsts
}

/// An item's text without its label: "a. Take up" is "Take up".
pub fn without_label(text: &str) -> &str {
    text.split_once(' ').map_or("", |(_, rest)| rest)
}

/// The shares of the line each column of the table starting at
/// `events[0]` takes, or `None` when every row fits on a line and the
/// columns can size themselves. Every column is at least as wide as its
/// longest word; the column with the most text below its heading
/// (descriptions, measures) gets at least [`WIDEST_SHARE`] of the line, or
/// all it needs; the others share what is left in proportion to how much
/// their text can use.
pub fn column_shares(events: &[Event]) -> Option<Vec<usize>> {
    let longest = longest_texts(events);
    // About the characters of a line of a table's text, and the room a
    // cell's padding takes.
    const LINE: usize = 110;
    const INSET: usize = 3;
    if longest.iter().map(|text| text.cell + INSET).sum::<usize>() <= LINE {
        return None;
    }
    let wants: Vec<usize> = longest.iter().map(|text| text.cell.max(text.word) + INSET).collect();
    let least: Vec<usize> = longest.iter().map(|text| text.word + INSET).collect();
    // The column with the most text below its heading: a long heading over
    // short figures is better broken than given the room.
    let widest = (0..wants.len())
        .max_by_key(|&column| (longest[column].body, wants[column], usize::MAX - column))
        .unwrap_or(0);
    let others_least: usize = least.iter().enumerate().filter(|(c, _)| *c != widest).map(|(_, l)| l).sum();
    // Where the other columns' words leave less, the widest still gets a
    // fifth of the line.
    let share = (LINE * WIDEST_SHARE / 100).min(LINE.saturating_sub(others_least)).max(LINE / 5);
    let mut widths = least.clone();
    widths[widest] = wants[widest].min(share).max(least[widest]);
    let spare = LINE.saturating_sub(widths[widest] + others_least);
    let excess: usize =
        (0..wants.len()).filter(|&column| column != widest).map(|column| wants[column] - least[column]).sum();
    for column in (0..wants.len()).filter(|&column| column != widest) {
        let room = wants[column] - least[column];
        widths[column] += if excess <= spare { room } else { spare * room / excess };
    }
    if excess < spare {
        widths[widest] += spare - excess;
    }
    Some(widths)
}

/// The least share of the line, in percent, that the column with the most
/// text gets when it needs it.
const WIDEST_SHARE: usize = 35;

/// What the cells of a table's column hold, in characters.
#[derive(Debug, Clone, Copy, Default)]
struct ColumnText {
    /// The longest cell, its heading among them.
    cell: usize,
    /// The longest cell below the heading.
    body: usize,
    /// The longest word, a word of the heading counted a sixth wider for
    /// its bold type.
    word: usize,
}

/// What each column of the table starting at `events[0]` holds.
fn longest_texts(events: &[Event]) -> Vec<ColumnText> {
    let mut longest: Vec<ColumnText> = Vec::new();
    let (mut column, mut cell, mut word, mut in_head) = (0, 0, 0, false);
    for event in events {
        match event {
            Event::Start(Tag::TableHead) => (column, in_head) = (0, true),
            Event::Start(Tag::TableRow) => (column, in_head) = (0, false),
            Event::Start(Tag::TableCell) => (cell, word) = (0, 0),
            Event::Text(text) | Event::Code(text) => {
                cell += text.chars().count();
                // A no-break space holds a figure and its unit together as
                // one word: "per 10,000", "£2.5 million".
                let words = text.split(|c: char| c.is_whitespace() && c != '\u{a0}');
                let widest = words.map(|w| w.chars().count()).max().unwrap_or(0);
                word = word.max(if in_head { widest + widest.div_ceil(6) } else { widest });
            }
            Event::End(TagEnd::TableCell) => {
                if longest.len() <= column {
                    longest.resize(column + 1, ColumnText::default());
                }
                let text = &mut longest[column];
                text.cell = text.cell.max(cell);
                text.word = text.word.max(word);
                if !in_head {
                    text.body = text.body.max(cell);
                }
                column += 1;
            }
            Event::End(TagEnd::Table) => break,
            _ => {}
        }
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_only_real_paragraph_numbers() {
        assert_eq!(split_paragraph_number("1.1 There will"), Some(("1.1", "There will")));
        assert_eq!(split_paragraph_number("3. There are"), Some(("3.", "There are")));
        assert_eq!(split_paragraph_number("5.1.2 Care"), Some(("5.1.2", "Care")));
        assert_eq!(split_paragraph_number("2016 was a year"), None);
        assert_eq!(split_paragraph_number("2.5 million"), Some(("2.5", "million")));
        assert_eq!(split_paragraph_number("1.a Care"), None);
    }

    #[test]
    fn finds_the_labels_of_a_labelled_list() {
        let labels = |markdown: &str| list_labels(&events(markdown));
        assert_eq!(labels("- a. One\n- b. Two"), Some(Labels::Style(ItemLabels::Letters)));
        assert_eq!(labels("- (i) One\n- (ii) Two"), Some(Labels::Style(ItemLabels::Roman)));
        assert_eq!(labels("- 2.1 One\n- 2.2 Two"), Some(Labels::Under("2".to_owned())));
        assert_eq!(labels("- 2.1 One"), None);
        assert_eq!(labels("- a. One\n- c. Two"), None);
        assert_eq!(labels("- One\n- Two"), None);
        assert_eq!(Labels::Under("2".to_owned()).label(3), "2.3");
    }

    #[test]
    fn shares_the_line_only_when_a_table_needs_it() {
        assert_eq!(column_shares(&events("| A | B |\n|---|---|\n| 1 | 2 |")), None);
        let long = format!("| Measure | Value |\n|---|---|\n| {} | 1 |", "word ".repeat(40));
        let shares = column_shares(&events(&long)).unwrap();
        assert_eq!(shares.len(), 2);
        assert!(shares[0] > shares[1], "{shares:?}");
    }
}
