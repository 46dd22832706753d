//! One small collection per format variant the loader must accept.

use serde_json::json;

use super::{collection_with_items, load_ok, only_request, requests};
use crate::load::{Auth, Body, Item};

#[test]
fn request_as_plain_string_is_a_get() {
    let item = only_request(
        r#"[{"name": "Webinars", "request": "{{baseURL}}/organizers/{{organizerKey}}/webinars?x=1"}]"#,
    );
    assert_eq!(item.request.method, "GET");
    assert_eq!(item.request.url.host, ["{{baseURL}}"]);
    assert_eq!(
        item.request.url.path,
        ["organizers", "{{organizerKey}}", "webinars"]
    );
    assert_eq!(item.request.url.query[0].key, "x");
    assert_eq!(item.pointer, "/item/0");
}

#[test]
fn url_as_string_inside_request_object() {
    let item = only_request(
        r#"[{"name": "A", "request": {"method": "post", "url": "https://api.x.com/v1/a"}}]"#,
    );
    assert_eq!(item.request.method, "POST");
    let url = &item.request.url;
    assert_eq!(url.protocol.as_deref(), Some("https"));
    assert_eq!(url.host, ["api", "x", "com"]);
    assert_eq!(url.path, ["v1", "a"]);
    assert_eq!(url.raw.as_deref(), Some("https://api.x.com/v1/a"));
}

#[test]
fn url_object_without_raw() {
    let item = only_request(
        r#"[{"name": "A", "request": {"url": {"host": ["{{baseUrl}}"], "path": ["users", ":id", {"type": "string", "value": "repos"}],
            "variable": [{"id": "id", "value": 7, "description": {"content": "The id", "type": "text/plain"}}]}}}]"#,
    );
    let url = &item.request.url;
    assert_eq!(url.raw, None);
    assert_eq!(url.path, ["users", ":id", "repos"]);
    assert_eq!(url.variables[0].key, "id");
    assert_eq!(url.variables[0].value.as_deref(), Some("7"));
    assert_eq!(url.variables[0].description.as_deref(), Some("The id"));
}

#[test]
fn url_object_with_only_raw_is_split() {
    let item = only_request(
        r#"[{"name": "A", "request": {"url": {"raw": "http://localhost:5000/api/x?a=b"}}}]"#,
    );
    let url = &item.request.url;
    assert_eq!(url.host, ["localhost"]);
    assert_eq!(url.port.as_deref(), Some("5000"));
    assert_eq!(url.path, ["api", "x"]);
    assert_eq!(url.query[0].value.as_deref(), Some("b"));
}

#[test]
fn host_and_path_as_strings() {
    let item = only_request(
        r#"[{"name": "A", "request": {"url": {"raw": "https://{{base_url}}/stacks/{{api_key}}", "protocol": "https",
            "host": "{{base_url}}", "path": "/stacks/{{api_key}}"}}}]"#,
    );
    assert_eq!(item.request.url.host, ["{{base_url}}"]);
    assert_eq!(item.request.url.path, ["stacks", "{{api_key}}"]);
}

#[test]
fn description_objects_and_fallback_to_request_description() {
    let text = r#"{"info": {"name": "T", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        "description": {"content": "Collection docs", "type": "text/markdown"}},
        "item": [{"name": "F", "description": {"content": "Folder docs"}, "item": [
            {"name": "A", "request": {"url": "x", "description": {"content": "Request docs", "type": "text/plain"}}},
            {"name": "B", "description": "Item docs", "request": {"url": "x", "description": "ignored"}}]}]}"#;
    let (collection, _) = load_ok(text);
    assert_eq!(collection.description.as_deref(), Some("Collection docs"));
    assert_eq!(collection.schema_version.as_deref(), Some("2.1.0"));
    let Item::Folder(folder) = &collection.items[0] else {
        panic!("expected a folder")
    };
    assert_eq!(folder.description.as_deref(), Some("Folder docs"));
    let all = requests(&collection.items);
    assert_eq!(all[0].description.as_deref(), Some("Request docs"));
    assert_eq!(all[1].description.as_deref(), Some("Item docs"));
    assert_eq!(all[1].pointer, "/item/0/item/1");
}

#[test]
fn auth_of_unknown_type_named_type() {
    let (collection, warnings) =
        load_ok(r#"{"info": {"name": "T"}, "auth": {"type": "type"}, "item": []}"#);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        collection.auth,
        Some(Auth {
            kind: "type".to_owned(),
            params: Vec::new(),
        })
    );
}

