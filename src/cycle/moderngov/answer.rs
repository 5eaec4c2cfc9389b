//! Reading the service's XML answers, as untrusted text: what a report
//! cannot hold (control characters, noncharacters) is left out and said,
//! a document link the rule refuses is left out and said, what is too big
//! is refused, and every value from the server is clipped before it is
//! told.
//!
//! The element names are those councils' services give: `GetCommittees`
//! lists `committee` elements (`committeeid`, `committeetitle`,
//! `committeedeleted`, `committeeexpired`); `GetMeetings` lists `meeting`
//! elements (`meetingid`, `meetingdate` as dd/mm/yyyy, `meetingstatus`);
//! `GetMeeting` gives the meeting's `agendaitem` elements
//! (`agendaitemtitle`, `isdecision`, `decisionnonemptyhtmlbody`), each with
//! its `linkeddoc` elements (`title`, `url`, `isrestricted`,
//! `isdecisionattachment`). They are found ignoring case and wherever they
//! stand, so an answer wrapped differently still reads.

use anyhow::{Result, anyhow, bail};
use jiff::civil::Date;
use roxmltree::{Document, Node};

use super::{SHOWN, SITE_HINT, words};
use crate::cycle::CabinetItem;
use crate::markup::links::{self, Allowed, Refused};
use crate::terminal::{clip, is_hidden};

/// The most agenda items read from one meeting.
pub(super) const MOST_ITEMS: usize = 5_000;

/// The longest title an item may have: a report lists it as one line of
/// business, far under what a paragraph may hold.
pub(super) const LONGEST_TITLE: usize = 1_000;

/// The longest document link kept.
const LONGEST_LINK: usize = 2_000;

/// A committee, as `GetCommittees` lists it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Committee {
    pub id: String,
    pub title: String,
    pub expired: bool,
}

/// A meeting, as `GetMeetings` lists it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Listed {
    pub id: String,
    pub date: Date,
}

/// The meeting an agenda was read for, to say where a value came from.
pub(super) struct Meeting<'a> {
    /// The address its agenda was read from.
    pub url: &'a str,
    /// The site, against which its documents' addresses are read.
    pub site: &'a str,
    pub date: Date,
}

/// The names of the elements each method's answer is known by: one of them
/// must be in it for it to be the service's.
pub(super) const COMMITTEES: &[&str] = &["committees", "committee"];
pub(super) const MEETINGS: &[&str] = &["getmeetings", "meetings", "meeting"];
pub(super) const MEETING: &[&str] = &["meeting", "agendaitems"];

/// `text` read as the service's XML answer from `url`.
pub(super) fn parse<'a>(url: &str, text: &'a str, known: &[&str]) -> Result<Document<'a>> {
    let text = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    Document::parse(text)
        .ok()
        .filter(|document| document.descendants().any(|node| known.iter().any(|name| is(node, name))))
        .ok_or_else(|| {
            anyhow!("`{url}` answered with something other than the web service's XML\n  = hint: {SITE_HINT}")
        })
}

/// Whether `node` is an element called `name`, ignoring case.
fn is(node: Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name().eq_ignore_ascii_case(name)
}

/// The elements called `name` anywhere under `node`, and `node` itself.
fn elements<'a, 'input>(node: Node<'a, 'input>, name: &'a str) -> impl Iterator<Item = Node<'a, 'input>> {
    node.descendants().filter(move |node| is(*node, name))
}

/// The trimmed text of `node`'s first child element called one of `names`,
/// with the entities decoded that ModernGov escapes twice; `None` if empty.
fn field(node: Node, names: &[&str]) -> Option<String> {
    let child = names.iter().find_map(|name| node.children().find(|child| is(*child, name)))?;
    let text: String = child.descendants().filter(Node::is_text).filter_map(|node| node.text()).collect();
    Some(unescape(text.trim()).trim().to_owned()).filter(|text| !text.is_empty())
}

/// Whether `node`'s child element `name` says `True`.
fn flag(node: Node, name: &str) -> bool {
    field(node, &[name]).is_some_and(|value| value.eq_ignore_ascii_case("true") || value == "1")
}

/// Whether `id` is one of the service's ids: a number.
fn is_id(id: &str) -> bool {
    (1..=18).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit())
}

/// The committees `GetCommittees` lists, less those deleted.
pub(super) fn committees(document: &Document) -> Vec<Committee> {
    elements(document.root(), "committee")
        .filter(|committee| !flag(*committee, "committeedeleted"))
        .filter_map(|committee| {
            Some(Committee {
                id: field(committee, &["committeeid"]).filter(|id| is_id(id))?,
                title: words(&field(committee, &["committeetitle", "title"])?),
                expired: flag(committee, "committeeexpired"),
            })
        })
        .collect()
}

