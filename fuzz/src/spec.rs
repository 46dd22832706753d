//! Random *valid* Postman collections, drawn from fuzzer bytes with `arbitrary`.
//!
//! Raw bytes rarely get past the JSON parser, so most of the generator would go unfuzzed; these
//! collections always load, and spend the randomness where the generator has to make choices:
//! names (keywords, non-ASCII, leading digits, empty, path-like, duplicates, names of the
//! runtime's own items), URLs, parameters, bodies, auth, and JSON samples (deep, huge numbers,
//! double-encoded, invalid). The same file is compiled into the generator's property test
//! (`generator/tests/random_collections.rs`), so `cargo test` and the fuzzer draw from one
//! definition of "a random collection".

use arbitrary::{Arbitrary, Result, Unstructured};
use serde_json::{Map, Value, json};

/// Names chosen to break naive identifier and file-name generation. Picking from a short list
/// also makes duplicates likely, which exercises the de-duplication of names.
const TRICKY_NAMES: &[&str] = &[
    "type",
    "Type",
    "self",
    "Self",
    "crate",
    "super",
    "fn",
    "async",
    "await",
    "gen",
    "try",
    "r#type",
    "_",
    "__",
    "",
    "   ",
    "2fa",
    "123",
    "0",
    "ünïcode",
    "名前",
    "Ωmega",
    "😀",
    "é",
    "../../etc",
    "/abs",
    "CON",
    "con",
    "a\\b",
    "NUL",
    "com1",
    "LPT9.txt",
    "runtime",
    "types",
    "params",
    "errors",
    "responses",
    "operations",
    "ungrouped",
    "lib",
    "mod",
    "main",
    "new",
    "default",
    "request",
    "send",
    "base_url",
    "with_bearer_token",
    "with_timeout",
    "Client",
    "Error",
    "ApiError",
    "ErrorBody",
    "Option",
    "Result",
    "String",
    "Vec",
    "Some",
    "None",
    "Ok",
    "Err",
    "value",
    "body",
    "query",
    "std",
    "core",
    "reqwest",
    "serde",
    "serde_json",
    "Get users",
    "get users",
    "GET /users",
    "get_users",
    "{{baseUrl}}",
    ":id",
    "a\u{0}b",
    "line\nbreak",
    "tab\tname",
    "\"quoted\"",
    "`tick`",
    "*/ /*",
    "#[attr]",
    "\\",
    "x-api-key",
    "Content-Type",
    "if-none-match",
    "a b",
];

const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get", "PROPFIND", "LINK", "",
    "G E T", "ÜBER",
];

/// How large a collection may get: enough for every feature, small enough for thousands of
/// runs per minute.
const MAX_FOLDER_DEPTH: usize = 4;
const MAX_ITEMS: usize = 6;
const MAX_JSON_DEPTH: usize = 5;

/// A random valid collection, as the JSON document a user would hand to the generator.
#[derive(Debug, Clone)]
pub struct RandomCollection(pub Value);

impl<'a> Arbitrary<'a> for RandomCollection {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        collection(u).map(RandomCollection)
    }
}

/// A random valid collection.
pub fn collection(u: &mut Unstructured<'_>) -> Result<Value> {
    let schema = if u.arbitrary()? {
        "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
    } else {
        "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"
    };
    let mut info = Map::new();
    info.insert("name".into(), name(u)?.into());
    info.insert("schema".into(), schema.into());
    if u.arbitrary()? {
        info.insert("description".into(), text(u)?.into());
    }
    let mut root = Map::new();
    root.insert("info".into(), Value::Object(info));
    root.insert("item".into(), Value::Array(items(u, 0)?));
    if u.arbitrary()? {
        root.insert("auth".into(), auth(u)?);
    }
    if u.arbitrary()? {
        let base = *u.choose(&[
            "https://api.example.com/v1",
            "http://localhost:8080",
            "https://api.example.com/\"quoted\"",
            "",
            "{{host}}/v2",
        ])?;
        root.insert(
            "variable".into(),
            json!([{"key": "baseUrl", "value": base}]),
        );
    }
    Ok(Value::Object(root))
}

/// A name: usually a tricky one, sometimes any string at all.
fn name(u: &mut Unstructured<'_>) -> Result<String> {
    if u.ratio(3, 4)? {
        Ok((*u.choose(TRICKY_NAMES)?).to_owned())
    } else {
        short_string(u)
    }
}

fn short_string(u: &mut Unstructured<'_>) -> Result<String> {
    let text: String = u.arbitrary()?;
    Ok(text.chars().take(40).collect())
}

fn text(u: &mut Unstructured<'_>) -> Result<String> {
    if u.arbitrary()? {
        Ok(format!("{} {}", name(u)?, name(u)?))
    } else {
        short_string(u)
    }
}

