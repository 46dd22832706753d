//! `observe.rs` for the blocking client (golden crate `tests/golden/inputs-blocking`, built with
//! its `tracing` and `middleware` features): the span of each call, and middleware, without an
//! async runtime in the client.
//!
//! wiremock serves on its own thread; a small tokio runtime owned by each test starts it, and
//! is never entered while the blocking client runs.

mod support;

use std::time::Duration;

use inputs_blocking::{Client, RetryPolicy};
use support::spans::Spans;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

struct Server {
    // Kept for as long as the server serves: wiremock was started in it.
    _runtime: tokio::runtime::Runtime,
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
        Server {
            _runtime: runtime,
            mock,
        }
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
