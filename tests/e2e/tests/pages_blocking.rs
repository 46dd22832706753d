//! The blocking pagers (golden crate `tests/golden/pages-blocking`) from plain `#[test]`s:
//! `Iterator`s over three pages by a token, a `Link` header and an offset, against the same
//! local paginated API as `pages.rs`.
//!
//! wiremock serves on its own thread; a small tokio runtime owned by each test starts it and
//! reads what it recorded, and is never entered while the blocking client runs.

mod support;

use pages_blocking::Client;
use pages_blocking::params::{ListEventsQuery, ListRepositoriesQuery, ListUsersQuery};
use support::pages::Pages;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer};

const TOKEN: &str = "pages-blocking-token-0c4d";

struct Server {
    runtime: tokio::runtime::Runtime,
    mock: MockServer,
}

impl Server {
    fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let mock = runtime.block_on(async {
            let mock = MockServer::start().await;
            let pages = Pages { uri: mock.uri() };
            Mock::given(any()).respond_with(pages).mount(&mock).await;
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
        Client::new(format!("{}/v2", self.mock.uri())).with_bearer_token(TOKEN)
    }

    /// Each request's path and query, in order; every one carried the bearer token.
    fn sent(&self) -> Vec<String> {
        let requests = self
            .runtime
            .block_on(self.mock.received_requests())
            .expect("recording is on");
        requests
            .iter()
            .map(|r| {
                assert_eq!(
                    r.headers.get("authorization").map(|v| v.to_str().unwrap()),
                    Some(format!("Bearer {TOKEN}").as_str())
                );
                match r.url.query() {
                    Some(query) => format!("{}?{query}", r.url.path()),
                    None => r.url.path().to_owned(),
                }
            })
            .collect()
    }
}

#[test]
fn three_pages_by_token() {
    let server = Server::start();
    let query = ListUsersQuery {
        page_size: Some("2".into()),
        ..Default::default()
    };
    let ids: Vec<String> = server
        .client()
        .list_users_items(&query)
        .map(|user| user.expect("every page").id.expect("an id"))
        .collect();
    assert_eq!(ids, ["u0", "u1", "u2", "u3", "u4"]);
    assert_eq!(
        server.sent(),
        [
            "/v2/users?page_size=2",
            "/v2/users?page_size=2&next_page_token=t2",
            "/v2/users?page_size=2&next_page_token=t4",
        ]
    );
}

#[test]
fn three_pages_by_link_header() {
    let server = Server::start();
    let query = ListRepositoriesQuery {
        per_page: Some("2".into()),
        ..Default::default()
    };
    let sizes: Vec<usize> = server
        .client()
        .list_repositories_pages("acme", &query)
        .map(|page| page.expect("a page").len())
        .collect();
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(
        server.sent(),
        [
            "/v2/orgs/acme/repos?per_page=2",
            "/v2/repositories/7/repos?page=2&per_page=2",
            "/v2/repositories/7/repos?page=3&per_page=2",
        ]
    );
}

#[test]
fn three_pages_by_offset() {
    let server = Server::start();
    let query = ListEventsQuery {
        limit: Some("2".into()),
        ..Default::default()
    };
    let items: Result<Vec<_>, _> = server.client().list_events_items(&query).collect();
    assert_eq!(items.expect("every page").len(), 5);
    assert_eq!(
        server.sent(),
        [
            "/v2/events?limit=2",
            "/v2/events?offset=2&limit=2",
            "/v2/events?offset=4&limit=2",
        ]
    );
}
