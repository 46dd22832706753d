//! The blocking `inputs` client (golden crate `tests/golden/inputs-blocking`) from plain
//! `#[test]`s: the same saved inputs as `inputs.rs` where the blocking runtime differs in
//! nothing but the calls (auth from a saved header, a saved `Accept`, dynamic variables, bare
//! query keys, a download as bytes, a 304 error).
//!
//! wiremock serves on its own thread; a small tokio runtime owned by each test starts it and
//! reads what it recorded, and is never entered while the blocking client runs.

mod support;

use inputs_blocking::errors::GetReportError;
use inputs_blocking::params::{CreatePaymentQuery, DeleteCookiesQuery};
use inputs_blocking::types::CreatePaymentBody;
use inputs_blocking::{Client, Error};
use serde_json::json;
use support::requests::{assert_no_header, assert_request_line, header, query_pairs};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "inputs-blocking-token-77c0";

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
        assert!(
            mock.uri().starts_with("http://127.0.0.1:"),
            "{}",
            mock.uri()
        );
        Server { runtime, mock }
    }

    fn client(&self) -> Client {
        Client::new(format!("{}/v1", self.mock.uri())).with_bearer_token(TOKEN)
    }

    fn requests(&self) -> Vec<Request> {
        self.runtime
            .block_on(self.mock.received_requests())
            .expect("recording is on")
    }

    fn only_request(&self) -> Request {
        let mut requests = self.requests();
        assert_eq!(requests.len(), 1, "{requests:#?}");
        requests.pop().expect("one request")
    }
}

#[test]
fn a_saved_bearer_header_is_bearer_auth_and_the_saved_accept_is_sent() {
    let server = Server::answering(
        ResponseTemplate::new(200).set_body_raw(r#"{"id":"me"}"#, "application/json"),
    );
    let profile = server
        .client()
        .get_profile()
        .expect("a success")
        .into_inner();
    assert_eq!(profile, Some(json!({"id": "me"})));
    let request = server.only_request();
    assert_request_line(&request, "GET", "/v1/me");
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    assert_eq!(header(&request.headers, "accept"), "application/json");
    assert_no_header(&request.headers, "sdkversion");
}

#[test]
fn dynamic_variables_are_computed_per_call_or_given() {
    let server = Server::answering(
        ResponseTemplate::new(201)
            .set_body_raw(r#"{"id":"pay_1","reference":"r"}"#, "application/json"),
    );
    let client = server.client();
    let body = CreatePaymentBody {
        reference: Some("{{$guid}}".to_owned()),
        amount: Some(10),
        note: Some("n".to_owned()),
    };
    client
        .create_payment(&CreatePaymentQuery::default(), None, &body)
        .expect("a success")
        .into_inner();
    client
        .create_payment(
            &CreatePaymentQuery {
                nonce: Some("3".to_owned()),
            },
            Some("key-2"),
            &body,
        )
        .expect("a success")
        .into_inner();
    let requests = server.requests();
    let key = header(&requests[0].headers, "idempotency-key");
    assert_eq!(uuid::Uuid::parse_str(key).unwrap().get_version_num(), 4);
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    let reference = sent["reference"].as_str().unwrap();
    assert_eq!(
        uuid::Uuid::parse_str(reference).unwrap().get_version_num(),
        4
    );
    assert!(
        query_pairs(&requests[0])[0]
            .1
            .parse::<u16>()
            .is_ok_and(|n| n <= 1000)
    );
    assert_eq!(header(&requests[1].headers, "idempotency-key"), "key-2");
    assert_eq!(
        query_pairs(&requests[1]),
        [("nonce".to_owned(), "3".to_owned())]
    );
}

#[test]
fn valueless_query_keys_stay_valueless() {
    let server = Server::answering(ResponseTemplate::new(204));
    server
        .client()
        .delete_cookies(&DeleteCookiesQuery {
            page: Some("1".to_owned()),
        })
        .expect("a success")
        .into_inner();
    assert_eq!(server.only_request().url.query(), Some("foo1&foo2&page=1"));
}

#[test]
fn a_pdf_comes_back_as_bytes() {
    let pdf = b"%PDF-1.7\n\x00\x01\xfe".to_vec();
    let server =
        Server::answering(ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf"));
    assert_eq!(
        server
            .client()
            .download_invoice("inv_2")
            .expect("a success")
            .into_inner(),
        pdf
    );
    assert_eq!(
        header(&server.only_request().headers, "accept"),
        "application/pdf"
    );
}

#[test]
fn a_304_is_a_documented_error() {
    let server = Server::answering(ResponseTemplate::new(304));
    match server.client().get_report("r1", "\"e\"") {
        Err(Error::Api {
            status: 304,
            error: GetReportError::NotModified(_),
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
}
