//! One `*.request.yaml` file of kind `http-request` or `graphql-request` → a [`Request`], with
//! the parts v3 shares with definitions (auth) and examples (bodies' JSON sniffing).

use serde_json::Value as Json;

use super::fields::{Obj, Problem, Val};
use crate::load::collection::{Auth, Body, FormField, KeyValue, Request, Url};
use crate::load::request::http_method;
use crate::load::url::split_url;

/// An `http-request`: `method`, `url`, `queryParams`, `pathVariables`, `headers`, `body`, `auth`.
/// Remarks that do not stop the request go to `notes`.
pub(super) fn http_request(doc: &Obj<'_>, notes: &mut Vec<Problem>) -> Result<Request, Problem> {
    Ok(Request {
        method: method(doc)?,
        url: url(doc)?,
        headers: headers(doc)?,
        body: match doc.get("body") {
            Some(body) => request_body(&body)?,
            None => None,
        },
        auth: auth_of(doc, notes)?,
    })
}

/// A `graphql-request`: `url`, `headers`, `auth`, and `query` with its `variables` (a JSON
/// string), sent as a POST with a GraphQL body as Postman does.
pub(super) fn graphql_request(doc: &Obj<'_>, notes: &mut Vec<Problem>) -> Result<Request, Problem> {
    let variables = match doc.get("variables") {
        Some(value) => graphql_variables(&value),
        None => None,
    };
    Ok(Request {
        method: match doc.opt_text("method")? {
            Some(_) => method(doc)?,
            None => "POST".to_owned(),
        },
        url: url(doc)?,
        headers: headers(doc)?,
        body: Some(Body::GraphQl {
            query: doc.opt_text("query")?.unwrap_or_default(),
            variables,
        }),
        auth: auth_of(doc, notes)?,
    })
}

fn method(doc: &Obj<'_>) -> Result<String, Problem> {
    let Some(value) = doc.get("method") else {
        return Ok("GET".to_owned());
    };
    match value.text()? {
        None => Ok("GET".to_owned()),
        Some(text) => http_method(&text).map_err(|message| value.problem(message)),
    }
}

fn headers(doc: &Obj<'_>) -> Result<Vec<KeyValue>, Problem> {
    doc.get("headers")
        .map_or(Ok(Vec::new()), |headers| headers.key_values())
}

/// `url` holds the enabled query string; `queryParams`, when given, lists every parameter,
/// disabled ones and descriptions included, as a v2.1 `url.query` does.
fn url(doc: &Obj<'_>) -> Result<Url, Problem> {
    let mut url = match doc.opt_text("url")? {
        Some(text) => split_url(&without_empty_port(&text)),
        None => Url::default(),
    };
    if let Some(params) = doc.get("queryParams").filter(|p| !p.node.is_null()) {
        url.query = params.key_values()?;
    }
    if let Some(variables) = doc.get("pathVariables") {
        url.variables = variables.variables()?;
    }
    Ok(url)
}

/// `http://{{baseUrl}}:/path` (written by an OpenAPI import) → `http://{{baseUrl}}/path`: an
/// empty port would otherwise stay in the host.
fn without_empty_port(url: &str) -> String {
    let start = url.find("://").map_or(0, |at| at + 3);
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |at| start + at);
    if end > start && url[..end].ends_with(':') {
        format!("{}{}", &url[..end - 1], &url[end..])
    } else {
        url.to_owned()
    }
}

/// A request's `body: {type, content}`. `none`, null or no content type is no body.
pub(super) fn request_body(body: &Val<'_>) -> Result<Option<Body>, Problem> {
    if body.node.is_null() {
        return Ok(None);
    }
    let obj = body.object()?;
    let Some(kind) = obj.opt_text("type")? else {
        return Ok(None);
    };
    let content = obj.get("content").filter(|c| !c.node.is_null());
    let body = match kind.as_str() {
        "none" => return Ok(None),
        "urlencoded" => Body::UrlEncoded(match content {
            Some(content) => content.key_values()?,
            None => Vec::new(),
        }),
        "formdata" => Body::FormData(match content {
            Some(content) => form_fields(&content)?,
            None => Vec::new(),
        }),
        "file" => Body::File {
            src: match content {
                Some(content) => file_src(&content)?,
                None => None,
            },
        },
        "graphql" => match content {
            Some(content) => {
                let content = content.object()?;
                Body::GraphQl {
                    query: content.opt_text("query")?.unwrap_or_default(),
                    variables: content.get("variables").and_then(|v| graphql_variables(&v)),
                }
            }
            None => Body::GraphQl {
                query: String::new(),
                variables: None,
            },
        },
        // json, text, xml, html, javascript, and any other text type.
        language => {
            let text = content
                .and_then(|content| content.text_or_json())
                .unwrap_or_default();
            // Real files label JSON `text`; without a language the model decides by the
            // Content-Type header and the text, as for a v2.0 raw body.
            let language = (language != "text" || !is_json(&text)).then(|| language.to_owned());
            Body::Raw { text, language }
        }
    };
    Ok(Some(body))
}

