//! What every generated client has besides its operations, on the wire, async: the whole
//! response (status and headers beside the body), custom requests to any path or URL, default
//! headers and credentials that every client can set and replace while shared, and errors that
//! read as messages and give their status, headers, `Retry-After` and typed body.
//!
//! Against wiremock on 127.0.0.1, with the `wire` golden crate (bearer, basic and API-key auth
//! declared) and the `todo` one (no auth declared anywhere). The blocking client has the same
//! tests in `wire_runtime_blocking.rs`.

mod support;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use support::requests::{assert_no_header, assert_request_line, header, query_pairs};
use wire::errors::GetSigningKeysError;
use wire::params::ListItemsWithApiKeyQuery;
use wire::types::{GetSigningKeysError401Body, UpdateOrderBody, UpdateOrderBodyAction};
use wire::{Client, Error};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "runtime-token-5e2a";

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

/// `{server}/api`, as the collection's `{{baseUrl}}` has a path.
fn base_url(server: &MockServer) -> String {
    format!("{}/api", server.uri())
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = requests(server).await;
    assert_eq!(requests.len(), 1, "{requests:#?}");
    requests.pop().expect("one request")
}

fn order() -> UpdateOrderBody {
    UpdateOrderBody {
        version: Some(json!(1)),
        actions: Some(vec![UpdateOrderBodyAction {
            action: Some("setKey".to_owned()),
            key: Some("k".to_owned()),
        }]),
    }
}

fn items_query() -> ListItemsWithApiKeyQuery {
    ListItemsWithApiKeyQuery {
        id: vec!["1".to_owned()],
        page: Some("1".to_owned()),
        sort: None,
    }
}

// ---------------------------------------------------------------------------------------------
// 1. The response: status and headers beside the typed body.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_success_carries_its_status_and_headers_beside_the_body() {
    let server = server_answering(
        ResponseTemplate::new(200)
            .set_body_raw(r#"[{"id": 1, "name": "one"}]"#, "application/json")
            .insert_header(
                "link",
                r#"<https://wire.example.com/api/items?page=2>; rel="next""#,
            )
            .insert_header("x-ratelimit-remaining", "4999")
            .insert_header("etag", r#""v7""#),
    )
    .await;
    let client = Client::new(base_url(&server)).with_api_key("k");

    let items = client
        .list_items_with_api_key(&items_query())
        .await
        .expect("200");

    assert_eq!(items.status(), 200);
    assert_eq!(items.headers()["x-ratelimit-remaining"], "4999");
    assert_eq!(items.headers()["etag"], r#""v7""#);
    assert!(
        items.headers()["link"]
            .to_str()
            .unwrap()
            .ends_with(r#"rel="next""#)
    );
    // The body through `Deref`, then taken out.
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].name.as_deref(), Some("one"));
    let (status, headers, body) = items.into_parts();
    assert_eq!((status, headers.len() >= 3, body.len()), (200, true, 1));
}

#[tokio::test]
async fn another_2xx_status_and_an_empty_success_keep_theirs() {
    let server = server_answering(
        ResponseTemplate::new(201)
            .set_body_raw(
                r#"{"access_token": "t", "expires_in": 60}"#,
                "application/json",
            )
            .insert_header("location", "/api/oauth/token/1"),
    )
    .await;
    let token = Client::new(base_url(&server))
        .create_token("client_credentials", "read")
        .await
        .expect("201");
    assert_eq!((token.status(), token.expires_in), (201, Some(60)));
    assert_eq!(token.headers()["location"], "/api/oauth/token/1");
    assert_eq!(token.into_inner().access_token.as_deref(), Some("t"));

    let server =
        server_answering(ResponseTemplate::new(204).insert_header("x-request-id", "r-204")).await;
    let health = Client::new(base_url(&server)).health().await.expect("204");
    assert_eq!(health.status(), 204);
    assert_eq!(health.headers()["x-request-id"], "r-204");
}

// ---------------------------------------------------------------------------------------------
// 2. Custom requests: any path or URL, with the client's base URL, auth and defaults.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_custom_request_to_a_path_has_the_base_url_credentials_and_defaults() {
    let server = server_answering(
        ResponseTemplate::new(200)
            .set_body_raw(r#"{"id": 7, "diff": true}"#, "application/json")
            .insert_header("x-request-id", "r-7"),
    )
    .await;
    let client = Client::new(base_url(&server))
        .with_bearer_token(TOKEN)
        .with_header("x-tenant", "acme")
        .with_header("accept", "application/json");

    let response = client
        .custom_request(reqwest::Method::GET, "/things/7?expand=owner")
        .query(&[("page", "2")])
        .header("accept", "application/vnd.github.diff")
        .send_json::<Value>()
        .await
        .expect("200");

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-request-id"], "r-7");
    assert_eq!(*response, json!({"id": 7, "diff": true}));
    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/api/things/7");
    assert_eq!(
        query_pairs(&request),
        [
            ("expand".to_owned(), "owner".to_owned()),
            ("page".to_owned(), "2".to_owned())
        ]
    );
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    assert_eq!(header(&request.headers, "x-tenant"), "acme");
    // The call's own header wins over the client's default, and is sent once.
    assert_eq!(request.headers.get_all("accept").iter().count(), 1);
    assert_eq!(
        header(&request.headers, "accept"),
        "application/vnd.github.diff"
    );
    assert_eq!(header(&request.headers, "user-agent"), "wire/0.1.0");
}

#[tokio::test]
async fn credentials_go_to_absolute_urls_on_the_base_url_s_origin_only() {
    let api = server_answering(ResponseTemplate::new(200).set_body_string("page 2")).await;
    let elsewhere = server_answering(ResponseTemplate::new(200).set_body_string("file")).await;
    let client = Client::new(base_url(&api))
        .with_bearer_token(TOKEN)
        .with_header("x-tenant", "acme");

    // A `next` link on the API's own host: credentials go with it.
    let next = format!("{}/api/items?page=2", api.uri());
    let page = client
        .custom_request(reqwest::Method::GET, &next)
        .send_text()
        .await
        .expect("200");
    assert_eq!(*page, "page 2");
    let request = only_request(&api).await;
    assert_request_line(&request, "GET", "/api/items");
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );

    // Another host (another port is another origin): no credentials, the defaults still.
    let file = client
        .custom_request(
            reqwest::Method::GET,
            &format!("{}/download/1", elsewhere.uri()),
        )
        .send_bytes()
        .await
        .expect("200");
    assert_eq!(file.as_slice(), b"file");
    let request = only_request(&elsewhere).await;
    assert_request_line(&request, "GET", "/download/1");
    assert_no_header(&request.headers, "authorization");
    assert_eq!(header(&request.headers, "x-tenant"), "acme");
}

