//! `Error<E>`, `ErrorBody`, `DocumentedError`, the `ApiError` trait of operation error enums,
//! and `Undocumented`, the error type of requests that document no error: every generated crate
//! has all of them.

/// Every way a call can fail, kept apart so callers can match on what happened.
///
/// `E` is the operation's error enum: one variant per documented error status. Requests that
/// document none ([`Client::custom_request`]) have [`Undocumented`], the default.
///
/// `Display` reads as a message: the status with its reason, then the API's own message and
/// code when the body is JSON that has them (`HTTP 404 Not Found: No such user (code 1001)`),
/// else the start of the body. [`Error::status`], [`Error::headers`], [`Error::body`],
/// [`Error::body_json`] and [`Error::retry_after`] read the response whatever the variant.
#[derive(Debug)]
pub enum Error<E = Undocumented> {
    /// The server answered with an error status the operation documents.
    Api {
        /// The HTTP status.
        status: u16,
        /// The response headers.
        headers: ::reqwest::header::HeaderMap,
        /// The documented error.
        error: E,
        /// The response body.
        body: ErrorBody,
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
    /// A middleware ([`Client::with_middleware`]) failed the request, with this error.
    #[cfg(feature = "middleware")]
    Middleware(
        ::std::boxed::Box<dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync>,
    ),
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
            #[cfg(feature = "middleware")]
            Error::Middleware(_) => ::std::option::Option::None,
        }
    }

    /// The headers of an error response. (Not those of a success response whose body did not
    /// decode: `Error::Decode` leaves them out to keep every `Result` of this crate small.)
    pub fn headers(&self) -> ::std::option::Option<&::reqwest::header::HeaderMap> {
        match self {
            Error::Api { headers, .. } | Error::UnexpectedStatus { headers, .. } => {
                ::std::option::Option::Some(headers)
            }
            Error::Transport(_) | Error::Decode { .. } | Error::InvalidRequest(_) => {
                ::std::option::Option::None
            }
            #[cfg(feature = "middleware")]
            Error::Middleware(_) => ::std::option::Option::None,
        }
    }

    /// The body of the response, when there was one.
    pub fn body(&self) -> ::std::option::Option<&[u8]> {
        match self {
            Error::Api { body, .. } => ::std::option::Option::Some(body.bytes()),
            Error::UnexpectedStatus { body, .. } | Error::Decode { body, .. } => {
                ::std::option::Option::Some(body)
            }
            Error::Transport(_) | Error::InvalidRequest(_) => ::std::option::Option::None,
            #[cfg(feature = "middleware")]
            Error::Middleware(_) => ::std::option::Option::None,
        }
    }

    /// The body of the response as JSON decoded into `T`, typically the type `types` has for
    /// the operation's documented error body; `None` without a response or when the body is not
    /// a `T`.
    pub fn body_json<T: ::serde::de::DeserializeOwned>(&self) -> ::std::option::Option<T> {
        ::serde_json::from_slice(self.body()?).ok()
    }

    /// How long the server asks the client to wait before trying again: its `Retry-After`
    /// header, in seconds or as an HTTP date (then the time left until that date, zero once it
    /// has passed). `None` without the header or when it holds neither.
    pub fn retry_after(&self) -> ::std::option::Option<::std::time::Duration> {
        retry_after(self.headers()?)
    }
}

/// The wait a `Retry-After` header in `headers` asks for: seconds, or the time left until an
/// HTTP date (zero once it has passed). `None` without the header or when it holds neither.
pub(crate) fn retry_after(
    headers: &::reqwest::header::HeaderMap,
) -> ::std::option::Option<::std::time::Duration> {
    let value = headers
        .get(::reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let ::std::result::Result::Ok(seconds) = value.parse::<u64>() {
        return ::std::option::Option::Some(::std::time::Duration::from_secs(seconds));
    }
    let date = ::httpdate::parse_http_date(value).ok()?;
    ::std::option::Option::Some(
        date.duration_since(::std::time::SystemTime::now())
            .unwrap_or_default(),
    )
}

impl<E> ::std::convert::From<::reqwest::Error> for Error<E> {
    fn from(error: ::reqwest::Error) -> Self {
        Error::Transport(error)
    }
}

impl<E> ::std::fmt::Display for Error<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            Error::Api { status, body, .. } => {
                ::std::write!(f, "HTTP {}", status_line(*status))?;
                describe_body(f, body.bytes())
            }
            Error::UnexpectedStatus { status, body, .. } => {
                ::std::write!(f, "unexpected HTTP status {}", status_line(*status))?;
                describe_body(f, body)
            }
            Error::Transport(error) => ::std::fmt::Display::fmt(error, f),
            Error::Decode {
                status,
                body,
                source,
                ..
            } => {
                let body = ::std::string::String::from_utf8_lossy(body);
                ::std::write!(
                    f,
                    "unexpected body in the HTTP {status} response ({source}): {}",
                    excerpt(&body),
                )
            }
            Error::InvalidRequest(message) => ::std::write!(f, "invalid request: {message}"),
            #[cfg(feature = "middleware")]
            Error::Middleware(error) => ::std::write!(f, "middleware: {error}"),
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
            #[cfg(feature = "middleware")]
            Error::Middleware(error) => ::std::error::Error::source(&**error),
            _ => ::std::option::Option::None,
        }
    }
}

