//! What an operation returns when its examples cannot say: from the media type the collection
//! declares for it (its saved `Accept`, else its `Content-Type`), from a documented redirect
//! (a download reqwest follows), or from what the rest of the collection speaks.

use super::bodies::{Payload, Pending, Success};
use crate::model::{ExampleContent, Operation, RequestBody};

/// What a media type says of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// JSON (`application/json`, `application/vnd.api+json`, …).
    Json,
    /// Text (`text/*`, XML, HTML).
    Text,
    /// Anything else: bytes.
    Bytes,
}

impl Media {
    /// What `content_type` says; `None` for a wildcard that says nothing (`*/*`).
    pub fn of(content_type: &str) -> Option<Media> {
        let essence = content_type
            .split([';', ','])
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if essence.is_empty() || essence == "*/*" {
            None
        } else if essence.contains("json") {
            Some(Media::Json)
        } else if essence.starts_with("text/")
            || essence.contains("xml")
            || essence.contains("html")
        {
            Some(Media::Text)
        } else {
            Some(Media::Bytes)
        }
    }

    /// The success of an operation that returns this, with no example to type it: JSON as
    /// `Option<serde_json::Value>` (`None` for an empty body), text as `String`, else bytes.
    fn success(self) -> Success<Pending> {
        let (payload, or_empty) = match self {
            // No root: any JSON value.
            Media::Json => (Payload::Json(None), true),
            Media::Text => (Payload::Text, false),
            Media::Bytes => (Payload::Bytes, false),
        };
        Success::One { payload, or_empty }
    }
}

/// Statuses reqwest follows by itself: the caller sees where they lead, never them.
pub const FOLLOWED_REDIRECTS: [u16; 5] = [301, 302, 303, 307, 308];

/// The media the collection speaks where nothing else says: the most common among its
/// operations' saved `Accept` and `Content-Type`, JSON request bodies and success examples
/// (JSON on a tie); bytes when none says anything.
pub fn usual_media(operations: &[Operation]) -> Media {
    let (mut json, mut text, mut bytes) = (0usize, 0usize, 0usize);
    let mut count = |media: Option<Media>| match media {
        Some(Media::Json) => json += 1,
        Some(Media::Text) => text += 1,
        Some(Media::Bytes) => bytes += 1,
        None => {}
    };
    for operation in operations {
        count(accept(operation).and_then(Media::of));
        count(operation.content_type.as_deref().and_then(Media::of));
        if matches!(operation.body, RequestBody::Json { .. }) {
            count(Some(Media::Json));
        }
        for example in operation
            .responses
            .iter()
            .filter(|g| g.is_success())
            .flat_map(|g| &g.examples)
        {
            count(match example.body {
                ExampleContent::Json(_) | ExampleContent::InvalidJson(_) => Some(Media::Json),
                ExampleContent::Text(_) => Some(Media::Text),
                ExampleContent::Empty => None,
            });
        }
    }
    if json == 0 && text == 0 && bytes == 0 {
        Media::Bytes
    } else if json >= text && json >= bytes {
        Media::Json
    } else if text >= bytes {
        Media::Text
    } else {
        Media::Bytes
    }
}

/// The saved `Accept` of `operation`.
fn accept(operation: &Operation) -> Option<&str> {
    operation
        .fixed_headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("accept"))
        .map(|(_, value)| value.as_str())
}

