//! Tests of reading the web service's answers and merging them.

use std::time::Duration;

use roxmltree::Document;

use super::answer::*;
use super::merge::*;
use super::service::*;
use crate::cycle::{CabinetItem, CabinetMeeting};

const SITE: &str = "https://democracy.example.gov.uk";

fn parsed(text: &str) -> Document<'_> {
    Document::parse(text).unwrap()
}

#[test]
fn reads_committees_less_those_deleted() {
    let text = "<committees>\
        <committee><committeeid>132</committeeid><committeetitle> Cabinet </committeetitle>\
          <committeedeleted>False</committeedeleted><committeeexpired>False</committeeexpired></committee>\
        <committee><committeeid>7</committeeid><committeetitle>Old  Board</committeetitle>\
          <committeedeleted>True</committeedeleted></committee>\
        <committee><committeeid>9</committeeid><committeetitle>Children&amp;#39;s Panel</committeetitle></committee>\
        <committee><committeetitle>No id</committeetitle></committee>\
        </committees>";
    let found = committees(&parsed(text));
    let titles: Vec<&str> = found.iter().map(|committee| committee.title.as_str()).collect();
    assert_eq!(titles, ["Cabinet", "Children's Panel"]);
    assert_eq!(found[0].id, "132");
}

#[test]
fn finds_a_committee_ignoring_case_and_spaces_and_prefers_one_not_expired() {
    let committees = [
        Committee { id: "1".into(), title: "Cabinet".into(), expired: true },
        Committee { id: "2".into(), title: "Cabinet".into(), expired: false },
        Committee { id: "3".into(), title: "Cabinet Panel".into(), expired: false },
    ];
    assert_eq!(find_committee(&committees, "  cabinet ").map(|c| c.id.as_str()), Some("2"));
    assert_eq!(find_committee(&committees, "CABINET   panel").map(|c| c.id.as_str()), Some("3"));
    assert_eq!(find_committee(&committees, "Executive"), None);
}

#[test]
fn lists_the_committees_there_are_when_one_is_not_found() {
    let committee =
        |n: usize| Committee { id: n.to_string(), title: format!("Panel {n:02}"), expired: false };
    let many: Vec<Committee> = (1..=23).rev().map(committee).collect();
    let message = not_found(SITE, " Executive ", &many).to_string();
    assert!(message.starts_with(&format!(
        "`{SITE}` has no committee called `Executive`\n  = hint: its committees are `Panel 01`, `Panel 02`,"
    )));
    assert!(message.ends_with("`Panel 19`, `Panel 20` and 3 more"), "{message}");
    assert!(not_found(SITE, "Cabinet", &[]).to_string().ends_with("the service lists no committees"));
}

#[test]
fn reads_meetings_with_their_dates_less_those_cancelled() {
    let text = "<getmeetings><committee><committeemeetings>\
        <meeting><meetingid>1</meetingid><meetingdate>20/06/2016</meetingdate></meeting>\
        <meeting><meetingid>2</meetingid><meetingdate>4/7/2016 14:00:00</meetingdate></meeting>\
        <meeting><meetingid>3</meetingid><meetingdate>2016-07-11</meetingdate></meeting>\
        <meeting><meetingid>4</meetingid><meetingdate>12/07/2016</meetingdate><meetingstatus>Cancelled</meetingstatus></meeting>\
        </committeemeetings></committee></getmeetings>";
    let listed = meetings("u", &parsed(text), &mut Vec::new()).unwrap();
    let dates: Vec<String> =
        listed.iter().map(|meeting| format!("{} {}", meeting.id, meeting.date)).collect();
    assert_eq!(dates, ["1 2016-06-20", "2 2016-07-04", "3 2016-07-11"]);
    assert_eq!(service_date(jiff::civil::date(2016, 3, 2)), "02/03/2016");
}

#[test]
fn errors_when_a_meeting_date_is_not_a_date() {
    let text = "<getmeetings><meeting><meetingid>1</meetingid><meetingdate>31/02/2016</meetingdate></meeting></getmeetings>";
    let error = meetings("https://x/GetMeetings", &parsed(text), &mut Vec::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`https://x/GetMeetings` gives `31/02/2016` as a meeting's date, which is not a date"
    );
}

