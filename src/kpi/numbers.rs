//! Numbers in GOV.UK style: "1,954", "12.6%", "23.9 per 10,000", "£2.5
//! million", and differences of percentages in percentage points.
//!
//! A number and the words of its unit are joined by no-break spaces, so
//! that "per 10,000" or "£2.5 million" never breaks across lines.

use super::model::Unit;

/// The no-break space that holds a number and its unit together.
pub const NBSP: char = '\u{a0}';

/// Decimal places shown unless a caller asks for others: enough for "12.6%"
/// and no more, as published performance figures are written.
pub const DEFAULT_DECIMALS: usize = 1;

/// The fewest places of millions and billions of pounds.
const MONEY_DECIMALS: usize = 2;

/// A value with its unit, to [`DEFAULT_DECIMALS`] places at most:
/// "46.5%", "1,954", "23.9 per 10,000", "15 days", "£2.5 million" (each
/// space a no-break space).
pub fn format_value(value: f64, unit: Unit) -> String {
    format_value_to(value, unit, DEFAULT_DECIMALS)
}

/// A value with its unit, to `decimals` places at most. Sums of money under
/// a million are written in whole pounds, or in pounds and pence when they
/// have pence ("£12.50"), whatever `decimals` is.
pub fn format_value_to(value: f64, unit: Unit, decimals: usize) -> String {
    let number = || format_number(value, decimals);
    match unit {
        Unit::Percent => format!("{}%", number()),
        Unit::Count => number(),
        Unit::RatePer10000 => format!("{}{NBSP}per{NBSP}10,000", number()),
        Unit::Days => with_noun(&number(), "day", "days"),
        Unit::Pounds => format_pounds(value, decimals),
    }
}

/// A number with thousands separators and no trailing zeros: "1,954",
/// "12.6", "10" (not "10.0").
pub fn format_number(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let fraction = fraction.trim_end_matches('0');
    let is_zero = whole.bytes().all(|byte| byte == b'0') && fraction.is_empty();
    let sign = if value < 0.0 && !is_zero { "-" } else { "" };
    let point = if fraction.is_empty() { "" } else { "." };
    format!("{sign}{}{point}{fraction}", group_thousands(whole))
}

fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// "£450", "£12.50", "£12,500", "£2.5 million", "£1.74 million", "£1
/// billion". Millions and billions keep two places at least, as budgets
/// are written: £1.74 million read as £1.7 million would not add up with
/// the changes worked out from the exact amounts.
fn format_pounds(value: f64, decimals: usize) -> String {
    let decimals = decimals.max(MONEY_DECIMALS);
    let amount = value.abs();
    let millions = amount / 1e6;
    let text = if round_to(millions, decimals) >= 1000.0 {
        format!("{}{NBSP}billion", format_number(amount / 1e9, decimals))
    } else if millions >= 1.0 {
        format!("{}{NBSP}million", format_number(millions, decimals))
    } else {
        let pence = format!("{amount:.2}");
        match pence.split_once('.') {
            Some((whole, fraction)) if fraction != "00" => format!("{}.{fraction}", group_thousands(whole)),
            _ => format_number(amount, 0),
        }
    };
    let sign = if value < 0.0 && text != "0" { "-" } else { "" };
    format!("{sign}£{text}")
}

fn round_to(value: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    (value * scale).round() / scale
}

/// A value rounded as [`format_value`] shows it, so that comparisons and
/// differences agree with the figures a reader sees.
pub fn shown(value: f64, unit: Unit) -> f64 {
    let step = match unit {
        Unit::Pounds if value.abs() >= 999_950_000.0 => 1e8,
        Unit::Pounds if value.abs() >= 1e6 => 1e5,
        Unit::Pounds => 0.01,
        _ => 10f64.powi(-(DEFAULT_DECIMALS as i32)),
    };
    let rounded = (value / step).round() * step;
    // Rounding to tenths leaves binary noise (6.6000000000000005) that the
    // decimal rounding of a second pass removes.
    (rounded * 1e6).round() / 1e6
}

/// The change from `from` to `to`, worked out from the exact values and
/// then rounded as [`format_difference`] writes it: £1.74 million to £2.46
/// million is a change of £720,000, not the £800,000 between the rounded
/// figures.
pub fn difference(from: f64, to: f64, unit: Unit) -> f64 {
    shown(to - from, unit)
}

/// The size of a difference between two values, without its direction.
/// Differences of percentages are in percentage points, never in percent:
/// 10% to 12% is "2 percentage points".
pub fn format_difference(difference: f64, unit: Unit) -> String {
    let size = difference.abs();
    match unit {
        Unit::Percent => {
            with_noun(&format_number(size, DEFAULT_DECIMALS), "percentage point", "percentage points")
        }
        _ => format_value(size, unit),
    }
}

/// A relative change in percent, from `from` to `to`; none from zero, where
/// no relative change can be stated.
pub fn percent_change(from: f64, to: f64) -> Option<f64> {
    (from != 0.0).then(|| (to - from) / from.abs() * 100.0)
}

/// The size of a relative change in percent, without its direction: "20%".
pub fn format_relative(percent: f64) -> String {
    format!("{}%", format_number(percent.abs(), DEFAULT_DECIMALS))
}

fn with_noun(number: &str, one: &str, many: &str) -> String {
    format!("{number}{NBSP}{}", if number == "1" { one } else { many })
}

