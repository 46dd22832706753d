//! Helpers shared by the end-to-end tests: a strict `multipart/form-data` parser and a raw
//! one-shot HTTP server that records the request exactly as it came off the socket; checks of
//! recorded requests (`requests`) and the Zoom client's set-up (`zoom`).

#![allow(dead_code)] // Each test binary that includes this module uses a different subset.

pub mod pages;
pub mod requests;
pub mod slow;
pub mod spans;
pub mod zoom;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::thread::JoinHandle;
use std::time::Duration;

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The part's header lines, names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    /// `name` from `Content-Disposition`.
    pub name: String,
    /// `filename` from `Content-Disposition`, if any.
    pub file_name: Option<String>,
    /// The part's `Content-Type`, if any.
    pub content_type: Option<String>,
    /// The part's content, byte for byte.
    pub body: Vec<u8>,
}

/// The boundary of a request `Content-Type` header, which must be exactly
/// `multipart/form-data; boundary=<boundary>` (what reqwest sends). Panics otherwise.
pub fn boundary(content_type: &str) -> &str {
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not a multipart/form-data content type: {content_type:?}"));
    // RFC 2046 §5.1.1: 1 to 70 characters, no trailing space; reqwest never quotes it.
    assert!(
        (1..=70).contains(&boundary.len()) && !boundary.ends_with(' ') && !boundary.contains('"'),
        "bad boundary {boundary:?}"
    );
    boundary
}

/// Parses a `multipart/form-data` body (RFC 7578 / RFC 2046 §5.1) by hand, strictly: the body
/// must start with the first delimiter (no preamble), every part must have headers ended by an
/// empty line, and the body must end with the close delimiter (`--boundary--`, optionally
/// followed by CRLF) and nothing else. Panics on anything else, so a malformed body fails the
/// test with a message saying why.
///
/// Written by hand rather than with a crate such as `multer`: the format is small, this keeps
/// the test crate's dependencies to what the brief lists, and a strict parser checks the exact
/// framing (a lenient one would accept a preamble or a missing close delimiter).
pub fn parse_multipart(content_type: &str, body: &[u8]) -> Vec<Part> {
    let boundary = boundary(content_type);
    let first = format!("--{boundary}");
    let delimiter = format!("\r\n--{boundary}");
    let rest = body
        .strip_prefix(first.as_bytes())
        .unwrap_or_else(|| panic!("the body does not start with {first:?}: {:?}", lossy(body)));
    let mut rest = rest
        .strip_prefix(b"\r\n")
        .unwrap_or_else(|| panic!("no CRLF after the first delimiter: {:?}", lossy(rest)));
    let mut parts = Vec::new();
    loop {
        let end = find(rest, delimiter.as_bytes())
            .unwrap_or_else(|| panic!("a part is not closed by {delimiter:?}: {:?}", lossy(rest)));
        parts.push(parse_part(&rest[..end]));
        let after = &rest[end + delimiter.len()..];
        if let Some(tail) = after.strip_prefix(b"--") {
            assert!(
                tail.is_empty() || tail == b"\r\n",
                "bytes after the close delimiter: {:?}",
                lossy(tail)
            );
            return parts;
        }
        rest = after
            .strip_prefix(b"\r\n")
            .unwrap_or_else(|| panic!("no CRLF after a delimiter: {:?}", lossy(after)));
    }
}

fn parse_part(raw: &[u8]) -> Part {
    let split = find(raw, b"\r\n\r\n").unwrap_or_else(|| {
        panic!(
            "a part has no empty line after its headers: {:?}",
            lossy(raw)
        )
    });
    let head = std::str::from_utf8(&raw[..split]).expect("part headers are UTF-8");
    let body = raw[split + 4..].to_vec();
    let headers: Vec<(String, String)> = head
        .split("\r\n")
        .map(|line| {
            let (name, value) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("bad part header line {line:?}"));
            (name.trim().to_ascii_lowercase(), value.trim().to_owned())
        })
        .collect();
    let header = |name: &str| {
        let mut values = headers.iter().filter(|(n, _)| n == name).map(|(_, v)| v);
        let value = values.next().cloned();
        assert!(values.next().is_none(), "the part repeats {name}");
        value
    };
    let disposition = header("content-disposition").expect("a part without Content-Disposition");
    let params = disposition
        .strip_prefix("form-data")
        .unwrap_or_else(|| panic!("not form-data: {disposition:?}"));
    let params = disposition_params(params);
    let param = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    Part {
        name: param("name").unwrap_or_else(|| panic!("no name in {disposition:?}")),
        file_name: param("filename"),
        content_type: header("content-type"),
        headers,
        body,
    }
}

