//! The studio's time for an edit: what the server does between a pause in
//! typing and the page's redraw. Each edit changes the text, as typing
//! does, so no answer is simply remembered; the typesetter reuses what an
//! edit leaves unchanged, as it does in the studio. The goal is 150 ms for
//! an edit of the example report.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use exec_report::build;
use exec_report::studio::{Server, Settings};

/// The example report with its first narrative sentence edited for the
/// `n`th time.
fn edited(text: &str, n: u64) -> String {
    text.replacen("The percentage of children", &format!("The percentage ({n}) of children"), 1)
}

fn edits(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/2016-07-19-county-council");
    for entry in std::fs::read_dir(&example).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let report = dir.path().join("childrens-services.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(edited(&text, 1) != text, "the edit changes the text");

    let mut group = c.benchmark_group("studio");
    group.sample_size(30);
    let mut n = 0;
    group.bench_function("check and lay out an edit of the example report", |b| {
        b.iter(|| {
            n += 1;
            let preview = build::preview(&report, &edited(&text, n), None).unwrap();
            assert!(preview.layout.is_some());
            typst::comemo::evict(8);
        })
    });
    group.bench_function("check and lay out the example report, nothing reused", |b| {
        b.iter(|| {
            typst::comemo::evict(0);
            n += 1;
            let preview = build::preview(&report, &edited(&text, n), None).unwrap();
            assert!(preview.layout.is_some());
        })
    });
    let layout = build::preview(&report, &text, None).unwrap().layout.unwrap();
    group.bench_function("draw a page as SVG", |b| b.iter(|| layout.page_svg(1).unwrap()));

    // The whole request, as the page makes it: over HTTP, to JSON.
    let settings =
        Settings { root: dir.path().to_owned(), out: dir.path().join("out"), templates: None, port: Some(0) };
    let server = Server::bind(&settings).unwrap();
    let (port, token) = (server.port(), server.token().to_owned());
    let stop: &'static AtomicBool = Box::leak(Box::new(AtomicBool::new(false)));
    std::thread::spawn(move || server.run(stop).unwrap());
    group.bench_function("POST /api/check of an edit, over HTTP", |b| {
        b.iter(|| {
            n += 1;
            let body = serde_json::json!({ "path": "childrens-services.yaml", "text": edited(&text, n) }).to_string();
            let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            write!(
                stream,
                "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Token: {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
            let mut answer = String::new();
            stream.read_to_string(&mut answer).unwrap();
            assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        })
    });
    group.finish();
}

criterion_group!(benches, edits);
criterion_main!(benches);
