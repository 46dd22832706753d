//! Saved example responses: grouped by status code, bodies classified as JSON, text or empty.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{
    DocumentedError, ExampleBody, ExampleContent, JsonText, StatusExamples, parse_error_codes,
};
use crate::Warning;
use crate::load::Example;

/// Examples grouped by status (ascending) and the error codes their names document.
/// Examples with no status code are returned apart so the caller can warn about them.
pub fn group(examples: &[Example]) -> (Vec<StatusExamples>, Vec<DocumentedError>, Vec<&Example>) {
    let mut by_status: BTreeMap<u16, Vec<ExampleBody>> = BTreeMap::new();
    let mut documented = Vec::new();
    let mut without_status = Vec::new();
    for example in examples {
        let Some(status) = example.code.or_else(|| status_from_text(example)) else {
            without_status.push(example);
            continue;
        };
        for (code, message) in parse_error_codes(&example.name) {
            let error = DocumentedError {
                status,
                code,
                message,
            };
            if !documented.contains(&error) {
                documented.push(error);
            }
        }
        by_status.entry(status).or_default().push(ExampleBody {
            name: example.name.clone(),
            body: classify(example),
        });
    }
    let groups = by_status
        .into_iter()
        .map(|(status, examples)| StatusExamples { status, examples })
        .collect();
    (groups, documented, without_status)
}

