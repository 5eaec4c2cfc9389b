//! A corpus of bad inputs, each run through the real `exec-report build`:
//! every kind of mistake an officer can make must give a clear error, a
//! non-zero exit code, no panic, no hang, and no change to the output.
//!
//! # The cases
//!
//! Every folder under `tests/fixtures/bad-inputs/` is one case, run by
//! [`every_case_in_the_corpus`]:
//!
//! - the folder is a meeting folder (`meeting.yaml`, `kpis.yaml` and portfolio
//!   files, copied from the example meeting with one thing changed), or holds a
//!   single self-contained report file `report.yaml`, which is then the input,
//!   or is a folder of documents of another kind (cases `doc-*`), each holding
//!   one bad document;
//! - `expect` holds one line: the exit code the case must end with;
//! - `templates/`, when present, is passed as `--templates`;
//! - `input`, when present, names the path to build instead of the folder,
//!   relative to the case's folder (for a path that does not exist);
//! - `args`, when present, holds extra arguments for `build`, one a line, with
//!   `<input>` standing for the case's folder.
//!
//! The inputs that are too big or too odd to commit are made at test time by
//! their own tests: 10,000 nested lists, an alias bomb and a 50 MB body.
//!
//! # What is checked
//!
//! Each case is copied into a temporary folder `<tmp>/in/<case>` and built with
//! `exec-report build --out <tmp>/out`, where `<tmp>/out/<case>/previous.md`
//! holds a known report of "last time". Every case must finish within 60
//! seconds without panicking, leave its input files as they were, and write
//! nothing outside `<tmp>/out`. Its stderr, with the temporary paths written
//! `<input>` and `<out>`, is kept as the snapshot `bad_inputs__<case>`. Then, by
//! the exit code it expects:
//!
//! - **non-zero** (almost every case): stderr says `error:`, and `<tmp>/out`
//!   is exactly as before: `previous.md` unchanged and no other file at all,
//!   not even the tool's hidden manifest. `build` still writes the good reports
//!   of a meeting when another report of it fails, so every such case is made
//!   to fail as a whole: either its `meeting.yaml` (or a shared KPI file it
//!   names) is bad, which fails every report, or the case holds just one
//!   report, the bad one, beside a `meeting.yaml` trimmed to that portfolio so
//!   that every portfolio the meeting names still has a report. The one
//!   exception is listed in [`WRITES_THE_GOOD_REPORT`]: `portfolio-twice` must
//!   hold two reports, and the first of them is good. For it only the first
//!   report's files may appear, and they must be the first report's.
//! - **zero**: `markup-in-every-text-field`, which must render with every
//!   value printed as the text it is (nothing read from `/etc/passwd`, no
//!   maths typeset), and the inputs the tool accepts as they are
//!   (`type-yes-for-text`, where YAML 1.2 reads `yes` as text). Their files
//!   must be inside `<tmp>/out/<case>/`, beside the untouched `previous.md`.
//!   A portfolio named like a path (`portfolio-dot-dot-etc`) is an error.
//!
//! A mistake in the council's own theme (`template-theme-typst-error`) exits
//! with 2 like any other template mistake, naming the theme's line.

use crate::common;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// How long any case may take before it counts as a hang.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The report a previous, good run left in the output folder.
const PREVIOUS: &str = "# Children's Services\n\nThe good report of last time.\n";

/// Cases where a good report is written beside the bad one: the only files
/// (in the meeting's output folder) that may then appear, and a text of the
/// bad report that their Markdown must not hold.
const WRITES_THE_GOOD_REPORT: &[(&str, &[&str], &str)] = &[(
    "portfolio-twice",
    &[
        ".exec-report-manifest.json",
        "childrens-services.md",
        "childrens-services.pdf",
        "childrens-services.html",
        "index.html",
    ],
    "Second Copy",
)];

/// A self-contained report, the start of each generated case.
const SELF_CONTAINED: &str = "\
council: Example Borough Council
meeting:
  body: Council
  date: 2023-03-20
previous_meeting:
  date: 2023-02-20
previous_report:
  date: 2023-02-20
cabinet_meetings:
  - date: 2023-03-06
    items:
      - portfolio: Highways
        title: Winter maintenance plan
reports:
  - portfolio: Highways
    member:
      name: Jo Bloggs
      title: Cabinet Member for Highways
    report_date: 2023-03-10
