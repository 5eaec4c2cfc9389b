//! The styles part: the document defaults (the council's font, 11 pt,
//! British English) and the styles the body names, under the ids and names
//! Word gives its built-in styles, so that Word, its navigation pane and
//! other readers know a heading as a heading and a quote as a quote.

use super::xml::{self, DECLARATION};
use super::{HANG, TEXT_WIDTH};

/// The font of the text when the council names none.
pub(super) const DEFAULT_FONT: &str = "Arial";

/// The font of code.
pub(super) const CODE_FONT: &str = "Consolas";

/// The colour of headings and links when the council gives none: the
/// PDF theme's.
pub(super) const DEFAULT_BRAND: &str = "1F4E79";

/// The size of each level of heading, in half-points: the PDF's, stepping
/// down by level.
const HEADING_SIZES: [u32; 6] = [40, 28, 24, 23, 22, 21];

/// The styles part for text in `font`, headings and links in `brand`
/// (`rrggbb`).
pub(super) fn styles(font: &str, brand: &str) -> String {
    let font = xml::attribute(font);
    let mut out = format!(
        "{DECLARATION}<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:eastAsia=\"{font}\" w:cs=\"{font}\"/>\
         <w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-GB\"/>\
         </w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\
         </w:docDefaults>"
    );
    out.push_str(&defaults());
    out.push_str(&paragraph(
        "Title",
        "Title",
        "<w:spacing w:after=\"240\"/>",
        &format!("<w:b/><w:bCs/><w:color w:val=\"{brand}\"/><w:sz w:val=\"56\"/><w:szCs w:val=\"56\"/>"),
    ));
    for level in 1..=HEADING_SIZES.len() {
        out.push_str(&heading(level, brand));
    }
    out.push_str(&body_styles(brand));
    out.push_str(&table_grid());
    out.push_str(&character(
        "Hyperlink",
        "Hyperlink",
        &format!("<w:color w:val=\"{brand}\"/><w:u w:val=\"single\"/>"),
    ));
    out.push_str("</w:styles>");
    out
}

/// The defaults Word itself writes: the normal paragraph, character, table
/// and list styles.
fn defaults() -> String {
    concat!(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
        "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">",
        "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>",
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>",
        "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>",
        "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>",
        "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
        "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>",
        "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>",
    )
    .to_owned()
}

/// Heading `level`, from 1: bold, in the brand colour, kept with what
/// follows it, and at outline level `level - 1` so that Word lists it in
/// its navigation pane and contents.
fn heading(level: usize, brand: &str) -> String {
    let size = HEADING_SIZES[level - 1];
    let (before, after) = if level == 1 { (360, 240) } else { (280, 160) };
    // Like the PDF: the first level in capitals, the fourth and sixth in
    // italics.
    let caps = if level == 1 { "<w:caps/>" } else { "" };
    let italic = if level == 4 || level == 6 { "<w:i/><w:iCs/>" } else { "" };
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/>\
         <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>\
         <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{before}\" w:after=\"{after}\"/>\
         <w:outlineLvl w:val=\"{}\"/></w:pPr>\
         <w:rPr><w:b/><w:bCs/>{italic}{caps}<w:color w:val=\"{brand}\"/>\
         <w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
        level - 1
    )
}

/// The styles of the body's other blocks: numbered paragraphs, list
/// items, quotes, code, and the header and footer.
fn body_styles(brand: &str) -> String {
    let mut out = String::new();
    // The number hangs in the margin of the text, a tab away from it.
    out.push_str(&paragraph(
        "NumberedParagraph",
        "Numbered Paragraph",
        &format!("<w:tabs><w:tab w:val=\"left\" w:pos=\"{HANG}\"/></w:tabs><w:ind w:left=\"{HANG}\" w:hanging=\"{HANG}\"/>"),
        "",
    ));
    out.push_str(&paragraph(
        "ListParagraph",
        "List Paragraph",
        "<w:ind w:left=\"720\"/><w:contextualSpacing/>",
        "",
    ));
    out.push_str(&paragraph(
        "Quote",
        "Quote",
        &format!(
            "<w:pBdr><w:left w:val=\"single\" w:sz=\"16\" w:space=\"8\" w:color=\"{brand}\"/></w:pBdr>\
             <w:ind w:left=\"284\"/>"
        ),
        "",
    ));
    out.push_str(&paragraph(
        "SourceCode",
        "Source Code",
        "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
        &format!("<w:rFonts w:ascii=\"{CODE_FONT}\" w:hAnsi=\"{CODE_FONT}\" w:cs=\"{CODE_FONT}\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>"),
    ));
    let small = "<w:color w:val=\"3C3C3C\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>";
    let right_tab =
        format!("<w:tabs><w:tab w:val=\"right\" w:pos=\"{TEXT_WIDTH}\"/></w:tabs><w:spacing w:after=\"0\"/>");
    out.push_str(&paragraph("Header", "header", &right_tab, small));
    out.push_str(&paragraph("Footer", "footer", "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>", small));
    out
}

/// Single thin grey borders and a little padding, as the PDF's tables
/// have, and no space after each paragraph of a cell. The text is 9 pt:
/// the body's font (Arial unless the council names one) is wider than
/// the PDF's, whose shares of the line the columns take, and at 9 pt
/// shows about as large as the PDF's tables at 10 pt.
fn table_grid() -> String {
    let border =
        |side: &str| format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"969696\"/>");
    let borders: String =
        ["top", "left", "bottom", "right", "insideH", "insideV"].iter().map(|s| border(s)).collect();
    format!(
        "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>\
         <w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/>\
         <w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
         <w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>\
         <w:tblPr><w:tblBorders>{borders}</w:tblBorders>\
         <w:tblCellMar><w:top w:w=\"57\" w:type=\"dxa\"/><w:left w:w=\"57\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
    )
}

/// A paragraph style based on Normal.
fn paragraph(id: &str, name: &str, paragraph: &str, run: &str) -> String {
    let paragraph = if paragraph.is_empty() { String::new() } else { format!("<w:pPr>{paragraph}</w:pPr>") };
    let run = if run.is_empty() { String::new() } else { format!("<w:rPr>{run}</w:rPr>") };
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>\
         <w:basedOn w:val=\"Normal\"/><w:qFormat/>{paragraph}{run}</w:style>"
    )
}

/// A character style.
fn character(id: &str, name: &str, run: &str) -> String {
    format!(
        "<w:style w:type=\"character\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>\
         <w:basedOn w:val=\"DefaultParagraphFont\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>\
         <w:rPr>{run}</w:rPr></w:style>"
    )
}
