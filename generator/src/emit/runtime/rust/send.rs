//! `Client::send`, the one function operations send with, and `execute`, which it shares with
//! custom requests: send a request and turn any response into a `Response<T>` or an `Error<E>`.

use super::*;

impl Client {
    /// Sends `request` and sorts the response by status: a 2xx goes to `decode`, any other
    /// status to `E::from_response`. Never panics, whatever the server answers.
    #[cfg(not(feature = "blocking"))]
    pub(crate) async fn send<T, E: ApiError>(
        &self,
        request: http::RequestBuilder,
        decode: Decoder<T>,
    ) -> ::std::result::Result<Response<T>, Error<E>> {
        execute(request, &self.headers, decode).await
    }

    /// Sends `request` and sorts the response by status: a 2xx goes to `decode`, any other
    /// status to `E::from_response`. Never panics, whatever the server answers.
    #[cfg(feature = "blocking")]
    pub(crate) fn send<T, E: ApiError>(
        &self,
        request: http::RequestBuilder,
        decode: Decoder<T>,
    ) -> ::std::result::Result<Response<T>, Error<E>> {
        execute(request, &self.headers, decode)
    }
}

/// Builds `request`, adds the `defaults` it does not set, sends it and sorts the response.
///
/// The request is built first, so that one reqwest refuses (an invalid URL, say) is an
/// `Error::InvalidRequest`, apart from the network's errors.
#[cfg(not(feature = "blocking"))]
pub(crate) async fn execute<T, E: ApiError>(
    request: http::RequestBuilder,
    defaults: &DefaultHeaders,
    decode: Decoder<T>,
) -> ::std::result::Result<Response<T>, Error<E>> {
    let (http, request) = request.build_split();
    let mut request = request.map_err(invalid_request)?;
    defaults.fill(request.headers_mut())?;
    let mut response = http.execute(request).await.map_err(transport)?;
    let status = response.status().as_u16();
    let headers = ::std::mem::take(response.headers_mut());
    let body = response.bytes().await.map_err(transport)?;
    sort_response(status, headers, ::std::vec::Vec::from(body), decode)
}

/// Builds `request`, adds the `defaults` it does not set, sends it and sorts the response.
///
/// The request is built first, so that one reqwest refuses (an invalid URL, say) is an
/// `Error::InvalidRequest`, apart from the network's errors.
#[cfg(feature = "blocking")]
pub(crate) fn execute<T, E: ApiError>(
    request: http::RequestBuilder,
    defaults: &DefaultHeaders,
    decode: Decoder<T>,
) -> ::std::result::Result<Response<T>, Error<E>> {
    let (http, request) = request.build_split();
    let mut request = request.map_err(invalid_request)?;
    defaults.fill(request.headers_mut())?;
    let mut response = http.execute(request).map_err(transport)?;
    let status = response.status().as_u16();
    let headers = ::std::mem::take(response.headers_mut());
    let body = response.bytes().map_err(transport)?;
    sort_response(status, headers, ::std::vec::Vec::from(body), decode)
}

/// A transport error without the URL's query, which may carry a key.
fn transport<E>(mut error: ::reqwest::Error) -> Error<E> {
    if let ::std::option::Option::Some(url) = error.url_mut() {
        url.set_query(::std::option::Option::None);
    }
    Error::Transport(error)
}

/// A request reqwest could not build, with the causes reqwest gives (its URL is left out:
/// the query may hold a key).
fn invalid_request<E>(error: ::reqwest::Error) -> Error<E> {
    let error = error.without_url();
    let mut message = ::std::string::ToString::to_string(&error);
    let mut source = ::std::error::Error::source(&error);
    while let ::std::option::Option::Some(cause) = source {
        message.push_str(": ");
        message.push_str(&::std::string::ToString::to_string(cause));
        source = ::std::error::Error::source(cause);
    }
    Error::InvalidRequest(::std::format!("the request cannot be built: {message}"))
}

/// The result of a call from its response's status, headers and body.
fn sort_response<T, E: ApiError>(
    status: u16,
    headers: ::reqwest::header::HeaderMap,
    body: ::std::vec::Vec<u8>,
    decode: Decoder<T>,
) -> ::std::result::Result<Response<T>, Error<E>> {
    if (200..300).contains(&status) {
        return match decode(status, &body) {
            ::std::option::Option::Some(::std::result::Result::Ok(value)) => {
                ::std::result::Result::Ok(Response::new(status, headers, value))
            }
            ::std::option::Option::Some(::std::result::Result::Err(source)) => {
                ::std::result::Result::Err(Error::Decode {
                    status,
                    body,
                    source,
                })
            }
            ::std::option::Option::None => ::std::result::Result::Err(Error::UnexpectedStatus {
                status,
                headers,
                body,
            }),
        };
    }
    let error_body = ErrorBody::from(body);
    match E::from_response(status, error_body.clone()) {
        ::std::option::Option::Some(error) => ::std::result::Result::Err(Error::Api {
            status,
            headers,
            error,
            body: error_body,
        }),
        ::std::option::Option::None => ::std::result::Result::Err(Error::UnexpectedStatus {
            status,
            headers,
            body: error_body.bytes().to_vec(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An operation documenting a 404.
    #[derive(Debug, PartialEq)]
    enum Documented {
        NotFound(ErrorBody),
    }

    impl ApiError for Documented {
        fn from_response(status: u16, body: ErrorBody) -> Option<Self> {
            (status == 404).then_some(Documented::NotFound(body))
        }
    }

    #[allow(clippy::result_large_err)] // As the blocking operations: `Error` holds the headers.
    fn sort(status: u16, body: &str) -> Result<Response<u8>, Error<Documented>> {
        let mut headers = ::reqwest::header::HeaderMap::new();
        headers.insert("x-request-id", "r1".parse().unwrap());
        let decode: Decoder<u8> =
            |status, body| (status != 299).then(|| ::serde_json::from_slice(body));
        sort_response(status, headers, body.as_bytes().to_vec(), decode)
    }

    #[test]
    fn a_success_is_the_decoded_body_with_status_and_headers() {
        let response = sort(201, "7").unwrap();
        assert_eq!((response.status(), *response), (201, 7));
        assert_eq!(response.headers()["x-request-id"], "r1");
        match sort(200, "nope") {
            Err(Error::Decode {
                status: 200, body, ..
            }) => assert_eq!(body, b"nope"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_success_status_the_decoder_does_not_know_is_unexpected() {
        match sort(299, "7") {
            Err(Error::UnexpectedStatus {
                status: 299,
                headers,
                ..
            }) => assert_eq!(headers["x-request-id"], "r1"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn error_statuses_are_documented_or_unexpected() {
        match sort(404, r#"{"message": "no"}"#) {
            Err(Error::Api {
                status: 404,
                headers,
                error: Documented::NotFound(variant_body),
                body,
            }) => {
                assert_eq!(body.message().as_deref(), Some("no"));
                assert_eq!(variant_body, body);
                assert_eq!(headers["x-request-id"], "r1");
            }
            other => panic!("{other:?}"),
        }
        match sort(500, "oops") {
            Err(Error::UnexpectedStatus {
                status: 500, body, ..
            }) => assert_eq!(body, b"oops"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_request_reqwest_cannot_build_says_why_without_its_url() {
        let error = http::Client::new()
            .get("http://127.0.0.1/?api_key=secret")
            .header("x", "a\nb")
            .build()
            .unwrap_err();
        match invalid_request::<()>(error) {
            Error::InvalidRequest(message) => {
                assert!(
                    message.starts_with("the request cannot be built: "),
                    "{message}"
                );
                assert!(!message.contains("secret"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
}
