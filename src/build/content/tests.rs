//! Tests of the content checks.

use super::*;

fn checked(yaml: &str, markdown: &str) -> Result<Vec<Asset>, Vec<Diagnostic>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.yaml");
    let source = Source { path: &path, text: yaml };
    check(markdown, &Checking { source, also: &[], dir: dir.path(), made: &[], fonts: Some(&[]) })
}

fn messages(result: Result<Vec<Asset>, Vec<Diagnostic>>) -> Vec<(Option<(usize, usize)>, String)> {
    result.unwrap_err().into_iter().map(|problem| (problem.position, problem.message)).collect()
}

#[test]
fn allows_web_mail_phone_and_relative_links_only() {
    let fine = "[a](https://a.uk) [b](http://b.uk) [c](mailto:x@y.uk) [d](tel:+441234) [e](minutes.pdf) [f](#top) <https://c.uk>";
    assert!(checked(fine, fine).is_ok());
    let bad = "body: |\n  [x](javascript:alert(1)) and [y](JAVA\tSCRIPT:x) and <file:///etc/passwd> [d](data:text/html,hi)\n";
    let markdown =
        "[x](javascript:alert(1)) and [y](<JAVA\tSCRIPT:x>) and <file:///etc/passwd> [d](data:text/html,hi)";
    assert_eq!(
        messages(checked(bad, markdown)),
        [
            (Some((2, 7)), "a link to `javascript:` is not allowed".to_owned()),
            (Some((2, 36)), "a link to `javascript:` is not allowed".to_owned()),
            (Some((2, 56)), "a link to `file:` is not allowed".to_owned()),
            (Some((2, 80)), "a link to `data:` is not allowed".to_owned()),
        ]
    );
}

#[test]
fn tells_a_link_written_with_entities_at_the_link() {
    let yaml = "a: x\nb: see [x](&#106;avascript:alert(1))\n";
    let said = messages(checked(yaml, "see [x](&#106;avascript:alert(1))"));
    assert_eq!(said, [(Some((2, 8)), "a link to `javascript:` is not allowed".to_owned())]);
}

#[test]
fn refuses_images_that_are_not_files_in_the_folder() {
    let yaml = "body: |\n  ![a](http://x.uk/a.png) ![b](../b.png) ![c](/etc/c.png) ![d](d.png)\n";
    let markdown = "![a](http://x.uk/a.png) ![b](../b.png) ![c](/etc/c.png) ![d](d.png)";
    let problems = messages(checked(yaml, markdown));
    let said: Vec<&str> = problems.iter().map(|(_, message)| message.as_str()).collect();
    assert_eq!(
        said,
        [
            "the image `http://x.uk/a.png` is a `http:` address, not a file",
            "the image `../b.png` is outside the document's folder",
            "the image `/etc/c.png` is outside the document's folder",
            "the image `d.png` does not exist",
        ]
    );
    assert_eq!(problems[3].0, Some((2, 64)));
}

#[test]
fn finds_the_images_any_field_names() {
    let yaml =
        "a: ![A map](maps/ward.png) and ![B](<b c.png>)\nb: |\n    ![C](c.svg \"title\")\nc: ![broken\n";
    assert_eq!(images_written(yaml), ["maps/ward.png", "b c.png", "c.svg"]);
}

#[test]
fn refuses_hidden_images_which_the_output_folder_keeps_for_itself() {
    let said = messages(checked("x", "![a](.exec-report-manifest.json) ![b](img/.x.png)"));
    assert_eq!(said[0].1, "the image `.exec-report-manifest.json` is a hidden file");
    assert_eq!(said[1].1, "the image `img/.x.png` is a hidden file");
}

#[test]
fn reads_an_image_and_refuses_a_bomb() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.png"), images::tests::png_header(40, 30)).unwrap();
    std::fs::write(dir.path().join("bomb.png"), images::tests::png_header(65_535, 65_535)).unwrap();
    let path = dir.path().join("doc.yaml");
    let yaml = "a: ![a](./small.png)\nb: ![b](bomb.png)\n";
    let checking = Checking {
        source: Source { path: &path, text: yaml },
        also: &[],
        dir: dir.path(),
        made: &[],
        fonts: None,
    };
    assert_eq!(check("![a](./small.png)", &checking).unwrap()[0].0, "small.png");
    let problems = check("![b](bomb.png)", &checking).unwrap_err();
    assert_eq!(problems[0].position, Some((2, 9)));
    assert!(problems[0].message.starts_with("the image `bomb.png`: it is 65535 × 65535 pixels"));
}

#[test]
fn names_each_character_no_font_has_at_its_line() {
    let yaml = "title: Housing\nbody: এই নথিটি\nother: 中文 café – “quotes”\n";
    let problems = messages(checked(yaml, "এই নথিটি"));
    assert_eq!(problems[0], (Some((2, 7)), "no font can show the character `এ` (U+098F)".to_owned()));
    assert_eq!(problems.len(), MOST);
    let problems = messages(checked(yaml, "中文 café – “quotes”"));
    assert_eq!(problems[0], (Some((3, 8)), "no font can show the character `中` (U+4E2D)".to_owned()));
    assert_eq!(problems.len(), 2);
}

#[test]
fn limits_blocks_rows_and_nesting() {
    let long = "word ".repeat(MAX_BLOCK / 4);
    let problems = messages(checked(&format!("body: {long}\n"), &long));
    assert_eq!(problems, [(Some((1, 7)), format!("a paragraph is longer than {MAX_BLOCK} characters"))]);
    let table = format!("| a |\n|---|\n{}", "| x |\n".repeat(MAX_ROWS + 5));
    assert_eq!(messages(checked("t", &table))[0].1, format!("a table has more than {MAX_ROWS} rows"));
    let nested = format!("{}x", "> ".repeat(100));
    assert!(messages(checked("n", &nested))[0].1.starts_with("the text is nested more than"));
}

proptest::proptest! {
    /// Whatever an image's name, it is read from inside the document's
    /// folder or not at all: never the file beside the folder, through
    /// `..`, an absolute path or a link out.
    #[test]
    fn no_image_name_reads_outside_the_folder(parts in proptest::collection::vec(
        proptest::sample::select(vec!["..", ".", "doc", "up", "secret.png", "ok.png", "/", "C:", "\\", "%2e%2e", ""]),
        1..7,
    )) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("doc");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(tmp.path().join("secret.png"), images::tests::png_header(2, 2)).unwrap();
        std::fs::write(dir.join("ok.png"), images::tests::png_header(3, 3)).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(tmp.path(), dir.join("up")).unwrap();
        let dest = parts.join("/");
        if let Ok((name, bytes)) = image(&dest, &Root::at(&dir), &dir) {
            proptest::prop_assert_eq!(bytes, images::tests::png_header(3, 3), "{} read {}", dest, name);
        }
    }
}