#[test]
fn auth_v20_object_and_v21_list() {
    let text = r#"{"info": {"name": "T", "schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"},
        "auth": {"type": "oauth2", "oauth2": {"accessToken": "{{token}}", "addTokenTo": "header"}},
        "item": [{"name": "F", "auth": {"type": "apikey", "apikey": [{"key": "in", "value": "header", "type": "string"},
                    {"key": "key", "value": "X-Key"}]},
                  "item": [{"name": "A", "request": {"url": "x", "auth": {"type": "bearer", "bearer": [{"key": "token", "value": true}]}}},
                           {"name": "B", "request": {"url": "x", "auth": null}},
                           {"name": "C", "request": {"url": "x", "auth": {"type": "noauth"}}}]}]}"#;
    let (collection, _) = load_ok(text);
    assert_eq!(collection.schema_version.as_deref(), Some("2.0.0"));
    assert_eq!(
        collection.auth,
        Some(Auth {
            kind: "oauth2".to_owned(),
            params: vec![
                ("accessToken".to_owned(), json!("{{token}}")),
                ("addTokenTo".to_owned(), json!("header"))
            ],
        })
    );
    let Item::Folder(folder) = &collection.items[0] else {
        panic!("expected a folder")
    };
    let folder_auth = folder.auth.as_ref().expect("folder auth");
    assert_eq!(folder_auth.kind, "apikey");
    assert_eq!(
        folder_auth.params,
        vec![
            ("in".to_owned(), json!("header")),
            ("key".to_owned(), json!("X-Key"))
        ]
    );
    let all = requests(&collection.items);
    assert_eq!(
        all[0].request.auth,
        Some(Auth {
            kind: "bearer".to_owned(),
            params: vec![("token".to_owned(), json!(true))]
        })
    );
    assert_eq!(all[1].request.auth, None);
    assert_eq!(
        all[2].request.auth,
        Some(Auth {
            kind: "noauth".to_owned(),
            params: vec![]
        })
    );
}

#[test]
fn graphql_variables_as_string_object_or_null() {
    let item = only_request(
        r#"[{"name": "A", "request": {"method": "POST", "url": "x", "body": {"mode": "graphql",
            "graphql": {"query": "{ hero { name } }", "variables": "{\"id\": 1}"}}}}]"#,
    );
    assert_eq!(
        item.request.body,
        Some(Body::GraphQl {
            query: "{ hero { name } }".to_owned(),
            variables: Some(json!("{\"id\": 1}"))
        })
    );
    let item = only_request(
        r#"[{"name": "A", "request": {"url": "x", "body": {"mode": "graphql", "graphql": {"query": "q", "variables": {"id": 1}}}}}]"#,
    );
    assert_eq!(
        item.request.body,
        Some(Body::GraphQl {
            query: "q".to_owned(),
            variables: Some(json!({"id": 1}))
        })
    );
    let item = only_request(
        r#"[{"name": "A", "request": {"url": "x", "body": {"mode": "graphql", "graphql": {"query": "q", "variables": null}}}}]"#,
    );
    assert_eq!(
        item.request.body,
        Some(Body::GraphQl {
            query: "q".to_owned(),
            variables: None
        })
    );
}

#[test]
fn header_string_form() {
    let item = only_request(
        r#"[{"name": "A", "request": {"url": "x", "header": "Content-Type: application/json\n\n//X-Off: 1\nAuthorization: Bearer a:b\n"}}]"#,
    );
    let headers: Vec<_> = item
        .request
        .headers
        .iter()
        .map(|h| (h.key.as_str(), h.value.as_deref(), h.disabled))
        .collect();
    assert_eq!(
        headers,
        [
            ("Content-Type", Some("application/json"), false),
            ("X-Off", Some("1"), true),
            ("Authorization", Some("Bearer a:b"), false)
        ]
    );
}

#[test]
fn number_header_values_are_rendered_as_text() {
    let item = only_request(
        r#"[{"name": "A", "request": {"url": "x", "header": [{"key": "X-Count", "value": 3364}, {"key": "X-On", "value": true, "disabled": true}]},
            "response": [{"name": "ok", "code": 200, "header": [{"key": "content-length", "value": 3364}, "X-Raw: yes"], "body": "{}"}]}]"#,
    );
    assert_eq!(item.request.headers[0].value.as_deref(), Some("3364"));
    assert_eq!(item.request.headers[1].value.as_deref(), Some("true"));
    assert!(item.request.headers[1].disabled);
    assert_eq!(item.responses[0].headers[0].value.as_deref(), Some("3364"));
    assert_eq!(item.responses[0].headers[1].key, "X-Raw");
}

