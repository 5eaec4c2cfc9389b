//! Tests of the Word writer: the file is read back as Word would read it,
//! every XML part parsed, and checked for what a reader of the document
//! sees.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use resvg::usvg::roxmltree;

use super::*;
use crate::pdf::Meta;
use crate::pdf::look::{LogoImage, Look};
use crate::text::File;

fn meta() -> Meta {
    Meta {
        title: "ADULT CARE AND HEALTH".to_owned(),
        subtitle: "County Council, 19 July 2016".to_owned(),
        council: "Hertfordshire County Council".to_owned(),
        author: "Sarah Ellis".to_owned(),
        date: jiff::civil::date(2016, 7, 19).at(9, 30, 0, 0),
        ident: "meeting/adult-care-and-health".to_owned(),
        look: Look::default(),
    }
}

/// A Word file read back: its parts by name, in the zip's order.
struct Docx {
    names: Vec<String>,
    parts: BTreeMap<String, Vec<u8>>,
}

impl Docx {
    /// Reads a Word file, checking that every XML part is well formed.
    fn read(bytes: &[u8]) -> Self {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let (mut names, mut parts) = (Vec::new(), BTreeMap::new());
        for index in 0..archive.len() {
            let mut file = archive.by_index(index).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            let name = file.name().expect("a name").into_owned();
            if name.ends_with(".xml") || name.ends_with(".rels") {
                let text = std::str::from_utf8(&content).unwrap();
                if let Err(error) = roxmltree::Document::parse(text) {
                    panic!("`{name}` is not well-formed XML: {error}\n{text}");
                }
            }
            names.push(name.clone());
            parts.insert(name, content);
        }
        Self { names, parts }
    }

    fn xml(&self, name: &str) -> String {
        let bytes = self.parts.get(name).unwrap_or_else(|| panic!("no `{name}` in {:?}", self.names));
        String::from_utf8(bytes.clone()).unwrap()
    }

    fn body(&self) -> String {
        self.xml("word/document.xml")
    }
}

/// The Word file of `markdown`, showing `files`, in `look`.
fn written_with(markdown: &str, files: &[File], look: Look) -> Docx {
    let meta = Meta { look, ..meta() };
    let part = Part { markdown, meta: &meta, files, charts: &[] };
    Docx::read(&document(&part).unwrap())
}

fn written(markdown: &str) -> Docx {
    written_with(markdown, &[], Look::default())
}

/// A chart as the tool draws one: text in the families it asks for.
fn chart_svg() -> Vec<u8> {
    concat!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"300\" viewBox=\"0 0 600 300\" ",
        "font-family=\"Arial, Helvetica, 'Liberation Sans', sans-serif\" font-size=\"12\">",
        "<rect width=\"600\" height=\"300\" fill=\"#ffffff\"/>",
        "<polyline points=\"40,250 300,200 560,120\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"3\"/>",
        "<text x=\"300\" y=\"290\" text-anchor=\"middle\">Q4 2015/16</text></svg>"
    )
    .as_bytes()
    .to_vec()
}

/// The text of every `w:t` of a paragraph-holding XML part, paragraphs
/// on lines of their own, tabs as tabs.
fn words(xml: &str) -> String {
    let document = roxmltree::Document::parse(xml).unwrap();
    let mut out = String::new();
    for node in document.descendants() {
        match node.tag_name().name() {
            "t" => out.push_str(node.text().unwrap_or_default()),
            "tab" if node.parent().is_some_and(|parent| parent.tag_name().name() == "r") => out.push('\t'),
            "p" => out.push('\n'),
            _ => {}
        }
    }
    out
}

