//! The optional features of a generated crate, async: the `tracing` span of each call, and
//! middleware. Against wiremock on 127.0.0.1, with the `inputs` golden crate built with its
//! `tracing` and `middleware` features (see this crate's Cargo.toml).

mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use inputs::reqwest_middleware::{self, ClientBuilder, Middleware, Next};
use inputs::{Client, Error, RetryPolicy};
use support::requests::header;
use support::spans::Spans;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers `first` once, then `then` to every request.
async fn server_answering_once(first: ResponseTemplate, then: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    assert!(server.uri().starts_with("http://127.0.0.1:"));
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(then).mount(&server).await;
    server
}

/// Retries without the default's waits.
fn quick() -> RetryPolicy {
    RetryPolicy::default().backoff(Duration::from_millis(1), Duration::from_millis(5))
}

#[tokio::test]
async fn a_call_has_a_span_with_its_operation_method_path_attempt_and_status() {
    let (spans, _guard) = Spans::install();
    let server = server_answering_once(
        ResponseTemplate::new(503),
        ResponseTemplate::new(200).set_body_raw("%PDF", "application/pdf"),
    )
    .await;
    let client = Client::new(format!("{}/v1", server.uri())).with_retry(quick());
    client.download_invoice("inv_1").await.expect("a success");

    let calls = spans.named("call");
    assert_eq!(calls.len(), 1, "{calls:?}");
    let call = &calls[0];
    assert_eq!(call.field("operation"), "download_invoice");
    assert_eq!(call.field("method"), "GET");
    assert_eq!(call.field("path"), "/invoices/{id}");
    // The 503 was attempt 1; the span ends with what the last attempt was and got.
    assert_eq!(call.field("attempt"), "2");
    assert_eq!(call.field("status"), "200");
}

#[tokio::test]
async fn a_custom_request_has_a_span_without_a_path_template() {
    let (spans, _guard) = Spans::install();
    let server =
        server_answering_once(ResponseTemplate::new(404), ResponseTemplate::new(404)).await;
    let client = Client::new(server.uri());
    let _ = client
        .custom_request(reqwest::Method::DELETE, "/anything")
        .send_bytes()
        .await;
    let calls = spans.named("call");
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].field("operation"), "custom_request");
    assert_eq!(calls[0].field("method"), "DELETE");
    assert_eq!(calls[0].field("attempt"), "1");
    assert_eq!(calls[0].field("status"), "404");
}

/// Notes each request it sees, with the call's span fields at that moment, and stamps it with
/// a header.
#[derive(Clone, Default)]
struct Stamp {
    seen: Arc<Mutex<Vec<String>>>,
}

#[async_trait::async_trait]
impl Middleware for Stamp {
    async fn handle(
        &self,
        mut request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let line = format!("{} {}", request.method(), request.url().path());
        self.seen.lock().expect("not poisoned").push(line);
        request.headers_mut().insert(
            "x-stamp",
            reqwest::header::HeaderValue::from_static("stamped"),
        );
        next.run(request, extensions).await
    }
}

/// Fails every request before it is sent.
struct Refuse;

#[async_trait::async_trait]
impl Middleware for Refuse {
    async fn handle(
        &self,
        _: reqwest::Request,
        _: &mut http::Extensions,
        _: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        Err(reqwest_middleware::Error::middleware(
            std::io::Error::other("circuit open"),
        ))
    }
}

#[tokio::test]
async fn middleware_sees_and_changes_every_attempt_of_a_call() {
    let server = server_answering_once(
        ResponseTemplate::new(503),
        ResponseTemplate::new(200).set_body_raw("%PDF", "application/pdf"),
    )
    .await;
    let stamp = Stamp::default();
    let middleware = ClientBuilder::new(reqwest::Client::new())
        .with(stamp.clone())
        .build();
    let client = Client::new(format!("{}/v1", server.uri()))
        .with_retry(quick())
        .with_middleware(middleware);
    client.download_invoice("inv_1").await.expect("a success");

    // Both attempts went through it, with the client's own headers already set.
    let seen = stamp.seen.lock().expect("not poisoned").clone();
    assert_eq!(seen, ["GET /v1/invoices/inv_1", "GET /v1/invoices/inv_1"]);
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(header(&request.headers, "x-stamp"), "stamped");
        assert_eq!(header(&request.headers, "accept"), "application/pdf");
    }
}

#[tokio::test]
async fn a_middleware_error_is_error_middleware_and_nothing_is_sent() {
    let server =
        server_answering_once(ResponseTemplate::new(200), ResponseTemplate::new(200)).await;
    let middleware = ClientBuilder::new(reqwest::Client::new())
        .with(Refuse)
        .build();
    let client = Client::new(format!("{}/v1", server.uri())).with_middleware(middleware);
    match client.download_invoice("inv_1").await {
        Err(Error::Middleware(error)) => assert_eq!(error.to_string(), "circuit open"),
        other => panic!("{other:?}"),
    }
    let requests = server.received_requests().await.expect("recording is on");
    assert!(requests.is_empty());
}
