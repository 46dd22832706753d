//! The generated `wire` client (from `tests/fixtures/wire.postman_collection.json`, golden crate
//! `tests/golden/wire`) against wiremock's `MockServer` on 127.0.0.1: one test per body mode
//! (multipart, urlencoded, GraphQL, binary file, raw XML, raw JSON), per auth kind (bearer
//! from the collection, basic, API key in the query, `noauth`, digest through the request
//! hook), and per host (a host variable set on the client, one without a URL, a literal URL).
//!
//! Every test asserts the exact method, path, query, headers and body bytes that went out, and
//! the exact decoded result, so a regression in the generator fails here.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::json;
use support::requests::{
    TempFile, assert_no_header, assert_request_line, assert_text_part, by_key, header,
    multipart_parts, pairs, pdf_bytes, png_bytes, query_pairs,
};
use wire::params::{ListItemsWithApiKeyQuery, PurgeCacheQuery, UploadDocumentsForm};
use wire::types::{
    CreateTokenResponse, ListItemsWithApiKeyResponseItem, UpdateOrderBody, UpdateOrderBodyAction,
    UploadDocumentsResponse,
};
use wire::{Client, FilePart};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "wire-token-8c1d2e";

/// The collection's GraphQL query for "Search films", sent verbatim.
const FILMS_QUERY: &str =
    "query Films($first: Int) { allFilms(first: $first) { films { title } } }";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A mock server on 127.0.0.1 that answers every request with `response`.
async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    assert!(
        server.uri().starts_with("http://127.0.0.1:"),
        "wiremock must listen on 127.0.0.1, got {}",
        server.uri()
    );
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// `{server}/api`: a base URL with a path prefix, as the collection's `{{baseUrl}}` has.
fn base_url(server: &MockServer) -> String {
    format!("{}/api", server.uri())
}

/// A client for `{server}/api` with the bearer token set.
fn client(server: &MockServer) -> Client {
    Client::new(base_url(server)).with_bearer_token(TOKEN)
}

/// A client for `{server}/api` with every credential set: bearer, basic and API key. Whatever
/// an operation sends must then come from its own auth kind alone.
fn client_with_every_credential(server: &MockServer) -> Client {
    Client::new(base_url(server))
        .with_bearer_token(TOKEN)
        .with_basic_auth("user", "pass")
        .with_api_key("k")
}

/// The one request `server` received (panics if it received none or several).
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request, got {requests:#?}"
    );
    requests.pop().expect("one request")
}

// ---------------------------------------------------------------------------------------------
// 1. Multipart: text fields, a file, a repeated key, a disabled (optional) field.
// ---------------------------------------------------------------------------------------------

/// The collection's 201 example for "Upload documents".
const UPLOAD_201: &str = r#"{"id": 7, "title": "Quarterly report", "tags": ["finance", "q3"]}"#;

fn upload_form(file: FilePart, note: Option<&str>) -> UploadDocumentsForm {
    UploadDocumentsForm {
        title: "Q3 report — draft".to_owned(),
        file,
        tag: "finance".to_owned(),
        tag_2: "q3".to_owned(),
        note: note.map(str::to_owned),
    }
}

#[tokio::test]
async fn upload_documents_sends_title_file_and_both_tags_in_order_without_note() {
    let file = TempFile::write("report.pdf", &pdf_bytes());
    let bytes = file.read();
    assert_eq!(bytes, pdf_bytes());

    let server =
        server_answering(ResponseTemplate::new(201).set_body_raw(UPLOAD_201, "application/json"))
            .await;
    let created = client(&server)
        .upload_documents(upload_form(
            FilePart::bytes(bytes.clone())
                .file_name("report.pdf")
                .mime("application/pdf"),
            None,
        ))
        .await
        .expect("201 is a success");

    assert_eq!(
        created.into_inner(),
        UploadDocumentsResponse {
            id: Some(7),
            title: Some("Quarterly report".to_owned()),
            tags: Some(vec!["finance".to_owned(), "q3".to_owned()]),
        }
    );

    let request = only_request(&server).await;
    assert_request_line(&request, "POST", "/api/documents");
    assert_eq!(request.url.query(), None);
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );

    let parts = multipart_parts(&request);
    assert_eq!(
        parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["title", "file", "tag", "tag"],
        "{parts:#?}"
    );
    assert_text_part(&parts[0], "title", "Q3 report — draft");
    let file_part = &parts[1];
    assert_eq!(file_part.file_name.as_deref(), Some("report.pdf"));
    assert_eq!(file_part.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(
        file_part.headers,
        vec![
            (
                "content-disposition".to_owned(),
                r#"form-data; name="file"; filename="report.pdf""#.to_owned()
            ),
            ("content-type".to_owned(), "application/pdf".to_owned()),
        ]
    );
    assert_eq!(file_part.body, bytes, "the file's bytes, exactly");
    // The collection's repeated key `tag`: two parts, in the collection's order.
    assert_text_part(&parts[2], "tag", "finance");
    assert_text_part(&parts[3], "tag", "q3");
    // `note` is disabled in the collection and `None` here: no part at all.
    assert!(parts.iter().all(|p| p.name != "note"), "{parts:#?}");
}

