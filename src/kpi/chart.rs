//! KPI charts: a standalone SVG line chart of a KPI's values, with its
//! comparators and target as reference lines, and the alt text that states
//! the same figures in words.
//!
//! The chart must be readable in black and white and by people who cannot
//! tell its colours apart, so every line, the KPI's own among them, has its
//! own dash pattern and marker shape and is labelled where it ends, instead
//! of through a legend. Its title and caption are text of the report, above
//! and below it.

use super::model::{Comparator, Kpi, Observation, Unit};
use super::numbers::{NBSP, format_value};
use super::period::Period;
use super::plot::{COMPARATORS, FONT, HEIGHT, INK, Layout, Line, MAIN, Shape, TARGET, WIDTH, escape};
use super::wording::{comparator_heading, latest_comparators, mid_sentence};
use crate::render::words::{and_list, slug};

/// The chart's file name, made from the KPI's id: `care-leavers-neet.svg`.
pub fn file_name(kpi: &Kpi) -> String {
    let name = slug(&kpi.id);
    format!("{}.svg", if name.is_empty() { "kpi" } else { &name })
}

/// The chart's figures in words: "Line chart of care leavers …: 58.1% in
/// March 2015 and 46.5% in March 2016; England 39% in March 2016."
pub fn alt_text(kpi: &Kpi) -> String {
    let values: Vec<String> = kpi.values.iter().map(|value| value_in(value, kpi.unit)).collect();
    let mut parts = vec![if values.is_empty() { "no values".to_owned() } else { and_list(&values) }];
    for group in comparator_groups(kpi) {
        let figures: Vec<String> =
            group.iter().map(|comparator| comparator_figure(comparator, kpi.unit)).collect();
        parts.push(format!("{} {}", mid_sentence(&group[0].name), and_list(&figures)));
    }
    if let Some(target) = kpi.target {
        parts.push(format!("target {}", format_value(target, kpi.unit)));
    }
    format!("Line chart of {}: {}.", lowercase_first_word(&kpi.name), parts.join("; "))
}

/// The caption under the chart: what a rate counts, the periods shown
/// and the source: "Source: DfE children looked after return, March 2015
/// to March 2016."
pub fn caption(kpi: &Kpi) -> String {
    let first = kpi.values.first().map(|value| value.period);
    let last = kpi.latest().map(|value| value.period);
    let periods = match (first, last) {
        (Some(first), Some(last)) if first != last => Some(format!("{first} to {last}")),
        (_, last) => last.map(|last| last.to_string()),
    };
    let mut caption = match kpi.rate_population() {
        Some(population) => format!("Rate per{NBSP}10,000 {population}. "),
        None => String::new(),
    };
    caption.push_str(&match (kpi.source.as_deref().map(str::trim), periods) {
        (Some(source), Some(periods)) if !source.is_empty() => format!("Source: {source}, {periods}."),
        (Some(source), None) if !source.is_empty() => format!("Source: {source}."),
        (_, Some(periods)) => format!("Figures for {periods}."),
        (_, None) => "No figures yet.".to_owned(),
    });
    caption
}

fn value_in(observation: &Observation, unit: Unit) -> String {
    format!("{} in {}", format_value(observation.value, unit), observation.period)
}

fn comparator_figure(comparator: &Comparator, unit: Unit) -> String {
    let value = format_value(comparator.value, unit);
    match comparator.period {
        Some(period) => format!("{value} in {period}"),
        None => value,
    }
}

/// "Care leavers" becomes "care leavers" to follow "Line chart of", but
/// "NEET care leavers" keeps its capitals.
fn lowercase_first_word(name: &str) -> String {
    let first_word = name.split_whitespace().next().unwrap_or("");
    let mut chars = first_word.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase);
    if !capitalised {
        return name.to_owned();
    }
    let mut chars = name.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// The comparators grouped by name, in the order first given, each group
/// in time order.
fn comparator_groups(kpi: &Kpi) -> Vec<Vec<&Comparator>> {
    let mut groups: Vec<Vec<&Comparator>> = Vec::new();
    for comparator in &kpi.comparators {
        match groups.iter_mut().find(|group| group[0].name.eq_ignore_ascii_case(&comparator.name)) {
            Some(group) => group.push(comparator),
            None => groups.push(vec![comparator]),
        }
    }
    for group in &mut groups {
        group.sort_by_key(|comparator| comparator.period);
    }
    groups
}

