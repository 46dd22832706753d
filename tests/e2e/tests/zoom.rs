//! The generated Zoom client (`zoom_api`) against real HTTP servers on 127.0.0.1: wiremock's
//! `MockServer`, and for the exact request line a one-shot `std::net::TcpListener` server.
//!
//! Every test asserts exact wire requests and exact decoded results, so a regression in the
//! generator (paths, encoding, auth, multipart framing, status sorting, decoding) fails here.

mod support;

use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::json;
use support::{Part, one_shot_server, parse_multipart};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use zoom_api::errors::{
    AccountsDeleteVirtualBackgroundFilesError, AccountsUploadVirtualBackgroundFilesError,
    CreateARoleError,
};
use zoom_api::params::{AccountsDeleteVirtualBackgroundFilesQuery, ListUsersQuery};
use zoom_api::responses::CreateARoleResponse;
use zoom_api::types::{
    AccountsUploadVirtualBackgroundFilesResponse, CancelABasePlanBody, CreateARoleBody,
    CreateARoleResponse201, ListUsersResponse, ListUsersResponseUser,
};
use zoom_api::{Client, DocumentedError, Error, FilePart};

const TOKEN: &str = "e2e-token-5f3a9c";

/// Zoom's documented 201 body for "Upload virtual background files".
const UPLOAD_201: &str = r#"{"id": "_Tcj7354w6eHw", "name": "u=mdbhhfg3y7&fm=2fdjs0.jpg", "type": "image", "is_default": false, "size": 53434}"#;

const UPLOAD_PATH: &str = "/v2/accounts/me/settings/virtual_backgrounds";

/// A small "JPEG": SOI + JFIF APP0, then every byte value (NUL, CR, LF, `-`, 0xFF…) and a
/// fake delimiter line, then EOI — content that a sloppy multipart encoder would corrupt.
fn jpeg_bytes() -> Vec<u8> {
    let mut bytes = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00,
    ];
    bytes.extend(0..=255u8);
    bytes.extend_from_slice(b"\r\n--not-the-boundary\r\n\r\n");
    bytes.extend_from_slice(&[0xFF, 0xD9]);
    bytes
}

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

/// A client for `{server}/v2` (a base URL with a path prefix) with the bearer token set.
fn client(server: &MockServer) -> Client {
    Client::new(format!("{}/v2", server.uri())).with_bearer_token(TOKEN)
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

/// The single value of header `name` in `headers`, as text.
fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    let mut values = headers.get_all(name).iter();
    let value = values
        .next()
        .unwrap_or_else(|| panic!("no {name} header in {headers:?}"));
    assert!(
        values.next().is_none(),
        "several {name} headers: {headers:?}"
    );
    value.to_str().expect("a text header")
}

fn upload_201() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_raw(UPLOAD_201, "application/json")
}

fn beach_jpg() -> FilePart {
    FilePart::bytes(jpeg_bytes())
        .file_name("beach.jpg")
        .mime("image/jpeg")
}

/// The parts of a multipart request, after checking its `Content-Type` and `Content-Length`.
fn multipart_parts(request: &Request) -> Vec<Part> {
    let content_type = header(&request.headers, "content-type");
    // In-memory parts have a known length, so the form goes out with Content-Length, not
    // chunked (some servers, Zoom's upload endpoints among them, reject chunked uploads).
    assert_eq!(
        header(&request.headers, "content-length"),
        request.body.len().to_string()
    );
    assert!(request.headers.get("transfer-encoding").is_none());
    parse_multipart(content_type, &request.body)
}