";

/// What a case must end with.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Exits with this code, not zero, and writes nothing.
    Fails(i32),
    /// Exits with this code, not zero, writing only these files of a good
    /// report, in the case's output folder, none of whose Markdown holds the
    /// given text of the bad report.
    FailsWritingOnly(i32, &'static [&'static str], &'static str),
    /// Exits with 0, writing only into the case's output folder.
    Succeeds,
    /// Renders like `Succeeds`, or fails with any code and writes nothing.
    RendersOrFails,
}

/// One run of the tool, ready to start.
struct Case {
    /// The case's name, naming its snapshot and its output folder.
    name: String,
    /// The temporary folder holding `in/<name>` and `out/`.
    tmp: tempfile::TempDir,
    /// The path to build.
    input: PathBuf,
    /// Arguments before the input, such as `--templates`.
    args: Vec<OsString>,
    expect: Expect,
}

impl Case {
    /// A temporary folder for case `name`, with its input folder made.
    fn new(name: &str, expect: Expect) -> Self {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let input = tmp.path().join("in").join(name);
        std::fs::create_dir_all(&input).unwrap();
        Self { name: name.to_owned(), tmp, input, args: Vec::new(), expect }
    }

    /// The case's copy of its input folder.
    fn folder(&self) -> PathBuf {
        self.tmp.path().join("in").join(&self.name)
    }

    fn out(&self) -> PathBuf {
        self.tmp.path().join("out")
    }

    /// A committed case of `tests/fixtures/bad-inputs/`, copied into a temporary folder.
    fn committed(source: &Path) -> Self {
        let name = source.file_name().unwrap().to_string_lossy().into_owned();
        Self::committed_as(source, &name)
    }

