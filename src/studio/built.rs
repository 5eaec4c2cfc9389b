//! The files a build wrote, as the studio links and serves them: the
//! output folder's files alone, read-only, each behind a link signed for
//! its folder (see `guard`), and each answered as a sandbox with no origin
//! and no script, so that nothing a built file holds can run in the
//! studio's name or reach its API.

use std::path::Path;

use serde_json::{Value, json};

use crate::input::files::{FILE_LIMIT, Root, read_regular};
use crate::percent;
use crate::studio::Studio;
use crate::studio::http::Response;

/// The policy every built file is sent with: a sandbox without
/// `allow-scripts` or `allow-same-origin`, so the browser gives the file
/// an origin of its own and runs none of its scripts. Its links to the
/// files beside it still open, and its downloads still save.
pub const SANDBOX: &str = "sandbox allow-downloads";

/// The files a build of `dir` has in the output folder, with their links:
/// each folder's index page first, then its documents.
pub fn list(studio: &Studio, dir: &Path) -> Vec<Value> {
    let found = crate::input::discover::discover(dir).unwrap_or_default();
    let mut outputs = Vec::new();
    for folder in found {
        let Ok(entries) = std::fs::read_dir(studio.out.join(&folder.name)) else { continue };
        let mut names: Vec<String> = entries
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('.') && !name.ends_with(".json"))
            .filter(|name| [".pdf", ".html", ".md", ".docx"].iter().any(|end| name.ends_with(end)))
            .collect();
        names.sort_by_key(|name| (name != "index.html", name.clone()));
        outputs.extend(names.into_iter().map(|name| {
            let href = studio.guard.built_href(&folder.name, &name);
            json!({ "name": format!("{}/{name}", folder.name), "href": href })
        }));
    }
    outputs
}

/// The file at `rest` (as sent, percent-encoded) inside the output folder
/// `folder`, whose signature the guard has checked: nothing outside that
/// folder, links followed.
pub fn serve(studio: &Studio, folder: &str, rest: &str) -> Response {
    let missing = || Response::error(404, "no build has written that file");
    let root = Root::at(&studio.out);
    let inside = root.dir().join(folder);
    let rest = percent::decode(rest);
    let name = if rest.is_empty() || rest.ends_with('/') { format!("{rest}index.html") } else { rest };
    let found =
        root.resolve(&inside, &name).or_else(|_| root.resolve(&inside, &format!("{name}/index.html")));
    let Some(path) = found.ok().filter(|path| path.starts_with(&inside)) else {
        return missing();
    };
    match read_regular(&path, FILE_LIMIT * 4) {
        Ok(bytes) => Response::new(200, content_type(&path), bytes).with("Content-Security-Policy", SANDBOX),
        Err(_) => missing(),
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|extension| extension.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "json" => "application/json",
        "typ" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
