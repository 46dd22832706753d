//! The generated `inputs` client (from `tests/fixtures/inputs.postman_collection.json`, golden
//! crate `tests/golden/inputs`) against wiremock on 127.0.0.1: what a collection saves around
//! its requests. Credentials written as `Authorization` headers, a saved `Accept` and a
//! body-less `Content-Type`, Postman's own headers and a header without a name; Postman's
//! dynamic variables in a header, the query, a JSON body and a form; a nested path variable,
//! bare query keys, a `file` body without a file, hosts written with a scheme; bodies without
//! examples (JSON, text, a PDF, a download behind a redirect); error types without redirect
//! variants, and the one error type of operations that document none.

mod support;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use inputs::errors::GetReportError;
use inputs::params::{CreatePaymentQuery, DeleteCookiesQuery};
use inputs::types::{CreatePaymentBody, CreatePaymentResponse};
use inputs::{Client, Error, Undocumented};
use serde_json::json;
use support::requests::{assert_no_header, assert_request_line, header, query_pairs};
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "inputs-token-5e2a";

/// A mock server on 127.0.0.1 that answers every request with `response`.
async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    assert!(
        server.uri().starts_with("http://127.0.0.1:"),
        "{}",
        server.uri()
    );
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// `{server}/v1`, as the collection's `{{baseUrl}}` has a path.
fn client(server: &MockServer) -> Client {
    Client::new(format!("{}/v1", server.uri())).with_bearer_token(TOKEN)
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = requests(server).await;
    assert_eq!(requests.len(), 1, "{requests:#?}");
    requests.pop().expect("one request")
}

fn json_response(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.to_string(), "application/json")
}

/// A UUID v4 in its hyphenated text form.
fn assert_uuid_v4(text: &str) {
    let uuid = uuid::Uuid::parse_str(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    assert_eq!(uuid.get_version_num(), 4, "{text}");
    assert_eq!(uuid.hyphenated().to_string(), text);
}

// ---------------------------------------------------------------------------------------------
// Saved headers
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_saved_bearer_header_is_bearer_auth_and_the_saved_accept_is_sent() {
    let server = server_answering(json_response(json!({"id": "me", "name": "Ada"}))).await;
    let profile = client(&server)
        .get_profile()
        .await
        .expect("a success")
        .into_inner();
    assert_eq!(profile, Some(json!({"id": "me", "name": "Ada"})));

    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/v1/me");
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    assert_eq!(header(&request.headers, "accept"), "application/json");
    // Postman's own headers, and the one saved without a name, are not sent.
    for absent in ["sdkversion", "postman-token", "cache-control"] {
        assert_no_header(&request.headers, absent);
    }
    assert!(
        !request
            .headers
            .values()
            .any(|value| value.as_bytes() == b"orphan"),
        "{:?}",
        request.headers
    );
}

#[tokio::test]
async fn without_a_token_the_request_goes_out_without_credentials() {
    let server = server_answering(json_response(json!({}))).await;
    Client::new(format!("{}/v1", server.uri()))
        .get_profile()
        .await
        .expect("a success")
        .into_inner();
    assert_no_header(&only_request(&server).await.headers, "authorization");
}

#[tokio::test]
async fn a_saved_basic_header_is_basic_auth_and_a_bodyless_post_keeps_its_content_type() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    let answer = Client::new(format!("{}/v1", server.uri()))
        .with_basic_auth("ada", "s3cret")
        .sign_in()
        .await
        .expect("a success")
        .into_inner();
    // No example and an empty body: JSON by the saved `Content-Type`, so `None`.
    assert_eq!(answer, None);

    let request = only_request(&server).await;
    assert_request_line(&request, "POST", "/v1/sessions");
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Basic {}", BASE64.encode("ada:s3cret"))
    );
    assert_eq!(header(&request.headers, "content-type"), "application/json");
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn a_saved_authorization_header_counts_under_noauth() {
    let server = server_answering(json_response(json!({"pong": true}))).await;
    client(&server)
        .ping_with_noauth()
        .await
        .expect("a success")
        .into_inner();
    assert_eq!(
        header(&only_request(&server).await.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
}

#[tokio::test]
async fn a_text_accept_returns_the_body_as_text() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_raw("all systems go\n", "text/plain"))
            .await;
    let text = client(&server)
        .get_status_text()
        .await
        .expect("a success")
        .into_inner();
    assert_eq!(text, "all systems go\n");
    assert_eq!(
        header(&only_request(&server).await.headers, "accept"),
        "text/plain"
    );
}

// ---------------------------------------------------------------------------------------------
// Dynamic variables
// ---------------------------------------------------------------------------------------------

