//! Reading the Cabinet's business from a ModernGov web service.
//!
//! `import moderngov` asks a council's committee system (Civica's ModernGov,
//! whose `mgWebService.asmx` answers in XML) for a committee's meetings in
//! the report's period and the decisions taken at each, and merges them into
//! `cabinet_meetings:` of `meeting.yaml`, keeping what the officer wrote.
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

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use jiff::civil::Date;
use roxmltree::{Document, Node};

use super::{CabinetItem, CabinetMeeting, cabinet_block, edit};
use crate::input::discover::MEETING_FILE;
use crate::input::{Diagnostic, InputErrors};
use crate::kinds::executive::model::Meeting;

/// What to import, and from where.
#[derive(Debug, Clone)]
pub struct Request {
    /// The council's ModernGov site, the folder that holds
    /// `mgWebService.asmx`, such as `https://democracy.example.gov.uk`.
    pub url: String,
    /// The committee whose meetings to read, by its title: `Cabinet`.
    pub committee: String,
    /// The meeting folder whose `meeting.yaml` to bring up to date.
    pub into: PathBuf,
    /// How long to wait for the service: to connect, and for each answer.
    pub timeout: Duration,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    /// The committee's meetings in the report's period.
    pub meetings: usize,
    /// The decisions new to the file, marked for the officer to complete.
    pub added: usize,
    /// The decisions the file had already, kept as the officer wrote them.
    pub kept: usize,
    /// Whether `meeting.yaml` was written: not when nothing changed.
    pub written: bool,
}

/// What a new item leaves the officer to write.
const TO_COMPLETE: &str = "fill in the portfolio and what Cabinet decided";

/// The most an answer of the service may hold.
const ANSWER_LIMIT: u64 = 64 * 1024 * 1024;

/// The hint when an address is not a ModernGov site.
const SITE_HINT: &str = "give `--url` the address of the council's ModernGov site, the folder that holds `mgWebService.asmx`, such as `https://democracy.example.gov.uk`";

/// Brings the `cabinet_meetings:` of the folder's `meeting.yaml` up to date
/// with the committee's meetings from `previous_report` to the meeting.
/// Nothing is written on any error, nor when nothing changed.
pub fn import(request: &Request) -> Result<Imported> {
    let path = request.into.join(MEETING_FILE);
    let text = crate::input::read_text(&path).map_err(input_error)?;
    let meeting: Meeting = crate::input::parse(&path, &text).map_err(input_error)?;
    let period = (meeting.previous_report.date.value, meeting.meeting.date);
    let found = Service::new(&request.url, request.timeout).business(&request.committee, period)?;
    let existing = CabinetMeeting::read(&meeting.cabinet_meetings);
    let (merged, added, kept) = merge(&existing, &found);
    let written = merged != existing;
    if written {
        let edited = edit::replace_block(&text, "cabinet_meetings", &cabinet_block(&marked(&merged)));
        reads_back(&path, &edited, &merged)?;
        crate::build::output::write_atomic(&path, edited.as_bytes())?;
    }
    Ok(Imported { meetings: found.len(), added, kept, written })
}

/// A problem with `meeting.yaml`, told at its line like any input's.
fn input_error(problem: Diagnostic) -> anyhow::Error {
    InputErrors(vec![problem]).into()
}

/// Checks that the edited file reads as `meetings`: the edit is the tool's
/// own, so a file that does not is a bug, and is not written.
fn reads_back(path: &Path, edited: &str, meetings: &[CabinetMeeting]) -> Result<()> {
    let bug = "\n  = hint: this is a bug in exec-report; `meeting.yaml` was left as it was";
    let read: Meeting = crate::input::parse(path, edited)
        .map_err(|problem| anyhow!("the edited `meeting.yaml` does not read: {}{bug}", problem.message))?;
    if CabinetMeeting::read(&read.cabinet_meetings) != meetings {
        bail!("the edited `meeting.yaml` does not read as the meetings imported{bug}");
    }
    Ok(())
}

