//! The drafting studio over HTTP, as a browser (or an attacker) meets it:
//! the token, the Host and Origin checks, files outside the folder, saving
//! and conflicts, the limits on requests, checks of unsaved text, the
//! events a page is sent, and the Build button.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use exec_report::studio::{Server, Settings};

/// A studio serving a copy of `inputs/`, answering on its own thread.
struct Studio {
    port: u16,
    token: String,
    url: String,
    /// The served folder.
    root: PathBuf,
    /// The folder its builds write into.
    out: PathBuf,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

impl Studio {
    fn start() -> Self {
        let served = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let root = served.path().join("inputs");
        copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs"), &root);
        // A file beside the served folder, that nothing may read or write.
        std::fs::write(served.path().join("secret.yaml"), "secret: 1\n").unwrap();
        let settings =
            Settings { root: root.clone(), out: out.path().to_owned(), templates: None, port: Some(0) };
        let server = Server::bind(&settings).unwrap();
        let url = server.url();
        let (port, token) = (server.port(), server.token().to_owned());
        // Each studio stops when the test binary exits.
        let stop: &'static AtomicBool = Box::leak(Box::new(AtomicBool::new(false)));
        std::thread::spawn(move || server.run(stop).unwrap());
        Self { port, token, url, out: out.path().to_owned(), root, _dirs: (served, out) }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends `head` (request line and headers, without the blank line) and
    /// `body`, and gives the answer.
    fn exchange(&self, head: &str, body: &[u8]) -> Answer {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let head = format!("{head}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
        stream.write_all(head.as_bytes()).unwrap();
        // A server that refuses early may close before the body is sent.
        let _ = stream.write_all(body);
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        Answer::parse(&String::from_utf8_lossy(&answer))
    }

    /// The status and body of the answer to `head` and `body`.
    fn raw(&self, head: &str, body: &[u8]) -> (u16, String) {
        let answer = self.exchange(head, body);
        (answer.status, answer.body)
    }

    fn get(&self, target: &str) -> (u16, String) {
        self.raw(&format!("GET {target} HTTP/1.1\r\nHost: {}\r\nX-Token: {}", self.host(), self.token), b"")
    }

    fn post(&self, target: &str, json: &serde_json::Value) -> (u16, serde_json::Value) {
        let head = format!(
            "POST {target} HTTP/1.1\r\nHost: {}\r\nX-Token: {}\r\nOrigin: http://{}\r\nContent-Type: application/json",
            self.host(),
            self.token,
            self.host()
        );
        let (status, body) = self.raw(&head, json.to_string().as_bytes());
        (status, serde_json::from_str(&body).unwrap_or(serde_json::Value::Null))
    }

    fn file(&self, name: &str) -> (String, String) {
        let (status, body) = self.get(&format!("/api/file?path={name}"));
        assert_eq!(status, 200, "{body}");
        let value: serde_json::Value = serde_json::from_str(&body).unwrap();
        (value["text"].as_str().unwrap().to_owned(), value["version"].as_str().unwrap().to_owned())
    }

    /// Listens to the events a page is sent.
    fn events(&self) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let head = format!("GET /api/events?token={} HTTP/1.1\r\nHost: {}\r\n\r\n", self.token, self.host());
        stream.write_all(head.as_bytes()).unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        reader
    }
}

/// An answer, read whole.
struct Answer {
    status: u16,
    /// The status line and headers.
    head: String,
    body: String,
}

impl Answer {
    fn parse(answer: &str) -> Self {
        let status = answer.get(9..12).and_then(|code| code.parse().ok()).unwrap_or(0);
        let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((answer, ""));
        Self { status, head: head.to_owned(), body: body.to_owned() }
    }

    /// The value of the header `name`, as written.
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| line.strip_prefix(name)?.strip_prefix(": "))
    }
}