fn items(u: &mut Unstructured<'_>, depth: usize) -> Result<Vec<Value>> {
    let count = u.int_in_range(0..=MAX_ITEMS)?;
    (0..count).map(|_| item(u, depth)).collect()
}

fn item(u: &mut Unstructured<'_>, depth: usize) -> Result<Value> {
    if depth < MAX_FOLDER_DEPTH && u.ratio(1, 4)? {
        let mut folder = Map::new();
        folder.insert("name".into(), name(u)?.into());
        folder.insert("item".into(), Value::Array(items(u, depth + 1)?));
        if u.ratio(1, 4)? {
            folder.insert("auth".into(), auth(u)?);
        }
        if u.ratio(1, 4)? {
            folder.insert("description".into(), text(u)?.into());
        }
        return Ok(Value::Object(folder));
    }
    let mut request = Map::new();
    request.insert("method".into(), method(u)?.into());
    request.insert("url".into(), url(u)?);
    let headers = (0..u.int_in_range(0..=3)?)
        .map(|_| key_value(u))
        .collect::<Result<Vec<_>>>()?;
    request.insert("header".into(), Value::Array(headers));
    if let Some(body) = body(u)? {
        request.insert("body".into(), body);
    }
    if u.ratio(1, 4)? {
        request.insert("auth".into(), auth(u)?);
    }
    if u.ratio(1, 4)? {
        request.insert("description".into(), text(u)?.into());
    }
    let responses = (0..u.int_in_range(0..=4)?)
        .map(|_| response(u))
        .collect::<Result<Vec<_>>>()?;
    Ok(json!({
        "name": name(u)?,
        "request": Value::Object(request),
        "response": responses,
    }))
}

fn method(u: &mut Unstructured<'_>) -> Result<String> {
    if u.ratio(7, 8)? {
        Ok((*u.choose(METHODS)?).to_owned())
    } else {
        short_string(u)
    }
}

fn url(u: &mut Unstructured<'_>) -> Result<Value> {
    let segments = (0..u.int_in_range(0..=4)?)
        .map(|_| {
            Ok(match u.int_in_range(0..=3)? {
                0 => format!(":{}", name(u)?),
                1 => format!("{{{{{}}}}}", name(u)?),
                _ => name(u)?,
            })
        })
        .collect::<Result<Vec<String>>>()?;
    let query = (0..u.int_in_range(0..=3)?)
        .map(|_| key_value(u))
        .collect::<Result<Vec<_>>>()?;
    if u.ratio(1, 5)? {
        // The string form, which the loader splits the way Postman does.
        let mut raw = format!("{{{{baseUrl}}}}/{}", segments.join("/"));
        for (index, param) in query.iter().enumerate() {
            raw.push(if index == 0 { '?' } else { '&' });
            raw.push_str(param["key"].as_str().unwrap_or_default());
            raw.push('=');
            raw.push_str(param["value"].as_str().unwrap_or_default());
        }
        return Ok(Value::String(raw));
    }
    let variables = segments
        .iter()
        .filter_map(|segment| segment.strip_prefix(':'))
        .map(|variable| {
            Ok(json!({
                "key": variable,
                "value": text(u)?,
                "description": text(u)?,
            }))
        })
        .collect::<Result<Vec<_>>>()?;
    let host = if u.ratio(3, 4)? {
        json!(["{{baseUrl}}"])
    } else {
        json!(["api", "example", "com"])
    };
    Ok(json!({
        "raw": format!("{{{{baseUrl}}}}/{}", segments.join("/")),
        "host": host,
        "path": segments,
        "query": query,
        "variable": variables,
    }))
}

/// A header, query parameter or form field.
fn key_value(u: &mut Unstructured<'_>) -> Result<Value> {
    let mut entry = Map::new();
    entry.insert("key".into(), name(u)?.into());
    entry.insert("value".into(), text(u)?.into());
    if u.ratio(1, 4)? {
        entry.insert("disabled".into(), true.into());
    }
    if u.ratio(1, 4)? {
        entry.insert("description".into(), text(u)?.into());
    }
    Ok(Value::Object(entry))
}

