//! The call path, async: options for one call (a header in place of the operation's, a timeout
//! of its own) and downloads streamed past the client's timeout, on generated operations and
//! custom requests; retries. Against wiremock, and a slow chunked server, on 127.0.0.1, with the
//! `inputs` golden crate (whose `download_invoice` saves `Accept: application/pdf`).

mod support;

use std::time::Duration;

use inputs::{ByteStream, CallOptions, Client, Error, RetryPolicy};
use support::requests::header;
use support::slow::{CHUNKS, slow_body, slow_chunked_server};
use wiremock::matchers::{any, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A mock server on 127.0.0.1 that answers every request with `response`.
async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    assert!(server.uri().starts_with("http://127.0.0.1:"));
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

fn pdf() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(slow_body(), "application/pdf")
}

/// Every chunk of `stream`, in order.
async fn chunks(stream: &mut ByteStream) -> Vec<Vec<u8>> {
    let mut chunks = Vec::new();
    while let Some(chunk) = stream.chunk().await.expect("a chunk") {
        chunks.push(chunk.to_vec());
    }
    chunks
}

#[tokio::test]
async fn a_call_option_header_replaces_the_saved_accept_for_that_call_only() {
    let server = server_answering(pdf()).await;
    let client = Client::new(format!("{}/v1", server.uri()));
    let diff = CallOptions::new().header("Accept", "application/vnd.example.diff");
    client
        .with_options(diff)
        .download_invoice("inv_1")
        .await
        .expect("a success");
    client.download_invoice("inv_2").await.expect("a success");
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 2);
    // One value, the option's: replaced, not added beside the saved one.
    assert_eq!(
        header(&requests[0].headers, "accept"),
        "application/vnd.example.diff"
    );
    assert_eq!(header(&requests[1].headers, "accept"), "application/pdf");
}

