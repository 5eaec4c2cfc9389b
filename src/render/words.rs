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

/// `text` with its first letter in capitals: "All pupils in the county".
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
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
    safe_stem(slug.trim_end_matches('-'))
}

/// The longest stem of an output file name, in bytes: with its extension
/// it stays well inside every file system's limit of 255.
pub const MAX_STEM: usize = 100;

/// Names Windows keeps for devices, which no file may take.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
    "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A stem every file system can make a file of: cut to [`MAX_STEM`] bytes
/// (at a hyphen when there is one), and never a name Windows keeps for a
/// device, such as `con`.
pub fn safe_stem(stem: &str) -> String {
    let mut stem = stem.to_owned();
    if stem.len() > MAX_STEM {
        let mut end = MAX_STEM;
        while !stem.is_char_boundary(end) {
            end -= 1;
        }
        let cut = stem[..end].rfind('-').filter(|&at| at > MAX_STEM / 2).unwrap_or(end);
        stem.truncate(cut);
    }
    let device = stem.split('.').next().unwrap_or_default().to_lowercase();
    if RESERVED.contains(&device.as_str()) {
        stem.push_str("-file");
    }
    stem
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
        assert_eq!(slug("CON"), "con-file");
        assert_eq!(slug("Lpt1"), "lpt1-file");
        let long = slug(&"Children and Families ".repeat(20));
        assert!(long.len() <= MAX_STEM && long.ends_with("children"), "{long}");
        assert!(slug(&"é".repeat(200)).len() <= MAX_STEM);
    }
}
