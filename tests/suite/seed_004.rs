//! The Herefordshire example reproduces the committee papers of seed 004
//! (Children and young people's scrutiny, 5 July 2017): the cover report
//! on the Corporate Parenting Strategy, its two appendices and the
//! committee's work programme.

use crate::common;

use std::path::{Path, PathBuf};

use exec_report::build::{Rendered, render_file};
use exec_report::input::InputErrors;
use pulldown_cmark::{Event, Parser, TagEnd};

/// The cover report as published in seed 004, from "Meeting:" to the
/// background papers, with its tabs made spaces. Its PDF extraction put
/// "- " before most numbered paragraphs and dropped all but three numbers.
const SEED: &str = r#"
Meeting: Children and young people's scrutiny
Meeting date: 5 July 2017
Title of report: Corporate parenting strategy 2017- 2020
Report by: Head of looked after children

Classification

Open

Key decision

This is not an executive decision

Wards affected

Countywide

Purpose

To consider the draft Corporate Parenting Strategy 2017-2020

Recommendation

THAT - the draft Corporate Parenting strategy and action plan at appendix A are considered and the committee identify any recommendations it wishes to make to strengthen the strategy or action plan.

Alternative options

There are no alternatives to the recommendation. It is open to the committee to recommend the drafts to cabinet without further change or to identify proposed changes to the strategy or additional actions to be considered by cabinet which would improve the ability of relevant bodies to fulfil their role as corporate parents more effectively

Reasons for recommendations

- The Children and Social Work Act 2017 has recently been given Royal Assent and defines for the first time in law the expectations of councils in relation to their corporate parenting responsibilities. To be able to evidence the council's commitment and action in relation to these responsibilities it is necessary to have a strategy.
- Corporate parenting is a responsibility of all elected members and officers within the council as well as statutory partners. A strategy enables the council and its partners to be clear about priorities, what needs to be done and by who if change is to be achieved. To be effective the strategy needs to be understood and owned by all councillors.

Key considerations

- The cabinet member, young people and children's wellbeing has asked that the corporate parenting strategy is reviewed by the committee before it is presented to the executive.
- The council, incorporating elected members and all officers, has a special responsibility for all looked after children and care leavers in its care. Almost all children in care will have experienced trauma as a result of abuse and/or neglect. Although many children in care and care leavers are able to achieve well, overall outcomes for looked after children and care leavers in relation to educational achievement, emotional and mental health, offending and employment are worse than their peers. As corporate parents it is the council's responsibility to ensure that every effort is made to enable children and young people in care to succeed as well as their peers.
- A needs analysis was completed to understand how children and young people in care in Herefordshire are achieving in comparison with their peers and those from other local authorities. This has enabled an analysis to be completed regarding what is working well and what needs to be improved to achieve the best outcomes. The needs analysis was used to develop the Corporate Parenting strategy. The strategy and action plan as attached at appendix a; sets out how change will be achieved.
- Progress against all of the key priorities is expected in the first and each subsequent year. On an annual basis cabinet, and scrutiny will be provided with an update report that informs them of the progress with regards to the implementation of the strategy. This annual report will also be presented to the corporate parenting panel which includes members and external partners for their information and comment.

Community impact

8 The Corporate Parenting strategy will support the achievement of key priorities within

the corporate strategy including to enable residents to live safe, healthy and independent lives and to keep children and young people safe and give them a great start in life. The strategy will also support progress in achieving priorities within the Children and Young People's plan particularly that relating to children and young people in need of safeguarding.

Ohildren and young people in care are members of our community and many will live within our community as adults. Therefore doing our best to support these children and young people to achieve happy, healthy and successful lives will benefit the community in the future. On the 29 May 2017 there were 310 children looked after by Herefordshire. A thorough needs analysis of our looked after children popultation (as shown in appendix b) has been completed and had informed the priorities for the strategy.

Equality duty

The corporate parenting strategy seeks to redress the impact of disadvantage due to being a looked after child and early life experiences of abuse and neglect. We will pay due regard to the need to eliminate discrimination, harassment, victimisation and any other conductprohibited by or under this Act. We will advance equality of opportunity between persons who share a relevant protected characteristic and persons who do not share it. We will foster good relations between persons who share a relevant protected characteristic and persons who do not share it.

Financial implications

