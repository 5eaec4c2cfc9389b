//! An Executive Member report written as councils write them from one
//! meeting to the next: counts that agree, untitled items, anticipated
//! decisions headed by their Cabinet date, joint panel meetings, lead-in
//! sentences, cross-references, the council's own title, header and footer.

use std::path::Path;

use crate::common;

fn patterns() -> std::path::PathBuf {
    common::fixture("executive-patterns")
}

fn report() -> String {
    common::markdown(&patterns(), "highways-and-environment.md")
}

/// The Markdown of `section` ("## 3."), up to the next section.
fn section<'a>(markdown: &'a str, heading: &str) -> &'a str {
    let start = markdown.find(heading).unwrap_or_else(|| panic!("no {heading} in\n{markdown}"));
    let rest = &markdown[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |end| end + 3);
    &rest[..end]
}

#[test]
fn one_item_one_meeting_and_an_untitled_item_read_in_the_singular() {
    let markdown = report();
    let first = section(&markdown, "## 1.");
    assert!(first.contains("There has been 1 Cabinet meeting (26 February 2018)"), "{first}");
    assert!(first.contains("The following item of business was attributed to the Highways"), "{first}");
    // An item given by its summary alone: nothing invented for its title.
    assert!(first.contains("\n- Cabinet agreed to consult on the Local Transport Plan 4"), "{first}");
    assert!(!first.contains("- **"), "no bold title where the item has none:\n{first}");
}

#[test]
fn anticipated_decisions_are_headed_by_their_cabinet_date_in_date_order() {
    let markdown = report();
    let third = section(&markdown, "## 3.");
    let expected = "3.1 **Cabinet – 12 March 2018**\\\nForward Plan ref: B012/18. Cabinet will be asked to adopt the Local Transport Plan 4.\n\n\
        3.2 **Cabinet – 16 April 2018**\\\nForward Plan ref: B019/18. Highways maintenance contract. Cabinet will be asked to extend the contract for two years.\n\n\
        3.3 **Cabinet – 2018**\\\nThe Hertfordshire Rail Strategy is expected to come to Cabinet later in the year.";
    assert!(third.contains(expected), "{third}");
}

#[test]
fn a_lead_in_sentence_opens_the_partnerships_list() {
    let markdown = report();
    let fourth = section(&markdown, "## 4.");
    assert!(
        fourth.contains("4.1 As I reported in January, I chair the Hertfordshire Infrastructure and Planning Partnership. I also sit on:\n\n- Transport for the South East Shadow Partnership Board\n- England's Economic Heartland"),
        "{fourth}"
    );
}

#[test]
fn a_cross_reference_is_written_as_the_number_of_its_section() {
    let markdown = report();
    assert!(markdown.contains("as set out in paragraph 5.2."), "{markdown}");
    assert!(markdown.contains("### 5.2 Rail"), "{markdown}");
}

#[test]
fn a_joint_panel_meeting_is_told_and_linked_by_panel_and_date() {
    let markdown = report();
    let sixth = section(&markdown, "## 6.");
    // The panel meets again after the report is written: it "will have met".
    assert!(
        sixth.contains("the Highways and Environment Cabinet Panel will have met on 8 March 2018 and 15 March 2018. A joint meeting of the Highways and Environment Cabinet Panel and the Growth, Infrastructure, Planning and the Economy Cabinet Panel was also held on 28 February 2018."),
        "{sixth}"
    );
    // Two of the three meetings have their papers published.
    assert!(sixth.contains("can be found at the following locations:"), "{sixth}");
    assert!(sixth.contains("[Highways and Environment Cabinet Panel, 8 March 2018](https://democracy.hertfordshire.gov.uk/ieListDocuments.aspx?CId=151&MId=870)"), "{sixth}");
    assert!(sixth.contains("[Joint meeting of the Highways and Environment Cabinet Panel and the Growth, Infrastructure, Planning and the Economy Cabinet Panel, 28 February 2018]("), "{sixth}");
    assert!(!sixth.contains("15 March 2018]"), "a meeting without a link is not linked:\n{sixth}");
}

/// The other portfolio of a joint meeting tells it too, once it has a
/// report, in words that suit a panel that met only jointly.
#[test]
fn the_other_portfolio_of_a_joint_meeting_tells_it_too() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_folder(&patterns(), tmp.path());
    std::fs::write(
        tmp.path().join("growth.yaml"),
        "portfolio: Growth, Infrastructure, Planning and the Economy\nmember: { name: Derrick Ashley }\nreport_date: 2018-03-09\n",
    )
    .unwrap();
    let markdown = common::markdown(tmp.path(), "growth-infrastructure-planning-and-the-economy.md");
    let sixth = section(&markdown, "## 6.");
    assert!(
        sixth.contains("6.1 Since the last Executive Report to Council, a joint meeting of the Highways and Environment Cabinet Panel and the Growth, Infrastructure, Planning and the Economy Cabinet Panel has been held on 28 February 2018. The matters discussed can be found at the following location:"),
        "{sixth}"
    );
}

#[test]
fn a_panel_meeting_without_a_link_is_a_warning_at_its_line() {
    let output = exec_report_check(&patterns(), &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("the panel meeting of 15 March 2018 has no `link` to its papers yet"),
        "{stderr}"
    );
    assert!(stderr.contains("meeting.yaml:41"), "{stderr}");
    let denied = exec_report_check(&patterns(), &["--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(2), "{}", String::from_utf8_lossy(&denied.stderr));
}

fn exec_report_check(input: &Path, extra: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_exec-report"))
        .arg("check")
        .args(extra)
        .arg(input)
        .output()
        .unwrap()
}

#[test]
fn the_council_titles_the_report_and_sets_its_header_and_footer() {
    let markdown = report();
    assert!(markdown.starts_with("# EXECUTIVE PORTFOLIO: HIGHWAYS AND ENVIRONMENT\n"), "{markdown}");
    let text = common::pdf_text(&common::pdf(&patterns(), "highways-and-environment.pdf"));
    assert!(text.starts_with("Hertfordshire County Council EXECUTIVE PORTFOLIO"), "{text}");
    assert!(!text.contains("20 March 2018"), "the header prints no meeting date:\n{text}");
    assert!(!text.contains("Page 1"), "the footer is the page number alone:\n{text}");
    assert!(
        text.contains(" 1 Hertfordshire County Council "),
        "page 1's footer, then page 2's header:\n{text}"
    );
    assert!(text.trim_end().ends_with("March 2018 2"), "page 2's footer:\n{text}");
}