const AGENDA: &str = "<meeting><meetingid>5</meetingid><agendaitems>\
    <agendaitem><agendaitemtitle>Apologies</agendaitemtitle><isdecision>False</isdecision></agendaitem>\
    <agendaitem><agendaitemtitle>Home  care\n framework</agendaitemtitle><isdecision>True</isdecision><linkeddocuments>\
      <linkeddoc><title>Report</title><url>https://other.example/report.pdf</url></linkeddoc>\
      <linkeddoc><title>Notice</title><url>/documents/s1/Decision notice.pdf</url><isdecisionattachment>True</isdecisionattachment></linkeddoc>\
    </linkeddocuments></agendaitem>\
    <agendaitem><agendaitemtitle>Fund plan</agendaitemtitle><decisionnonemptyhtmlbody>&lt;p&gt;Agreed&lt;/p&gt;</decisionnonemptyhtmlbody><linkeddocuments>\
      <linkeddoc><title>Exempt appendix</title><url>documents/s2/a.pdf</url><isrestricted>True</isrestricted></linkeddoc>\
      <linkeddoc><title>Report</title><url>documents/s3/r.pdf</url></linkeddoc>\
      <linkeddoc><title>Printed minutes</title><url>documents/g4/m.pdf</url></linkeddoc>\
    </linkeddocuments></agendaitem>\
    <agendaitem><agendaitemtitle>Marked by its document</agendaitemtitle><linkeddocuments>\
      <linkeddoc><title>D</title><url>//cdn.example/d.pdf</url><isdecisionattachment>true</isdecisionattachment></linkeddoc>\
    </linkeddocuments></agendaitem>\
    <agendaitem><agendaitemtitle>For information</agendaitemtitle><linkeddocuments>\
      <linkeddoc><title>Report</title><url>documents/s5/i.pdf</url></linkeddoc></linkeddocuments></agendaitem>\
    <agendaitem><agendaitemtitle>No papers</agendaitemtitle><isdecision>True</isdecision></agendaitem>\
    <agendaitem><agendaitemtitle></agendaitemtitle><isdecision>True</isdecision></agendaitem>\
    </agendaitems></meeting>";

#[test]
fn keeps_the_decisions_of_an_agenda_with_their_decisions_papers() {
    let at = Meeting {
        url: "u",
        site: "https://democracy.example.gov.uk/site",
        date: jiff::civil::date(2016, 6, 20),
    };
    let mut warnings = Vec::new();
    let found = decisions(&parsed(AGENDA), &at, &mut warnings).unwrap();
    assert_eq!(warnings, Vec::<String>::new());
    let shown: Vec<(&str, &str)> = found
        .iter()
        .map(|item| (item.title.as_deref().unwrap(), item.link.as_deref().unwrap_or("-")))
        .collect();
    assert_eq!(
        shown,
        [
            ("Home care framework", "https://democracy.example.gov.uk/documents/s1/Decision%20notice.pdf"),
            ("Fund plan", "https://democracy.example.gov.uk/site/documents/g4/m.pdf"),
            ("Marked by its document", "https://cdn.example/d.pdf"),
            ("No papers", "-"),
        ]
    );
    assert!(found.iter().all(|item| item.portfolio.is_none() && item.summary.is_none()));
}

#[test]
fn takes_only_the_web_services_xml() {
    assert!(parse("u", "\u{feff}\n<?xml version=\"1.0\"?><committees/>", COMMITTEES).is_ok());
    assert!(parse("u", "<GetMeetings><Meeting/></GetMeetings>", MEETINGS).is_ok());
    let html =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Runtime Error</title></head></html>";
    let xhtml = "<html><body><p>Server Error in '/' Application.</p></body></html>";
    for text in [html, xhtml, "", "Service Unavailable", "<committees>"] {
        let error = parse("https://x/GetCommittees", text, COMMITTEES).unwrap_err().to_string();
        assert!(error.starts_with(
            "`https://x/GetCommittees` answered with something other than the web service's XML\n  = hint: "
        ));
    }
}

#[test]
fn builds_the_services_addresses() {
    for given in [
        "https://democracy.example.gov.uk/",
        "democracy.example.gov.uk",
        " https://democracy.example.gov.uk/mgWebService.asmx/ ",
    ] {
        assert_eq!(site(given), SITE);
    }
    let query = [("lCommitteeId", "132"), ("sFromDate", "22/03/2016"), ("x", "a b&c=é")];
    assert_eq!(
        method_url(SITE, "GetMeetings", &query),
        format!(
            "{SITE}/mgWebService.asmx/GetMeetings?lCommitteeId=132&sFromDate=22%2F03%2F2016&x=a%20b%26c%3D%C3%A9"
        )
    );
    assert_eq!(method_url(SITE, "GetCommittees", &[]), format!("{SITE}/mgWebService.asmx/GetCommittees"));
}

#[test]
fn decodes_the_entities_escaped_twice() {
    assert_eq!(
        unescape("Children&#39;s &amp; Young People&#x2019;s plan"),
        "Children's & Young People\u{2019}s plan"
    );
    assert_eq!(unescape("R&D & more &bogus; &#xZZ; &"), "R&D & more &bogus; &#xZZ; &");
    assert_eq!(seconds(Duration::from_secs(1)), "1 second");
    assert_eq!(seconds(Duration::from_millis(2500)), "2.5 seconds");
}

fn item(portfolio: Option<&str>, title: &str, link: Option<&str>) -> CabinetItem {
    CabinetItem {
        portfolio: portfolio.map(str::to_owned),
        title: Some(title.to_owned()),
        summary: portfolio.map(|_| "What the officer wrote.".to_owned()),
        link: link.map(str::to_owned),
        to_complete: None,
    }
}

fn meeting(day: i8, items: Vec<CabinetItem>) -> CabinetMeeting {
    CabinetMeeting { date: jiff::civil::date(2016, 6, day), items }
}

