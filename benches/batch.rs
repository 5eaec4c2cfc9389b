//! Benchmarks of the pipeline kept warm in one process: each stage of one
//! report (render, convert, layout, export), so that a regression shows in
//! one place; then typesetting one report, a batch of distinct synthetic
//! reports, and a re-run with nothing changed. Whole cold-process runs are
//! timed by `bench/batch.sh`, and beside other typesetters by
//! `bench/peers.sh`.

#[path = "synth/mod.rs"]
mod synth;

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use exec_report::build::progress::Style;
use exec_report::build::{self, Formats, Options};
use exec_report::pdf;

fn options(input: &Path, out: &Path, force: bool) -> Options {
    Options {
        input: input.to_owned(),
        out: out.to_owned(),
        formats: Formats { markdown: true, pdf: true, html: false, docx: false, typst: false },
        templates: None,
        write: true,
        force,
        fail_fast: false,
        deny_warnings: false,
        style: Style::Quiet,
        timestamp: None,
    }
}

fn batch_runs(c: &mut Criterion) {
    let root = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/2016-07-19-county-council");
    let one = root.path().join("one");
    synth::write(&one, 1, 1);
    let many = root.path().join("many");
    synth::write(&many, 20, 10);
    let out = root.path().join("out");

    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.bench_function("example meeting, 2 reports and pack", |b| {
        b.iter(|| build::run(&options(&example, &out.join("example"), true)).unwrap())
    });
    group.bench_function("1 synthetic report and pack", |b| {
        b.iter(|| build::run(&options(&one, &out.join("one"), true)).unwrap())
    });
    group.bench_function("20 synthetic reports and 2 packs", |b| {
        b.iter(|| build::run(&options(&many, &out.join("many"), true)).unwrap())
    });
    build::run(&options(&many, &out.join("many"), false)).unwrap();
    group.bench_function("20 reports, nothing changed", |b| {
        b.iter(|| build::run(&options(&many, &out.join("many"), false)).unwrap())
    });
    group.finish();
}

/// The stages of one report of the example meeting, each on its own.
fn stages(c: &mut Criterion) {
    let report = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("inputs/2016-07-19-county-council/childrens-services.yaml");
    let templates = exec_report::render::Templates::load(None).unwrap();
    let rendered = build::render_file(&report).unwrap();
    let body = exec_report::typeset::markdown_to_typst(&rendered.markdown);
    let date = rendered.described.date.to_datetime(jiff::civil::Time::midnight());
    let meta = rendered.described.meta(
        &Default::default(),
        &Default::default(),
        date,
        "bench/childrens-services".into(),
    );
    let document = pdf::Document { body: &body, theme: templates.theme(), meta: &meta, files: &[] };
    let layout = pdf::lay_out(&document).unwrap();

    let mut group = c.benchmark_group("stages");
    group.bench_function("render: YAML to Markdown", |b| b.iter(|| build::render_file(&report).unwrap()));
    group.bench_function("convert: Markdown to Typst", |b| {
        b.iter(|| exec_report::typeset::markdown_to_typst(&rendered.markdown))
    });
    group.bench_function("layout: Typst to pages", |b| {
        b.iter(|| {
            let layout = pdf::lay_out(&document).unwrap();
            typst::comemo::evict(0);
            layout
        })
    });
    group.bench_function("export: pages to PDF", |b| b.iter(|| layout.export().unwrap()));
    group.finish();
}

criterion_group!(benches, stages, batch_runs);
criterion_main!(benches);
