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

/// Whether some font, built in or one of `own`, can show the character
/// `c`: the typesetter falls back across all of them, so one is enough.
pub fn can_show(c: char, own: &[typst::text::Font]) -> bool {
    if c.is_whitespace() || c.is_control() || is_invisible(c) {
        return true;
    }
    let code = c as u32;
    let book = SHARED.fonts.book();
    let mut index = 0;
    while let Some(info) = book.info(index) {
        if info.coverage.contains(code) {
            return true;
        }
        index += 1;
    }
    own.iter().any(|font| font.info().coverage.contains(code))
}

/// Characters that shape to nothing: joiners, marks of direction and
/// variation selectors.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ad}')
}