/// A standalone SVG line chart of the KPI, about 600 by 300 pixels, its
/// own line labelled `own` ("Hertfordshire").
pub fn svg(kpi: &Kpi, own: &str) -> String {
    let lines = lines(kpi, own);
    let layout = Layout::new(kpi.unit, &lines);
    let id = format!("kpi-{}", slug(&kpi.id));
    let mut svg = vec![format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         font-family=\"{FONT}\" font-size=\"12\" fill=\"{INK}\">"
    )];
    svg.push(format!("<title id=\"{id}-title\">{}</title>", escape(&kpi.name)));
    svg.push(format!("<desc id=\"{id}-desc\">{}</desc>", escape(&alt_text(kpi))));
    svg.push(format!("<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#ffffff\"/>"));
    svg.extend(layout.y_axis());
    svg.extend(layout.x_axis());
    // The KPI's own line comes first in `lines` and is drawn last, on top.
    for line in lines.iter().rev() {
        svg.extend(layout.draw(line));
    }
    svg.extend(layout.end_labels(&lines));
    svg.push("</svg>".to_owned());
    svg.join("\n") + "\n"
}

/// The KPI's own line, labelled `own`, then a line for each comparator (a
/// series where one name has several periods), then the target.
fn lines(kpi: &Kpi, own: &str) -> Vec<Line> {
    let values = kpi.values.iter().map(|value| (value.period, value.value)).collect();
    let label = Some(own.trim().to_owned()).filter(|label| !label.is_empty());
    let mut lines =
        vec![Line { label, own: true, shape: Shape::Series(values), style: MAIN, values_labelled: true }];
    let latest = latest_comparators(kpi);
    for (index, group) in comparator_groups(kpi).into_iter().enumerate() {
        let style = COMPARATORS[index % COMPARATORS.len()];
        let dated: Vec<(Period, f64)> =
            group.iter().filter_map(|comparator| Some((comparator.period?, comparator.value))).collect();
        let line = if dated.len() >= 2 {
            Line {
                label: Some(comparator_heading(&group[0].name)),
                own: false,
                shape: Shape::Series(dated),
                style,
                values_labelled: true,
            }
        } else {
            let chosen = latest
                .iter()
                .find(|comparator| comparator.name.eq_ignore_ascii_case(&group[0].name))
                .unwrap_or(&group[0]);
            let label =
                format!("{} {}", comparator_heading(&chosen.name), format_value(chosen.value, kpi.unit));
            Line {
                label: Some(label),
                own: false,
                shape: Shape::Reference(chosen.value),
                style,
                values_labelled: false,
            }
        };
        lines.push(line);
    }
    if let Some(target) = kpi.target {
        let label = format!("Target {}", format_value(target, kpi.unit));
        lines.push(Line {
            label: Some(label),
            own: false,
            shape: Shape::Reference(target),
            style: TARGET,
            values_labelled: false,
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::model::Polarity;
    use crate::kpi::testing::{care_leavers_neet, comparator, kpi, observation, placement_stability};

    #[test]
    fn states_the_figures_in_the_alt_text() {
        let mut kpi = care_leavers_neet();
        kpi.comparators.truncate(1);
        kpi.target = None;
        assert_eq!(
            alt_text(&kpi),
            "Line chart of care leavers aged 19-21 not in education, employment or training: \
             58.1% in March 2015 and 46.5% in March 2016; England 39% in March 2016."
        );
    }

    #[test]
    fn states_every_comparator_and_the_target_in_the_alt_text() {
        assert_eq!(
            alt_text(&care_leavers_neet()),
            "Line chart of care leavers aged 19-21 not in education, employment or training: \
             58.1% in March 2015 and 46.5% in March 2016; England 39% in March 2016; \
             East of England 41.2% in March 2016; statistical neighbours 40% in March 2016; target 45%."
        );
        let mut kpi = kpi(Unit::Count, Polarity::Neutral, &[("2015", 1954.0)]);
        kpi.name = "NEET young people".to_owned();
        kpi.comparators = vec![
            comparator("England", 2.0, "2015"),
            comparator("England", 1.0, "2014"),
            Comparator { name: "Region".to_owned(), value: 3.0, period: None },
        ];
        assert_eq!(
            alt_text(&kpi),
            "Line chart of NEET young people: 1,954 in 2015; England 1 in 2014 and 2 in 2015; Region 3."
        );
    }

    #[test]
    fn draws_a_standalone_svg_with_title_description_and_values() {
        let svg = svg(&care_leavers_neet(), "Hertfordshire");
        assert!(svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"300\" viewBox=\"0 0 600 300\""
        ));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains(
            "<title id=\"kpi-care-leavers-neet-title\">Care leavers aged 19-21 not in education, employment or training</title>"
        ));
        assert!(svg.contains("<desc id=\"kpi-care-leavers-neet-desc\">Line chart of care leavers"));
        for text in [
            ">58.1%</text>",
            ">46.5%</text>",
            ">England 39%</text>",
            ">Target 45%</text>",
            ">March 2015</text>",
        ] {
            assert!(svg.contains(text), "{text} missing from\n{svg}");
        }
    }

    #[test]
    fn starts_the_y_axis_at_zero_with_labels_in_the_unit() {
        let svg = svg(&placement_stability(), "Hertfordshire");
        for label in [">0%</text>", ">20%</text>", ">80%</text>"] {
            assert!(svg.contains(label), "{label} missing from\n{svg}");
        }
    }

    #[test]
    fn tells_lines_apart_without_colour() {
        let svg = svg(&care_leavers_neet(), "Hertfordshire");
        for dash in ["stroke-dasharray=\"8 4\"", "stroke-dasharray=\"2 3\"", "stroke-dasharray=\"12 4 2 4\""]
        {
            assert!(svg.contains(dash), "{dash} missing");
        }
        assert!(svg.contains("<circle") && svg.contains("<rect x=") && svg.contains(" Z\" fill="));
    }

    #[test]
    fn escapes_xml_in_every_text() {
        let mut kpi = care_leavers_neet();
        kpi.name = "Rent <arrears> & \"debt\"".to_owned();
        kpi.comparators[1].name = "Beds & Herts".to_owned();
        let svg = svg(&kpi, "Hertfordshire");
        assert!(svg.contains(
            "<title id=\"kpi-care-leavers-neet-title\">Rent &lt;arrears&gt; &amp; &quot;debt&quot;</title>"
        ));
        assert!(svg.contains(">Beds &amp; Herts 41.2%</text>"));
        assert!(!svg.contains("Beds & Herts"));
        assert_well_formed(&svg);
    }

    /// Every element closed in order and every `&` an entity: well formed
    /// enough for an SVG with no comments, CDATA or processing instructions.
    fn assert_well_formed(svg: &str) {
        let mut open = Vec::new();
        for tag in svg.split('<').skip(1) {
            let tag = &tag[..tag.find('>').expect("a tag ends with `>`")];
            match tag.strip_prefix('/') {
                Some(name) => assert_eq!(open.pop(), Some(name), "unbalanced `</{name}>`"),
                None if tag.ends_with('/') => {}
                None => open.push(tag.split_whitespace().next().unwrap_or_default()),
            }
        }
        assert_eq!(open, Vec::<&str>::new());
        for (index, _) in svg.match_indices('&') {
            let entity = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"];
            assert!(entity.iter().any(|entity| svg[index..].starts_with(entity)), "bare `&` at {index}");
        }
    }

    #[test]
    fn draws_well_formed_svg_for_every_shape_of_kpi() {
        let mut crowded = kpi(Unit::Pounds, Polarity::Neutral, &[]);
        for month in ["April", "May", "June", "July", "August", "September", "October", "November"] {
            crowded.values.push(observation(&format!("{month} 2015"), 1_500_000.0));
        }
        let mut series = placement_stability();
        series.comparators =
            vec![comparator("England", 60.0, "March 2015"), comparator("England", 65.0, "March 2016")];
        let empty = kpi(Unit::Count, Polarity::Neutral, &[]);
        for kpi in [care_leavers_neet(), placement_stability(), crowded, series, empty] {
            assert_well_formed(&svg(&kpi, "Hertfordshire"));
        }
    }

    #[test]
    fn draws_a_comparator_over_several_periods_as_a_series() {
        let mut kpi = placement_stability();
        kpi.comparators =
            vec![comparator("England", 60.0, "March 2015"), comparator("England", 65.0, "March 2016")];
        let svg = svg(&kpi, "Hertfordshire");
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains(">England</text>") && svg.contains(">65%</text>"));
    }

    #[test]
    fn names_the_chart_file_after_the_kpi() {
        assert_eq!(file_name(&care_leavers_neet()), "care-leavers-neet.svg");
    }

    #[test]
    fn labels_the_kpis_own_line_where_it_ends() {
        let svg = svg(&placement_stability(), "Hertfordshire County Council");
        let labels = &svg[svg.find("<g class=\"end-labels\">").unwrap()..];
        assert!(labels.contains(">Hertfordshire County Council</text>"), "{labels}");
    }

    #[test]
    fn captions_the_chart_with_its_source_periods_and_population() {
        assert_eq!(
            caption(&care_leavers_neet()),
            "Source: DfE children looked after return, March 2015 to March 2016."
        );
        assert_eq!(caption(&placement_stability()), "Figures for March 2015 to March 2016.");
        let mut rate = kpi(Unit::RatePer10000, Polarity::Neutral, &[("2016", 54.0)]);
        rate.population = Some("children aged 0 to 18".to_owned());
        assert_eq!(caption(&rate), "Rate per\u{a0}10,000 children aged 0 to 18. Figures for 2016.");
    }
}
