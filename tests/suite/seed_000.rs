//! The example meeting reproduces the published Children's Services report
//! of July 2016 (seed 000), section by section.

use crate::common;

/// Where the tool deliberately writes differently from the published text:
/// a grammar slip, GOV.UK list style, a stray full stop in a number, KPI
/// periods written out in full, and panel links worded by their panel and
/// date rather than printed as bare addresses.
const CORRECTIONS: &[(&str, &str)] = &[
    ("Anticipated/ future", "Anticipated/future"),
    ("no anticipated Cabinet decisions are required", "no anticipated Cabinet decisions required"),
    ("Health and Wellbeing Board; Children", "Health and Wellbeing Board, Children"),
    ("5.2. Ofsted", "5.2 Ofsted"),
    // KPI wording derived from the data names its periods exactly.
    ("In March this figure", "In March 2016 this figure"),
    ("improvement since last year", "improvement since March 2015"),
    (
        "22 April 2016 https://cmis.hertfordshire.gov.uk/hertfordshire/Calendarofcouncilmeetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/372/Committee/19/Default.aspx 28 June 2016 https://cmis.hertfordshire.gov.uk/hertfordshire/Calendarofcouncilmeetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/373/Committee/19/Default.aspx",
        "Children's Services Cabinet Panel, 22 April 2016 Children's Services Cabinet Panel, 28 June 2016",
    ),
];

const SECTIONS: &[&str] = &[
    "1. Cabinet decisions",
    "2. Consequences",
    "3. Anticipated",
    "4. Key Partnerships",
    "5. Other comments",
    "6. Cabinet Panels",
];

/// The seed as a reader sees it: list dashes and bold marks from its
/// extraction dropped, whitespace squashed.
fn seed_text() -> String {
    let seed = std::fs::read_to_string(common::fixture("seed-000.txt")).unwrap();
    let lines: Vec<&str> = seed.lines().map(|line| line.strip_prefix("- ").unwrap_or(line)).collect();
    common::corrected(
        common::squash(&lines.join("\n").replace("**", "").replace(['<', '>'], "")),
        CORRECTIONS,
    )
}

fn split_sections(text: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = SECTIONS
        .iter()
        .map(|heading| text.find(heading).unwrap_or_else(|| panic!("no {heading:?}")))
        .collect();
    starts.push(text.len());
    let mut sections = vec![&text[..starts[0]]];
    sections.extend(starts.windows(2).map(|pair| text[pair[0]..pair[1]].trim()));
    sections
}

#[test]
fn reproduces_seed_000_section_by_section() {
    let markdown = common::markdown(&common::example_meeting(), "childrens-services.md");
    let ours = common::reader_text(&markdown);
    let seed = seed_text();
    let (ours, seed) = (split_sections(&ours), split_sections(&seed));
    assert_eq!(ours[0].trim().to_uppercase(), seed[0].trim(), "the title");
    for (index, (ours, seed)) in ours.iter().zip(&seed).enumerate().skip(1) {
        assert_eq!(ours, seed, "section {index} differs from the published report");
    }
}

#[test]
fn derives_the_cabinet_sentence_from_the_calendar() {
    let markdown = common::markdown(&common::example_meeting(), "childrens-services.md");
    assert!(markdown.contains(
        "1.1 There will have been 5 Cabinet meetings (29 March 2016, 18 April 2016, 16 May 2016, \
         20 June 2016 and 11 July 2016) since the last Executive Report to County Council. \
         There were no items of business specifically attributed to the Children's Services portfolio."
    ));
}
