//! What the studio answers: its page, the folder's files, checks and
//! previews of unsaved text, saving, building, and the stream of events.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::build::progress::Step;
use crate::build::{self, Formats, Options};
use crate::input::Diagnostic;
use crate::studio::files::{self, Refused};
use crate::studio::guard::Access;
use crate::studio::http::{Request, Response};
use crate::studio::{Studio, built, folder_named};
use crate::watch::Watcher;

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/studio.js");
const STYLE: &str = include_str!("assets/studio.css");

/// What the studio's own page may load and talk to: itself alone.
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The answer to `request`, let in by the guard to reach `access`.
pub(crate) fn route(studio: &Arc<Studio>, request: &Request, access: &Access) -> Response {
    let path = request.path.as_str();
    match (request.method.as_str(), path, access) {
        ("GET", _, Access::Built { folder, rest }) => built::serve(studio, folder, rest),
        (_, _, Access::Built { .. }) => Response::error(405, "built files are only read here"),
        ("GET", "/", _) => page(studio),
        ("GET", "/assets/studio.js", _) => Response::new(200, "text/javascript; charset=utf-8", SCRIPT),
        ("GET", "/assets/studio.css", _) => Response::new(200, "text/css; charset=utf-8", STYLE),
        ("GET", "/api/tree", _) => tree(studio),
        ("GET", "/api/schemas", _) => Response::json(200, &files::schemas()),
        ("GET", "/api/file", _) => file(studio, request),
        ("GET", "/api/page", _) => preview_page(studio, request),
        ("POST", "/api/check", _) => check(studio, request),
        ("POST", "/api/save", _) => save(studio, request),
        ("POST", "/api/build", _) => start_build(studio, request),
        (
            _,
            "/" | "/api/tree" | "/api/schemas" | "/api/file" | "/api/page" | "/api/check" | "/api/save"
            | "/api/build" | "/api/events",
            _,
        ) => Response::error(405, "that method is not used here"),
        _ => Response::error(404, "there is nothing here"),
    }
}

/// The studio's page, its assets named with the token: the page's own
/// requests carry it, and no cookie is needed.
fn page(studio: &Studio) -> Response {
    let page = PAGE.replace("{{token}}", studio.guard.token());
    Response::new(200, "text/html; charset=utf-8", page).with("Content-Security-Policy", POLICY)
}

fn refused(refusal: Refused) -> Response {
    match refusal {
        Refused::NotFound(message) => Response::error(404, message),
        Refused::Invalid(message) => Response::error(400, message),
        Refused::TooLarge(message) => Response::error(413, message),
        Refused::Changed { text, version } => Response::json(
            409,
            &json!({
                "error": "the file changed on disk since it was opened",
                "text": text,
                "version": version,
            }),
        ),
        Refused::Failed(message) => Response::error(500, message),
    }
}

/// The JSON body of a request, read as `T`.
fn body<T: for<'de> Deserialize<'de>>(request: &Request) -> Result<T, Response> {
    let json = request.header("content-type").is_some_and(|kind| kind.starts_with("application/json"));
    if !json {
        return Err(Response::error(415, "send JSON, with Content-Type: application/json"));
    }
    serde_json::from_slice(&request.body)
        .map_err(|error| Response::error(400, format!("the request is not understood: {error}")))
}

/// The folders and files, each with its problems counted: what reading and
/// checking find, so that a mistake saved by another editor shows beside
/// its file whichever file is open.
fn tree(studio: &Studio) -> Response {
    let problems = build::problems(studio.folder.dir(), studio.templates.as_deref()).unwrap_or_default();
    Response::json(200, &studio.folder.tree(&problems))
}

fn file(studio: &Studio, request: &Request) -> Response {
    let name = request.param("path").unwrap_or_default();
    match studio.folder.read(name) {
        Ok((text, version)) => {
            Response::json(200, &json!({ "path": name, "text": text, "version": version }))
        }
        Err(refusal) => refused(refusal),
    }
}

#[derive(Deserialize)]
struct Check {
    path: String,
    text: String,
}

/// Checks and previews a file's unsaved text: never writes it.
fn check(studio: &Studio, request: &Request) -> Response {
    let check: Check = match body(request) {
        Ok(check) => check,
        Err(refusal) => return refusal,
    };
    match preview(studio, &check.path, &check.text) {
        Ok(value) => Response::json(200, &value),
        Err(refusal) => refusal,
    }
}

/// The problems and pages of the file `name` were it to hold `text`.
pub(crate) fn preview(studio: &Studio, name: &str, text: &str) -> Result<Value, Response> {
    let started = Instant::now();
    let path = studio.folder.resolve(name).map_err(refused)?;
    if text.len() as u64 > crate::input::files::YAML_LIMIT {
        return Err(Response::error(413, "the text is more than the 4 MB a YAML file may hold"));
    }
    let previewed = build::preview(&path, text, studio.templates.as_deref())
        .map_err(|error| Response::error(422, format!("{error:#}")))?;
    let problems: Vec<Value> =
        previewed.problems.iter().map(|problem| problem_json(studio, problem)).collect();
    let (revision, pages) = match previewed.layout {
        Some(layout) => {
            let sizes: Vec<Value> = layout
                .page_sizes()
                .into_iter()
                .map(|(width, height)| json!({ "width": width, "height": height }))
                .collect();
            (Some(studio.pages.keep(name, layout).to_string()), sizes)
        }
        None => (None, Vec::new()),
    };
    // Keep what typesetting the next edit can reuse, and no more.
    typst::comemo::evict(8);
    Ok(json!({
        "rev": revision,
        "pages": pages,
        "problems": problems,
        "ms": started.elapsed().as_millis() as u64,
    }))
}

