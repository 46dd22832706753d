//! What a generated client sends: path parameters as one segment, no header value with CR or
//! LF ever on the wire, credentials out of `Debug` and error messages, and a timeout that can
//! be set. Run against `tests/golden/safety`, generated from a crafted collection.

use std::time::{Duration, Instant};

use client_safety_tests::{OneShot, Reply, response};
use safety_checks::{Client, Error};

const ITEM: &[u8] = br#"{"id": 1, "name": "a", "tags": [], "big": 1}"#;
const OK: &[u8] = br#"{"ok": true}"#;

fn json_reply(body: &[u8]) -> Reply {
    Reply::Bytes(response(200, &[("content-type", "application/json")], body))
}

/// A server that expects no connection: the client must fail before sending.
fn no_connection_expected() -> OneShot {
    OneShot::start(json_reply(OK), Duration::from_millis(300))
}

fn request_line(request: &[u8]) -> String {
    let text = String::from_utf8_lossy(request);
    text.lines().next().unwrap_or_default().to_owned()
}

fn head(request: &[u8]) -> String {
    String::from_utf8_lossy(request).to_ascii_lowercase()
}

fn invalid_request<E: std::fmt::Debug>(result: Result<impl std::fmt::Debug, Error<E>>) -> String {
    match result {
        Err(Error::InvalidRequest(message)) => message,
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
}

#[tokio::test]
async fn path_parameters_are_one_segment() {
    let server = OneShot::start(json_reply(ITEM), Duration::from_secs(5));
    let client = Client::new(&server.base_url);
    let item = client
        .get_item("a/../b?x=1#y z%é", "trace", None)
        .await
        .unwrap();
    assert_eq!(item.name.as_deref(), Some("a"));
    let request = server.finish().expect("a request");
    assert_eq!(
        request_line(&request),
        "GET /items/a%2F..%2Fb%3Fx%3D1%23y%20z%25%C3%A9 HTTP/1.1"
    );
}

#[tokio::test]
async fn dot_segments_are_refused_before_sending() {
    for value in [".", ".."] {
        let server = no_connection_expected();
        let client = Client::new(&server.base_url);
        let message = invalid_request(client.get_item(value, "trace", None).await);
        assert_eq!(
            message,
            format!(
                "the path parameter {value:?} cannot be sent: URLs resolve it as a relative path"
            )
        );
        assert!(server.finish().is_none(), "{value:?} was sent");
    }
}

#[tokio::test]
async fn header_values_with_line_breaks_are_never_sent() {
    for value in [
        "abc\r\nX-Injected: yes",
        "abc\nX-Injected: yes",
        "a\rb",
        "nul\0",
    ] {
        // A required header argument.
        let server = no_connection_expected();
        let client = Client::new(&server.base_url);
        let message = invalid_request(client.get_item("1", value, None).await);
        assert_eq!(
            message,
            "the value of the header `X-Trace` contains a line break or another control character, so the request was not sent"
        );
        assert!(server.finish().is_none(), "{value:?} was sent");

        // An optional one.
        let server = no_connection_expected();
        let client = Client::new(&server.base_url);
        let message = invalid_request(client.get_item("1", "ok", Some(value)).await);
        assert!(message.contains("`X-Optional`"), "{message}");
        assert!(server.finish().is_none(), "{value:?} was sent");
    }
}

#[tokio::test]
async fn header_arguments_are_sent_as_given() {
    let server = OneShot::start(json_reply(ITEM), Duration::from_secs(5));
    let client = Client::new(&server.base_url);
    client
        .get_item("1", "trace-1 \t; x", Some("yes"))
        .await
        .unwrap();
    let head = head(&server.finish().unwrap());
    assert!(head.contains("\r\nx-trace: trace-1 \t; x\r\n"), "{head}");
    assert!(head.contains("\r\nx-optional: yes\r\n"), "{head}");
}

/// A credential with a line break fails the call with a message that names the credential but
/// never shows it.
#[tokio::test]
async fn credentials_with_line_breaks_are_never_sent() {
    let secret = "s3cret\r\nX-Injected: yes";

    let server = no_connection_expected();
    let client = Client::new(&server.base_url).with_bearer_token(secret);
    let message = invalid_request(client.with_bearer().await);
    assert_eq!(
        message,
        "the bearer token set with `Client::with_bearer_token` contains a line break or another control character, so it cannot be sent in the header `authorization`; the request was not sent"
    );
    assert!(server.finish().is_none());

    let server = no_connection_expected();
    let client = Client::new(&server.base_url).with_api_key(secret);
    let message = invalid_request(client.with_key_header().await);
    assert_eq!(
        message,
        "the API key set with `Client::with_api_key` contains a line break or another control character, so it cannot be sent in the header `X-Api-Key`; the request was not sent"
    );
    assert!(!message.contains("s3cret"));
    assert!(server.finish().is_none());
}

#[tokio::test]
async fn credentials_are_sent_where_the_collection_says() {
    let server = OneShot::start(json_reply(OK), Duration::from_secs(5));
    let client = Client::new(&server.base_url).with_bearer_token("tok");
    assert_eq!(client.with_bearer().await.unwrap().ok, Some(true));
    assert!(head(&server.finish().unwrap()).contains("\r\nauthorization: bearer tok\r\n"));

    let server = OneShot::start(json_reply(OK), Duration::from_secs(5));
    let client = Client::new(&server.base_url).with_api_key("k1");
    client.with_key_header().await.unwrap();
    assert!(head(&server.finish().unwrap()).contains("\r\nx-api-key: k1\r\n"));

    let server = OneShot::start(json_reply(OK), Duration::from_secs(5));
    let client = Client::new(&server.base_url).with_api_key("k 2&x");
    client.with_key_query().await.unwrap();
    assert_eq!(
        request_line(&server.finish().unwrap()),
        "GET /key-query?api_key=k+2%26x HTTP/1.1"
    );

    let server = OneShot::start(json_reply(OK), Duration::from_secs(5));
    let client = Client::new(&server.base_url).with_basic_auth("user", "pw");
    client.with_basic().await.unwrap();
    // base64("user:pw")
    assert!(head(&server.finish().unwrap()).contains("\r\nauthorization: basic dxnlcjpwdw==\r\n"));
}

#[test]
fn debug_redacts_every_credential() {
    let client = Client::new("https://api.example.com")
        .with_bearer_token("SECRET-BEARER")
        .with_basic_auth("SECRET-USER", "SECRET-PASSWORD")
        .with_api_key("SECRET-KEY");
    for shown in [format!("{client:?}"), format!("{client:#?}")] {
        assert!(!shown.contains("SECRET"), "{shown}");
        assert_eq!(shown.matches("<redacted>").count(), 3, "{shown}");
        assert!(shown.contains("https://api.example.com"), "{shown}");
    }
    // Without credentials, nothing claims to be redacted.
    let shown = format!("{:?}", Client::new("https://api.example.com"));
    assert!(shown.contains("bearer_token: None"), "{shown}");
}

/// A transport error's URL would carry an API key sent in the query: it is dropped.
#[tokio::test]
async fn transport_errors_do_not_show_a_query_api_key() {
    // The server closes without answering.
    let server = OneShot::start(Reply::Bytes(Vec::new()), Duration::from_secs(5));
    let client = Client::new(&server.base_url).with_api_key("SECRET-KEY");
    let error = client.with_key_query().await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    for shown in [format!("{error}"), format!("{error:?}")] {
        assert!(!shown.contains("SECRET"), "{shown}");
    }
    server.finish();
}

#[tokio::test]
async fn timeout_is_configurable() {
    let server = OneShot::start(
        Reply::Silence(Duration::from_secs(3)),
        Duration::from_secs(5),
    );
    let client = Client::new(&server.base_url).with_timeout(Duration::from_millis(300));
    assert!(format!("{client:?}").contains("timeout: Some(300ms)"));
    let started = Instant::now();
    let error = client.get_item("1", "t", None).await.unwrap_err();
    let elapsed = started.elapsed();
    match &error {
        Error::Transport(inner) => assert!(inner.is_timeout(), "{inner:?}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    server.finish();
}

/// An invalid base URL is refused as an invalid request, not reported as a network error.
#[tokio::test]
async fn invalid_base_url_is_an_invalid_request() {
    let client = Client::new("not a url");
    let message = invalid_request(client.get_item("1", "t", None).await);
    assert!(
        message.starts_with("the request cannot be built: builder error"),
        "{message}"
    );
}
