//! Just enough HTTP/1.1 for a studio on the officer's own machine: one
//! request per connection, read with limits on every part of it, so that
//! nothing a client sends can hold the server or fill its memory.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::percent;

/// The most a request's line and headers may hold.
pub const HEAD_LIMIT: usize = 16 * 1024;

/// The most a request's body may hold: a YAML file at its largest, with
/// room for the quoting of JSON.
pub const BODY_LIMIT: usize = 6 * 1024 * 1024;

/// The most headers a request may have.
const MOST_HEADERS: usize = 48;

/// How long a client may take to send its request, all of it.
const READ_TIMEOUT: Duration = Duration::from_secs(15);

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

    /// The value of the cookie `name`.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.headers.iter().filter(|(known, _)| known == "cookie").find_map(|(_, value)| {
            value.split(';').find_map(|pair| {
                let (key, value) = pair.trim().split_once('=')?;
                (key == name).then_some(value)
            })
        })
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

/// Reads one request from `stream`, or the response that refuses it.
pub fn read(stream: &mut TcpStream) -> Result<Request, Response> {
    // Each read waits at most for what is left of the time, so a client
    // sending a byte now and then cannot hold the connection longer.
    let deadline = std::time::Instant::now() + READ_TIMEOUT;
    let late = || Response::error(408, "the request was not sent in time");
    let wait = |stream: &mut TcpStream| {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(late());
        }
        stream.set_read_timeout(Some(left)).map_err(|_| late())
    };
    let mut buffer = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = find(&buffer, b"\r\n\r\n") {
            break end + 4;
        }
        if buffer.len() > HEAD_LIMIT {
            return Err(Response::error(431, "the request's headers are too long"));
        }
        wait(stream)?;
        match stream.read(&mut chunk) {
            Ok(0) => return Err(Response::error(400, "the request ended early")),
            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
            Err(_) => return Err(late()),
        }
    };
    if head_end > HEAD_LIMIT {
        return Err(Response::error(431, "the request's headers are too long"));
    }
    let mut headers = [httparse::EMPTY_HEADER; MOST_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(&buffer[..head_end]) {
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
    let mut request =
        Request { method, path: path.to_owned(), query: parse_query(query), headers, body: Vec::new() };
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
    let mut body = buffer.split_off(head_end);
    while body.len() < length {
        wait(stream)?;
        let wanted = (length - body.len()).min(chunk.len());
        match stream.read(&mut chunk[..wanted]) {
            Ok(0) => break,
            Ok(read) => body.extend_from_slice(&chunk[..read]),
            Err(_) => return Err(late()),
        }
    }
    if body.len() < length {
        return Err(Response::error(400, "the request ended early"));
    }
    body.truncate(length);
    request.body = body;
    Ok(request)
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
