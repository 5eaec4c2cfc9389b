//! The council's brand colour, checked for contrast before a page uses it
//! for text: WCAG 2.2 level AA asks 4.5 to 1 against the white page.

/// The brand colour the PDF theme uses when a council gives none.
pub const DEFAULT_BRAND: &str = "#1f4e79";

/// The least contrast of normal text with its background, at level AA.
const AA: f64 = 4.5;

/// The colour to use for text in the brand's place: the brand itself when
/// it reads well on white, else the brand darkened, step by step, until it
/// does.
pub fn text_colour(brand: Option<&str>) -> String {
    let brand = brand.unwrap_or(DEFAULT_BRAND);
    let Some(mut rgb) = parse(brand) else { return DEFAULT_BRAND.to_owned() };
    while contrast_with_white(rgb) < AA {
        rgb = rgb.map(|channel| (f64::from(channel) * 0.9).floor() as u8);
    }
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// `#rrggbb` as its three channels.
fn parse(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#').filter(|hex| hex.len() == 6 && hex.is_ascii())?;
    let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// The contrast ratio of a colour with white, as WCAG defines it.
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    1.05 / (luminance(rgb) + 0.05)
}

/// The relative luminance of an sRGB colour.
fn luminance(rgb: [u8; 3]) -> f64 {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_brand_that_reads_well_on_white() {
        assert_eq!(text_colour(Some("#1f4e79")), "#1f4e79");
        assert_eq!(text_colour(None), DEFAULT_BRAND);
    }

    #[test]
    fn darkens_a_pale_brand_until_it_passes_aa() {
        let yellow = text_colour(Some("#ffdd00"));
        assert_ne!(yellow, "#ffdd00");
        assert!(contrast_with_white(parse(&yellow).unwrap()) >= AA, "{yellow}");
        let white = text_colour(Some("#ffffff"));
        assert!(contrast_with_white(parse(&white).unwrap()) >= AA, "{white}");
    }

    #[test]
    fn measures_contrast_as_wcag_does() {
        assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 1e-9);
        assert!((contrast_with_white([255, 255, 255]) - 1.0).abs() < 1e-9);
        // #767676 is the palest grey that passes on white.
        assert!(contrast_with_white([0x76, 0x76, 0x76]) >= AA);
        assert!(contrast_with_white([0x77, 0x77, 0x77]) < AA);
    }
}
