//! The generated Zoom client's errors: documented statuses as their variants with body and
//! headers, undocumented statuses, success bodies that do not decode, and a connection closed
//! without a response.
//!
//! Every test asserts exact wire requests and exact decoded results, so a regression in the
//! generator fails here. Shared set-up: `support/zoom.rs`.

mod support;

use serde_json::json;
use support::zoom::{beach_jpg, client, header, server_answering};
use wiremock::ResponseTemplate;
use zoom_api::errors::AccountsUploadVirtualBackgroundFilesError;
use zoom_api::{Client, DocumentedError, Error};

#[tokio::test]
async fn documented_400_is_the_bad_request_variant_with_the_body() {
    let raw = r#"{"code": 120, "message": "No file uploaded."}"#;
    let server =
        server_answering(ResponseTemplate::new(400).set_body_raw(raw, "application/json")).await;

    let error = client(&server)
        .accounts_upload_virtual_background_files("me", beach_jpg())
        .await
        .expect_err("400 is an error");
    assert_eq!(error.status(), Some(400));
    match error {
        Error::Api {
            status: 400,
            headers,
            error: AccountsUploadVirtualBackgroundFilesError::BadRequest(body),
            ..
        } => {
            // A numeric `code` is rendered as text.
            assert_eq!(body.code().as_deref(), Some("120"));
            assert_eq!(body.message().as_deref(), Some("No file uploaded."));
            assert_eq!(body.text(), raw);
            assert_eq!(body.bytes(), raw.as_bytes());
            assert_eq!(
                body.json(),
                Some(json!({"code": 120, "message": "No file uploaded."}))
            );
            assert_eq!(header(&headers, "content-type"), "application/json");
        }
        other => panic!("expected Api {{ 400, BadRequest }}, got {other:?}"),
    }
}

#[test]
fn upload_documents_its_400_and_404_error_codes() {
    let documented = AccountsUploadVirtualBackgroundFilesError::DOCUMENTED;
    assert_eq!(
        documented
            .iter()
            .map(|e| (e.status, e.code))
            .collect::<Vec<_>>(),
        [(400, "120"), (404, "2001")]
    );
    assert!(
        documented.iter().any(|e| e.status == 400
            && e.code == "120"
            && e.message.starts_with("No file uploaded.")),
        "{documented:#?}"
    );
    assert!(
        documented.contains(&DocumentedError {
            status: 404,
            code: "2001",
            message: "This account does not exist or does not belong to you: {accountId}.",
        }),
        "{documented:#?}"
    );
}

#[tokio::test]
async fn documented_404_is_the_not_found_variant_and_keeps_the_headers() {
    let raw = r#"{"code": 2001, "message": "This account does not exist or does not belong to you: me."}"#;
    let server = server_answering(
        ResponseTemplate::new(404)
            .insert_header("x-zm-trackingid", "e2e-trace-42")
            .set_body_raw(raw, "application/json"),
    )
    .await;

    let error = client(&server)
        .accounts_upload_virtual_background_files("me", beach_jpg())
        .await
        .expect_err("404 is an error");
    match error {
        Error::Api {
            status: 404,
            headers,
            error: AccountsUploadVirtualBackgroundFilesError::NotFound(body),
            ..
        } => {
            assert_eq!(header(&headers, "x-zm-trackingid"), "e2e-trace-42");
            assert_eq!(header(&headers, "content-type"), "application/json");
            assert_eq!(body.code().as_deref(), Some("2001"));
            assert_eq!(
                body.message().as_deref(),
                Some("This account does not exist or does not belong to you: me.")
            );
            assert_eq!(body.text(), raw);
        }
        other => panic!("expected Api {{ 404, NotFound }}, got {other:?}"),
    }
}

#[tokio::test]
async fn undocumented_status_is_unexpected_status_with_headers_and_raw_body() {
    let server = server_answering(
        ResponseTemplate::new(503)
            .insert_header("retry-after", "120")
            .set_body_raw(&b"upstream maintenance \xFF\x00"[..], "text/plain"),
    )
    .await;

    let error = client(&server)
        .accounts_upload_virtual_background_files("me", beach_jpg())
        .await
        .expect_err("503 is an error");
    assert_eq!(error.status(), Some(503));
    assert_eq!(
        error.to_string(),
        "unexpected HTTP status 503 Service Unavailable: upstream maintenance \u{FFFD}\u{0}"
    );
    match error {
        Error::UnexpectedStatus {
            status,
            headers,
            body,
        } => {
            assert_eq!(status, 503);
            assert_eq!(header(&headers, "retry-after"), "120");
            assert_eq!(header(&headers, "content-type"), "text/plain");
            assert_eq!(body, b"upstream maintenance \xFF\x00");
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_success_body_is_a_decode_error_with_status_and_raw_body() {
    let raw = r#"{"id": 5"#;
    let server =
        server_answering(ResponseTemplate::new(201).set_body_raw(raw, "application/json")).await;

    let error = client(&server)
        .accounts_upload_virtual_background_files("me", beach_jpg())
        .await
        .expect_err("the body does not decode");
    assert_eq!(error.status(), Some(201));
    match error {
        Error::Decode {
            status,
            body,
            source,
        } => {
            assert_eq!(status, 201);
            assert_eq!(body, raw.as_bytes());
            assert_eq!(source.line(), 1);
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn a_connection_closed_without_a_response_is_a_transport_error() {
    // A listener that accepts and hangs up at once: deterministic, unlike a "free" port that
    // another test's server could take in the meantime.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("local address");
    let hang_up = std::thread::spawn(move || drop(listener.accept().expect("accept")));
    let error = Client::new(format!("http://{address}/v2"))
        .accounts_upload_virtual_background_files("me", beach_jpg())
        .await
        .expect_err("no response");
    hang_up.join().expect("the listener thread");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(error.status(), None);
}
