//! Where a link may send a reader: one rule for every place a link is
//! checked or written. The checks of a document's text refuse a link the
//! rule refuses, at its line; the import refuses one read from a server;
//! and every writer (the PDF, the web page, the Word file) asks again
//! before writing a live link, writing the words alone otherwise, so that
//! no path through the program can publish a link the rule refuses.
//!
//! A link may go to an `http`, `https`, `mailto` or `tel` address, to a
//! place in the same document (`#section`), or to a file by a name
//! relative to the document that stays inside the document's folder, where
//! its files are published. Everything else is refused: other schemes
//! (`javascript:`, `file:`, `data:`, `smb:`), network paths
//! (`\\host\share`, `//host/x`), which Windows opens by sending the
//! reader's credentials to that host, and paths on a disk (`/etc/x`,
//! `C:\x`).

use std::fmt;

/// The schemes a link may use. A link without one is relative.
pub const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// What a link the rule allows leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    /// An address of one of the allowed [`SCHEMES`].
    Address,
    /// A place in the same document: `#section`.
    InDocument,
    /// A file beside the document, or in a folder below it.
    Relative,
}

/// Why the rule refuses a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The link is empty.
    Empty,
    /// It has a scheme other than the allowed ones, lowercased.
    Scheme(String),
    /// An allowed web scheme without a host after it (`https:/x`,
    /// `https:\\host`), which browsers read in ways that differ.
    NoHost(String),
    /// A network path, `\\host\share` or `//host/x`.
    NetworkPath,
    /// A path from the top of a disk, `/etc/x` or `C:\x`.
    DiskPath,
    /// A relative path that climbs out of the document's folder.
    OutsideFolder,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::Empty => write!(f, "a link has no address"),
            Refused::Scheme(scheme) => write!(f, "a link to `{scheme}:` is not allowed"),
            Refused::NoHost(scheme) => write!(f, "a `{scheme}:` link has no web address after `{scheme}://`"),
            Refused::NetworkPath => write!(f, "a link to a network path is not allowed"),
            Refused::DiskPath => write!(f, "a link to a file on a disk is not allowed"),
            Refused::OutsideFolder => {
                write!(f, "a link to a file outside the document's folder is not allowed")
            }
        }
    }
}

impl Refused {
    /// How to mend a refused link.
    pub fn hint(&self) -> &'static str {
        match self {
            Refused::NetworkPath | Refused::DiskPath => {
                "a reader cannot open a file on the council's network or disks: publish the file and link to its web address, or put it in the document's folder and link to it by its name"
            }
            Refused::OutsideFolder => {
                "put the file in the document's folder, or a folder inside it, and link to it from there"
            }
            _ => "link only to http, https, mailto or tel addresses, or to a file by a relative name",
        }
    }
}

/// Judges the link `dest`, as written in Markdown or read from elsewhere.
pub fn judge(dest: &str) -> Result<Allowed, Refused> {
    // Browsers drop control characters and spaces inside an address, and
    // read `\` as `/` in a web address: judge what they would follow.
    let cleaned = cleaned(dest);
    if cleaned.is_empty() {
        return Err(Refused::Empty);
    }
    let slashed = cleaned.replace('\\', "/");
    if slashed.starts_with("//") {
        return Err(Refused::NetworkPath);
    }
    if let Some(scheme) = scheme_of(&cleaned) {
        return web_address(&scheme, &cleaned);
    }
    if cleaned.starts_with('#') {
        return Ok(Allowed::InDocument);
    }
    if slashed.starts_with('/') || is_drive(&slashed) {
        return Err(Refused::DiskPath);
    }
    relative(&slashed)
}

/// Whether the rule allows `dest`.
pub fn allowed(dest: &str) -> bool {
    judge(dest).is_ok()
}

/// An address with a scheme: allowed when the scheme is, and a web
/// address names its host after `//`, written with forward slashes.
fn web_address(scheme: &str, cleaned: &str) -> Result<Allowed, Refused> {
    if is_drive(&cleaned.replace('\\', "/")) {
        return Err(Refused::DiskPath);
    }
    if !SCHEMES.contains(&scheme) {
        return Err(Refused::Scheme(scheme.to_owned()));
    }
    let rest = &cleaned[cleaned.find(':').map_or(0, |at| at + 1)..];
    let web = scheme == "http" || scheme == "https";
    if web && (!rest.starts_with("//") || rest[2..].starts_with(['/', '\\']) || rest.len() == 2) {
        return Err(Refused::NoHost(scheme.to_owned()));
    }
    Ok(Allowed::Address)
}

