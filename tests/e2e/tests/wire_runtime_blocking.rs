//! `wire_runtime.rs` for the blocking client (golden crate `tests/golden/wire-blocking`), from
//! plain `#[test]`s: the whole response, custom requests, default headers, credentials replaced
//! on a client shared between threads, and errors.
//!
//! wiremock serves on its own thread; a small tokio runtime owned by each test only starts it
//! and reads what it recorded, and is never entered while the blocking client runs.

mod support;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use support::requests::{assert_no_header, assert_request_line, header, query_pairs};
use wire_blocking::errors::GetSigningKeysError;
use wire_blocking::params::ListItemsWithApiKeyQuery;
use wire_blocking::types::{GetSigningKeysError401Body, UpdateOrderBody, UpdateOrderBodyAction};
use wire_blocking::{Client, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "blocking-runtime-token-90c4";

/// A wiremock server on 127.0.0.1 answering every request with `response`, and the runtime
/// that talks to it.
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

    /// `{server}/api`, as the collection's `{{baseUrl}}` has a path.
    fn base_url(&self) -> String {
        format!("{}/api", self.mock.uri())
    }

    fn requests(&self) -> Vec<Request> {
        self.runtime
            .block_on(self.mock.received_requests())
            .expect("request recording is on")
    }

    fn only_request(&self) -> Request {
        let mut requests = self.requests();
        assert_eq!(requests.len(), 1, "{requests:#?}");
        requests.pop().expect("one request")
    }
}

fn order() -> UpdateOrderBody {
    UpdateOrderBody {
        version: None,
        actions: Some(vec![UpdateOrderBodyAction {
            action: Some("setKey".to_owned()),
            key: Some("k".to_owned()),
        }]),
    }
}