/// The committee called `title`, ignoring case and runs of spaces; of two
/// so called, the one not expired.
pub(super) fn find_committee<'a>(committees: &'a [Committee], title: &str) -> Option<&'a Committee> {
    let wanted = words(title).to_lowercase();
    committees.iter().filter(|committee| committee.title.to_lowercase() == wanted).min_by_key(|c| c.expired)
}

/// The error for a committee not found, listing those there are, each
/// name clipped.
pub(super) fn not_found(site: &str, asked: &str, committees: &[Committee]) -> anyhow::Error {
    let mut names: Vec<&str> = committees.iter().map(|committee| committee.title.as_str()).collect();
    names.sort_by_key(|name| (name.to_lowercase(), *name));
    names.dedup();
    let shown: Vec<String> = names.iter().take(20).map(|name| format!("`{}`", clip(name, SHOWN))).collect();
    let hint = match names.len() {
        0 => "the service lists no committees".to_owned(),
        count if count > 20 => format!("its committees are {} and {} more", shown.join(", "), count - 20),
        _ => format!("its committees are {}", shown.join(", ")),
    };
    anyhow!("`{site}` has no committee called `{}`\n  = hint: {hint}", clip(&words(asked), SHOWN))
}

/// The meetings `GetMeetings` lists, less those cancelled. A meeting
/// without a usable id is left out and said.
pub(super) fn meetings(url: &str, document: &Document, warnings: &mut Vec<String>) -> Result<Vec<Listed>> {
    let mut listed = Vec::new();
    for meeting in elements(document.root(), "meeting") {
        let (Some(id), Some(written)) = (field(meeting, &["meetingid"]), field(meeting, &["meetingdate"]))
        else {
            continue;
        };
        if field(meeting, &["meetingstatus"]).is_some_and(|status| status.to_lowercase().contains("cancel")) {
            continue;
        }
        let date = read_date(&written).ok_or_else(|| {
            anyhow!("`{url}` gives `{}` as a meeting's date, which is not a date", clip(&written, SHOWN))
        })?;
        if !is_id(&id) {
            warnings.push(format!(
                "`{url}` lists the meeting of {date} with `{}` as its id, which is not a number: it was left out",
                clip(&id, SHOWN)
            ));
            continue;
        }
        listed.push(Listed { id, date });
    }
    Ok(listed)
}

/// A date as the service gives it: dd/mm/yyyy, or yyyy-mm-dd, either
/// perhaps with a time after it.
pub(super) fn read_date(text: &str) -> Option<Date> {
    let day = text.split([' ', 'T']).next()?;
    let parts: Vec<&str> = day.split('/').collect();
    match parts[..] {
        [d, m, y] => Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok(),
        _ => day.parse().ok(),
    }
}

/// The items of a meeting's agenda that are decisions, in agenda order,
/// their titles and links made safe to keep.
pub(super) fn decisions(
    document: &Document,
    at: &Meeting,
    warnings: &mut Vec<String>,
) -> Result<Vec<CabinetItem>> {
    let agenda: Vec<Node> = elements(document.root(), "agendaitem").collect();
    if agenda.len() > MOST_ITEMS {
        bail!(
            "`{}` gives {} agenda items for the meeting of {}, more than the {MOST_ITEMS} a meeting is read with",
            at.url,
            agenda.len(),
            at.date
        );
    }
    let mut items = Vec::new();
    for item in agenda.into_iter().filter(|item| is_decision(*item)) {
        let Some(written) = field(item, &["agendaitemtitle", "title"]) else { continue };
        let title = title(&written, at, warnings)?;
        if title.is_empty() {
            continue;
        }
        let link = link(item, at.site).and_then(|link| kept_link(link, &title, at, warnings));
        items.push(CabinetItem { title: Some(title), link, ..CabinetItem::default() });
    }
    Ok(items)
}

/// An item's title as it is kept: runs of spaces made one, and the
/// characters a report cannot hold left out, and said. A title longer
/// than any agenda's is refused.
fn title(written: &str, at: &Meeting, warnings: &mut Vec<String>) -> Result<String> {
    let (title, dropped) = printable(&words(written));
    let length = title.chars().count();
    if length > LONGEST_TITLE {
        bail!(
            "`{}` gives an item of the meeting of {} a title of {length} characters, more than the {LONGEST_TITLE} a title may have: `{}`\n  = hint: the service's answer is not a meeting's agenda: check `--url`, or ask the council's ModernGov administrator",
            at.url,
            at.date,
            clip(&title, SHOWN)
        );
    }
    if !dropped.is_empty() {
        warnings.push(format!(
            "the title `{}` of an item of the Cabinet meeting of {} held characters a report cannot hold ({}): they were left out",
            clip(&title, SHOWN),
            at.date,
            dropped
        ));
    }
    Ok(words(&title))
}

