//! Effective auth: item → folder → collection, with Postman kinds mapped to what the client does.

use serde_json::Value;

use super::AuthScheme;
use crate::load::Auth;

/// The scheme a declared auth asks for. `None` means "inherit from the parent".
pub fn scheme(auth: Option<&Auth>) -> Option<AuthScheme> {
    let auth = auth?;
    Some(match auth.kind.as_str() {
        "noauth" => AuthScheme::None,
        "bearer" | "oauth2" => AuthScheme::Bearer,
        "basic" => AuthScheme::Basic,
        "apikey" => {
            let name = param(auth, "key").unwrap_or_else(|| "X-API-Key".to_owned());
            match param(auth, "in").as_deref() {
                Some("query") => AuthScheme::ApiKeyQuery { name },
                _ => AuthScheme::ApiKeyHeader { name },
            }
        }
        other => AuthScheme::Unsupported {
            kind: other.to_owned(),
        },
    })
}

/// The scheme a saved `Authorization` header stands for, written in place of an auth block:
/// `Bearer …` and `Basic …` (any case) are the client's bearer and basic settings, whatever
/// token or variable follows; any other value (`Token {{key}}`, `{{apiKey}}`) is a key the
/// caller sets whole, sent as the `Authorization` header.
pub fn from_header(value: &str) -> AuthScheme {
    let word = value.split_whitespace().next().unwrap_or_default();
    if word.eq_ignore_ascii_case("bearer") {
        AuthScheme::Bearer
    } else if word.eq_ignore_ascii_case("basic") {
        AuthScheme::Basic
    } else {
        AuthScheme::ApiKeyHeader {
            name: "Authorization".to_owned(),
        }
    }
}

fn param(auth: &Auth, key: &str) -> Option<String> {
    auth.params
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, value)| match value {
            Value::String(text) if !text.is_empty() => Some(text.clone()),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth(kind: &str, params: &[(&str, &str)]) -> Auth {
        Auth {
            kind: kind.to_owned(),
            params: params
                .iter()
                .map(|(k, v)| (k.to_string(), Value::from(*v)))
                .collect(),
        }
    }

    #[test]
    fn saved_authorization_headers_map_to_schemes() {
        assert_eq!(from_header("Bearer {{TOKEN}}"), AuthScheme::Bearer);
        assert_eq!(from_header("bearer abc"), AuthScheme::Bearer);
        assert_eq!(from_header("Basic dXNlcjpwYXNz"), AuthScheme::Basic);
        assert_eq!(
            from_header("Token {{key}}"),
            AuthScheme::ApiKeyHeader {
                name: "Authorization".to_owned()
            }
        );
    }

    #[test]
    fn kinds_map_to_schemes() {
        assert_eq!(scheme(None), None);
        assert_eq!(scheme(Some(&auth("noauth", &[]))), Some(AuthScheme::None));
        assert_eq!(scheme(Some(&auth("oauth2", &[]))), Some(AuthScheme::Bearer));
        assert_eq!(
            scheme(Some(&auth("bearer", &[("token", "t")]))),
            Some(AuthScheme::Bearer)
        );
        assert_eq!(scheme(Some(&auth("basic", &[]))), Some(AuthScheme::Basic));
        assert_eq!(
            scheme(Some(&auth(
                "apikey",
                &[("key", "api_key"), ("in", "query")]
            ))),
            Some(AuthScheme::ApiKeyQuery {
                name: "api_key".to_owned()
            })
        );
        assert_eq!(
            scheme(Some(&auth("apikey", &[("key", "Fastly-Key")]))),
            Some(AuthScheme::ApiKeyHeader {
                name: "Fastly-Key".to_owned()
            })
        );
        assert_eq!(
            scheme(Some(&auth("hawk", &[]))),
            Some(AuthScheme::Unsupported {
                kind: "hawk".to_owned()
            })
        );
    }
}
