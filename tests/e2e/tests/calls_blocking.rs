//! `calls.rs` for the blocking client (golden crates `tests/golden/inputs-blocking` and
//! `wire-blocking`): options for one call, downloads streamed past the client's timeout as a
//! `std::io::Read`, and retries.
//!
//! wiremock serves on its own thread; a small tokio runtime owned by each test starts it and
//! reads what it recorded, and is never entered while the blocking client runs.

mod support;

use std::io::Read;
use std::time::Duration;

use inputs_blocking::{CallOptions, Client, Error, RetryPolicy};
use support::requests::header;
use support::slow::{slow_body, slow_chunked_server};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

struct Server {
    runtime: tokio::runtime::Runtime,
    mock: MockServer,
}

impl Server {
    fn answering(response: ResponseTemplate) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let mock = runtime.block_on(async {
            let mock = MockServer::start().await;
            Mock::given(any()).respond_with(response).mount(&mock).await;
            mock
        });
        assert!(mock.uri().starts_with("http://127.0.0.1:"));
        Server { runtime, mock }
    }

    /// A server that answers `first` once, then `then` to every request.
    fn answering_once(first: ResponseTemplate, then: ResponseTemplate) -> Self {
        let server = Server::answering(then);
        server.runtime.block_on(
            Mock::given(any())
                .respond_with(first)
                .up_to_n_times(1)
                .with_priority(1)
                .mount(&server.mock),
        );
        server
    }

    fn client(&self) -> Client {
        Client::new(format!("{}/v1", self.mock.uri()))
    }

    fn requests(&self) -> Vec<Request> {
        self.runtime
            .block_on(self.mock.received_requests())
            .expect("recording is on")
    }
}

fn pdf() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(slow_body(), "application/pdf")
}

#[test]
fn a_call_option_header_replaces_the_saved_accept_for_that_call_only() {
    let server = Server::answering(pdf());
    let client = server.client();
    let diff = CallOptions::new().header("Accept", "application/vnd.example.diff");
    client
        .with_options(diff)
        .download_invoice("inv_1")
        .expect("a success");
    client.download_invoice("inv_2").expect("a success");
    let requests = server.requests();
    assert_eq!(
        header(&requests[0].headers, "accept"),
        "application/vnd.example.diff"
    );
    assert_eq!(header(&requests[1].headers, "accept"), "application/pdf");
}

#[test]
fn a_call_option_timeout_fires_where_the_client_timeout_does_not() {
    let server = Server::answering(pdf().set_delay(Duration::from_millis(400)));
    let client = server.client();
    let hasty = client.with_options(CallOptions::new().timeout(Duration::from_millis(50)));
    match hasty.download_invoice("inv_1") {
        Err(Error::Transport(error)) => assert!(error.is_timeout(), "{error}"),
        other => panic!("{other:?}"),
    }
    let response = client.download_invoice("inv_1").expect("a success");
    assert_eq!(response.into_inner(), slow_body());
}

#[test]
fn a_streamed_download_outlasts_the_client_timeout_read_by_read() {
    let base = slow_chunked_server(Duration::from_millis(150));
    let client = Client::new(format!("{base}/v1")).with_timeout(Duration::from_millis(250));
    let mut response = client
        .download_invoice_stream("inv_1")
        .expect("the head comes before the client's timeout");
    assert_eq!(response.status(), 200);
    let mut body = Vec::new();
    response.read_to_end(&mut body).expect("the whole body");
    assert_eq!(body, slow_body());
    match client.download_invoice("inv_1") {
        Err(Error::Transport(error)) => assert!(error.is_timeout(), "{error}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_custom_request_streams() {
    let base = slow_chunked_server(Duration::from_millis(150));
    let client = Client::new(format!("{base}/v1")).with_timeout(Duration::from_millis(250));
    let mut events = String::new();
    client
        .custom_request(reqwest::Method::GET, "/2/tweets/search/stream")
        .send_stream()
        .expect("a success")
        .read_to_string(&mut events)
        .expect("the whole body");
    assert_eq!(events.as_bytes(), slow_body());
}

fn quick() -> RetryPolicy {
    RetryPolicy::default().backoff(Duration::from_millis(1), Duration::from_millis(5))
}

#[test]
fn a_429_with_retry_after_is_retried_once_then_succeeds() {
    let server = Server::answering_once(
        ResponseTemplate::new(429).insert_header("retry-after", "1"),
        pdf(),
    );
    let response = server
        .client()
        .download_invoice("inv_1")
        .expect("the retry succeeds");
    assert_eq!(response.into_inner(), slow_body());
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_post_is_not_retried_and_retries_can_be_turned_off() {
    let server = Server::answering(ResponseTemplate::new(503));
    let client = server.client().with_retry(quick());
    assert_eq!(client.sign_in().expect_err("a 503").status(), Some(503));
    assert_eq!(server.requests().len(), 1);
    client
        .with_retry(RetryPolicy::none())
        .download_invoice("inv_1")
        .expect_err("a 503");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_body_that_cannot_be_sent_twice_is_not_retried() {
    let server = Server::answering(ResponseTemplate::new(503));
    let client = wire_blocking::Client::new(server.mock.uri()).with_retry(
        wire_blocking::RetryPolicy::default()
            .backoff(Duration::from_millis(1), Duration::from_millis(5)),
    );
    let png = support::requests::png_bytes();
    // A reader is read once: the body cannot be replayed, so the PUT is sent once.
    let reader = reqwest::blocking::Body::new(std::io::Cursor::new(png.clone()));
    client.put_raw_image("i1", reader).expect_err("a 503");
    assert_eq!(server.requests().len(), 1);
    // The same bytes in memory can be, and are.
    client
        .put_raw_image("i1", png)
        .expect_err("a 503 each time");
    assert_eq!(server.requests().len(), 1 + 3);
}