    /// A committed case copied under another name, to be changed by a test.
    fn committed_as(source: &Path, name: &str) -> Self {
        let name = name.to_owned();
        let code: i32 = std::fs::read_to_string(source.join("expect"))
            .unwrap_or_else(|_| panic!("{name}: no `expect` file"))
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}: `expect` is not an exit code"));
        let partial = WRITES_THE_GOOD_REPORT.iter().find(|(case, ..)| *case == name);
        let expect = match (code, partial) {
            (0, _) => Expect::Succeeds,
            (code, Some((_, files, bad))) => Expect::FailsWritingOnly(code, files, bad),
            (code, None) => Expect::Fails(code),
        };
        let mut case = Self::new(&name, expect);
        let folder = case.folder();
        common::copy_folder(source, &folder);
        if folder.join("templates").is_dir() {
            case.args.extend(["--templates".into(), folder.join("templates").into()]);
        }
        if let Ok(args) = std::fs::read_to_string(folder.join("args")) {
            let here = folder.display().to_string();
            case.args.extend(args.lines().map(|arg| OsString::from(arg.replace("<input>", &here))));
        }
        case.input = if let Ok(input) = std::fs::read_to_string(folder.join("input")) {
            folder.join(input.trim())
        } else if !folder.join("meeting.yaml").exists() && folder.join("report.yaml").exists() {
            folder.join("report.yaml")
        } else {
            folder
        };
        case
    }

    /// A generated self-contained report file, `report.yaml`.
    fn generated(name: &str, expect: Expect, report: &[u8]) -> Self {
        let mut case = Self::new(name, expect);
        case.input = case.folder().join("report.yaml");
        std::fs::write(&case.input, report).unwrap();
        case
    }

    /// Runs the case and checks everything but its snapshot; gives back the
    /// normalised stderr and how long the run took, or every problem found.
    fn run(&self) -> Result<(String, Duration), Vec<String>> {
        let out = self.out();
        let previous = out.join(&self.name).join("previous.md");
        std::fs::create_dir_all(previous.parent().unwrap()).unwrap();
        std::fs::write(&previous, PREVIOUS).unwrap();
        let inputs_before = contents_under(&self.tmp.path().join("in"));

        let started = Instant::now();
        let output = Command::cargo_bin("exec-report")
            .unwrap()
            .arg("build")
            .arg("--out")
            .arg(&out)
            .args(&self.args)
            .arg(&self.input)
            .timeout(TIMEOUT)
            .output()
            .expect("exec-report starts");
        let took = started.elapsed();
        let stderr = self.normalise(&String::from_utf8_lossy(&output.stderr));

        let mut problems = Vec::new();
        let mut problem = |text: String| problems.push(text);
        let code = output.status.code();
        match (code, self.expect) {
            (None, _) => problem(format!("did not finish: killed after {took:.1?} ({})", output.status)),
            (Some(0), Expect::Succeeds | Expect::RendersOrFails) => {}
            (Some(code), Expect::RendersOrFails) if code != 0 => {}
            (Some(code), Expect::Fails(want) | Expect::FailsWritingOnly(want, ..)) if code == want => {}
            (Some(code), expect) => problem(format!("exit code {code}, expected {expect:?}")),
        }
        if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
            problem("the tool panicked".to_owned());
        }
        let failed = code.is_some_and(|code| code != 0);
        if failed && !stderr.contains("error:") {
            problem("it failed without saying `error:` on stderr".to_owned());
        }
        if contents_under(&self.tmp.path().join("in")) != inputs_before {
            problem("the input folder was changed".to_owned());
        }
        match std::fs::read_to_string(&previous) {
            Ok(text) if text == PREVIOUS => {}
            Ok(_) => problem("previous.md was changed".to_owned()),
            Err(error) => problem(format!("previous.md is gone: {error}")),
        }
        let outside: Vec<String> = common::files_under(self.tmp.path())
            .into_iter()
            .filter(|file| !file.starts_with("in/") && !file.starts_with("out/"))
            .collect();
        if !outside.is_empty() {
            problem(format!("files were written outside the output folder: {outside:?}"));
        }
        let sentinel = format!("{}/previous.md", self.name);
        let written: Vec<String> =
            common::files_under(&out).into_iter().filter(|file| *file != sentinel).collect();
        let allowed: Vec<String> = match self.expect {
            Expect::FailsWritingOnly(_, files, _) => {
                files.iter().map(|file| format!("{}/{file}", self.name)).collect()
            }
            Expect::Fails(_) => Vec::new(),
            Expect::RendersOrFails if failed => Vec::new(),
            // A report file's output folder is named after the file.
            Expect::Succeeds | Expect::RendersOrFails => written
                .iter()
                .filter(|file| {
                    let stem = self.input.file_stem().unwrap_or_default().to_string_lossy();
                    file.starts_with(&format!("{}/", self.name)) || file.starts_with(&format!("{stem}/"))
                })
                .cloned()
                .collect(),
        };
        let unexpected: Vec<&String> = written.iter().filter(|file| !allowed.contains(file)).collect();
        if !unexpected.is_empty() {
            problem(format!("wrote files it should not have: {unexpected:?}"));
        }
        if let Expect::FailsWritingOnly(_, _, bad) = self.expect {
            for file in written.iter().filter(|file| file.ends_with(".md")) {
                if std::fs::read_to_string(out.join(file)).unwrap_or_default().contains(bad) {
                    problem(format!("{file} holds `{bad}`, from the bad report"));
                }
            }
        }
        if matches!(self.expect, Expect::Succeeds) && written.is_empty() {
            problem("succeeded without writing a report".to_owned());
        }
        if problems.is_empty() { Ok((stderr, took)) } else { Err(problems) }
    }

    /// Stderr with the temporary folders written `<input>` and `<out>`.
    fn normalise(&self, stderr: &str) -> String {
        stderr
            .replace(&self.folder().display().to_string(), "<input>")
            .replace(&self.out().display().to_string(), "<out>")
            .replace(&self.tmp.path().display().to_string(), "<tmp>")
    }

    /// Runs the case and compares its stderr with its snapshot.
    fn check(&self) -> Result<Duration, Vec<String>> {
        let (stderr, took) = self.run()?;
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_description(format!("stderr of `exec-report build` for the bad input `{}`", self.name));
        let name = &self.name;
        let snapshot = catch_unwind(AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(format!("bad_inputs__{name}"), stderr));
        }));
        match snapshot {
            Ok(()) => Ok(took),
            Err(_) => Err(vec!["stderr differs from its snapshot".to_owned()]),
        }
    }
}