/// The next event named `name`: its data.
fn next_event(events: &mut BufReader<TcpStream>, name: &str) -> serde_json::Value {
    let mut current = String::new();
    loop {
        let mut line = String::new();
        assert!(events.read_line(&mut line).unwrap() > 0, "the events stopped");
        let line = line.trim_end();
        if let Some(event) = line.strip_prefix("event: ") {
            current = event.to_owned();
        } else if let Some(data) = line.strip_prefix("data: ")
            && current == name
        {
            return serde_json::from_str(data).unwrap();
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

const REPORT: &str = "2016-07-19-county-council/childrens-services.yaml";

#[test]
fn nothing_is_served_without_the_token() {
    let studio = Studio::start();
    let host = studio.host();
    for target in ["/", "/api/tree", "/assets/studio.js", &format!("/api/file?path={REPORT}")] {
        let (status, body) = studio.raw(&format!("GET {target} HTTP/1.1\r\nHost: {host}"), b"");
        assert_eq!(status, 403, "{target}: {body}");
        assert!(body.contains("token"), "{body}");
        assert!(!body.contains("portfolio"), "{body}");
    }
    let (status, _) = studio.raw(&format!("GET /api/tree?token=guess HTTP/1.1\r\nHost: {host}"), b"");
    assert_eq!(status, 403);

    // The printed address opens the page, whose own requests carry the
    // token: its assets are named with it.
    let target = studio.url.split_once(&host).unwrap().1;
    let page = studio.exchange(&format!("GET {target} HTTP/1.1\r\nHost: {host}"), b"");
    assert_eq!(page.status, 200, "{}", page.head);
    assert!(page.header("Content-Security-Policy").unwrap().starts_with("default-src 'none'"));
    let script = format!("/assets/studio.js?token={}", studio.token);
    assert!(page.body.contains(&format!("src=\"{script}\"")), "{}", page.body);
    let (status, _) = studio.raw(&format!("GET {script} HTTP/1.1\r\nHost: {host}"), b"");
    assert_eq!(status, 200);
}

/// No answer sets a cookie: a browser would send a cookie of 127.0.0.1 to
/// every other server on the machine, whatever its port. And every answer
/// says what it may run, were it opened as a page.
#[test]
fn no_answer_sets_a_cookie() {
    let studio = Studio::start();
    let host = studio.host();
    let token = &studio.token;
    for target in [
        format!("/?token={token}"),
        "/".to_owned(),
        format!("/assets/studio.css?token={token}"),
        format!("/api/tree?token={token}"),
        format!("/api/file?path={REPORT}&token={token}"),
        "/api/tree?token=guess".to_owned(),
        "/out/index.html".to_owned(),
        format!("/nothing?token={token}"),
    ] {
        let answer = studio.exchange(&format!("GET {target} HTTP/1.1\r\nHost: {host}"), b"");
        assert!(answer.status != 0, "{target}");
        assert!(!answer.head.to_ascii_lowercase().contains("set-cookie"), "{target}: {}", answer.head);
        // Nor is anything answered that could run as a page of its own.
        assert!(answer.header("Content-Security-Policy").is_some(), "{target}: {}", answer.head);
    }
    let mut events = studio.events();
    let mut head = String::new();
    while !head.ends_with("\r\n\r\n") {
        assert!(events.read_line(&mut head).unwrap() > 0);
    }
    assert!(!head.to_ascii_lowercase().contains("set-cookie"), "{head}");
    assert!(head.contains("Content-Security-Policy: sandbox"), "{head}");
}

/// A file saved from the studio keeps who may read it.
#[cfg(unix)]
#[test]
fn a_saved_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let studio = Studio::start();
    let path = studio.root.join(REPORT);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (text, version) = studio.file(REPORT);
    let typed = format!("# private\n{text}");
    let (status, saved) =
        studio.post("/api/save", &serde_json::json!({ "path": REPORT, "text": typed, "version": version }));
    assert_eq!(status, 200, "{saved}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), typed);
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn a_foreign_host_or_origin_is_refused_even_with_the_token() {
    let studio = Studio::start();
    let token = &studio.token;
    let port = studio.port;
    for host in
        [format!("attacker.example:{port}"), "127.0.0.1".to_owned(), format!("127.0.0.1:{}", port + 1)]
    {
        let (status, _) = studio.raw(&format!("GET /api/tree?token={token} HTTP/1.1\r\nHost: {host}"), b"");
        assert_eq!(status, 421, "{host}");
    }
    let (status, _) = studio.raw(&format!("GET /api/tree?token={token} HTTP/1.1"), b"");
    assert_eq!(status, 421, "no Host at all");
    let (status, _) =
        studio.raw(&format!("GET /api/tree?token={token} HTTP/1.1\r\nHost: localhost:{port}"), b"");
    assert_eq!(status, 200);

    let (saved, version) = studio.file(REPORT);
    let body = serde_json::json!({ "path": REPORT, "text": "changed: 1\n", "version": version }).to_string();
    for header in ["Origin: http://attacker.example", "Origin: null", "Sec-Fetch-Site: cross-site"] {
        let head = format!(
            "POST /api/save HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Token: {token}\r\nContent-Type: application/json\r\n{header}"
        );
        let (status, _) = studio.raw(&head, body.as_bytes());
        assert_eq!(status, 403, "{header}");
    }
    assert_eq!(std::fs::read_to_string(studio.root.join(REPORT)).unwrap(), saved);
}

#[test]
fn no_file_outside_the_folder_is_read_or_written() {
    let studio = Studio::start();
    let outside = studio.root.parent().unwrap().join("secret.yaml");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, studio.root.join("2016-07-19-county-council/link.yaml")).unwrap();
    let names = [
        "../secret.yaml".to_owned(),
        "%2e%2e/secret.yaml".to_owned(),
        "2016-07-19-county-council/../../secret.yaml".to_owned(),
        outside.display().to_string(),
        "2016-07-19-county-council/link.yaml".to_owned(),
        "../../Cargo.toml".to_owned(),
    ];
    for name in &names {
        let (status, body) = studio.get(&format!("/api/file?path={name}"));
        assert_eq!(status, 404, "{name}: {body}");
        assert!(!body.contains("secret: 1"));
        let save = serde_json::json!({ "path": name, "text": "taken: 1\n", "version": "", "force": true });
        assert_eq!(studio.post("/api/save", &save).0, 404, "{name}");
        let check = serde_json::json!({ "path": name, "text": "taken: 1\n" });
        assert_eq!(studio.post("/api/check", &check).0, 404, "{name}");
    }
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "secret: 1\n");
    // Built files need a link the studio signed (see
    // `built_files_open_only_by_signed_links_as_sandboxes`); the token
    // opens none.
    for target in ["/out/../secret.yaml", "/out/%2e%2e/secret.yaml", "/out/..%2fsecret.yaml"] {
        let (status, body) = studio.get(target);
        assert_eq!(status, 403, "{target}: {body}");
        assert!(!body.contains("secret: 1"));
    }
    let (status, body) = studio.get("/assets/../../secret.yaml");
    assert_eq!(status, 404, "{body}");
    let build = serde_json::json!({ "folder": ".." });
    assert_eq!(studio.post("/api/build", &build).0, 404);
}

#[test]
fn saves_only_over_what_the_editor_was_given() {
    let studio = Studio::start();
    let path = studio.root.join(REPORT);
    let (text, version) = studio.file(REPORT);
    let typed = text.replacen("portfolio:", "# an officer's note\nportfolio:", 1);
    let (status, saved) =
        studio.post("/api/save", &serde_json::json!({ "path": REPORT, "text": typed, "version": version }));
    assert_eq!(status, 200, "{saved}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), typed);
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|name| !name.starts_with('.')), "{names:?}");

    // Another editor changes the file; saving over the old version is
    // refused, with the disk's text to show beside the officer's.
    let theirs = typed.replace("an officer's note", "someone else's change");
    std::fs::write(&path, &theirs).unwrap();
    let mine = typed.replace("an officer's note", "my change");
    let stale = serde_json::json!({ "path": REPORT, "text": mine, "version": saved["version"] });
    let (status, conflict) = studio.post("/api/save", &stale);
    assert_eq!(status, 409);
    assert_eq!(conflict["text"], theirs);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);

    // Having seen both, the officer keeps theirs.
    let forced =
        serde_json::json!({ "path": REPORT, "text": mine, "version": saved["version"], "force": true });
    assert_eq!(studio.post("/api/save", &forced).0, 200);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), mine);
}