#[test]
fn writes_headings_in_word_styles_at_their_levels() {
    let docx = written("# Title\n\n## 1. Cabinet decisions\n\n### 5.1 Performance\n\n#### 5.1.1 Discharge");
    let body = docx.body();
    for level in 1..=4 {
        assert!(body.contains(&format!("<w:pStyle w:val=\"Heading{level}\"/>")), "{body}");
    }
    let styles = docx.xml("word/styles.xml");
    for level in 1..=6 {
        assert!(
            styles.contains(&format!("w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/>"))
        );
        assert!(styles.contains(&format!("<w:outlineLvl w:val=\"{}\"/>", level - 1)));
    }
    assert!(styles.contains("<w:color w:val=\"1F4E79\"/>"), "the PDF's colour by default");
    assert!(styles.contains("w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"));
    assert!(styles.contains("w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"));
}

#[test]
fn sets_the_council_brand_and_font() {
    let look = Look {
        brand: Some("#1d5f3a".to_owned()),
        font: Some("Libertinus Serif".to_owned()),
        ..Look::default()
    };
    let styles = written_with("Text", &[], look).xml("word/styles.xml");
    assert!(styles.contains("<w:color w:val=\"1D5F3A\"/>"));
    assert!(styles.contains("<w:rFonts w:ascii=\"Libertinus Serif\""));
    let styles = written("Text").xml("word/styles.xml");
    assert!(styles.contains("<w:rFonts w:ascii=\"Arial\""));
}

#[test]
fn hangs_paragraph_numbers_only_at_the_top_level() {
    let docx =
        written("1.1 There will have been 5 meetings.\n\n3\\. Three.\n\n- 2.5 million\n\n2016 was a year");
    let body = docx.body();
    assert_eq!(body.matches("<w:pStyle w:val=\"NumberedParagraph\"/>").count(), 2, "{body}");
    let text = words(&body);
    assert!(text.contains("\n1.1\tThere will have been 5 meetings."), "{text:?}");
    assert!(text.contains("\n3.\tThree."), "{text:?}");
    assert!(text.contains("\n2.5 million") && text.contains("\n2016 was a year"), "{text:?}");
    let styles = docx.xml("word/styles.xml");
    assert!(styles.contains("<w:name w:val=\"Numbered Paragraph\"/>"));
    assert!(styles.contains("<w:ind w:left=\"851\" w:hanging=\"851\"/>"));
}

#[test]
fn numbers_labelled_lists_in_their_style_and_leaves_the_labels_out() {
    let cases = [
        ("- a. Take up\n- b. The offer", "lowerLetter", "%1."),
        ("- (a) Take up\n- (b) The offer", "lowerLetter", "(%1)"),
        ("- (i) Take up\n- (ii) The offer", "lowerRoman", "(%1)"),
        ("- 1\\. Take up\n- 2\\. The offer", "decimal", "%1."),
        ("- 2.1 Take up\n- 2.2 The offer", "decimal", "2.%1"),
    ];
    for (markdown, format, text) in cases {
        let docx = written(markdown);
        let numbering = docx.xml("word/numbering.xml");
        let level = format!(
            "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/><w:lvlText w:val=\"{text}\"/>"
        );
        assert!(numbering.contains(&level), "{markdown}: {numbering}");
        let body = docx.body();
        assert_eq!(words(&body).trim(), "Take up\nThe offer", "{markdown}");
        assert_eq!(body.matches("<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>").count(), 2);
        assert!(body.contains("<w:pStyle w:val=\"ListParagraph\"/>"));
    }
}

#[test]
fn starts_each_list_afresh_and_ordered_lists_at_their_number() {
    let docx = written("3. Three\n4. Four\n\nBetween.\n\n1. One\n   - Under one\n\n- Bullet");
    let numbering = docx.xml("word/numbering.xml");
    assert_eq!(numbering.matches("<w:num ").count(), 4, "{numbering}");
    assert!(numbering.contains("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/>"));
    assert!(numbering.contains("<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/>"));
    assert!(numbering.contains("<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/>"));
    let body = docx.body();
    // The bullet nested in item one stands a level in.
    assert!(body.contains("<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"3\"/></w:numPr>"), "{body}");
    assert!(body.contains("<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"4\"/></w:numPr>"), "{body}");
}