#[tokio::test]
async fn upload_documents_sends_the_note_part_last_when_given() {
    let file = TempFile::write("report-with-note.pdf", &pdf_bytes());
    let server =
        server_answering(ResponseTemplate::new(201).set_body_raw(UPLOAD_201, "application/json"))
            .await;
    client(&server)
        .upload_documents(upload_form(
            FilePart::bytes(file.read())
                .file_name("report.pdf")
                .mime("application/pdf"),
            Some("see page 2 & \"appendix\""),
        ))
        .await
        .expect("201");

    let parts = multipart_parts(&only_request(&server).await);
    assert_eq!(
        parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["title", "file", "tag", "tag", "note"],
        "{parts:#?}"
    );
    assert_text_part(&parts[4], "note", "see page 2 & \"appendix\"");
    assert_eq!(parts[1].body, pdf_bytes());

    // `Some("")` is still a part: an empty value is not the same as no field.
    let server =
        server_answering(ResponseTemplate::new(201).set_body_raw(UPLOAD_201, "application/json"))
            .await;
    client(&server)
        .upload_documents(upload_form(FilePart::bytes(vec![1, 2, 3]), Some("")))
        .await
        .expect("201");
    let parts = multipart_parts(&only_request(&server).await);
    assert_eq!(parts.len(), 5, "{parts:#?}");
    assert_text_part(&parts[4], "note", "");
}

// ---------------------------------------------------------------------------------------------
// 2. API key in the query, a repeated query key, an optional (disabled) parameter.
// ---------------------------------------------------------------------------------------------

const ITEMS_200: &str = r#"[{"id": 1, "name": "one"}, {"id": 2, "name": "two", "note": null}]"#;

fn items_query(sort: Option<&str>) -> ListItemsWithApiKeyQuery {
    ListItemsWithApiKeyQuery {
        id: vec!["1".to_owned(), "2".to_owned()],
        page: Some("1".to_owned()),
        sort: sort.map(str::to_owned),
    }
}

#[tokio::test]
async fn list_items_sends_the_api_key_and_repeated_ids_in_the_query_and_no_authorization() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_raw(ITEMS_200, "application/json"))
            .await;
    let items = Client::new(base_url(&server))
        .with_api_key("k")
        .list_items_with_api_key(&items_query(None))
        .await
        .expect("200");

    // `"note": null` and a missing `note` both decode to `None`.
    assert_eq!(
        items.into_inner(),
        vec![
            ListItemsWithApiKeyResponseItem {
                id: Some(1),
                name: Some("one".to_owned()),
                note: None,
            },
            ListItemsWithApiKeyResponseItem {
                id: Some(2),
                name: Some("two".to_owned()),
                note: None,
            },
        ]
    );

    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/api/items");
    let query = request.url.query().expect("a query string");
    // The exact query string the generated code sends today: the API key first, then the
    // struct's fields, then the repeated key, each value once, in order.
    assert_eq!(query, "api_key=k&page=1&id=1&id=2");
    assert!(query.contains("id=1&id=2"), "{query}");
    assert!(!query.contains("sort"), "{query}");
    // Independently of the order of distinct keys: exactly these pairs.
    assert_eq!(
        by_key(query_pairs(&request)),
        pairs(&[("api_key", "k"), ("id", "1"), ("id", "2"), ("page", "1")])
    );
    assert_no_header(&request.headers, "authorization");
}

