//! The generated Zoom client's URLs: a path parameter is one percent-encoded segment (checked
//! on the socket too), `.` and `..` are refused before sending, and query parameters go out
//! in declaration order, form-encoded.
//!
//! Every test asserts exact wire requests and exact decoded results, so a regression in the
//! generator fails here. Shared set-up: `support/zoom.rs`.

mod support;

use support::one_shot_server;
use support::zoom::{TOKEN, beach_jpg, client, header, only_request, server_answering, upload_201};
use wiremock::ResponseTemplate;
use zoom_api::params::{AccountsDeleteVirtualBackgroundFilesQuery, ListUsersQuery};
use zoom_api::types::{ListUsersResponse, ListUsersResponseUser};
use zoom_api::{Client, Error};

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
                file_ids: Some("f1".to_owned()),
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

/// Zoom's documented 200 body for "List users".
const LIST_USERS_200: &str = r#"{"page_count": 1, "page_number": 1, "page_size": 30, "total_records": 1, "users": [{"id": "z8yAAAAA8bbbQ", "first_name": "Taylor", "last_name": "Kim", "email": "example@example.com", "type": 2, "pmi": 111111111, "timezone": "America/Los_Angeles", "verified": 1, "dept": "", "created_at": "2018-11-15T01:10:08Z", "last_login_time": "2019-09-13T21:08:52Z", "last_client_version": "4.4.55383.0716(android)", "pic_url": "https://example.com/photo.jpg", "im_group_ids": ["GroupName"], "status": "active"}]}"#;

#[tokio::test]
async fn query_parameters_left_out_are_not_sent() {
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw(LIST_USERS_200, "application/json"),
    )
    .await;
    client(&server)
        .list_users(&ListUsersQuery {
            page_size: Some("300".to_owned()),
            ..Default::default()
        })
        .await
        .expect("200");
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/v2/users");
    assert_eq!(request.url.query(), Some("page_size=300"));
}

#[tokio::test]
async fn get_with_query_sends_the_exact_query_string() {
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw(LIST_USERS_200, "application/json"),
    )
    .await;

    // None of these is marked "(Required)" in the collection, so each is an `Option`; all
    // are set here, and all are sent.
    let users = client(&server)
        .list_users(&ListUsersQuery {
            status: Some("active".to_owned()),
            page_size: Some("30".to_owned()),
            role_id: Some("ut amet".to_owned()),
            page_number: Some("1".to_owned()),
            include_fields: Some("host_key".to_owned()),
            next_page_token: Some("a/b+c&d=e,é".to_owned()),
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
        users.into_inner(),
        ListUsersResponse {
            page_count: Some(1),
            page_number: Some(1),
            page_size: Some(30),
            total_records: Some(1),
            users: Some(vec![ListUsersResponseUser {
                id: Some("z8yAAAAA8bbbQ".to_owned()),
                first_name: Some("Taylor".to_owned()),
                last_name: Some("Kim".to_owned()),
                email: Some("example@example.com".to_owned()),
                r#type: Some(2),
                pmi: Some(111111111),
                timezone: Some("America/Los_Angeles".to_owned()),
                verified: Some(1),
                dept: Some(String::new()),
                created_at: Some("2018-11-15T01:10:08Z".to_owned()),
                last_login_time: Some("2019-09-13T21:08:52Z".to_owned()),
                last_client_version: Some("4.4.55383.0716(android)".to_owned()),
                pic_url: Some("https://example.com/photo.jpg".to_owned()),
                im_group_ids: Some(vec!["GroupName".to_owned()]),
                status: Some("active".to_owned()),
            }]),
            // Not in the example: the pager's token field, absent on the only page.
            next_page_token: None,
        }
    );
}
