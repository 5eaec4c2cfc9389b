//! SVG images made inert before anything uses them. An SVG is a document
//! as much as a picture: opened by itself in a browser, from the web page
//! it is published beside, its scripts run, its event handlers fire and its
//! links and references load. Every SVG the council gives (an image in a
//! document, the logo) is read and written anew here, keeping only what
//! draws: the shapes, text, gradients, patterns, clips, masks, markers,
//! filters and styles of the picture, and references inside it. Scripts,
//! event handlers, foreign objects, animations, links out and every
//! reference to anything outside the file are left out, so the copy
//! published is a picture and nothing else, whatever its name.

use std::fmt::Write;

use roxmltree::{Document, Node, NodeType, ParsingOptions};

use crate::xml;

const SVG: &str = "http://www.w3.org/2000/svg";
const XLINK: &str = "http://www.w3.org/1999/xlink";
const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// The most elements, attributes and texts an SVG may hold: far more than
/// a detailed map exported from a drawing program.
const MOST_NODES: u32 = 1_000_000;

/// The SVG elements that draw, or hold what draws. Any other element is
/// left out with everything inside it.
const KEPT: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "switch",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "pattern",
    "clipPath",
    "mask",
    "marker",
    "style",
    "filter",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
];

/// The SVG elements whose content is kept without them: a link's words
/// stay, the link goes.
const UNWRAPPED: &[&str] = &["a"];

/// `text`, an SVG, written again with only what draws.
pub fn inert(text: &str) -> Result<String, String> {
    let options = ParsingOptions { allow_dtd: true, nodes_limit: MOST_NODES, ..ParsingOptions::default() };
    let document = Document::parse_with_options(text, options)
        .map_err(|error| format!("it is an SVG that cannot be read: {error}"))?;
    let root = document.root_element();
    if root.tag_name().namespace() != Some(SVG) || root.tag_name().name() != "svg" {
        return Err("it is not an SVG image: its first element is not `<svg>`".to_owned());
    }
    let mut out = String::with_capacity(text.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    element(root, &mut out, true);
    out.push('\n');
    Ok(out)
}

/// Writes an element that draws, with its safe attributes and children.
fn element(node: Node, out: &mut String, root: bool) {
    let name = node.tag_name().name();
    out.push('<');
    out.push_str(name);
    if root {
        let _ = write!(out, " xmlns=\"{SVG}\" xmlns:xlink=\"{XLINK}\"");
    }
    for attribute in node.attributes() {
        let written = match attribute.namespace() {
            None => attribute.name().to_owned(),
            Some(XLINK) => format!("xlink:{}", attribute.name()),
            // `xml:base` would send even a `#place` elsewhere.
            Some(XML) if matches!(attribute.name(), "space" | "lang") => format!("xml:{}", attribute.name()),
            Some(_) => continue,
        };
        if safe_attribute(&written, attribute.value()) {
            let _ = write!(out, " {written}=\"{}\"", xml::attribute(attribute.value()));
        }
    }
    out.push('>');
    if name == "style" {
        let css: String = node.children().filter_map(|child| child.text()).collect();
        if safe_style(&css) {
            out.push_str(&xml::text(&css));
        }
    } else {
        children(node, out);
    }
    let _ = write!(out, "</{name}>");
}

/// Writes the children of `node` that are text or draw.
fn children(node: Node, out: &mut String) {
    for child in node.children() {
        match child.node_type() {
            NodeType::Text => out.push_str(&xml::text(child.text().unwrap_or_default())),
            NodeType::Element if child.tag_name().namespace() != Some(SVG) => {}
            NodeType::Element if KEPT.contains(&child.tag_name().name()) => element(child, out, false),
            NodeType::Element if UNWRAPPED.contains(&child.tag_name().name()) => children(child, out),
            _ => {}
        }
    }
}

/// Whether an attribute only changes how the picture looks: no event
/// handler, and no reference but to a place inside the file.
fn safe_attribute(name: &str, value: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("on") {
        return false;
    }
    if matches!(
        lower.as_str(),
        "href" | "xlink:href" | "src" | "action" | "formaction" | "xlink:role" | "xlink:arcrole"
    ) {
        return value.trim_start().starts_with('#');
    }
    if lower.starts_with("xlink:") && lower != "xlink:title" {
        return false;
    }
    safe_style(value)
}

/// Whether CSS (or an attribute's value) refers to nothing outside the
/// file: every `url(…)` to a `#place`, no `@import`, no script.
fn safe_style(css: &str) -> bool {
    let squeezed: String =
        css.chars().filter(|c| !c.is_whitespace() && !c.is_control()).flat_map(char::to_lowercase).collect();
    // CSS escapes (`\75 rl(`) could spell any of these; a picture needs none.
    if squeezed.contains('\\') && squeezed.contains('(') {
        return false;
    }
    let outside = squeezed.split("url(").skip(1).any(|reference| {
        let reference = reference.trim_start_matches(['"', '\'']);
        !reference.starts_with('#')
    });
    !outside
        && !squeezed.contains("@import")
        && !squeezed.contains("image(")
        && !squeezed.contains("image-set(")
        && !squeezed.contains("expression(")
        && !squeezed.contains("javascript:")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = r##"<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 10" onload="alert(1)" inkscape:version="1" xml:base="https://evil.example/" xml:space="preserve">
  <title>Ward map</title>
  <script>fetch('/api/save')</script>
  <style>.ward { fill: url(#shade); } @import url(https://evil.example/x.css);</style>
  <defs><linearGradient id="shade"><stop offset="0" stop-color="#0a5"/></linearGradient></defs>
  <a href="javascript:alert(2)"><rect class="ward" width="5" height="5" fill="url(#shade)" onclick="x()"/></a>
  <use xlink:href="https://evil.example/sprite.svg#a"/>
  <use href="#shade"/>
  <foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/></foreignObject>
  <set attributeName="href" to="javascript:alert(3)"/>
  <circle r="2" style="fill: red; background: url('https://evil.example/track')"/>
  <text x="1" y="9">Ward &amp; <tspan>parish</tspan></text>
</svg>"##;

    #[test]
    fn keeps_what_draws_and_leaves_out_everything_that_acts() {
        let inert = inert(MAP).unwrap();
        for gone in [
            "script",
            "onload",
            "onclick",
            "javascript",
            "evil.example",
            "foreignObject",
            "iframe",
            "<set",
            "inkscape",
            "@import",
        ] {
            assert!(!inert.contains(gone), "{gone} in {inert}");
        }
        for kept in [
            "<title>Ward map</title>",
            "<linearGradient id=\"shade\">",
            "fill=\"url(#shade)\"",
            "<use href=\"#shade\"></use>",
            "Ward &amp; <tspan>parish</tspan>",
            "<circle r=\"2\">",
            "viewBox=\"0 0 10 10\"",
            "xml:space=\"preserve\"",
        ] {
            assert!(inert.contains(kept), "{kept} not in {inert}");
        }
        // The link's shape stays, without the link.
        assert!(
            inert.contains("<rect class=\"ward\" width=\"5\" height=\"5\" fill=\"url(#shade)\"></rect>"),
            "{inert}"
        );
    }

    #[test]
    fn an_inert_svg_reads_as_the_same_svg_again() {
        let once = inert(MAP).unwrap();
        assert_eq!(inert(&once).unwrap(), once);
    }

    #[test]
    fn refuses_what_is_not_an_svg() {
        assert!(inert("<html><script>x</script></html>").unwrap_err().contains("not an SVG"));
        assert!(inert("<svg").unwrap_err().contains("cannot be read"));
    }
}
