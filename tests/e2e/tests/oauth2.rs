//! OAuth2 tokens of the async client (golden crates `tests/golden/oauth2`, from an oauth2 auth
//! block, and `tests/golden/oauth2-item`, from a token item the overrides name) against a local
//! token endpoint and API: one token for several calls, a new one after expiry and after a 401
//! (the call then sent once more), client authentication in the header or the body, the
//! password and refresh token grants, and a token provider of one's own.

mod oauth2_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use oauth2::types::CreateOrderBody;
use oauth2::{AccessToken, Client, ClientAuthentication, OAuth2, TokenFuture, TokenProvider};
use oauth2_support::{CLIENT_CREDENTIALS, Issue, api_authorizations, basic, start, token_requests};

const FOR_AN_HOUR: Issue = Issue {
    lifetime: Some(3600),
    refresh: false,
};

fn client(server: &wiremock::MockServer) -> Client {
    Client::new(format!("{}/api", server.uri()))
        .with_oauth2(OAuth2::client_credentials("app", "s3cret"))
}

fn bearer(token: &str) -> Option<String> {
    Some(format!("Bearer {token}"))
}

async fn requests(server: &wiremock::MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.expect("recording is on")
}

#[tokio::test]
async fn one_token_serves_several_calls_of_every_clone() {
    let server = start(FOR_AN_HOUR, &[]).await;
    let client = Arc::new(client(&server));
    let clone = (*client).clone();
    client.get_order("o-1").await.expect("200");
    let body = CreateOrderBody {
        item: Some("book".to_owned()),
        quantity: Some(1),
    };
    assert_eq!(
        clone.create_order(&body).await.expect("201").id.as_deref(),
        Some("o-2")
    );
    client.get_order("o-1").await.expect("200");
    // The operation without auth sends no token.
    client.health().await.expect("200");

    let requests = requests(&server).await;
    assert_eq!(
        token_requests(&requests),
        [(Some(basic("app", "s3cret")), CLIENT_CREDENTIALS.to_owned())],
        "one token request, with the collection's scope and the client ID and secret as basic credentials"
    );
    assert_eq!(
        api_authorizations(&requests),
        [bearer("t1"), bearer("t1"), bearer("t1"), None]
    );
    let debug = format!("{client:?}");
    assert!(
        !debug.contains("t1") && !debug.contains("s3cret"),
        "{debug}"
    );
    assert!(debug.contains("token_provider"), "{debug}");
}

#[tokio::test]
async fn an_expired_token_is_fetched_again() {
    let issue = Issue {
        lifetime: Some(1),
        refresh: false,
    };
    let server = start(issue, &[]).await;
    let client = client(&server);
    client.get_order("o-1").await.expect("200");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.get_order("o-1").await.expect("200");

    let requests = requests(&server).await;
    assert_eq!(token_requests(&requests).len(), 2);
    assert_eq!(api_authorizations(&requests), [bearer("t1"), bearer("t2")]);
}

#[tokio::test]
async fn a_refused_token_is_replaced_and_the_call_sent_once_more() {
    let server = start(FOR_AN_HOUR, &["t1"]).await;
    let client = client(&server);
    let order = client
        .get_order("o-1")
        .await
        .expect("the second attempt succeeds");
    assert_eq!(order.id.as_deref(), Some("o-1"));
    client.get_order("o-1").await.expect("200");

    let requests = requests(&server).await;
    assert_eq!(token_requests(&requests).len(), 2);
    assert_eq!(
        api_authorizations(&requests),
        [bearer("t1"), bearer("t2"), bearer("t2")]
    );
}

#[tokio::test]
async fn a_call_is_sent_once_more_only_once() {
    let server = start(FOR_AN_HOUR, &["t1", "t2", "t3"]).await;
    let error = client(&server).get_order("o-1").await.unwrap_err();
    assert_eq!(error.status(), Some(401));
    let requests = requests(&server).await;
    assert_eq!(token_requests(&requests).len(), 2);
    assert_eq!(api_authorizations(&requests), [bearer("t1"), bearer("t2")]);
}

#[tokio::test]
async fn password_grant_with_the_client_secret_in_the_body() {
    let server = start(FOR_AN_HOUR, &[]).await;
    let client = Client::new(format!("{}/api", server.uri())).with_oauth2(
        OAuth2::password("app", "s3cret", "ann", "pa ss")
            .with_client_authentication(ClientAuthentication::Body)
            .with_scope("orders:read"),
    );
    client.get_order("o-1").await.expect("200");
    let requests = requests(&server).await;
    assert_eq!(
        token_requests(&requests),
        [(
            None,
            "grant_type=password&username=ann&password=pa+ss&scope=orders%3Aread&client_id=app&client_secret=s3cret"
                .to_owned()
        )]
    );
}

