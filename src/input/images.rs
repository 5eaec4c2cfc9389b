//! Images as untrusted input: the format and size an image declares are
//! read from its first bytes and checked before anything decodes it, so a
//! small file that declares a vast picture is refused instead of filling
//! memory.

use std::io::Cursor;

/// The most pixels an image may have: more than a full-page photograph at
/// print resolution (A4 at 300 dpi is under 9 million).
pub const MAX_PIXELS: u64 = 40_000_000;

/// The longest side an image may have, in pixels.
pub const MAX_SIDE: u32 = 20_000;

/// What an image is, once checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
    Gif,
    Webp,
    Svg,
}

/// Checks that `bytes` are an image the PDF can hold: PNG, JPEG, GIF,
/// WebP or SVG, of at most [`MAX_SIDE`] pixels a side and [`MAX_PIXELS`]
/// in all. The problem, in words, when they are not.
pub fn check(bytes: &[u8]) -> Result<Format, String> {
    if is_svg(bytes) {
        return check_svg(bytes).map(|()| Format::Svg);
    }
    let reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|error| format!("it cannot be read: {error}"))?;
    let format = match reader.format() {
        Some(image::ImageFormat::Png) => Format::Png,
        Some(image::ImageFormat::Jpeg) => Format::Jpeg,
        Some(image::ImageFormat::Gif) => Format::Gif,
        Some(image::ImageFormat::WebP) => Format::Webp,
        Some(other) => return Err(format!("it is a {other:?} image; use PNG, JPEG, GIF, WebP or SVG")),
        None => return Err("it is not an image: use PNG, JPEG, GIF, WebP or SVG".to_owned()),
    };
    let (width, height) = reader.into_dimensions().map_err(|error| format!("it cannot be read: {error}"))?;
    if width == 0 || height == 0 {
        return Err(format!("it is {width} × {height} pixels: it has no picture"));
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "it is {width} × {height} pixels, more than the {} million pixels (and {MAX_SIDE} a side) an image may have",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(format)
}

/// `bytes` checked as [`check`] checks them, and made safe to publish: an
/// SVG written again with only what draws ([`super::svg::inert`]), any
/// other image as it is. Every image and logo is read through this, so
/// whatever is copied beside a web page, or held inside one, is a picture
/// and nothing else.
pub fn published(bytes: Vec<u8>) -> Result<(Format, Vec<u8>), String> {
    let format = check(&bytes)?;
    if format != Format::Svg {
        return Ok((format, bytes));
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| "it is an SVG that is not UTF-8 text".to_owned())?;
    Ok((format, super::svg::inert(text)?.into_bytes()))
}

fn is_svg(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(start);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('<') && text.contains("<svg")
}

/// An SVG is drawn as vectors, whatever size it declares; only the raster
/// images it may carry inside would be decoded, so those are refused.
fn check_svg(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is an SVG that is not UTF-8 text".to_owned())?;
    if text.contains("<image") || text.contains(":image") {
        return Err("it is an SVG with another image inside; give that image as its own file".to_owned());
    }
    if text.contains("<!ENTITY") {
        return Err("it is an SVG that declares entities, which are not allowed".to_owned());
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A PNG that declares `width` × `height` pixels and holds none.
    pub(crate) fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend(width.to_be_bytes());
        ihdr.extend(height.to_be_bytes());
        ihdr.extend([8, 6, 0, 0, 0]);
        png.extend(13u32.to_be_bytes());
        png.extend(&ihdr);
        png.extend(crc32(&ihdr).to_be_bytes());
        for (kind, data) in [(&b"IDAT"[..], &b"\x78\x9c\x03\x00\x00\x00\x00\x01"[..]), (b"IEND", b"")] {
            let mut chunk = kind.to_vec();
            chunk.extend(data);
            png.extend((data.len() as u32).to_be_bytes());
            png.extend(&chunk);
            png.extend(crc32(&chunk).to_be_bytes());
        }
        png
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn refuses_a_small_file_that_declares_a_vast_picture() {
        let problem = check(&png_header(65_535, 65_535)).unwrap_err();
        assert!(problem.starts_with("it is 65535 × 65535 pixels, more than the 40 million"), "{problem}");
        assert_eq!(
            check(&png_header(30_000, 10)).unwrap_err().split(',').next(),
            Some("it is 30000 × 10 pixels")
        );
        assert_eq!(check(&png_header(800, 600)), Ok(Format::Png));
    }

    #[test]
    fn tells_what_is_not_an_image() {
        assert_eq!(check(b"hello").unwrap_err(), "it is not an image: use PNG, JPEG, GIF, WebP or SVG");
        assert_eq!(check(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), Ok(Format::Svg));
        let nested = b"<svg><image href='data:image/png;base64,AAAA'/></svg>";
        assert!(check(nested).unwrap_err().contains("another image inside"));
    }
}
