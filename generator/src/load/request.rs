//! A request and its parts: method, headers, body, auth, plus the key/value and variable shapes
//! shared with URLs and examples.

use serde_json::Value;

use super::collection::{Auth, Body, FormField, KeyValue, Request, Url};
use super::fields::{Json, Map, Node, Obj, Problem, member};
use super::pairs::key_value;
use super::url::{split_url, url};

/// A request: a plain URL string (method GET) or an object.
pub(super) fn request(node: &Node<'_>) -> Result<(Request, Option<String>), Problem> {
    if let Json::Str(raw) = node.value {
        let request = Request {
            method: "GET".to_owned(),
            url: split_url(raw),
            headers: Vec::new(),
            body: None,
            auth: None,
        };
        return Ok((request, None));
    }
    let obj = node
        .object()
        .map_err(|_| node.wrong_type("a URL string or a request object"))?;
    let request = Request {
        method: method(&obj)?,
        url: match obj.get("url") {
            Some(found) => url(&found)?,
            None => Url::default(),
        },
        headers: match obj.get("header") {
            Some(found) => headers(&found)?,
            None => Vec::new(),
        },
        body: match obj.opt_object("body")? {
            Some(body_obj) => body(&body_obj)?,
            None => None,
        },
        auth: match obj.get("auth") {
            Some(found) => auth(&found)?,
            None => None,
        },
    };
    Ok((request, obj.description("description")?))
}

/// `method`, upper-cased; `GET` when absent.
fn method(obj: &Obj<'_>) -> Result<String, Problem> {
    match obj.opt_str("method")? {
        None => Ok("GET".to_owned()),
        Some(method) => {
            http_method(method).map_err(|message| Problem::new(&obj.pointer_of("method"), message))
        }
    }
}

/// `method` upper-cased, if it is an HTTP token (RFC 9110 `tchar`s), because it ends up in
/// generated code and on the wire; else what is wrong with it.
pub(super) fn http_method(method: &str) -> Result<String, String> {
    let is_token = !method.is_empty()
        && method
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c));
    if is_token {
        Ok(method.to_ascii_uppercase())
    } else {
        Err(format!(
            "is {method:?}, which is not a valid HTTP method (a method is one word of letters, such as GET, POST or PROPFIND)"
        ))
    }
}

/// Headers: an array of `{key, value, description, disabled}` objects (or `"Key: value"`
/// strings, as examples may have), a `"Key: value\n…"` string (legal in v2.0), or `null`.
pub(super) fn headers(node: &Node<'_>) -> Result<Vec<KeyValue>, Problem> {
    match node.value {
        Json::Null => Ok(Vec::new()),
        Json::Str(text) => Ok(parse_header_lines(text)),
        Json::Array(_) => node
            .elements()?
            .iter()
            .filter_map(|element| match element.value {
                Json::Str(line) => parse_header_lines(line).into_iter().next().map(Ok),
                _ => Some(element.object().and_then(|obj| key_value(&obj))),
            })
            .collect(),
        _ => Err(node.wrong_type("an array of headers or a header string")),
    }
}

/// The header string form: one `Key: value` per line, blank lines ignored. A line starting with
/// `//` is a disabled header, as Postman writes it in that form.
fn parse_header_lines(text: &str) -> Vec<KeyValue> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (disabled, line) = match line.strip_prefix("//") {
                Some(rest) => (true, rest.trim_start()),
                None => (false, line),
            };
            let (key, value) = match line.split_once(':') {
                Some((key, value)) => (key.trim(), Some(value.trim().to_owned())),
                None => (line, None),
            };
            KeyValue {
                key: key.to_owned(),
                value,
                description: None,
                disabled,
            }
        })
        .collect()
}