/// `existing` with `found` merged in, by date: a meeting is matched by its
/// date and an item by its title, ignoring case and runs of spaces. An item
/// the file has keeps what the officer wrote, and gains a link if it had
/// none; meetings the service did not list are kept. Also returns how many
/// items were added and how many kept.
fn merge(existing: &[CabinetMeeting], found: &[CabinetMeeting]) -> (Vec<CabinetMeeting>, usize, usize) {
    let mut merged = existing.to_vec();
    let (mut added, mut kept) = (0, 0);
    for meeting in found {
        let at = match merged.iter().position(|known| known.date == meeting.date) {
            Some(at) => at,
            None => {
                merged.push(CabinetMeeting { date: meeting.date, items: Vec::new() });
                merged.len() - 1
            }
        };
        let items = &mut merged[at].items;
        for item in &meeting.items {
            match items.iter_mut().find(|known| same_title(known, item)) {
                Some(known) => {
                    kept += 1;
                    known.link = known.link.take().or_else(|| item.link.clone());
                }
                None => {
                    added += 1;
                    items.push(item.clone());
                }
            }
        }
    }
    merged.sort_by_key(|meeting| meeting.date);
    (merged, added, kept)
}

/// Whether two items have the same title, ignoring case and runs of spaces.
fn same_title(a: &CabinetItem, b: &CabinetItem) -> bool {
    match (&a.title, &b.title) {
        (Some(a), Some(b)) => words(a).to_lowercase() == words(b).to_lowercase(),
        _ => false,
    }
}

/// `text` with every run of whitespace made one space, and trimmed.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `meetings` with a marker above each item still without its portfolio:
/// those just added, and those an earlier import added.
fn marked(meetings: &[CabinetMeeting]) -> Vec<CabinetMeeting> {
    let mut marked = meetings.to_vec();
    for item in marked.iter_mut().flat_map(|meeting| &mut meeting.items) {
        if item.portfolio.is_none() {
            item.to_complete = Some(TO_COMPLETE.to_owned());
        }
    }
    marked
}

/// The web service of a council's ModernGov site.
struct Service {
    /// The site's address, without a trailing `/`.
    site: String,
    agent: ureq::Agent,
    timeout: Duration,
}

/// A committee, as `GetCommittees` lists it.
#[derive(Debug, PartialEq, Eq)]
struct Committee {
    id: String,
    title: String,
    expired: bool,
}

/// A meeting, as `GetMeetings` lists it.
#[derive(Debug, PartialEq, Eq)]
struct Listed {
    id: String,
    date: Date,
}

