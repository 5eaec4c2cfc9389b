//! KPI charts: a standalone SVG line chart of a KPI's values, with its
//! comparators and target as reference lines, and the alt text that states
//! the same figures in words.
//!
//! The chart must be readable in black and white and by people who cannot
//! tell its colours apart, so every line has its own dash pattern and marker
//! shape and is labelled where it ends, instead of through a legend.

use super::model::{Comparator, Kpi, Observation, Unit};
use super::numbers::format_value;
use super::period::Period;
use super::wording::latest_comparators;
use crate::words::{and_list, slug};

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 300.0;
const TOP: f64 = 20.0;
const FONT: &str = "Arial, Helvetica, 'Liberation Sans', sans-serif";
const INK: &str = "#0b0c0c";
const GRID: &str = "#b1b4b6";
/// Roughly how wide a character of 12px sans-serif is, to leave room for
/// labels without measuring text.
const CHAR_WIDTH: f64 = 6.6;
/// The least distance between two end labels, so that they never overlap.
const LABEL_GAP: f64 = 14.0;

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
        parts.push(format!("{} {}", group[0].name, and_list(&figures)));
    }
    if let Some(target) = kpi.target {
        parts.push(format!("target {}", format_value(target, kpi.unit)));
    }
    format!("Line chart of {}: {}.", lowercase_first_word(&kpi.name), parts.join("; "))
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

/// A standalone SVG line chart of the KPI, about 600 by 300 pixels.
pub fn svg(kpi: &Kpi) -> String {
    let lines = lines(kpi);
    let layout = Layout::new(kpi, &lines);
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

/// The shape drawn at each point of a line, so that lines differ in form
/// and not only in colour.
#[derive(Debug, Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
    None,
}

#[derive(Debug, Clone, Copy)]
struct Style {
    colour: &'static str,
    dash: Option<&'static str>,
    width: f64,
    marker: Marker,
}

const MAIN: Style = Style { colour: INK, dash: None, width: 3.0, marker: Marker::Circle };
const TARGET: Style = Style { colour: INK, dash: Some("10 3 2 3"), width: 1.5, marker: Marker::None };
/// Comparator styles in turn; each colour has at least 4.5:1 contrast on
/// white.
const COMPARATORS: [Style; 4] = [
    Style { colour: "#1d70b8", dash: Some("8 4"), width: 2.0, marker: Marker::Square },
    Style { colour: "#00703c", dash: Some("2 3"), width: 2.0, marker: Marker::Triangle },
    Style { colour: "#912b88", dash: Some("12 4 2 4"), width: 2.0, marker: Marker::Diamond },
    Style { colour: "#505a5f", dash: Some("4 2"), width: 2.0, marker: Marker::Cross },
];

/// A series over periods, or a horizontal reference line at one value.
#[derive(Debug, Clone)]
enum Shape {
    Series(Vec<(Period, f64)>),
    Reference(f64),
}

#[derive(Debug, Clone)]
struct Line {
    /// The label at the line's end; the KPI's own line has none.
    label: Option<String>,
    shape: Shape,
    style: Style,
    /// Whether each point has its value written beside it.
    values_labelled: bool,
}

/// The KPI's own line, then a line for each comparator (a series where one
/// name has several periods), then the target.
fn lines(kpi: &Kpi) -> Vec<Line> {
    let own = kpi.values.iter().map(|value| (value.period, value.value)).collect();
    let mut lines = vec![Line { label: None, shape: Shape::Series(own), style: MAIN, values_labelled: true }];
    let latest = latest_comparators(kpi);
    for (index, group) in comparator_groups(kpi).into_iter().enumerate() {
        let style = COMPARATORS[index % COMPARATORS.len()];
        let dated: Vec<(Period, f64)> =
            group.iter().filter_map(|comparator| Some((comparator.period?, comparator.value))).collect();
        let line = if dated.len() >= 2 {
            Line {
                label: Some(group[0].name.clone()),
                shape: Shape::Series(dated),
                style,
                values_labelled: true,
            }
        } else {
            let chosen =
                latest.iter().find(|comparator| comparator.name == group[0].name).unwrap_or(&group[0]);
            let label = format!("{} {}", chosen.name, format_value(chosen.value, kpi.unit));
            Line { label: Some(label), shape: Shape::Reference(chosen.value), style, values_labelled: false }
        };
        lines.push(line);
    }
    if let Some(target) = kpi.target {
        let label = format!("Target {}", format_value(target, kpi.unit));
        lines.push(Line {
            label: Some(label),
            shape: Shape::Reference(target),
            style: TARGET,
            values_labelled: false,
        });
    }
    lines
}

