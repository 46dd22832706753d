//! `DefaultHeaders`: the headers every request of a client carries unless it sets them itself.

use super::*;

/// The headers sent with every request that does not set them itself: `User-Agent` (this
/// crate's name and version) and those of `Client::with_header`.
#[derive(Clone)]
pub(crate) struct DefaultHeaders {
    headers: ::reqwest::header::HeaderMap,
    /// Why the first header `Client::with_header` was given cannot be sent: every request then
    /// fails with it, as `with_header` has no way to say so itself.
    invalid: ::std::option::Option<::std::string::String>,
}

impl DefaultHeaders {
    /// `User-Agent: <crate name>/<version>`.
    pub(crate) fn new() -> Self {
        let mut headers = ::reqwest::header::HeaderMap::new();
        headers.insert(
            ::reqwest::header::USER_AGENT,
            ::reqwest::header::HeaderValue::from_static(::std::concat!(
                ::std::env!("CARGO_PKG_NAME"),
                "/",
                ::std::env!("CARGO_PKG_VERSION"),
            )),
        );
        DefaultHeaders {
            headers,
            invalid: ::std::option::Option::None,
        }
    }

    /// Sets `name: value`, replacing an earlier value of `name`, or records why it cannot be
    /// sent. The value is marked sensitive, as it may be a key.
    pub(crate) fn insert(&mut self, name: &str, value: &str) {
        match given_header(name, value, "Client::with_header") {
            ::std::result::Result::Ok((name, value)) => {
                self.headers.insert(name, value);
            }
            ::std::result::Result::Err(problem) => {
                self.invalid.get_or_insert(problem);
            }
        }
    }

    /// Adds to `headers` the default headers it does not have; fails, before anything is
    /// sent, when a header given to `Client::with_header` cannot be sent.
    pub(crate) fn fill<E>(
        &self,
        headers: &mut ::reqwest::header::HeaderMap,
    ) -> ::std::result::Result<(), Error<E>> {
        refuse_invalid(&self.invalid)?;
        for (name, value) in &self.headers {
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
        ::std::result::Result::Ok(())
    }
}

/// The names only: values may be keys.
impl ::std::fmt::Debug for DefaultHeaders {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_list().entries(self.headers.keys()).finish()
    }
}

/// `name: value`, given to the client's `setter` (`Client::with_header`,
/// `CallOptions::header`), as a header marked sensitive (it may be a key), or why HTTP does
/// not allow it: the setter cannot say so itself, so its requests fail with the reason later.
pub(crate) fn given_header(
    name: &str,
    value: &str,
    setter: &str,
) -> ::std::result::Result<
    (
        ::reqwest::header::HeaderName,
        ::reqwest::header::HeaderValue,
    ),
    ::std::string::String,
> {
    let header_name = ::reqwest::header::HeaderName::from_bytes(name.as_bytes());
    let header_value = ::reqwest::header::HeaderValue::from_str(value);
    match (header_name, header_value) {
        (::std::result::Result::Ok(name), ::std::result::Result::Ok(mut value)) => {
            value.set_sensitive(true);
            ::std::result::Result::Ok((name, value))
        }
        (::std::result::Result::Err(_), _) => ::std::result::Result::Err(::std::format!(
            "`{name}`, set with `{setter}`, is not a valid HTTP header name"
        )),
        (_, ::std::result::Result::Err(_)) => ::std::result::Result::Err(::std::format!(
            "the value of the header `{name}`, set with `{setter}`, contains a line break or another control character"
        )),
    }
}

/// Fails, before anything is sent, with the first header a setter could not take.
pub(crate) fn refuse_invalid<E>(
    invalid: &::std::option::Option<::std::string::String>,
) -> ::std::result::Result<(), Error<E>> {
    match invalid {
        ::std::option::Option::Some(problem) => ::std::result::Result::Err(Error::InvalidRequest(
            ::std::format!("{problem}, so the request was not sent"),
        )),
        ::std::option::Option::None => ::std::result::Result::Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_only_what_a_request_does_not_set() {
        let mut defaults = DefaultHeaders::new();
        defaults.insert("accept", "application/vnd.github+json");
        defaults.insert("x-api-key", "k1");
        defaults.insert("x-api-key", "k2");
        let mut headers = ::reqwest::header::HeaderMap::new();
        headers.insert("accept", "text/plain".parse().unwrap());
        defaults.fill::<()>(&mut headers).unwrap();
        assert_eq!(headers["accept"], "text/plain");
        assert_eq!(headers["x-api-key"], "k2");
        assert!(headers["x-api-key"].is_sensitive());
        assert!(
            headers["user-agent"]
                .to_str()
                .unwrap()
                .starts_with("runtime-sources/")
        );
        assert_eq!(
            format!("{defaults:?}"),
            r#"["user-agent", "accept", "x-api-key"]"#
        );
    }

    #[test]
    fn an_invalid_header_fails_every_request_naming_it() {
        let mut defaults = DefaultHeaders::new();
        defaults.insert("x-ok", "fine");
        defaults.insert("x-bad", "a\r\nb");
        defaults.insert("bad name", "v");
        let mut headers = ::reqwest::header::HeaderMap::new();
        match defaults.fill::<()>(&mut headers) {
            Err(Error::InvalidRequest(message)) => {
                assert!(
                    message.starts_with("the value of the header `x-bad`"),
                    "{message}"
                );
                assert!(
                    message.ends_with("so the request was not sent"),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
