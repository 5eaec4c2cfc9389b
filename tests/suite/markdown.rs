//! The Markdown of each example report, exactly as officers will read and
//! diff it.

use crate::common;

#[test]
fn renders_the_childrens_services_report() {
    insta::assert_snapshot!(common::markdown(&common::example_meeting(), "childrens-services.md"));
}

#[test]
fn renders_items_forward_plan_and_consequences_of_a_busy_portfolio() {
    insta::assert_snapshot!(common::markdown(&common::example_meeting(), "adult-care-and-health.md"));
}

#[test]
fn renders_nothing_to_report_when_a_report_has_no_content() {
    insta::assert_snapshot!(common::markdown(&common::fixture("self-contained.yaml"), "highways.md"));
}

#[test]
fn escapes_markdown_syntax_in_plain_fields() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("meeting.yaml");
    let yaml = std::fs::read_to_string(common::fixture("self-contained.yaml"))
        .unwrap()
        .replace("title: Winter maintenance plan", "title: \"*Not bold* <b> [x](y) # 1. _u_\"");
    std::fs::write(&file, yaml).unwrap();
    let markdown = common::markdown(&file, "highways.md");
    assert!(markdown.contains(r"- **\*Not bold\* \<b\> \[x\](y) \# 1. \_u\_**"), "{markdown}");
}
