//! Request bodies: each Postman body mode mapped to what the generated function sends.

use std::collections::BTreeSet;

use serde_json::Value;

use super::file_path::holds_file_path;
use super::raw_json;
use super::{FormParam, Generated, JsonField, RequestBody};
use crate::Warning;
use crate::load::{Body, FormField, KeyValue, Request};
use crate::naming::{Scope, snake_case};

/// What the overrides say about an item's body.
pub struct BodyOverrides<'a> {
    /// Formdata fields to send as files.
    pub file_fields: BTreeSet<&'a str>,
    /// Formdata fields to send as text, whatever their type or description says.
    pub text_fields: BTreeSet<&'a str>,
    /// Send formdata without files as JSON.
    pub formdata_as_json: bool,
}

/// The body `request` sends.
pub fn request_body(
    request: &Request,
    overrides: &BodyOverrides<'_>,
    names: &mut Scope,
    context: &str,
    warnings: &mut Vec<Warning>,
) -> RequestBody {
    let Some(body) = &request.body else {
        return RequestBody::None;
    };
    match body {
        Body::Raw { text, .. } if text.trim().is_empty() => RequestBody::None,
        Body::Raw { text, language } => raw(text, language.as_deref(), request, context, warnings),
        Body::UrlEncoded(fields) if fields.is_empty() => RequestBody::None,
        Body::UrlEncoded(fields) => {
            RequestBody::UrlEncoded(fields.iter().map(|f| text_field(f, names)).collect())
        }
        Body::FormData(fields) if fields.is_empty() => RequestBody::None,
        Body::FormData(fields) if overrides.formdata_as_json && !has_files(fields, overrides) => {
            RequestBody::FormAsJson(fields.iter().map(json_field).collect())
        }
        Body::FormData(fields) => RequestBody::Multipart(
            fields
                .iter()
                .map(|f| {
                    let part = part_kind(f, overrides);
                    FormParam {
                        name: f.key.clone(),
                        rust_name: names.claim(&snake_case(&f.key)),
                        description: f.description.clone(),
                        example: f.value.clone(),
                        is_file: part != PartKind::Text,
                        file_by_description: part == PartKind::FileByDescription,
                        required: !f.disabled,
                        generated: f
                            .value
                            .as_deref()
                            .filter(|_| part == PartKind::Text)
                            .and_then(Generated::parse),
                    }
                })
                .collect(),
        ),
        // No file on a GET or HEAD: Postman's runner sends no body at all.
        Body::File { src } if !has_src(src.as_deref()) && is_bodyless(&request.method) => {
            RequestBody::None
        }
        Body::File { .. } => RequestBody::Binary {
            content_type: declared_content_type(request)
                .unwrap_or_else(|| "application/octet-stream".to_owned()),
        },
        Body::GraphQl { query, .. } => RequestBody::GraphQl {
            query: query.clone(),
        },
    }
}

fn has_src(src: Option<&str>) -> bool {
    src.is_some_and(|src| !src.trim().is_empty())
}

/// GET and HEAD requests carry no body by convention (RFC 9110 gives one no meaning).
fn is_bodyless(method: &str) -> bool {
    method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("HEAD")
}

/// The request's enabled `Content-Type` header, if any.
pub fn declared_content_type(request: &Request) -> Option<String> {
    request
        .headers
        .iter()
        .find(|h| h.key.eq_ignore_ascii_case("content-type") && !h.disabled)
        .and_then(|h| h.value.clone())
        .filter(|value| !value.trim().is_empty())
}

/// What a formdata field is sent as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartKind {
    Text,
    /// Declared `type: file`, or named in `file_fields`.
    File,
    /// Declared `text`, but its description says it holds a file path (see
    /// [`holds_file_path`]).
    FileByDescription,
}

/// `file_fields` first, then `text_fields`, then the declared type, then the description. A
/// field that `file_fields` names and whose description says it holds a file path is still
/// [`PartKind::FileByDescription`]: its docs say why, whether or not the override is there.
fn part_kind(field: &FormField, overrides: &BodyOverrides<'_>) -> PartKind {
    let key = field.key.as_str();
    let described = !field.is_file && field.description.as_deref().is_some_and(holds_file_path);
    if overrides.file_fields.contains(key) {
        if described {
            PartKind::FileByDescription
        } else {
            PartKind::File
        }
    } else if overrides.text_fields.contains(key) {
        PartKind::Text
    } else if field.is_file {
        PartKind::File
    } else if described {
        PartKind::FileByDescription
    } else {
        PartKind::Text
    }
}

fn has_files(fields: &[FormField], overrides: &BodyOverrides<'_>) -> bool {
    fields
        .iter()
        .any(|f| part_kind(f, overrides) != PartKind::Text)
}

fn json_field(field: &FormField) -> JsonField {
    let value = field.value.as_deref().and_then(json_value);
    JsonField {
        name: field.key.clone(),
        required: !field.disabled && value.is_some(),
        value,
        description: field.description.clone(),
    }
}