/// `404 Not Found`: the status, with its reason phrase when it has one.
fn status_line(status: u16) -> ::std::string::String {
    let reason = ::reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason());
    match reason {
        ::std::option::Option::Some(reason) => ::std::format!("{status} {reason}"),
        ::std::option::Option::None => ::std::string::ToString::to_string(&status),
    }
}

/// What an error body says, after the status: `: message (code 124)` when it is JSON with a
/// message or a code, else `: ` and the start of the body, or ` (empty body)`.
fn describe_body(f: &mut ::std::fmt::Formatter<'_>, body: &[u8]) -> ::std::fmt::Result {
    let json: ::std::option::Option<::serde_json::Value> = ::serde_json::from_slice(body).ok();
    let field = |names: &[&str]| json.as_ref().and_then(|json| json_field(json, names));
    match (field(MESSAGE_FIELDS), field(CODE_FIELDS)) {
        (::std::option::Option::Some(message), ::std::option::Option::Some(code)) => {
            ::std::write!(f, ": {} (code {})", excerpt(&message), excerpt(&code))
        }
        (::std::option::Option::Some(message), ::std::option::Option::None) => {
            ::std::write!(f, ": {}", excerpt(&message))
        }
        (::std::option::Option::None, ::std::option::Option::Some(code)) => {
            ::std::write!(f, ": code {}", excerpt(&code))
        }
        (::std::option::Option::None, ::std::option::Option::None) => {
            let text = ::std::string::String::from_utf8_lossy(body);
            if text.trim().is_empty() {
                f.write_str(" (empty body)")
            } else {
                ::std::write!(f, ": {}", excerpt(&text))
            }
        }
    }
}

/// The JSON fields an API's error code is found in.
const CODE_FIELDS: &[&str] = &["code", "error_code", "error"];

/// The JSON fields an API's error message is found in.
const MESSAGE_FIELDS: &[&str] = &["message", "detail", "error_description"];

/// The first of `names` that holds a string or number (rendered as text), at the top level of
/// `json` or inside its `error` object.
fn json_field(
    json: &::serde_json::Value,
    names: &[&str],
) -> ::std::option::Option<::std::string::String> {
    let nested = json.get("error");
    names.iter().find_map(|name| {
        let value = json.get(name).or_else(|| nested?.get(name))?;
        match value {
            ::serde_json::Value::String(text) => ::std::option::Option::Some(text.clone()),
            ::serde_json::Value::Number(number) => {
                ::std::option::Option::Some(::std::string::ToString::to_string(number))
            }
            _ => ::std::option::Option::None,
        }
    })
}

/// The body of an error response, raw, with helpers for the common JSON shapes. Cloning it is
/// cheap: clones share the bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct ErrorBody {
    bytes: ::std::sync::Arc<[u8]>,
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

    /// The body as JSON decoded into `T`, typically the type `types` has for the documented
    /// error body (named in the docs of the error's variant).
    pub fn decode<T: ::serde::de::DeserializeOwned>(
        &self,
    ) -> ::std::result::Result<T, ::serde_json::Error> {
        ::serde_json::from_slice(&self.bytes)
    }

    /// The API's error code: the JSON field `code`, `error_code` or (OAuth's) `error`, at the
    /// top level or inside an `error` object; numbers are rendered as text (`{"code": 124}` →
    /// `"124"`).
    pub fn code(&self) -> ::std::option::Option<::std::string::String> {
        json_field(&self.json()?, CODE_FIELDS)
    }

    /// The error message: the JSON field `message`, `detail` or `error_description`, at
    /// the top level or inside an `error` object.
    pub fn message(&self) -> ::std::option::Option<::std::string::String> {
        json_field(&self.json()?, MESSAGE_FIELDS)
    }
}

impl ::std::default::Default for ErrorBody {
    fn default() -> Self {
        ErrorBody::from(::std::vec::Vec::new())
    }
}