#[test]
fn writes_tables_with_a_repeated_bold_heading_row_and_the_pdf_widths() {
    let long = "word ".repeat(30);
    let markdown =
        format!("| Measure | Latest | RAG |\n|---|--:|:-:|\n| {long} | 11.2 | Red |\n| Short | 6.8% |");
    let body = written(&markdown).body();
    assert!(
        body.contains("<w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"),
        "{body}"
    );
    assert_eq!(body.matches("<w:tblHeader/>").count(), 1);
    assert!(body.contains("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"));
    assert_eq!(body.matches("<w:cantSplit/>").count(), 3);
    assert!(
        body.contains("<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Measure</w:t></w:r>")
    );
    assert!(
        body.contains("<w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r><w:t xml:space=\"preserve\">11.2</w:t>")
    );
    // The short last row is made whole.
    assert_eq!(body.matches("<w:tc>").count(), 9);
    let shares = crate::markup::column_shares(&crate::markup::events(&markdown)).unwrap();
    let columns: Vec<u32> = body
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(columns.iter().sum::<u32>(), TEXT_WIDTH);
    assert!(columns[0] > columns[1] && shares[0] > shares[1], "{columns:?} {shares:?}");
}

#[test]
fn shows_an_svg_chart_as_a_png_described_by_its_alt_text() {
    let files = vec![("chart.svg".to_owned(), chart_svg())];
    let docx = written_with(
        "**Delays**\\\n![Line chart of delays: 11.2 in Q4](chart.svg)\\\n*Source: NHS*",
        &files,
        Look::default(),
    );
    let body = docx.body();
    assert!(body.contains("descr=\"Line chart of delays: 11.2 in Q4\""), "{body}");
    assert!(body.contains("<a:blip r:embed=\"rId4\"/>"), "{body}");
    let png = &docx.parts["word/media/image1.png"];
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // Drawn at twice its 600 × 300 pixels, shown at its own size.
    let image = image::load_from_memory(png).unwrap();
    assert_eq!((image.width(), image.height()), (1200, 600));
    assert!(body.contains("<wp:extent cx=\"5715000\" cy=\"2857500\"/>"), "{body}");
    let relations = docx.xml("word/_rels/document.xml.rels");
    assert!(relations.contains("Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image1.png\""));
    assert!(
        docx.xml("[Content_Types].xml").contains("<Default Extension=\"png\" ContentType=\"image/png\"/>")
    );
    // The figure is kept whole on a page.
    assert!(body.contains("<w:keepLines/>"));
}

#[test]
fn fits_a_wide_image_to_the_text_and_converts_gif_to_png() {
    let mut gif = Vec::new();
    image::RgbImage::new(1200, 100).write_to(&mut Cursor::new(&mut gif), image::ImageFormat::Gif).unwrap();
    let files = vec![("wide.gif".to_owned(), gif)];
    let docx = written_with("![A wide band](wide.gif)", &files, Look::default());
    assert!(docx.parts["word/media/image1.png"].starts_with(b"\x89PNG"));
    assert!(docx.body().contains("<wp:extent cx=\"5760000\" cy=\"480000\"/>"), "{}", docx.body());
}

#[test]
fn writes_the_alt_text_in_italics_when_an_image_is_missing() {
    let docx = written("![A map of the county](map.png)");
    let body = docx.body();
    assert!(body.contains(
        "<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">A map of the county</w:t></w:r>"
    ));
    assert!(!body.contains("<w:drawing>"));
    assert!(!docx.names.iter().any(|name| name.starts_with("word/media/")));
}

