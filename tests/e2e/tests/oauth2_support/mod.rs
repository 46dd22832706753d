//! A token endpoint and an API on one wiremock server (127.0.0.1), for the OAuth2 tests of both
//! clients: the endpoint issues `t1`, `t2`, … (and refresh tokens `r2`, `r3`, … when asked), the
//! API answers 401 to the tokens it is told to refuse.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::json;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The token endpoint's path, as the collection's `{{baseUrl}}/oauth/token` with the base URL
/// `{server}/api`.
pub const TOKEN_PATH: &str = "/api/oauth/token";

/// What the token endpoint issues.
#[derive(Clone, Copy)]
pub struct Issue {
    /// `expires_in`, in seconds; `None` leaves it out.
    pub lifetime: Option<u64>,
    /// Whether a `refresh_token` comes with each token.
    pub refresh: bool,
}

struct TokenEndpoint {
    issued: Arc<AtomicUsize>,
    issue: Issue,
}

impl Respond for TokenEndpoint {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let mut body = json!({"access_token": format!("t{n}"), "token_type": "Bearer"});
        if let Some(lifetime) = self.issue.lifetime {
            body["expires_in"] = json!(lifetime);
        }
        if self.issue.refresh {
            body["refresh_token"] = json!(format!("r{}", n + 1));
        }
        ResponseTemplate::new(200).set_body_json(body)
    }
}

struct Api {
    refused: Vec<String>,
}

impl Respond for Api {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let authorization = header(request, "authorization");
        let token = authorization
            .as_deref()
            .and_then(|a| a.strip_prefix("Bearer "));
        if token.is_some_and(|token| self.refused.iter().any(|refused| refused == token)) {
            return ResponseTemplate::new(401).set_body_json(json!({"error": "invalid_token"}));
        }
        match request.url.path() {
            "/api/orders" => {
                ResponseTemplate::new(201).set_body_json(json!({"id": "o-2", "total": 3}))
            }
            "/api/health" => ResponseTemplate::new(200).set_body_json(json!({"status": "up"})),
            _ => ResponseTemplate::new(200).set_body_json(json!({"id": "o-1", "total": 12})),
        }
    }
}

/// A server whose token endpoint issues `issue` and whose API refuses the tokens `refused`.
pub async fn start(issue: Issue, refused: &[&str]) -> MockServer {
    let server = MockServer::start().await;
    assert!(
        server.uri().starts_with("http://127.0.0.1:"),
        "{}",
        server.uri()
    );
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(TokenEndpoint {
            issued: Arc::default(),
            issue,
        })
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(Api {
            refused: refused.iter().map(|token| token.to_string()).collect(),
        })
        .mount(&server)
        .await;
    server
}

pub fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().expect("an ASCII header").to_owned())
}

/// The requests to the token endpoint, each as (`Authorization`, form body).
pub fn token_requests(requests: &[Request]) -> Vec<(Option<String>, String)> {
    requests
        .iter()
        .filter(|request| request.url.path() == TOKEN_PATH)
        .map(|request| {
            (
                header(request, "authorization"),
                String::from_utf8(request.body.clone()).expect("a UTF-8 form"),
            )
        })
        .collect()
}

/// The `Authorization` of each request to the API (not the token endpoint), in order.
pub fn api_authorizations(requests: &[Request]) -> Vec<Option<String>> {
    requests
        .iter()
        .filter(|request| request.url.path() != TOKEN_PATH)
        .map(|request| header(request, "authorization"))
        .collect()
}

/// `Basic base64(id:secret)`.
pub fn basic(id: &str, secret: &str) -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
    format!("Basic {encoded}")
}

/// The token request of the client credentials grant with the collection's scope.
pub const CLIENT_CREDENTIALS: &str =
    "grant_type=client_credentials&scope=orders%3Aread+orders%3Awrite";
