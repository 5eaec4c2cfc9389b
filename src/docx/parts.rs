//! The parts around the body: the document's properties, its settings,
//! and each section's page, header and footer.

use jiff::civil::DateTime;

use super::package::Package;
use super::xml::{self, DECLARATION, NAMESPACES};
use super::{MARGIN, PAGE_HEIGHT, PAGE_WIDTH};
use crate::pdf::Meta;

/// The core properties: title, author, language and dates.
pub(super) fn core(meta: &Meta) -> String {
    let date = w3cdtf(meta.date);
    format!(
        "{DECLARATION}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>\
         <cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>en-GB</dc:language>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified></cp:coreProperties>",
        title = xml::text(&meta.title),
        subject = xml::text(&meta.subtitle),
        author = xml::text(&meta.author),
    )
}

/// A date as the properties give it: `2016-07-19T00:00:00Z`.
fn w3cdtf(date: DateTime) -> String {
    date.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The application properties: what wrote the file, for which council.
pub(super) fn app(meta: &Meta) -> String {
    format!(
        "{DECLARATION}<Properties \
         xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
         <Application>exec-report</Application><Company>{}</Company></Properties>",
        xml::text(&meta.council)
    )
}

/// The settings: British English for the theme's fonts too, and the
/// layout of Word 2013 and later.
pub(super) fn settings() -> String {
    format!(
        "{DECLARATION}<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/>\
         <w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"en-GB\"/><w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/>\
         </w:settings>"
    )
}

/// How a section's footer counts its pages: `NUMPAGES` in a document on
/// its own, `SECTIONPAGES` in a pack, where each document counts its own
/// pages, as in the PDF.
#[derive(Debug, Clone, Copy)]
pub(super) enum Pages {
    Document,
    Section,
}

/// The properties of a section described by `meta`: A4, its header and
/// footer, its pages counted from 1, starting on a new page unless it is
/// the `first`.
pub(super) fn section(package: &mut Package, meta: &Meta, pages: Pages, first: bool) -> String {
    let page = meta.look.page.filled(&meta.council, &meta.subtitle, &meta.title);
    let brand = xml::colour(meta.look.brand.as_deref(), super::styles::DEFAULT_BRAND);
    let header = header(&page.header_left, &page.header_right, &brand, pages);
    let header = package.header_or_footer(false, header);
    let footer = package.header_or_footer(true, footer(&page.footer, pages));
    let start = if first { "" } else { "<w:type w:val=\"nextPage\"/>" };
    format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"{header}\"/>\
         <w:footerReference w:type=\"default\" r:id=\"{footer}\"/>{start}\
         <w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/>\
         <w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" \
         w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/><w:pgNumType w:start=\"1\"/></w:sectPr>"
    )
}

/// A header: `left` at the left, `right` at the right, over a rule in the
/// brand colour, as in the PDF; empty, with no rule, when both are.
fn header(left: &str, right: &str, brand: &str, pages: Pages) -> String {
    let words = if left.is_empty() && right.is_empty() {
        String::from("<w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>")
    } else {
        format!(
            "<w:pPr><w:pStyle w:val=\"Header\"/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"4\" \
             w:color=\"{brand}\"/></w:pBdr></w:pPr>{}<w:r><w:tab/></w:r>{}",
            with_fields(left, pages),
            with_fields(right, pages)
        )
    };
    format!("{DECLARATION}<w:hdr {NAMESPACES}><w:p>{words}</w:p></w:hdr>")
}

/// A footer: `words` in the middle.
fn footer(words: &str, pages: Pages) -> String {
    format!(
        "{DECLARATION}<w:ftr {NAMESPACES}><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>{}</w:p></w:ftr>",
        with_fields(words, pages)
    )
}

/// The runs of a header's or footer's words, `{page}` and `{pages}` made
/// fields that Word fills in on each page.
pub(super) fn with_fields(words: &str, pages: Pages) -> String {
    let (mut out, mut plain) = (String::new(), String::new());
    let mut rest = words;
    while let Some(at) = rest.find("{page") {
        plain.push_str(&rest[..at]);
        let after = &rest[at + "{page".len()..];
        let field = if after.starts_with('}') {
            Some(("PAGE", 1))
        } else if after.starts_with("s}") {
            Some((
                match pages {
                    Pages::Document => "NUMPAGES",
                    Pages::Section => "SECTIONPAGES",
                },
                2,
            ))
        } else {
            None
        };
        let Some((field, skip)) = field else {
            plain.push('{');
            rest = &rest[at + 1..];
            continue;
        };
        out.push_str(&run(&std::mem::take(&mut plain)));
        out.push_str(&format!(
            "<w:fldSimple w:instr=\" {field} \"><w:r><w:t xml:space=\"preserve\">1</w:t></w:r></w:fldSimple>"
        ));
        rest = &after[skip..];
    }
    plain.push_str(rest);
    out.push_str(&run(&plain));
    out
}

/// A plain run, or nothing for no words.
fn run(words: &str) -> String {
    if words.is_empty() { String::new() } else { format!("<w:r>{}</w:r>", xml::run_content(words)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_page_numbers_fields() {
        let runs = with_fields("Page {page} of {pages}", Pages::Section);
        assert!(runs.starts_with(
            "<w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:fldSimple w:instr=\" PAGE \">"
        ));
        assert!(runs.contains("<w:fldSimple w:instr=\" SECTIONPAGES \">"), "{runs}");
        assert!(with_fields("{pages}", Pages::Document).contains(" NUMPAGES "));
        assert_eq!(
            with_fields("{pager}", Pages::Document),
            "<w:r><w:t xml:space=\"preserve\">{pager}</w:t></w:r>"
        );
        assert_eq!(with_fields("", Pages::Document), "");
    }
}