impl Service {
    fn new(url: &str, timeout: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(timeout))
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(concat!("exec-report/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Self { site: site(url), agent, timeout }
    }

    /// The committee's meetings in `period` (both days in it), by date, each
    /// with the decisions taken at it.
    fn business(&self, committee: &str, (from, to): (Date, Date)) -> Result<Vec<CabinetMeeting>> {
        let committee = self.committee(committee)?;
        let (start, end) = (service_date(from), service_date(to));
        let query = [("lCommitteeId", committee.as_str()), ("sFromDate", &start), ("sToDate", &end)];
        let (url, text) = self.get("GetMeetings", &query)?;
        let mut listed = meetings(&url, &answer(&url, &text, MEETINGS)?)?;
        listed.retain(|meeting| (from..=to).contains(&meeting.date));
        listed.sort_by_key(|meeting| meeting.date);
        listed
            .iter()
            .map(|meeting| Ok(CabinetMeeting { date: meeting.date, items: self.decisions(&meeting.id)? }))
            .collect()
    }

    /// The id of the committee called `title`.
    fn committee(&self, title: &str) -> Result<String> {
        let (url, text) = self.get("GetCommittees", &[])?;
        let committees = committees(&answer(&url, &text, COMMITTEES)?);
        match find_committee(&committees, title) {
            Some(committee) => Ok(committee.id.clone()),
            None => Err(not_found(&self.site, title, &committees)),
        }
    }

    /// The decisions taken at the meeting with id `meeting`.
    fn decisions(&self, meeting: &str) -> Result<Vec<CabinetItem>> {
        let (url, text) = self.get("GetMeeting", &[("lMeetingId", meeting)])?;
        Ok(decisions(&answer(&url, &text, MEETING)?, &self.site))
    }

    /// The address of a method and its answer's text.
    fn get(&self, method: &str, query: &[(&str, &str)]) -> Result<(String, String)> {
        let url = method_url(&self.site, method, query);
        let mut response = self.agent.get(&url).call().map_err(|error| self.failure(&url, error))?;
        let status = response.status();
        if !status.is_success() {
            let reason = status.canonical_reason().map(|reason| format!(" {reason}")).unwrap_or_default();
            let hint = match status.as_u16() {
                404 => format!("\n  = hint: {SITE_HINT}"),
                500.. => "\n  = hint: the service may be down for a while: try again later".to_owned(),
                _ => String::new(),
            };
            bail!("`{url}` answered with HTTP status {}{reason}{hint}", status.as_u16());
        }
        let body = response.body_mut().with_config().limit(ANSWER_LIMIT).read_to_vec();
        let body = body.map_err(|error| self.failure(&url, error))?;
        Ok((url, String::from_utf8_lossy(&body).into_owned()))
    }

    /// The error of a request that got no answer.
    fn failure(&self, url: &str, error: ureq::Error) -> anyhow::Error {
        let timed_out = match &error {
            ureq::Error::Timeout(_) => true,
            ureq::Error::Io(error) => error.kind() == std::io::ErrorKind::TimedOut,
            _ => false,
        };
        if timed_out {
            let seconds = seconds(self.timeout);
            return anyhow!(
                "`{url}` did not answer within {seconds}\n  = hint: the service may be busy: try again later"
            );
        }
        let hint = "check the address given to `--url`, and that this computer is online";
        anyhow!("cannot reach `{url}`: {}\n  = hint: {hint}", reason(&error))
    }
}

/// Why a request failed, in words.
fn reason(error: &ureq::Error) -> String {
    use std::io::ErrorKind;
    match error {
        ureq::Error::HostNotFound => "no server has that name".to_owned(),
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused => "the connection was refused".to_owned(),
            ErrorKind::ConnectionReset => "the connection was reset".to_owned(),
            // What the TLS stack says of a handshake that failed.
            ErrorKind::InvalidData => format!("no secure connection could be made ({io})"),
            _ => io.to_string(),
        },
        ureq::Error::BadUri(_) => "it is not a web address".to_owned(),
        ureq::Error::BodyExceedsLimit(_) => format!("its answer is over {} MB", ANSWER_LIMIT >> 20),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => {
            format!("no secure connection could be made ({error})")
        }
        error => error.to_string(),
    }
}

/// A timeout in words: "1 second", "30 seconds", "2.5 seconds".
fn seconds(timeout: Duration) -> String {
    match (timeout.as_secs(), timeout.subsec_millis()) {
        (1, 0) => "1 second".to_owned(),
        (whole, 0) => format!("{whole} seconds"),
        _ => format!("{:.1} seconds", timeout.as_secs_f64()),
    }
}

/// The site's address as given, without trailing slashes or the service's
/// own name, with `https://` when it has no scheme.
fn site(url: &str) -> String {
    const SERVICE: &str = "/mgwebservice.asmx";
    let mut site = url.trim().trim_end_matches('/');
    if site.to_ascii_lowercase().ends_with(SERVICE) {
        site = site[..site.len() - SERVICE.len()].trim_end_matches('/');
    }
    if site.contains("://") { site.to_owned() } else { format!("https://{site}") }
}

/// The address of a method of the service at `site`, with its query.
fn method_url(site: &str, method: &str, query: &[(&str, &str)]) -> String {
    let mut url = format!("{site}/mgWebService.asmx/{method}");
    for (index, (key, value)) in query.iter().enumerate() {
        url.push(if index == 0 { '?' } else { '&' });
        url.push_str(&format!("{}={}", crate::percent::encode(key), crate::percent::encode(value)));
    }
    url
}

/// A date as the service takes it: dd/mm/yyyy.
fn service_date(date: Date) -> String {
    date.strftime("%d/%m/%Y").to_string()
}

/// A date as the service gives it: dd/mm/yyyy, or yyyy-mm-dd, either
/// perhaps with a time after it.
fn read_date(text: &str) -> Option<Date> {
    let day = text.split([' ', 'T']).next()?;
    let parts: Vec<&str> = day.split('/').collect();
    match parts[..] {
        [d, m, y] => Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok(),
        _ => day.parse().ok(),
    }
}

