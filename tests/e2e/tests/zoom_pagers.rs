//! The Zoom client's pagers (`generated-client/`): `list_users_items` follows
//! `next_page_token`, which Zoom's examples leave out of the response, over three pages of a
//! local server.

mod support;

use futures_util::TryStreamExt;
use support::pages::Pages;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer};
use zoom_api::Client;
use zoom_api::params::ListUsersQuery;

#[tokio::test]
async fn list_users_items_follows_next_page_token_over_three_pages() {
    let server = MockServer::start().await;
    assert!(
        server.uri().starts_with("http://127.0.0.1:"),
        "{}",
        server.uri()
    );
    let pages = Pages { uri: server.uri() };
    Mock::given(any()).respond_with(pages).mount(&server).await;
    let client = Client::new(format!("{}/v2", server.uri())).with_bearer_token("zoom-pages-7d1e");

    let query = ListUsersQuery {
        page_size: Some("2".into()),
        ..Default::default()
    };
    let ids: Vec<String> = client
        .list_users_items(&query)
        .map_ok(|user| user.id.expect("an id"))
        .try_collect()
        .await
        .expect("every page");
    assert_eq!(ids, ["u0", "u1", "u2", "u3", "u4"]);

    let requests = server.received_requests().await.expect("recording is on");
    let tokens: Vec<Option<String>> = requests
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "next_page_token")
                .map(|(_, v)| v.into_owned())
        })
        .collect();
    assert_eq!(tokens, [None, Some("t2".into()), Some("t4".into())]);
}