#[tokio::test]
async fn list_items_with_every_credential_set_still_sends_only_the_api_key() {
    // The collection's bearer auth is replaced by the item's API key: setting a bearer token
    // (and basic credentials) on the client must not add an Authorization header here.
    let server = server_answering(ResponseTemplate::new(200).set_body_raw(
        r#"[{"id": 3, "name": "three", "note": "kept"}]"#,
        "application/json",
    ))
    .await;
    let items = client_with_every_credential(&server)
        .list_items_with_api_key(&items_query(Some("name desc")))
        .await
        .expect("200");
    assert_eq!(
        items.into_inner(),
        vec![ListItemsWithApiKeyResponseItem {
            id: Some(3),
            name: Some("three".to_owned()),
            note: Some(json!("kept")),
        }]
    );

    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/api/items");
    // `sort: Some(..)` is sent, form-encoded (space as `+`).
    assert_eq!(
        request.url.query(),
        Some("api_key=k&page=1&sort=name+desc&id=1&id=2")
    );
    assert_eq!(
        by_key(query_pairs(&request)),
        pairs(&[
            ("api_key", "k"),
            ("id", "1"),
            ("id", "2"),
            ("page", "1"),
            ("sort", "name desc"),
        ])
    );
    assert_no_header(&request.headers, "authorization");
}

#[tokio::test]
async fn a_key_saved_without_a_value_is_sent_bare() {
    // `?all&tag=t1` in the collection: `all` is sent as saved, `tag` is marked "(Required)".
    let server = server_answering(ResponseTemplate::new(204)).await;
    client(&server)
        .purge_cache(&PurgeCacheQuery {
            tag: "t1".to_owned(),
        })
        .await
        .expect("204");
    let request = only_request(&server).await;
    assert_request_line(&request, "DELETE", "/api/cache");
    assert_eq!(request.url.query(), Some("all&tag=t1"));
}

#[tokio::test]
async fn the_api_key_is_encoded_as_one_query_value() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_raw("[]", "application/json")).await;
    let items = Client::new(base_url(&server))
        .with_api_key("k&page=9 #x")
        .list_items_with_api_key(&ListItemsWithApiKeyQuery {
            id: vec![],
            page: Some("1".to_owned()),
            sort: None,
        })
        .await
        .expect("200");
    assert_eq!(items.into_inner(), vec![]);

    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("api_key=k%26page%3D9+%23x&page=1")
    );
    assert_eq!(
        query_pairs(&request),
        pairs(&[("api_key", "k&page=9 #x"), ("page", "1")])
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Basic auth and an urlencoded body.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn create_token_sends_basic_auth_and_the_exact_urlencoded_body() {
    let server = server_answering(ResponseTemplate::new(200).set_body_raw(
        r#"{"access_token": "abc", "expires_in": 3600}"#,
        "application/json",
    ))
    .await;
    // Bearer and API key are set too: only the item's basic auth may go out.
    let token = client_with_every_credential(&server)
        .create_token("client_credentials", "read write")
        .await
        .expect("200");
    assert_eq!(
        token.into_inner(),
        CreateTokenResponse {
            access_token: Some("abc".to_owned()),
            expires_in: Some(3600),
        }
    );

    let request = only_request(&server).await;
    assert_request_line(&request, "POST", "/api/oauth/token");
    assert_eq!(request.url.query(), None);
    let authorization = header(&request.headers, "authorization");
    assert_eq!(authorization, "Basic dXNlcjpwYXNz");
    let decoded = BASE64
        .decode(authorization.strip_prefix("Basic ").expect("Basic"))
        .expect("base64");
    assert_eq!(decoded, b"user:pass");
    assert_eq!(
        header(&request.headers, "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        std::str::from_utf8(&request.body).expect("UTF-8 body"),
        "grant_type=client_credentials&scope=read+write"
    );
}

#[tokio::test]
async fn create_token_encodes_reserved_characters_in_form_values() {
    let server = server_answering(ResponseTemplate::new(200).set_body_raw(
        r#"{"access_token": "abc", "expires_in": 1}"#,
        "application/json",
    ))
    .await;
    Client::new(base_url(&server))
        .with_basic_auth("user", "")
        .create_token("a&b=c", "x+y %")
        .await
        .expect("200");
    let request = only_request(&server).await;
    // A user name without a password: `user:`.
    assert_eq!(header(&request.headers, "authorization"), "Basic dXNlcjo=");
    assert_eq!(
        std::str::from_utf8(&request.body).expect("UTF-8 body"),
        "grant_type=a%26b%3Dc&scope=x%2By+%25"
    );
}

// ---------------------------------------------------------------------------------------------
// 4. GraphQL: the collection's query with the caller's variables, as JSON.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn search_films_posts_the_collection_query_with_the_variables() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    client(&server)
        .search_films(json!({"first": 2}))
        .await
        .expect("200 with an empty body is ()");

    let request = only_request(&server).await;
    assert_request_line(&request, "POST", "/api/graphql");
    assert_eq!(request.url.query(), None);
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    assert_eq!(header(&request.headers, "content-type"), "application/json");
    let body: serde_json::Value = serde_json::from_slice(&request.body).expect("a JSON body");
    assert_eq!(
        body,
        json!({"query": FILMS_QUERY, "variables": {"first": 2}})
    );
    // Byte for byte: compact, `query` before `variables`, nothing else.
    assert_eq!(
        std::str::from_utf8(&request.body).expect("UTF-8 body"),
        format!(r#"{{"query":"{FILMS_QUERY}","variables":{{"first":2}}}}"#)
    );
}

// ---------------------------------------------------------------------------------------------
// 5. A binary file body with the collection's declared content type.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn put_raw_image_sends_the_exact_bytes_as_image_png() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    client(&server)
        .put_raw_image("logo", png_bytes())
        .await
        .expect("204");

    let request = only_request(&server).await;
    assert_request_line(&request, "PUT", "/api/images/logo");
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request.headers, "content-type"), "image/png");
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    assert_eq!(request.body, png_bytes());
}