// ---------------------------------------------------------------------------------------------
// 1. Upload: the exact multipart request, and the documented 201 body decoded.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn upload_sends_exactly_one_file_part_and_decodes_the_201_body() {
    let server = server_answering(upload_201()).await;

    let bg = client(&server)
        .accounts_upload_virtual_background_files("me", beach_jpg())
        .await
        .expect("201 is a success");

    // Every decoded field, one by one and as a whole.
    assert_eq!(bg.id, "_Tcj7354w6eHw");
    assert_eq!(bg.name, "u=mdbhhfg3y7&fm=2fdjs0.jpg");
    assert_eq!(bg.r#type, "image");
    assert!(!bg.is_default);
    assert_eq!(bg.size, 53434);
    assert_eq!(
        bg,
        AccountsUploadVirtualBackgroundFilesResponse {
            id: "_Tcj7354w6eHw".to_owned(),
            name: "u=mdbhhfg3y7&fm=2fdjs0.jpg".to_owned(),
            r#type: "image".to_owned(),
            is_default: false,
            size: 53434,
        }
    );

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    // The `/v2` prefix of the base URL is kept in front of the operation's path.
    assert_eq!(request.url.path(), UPLOAD_PATH);
    assert_eq!(request.url.query(), None);
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    // `Client::new` identifies the crate: `zoom-api/<version>`.
    assert!(
        header(&request.headers, "user-agent").starts_with("zoom-api/"),
        "{:?}",
        request.headers.get("user-agent")
    );
    let content_type = header(&request.headers, "content-type");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );

    let parts = multipart_parts(&request);
    assert_eq!(parts.len(), 1, "{parts:#?}");
    let part = &parts[0];
    assert_eq!(part.name, "file");
    assert_eq!(part.file_name.as_deref(), Some("beach.jpg"));
    assert_eq!(part.content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(part.body, jpeg_bytes());
    assert_eq!(
        part.headers,
        vec![
            (
                "content-disposition".to_owned(),
                r#"form-data; name="file"; filename="beach.jpg""#.to_owned()
            ),
            ("content-type".to_owned(), "image/jpeg".to_owned()),
        ]
    );
}

#[tokio::test]
async fn upload_guesses_the_part_type_from_the_file_name_or_falls_back() {
    // Without `.mime(..)`, the type comes from the file name's extension …
    let server = server_answering(upload_201()).await;
    client(&server)
        .accounts_upload_virtual_background_files(
            "me",
            FilePart::bytes(b"\x89PNG\r\n".to_vec()).file_name("sunset.png"),
        )
        .await
        .expect("201");
    let parts = multipart_parts(&only_request(&server).await);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].name, "file");
    assert_eq!(parts[0].file_name.as_deref(), Some("sunset.png"));
    assert_eq!(parts[0].content_type.as_deref(), Some("image/png"));
    assert_eq!(parts[0].body, b"\x89PNG\r\n");

    // … and without a file name the part is sent as `file`, `application/octet-stream`.
    let server = server_answering(upload_201()).await;
    client(&server)
        .accounts_upload_virtual_background_files("me", FilePart::bytes(vec![1, 2, 3]))
        .await
        .expect("201");
    let parts = multipart_parts(&only_request(&server).await);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].file_name.as_deref(), Some("file"));
    assert_eq!(
        parts[0].content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(parts[0].body, [1, 2, 3]);
}