#[test]
fn requests_are_limited_in_size() {
    let studio = Studio::start();
    let path = studio.root.join(REPORT);
    let saved = std::fs::read_to_string(&path).unwrap();
    let head = |target: &str, extra: &str| {
        format!(
            "POST {target} HTTP/1.1\r\nHost: {}\r\nX-Token: {}\r\nContent-Type: application/json{extra}",
            studio.host(),
            studio.token
        )
    };
    // A body too big is refused from its Content-Length, unread.
    let mut stream = TcpStream::connect(("127.0.0.1", studio.port)).unwrap();
    write!(stream, "{}\r\nContent-Length: 100000000\r\n\r\n", head("/api/save", "")).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    let huge = "a".repeat(5 * 1024 * 1024);
    let body = serde_json::json!({ "path": REPORT, "text": huge, "version": "", "force": true }).to_string();
    assert_eq!(studio.raw(&head("/api/save", ""), body.as_bytes()).0, 413);
    let body = serde_json::json!({ "path": REPORT, "text": huge }).to_string();
    assert_eq!(studio.raw(&head("/api/check", ""), body.as_bytes()).0, 413);

    let long = format!("\r\nX-Padding: {}", "a".repeat(20 * 1024));
    assert_eq!(studio.raw(&head("/api/check", &long), b"{}").0, 431);
    let many: String = (0..100).map(|n| format!("\r\nX-{n}: 1")).collect();
    assert_eq!(studio.raw(&head("/api/check", &many), b"{}").0, 431);
    assert_eq!(studio.raw(&head("/api/check", "\r\nTransfer-Encoding: chunked"), b"").0, 411);
    assert_eq!(studio.raw(&head("/api/save", ""), b"not json").0, 400);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
}

