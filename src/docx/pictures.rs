//! Pictures for the Word file: the Markdown's images and the council's
//! logo as PNG or JPEG, which every version of Word shows, at the size they
//! show at; and the drawing that places one in the text.
//!
//! SVG (the tool's charts, a council's images and logos) is drawn to PNG
//! at twice the size it shows at, with the fonts the PDF has; GIF and WebP
//! become PNG; PNG and JPEG go in as they are.

use std::io::Cursor;
use std::sync::{Arc, LazyLock};

use anyhow::{Context, Result, anyhow};
use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use crate::input::images::{self, Format};
use crate::pdf::look::Look;

use super::xml;

/// A picture ready to go in: its file and the size it shows at, in EMU.
pub(super) struct Picture {
    /// A PNG or JPEG file.
    pub(super) bytes: Vec<u8>,
    /// `png` or `jpeg`.
    pub(super) extension: &'static str,
    /// Its width on the page.
    pub(super) width: u64,
    /// Its height on the page.
    pub(super) height: u64,
}

/// EMU, Word's unit of drawing, in a pixel at 96 dpi.
const EMU_PER_PIXEL: f64 = 9525.0;

/// EMU in a millimetre.
const EMU_PER_MM: f64 = 36_000.0;

/// The widest a picture shows: the text's width, 16 cm.
const WIDEST: f64 = 160.0 * EMU_PER_MM;

/// The tallest a picture shows: the text's height less room for the title
/// and source lines a chart has above and below it.
const TALLEST: f64 = 220.0 * EMU_PER_MM;

/// How many pixels an SVG is drawn with for each it shows at, so that it
/// stays sharp when printed or zoomed.
const SHARPNESS: f64 = 2.0;

/// The font an SVG's text is set in when the font it asks for is not
/// there: the PDF's text font, which its charts show in too.
const PDF_FONT: &str = "Libertinus Serif";

/// An image of the Markdown: its own size at 96 dpi, made smaller to fit
/// the text when it is wider or taller.
pub(super) fn image(bytes: &[u8], look: &Look) -> Result<Picture> {
    let source = read(bytes, look)?;
    let (width, height) = source.pixels();
    let (width, height) = fit(width * EMU_PER_PIXEL, height * EMU_PER_PIXEL);
    source.encode(width, height)
}

/// The council's logo, `height` millimetres tall, as wide as that makes it.
pub(super) fn logo(bytes: &[u8], height: f64, look: &Look) -> Result<Picture> {
    let source = read(bytes, look)?;
    let (pixels_wide, pixels_high) = source.pixels();
    let tall = height.max(1.0) * EMU_PER_MM;
    let (width, height) = fit(tall * pixels_wide / pixels_high, tall);
    source.encode(width, height)
}

/// `width` by `height`, made smaller as a whole to fit the text.
fn fit(width: f64, height: f64) -> (f64, f64) {
    let scale = (WIDEST / width).min(TALLEST / height).min(1.0);
    (width * scale, height * scale)
}

/// An image read, before it is made a PNG or JPEG.
enum Source<'a> {
    Svg(Box<usvg::Tree>),
    /// A PNG or JPEG, as it is, and its size in pixels.
    Embeddable {
        bytes: &'a [u8],
        extension: &'static str,
        size: (u32, u32),
    },
    /// A GIF or WebP, decoded.
    Decoded(image::DynamicImage),
}

/// Reads an image, after the same checks of its kind and size as the
/// PDF's.
fn read<'a>(bytes: &'a [u8], look: &Look) -> Result<Source<'a>> {
    let format = images::check(bytes).map_err(|problem| anyhow!("the image cannot be shown: {problem}"))?;
    let extension = match format {
        Format::Svg => {
            let tree = usvg::Tree::from_data(bytes, &svg_options(look)).context("the SVG cannot be read")?;
            return Ok(Source::Svg(Box::new(tree)));
        }
        Format::Gif | Format::Webp => {
            let decoded = image::load_from_memory(bytes).context("the image cannot be decoded")?;
            return Ok(Source::Decoded(decoded));
        }
        Format::Png => "png",
        Format::Jpeg => "jpeg",
    };
    let size = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .context("the image cannot be read")?
        .into_dimensions()
        .context("the image's size cannot be read")?;
    Ok(Source::Embeddable { bytes, extension, size })
}