fn payment_body(reference: &str) -> CreatePaymentBody {
    CreatePaymentBody {
        reference: Some(reference.to_owned()),
        amount: Some(10),
        note: Some("paid at {{$isoTimestamp}}".to_owned()),
    }
}

#[tokio::test]
async fn dynamic_variables_are_new_on_each_call_unless_the_caller_passes_a_value() {
    let server = server_answering(json_response(json!({"id": "pay_1", "reference": "ref"}))).await;
    let client = client(&server);
    let query = CreatePaymentQuery::default();
    let created = client
        .create_payment(&query, None, &payment_body("{{$guid}}"))
        .await
        .expect("a success")
        .into_inner();
    assert_eq!(
        created,
        CreatePaymentResponse {
            id: Some("pay_1".to_owned()),
            reference: Some("ref".to_owned())
        }
    );
    client
        .create_payment(&query, None, &payment_body("{{$guid}}"))
        .await
        .expect("a success")
        .into_inner();
    client
        .create_payment(
            &CreatePaymentQuery {
                nonce: Some("7".to_owned()),
            },
            Some("retry-key-1"),
            &payment_body("ref-9"),
        )
        .await
        .expect("a success")
        .into_inner();

    let requests = requests(&server).await;
    assert_eq!(requests.len(), 3);
    let keys: Vec<&str> = requests
        .iter()
        .map(|r| header(&r.headers, "idempotency-key"))
        .collect();
    assert_uuid_v4(keys[0]);
    assert_uuid_v4(keys[1]);
    assert_ne!(keys[0], keys[1], "a new `{{{{$guid}}}}` per call");
    assert_eq!(keys[2], "retry-key-1");

    for request in &requests[..2] {
        assert_request_line(request, "POST", "/v1/payments");
        let nonce = query_pairs(request);
        assert_eq!(nonce.len(), 1, "{nonce:?}");
        assert_eq!(nonce[0].0, "nonce");
        let value: u16 = nonce[0].1.parse().expect("an integer");
        assert!(value <= 1000, "{value}");
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        assert_uuid_v4(body["reference"].as_str().unwrap());
        assert_eq!(body["amount"], json!(10));
        let note = body["note"].as_str().unwrap();
        let at = note.strip_prefix("paid at ").expect(note);
        // RFC 3339 in UTC with milliseconds: 2020-06-09T21:10:36.177Z.
        assert_eq!(at.len(), 24, "{at}");
        assert!(at.ends_with('Z') && at.as_bytes()[10] == b'T', "{at}");
        assert!(humantime::parse_rfc3339(at).is_ok(), "{at}");
    }
    let body: serde_json::Value = serde_json::from_slice(&requests[2].body).unwrap();
    assert_eq!(body["reference"], json!("ref-9"));
    assert_eq!(
        query_pairs(&requests[2]),
        [("nonce".to_owned(), "7".to_owned())]
    );
}

#[tokio::test]
async fn a_form_field_made_of_dynamic_variables_is_computed_or_given() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = client(&server);
    client
        .submit_order(None, "gift")
        .await
        .expect("a success")
        .into_inner();
    client
        .submit_order(Some("order-42"), "gift")
        .await
        .expect("a success")
        .into_inner();
    let requests = requests(&server).await;
    let computed = std::str::from_utf8(&requests[0].body).expect("UTF-8");
    let stamp = computed
        .strip_prefix("order_id=order-")
        .and_then(|rest| rest.strip_suffix("&note=gift"))
        .unwrap_or_else(|| panic!("{computed}"));
    assert!(
        stamp.parse::<u64>().is_ok_and(|s| s > 1_600_000_000),
        "{stamp}"
    );
    assert_eq!(
        std::str::from_utf8(&requests[1].body).expect("UTF-8"),
        "order_id=order-42&note=gift"
    );
}

// ---------------------------------------------------------------------------------------------
// URLs and bodies as saved
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_nested_variable_is_one_path_parameter() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    client(&server)
        .greet("world")
        .await
        .expect("a success")
        .into_inner();
    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/v1/greet/world");
}

#[tokio::test]
async fn valueless_query_keys_stay_valueless() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    client(&server)
        .delete_cookies(&DeleteCookiesQuery {
            page: Some("2".to_owned()),
        })
        .await
        .expect("a success")
        .into_inner();
    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/v1/cookies/delete");
    assert_eq!(request.url.query(), Some("foo1&foo2&page=2"));
}