/// Where everything goes: the plot area, the periods along the x axis and
/// the values up the y axis.
#[derive(Debug)]
struct Layout {
    left: f64,
    right: f64,
    bottom: f64,
    periods: Vec<Period>,
    ticks: Vec<f64>,
    unit: Unit,
    slanted: bool,
}

impl Layout {
    fn new(kpi: &Kpi, lines: &[Line]) -> Self {
        let mut periods: Vec<Period> = lines.iter().flat_map(|line| line.periods()).collect();
        periods.sort();
        periods.dedup();
        let values: Vec<f64> =
            lines.iter().flat_map(|line| line.values()).filter(|value| value.is_finite()).collect();
        let ticks = ticks(&values);
        let widest = |labels: &mut dyn Iterator<Item = String>| {
            labels.map(|label| label.chars().count()).max().unwrap_or(0) as f64 * CHAR_WIDTH
        };
        let left = (widest(&mut ticks.iter().map(|tick| format_value(*tick, kpi.unit))) + 14.0).max(40.0);
        let right =
            (widest(&mut lines.iter().filter_map(|line| line.label.clone())) + 36.0).clamp(40.0, 230.0);
        let band = (WIDTH - left - right) / periods.len().max(1) as f64;
        let slanted = widest(&mut periods.iter().map(ToString::to_string)) + 6.0 > band;
        let bottom = HEIGHT - if slanted { 64.0 } else { 30.0 };
        Self { left, right: WIDTH - right, bottom, periods, ticks, unit: kpi.unit, slanted }
    }

    /// The width of the x axis given to each period.
    fn band(&self) -> f64 {
        (self.right - self.left) / self.periods.len().max(1) as f64
    }

    fn x(&self, period: Period) -> f64 {
        let index = self.periods.iter().position(|other| *other == period).unwrap_or(0) as f64;
        self.left + self.band() * (index + 0.5)
    }

    fn y(&self, value: f64) -> f64 {
        let (low, high) = (self.ticks[0], self.ticks[self.ticks.len() - 1]);
        self.bottom - (value - low) / (high - low) * (self.bottom - TOP)
    }

    fn y_axis(&self) -> Vec<String> {
        let mut svg = vec!["<g class=\"y-axis\">".to_owned()];
        for (index, tick) in self.ticks.iter().enumerate() {
            let (y, colour) = (coord(self.y(*tick)), if index == 0 { INK } else { GRID });
            let (left, right) = (coord(self.left), coord(self.right));
            svg.push(format!(
                "<line x1=\"{left}\" y1=\"{y}\" x2=\"{right}\" y2=\"{y}\" stroke=\"{colour}\"/>"
            ));
            let label = escape(&format_value(*tick, self.unit));
            let x = coord(self.left - 6.0);
            svg.push(format!("<text x=\"{x}\" y=\"{y}\" dy=\"0.35em\" text-anchor=\"end\">{label}</text>"));
        }
        svg.push("</g>".to_owned());
        svg
    }

    fn x_axis(&self) -> Vec<String> {
        let mut svg = vec!["<g class=\"x-axis\">".to_owned()];
        let y = coord(self.bottom + 18.0);
        for period in &self.periods {
            let x = coord(self.x(*period));
            let label = escape(&period.to_string());
            svg.push(if self.slanted {
                format!(
                    "<text x=\"{x}\" y=\"{y}\" text-anchor=\"end\" transform=\"rotate(-35 {x} {y})\">{label}</text>"
                )
            } else {
                format!("<text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\">{label}</text>")
            });
        }
        svg.push("</g>".to_owned());
        svg
    }

