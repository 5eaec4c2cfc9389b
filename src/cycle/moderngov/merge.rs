//! Merging the meetings read into `cabinet_meetings:` of `meeting.yaml`,
//! in time linear in their number: what is new is found through indexes
//! by date and by title, and the file's text is edited in one pass at the
//! places its parser reads, so that everything the officer wrote (their
//! items, their comments at any column, their order) is kept.

use std::collections::HashMap;

use jiff::civil::Date;

use super::words;
use crate::cycle::edit::{self, Edits, Value, after, colon, column, insert_lines, key_indent, list_indent};
use crate::cycle::tree::{self, Node};
use crate::cycle::{CabinetItem, CabinetMeeting, cabinet_block, item_lines, meeting_lines};
use crate::input::{Diagnostic, Source};

/// What a new item leaves the officer to write.
pub(super) const TO_COMPLETE: &str = "fill in the portfolio and what Cabinet decided";

/// What merging comes to.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Plan {
    /// For each meeting of the file, in its order: what it gains.
    pub changes: Vec<Gains>,
    /// The meetings new to the file, each with the place it goes: before
    /// the file's meeting of that index (their count for the end). In
    /// order of place, then date.
    pub new: Vec<(usize, CabinetMeeting)>,
    /// The decisions new to the file.
    pub added: usize,
    /// The decisions the file had already.
    pub kept: usize,
}

/// What one meeting of the file gains.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Gains {
    /// Links for items that had none: the item's index and its link.
    pub links: Vec<(usize, String)>,
    /// Items new to it, added after its own.
    pub items: Vec<CabinetItem>,
}

impl Plan {
    /// Whether the file is to change.
    pub fn is_empty(&self) -> bool {
        self.new.is_empty()
            && self.changes.iter().all(|gains| gains.links.is_empty() && gains.items.is_empty())
    }
}

/// The key an item is matched by: its title, ignoring case and runs of
/// spaces.
fn key(item: &CabinetItem) -> Option<String> {
    item.title.as_deref().map(|title| words(title).to_lowercase())
}

/// What merging `found` into `existing` comes to: a meeting is matched by
/// its date and an item by its title. An item the file has keeps what the
/// officer wrote, and gains a link if it had none; meetings the service
/// did not list are kept.
pub(super) fn plan(existing: &[CabinetMeeting], found: &[CabinetMeeting]) -> Plan {
    let mut merger = Merger::new(existing);
    for meeting in found {
        match merger.by_date.get(&meeting.date) {
            Some(&at) => merger.merge_known(at, meeting),
            None => merger.merge_new(meeting),
        }
    }
    let mut plan = merger.plan;
    place(&mut plan.new, existing);
    plan
}

/// The titles of a meeting's items by key: the file's own by their index,
/// `None` for one added or already given its link, so that a title the
/// service lists twice is added once.
type Titles = HashMap<String, Option<usize>>;

/// Merging under way: the indexes that make it linear.
struct Merger<'a> {
    existing: &'a [CabinetMeeting],
    /// The file's meetings by date, the first of two on one day.
    by_date: HashMap<Date, usize>,
    /// The titles of each of the file's meetings met so far.
    known: HashMap<usize, Titles>,
    /// The new meetings by date, and their titles.
    new_by_date: HashMap<Date, (usize, Titles)>,
    plan: Plan,
}

impl<'a> Merger<'a> {
    fn new(existing: &'a [CabinetMeeting]) -> Self {
        let mut by_date = HashMap::with_capacity(existing.len());
        for (index, meeting) in existing.iter().enumerate().rev() {
            by_date.insert(meeting.date, index);
        }
        let changes = existing.iter().map(|_| Gains::default()).collect();
        Self {
            existing,
            by_date,
            known: HashMap::new(),
            new_by_date: HashMap::new(),
            plan: Plan { changes, ..Plan::default() },
        }
    }

    /// The items of `found` merged into the file's meeting `at`.
    fn merge_known(&mut self, at: usize, found: &CabinetMeeting) {
        let items = &self.existing[at].items;
        let titles = self.known.entry(at).or_insert_with(|| titles_of(items));
        let gains = &mut self.plan.changes[at];
        for item in &found.items {
            let key = key(item);
            match key.as_ref().and_then(|key| titles.get(key).copied()) {
                Some(Some(index)) => {
                    self.plan.kept += 1;
                    if link_if_none(gains, &items[index], index, item) {
                        titles.extend(key.map(|key| (key, None)));
                    }
                }
                Some(None) => self.plan.kept += 1,
                None => {
                    self.plan.added += 1;
                    titles.extend(key.map(|key| (key, None)));
                    gains.items.push(to_complete(item));
                }
            }
        }
    }

