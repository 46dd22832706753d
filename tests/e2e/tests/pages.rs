//! The generated pagers (golden crate `tests/golden/pages`, from
//! `tests/fixtures/pages.postman_collection.json`) against a paginated API on 127.0.0.1: five
//! items over three pages by a token, a `Link` header, an offset with a total, a page number
//! with a page count, a next link in the body and a token the overrides declare.

mod support;

use futures_util::{StreamExt, TryStreamExt};
use pages::params::{
    ListAuditEntriesQuery, ListEventsQuery, ListInvoicesQuery, ListMessagesQuery,
    ListRepositoriesQuery, ListUsersQuery,
};
use pages::{Client, Error};
use support::pages::Pages;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request};

const TOKEN: &str = "pages-token-31f9";

async fn server() -> MockServer {
    let server = MockServer::start().await;
    assert!(
        server.uri().starts_with("http://127.0.0.1:"),
        "{}",
        server.uri()
    );
    let pages = Pages { uri: server.uri() };
    Mock::given(any()).respond_with(pages).mount(&server).await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::new(format!("{}/v2", server.uri())).with_bearer_token(TOKEN)
}

/// Each request's path and query, in order; every one carried the bearer token.
async fn sent(server: &MockServer) -> Vec<String> {
    let requests: Vec<Request> = server.received_requests().await.expect("recording is on");
    for request in &requests {
        assert_eq!(
            request
                .headers
                .get("authorization")
                .map(|v| v.to_str().unwrap()),
            Some(format!("Bearer {TOKEN}").as_str()),
            "{}",
            request.url
        );
    }
    requests
        .iter()
        .map(|r| match r.url.query() {
            Some(query) => format!("{}?{query}", r.url.path()),
            None => r.url.path().to_owned(),
        })
        .collect()
}

#[tokio::test]
async fn three_pages_by_token_until_the_token_is_empty() {
    let server = server().await;
    let query = ListUsersQuery {
        page_size: Some("2".into()),
        ..Default::default()
    };
    let ids: Vec<String> = client(&server)
        .list_users_items(&query)
        .map_ok(|user| user.id.expect("an id"))
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(ids, ["u0", "u1", "u2", "u3", "u4"]);
    assert_eq!(
        sent(&server).await,
        [
            "/v2/users?page_size=2",
            "/v2/users?page_size=2&next_page_token=t2",
            "/v2/users?page_size=2&next_page_token=t4",
        ]
    );
}

#[tokio::test]
async fn three_pages_by_link_header_following_its_url() {
    let server = server().await;
    let query = ListRepositoriesQuery {
        per_page: Some("2".into()),
        ..Default::default()
    };
    let pages: Vec<_> = client(&server)
        .list_repositories_pages("acme", &query)
        .try_collect()
        .await
        .expect("every page");
    let sizes: Vec<usize> = pages.iter().map(|page| page.len()).collect();
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(
        sent(&server).await,
        [
            "/v2/orgs/acme/repos?per_page=2",
            "/v2/repositories/7/repos?page=2&per_page=2",
            "/v2/repositories/7/repos?page=3&per_page=2",
        ]
    );
}

#[tokio::test]
async fn three_pages_by_offset_until_the_total() {
    let server = server().await;
    let query = ListEventsQuery {
        limit: Some("2".into()),
        ..Default::default()
    };
    let ids: Vec<i64> = client(&server)
        .list_events_items(&query)
        .map_ok(|event| event.id.expect("an id"))
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(ids, [0, 1, 2, 3, 4]);
    assert_eq!(
        sent(&server).await,
        [
            "/v2/events?limit=2",
            "/v2/events?offset=2&limit=2",
            "/v2/events?offset=4&limit=2",
        ]
    );
}

#[tokio::test]
async fn three_pages_by_page_number_until_the_page_count() {
    let server = server().await;
    let items: Vec<_> = client(&server)
        .list_invoices_items(&ListInvoicesQuery::default())
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(items.len(), 5);
    assert_eq!(
        sent(&server).await,
        ["/v2/invoices", "/v2/invoices?page=2", "/v2/invoices?page=3"]
    );
}

#[tokio::test]
async fn three_pages_by_a_relative_next_link_in_the_body() {
    let server = server().await;
    let items: Vec<_> = client(&server)
        .list_messages_items(&ListMessagesQuery::default())
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(items.len(), 5);
    assert_eq!(
        sent(&server).await,
        [
            "/v2/me/messages",
            "/v2/me/messages?$skip=2",
            "/v2/me/messages?$skip=4",
        ]
    );
}

#[tokio::test]
async fn a_declared_token_pages_until_it_is_null() {
    let server = server().await;
    let count = client(&server)
        .list_audit_entries_items(&ListAuditEntriesQuery::default())
        .count()
        .await;
    assert_eq!(count, 5);
    assert_eq!(
        sent(&server).await,
        [
            "/v2/audit",
            "/v2/audit?cursor_id=2",
            "/v2/audit?cursor_id=4"
        ]
    );
}

#[tokio::test]
async fn a_link_to_another_host_is_not_followed_with_the_credentials() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            wiremock::ResponseTemplate::new(200)
                .set_body_raw("[]", "application/json")
                .insert_header("link", r#"<http://192.0.2.1/steal>; rel="next""#),
        )
        .mount(&server)
        .await;
    let pages: Vec<_> = client(&server)
        .list_repositories_pages("acme", &ListRepositoriesQuery::default())
        .collect()
        .await;
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert!(pages[0].is_ok());
    match &pages[1] {
        Err(Error::InvalidRequest(message)) => {
            assert!(message.contains("another host"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_error_ends_the_pages() {
    let server = MockServer::start().await;
    let pages: Vec<_> = client(&server)
        .list_users_pages(&ListUsersQuery::default())
        .collect()
        .await;
    assert_eq!(pages.len(), 1);
    assert!(
        matches!(pages[0], Err(Error::UnexpectedStatus { status: 404, .. })),
        "{pages:?}"
    );
}
