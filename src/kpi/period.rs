//! The periods a KPI is measured over, written as officers write them:
//! "March 2016", "2015/16", "Q2 2019/20" or "2015".

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The earliest and latest years a period may name: wide enough for any
/// council's records, narrow enough to catch a mistyped year like `20116`.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// A span of time a KPI value is measured over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar month: "March 2016".
    Month {
        /// The year, such as 2016.
        year: i32,
        /// The month, 1 for January to 12 for December.
        month: u8,
    },
    /// A financial year from April to March: "2015/16".
    FinancialYear {
        /// The year in which it starts, 2015 for 2015/16.
        start: i32,
    },
    /// A quarter of a financial year: "Q2 2019/20" is July to September 2019.
    Quarter {
        /// The year in which the financial year starts, 2019 for 2019/20.
        start: i32,
        /// The quarter, 1 (April to June) to 4 (January to March).
        quarter: u8,
    },
    /// A calendar year: "2015".
    Year(i32),
}

/// Text that is not a period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// The text matches no form of period.
    #[error(
        "`{0}` is not a period: write a month and year (March 2016), a financial year (2015/16), \
         a quarter (Q2 2019/20) or a year (2015)"
    )]
    Unrecognised(String),
    /// A financial year whose second year does not follow its first.
    #[error("`{text}` is not a financial year: the second year must follow the first, as in `{expected}`")]
    YearsNotConsecutive {
        /// The text as written.
        text: String,
        /// The financial year the first year starts.
        expected: String,
    },
}

impl Period {
    /// The same period a year before, to find last year's value.
    pub fn year_earlier(&self) -> Period {
        match *self {
            Period::Month { year, month } => Period::Month { year: year - 1, month },
            Period::FinancialYear { start } => Period::FinancialYear { start: start - 1 },
            Period::Quarter { start, quarter } => Period::Quarter { start: start - 1, quarter },
            Period::Year(year) => Period::Year(year - 1),
        }
    }

    /// The first and last months of the period, counted from year 0.
    fn months(&self) -> (i32, i32) {
        let month = |year: i32, month: i32| year * 12 + month - 1;
        match *self {
            Period::Month { year, month: m } => (month(year, m.into()), month(year, m.into())),
            Period::FinancialYear { start } => (month(start, 4), month(start + 1, 3)),
            Period::Quarter { start, quarter } => {
                let first = month(start, 4) + 3 * (i32::from(quarter) - 1);
                (first, first + 2)
            }
            Period::Year(year) => (month(year, 1), month(year, 12)),
        }
    }
}

impl Ord for Period {
    /// Orders by when the period ends, then by when it starts: of periods
    /// ending in March 2016, 2015/16 comes first, then Q4 2015/16, then March
    /// 2016. No two periods share both ends, which keeps the order
    /// consistent with equality.
    fn cmp(&self, other: &Self) -> Ordering {
        let (start, end) = self.months();
        let (other_start, other_end) = other.months();
        (end, start).cmp(&(other_end, other_start))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Month { year, month } => write!(f, "{} {year}", MONTHS[usize::from(month) - 1]),
            Period::FinancialYear { start } => write!(f, "{}", financial_year(start)),
            Period::Quarter { start, quarter } => write!(f, "Q{quarter} {}", financial_year(start)),
            Period::Year(year) => write!(f, "{year}"),
        }
    }
}

fn financial_year(start: i32) -> String {
    format!("{start}/{:02}", (start + 1).rem_euclid(100))
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unrecognised = || PeriodError::Unrecognised(text.to_owned());
        let words: Vec<&str> = text.split_whitespace().collect();
        match words.as_slice() {
            [year] if year.contains(['/', '-']) => {
                parse_financial_year(text, year).map(|start| Period::FinancialYear { start })
            }
            [year] => parse_year(year).map(Period::Year).ok_or_else(unrecognised),
            [quarter, year] if quarter.starts_with(['Q', 'q']) => {
                let quarter = parse_quarter(quarter).ok_or_else(unrecognised)?;
                parse_financial_year(text, year).map(|start| Period::Quarter { start, quarter })
            }
            [month, year] => {
                let month = parse_month(month).ok_or_else(unrecognised)?;
                parse_year(year).map(|year| Period::Month { year, month }).ok_or_else(unrecognised)
            }
            _ => Err(unrecognised()),
        }
    }
}

fn parse_year(text: &str) -> Option<i32> {
    let all_digits = text.len() == 4 && text.bytes().all(|byte| byte.is_ascii_digit());
    all_digits.then(|| text.parse().ok()).flatten().filter(|year| YEARS.contains(year))
}

/// Reads "2015/16", "2015-16" or "2015/2016" into its first year.
fn parse_financial_year(text: &str, year: &str) -> Result<i32, PeriodError> {
    let unrecognised = || PeriodError::Unrecognised(text.to_owned());
    let (first, second) = year.split_once(['/', '-']).ok_or_else(unrecognised)?;
    let start = parse_year(first).ok_or_else(unrecognised)?;
    if !matches!(second.len(), 2 | 4) || !second.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(unrecognised());
    }
    let end: i32 = second.parse().map_err(|_| unrecognised())?;
    let follows = if second.len() == 2 { end == (start + 1) % 100 } else { end == start + 1 };
    if !follows {
        let expected = financial_year(start);
        return Err(PeriodError::YearsNotConsecutive { text: text.to_owned(), expected });
    }
    Ok(start)
}