    /// The items of `found`, a meeting the file does not have, merged into
    /// the new meeting of its date.
    fn merge_new(&mut self, found: &CabinetMeeting) {
        let (index, titles) = self.new_by_date.entry(found.date).or_insert_with(|| {
            self.plan.new.push((0, CabinetMeeting { date: found.date, items: Vec::new() }));
            (self.plan.new.len() - 1, Titles::new())
        });
        for item in &found.items {
            match key(item) {
                Some(key) if titles.contains_key(&key) => self.plan.kept += 1,
                key => {
                    self.plan.added += 1;
                    titles.extend(key.map(|key| (key, None)));
                    self.plan.new[*index].1.items.push(to_complete(item));
                }
            }
        }
    }
}

/// Each title of `items` by its key, the first of two alike.
fn titles_of(items: &[CabinetItem]) -> Titles {
    let mut titles = HashMap::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        if let Some(key) = key(item) {
            titles.entry(key).or_insert(Some(index));
        }
    }
    titles
}

/// Gives the file's item `index` the link of `found` when it has none;
/// whether it did.
fn link_if_none(gains: &mut Gains, item: &CabinetItem, index: usize, found: &CabinetItem) -> bool {
    match (&item.link, &found.link) {
        (None, Some(link)) => {
            gains.links.push((index, link.clone()));
            true
        }
        _ => false,
    }
}

/// A new item, marked for the officer to complete.
fn to_complete(item: &CabinetItem) -> CabinetItem {
    CabinetItem { to_complete: Some(TO_COMPLETE.to_owned()), ..item.clone() }
}

/// Places each new meeting among the file's: after those before it, when
/// the file's meetings are in date order; else at the end.
fn place(new: &mut [(usize, CabinetMeeting)], existing: &[CabinetMeeting]) {
    let in_order = existing.windows(2).all(|pair| pair[0].date <= pair[1].date);
    for (at, meeting) in new.iter_mut() {
        *at = match in_order {
            true => existing.partition_point(|known| known.date < meeting.date),
            false => existing.len(),
        };
    }
    new.sort_by_key(|(at, meeting)| (*at, meeting.date));
}

/// The meetings the file is to list once `plan` is made: to check the
/// edited text against.
pub(super) fn merged(existing: &[CabinetMeeting], plan: &Plan) -> Vec<CabinetMeeting> {
    let finished = |item: &CabinetItem| CabinetItem { to_complete: None, ..item.clone() };
    let mut new = plan.new.iter().peekable();
    let mut merged = Vec::with_capacity(existing.len() + plan.new.len());
    for (index, (meeting, gains)) in existing.iter().zip(&plan.changes).enumerate() {
        while let Some((_, meeting)) = new.next_if(|(at, _)| *at == index) {
            merged.push(CabinetMeeting {
                date: meeting.date,
                items: meeting.items.iter().map(finished).collect(),
            });
        }
        let mut meeting = meeting.clone();
        for (item, link) in &gains.links {
            meeting.items[*item].link = Some(link.clone());
        }
        meeting.items.extend(gains.items.iter().map(finished));
        merged.push(meeting);
    }
    for (_, meeting) in new {
        merged
            .push(CabinetMeeting { date: meeting.date, items: meeting.items.iter().map(finished).collect() });
    }
    merged
}

/// The edits that make `plan` in the file `source`, whose tree is `tree`.
/// A link for an item written in brackets is dropped from the plan (it
/// has what the officer wrote); anything else the file's layout does not
/// let be added is an error at its line.
pub(super) fn edits(source: &Source, tree: &Node, plan: &mut Plan) -> Result<Edits, Diagnostic> {
    let text = source.text;
    let mut edits = Edits::default();
    let new: Vec<CabinetMeeting> = plan.new.iter().map(|(_, meeting)| meeting.clone()).collect();
    match tree.entry("cabinet_meetings") {
        None => insert_lines(&mut edits, text, text.len(), &cabinet_block(&new)),
        Some((key, list)) if list.is_empty_value() || list.is_empty_flow() => {
            if !new.is_empty() {
                let lines = edit::indented(&meeting_lines(&new), column(text, key.span.start) + 2);
                edit::replace_value(&mut edits, text, key, list, Value::Block(lines));
            }
        }
        Some((key, list)) if !list.is_flow() && list.items().len() == plan.changes.len() => {
            into_list(&mut edits, source, key, list, plan)?;
        }
        Some(_) if plan.is_empty() => {}
        Some((_, list)) => {
            let problem =
                at(source, list.span.start, "the import cannot add to `cabinet_meetings` as it is written");
            return Err(problem.with_hint(BLOCK_HINT));
        }
    }
    Ok(edits)
}