#[test]
fn empty_unknown_and_disabled_bodies_are_none() {
    for body in [
        r#"{}"#,
        r#"{"mode": ""}"#,
        r#"{"mode": "carrier-pigeon", "raw": "x"}"#,
        r#"{"mode": "raw", "raw": "x", "disabled": true}"#,
        "null",
    ] {
        let item = only_request(&format!(
            r#"[{{"name": "A", "request": {{"url": "x", "body": {body}}}}}]"#
        ));
        assert_eq!(item.request.body, None, "body {body}");
    }
}

#[test]
fn body_modes() {
    let item = only_request(
        r#"[{"name": "A", "request": {"url": "x", "body": {"mode": "raw", "raw": "<a/>", "options": {"raw": {"language": "xml"}}}}}]"#,
    );
    assert_eq!(
        item.request.body,
        Some(Body::Raw {
            text: "<a/>".to_owned(),
            language: Some("xml".to_owned())
        })
    );

    let item = only_request(
        r#"[{"name": "A", "request": {"url": "x", "body": {"mode": "file", "file": {"src": "/tmp/a.bin"}}}}]"#,
    );
    assert_eq!(
        item.request.body,
        Some(Body::File {
            src: Some("/tmp/a.bin".to_owned())
        })
    );

    let item = only_request(
        r#"[{"name": "A", "request": {"url": "x", "body": {"mode": "urlencoded", "urlencoded": [{"key": "grant_type", "value": "client_credentials", "disabled": true}]}}}]"#,
    );
    let Some(Body::UrlEncoded(fields)) = &item.request.body else {
        panic!("expected urlencoded")
    };
    assert_eq!(
        (
            fields[0].key.as_str(),
            fields[0].value.as_deref(),
            fields[0].disabled
        ),
        ("grant_type", Some("client_credentials"), true)
    );

    let item = only_request(
        r#"[{"name": "A", "request": {"url": "x", "body": {"mode": "formdata", "formdata": [
            {"key": "file", "type": "file", "src": ["/a.pdf"], "contentType": "application/pdf"},
            {"key": "name", "value": "n", "type": "text", "disabled": true},
            {"key": "untyped", "value": "u"}]}}}]"#,
    );
    let Some(Body::FormData(fields)) = &item.request.body else {
        panic!("expected formdata")
    };
    assert!(fields[0].is_file);
    assert_eq!(fields[0].content_type.as_deref(), Some("application/pdf"));
    assert!(!fields[1].is_file && fields[1].disabled);
    assert_eq!(fields[2].value.as_deref(), Some("u"));
}

#[test]
fn disabled_and_null_query_params() {
    let item = only_request(
        r#"[{"name": "A", "request": {"url": {"raw": "{{h}}/a?x=1", "host": ["{{h}}"], "path": ["a"], "query": [
            {"key": "x", "value": "1"}, {"key": "off", "value": "2", "disabled": true},
            {"key": "nothing", "value": null}, {"key": "n", "value": 5, "description": "five"}]}}}]"#,
    );
    let query: Vec<_> = item
        .request
        .url
        .query
        .iter()
        .map(|q| (q.key.as_str(), q.value.as_deref(), q.disabled))
        .collect();
    assert_eq!(
        query,
        [
            ("x", Some("1"), false),
            ("off", Some("2"), true),
            ("nothing", None, false),
            ("n", Some("5"), false)
        ]
    );
    assert_eq!(
        item.request.url.query[3].description.as_deref(),
        Some("five")
    );
}

#[test]
fn examples_with_and_without_code() {
    let item = only_request(
        r#"[{"name": "A", "request": "x", "response": [
            {"name": "OK", "code": 200, "status": "OK", "header": null, "body": "{\"a\": 1}", "_postman_previewlanguage": "json"},
            {"name": "No code", "header": "Content-Type: text/plain", "body": null}]}]"#,
    );
    assert_eq!(item.responses.len(), 2);
    assert_eq!(item.responses[0].code, Some(200));
    assert_eq!(item.responses[0].status.as_deref(), Some("OK"));
    assert_eq!(item.responses[0].preview_language.as_deref(), Some("json"));
    assert_eq!(item.responses[1].code, None);
    assert_eq!(item.responses[1].body, None);
    assert_eq!(item.responses[1].headers[0].key, "Content-Type");
}