fn parse_quarter(text: &str) -> Option<u8> {
    match &text[1..] {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        "4" => Some(4),
        _ => None,
    }
}

/// A month by its full name or its first three letters ("Sept" too), in
/// any case.
fn parse_month(text: &str) -> Option<u8> {
    let text = text.trim_end_matches('.').to_lowercase();
    let text = if text == "sept" { "sep".to_owned() } else { text };
    let found = MONTHS.iter().position(|name| {
        let name = name.to_lowercase();
        name == text || (text.len() == 3 && name.starts_with(&text))
    });
    found.and_then(|index| u8::try_from(index + 1).ok())
}

/// What YAML may hold for a period: text, or a bare year such as `2015`.
#[derive(Deserialize)]
#[serde(untagged)]
enum PeriodText {
    Text(String),
    Year(i64),
}

impl schemars::JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "integer"],
            "description": "A month and year (March 2016), a financial year (2015/16), a quarter (Q2 2019/20) or a year (2015).",
            "examples": ["March 2016", "2015/16", "Q2 2019/20", "2015"]
        })
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = match PeriodText::deserialize(deserializer)? {
            PeriodText::Text(text) => text,
            PeriodText::Year(year) => year.to_string(),
        };
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(text: &str) -> Period {
        text.parse().unwrap()
    }

    #[test]
    fn parses_and_writes_each_kind_of_period() {
        assert_eq!(period("March 2016"), Period::Month { year: 2016, month: 3 });
        assert_eq!(period("2015/16"), Period::FinancialYear { start: 2015 });
        assert_eq!(period("Q2 2019/20"), Period::Quarter { start: 2019, quarter: 2 });
        assert_eq!(period("2015"), Period::Year(2015));
        for text in ["March 2016", "2015/16", "Q2 2019/20", "2015", "1999/00"] {
            assert_eq!(period(text).to_string(), text);
        }
    }

    #[test]
    fn accepts_the_other_ways_officers_write_periods() {
        assert_eq!(period("2015-16"), period("2015/16"));
        assert_eq!(period("2015/2016"), period("2015/16"));
        assert_eq!(period("Q2 2019-20"), period("Q2 2019/20"));
        assert_eq!(period("q4 2019/20"), period("Q4 2019/20"));
        assert_eq!(period("Mar 2016"), period("March 2016"));
        assert_eq!(period("sept 2016"), period("September 2016"));
        assert_eq!(period("  march   2016 "), period("March 2016"));
    }

    #[test]
    fn errors_when_a_period_is_mistyped() {
        let error = "Marhc 2016".parse::<Period>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "`Marhc 2016` is not a period: write a month and year (March 2016), a financial year \
             (2015/16), a quarter (Q2 2019/20) or a year (2015)"
        );
        for text in ["", "16", "20116", "Q5 2019/20", "March", "March 16", "2015/1x", "2015 2016"] {
            assert!(text.parse::<Period>().is_err(), "{text}");
        }
    }

    #[test]
    fn errors_when_a_financial_years_halves_do_not_follow() {
        let error = "2015/17".parse::<Period>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "`2015/17` is not a financial year: the second year must follow the first, as in `2015/16`"
        );
    }

    #[test]
    fn orders_periods_by_time() {
        let mut periods: Vec<Period> =
            ["2016", "March 2016", "Q1 2015/16", "2015/16", "March 2015", "Q4 2015/16", "April 2015"]
                .into_iter()
                .map(period)
                .collect();
        periods.sort();
        let written: Vec<String> = periods.iter().map(ToString::to_string).collect();
        assert_eq!(
            written,
            ["March 2015", "April 2015", "Q1 2015/16", "2015/16", "Q4 2015/16", "March 2016", "2016"]
        );
    }

    #[test]
    fn finds_the_same_period_a_year_earlier() {
        assert_eq!(period("March 2016").year_earlier(), period("March 2015"));
        assert_eq!(period("2015/16").year_earlier(), period("2014/15"));
        assert_eq!(period("Q2 2019/20").year_earlier(), period("Q2 2018/19"));
        assert_eq!(period("2015").year_earlier(), period("2014"));
    }

    #[test]
    fn reads_periods_from_yaml_text_and_bare_years() {
        let periods: Vec<Period> = serde_saphyr::from_str("[March 2016, 2015/16, 2015, '2014']").unwrap();
        let written: Vec<String> = periods.iter().map(ToString::to_string).collect();
        assert_eq!(written, ["March 2016", "2015/16", "2015", "2014"]);
    }

    #[test]
    fn reports_a_bad_period_in_yaml_with_the_same_message() {
        let error = serde_saphyr::from_str::<Vec<Period>>("[Marhc 2016]").unwrap_err();
        assert!(error.to_string().contains("`Marhc 2016` is not a period: write a month and year"));
    }
}
