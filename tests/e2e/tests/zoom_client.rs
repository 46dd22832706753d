//! The generated Zoom client's set-up: the default base URL, credentials redacted from `Debug`
//! and left out when unset, a trailing slash on the base URL, and a caller's reqwest client.
//!
//! Every test asserts exact wire requests and exact decoded results, so a regression in the
//! generator fails here. Shared set-up: `support/zoom.rs`.

mod support;

use reqwest::header::{HeaderMap, HeaderValue};
use support::zoom::{
    TOKEN, UPLOAD_PATH, beach_jpg, header, multipart_parts, only_request, server_answering,
    upload_201,
};
use zoom_api::Client;

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
    assert_eq!(bg.id.as_deref(), Some("_Tcj7354w6eHw"));

    let request = only_request(&server).await;
    // The custom client's settings are on the request: it was the one used.
    assert_eq!(header(&request.headers, "x-e2e-client"), "custom");
    // `with_http_client` keeps the generated crate's `User-Agent`, as `new` sets it (an API
    // such as GitHub's refuses requests without one); `with_header` is where to replace it.
    assert_eq!(header(&request.headers, "user-agent"), "zoom-api/0.1.0");
    // And the generated client still adds its own parts.
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    assert_eq!(request.url.path(), UPLOAD_PATH);
    assert_eq!(multipart_parts(&request).len(), 1);
}