#[tokio::test]
async fn upload_with_an_invalid_mime_type_is_refused_before_sending() {
    let server = server_answering(upload_201()).await;
    let error = client(&server)
        .accounts_upload_virtual_background_files(
            "me",
            FilePart::bytes(jpeg_bytes()).mime("not a mime type"),
        )
        .await
        .expect_err("an invalid MIME type");
    match error {
        Error::InvalidRequest(message) => {
            assert!(message.contains("not a mime type"), "{message}")
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

// ---------------------------------------------------------------------------------------------
// 2.–5. Error responses: documented statuses, undocumented statuses, bodies that don't decode.
// ---------------------------------------------------------------------------------------------

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
        "unexpected HTTP status 503: upstream maintenance \u{FFFD}\u{0}"
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

// ---------------------------------------------------------------------------------------------
// 6. Path parameters: one encoded segment; `.` and `..` refused before sending.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn path_parameter_is_sent_as_one_percent_encoded_segment() {
    let cases = [
        (
            "a/../b?x#y",
            "/v2/accounts/a%2F..%2Fb%3Fx%23y/settings/virtual_backgrounds",
        ),
        (
            "50% off é;a=b&c+d",
            "/v2/accounts/50%25%20off%20%C3%A9%3Ba%3Db%26c%2Bd/settings/virtual_backgrounds",
        ),
        // Sub-delimiters the encoder leaves alone stay as they are.
        (
            "user@example.com:(x)!*'~",
            "/v2/accounts/user@example.com:(x)!*'~/settings/virtual_backgrounds",
        ),
    ];
    for (account_id, expected_path) in cases {
        let server = server_answering(upload_201()).await;
        client(&server)
            .accounts_upload_virtual_background_files(account_id, beach_jpg())
            .await
            .unwrap_or_else(|e| panic!("{account_id:?}: {e:?}"));
        let request = only_request(&server).await;
        // wiremock's `Request.url` keeps the percent-encoded form (checked against the raw
        // request line in the next test).
        assert_eq!(request.url.path(), expected_path, "{account_id:?}");
        assert_eq!(request.url.query(), None, "{account_id:?}");
        assert_eq!(request.url.fragment(), None, "{account_id:?}");
    }
}

#[tokio::test]
async fn path_parameter_on_the_wire_is_exactly_one_segment() {
    // Both reqwest and wiremock parse URLs with the `url` crate, so a normalization they
    // share would be invisible through wiremock: read the request line off the socket.
    let (base, server) = one_shot_server(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
    let result = Client::new(format!("{base}/v2"))
        .with_bearer_token(TOKEN)
        .accounts_delete_virtual_background_files(
            "a/../b?x#y",
            &AccountsDeleteVirtualBackgroundFilesQuery {
                file_ids: "f1".to_owned(),
            },
        )
        .await;
    let seen = server.join().expect("the raw server");
    assert_eq!(
        seen.request_line,
        "DELETE /v2/accounts/a%2F..%2Fb%3Fx%23y/settings/virtual_backgrounds?file_ids=f1 HTTP/1.1"
    );
    assert!(
        seen.headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&format!("authorization: Bearer {TOKEN}"))),
        "{:?}",
        seen.headers
    );
    result.expect("204 is the documented success");
}

#[tokio::test]
async fn dot_segments_are_refused_before_any_request_is_sent() {
    let server = server_answering(upload_201()).await;
    let client = client(&server);
    for account_id in ["..", "."] {
        let error = client
            .accounts_upload_virtual_background_files(account_id, beach_jpg())
            .await
            .expect_err("a dot segment");
        match &error {
            Error::InvalidRequest(message) => {
                assert!(message.contains(&format!("{account_id:?}")), "{message}")
            }
            other => panic!("expected InvalidRequest for {account_id:?}, got {other:?}"),
        }
        assert_eq!(error.status(), None);
    }
    // `...` and `a..` are ordinary segments.
    client
        .accounts_upload_virtual_background_files("...", beach_jpg())
        .await
        .expect("`...` is not a dot segment");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "only the `...` call reached the server");
    assert_eq!(
        requests[0].url.path(),
        "/v2/accounts/.../settings/virtual_backgrounds"
    );
}

// ---------------------------------------------------------------------------------------------
// 7. Query parameters.
// ---------------------------------------------------------------------------------------------

/// Zoom's documented 200 body for "List users".
const LIST_USERS_200: &str = r#"{"page_count": 1, "page_number": 1, "page_size": 30, "total_records": 1, "users": [{"id": "z8yAAAAA8bbbQ", "first_name": "Taylor", "last_name": "Kim", "email": "example@example.com", "type": 2, "pmi": 111111111, "timezone": "America/Los_Angeles", "verified": 1, "dept": "", "created_at": "2018-11-15T01:10:08Z", "last_login_time": "2019-09-13T21:08:52Z", "last_client_version": "4.4.55383.0716(android)", "pic_url": "https://example.com/photo.jpg", "im_group_ids": ["GroupName"], "status": "active"}]}"#;

#[tokio::test]
async fn get_with_query_sends_the_exact_query_string() {
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw(LIST_USERS_200, "application/json"),
    )
    .await;

    // The collection documents no optional query parameter (Zoom's are all plain values,
    // none disabled), so every field is a required `String` and all of them are sent.
    let users = client(&server)
        .list_users(&ListUsersQuery {
            status: "active".to_owned(),
            page_size: "30".to_owned(),
            role_id: "ut amet".to_owned(),
            page_number: "1".to_owned(),
            include_fields: "host_key".to_owned(),
            next_page_token: "a/b+c&d=e,é".to_owned(),
        })
        .await
        .expect("200");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/v2/users");
    // Form encoding, in declaration order: space → `+`, reserved characters and UTF-8
    // percent-encoded.
    assert_eq!(
        request.url.query(),
        Some(
            "status=active&page_size=30&role_id=ut+amet&page_number=1&include_fields=host_key\
             &next_page_token=a%2Fb%2Bc%26d%3De%2C%C3%A9"
        )
    );
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    assert_eq!(pairs[2], ("role_id".to_owned(), "ut amet".to_owned()));
    assert_eq!(
        pairs[5],
        ("next_page_token".to_owned(), "a/b+c&d=e,é".to_owned())
    );
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    assert!(request.body.is_empty());
    assert!(request.headers.get("content-type").is_none());

    assert_eq!(
        users,
        ListUsersResponse {
            page_count: 1,
            page_number: 1,
            page_size: 30,
            total_records: 1,
            users: vec![ListUsersResponseUser {
                id: "z8yAAAAA8bbbQ".to_owned(),
                first_name: "Taylor".to_owned(),
                last_name: "Kim".to_owned(),
                email: "example@example.com".to_owned(),
                r#type: 2,
                pmi: 111111111,
                timezone: "America/Los_Angeles".to_owned(),
                verified: 1,
                dept: String::new(),
                created_at: "2018-11-15T01:10:08Z".to_owned(),
                last_login_time: "2019-09-13T21:08:52Z".to_owned(),
                last_client_version: "4.4.55383.0716(android)".to_owned(),
                pic_url: "https://example.com/photo.jpg".to_owned(),
                im_group_ids: vec!["GroupName".to_owned()],
                status: "active".to_owned(),
            }],
        }
    );
}