/// The names of the elements each method's answer is known by: one of them
/// must be in it for it to be the service's.
const COMMITTEES: &[&str] = &["committees", "committee"];
const MEETINGS: &[&str] = &["getmeetings", "meetings", "meeting"];
const MEETING: &[&str] = &["meeting", "agendaitems"];

/// `text` read as the service's XML answer from `url`.
fn answer<'a>(url: &str, text: &'a str, known: &[&str]) -> Result<Document<'a>> {
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

/// The committees `GetCommittees` lists, less those deleted.
fn committees(document: &Document) -> Vec<Committee> {
    elements(document.root(), "committee")
        .filter(|committee| !flag(*committee, "committeedeleted"))
        .filter_map(|committee| {
            Some(Committee {
                id: field(committee, &["committeeid"])?,
                title: words(&field(committee, &["committeetitle", "title"])?),
                expired: flag(committee, "committeeexpired"),
            })
        })
        .collect()
}

/// The committee called `title`, ignoring case and runs of spaces; of two
/// so called, the one not expired.
fn find_committee<'a>(committees: &'a [Committee], title: &str) -> Option<&'a Committee> {
    let wanted = words(title).to_lowercase();
    committees.iter().filter(|committee| committee.title.to_lowercase() == wanted).min_by_key(|c| c.expired)
}

/// The error for a committee not found, listing those there are.
fn not_found(site: &str, asked: &str, committees: &[Committee]) -> anyhow::Error {
    let mut names: Vec<&str> = committees.iter().map(|committee| committee.title.as_str()).collect();
    names.sort_by_key(|name| (name.to_lowercase(), *name));
    names.dedup();
    let shown: Vec<String> = names.iter().take(20).map(|name| format!("`{name}`")).collect();
    let hint = match names.len() {
        0 => "the service lists no committees".to_owned(),
        count if count > 20 => format!("its committees are {} and {} more", shown.join(", "), count - 20),
        _ => format!("its committees are {}", shown.join(", ")),
    };
    anyhow!("`{site}` has no committee called `{}`\n  = hint: {hint}", words(asked))
}

/// The meetings `GetMeetings` lists, less those cancelled.
fn meetings(url: &str, document: &Document) -> Result<Vec<Listed>> {
    let mut listed = Vec::new();
    for meeting in elements(document.root(), "meeting") {
        let (Some(id), Some(written)) = (field(meeting, &["meetingid"]), field(meeting, &["meetingdate"]))
        else {
            continue;
        };
        if field(meeting, &["meetingstatus"]).is_some_and(|status| status.to_lowercase().contains("cancel")) {
            continue;
        }
        let date = read_date(&written)
            .ok_or_else(|| anyhow!("`{url}` gives `{written}` as a meeting's date, which is not a date"))?;
        listed.push(Listed { id, date });
    }
    Ok(listed)
}

/// The items of a meeting's agenda that are decisions, in agenda order.
fn decisions(document: &Document, site: &str) -> Vec<CabinetItem> {
    elements(document.root(), "agendaitem")
        .filter(|item| is_decision(*item))
        .filter_map(|item| {
            let title = words(&field(item, &["agendaitemtitle", "title"])?);
            Some(CabinetItem { title: Some(title), link: link(item, site), ..CabinetItem::default() })
        })
        .collect()
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

/// Where an item's decision is published: of its public documents, the
/// decision's own, else one named as a decision or minutes, else the first.
fn link(item: Node, site: &str) -> Option<String> {
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
    Some(absolute(url, site))
}

/// A document's address as a whole web address: one the service gives
/// from its own site's root completed with it, spaces encoded.
fn absolute(url: &str, site: &str) -> String {
    let url = url.replace(' ', "%20");
    let host = site.find("://").map_or(0, |at| at + 3);
    let origin = &site[..site[host..].find('/').map_or(site.len(), |end| host + end)];
    if url.contains("://") {
        url
    } else if let Some(rest) = url.strip_prefix("//") {
        format!("https://{rest}")
    } else if url.starts_with('/') {
        format!("{origin}{url}")
    } else {
        format!("{site}/{url}")
    }
}

/// `text` with its HTML entities decoded: ModernGov escapes its text
/// twice, so that `'` reads `&#39;` once the XML is read.
fn unescape(text: &str) -> String {
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

#[cfg(test)]
mod tests;