#[test]
fn unsaved_text_is_checked_and_previewed_without_being_written() {
    let studio = Studio::start();
    let path = studio.root.join(REPORT);
    let (saved, _) = studio.file(REPORT);
    let line = saved.lines().position(|line| line.starts_with("portfolio:")).unwrap() + 1;
    let typed = saved.replacen("portfolio:", "portfollio: typo\nportfolio:", 1);
    let (status, checked) = studio.post("/api/check", &serde_json::json!({ "path": REPORT, "text": typed }));
    assert_eq!(status, 200, "{checked}");
    let problems = checked["problems"].as_array().unwrap();
    let unknown = problems.iter().find(|problem| problem["warning"] == false).expect("an error");
    assert!(unknown["message"].as_str().unwrap().contains("portfollio"), "{unknown}");
    assert_eq!(unknown["line"], line);
    assert_eq!(unknown["path"], REPORT);
    assert_eq!(checked["pages"].as_array().unwrap().len(), 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);

    // The text as saved is laid out, and each page drawn when asked for.
    let (status, checked) = studio.post("/api/check", &serde_json::json!({ "path": REPORT, "text": saved }));
    assert_eq!(status, 200);
    assert!(checked["problems"].as_array().unwrap().iter().all(|problem| problem["warning"] == true));
    let pages = checked["pages"].as_array().unwrap();
    assert!(pages.len() >= 2, "{checked}");
    assert!((pages[0]["width"].as_f64().unwrap() - 595.3).abs() < 0.1, "A4: {}", pages[0]);
    let rev = checked["rev"].as_str().unwrap();
    let (status, svg) = studio.get(&format!("/api/page?path={REPORT}&rev={rev}&n=1"));
    assert_eq!(status, 200);
    assert!(svg.starts_with("<svg"), "{}", &svg[..60.min(svg.len())]);
    assert_eq!(studio.get(&format!("/api/page?path={REPORT}&rev={rev}&n=99")).0, 404);
    // A newer check replaces the preview: the old pages are gone.
    studio.post("/api/check", &serde_json::json!({ "path": REPORT, "text": saved }));
    assert_eq!(studio.get(&format!("/api/page?path={REPORT}&rev={rev}&n=1")).0, 404);
}

#[test]
fn a_change_on_disk_is_told_to_the_page() {
    let studio = Studio::start();
    let mut events = studio.events();
    // Reading files, as checks and builds do, is no change.
    let (saved, _) = studio.file(REPORT);
    studio.post("/api/check", &serde_json::json!({ "path": REPORT, "text": saved }));
    std::fs::write(
        studio.root.join(REPORT),
        saved.replace("Children's Services", "Children's Services (changed)"),
    )
    .unwrap();
    let changed = next_event(&mut events, "changed");
    assert_eq!(changed["paths"], serde_json::json!([REPORT]));
}

