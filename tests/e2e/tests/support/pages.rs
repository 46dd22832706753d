//! A local paginated API for the pager tests (`pages.rs`, `pages_blocking.rs`): each list of
//! `tests/fixtures/pages.postman_collection.json` serves five items over three pages, moving on
//! the way that list's kind of pager expects (token, `Link` header, offset, page number, next
//! link in the body, declared token).

use serde_json::{Value, json};
use wiremock::{Request, Respond, ResponseTemplate};

/// Items per page; five items make pages of 2, 2 and 1.
const PER_PAGE: usize = 2;
const ITEMS: usize = 5;

/// Answers every list of the collection from its query.
pub struct Pages {
    /// The server's URI, for absolute links.
    pub uri: String,
}

fn query(request: &Request, key: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// The items from `start`, at most a page of them, made by `item`.
fn slice(start: usize, item: impl Fn(usize) -> Value) -> Vec<Value> {
    (start..ITEMS.min(start + PER_PAGE)).map(item).collect()
}

fn json(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.to_string(), "application/json")
}

impl Respond for Pages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let number = |key: &str, default: usize| {
            query(request, key).map_or(default, |v| v.parse().expect("a number"))
        };
        match request.url.path() {
            // Token `tN` starts at item N; the last page gives an empty token.
            "/v2/users" => {
                let start = query(request, "next_page_token")
                    .map_or(0, |t| t.trim_start_matches('t').parse().expect("a token"));
                let next = start + PER_PAGE;
                let token = if next < ITEMS {
                    format!("t{next}")
                } else {
                    String::new()
                };
                json(json!({
                    "page_size": PER_PAGE,
                    "users": slice(start, |i| json!({"id": format!("u{i}"), "email": "a@example.com"})),
                    "next_page_token": token,
                }))
            }
            // GitHub: a `Link` header to the next page (absent on the last), on another path.
            "/v2/orgs/acme/repos" | "/v2/repositories/7/repos" => {
                let page = number("page", 1);
                let start = (page - 1) * PER_PAGE;
                let mut response = json(Value::Array(slice(
                    start,
                    |i| json!({"id": i, "name": format!("r{i}")}),
                )));
                if start + PER_PAGE < ITEMS {
                    let next = format!(
                        "{}/v2/repositories/7/repos?page={}&per_page=2",
                        self.uri,
                        page + 1
                    );
                    response = response.insert_header(
                        "link",
                        format!(r#"<{next}>; rel="next", <{}/v2/repositories/7/repos?page=3>; rel="last""#, self.uri),
                    );
                }
                response
            }
            "/v2/events" => {
                let offset = number("offset", 0);
                json(json!({
                    "total": ITEMS,
                    "events": slice(offset, |i| json!({"id": i, "kind": "login"})),
                }))
            }
            "/v2/invoices" => {
                let page = number("page", 1);
                json(json!({
                    "total_pages": ITEMS.div_ceil(PER_PAGE),
                    "invoices": slice((page - 1) * PER_PAGE, |i| json!({"number": format!("INV-{i}"), "amount": 1.5})),
                    "currency": "EUR",
                }))
            }
            // Microsoft Graph: `@odata.nextLink`, relative here, absent on the last page.
            "/v2/me/messages" => {
                let skip = number("$skip", 0);
                let mut body = json!({"value": slice(skip, |i| json!({"id": format!("m{i}"), "subject": "Hi"}))});
                if skip + PER_PAGE < ITEMS {
                    body["@odata.nextLink"] =
                        json!(format!("/v2/me/messages?$skip={}", skip + PER_PAGE));
                }
                json(body)
            }
            "/v2/audit" => {
                let start = number("cursor_id", 0);
                let next = start + PER_PAGE;
                json(json!({
                    "entries": slice(start, |i| json!({"at": format!("2024-01-0{}T00:00:00Z", i + 1), "action": "login"})),
                    "after": if next < ITEMS { Value::from(next.to_string()) } else { Value::Null },
                }))
            }
            other => ResponseTemplate::new(404).set_body_string(format!("no list at {other}")),
        }
    }
}