#[test]
fn a_success_carries_its_status_and_headers_beside_the_body() {
    let server = Server::answering(
        ResponseTemplate::new(200)
            .set_body_raw(r#"[{"id": 1, "name": "one"}]"#, "application/json")
            .insert_header("x-ratelimit-remaining", "4999")
            .insert_header("etag", r#""v7""#),
    );
    let items = Client::new(server.base_url())
        .with_api_key("k")
        .list_items_with_api_key(&ListItemsWithApiKeyQuery {
            id: vec!["1".to_owned()],
            page: Some("1".to_owned()),
            sort: None,
        })
        .expect("200");
    assert_eq!(items.status(), 200);
    assert_eq!(items.headers()["x-ratelimit-remaining"], "4999");
    assert_eq!(items.headers()["etag"], r#""v7""#);
    assert_eq!(items[0].name.as_deref(), Some("one"));
    assert_eq!(items.into_inner().len(), 1);

    let server = Server::answering(ResponseTemplate::new(204).insert_header("x-request-id", "r"));
    let health = Client::new(server.base_url()).health().expect("204");
    assert_eq!(health.status(), 204);
    assert_eq!(health.headers()["x-request-id"], "r");
}

#[test]
fn a_custom_request_has_the_base_url_credentials_and_defaults() {
    let server = Server::answering(
        ResponseTemplate::new(200).set_body_raw(r#"{"id": 7}"#, "application/json"),
    );
    let client = Client::new(server.base_url())
        .with_bearer_token(TOKEN)
        .with_header("x-tenant", "acme");
    let response = client
        .custom_request(reqwest::Method::PATCH, "things/7")
        .query(&[("dry_run", "true")])
        .json(&json!({"name": "gear"}))
        .timeout(Duration::from_secs(20))
        .send_json::<Value>()
        .expect("200");
    assert_eq!((response.status(), &*response), (200, &json!({"id": 7})));

    let request = server.only_request();
    assert_request_line(&request, "PATCH", "/api/things/7");
    assert_eq!(
        query_pairs(&request),
        [("dry_run".to_owned(), "true".to_owned())]
    );
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    assert_eq!(header(&request.headers, "x-tenant"), "acme");
    assert_eq!(header(&request.headers, "content-type"), "application/json");
    assert_eq!(
        header(&request.headers, "user-agent"),
        "wire-blocking/0.1.0"
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&request.body).unwrap(),
        json!({"name": "gear"})
    );
}

#[test]
fn credentials_stay_off_other_hosts_and_errors_are_unexpected_statuses() {
    let api = Server::answering(ResponseTemplate::new(200));
    let elsewhere = Server::answering(
        ResponseTemplate::new(410)
            .set_body_raw(r#"{"message": "link expired"}"#, "application/json"),
    );
    let error = Client::new(api.base_url())
        .with_bearer_token(TOKEN)
        .custom_request(
            reqwest::Method::GET,
            &format!("{}/file", elsewhere.mock.uri()),
        )
        .send_bytes()
        .expect_err("410");
    assert_eq!(
        error.to_string(),
        "unexpected HTTP status 410 Gone: link expired"
    );
    let request = elsewhere.only_request();
    assert_no_header(&request.headers, "authorization");
    assert!(api.requests().is_empty());

    let text = Client::new(api.base_url())
        .custom_request(
            reqwest::Method::GET,
            &format!("{}/api/ping", api.mock.uri()),
        )
        .send_text()
        .expect("200");
    assert_eq!((text.status(), text.as_str()), (200, ""));
}

#[test]
fn default_headers_user_agent_and_an_invalid_header() {
    let server = Server::answering(ResponseTemplate::new(204));
    Client::with_http_client(server.base_url(), reqwest::blocking::Client::new())
        .with_header("x-tenant", "acme")
        .with_header("If-Match", "\"default\"")
        .update_order("o-1", "\"v3\"", &order())
        .expect("204");
    let request = server.only_request();
    assert_eq!(
        header(&request.headers, "user-agent"),
        "wire-blocking/0.1.0"
    );
    assert_eq!(header(&request.headers, "x-tenant"), "acme");
    assert_eq!(header(&request.headers, "if-match"), "\"v3\"");

    let server = Server::answering(ResponseTemplate::new(204));
    let error = Client::new(server.base_url())
        .with_header("bad name", "v")
        .health()
        .expect_err("refused");
    assert!(
        matches!(&error, Error::InvalidRequest(m) if m.contains("`bad name`")),
        "{error:?}"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn credentials_are_replaced_on_a_client_shared_between_threads() {
    let server = Server::answering(ResponseTemplate::new(204));
    let client = Arc::new(Client::new(server.base_url()).with_bearer_token("old"));
    let shared = Arc::clone(&client);
    std::thread::spawn(move || shared.set_bearer_token("new"))
        .join()
        .expect("the thread ran");
    let clone = (*client).clone();
    client.update_order("o-1", "*", &order()).expect("204");
    clone.update_order("o-2", "*", &order()).expect("204");
    client.set_basic_auth("user", "pass");
    client
        .create_token("client_credentials", "read")
        .expect_err("no body");

    let sent: Vec<String> = server
        .requests()
        .iter()
        .map(|r| header(&r.headers, "authorization").to_owned())
        .collect();
    assert_eq!(sent, ["Bearer new", "Bearer new", "Basic dXNlcjpwYXNz"]);
}

#[test]
fn errors_give_their_message_headers_retry_after_and_typed_body() {
    let auth = Server::answering(
        ResponseTemplate::new(401)
            .set_body_raw(
                r#"{"error": "invalid_token", "error_description": "The token expired"}"#,
                "application/json",
            )
            .insert_header("retry-after", "12"),
    );
    let error = Client::new("http://127.0.0.1:9/api")
        .with_auth_url(auth.mock.uri())
        .get_signing_keys()
        .expect_err("401");
    assert_eq!(
        error.to_string(),
        "HTTP 401 Unauthorized: The token expired (code invalid_token)"
    );
    assert_eq!(error.retry_after(), Some(Duration::from_secs(12)));
    assert_eq!(error.headers().expect("a response")["retry-after"], "12");
    let body = error
        .body_json::<GetSigningKeysError401Body>()
        .expect("the documented body");
    assert_eq!(body.error_description.as_deref(), Some("The token expired"));
    assert!(matches!(
        error,
        Error::Api {
            error: GetSigningKeysError::Unauthorized(_),
            ..
        }
    ));

    let server = Server::answering(
        ResponseTemplate::new(503).insert_header("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"),
    );
    let error = Client::new(server.base_url()).health().expect_err("503");
    assert_eq!(error.retry_after(), Some(Duration::ZERO));
}