#[test]
fn the_build_button_builds_the_folder_and_links_its_files() {
    let studio = Studio::start();
    let mut events = studio.events();
    let (status, _) =
        studio.post("/api/build", &serde_json::json!({ "folder": "2016-07-19-county-council" }));
    assert_eq!(status, 202);
    let mut progress = 0;
    let finished = loop {
        let event = next_event(&mut events, "build");
        if event["state"] == "finished" {
            break event;
        }
        progress += 1;
    };
    assert!(progress >= 2, "progress was told");
    assert_eq!(finished["ok"], true, "{finished}");
    let outputs = finished["outputs"].as_array().unwrap();
    let pdf =
        outputs.iter().find(|output| output["name"] == "2016-07-19-county-council/childrens-services.pdf");
    let href = pdf.expect("the report's PDF is linked")["href"].as_str().unwrap();
    assert!(!href.contains(&studio.token), "{href}");
    // The link opens the file by itself, with no token: a browser sends
    // none when it follows a link.
    let opened = studio.exchange(&format!("GET {href} HTTP/1.1\r\nHost: {}", studio.host()), b"");
    assert_eq!(opened.status, 200);
    assert!(opened.body.starts_with("%PDF"));
    assert_sandboxed(&opened);
    assert!(studio.out.join("2016-07-19-county-council/index.html").is_file());
    assert_eq!(outputs[0]["name"], "2016-07-19-county-council/index.html");
    // The index page's links to the files beside it open too.
    let index = studio.exchange(
        &format!("GET {} HTTP/1.1\r\nHost: {}", href.replace("childrens-services.pdf", ""), studio.host()),
        b"",
    );
    assert_eq!(index.status, 200);
    assert!(index.body.contains("href=\"childrens-services.pdf\""), "{}", index.body);
    assert_sandboxed(&index);
}

/// Built files open only by the links the studio signed, and as a sandbox
/// with no origin and no script: whatever a built file holds, it cannot
/// reach the studio or its files.
#[test]
fn built_files_open_only_by_signed_links_as_sandboxes() {
    let studio = Studio::start();
    let folder = studio.out.join("2016-07-19-county-council");
    std::fs::create_dir_all(&folder).unwrap();
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("/api/save", {method: "POST"})</script></svg>"#;
    std::fs::write(folder.join("drawing.svg"), svg).unwrap();
    std::fs::write(studio.out.join("elsewhere.html"), "<p>not in a built folder</p>").unwrap();
    // A build links the folder's files; the signature is the folder's.
    let mut events = studio.events();
    studio.post("/api/build", &serde_json::json!({ "folder": "2016-07-19-county-council" }));
    let finished = loop {
        let event = next_event(&mut events, "build");
        if event["state"] == "finished" {
            break event;
        }
    };
    let index = finished["outputs"][0]["href"].as_str().unwrap().to_owned();
    assert!(index.ends_with("/2016-07-19-county-council/index.html"), "{index}");
    let get = |target: &str, extra: &str| {
        studio.exchange(&format!("GET {target} HTTP/1.1\r\nHost: {}{extra}", studio.host()), b"")
    };
    let drawing = get(&index.replace("index.html", "drawing.svg"), "");
    assert_eq!(drawing.status, 200);
    assert_eq!(drawing.header("Content-Type"), Some("image/svg+xml"));
    assert_sandboxed(&drawing);

    // Without the signature, or with another, nothing is served, token or not.
    let signature = index.split('/').nth(2).unwrap();
    let token = format!("\r\nX-Token: {}", studio.token);
    let unsigned = index.replace(&format!("{signature}/"), "");
    let wrong = index.replace(signature, &"0".repeat(signature.len()));
    let short = index.replace(signature, &signature[..signature.len() - 1]);
    let beside = index.replace("2016-07-19-county-council/index.html", "elsewhere.html");
    let above = index.replace("index.html", "..%2felsewhere.html");
    for target in [unsigned.clone(), wrong, short, beside, format!("{unsigned}?token={}", studio.token)] {
        let answer = get(&target, &token);
        assert_eq!(answer.status, 403, "{target}");
        assert!(!answer.body.contains("<html"), "{target}");
    }
    assert_eq!(get(&above, &token).status, 404, "{above}");
    let posted = studio.exchange(&format!("POST {index} HTTP/1.1\r\nHost: {}", studio.host()), b"");
    assert_eq!(posted.status, 405);
}