fn problem_json(studio: &Studio, problem: &Diagnostic) -> Value {
    let path = studio.folder.name_of(&problem.path).unwrap_or_else(|| problem.path.display().to_string());
    json!({
        "path": path,
        "line": problem.position.map(|(line, _)| line),
        "column": problem.position.map(|(_, column)| column),
        "message": problem.message,
        "hint": problem.hint,
        "warning": problem.warning,
        "rule": problem.rule,
    })
}

/// A page of a preview, drawn as SVG.
fn preview_page(studio: &Studio, request: &Request) -> Response {
    let name = request.param("path").unwrap_or_default();
    let revision = request.param("rev").and_then(|rev| rev.parse().ok());
    let number = request.param("n").and_then(|n| n.parse().ok());
    let (Some(revision), Some(number)) = (revision, number) else {
        return Response::error(400, "name the page with `rev` and `n`");
    };
    let Some(layout) = studio.pages.get(name, revision) else {
        return Response::error(404, "that preview is gone: check the text again");
    };
    match layout.page_svg(number) {
        Some(svg) => Response::new(200, "image/svg+xml", svg),
        None => Response::error(404, "there is no such page"),
    }
}

#[derive(Deserialize)]
struct Save {
    path: String,
    text: String,
    version: String,
    #[serde(default)]
    force: bool,
}

fn save(studio: &Studio, request: &Request) -> Response {
    let save: Save = match body(request) {
        Ok(save) => save,
        Err(refusal) => return refusal,
    };
    match studio.folder.save(&save.path, &save.text, &save.version, save.force) {
        Ok(version) => Response::json(200, &json!({ "version": version })),
        Err(refusal) => refused(refusal),
    }
}

#[derive(Deserialize)]
struct Build {
    #[serde(default)]
    folder: String,
}

/// Starts building a folder; its progress and outcome are told as events.
fn start_build(studio: &Arc<Studio>, request: &Request) -> Response {
    let build: Build = match body(request) {
        Ok(build) => build,
        Err(refusal) => return refusal,
    };
    let Some(dir) = folder_named(studio, &build.folder) else {
        return Response::error(404, format!("there is no folder `{}` in the folder served", build.folder));
    };
    if studio.building.swap(true, Ordering::AcqRel) {
        return Response::error(409, "a build is under way: wait for it to finish");
    }
    let studio = Arc::clone(studio);
    std::thread::spawn(move || {
        let outcome = run_build(&studio, &dir);
        studio.building.store(false, Ordering::Release);
        studio.hub.tell("build", &outcome);
    });
    Response::json(202, &json!({ "state": "started" }))
}

/// Builds the folder `dir` as `exec-report build` would, telling the pages
/// of each document as it is finished; gives the outcome to tell them.
fn run_build(studio: &Studio, dir: &Path) -> Value {
    let formats = Formats { markdown: true, pdf: true, html: true, docx: false, typst: false };
    let options = Options {
        out: studio.out.clone(),
        write: true,
        force: false,
        ..Options::checking(dir, formats, studio.templates.as_deref())
    };
    studio.hub.tell("build", &json!({ "state": "running", "done": 0, "total": 0, "label": "" }));
    let tell = |step: Step| {
        let label = format!("{} {}", step.what, step.name);
        studio.hub.tell(
            "build",
            &json!({ "state": "running", "done": step.done, "total": step.total, "label": label }),
        );
    };
    let summary = match build::run_observed(&options, Some(&tell)) {
        Ok(summary) => summary,
        Err(error) => {
            return json!({ "state": "finished", "ok": false, "message": format!("{error:#}"), "outputs": [] });
        }
    };
    let mut message = format!("{} written, {} unchanged", documents(summary.rendered), summary.unchanged);
    if !summary.failures.is_empty() {
        message.push_str(&format!(", {} failed:", summary.failures.len()));
        for (failure, _) in summary.distinct_failures() {
            message.push_str(&format!("\n{}", failure.message.trim_end()));
        }
    }
    json!({
        "state": "finished",
        "ok": summary.failures.is_empty(),
        "message": message,
        "outputs": built::list(studio, dir),
    })
}

fn documents(count: usize) -> String {
    if count == 1 { "1 document".to_owned() } else { format!("{count} documents") }
}

/// Tells the pages of each change on disk, until the watcher stops.
pub(crate) fn tell_changes(studio: &Studio, watcher: Watcher) {
    for paths in watcher.changes.iter() {
        let names: Vec<String> = paths.iter().filter_map(|path| studio.folder.name_of(path)).collect();
        if !names.is_empty() {
            studio.hub.tell("changed", &json!({ "paths": names }));
        }
    }
}
