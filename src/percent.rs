//! Percent-encoding of the parts of a web address: a query's names and
//! values sent to a web service, a file's name in a link, and what a
//! browser sends back.

/// `text` percent-encoded: all but the unreserved characters.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// Decodes `%XX` escapes; a string that does not decode to UTF-8 keeps its
/// bad bytes replaced, and so names no file.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = |offset: usize| bytes.get(at + offset).and_then(|byte| (*byte as char).to_digit(16));
        match (bytes[at], hex(1), hex(2)) {
            (b'%', Some(high), Some(low)) => {
                decoded.push((high * 16 + low) as u8);
                at += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_it_encodes_and_keeps_bad_escapes() {
        let name = "Children's Services & more/ü.pdf";
        assert_eq!(encode("a b/c"), "a%20b%2Fc");
        assert_eq!(decode(&encode(name)), name);
        assert_eq!(decode("%2e%2E%2f%zz%"), "../%zz%");
    }
}
