//! From a request (method, path, Postman's mock headers) to the reply: the chosen example, or a
//! JSON error from the mock itself, marked with an `x-mock-error` header so that it cannot be
//! mistaken for a served example of the same status.

use hyper::HeaderMap;
use percent_encoding::percent_decode;
use serde_json::{Value, json};

use super::example::MockExample;
use super::pattern::split_path;
use super::table::{Mock, Route};

/// Request header naming the status of the example to serve (Postman's mock header).
pub const RESPONSE_CODE_HEADER: &str = "x-mock-response-code";
/// Request header naming the example to serve (Postman's mock header).
pub const RESPONSE_NAME_HEADER: &str = "x-mock-response-name";
/// Response header set on the mock's own errors: `no-route`, `no-example`, `no-examples`,
/// `bad-request`.
pub const MOCK_ERROR_HEADER: &str = "x-mock-error";

/// How many routes the 404 listing shows.
const NEAREST: usize = 5;

/// What the request asks for through the mock headers; both empty means "the default example".
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Wanted {
    code: Option<u16>,
    /// The name as sent and, when different, percent-decoded; both whitespace-normalized.
    names: Vec<String>,
    /// The name header as sent, for error bodies.
    name_shown: Option<String>,
}

/// What the mock sends back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// `route label «example name»` when an example was served, for the request log.
    pub served: Option<String>,
}

impl Wanted {
    /// Reads the mock headers. A header value cannot hold a newline, and Zoom's example names do,
    /// so whitespace runs compare as one space; names may also be sent percent-encoded (UTF-8).
    pub(crate) fn from_headers(headers: &HeaderMap) -> Result<Self, Reply> {
        let mut wanted = Wanted::default();
        if let Some(value) = headers.get(RESPONSE_CODE_HEADER) {
            let text = String::from_utf8_lossy(value.as_bytes());
            match text.trim().parse::<u16>() {
                Ok(code) => wanted.code = Some(code),
                Err(_) => {
                    let body = json!({
                        "error": format!("{RESPONSE_CODE_HEADER} must be a status code such as 404"),
                        "value": text,
                    });
                    return Err(mock_error(400, "bad-request", &body));
                }
            }
        }
        if let Some(value) = headers.get(RESPONSE_NAME_HEADER) {
            let sent = String::from_utf8_lossy(value.as_bytes()).into_owned();
            let decoded = percent_decode(value.as_bytes()).decode_utf8_lossy();
            wanted.names.push(normalize(&sent));
            if decoded != sent {
                wanted.names.push(normalize(&decoded));
            }
            wanted.name_shown = Some(sent);
        }
        Ok(wanted)
    }

    fn is_default(&self) -> bool {
        self.code.is_none() && self.names.is_empty()
    }

    fn accepts(&self, example: &MockExample) -> bool {
        self.code.is_none_or(|code| code == example.status)
            && (self.names.is_empty() || self.names.contains(&normalize(&example.name)))
    }
}

fn normalize(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Mock {
    /// The reply to `method` on `path` (the URL path, query excluded).
    pub(crate) fn respond(&self, method: &str, path: &str, wanted: &Wanted) -> Reply {
        let segments = split_path(path);
        let routes = self.matching(method, &segments);
        let Some(first) = routes.first() else {
            let nearest: Vec<String> = self
                .nearest(method, &segments, NEAREST)
                .into_iter()
                .map(Route::label)
                .collect();
            let body = json!({
                "error": "no route",
                "method": method,
                "path": path,
                "nearest": nearest,
            });
            return mock_error(404, "no-route", &body);
        };
        if let Some((route, example)) = choose(&routes, wanted) {
            return Reply {
                status: example.status,
                headers: example.headers.clone(),
                body: example.body.clone(),
                served: Some(format!("{} «{}»", route.label(), normalize(&example.name))),
            };
        }
        if wanted.is_default() {
            let body = json!({
                "error": "the item has no saved examples",
                "method": method,
                "path": path,
                "route": first.label(),
                "item": first.item,
            });
            return mock_error(501, "no-examples", &body);
        }
        let examples: Vec<Value> = routes
            .iter()
            .flat_map(|route| &route.examples)
            .map(|example| json!({ "name": example.name, "status": example.status }))
            .collect();
        let body = json!({
            "error": "no example matches the x-mock-response-* headers",
            "method": method,
            "path": path,
            "route": first.label(),
            "wanted": { "code": wanted.code, "name": wanted.name_shown },
            "examples": examples,
        });
        mock_error(404, "no-example", &body)
    }
}

/// Picks the example, looking through the matching routes in order (more than one only when
/// items repeat a route). With mock headers: the first example that has the asked code and name.
/// Without: the first 2xx example of the first route that has examples, else its first example.
fn choose<'a>(routes: &[&'a Route], wanted: &Wanted) -> Option<(&'a Route, &'a MockExample)> {
    routes.iter().find_map(|&route| {
        let example = if wanted.is_default() {
            let examples = &route.examples;
            examples
                .iter()
                .find(|e| e.is_success())
                .or(examples.first())
        } else {
            route.examples.iter().find(|e| wanted.accepts(e))
        };
        example.map(|example| (route, example))
    })
}

