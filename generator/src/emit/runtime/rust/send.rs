//! What `Client::send` does with a request and its response, apart from sending: the errors
//! of a request that cannot be built or sent, and the sorting of a response by status.

use super::*;

/// A transport error without the URL's query, which may carry the API key.
fn transport<E>(mut error: ::reqwest::Error) -> Error<E> {
    if let ::std::option::Option::Some(url) = error.url_mut() {
        url.set_query(::std::option::Option::None);
    }
    Error::Transport(error)
}

/// A request reqwest could not build, with the causes reqwest gives (its URL is left out:
/// the query may hold an API key).
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
) -> ::std::result::Result<T, Error<E>> {
    if (200..300).contains(&status) {
        return match decode(status, &body) {
            ::std::option::Option::Some(::std::result::Result::Ok(value)) => {
                ::std::result::Result::Ok(value)
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
    match E::from_response(status, ErrorBody::from(body.clone())) {
        ::std::option::Option::Some(error) => ::std::result::Result::Err(Error::Api {
            status,
            headers,
            error,
        }),
        ::std::option::Option::None => ::std::result::Result::Err(Error::UnexpectedStatus {
            status,
            headers,
            body,
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

    fn sort(status: u16, body: &str) -> Result<u8, Error<Documented>> {
        let mut headers = ::reqwest::header::HeaderMap::new();
        headers.insert("x-request-id", "r1".parse().unwrap());
        let decode: Decoder<u8> =
            |status, body| (status != 299).then(|| ::serde_json::from_slice(body));
        sort_response(status, headers, body.as_bytes().to_vec(), decode)
    }

    #[test]
    fn a_success_is_decoded_or_a_decode_error() {
        assert_eq!(sort(200, "7").unwrap(), 7);
        match sort(201, "nope") {
            Err(Error::Decode {
                status: 201, body, ..
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
            }) => {
                assert_eq!(headers["x-request-id"], "r1");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn error_statuses_are_documented_or_unexpected() {
        match sort(404, r#"{"message": "no"}"#) {
            Err(Error::Api {
                status: 404,
                headers,
                error: Documented::NotFound(body),
            }) => {
                assert_eq!(body.message().as_deref(), Some("no"));
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
