//! What is published can only be read: no script in a page or a picture
//! beside it, no link that sends a reader's credentials away, and text
//! that no document can hold refused at its line.

use std::path::Path;

use assert_cmd::Command;

use crate::common;

fn exec_report() -> Command {
    Command::cargo_bin("exec-report").unwrap()
}

const REPORT: &str = "adult-care-and-health.yaml";

/// Puts `markdown` at the start of the first narrative section's body.
fn write_in_body(input: &Path, markdown: &str) {
    let path = input.join(REPORT);
    let text = std::fs::read_to_string(&path).unwrap();
    let body = "    body: |\n      Delays attributable";
    assert!(text.contains(body));
    std::fs::write(
        &path,
        text.replacen(body, &format!("    body: |\n      {markdown}\n\n      Delays attributable"), 1),
    )
    .unwrap();
}

fn build(input: &Path, out: &Path, formats: &str) -> std::process::Output {
    exec_report()
        .args(["build", "--quiet", "--format", formats, "--out"])
        .arg(out)
        .arg(input)
        .output()
        .unwrap()
}

const HOSTILE_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" onload="fetch('/api/save')">
<title>Ward map</title><script>fetch('/api/save',{method:'POST'})</script>
<a href="javascript:alert(1)"><rect width="40" height="20" fill="#0a5"/></a>
<foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></foreignObject>
</svg>"##;

/// An SVG with a script, shown and linked from a report, is published as
/// the picture alone, and every page says that it runs nothing.
#[test]
fn an_svg_with_a_script_is_published_as_a_picture_alone() {
    let (_tmp, input, out) = common::example_copy();
    std::fs::write(input.join("ward-map.svg"), HOSTILE_SVG).unwrap();
    write_in_body(&input, "![A map of the wards](ward-map.svg) See the [full-size map](ward-map.svg).");
    let output = build(&input, &out, "md,html,docx");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let published = std::fs::read_to_string(out.join("meeting/ward-map.svg")).unwrap();
    for active in ["script", "onload", "javascript", "foreignObject", "iframe", "evil.example"] {
        assert!(!published.contains(active), "`{active}` published in {published}");
    }
    assert!(published.contains("<rect width=\"40\" height=\"20\" fill=\"#0a5\"></rect>"), "{published}");
    for page in ["meeting/adult-care-and-health.html", "meeting/index.html", "meeting/executive-reports.html"]
    {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        let head = &html[..html.find("</head>").unwrap()];
        assert!(
            head.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"),
            "{page} has no policy"
        );
        assert!(!html.contains("<script"), "{page}");
    }
}

/// A link to a network path, a disk or a file outside the folder is
/// refused at its line, and nothing is written.
#[test]
fn links_to_network_paths_and_disks_are_refused_at_their_line() {
    for (link, said) in [
        // Markdown reads `\\` as one backslash: this is `\fileserver\…`.
        (r"\\fileserver\committee\budget.docx", "a link to a file on a disk is not allowed"),
        (r"\\\\fileserver\\committee\\budget.docx", "a link to a network path is not allowed"),
        ("//fileserver/budget.docx", "a link to a network path is not allowed"),
        (r"C:\Users\officer\budget.docx", "a link to a file on a disk is not allowed"),
        ("../../budget.docx", "a link to a file outside the document's folder is not allowed"),
    ] {
        let (_tmp, input, out) = common::example_copy();
        write_in_body(&input, &format!("See [the budget](<{link}>)."));
        let output = build(&input, &out, "md,pdf,docx");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{link}: {stderr}");
        assert!(stderr.contains(&format!("error: {said}")), "{link}: {stderr}");
        assert!(stderr.contains(&format!("{REPORT}:44:")), "{link}: {stderr}");
        assert!(!out.join("meeting/adult-care-and-health.docx").exists());
    }
}

/// A control character in a title, typed or spelt as an escape, and a
/// noncharacter are each told at their line, before anything is
/// typeset.
#[test]
fn characters_no_document_can_hold_are_refused_at_their_line() {
    for (title, shown) in [
        ("\"Performance \\x1b[31m\"", "U+001B"),
        ("Performance \u{7} bell", "U+0007"),
        ("Performance \u{fffe}", "U+FFFE"),
    ] {
        let (_tmp, input, out) = common::example_copy();
        let path = input.join(REPORT);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("title: Performance", &format!("title: {title}"), 1)).unwrap();
        let output = build(&input, &out, "md,pdf");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(&format!("the text holds the character {shown}")), "{stderr}");
        assert!(stderr.contains(&format!("{REPORT}:42:")), "{stderr}");
        assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{7}'), "raw control characters printed");
    }
}

/// A short `meeting.yaml` whose aliases nest is refused at once, at the
/// alias that takes it over the limit.
#[test]
fn aliases_that_stand_for_too_much_are_refused_at_their_line() {
    let (_tmp, input, out) = common::example_copy();
    let path = input.join("meeting.yaml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("x0: &x0 [\"lol lol lol lol lol lol lol lol lol lol lol lol lol lol lol lol lol\"]\n");
    for level in 1..30 {
        let p = level - 1;
        text.push_str(&format!(
            "x{level}: &x{level} [*x{p}, *x{p}, *x{p}, *x{p}, *x{p}, *x{p}, *x{p}, *x{p}]\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    let output = exec_report().arg("check").arg(&input).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("this file stands for more than 8 MB of text"), "{stderr}");
    assert!(stderr.contains("meeting.yaml:"), "{stderr}");
    assert!(!out.exists());
}

/// A `SOURCE_DATE_EPOCH` no PDF can carry is told as that variable's
/// problem.
#[test]
fn a_source_date_epoch_out_of_range_names_the_variable() {
    let (_tmp, input, _) = common::example_copy();
    for value in ["99999999999999999", "-5"] {
        let output = exec_report().arg("check").arg(&input).env("SOURCE_DATE_EPOCH", value).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("SOURCE_DATE_EPOCH must be a time from 1970 to the year 9999"), "{stderr}");
    }
}