/// The indefinite article for a phrase that begins with a written number:
/// "an 8% increase", "an 11% decrease", but "a 10% increase".
pub fn article(phrase: &str) -> &'static str {
    let digits: String = phrase.chars().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
    let digits = digits.replace(',', "");
    let eleven_or_eighteen = digits.len() % 3 == 2 && (digits.starts_with("11") || digits.starts_with("18"));
    let vowel_letter = phrase.starts_with(['a', 'e', 'i', 'o', 'u']);
    if digits.starts_with('8') || eleven_or_eighteen || vowel_letter { "an" } else { "a" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_numbers_with_thousands_separators_and_no_trailing_zeros() {
        assert_eq!(format_value(1954.0, Unit::Count), "1,954");
        assert_eq!(format_value(1_234_567.0, Unit::Count), "1,234,567");
        assert_eq!(format_value(999.0, Unit::Count), "999");
        assert_eq!(format_value(10.0, Unit::Count), "10");
        assert_eq!(format_value(12.64, Unit::Count), "12.6");
        assert_eq!(format_value(12.96, Unit::Count), "13");
        assert_eq!(format_value(-0.01, Unit::Count), "0");
        assert_eq!(format_value(-1500.5, Unit::Count), "-1,500.5");
        assert_eq!(format_value_to(12.345, Unit::Count, 2), "12.35");
    }

    #[test]
    fn writes_each_unit_as_govuk_does() {
        assert_eq!(format_value(12.6, Unit::Percent), "12.6%");
        assert_eq!(format_value(10.0, Unit::Percent), "10%");
        assert_eq!(format_value(23.9, Unit::RatePer10000), "23.9\u{a0}per\u{a0}10,000");
        assert_eq!(format_value(15.0, Unit::Days), "15\u{a0}days");
        assert_eq!(format_value(1.0, Unit::Days), "1\u{a0}day");
        assert_eq!(format_value(1.5, Unit::Days), "1.5\u{a0}days");
    }

    #[test]
    fn writes_money_in_pounds_millions_and_billions() {
        assert_eq!(format_value(450.0, Unit::Pounds), "£450");
        assert_eq!(format_value(12_500.0, Unit::Pounds), "£12,500");
        assert_eq!(format_value(12.5, Unit::Pounds), "£12.50");
        assert_eq!(format_value(999_999.0, Unit::Pounds), "£999,999");
        assert_eq!(format_value(1_000_000.0, Unit::Pounds), "£1\u{a0}million");
        assert_eq!(format_value(2_500_000.0, Unit::Pounds), "£2.5\u{a0}million");
        assert_eq!(format_value(2_040_000.0, Unit::Pounds), "£2.04\u{a0}million");
        assert_eq!(format_value(1_740_000.0, Unit::Pounds), "£1.74\u{a0}million");
        assert_eq!(format_value(2_004_000.0, Unit::Pounds), "£2\u{a0}million");
        assert_eq!(format_value(999_990_000.0, Unit::Pounds), "£999.99\u{a0}million");
        assert_eq!(format_value(999_999_000.0, Unit::Pounds), "£1\u{a0}billion");
        assert_eq!(format_value(1e9, Unit::Pounds), "£1\u{a0}billion");
        assert_eq!(format_value(-450.0, Unit::Pounds), "-£450");
    }

    #[test]
    fn speaks_of_percentage_points_for_differences_of_percentages() {
        assert_eq!(format_difference(12.0 - 10.0, Unit::Percent), "2\u{a0}percentage points");
        assert_eq!(format_difference(-1.0, Unit::Percent), "1\u{a0}percentage point");
        assert_eq!(format_difference(69.4 - 62.8, Unit::Percent), "6.6\u{a0}percentage points");
        assert_eq!(format_difference(-12.0, Unit::Count), "12");
        assert_eq!(format_difference(1.0, Unit::Days), "1\u{a0}day");
        assert_eq!(format_difference(500.0, Unit::Pounds), "£500");
    }

    #[test]
    fn keeps_relative_changes_apart_from_percentage_points() {
        let percent = percent_change(10.0, 12.0).unwrap();
        assert_eq!(format_relative(percent), "20%");
        assert_eq!(format_relative(percent_change(58.1, 46.5).unwrap()), "20%");
        assert_eq!(percent_change(0.0, 5.0), None);
    }

    #[test]
    fn rounds_values_as_they_are_shown() {
        assert_eq!(shown(46.54, Unit::Percent), 46.5);
        assert_eq!(shown(69.4, Unit::Percent) - shown(62.8, Unit::Percent), 69.4 - 62.8);
        assert_eq!(shown(2_540_000.0, Unit::Pounds), 2_500_000.0);
        assert_eq!(shown(12.505, Unit::Pounds), 12.51);
    }

    #[test]
    fn chooses_an_before_numbers_said_with_a_vowel() {
        assert_eq!(article("8% increase"), "an");
        assert_eq!(article("11% increase"), "an");
        assert_eq!(article("18,000 increase"), "an");
        assert_eq!(article("80% increase"), "an");
        assert_eq!(article("10% increase"), "a");
        assert_eq!(article("110% increase"), "a");
        assert_eq!(article("1% increase"), "a");
        assert_eq!(article("improvement"), "an");
        assert_eq!(article("deterioration"), "a");
    }
}