/// A body. A disabled body, a body without a mode, or with a mode this tool does not know is no
/// body at all, which is also what Postman sends.
fn body(obj: &Obj<'_>) -> Result<Option<Body>, Problem> {
    if obj.flag("disabled")? {
        return Ok(None);
    }
    let body = match obj.opt_str("mode")? {
        Some("raw") => {
            let language = match obj.opt_object("options")? {
                Some(options) => match options.opt_object("raw")? {
                    Some(raw_options) => raw_options.opt_str("language")?.map(str::to_owned),
                    None => None,
                },
                None => None,
            };
            Body::Raw {
                text: obj.opt_str("raw")?.unwrap_or_default().to_owned(),
                language,
            }
        }
        Some("urlencoded") => Body::UrlEncoded(
            obj.list("urlencoded")?
                .iter()
                .map(|field| field.object().and_then(|o| key_value(&o)))
                .collect::<Result<_, _>>()?,
        ),
        Some("formdata") => Body::FormData(
            obj.list("formdata")?
                .iter()
                .map(|field| form_field(field))
                .collect::<Result<_, _>>()?,
        ),
        Some("file") => {
            let src = match obj.opt_object("file")? {
                Some(file) => file.opt_str("src")?.map(str::to_owned),
                None => None,
            };
            Body::File { src }
        }
        Some("graphql") => match obj.opt_object("graphql")? {
            Some(graphql) => Body::GraphQl {
                query: graphql.opt_str("query")?.unwrap_or_default().to_owned(),
                variables: member(graphql.map, "variables")
                    .filter(|value| !value.is_null())
                    .map(Value::from),
            },
            None => Body::GraphQl {
                query: String::new(),
                variables: None,
            },
        },
        _ => return Ok(None),
    };
    Ok(Some(body))
}

/// A formdata field. `src` (a path on the exporter's disk, a string or a list) is checked but
/// not kept: a generated client takes the file from its caller.
fn form_field(node: &Node<'_>) -> Result<FormField, Problem> {
    let obj = node.object()?;
    let is_file = obj.opt_str("type")? == Some("file");
    if let Some(src) = obj.get("src") {
        match src.value {
            Json::Null | Json::Str(_) | Json::Array(_) => {}
            _ => return Err(src.wrong_type("a string, an array or null")),
        }
    }
    let base = key_value(&obj)?;
    Ok(FormField {
        key: base.key,
        // A file field's `value` is not text to send; some exports leave junk there.
        value: if is_file { None } else { base.value },
        description: base.description,
        is_file,
        disabled: base.disabled,
        content_type: obj.opt_str("contentType")?.map(str::to_owned),
    })
}

/// Auth: `{type, <type>: params}`. Params are an object in v2.0 and a list of
/// `{key, value, type}` in v2.1; both become `(key, value)` pairs in file order. `null` is `None`
/// ("inherit"); `noauth` is an explicit "no auth".
pub(super) fn auth(node: &Node<'_>) -> Result<Option<Auth>, Problem> {
    if node.value.is_null() {
        return Ok(None);
    }
    let obj = node.object()?;
    let Some(kind) = obj.opt_str("type")? else {
        return Err(Problem::new(
            &obj.pointer,
            "has no `type` (such as \"bearer\" or \"noauth\")",
        ));
    };
    // The params live under the key named by the type; an (unknown) type called "type" would
    // read its own name as params (found by fuzzing).
    let params = match obj.get(kind).filter(|_| kind != "type") {
        None => Vec::new(),
        Some(found) => match found.value {
            Json::Null => Vec::new(),
            Json::Object(map) => object_params(map),
            Json::Array(_) => found
                .elements()?
                .iter()
                .map(|param| {
                    let param = param.object()?;
                    let Some(key) = param.opt_str("key")? else {
                        return Err(Problem::new(&param.pointer, "has no `key`"));
                    };
                    Ok((
                        key.to_owned(),
                        member(param.map, "value").map_or(Value::Null, Value::from),
                    ))
                })
                .collect::<Result<_, _>>()?,
            _ => return Err(found.wrong_type("an object or an array of {key, value} entries")),
        },
    };
    Ok(Some(Auth {
        kind: kind.to_owned(),
        params,
    }))
}

/// The v2.0 object form of auth params, as serde_json reads an object: a duplicate key keeps
/// the place of its first occurrence and the value of its last.
fn object_params(map: &Map<'_>) -> Vec<(String, Value)> {
    serde_json::Map::from(map).into_iter().collect()
}