    fn draw(&self, line: &Line) -> Vec<String> {
        let style = line.style;
        let dash = style.dash.map(|dash| format!(" stroke-dasharray=\"{dash}\"")).unwrap_or_default();
        let stroke = format!("stroke=\"{}\" stroke-width=\"{}\"{dash}", style.colour, style.width);
        let points: Vec<(f64, f64)> = match &line.shape {
            Shape::Series(points) => {
                points.iter().map(|(period, value)| (self.x(*period), self.y(*value))).collect()
            }
            Shape::Reference(value) => vec![(self.left, self.y(*value)), (self.right, self.y(*value))],
        };
        let mut svg = vec!["<g class=\"line\">".to_owned()];
        if points.len() >= 2 {
            let path: Vec<String> =
                points.iter().map(|(x, y)| format!("{},{}", coord(*x), coord(*y))).collect();
            svg.push(format!("<polyline points=\"{}\" fill=\"none\" {stroke}/>", path.join(" ")));
        }
        if let Shape::Series(_) = line.shape {
            svg.extend(points.iter().filter_map(|(x, y)| marker(style, *x, *y)));
        }
        if let (true, Shape::Series(values)) = (line.values_labelled, &line.shape) {
            svg.extend(self.value_labels(line, values));
        }
        svg.push("</g>".to_owned());
        svg
    }

    /// Each point's value: above the KPI's own points, below a comparator's.
    /// Where the values would overlap, only the first and last are written.
    fn value_labels(&self, line: &Line, values: &[(Period, f64)]) -> Vec<String> {
        let (offset, size) = if line.label.is_none() { (-9.0, 12) } else { (17.0, 10) };
        let texts: Vec<String> = values.iter().map(|(_, value)| format_value(*value, self.unit)).collect();
        let widest = texts.iter().map(|text| text.chars().count()).max().unwrap_or(0) as f64 * CHAR_WIDTH;
        let crowded = widest + 4.0 > self.band();
        let last = values.len().saturating_sub(1);
        let shown = values
            .iter()
            .zip(&texts)
            .enumerate()
            .filter(|(index, _)| !crowded || *index == 0 || *index == last);
        shown
            .map(|(_, ((period, value), text))| {
                let (x, y) = (coord(self.x(*period)), coord(self.y(*value) + offset));
                let text = escape(text);
                format!("<text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" font-size=\"{size}\">{text}</text>")
            })
            .collect()
    }

    /// Where a line ends: its last point, or the right of the plot.
    fn end(&self, line: &Line) -> Option<(f64, f64)> {
        match &line.shape {
            Shape::Series(points) => points.last().map(|(period, value)| (self.x(*period), self.y(*value))),
            Shape::Reference(value) => Some((self.right, self.y(*value))),
        }
    }

    /// The labels where the lines end, each with its line's marker as a key
    /// and a leader from the line's end, moved apart where they would
    /// overlap.
    fn end_labels(&self, lines: &[Line]) -> Vec<String> {
        let mut ends: Vec<((f64, f64), &Line)> = lines
            .iter()
            .filter(|line| line.label.is_some())
            .filter_map(|line| Some((self.end(line)?, line)))
            .collect();
        ends.sort_by(|a, b| a.0.1.total_cmp(&b.0.1));
        let positions = spread(&ends.iter().map(|((_, y), _)| *y).collect::<Vec<_>>(), TOP, self.bottom);
        let mut svg = vec!["<g class=\"end-labels\">".to_owned()];
        for (((x, y), line), label_y) in ends.into_iter().zip(positions) {
            let (x1, y1, x2, y2) = (coord(x), coord(y), coord(self.right + 8.0), coord(label_y));
            let colour = line.style.colour;
            svg.push(format!("<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"{colour}\"/>"));
            svg.extend(marker(line.style, self.right + 16.0, label_y));
            let text = escape(line.label.as_deref().unwrap_or_default());
            let x = coord(self.right + 26.0);
            svg.push(format!("<text x=\"{x}\" y=\"{y2}\" dy=\"0.35em\">{text}</text>"));
        }
        svg.push("</g>".to_owned());
        svg
    }
}

