//! Request bodies: each Postman body mode mapped to what the generated function sends.

use std::collections::BTreeSet;

use super::{FormParam, RequestBody};
use crate::Warning;
use crate::load::{Body, KeyValue, Request};
use crate::naming::{Scope, snake_case};

/// The body `request` sends. `file_fields` are formdata fields the overrides declare files.
pub fn request_body(
    request: &Request,
    file_fields: &BTreeSet<&str>,
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
        Body::FormData(fields) => RequestBody::Multipart(
            fields
                .iter()
                .map(|f| FormParam {
                    name: f.key.clone(),
                    rust_name: names.claim(&snake_case(&f.key)),
                    description: f.description.clone(),
                    example: f.value.clone(),
                    is_file: f.is_file || file_fields.contains(f.key.as_str()),
                    required: !f.disabled,
                })
                .collect(),
        ),
        Body::File { .. } => RequestBody::Binary,
        Body::GraphQl { query, .. } => RequestBody::GraphQl {
            query: query.clone(),
        },
    }
}

fn text_field(field: &KeyValue, names: &mut Scope) -> FormParam {
    FormParam {
        name: field.key.clone(),
        rust_name: names.claim(&snake_case(&field.key)),
        description: field.description.clone(),
        example: field.value.clone(),
        is_file: false,
        required: !field.disabled,
    }
}

fn raw(
    text: &str,
    language: Option<&str>,
    request: &Request,
    context: &str,
    warnings: &mut Vec<Warning>,
) -> RequestBody {
    let declared = request
        .headers
        .iter()
        .find(|h| h.key.eq_ignore_ascii_case("content-type") && !h.disabled)
        .and_then(|h| h.value.clone());
    let looks_json = matches!(text.trim_start().chars().next(), Some('{' | '['));
    let is_json = match language {
        Some(language) => language == "json",
        None => declared
            .as_deref()
            .map_or(looks_json, |ct| ct.contains("json")),
    };
    if is_json {
        return match serde_json::from_str(text) {
            Ok(sample) => RequestBody::Json {
                sample: Some(sample),
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
