//! URLs: the string form (split the way Postman splits it) and the object form (`raw`,
//! `protocol`, `host`, `port`, `path`, `query`, `variable`), whose `host` and `path` may be
//! arrays or strings.

use super::collection::{KeyValue, Url};
use super::fields::{Json, Node, Obj, Problem};
use super::pairs::{key_value, variable};

/// Reads a request's `url`: a string, an object, or absent/`null` (an empty URL).
pub(super) fn url(node: &Node<'_>) -> Result<Url, Problem> {
    match node.value {
        Json::Null => Ok(Url::default()),
        Json::Str(raw) => Ok(split_url(raw)),
        Json::Object(_) => url_object(&node.object()?),
        _ => Err(node.wrong_type("a string or an object")),
    }
}

fn url_object(obj: &Obj<'_>) -> Result<Url, Problem> {
    let raw = obj.opt_str("raw")?;
    // Exports without `host` and `path` still carry the whole URL in `raw`.
    let mut url = match raw {
        Some(raw) if !obj.has("host") && !obj.has("path") => split_url(raw),
        _ => Url {
            raw: raw.map(str::to_owned),
            ..Url::default()
        },
    };
    if let Some(protocol) = obj.opt_str("protocol")? {
        url.protocol = Some(protocol.to_owned());
    }
    if let Some(port) = obj.opt_text("port")? {
        url.port = Some(port);
    }
    if let Some(host) = obj.get("host") {
        url.host = host_labels(&host)?;
    }
    if let Some(path) = obj.get("path") {
        url.path = path_segments(&path)?;
    }
    if obj.has("query") {
        url.query = obj
            .list("query")?
            .iter()
            .map(|param| query_param(param))
            .collect::<Result<_, _>>()?;
    }
    url.variables = obj
        .list("variable")?
        .iter()
        .map(|var| variable(var))
        .collect::<Result<_, _>>()?;
    Ok(url)
}

/// `host`: an array of labels, or a string split on dots like Postman's own parser does.
fn host_labels(node: &Node<'_>) -> Result<Vec<String>, Problem> {
    match node.value {
        Json::Null => Ok(Vec::new()),
        Json::Str(host) => Ok(split_host(host)),
        Json::Array(_) => node
            .elements()?
            .iter()
            .map(|label| label.text().map(Option::unwrap_or_default))
            .collect(),
        _ => Err(node.wrong_type("a string or an array of strings")),
    }
}

/// `path`: an array of segments (strings, or `{type, value}` objects in some exports), or a
/// string such as `"/stacks/{{api_key}}"`. Array segments are kept verbatim, empty ones included
/// (a trailing `""` means a trailing slash); a string path is split and empty pieces dropped.
fn path_segments(node: &Node<'_>) -> Result<Vec<String>, Problem> {
    match node.value {
        Json::Null => Ok(Vec::new()),
        Json::Str(path) => Ok(split_path(path)),
        Json::Array(_) => node
            .elements()?
            .iter()
            .map(|segment| path_segment(segment))
            .collect(),
        _ => Err(node.wrong_type("a string or an array")),
    }
}

fn path_segment(node: &Node<'_>) -> Result<String, Problem> {
    match node.value {
        Json::Object(_) => {
            let obj = node.object()?;
            Ok(obj.opt_text("value")?.unwrap_or_default())
        }
        _ => node.text().map(Option::unwrap_or_default),
    }
}

/// A query parameter. Unlike headers, Postman allows a `null` or missing key (`?=x`).
fn query_param(node: &Node<'_>) -> Result<KeyValue, Problem> {
    let obj = node.object()?;
    if obj.has("key") {
        key_value(&obj)
    } else {
        Ok(KeyValue {
            key: String::new(),
            value: obj.opt_text("value")?,
            description: obj.description("description")?,
            disabled: obj.flag("disabled")?,
        })
    }
}

/// Splits a URL string into protocol, host labels, port, path segments and query, following
/// Postman's parser: `{{variables}}` are opaque (a `/` or `.` inside one does not split), the
/// fragment is dropped, user info before `@` is dropped, and a URL without `://` starts with its
/// host (`{{baseUrl}}/users` has host `{{baseUrl}}`). Empty path pieces are dropped. Nothing is
/// percent-decoded.
pub(super) fn split_url(raw: &str) -> Url {
    let text = raw.trim();
    let without_fragment = match find_outside_variables(text, |c| c == '#') {
        Some(index) => &text[..index],
        None => text,
    };
    let (before_query, query_text) = match find_outside_variables(without_fragment, |c| c == '?') {
        Some(index) => (
            &without_fragment[..index],
            Some(&without_fragment[index + 1..]),
        ),
        None => (without_fragment, None),
    };
    let (protocol, rest) = match before_query.find("://") {
        // Only a scheme-like prefix counts, so `{{host}}/a?next=http://x` keeps its host.
        Some(index) if is_scheme(&before_query[..index]) => {
            (Some(&before_query[..index]), &before_query[index + 3..])
        }
        _ => (None, before_query),
    };
    let (authority, path_text) = match find_outside_variables(rest, |c| c == '/') {
        Some(index) => (&rest[..index], &rest[index + 1..]),
        None => (rest, ""),
    };
    let host_and_port = match rfind_outside_variables(authority, '@') {
        Some(index) => &authority[index + 1..],
        None => authority,
    };
    let (host, port) = split_port(host_and_port);
    Url {
        raw: Some(raw.to_owned()),
        protocol: protocol.map(str::to_owned),
        host: split_host(host),
        port: port.map(str::to_owned),
        path: split_path(path_text),
        query: query_text.map(split_query).unwrap_or_default(),
        variables: Vec::new(),
    }
}