#[tokio::test]
async fn a_file_body_without_a_file_on_a_get_sends_nothing() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    client(&server)
        .track_without_file()
        .await
        .expect("a success")
        .into_inner();
    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/v1/tracking");
    assert!(request.body.is_empty());
    assert_no_header(&request.headers, "content-type");
}

#[tokio::test]
async fn hosts_written_with_a_scheme_are_host_settings() {
    let feeds = server_answering(json_response(json!([1, 2]))).await;
    let base = server_answering(ResponseTemplate::new(500)).await;
    let client = client(&base);
    // The collection's value, behind its scheme.
    assert!(
        format!("{client:?}").contains("https://feeds.inputs.example.com"),
        "{client:?}"
    );
    let client = client
        .with_feeds_endpoint(feeds.uri())
        .with_booking_endpoint(feeds.uri());
    assert_eq!(
        client.get_feed().await.expect("a success").into_inner(),
        Some(json!([1, 2]))
    );
    client.book().await.expect("a success").into_inner();
    let sent = requests(&feeds).await;
    assert_eq!(sent.len(), 2);
    assert_request_line(&sent[0], "GET", "/feed");
    assert_request_line(&sent[1], "POST", "/book");
    assert!(
        requests(&base).await.is_empty(),
        "nothing went to the base URL"
    );

    // A host without a URL refuses to send, naming its setter.
    match client.call_soap().await {
        Err(Error::InvalidRequest(message)) => {
            assert!(message.contains("with_soap_endpoint"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Bodies without examples, downloads
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_pdf_comes_back_as_bytes_though_the_example_says_json() {
    let pdf = b"%PDF-1.4\n\x00\xff\x10binary\n%%EOF".to_vec();
    let server =
        server_answering(ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf"))
            .await;
    let bytes = client(&server)
        .download_invoice("inv_1")
        .await
        .expect("a success")
        .into_inner();
    assert_eq!(bytes, pdf);
    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/v1/invoices/inv_1");
    assert_eq!(header(&request.headers, "accept"), "application/pdf");
}

#[tokio::test]
async fn a_download_behind_a_redirect_comes_back_as_bytes() {
    let archive = vec![0x50, 0x4b, 0x03, 0x04, 0x00, 0xff];
    let server = MockServer::start().await;
    Mock::given(path("/v1/artifacts/9/zip"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/files/a.zip"))
        .mount(&server)
        .await;
    Mock::given(path("/files/a.zip"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(archive.clone(), "application/zip"))
        .mount(&server)
        .await;
    let bytes = client(&server)
        .download_artifact("9")
        .await
        .expect("the redirect is followed");
    assert_eq!(bytes.into_inner(), archive);
    assert_eq!(requests(&server).await.len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_304_is_a_documented_error_and_redirects_have_no_variant() {
    let server = server_answering(ResponseTemplate::new(304)).await;
    let error = client(&server)
        .get_report("r1", "\"etag-1\"")
        .await
        .expect_err("a 304");
    match error {
        Error::Api { status, error, .. } => {
            assert_eq!(status, 304);
            // Exhaustive: the enum has no variant for 301 or 302, which reqwest follows.
            match error {
                GetReportError::NotModified(_) => {}
                GetReportError::NotFound(body) => panic!("{body:?}"),
            }
        }
        other => panic!("{other:?}"),
    }
    let request = only_request(&server).await;
    assert_eq!(header(&request.headers, "if-none-match"), "\"etag-1\"");
}

#[tokio::test]
async fn a_documented_redirect_is_followed_to_the_report() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/reports/r1"))
        .respond_with(ResponseTemplate::new(301).insert_header("location", "/v1/reports/r2"))
        .mount(&server)
        .await;
    Mock::given(path("/v1/reports/r2"))
        .respond_with(json_response(json!({"id": "r2", "rows": 5})))
        .mount(&server)
        .await;
    let report = client(&server)
        .get_report("r1", "*")
        .await
        .expect("followed");
    assert_eq!((report.id.as_deref(), report.rows), (Some("r2"), Some(5)));
}

#[tokio::test]
async fn operations_without_documented_errors_share_one_error_type() {
    let server = server_answering(
        ResponseTemplate::new(503).set_body_raw(r#"{"message":"down"}"#, "application/json"),
    )
    .await;
    let error: Error<Undocumented> = client(&server).get_profile().await.expect_err("a 503");
    match error {
        Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(status, 503);
            assert_eq!(body, br#"{"message":"down"}"#);
        }
        other => panic!("{other:?}"),
    }
    assert!(Undocumented::DOCUMENTED.is_empty());
    // The same type for every such operation.
    let _: Result<inputs::Response<Vec<u8>>, Error<Undocumented>> =
        client(&server).download_artifact("1").await;
}