#[tokio::test]
async fn a_custom_request_sends_json_and_takes_basic_credentials_without_a_token() {
    let server = server_answering(
        ResponseTemplate::new(201).set_body_raw(r#"{"ok": true}"#, "application/json"),
    )
    .await;
    let client = Client::new(base_url(&server)).with_basic_auth("user", "pass");

    let created = client
        .custom_request(reqwest::Method::POST, "/widgets")
        .json(&json!({"name": "gear", "teeth": 12}))
        .send_json::<Value>()
        .await
        .expect("201");

    assert_eq!(
        (created.status(), created["ok"].as_bool()),
        (201, Some(true))
    );
    let request = only_request(&server).await;
    assert_request_line(&request, "POST", "/api/widgets");
    assert_eq!(header(&request.headers, "content-type"), "application/json");
    assert_eq!(
        serde_json::from_slice::<Value>(&request.body).unwrap(),
        json!({"name": "gear", "teeth": 12})
    );
    // "user:pass" in base64.
    assert_eq!(
        header(&request.headers, "authorization"),
        "Basic dXNlcjpwYXNz"
    );
}

#[tokio::test]
async fn a_custom_request_error_status_reads_as_a_message() {
    let server = server_answering(ResponseTemplate::new(404).set_body_raw(
        r#"{"message": "Not Found", "documentation_url": "https://docs"}"#,
        "application/json",
    ))
    .await;
    let error = Client::new(base_url(&server))
        .custom_request(reqwest::Method::DELETE, "/repos/a/b")
        .send_bytes()
        .await
        .expect_err("404");
    assert!(
        matches!(error, Error::UnexpectedStatus { status: 404, .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "unexpected HTTP status 404 Not Found: Not Found"
    );
    let body: Value = error.body_json().expect("a JSON body");
    assert_eq!(body["documentation_url"], "https://docs");
}

#[tokio::test]
async fn a_custom_request_that_cannot_be_sent_sends_nothing() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    let error = Client::new(base_url(&server))
        .custom_request(reqwest::Method::GET, "/x")
        .header("x-trace", "a\r\nInjected: 1")
        .send_text()
        .await
        .expect_err("refused");
    match &error {
        Error::InvalidRequest(message) => assert!(message.contains("`x-trace`"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn a_custom_request_timeout_is_its_own() {
    // The server answers after 10 s; the call gives up long before: no duration is measured.
    let server =
        server_answering(ResponseTemplate::new(200).set_delay(Duration::from_secs(10))).await;
    let error = Client::new(base_url(&server))
        .custom_request(reqwest::Method::GET, "/slow")
        .timeout(Duration::from_millis(200))
        .send_text()
        .await
        .expect_err("timed out");
    match error {
        Error::Transport(error) => assert!(error.is_timeout(), "{error}"),
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Default headers, credentials on every client, replaced while shared.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn default_headers_go_with_operations_whose_own_headers_win() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let body = order();
    Client::new(base_url(&server))
        .with_bearer_token(TOKEN)
        .with_header("If-Match", "\"default\"")
        .with_header("x-tenant", "acme")
        .with_header("x-tenant", "umbrella")
        .update_order("o-1", "\"v3\"", &body)
        .await
        .expect("204");
    let request = only_request(&server).await;
    assert_eq!(request.headers.get_all("if-match").iter().count(), 1);
    assert_eq!(header(&request.headers, "if-match"), "\"v3\"");
    // A second value of a default header replaces the first.
    assert_eq!(header(&request.headers, "x-tenant"), "umbrella");
}

#[tokio::test]
async fn an_invalid_default_header_fails_every_request_before_sending() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Client::new(base_url(&server)).with_header("x-trace", "a\nb");
    let error = client.health().await.expect_err("refused");
    match &error {
        Error::InvalidRequest(message) => {
            assert!(
                message.contains("`x-trace`, set with `Client::with_header`"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    let custom = client
        .custom_request(reqwest::Method::GET, "/x")
        .send_bytes()
        .await;
    assert!(matches!(custom, Err(Error::InvalidRequest(_))));
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn with_http_client_keeps_the_user_agent_and_default_headers() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    Client::with_http_client(base_url(&server), reqwest::Client::new())
        .with_header("x-tenant", "acme")
        .health()
        .await
        .expect("204");
    let request = only_request(&server).await;
    assert_eq!(header(&request.headers, "user-agent"), "wire/0.1.0");
    assert_eq!(header(&request.headers, "x-tenant"), "acme");

    // A `User-Agent` of the user's own replaces the crate's.
    let server = server_answering(ResponseTemplate::new(204)).await;
    Client::new(base_url(&server))
        .with_header("user-agent", "my-app/2.0")
        .health()
        .await
        .expect("204");
    assert_eq!(
        header(&only_request(&server).await.headers, "user-agent"),
        "my-app/2.0"
    );
}

#[tokio::test]
async fn credentials_are_replaced_on_a_shared_client_without_rebuilding_it() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = Arc::new(Client::new(base_url(&server)).with_bearer_token("old"));
    let clone = (*client).clone();
    let own = (*client).clone().with_bearer_token("own");

    // Replaced through the `Arc`, from another task, on `&self`.
    let shared = Arc::clone(&client);
    tokio::spawn(async move { shared.set_bearer_token("new") })
        .await
        .expect("the task ran");
    let body = order();
    client.update_order("o-1", "*", &body).await.expect("204");
    clone.update_order("o-2", "*", &body).await.expect("204");
    own.update_order("o-3", "*", &body).await.expect("204");

    let mut sent: Vec<(String, String)> = requests(&server)
        .await
        .iter()
        .map(|r| {
            (
                r.url.path().to_owned(),
                header(&r.headers, "authorization").to_owned(),
            )
        })
        .collect();
    sent.sort();
    assert_eq!(
        sent,
        [
            ("/api/orders/o-1".to_owned(), "Bearer new".to_owned()),
            ("/api/orders/o-2".to_owned(), "Bearer new".to_owned()),
            ("/api/orders/o-3".to_owned(), "Bearer own".to_owned()),
        ]
    );
}

#[tokio::test]
async fn bearer_and_basic_setters_work_where_the_collection_declares_no_auth() {
    use todo_live_collection::Client as TodoClient;

    let server =
        server_answering(ResponseTemplate::new(200).set_body_raw("[]", "application/json")).await;
    let client = TodoClient::new(server.uri()).with_bearer_token(TOKEN);
    client.get_todos("*").await.expect("200");
    client.set_bearer_token("rotated");
    client.get_todos("*").await.expect("200");
    let basic = TodoClient::new(server.uri()).with_basic_auth("user", "pass");
    basic.get_todos("*").await.expect("200");
    TodoClient::new(server.uri())
        .get_todos("*")
        .await
        .expect("200");

    let sent: Vec<Option<String>> = requests(&server)
        .await
        .iter()
        .map(|r| {
            r.headers
                .get("authorization")
                .map(|v| v.to_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(
        sent,
        [
            Some(format!("Bearer {TOKEN}")),
            Some("Bearer rotated".to_owned()),
            Some("Basic dXNlcjpwYXNz".to_owned()),
            None,
        ]
    );
}

#[tokio::test]
async fn declared_auth_kinds_keep_their_operations() {
    // The wire collection declares bearer and basic: its `noauth` operation sends neither.
    let server = server_answering(ResponseTemplate::new(204)).await;
    Client::new(base_url(&server))
        .with_bearer_token(TOKEN)
        .with_basic_auth("user", "pass")
        .health()
        .await
        .expect("204");
    assert_no_header(&only_request(&server).await.headers, "authorization");
}

// ---------------------------------------------------------------------------------------------
// 4. Errors: a message, the status, headers, Retry-After and a typed body.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_documented_error_reads_as_a_message_and_decodes_in_one_call() {
    let server = server_answering(
        ResponseTemplate::new(401)
            .set_body_raw(
                r#"{"error": "invalid_token", "error_description": "The token expired"}"#,
                "application/json",
            )
            .insert_header("www-authenticate", "Bearer"),
    )
    .await;
    let error = Client::new(base_url(&server))
        .with_auth_url(server.uri())
        .get_signing_keys()
        .await
        .expect_err("401");

    assert_eq!(
        error.to_string(),
        "HTTP 401 Unauthorized: The token expired (code invalid_token)"
    );
    assert_eq!(error.status(), Some(401));
    assert_eq!(
        error.headers().expect("a response")["www-authenticate"],
        "Bearer"
    );
    let expected = GetSigningKeysError401Body {
        error: Some("invalid_token".to_owned()),
        error_description: Some("The token expired".to_owned()),
    };
    assert_eq!(
        error.body_json::<GetSigningKeysError401Body>(),
        Some(expected.clone())
    );
    match error {
        Error::Api {
            error: GetSigningKeysError::Unauthorized(variant_body),
            body,
            ..
        } => {
            assert_eq!(
                body.decode::<GetSigningKeysError401Body>().unwrap(),
                expected
            );
            assert_eq!(variant_body, body);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn retry_after_is_read_in_seconds_and_as_a_date() {
    let server = server_answering(
        ResponseTemplate::new(429)
            .insert_header("retry-after", "30")
            .set_body_raw(r#"{"message": "slow down"}"#, "application/json"),
    )
    .await;
    let error = Client::new(base_url(&server))
        .health()
        .await
        .expect_err("429");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(
        error.to_string(),
        "unexpected HTTP status 429 Too Many Requests: slow down"
    );

    // A date: the time left until it, zero once it has passed.
    let server = server_answering(
        ResponseTemplate::new(503).insert_header("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"),
    )
    .await;
    let error = Client::new(base_url(&server))
        .health()
        .await
        .expect_err("503");
    assert_eq!(error.retry_after(), Some(Duration::ZERO));
    assert_eq!(
        error.to_string(),
        "unexpected HTTP status 503 Service Unavailable (empty body)"
    );

    let server = server_answering(
        ResponseTemplate::new(503).insert_header("retry-after", "Fri, 31 Dec 9999 23:59:59 GMT"),
    )
    .await;
    let error = Client::new(base_url(&server))
        .health()
        .await
        .expect_err("503");
    assert!(error.retry_after().expect("a date") > Duration::from_secs(3600));
}

/// An operation returns its call as a named future (`wire::Pending`), built when called and
/// sent when awaited: `Send`, and `'static` with a `'static` client, so it can be spawned as
/// it is; with an `Arc<Client>` the call spawns inside an `async move` block.
#[tokio::test]
async fn a_call_is_a_send_future_that_can_be_spawned() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client: &'static Client = Box::leak(Box::new(
        Client::new(base_url(&server)).with_bearer_token(TOKEN),
    ));
    let body = order();
    let call: wire::Pending<'static, _, _> = client.update_order("o-1", "*", &body);
    assert!(
        requests(&server).await.is_empty(),
        "nothing is sent before the future is polled"
    );
    tokio::spawn(call)
        .await
        .expect("the task ran")
        .expect("204");

    let shared = Arc::new(Client::new(base_url(&server)));
    tokio::spawn(async move { shared.update_order("o-2", "*", &order()).await })
        .await
        .expect("the task ran")
        .expect("204");
    let paths: Vec<String> = requests(&server)
        .await
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(paths, ["/api/orders/o-1", "/api/orders/o-2"]);
}
