//! Who may talk to the studio: only a page the studio served itself, on
//! this machine. Every request must name the studio by its own address (a
//! web page elsewhere that points a name of its own at 127.0.0.1, DNS
//! rebinding, is refused), come from no other site, and carry the token
//! printed when the studio started.

use crate::studio::http::{Request, Response};

/// The secret every request carries: in the address, a header or the
/// cookie the studio's page is given.
pub struct Guard {
    port: u16,
    token: String,
}

impl Guard {
    /// A guard for a studio on `port`, with a new random token.
    pub fn new(port: u16) -> std::io::Result<Self> {
        let mut bytes = [0u8; 24];
        getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
        let token = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
        Ok(Self { port, token })
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// The name of the cookie that carries the token, one per studio so
    /// that two studios on one machine keep apart.
    pub fn cookie_name(&self) -> String {
        format!("exec-report-{}", self.port)
    }

    /// The cookie that lets the page's own requests (its script, its
    /// links to built files) in without the token in each address.
    pub fn cookie(&self) -> String {
        format!("{}={}; Path=/; HttpOnly; SameSite=Strict", self.cookie_name(), self.token)
    }

    /// Lets `request` in, or gives the response that refuses it.
    pub fn admit(&self, request: &Request) -> Result<(), Response> {
        let ours = |authority: &str| {
            let authority = authority.to_ascii_lowercase();
            authority == format!("127.0.0.1:{}", self.port) || authority == format!("localhost:{}", self.port)
        };
        match request.header("host") {
            Some(host) if ours(host) => {}
            _ => return Err(Response::error(421, "this studio answers only at its own address, 127.0.0.1")),
        }
        if let Some(origin) = request.header("origin") {
            let site = origin.strip_prefix("http://").filter(|site| ours(site));
            if site.is_none() {
                return Err(Response::error(403, "requests from other sites are refused"));
            }
        }
        if request.header("sec-fetch-site").is_some_and(|site| site == "cross-site" || site == "same-site") {
            return Err(Response::error(403, "requests from other sites are refused"));
        }
        let given = [request.header("x-token"), request.param("token"), request.cookie(&self.cookie_name())];
        if given.into_iter().flatten().any(|token| same(token.as_bytes(), self.token.as_bytes())) {
            return Ok(());
        }
        Err(Response::error(
            403,
            "open the address `exec-report serve` printed: it carries the studio's token",
        ))
    }
}

/// Compares two secrets in a time that does not depend on where they
/// differ.
fn same(given: &[u8], known: &[u8]) -> bool {
    given.len() == known.len() && given.iter().zip(known).fold(0u8, |diff, (a, b)| diff | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(headers: &[(&str, &str)], query: &[(&str, &str)]) -> Request {
        let pairs =
            |list: &[(&str, &str)]| list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        Request {
            method: "GET".into(),
            path: "/api/tree".into(),
            query: pairs(query),
            headers: pairs(headers),
            body: Vec::new(),
        }
    }

    #[test]
    fn admits_only_its_own_address_origin_and_token() {
        let guard = Guard::new(8765).unwrap();
        let token = guard.token().to_owned();
        let host = ("host", "127.0.0.1:8765");
        assert!(guard.admit(&request(&[host], &[("token", &token)])).is_ok());
        assert!(guard.admit(&request(&[("host", "localhost:8765"), ("x-token", &token)], &[])).is_ok());
        let cookie = format!("other=1; exec-report-8765={token}");
        assert!(guard.admit(&request(&[host, ("cookie", &cookie)], &[])).is_ok());

        assert_eq!(guard.admit(&request(&[host], &[])).unwrap_err().status, 403);
        assert_eq!(guard.admit(&request(&[host], &[("token", "guess")])).unwrap_err().status, 403);
        let rebound = [("host", "attacker.example:8765")];
        assert_eq!(guard.admit(&request(&rebound, &[("token", &token)])).unwrap_err().status, 421);
        assert_eq!(
            guard.admit(&request(&[("host", "127.0.0.1:9999")], &[("token", &token)])).unwrap_err().status,
            421
        );
        let foreign = [host, ("origin", "http://attacker.example")];
        assert_eq!(guard.admit(&request(&foreign, &[("token", &token)])).unwrap_err().status, 403);
        let cross = [host, ("sec-fetch-site", "cross-site")];
        assert_eq!(guard.admit(&request(&cross, &[("token", &token)])).unwrap_err().status, 403);
    }

    #[test]
    fn every_studio_has_its_own_token() {
        assert_ne!(Guard::new(1).unwrap().token(), Guard::new(1).unwrap().token());
        assert_eq!(Guard::new(1).unwrap().token().len(), 48);
    }
}