#[test]
fn puts_the_logo_at_the_right_of_the_first_page_at_its_height() {
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" height=\"80\"><rect width=\"360\" height=\"80\" fill=\"#1d5c63\"/></svg>";
    let logo = LogoImage {
        name: "council-logo.svg".to_owned(),
        bytes: typst::foundations::Bytes::new(svg.to_vec()),
        alt: "Stockton-on-Tees Borough Council".to_owned(),
        height: 20.0,
    };
    let docx = written_with("# Title", &[], Look { logo: Some(logo), ..Look::default() });
    let body = docx.body();
    let first = body.split("<w:body>").nth(1).unwrap();
    assert!(first.starts_with("<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r><w:drawing>"), "{first}");
    assert!(body.contains("descr=\"Stockton-on-Tees Borough Council\""));
    assert!(body.contains("<wp:extent cx=\"3240000\" cy=\"720000\"/>"), "{body}");
    assert!(docx.parts["word/media/image1.png"].starts_with(b"\x89PNG"));
}

#[test]
fn describes_the_document_in_its_properties() {
    let docx = written("Text");
    let core = docx.xml("docProps/core.xml");
    assert!(core.contains("<dc:title>ADULT CARE AND HEALTH</dc:title>"));
    assert!(core.contains("<dc:creator>Sarah Ellis</dc:creator>"));
    assert!(core.contains("<cp:lastModifiedBy>Sarah Ellis</cp:lastModifiedBy>"));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    assert!(
        core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2016-07-19T09:30:00Z</dcterms:created>")
    );
    assert!(
        core.contains(
            "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2016-07-19T09:30:00Z</dcterms:modified>"
        )
    );
    assert!(docx.xml("docProps/app.xml").contains("<Application>exec-report</Application>"));
    let styles = docx.xml("word/styles.xml");
    let defaults = styles.split("<w:rPrDefault>").nth(1).unwrap().split("</w:rPrDefault>").next().unwrap();
    assert!(defaults.contains("<w:lang w:val=\"en-GB\"/>") && defaults.contains("<w:sz w:val=\"22\"/>"));
    assert!(docx.xml("word/settings.xml").contains("<w:themeFontLang w:val=\"en-GB\"/>"));
}

#[test]
fn zips_its_parts_in_a_fixed_order_with_a_fixed_date() {
    let bytes = document(&Part { markdown: "Text", meta: &meta(), files: &[], charts: &[] }).unwrap();
    let docx = Docx::read(&bytes);
    assert_eq!(
        docx.names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "word/document.xml",
            "word/styles.xml",
            "word/numbering.xml",
            "word/settings.xml",
            "word/_rels/document.xml.rels",
            "word/header1.xml",
            "word/footer1.xml",
        ]
    );
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    for index in 0..archive.len() {
        let file = archive.by_index(index).unwrap();
        assert_eq!(file.compression(), zip::CompressionMethod::Deflated);
        let time = file.last_modified().unwrap();
        assert_eq!((time.year(), time.month(), time.day(), time.hour(), time.minute()), (2016, 7, 19, 9, 30));
    }
}