impl ::std::convert::From<::std::vec::Vec<u8>> for ErrorBody {
    fn from(bytes: ::std::vec::Vec<u8>) -> Self {
        ErrorBody {
            bytes: ::std::sync::Arc::from(bytes),
        }
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

/// The error type of a request that documents no error status: it has no values, so every
/// error status is an [`Error::UnexpectedStatus`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Undocumented {}

impl Undocumented {
    /// The documented `(status, code, message)` triples: none, as for every error enum.
    pub const DOCUMENTED: &'static [DocumentedError] = &[];
}

impl ApiError for Undocumented {
    fn from_response(_status: u16, _body: ErrorBody) -> ::std::option::Option<Self> {
        ::std::option::Option::None
    }
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

    fn headers(pairs: &[(&'static str, &str)]) -> ::reqwest::header::HeaderMap {
        let mut headers = ::reqwest::header::HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, value.parse().unwrap());
        }
        headers
    }

    fn api(status: u16, text: &str) -> Error<()> {
        Error::Api {
            status,
            headers: headers(&[]),
            error: (),
            body: body(text),
        }
    }

    fn unexpected(status: u16, pairs: &[(&'static str, &str)], text: &str) -> Error {
        Error::UnexpectedStatus {
            status,
            headers: headers(pairs),
            body: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn code_and_message_come_from_the_top_level_or_an_error_object() {
        let top = body(r#"{"code": 124, "message": "Invalid access token."}"#);
        assert_eq!(top.code().as_deref(), Some("124"));
        assert_eq!(top.message().as_deref(), Some("Invalid access token."));

        let nested = body(r#"{"error": {"error_code": "E1", "detail": "gone"}}"#);
        assert_eq!(nested.code().as_deref(), Some("E1"));
        assert_eq!(nested.message().as_deref(), Some("gone"));

        let oauth = body(r#"{"error": "invalid_grant", "error_description": "expired"}"#);
        assert_eq!(oauth.code().as_deref(), Some("invalid_grant"));
        assert_eq!(oauth.message().as_deref(), Some("expired"));

        let not_json = body("<html>bad gateway</html>");
        assert_eq!(not_json.code(), None);
        assert_eq!(not_json.json(), None);
        assert_eq!(not_json.text(), "<html>bad gateway</html>");
        assert_eq!(ErrorBody::default().bytes(), b"");
    }

    #[test]
    fn a_body_decodes_into_its_documented_type() {
        #[derive(Debug, PartialEq, ::serde::Deserialize)]
        struct NotFound {
            message: String,
        }
        let error = api(404, r#"{"message": "no such user"}"#);
        let expected = NotFound {
            message: "no such user".to_owned(),
        };
        assert_eq!(error.body_json::<NotFound>().as_ref(), Some(&expected));
        if let Error::Api { body, .. } = &error {
            assert_eq!(body.decode::<NotFound>().unwrap(), expected);
        }
        assert_eq!(api(404, "[]").body_json::<NotFound>(), None);
        assert_eq!(Error::<()>::InvalidRequest(String::new()).body(), None);
    }

    #[test]
    fn display_reads_as_a_message() {
        let cases = [
            (
                api(404, r#"{"code": 1001, "message": "No such user."}"#),
                "HTTP 404 Not Found: No such user. (code 1001)",
            ),
            (
                api(422, r#"{"error": {"message": "Bad email"}}"#),
                "HTTP 422 Unprocessable Entity: Bad email",
            ),
            (
                api(409, r#"{"code": "conflict"}"#),
                "HTTP 409 Conflict: code conflict",
            ),
            (api(599, "  upstream down \n"), "HTTP 599: upstream down"),
            (api(500, ""), "HTTP 500 Internal Server Error (empty body)"),
        ];
        for (error, message) in cases {
            assert_eq!(error.to_string(), message);
        }
        assert_eq!(
            unexpected(503, &[], r#"{"message": "down"}"#).to_string(),
            "unexpected HTTP status 503 Service Unavailable: down"
        );
        let invalid: Error<()> = Error::InvalidRequest("no URL".to_owned());
        assert_eq!(invalid.to_string(), "invalid request: no URL");
        let source = ::serde_json::from_slice::<u8>(b"[]").unwrap_err();
        let decode: Error<()> = Error::Decode {
            status: 200,
            body: b"[]".to_vec(),
            source,
        };
        let text = decode.to_string();
        assert!(
            text.starts_with("unexpected body in the HTTP 200 response ("),
            "{text}"
        );
        assert!(text.ends_with("): []"), "{text}");
    }

    #[test]
    fn accessors_read_the_response_whatever_the_variant() {
        let error = unexpected(
            429,
            &[("retry-after", "120"), ("x-request-id", "r1")],
            "slow",
        );
        assert_eq!(error.status(), Some(429));
        assert_eq!(error.headers().unwrap()["x-request-id"], "r1");
        assert_eq!(error.body(), Some(&b"slow"[..]));
        assert_eq!(
            error.retry_after(),
            Some(::std::time::Duration::from_secs(120))
        );
        let invalid: Error<()> = Error::InvalidRequest(String::new());
        assert_eq!(
            (invalid.status(), invalid.headers().is_none()),
            (None, true)
        );
    }

    #[test]
    fn retry_after_reads_an_http_date() {
        let past = unexpected(503, &[("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT")], "");
        assert_eq!(past.retry_after(), Some(::std::time::Duration::ZERO));
        // Far enough ahead that no clock reaches it while the test runs.
        let future = unexpected(503, &[("retry-after", "Fri, 31 Dec 9999 23:59:59 GMT")], "");
        let wait = future.retry_after().expect("a date");
        assert!(wait > ::std::time::Duration::from_secs(60 * 60 * 24 * 365 * 1000));
        for value in ["soon", "-1", ""] {
            let error = unexpected(503, &[("retry-after", value)], "");
            assert_eq!(error.retry_after(), None, "{value:?}");
        }
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
    fn undocumented_takes_no_status() {
        assert_eq!(Undocumented::from_response(404, body("x")), None);
    }
}