#[tokio::test]
async fn refresh_token_grant_uses_each_new_refresh_token() {
    let issue = Issue {
        lifetime: Some(3600),
        refresh: true,
    };
    let server = start(issue, &["t1"]).await;
    let client = Client::new(format!("{}/api", server.uri()))
        .with_oauth2(OAuth2::refresh_token("app", "s3cret", "r1"));
    client.get_order("o-1").await.expect("200 with t2");

    let requests = requests(&server).await;
    let bodies: Vec<String> = token_requests(&requests)
        .into_iter()
        .map(|(_, body)| body)
        .collect();
    assert_eq!(
        bodies,
        [
            "grant_type=refresh_token&refresh_token=r1",
            "grant_type=refresh_token&refresh_token=r2"
        ]
    );
}

#[tokio::test]
async fn the_client_credentials_grant_refreshes_when_given_a_refresh_token() {
    let issue = Issue {
        lifetime: None,
        refresh: true,
    };
    let server = start(issue, &["t1"]).await;
    client(&server).get_order("o-1").await.expect("200 with t2");
    let requests = requests(&server).await;
    let bodies: Vec<String> = token_requests(&requests)
        .into_iter()
        .map(|(_, body)| body)
        .collect();
    assert_eq!(
        bodies,
        [
            CLIENT_CREDENTIALS,
            "grant_type=refresh_token&refresh_token=r2"
        ]
    );
}

/// A token provider of one's own: counts its calls.
struct Vault(AtomicUsize);

impl TokenProvider for Vault {
    fn fetch_token<'a>(&'a self, _client: &'a Client) -> TokenFuture<'a> {
        Box::pin(async move {
            let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
            Ok(AccessToken::new(format!("v{n}")).expires_in(Duration::from_secs(600)))
        })
    }
}

#[tokio::test]
async fn a_token_provider_of_one_s_own() {
    let server = start(FOR_AN_HOUR, &["v1"]).await;
    let client = Client::new(format!("{}/api", server.uri()))
        .with_token_provider(Vault(AtomicUsize::new(0)));
    client.get_order("o-1").await.expect("200 with v2");
    client.get_order("o-1").await.expect("200 with v2");
    let requests = requests(&server).await;
    assert!(token_requests(&requests).is_empty());
    assert_eq!(
        api_authorizations(&requests),
        [bearer("v1"), bearer("v2"), bearer("v2")]
    );
}

#[tokio::test]
async fn a_token_endpoint_error_fails_the_call_and_sends_nothing_else() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(
            wiremock::ResponseTemplate::new(400)
                .set_body_json(serde_json::json!({"error": "invalid_client"})),
        )
        .mount(&server)
        .await;
    let error = client(&server).get_order("o-1").await.unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert!(error.to_string().contains("invalid_client"), "{error}");
    assert_eq!(requests(&server).await.len(), 1, "the token request alone");
}

/// The token request saved as an item and named by the overrides (`oauth2_token = true`).
#[tokio::test]
async fn tokens_from_the_item_the_overrides_name() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "A21", "token_type": "Bearer", "expires_in": 32400
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/checkout/orders/5O1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "id": "5O1", "status": "CREATED"
        })))
        .mount(&server)
        .await;
    let client = oauth2_item::Client::new(server.uri())
        .with_oauth2(oauth2_item::OAuth2::client_credentials("app", "s3cret"));
    assert_eq!(
        client
            .show_order_details("5O1")
            .await
            .expect("200")
            .status
            .as_deref(),
        Some("CREATED")
    );
    client.show_order_details("5O1").await.expect("200");

    let requests = requests(&server).await;
    assert_eq!(
        token_requests_at(&requests, "/v1/oauth2/token"),
        [(
            Some(basic("app", "s3cret")),
            "grant_type=client_credentials".to_owned()
        )]
    );
    let orders: Vec<_> = requests
        .iter()
        .filter(|r| r.url.path() != "/v1/oauth2/token")
        .map(|r| oauth2_support::header(r, "authorization"))
        .collect();
    assert_eq!(orders, [bearer("A21"), bearer("A21")]);
}

fn token_requests_at(requests: &[wiremock::Request], at: &str) -> Vec<(Option<String>, String)> {
    requests
        .iter()
        .filter(|request| request.url.path() == at)
        .map(|request| {
            (
                oauth2_support::header(request, "authorization"),
                String::from_utf8(request.body.clone()).expect("a UTF-8 form"),
            )
        })
        .collect()
}