#[tokio::test]
async fn put_raw_image_encodes_the_image_id_as_one_segment() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    client(&server)
        .put_raw_image("logo v2/dark?x#y", b"\x89PNG".to_vec())
        .await
        .expect("204");
    let request = only_request(&server).await;
    assert_request_line(&request, "PUT", "/api/images/logo%20v2%2Fdark%3Fx%23y");
    assert_eq!(request.url.query(), None);
    assert_eq!(request.body, b"\x89PNG");
}

// ---------------------------------------------------------------------------------------------
// 6. Raw XML with the collection's content type and a SOAPAction header; a text response.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn send_soap_envelope_sends_xml_with_soap_action_and_returns_the_text() {
    let response = "<soap:Envelope><Result>3</Result></soap:Envelope>";
    let server =
        server_answering(ResponseTemplate::new(200).set_body_raw(response, "text/xml")).await;
    let text = client(&server)
        .send_soap_envelope("urn:Add", "<soap:Envelope/>")
        .await
        .expect("200");
    assert_eq!(*text, response);

    let request = only_request(&server).await;
    assert_request_line(&request, "POST", "/api/soap");
    assert_eq!(request.url.query(), None);
    assert_eq!(
        header(&request.headers, "content-type"),
        "text/xml; charset=utf-8"
    );
    assert_eq!(header(&request.headers, "soapaction"), "urn:Add");
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    assert_eq!(request.body, b"<soap:Envelope/>");
}

// ---------------------------------------------------------------------------------------------
// 7. A raw JSON body (the collection's sample has comments, a trailing comma and variables),
//    a header parameter and a path variable.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn update_order_sends_if_match_and_the_exact_json_body() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    client(&server)
        .update_order(
            "o-1",
            "W/\"3\"",
            &UpdateOrderBody {
                version: Some(json!(3)),
                actions: Some(vec![
                    UpdateOrderBodyAction {
                        action: Some("setKey".to_owned()),
                        key: Some("k1".to_owned()),
                    },
                    UpdateOrderBodyAction {
                        action: Some("setKey".to_owned()),
                        key: Some("k \"2\"".to_owned()),
                    },
                ]),
            },
        )
        .await
        .expect("204");

    let request = only_request(&server).await;
    assert_request_line(&request, "POST", "/api/orders/o-1");
    assert_eq!(request.url.query(), None);
    assert_eq!(header(&request.headers, "if-match"), "W/\"3\"");
    assert_eq!(header(&request.headers, "content-type"), "application/json");
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    assert_eq!(
        std::str::from_utf8(&request.body).expect("UTF-8 body"),
        r#"{"version":3,"actions":[{"action":"setKey","key":"k1"},{"action":"setKey","key":"k \"2\""}]}"#
    );
}