impl Line {
    fn periods(&self) -> Vec<Period> {
        match &self.shape {
            Shape::Series(points) => points.iter().map(|(period, _)| *period).collect(),
            Shape::Reference(_) => Vec::new(),
        }
    }

    fn values(&self) -> Vec<f64> {
        match &self.shape {
            Shape::Series(points) => points.iter().map(|(_, value)| *value).collect(),
            Shape::Reference(value) => vec![*value],
        }
    }

    fn end_value(&self) -> Option<f64> {
        match &self.shape {
            Shape::Series(points) => points.last().map(|(_, value)| *value),
            Shape::Reference(value) => Some(*value),
        }
    }
}

/// Gridline values from zero (or below, for negative values) to a round
/// number above the largest value, about five steps apart.
fn ticks(values: &[f64]) -> Vec<f64> {
    let high = values.iter().copied().fold(0.0, f64::max);
    let low = values.iter().copied().fold(0.0, f64::min);
    let span = if high - low > 0.0 { high - low } else { 10.0 };
    let step = nice_step(span / 5.0);
    let first = (low / step).floor() * step;
    let count = ((high - first) / step).ceil().max(1.0) as usize;
    (0..=count).map(|index| first + step * index as f64).collect()
}

/// The round number (1, 2, 2.5 or 5 times a power of ten) at or above
/// `rough`.
fn nice_step(rough: f64) -> f64 {
    let magnitude = 10f64.powf(rough.log10().floor());
    let scaled = rough / magnitude;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().find(|nice| scaled <= *nice).unwrap_or(10.0);
    nice * magnitude
}

/// Moves sorted label positions apart to at least [`LABEL_GAP`], keeping
/// them between `top` and `bottom` as far as they fit.
fn spread(positions: &[f64], top: f64, bottom: f64) -> Vec<f64> {
    let mut spread: Vec<f64> = positions.to_vec();
    for index in 1..spread.len() {
        spread[index] = spread[index].max(spread[index - 1] + LABEL_GAP);
    }
    if let Some(last) = spread.last_mut() {
        *last = last.min(bottom);
    }
    for index in (0..spread.len().saturating_sub(1)).rev() {
        spread[index] = spread[index].min(spread[index + 1] - LABEL_GAP);
    }
    if let Some(first) = spread.first_mut() {
        *first = first.max(top);
    }
    spread
}

/// The marker of `style` at a point; none for a style without markers.
fn marker(style: Style, x: f64, y: f64) -> Option<String> {
    let fill = format!("fill=\"{}\"", style.colour);
    let at = |dx: f64, dy: f64| format!("{},{}", coord(x + dx), coord(y + dy));
    let (cx, cy) = (coord(x), coord(y));
    Some(match style.marker {
        Marker::Circle => format!("<circle cx=\"{cx}\" cy=\"{cy}\" r=\"4.5\" {fill}/>"),
        Marker::Square => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"8\" height=\"8\" {fill}/>",
            coord(x - 4.0),
            coord(y - 4.0)
        ),
        Marker::Triangle => {
            format!("<path d=\"M{} L{} L{} Z\" {fill}/>", at(0.0, -5.5), at(5.0, 3.5), at(-5.0, 3.5))
        }
        Marker::Diamond => {
            format!(
                "<path d=\"M{} L{} L{} L{} Z\" {fill}/>",
                at(0.0, -5.5),
                at(5.5, 0.0),
                at(0.0, 5.5),
                at(-5.5, 0.0)
            )
        }
        Marker::Cross => format!(
            "<path d=\"M{} L{} M{} L{}\" stroke=\"{}\" stroke-width=\"2\"/>",
            at(-4.0, -4.0),
            at(4.0, 4.0),
            at(4.0, -4.0),
            at(-4.0, 4.0),
            style.colour
        ),
        Marker::None => return None,
    })
}

/// A coordinate to one decimal place, without a trailing ".0".
fn coord(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").map(str::to_owned).unwrap_or(text)
}