#[test]
fn writes_the_header_and_footer_words_with_page_fields() {
    let docx = written("Text");
    let header = docx.xml("word/header1.xml");
    assert_eq!(words(&header), "\nHertfordshire County Council\tCounty Council, 19 July 2016");
    assert!(docx.xml("word/styles.xml").contains("<w:tab w:val=\"right\" w:pos=\"9070\"/>"));
    let footer = docx.xml("word/footer1.xml");
    assert!(footer.contains("<w:t xml:space=\"preserve\">Page </w:t>"));
    assert!(
        footer.contains("<w:fldSimple w:instr=\" PAGE \">")
            && footer.contains("<w:fldSimple w:instr=\" NUMPAGES \">")
    );
    let body = docx.body();
    assert_eq!(body.matches("<w:sectPr>").count(), 1);
    assert!(body.ends_with("<w:pgNumType w:start=\"1\"/></w:sectPr></w:body></w:document>"), "{body}");
    assert!(body.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(body.contains("w:top=\"1418\" w:right=\"1418\" w:bottom=\"1418\" w:left=\"1418\""));
}

#[test]
fn writes_nothing_for_empty_header_and_footer_words() {
    let settings: crate::input::page::PageSettings = crate::input::parse(
        std::path::Path::new("council.yaml"),
        "header_left: \"\"\nheader_right: \"\"\nfooter: \"\"\n",
    )
    .unwrap();
    let docx = written_with("Text", &[], Look { page: settings, ..Look::default() });
    assert_eq!(words(&docx.xml("word/header1.xml")), "\n");
    assert_eq!(words(&docx.xml("word/footer1.xml")), "\n");
    assert!(!docx.xml("word/footer1.xml").contains("fldSimple"));
}

#[test]
fn gives_each_part_of_a_pack_a_section_and_the_contents_links_to_them() {
    let (pack_meta, first, second) =
        (meta(), meta(), Meta { title: "CHILDREN'S SERVICES".to_owned(), ..meta() });
    let contents = Contents {
        heading: "Contents".to_owned(),
        entries: vec!["Adult Care and Health".to_owned(), "Children's Services".to_owned()],
    };
    let parts = vec![
        Part { markdown: "# ADULT CARE AND HEALTH\n\n1.1 One.", meta: &first, files: &[], charts: &[] },
        Part { markdown: "# CHILDREN'S SERVICES\n\n1.1 Two.", meta: &second, files: &[], charts: &[] },
    ];
    let docx = Docx::read(&pack(&Pack { meta: &pack_meta, contents: Some(contents), parts }).unwrap());
    let body = docx.body();
    assert_eq!(body.matches("<w:sectPr>").count(), 3, "{body}");
    assert_eq!(body.matches("<w:pgNumType w:start=\"1\"/>").count(), 3);
    assert_eq!(body.matches("<w:type w:val=\"nextPage\"/>").count(), 2);
    for index in 0..2 {
        assert!(body.contains(&format!("<w:hyperlink w:anchor=\"part-{index}\" w:history=\"1\">")));
        assert!(body.contains(&format!("<w:bookmarkStart w:id=\"{}\" w:name=\"part-{index}\"/>", index + 1)));
    }
    let text = words(&body);
    assert!(text.starts_with("\nContents\nAdult Care and Health\nChildren's Services\n"), "{text:?}");
    for number in 1..=3 {
        let footer = docx.xml(&format!("word/footer{number}.xml"));
        assert!(footer.contains(" SECTIONPAGES ") && !footer.contains(" NUMPAGES "), "{footer}");
        assert!(docx.xml("[Content_Types].xml").contains(&format!("/word/header{number}.xml")));
    }
    // The last part's properties are the body's own.
    assert!(body.ends_with("</w:sectPr></w:body></w:document>"));
}

#[test]
fn escapes_hostile_text_and_drops_control_characters() {
    let body = written("Tom & \"Jerry\" <script>alert(1)</script> ring\u{7} the bell\u{1b}.").body();
    for piece in
        ["Tom &amp; &quot;Jerry&quot; ", "&lt;script&gt;", "alert(1)", "&lt;/script&gt;", " ring the bell."]
    {
        assert!(body.contains(&format!(">{piece}</w:t>")), "{piece} in {body}");
    }
    assert!(!body.contains("<script") && !body.contains('\u{7}') && !body.contains('\u{1b}'));
    let core = written_with("x", &[], Look::default()).xml("docProps/core.xml");
    assert!(core.contains("<dc:title>ADULT CARE AND HEALTH</dc:title>"));
    let link = written("[a](<https://example.org/?a=1&b=\"2\" x>)");
    assert!(
        link.xml("word/_rels/document.xml.rels")
            .contains("Target=\"https://example.org/?a=1&amp;b=&quot;2&quot;%20x\" TargetMode=\"External\"")
    );
}

#[test]
fn writes_inline_formatting_links_breaks_quotes_code_and_rules() {
    let markdown = "Some *fell*, **rose**, ~~gone~~ and `code` [here](https://www.hertfordshire.gov.uk/carers).\\\nNext line\nsoft\n\n> Carers are the backbone.\n\n```\nfn main() {\n    go();\n}\n```\n\n---\n";
    let docx = written(markdown);
    let body = docx.body();
    assert!(body.contains("<w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">fell</w:t>"));
    assert!(body.contains("<w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">rose</w:t>"));
    assert!(body.contains("<w:rPr><w:strike/></w:rPr><w:t xml:space=\"preserve\">gone</w:t>"));
    assert!(body.contains("<w:rFonts w:ascii=\"Consolas\" w:hAnsi=\"Consolas\" w:cs=\"Consolas\"/></w:rPr><w:t xml:space=\"preserve\">code</w:t>"));
    assert!(body.contains("<w:hyperlink r:id=\"rId4\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr><w:t xml:space=\"preserve\">here</w:t></w:r></w:hyperlink>"), "{body}");
    assert!(
        docx.xml("word/_rels/document.xml.rels")
            .contains("Target=\"https://www.hertfordshire.gov.uk/carers\" TargetMode=\"External\"")
    );
    assert!(body.contains("<w:r><w:br/></w:r><w:r><w:t xml:space=\"preserve\">Next line</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>"));
    assert!(body.contains(
        "<w:pStyle w:val=\"Quote\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Carers are the backbone.</w:t>"
    ));
    assert_eq!(body.matches("<w:pStyle w:val=\"SourceCode\"/>").count(), 3);
    assert!(body.contains("<w:t xml:space=\"preserve\">    go();</w:t>"));
    assert!(body.contains("<w:pBdr><w:bottom w:val=\"single\""));
}

#[test]
fn writes_the_same_bytes_every_time() {
    let files = vec![("chart.svg".to_owned(), chart_svg())];
    let meta = meta();
    let part = Part {
        markdown: "1.1 Text [a](https://a.example)\n\n![Chart](chart.svg)\n\n- a\n- b",
        meta: &meta,
        files: &files,
        charts: &[],
    };
    assert_eq!(document(&part).unwrap(), document(&part).unwrap());
}

#[test]
fn writes_a_whole_report_as_the_pdf_lays_it_out() {
    let markdown = include_str!("tests/report.md");
    let files = vec![("adult-care-and-health-delayed-transfers.svg".to_owned(), chart_svg())];
    let charts = vec!["adult-care-and-health-delayed-transfers.svg".to_owned()];
    let meta = meta();
    let part = Part { markdown, meta: &meta, files: &files, charts: &charts };
    let docx = Docx::read(&document(&part).unwrap());
    let body = docx.body();
    let text = words(&body);
    for expected in [
        "\nADULT CARE AND HEALTH\n",
        "\n1.1\tThere will have been 5 Cabinet meetings",
        "\n3.1\tCabinet – 19 September 2016Forward Plan ref: A012/16.",
        "\nThe pilot will be extended to Watford General Hospital in September:\n",
        "\nthe draft strategy is considered.\nany changes are proposed to Cabinet.\n",
        "\nCarers are the backbone of care in Hertfordshire.\n",
        "\nSarah EllisExecutive Member for Adult Care and HealthJuly 2016",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    assert!(!text.contains("(a) the draft"));
    assert_eq!(body.matches("<w:pStyle w:val=\"NumberedParagraph\"/>").count(), 8);
    assert_eq!(body.matches("<w:tblHeader/>").count(), 1);
    assert!(body.contains("descr=\"Line chart of delayed transfers of care per 100,000 adults"));
    assert!(docx.xml("word/numbering.xml").contains("<w:lvlText w:val=\"(%1)\"/>"));
    assert_eq!(docx.names.iter().filter(|name| name.starts_with("word/media/")).count(), 1);
    let relations = docx.xml("word/_rels/document.xml.rels");
    assert_eq!(relations.matches("TargetMode=\"External\"").count(), 2);
}