// ---------------------------------------------------------------------------------------------
// 8. `noauth` and an auth kind the generator cannot perform (digest).
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn health_sends_no_credentials_even_when_they_are_set() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    client_with_every_credential(&server)
        .health()
        .await
        .expect("200");

    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/api/health");
    // Item auth `noauth`: no bearer (the collection's), no basic, no API key.
    assert_no_header(&request.headers, "authorization");
    assert_eq!(request.url.query(), None);
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn digest_protected_without_a_hook_is_sent_without_credentials() {
    // Digest auth needs the server's challenge (nonce, realm) and cannot be done by a static
    // header; without a request hook the generated client sends no credentials.
    let server = server_answering(ResponseTemplate::new(200)).await;
    client_with_every_credential(&server)
        .digest_protected()
        .await
        .expect("200");

    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/api/digest");
    assert_no_header(&request.headers, "authorization");
    assert_eq!(request.url.query(), None);
    assert!(request.body.is_empty());
}

// ---------------------------------------------------------------------------------------------
// 9. The request hook: what the client cannot do (digest), the caller's function does.
// ---------------------------------------------------------------------------------------------

const DIGEST: &str = r#"Digest username="u", realm="wire", nonce="n-1", uri="/api/digest", response="6629fae49393a05397450978507c4ef1""#;

/// A client whose hook adds `DIGEST` and counts its calls, and the counter.
fn client_with_digest_hook(server: &MockServer) -> (Client, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let client = client_with_every_credential(server).with_request_hook(move |request| {
        counter.fetch_add(1, Ordering::SeqCst);
        request.header("authorization", DIGEST)
    });
    (client, calls)
}

#[tokio::test]
async fn digest_protected_goes_through_the_request_hook() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    let (client, calls) = client_with_digest_hook(&server);
    client.digest_protected().await.expect("200");

    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let request = only_request(&server).await;
    assert_request_line(&request, "GET", "/api/digest");
    // Only the hook's credentials: none of the bearer, basic or API key set on the client.
    assert_eq!(header(&request.headers, "authorization"), DIGEST);
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn the_hook_sees_the_request_as_it_will_be_sent() {
    // Signing schemes (hawk, AWS SigV4) sign the method and URL: the hook must get the
    // finished request, not one that the operation changes afterwards.
    let server = server_answering(ResponseTemplate::new(200)).await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    Client::new(base_url(&server))
        .with_request_hook(move |request| {
            let built = request
                .try_clone()
                .expect("a body-less request clones")
                .build()
                .expect("the request builds");
            record.lock().expect("not poisoned").push(format!(
                "{} {}",
                built.method(),
                built.url()
            ));
            request
        })
        .digest_protected()
        .await
        .expect("200");
    assert_eq!(
        *seen.lock().expect("not poisoned"),
        [format!("GET {}/api/digest", server.uri())]
    );
}

#[tokio::test]
async fn the_hook_runs_for_no_operation_the_client_can_authenticate() {
    let server = server_answering(ResponseTemplate::new(200).set_body_raw(
        r#"{"keys": [], "access_token": "a", "expires_in": 1}"#,
        "application/json",
    ))
    .await;
    let (client, calls) = client_with_digest_hook(&server);
    let client = client.with_auth_url(server.uri());
    client.health().await.expect("noauth");
    client.search_films(json!({})).await.expect("bearer");
    client
        .create_token("client_credentials", "read")
        .await
        .expect("basic");
    client
        .get_signing_keys()
        .await
        .expect("bearer on another host");
    let error = client
        .list_items_with_api_key(&items_query(None))
        .await
        .expect_err("the JSON object is not a list");
    assert!(
        matches!(error, wire::Error::Decode { status: 200, .. }),
        "{error:?}"
    );

    assert_eq!(calls.load(Ordering::SeqCst), 0);
    let requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(requests.len(), 5);
    for request in &requests {
        let authorization = request.headers.get("authorization");
        assert_ne!(
            authorization.and_then(|v| v.to_str().ok()),
            Some(DIGEST),
            "{request:?}"
        );
    }
}