/// A relative path, its `?query` and `#place` left aside, with `%2e` read
/// as browsers read it: allowed while it stays inside its folder.
fn relative(slashed: &str) -> Result<Allowed, Refused> {
    let path = slashed.split(['?', '#']).next().unwrap_or_default();
    let mut depth = 0usize;
    for part in path.split('/') {
        match decoded_dots(part).as_str() {
            "" | "." => {}
            ".." => depth = depth.checked_sub(1).ok_or(Refused::OutsideFolder)?,
            _ => depth += 1,
        }
    }
    Ok(Allowed::Relative)
}

/// A path segment with `%2e` and `%2E` read as dots, as browsers do for
/// `.` and `..`.
fn decoded_dots(part: &str) -> String {
    part.replace("%2e", ".").replace("%2E", ".")
}

/// Whether a path starts with a Windows drive: `C:/x`, `c:`.
fn is_drive(slashed: &str) -> bool {
    let bytes = slashed.as_bytes();
    bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes.len() == 2 || bytes[2] == b'/')
}

/// The scheme of a link, lowercased: `https` of `https://…`; `None` for a
/// relative link.
pub fn scheme(dest: &str) -> Option<String> {
    scheme_of(&cleaned(dest))
}

/// `dest` as a browser follows it: without control characters and spaces.
fn cleaned(dest: &str) -> String {
    dest.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect()
}

/// The scheme of a cleaned link.
fn scheme_of(cleaned: &str) -> Option<String> {
    let (scheme, _) = cleaned.split_once(':')?;
    // A `:` after a `/`, `?` or `#` belongs to a relative path.
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_and_telephone_addresses_places_and_files_beside() {
        for dest in [
            "https://www.hertfordshire.gov.uk/services/",
            "HTTP://example.org",
            "mailto:democratic.services@example.gov.uk",
            "tel:+441234567890",
            "#section-3",
            "map.svg",
            "appendices/a.pdf",
            "./maps/../map.svg?x=1#top",
        ] {
            assert!(allowed(dest), "{dest}");
        }
    }

    #[test]
    fn refuses_other_schemes_however_they_are_spelled() {
        assert_eq!(judge("javascript:alert(1)"), Err(Refused::Scheme("javascript".into())));
        assert_eq!(judge("JAVA\tSCRIPT:x"), Err(Refused::Scheme("javascript".into())));
        assert_eq!(judge(" file:///etc/passwd"), Err(Refused::Scheme("file".into())));
        assert_eq!(judge("data:text/html,hi"), Err(Refused::Scheme("data".into())));
        assert_eq!(judge("smb://host/share"), Err(Refused::Scheme("smb".into())));
    }

    #[test]
    fn refuses_network_paths_that_would_send_the_readers_credentials() {
        for dest in [r"\\host\share\x.docx", "//host/x", r"\/host/x", r"/\host", "\\\\10.0.0.1\\c$"] {
            assert_eq!(judge(dest), Err(Refused::NetworkPath), "{dest}");
        }
        assert_eq!(judge(r"https:\\host\x"), Err(Refused::NoHost("https".into())));
        assert_eq!(judge("https:/host"), Err(Refused::NoHost("https".into())));
        assert_eq!(judge("http:///host"), Err(Refused::NoHost("http".into())));
    }

    #[test]
    fn refuses_disk_paths_and_paths_out_of_the_folder() {
        assert_eq!(judge("/etc/passwd"), Err(Refused::DiskPath));
        assert_eq!(judge(r"C:\Users\x.docx"), Err(Refused::DiskPath));
        assert_eq!(judge("c:"), Err(Refused::DiskPath));
        assert_eq!(judge("../secret.pdf"), Err(Refused::OutsideFolder));
        assert_eq!(judge(r"maps\..\..\x"), Err(Refused::OutsideFolder));
        assert_eq!(judge("%2e%2e/x"), Err(Refused::OutsideFolder));
        assert_eq!(judge(""), Err(Refused::Empty));
    }
}
