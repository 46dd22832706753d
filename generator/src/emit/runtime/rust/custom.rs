//! Custom requests: any method, path or URL, with what the client sets on every request, for
//! what the collection does not describe (a `next` page link, an endpoint it lacks, a header
//! or a timeout for one call).

use super::*;

impl Client {
    /// Starts a request no operation makes: to `path_or_url` after the base URL
    /// (`"/users/me?fields=id"`), or to an absolute `http://` or `https://` URL as it is (the
    /// `next` link of a page).
    ///
    /// It carries the client's default headers ([`Client::with_header`], `User-Agent`) and
    /// timeout, and its bearer token (else its basic credentials) when it goes to the scheme,
    /// host and port of the base URL, never to another host. An API key goes only with the
    /// operations that name its header or parameter; add it with [`CustomRequest::header`] or
    /// [`CustomRequest::query`].
    pub fn custom_request(&self, method: ::reqwest::Method, path_or_url: &str) -> CustomRequest {
        let (url, same_origin) = custom_target(&self.base_url, path_or_url);
        let request = self.http.request(method, url);
        let request = if same_origin {
            with_bearer_or_basic(request, &self.bearer_token, &self.basic_auth)
        } else {
            ::std::result::Result::Ok(request)
        };
        CustomRequest {
            request,
            client: ::std::clone::Clone::clone(self),
        }
    }
}

/// Where a custom request goes, and whether the client's credentials may go with it (the base
/// URL's scheme, host and port).
fn custom_target(base: &str, path_or_url: &str) -> (::std::string::String, bool) {
    let scheme = |prefix: &str| {
        path_or_url
            .get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    };
    if !scheme("http://") && !scheme("https://") {
        let path = path_or_url.trim_start_matches('/');
        let url = ::std::format!("{}/{path}", base.trim_end_matches('/'));
        return (url, true);
    }
    let origin = |url: &str| ::reqwest::Url::parse(url).ok().map(|url| url.origin());
    let same_origin = match (origin(base), origin(path_or_url)) {
        (::std::option::Option::Some(base), ::std::option::Option::Some(url)) => base == url,
        _ => false,
    };
    (::std::borrow::ToOwned::to_owned(path_or_url), same_origin)
}

/// A request built by hand: see [`Client::custom_request`]. Set its headers, query, body and
/// timeout, then send it with [`send_json`](CustomRequest::send_json),
/// [`send_text`](CustomRequest::send_text), [`send_bytes`](CustomRequest::send_bytes) or
/// [`send_stream`](CustomRequest::send_stream).
///
/// A header that cannot be sent, or a body that cannot be serialized, fails the send with
/// [`Error::InvalidRequest`] and sends nothing. Any status but 2xx is an
/// [`Error::UnexpectedStatus`].
#[must_use = "a custom request is sent by one of its `send_` methods"]
pub struct CustomRequest {
    request: ::std::result::Result<http::RequestBuilder, Error>,
    /// The client it was started from (a cheap clone), whose settings it is sent with.
    client: Client,
}

impl CustomRequest {
    /// Sets the header `name: value`, in place of a default header or credentials of that
    /// name.
    pub fn header(self, name: &str, value: &str) -> Self {
        self.then(|request| {
            let (name, value) = checked_header(name, value)?;
            let mut headers = ::reqwest::header::HeaderMap::new();
            headers.insert(name, value);
            ::std::result::Result::Ok(request.headers(headers))
        })
    }

    /// Adds query parameters: anything serde serializes as pairs, e.g. `&[("page", "2")]` or a
    /// struct of `params`.
    pub fn query<Q: ::serde::Serialize + ?::std::marker::Sized>(self, query: &Q) -> Self {
        self.then(|request| ::std::result::Result::Ok(request.query(query)))
    }

    /// Sends `body` as JSON, with `Content-Type: application/json`.
    pub fn json<B: ::serde::Serialize + ?::std::marker::Sized>(self, body: &B) -> Self {
        self.then(|request| {
            let bytes = ::serde_json::to_vec(body).map_err(|error| {
                Error::InvalidRequest(::std::format!(
                    "the body cannot be serialized as JSON: {error}"
                ))
            })?;
            let mut headers = ::reqwest::header::HeaderMap::new();
            headers.insert(
                ::reqwest::header::CONTENT_TYPE,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            );
            ::std::result::Result::Ok(request.headers(headers).body(bytes))
        })
    }

    /// Sends `body` as it is; give its `Content-Type` with [`CustomRequest::header`].
    pub fn body(self, body: impl ::std::convert::Into<http::Body>) -> Self {
        self.then(|request| ::std::result::Result::Ok(request.body(body)))
    }