// ---------------------------------------------------------------------------------------------
// 8. Success shapes: `()`, `Option<T>`, and an enum by status.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn empty_success_204_is_unit() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let () = client(&server)
        .accounts_delete_virtual_background_files(
            "me",
            &AccountsDeleteVirtualBackgroundFilesQuery {
                file_ids: "id1,id2".to_owned(),
            },
        )
        .await
        .expect("204 is the documented success");
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), UPLOAD_PATH);
    assert_eq!(request.url.query(), Some("file_ids=id1%2Cid2"));
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn delete_documented_400_is_bad_request() {
    let raw = r#"{"code": 300, "message": "Invalid parameter: file_ids."}"#;
    let server =
        server_answering(ResponseTemplate::new(400).set_body_raw(raw, "application/json")).await;
    let error = client(&server)
        .accounts_delete_virtual_background_files(
            "me",
            &AccountsDeleteVirtualBackgroundFilesQuery {
                file_ids: "nope".to_owned(),
            },
        )
        .await
        .expect_err("400");
    match error {
        Error::Api {
            status: 400,
            error: AccountsDeleteVirtualBackgroundFilesError::BadRequest(body),
            ..
        } => assert_eq!(body.code().as_deref(), Some("300")),
        other => panic!("expected Api {{ 400, BadRequest }}, got {other:?}"),
    }
}

#[tokio::test]
async fn a_204_documented_with_a_placeholder_body_is_unit() {
    // `cancel_a_base_plan` documents an empty 200 and a 204 whose example body is `{}`; a 204
    // never has a body, so the success is `()` whatever the server sends.
    let server = server_answering(ResponseTemplate::new(204)).await;
    let body = CancelABasePlanBody {
        action: "cancel".to_owned(),
        reason: 4,
        comment: "too expensive".to_owned(),
    };
    let cancelled: () = client(&server)
        .cancel_a_base_plan("sub-1", &body)
        .await
        .expect("204");
    assert_eq!(cancelled, ());

    // Its request: PATCH with the formdata fields sent as typed JSON (`formdata_as_json`).
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PATCH");
    assert_eq!(request.url.path(), "/v2/accounts/sub-1/plans/base/status");
    assert_eq!(header(&request.headers, "content-type"), "application/json");
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        sent,
        json!({"action": "cancel", "reason": 4, "comment": "too expensive"})
    );
}

#[tokio::test]
async fn optional_success_is_none_when_empty_and_some_with_a_body() {
    // `add_panelists` documents a 201 body beside an empty success: `Option<AddPanelistsResponse>`.
    let body: zoom_api::types::AddPanelistsBody =
        serde_json::from_value(json!({"panelists": [{"name": "Ada", "email": "ada@example.com"}]}))
            .expect("the body type");
    let server = server_answering(ResponseTemplate::new(204)).await;
    let added = client(&server)
        .add_panelists("42", &body)
        .await
        .expect("204");
    assert_eq!(added, None);

    let server = server_answering(ResponseTemplate::new(201).set_body_raw(
        r#"{"id": "p1", "updated_at": "2020-01-01T00:00:00Z"}"#,
        "application/json",
    ))
    .await;
    let added = client(&server)
        .add_panelists("42", &body)
        .await
        .expect("201");
    let added = added.expect("a body");
    assert_eq!(
        (added.id.as_str(), added.updated_at.as_str()),
        ("p1", "2020-01-01T00:00:00Z")
    );
}