/// The policy of a built file: a sandbox with no script and an origin of
/// its own, and nothing sniffed.
fn assert_sandboxed(answer: &Answer) {
    let policy = answer.header("Content-Security-Policy").expect("a Content-Security-Policy");
    assert!(policy.split(';').any(|part| part.trim().starts_with("sandbox")), "{policy}");
    assert!(!policy.contains("allow-scripts") && !policy.contains("allow-same-origin"), "{policy}");
    assert_eq!(answer.header("X-Content-Type-Options"), Some("nosniff"));
}

/// The studio in headless Chromium, driven as an officer would use it
/// (`tests/browser/studio.mjs`), when the machine has Chromium and the
/// driver's packages (`.ci/run` installs both); without them the test says
/// plainly that the browser tests did not run.
#[test]
fn works_in_a_real_browser() {
    let Some(browser) = crate::common::browser("the studio's browser tests", "playwright-core") else {
        return;
    };
    let studio = Studio::start();
    let output = Command::new("node")
        .arg(browser.join("studio.mjs"))
        .arg(&studio.url)
        .arg(&studio.root)
        .arg(&studio.out)
        .output()
        .unwrap();
    let said =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the browser tests failed:\n{said}");
    assert!(said.contains("ok - "), "{said}");
}

#[test]
fn the_list_of_files_counts_each_files_problems_on_disk() {
    let studio = Studio::start();
    let path = studio.root.join(REPORT);
    let tree = |studio: &Studio| -> serde_json::Value {
        let (status, body) = studio.get("/api/tree");
        assert_eq!(status, 200);
        serde_json::from_str(&body).unwrap()
    };
    let file = |tree: &serde_json::Value, name: &str| -> serde_json::Value {
        let folders = tree["folders"].as_array().unwrap();
        let files = folders.iter().flat_map(|folder| folder["files"].as_array().unwrap());
        files.clone().find(|file| file["path"] == name).cloned().unwrap()
    };
    let before = tree(&studio);
    assert_eq!(file(&before, REPORT)["errors"], 0);
    assert!(file(&before, REPORT)["warnings"].as_u64().unwrap() > 0, "the example has style warnings");
    // Another editor saves a mistake.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("portfolio:", "portfollio: x\nportfolio:", 1)).unwrap();
    let after = tree(&studio);
    assert_eq!(file(&after, REPORT)["errors"], 1);
    assert_eq!(file(&after, "2016-07-19-county-council/meeting.yaml")["kind"], "meeting");
    assert_eq!(file(&after, "2016-07-19-county-council/kpis.yaml")["document"], false);
}

/// Connections that never send their request, or send it without the
/// token, cannot keep the officer's page out: the studio closes the
/// oldest of them to let new ones in.
#[test]
fn idle_connections_without_the_token_do_not_keep_the_page_out() {
    let studio = Studio::start();
    let connect = || TcpStream::connect(("127.0.0.1", studio.port)).unwrap();
    let mut idle: Vec<TcpStream> = (0..100).map(|_| connect()).collect();
    for stream in idle.iter_mut().step_by(2) {
        // Half of them start a request and never finish it.
        stream.write_all(b"GET /api/tree HTTP/1.1\r\nHost: ").unwrap();
    }
    let tokenless: Vec<TcpStream> = (0..60)
        .map(|_| {
            let mut stream = connect();
            write!(stream, "GET /api/events HTTP/1.1\r\nHost: {}\r\n\r\n", studio.host()).unwrap();
            stream
        })
        .collect();
    let started = std::time::Instant::now();
    let (status, body) = studio.get("/api/tree");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(REPORT));
    assert!(started.elapsed() < Duration::from_secs(5), "answered in {:?}", started.elapsed());
    // The event streams asked for without the token were refused.
    for mut stream in tokenless {
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    }
    // The oldest idle connection was closed to make room.
    idle[0].set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    assert_eq!(idle[0].read(&mut [0u8; 64]).unwrap_or(0), 0);
}

