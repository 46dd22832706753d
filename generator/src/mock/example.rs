//! A saved example turned into a response the mock can send: a valid status, the headers that
//! still make sense when replayed, and the body text as saved.

use crate::Warning;
use crate::load::Example;
use hyper::StatusCode;
use hyper::header::{HeaderName, HeaderValue};

/// Headers that describe one connection or one encoding of the body, not the resource: replaying
/// them would lie about the mock's own connection (`Transfer-Encoding: chunked` on a fixed-length
/// body breaks clients). `Content-Length` is recomputed from the body, and `Content-Encoding` is
/// dropped because Postman saves the body already decoded (a `gzip` label on plain text would make
/// clients fail to decompress it).
const DROPPED_HEADERS: &[&str] = &[
    "connection",
    "content-encoding",
    "content-length",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// One saved example, ready to be served.
#[derive(Debug, Clone, PartialEq)]
pub struct MockExample {
    /// The example name as saved (may hold markdown and newlines).
    pub name: String,
    /// The status served: `code`, else the status text read as a standard reason phrase, else 200.
    pub status: u16,
    /// Headers served, in saved order, each name and value valid for HTTP.
    pub headers: Vec<(String, String)>,
    /// The body as saved; empty when the example has none.
    pub body: String,
}

impl MockExample {
    /// Converts a saved example; `None` (with a warning) when its code cannot be an HTTP status.
    pub(crate) fn new(
        example: &Example,
        context: &str,
        warnings: &mut Vec<Warning>,
    ) -> Option<Self> {
        let status = match example.code {
            // A 1xx is never a final response, and clients reject codes above 599.
            Some(code) if (200..=599).contains(&code) => code,
            Some(code) => {
                warnings.push(Warning {
                    context: context.to_owned(),
                    message: format!(
                        "example {:?} has status code {code}, which cannot be the status of a response; the mock never serves it",
                        example.name
                    ),
                });
                return None;
            }
            None => status_from_text(example).unwrap_or_else(|| {
                warnings.push(Warning {
                    context: context.to_owned(),
                    message: format!(
                        "example {:?} has no status code; the mock serves it as 200",
                        example.name
                    ),
                });
                200
            }),
        };
        let body = example.body.clone().unwrap_or_default();
        let mut headers = Vec::new();
        for header in example.headers.iter().filter(|h| !h.disabled) {
            let value = header.value.as_deref().unwrap_or("");
            if DROPPED_HEADERS.contains(&header.key.to_ascii_lowercase().as_str()) {
                continue;
            }
            if HeaderName::from_bytes(header.key.as_bytes()).is_err()
                || HeaderValue::from_bytes(value.as_bytes()).is_err()
            {
                warnings.push(Warning {
                    context: context.to_owned(),
                    message: format!(
                        "example {:?}: header {:?}: {value:?} is not valid in HTTP; the mock leaves it out",
                        example.name, header.key
                    ),
                });
                continue;
            }
            headers.push((header.key.clone(), value.to_owned()));
        }
        let has_content_type = headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
        if !has_content_type && !body.trim().is_empty() {
            headers.push((
                "Content-Type".to_owned(),
                guess_content_type(example, &body).to_owned(),
            ));
        }
        Some(Self {
            name: example.name.clone(),
            status,
            headers,
            body,
        })
    }

    /// Whether the status is a success (2xx).
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// An example without `code`: its `status` text (or, as some exports do, its name) read as a
/// standard reason phrase, `"Not Found"` → 404. This covers the model's `OK`/`Created`/… reading,
/// so the mock and the generated client agree on which examples are successes.
fn status_from_text(example: &Example) -> Option<u16> {
    let text = example.status.as_deref().unwrap_or(&example.name).trim();
    (200..=599u16).find(|&code| {
        StatusCode::from_u16(code)
            .ok()
            .and_then(|status| status.canonical_reason())
            .is_some_and(|reason| reason.eq_ignore_ascii_case(text))
    })
}

/// A `Content-Type` for a body saved without one, so clients can decode it: Postman's preview
/// language when it names a format, else JSON when the body parses as JSON, else plain text.
fn guess_content_type(example: &Example, body: &str) -> &'static str {
    match example.preview_language.as_deref() {
        Some("json") => "application/json",
        Some("xml") => "application/xml; charset=utf-8",
        Some("html") => "text/html; charset=utf-8",
        _ if serde_json::from_str::<serde_json::Value>(body).is_ok() => "application/json",
        _ => "text/plain; charset=utf-8",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::KeyValue;

    fn header(key: &str, value: &str) -> KeyValue {
        KeyValue {
            key: key.to_owned(),
            value: Some(value.to_owned()),
            description: None,
            disabled: false,
        }
    }

    fn example(code: Option<u16>, status: Option<&str>, headers: Vec<KeyValue>) -> Example {
        Example {
            name: "An example".to_owned(),
            code,
            status: status.map(str::to_owned),
            headers,
            body: Some("[1, 2]".to_owned()),
            preview_language: None,
        }
    }

    fn convert(example: &Example) -> (Option<MockExample>, Vec<Warning>) {
        let mut warnings = Vec::new();
        (MockExample::new(example, "item", &mut warnings), warnings)
    }

    #[test]
    fn keeps_resource_headers_and_drops_connection_ones() {
        let mut disabled = header("X-Disabled", "1");
        disabled.disabled = true;
        let saved = example(
            Some(201),
            None,
            vec![
                header("Content-Type", "application/json"),
                header("Transfer-Encoding", "chunked"),
                header("content-length", "99"),
                header("Content-Encoding", "gzip"),
                header("ETag", "W/\"35\""),
                header("Bad Name", "x"),
                disabled,
            ],
        );
        let (converted, warnings) = convert(&saved);
        let converted = converted.expect("201 is a status");
        assert_eq!(converted.status, 201);
        assert_eq!(
            converted.headers,
            [
                ("Content-Type".to_owned(), "application/json".to_owned()),
                ("ETag".to_owned(), "W/\"35\"".to_owned()),
            ]
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.contains("Bad Name"));
    }

    #[test]
    fn status_comes_from_code_then_text_then_200() {
        assert_eq!(
            convert(&example(None, Some("Not Found"), vec![]))
                .0
                .unwrap()
                .status,
            404
        );
        assert_eq!(
            convert(&example(None, Some("created"), vec![]))
                .0
                .unwrap()
                .status,
            201
        );
        let (served, warnings) = convert(&example(None, Some("Whatever"), vec![]));
        assert_eq!(served.unwrap().status, 200);
        assert_eq!(warnings.len(), 1);
        let (skipped, warnings) = convert(&example(Some(1000), None, vec![]));
        assert_eq!(skipped, None);
        assert!(warnings[0].message.contains("1000"));
    }

    #[test]
    fn guesses_a_content_type_only_when_missing() {
        let (json, _) = convert(&example(Some(200), None, vec![]));
        assert_eq!(
            json.unwrap().headers,
            [("Content-Type".to_owned(), "application/json".to_owned())]
        );
        let mut text = example(Some(200), None, vec![]);
        text.body = Some("hello".to_owned());
        assert_eq!(
            convert(&text).0.unwrap().headers[0].1,
            "text/plain; charset=utf-8"
        );
        text.body = Some("  ".to_owned());
        assert!(convert(&text).0.unwrap().headers.is_empty());
    }
}