#[test]
fn collection_variables() {
    let text = r#"{"info": {"name": "T", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": [{"key": "baseUrl", "value": "https://api.zoom.us/v2", "type": "string"}, {"id": "n", "value": 1},
                     {"key": "obj", "value": {"a": [1]}}, {"key": "empty"}],
        "item": []}"#;
    let (collection, warnings) = load_ok(text);
    assert!(warnings.is_empty());
    let vars: Vec<_> = collection
        .variables
        .iter()
        .map(|v| (v.key.as_str(), v.value.as_deref()))
        .collect();
    assert_eq!(
        vars,
        [
            ("baseUrl", Some("https://api.zoom.us/v2")),
            ("n", Some("1")),
            ("obj", Some(r#"{"a":[1]}"#)),
            ("empty", None)
        ]
    );
}

#[test]
fn scripts_give_exactly_one_warning() {
    let script =
        r#"[{"listen": "test", "script": {"exec": ["pm.test('ok')"], "type": "text/javascript"}}]"#;
    let empty_script = r#"[{"listen": "prerequest", "script": {"exec": [""]}}]"#;
    let text = format!(
        r#"{{"info": {{"name": "T", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
            "event": {script},
            "item": [{{"name": "F", "event": {script}, "item": [{{"name": "A", "event": {script}, "request": "x"}}]}},
                     {{"name": "B", "event": {empty_script}, "request": "x"}}]}}"#
    );
    let (collection, warnings) = load_ok(&text);
    assert_eq!(requests(&collection.items).len(), 2);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].context, "");
    assert!(
        warnings[0].message.contains("scripts cannot be translated"),
        "{}",
        warnings[0].message
    );
    assert!(
        warnings[0].message.contains("3 places"),
        "{}",
        warnings[0].message
    );
    // A collection whose scripts are all empty gets no warning.
    let (_, warnings) = load_ok(&collection_with_items(&format!(
        r#"[{{"name": "B", "event": {empty_script}, "request": "x"}}]"#
    )));
    assert!(warnings.is_empty());
}

#[test]
fn bad_method_skips_the_item_with_a_warning() {
    let (collection, warnings) = load_ok(&collection_with_items(
        r#"[{"name": "F", "item": [{"name": "Bad", "request": {"method": "GE T", "url": "x"}}, {"name": "Good", "request": {"method": "get", "url": "x"}}]}]"#,
    ));
    let all = requests(&collection.items);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name, "Good");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].context, "F/Bad");
    assert_eq!(
        warnings[0].message,
        r#"`request/method` is "GE T", which is not a valid HTTP method (a method is one word of letters, such as GET, POST or PROPFIND) (at /item/0/item/0/request/method); the item was skipped"#
    );
}

#[test]
fn item_with_neither_request_nor_item_is_skipped_with_its_folder_path() {
    let (collection, warnings) = load_ok(&collection_with_items(
        r#"[{"name": "Outer", "item": [{"name": "Inner", "item": [{"name": "Lost", "response": []}, {"name": "Kept", "request": "x"}]}]}]"#,
    ));
    assert_eq!(requests(&collection.items).len(), 1);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].context, "Outer/Inner/Lost");
    assert!(
        warnings[0].message.contains("neither `request`"),
        "{}",
        warnings[0].message
    );
    assert!(
        warnings[0].message.contains("skipped"),
        "{}",
        warnings[0].message
    );
}

#[test]
fn wrong_types_inside_an_item_skip_only_that_item() {
    let (collection, warnings) = load_ok(&collection_with_items(
        r#"[{"name": "A", "request": {"url": "x", "header": [{"key": "K", "value": {"nested": 1}}]}},
            {"name": "B", "request": {"url": {"host": 5}}},
            {"name": "C", "request": "x", "response": [{"name": "e", "code": "200"}]},
            "not an item",
            {"name": "D", "request": null},
            {"name": "E", "item": {"name": "not a list"}},
            {"name": "Fine", "request": "x"}]"#,
    ));
    assert_eq!(
        requests(&collection.items)
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Fine"]
    );
    let contexts: Vec<_> = warnings.iter().map(|w| w.context.as_str()).collect();
    assert_eq!(
        contexts,
        ["A", "B", "C", "(unnamed item at /item/3)", "D", "E"]
    );
    assert_eq!(
        warnings[0].message,
        "`request/header/0/value` must be a string, found an object (at /item/0/request/header/0/value); the item was skipped"
    );
    assert!(
        warnings[2]
            .message
            .starts_with("`response/0/code` must be a number, found a string"),
        "{}",
        warnings[2].message
    );
    assert!(
        warnings[3]
            .message
            .starts_with("the item must be an object, found a string"),
        "{}",
        warnings[3].message
    );
}