    /// Limits this request, from sending it to the end of the response body, to `timeout`,
    /// in place of the client's and of [`CallOptions::timeout`]; the only limit of
    /// [`send_stream`](CustomRequest::send_stream).
    pub fn timeout(self, timeout: ::std::time::Duration) -> Self {
        self.then(|request| ::std::result::Result::Ok(request.timeout(timeout)))
    }

    /// `change` applied to the request, unless an earlier step failed.
    fn then(
        self,
        change: impl ::std::ops::FnOnce(
            http::RequestBuilder,
        ) -> ::std::result::Result<http::RequestBuilder, Error>,
    ) -> Self {
        CustomRequest {
            request: self.request.and_then(change),
            client: self.client,
        }
    }
}

#[cfg(not(feature = "blocking"))]
impl CustomRequest {
    /// Sends the request and decodes a 2xx body as JSON into `T` (`serde_json::Value` for
    /// any JSON).
    pub async fn send_json<T: ::serde::de::DeserializeOwned>(
        self,
    ) -> ::std::result::Result<Response<T>, Error> {
        self.client.send(self.request, Call::CUSTOM, json).await
    }

    /// Sends the request and returns a 2xx body as text (invalid UTF-8 replaced).
    pub async fn send_text(self) -> ::std::result::Result<Response<::std::string::String>, Error> {
        self.client.send(self.request, Call::CUSTOM, text).await
    }

    /// Sends the request and returns a 2xx body as it is.
    pub async fn send_bytes(self) -> ::std::result::Result<Response<::std::vec::Vec<u8>>, Error> {
        self.client.send(self.request, Call::CUSTOM, bytes).await
    }

    /// Sends the request and gives a 2xx body as it arrives: see [`ByteStream`]. Only
    /// [`CustomRequest::timeout`] or [`CallOptions::timeout`] limit it, not the client's.
    pub async fn send_stream(self) -> ::std::result::Result<Response<ByteStream>, Error> {
        self.client.send_stream(self.request, Call::CUSTOM).await
    }
}

// `Error` holds the response's headers and body by value, in both clients; clippy weighs that
// only for a blocking `fn` (an `async fn` returns a future), as for the operations.
#[cfg(feature = "blocking")]
#[allow(clippy::result_large_err)]
impl CustomRequest {
    /// Sends the request and decodes a 2xx body as JSON into `T` (`serde_json::Value` for
    /// any JSON).
    pub fn send_json<T: ::serde::de::DeserializeOwned>(
        self,
    ) -> ::std::result::Result<Response<T>, Error> {
        self.client.send(self.request, Call::CUSTOM, json)
    }

    /// Sends the request and returns a 2xx body as text (invalid UTF-8 replaced).
    pub fn send_text(self) -> ::std::result::Result<Response<::std::string::String>, Error> {
        self.client.send(self.request, Call::CUSTOM, text)
    }

    /// Sends the request and returns a 2xx body as it is.
    pub fn send_bytes(self) -> ::std::result::Result<Response<::std::vec::Vec<u8>>, Error> {
        self.client.send(self.request, Call::CUSTOM, bytes)
    }

    /// Sends the request and gives a 2xx body as it arrives: see [`ByteStream`]. Only
    /// [`CustomRequest::timeout`] or [`CallOptions::timeout`] limit it, not the client's.
    pub fn send_stream(self) -> ::std::result::Result<Response<ByteStream>, Error> {
        self.client.send_stream(self.request, Call::CUSTOM)
    }
}

impl ::std::fmt::Debug for CustomRequest {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let mut debug = f.debug_struct("CustomRequest");
        match &self.request {
            ::std::result::Result::Ok(request) => debug.field("request", request),
            ::std::result::Result::Err(error) => debug.field("error", error),
        };
        debug.field("client", &self.client).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_goes_after_the_base_url_with_credentials() {
        let target = |path| custom_target("https://api.example.com/v2/", path);
        assert_eq!(
            target("/users/me?x=1"),
            ("https://api.example.com/v2/users/me?x=1".to_owned(), true)
        );
        assert_eq!(
            target("users"),
            ("https://api.example.com/v2/users".to_owned(), true)
        );
        // Never another host, however many slashes.
        assert_eq!(
            target("//evil.example/x"),
            ("https://api.example.com/v2/evil.example/x".to_owned(), true)
        );
    }

    #[test]
    fn an_absolute_url_gets_credentials_only_on_the_base_url_s_origin() {
        let base = "https://api.example.com/v2";
        assert_eq!(
            custom_target(base, "HTTPS://api.example.com:443/v3/next?page=2"),
            (
                "HTTPS://api.example.com:443/v3/next?page=2".to_owned(),
                true
            )
        );
        for other in [
            "https://uploads.example.com/v2",
            "http://api.example.com/v2",
            "https://api.example.com:8443/v2",
        ] {
            assert_eq!(custom_target(base, other), (other.to_owned(), false));
        }
    }
}