#[test]
fn merges_keeping_what_the_officer_wrote() {
    let existing = vec![
        meeting(1, Vec::new()),
        meeting(
            20,
            vec![
                item(Some("Adults"), "Home care framework", None),
                item(Some("Adults"), "Kept", Some("old")),
            ],
        ),
    ];
    let found = vec![
        meeting(
            20,
            vec![
                item(None, "HOME  care framework", Some("new")),
                item(None, "kept", Some("new")),
                item(None, "Roads", None),
                item(None, "roads", None),
            ],
        ),
        meeting(10, vec![item(None, "Libraries", Some("l"))]),
    ];
    let plan = plan(&existing, &found);
    assert_eq!((plan.added, plan.kept), (2, 3));
    assert_eq!(plan.changes[1].links, [(0, "new".to_owned())]);
    assert_eq!(plan.new.iter().map(|(at, m)| (*at, m.date.day())).collect::<Vec<_>>(), [(1, 10)]);
    let merged = merged(&existing, &plan);
    assert_eq!(merged.iter().map(|m| m.date.day()).collect::<Vec<_>>(), [1, 10, 20]);
    assert_eq!(merged[2].items[0], item(Some("Adults"), "Home care framework", Some("new")));
    assert_eq!(merged[2].items[1], item(Some("Adults"), "Kept", Some("old")));
    assert_eq!(merged[2].items[2], item(None, "Roads", None));
    assert_eq!(merged[1].items, [item(None, "Libraries", Some("l"))]);
    let again = super::merge::plan(&merged, &found);
    assert!(again.is_empty(), "{again:?}");
    assert_eq!((again.added, again.kept), (0, 5));
}

#[test]
fn merges_tens_of_thousands_of_decisions_by_their_titles_at_once() {
    let titled = |n: usize| item(None, &format!("Decision {n}"), None);
    let existing = vec![meeting(20, (0..25_000).map(titled).collect())];
    // The same decisions listed in another order and in other case, and
    // as many new ones: matched by index, never each against every other.
    let mut again: Vec<CabinetItem> = (0..25_000).rev().map(titled).collect();
    again.iter_mut().for_each(|item| item.title = item.title.as_deref().map(str::to_uppercase));
    let found = vec![meeting(20, again.into_iter().chain((25_000..50_000).map(titled)).collect())];
    let plan = plan(&existing, &found);
    assert_eq!((plan.kept, plan.added), (25_000, 25_000));
    assert_eq!(merged(&existing, &plan)[0].items.len(), 50_000);
}

/// `text` with `found` merged in, its meetings being `existing`.
fn edited(text: &str, existing: &[CabinetMeeting], found: &[CabinetMeeting]) -> String {
    let tree = crate::cycle::tree::parse(text).unwrap();
    let mut plan = plan(existing, found);
    let source = crate::input::Source { path: std::path::Path::new("meeting.yaml"), text };
    edits(&source, &tree, &mut plan).unwrap().apply(text)
}

const MARKED: &str =
    "# exec-report: not yet updated for this cycle: fill in the portfolio and what Cabinet decided";

#[test]
fn adds_meetings_to_an_empty_or_missing_list() {
    let found = [meeting(20, vec![item(None, "Roads", Some("https://x.example/r.pdf"))])];
    let added = format!(
        "  - date: 2016-06-20\n    items:\n      {MARKED}\n      - portfolio: \"\"\n        title: Roads\n        link: https://x.example/r.pdf\n"
    );
    assert_eq!(
        edited("a: 1\ncabinet_meetings: [] # none yet\nb: 2\n", &[], &found),
        format!("a: 1\ncabinet_meetings: # none yet\n{added}b: 2\n")
    );
    assert_eq!(edited("a: 1", &[], &found), format!("a: 1\ncabinet_meetings:\n{added}"));
    assert_eq!(edited("cabinet_meetings:\nb: 2\n", &[], &found), format!("cabinet_meetings:\n{added}b: 2\n"));
}

#[test]
fn adds_items_to_a_meeting_without_them_and_meetings_between_the_files_own() {
    let text = "cabinet_meetings:\n- date: 2016-06-01 # the first\n# a comment at the margin\n- date: 2016-06-30\n  items:\n";
    let existing = [meeting(1, Vec::new()), meeting(30, Vec::new())];
    let found = [
        meeting(1, vec![item(None, "A", None)]),
        meeting(10, vec![item(None, "B", None)]),
        meeting(30, vec![item(None, "C", None)]),
    ];
    let entry = |title: &str, indent: &str| {
        format!("{indent}{MARKED}\n{indent}- portfolio: \"\"\n{indent}  title: {title}\n")
    };
    assert_eq!(
        edited(text, &existing, &found),
        format!(
            "cabinet_meetings:\n- date: 2016-06-01 # the first\n  items:\n{}- date: 2016-06-10\n  items:\n{}# a comment at the margin\n- date: 2016-06-30\n  items:\n{}",
            entry("A", "    "),
            entry("B", "    "),
            entry("C", "    ")
        )
    );
}
