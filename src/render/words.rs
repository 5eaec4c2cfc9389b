//! Wording rules shared by every report: GOV.UK style dates and lists.

use jiff::civil::Date;

/// A date as GOV.UK writes it: "4 June 2017", no ordinal, no comma.
pub fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// A month and year, as under a signature: "July 2016".
pub fn month_year(date: Date) -> String {
    date.strftime("%B %Y").to_string()
}

/// Joins items as GOV.UK does: "A, B and C", with no serial comma.
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// A file name made from a portfolio's name: lowercase letters, digits and
/// hyphens only, so that no name can reach outside the output folder.
pub fn slug(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if matches!(c, '\'' | '\u{2019}') {
            continue;
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn writes_dates_without_ordinals_or_leading_zeros() {
        assert_eq!(long_date(date(2017, 6, 4)), "4 June 2017");
        assert_eq!(long_date(date(2016, 3, 29)), "29 March 2016");
        assert_eq!(month_year(date(2016, 7, 5)), "July 2016");
    }

    #[test]
    fn joins_lists_without_a_serial_comma() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["A"]), "A");
        assert_eq!(and_list(&["A", "B"]), "A and B");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn slugs_keep_names_inside_the_output_folder() {
        assert_eq!(slug("Children's Services"), "childrens-services");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("Adult Care & Health"), "adult-care-health");
        assert_eq!(slug("Économie"), "économie");
    }
}