fn body(u: &mut Unstructured<'_>) -> Result<Option<Value>> {
    Ok(Some(match u.int_in_range(0..=7)? {
        0 => return Ok(None),
        1 | 2 => json!({
            "mode": "raw",
            "raw": sample_text(u)?,
            "options": {"raw": {"language": "json"}},
        }),
        3 => json!({
            "mode": "raw",
            "raw": text(u)?,
            "options": {"raw": {"language": *u.choose(&["xml", "text", "html", "javascript"])?}},
        }),
        4 => {
            let fields = (0..u.int_in_range(0..=5)?)
                .map(|_| key_value(u))
                .collect::<Result<Vec<_>>>()?;
            json!({"mode": "urlencoded", "urlencoded": fields})
        }
        5 => {
            let fields = (0..u.int_in_range(0..=5)?)
                .map(|_| {
                    let mut field = key_value(u)?;
                    if u.arbitrary()? {
                        field["type"] = "file".into();
                        field["src"] = "/tmp/x.png".into();
                    } else {
                        field["type"] = "text".into();
                    }
                    Ok(field)
                })
                .collect::<Result<Vec<_>>>()?;
            json!({"mode": "formdata", "formdata": fields})
        }
        6 => json!({"mode": "file", "file": {"src": name(u)?}}),
        _ => json!({
            "mode": "graphql",
            "graphql": {"query": text(u)?, "variables": sample_text(u)?},
        }),
    }))
}

fn auth(u: &mut Unstructured<'_>) -> Result<Value> {
    let entry = |key: &str, value: Value| json!({"key": key, "value": value, "type": "string"});
    Ok(match u.int_in_range(0..=6)? {
        0 => json!({"type": "bearer", "bearer": [entry("token", "{{token}}".into())]}),
        1 => json!({"type": "basic", "basic": [
            entry("username", "{{user}}".into()),
            entry("password", "{{password}}".into()),
        ]}),
        2 | 3 => {
            let place = if u.arbitrary()? { "header" } else { "query" };
            json!({"type": "apikey", "apikey": [
                entry("key", name(u)?.into()),
                entry("value", "{{key}}".into()),
                entry("in", place.into()),
            ]})
        }
        4 => json!({"type": "noauth"}),
        5 => json!({"type": "oauth2", "oauth2": [entry("accessToken", "{{t}}".into())]}),
        _ => json!({"type": name(u)?}),
    })
}

fn response(u: &mut Unstructured<'_>) -> Result<Value> {
    let code: u16 = if u.ratio(3, 4)? {
        *u.choose(&[
            200, 201, 202, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 503,
        ])?
    } else {
        u.arbitrary()?
    };
    let json_type = u.ratio(3, 4)?;
    let content_type = if json_type {
        "application/json"
    } else {
        "text/plain"
    };
    Ok(json!({
        "name": text(u)?,
        "code": code,
        "status": name(u)?,
        "header": [{"key": "Content-Type", "value": content_type}],
        "body": sample_text(u)?,
        "_postman_previewlanguage": if json_type { "json" } else { "text" },
    }))
}

/// The text of an example body or raw request body: mostly JSON, sometimes JSON inside a JSON
/// string (as Zoom writes it), invalid JSON, numbers no Rust primitive holds, nesting beyond the
/// parser's limit, or plain text.
fn sample_text(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0..=15)? {
        0 => String::new(),
        1 => Value::String(json(u, MAX_JSON_DEPTH)?.to_string()).to_string(),
        2 => "{\"a\": 1,}".to_owned(),
        3 => (*u.choose(&[
            "1e400",
            "{\"big\": 1e400}",
            "{\"big\": 99999999999999999999999}",
            "[-9223372036854775809, 18446744073709551615]",
            "{\"n\": -0.0}",
        ])?)
        .to_owned(),
        4 => {
            let depth = u.int_in_range(100..=140)?;
            let (open, close) = if u.arbitrary()? {
                ("{\"a\":", "}")
            } else {
                ("[", "]")
            };
            format!("{}1{}", open.repeat(depth), close.repeat(depth))
        }
        5 => text(u)?,
        _ => json(u, MAX_JSON_DEPTH)?.to_string(),
    })
}

/// A random JSON value at most `depth` levels deep; object keys are names.
fn json(u: &mut Unstructured<'_>, depth: usize) -> Result<Value> {
    let scalar_only = depth == 0;
    Ok(match u.int_in_range(0..=if scalar_only { 5 } else { 8 })? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::from(u.arbitrary::<i64>()?),
        3 => Value::from(u.arbitrary::<u64>()?),
        4 => {
            let float: f64 = u.arbitrary()?;
            // JSON has no NaN or infinity.
            if float.is_finite() {
                Value::from(float)
            } else {
                Value::from(0.5)
            }
        }
        5 => Value::String(name(u)?),
        6 => Value::Array(
            (0..u.int_in_range(0..=4)?)
                .map(|_| json(u, depth - 1))
                .collect::<Result<_>>()?,
        ),
        _ => {
            let mut object = Map::new();
            for _ in 0..u.int_in_range(0..=5)? {
                object.insert(name(u)?, json(u, depth - 1)?);
            }
            Value::Object(object)
        }
    })
}