- The strategy is largely cost neutral in that practice improvements can be achieved through existing resources. A reduction in the looked after children population would avoid significant costs for the council and partner agencies particularly in relation to the costs of placement and staffing capacity.
- The strategy does not of itself commit resources but delivering any actions necessary to achieve the strategy's priorities will be subject to the relevant governance process.

Legal implications

- The scrutiny committee has the power to make recommendations to the executive in respect of any function which is the responsibility of the esecutive.
- There should be a strategy in place for Corporate Parenting which should be reviewed on a regular basis. This is an executive function.
- The purpose of such a strategy is to reaffirm and reinforce the Council's corporate responsibility jointly with our partner agencies.

Risk management

- 16 There are no risks identified to adopting a strategy for Corporate Parenting.
- There are risks associated with having no clear strategy in place. There are expectations upon the council and its partners to act as responsible and ambitious corporate parents for looked after children and care leavers. The absence of a strategy is likely to be noted as a concern by Ofsted and would bring increased scrutiny regarding the level of commitment and leadership by the council in this area.

Consultees

- The draft strategy was circulated widely for consultation between 17th February and 7th April 2017 to the Corporate Parenting panel who include members, officers, multiagency partners, foster carers and young people; Herefordshire Safeguarding Children's Board; elected members, foster carers and the Children in Care council. Written responses were received from a number of organisations in additional to verbal feedback from a range of individuals. Consultation responses included suggested ideas and amendments that have been incorporated into the final strategy.
- 19 The Corporate Parenting panel recommended and endorsed a final version of the strategy on 23rd May 2017.

Appendices

Appendix A - Corporate parenting strategy

Appendix B - Corporate parenting strategy needs assessment

Background papers

- Adoption Annual Report 2016-17
- Fostering Annual Report 2016-17
"#;

/// Where the example deliberately differs from the published text.
const CORRECTIONS: &[(&str, &str)] = &[
    // Slips of the extraction.
    ("strategy 2017- 2020", "strategy 2017-2020"),
    ("Ohildren", "Children"),
    ("popultation", "population"),
    ("conductprohibited", "conduct prohibited"),
    ("esecutive", "executive"),
    // A sentence that ended without a full stop.
    ("parents more effectively Reasons", "parents more effectively. Reasons"),
    // Herefordshire letters its recommendations (a), (b) …
    ("THAT - the draft", "THAT: (a) the draft"),
    // The only paragraph numbers the extraction kept: every number is
    // checked on its own below.
    ("8 The Corporate Parenting strategy", "The Corporate Parenting strategy"),
    ("16 There are no risks", "There are no risks"),
    ("19 The Corporate Parenting panel", "The Corporate Parenting panel"),
];

/// The standard headings of the cover report, in the seed's order and
/// words: this council calls its resource implications "Financial".
const HEADINGS: &[&str] = &[
    "Purpose",
    "Recommendation",
    "Alternative options",
    "Reasons for recommendations",
    "Key considerations",
    "Community impact",
    "Equality duty",
    "Financial implications",
    "Legal implications",
    "Risk management",
    "Consultees",
    "Appendices",
    "Background papers",
];

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/2017-07-05-herefordshire-cyp-scrutiny").join(name)
}

fn render(name: &str) -> Rendered {
    render_file(&example(name)).unwrap_or_else(|error| panic!("{name} does not render: {error}"))
}

/// The seed as a reader sees it: list dashes dropped, corrections made,
/// whitespace squashed.
fn seed_text() -> String {
    let lines: Vec<&str> = SEED.lines().map(|line| line.strip_prefix("- ").unwrap_or(line)).collect();
    let mut text = common::squash(&lines.join("\n"));
    for (published, ours) in CORRECTIONS {
        assert!(text.contains(published), "the seed no longer says {published:?}");
        text = text.replace(published, ours);
    }
    text
}

/// The Markdown as a reader sees it, without the paragraph numbers: each
/// block's text, separated by spaces.
fn rendered_text(markdown: &str) -> String {
    let mut blocks = Vec::new();
    let mut block = String::new();
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Text(text) => block.push_str(&text),
            Event::SoftBreak | Event::HardBreak => block.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                blocks.push(without_number(&std::mem::take(&mut block)).to_owned());
            }
            _ => {}
        }
    }
    common::squash(&blocks.join(" "))
}

/// A paragraph's text after its number, "8. ".
fn without_number(text: &str) -> &str {
    let trimmed = text.trim_start();
    match trimmed.split_once(". ") {
        Some((number, rest)) if number.parse::<u32>().is_ok() => rest,
        _ => trimmed,
    }
}

