//! The mock of the todo collection over real HTTP on 127.0.0.1: example selection, the headers
//! and body served, body-less statuses, and the 404 listing.

use std::net::Ipv4Addr;

use crate::support::{body, client, header, saved_examples, start, with_code};
use postman_codegen::mock::{Error, MockOptions, MockServer};
use serde_json::Value;

const TODO: &str = "todo.postman_collection.json";

#[tokio::test]
async fn serves_the_first_success_example_with_its_headers() {
    let mock = start(TODO).await;
    assert_eq!(mock.addr().ip(), Ipv4Addr::LOCALHOST);
    assert_ne!(mock.addr().port(), 0);
    let saved = saved_examples(TODO, "GET", "todos/:id");
    let ok = with_code(&saved, 200);

    let response = client()
        .get(format!("{}/todos/42", mock.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    for name in ["etag", "x-powered-by", "content-type"] {
        assert_eq!(
            headers.get(name).and_then(|v| v.to_str().ok()),
            header(ok, name),
            "{name}"
        );
    }
    let text = response.text().await.unwrap();
    assert_eq!(text, body(ok));
    // The length is the body's, whatever the saved header said.
    let length: usize = headers["content-length"].to_str().unwrap().parse().unwrap();
    assert_eq!(length, text.len());
}

#[tokio::test]
async fn skips_a_leading_non_success_example() {
    let mock = start(TODO).await;
    let saved = saved_examples(TODO, "GET", "todos");
    assert_eq!(saved[0]["code"], 304, "the file lists 304 first");
    let response = client()
        .get(format!("{}/todos", mock.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), body(with_code(&saved, 200)));
}

#[tokio::test]
async fn mock_headers_choose_the_example() {
    let mock = start(TODO).await;
    let saved = saved_examples(TODO, "DELETE", "todos/:id");
    let not_found = with_code(&saved, 404);
    let by_code = client()
        .delete(format!("{}/todos/7", mock.url()))
        .header("x-mock-response-code", "404")
        .send()
        .await
        .unwrap();
    assert_eq!(by_code.status(), 404);
    assert!(by_code.headers().get("x-mock-error").is_none());
    assert_eq!(by_code.text().await.unwrap(), body(not_found));

    let name = not_found["name"].as_str().unwrap();
    let by_name = client()
        .delete(format!("{}/todos/7", mock.url()))
        .header("x-mock-response-name", name)
        .send()
        .await
        .unwrap();
    assert_eq!(by_name.status(), 404);
    assert_eq!(by_name.text().await.unwrap(), body(not_found));

    let missing = client()
        .delete(format!("{}/todos/7", mock.url()))
        .header("x-mock-response-code", "500")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.headers()["x-mock-error"], "no-example");
    let listing: Value = missing.json_body().await;
    let listed: Vec<&Value> = listing["examples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["status"])
        .collect();
    assert_eq!(listed, saved.iter().map(|e| &e["code"]).collect::<Vec<_>>());
}

/// The saved `{}` of a 204 must not reach the client (hyper enforces this; the test holds the
/// mock to it whatever serves the HTTP).
#[tokio::test]
async fn body_less_statuses_send_no_body() {
    let mock = start(TODO).await;
    let saved = saved_examples(TODO, "DELETE", "todos/:id");
    assert_eq!(
        body(with_code(&saved, 204)),
        "{}",
        "the file saves a body for 204"
    );
    let response = client()
        .delete(format!("{}/todos/1", mock.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(response.text().await.unwrap(), "");
    // The connection is still usable afterwards.
    let next = client()
        .get(format!("{}/todos/1", mock.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(next.status(), 200);
}

#[tokio::test]
async fn the_root_item_and_request_bodies() {
    let mock = start(TODO).await;
    let client = client();
    let root = client.get(format!("{}/", mock.url())).send().await.unwrap();
    assert_eq!(root.status(), 200);
    let saved = saved_examples(TODO, "GET", "");
    let ok = with_code(&saved, 200);
    assert_eq!(
        root.headers()["content-type"].to_str().unwrap(),
        header(ok, "content-type").unwrap()
    );
    // The file saved the length of a page it did not keep; the length sent is the body's.
    assert_ne!(ok["header"].to_string().find("3364"), None);
    assert_eq!(
        root.headers()["content-length"],
        body(ok).len().to_string().as_str()
    );
    assert_eq!(root.text().await.unwrap(), body(ok));
    // A request body is read and ignored; the same connection serves the next request.
    for _ in 0..3 {
        let created = client
            .post(format!("{}/todos/", mock.url()))
            .header("content-type", "application/json")
            .body(r#"{"title": "x"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), 201);
    }
}

#[tokio::test]
async fn an_unknown_route_lists_the_nearest() {
    let mock = start(TODO).await;
    let response = client()
        .patch(format!("{}/todos/1?x=1", mock.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["x-mock-error"], "no-route");
    let listing: Value = response.json_body().await;
    assert_eq!(listing["error"], "no route");
    assert_eq!(listing["method"], "PATCH");
    assert_eq!(listing["path"], "/todos/1");
    // No PATCH route: the same path under other methods first, in file order.
    assert_eq!(
        listing["nearest"],
        serde_json::json!([
            "GET /todos/{id}",
            "PUT /todos/{id}",
            "DELETE /todos/{id}",
            "GET /todos",
            "POST /todos"
        ])
    );
}

#[tokio::test]
async fn bad_mock_headers_are_a_400() {
    let mock = start(TODO).await;
    let response = client()
        .get(format!("{}/todos/1", mock.url()))
        .header("x-mock-response-code", "two hundred")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()["x-mock-error"], "bad-request");
}

#[tokio::test]
async fn start_errors_name_the_cause() {
    let mock = start(TODO).await;
    let taken = MockOptions {
        port: mock.addr().port(),
        ..MockOptions::default()
    };
    let error = MockServer::start(&crate::support::collection(TODO), taken)
        .await
        .expect_err("the port is taken");
    assert!(matches!(error, Error::Bind { .. }), "{error}");
    assert!(
        error.to_string().contains(&mock.addr().to_string()),
        "{error}"
    );

    let missing = MockServer::start(
        &crate::support::collection("no-such.postman_collection.json"),
        MockOptions::default(),
    )
    .await
    .expect_err("no such file");
    assert!(matches!(missing, Error::Load(_)), "{missing}");
}

#[tokio::test]
async fn shutdown_stops_listening() {
    let mock = start(TODO).await;
    let url = format!("{}/todos", mock.url());
    assert_eq!(client().get(&url).send().await.unwrap().status(), 200);
    mock.shutdown().await;
    assert!(client().get(&url).send().await.is_err());
}

/// `Response::json` needs reqwest's `json` feature; the tests keep reqwest's features off.
trait JsonBody {
    async fn json_body(self) -> Value;
}

impl JsonBody for reqwest::Response {
    async fn json_body(self) -> Value {
        let text = self.text().await.unwrap();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    }
}
