//! The web service of a council's ModernGov site: its addresses, asking
//! it, and telling plainly why an answer did not come.

use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use jiff::civil::Date;

use super::answer::{self, COMMITTEES, MEETING, MEETINGS};
use super::{SHOWN, SITE_HINT};
use crate::cycle::CabinetMeeting;
use crate::terminal::clip;

/// The most an answer of the service may hold: a meeting's agenda with
/// every document listed is well under a megabyte.
pub(super) const ANSWER_LIMIT: u64 = 16 * 1024 * 1024;

/// The most meetings read for one period: a Cabinet that met every week
/// for four years.
pub(super) const MOST_MEETINGS: usize = 200;

/// The web service of a council's ModernGov site.
pub(super) struct Service {
    /// The site's address, without a trailing `/`.
    site: String,
    agent: ureq::Agent,
    timeout: Duration,
    /// What the officer should know of the answers: one line each.
    pub warnings: Vec<String>,
}

impl Service {
    pub(super) fn new(url: &str, timeout: Duration) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(timeout))
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(concat!("exec-report/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Self { site: site(url), agent, timeout, warnings: Vec::new() }
    }

    /// The committee's meetings in `period` (both days in it), by date, each
    /// with the decisions taken at it.
    pub(super) fn business(
        &mut self,
        committee: &str,
        (from, to): (Date, Date),
    ) -> Result<Vec<CabinetMeeting>> {
        let committee = self.committee(committee)?;
        let (start, end) = (service_date(from), service_date(to));
        let query = [("lCommitteeId", committee.as_str()), ("sFromDate", &start), ("sToDate", &end)];
        let (url, text) = self.get("GetMeetings", &query)?;
        let mut listed = answer::meetings(&url, &answer::parse(&url, &text, MEETINGS)?, &mut self.warnings)?;
        listed.retain(|meeting| (from..=to).contains(&meeting.date));
        if listed.len() > MOST_MEETINGS {
            bail!(
                "`{url}` lists {} meetings in the period, more than the {MOST_MEETINGS} read at once\n  = hint: check the dates of `previous_report` and `meeting` in `meeting.yaml`",
                listed.len()
            );
        }
        listed.sort_by_key(|meeting| meeting.date);
        let mut found = Vec::with_capacity(listed.len());
        for meeting in &listed {
            found.push(CabinetMeeting {
                date: meeting.date,
                items: self.decisions(&meeting.id, meeting.date)?,
            });
        }
        Ok(found)
    }

    /// The id of the committee called `title`.
    fn committee(&mut self, title: &str) -> Result<String> {
        let (url, text) = self.get("GetCommittees", &[])?;
        let committees = answer::committees(&answer::parse(&url, &text, COMMITTEES)?);
        match answer::find_committee(&committees, title) {
            Some(committee) => Ok(committee.id.clone()),
            None => Err(answer::not_found(&self.site, title, &committees)),
        }
    }

    /// The decisions taken at the meeting with id `meeting`, on `date`.
    fn decisions(&mut self, meeting: &str, date: Date) -> Result<Vec<crate::cycle::CabinetItem>> {
        let (url, text) = self.get("GetMeeting", &[("lMeetingId", meeting)])?;
        let document = answer::parse(&url, &text, MEETING)?;
        let at = answer::Meeting { url: &url, site: &self.site, date };
        answer::decisions(&document, &at, &mut self.warnings)
    }

    /// The address of a method and its answer's text.
    fn get(&mut self, method: &str, query: &[(&str, &str)]) -> Result<(String, String)> {
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
        let text = self.text(&url, body);
        Ok((url, text))
    }

    /// An answer's bytes as text. Bytes that are not UTF-8 are each read
    /// as `�`, and said: the titles read from that answer need a look.
    fn text(&mut self, url: &str, body: Vec<u8>) -> String {
        match String::from_utf8(body) {
            Ok(text) => text,
            Err(error) => {
                let at = error.utf8_error().valid_up_to();
                self.warnings.push(format!(
                    "`{}` answered with text that is not UTF-8 (a bad byte at offset {at}): each bad byte was read as `\u{fffd}`; check the titles read from it",
                    clip(url, SHOWN * 2)
                ));
                String::from_utf8_lossy(error.as_bytes()).into_owned()
            }
        }
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
pub(super) fn seconds(timeout: Duration) -> String {
    match (timeout.as_secs(), timeout.subsec_millis()) {
        (1, 0) => "1 second".to_owned(),
        (whole, 0) => format!("{whole} seconds"),
        _ => format!("{:.1} seconds", timeout.as_secs_f64()),
    }
}

/// The site's address as given, without trailing slashes or the service's
/// own name, with `https://` when it has no scheme.
pub(super) fn site(url: &str) -> String {
    const SERVICE: &str = "/mgwebservice.asmx";
    let mut site = url.trim().trim_end_matches('/');
    if site.to_ascii_lowercase().ends_with(SERVICE) {
        site = site[..site.len() - SERVICE.len()].trim_end_matches('/');
    }
    if site.contains("://") { site.to_owned() } else { format!("https://{site}") }
}

/// The address of a method of the service at `site`, with its query.
pub(super) fn method_url(site: &str, method: &str, query: &[(&str, &str)]) -> String {
    let mut url = format!("{site}/mgWebService.asmx/{method}");
    for (index, (key, value)) in query.iter().enumerate() {
        url.push(if index == 0 { '?' } else { '&' });
        url.push_str(&format!("{}={}", crate::percent::encode(key), crate::percent::encode(value)));
    }
    url
}

/// A date as the service takes it: dd/mm/yyyy.
pub(super) fn service_date(date: Date) -> String {
    date.strftime("%d/%m/%Y").to_string()
}
