//! A council's settings as every kind honours them: a fixture council
//! (`tests/fixtures/council-settings/`) whose documents of every kind leave
//! out the council's name and their members' titles, and whose settings
//! word its members, its agenda and its sub-items its own way.

use crate::common;

use std::path::{Path, PathBuf};

use exec_report::build::{self, Formats};

/// The fixture council's folder.
fn council() -> PathBuf {
    common::fixture("council-settings")
}

/// Builds the fixture in `formats` and returns the output folder.
fn built(out: &Path, formats: Formats) -> PathBuf {
    let summary = build::run(&common::options(&council(), out, formats)).expect("the fixture builds");
    assert!(summary.failures.is_empty(), "{:?}", summary.failures);
    out.join("council-settings")
}

fn read(folder: &Path, name: &str) -> String {
    std::fs::read_to_string(folder.join(name)).unwrap_or_else(|_| panic!("`{name}` was written"))
}

fn markdown_and_typst(out: &Path) -> PathBuf {
    built(out, Formats { markdown: true, pdf: false, html: false, docx: false, typst: true })
}

#[test]
fn every_kind_words_a_members_title_from_the_councils_member_wording_and_the_portfolio() {
    let out = tempfile::tempdir().unwrap();
    let folder = markdown_and_typst(out.path());
    let update = read(&folder, "childrens-services-progress-update.md");
    assert!(
        update.contains("Councillor Lisa Evans – Portfolio Holder for Children and Young People"),
        "{update}"
    );
    let scrutiny = read(&folder, "childrens-services-portfolio-holder.md");
    assert!(
        scrutiny.contains("Councillor Andrew Mackness – Portfolio Holder for Children's Services\n"),
        "{scrutiny}"
    );
    let cover = read(&folder, "corporate-parenting-strategy.md");
    assert!(
        cover.contains(
            "| Portfolio Holder: | Councillor Jonathan Lester, Portfolio Holder for Young People and Children's Well-being |"
        ),
        "{cover}"
    );
}

#[test]
fn every_kind_takes_the_councils_name_from_its_settings() {
    let out = tempfile::tempdir().unwrap();
    let folder = markdown_and_typst(out.path());
    let documents = [
        "agenda",
        "appendix-a-corporate-parenting-strategy",
        "childrens-services-portfolio-holder",
        "childrens-services-progress-update",
        "corporate-parenting-strategy",
        "work-programme",
    ];
    for document in documents {
        let typst = read(&folder, &format!("{document}.typ"));
        assert!(typst.contains("council: \"Borsetshire County Council\""), "{document}: {typst}");
    }
}

#[test]
fn the_agenda_is_worded_in_the_councils_words() {
    let out = tempfile::tempdir().unwrap();
    let folder =
        built(out.path(), Formats { markdown: true, pdf: true, html: false, docx: false, typst: false });
    let agenda = read(&folder, "agenda.md");
    for words in ["## Committee members", "| Chair | Councillor CA Gandy |", "| Vice-Chair |", "| Cllr |"] {
        assert!(agenda.contains(words), "the agenda lacks {words:?}: {agenda}");
    }
    assert!(!agenda.contains("Chairman"), "{agenda}");
    // The pages the pack gives an item, in the council's words too.
    assert!(agenda.contains("See pages 3 - "), "{agenda}");
}

#[test]
fn numbered_sub_items_are_numbered_under_their_paragraph_never_like_it() {
    let out = tempfile::tempdir().unwrap();
    let folder = markdown_and_typst(out.path());
    let update = read(&folder, "childrens-services-progress-update.md");
    assert!(
        update.contains("\n- 2.1 Update on 2019/20 priorities;\n- 2.2 A summary of key points.\n"),
        "{update}"
    );
    assert!(!update.contains("\n- 1\\. "), "no sub-item is numbered like its paragraph: {update}");
    let typst = read(&folder, "childrens-services-progress-update.typ");
    assert!(typst.contains("#sub-items(numbering: n => \"2.\" + str(n), [Update on"), "{typst}");
}

#[test]
fn each_document_in_the_agenda_pack_keeps_its_own_header_line() {
    let out = tempfile::tempdir().unwrap();
    let folder =
        built(out.path(), Formats { markdown: false, pdf: true, html: false, docx: false, typst: false });
    let pack = common::pdf_text(&std::fs::read(folder.join("agenda-pack.pdf")).unwrap());
    // The agenda's own line, then the cover report's and the work
    // programme's, each in its own words.
    for line in [
        "Children and young people scrutiny committee, 5 July 2017",
        "Children and young people's scrutiny, 5 July 2017",
        "Children and Young People Scrutiny Committee, 5 July 2017",
    ] {
        assert!(pack.contains(line), "no page of the pack is headed {line:?}");
    }
}
