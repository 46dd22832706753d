//! The blocking `wire` client (golden crate `tests/golden/wire-blocking`, the wire collection
//! generated with `--blocking`) from plain `#[test]`s: no async runtime around the calls.
//!
//! wiremock serves on its own thread; a small tokio runtime owned by each test only starts it
//! and reads what it recorded, and is never entered while the blocking client runs (reqwest's
//! blocking client panics inside a runtime). Each test asserts the exact request, as the async
//! wire tests do, for each kind of body the blocking runtime builds: multipart with a streamed
//! file, JSON, a query with an API key; and for error statuses, the request hook and a second
//! host.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::json;
use support::requests::{
    TempFile, assert_no_header, assert_request_line, assert_text_part, header, multipart_parts,
    pdf_bytes,
};
use wire_blocking::errors::GetSigningKeysError;
use wire_blocking::params::{ListItemsWithApiKeyQuery, PurgeCacheQuery, UploadDocumentsForm};
use wire_blocking::types::{
    ListItemsWithApiKeyResponseItem, UpdateOrderBody, UpdateOrderBodyAction,
    UploadDocumentsResponse,
};
use wire_blocking::{Client, Error, FilePart};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "wire-blocking-token-41d7";

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
        assert!(
            mock.uri().starts_with("http://127.0.0.1:"),
            "wiremock must listen on 127.0.0.1, got {}",
            mock.uri()
        );
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

    /// The one request the server received (panics if it received none or several).
    fn only_request(&self) -> Request {
        let mut requests = self.requests();
        assert_eq!(requests.len(), 1, "expected one request, got {requests:#?}");
        requests.pop().expect("one request")
    }
}

#[test]
fn upload_documents_streams_the_file_from_a_reader() {
    let file = TempFile::write("blocking-report.pdf", &pdf_bytes());
    let reader = std::fs::File::open(file.path()).expect("open the file");
    let length = file.read().len() as u64;
    let server = Server::answering(ResponseTemplate::new(201).set_body_raw(
        r#"{"id": 8, "title": "Q4", "tags": ["finance"]}"#,
        "application/json",
    ));

    let created = Client::new(server.base_url())
        .with_bearer_token(TOKEN)
        .upload_documents(UploadDocumentsForm {
            title: "Q4 report".to_owned(),
            file: FilePart::reader_with_length(reader, length)
                .file_name("report.pdf")
                .mime("application/pdf"),
            tag: "finance".to_owned(),
            tag_2: "q4".to_owned(),
            note: Some("blocking".to_owned()),
        })
        .expect("201 is a success");
    assert_eq!(
        created.into_inner(),
        UploadDocumentsResponse {
            id: Some(8),
            title: Some("Q4".to_owned()),
            tags: Some(vec!["finance".to_owned()]),
        }
    );

    let request = server.only_request();
    assert_request_line(&request, "POST", "/api/documents");
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    let parts = multipart_parts(&request);
    assert_eq!(
        parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["title", "file", "tag", "tag", "note"],
        "{parts:#?}"
    );
    assert_text_part(&parts[0], "title", "Q4 report");
    assert_eq!(parts[1].file_name.as_deref(), Some("report.pdf"));
    assert_eq!(parts[1].content_type.as_deref(), Some("application/pdf"));
    assert_eq!(parts[1].body, pdf_bytes(), "the file's bytes, exactly");
    assert_text_part(&parts[2], "tag", "finance");
    assert_text_part(&parts[3], "tag", "q4");
    assert_text_part(&parts[4], "note", "blocking");
}

#[test]
fn update_order_sends_the_exact_json_body() {
    let server = Server::answering(ResponseTemplate::new(204));
    Client::new(server.base_url())
        .with_bearer_token(TOKEN)
        .update_order(
            "o-2",
            "W/\"4\"",
            &UpdateOrderBody {
                version: Some(json!(4)),
                actions: Some(vec![UpdateOrderBodyAction {
                    action: Some("setKey".to_owned()),
                    key: Some("k \"b\"".to_owned()),
                }]),
            },
        )
        .expect("204");

    let request = server.only_request();
    assert_request_line(&request, "POST", "/api/orders/o-2");
    assert_eq!(header(&request.headers, "if-match"), "W/\"4\"");
    assert_eq!(header(&request.headers, "content-type"), "application/json");
    assert_eq!(
        std::str::from_utf8(&request.body).expect("UTF-8 body"),
        r#"{"version":4,"actions":[{"action":"setKey","key":"k \"b\""}]}"#
    );
}

