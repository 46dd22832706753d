//! A request's saved headers, sorted by what the generated client does with each: an argument
//! of the method, a header sent as saved, the credentials of the client, or nothing.

use super::auth::from_header;
use super::{AuthScheme, Generated, HeaderParam};
use crate::Warning;
use crate::load::KeyValue;
use crate::naming::{Scope, snake_case};

/// Headers the client sets itself or that only a browser sends: never arguments.
const CLIENT_HEADERS: &[&str] = &[
    "accept-encoding",
    "cache-control",
    "connection",
    "content-length",
    "cookie",
    "dnt",
    "host",
    "origin",
    "pragma",
    "referer",
    "upgrade-insecure-requests",
    "user-agent",
];

/// Headers Postman itself adds to what it sends; none is part of the API.
const TOOL_HEADERS: &[&str] = &["postman-token"];

/// What the saved headers of one request become.
#[derive(Debug, Default)]
pub struct Headers {
    /// The method's header arguments.
    pub params: Vec<HeaderParam>,
    /// Sent as saved: `Accept` with a literal value.
    pub fixed: Vec<(String, String)>,
    /// The saved, enabled `Content-Type` with a literal value.
    pub content_type: Option<String>,
    /// The scheme an enabled `Authorization` header stands for.
    pub authorization: Option<AuthScheme>,
}

/// Sorts `headers`; parameter names are claimed in `names`. A header without a name is left
/// out with a warning naming `context`.
pub fn sort(
    headers: &[KeyValue],
    names: &mut Scope,
    context: &str,
    warnings: &mut Vec<Warning>,
) -> Headers {
    let mut sorted = Headers::default();
    for header in headers {
        let name = header.key.trim();
        if name.is_empty() {
            warnings.push(Warning {
                context: context.to_owned(),
                message: format!(
                    "a saved header has no name (value {:?}); it is not sent",
                    header.value.as_deref().unwrap_or_default()
                ),
            });
            continue;
        }
        let lower = name.to_ascii_lowercase();
        let value = header
            .value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty());
        let literal = value.filter(|v| !v.contains("{{"));
        if is_tool_header(&lower, value) || CLIENT_HEADERS.contains(&lower.as_str()) {
            continue;
        }
        match lower.as_str() {
            "authorization" => {
                if let (false, Some(value)) = (header.disabled, value) {
                    sorted.authorization = Some(from_header(value));
                }
            }
            "content-type" => {
                if let (false, Some(value)) = (header.disabled, literal) {
                    sorted.content_type = Some(value.to_owned());
                }
            }
            "accept" if literal.is_some() || value.is_none() => {
                if let (false, Some(value)) = (header.disabled, literal) {
                    sorted.fixed.push((name.to_owned(), value.to_owned()));
                }
            }
            _ => sorted.params.push(HeaderParam {
                name: name.to_owned(),
                rust_name: names.claim(&snake_case(name)),
                description: header.description.clone(),
                example: header.value.clone(),
                required: !header.disabled,
                generated: value.and_then(Generated::parse),
            }),
        }
    }
    sorted
}

/// Postman's own headers: `Postman-Token`, and telemetry whose saved value names Postman
/// (`SdkVersion: postman-graph/v1.0` in Microsoft Graph's collection).
fn is_tool_header(lower_name: &str, value: Option<&str>) -> bool {
    TOOL_HEADERS.contains(&lower_name)
        || value.is_some_and(|v| v.to_ascii_lowercase().starts_with("postman"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(key: &str, value: &str, disabled: bool) -> KeyValue {
        KeyValue {
            key: key.to_owned(),
            value: Some(value.to_owned()),
            description: None,
            disabled,
        }
    }

    #[test]
    fn headers_are_sorted_by_what_the_client_does() {
        let mut warnings = Vec::new();
        let sorted = sort(
            &[
                header("Authorization", "Bearer {{TOKEN}}", false),
                header("Accept", "application/json", false),
                header("Content-Type", "application/json", false),
                header("SdkVersion", "postman-graph/v1.0", false),
                header("Postman-Token", "abc", false),
                header("", "orphan", false),
                header("Cache-Control", "no-cache", false),
                header("PayPal-Request-Id", "{{$guid}}", false),
                header("X-Trace", "{{trace}}", true),
            ],
            &mut Scope::new(),
            "Folder/Item",
            &mut warnings,
        );
        assert_eq!(sorted.authorization, Some(AuthScheme::Bearer));
        assert_eq!(
            sorted.fixed,
            [("Accept".to_owned(), "application/json".to_owned())]
        );
        assert_eq!(sorted.content_type.as_deref(), Some("application/json"));
        let params: Vec<(&str, bool, bool)> = sorted
            .params
            .iter()
            .map(|p| (p.rust_name.as_str(), p.required, p.generated.is_some()))
            .collect();
        assert_eq!(
            params,
            [
                ("pay_pal_request_id", true, true),
                ("x_trace", false, false)
            ]
        );
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].context, "Folder/Item");
        assert!(warnings[0].message.contains("no name"), "{warnings:?}");
    }

    #[test]
    fn disabled_authorization_and_accept_are_ignored() {
        let sorted = sort(
            &[
                header("Authorization", "Basic abc", true),
                header("Accept", "application/xml", true),
            ],
            &mut Scope::new(),
            "",
            &mut Vec::new(),
        );
        assert_eq!(sorted.authorization, None);
        assert!(sorted.fixed.is_empty() && sorted.params.is_empty());
    }
}