#[tokio::test]
async fn a_call_option_header_http_does_not_allow_fails_the_call_before_it_is_sent() {
    let server = server_answering(pdf()).await;
    let client = Client::new(format!("{}/v1", server.uri()));
    for (name, value, says) in [
        ("x-trace", "a\nb", "contains a line break"),
        ("bad name", "v", "is not a valid HTTP header name"),
    ] {
        let view = client.with_options(CallOptions::new().header(name, value));
        match view.download_invoice("inv_1").await {
            Err(Error::InvalidRequest(message)) => {
                assert!(message.contains(&format!("`{name}`")), "{message}");
                assert!(
                    message.contains("set with `CallOptions::header`"),
                    "{message}"
                );
                assert!(message.contains(says), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
    let sent = server.received_requests().await.expect("recording is on");
    assert!(sent.is_empty(), "{sent:?}");
}

#[tokio::test]
async fn a_call_option_timeout_fires_where_the_client_timeout_does_not() {
    let server = server_answering(pdf().set_delay(Duration::from_millis(400))).await;
    let client = Client::new(format!("{}/v1", server.uri()));
    let hasty = client.with_options(CallOptions::new().timeout(Duration::from_millis(50)));
    match hasty.download_invoice("inv_1").await {
        Err(Error::Transport(error)) => assert!(error.is_timeout(), "{error}"),
        other => panic!("{other:?}"),
    }
    // The client's 30 s are not the view's 50 ms.
    let response = client.download_invoice("inv_1").await.expect("a success");
    assert_eq!(response.into_inner(), slow_body());
    // The options are the view's own, shown by its `Debug`.
    assert!(
        format!("{hasty:?}").contains("timeout: Some(50ms)"),
        "{hasty:?}"
    );
}

#[tokio::test]
async fn a_streamed_download_outlasts_the_client_timeout_chunk_by_chunk() {
    let base = slow_chunked_server(Duration::from_millis(150));
    let client = Client::new(format!("{base}/v1")).with_timeout(Duration::from_millis(250));
    let mut response = client
        .download_invoice_stream("inv_1")
        .await
        .expect("the head comes before the client's timeout");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let received = chunks(&mut response).await;
    assert_eq!(received.concat(), slow_body());
    assert!(received.len() > 1, "{received:?}");
    // The same download read whole is bound by the client's timeout.
    match client.download_invoice("inv_1").await {
        Err(Error::Transport(error)) => assert!(error.is_timeout(), "{error}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_stream_is_a_futures_stream_and_a_call_timeout_limits_it() {
    let base = slow_chunked_server(Duration::from_millis(150));
    let client = Client::new(format!("{base}/v1"));
    let mut stream = client
        .download_invoice_stream("inv_1")
        .await
        .expect("a success")
        .into_inner();
    let mut received = Vec::new();
    while let Some(chunk) = std::future::poll_fn(|cx| {
        futures_core::Stream::poll_next(std::pin::Pin::new(&mut stream), cx)
    })
    .await
    {
        received.extend_from_slice(&chunk.expect("a chunk"));
    }
    assert_eq!(received, slow_body());

    let limited = client.with_options(CallOptions::new().timeout(Duration::from_millis(250)));
    let mut stream = limited
        .download_invoice_stream("inv_1")
        .await
        .expect("the head comes in time")
        .into_inner();
    let mut error = None;
    for _ in CHUNKS {
        if let Err(e) = stream.chunk().await {
            error = Some(e);
            break;
        }
    }
    match error {
        Some(Error::Transport(error)) => assert!(error.is_timeout(), "{error}"),
        other => panic!("the call's timeout did not cut the stream: {other:?}"),
    }
}

#[tokio::test]
async fn a_custom_request_streams_and_takes_call_options() {
    let base = slow_chunked_server(Duration::from_millis(150));
    let client = Client::new(format!("{base}/v1")).with_timeout(Duration::from_millis(250));
    let mut response = client
        .custom_request(reqwest::Method::GET, "/2/tweets/search/stream")
        .send_stream()
        .await
        .expect("a success");
    assert_eq!(chunks(&mut response).await.concat(), slow_body());

    let server = server_answering(pdf()).await;
    let client = Client::new(format!("{}/v1", server.uri()));
    client
        .with_options(CallOptions::new().header("x-trace", "t1"))
        .custom_request(reqwest::Method::GET, "/anything")
        .send_bytes()
        .await
        .expect("a success");
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(header(&requests[0].headers, "x-trace"), "t1");
}

#[tokio::test]
async fn an_error_status_on_a_stream_is_read_and_sorted_as_usual() {
    let server = server_answering(
        ResponseTemplate::new(404).set_body_raw(r#"{"message":"no invoice"}"#, "application/json"),
    )
    .await;
    let client = Client::new(format!("{}/v1", server.uri()));
    match client.download_invoice_stream("inv_9").await {
        Err(error) => {
            assert_eq!(error.status(), Some(404));
            assert!(error.to_string().contains("no invoice"), "{error}");
        }
        Ok(response) => panic!("{response:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------------------------

/// A server that answers `first` once, then `then` to every request.
async fn server_answering_once(first: ResponseTemplate, then: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(then).mount(&server).await;
    server
}

async fn request_count(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("recording is on")
        .len()
}

/// Retries without the default's waits, so that tests of *whether* a call is retried are quick.
fn quick() -> RetryPolicy {
    RetryPolicy::default().backoff(Duration::from_millis(1), Duration::from_millis(5))
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_once_then_succeeds() {
    let server = server_answering_once(
        ResponseTemplate::new(429).insert_header("retry-after", "1"),
        pdf(),
    )
    .await;
    let client = Client::new(format!("{}/v1", server.uri()));
    let response = client
        .download_invoice("inv_1")
        .await
        .expect("the retry succeeds");
    assert_eq!(response.into_inner(), slow_body());
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn a_retry_after_date_is_honoured() {
    let soon = std::time::SystemTime::now() + Duration::from_secs(1);
    let server = server_answering_once(
        ResponseTemplate::new(503).insert_header("retry-after", httpdate::fmt_http_date(soon)),
        pdf(),
    )
    .await;
    let client = Client::new(format!("{}/v1", server.uri()));
    client
        .download_invoice("inv_1")
        .await
        .expect("the retry succeeds");
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn a_post_is_not_retried_unless_the_call_opts_in() {
    let server = server_answering(ResponseTemplate::new(503)).await;
    let client = Client::new(format!("{}/v1", server.uri())).with_retry(quick());
    let error = client.sign_in().await.expect_err("a 503");
    assert_eq!(error.status(), Some(503));
    assert_eq!(request_count(&server).await, 1);

    let opted_in =
        client.with_options(CallOptions::new().retry(quick().retry_non_idempotent(true)));
    opted_in.sign_in().await.expect_err("a 503 each time");
    // The default policy's three attempts.
    assert_eq!(request_count(&server).await, 1 + 3);
}

#[tokio::test]
async fn retries_can_be_turned_off_and_exhausted() {
    let server = server_answering(ResponseTemplate::new(503)).await;
    let off = Client::new(format!("{}/v1", server.uri())).with_retry(RetryPolicy::none());
    off.download_invoice("inv_1").await.expect_err("a 503");
    assert_eq!(request_count(&server).await, 1);

    // Attempts run out: the last response is the error, with what the server said.
    let two = off.clone().with_retry(quick().max_attempts(2));
    let error = two
        .download_invoice("inv_1")
        .await
        .expect_err("a 503 each time");
    assert_eq!(error.status(), Some(503));
    assert_eq!(request_count(&server).await, 1 + 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_is_returned_not_waited_for() {
    let server =
        server_answering(ResponseTemplate::new(429).insert_header("retry-after", "3600")).await;
    let client = Client::new(format!("{}/v1", server.uri()));
    let error = client.download_invoice("inv_1").await.expect_err("a 429");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn other_statuses_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let client = Client::new(format!("{}/v1", server.uri())).with_retry(quick());
    client.download_invoice("inv_1").await.expect_err("a 500");
    assert_eq!(request_count(&server).await, 1);
}