/// `text` without the characters a report cannot hold: control
/// characters, bidirectional controls, noncharacters and byte-order
/// marks; and those left out, named as `U+FFFE`, at most five.
pub(super) fn printable(text: &str) -> (String, String) {
    let mut dropped: Vec<char> = Vec::new();
    let kept: String = text
        .chars()
        .filter(|&c| {
            let hidden = is_hidden(c) || c.is_control() || c == '\u{feff}';
            if hidden && !dropped.contains(&c) {
                dropped.push(c);
            }
            !hidden
        })
        .collect();
    let mut named: Vec<String> = dropped.iter().take(5).map(|c| format!("U+{:04X}", *c as u32)).collect();
    if dropped.len() > 5 {
        named.push(format!("{} more", dropped.len() - 5));
    }
    (kept, named.join(", "))
}

/// Whether an agenda item is a decision: the service marks it so, gives
/// its decision's words, or links a document as its decision's.
fn is_decision(item: Node) -> bool {
    flag(item, "isdecision")
        || field(item, &["decisionnonemptyhtmlbody"]).is_some()
        || documents(item).any(|document| flag(document, "isdecisionattachment"))
}

/// The documents linked to an agenda item.
fn documents<'a, 'input>(item: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    item.descendants().filter(|node| is(*node, "linkeddoc") || is(*node, "linkeddocument"))
}

/// The address of an item's decision's papers, as the service gives it:
/// of its public documents, the decision's own, else one named as a
/// decision or minutes, else the first.
fn link(item: Node, site: &str) -> Option<(String, Result<String, String>)> {
    let public: Vec<(Node, String)> = documents(item)
        .filter(|document| !flag(*document, "isrestricted"))
        .filter_map(|document| Some((document, field(document, &["url"])?)))
        .collect();
    let named = |document: Node| {
        let title = field(document, &["title"]).unwrap_or_default().to_lowercase();
        title.contains("decision") || title.contains("minutes")
    };
    let (_, url) = public
        .iter()
        .find(|(document, _)| flag(*document, "isdecisionattachment"))
        .or_else(|| public.iter().find(|(document, _)| named(*document)))
        .or(public.first())?;
    Some((url.clone(), absolute(url, site)))
}

/// A document link kept: one the rule for links allows as a web address;
/// any other is left out, and said.
fn kept_link(
    (written, judged): (String, Result<String, String>),
    title: &str,
    at: &Meeting,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let why = match judged {
        Ok(link) if link.chars().count() <= LONGEST_LINK => return Some(link),
        Ok(link) => format!("it is {} characters long", link.chars().count()),
        Err(why) => why,
    };
    warnings.push(format!(
        "left out the link `{}` of `{}` (the Cabinet meeting of {}): {why}",
        clip(&written, SHOWN),
        clip(title, SHOWN),
        at.date
    ));
    None
}

/// A document's address as a whole web address: one the service gives
/// from its own site's root completed with it, spaces encoded; judged by
/// the rule for links, which must take it as an address. Else why not.
pub(super) fn absolute(url: &str, site: &str) -> Result<String, String> {
    if url.chars().any(|c| c.is_control() || is_hidden(c)) {
        return Err("it holds control characters".to_owned());
    }
    let host = site.find("://").map_or(0, |at| at + 3);
    let origin = &site[..site[host..].find('/').map_or(site.len(), |end| host + end)];
    let whole = match links::judge(url) {
        Ok(Allowed::Address) => url.to_owned(),
        // `//host/x`, written with forward slashes: the web's own way to
        // name another host, on the page's scheme.
        Err(Refused::NetworkPath) if url.starts_with("//") && !url.contains('\\') => format!("https:{url}"),
        // From the site's root: `/documents/s1/x.pdf`.
        Err(Refused::DiskPath) if url.starts_with('/') && !url.contains('\\') => format!("{origin}{url}"),
        Ok(Allowed::Relative | Allowed::InDocument) => format!("{site}/{url}"),
        Err(refused) => return Err(refused.to_string()),
    };
    let whole = whole.replace(' ', "%20");
    match links::judge(&whole) {
        Ok(Allowed::Address) => Ok(whole),
        Ok(_) => Err(Refused::DiskPath.to_string()),
        Err(refused) => Err(refused.to_string()),
    }
}

/// `text` with its HTML entities decoded: ModernGov escapes its text
/// twice, so that `'` reads `&#39;` once the XML is read.
pub(super) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let name = rest[1..].find(';').filter(|end| *end <= 8).map(|end| &rest[1..=end]);
        match name.and_then(|name| Some((entity(name)?, name.len() + 2))) {
            Some((decoded, length)) => {
                out.push(decoded);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an HTML entity's name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}
