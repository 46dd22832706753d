//! `header`, `checked_header` and `sensitive_header`: header values checked before a request is
//! built.
//!
//! reqwest records an invalid header value as an error that surfaces only when the request is
//! sent, as a transport error that does not say which header. A value with CR or LF must never
//! reach the wire (it would end the header and start another one), so operations and
//! credentials go through these checks and fail with `Error::InvalidRequest` naming the header.

use super::*;

/// Adds the header `name: value` (an operation's header argument) to `request`. A value
/// with CR, LF or another control character is refused, and nothing is sent.
pub(crate) fn header<E>(
    request: http::RequestBuilder,
    name: &str,
    value: &str,
) -> ::std::result::Result<http::RequestBuilder, Error<E>> {
    let (name, value) = checked_header(name, value)?;
    ::std::result::Result::Ok(request.header(name, value))
}

/// `name: value` as a header, or the error that says which header cannot be sent.
pub(crate) fn checked_header<E>(
    name: &str,
    value: &str,
) -> ::std::result::Result<
    (
        ::reqwest::header::HeaderName,
        ::reqwest::header::HeaderValue,
    ),
    Error<E>,
> {
    let header_name = header_name(name)?;
    let header_value = ::reqwest::header::HeaderValue::from_str(value).map_err(|_| {
        Error::InvalidRequest(::std::format!(
            "the value of the header `{name}` contains a line break or another control character, so the request was not sent",
        ))
    })?;
    ::std::result::Result::Ok((header_name, header_value))
}

/// `value` for the header `name`, marked sensitive (HTTP/2 does not compress it, and
/// reqwest's `Debug` hides it). `what` names the credential in the error; the value
/// itself never appears in an error.
pub(crate) fn sensitive_header<E>(
    name: &str,
    value: &str,
    what: &str,
) -> ::std::result::Result<
    (
        ::reqwest::header::HeaderName,
        ::reqwest::header::HeaderValue,
    ),
    Error<E>,
> {
    let header_name = header_name(name)?;
    let mut header_value = ::reqwest::header::HeaderValue::from_str(value).map_err(|_| {
        Error::InvalidRequest(::std::format!(
            "{what} contains a line break or another control character, so it cannot be sent in the header `{name}`; the request was not sent",
        ))
    })?;
    header_value.set_sensitive(true);
    ::std::result::Result::Ok((header_name, header_value))
}

/// `name` as a header name; the collection may hold names HTTP does not allow.
fn header_name<E>(name: &str) -> ::std::result::Result<::reqwest::header::HeaderName, Error<E>> {
    ::reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        Error::InvalidRequest(::std::format!(
            "`{name}` is not a valid HTTP header name, so the request was not sent",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> http::RequestBuilder {
        http::Client::new().get("http://127.0.0.1/")
    }

    fn invalid<T: ::std::fmt::Debug>(result: Result<T, Error<()>>) -> String {
        match result {
            Err(Error::InvalidRequest(message)) => message,
            other => panic!("expected InvalidRequest, got {other:?}"),
        }
    }

    #[test]
    fn header_arguments_are_checked_before_anything_is_sent() {
        let built = header::<()>(request(), "x-trace", "abc")
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(built.headers()["x-trace"], "abc");

        let message = invalid(header(request(), "x-trace", "a\r\nInjected: 1"));
        assert!(message.contains("`x-trace`"), "{message}");
        let message = invalid(header(request(), "bad name", "v"));
        assert!(message.contains("`bad name` is not a valid"), "{message}");
    }

    #[test]
    fn credentials_are_sensitive_and_never_in_errors() {
        let (name, value) =
            sensitive_header::<()>("authorization", "Bearer t", "the token").unwrap();
        assert_eq!(name, "authorization");
        assert!(value.is_sensitive());

        let message = invalid(sensitive_header("authorization", "secret\n", "the token"));
        assert!(
            message.starts_with("the token contains a line break"),
            "{message}"
        );
        assert!(!message.contains("secret"), "{message}");
    }
}
