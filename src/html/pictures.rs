//! Pictures in a page: the tool's own charts inline, as the SVG it wrote,
//! and every other image as data inside the page, so that the page is one
//! file that fetches nothing.

use base64::Engine;

use super::escape::escape;
use crate::input::images::{self, Format};

/// A chart the tool drew, inline. Its `id`s take the page's prefix so that
/// two charts of a pack never share one.
pub fn inline_chart(svg: &str, prefix: &str) -> String {
    let start = svg.find("<svg").unwrap_or(0);
    let svg = &svg[start..];
    if prefix.is_empty() {
        return svg.trim_end().to_owned();
    }
    let mut out = String::with_capacity(svg.len() + 64);
    let mut rest = svg;
    while let Some(at) = rest
        .find(" id=\"")
        .map(|at| at + 5)
        .into_iter()
        .chain(rest.find("aria-labelledby=\"").map(|at| at + 17))
        .min()
    {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('"').map_or(rest.len(), |end| at + end);
        let ids: Vec<String> = rest[at..end].split_whitespace().map(|id| format!("{prefix}{id}")).collect();
        out.push_str(&ids.join(" "));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.trim_end().to_owned()
}

/// An image from the council's files, held in the page as data.
pub fn img(name: &str, bytes: &[u8], alt: &str) -> String {
    let mime = match images::check(bytes) {
        Ok(Format::Png) => "image/png",
        Ok(Format::Jpeg) => "image/jpeg",
        Ok(Format::Gif) => "image/gif",
        Ok(Format::Webp) => "image/webp",
        Ok(Format::Svg) => "image/svg+xml",
        Err(_) => {
            let mut out = String::from("<em>");
            escape(if alt.is_empty() { name } else { alt }, &mut out);
            out.push_str("</em>");
            return out;
        }
    };
    let mut out = format!("<img src=\"data:{mime};base64,");
    base64::engine::general_purpose::STANDARD.encode_string(bytes, &mut out);
    out.push_str("\" alt=\"");
    escape(alt, &mut out);
    out.push_str("\">");
    out
}