#[test]
fn every_case_in_the_corpus() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-inputs");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("tests/fixtures/bad-inputs exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    folders.sort();
    assert!(folders.len() >= 40, "the corpus has only {} cases", folders.len());

    let started = Instant::now();
    let mut failures: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut slowest = (String::new(), Duration::ZERO);
    for folder in &folders {
        let case = Case::committed(folder);
        match case.check() {
            Ok(took) if took > slowest.1 => slowest = (case.name.clone(), took),
            Ok(_) => {}
            Err(problems) => {
                failures.insert(case.name.clone(), problems);
            }
        }
    }
    eprintln!(
        "{} cases in {:.1?}; the slowest, `{}`, took {:.1?}",
        folders.len(),
        started.elapsed(),
        slowest.0,
        slowest.1
    );
    let report: Vec<String> =
        failures.iter().map(|(case, problems)| format!("{case}: {}", problems.join("; "))).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        folders.len(),
        report.join("\n")
    );
}

/// Markup typed into plain text fields comes out as that text: the Typst
/// code is not run, so nothing of `/etc/passwd` reaches the PDF.
#[test]
fn markup_in_every_text_field_is_printed_as_text() {
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-inputs/markup-in-every-text-field");
    let case = Case::committed(&source);
    case.run().unwrap_or_else(|problems| panic!("{}", problems.join("\n")));
    let folder = case.out().join(&case.name);
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let secret = passwd.lines().next().filter(|line| line.len() > 8);
    let pdf = std::fs::read(folder.join("read-etc-passwd-x-script.pdf")).expect("the report's PDF");
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("the PDF's text");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(r#"#read("/etc/passwd") $x$ <script>"#), "{text}");
    let markdown = std::fs::read_to_string(folder.join("read-etc-passwd-x-script.md")).unwrap();
    assert!(markdown.contains(r#"# \#READ("/ETC/PASSWD") $X$ \<SCRIPT\> \] \*"#), "{markdown}");
    if let Some(secret) = secret {
        assert!(!text.contains(secret), "the PDF holds /etc/passwd");
        assert!(!markdown.contains(secret), "the Markdown holds /etc/passwd");
    }
}

/// What cannot be committed: a named pipe where an image, a KPI file, a
/// meeting file or council settings are expected, and links to files
/// outside the input folder. Each fails at once, naming the file; none is
/// read.
#[cfg(unix)]
#[test]
fn pipes_and_links_out_of_the_folder_fail_cleanly() {
    use std::os::unix::fs::symlink;
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-inputs");
    let mkfifo = |path: &Path| {
        let made = std::process::Command::new("mkfifo").arg(path).status();
        assert!(made.is_ok_and(|status| status.success()), "mkfifo {}", path.display());
    };
    let secret = |case: &Case| {
        let secret = case.tmp.path().join("in").join("secret.png");
        std::fs::write(&secret, b"not for publishing").unwrap();
        secret
    };

    let case = Case::committed_as(&corpus.join("untrusted-image-missing"), "generated-image-is-a-pipe");
    mkfifo(&case.folder().join("ward-map.png"));
    check(&case);

    let case = Case::committed_as(&corpus.join("untrusted-image-missing"), "generated-image-links-outside");
    symlink(secret(&case), case.folder().join("ward-map.png")).unwrap();
    check(&case);

    let case = Case::committed_as(&corpus.join("kpi-file-missing"), "generated-kpi-file-is-a-pipe");
    mkfifo(&case.folder().join("kpi.yaml"));
    check(&case);

    let case = Case::committed_as(&corpus.join("kpi-file-missing"), "generated-meeting-file-is-a-pipe");
    std::fs::remove_file(case.folder().join("meeting.yaml")).unwrap();
    mkfifo(&case.folder().join("meeting.yaml"));
    check(&case);

    let case =
        Case::committed_as(&corpus.join("untrusted-image-missing"), "generated-council-file-is-a-pipe");
    std::fs::remove_file(case.folder().join("council.yaml")).unwrap();
    mkfifo(&case.folder().join("council.yaml"));
    check(&case);

    let case =
        Case::committed_as(&corpus.join("untrusted-image-missing"), "generated-document-links-outside");
    let outside = case.tmp.path().join("in").join("other.yaml");
    std::fs::copy(case.folder().join("update.yaml"), &outside).unwrap();
    std::fs::remove_file(case.folder().join("update.yaml")).unwrap();
    symlink(&outside, case.folder().join("update.yaml")).unwrap();
    check(&case);
}

/// Raw HTML typed into prose is printed as the text it is: the Markdown
/// holds it escaped, so no reader runs it, and the PDF shows it as typed.
#[test]
fn raw_html_is_written_as_text() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-inputs/untrusted-raw-html");
    let case = Case::committed(&source);
    case.run().unwrap_or_else(|problems| panic!("{}", problems.join("\n")));
    let folder = case.out().join(&case.name);
    let markdown = std::fs::read_to_string(folder.join("update.md")).unwrap();
    assert!(
        markdown
            .contains("Before &lt;script>alert(1)&lt;/script> and &lt;img src=x onerror=alert(1)> after."),
        "{markdown}"
    );
    assert!(markdown.contains("&lt;iframe src=\"https://example.org\">&lt;/iframe>"), "{markdown}");
    assert!(!markdown.contains("<script") && !markdown.contains("<iframe") && !markdown.contains("<img"));
    let pdf = std::fs::read(folder.join("update.pdf")).expect("the PDF");
    let text = pdf_extract::extract_text_from_mem(&pdf).expect("the PDF's text");
    assert!(text.contains("<script>alert(1)</script>"), "{text}");
}

/// `partnerships:` nested 10,000 lists deep.
#[test]
fn deep_nesting_fails_cleanly() {
    let report = format!("{SELF_CONTAINED}    partnerships: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    check_generated("generated-deep-nesting", Expect::Fails(2), report.as_bytes());
}

/// A "billion laughs": nine levels of ten aliases each, all of the right
/// type, so that expanding them would make a billion sections.
#[test]
fn an_alias_bomb_fails_cleanly() {
    let mut report = format!("{SELF_CONTAINED}    comments:\n      - &s0 {{ title: lol }}\n");
    for level in 1..=9 {
        let aliases = vec![format!("*s{}", level - 1); 10].join(", ");
        report.push_str(&format!("      - &s{level} {{ title: lol, sections: [{aliases}] }}\n"));
    }
    check_generated("generated-alias-bomb", Expect::Fails(2), report.as_bytes());
}

/// A byte-order mark and Windows line ends, then a mistake: the line number
/// must count the lines the officer sees.
#[test]
fn a_byte_order_mark_and_windows_line_ends_keep_the_line_right() {
    let report = format!("\u{feff}{SELF_CONTAINED}    partnership: []\n").replace('\n', "\r\n");
    check_generated("generated-bom-crlf-unknown-key", Expect::Fails(2), report.as_bytes());
}

/// A valid file of 50 MB, almost all of it one section's body, rendered as
/// Markdown only: it must render, or fail cleanly, within the time.
#[test]
fn a_50_mb_body_renders_to_markdown_or_fails_cleanly() {
    let mut case = Case::generated("generated-50-mb-body", Expect::RendersOrFails, &huge_report());
    case.args.extend(["--format".into(), "md".into()]);
    check(&case);
}

/// The same 50 MB file with the default formats, PDF included.
#[test]
#[ignore = "the PDF of a 50 MB body takes exec-report far longer than 60 seconds"]
fn a_50_mb_body_renders_to_pdf_or_fails_cleanly() {
    check(&Case::generated("generated-50-mb-body-pdf", Expect::RendersOrFails, &huge_report()));
}

/// [`SELF_CONTAINED`] with a section whose body is 50 MB of paragraphs.
fn huge_report() -> Vec<u8> {
    const SIZE: usize = 50 * 1024 * 1024;
    let line = "          The quick brown fox jumps over the lazy dog outside County Hall today.\n";
    let mut report =
        format!("{SELF_CONTAINED}    comments:\n      - title: A long section\n        body: |\n");
    report.reserve(SIZE + SIZE / 8);
    let mut lines = 0;
    while report.len() < SIZE {
        report.push_str(line);
        lines += 1;
        if lines % 10 == 0 {
            report.push('\n');
        }
    }
    report.into_bytes()
}

fn check_generated(name: &str, expect: Expect, report: &[u8]) {
    check(&Case::generated(name, expect, report));
}

fn check(case: &Case) {
    if let Err(problems) = case.check() {
        panic!("{}: {}", case.name, problems.join("; "));
    }
}

/// Every file under `root` with its bytes.
fn contents_under(root: &Path) -> Vec<(String, Vec<u8>)> {
    // A named pipe is never opened: reading it would block.
    common::files_under(root)
        .into_iter()
        .filter(|file| root.join(file).is_file())
        .map(|file| (file.clone(), std::fs::read(root.join(&file)).unwrap()))
        .collect()
}
