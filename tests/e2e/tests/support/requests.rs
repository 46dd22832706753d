//! Checks of the requests wiremock recorded, and test data, shared by the async and blocking
//! wire tests.

use reqwest::header::HeaderMap;
use wiremock::Request;

use super::{Part, parse_multipart};

/// The single value of header `name` in `headers`, as text (panics if absent or repeated).
pub fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    let mut values = headers.get_all(name).iter();
    let value = values
        .next()
        .unwrap_or_else(|| panic!("no {name} header in {headers:?}"));
    assert!(
        values.next().is_none(),
        "several {name} headers: {headers:?}"
    );
    value.to_str().expect("a text header")
}

/// Panics if `headers` has `name`.
pub fn assert_no_header(headers: &HeaderMap, name: &str) {
    assert!(
        headers.get(name).is_none(),
        "unexpected {name} header: {:?}",
        headers.get_all(name).iter().collect::<Vec<_>>()
    );
}

/// Checks the request's method, path (with the `/api` prefix) and that it has a known
/// `Content-Length` matching the body (not chunked).
pub fn assert_request_line(request: &Request, method: &str, path: &str) {
    assert_eq!(request.method.as_str(), method);
    assert_eq!(request.url.path(), path);
    let length = request
        .headers
        .get("content-length")
        .map(|v| v.to_str().expect("text").to_owned());
    if request.body.is_empty() {
        // A body-less GET may omit it; if present it must say 0.
        assert!(matches!(length.as_deref(), None | Some("0")), "{length:?}");
    } else {
        assert_eq!(length, Some(request.body.len().to_string()));
    }
    assert_no_header(&request.headers, "transfer-encoding");
}

/// The query pairs of a request, decoded, in order.
pub fn query_pairs(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A file on disk, removed when dropped (also when the test panics).
pub struct TempFile(std::path::PathBuf);

impl TempFile {
    pub fn write(name: &str, contents: &[u8]) -> Self {
        let path = std::env::temp_dir().join(format!(
            "postman-codegen-wire-{}-{name}",
            std::process::id()
        ));
        std::fs::write(&path, contents).expect("write the temporary file");
        TempFile(path)
    }

    pub fn path(&self) -> &std::path::Path {
        &self.0
    }

    pub fn read(&self) -> Vec<u8> {
        std::fs::read(&self.0).expect("read the temporary file")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A small "PDF": header, every byte value (NUL, CR, LF, `-`, 0xFF…), a fake multipart
/// delimiter line and `%%EOF` — content that a sloppy multipart encoder would corrupt.
pub fn pdf_bytes() -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    bytes.extend(0..=255u8);
    bytes.extend_from_slice(b"\r\n--not-the-boundary\r\n\r\n--\r\n");
    bytes.extend_from_slice(b"%%EOF\n");
    bytes
}

/// A small PNG-like byte string: signature, then every byte value.
pub fn png_bytes() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    bytes.extend((0..=255u8).rev());
    bytes
}

/// The parts of a multipart request, after checking its `Content-Type`.
pub fn multipart_parts(request: &Request) -> Vec<Part> {
    let content_type = header(&request.headers, "content-type");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    parse_multipart(content_type, &request.body)
}

/// A text part: only `Content-Disposition: form-data; name="<name>"`, no file name, no type.
pub fn assert_text_part(part: &Part, name: &str, value: &str) {
    assert_eq!(part.name, name, "{part:#?}");
    assert_eq!(part.file_name, None, "{part:#?}");
    assert_eq!(part.content_type, None, "{part:#?}");
    assert_eq!(
        part.headers,
        vec![(
            "content-disposition".to_owned(),
            format!(r#"form-data; name="{name}""#)
        )]
    );
    assert_eq!(
        std::str::from_utf8(&part.body).expect("UTF-8 text part"),
        value
    );
}

/// `pairs` sorted by key only (a stable sort: repeated keys keep their order).
pub fn by_key(mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs
}

pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}
