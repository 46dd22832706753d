//! The optional features of a generated crate, async: the `tracing` span of each call, and
//! middleware. Against wiremock on 127.0.0.1, with the `inputs` golden crate built with its
//! `tracing` and `middleware` features (see this crate's Cargo.toml).

mod support;

use std::time::Duration;

use inputs::{Client, RetryPolicy};
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