#[tokio::test]
async fn debug_shows_that_a_hook_is_set_but_not_what_it_holds() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    let secret = String::from("hook-secret-5e1f");
    let client = Client::new(base_url(&server));
    assert!(
        format!("{client:?}").contains("request_hook: None"),
        "{client:?}"
    );
    let client = client.with_request_hook(move |request| request.header("x-key", secret.as_str()));
    let debug = format!("{client:?}");
    assert!(debug.contains("request_hook: Some(<hook>)"), "{debug}");
    assert!(!debug.contains("hook-secret"), "{debug}");
}

// ---------------------------------------------------------------------------------------------
// 10. Hosts: `{{auth_url}}` (a collection value, replaced with `with_auth_url`),
//     `{{reports_url}}` (no value), and a literal `https://status.wire.example.com`.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_signing_keys_goes_to_the_host_set_with_with_auth_url() {
    let api = server_answering(ResponseTemplate::new(500)).await;
    let auth = server_answering(ResponseTemplate::new(200).set_body_raw(
        r#"{"keys": [{"kid": "k1", "alg": "RS256"}]}"#,
        "application/json",
    ))
    .await;
    let keys = client(&api)
        .with_auth_url(format!("{}/", auth.uri()))
        .get_signing_keys()
        .await
        .expect("200");
    let keys = keys.into_inner().keys.expect("the keys");
    assert_eq!(keys.len(), 1);
    assert_eq!(
        (keys[0].kid.as_deref(), keys[0].alg.as_deref()),
        (Some("k1"), Some("RS256"))
    );

    let request = only_request(&auth).await;
    // No `/api`: that is the base URL's path, not the auth host's; the trailing `/` is dropped.
    assert_request_line(&request, "GET", "/keys");
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    let sent_to_base = api.received_requests().await.expect("recording is on");
    assert!(sent_to_base.is_empty(), "{sent_to_base:?}");
}

#[test]
fn host_variables_default_to_the_collection_value() {
    let client = Client::new("http://127.0.0.1:9/api");
    let debug = format!("{client:?}");
    assert!(
        debug.contains(
            r#"servers: Servers { auth_url: Some("https://auth.wire.example.com"), reports_url: None }"#
        ),
        "{debug}"
    );
}

#[tokio::test]
async fn usage_report_without_a_url_fails_naming_the_setter_and_sends_nothing() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let error = client(&server)
        .usage_report()
        .await
        .expect_err("no URL for {{reports_url}}");
    let wire::Error::InvalidRequest(message) = &error else {
        panic!("expected InvalidRequest, got {error:?}");
    };
    assert_eq!(
        message,
        "this operation goes to the host `{{reports_url}}`, which has no URL: set one with `Client::with_reports_url`; the request was not sent"
    );
    let received = server.received_requests().await.expect("recording is on");
    assert!(received.is_empty(), "{received:?}");

    client(&server)
        .with_reports_url(format!("{}/reports", server.uri()))
        .usage_report()
        .await
        .expect("204 once the URL is set");
    assert_request_line(&only_request(&server).await, "GET", "/reports/usage");
}

#[tokio::test]
async fn service_status_goes_to_its_literal_url() {
    // The request must not reach the internet. A proxy on 127.0.0.1 sees where the client
    // wants to go (the CONNECT line names the host), refuses, and the transport error carries
    // the full URL. No name is resolved but 127.0.0.1's.
    let (proxy, proxied) =
        support::one_shot_server(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n");
    let http = reqwest::Client::builder()
        .proxy(reqwest::Proxy::all(&proxy).expect("a proxy URL"))
        .build()
        .expect("a client");
    let api = server_answering(ResponseTemplate::new(500)).await;
    let error = Client::with_http_client(base_url(&api), http)
        .service_status()
        .await
        .expect_err("the proxy refuses");

    let wire::Error::Transport(error) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(
        error.url().map(reqwest::Url::as_str),
        Some("https://status.wire.example.com/v1/summary")
    );
    let request = proxied.join().expect("the proxy thread");
    assert_eq!(
        request.request_line,
        "CONNECT status.wire.example.com:443 HTTP/1.1"
    );
    let sent_to_base = api.received_requests().await.expect("recording is on");
    assert!(sent_to_base.is_empty(), "{sent_to_base:?}");
}
