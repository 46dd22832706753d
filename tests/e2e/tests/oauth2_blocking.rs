//! OAuth2 tokens of the blocking client (golden crate `tests/golden/oauth2-blocking`) from
//! plain `#[test]`s: no async runtime around the calls. wiremock serves on its own thread; the
//! small runtime each test owns only starts it and reads what it recorded.

mod oauth2_support;

use std::time::Duration;

use oauth2_blocking::{Client, ClientAuthentication, OAuth2};
use oauth2_support::{CLIENT_CREDENTIALS, Issue, api_authorizations, basic, start, token_requests};

struct Server {
    runtime: tokio::runtime::Runtime,
    mock: wiremock::MockServer,
}

impl Server {
    fn start(issue: Issue, refused: &[&str]) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let mock = runtime.block_on(start(issue, refused));
        Server { runtime, mock }
    }

    fn client(&self, oauth2: OAuth2) -> Client {
        Client::new(format!("{}/api", self.mock.uri())).with_oauth2(oauth2)
    }

    fn requests(&self) -> Vec<wiremock::Request> {
        self.runtime
            .block_on(self.mock.received_requests())
            .expect("recording is on")
    }
}

fn bearer(token: &str) -> Option<String> {
    Some(format!("Bearer {token}"))
}

const FOR_AN_HOUR: Issue = Issue {
    lifetime: Some(3600),
    refresh: false,
};

#[test]
fn one_token_serves_several_calls_and_expires() {
    let server = Server::start(
        Issue {
            lifetime: Some(1),
            refresh: false,
        },
        &[],
    );
    let client = server.client(OAuth2::client_credentials("app", "s3cret"));
    let clone = client.clone();
    client.get_order("o-1").expect("200");
    clone.get_order("o-1").expect("200");
    client.health().expect("200");
    std::thread::sleep(Duration::from_millis(1100));
    client.get_order("o-1").expect("200");

    let requests = server.requests();
    let tokens = token_requests(&requests);
    assert_eq!(tokens.len(), 2, "one for the first calls, one after expiry");
    assert_eq!(
        tokens[0],
        (Some(basic("app", "s3cret")), CLIENT_CREDENTIALS.to_owned())
    );
    assert_eq!(
        api_authorizations(&requests),
        [bearer("t1"), bearer("t1"), None, bearer("t2")]
    );
}

#[test]
fn a_refused_token_is_replaced_and_the_call_sent_once_more() {
    let server = Server::start(FOR_AN_HOUR, &["t1"]);
    let client = server.client(OAuth2::client_credentials("app", "s3cret"));
    assert_eq!(
        client.get_order("o-1").expect("200 with t2").id.as_deref(),
        Some("o-1")
    );
    let requests = server.requests();
    assert_eq!(token_requests(&requests).len(), 2);
    assert_eq!(api_authorizations(&requests), [bearer("t1"), bearer("t2")]);
}

#[test]
fn client_secret_in_the_body_and_the_refresh_token_grant() {
    let server = Server::start(
        Issue {
            lifetime: None,
            refresh: true,
        },
        &["t1"],
    );
    let client = server.client(
        OAuth2::refresh_token("app", "s3cret", "r1")
            .with_client_authentication(ClientAuthentication::Body),
    );
    client.get_order("o-1").expect("200 with t2");
    let requests = server.requests();
    assert_eq!(
        token_requests(&requests),
        [
            (
                None,
                "grant_type=refresh_token&refresh_token=r1&client_id=app&client_secret=s3cret"
                    .to_owned()
            ),
            (
                None,
                "grant_type=refresh_token&refresh_token=r2&client_id=app&client_secret=s3cret"
                    .to_owned()
            )
        ]
    );
}
