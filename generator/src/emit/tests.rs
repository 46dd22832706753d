//! Each emitter on its own: a small collection planned, one module's items printed (insta
//! snapshots named after the emitter and the case), so a change to one emitter shows in its own
//! snapshot rather than only in the golden crates.

use std::borrow::Cow;

use proc_macro2::TokenStream;
use serde_json::{Value, json};

use super::{Code, emit};
use crate::overrides::Overrides;
use crate::plan::needs::Flavor;
use crate::plan::{Options, plan};

/// A request item: `request` merged into a POST to `{{baseUrl}}/things/:id`, with `examples`
/// as `(status, JSON body)`.
fn item(name: &str, request: Value, examples: &[(u16, &str)]) -> Value {
    let mut base = json!({
        "method": "POST",
        "url": {
            "raw": "{{baseUrl}}/things/:id",
            "host": ["{{baseUrl}}"],
            "path": ["things", ":id"],
            "variable": [{"key": "id", "value": "42", "description": "The thing's id."}],
        },
    });
    if let (Value::Object(base), Value::Object(extra)) = (&mut base, request) {
        base.extend(extra);
    }
    let responses: Vec<Value> = examples
        .iter()
        .map(|(code, body)| {
            json!({
                "name": format!("HTTP {code}"),
                "code": code,
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": body,
            })
        })
        .collect();
    json!({"name": name, "request": base, "response": responses})
}

fn code(items: &[Value], flavor: Flavor) -> Code {
    let collection = json!({
        "info": {"name": "Things", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
        "variable": [{"key": "baseUrl", "value": "https://api.example.test"}],
    });
    let path = std::path::Path::new("things.postman_collection.json");
    let (loaded, _) = crate::load::load_str(&collection.to_string(), path).unwrap();
    let (api, _) = crate::model::build(&loaded, &Overrides::default());
    let options = Options {
        flavor,
        ..Options::default()
    };
    emit(plan(Cow::Owned(api), &options))
}

/// The printed items of module `name` (`operations` gives its first folder's).
fn printed(code: &Code, name: &str) -> String {
    let module = code.modules.iter().find(|m| m.name == name).unwrap();
    let items: TokenStream = match name {
        "operations" => module.children[0].items.clone(),
        _ => module.items.clone(),
    };
    crate::output::print(items, name).unwrap()
}

fn snapshot(name: &str, text: String) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn operations_json_body_header_and_query() {
    let request = json!({
        "header": [
            {"key": "X-Trace", "value": "abc", "description": "A trace id."},
            {"key": "X-Debug", "value": "1", "disabled": true},
        ],
        "url": {
            "raw": "{{baseUrl}}/things/:id?verbose=true",
            "host": ["{{baseUrl}}"],
            "path": ["things", ":id"],
            "query": [{"key": "verbose", "value": "true", "description": "More detail."}],
            "variable": [{"key": "id", "value": "42"}],
        },
        "body": {"mode": "raw", "raw": "{\"name\": \"a\"}", "options": {"raw": {"language": "json"}}},
    });
    let code = code(
        &[item("Update a thing", request, &[(200, r#"{"id": 42}"#)])],
        Flavor::Async,
    );
    snapshot("emit_operations_json_body_header_and_query", printed(&code, "operations"));
    snapshot("emit_params_query_struct", printed(&code, "params"));
}

#[test]
fn operations_blocking_form_fields() {
    let request = json!({
        "body": {"mode": "urlencoded", "urlencoded": [
            {"key": "grant_type", "value": "client_credentials"},
            {"key": "scope", "value": "read", "disabled": true},
        ]},
    });
    let code = code(&[item("Get a token", request, &[])], Flavor::Blocking);
    snapshot("emit_operations_blocking_form_fields", printed(&code, "operations"));
}

#[test]
fn params_form_struct_for_many_fields() {
    let fields: Vec<Value> = ["a", "b", "c", "d"]
        .iter()
        .map(|key| json!({"key": key, "value": "x", "type": "text"}))
        .collect();
    let request = json!({"body": {"mode": "formdata", "formdata": fields}});
    let code = code(&[item("Upload", request, &[])], Flavor::Async);
    snapshot("emit_params_form_struct", printed(&code, "params"));
}

#[test]
fn responses_one_variant_per_success_status() {
    let code = code(
        &[item(
            "Create a thing",
            json!({}),
            &[(200, r#"{"id": 1}"#), (201, r#"{"id": 2}"#), (204, "")],
        )],
        Flavor::Async,
    );
    snapshot("emit_responses_by_status", printed(&code, "responses"));
}

#[test]
fn errors_one_variant_per_documented_status() {
    let code = code(
        &[item(
            "Get a thing",
            json!({"method": "GET"}),
            &[(200, r#"{"id": 1}"#), (404, r#"{"code": 1001, "message": "Not found."}"#), (500, "oops")],
        )],
        Flavor::Async,
    );
    snapshot("emit_errors_documented_statuses", printed(&code, "errors"));
}

#[test]
fn modules_without_items_are_left_out() {
    let code = code(&[item("Get a thing", json!({"method": "GET"}), &[])], Flavor::Async);
    let names: Vec<&str> = code.modules.iter().map(|m| m.name.as_str()).collect();
    // No params, no types, and no error enum: it documents no error status, so it shares the
    // runtime's `Undocumented`.
    assert_eq!(names, ["runtime", "operations"]);
}
