//! A document as the HTML and Word writers take it: its Markdown, the
//! description its PDF has, and the files its Markdown shows; and a pack
//! as a list of such documents, with its own description and contents.

use crate::pdf::Meta;

/// A file made in memory: its name and bytes.
pub type File = (String, Vec<u8>);

/// One document to write, alone or as a part of a pack.
pub struct Part<'a> {
    /// Its Markdown, exactly as the `.md` file has it.
    pub markdown: &'a str,
    /// Its title, council, author, date, header and footer words and look.
    pub meta: &'a Meta,
    /// The files its Markdown shows, by the name it gives them: charts
    /// made by the tool and images from the document's folder.
    pub files: &'a [File],
    /// The names among `files` of the charts the tool made, which are SVG
    /// it wrote itself; every other file came from the council.
    pub charts: &'a [String],
}

impl Part<'_> {
    /// The bytes of the file the Markdown names `name`.
    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.files.iter().find(|(file, _)| file == name).map(|(_, bytes)| bytes.as_slice())
    }

    /// Whether `name` is a chart the tool made.
    pub fn is_chart(&self, name: &str) -> bool {
        self.charts.iter().any(|chart| chart == name)
    }
}

/// A pack: several documents in one file, as its PDF has them.
pub struct Pack<'a> {
    /// The pack's own title, council, author, date and look.
    pub meta: &'a Meta,
    /// Its contents list, when it opens with one.
    pub contents: Option<Contents>,
    /// Its documents, in order.
    pub parts: Vec<Part<'a>>,
}

/// A pack's contents list.
pub struct Contents {
    /// Its heading: "Contents".
    pub heading: String,
    /// The title of each part, in order.
    pub entries: Vec<String>,
}
