//! Synthetic meetings for benchmarks and tests: many distinct portfolio
//! reports, each with its own names, figures and narrative, so that no
//! report's layout can be reused for another.

use std::fmt::Write as _;
use std::path::Path;

const SERVICES: &[&str] = &[
    "Adult Care",
    "Children's Services",
    "Highways",
    "Public Health",
    "Waste Management",
    "Libraries",
    "Economic Development",
    "Community Safety",
    "Education",
    "Resources",
    "Planning",
    "Transport",
];
const NAMES: &[&str] = &[
    "Alex Morgan",
    "Priya Shah",
    "Tom Evans",
    "Grace Okafor",
    "Sam Hughes",
    "Ruth Patel",
    "Dan Clarke",
    "Helen Ward",
    "Omar Khan",
    "Lucy Bennett",
    "Ian Fraser",
    "Jo Whitfield",
];
const WORDS: &[&str] = &[
    "placements",
    "inspection",
    "budget",
    "consultation",
    "partners",
    "schools",
    "roads",
    "residents",
    "performance",
    "strategy",
    "funding",
    "waiting",
    "targets",
    "services",
    "families",
    "carers",
];

/// Writes `reports` reports in meetings of `per_meeting` under `root`.
pub fn write(root: &Path, reports: usize, per_meeting: usize) {
    for meeting in 0..reports.div_ceil(per_meeting) {
        let folder = root.join(format!("2026-{:02}-{:02}-council", 1 + meeting % 12, 1 + meeting % 28));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("meeting.yaml"), meeting_yaml(meeting, per_meeting)).unwrap();
        for index in meeting * per_meeting..reports.min((meeting + 1) * per_meeting) {
            std::fs::write(folder.join(format!("portfolio-{index:04}.yaml")), report_yaml(index)).unwrap();
        }
    }
}

fn portfolio(index: usize) -> String {
    format!("{} {}", SERVICES[index % SERVICES.len()], index)
}

fn meeting_yaml(meeting: usize, per_meeting: usize) -> String {
    let mut yaml = String::from("council: Synthetic County Council\n");
    writeln!(yaml, "meeting: {{ body: County Council, date: 2026-07-{:02} }}", 10 + meeting % 18).unwrap();
    yaml.push_str("previous_meeting: { date: 2026-05-12 }\nprevious_report: { date: 2026-03-20 }\n");
    yaml.push_str("cabinet_meetings:\n");
    for (month, day) in [(3, 23), (4, 20), (5, 18), (6, 22)] {
        writeln!(yaml, "  - date: 2026-{month:02}-{day:02}\n    items:").unwrap();
        for index in (meeting * per_meeting..(meeting + 1) * per_meeting).step_by(3) {
            let portfolio = portfolio(index);
            writeln!(yaml, "      - {{ portfolio: \"{portfolio}\", title: \"Decision {month}-{index}\" }}")
                .unwrap();
        }
    }
    yaml.push_str("panels:\n");
    for index in meeting * per_meeting..(meeting + 1) * per_meeting {
        let portfolio = portfolio(index);
        writeln!(yaml, "  - {{ portfolio: \"{portfolio}\", date: 2026-06-{:02}, link: \"https://example.org/{index}\" }}", 1 + index % 28).unwrap();
    }
    yaml
}

fn report_yaml(index: usize) -> String {
    let mut yaml = format!(
        "portfolio: \"{}\"\nmember:\n  name: {}\n  title: \"Executive Member for {}\"\nreport_date: 2026-06-{:02}\n",
        portfolio(index),
        NAMES[index % NAMES.len()],
        portfolio(index),
        1 + index % 28
    );
    yaml.push_str("partnerships: [Health and Wellbeing Board, Safeguarding Board]\ncomments:\n");
    for section in 0..4 {
        writeln!(
            yaml,
            "  - title: \"{} review {}\"\n    body: |",
            WORDS[(index + section) % WORDS.len()],
            section + 1
        )
        .unwrap();
        for paragraph in 0..3 {
            yaml.push_str("      ");
            yaml.push_str(&sentence(index * 31 + section * 7 + paragraph));
            yaml.push_str("\n\n");
        }
        writeln!(yaml, "      - {} rose to {}.{}% this year", WORDS[index % 16], 10 + index % 80, section)
            .unwrap();
        writeln!(yaml, "      - {} families were helped\n", 100 + index * 13 + section).unwrap();
    }
    yaml
}

/// A sentence that differs for every seed, so that no two paragraphs are
/// laid out alike.
fn sentence(seed: usize) -> String {
    let mut text = format!("In quarter {} the figure was {}.{}%, ", 1 + seed % 4, 20 + seed % 70, seed % 10);
    for word in 0..(18 + seed % 23) {
        text.push_str(WORDS[(seed * 7 + word * 3) % WORDS.len()]);
        text.push(' ');
    }
    text.push_str(&format!("and {} residents responded.", 40 + seed % 900));
    text
}