/// `; key="value"; key2=value2` → pairs, unquoting quoted strings (with `\"` escapes).
fn disposition_params(mut text: &str) -> Vec<(String, String)> {
    let mut params = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return params;
        }
        text = text
            .strip_prefix(';')
            .unwrap_or_else(|| panic!("expected `;` in Content-Disposition at {text:?}"))
            .trim_start();
        let (key, after) = text
            .split_once('=')
            .unwrap_or_else(|| panic!("a Content-Disposition parameter without `=`: {text:?}"));
        let key = key.trim().to_ascii_lowercase();
        if let Some(quoted) = after.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices();
            let end = loop {
                match chars.next() {
                    Some((_, '\\')) => value.push(chars.next().expect("dangling escape").1),
                    Some((i, '"')) => break i,
                    Some((_, c)) => value.push(c),
                    None => panic!("unterminated quoted string in {quoted:?}"),
                }
            };
            params.push((key, value));
            text = &quoted[end + 1..];
        } else {
            let end = after.find(';').unwrap_or(after.len());
            params.push((key, after[..end].trim().to_owned()));
            text = &after[end..];
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What the raw server read: the request line exactly as sent, and the header lines.
#[derive(Debug)]
pub struct RawRequest {
    pub request_line: String,
    pub headers: Vec<String>,
}

/// A server on `127.0.0.1` that accepts one connection, reads one body-less request (request
/// line and headers, byte for byte, no URL parsing or normalization on our side), answers
/// `response` verbatim and closes. Returns its base URL (`http://127.0.0.1:<port>`) and a
/// handle that yields what it read.
pub fn one_shot_server(response: &'static [u8]) -> (String, JoinHandle<RawRequest>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("local address");
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().expect("accept");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("read timeout");
        let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
        let mut request_line = String::new();
        reader.read_line(&mut request_line).expect("request line");
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("header line");
            if line == "\r\n" || line.is_empty() {
                break;
            }
            headers.push(line.trim_end_matches("\r\n").to_owned());
        }
        let length = headers
            .iter()
            .find_map(|h| {
                let (name, value) = h.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().expect("content-length"))
            })
            .unwrap_or(0);
        let mut body = vec![0; length];
        reader.read_exact(&mut body).expect("request body");
        let mut stream = stream;
        stream.write_all(response).expect("write response");
        stream.flush().expect("flush");
        RawRequest {
            request_line: request_line.trim_end_matches("\r\n").to_owned(),
            headers,
        }
    });
    (format!("http://{address}"), handle)
}

// The parser's own checks: a parser that accepted anything would make the upload tests vacuous.
#[cfg(test)]
mod tests {
    use super::*;

    const CT: &str = "multipart/form-data; boundary=XyZ";

    #[test]
    fn parses_parts_exactly() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\x00\r\n--X\xFF\r\n--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--XyZ--\r\n";
        let parts = parse_multipart(CT, body);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "file");
        assert_eq!(parts[0].file_name.as_deref(), Some("a \"b\".jpg"));
        assert_eq!(parts[0].content_type.as_deref(), Some("image/jpeg"));
        assert_eq!(parts[0].body, b"\x00\r\n--X\xFF");
        assert_eq!(parts[1].name, "note");
        assert_eq!(parts[1].file_name, None);
        assert_eq!(parts[1].content_type, None);
        assert_eq!(parts[1].body, b"hi");
    }

    #[test]
    #[should_panic(expected = "is not closed")]
    fn rejects_a_missing_close_delimiter() {
        parse_multipart(
            CT,
            b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx",
        );
    }

    #[test]
    #[should_panic(expected = "does not start with")]
    fn rejects_a_preamble() {
        parse_multipart(
            CT,
            b"junk\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ--",
        );
    }

    #[test]
    #[should_panic(expected = "after the close delimiter")]
    fn rejects_trailing_bytes() {
        parse_multipart(
            CT,
            b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ--\r\nmore",
        );
    }
}