/// The success of `operation` when its examples do not decide it, `None` when they do:
///
/// * a HEAD request has no body;
/// * an `Accept` for bytes (`application/pdf`) wins over examples, which then are placeholders;
/// * with no 2xx example: the saved `Accept`; a documented redirect (the download it leads to);
///   the saved `Content-Type` or JSON body; else what the collection usually speaks (`usual`).
pub fn declared_success(operation: &Operation, usual: Media) -> Option<Success<Pending>> {
    if operation.method.eq_ignore_ascii_case("HEAD") {
        return Some(Success::Empty);
    }
    let accept = accept(operation).and_then(Media::of);
    if accept == Some(Media::Bytes) {
        return Some(Media::Bytes.success());
    }
    if operation.responses.iter().any(|g| g.is_success()) {
        return None;
    }
    let redirect = operation
        .responses
        .iter()
        .any(|g| FOLLOWED_REDIRECTS.contains(&g.status));
    let request = match &operation.body {
        RequestBody::Json { .. } | RequestBody::FormAsJson(_) | RequestBody::GraphQl { .. } => {
            Some(Media::Json)
        }
        // An upload's `application/octet-stream` says nothing of the answer.
        _ => operation
            .content_type
            .as_deref()
            .and_then(Media::of)
            .filter(|media| *media != Media::Bytes),
    };
    let media = accept
        .or(redirect.then_some(Media::Bytes))
        .or(request)
        .unwrap_or(usual);
    Some(media.success())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build;
    use crate::overrides::Overrides;
    use serde_json::{Value, json};

    /// The API of a collection whose items are `items`, on `{{baseUrl}}`.
    fn api(items: Value) -> crate::model::Api {
        let collection = json!({
            "info": {
                "name": "Media",
                "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
            },
            "variable": [{"key": "baseUrl", "value": "https://api.example.com"}],
            "item": items,
        });
        let path = std::path::Path::new("media.postman_collection.json");
        let (collection, _) = crate::load::load_str(&collection.to_string(), path).unwrap();
        build(&collection, &Overrides::default()).0
    }

    fn item(name: &str, method: &str, headers: Value, responses: Value) -> Value {
        json!({
            "name": name,
            "request": {
                "method": method,
                "header": headers,
                "url": {"raw": format!("{{{{baseUrl}}}}/{name}"), "host": ["{{baseUrl}}"], "path": [name]}
            },
            "response": responses,
        })
    }

    fn example(code: u16, body: &str) -> Value {
        json!({"name": "example", "code": code, "header": [{"key": "Content-Type", "value": "application/json"}], "body": body})
    }

    #[test]
    fn what_the_collection_declares_types_what_no_example_does() {
        let api = api(json!([
            item(
                "typed",
                "GET",
                json!([]),
                json!([example(200, "{\"a\": 1}")])
            ),
            item(
                "json",
                "GET",
                json!([{"key": "Accept", "value": "application/json"}]),
                json!([])
            ),
            item(
                "text",
                "GET",
                json!([{"key": "Accept", "value": "text/csv"}]),
                json!([])
            ),
            item(
                "pdf",
                "GET",
                json!([{"key": "Accept", "value": "application/pdf"}]),
                json!([example(200, "{}")])
            ),
            item("redirect", "GET", json!([]), json!([example(302, "")])),
            item("head", "HEAD", json!([]), json!([example(200, "{}")])),
            item("plain", "DELETE", json!([]), json!([])),
        ]));
        let usual = usual_media(&api.operations);
        assert_eq!(
            usual,
            Media::Json,
            "the one JSON example and the JSON `Accept`"
        );
        let declared: Vec<Option<Success<Pending>>> = api
            .operations
            .iter()
            .map(|operation| declared_success(operation, usual))
            .collect();
        let value = Success::One {
            payload: Payload::Json(None),
            or_empty: true,
        };
        let bytes = Success::One {
            payload: Payload::Bytes,
            or_empty: false,
        };
        let text = Success::One {
            payload: Payload::Text,
            or_empty: false,
        };
        assert_eq!(
            declared,
            [
                None,
                Some(value.clone()),
                Some(text),
                Some(bytes.clone()),
                Some(bytes),
                Some(Success::Empty),
                Some(value),
            ]
        );
    }

    #[test]
    fn a_collection_that_declares_nothing_answers_bytes() {
        let api = api(json!([item("x", "GET", json!([]), json!([]))]));
        assert_eq!(usual_media(&api.operations), Media::Bytes);
    }

    #[test]
    fn media_types_say_json_text_or_bytes() {
        assert_eq!(Media::of("application/json"), Some(Media::Json));
        assert_eq!(
            Media::of("application/vnd.api+json; ext=bulk"),
            Some(Media::Json)
        );
        assert_eq!(
            Media::of("application/json;odata.metadata=full"),
            Some(Media::Json)
        );
        assert_eq!(Media::of("text/csv"), Some(Media::Text));
        assert_eq!(Media::of("application/soap+xml"), Some(Media::Text));
        assert_eq!(Media::of("application/pdf"), Some(Media::Bytes));
        assert_eq!(Media::of("*/*"), None);
        assert_eq!(Media::of(""), None);
    }
}
