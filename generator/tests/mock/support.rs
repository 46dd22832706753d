//! Shared by the HTTP tests: starting the mock on a real collection, and reading that
//! collection's saved examples straight from the JSON (not through the crate's loader), so that
//! what the mock serves is checked against the file itself.

use std::path::PathBuf;

use postman_codegen::mock::{MockOptions, MockServer, RunningMock};
use serde_json::Value;

/// A collection of the repository's `collections/` folder.
pub fn collection(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../collections")
        .join(file)
}

/// The mock of `file` on 127.0.0.1, on a port the system picks.
pub async fn start(file: &str) -> RunningMock {
    MockServer::start(&collection(file), MockOptions::default())
        .await
        .unwrap_or_else(|error| panic!("the mock of {file} did not start: {error}"))
}

/// A client that keeps connections open between requests, as real clients do.
pub fn client() -> reqwest::Client {
    reqwest::Client::new()
}

/// The saved examples (`response[]`) of the request item with this method and URL path
/// (`path` segments joined with `/`, as in the file: `todos/:id`).
pub fn saved_examples(file: &str, method: &str, path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(collection(file)).expect("the collection is readable");
    let root: Value = serde_json::from_str(&text).expect("the collection is JSON");
    let mut found = Vec::new();
    find(&root["item"], method, path, &mut found);
    assert_eq!(found.len(), 1, "one item {method} {path} in {file}");
    found.remove(0)["response"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn find(items: &Value, method: &str, path: &str, out: &mut Vec<Value>) {
    for item in items.as_array().into_iter().flatten() {
        if item.get("item").is_some() {
            find(&item["item"], method, path, out);
            continue;
        }
        let request = &item["request"];
        let segments: Vec<&str> = request["url"]["path"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if request["method"] == method && segments.join("/") == path {
            out.push(item.clone());
        }
    }
}

/// The saved example with this code (the first one).
pub fn with_code(examples: &[Value], code: u64) -> &Value {
    examples
        .iter()
        .find(|example| example["code"] == code)
        .unwrap_or_else(|| panic!("an example with code {code}"))
}

/// A saved example's body text.
pub fn body(example: &Value) -> &str {
    example["body"].as_str().unwrap_or("")
}

/// A saved example's header value (the first of that name, any case).
pub fn header<'a>(example: &'a Value, name: &str) -> Option<&'a str> {
    example["header"].as_array()?.iter().find(|h| {
        h["key"]
            .as_str()
            .is_some_and(|k| k.eq_ignore_ascii_case(name))
    })?["value"]
        .as_str()
}
