//! The drawing of a KPI chart: the plot's layout and scales, line styles,
//! markers and labels, written as SVG elements.

use super::model::Unit;
use super::numbers::format_value;
use super::period::Period;

pub(super) const WIDTH: f64 = 600.0;
pub(super) const HEIGHT: f64 = 300.0;
const TOP: f64 = 20.0;
pub(super) const FONT: &str = "Arial, Helvetica, 'Liberation Sans', sans-serif";
pub(super) const INK: &str = "#0b0c0c";
const GRID: &str = "#b1b4b6";
/// Roughly how wide a character of 12px sans-serif is, to leave room for
/// labels without measuring text.
const CHAR_WIDTH: f64 = 6.6;
/// The least distance between two end labels, so that they never overlap.
const LABEL_GAP: f64 = 14.0;

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

/// How a line is drawn.
#[derive(Debug, Clone, Copy)]
pub(super) struct Style {
    colour: &'static str,
    dash: Option<&'static str>,
    width: f64,
    marker: Marker,
}

pub(super) const MAIN: Style = Style { colour: INK, dash: None, width: 3.0, marker: Marker::Circle };
pub(super) const TARGET: Style =
    Style { colour: INK, dash: Some("10 3 2 3"), width: 1.5, marker: Marker::None };
/// Comparator styles in turn; each colour has at least 4.5:1 contrast on
/// white.
pub(super) const COMPARATORS: [Style; 4] = [
    Style { colour: "#1d70b8", dash: Some("8 4"), width: 2.0, marker: Marker::Square },
    Style { colour: "#00703c", dash: Some("2 3"), width: 2.0, marker: Marker::Triangle },
    Style { colour: "#912b88", dash: Some("12 4 2 4"), width: 2.0, marker: Marker::Diamond },
    Style { colour: "#505a5f", dash: Some("4 2"), width: 2.0, marker: Marker::Cross },
];

/// A series over periods, or a horizontal reference line at one value.
#[derive(Debug, Clone)]
pub(super) enum Shape {
    Series(Vec<(Period, f64)>),
    Reference(f64),
}

/// One line of the chart: the KPI's own, a comparator's or the target.
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// The label at the line's end.
    pub(super) label: Option<String>,
    /// Whether this is the KPI's own line, whose values are written above
    /// its points rather than below.
    pub(super) own: bool,
    pub(super) shape: Shape,
    pub(super) style: Style,
    /// Whether each point has its value written beside it.
    pub(super) values_labelled: bool,
}

/// Where everything goes: the plot area, the periods along the x axis and
/// the values up the y axis.
#[derive(Debug)]
pub(super) struct Layout {
    left: f64,
    right: f64,
    bottom: f64,
    periods: Vec<Period>,
    ticks: Vec<f64>,
    unit: Unit,
    slanted: bool,
}

impl Layout {
    pub(super) fn new(unit: Unit, lines: &[Line]) -> Self {
        let mut periods: Vec<Period> = lines.iter().flat_map(|line| line.periods()).collect();
        periods.sort();
        periods.dedup();
        let values: Vec<f64> =
            lines.iter().flat_map(|line| line.values()).filter(|value| value.is_finite()).collect();
        let ticks = ticks(&values);
        let widest = |labels: &mut dyn Iterator<Item = String>| {
            labels.map(|label| label.chars().count()).max().unwrap_or(0) as f64 * CHAR_WIDTH
        };
        let left = (widest(&mut ticks.iter().map(|tick| format_value(*tick, unit))) + 14.0).max(40.0);
        let right =
            (widest(&mut lines.iter().filter_map(|line| line.label.clone())) + 36.0).clamp(40.0, 230.0);
        let band = (WIDTH - left - right) / periods.len().max(1) as f64;
        let slanted = widest(&mut periods.iter().map(ToString::to_string)) + 6.0 > band;
        let bottom = HEIGHT - if slanted { 64.0 } else { 30.0 };
        Self { left, right: WIDTH - right, bottom, periods, ticks, unit, slanted }
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

    pub(super) fn y_axis(&self) -> Vec<String> {
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

    pub(super) fn x_axis(&self) -> Vec<String> {
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

    pub(super) fn draw(&self, line: &Line) -> Vec<String> {
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
        let (offset, size) = if line.own { (-9.0, 12) } else { (17.0, 10) };
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
    pub(super) fn end_labels(&self, lines: &[Line]) -> Vec<String> {
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
pub(super) fn escape(text: &str) -> String {
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

    #[test]
    fn runs_the_y_axis_from_zero_to_a_round_number() {
        assert_eq!(ticks(&[62.8, 69.4]), [0.0, 20.0, 40.0, 60.0, 80.0]);
        assert_eq!(ticks(&[1954.0]), [0.0, 500.0, 1000.0, 1500.0, 2000.0]);
        assert_eq!(ticks(&[-3.0, 7.0]), [-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0]);
    }

    #[test]
    fn moves_end_labels_apart() {
        assert_eq!(spread(&[100.0, 101.0, 102.0], 20.0, 270.0), [100.0, 114.0, 128.0]);
        assert_eq!(spread(&[268.0, 270.0], 20.0, 270.0), [256.0, 270.0]);
    }

    #[test]
    fn escapes_xml_special_characters() {
        assert_eq!(escape("<a & 'b' \"c\">"), "&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;");
    }
}
