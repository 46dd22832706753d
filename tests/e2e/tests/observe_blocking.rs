//! `observe.rs` for the blocking client (golden crate `tests/golden/inputs-blocking`, built with
//! its `tracing` and `middleware` features): the span of each call, and middleware, without an
//! async runtime in the client.
//!
//! wiremock serves on its own thread; a small tokio runtime owned by each test starts it, and
//! is never entered while the blocking client runs.

// A middleware returns the client's `Error`, which holds the response headers, as every
// blocking operation does.
#![allow(clippy::result_large_err)]

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use inputs_blocking::{Client, Error, Next, RetryPolicy};
use support::requests::header;
use support::spans::Spans;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

struct Server {
    runtime: tokio::runtime::Runtime,
    mock: MockServer,
}

impl Server {
    /// A server that answers `first` once, then `then` to every request.
    fn answering_once(first: ResponseTemplate, then: ResponseTemplate) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let mock = runtime.block_on(async {
            let mock = MockServer::start().await;
            Mock::given(any())
                .respond_with(first)
                .up_to_n_times(1)
                .with_priority(1)
                .mount(&mock)
                .await;
            Mock::given(any()).respond_with(then).mount(&mock).await;
            mock
        });
        assert!(mock.uri().starts_with("http://127.0.0.1:"));
        Server { runtime, mock }
    }

    fn requests(&self) -> Vec<wiremock::Request> {
        self.runtime
            .block_on(self.mock.received_requests())
            .expect("recording is on")
    }

    fn client(&self) -> Client {
        Client::new(format!("{}/v1", self.mock.uri())).with_retry(
            RetryPolicy::default().backoff(Duration::from_millis(1), Duration::from_millis(5)),
        )
    }
}

fn pdf() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw("%PDF", "application/pdf")
}

#[test]
fn a_call_has_a_span_with_its_operation_method_path_attempt_and_status() {
    let server = Server::answering_once(ResponseTemplate::new(503), pdf());
    let (spans, _guard) = Spans::install();
    server
        .client()
        .download_invoice("inv_1")
        .expect("a success");

    let calls = spans.named("call");
    assert_eq!(calls.len(), 1, "{calls:?}");
    let call = &calls[0];
    assert_eq!(call.field("operation"), "download_invoice");
    assert_eq!(call.field("method"), "GET");
    assert_eq!(call.field("path"), "/invoices/{id}");
    assert_eq!(call.field("attempt"), "2");
    assert_eq!(call.field("status"), "200");
}

#[test]
fn middleware_sees_and_changes_every_attempt_of_a_call_in_order() {
    let server = Server::answering_once(ResponseTemplate::new(503), pdf());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (first, second) = (seen.clone(), seen.clone());
    let client = server
        .client()
        .with_middleware(
            move |mut request: reqwest::blocking::Request, next: Next<'_>| {
                first.lock().expect("not poisoned").push("first");
                request.headers_mut().insert(
                    "x-stamp",
                    reqwest::header::HeaderValue::from_static("stamped"),
                );
                next.run(request)
            },
        )
        .with_middleware(move |request: reqwest::blocking::Request, next: Next<'_>| {
            // The one added first has stamped it already.
            assert_eq!(request.headers()["x-stamp"], "stamped");
            second.lock().expect("not poisoned").push("second");
            let response = next.run(request)?;
            Ok(response)
        });
    client.download_invoice("inv_1").expect("a success");

    let seen = seen.lock().expect("not poisoned").clone();
    assert_eq!(seen, ["first", "second", "first", "second"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(header(&request.headers, "x-stamp"), "stamped");
    }
}

#[test]
fn a_middleware_error_is_error_middleware_and_nothing_is_sent() {
    let server = Server::answering_once(pdf(), pdf());
    let client = server
        .client()
        .with_middleware(|_: reqwest::blocking::Request, _: Next<'_>| {
            Err(Error::Middleware("circuit open".into()))
        });
    match client.download_invoice("inv_1") {
        Err(Error::Middleware(error)) => assert_eq!(error.to_string(), "circuit open"),
        other => panic!("{other:?}"),
    }
    assert!(server.requests().is_empty());
}
