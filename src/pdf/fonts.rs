//! The fonts and standard library every document shares: the embedded
//! fonts, loaded once per process.

use std::sync::LazyLock;

use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_kit::fonts::FontStore;

/// The fonts and standard library every report shares, loaded on first use.
pub(crate) struct Shared {
    pub(crate) library: LazyHash<Library>,
    pub(crate) fonts: FontStore,
}

pub(crate) static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let mut fonts = FontStore::new();
    fonts.extend(typst_kit::fonts::embedded());
    Shared { library: LazyHash::new(Library::default()), fonts }
});

/// Whether a font family is built in.
pub fn has_family(family: &str) -> bool {
    SHARED.fonts.book().families().any(|(name, _)| name.eq_ignore_ascii_case(family))
}