/// Text made safe for XML content and attribute values.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::model::Polarity;
    use crate::kpi::testing::{care_leavers_neet, comparator, kpi, placement_stability};

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
        let svg = svg(&care_leavers_neet());
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
        let svg = svg(&placement_stability());
        for label in [">0%</text>", ">20%</text>", ">80%</text>"] {
            assert!(svg.contains(label), "{label} missing from\n{svg}");
        }
        assert_eq!(ticks(&[62.8, 69.4]), [0.0, 20.0, 40.0, 60.0, 80.0]);
        assert_eq!(ticks(&[1954.0]), [0.0, 500.0, 1000.0, 1500.0, 2000.0]);
        assert_eq!(ticks(&[-3.0, 7.0]), [-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0]);
    }

    #[test]
    fn tells_lines_apart_without_colour() {
        let svg = svg(&care_leavers_neet());
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
        let svg = svg(&kpi);
        assert!(svg.contains(
            "<title id=\"kpi-care-leavers-neet-title\">Rent &lt;arrears&gt; &amp; &quot;debt&quot;</title>"
        ));
        assert!(svg.contains(">Beds &amp; Herts 41.2%</text>"));
        assert!(!svg.contains("Beds & Herts"));
    }

    #[test]
    fn draws_a_comparator_over_several_periods_as_a_series() {
        let mut kpi = placement_stability();
        kpi.comparators =
            vec![comparator("England", 60.0, "March 2015"), comparator("England", 65.0, "March 2016")];
        let svg = svg(&kpi);
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains(">England</text>") && svg.contains(">65%</text>"));
    }

    #[test]
    fn moves_end_labels_apart() {
        assert_eq!(spread(&[100.0, 101.0, 102.0], 20.0, 270.0), [100.0, 114.0, 128.0]);
        assert_eq!(spread(&[268.0, 270.0], 20.0, 270.0), [256.0, 270.0]);
    }

    #[test]
    fn names_the_chart_file_after_the_kpi() {
        assert_eq!(file_name(&care_leavers_neet()), "care-leavers-neet.svg");
    }
}
#[cfg(test)]
mod scratch {
    use super::*;
    use crate::kpi::testing::*;
    use crate::kpi::model::Polarity;
    #[test]
    fn scratch_write() {
        std::fs::write("/tmp/kpisvg/neet.svg", svg(&care_leavers_neet())).unwrap();
        let mut k = placement_stability();
        k.comparators = vec![comparator("England", 60.0, "March 2015"), comparator("England", 65.0, "March 2016"), comparator("statistical neighbours", 66.0, "March 2016")];
        k.target = Some(70.0);
        std::fs::write("/tmp/kpisvg/stab.svg", svg(&k)).unwrap();
        let months = ["April 2015","May 2015","June 2015","July 2015","August 2015","September 2015","October 2015","November 2015","December 2015","January 2016","February 2016","March 2016"];
        let vals: Vec<(&str, f64)> = months.iter().enumerate().map(|(i,m)| (*m, 1_500_000.0 + 40_000.0 * i as f64)).collect();
        let mut c = kpi(Unit::Pounds, Polarity::Neutral, &vals);
        c.name = "Spend & <things>".into();
        c.comparators = vec![comparator("Region", 1_800_000.0, "March 2016")];
        std::fs::write("/tmp/kpisvg/months.svg", svg(&c)).unwrap();
        let theme = "#let report(title: none, subtitle: none, council: none, author: none, date: none, body) = { set document(title: title, author: author, date: date); set page(width: 17cm, height: auto, margin: 1cm); body }";
        let body = "#image(\"neet.svg\", alt: \"a\")\n#image(\"stab.svg\", alt: \"b\")\n#image(\"months.svg\", alt: \"c\")\n";
        let meta = crate::pdf::Meta { title: "t".into(), subtitle: "s".into(), council: "c".into(), author: "a".into(), date: jiff::civil::date(2020,1,1).at(0,0,0,0), ident: "x".into() };
        let doc = crate::pdf::Document { body, theme, meta: &meta, assets: Some(std::path::Path::new("/tmp/kpisvg")) };
        let pdf = crate::pdf::typeset(&doc).unwrap();
        std::fs::write("/tmp/kpisvg/out.pdf", pdf).unwrap();
    }
}