/// The JSON value a formdata text stands for: JSON literals and JSON-stringified objects and
/// arrays as parsed, any other text as a string; `None` for empty text or `null`.
pub fn json_value(text: &str) -> Option<Value> {
    if text.trim().is_empty() {
        return None;
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Null) => None,
        Ok(Value::String(_)) | Err(_) => Some(Value::String(text.to_owned())),
        Ok(value) => Some(value),
    }
}

/// Whether a multipart body has a text field holding a JSON-stringified object or array: the
/// mark of a collection converted from OpenAPI that writes JSON bodies as formdata.
pub fn looks_like_stringified_json(body: &RequestBody) -> bool {
    let RequestBody::Multipart(fields) = body else {
        return false;
    };
    fields
        .iter()
        .filter(|f| !f.is_file)
        .filter_map(|f| f.example.as_deref())
        .any(|text| {
            serde_json::from_str::<Value>(text)
                .is_ok_and(|value| value.is_object() || value.is_array())
        })
}

fn text_field(field: &KeyValue, names: &mut Scope) -> FormParam {
    FormParam {
        name: field.key.clone(),
        rust_name: names.claim(&snake_case(&field.key)),
        description: field.description.clone(),
        example: field.value.clone(),
        is_file: false,
        file_by_description: false,
        required: !field.disabled,
        generated: field.value.as_deref().and_then(Generated::parse),
    }
}

fn raw(
    text: &str,
    language: Option<&str>,
    request: &Request,
    context: &str,
    warnings: &mut Vec<Warning>,
) -> RequestBody {
    let declared = declared_content_type(request);
    let looks_json = matches!(text.trim_start().chars().next(), Some('{' | '['));
    let is_json = match language {
        Some(language) => language == "json",
        None => declared
            .as_deref()
            .map_or(looks_json, |ct| ct.contains("json")),
    };
    if is_json {
        return match raw_json::parse(text) {
            Ok(parsed) => RequestBody::Json {
                sample: Some(parsed.value),
            },
            Err(error) => {
                warnings.push(Warning {
                    context: context.to_owned(),
                    message: format!(
                        "the raw JSON body does not parse ({error}); the function takes any `serde_json::Value`"
                    ),
                });
                RequestBody::Json { sample: None }
            }
        };
    }
    let content_type = declared.unwrap_or_else(|| {
        match language {
            Some("xml") => "application/xml",
            Some("html") => "text/html",
            Some("javascript") => "application/javascript",
            _ => "text/plain",
        }
        .to_owned()
    });
    RequestBody::Text { content_type }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formdata_text_becomes_json_values() {
        assert_eq!(json_value("2"), Some(json!(2)));
        assert_eq!(json_value("50064436"), Some(json!(50064436)));
        assert_eq!(json_value("false"), Some(json!(false)));
        assert_eq!(
            json_value("1979-08-07T10:13:05.658Z"),
            Some(json!("1979-08-07T10:13:05.658Z"))
        );
        assert_eq!(json_value("ut amet"), Some(json!("ut amet")));
        assert_eq!(
            json_value("0001000"),
            Some(json!("0001000")),
            "not JSON: stays text"
        );
        assert_eq!(
            json_value("\"quoted\""),
            Some(json!("\"quoted\"")),
            "a JSON string keeps its quotes"
        );
        assert_eq!(
            json_value(r#"{"type":2,"days":[1]}"#),
            Some(json!({"type": 2, "days": [1]}))
        );
        assert_eq!(json_value(""), None);
        assert_eq!(json_value("null"), None);
    }

    fn form_field(key: &str, description: &str, is_file: bool) -> FormField {
        FormField {
            key: key.to_owned(),
            value: Some("Lorem".to_owned()),
            description: Some(description.to_owned()),
            is_file,
            disabled: false,
            content_type: None,
        }
    }

    #[test]
    fn a_text_field_described_as_a_file_path_is_a_file_unless_overridden() {
        let path = form_field("file", "Provide the file's path here.", false);
        let note = form_field("note", "A note about the file path used.", false);
        let declared = form_field("upload", "", true);
        let none = BodyOverrides {
            file_fields: BTreeSet::new(),
            text_fields: BTreeSet::new(),
            formdata_as_json: false,
        };
        assert_eq!(part_kind(&path, &none), PartKind::FileByDescription);
        assert_eq!(part_kind(&note, &none), PartKind::Text);
        assert_eq!(part_kind(&declared, &none), PartKind::File);
        let text = BodyOverrides {
            text_fields: ["file", "upload"].into(),
            ..none
        };
        assert_eq!(part_kind(&path, &text), PartKind::Text);
        assert_eq!(part_kind(&declared, &text), PartKind::Text);
        let both = BodyOverrides {
            file_fields: ["file", "note"].into(),
            ..text
        };
        assert_eq!(
            part_kind(&path, &both),
            PartKind::FileByDescription,
            "file_fields wins, and the description still says why"
        );
        assert_eq!(part_kind(&note, &both), PartKind::File);
        // A recognised file keeps the body multipart under `formdata_as_json`.
        let json = BodyOverrides {
            file_fields: BTreeSet::new(),
            text_fields: BTreeSet::new(),
            formdata_as_json: true,
        };
        assert!(has_files(std::slice::from_ref(&path), &json));
        assert!(!has_files(std::slice::from_ref(&note), &json));
    }
}