#[test]
fn a_key_saved_without_a_value_is_sent_bare() {
    let server = Server::answering(ResponseTemplate::new(204));
    Client::new(server.base_url())
        .purge_cache(&PurgeCacheQuery {
            tag: "t 2".to_owned(),
        })
        .expect("204");
    let request = server.only_request();
    assert_request_line(&request, "DELETE", "/api/cache");
    assert_eq!(request.url.query(), Some("all&tag=t+2"));
}

#[test]
fn list_items_sends_the_api_key_and_the_query() {
    let server = Server::answering(
        ResponseTemplate::new(200)
            .set_body_raw(r#"[{"id": 1, "name": "one"}]"#, "application/json"),
    );
    let items = Client::new(server.base_url())
        .with_bearer_token(TOKEN)
        .with_api_key("k&1")
        .list_items_with_api_key(&ListItemsWithApiKeyQuery {
            id: vec!["1".to_owned(), "2".to_owned()],
            page: Some("3".to_owned()),
            sort: Some("name desc".to_owned()),
        })
        .expect("200");
    assert_eq!(
        items.into_inner(),
        vec![ListItemsWithApiKeyResponseItem {
            id: Some(1),
            name: Some("one".to_owned()),
            note: None,
        }]
    );

    let request = server.only_request();
    assert_request_line(&request, "GET", "/api/items");
    assert_eq!(
        request.url.query(),
        Some("api_key=k%261&page=3&sort=name+desc&id=1&id=2")
    );
    assert_no_header(&request.headers, "authorization");
}

#[test]
fn error_statuses_are_the_same_errors_as_async() {
    let auth = Server::answering(ResponseTemplate::new(401).set_body_raw(
        r#"{"error": "invalid_token", "error_description": "The token expired."}"#,
        "application/json",
    ));
    let error = Client::new("http://127.0.0.1:9/api")
        .with_auth_url(auth.mock.uri())
        .get_signing_keys()
        .expect_err("401 is documented");
    let Error::Api {
        status: 401,
        error: GetSigningKeysError::Unauthorized(body),
        ..
    } = &error
    else {
        panic!("expected the documented 401, got {error:?}");
    };
    assert_eq!(body.message().as_deref(), Some("The token expired."));

    let server = Server::answering(ResponseTemplate::new(404));
    let error = Client::new(server.base_url())
        .health()
        .expect_err("404 is not a success");
    // `health` documents no error status: the raw answer.
    assert!(
        matches!(error, Error::UnexpectedStatus { status: 404, .. }),
        "{error:?}"
    );
}

#[test]
fn digest_protected_goes_through_the_blocking_request_hook_alone() {
    let server = Server::answering(ResponseTemplate::new(200));
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let client = Client::new(server.base_url())
        .with_bearer_token(TOKEN)
        .with_request_hook(move |request: reqwest::blocking::RequestBuilder| {
            counter.fetch_add(1, Ordering::SeqCst);
            request.header("authorization", "Digest username=\"u\"")
        });
    client.digest_protected().expect("200");
    client.health().expect("200");

    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:#?}");
    assert_request_line(&requests[0], "GET", "/api/digest");
    assert_eq!(
        header(&requests[0].headers, "authorization"),
        "Digest username=\"u\""
    );
    assert_request_line(&requests[1], "GET", "/api/health");
    assert_no_header(&requests[1].headers, "authorization");
}

#[test]
fn get_signing_keys_goes_to_the_auth_host() {
    let api = Server::answering(ResponseTemplate::new(500));
    let auth = Server::answering(
        ResponseTemplate::new(200).set_body_raw(r#"{"keys": []}"#, "application/json"),
    );
    let keys = Client::new(api.base_url())
        .with_auth_url(auth.mock.uri())
        .get_signing_keys()
        .expect("200");
    assert_eq!(keys.keys, Some(Vec::new()));
    assert_request_line(&auth.only_request(), "GET", "/keys");
    assert!(api.requests().is_empty());
}