impl Source<'_> {
    /// Its own size, in pixels at 96 dpi.
    fn pixels(&self) -> (f64, f64) {
        let (width, height) = match self {
            Source::Svg(tree) => (f64::from(tree.size().width()), f64::from(tree.size().height())),
            Source::Embeddable { size, .. } => (f64::from(size.0), f64::from(size.1)),
            Source::Decoded(image) => (f64::from(image.width()), f64::from(image.height())),
        };
        (width.max(1.0), height.max(1.0))
    }

    /// The picture, to show `width` by `height` EMU.
    fn encode(self, width: f64, height: f64) -> Result<Picture> {
        let (bytes, extension) = match self {
            Source::Svg(tree) => (rasterise(&tree, width, height)?, "png"),
            Source::Embeddable { bytes, extension, .. } => (bytes.to_vec(), extension),
            Source::Decoded(image) => {
                let mut png = Cursor::new(Vec::new());
                image
                    .write_to(&mut png, image::ImageFormat::Png)
                    .context("the image cannot be made a PNG")?;
                (png.into_inner(), "png")
            }
        };
        Ok(Picture {
            bytes,
            extension,
            width: width.round().max(1.0) as u64,
            height: height.round().max(1.0) as u64,
        })
    }
}

/// The SVG drawn as a PNG to show `width` by `height` EMU.
fn rasterise(tree: &usvg::Tree, width: f64, height: f64) -> Result<Vec<u8>> {
    let pixels = |emu: f64| (emu / EMU_PER_PIXEL * SHARPNESS).round().max(1.0) as u32;
    let (pixels_wide, pixels_high) = (pixels(width), pixels(height));
    let mut pixmap =
        tiny_skia::Pixmap::new(pixels_wide, pixels_high).context("the SVG is too large to draw")?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        pixels_wide as f32 / size.width(),
        pixels_high as f32 / size.height(),
    );
    resvg::render(tree, transform, &mut pixmap.as_mut());
    pixmap.encode_png().context("the drawn SVG cannot be written as a PNG")
}

/// How an SVG is read: with the PDF's fonts and the council's, its generic
/// families set in the document's font as the PDF sets them, and nothing
/// read from outside it.
fn svg_options(look: &Look) -> usvg::Options<'static> {
    let family = look.font.clone().unwrap_or_else(|| PDF_FONT.to_owned());
    let mut fonts = (**FONTS).clone();
    load(&mut fonts, look.fonts.iter().cloned());
    fonts.set_sans_serif_family(family.clone());
    fonts.set_serif_family(family.clone());
    usvg::Options {
        font_family: family,
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        fontdb: Arc::new(fonts),
        ..usvg::Options::default()
    }
}

/// The fonts built in for the PDF, loaded once per process.
static FONTS: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let store = &crate::pdf::fonts::SHARED.fonts;
    let mut fonts = fontdb::Database::new();
    let count = (0..).take_while(|&index| store.book().info(index).is_some()).count();
    load(&mut fonts, (0..count).filter_map(|index| store.font(index)));
    Arc::new(fonts)
});

/// Adds the files of `faces` to `fonts`, each file once: the faces of one
/// collection share it.
fn load(fonts: &mut fontdb::Database, faces: impl Iterator<Item = typst::text::Font>) {
    let mut loaded = Vec::new();
    for face in faces {
        let data = face.data();
        if !loaded.contains(&data.as_ptr()) {
            loaded.push(data.as_ptr());
            fonts.load_font_source(fontdb::Source::Binary(Arc::new(data.clone())));
        }
    }
}

/// The drawing that shows a picture in the text: picture `id` of the
/// document, its file the relationship `relation`, `cx` by `cy` EMU,
/// described by `alt`.
pub(super) fn drawing(id: usize, relation: &str, cx: u64, cy: u64, alt: &str) -> String {
    let alt = xml::attribute(alt);
    format!(
        "<w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
         <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
         <wp:docPr id=\"{id}\" name=\"Picture {id}\" descr=\"{alt}\"/>\
         <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"Picture {id}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr>\
         <pic:blipFill><a:blip r:embed=\"{relation}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
         <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
         <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
         </a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
}