/// The text before the first heading, then each heading's section, found
/// in order.
fn split_sections(text: &str) -> Vec<&str> {
    let mut starts = Vec::new();
    let mut from = 0;
    for heading in HEADINGS {
        let start = from + text[from..].find(heading).unwrap_or_else(|| panic!("no {heading:?}"));
        starts.push(start);
        from = start + heading.len();
    }
    starts.push(text.len());
    let mut sections = vec![text[..starts[0]].trim()];
    sections.extend(starts.windows(2).map(|pair| text[pair[0]..pair[1]].trim()));
    sections
}

/// The numbers of the paragraphs under the level-2 heading `heading`.
fn numbers_under(markdown: &str, heading: &str) -> Vec<u32> {
    let start = markdown.find(&format!("\n## {heading}\n")).unwrap_or_else(|| panic!("no {heading:?}"));
    let section = &markdown[start + heading.len() + 5..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section.lines().filter_map(|line| line.split_once("\\. ")?.0.parse().ok()).collect()
}

fn headings(markdown: &str, marker: &str) -> Vec<String> {
    markdown.lines().filter_map(|line| line.strip_prefix(marker)).map(str::to_owned).collect()
}

#[test]
fn reproduces_the_cover_report_heading_by_heading() {
    let ours = rendered_text(&render("corporate-parenting-strategy.yaml").markdown);
    let seed = seed_text();
    let (ours, seed) = (split_sections(&ours), split_sections(&seed));
    // The seed sets its last three details as headings without colons.
    let title = "Corporate parenting strategy 2017-2020 ";
    let details = ours[0].strip_prefix(title).expect("the title comes first");
    assert_eq!(details.replace(':', ""), seed[0].replace(':', ""), "the details of the meeting");
    for (index, (ours, seed)) in ours.iter().zip(&seed).enumerate().skip(1) {
        assert_eq!(ours, seed, "{:?} differs from the published report", HEADINGS[index - 1]);
    }
}

#[test]
fn tabulates_the_details_of_the_meeting() {
    let markdown = render("corporate-parenting-strategy.yaml").markdown;
    assert!(markdown.starts_with("# Corporate parenting strategy 2017-2020\n"));
    let rows = [
        "| Meeting: | Children and young people's scrutiny |",
        "|---|---|",
        "| Meeting date: | 5 July 2017 |",
        "| Title of report: | Corporate parenting strategy 2017-2020 |",
        "| Report by: | Head of looked after children |",
        "| Classification: | Open |",
        "| Key decision: | This is not an executive decision |",
        "| Wards affected: | Countywide |",
    ];
    assert!(markdown.contains(&rows.join("\n")), "{markdown}");
}

#[test]
fn heads_the_cover_report_in_the_councils_words() {
    let markdown = render("corporate-parenting-strategy.yaml").markdown;
    assert_eq!(headings(&markdown, "## "), HEADINGS);
    assert_eq!(headings(&markdown, "# "), ["Corporate parenting strategy 2017-2020"]);
    assert!(!markdown.contains("Resource implications"));
}

#[test]
fn numbers_paragraphs_from_alternative_options_to_19() {
    let markdown = render("corporate-parenting-strategy.yaml").markdown;
    assert_eq!(numbers_under(&markdown, "Purpose"), Vec::<u32>::new());
    assert_eq!(numbers_under(&markdown, "Recommendation"), Vec::<u32>::new());
    assert_eq!(numbers_under(&markdown, "Alternative options"), [1]);
    assert_eq!(numbers_under(&markdown, "Key considerations"), [4, 5, 6, 7]);
    assert_eq!(numbers_under(&markdown, "Community impact"), [8, 9]);
    assert_eq!(numbers_under(&markdown, "Financial implications"), [11, 12]);
    assert_eq!(numbers_under(&markdown, "Risk management"), [16, 17]);
    assert_eq!(numbers_under(&markdown, "Consultees"), [18, 19]);
    let all: Vec<u32> = HEADINGS.iter().flat_map(|heading| numbers_under(&markdown, heading)).collect();
    assert_eq!(all, (1..=19).collect::<Vec<_>>());
    assert!(markdown.contains("\n8\\. The Corporate Parenting strategy will support"));
    assert!(markdown.contains("\n16\\. There are no risks identified"));
    assert!(markdown.contains("\n19\\. The Corporate Parenting panel recommended"));
}

#[test]
fn letters_the_recommendation_in_the_councils_style() {
    let markdown = render("corporate-parenting-strategy.yaml").markdown;
    assert!(markdown.contains("THAT:\n\n- (a) the draft Corporate Parenting strategy and action plan"));
}

#[test]
fn lists_the_appendices_and_background_papers() {
    let markdown = render("corporate-parenting-strategy.yaml").markdown;
    assert!(markdown.contains(
        "## Appendices\n\n- Appendix A - Corporate parenting strategy\n\
         - Appendix B - Corporate parenting strategy needs assessment\n"
    ));
    assert!(markdown.ends_with(
        "## Background papers\n\n- Adoption Annual Report 2016-17\n- Fostering Annual Report 2016-17\n"
    ));
}

#[test]
fn describes_the_cover_report_for_its_pdf() {
    let described = render("corporate-parenting-strategy.yaml").described;
    assert_eq!(described.title, "Corporate parenting strategy 2017-2020");
    assert_eq!(described.subtitle, "Children and young people's scrutiny, 5 July 2017");
    assert_eq!(described.author, "Head of looked after children");
    assert_eq!(described.date, jiff::civil::date(2017, 7, 5));
}

#[test]
fn names_appendix_files_that_exist_in_the_order_listed() {
    let text = std::fs::read_to_string(example("corporate-parenting-strategy.yaml")).unwrap();
    let report: exec_report::kinds::committee::CommitteeReport =
        exec_report::input::parse(&example("corporate-parenting-strategy.yaml"), &text).unwrap();
    let paths = report.appendix_paths(&example("corporate-parenting-strategy.yaml"));
    let names: Vec<_> = paths.iter().map(|path| path.file_name().unwrap().to_str().unwrap()).collect();
    assert_eq!(names, ["appendix-a-corporate-parenting-strategy.yaml", "appendix-b-needs-assessment.yaml"]);
    assert!(paths.iter().all(|path| path.is_file()));
}

#[test]
fn errors_at_the_line_of_a_missing_appendix_file() {
    let folder = tempfile::tempdir().unwrap();
    for name in
        ["council.yaml", "corporate-parenting-strategy.yaml", "appendix-a-corporate-parenting-strategy.yaml"]
    {
        std::fs::copy(example(name), folder.path().join(name)).unwrap();
    }
    let path = folder.path().join("corporate-parenting-strategy.yaml");
    let error = render_file(&path).expect_err("appendix B is missing");
    let InputErrors(problems) = error.downcast_ref::<InputErrors>().expect("an error in the input");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text.lines().position(|line| line.contains("file: appendix-b-needs-assessment.yaml")).unwrap();
    assert_eq!(problems[0].position.map(|(line, _)| line), Some(line + 1));
    assert_eq!(problems[0].message, "the appendix file `appendix-b-needs-assessment.yaml` does not exist");
}

#[test]
fn sets_out_the_strategys_eight_priorities() {
    let rendered = render("appendix-a-corporate-parenting-strategy.yaml");
    let markdown = &rendered.markdown;
    assert_eq!(headings(markdown, "# "), ["Corporate Parenting Strategy 2017-20"]);
    assert!(markdown.contains("\nAppendix A to the report: Corporate parenting strategy 2017-2020\\\n"));
    let top = headings(markdown, "## ");
    assert_eq!(top[..3], ["Foreword", "Introduction", "What is Corporate Parenting?"]);
    let priorities: Vec<&String> = top.iter().filter(|heading| heading.starts_with("Priority ")).collect();
    assert_eq!(priorities.len(), 8);
    for (index, heading) in priorities.iter().enumerate() {
        assert!(heading.starts_with(&format!("Priority {} – ", index + 1)), "{heading}");
    }
    assert_eq!(priorities[1].as_str(), "Priority 2 – Families are supported to care for their own children");
    assert_eq!(top.last().unwrap(), "Corporate Parenting Action Plan 2017-20");
    let within = headings(markdown, "### ");
    assert_eq!(within.len(), 8 * 4);
    assert_eq!(
        within[..4],
        ["What we are doing well", "Current opportunities", "Current challenges", "What we need to improve"]
    );
    assert_eq!(rendered.described.title, "Appendix A: Corporate Parenting Strategy 2017-20");
}

#[test]
fn tabulates_the_action_plan_by_priority() {
    let markdown = render("appendix-a-corporate-parenting-strategy.yaml").markdown;
    let header = "| Priority | What will we do? | How will we do it? | Who will do it? \
                  | How will we measure success? What difference will have been made? |\n|---|---|---|---|---|\n";
    assert!(markdown.contains(header), "no action plan table");
    for priority in 1..=8 {
        let rows = markdown.lines().filter(|line| line.starts_with(&format!("| {priority} | "))).count();
        assert!(rows >= 1, "priority {priority} has no actions");
    }
    assert!(markdown.contains(
        "| 6 | Commit to enabling children and young people being able to take part in the activities \
         that are \"normal\" and socially acceptable for their peers | Develop guidance for practitioners"
    ));
    assert!(markdown.contains(
        "| 3 |  | Specifically target recruitment of foster carers to meet needs of BME children |"
    ));
}

#[test]
fn keeps_the_needs_analysis_structure_and_data_tables() {
    let markdown = render("appendix-b-needs-assessment.yaml").markdown;
    assert_eq!(headings(&markdown, "# "), ["Corporate Parenting Strategy – Needs analysis"]);
    let top = headings(&markdown, "## ");
    let expected = [
        "Introduction",
        "Looked after children population",
        "Placements",
        "Contact",
        "Workforce in Children's Social Care",
        "Education",
        "Health",
        "Offending",
        "Participation",
        "Safeguarding",
        "Preparing for independence",
        "Leadership",
        "References",
    ];
    assert_eq!(top, expected);
    for row in [
        "| Authority | LAC Rate | IDACI Ranking |",
        "| Herefordshire | 80 | 145 |",
        "| 2016 | 13 | 53% | 52% | 31% | 22 | 21 |",
        "| 2015 | 18 | 53.2% | 57.5% | 15.4% | 38.4 | 42.1 |",
        "| RHA within timescales | 60 (31%) |",
    ] {
        assert!(markdown.contains(row), "no row {row:?}");
    }
}

#[test]
fn tabulates_each_meeting_of_the_work_programme() {
    let rendered = render("work-programme.yaml");
    let markdown = &rendered.markdown;
    assert!(
        markdown
            .starts_with("# Work Programme\n\nChildren and Young People Scrutiny Committee\\\n5 July 2017\n")
    );
    assert_eq!(
        headings(markdown, "## "),
        [
            "Meeting date: 5 July 2017 – Despatch: 27 June 2017",
            "Meeting date: 2 October 2017 – Despatch: 22 September 2017",
            "Meeting date: 4 December 2017 – Despatch: 24 November 2017",
            "Meeting date: 22 January 2018 – Despatch: 12 January 2018",
            "Meeting date: 16 April 2018 – Despatch: 6 April 2018",
        ]
    );
    let header = "| Item | Description | Report Author | Comments/Outcome |";
    assert_eq!(markdown.matches(header).count(), 5);
    for row in [
        "| Briefing | Children and Young People Plan update. |  |  |",
        "| Children's wellbeing self-assessment | To consider the outcomes and any recommendations emerging \
         from the self-assessment exercise. To consider if the outcomes provide assurance and agree any \
         comments and recommendations to the council and cabinet. | Adam Scott |  |",
        "| Herefordshire Children's Safeguarding board annual report | To consider the annual report",
        "| Outcomes of Safeguarding Peer Review | To consider the final outcomes and provide \
         comments/recommendations to the cabinet member. | Chris Baird |  |",
        "| Briefing | Children's dental health and services | Lyndsey McHardy |  |",
        "| TBC | TBC |  |  |",
    ] {
        assert!(markdown.contains(row), "no row {row:?}");
    }
    assert!(markdown.ends_with("\nNo Background Papers\n"));
    assert_eq!(rendered.described.subtitle, "Children and Young People Scrutiny Committee, 5 July 2017");
}

#[test]
fn renders_each_document_as_before() {
    for (snapshot, name) in [
        ("seed_004_cover_report", "corporate-parenting-strategy.yaml"),
        ("seed_004_appendix_a", "appendix-a-corporate-parenting-strategy.yaml"),
        ("seed_004_appendix_b", "appendix-b-needs-assessment.yaml"),
        ("seed_004_work_programme", "work-programme.yaml"),
    ] {
        insta::assert_snapshot!(snapshot, render(name).markdown);
    }
}
