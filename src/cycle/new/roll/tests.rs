//! Tests of rolling each file's text forward.

use std::path::Path;

use super::*;

fn file(text: &str) -> File<'_> {
    File { path: Path::new("meeting.yaml"), text }
}

fn rolled_meeting(text: &str) -> (String, usize) {
    let parsed: Meeting = crate::input::parse(Path::new("meeting.yaml"), text).unwrap();
    meeting(&file(text), &parsed, jiff::civil::date(2016, 11, 8)).unwrap()
}

const MEETING: &str = "\
meeting:
  body: Council
  date: 2016-07-19 # the July meeting
previous_meeting: { date: 2016-05-17 }
previous_report:
  date: \"2016-03-22\"
cabinet_meetings:
  - date: 2016-06-20
    items:
      - portfolio: A
        title: Done
# The meeting below was cancelled:
#  - date: 2016-06-27
#    items:
#      - portfolio: A
#        title: Never held
  - date: 2016-07-04
    items:
      - portfolio: A
        title: Also done

forward_plan:
  # Due in September.
  - portfolio: A
    cabinet: 2016-09-19
    title: Due
  # Later.
  - portfolio: A
    expected: \"2017\"
    title: Later
panels:
  - portfolio: A
    date: 2016-06-10
";

#[test]
fn moves_the_dates_on_in_block_and_inline_style_keeping_comments() {
    let (text, due) = rolled_meeting(MEETING);
    assert_eq!(due, 1);
    assert!(text.starts_with("meeting:\n  body: Council\n  date: 2016-11-08 # the July meeting\nprevious_meeting: { date: 2016-07-19 }\nprevious_report:\n  date: 2016-07-19\n"), "{text}");
}

#[test]
fn drops_the_last_periods_business_and_never_rolls_a_comment_forward_as_data() {
    let (text, _) = rolled_meeting(MEETING);
    assert!(!text.contains("Done") && !text.contains("Never held") && !text.contains("Also done"), "{text}");
    assert!(text.contains(&format!(
        "cabinet_meetings:\n  - date: 2016-09-19\n    items:\n      {}: {DECIDED}\n      - portfolio: A\n        title: Due\n\nforward_plan:\n",
        edit::MARKER
    )), "{text}");
    assert!(text.ends_with("panels: []\n"), "{text}");
    let read: Meeting = crate::input::parse(Path::new("meeting.yaml"), &text).unwrap();
    assert_eq!(read.cabinet_meetings.len(), 1);
}

#[test]
fn takes_decisions_now_due_off_the_plan_keeping_what_is_written_between() {
    let (text, _) = rolled_meeting(MEETING);
    assert!(
        text.contains(
            "forward_plan:\n  # Due in September.\n  # Later.\n  - portfolio: A\n    expected: \"2017\"\n"
        ),
        "{text}"
    );
    let all_due = MEETING.replace("expected: \"2017\"", "cabinet: 2016-10-17");
    let (text, due) = rolled_meeting(&all_due);
    assert_eq!(due, 2);
    assert!(text.contains("forward_plan: []\n  # Due in September.\n  # Later.\npanels: []\n"), "{text}");
}

#[test]
fn errors_at_its_line_when_the_plan_is_written_in_brackets() {
    let text = "meeting:\n  date: 2016-07-19\nprevious_meeting:\n  date: 2016-05-17\nprevious_report:\n  date: 2016-03-22\nforward_plan: [{ portfolio: A, cabinet: 2016-09-19, title: Due }]\n";
    let meeting: Meeting = crate::input::parse(Path::new("meeting.yaml"), text).unwrap();
    let problem = super::meeting(&file(text), &meeting, jiff::civil::date(2016, 11, 8)).unwrap_err();
    assert_eq!(problem.position, Some((7, 15)), "{problem}");
    assert!(problem.message.contains("cannot be taken out"), "{problem}");
}

#[test]
fn marks_a_reports_narrative_and_drops_its_consequences() {
    let text = "portfolio: P\nreport_date: 2016-07-05\nconsequences:\n  - Old news.\n# - Older news.\n  - More old news.\ncomments:\n  - title: A\n    body: x\n  - title: B\n";
    let rolled = report(&File { path: Path::new("p.yaml"), text }).unwrap();
    assert!(!rolled.contains("Old news.") && !rolled.contains("More old"), "{rolled}");
    assert!(rolled.contains("consequences: []\ncomments:"), "{rolled}");
    assert_eq!(rolled.matches(edit::MARKER).count(), 4, "{rolled}");
    assert!(rolled.contains(&format!("  {}: {SECTION}\n  - title: B", edit::MARKER)), "{rolled}");
}