/// The edits that make `plan` in the block list `list` of the file's
/// meetings: each meeting's gains, and the new meetings between them.
fn into_list(
    edits: &mut Edits,
    source: &Source,
    key: &Node,
    list: &Node,
    plan: &mut Plan,
) -> Result<(), Diagnostic> {
    let text = source.text;
    let indent = list_indent(text, list).unwrap_or(2);
    let mut new = plan.new.iter().peekable();
    let mut place = |edits: &mut Edits, at: usize, position: usize| {
        let mut here = Vec::new();
        while let Some((_, meeting)) = new.next_if(|(place, _)| *place == at) {
            here.push(meeting.clone());
        }
        if !here.is_empty() {
            insert_lines(edits, text, position, &edit::indented(&meeting_lines(&here), indent));
        }
    };
    place(edits, 0, edit::line_end(text, colon(text, key)));
    for (index, node) in list.items().iter().enumerate() {
        gain(edits, source, node, &mut plan.changes[index])?;
        place(edits, index + 1, after(text, node));
    }
    Ok(())
}

/// The hint for a list the import cannot add to.
const BLOCK_HINT: &str =
    "write it as a list of lines of their own, each entry starting with `- `, as `exec-report new` writes it";

/// The edits that give the file's meeting `node` what it gains.
fn gain(edits: &mut Edits, source: &Source, node: &Node, gains: &mut Gains) -> Result<(), Diagnostic> {
    let items = node.entry("items");
    add_links(edits, source.text, items.map(|(_, list)| list.items()).unwrap_or_default(), gains);
    if !gains.items.is_empty() {
        add_items(edits, source, node, items, &item_lines(&gains.items))?;
    }
    Ok(())
}

/// A `link:` after the last key of each item to gain one; an item written
/// in brackets keeps what it has, and its link is taken out of `gains`.
fn add_links(edits: &mut Edits, text: &str, items: &[Node], gains: &mut Gains) {
    gains.links.retain(|(index, link)| {
        let Some(item) = items.get(*index).filter(|item| !item.is_flow()) else { return false };
        let Some(indent) = key_indent(text, item) else { return false };
        let line = format!("{}link: {}\n", " ".repeat(indent), edit::scalar(link));
        insert_lines(edits, text, after(text, item), &line);
        true
    });
}

/// `lines`, new items, after the items of the meeting `node`: in its
/// `items` list (`items`), or under an `items:` added to it.
fn add_items(
    edits: &mut Edits,
    source: &Source,
    node: &Node,
    items: Option<(&Node, &Node)>,
    lines: &str,
) -> Result<(), Diagnostic> {
    let text = source.text;
    let cannot = |at_byte: usize| {
        let date = tree_date(node).unwrap_or_default();
        let message =
            format!("the import cannot add items to the Cabinet meeting of {date} as it is written");
        at(source, at_byte, message).with_hint(BLOCK_HINT)
    };
    match items {
        Some((key, list)) if list.is_empty_value() || list.is_empty_flow() => {
            let indented = edit::indented(lines, column(text, key.span.start) + 2);
            edit::replace_value(edits, text, key, list, Value::Block(indented));
        }
        Some((_, list)) if list.is_flow() => return Err(cannot(list.span.start)),
        Some((_, list)) => {
            let indent = list_indent(text, list).ok_or_else(|| cannot(list.span.start))?;
            insert_lines(edits, text, after(text, list), &edit::indented(lines, indent));
        }
        None if !node.is_flow() => {
            let indent = key_indent(text, node).ok_or_else(|| cannot(node.span.start))?;
            let block = format!("items:\n{}", edit::indented(lines, 2));
            insert_lines(edits, text, after(text, node), &edit::indented(&block, indent));
        }
        None => return Err(cannot(node.span.start)),
    }
    Ok(())
}

/// The date a meeting's entry gives, as written.
fn tree_date(node: &Node) -> Option<String> {
    match &node.get("date")?.kind {
        tree::Kind::Scalar(text) => Some(text.clone()),
        _ => None,
    }
}

/// A problem at byte `at` of the file.
fn at(source: &Source, at: usize, message: impl Into<String>) -> Diagnostic {
    let (line, column) = tree::line_and_column(source.text, at);
    Diagnostic::at(source.path, source.text, line, column, message.into())
}