fn mock_error(status: u16, kind: &str, body: &Value) -> Reply {
    Reply {
        status,
        headers: vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            (MOCK_ERROR_HEADER.to_owned(), kind.to_owned()),
        ],
        body: body.to_string(),
        served: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;
    use crate::overrides::Overrides;
    use hyper::header::HeaderValue;
    use std::path::Path;

    /// A collection with a base URL path, a literal route beside a parameter route, repeated
    /// routes, and examples in an order where the first is not a success.
    const COLLECTION: &str = r#"{
      "info": {"name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
      "variable": [{"key": "baseUrl", "value": "https://api.example.com/v2"}],
      "item": [
        {"name": "Get user", "request": {"method": "GET", "url": {"raw": "{{baseUrl}}/users/:id", "host": ["{{baseUrl}}"], "path": ["users", ":id"]}},
         "response": [
           {"name": "Missing", "code": 404, "body": "{\"error\": \"no\"}"},
           {"name": "Found", "code": 200, "body": "{\"id\": 1}", "header": [{"key": "Content-Type", "value": "application/json"}, {"key": "X-Rate", "value": "5"}]},
           {"name": "Also found", "code": 200, "body": "{\"id\": 2}"}
         ]},
        {"name": "Me", "request": {"method": "GET", "url": {"raw": "{{baseUrl}}/users/me", "host": ["{{baseUrl}}"], "path": ["users", "me"]}},
         "response": [{"name": "Myself", "code": 200, "body": "{\"id\": 0}"}]},
        {"name": "Get user again", "request": {"method": "GET", "url": {"raw": "{{baseUrl}}/users/:userId", "host": ["{{baseUrl}}"], "path": ["users", ":userId"]}},
         "response": [{"name": "Gone\n  for good", "code": 410, "body": ""}]},
        {"name": "Errors only", "request": {"method": "DELETE", "url": {"raw": "{{baseUrl}}/users/:id", "host": ["{{baseUrl}}"], "path": ["users", ":id"]}},
         "response": [{"name": "Nope", "code": 403, "body": ""}, {"name": "Nope 2", "code": 409, "body": ""}]},
        {"name": "Repeat without examples", "request": {"method": "GET", "url": {"raw": "{{baseUrl}}/users/:x", "host": ["{{baseUrl}}"], "path": ["users", ":x"]}}},
        {"name": "Nothing saved", "request": {"method": "POST", "url": {"raw": "{{baseUrl}}/users", "host": ["{{baseUrl}}"], "path": ["users"]}}}
      ]
    }"#;

    fn mock() -> Mock {
        let (collection, warnings) = load_str(COLLECTION, Path::new("t.json")).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let (mock, warnings) = Mock::from_collection(&collection).unwrap();
        // One repeat with examples; the one without loses nothing and is not counted.
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0]
                .message
                .contains("path: 1 (the first: GET /users/{userId})"),
            "{warnings:?}"
        );
        mock
    }

    fn wanted(headers: &[(&'static str, &str)]) -> Result<Wanted, Reply> {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        Wanted::from_headers(&map)
    }

    fn get(mock: &Mock, path: &str, headers: &[(&'static str, &str)]) -> Reply {
        mock.respond("GET", path, &wanted(headers).unwrap())
    }

    fn body(reply: &Reply) -> Value {
        serde_json::from_str(&reply.body).unwrap()
    }

    #[test]
    fn default_is_the_first_success_else_the_first() {
        let mock = mock();
        let found = get(&mock, "/users/7", &[]);
        assert_eq!((found.status, found.body.as_str()), (200, "{\"id\": 1}"));
        assert!(
            found
                .headers
                .contains(&("X-Rate".to_owned(), "5".to_owned()))
        );
        let errors = mock.respond("DELETE", "/users/7", &Wanted::default());
        assert_eq!(errors.status, 403);
    }

    #[test]
    fn literal_route_beats_parameter_route_and_base_path_is_optional() {
        let mock = mock();
        assert_eq!(get(&mock, "/users/me", &[]).body, "{\"id\": 0}");
        assert_eq!(get(&mock, "/v2/users/me", &[]).body, "{\"id\": 0}");
        assert_eq!(get(&mock, "/v2/users/7", &[]).body, "{\"id\": 1}");
        assert_eq!(mock.base_path(), "/v2");
    }

    #[test]
    fn headers_pick_by_code_and_name_across_repeated_routes() {
        let mock = mock();
        assert_eq!(
            get(&mock, "/users/7", &[(RESPONSE_CODE_HEADER, "404")]).status,
            404
        );
        let named = get(&mock, "/users/7", &[(RESPONSE_NAME_HEADER, "Also found")]);
        assert_eq!(named.body, "{\"id\": 2}");
        // The second item with this route is reached by name, newline and spaces folded.
        let gone = get(
            &mock,
            "/users/7",
            &[(RESPONSE_NAME_HEADER, "Gone for good")],
        );
        assert_eq!(gone.status, 410);
        let encoded = get(
            &mock,
            "/users/7",
            &[(RESPONSE_NAME_HEADER, "Gone%0Afor%20good")],
        );
        assert_eq!(encoded.status, 410);
        let both = get(
            &mock,
            "/users/7",
            &[
                (RESPONSE_CODE_HEADER, "200"),
                (RESPONSE_NAME_HEADER, "Found"),
            ],
        );
        assert_eq!(both.body, "{\"id\": 1}");
    }

    #[test]
    fn unmatched_headers_list_the_examples() {
        let mock = mock();
        let reply = get(
            &mock,
            "/users/7",
            &[
                (RESPONSE_CODE_HEADER, "200"),
                (RESPONSE_NAME_HEADER, "Missing"),
            ],
        );
        assert_eq!(reply.status, 404);
        assert!(
            reply
                .headers
                .contains(&(MOCK_ERROR_HEADER.to_owned(), "no-example".to_owned()))
        );
        let listed = body(&reply)["examples"].as_array().unwrap().len();
        assert_eq!(listed, 4, "three of the first item and one of the repeat");
        let bad = wanted(&[(RESPONSE_CODE_HEADER, "two hundred")]).unwrap_err();
        assert_eq!(bad.status, 400);
    }

    #[test]
    fn an_item_without_examples_is_501() {
        let reply = mock().respond("POST", "/users", &Wanted::default());
        assert_eq!(reply.status, 501);
        assert_eq!(body(&reply)["item"], "Nothing saved");
    }

    #[test]
    fn overrides_leave_out_the_items_the_client_does_not_have() {
        let (collection, _) = load_str(COLLECTION, Path::new("t.json")).unwrap();
        let overrides = Overrides::parse(
            "[[item]]\nmatch = \"Me\"\nskip = true\n\n[[item]]\nmatch = \"No such item\"\n",
            Path::new("o.toml"),
        )
        .unwrap();
        let (mock, warnings) = Mock::from_collection_with(&collection, &overrides).unwrap();
        assert_eq!(mock.routes().len(), 5);
        // Without "Me", `/users/me` is "Get user" with `id = me`.
        assert_eq!(get(&mock, "/users/me", &[]).body, "{\"id\": 1}");
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("\"No such item\"` matches no item")),
            "{warnings:?}"
        );
    }

    #[test]
    fn unknown_routes_list_the_nearest() {
        let mock = mock();
        let reply = mock.respond("DELETE", "/users/me/x", &Wanted::default());
        assert_eq!(reply.status, 404);
        assert_eq!(
            body(&reply)["nearest"],
            json!([
                "DELETE /users/{id}",
                "GET /users/{id}",
                "GET /users/me",
                "POST /users"
            ])
        );
        let far = mock.respond("PUT", "/", &Wanted::default());
        assert_eq!(body(&far)["nearest"][0], "POST /users");
    }
}
