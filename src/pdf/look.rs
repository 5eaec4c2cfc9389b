//! A council's look, read from its `council.yaml`: brand colour, logo and
//! fonts, checked and loaded once, then handed to every PDF.

use std::path::Path;
use std::sync::Arc;

use typst::foundations::Bytes;
use typst::text::Font;

use crate::build::manifest::Fingerprint;
use crate::input::council::{Logo, Settings};
use crate::input::files::{FILE_LIMIT, MOST_FILES, Root};
use crate::input::page::PageSettings;
use crate::input::{Diagnostic, Source, images};

/// What the theme needs of a council's look.
#[derive(Debug, Clone, Default)]
pub struct Look {
    /// The brand colour, as `#rrggbb`.
    pub brand: Option<String>,
    /// The font family of the text.
    pub font: Option<String>,
    /// The logo at the head of each document's first page.
    pub logo: Option<LogoImage>,
    /// Font files the council added, loaded.
    pub fonts: Arc<Vec<Font>>,
    /// The words at the head and foot of every page.
    pub page: PageSettings,
}

/// A logo, read into memory.
#[derive(Debug, Clone)]
pub struct LogoImage {
    /// The name it is served under: `council-logo.svg` or `.png`.
    pub name: String,
    /// The file's bytes.
    pub bytes: Bytes,
    /// Its alternative text.
    pub alt: String,
    /// Its height on the page, in millimetres.
    pub height: f64,
}

impl Look {
    /// Reads the look a council's settings describe. Files they name are
    /// looked for beside them.
    pub fn load(settings: &Settings) -> Result<Self, Diagnostic> {
        let council = &settings.council;
        let Some(path) = settings.file.as_deref() else { return Ok(Self::default()) };
        let text = settings.text.as_str();
        let folder = settings.folder();
        let brand = match &council.brand_colour {
            Some(colour) if !is_hex_colour(&colour.value) => {
                let line = colour.referenced.line() as usize;
                let column = colour.referenced.column().max(1) as usize;
                let message = format!("`{}` is not a colour written as #rrggbb", colour.value);
                return Err(Diagnostic::at(path, text, line, column, message)
                    .with_hint("write six hexadecimal digits after #, such as \"#1f4e79\""));
            }
            Some(colour) => Some(colour.value.clone()),
            None => None,
        };
        let source = settings.source();
        let root = Root::at(folder);
        let logo = match &council.logo {
            Some(logo) => Some(read_logo(&root, source, logo)?),
            None => None,
        };
        let mut fonts = Vec::new();
        if council.fonts.len() > MOST_FILES {
            let message =
                format!("{} font files are listed, more than the {MOST_FILES} allowed", council.fonts.len());
            return Err(source.at_key("fonts", message).with_hint("list each font file once"));
        }
        let mut read: Vec<&String> = Vec::new();
        for file in &council.fonts {
            // A file listed twice is read once.
            if read.contains(&file) {
                continue;
            }
            read.push(file);
            let data = root.read(folder, file, FILE_LIMIT).map_err(|refusal| {
                source.error_at_text(file, refusal.message("font file", file)).with_hint(refusal.hint())
            })?;
            let loaded: Vec<Font> = Font::iter(Bytes::new(data)).collect();
            if loaded.is_empty() {
                return Err(
                    source.error_at_text(file, format!("`{file}` is not an OpenType or TrueType font"))
                );
            }
            fonts.extend(loaded);
        }
        if let Some(family) = &council.font {
            let known = fonts.iter().any(|font| font.info().family.eq_ignore_ascii_case(family))
                || super::fonts::has_family(family);
            if !known {
                return Err(Diagnostic::file(path, format!("no font of the family `{family}` is built in or listed in `fonts`"))
                    .with_hint("add the font's files under `fonts:`, or choose Libertinus Serif, New Computer Modern or DejaVu Sans Mono"));
            }
        }
        Ok(Self {
            brand,
            font: council.font.clone(),
            logo,
            fonts: Arc::new(fonts),
            page: council.page.clone(),
        })
    }
}

impl Look {
    /// Adds the look's colour, font, logo and font files to a fingerprint.
    pub fn fingerprint(&self, fingerprint: Fingerprint) -> Fingerprint {
        let mut fingerprint = fingerprint
            .with(self.brand.as_deref().unwrap_or_default())
            .with(self.font.as_deref().unwrap_or_default())
            .with(&self.page.header_left.value)
            .with(&self.page.header_right.value)
            .with(&self.page.footer.value);
        if let Some(logo) = &self.logo {
            fingerprint = fingerprint.with(&logo.name).with(logo.bytes.as_slice()).with(&logo.alt);
        }
        for font in self.fonts.iter() {
            fingerprint = fingerprint.with(font.data().as_slice());
        }
        fingerprint
    }
}

fn read_logo(root: &Root, source: Source, logo: &Logo) -> Result<LogoImage, Diagnostic> {
    let at_file = |message: String| source.error_at_text(&logo.file, message);
    let extension = Path::new(&logo.file).extension().map(|e| e.to_string_lossy().to_lowercase());
    let extension = match extension.as_deref() {
        Some(ext @ ("svg" | "png")) => ext.to_owned(),
        _ => {
            return Err(at_file(format!("the logo `{}` is neither SVG nor PNG", logo.file))
                .with_hint("give the logo as an .svg or .png file"));
        }
    };
    if logo.alt.trim().is_empty() {
        return Err(source
            .at_key("alt", "the logo has no alternative text".to_owned())
            .with_hint("set `alt:` to what the logo says, usually the council's name"));
    }
    let bytes = root
        .read(root.dir(), &logo.file, FILE_LIMIT)
        .map_err(|refusal| at_file(refusal.message("logo", &logo.file)).with_hint(refusal.hint()))?;
    let (format, bytes) = images::published(bytes)
        .map_err(|problem| at_file(format!("the logo `{}`: {problem}", logo.file)))?;
    if (format == images::Format::Svg) != (extension == "svg") {
        return Err(at_file(format!("the logo `{}` is not the kind of image its name says", logo.file))
            .with_hint("give a .svg file for an SVG and a .png file for a PNG"));
    }
    Ok(LogoImage {
        name: format!("council-logo.{extension}"),
        bytes: Bytes::new(bytes),
        alt: logo.alt.clone(),
        height: logo.height,
    })
}

fn is_hex_colour(text: &str) -> bool {
    text.strip_prefix('#').is_some_and(|hex| hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_six_digit_hex_colours() {
        assert!(is_hex_colour("#1f4E79"));
        assert!(!is_hex_colour("1f4e79"));
        assert!(!is_hex_colour("#fff"));
        assert!(!is_hex_colour("#12345g"));
    }
}