fn role(name: &str, description: &str, privileges: &[&str]) -> CreateARoleBody {
    CreateARoleBody {
        name: name.to_owned(),
        description: description.to_owned(),
        privileges: privileges.iter().map(|p| p.to_string()).collect(),
    }
}

/// Zoom's documented 201 body for "Create a role".
const CREATE_ROLE_201: &str = r#"{"id": "Duis dolore", "name": "proident nulla", "description": "ullamco commodo id qui reprehenderit", "total_members": 54140150, "privileges": ["culpa eiusmod", "aliquip sint adipisicing"]}"#;

#[tokio::test]
async fn multi_status_success_decodes_by_status() {
    // 201 → `Created` with the typed body.
    let server = server_answering(
        ResponseTemplate::new(201).set_body_raw(CREATE_ROLE_201, "application/json"),
    )
    .await;
    let created = client(&server)
        .create_a_role(&role("auditors", "read only", &["User:Read"]))
        .await
        .expect("201");
    assert_eq!(
        created,
        CreateARoleResponse::Created(Box::new(CreateARoleResponse201 {
            id: "Duis dolore".to_owned(),
            name: "proident nulla".to_owned(),
            description: "ullamco commodo id qui reprehenderit".to_owned(),
            total_members: 54140150,
            privileges: vec![
                "culpa eiusmod".to_owned(),
                "aliquip sint adipisicing".to_owned()
            ],
        }))
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/v2/roles");
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        sent,
        json!({"name": "auditors", "description": "read only", "privileges": ["User:Read"]})
    );

    // 200 → `Ok` with the JSON value (the same body as 201 would not make it `Created`).
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw(r#"{"note": "x"}"#, "application/json"),
    )
    .await;
    let ok = client(&server)
        .create_a_role(&role("auditors", "read only", &[]))
        .await
        .expect("200");
    assert_eq!(ok, CreateARoleResponse::Ok(json!({"note": "x"})));

    // A 2xx the operation does not document → `UnexpectedStatus`, body kept.
    let server = server_answering(
        ResponseTemplate::new(202).set_body_raw(CREATE_ROLE_201, "application/json"),
    )
    .await;
    let error = client(&server)
        .create_a_role(&role("auditors", "read only", &[]))
        .await
        .expect_err("202 is not documented");
    match error {
        Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(status, 202);
            assert_eq!(body, CREATE_ROLE_201.as_bytes());
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }

    // The documented (HTTP 300, code 300) error is its own variant.
    let server = server_answering(
        ResponseTemplate::new(300).set_body_raw("{\"code\":300}", "application/json"),
    )
    .await;
    let error = client(&server)
        .create_a_role(&role("", "", &[]))
        .await
        .expect_err("300");
    assert!(
        matches!(
            &error,
            Error::Api {
                status: 300,
                error: CreateARoleError::MultipleChoices(body),
                ..
            } if body.code().as_deref() == Some("300")
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn documented_204_with_placeholder_example_body_is_a_success() {
    // Postman documents `DELETE /rooms/{roomId}` → 204 with the example body `{}`; a real
    // 204 cannot carry a body, so the call must not try to decode one.
    let server = server_answering(ResponseTemplate::new(204)).await;
    let result = client(&server).delete_a_zoom_room("room-1").await;
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), "/v2/rooms/room-1");
    assert!(
        result.is_ok(),
        "a 204 is the documented success: {result:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 9. Defaults and credentials.
// ---------------------------------------------------------------------------------------------

#[test]
fn default_client_targets_zoom_and_debug_redacts_the_token() {
    let client = Client::default();
    assert_eq!(client.base_url(), "https://api.zoom.us/v2");
    assert_eq!(Client::DEFAULT_BASE_URL, "https://api.zoom.us/v2");

    let debug = format!("{:?}", client.with_bearer_token("secret-token"));
    assert!(!debug.contains("secret-token"), "{debug}");
    assert!(debug.contains("<redacted>"), "{debug}");
    assert!(debug.contains("https://api.zoom.us/v2"), "{debug}");
}

#[tokio::test]
async fn without_a_token_no_authorization_header_is_sent() {
    let server = server_answering(upload_201()).await;
    Client::new(format!("{}/v2", server.uri()))
        .accounts_upload_virtual_background_files("me", beach_jpg())
        .await
        .expect("201");
    let request = only_request(&server).await;
    assert!(
        request.headers.get("authorization").is_none(),
        "{:?}",
        request.headers
    );
}

#[tokio::test]
async fn a_trailing_slash_on_the_base_url_is_ignored() {
    let server = server_answering(upload_201()).await;
    Client::new(format!("{}/v2/", server.uri()))
        .with_bearer_token(TOKEN)
        .accounts_upload_virtual_background_files("me", beach_jpg())
        .await
        .expect("201");
    assert_eq!(only_request(&server).await.url.path(), UPLOAD_PATH);
}

// ---------------------------------------------------------------------------------------------
// 10. A caller-configured reqwest client.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn with_http_client_sends_through_the_given_reqwest_client() {
    let server = server_answering(upload_201()).await;
    let mut default_headers = HeaderMap::new();
    default_headers.insert("x-e2e-client", HeaderValue::from_static("custom"));
    let http = reqwest::Client::builder()
        .user_agent("e2e-custom-client/1.0")
        .default_headers(default_headers)
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .expect("a reqwest client");

    let client =
        Client::with_http_client(format!("{}/v2", server.uri()), http).with_bearer_token(TOKEN);
    assert_eq!(client.base_url(), format!("{}/v2", server.uri()));
    let bg = client
        .accounts_upload_virtual_background_files("me", beach_jpg())
        .await
        .expect("201");
    assert_eq!(bg.id, "_Tcj7354w6eHw");

    let request = only_request(&server).await;
    // The custom client's settings are on the request: it was the one used.
    assert_eq!(
        header(&request.headers, "user-agent"),
        "e2e-custom-client/1.0"
    );
    assert_eq!(header(&request.headers, "x-e2e-client"), "custom");
    // And the generated client still adds its own parts.
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    assert_eq!(request.url.path(), UPLOAD_PATH);
    assert_eq!(multipart_parts(&request).len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Zoom's formdata bodies are sent as typed JSON (`formdata_as_json` in the overrides).
// ---------------------------------------------------------------------------------------------

/// The formdata fields of the Zoom item `name`, read from the bundled collection.
fn zoom_formdata(name: &str) -> Vec<(String, String)> {
    fn find<'a>(items: &'a [serde_json::Value], name: &str) -> Option<&'a serde_json::Value> {
        items.iter().find_map(|item| match item.get("item") {
            Some(children) => find(children.as_array()?, name),
            None => (item["name"] == name).then_some(item),
        })
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../collections/zoom.postman_collection.json"
    );
    let collection: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let item = find(collection["item"].as_array().unwrap(), name).expect("the item");
    item["request"]["body"]["formdata"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["key"].as_str().unwrap().to_owned(),
                f["value"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn create_a_meeting_sends_typed_json() {
    // The collection's own values, read the way the Zoom API means them: "2" is a number,
    // "false" a boolean, a JSON-stringified object an object, other text a string.
    let expected: serde_json::Map<String, serde_json::Value> = zoom_formdata("Create a meeting")
        .into_iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(key, text)| {
            let value = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .filter(|v| !v.is_string())
                .unwrap_or(serde_json::Value::String(text));
            (key, value)
        })
        .collect();
    let expected = serde_json::Value::Object(expected);
    let body: zoom_api::types::CreateAMeetingBody = serde_json::from_value(expected.clone())
        .expect("the typed body takes the collection's values");

    let server =
        server_answering(ResponseTemplate::new(201).set_body_raw("{}", "application/json")).await;
    let _ = client(&server).create_a_meeting("me", &body).await;
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/v2/users/me/meetings");
    assert_eq!(header(&request.headers, "content-type"), "application/json");
    let sent: serde_json::Value = serde_json::from_slice(&request.body).expect("a JSON body");
    assert_eq!(sent["topic"], json!("fugiat cillum"));
    assert_eq!(sent["type"], json!(2));
    assert_eq!(sent["pre_schedule"], json!(false));
    assert_eq!(sent["duration"], json!(50064436));
    assert_eq!(sent["start_time"], json!("1979-08-07T10:13:05.658Z"));
    assert_eq!(sent["recurrence"]["type"], json!(2));
    assert!(sent["settings"].is_object(), "{sent}");
    assert!(sent["tracking_fields"].is_array(), "{sent}");
    assert_eq!(sent, expected);
}
