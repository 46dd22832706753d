//! `Error<E>`, `ErrorBody`, `DocumentedError` and the `ApiError` trait of operation error
//! enums: every generated crate has all of them.

/// Every way a call can fail, kept apart so callers can match on what happened.
///
/// `E` is the operation's error enum: one variant per documented error status.
#[derive(Debug)]
pub enum Error<E> {
    /// The server answered with an error status the operation documents.
    Api {
        /// The HTTP status.
        status: u16,
        /// The response headers.
        headers: ::reqwest::header::HeaderMap,
        /// The documented error, with the response body.
        error: E,
    },
    /// The server answered with a status the operation does not document.
    UnexpectedStatus {
        /// The HTTP status.
        status: u16,
        /// The response headers.
        headers: ::reqwest::header::HeaderMap,
        /// The raw response body.
        body: ::std::vec::Vec<u8>,
    },
    /// The request could not be sent or the response not read: connection, TLS, timeout.
    Transport(::reqwest::Error),
    /// A success response whose body does not match the expected type.
    Decode {
        /// The HTTP status.
        status: u16,
        /// The raw response body.
        body: ::std::vec::Vec<u8>,
        /// What did not match.
        source: ::serde_json::Error,
    },
    /// The arguments or the client's settings cannot be turned into a request (a header
    /// value or credential with a line break, a path parameter that is `.` or `..`, an
    /// invalid MIME type or base URL); nothing was sent.
    InvalidRequest(::std::string::String),
}

impl<E> Error<E> {
    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> ::std::option::Option<u16> {
        match self {
            Error::Api { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::Decode { status, .. } => ::std::option::Option::Some(*status),
            Error::Transport(error) => error.status().map(|status| status.as_u16()),
            Error::InvalidRequest(_) => ::std::option::Option::None,
        }
    }
}

impl<E> ::std::convert::From<::reqwest::Error> for Error<E> {
    fn from(error: ::reqwest::Error) -> Self {
        Error::Transport(error)
    }
}

impl<E: ::std::fmt::Debug> ::std::fmt::Display for Error<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            Error::Api { status, error, .. } => {
                let error = ::std::format!("{error:?}");
                ::std::write!(f, "HTTP {status}: {}", excerpt(&error))
            }
            Error::UnexpectedStatus { status, body, .. } => {
                let body = ::std::string::String::from_utf8_lossy(body);
                if body.trim().is_empty() {
                    ::std::write!(f, "unexpected HTTP status {status} (empty body)")
                } else {
                    ::std::write!(f, "unexpected HTTP status {status}: {}", excerpt(&body))
                }
            }
            Error::Transport(error) => ::std::fmt::Display::fmt(error, f),
            Error::Decode {
                status,
                body,
                source,
            } => {
                let body = ::std::string::String::from_utf8_lossy(body);
                ::std::write!(
                    f,
                    "unexpected body in the HTTP {status} response ({source}): {}",
                    excerpt(&body),
                )
            }
            Error::InvalidRequest(message) => ::std::write!(f, "invalid request: {message}"),
        }
    }
}

/// The message of a wrapped error is part of `Display`, so `source` continues with that
/// error's own source.
impl<E: ::std::fmt::Debug> ::std::error::Error for Error<E> {
    fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            Error::Transport(error) => ::std::error::Error::source(error),
            Error::Decode { source, .. } => ::std::error::Error::source(source),
            _ => ::std::option::Option::None,
        }
    }
}

/// The body of an error response, raw, with helpers for the common JSON shapes.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct ErrorBody {
    bytes: ::std::vec::Vec<u8>,
}

