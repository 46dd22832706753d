//! No panic on any response: random statuses, headers, bodies and framings from a real socket
//! through the generated `send` and decoders, and random bodies through the error enums and
//! `ErrorBody` in process. Every outcome must also be the documented one for its status.

use std::time::Duration;

use client_safety_tests::{OneShot, Reply};
use proptest::collection::vec;
use proptest::prelude::*;
use safety_checks::Undocumented;
use safety_checks::errors::GetItemError;
use safety_checks::{ApiError, Client, Error, ErrorBody, RetryPolicy};

/// How the body's length is told, right or wrong.
#[derive(Debug, Clone)]
enum Framing {
    /// `content-length` matches.
    Exact,
    /// No `content-length`: the body ends when the connection closes.
    UntilClose,
    /// `content-length` larger than the body: the response is cut short.
    TooLong,
}

#[derive(Debug, Clone)]
struct ServedResponse {
    status: u16,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
    framing: Framing,
}

impl ServedResponse {
    fn bytes(&self) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} Whatever\r\n", self.status).into_bytes();
        for (name, value) in &self.headers {
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value);
            out.extend_from_slice(b"\r\n");
        }
        match self.framing {
            Framing::Exact => {
                out.extend_from_slice(format!("content-length: {}\r\n", self.body.len()).as_bytes())
            }
            Framing::UntilClose => {}
            Framing::TooLong => out.extend_from_slice(
                format!("content-length: {}\r\n", self.body.len() + 10).as_bytes(),
            ),
        }
        out.extend_from_slice(b"connection: close\r\n\r\n");
        out.extend_from_slice(&self.body);
        out
    }

    /// Whether a correct client must read this response without a transport error.
    fn well_formed(&self) -> bool {
        !matches!(self.framing, Framing::TooLong)
            // A response to a HEAD-less request with 204 or 304 has no body by definition; a
            // body sent anyway is left unread, which is not an error either.
            && !(100..200).contains(&self.status)
    }
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..300),
        Just(br#"{"id": 1, "name": "a", "tags": ["x"], "big": 18446744073709551615}"#.to_vec()),
        Just(br#"{"code": 1001, "message": "Item not found."}"#.to_vec()),
        Just(br#"{"error": {"code": "E1", "detail": "nested"}}"#.to_vec()),
        Just(b"1e400".to_vec()),
        Just(br#"{"id": 1e400}"#.to_vec()),
        Just(format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes()),
        Just("é".repeat(300).into_bytes()),
        Just(b"\xff\xfe\x00garbage".to_vec()),
        "[ -~]{0,200}".prop_map(String::into_bytes),
    ]
}

/// Header names and values a server may send. Never `location` (a redirect could lead off
/// this machine), nor the framing headers, which `Framing` sets.
fn headers() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let name = prop_oneof![
        Just("content-type".to_owned()),
        Just("retry-after".to_owned()),
        Just("x-request-id".to_owned()),
        Just("set-cookie".to_owned()),
        "x-[a-z0-9-]{1,20}",
    ];
    let value = prop_oneof![
        Just(b"application/json".to_vec()),
        Just(b"text/plain; charset=utf-8".to_vec()),
        vec(0x20u8..0x7f, 0..60),
        // obs-text: bytes above 0x7F are allowed in header values.
        vec(prop_oneof![0x20u8..0x7f, 0x80u8..=0xff], 0..60),
    ];
    vec((name, value), 0..6)
}

fn served_response() -> impl Strategy<Value = ServedResponse> {
    let status = prop_oneof![
        Just(200u16),
        Just(204),
        Just(304),
        Just(404),
        Just(500),
        200u16..=599,
        600u16..=999,
    ];
    let framing = prop_oneof![
        4 => Just(Framing::Exact),
        1 => Just(Framing::UntilClose),
        1 => Just(Framing::TooLong),
    ];
    (status, headers(), body(), framing).prop_map(|(status, headers, body, framing)| {
        ServedResponse {
            status,
            headers,
            body,
            framing,
        }
    })
}

/// The checks every outcome must pass, whatever the operation.
fn check_outcome<T: std::fmt::Debug, E: std::fmt::Debug>(
    served: &ServedResponse,
    result: &Result<T, Error<E>>,
    documented: &[u16],
) {
    let success = (200..300).contains(&served.status);
    match result {
        Ok(_) => assert!(success, "Ok for status {}", served.status),
        Err(error) => {
            // Display and Debug never panic, whatever the body.
            let _ = (error.to_string(), format!("{error:?}"));
            match error {
                Error::Api { status, .. } => {
                    assert_eq!(*status, served.status);
                    assert!(documented.contains(status), "Api for undocumented {status}");
                }
                Error::UnexpectedStatus { status, body, .. } => {
                    assert_eq!(*status, served.status);
                    assert!(!documented.contains(status) || success);
                    if matches!(served.framing, Framing::Exact | Framing::UntilClose)
                        && !matches!(status, 204 | 304)
                    {
                        assert_eq!(body, &served.body);
                    }
                }
                Error::Decode { status, .. } => {
                    assert!(success);
                    assert_eq!(*status, served.status);
                }
                Error::Transport(inner) => {
                    assert!(
                        !served.well_formed(),
                        "transport error on a well-formed response: {inner:?}"
                    );
                }
                Error::InvalidRequest(message) => panic!("invalid request: {message}"),
            }
            assert_eq!(
                error.status().is_some(),
                !matches!(error, Error::Transport(_) | Error::InvalidRequest(_))
            );
        }
    }
}

/// Runs one operation, picked by `operation`, against a server that sends `served`.
async fn call(operation: u8, served: &ServedResponse) {
    let server = OneShot::start(Reply::Bytes(served.bytes()), Duration::from_secs(10));
    // The server answers one connection: a retried 429 or 503 would find it closed.
    let client = Client::new(&server.base_url)
        .with_timeout(Duration::from_secs(10))
        .with_retry(RetryPolicy::none());
    match operation % 3 {
        // JSON decoder; 404 documented.
        0 => check_outcome(served, &client.get_item("1", "t", None).await, &[404]),
        // Text decoder.
        1 => check_outcome(served, &client.passwd().await, &[]),
        // Empty decoder.
        _ => check_outcome(served, &client.keyword().await, &[]),
    }
    server.finish();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_response_from_a_socket(operation in any::<u8>(), served in served_response()) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(call(operation, &served));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The error enums and `ErrorBody` on any status and bytes, in process.
    #[test]
    fn any_error_body(status in any::<u16>(), bytes in body()) {
        let body = ErrorBody::from(bytes.clone());
        let _ = (body.text(), body.json(), body.code(), body.message(), format!("{body:?}"));
        prop_assert_eq!(body.bytes(), &bytes[..]);

        let error = GetItemError::from_response(status, body.clone());
        prop_assert_eq!(error.is_some(), status == 404);
        // The operations that document no error status share one type without a variant.
        prop_assert!(Undocumented::from_response(status, body).is_none());
        if let Some(error) = error {
            let error: Error<GetItemError> = Error::Api {
                status,
                headers: reqwest::header::HeaderMap::new(),
                error,
                body: ErrorBody::from(bytes),
            };
            let shown = error.to_string();
            prop_assert!(shown.starts_with("HTTP 404 Not Found"), "{}", shown);
            // Excerpts keep error messages short, whatever the body: at most 200 characters
            // of the message and of the code.
            prop_assert!(shown.chars().count() < 440, "{}", shown);
        }
    }
}

/// The documented error code and message come out of the shapes APIs use.
#[test]
fn error_body_fields() {
    let body = ErrorBody::from(br#"{"code": 1001, "message": "Item not found."}"#.to_vec());
    assert_eq!(body.code().as_deref(), Some("1001"));
    assert_eq!(body.message().as_deref(), Some("Item not found."));
    let body = ErrorBody::from(br#"{"error": {"error_code": "E1", "detail": "nested"}}"#.to_vec());
    assert_eq!(body.code().as_deref(), Some("E1"));
    assert_eq!(body.message().as_deref(), Some("nested"));
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let body = ErrorBody::from(deep.into_bytes());
    assert_eq!((body.json(), body.code()), (None, None));
}
