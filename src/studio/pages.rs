//! The pages of each file's latest preview, kept so that the page asks for
//! only those in view, when they come into view. Only the latest preview
//! of a file is kept, and only of a few files.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::pdf::Layout;

/// How many files' previews are kept.
const KEPT: usize = 6;

/// The latest previews, newest last.
#[derive(Default)]
pub struct Pages {
    kept: Mutex<VecDeque<(String, u64, Arc<Layout>)>>,
    revisions: AtomicU64,
}

impl Pages {
    /// Keeps `layout` as the latest preview of the file `name`, and gives
    /// its revision.
    pub fn keep(&self, name: &str, layout: Layout) -> u64 {
        let revision = self.revisions.fetch_add(1, Ordering::Relaxed) + 1;
        let mut kept = self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.retain(|(known, _, _)| known != name);
        kept.push_back((name.to_owned(), revision, Arc::new(layout)));
        while kept.len() > KEPT {
            kept.pop_front();
        }
        revision
    }

    /// The layout of revision `revision` of the file `name`, while it is
    /// the latest.
    pub fn get(&self, name: &str, revision: u64) -> Option<Arc<Layout>> {
        let kept = self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.iter()
            .find(|(known, at, _)| known == name && *at == revision)
            .map(|(_, _, layout)| Arc::clone(layout))
    }
}
