//! Who may talk to the studio: only a page the studio served itself, on
//! this machine. Every request must name the studio by its own address (a
//! web page elsewhere that points a name of its own at 127.0.0.1, DNS
//! rebinding, is refused). The studio's page and its API need the token
//! printed when the studio started, and no other site's pages may use
//! them. The files a build wrote are opened by links that carry a
//! signature of their folder instead: the token itself never reaches them.
//!
//! No cookie is set. Browsers send a cookie of 127.0.0.1 to every port of
//! it, so any other server on this machine would be given the token.

use sha2::{Digest, Sha256};

use crate::percent;
use crate::studio::http::{Request, Response};

/// What a request admitted may reach.
#[derive(Debug, PartialEq, Eq)]
pub enum Access {
    /// The page, its assets and the API: the request carries the token.
    Token,
    /// A file of the output folder `folder` (its name there, decoded),
    /// at `rest` inside it (still percent-encoded): the link's signature
    /// is the folder's.
    Built { folder: String, rest: String },
}

/// The secret every request carries, in the address or the `X-Token`
/// header, and the signatures made from it.
pub struct Guard {
    port: u16,
    token: String,
}

impl Guard {
    /// A guard for a studio on `port`, with a new random token.
    pub fn new(port: u16) -> std::io::Result<Self> {
        let mut bytes = [0u8; 24];
        getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
        Ok(Self { port, token: hex(&bytes) })
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// The address of the file `name` that a build wrote into the output
    /// folder `folder`. The signature covers the folder, not each file, so
    /// that a built web page's links to the files beside it open too.
    pub fn built_href(&self, folder: &str, name: &str) -> String {
        let signature = self.signature(folder);
        format!("/out/{signature}/{}/{}", percent::encode(folder), percent::encode(name))
    }

    /// Lets `request` in, or gives the response that refuses it.
    pub fn admit(&self, request: &Request) -> Result<Access, Response> {
        self.check_host(request)?;
        if let Some(signed) = request.path.strip_prefix("/out/") {
            // A built page is a sandbox of no origin: what it opens is sent
            // as from another site, with no `Origin`. The signature alone
            // shows the link came from the studio.
            return self.check_signature(signed).ok_or_else(|| {
                Response::error(403, "open built files from the studio's list of built files")
            });
        }
        self.check_site(request)?;
        let given = [request.header("x-token"), request.param("token")];
        if given.into_iter().flatten().any(|token| same(token.as_bytes(), self.token.as_bytes())) {
            return Ok(Access::Token);
        }
        Err(Response::error(
            403,
            "open the address `exec-report serve` printed: it carries the studio's token",
        ))
    }

    fn check_host(&self, request: &Request) -> Result<(), Response> {
        match request.header("host") {
            Some(host) if self.ours(host) => Ok(()),
            _ => Err(Response::error(421, "this studio answers only at its own address, 127.0.0.1")),
        }
    }

    fn check_site(&self, request: &Request) -> Result<(), Response> {
        let foreign = || Response::error(403, "requests from other sites are refused");
        if let Some(origin) = request.header("origin")
            && !origin.strip_prefix("http://").is_some_and(|site| self.ours(site))
        {
            return Err(foreign());
        }
        match request.header("sec-fetch-site") {
            Some("cross-site" | "same-site") => Err(foreign()),
            _ => Ok(()),
        }
    }

    fn ours(&self, authority: &str) -> bool {
        let authority = authority.to_ascii_lowercase();
        authority == format!("127.0.0.1:{}", self.port) || authority == format!("localhost:{}", self.port)
    }

    /// The folder and the rest of a path `<signature>/<folder>/<rest>`,
    /// when the signature is the folder's.
    fn check_signature(&self, signed: &str) -> Option<Access> {
        let (signature, path) = signed.split_once('/')?;
        let (folder, rest) = path.split_once('/').unwrap_or((path, ""));
        let folder = percent::decode(folder);
        if folder.is_empty() || !same(signature.as_bytes(), self.signature(&folder).as_bytes()) {
            return None;
        }
        Some(Access::Built { folder, rest: rest.to_owned() })
    }

    /// The signature of the output folder `folder`: HMAC-SHA256 keyed with
    /// the token, so that only the studio can make one.
    fn signature(&self, folder: &str) -> String {
        hex(&hmac_sha256(self.token.as_bytes(), format!("out/{folder}").as_bytes()))
    }
}

/// HMAC-SHA256 (RFC 2104) of `message` under `key`.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|key_byte| key_byte ^ byte);
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(message).finalize();
    Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Compares two secrets in a time that does not depend on where they
/// differ.
fn same(given: &[u8], known: &[u8]) -> bool {
    given.len() == known.len() && given.iter().zip(known).fold(0u8, |diff, (a, b)| diff | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str, headers: &[(&str, &str)], query: &[(&str, &str)]) -> Request {
        let pairs =
            |list: &[(&str, &str)]| list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        Request {
            method: "GET".into(),
            path: path.into(),
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
        let admit = |headers: &[(&str, &str)], query: &[(&str, &str)]| {
            guard.admit(&request("/api/tree", headers, query)).map_err(|refused| refused.status)
        };
        assert_eq!(admit(&[host], &[("token", &token)]), Ok(Access::Token));
        assert_eq!(admit(&[("host", "localhost:8765"), ("x-token", &token)], &[]), Ok(Access::Token));
        let cookie = format!("exec-report-8765={token}");
        assert_eq!(admit(&[host, ("cookie", &cookie)], &[]), Err(403), "a cookie is no token");

        assert_eq!(admit(&[host], &[]), Err(403));
        assert_eq!(admit(&[host], &[("token", "guess")]), Err(403));
        assert_eq!(admit(&[("host", "attacker.example:8765")], &[("token", &token)]), Err(421));
        assert_eq!(admit(&[("host", "127.0.0.1:9999")], &[("token", &token)]), Err(421));
        assert_eq!(admit(&[host, ("origin", "http://attacker.example")], &[("token", &token)]), Err(403));
        assert_eq!(admit(&[host, ("sec-fetch-site", "cross-site")], &[("token", &token)]), Err(403));
    }

    #[test]
    fn admits_a_built_file_by_its_folders_signature_alone() {
        let guard = Guard::new(8765).unwrap();
        let host = ("host", "127.0.0.1:8765");
        let href = guard.built_href("2016 cabinet", "report.pdf");
        assert!(href.starts_with("/out/") && href.ends_with("/2016%20cabinet/report.pdf"), "{href}");
        let built = Access::Built { folder: "2016 cabinet".into(), rest: "report.pdf".into() };
        let admit = |path: &str, headers: &[(&str, &str)]| {
            guard.admit(&request(path, headers, &[])).map_err(|refused| refused.status)
        };
        // A sandboxed page's links are sent as from another site.
        assert_eq!(admit(&href, &[host, ("sec-fetch-site", "cross-site")]), Ok(built));
        let beside = href.replace("report.pdf", "index.html");
        assert!(matches!(admit(&beside, &[host]), Ok(Access::Built { .. })));

        let token = guard.token().to_owned();
        let unsigned = "/out/2016%20cabinet/report.pdf";
        assert_eq!(admit(unsigned, &[host, ("x-token", &token)]), Err(403), "the token opens no built file");
        let other_folder = href.replace("2016%20cabinet", "2017%20cabinet");
        assert_eq!(admit(&other_folder, &[host]), Err(403));
        let wrong = format!("/out/{}/2016%20cabinet/report.pdf", "0".repeat(64));
        assert_eq!(admit(&wrong, &[host]), Err(403));
        assert_eq!(admit(&href, &[("host", "attacker.example:8765")]), Err(421));
    }

    #[test]
    fn computes_hmac_sha256_as_rfc_4231_gives_it() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(hex(&mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        let long_key = [0xaa; 131];
        let mac = hmac_sha256(&long_key, b"Test Using Larger Than Block-Size Key - Hash Key First");
        assert_eq!(hex(&mac), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    #[test]
    fn every_studio_has_its_own_token() {
        assert_ne!(Guard::new(1).unwrap().token(), Guard::new(1).unwrap().token());
        assert_eq!(Guard::new(1).unwrap().token().len(), 48);
    }
}