/// Whether `text` is a JSON object or array (a bare `1` or `"x"` labelled text stays text).
pub(super) fn is_json(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('{' | '['))
        && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// GraphQL variables: a JSON string as Postman writes them (kept a string, as the JSON reader
/// keeps it), or a mapping.
fn graphql_variables(value: &Val<'_>) -> Option<Json> {
    match value.to_json() {
        Json::Null => None,
        Json::String(text) if text.trim().is_empty() => None,
        other => Some(other),
    }
}

/// `formdata`: a list of `{key, type: text|file, value | src, contentType, description,
/// disabled}`, or a `key: value` mapping of text fields.
fn form_fields(content: &Val<'_>) -> Result<Vec<FormField>, Problem> {
    if content.object().is_ok() {
        return Ok(content
            .key_values()?
            .into_iter()
            .map(|field| FormField {
                key: field.key,
                value: field.value,
                description: None,
                is_file: false,
                disabled: false,
                content_type: None,
            })
            .collect());
    }
    content
        .elements()?
        .iter()
        .map(|entry| {
            let obj = entry.object()?;
            let is_file = obj.opt_text("type")?.as_deref() == Some("file");
            let base = obj.key_value()?;
            Ok(FormField {
                key: base.key,
                // A file field's value is not text to send.
                value: if is_file { None } else { base.value },
                description: base.description,
                is_file,
                disabled: base.disabled,
                content_type: obj.opt_text("contentType")?,
            })
        })
        .collect()
}

/// A binary body's file: `{src}`, a path string, or `{}`.
fn file_src(content: &Val<'_>) -> Result<Option<String>, Problem> {
    match content.object() {
        Ok(obj) => obj.opt_text("src"),
        Err(_) => content.text(),
    }
}

/// `auth` of a request or definition; absent, null or `inherit` is `None` (inherit).
pub(super) fn auth_of(doc: &Obj<'_>, notes: &mut Vec<Problem>) -> Result<Option<Auth>, Problem> {
    match doc.get("auth") {
        Some(auth) => self::auth(&auth, notes),
        None => Ok(None),
    }
}

/// `{type, credentials}`, where credentials are a mapping or a list of `{key, value}`. A list
/// of several methods (v3 "multi-auth") has no v2 form: the first is used, with a note.
fn auth(value: &Val<'_>, notes: &mut Vec<Problem>) -> Result<Option<Auth>, Problem> {
    if value.node.is_null() {
        return Ok(None);
    }
    let value = match value.elements() {
        Ok(methods) => {
            let Some(first) = methods.first() else {
                return Ok(None);
            };
            if methods.len() > 1 {
                notes.push(value.problem(format!(
                    "lists {} auth methods; Postman collections v2 have one, so the first is used",
                    methods.len()
                )));
            }
            first.clone()
        }
        Err(_) => value.clone(),
    };
    let obj = value.object()?;
    let Some(kind) = obj.opt_text("type")? else {
        return Err(obj.problem("has no `type` (such as bearer or noauth)"));
    };
    if kind == "inherit" {
        return Ok(None);
    }
    let params = match obj.get("credentials") {
        None => Vec::new(),
        Some(credentials) if credentials.node.is_null() => Vec::new(),
        Some(credentials) => match credentials.object() {
            Ok(map) => map
                .members()
                .map(|(key, value)| (key.to_owned(), value.to_json()))
                .collect(),
            Err(_) => credentials
                .elements()
                .map_err(|_| {
                    credentials.wrong_type("a mapping or a list of `key`/`value` entries")
                })?
                .iter()
                .map(|entry| {
                    let entry = entry.object()?;
                    let value = entry.get("value").map_or(Json::Null, |v| v.to_json());
                    Ok((entry.required_text("key")?, value))
                })
                .collect::<Result<_, Problem>>()?,
        },
    };
    Ok(Some(Auth { kind, params }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_port_is_dropped() {
        assert_eq!(
            without_empty_port("http://{{baseUrl}}:/pets?x=1"),
            "http://{{baseUrl}}/pets?x=1"
        );
        assert_eq!(without_empty_port("{{baseUrl}}:/pets"), "{{baseUrl}}/pets");
        assert_eq!(
            without_empty_port("http://localhost:8080/a"),
            "http://localhost:8080/a"
        );
        assert_eq!(without_empty_port("{{url}}/a?t=b:"), "{{url}}/a?t=b:");
    }

    #[test]
    fn only_objects_and_arrays_count_as_json() {
        assert!(is_json(" {\"a\": 1}"));
        assert!(is_json("[1]"));
        assert!(!is_json("1"));
        assert!(!is_json("{oops"));
        assert!(!is_json(""));
    }
}
