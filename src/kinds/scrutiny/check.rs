//! The checks of a scrutiny report that serde cannot make: blank names,
//! sections and lists without content, each at its line.

use std::collections::HashMap;
use std::path::Path;

use serde_saphyr::Spanned;

use super::{List, ListKind, Section};
use crate::input::Diagnostic;
use crate::kinds::parts::problem_at;

/// The checks of one document, gathered as they are found.
pub(super) struct Checker<'a> {
    pub(super) path: &'a Path,
    pub(super) text: &'a str,
    pub(super) problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// A problem at the place `spanned` came from.
    pub(super) fn problem<T>(&mut self, spanned: &Spanned<T>, message: impl Into<String>) {
        self.problems.push(problem_at(self.path, self.text, spanned, message));
    }

    /// A problem when the text at `spanned` is blank.
    pub(super) fn not_blank(&mut self, spanned: &Spanned<String>, what: &str) {
        if spanned.value.trim().is_empty() {
            self.problem(spanned, format!("{what} is empty"));
        }
    }

    /// Problems with section `number`: no title, the title of an earlier
    /// section (`seen` holds each title's number), nothing in it, or a
    /// paragraph with no text.
    pub(super) fn section<'s>(
        &mut self,
        number: usize,
        section: &'s Section,
        seen: &mut HashMap<&'s str, usize>,
    ) {
        let title = section.title.value.trim();
        self.not_blank(&section.title, &format!("the title of section {number}"));
        match seen.get(title) {
            Some(first) if !title.is_empty() => {
                self.problem(&section.title, format!("the section `{title}` is already section {first}"));
            }
            _ => {
                seen.insert(title, number);
            }
        }
        let lists = section.lists();
        if section.paragraphs.is_empty() && lists.is_empty() {
            self.problem(&section.title, format!("the section `{title}` has no paragraphs or lists"));
        }
        for (index, paragraph) in section.paragraphs.iter().enumerate() {
            if paragraph.text.trim().is_empty() {
                let message = format!("paragraph {number}.{} of `{title}` has no text", index + 1);
                self.problem(&section.title, message);
            }
        }
        for (kind, list) in lists {
            self.list(list, kind, title);
        }
    }

    /// Problems with a list: no items, or an item with no text.
    pub(super) fn list(&mut self, list: &List, kind: ListKind, section: &str) {
        let items = &list.items;
        if items.value.is_empty() {
            self.problem(items, format!("the list of {} of `{section}` has no items", kind.name()));
        }
        for (index, item) in items.value.iter().enumerate() {
            if item.value.text().trim().is_empty() {
                let message = format!("item {} of the {} of `{section}` has no text", index + 1, kind.name());
                self.problem(item, message);
            }
        }
    }
}
