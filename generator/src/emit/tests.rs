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
    let options = Options {
        flavor,
        ..Options::default()
    };
    code_with(items, &options)
}

fn code_with(items: &[Value], options: &Options<'_>) -> Code {
    let collection = json!({
        "info": {"name": "Things", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
        "variable": [{"key": "baseUrl", "value": "https://api.example.test"}],
    });
    let path = std::path::Path::new("things.postman_collection.json");
    let (loaded, _) = crate::load::load_str(&collection.to_string(), path).unwrap();
    let (api, _) = crate::model::build(&loaded, &Overrides::default());
    emit(plan(Cow::Owned(api), options))
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

/// Three operations that document "404" alike and one that documents it with a code.
fn documenting_not_found() -> Vec<Value> {
    let get = |name: &str, method: &str| {
        item(name, json!({"method": method}), &[(200, "{}"), (404, "gone")])
    };
    let mut coded = item("Move a thing", json!({}), &[(404, "gone")]);
    coded["response"][0]["name"] = json!("Not found **Error Code:** `1001` No such thing.");
    vec![get("Get a thing", "GET"), get("Delete a thing", "DELETE"), coded, get("Head a thing", "HEAD")]
}

#[test]
fn errors_identical_enums_are_shared_through_aliases() {
    let code = code(&documenting_not_found(), Flavor::Async);
    let errors = printed(&code, "errors");
    snapshot("emit_errors_shared", errors.clone());
    assert_eq!(errors.matches("pub enum ").count(), 2, "{errors}");
    for alias in ["GetThingError", "DeleteThingError", "HeadThingError"] {
        assert!(errors.contains(&format!("pub type {alias} = Status404Error;")), "{errors}");
    }
    assert!(errors.contains("pub enum MoveThingError"), "{errors}");
}

#[test]
fn of_two_groups_that_would_share_a_name_the_larger_takes_it() {
    let mut items = documenting_not_found();
    let coded = items[2].clone();
    for name in ["Copy a thing", "Link a thing", "Send a thing"] {
        let mut item = coded.clone();
        item["name"] = json!(name);
        items.push(item);
    }
    // Now four operations document 404 with code 1001, three without a code.
    let errors = printed(&code(&items, Flavor::Async), "errors");
    assert!(errors.contains("pub type MoveThingError = Status404Error;"), "{errors}");
    assert!(errors.contains("pub enum GetThingError"), "{errors}");
    assert!(errors.contains("pub enum HeadThingError"), "{errors}");
}

#[test]
fn a_shared_enum_does_not_take_the_name_of_an_operations_error_type() {
    let mut items = documenting_not_found();
    items.push(item("Status 404", json!({}), &[(409, "taken")]));
    let errors = printed(&code(&items, Flavor::Async), "errors");
    assert_eq!(errors.matches("pub type").count(), 0, "{errors}");
    assert!(errors.contains("pub enum Status404Error"), "{errors}");
    assert!(errors.contains("pub enum GetThingError"), "{errors}");
}

#[test]
fn a_shared_error_enum_is_compiled_with_any_of_its_users_folders() {
    let mut first = documenting_not_found();
    let second = first.split_off(2);
    let folders = [
        json!({"name": "Things", "item": first}),
        json!({"name": "Other", "item": second}),
    ];
    let options = Options {
        features_per_folder: true,
        ..Options::default()
    };
    let errors = printed(&code_with(&folders, &options), "errors");
    let gate_of = |item: &str| {
        let at = errors.find(item).unwrap();
        let cfg = errors[..at].rfind("#[cfg(").unwrap();
        errors[cfg..].lines().next().unwrap().to_owned()
    };
    let any = "#[cfg(any(feature = \"other\", feature = \"things\"))]";
    assert_eq!(gate_of("pub enum Status404Error"), any, "{errors}");
    assert_eq!(gate_of("pub type GetThingError"), "#[cfg(feature = \"things\")]");
    assert_eq!(gate_of("pub type HeadThingError"), "#[cfg(feature = \"other\")]");
}

/// A shared object takes the name of the key it is found under, unless Rust reserves it.
#[test]
fn an_object_shared_under_the_key_self_is_not_named_self() {
    let items = [
        item("Get a thing", json!({"method": "GET"}), &[(200, r#"{"Self": {"id": 1}, "a": 1}"#)]),
        item("Get another", json!({"method": "GET"}), &[(200, r#"{"Self": {"id": 2}, "b": "x"}"#)]),
    ];
    let types = printed(&code(&items, Flavor::Async), "types");
    assert!(types.contains("pub struct Self_ {"), "{types}");
}

#[test]
fn modules_without_items_are_left_out() {
    let code = code(&[item("Get a thing", json!({"method": "GET"}), &[])], Flavor::Async);
    let names: Vec<&str> = code.modules.iter().map(|m| m.name.as_str()).collect();
    // No params, no types, and no error enum: it documents no error status, so it shares the
    // runtime's `Undocumented`.
    assert_eq!(names, ["runtime", "operations"]);
}
