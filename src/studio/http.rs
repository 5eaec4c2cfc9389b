//! Just enough HTTP/1.1 for a studio on the officer's own machine: one
//! request per connection, read with limits on every part of it, so that
//! nothing a client sends can hold the server or fill its memory.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Instant;

use crate::percent;

/// The most a request's line and headers may hold.
pub const HEAD_LIMIT: usize = 16 * 1024;

/// The most a request's body may hold: a YAML file at its largest, with
/// room for the quoting of JSON.
pub const BODY_LIMIT: usize = 6 * 1024 * 1024;

/// The most headers a request may have.
const MOST_HEADERS: usize = 48;

/// A request, read whole.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The path, without its query, as sent (still percent-encoded).
    pub path: String,
    /// The query's names and values, decoded.
    pub query: Vec<(String, String)>,
    /// Header names in lowercase, with their values.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first value of the header `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(known, _)| known == name).map(|(_, value)| value.as_str())
    }

    /// The value of the query parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(known, _)| known == name).map(|(_, value)| value.as_str())
    }
}

/// A response, sent whole.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// A response of `status` whose body is `body`, of type `content_type`.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self { status, headers: vec![("Content-Type", content_type.to_owned())], body: body.into() }
    }

    /// A JSON response.
    pub fn json(status: u16, value: &serde_json::Value) -> Self {
        Self::new(status, "application/json; charset=utf-8", value.to_string())
    }

    /// An error, said plainly: `{"error": "…"}`.
    pub fn error(status: u16, message: impl Into<String>) -> Self {
        Self::json(status, &serde_json::json!({ "error": message.into() }))
    }

    /// Adds a header.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Sends the response and closes the exchange.
    pub fn send(&self, stream: &mut TcpStream) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !self.headers.iter().any(|(name, _)| *name == "Content-Security-Policy") {
            head.push_str(&format!("Content-Security-Policy: {NOTHING_RUNS}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        head.push_str(SAFETY_HEADERS);
        head.push_str("Connection: close\r\n\r\n");
        stream.write_all(head.as_bytes())?;
        stream.write_all(&self.body)?;
        stream.flush()
    }
}

/// Sent with every response: nothing is cached (the token is in the
/// address), nothing is guessed at, nothing framed, no address leaked.
pub const SAFETY_HEADERS: &str = "Cache-Control: no-store\r\n\
    X-Content-Type-Options: nosniff\r\n\
    X-Frame-Options: DENY\r\n\
    Referrer-Policy: no-referrer\r\n\
    Cross-Origin-Resource-Policy: same-origin\r\n";

/// The policy of any answer that names none of its own: were it opened as
/// a page by itself (a preview's page, an answer of the API), it would run
/// nothing and load nothing, with an origin of its own.
pub const NOTHING_RUNS: &str = "sandbox; default-src 'none'";

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// Where the head of a request (its line and headers) ends in `buffer`,
/// the blank line included, once it has arrived.
pub fn head_end(buffer: &[u8]) -> Option<usize> {
    find(buffer, b"\r\n\r\n").map(|end| end + 4)
}

/// The request whose head is `head`, without its body yet, and how long
/// its body is; or the response that refuses it.
pub fn parse_head(head: &[u8]) -> Result<(Request, usize), Response> {
    if head.len() > HEAD_LIMIT {
        return Err(Response::error(431, "the request's headers are too long"));
    }
    let mut headers = [httparse::EMPTY_HEADER; MOST_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(head) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) | Err(httparse::Error::TooManyHeaders) => {
            return Err(Response::error(431, "the request has too many headers"));
        }
        Err(_) => return Err(Response::error(400, "the request is not HTTP")),
    }
    let method = parsed.method.unwrap_or_default().to_owned();
    let target = parsed.path.unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers: Vec<(String, String)> = parsed
        .headers
        .iter()
        .map(|header| {
            (header.name.to_ascii_lowercase(), String::from_utf8_lossy(header.value).trim().to_owned())
        })
        .collect();
    let request =
        Request { method, path: path.to_owned(), query: parse_query(query), headers, body: Vec::new() };
    let length = body_length(&request)?;
    Ok((request, length))
}

/// How long the body of `request` is, from its `Content-Length`.
fn body_length(request: &Request) -> Result<usize, Response> {
    if request.header("transfer-encoding").is_some() {
        return Err(Response::error(411, "send the body with a Content-Length"));
    }
    let length = match request.header("content-length") {
        None => 0,
        Some(value) => {
            value.parse::<usize>().map_err(|_| Response::error(400, "the Content-Length is not a number"))?
        }
    };
    if length > BODY_LIMIT {
        return Err(Response::error(413, "the request is too large"));
    }
    Ok(length)
}

/// Reads the body of `request`, `length` bytes, from `stream` by
/// `deadline`; `body` holds what came with the head.
pub fn read_body(
    stream: &mut TcpStream,
    request: &mut Request,
    length: usize,
    mut body: Vec<u8>,
    deadline: Instant,
) -> Result<(), Response> {
    let late = || Response::error(408, "the request was not sent in time");
    let mut chunk = [0u8; 16 * 1024];
    while body.len() < length {
        // Each read waits at most for what is left of the time, so a
        // client sending a byte now and then cannot hold the connection
        // longer.
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(late());
        }
        let wanted = (length - body.len()).min(chunk.len());
        match stream.read(&mut chunk[..wanted]) {
            Ok(0) => return Err(Response::error(400, "the request ended early")),
            Ok(read) => body.extend_from_slice(&chunk[..read]),
            Err(_) => return Err(late()),
        }
    }
    body.truncate(length);
    request.body = body;
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// A query string's names and values, decoded as a form's.
fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent::decode(&name.replace('+', " ")), percent::decode(&value.replace('+', " ")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_query_as_a_form_would_send_it() {
        let query = parse_query("path=2016%2Fmeeting.yaml&n=2&token=a+b&empty");
        assert_eq!(query[0], ("path".to_owned(), "2016/meeting.yaml".to_owned()));
        assert_eq!(query[2].1, "a b");
        assert_eq!(query[3], ("empty".to_owned(), String::new()));
    }
}