/// The response headers the success (2xx) examples declare, lower case, sorted, once each.
pub fn success_headers(examples: &[Example]) -> Vec<String> {
    let mut names: Vec<String> = examples
        .iter()
        .filter(|example| example.code.is_some_and(|code| (200..300).contains(&code)))
        .flat_map(|example| &example.headers)
        .filter(|header| !header.disabled)
        .map(|header| header.key.trim().to_ascii_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// `status: "OK"` without `code`, as some exports write it.
fn status_from_text(example: &Example) -> Option<u16> {
    let text = example.status.as_deref().unwrap_or(&example.name).trim();
    match text.to_ascii_lowercase().as_str() {
        "ok" => Some(200),
        "created" => Some(201),
        "accepted" => Some(202),
        "no content" => Some(204),
        _ => None,
    }
}

/// Classifies an example body. JSON that is a string holding JSON text (double-encoded, as in
/// Zoom) is decoded when the inner text parses.
pub fn classify(example: &Example) -> ExampleContent {
    let Some(body) = example.body.as_deref().filter(|b| !b.trim().is_empty()) else {
        return ExampleContent::Empty;
    };
    // The parsed values are dropped here; the model keeps the text (see `JsonText`).
    match JsonText::parse(body) {
        Some((outer, Value::String(inner))) => match JsonText::parse(&inner) {
            Some((json, Value::Object(_) | Value::Array(_))) => ExampleContent::Json(json),
            _ if declared_json(example) => ExampleContent::InvalidJson(body.to_owned()),
            _ => ExampleContent::Json(outer),
        },
        Some((json, _)) => ExampleContent::Json(json),
        None if declared_json(example) => ExampleContent::InvalidJson(body.to_owned()),
        None => ExampleContent::Text(body.to_owned()),
    }
}

/// A warning for each example body that is declared JSON but does not parse: such a body is
/// left out of type inference, which the user should know since the API may really send it.
pub fn invalid_json_warnings(context: &str, groups: &[StatusExamples]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for group in groups {
        for example in &group.examples {
            let ExampleContent::InvalidJson(body) = &example.body else {
                continue;
            };
            let why = match serde_json::from_str::<Value>(body) {
                Err(error) => error.to_string(),
                Ok(_) => "a JSON string whose text is not JSON".to_owned(),
            };
            warnings.push(Warning {
                context: context.to_owned(),
                message: format!(
                    "example {:?} (HTTP {}) is declared JSON but does not parse ({why}); it is left out of type inference, and without another JSON example of that status the body stays untyped (`serde_json::Value`, or the raw `ErrorBody` of an error status)",
                    example.name, group.status
                ),
            });
        }
    }
    warnings
}

fn declared_json(example: &Example) -> bool {
    let content_type = example
        .headers
        .iter()
        .find(|h| h.key.eq_ignore_ascii_case("content-type"))
        .and_then(|h| h.value.as_deref())
        .unwrap_or("");
    content_type.contains("json") || example.preview_language.as_deref() == Some("json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::KeyValue;

    fn example(name: &str, code: Option<u16>, body: &str, json: bool) -> Example {
        Example {
            name: name.to_owned(),
            code,
            status: None,
            headers: vec![KeyValue {
                key: "Content-Type".to_owned(),
                value: Some(
                    if json {
                        "application/json"
                    } else {
                        "text/plain"
                    }
                    .to_owned(),
                ),
                description: None,
                disabled: false,
            }],
            body: Some(body.to_owned()),
            preview_language: None,
        }
    }

    #[test]
    fn classifies_bodies() {
        let classify = |body, json| classify(&example("x", Some(200), body, json));
        assert_eq!(classify("", true), ExampleContent::Empty);
        let json = |content| match content {
            ExampleContent::Json(json) => Some(json.value()),
            _ => None,
        };
        assert_eq!(
            json(classify("{\"a\":1}", true)),
            Some(serde_json::json!({"a": 1}))
        );
        assert_eq!(
            json(classify("\"{\\\"a\\\":1}\"", true)),
            Some(serde_json::json!({"a": 1}))
        );
        // A JSON string whose text is not JSON, not declared JSON: the string itself.
        assert_eq!(
            json(classify("\"plain\"", false)),
            Some(serde_json::json!("plain"))
        );
        assert_eq!(
            classify("\"{\\\"a\\\":01}\"", true),
            ExampleContent::InvalidJson("\"{\\\"a\\\":01}\"".to_owned())
        );
        assert_eq!(
            classify("{\"a\":1,}", true),
            ExampleContent::InvalidJson("{\"a\":1,}".to_owned())
        );
        assert_eq!(
            classify("<xml/>", false),
            ExampleContent::Text("<xml/>".to_owned())
        );
    }

    #[test]
    fn warns_about_each_json_body_that_does_not_parse() {
        let examples = [
            example("Broken", Some(200), "{\"a\":1,}", true),
            example("Fine", Some(200), "{\"a\":1}", true),
            example("Text", Some(500), "oops", false),
            example("Double", Some(404), "\"{\\\"a\\\":01}\"", true),
        ];
        let (groups, _, _) = group(&examples);
        let warnings = invalid_json_warnings("Things/Get thing", &groups);
        let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(warnings.len(), 2, "{messages:#?}");
        assert!(warnings.iter().all(|w| w.context == "Things/Get thing"));
        assert!(messages[0].starts_with("example \"Broken\" (HTTP 200) is declared JSON but does not parse (trailing comma at line 1 column 8)"), "{}", messages[0]);
        assert!(
            messages[1].contains("\"Double\" (HTTP 404)")
                && messages[1].contains("a JSON string whose text is not JSON"),
            "{}",
            messages[1]
        );
    }

    #[test]
    fn groups_by_status_and_collects_codes() {
        let examples = [
            example(
                "**HTTP Status Code:** `404`<br>\n**Error Code:** `1001`<br>\nNo user.",
                Some(404),
                "",
                false,
            ),
            example("OK", Some(200), "{}", true),
            example("**Error Code:** `1001`<br>\nNo user.", Some(404), "", false),
            example("OK", None, "{}", true),
            example("Mystery", None, "", true),
        ];
        let (groups, documented, without) = group(&examples);
        assert_eq!(
            groups
                .iter()
                .map(|g| (g.status, g.examples.len()))
                .collect::<Vec<_>>(),
            [(200, 2), (404, 2)]
        );
        assert_eq!(
            documented,
            [DocumentedError {
                status: 404,
                code: "1001".into(),
                message: "No user.".into()
            }]
        );
        assert_eq!(without.len(), 1);
    }
}