/// Event streams asked for with the token take places of their own: the
/// newest page always gets its stream, and a page that closes its stream
/// gives its place up at once, not the page that listened longest.
#[test]
fn a_closed_event_stream_frees_its_place_at_once() {
    let studio = Studio::start();
    // More pages than there are places: the oldest are let go.
    let mut pages: Vec<BufReader<TcpStream>> = (0..40).map(|_| studio.events()).collect();
    let first_kept = pages.len() - MOST_PAGES;
    let newest = pages.pop().unwrap();
    drop(newest);
    // The close crosses the loopback before the next page connects.
    std::thread::sleep(Duration::from_millis(100));
    pages.push(studio.events());
    let text = std::fs::read_to_string(studio.root.join(REPORT)).unwrap();
    std::fs::write(studio.root.join(REPORT), format!("# changed\n{text}")).unwrap();
    for (n, page) in pages.iter_mut().enumerate().skip(first_kept) {
        page.get_mut().set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let changed = next_event(page, "changed");
        assert_eq!(changed["paths"], serde_json::json!([REPORT]), "page {n}");
    }
    let let_go = pages[first_kept - 1].get_mut();
    let_go.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut rest = String::new();
    let _ = let_go.read_to_string(&mut rest);
    assert!(!rest.contains("changed"), "a page let go was still told: {rest}");
}

/// How many pages may listen for events at once (the studio's own limit).
const MOST_PAGES: usize = 16;

#[test]
fn a_client_that_sends_slowly_is_cut_off() {
    let studio = Studio::start();
    let mut stream = TcpStream::connect(("127.0.0.1", studio.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    let started = std::time::Instant::now();
    // A byte now and then, never finishing the headers.
    let mut answer = String::new();
    for _ in 0..30 {
        if stream.write_all(b"X").is_err() {
            break;
        }
        std::thread::sleep(Duration::from_secs(1));
        if started.elapsed() > Duration::from_secs(17) {
            break;
        }
    }
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408") || answer.is_empty(), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(25));
}

/// The program run with `args` in a folder holding a copy of `inputs/`:
/// the folder, the process, and its output to read line by line.
#[cfg(unix)]
fn run_on_a_copy(
    args: &[&str],
) -> (tempfile::TempDir, std::process::Child, BufReader<std::process::ChildStdout>) {
    let folder = tempfile::tempdir().unwrap();
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs"), &folder.path().join("inputs"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_exec-report"))
        .args(args)
        .current_dir(folder.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    (folder, child, stdout)
}

/// `exec-report serve` as a person starts it: one line with the address,
/// the page answering there, and Ctrl+C stopping it cleanly.
#[cfg(unix)]
#[test]
fn serve_prints_its_address_and_stops_on_ctrl_c() {
    let (_folder, mut child, mut stdout) = run_on_a_copy(&["serve", "inputs", "--port", "0"]);
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let url =
        line.split_whitespace().find(|word| word.starts_with("http://")).expect("an address").to_owned();
    assert!(url.starts_with("http://127.0.0.1:") && url.contains("/?token="), "{line}");
    let authority = url.trim_start_matches("http://").split('/').next().unwrap().to_owned();
    let target = &url[url.find(&authority).unwrap() + authority.len()..];
    let mut stream = TcpStream::connect(&authority).unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {authority}\r\n\r\n").unwrap();
    let mut page = String::new();
    stream.read_to_string(&mut page).unwrap();
    assert!(page.starts_with("HTTP/1.1 200") && page.contains("<html"), "{}", &page[..200.min(page.len())]);

    // SAFETY: signalling a child process this test started.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert!(rest.contains("stopped"), "{rest}");
}

/// `exec-report watch`: built once, then again on a save, the saved file's
/// problem printed at its line; Ctrl+C stops it.
#[cfg(unix)]
#[test]
fn watch_rebuilds_on_a_save_and_prints_its_problems() {
    let (folder, child, mut stdout) = run_on_a_copy(&["watch", "inputs/2016-07-19-county-council"]);
    let mut line = String::new();
    while !line.contains("watching") {
        line.clear();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "watch stopped before watching");
    }
    assert!(folder.path().join("output/2016-07-19-county-council/childrens-services.pdf").is_file());
    let report = folder.path().join("inputs").join(REPORT);
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, text.replacen("portfolio:", "portfollio: x\nportfolio:", 1)).unwrap();
    while !line.contains("failed") {
        line.clear();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "watch stopped before rebuilding");
    }
    // SAFETY: signalling a child process this test started.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("unknown key `portfollio`"), "{errors}");
    assert!(errors.contains("childrens-services.yaml:3:1"), "{errors}");
}