impl ErrorBody {
    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> ::std::string::String {
        ::std::string::String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// The raw body.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The body as JSON, if it is JSON.
    pub fn json(&self) -> ::std::option::Option<::serde_json::Value> {
        ::serde_json::from_slice(&self.bytes).ok()
    }

    /// The API's error code: the JSON field `code` or `error_code`, at the top level or
    /// inside an `error` object; numbers are rendered as text (`{"code": 124}` → `"124"`).
    pub fn code(&self) -> ::std::option::Option<::std::string::String> {
        self.field(&["code", "error_code"])
    }

    /// The error message: the JSON field `message`, `detail` or `error_description`, at
    /// the top level or inside an `error` object.
    pub fn message(&self) -> ::std::option::Option<::std::string::String> {
        self.field(&["message", "detail", "error_description"])
    }

    /// The first of `names` that holds a string or number.
    fn field(&self, names: &[&str]) -> ::std::option::Option<::std::string::String> {
        let json = self.json()?;
        let nested = json.get("error");
        names.iter().find_map(|name| {
            let value = json.get(name).or_else(|| nested?.get(name))?;
            match value {
                ::serde_json::Value::String(text) => ::std::option::Option::Some(text.clone()),
                ::serde_json::Value::Number(number) => {
                    ::std::option::Option::Some(number.to_string())
                }
                _ => ::std::option::Option::None,
            }
        })
    }
}

impl ::std::convert::From<::std::vec::Vec<u8>> for ErrorBody {
    fn from(bytes: ::std::vec::Vec<u8>) -> Self {
        ErrorBody { bytes }
    }
}

impl ::std::fmt::Debug for ErrorBody {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_tuple("ErrorBody")
            .field(&::std::string::String::from_utf8_lossy(&self.bytes))
            .finish()
    }
}

/// An error the collection documents for an operation: its status, the API's own error
/// code and message. Operation error enums list theirs in `DOCUMENTED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocumentedError {
    /// The HTTP status.
    pub status: u16,
    /// The API's error code, as text (`"124"`); empty when none is documented.
    pub code: &'static str,
    /// The documented message; empty when none is documented.
    pub message: &'static str,
}

/// The error enum of one operation: one variant per documented error status.
pub trait ApiError: ::std::marker::Sized {
    /// The variant for a documented error `status`, `None` for any other status.
    fn from_response(status: u16, body: ErrorBody) -> ::std::option::Option<Self>;
}

/// At most 200 characters of `text`, trimmed, for error messages.
fn excerpt(text: &str) -> ::std::string::String {
    const MAX: usize = 200;
    let text = text.trim();
    let mut short: ::std::string::String = text.chars().take(MAX).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> ErrorBody {
        ErrorBody::from(text.as_bytes().to_vec())
    }

    #[test]
    fn code_and_message_come_from_the_top_level_or_an_error_object() {
        let top = body(r#"{"code": 124, "message": "Invalid access token."}"#);
        assert_eq!(top.code().as_deref(), Some("124"));
        assert_eq!(top.message().as_deref(), Some("Invalid access token."));

        let nested = body(r#"{"error": {"error_code": "E1", "detail": "gone"}}"#);
        assert_eq!(nested.code().as_deref(), Some("E1"));
        assert_eq!(nested.message().as_deref(), Some("gone"));

        let not_json = body("<html>bad gateway</html>");
        assert_eq!(not_json.code(), None);
        assert_eq!(not_json.json(), None);
        assert_eq!(not_json.text(), "<html>bad gateway</html>");
    }

    #[test]
    fn fields_that_are_neither_text_nor_numbers_are_no_code() {
        let object = body(r#"{"code": {"value": 1}, "message": ["a"]}"#);
        assert_eq!(object.code(), None);
        assert_eq!(object.message(), None);
    }

    #[test]
    fn excerpt_trims_and_cuts_at_200_characters() {
        assert_eq!(excerpt("  short \n"), "short");
        let long = "é".repeat(250);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), 201);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn display_says_what_happened() {
        let unexpected: Error<()> = Error::UnexpectedStatus {
            status: 502,
            headers: ::reqwest::header::HeaderMap::new(),
            body: b"  ".to_vec(),
        };
        assert_eq!(
            unexpected.to_string(),
            "unexpected HTTP status 502 (empty body)"
        );
        assert_eq!(unexpected.status(), Some(502));

        let invalid: Error<()> = Error::InvalidRequest("no URL".to_owned());
        assert_eq!(invalid.to_string(), "invalid request: no URL");
        assert_eq!(invalid.status(), None);

        let source = ::serde_json::from_slice::<u8>(b"[]").unwrap_err();
        let decode: Error<()> = Error::Decode {
            status: 200,
            body: b"[]".to_vec(),
            source,
        };
        assert!(
            decode
                .to_string()
                .starts_with("unexpected body in the HTTP 200 response ("),
            "{decode}"
        );
    }
}
