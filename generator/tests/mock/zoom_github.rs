//! The mock of the Zoom and GitHub collections over real HTTP on 127.0.0.1: the base URL's path,
//! literal routes over parameter routes, `{{var}}` pieces within a segment, example names with
//! newlines, and the 404 listing on a large collection.

use crate::support::{body, client, header, saved_examples, start, with_code};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

const ZOOM: &str = "zoom.postman_collection.json";
const GITHUB: &str = "github-v3.postman_collection.json";

async fn get(url: String, headers: &[(&str, &str)]) -> (u16, reqwest::header::HeaderMap, String) {
    let mut request = client().get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap())
}

#[tokio::test]
async fn base_url_path_is_optional_and_literal_segments_win() {
    let mock = start(ZOOM).await;
    let email = saved_examples(ZOOM, "GET", "users/email");
    let user = saved_examples(ZOOM, "GET", "users/:userId");
    // `users/:userId` comes first in the file: only precedence picks `users/email`.
    for prefix in ["", "/v2"] {
        let (status, headers, text) = get(format!("{}{prefix}/users/email", mock.url()), &[]).await;
        assert_eq!(status, 200, "{prefix}");
        assert_eq!(text, body(with_code(&email, 200)));
        assert_eq!(
            headers["content-type"].to_str().unwrap(),
            header(with_code(&email, 200), "content-type").unwrap()
        );
        let (_, _, text) = get(format!("{}{prefix}/users/u-1", mock.url()), &[]).await;
        assert_eq!(text, body(with_code(&user, 200)));
    }
}

#[tokio::test]
async fn example_names_with_newlines_are_found_folded_or_encoded() {
    let mock = start(ZOOM).await;
    let saved = saved_examples(ZOOM, "GET", "users/:userId");
    let not_found = with_code(&saved, 404);
    let name = not_found["name"].as_str().unwrap();
    assert!(name.contains('\n'), "the saved name has newlines: {name:?}");
    let folded = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let encoded = utf8_percent_encode(name, NON_ALPHANUMERIC).to_string();
    for sent in [folded, encoded] {
        let (status, headers, _) = get(
            format!("{}/users/u-1", mock.url()),
            &[("x-mock-response-name", &sent)],
        )
        .await;
        assert_eq!(status, 404, "{sent}");
        assert!(headers.get("x-mock-error").is_none(), "{sent}");
    }
    let (status, _, text) = get(
        format!("{}/v2/users/u-1", mock.url()),
        &[("x-mock-response-code", "400")],
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(text, body(with_code(&saved, 400)));
}

#[tokio::test]
async fn the_404_listing_on_zoom_puts_the_near_path_first() {
    let mock = start(ZOOM).await;
    let (status, headers, text) = get(format!("{}/v2/users/me/settingz", mock.url()), &[]).await;
    assert_eq!(status, 404);
    assert_eq!(headers["x-mock-error"], "no-route");
    let listing: Value = serde_json::from_str(&text).unwrap();
    let nearest = listing["nearest"].as_array().unwrap();
    assert_eq!(nearest.len(), 5);
    assert_eq!(nearest[0], "GET /users/{userId}/settings");
    // The same path under another method weighs half a segment more: after the GET routes whose
    // last segment differs by fewer than half its characters, before those that differ by more.
    let position = |label: &str| nearest.iter().position(|n| n == label);
    assert_eq!(
        position("GET /users/{userId}/meetings"),
        Some(1),
        "{nearest:?}"
    );
    assert_eq!(
        position("PATCH /users/{userId}/settings"),
        Some(3),
        "{nearest:?}"
    );
}

#[tokio::test]
async fn variable_pieces_within_a_segment_match_any_text() {
    let mock = start(GITHUB).await;
    let saved = saved_examples(
        GITHUB,
        "GET",
        "repos/:owner/:repo/compare/{{base}}...{{head}}",
    );
    assert_eq!(saved[0]["code"], 404, "the file lists a 404 first");
    let (status, _, text) = get(
        format!("{}/repos/octo/hello/compare/main...dev", mock.url()),
        &[],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(text, body(with_code(&saved, 200)));

    let (status, headers, text) = get(
        format!("{}/repos/octo/hello/compare/main..dev", mock.url()),
        &[],
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(headers["x-mock-error"], "no-route");
    let listing: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        listing["nearest"][0],
        "GET /repos/{owner}/{repo}/compare/{base}...{head}"
    );
}