/// `http`, `https`, `{{scheme}}`…: letters, digits, `+-.` or one template variable.
fn is_scheme(text: &str) -> bool {
    !text.is_empty()
        && (text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            || (text.starts_with("{{") && text.ends_with("}}")))
}

/// Splits `host:port` when the part after the last colon is a number or a `{{variable}}`;
/// anything else (such as an IPv6 literal) stays in the host.
fn split_port(text: &str) -> (&str, Option<&str>) {
    if let Some(index) = rfind_outside_variables(text, ':') {
        let port = &text[index + 1..];
        let is_number = !port.is_empty() && port.chars().all(|c| c.is_ascii_digit());
        let is_variable = port.starts_with("{{") && port.ends_with("}}");
        if (is_number || is_variable) && !port.contains(']') {
            return (&text[..index], Some(port));
        }
    }
    (text, None)
}

fn split_host(host: &str) -> Vec<String> {
    if host.is_empty() {
        return Vec::new();
    }
    split_outside_variables(host, '.')
        .into_iter()
        .map(str::to_owned)
        .collect()
}

fn split_path(path: &str) -> Vec<String> {
    split_outside_variables(path, '/')
        .into_iter()
        .filter(|segment| !segment.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `a=1&b&=c`: pieces split at the first `=`; a piece without `=` has no value.
fn split_query(query: &str) -> Vec<KeyValue> {
    split_outside_variables(query, '&')
        .into_iter()
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (key, value) = match piece.split_once('=') {
                Some((key, value)) => (key, Some(value.to_owned())),
                None => (piece, None),
            };
            KeyValue {
                key: key.to_owned(),
                value,
                description: None,
                disabled: false,
            }
        })
        .collect()
}

/// Byte index of the first character matching `wanted` outside `{{…}}`.
fn find_outside_variables(text: &str, wanted: impl Fn(char) -> bool) -> Option<usize> {
    let mut in_variable = false;
    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        if !in_variable && c == '{' && next == Some('{') {
            in_variable = true;
            chars.next();
        } else if in_variable && c == '}' && next == Some('}') {
            in_variable = false;
            chars.next();
        } else if !in_variable && wanted(c) {
            return Some(index);
        }
    }
    None
}

fn rfind_outside_variables(text: &str, wanted: char) -> Option<usize> {
    let mut last = None;
    let mut offset = 0;
    while let Some(index) = find_outside_variables(&text[offset..], |c| c == wanted) {
        last = Some(offset + index);
        offset += index + wanted.len_utf8();
    }
    last
}

fn split_outside_variables(text: &str, separator: char) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(index) = find_outside_variables(rest, |c| c == separator) {
        pieces.push(&rest[..index]);
        rest = &rest[index + separator.len_utf8()..];
    }
    pieces.push(rest);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn template_host_and_path_variables() {
        let url = split_url("{{baseURL}}/organizers/{{organizerKey}}/webinars?x=1&flag");
        assert_eq!(url.protocol, None);
        assert_eq!(url.host, strings(&["{{baseURL}}"]));
        assert_eq!(
            url.path,
            strings(&["organizers", "{{organizerKey}}", "webinars"])
        );
        assert_eq!(url.query.len(), 2);
        assert_eq!(
            (url.query[0].key.as_str(), url.query[0].value.as_deref()),
            ("x", Some("1"))
        );
        assert_eq!(
            (url.query[1].key.as_str(), url.query[1].value.as_deref()),
            ("flag", None)
        );
        assert_eq!(
            url.raw.as_deref(),
            Some("{{baseURL}}/organizers/{{organizerKey}}/webinars?x=1&flag")
        );
    }

    #[test]
    fn literal_url_with_protocol_port_and_fragment() {
        let url = split_url("https://user:pw@api.x.com:8443/v1/a/?q=a b#top");
        assert_eq!(url.protocol.as_deref(), Some("https"));
        assert_eq!(url.host, strings(&["api", "x", "com"]));
        assert_eq!(url.port.as_deref(), Some("8443"));
        assert_eq!(url.path, strings(&["v1", "a"]));
        assert_eq!(url.query[0].value.as_deref(), Some("a b"));
    }

    #[test]
    fn separators_inside_variables_do_not_split() {
        let url = split_url("{{api.host}}/{{a/b}}/c?{{k&v}}=1");
        assert_eq!(url.host, strings(&["{{api.host}}"]));
        assert_eq!(url.path, strings(&["{{a/b}}", "c"]));
        assert_eq!(url.query[0].key, "{{k&v}}");
    }

    #[test]
    fn query_value_containing_url_keeps_host() {
        let url = split_url("{{host}}/login?next=http://x/y");
        assert_eq!(url.host, strings(&["{{host}}"]));
        assert_eq!(url.path, strings(&["login"]));
        assert_eq!(url.query[0].value.as_deref(), Some("http://x/y"));
    }

    #[test]
    fn host_and_path_strings_in_object_form() {
        let value: Json<'_> = serde_json::from_str(
            r#"{
                "protocol": "https", "host": "{{base_url}}", "path": "/stacks/{{api_key}}",
                "port": 8080, "query": [{"key": null, "value": "x"}]
            }"#,
        )
        .unwrap();
        let url = url(&Node::root(&value)).unwrap();
        assert_eq!(url.host, strings(&["{{base_url}}"]));
        assert_eq!(url.path, strings(&["stacks", "{{api_key}}"]));
        assert_eq!(url.port.as_deref(), Some("8080"));
        assert_eq!(url.query[0].key, "");
    }
}
