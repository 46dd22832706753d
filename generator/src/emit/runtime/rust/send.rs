//! `Client::send`, the one function operations send with, `Client::send_stream` for the
//! `_stream` twin of a download, and what they share with custom requests: `Client::receive`
//! and `Client::transmit`, which send a request with the client's settings and the call's
//! options, and the sorting of any response into a `Response<T>` or an `Error<E>`.
//!
//! `receive` and `transmit` are not generic: one copy of them serves every operation. What
//! depends on the operation (its success type, its error enum) comes after, in small generic
//! functions: `sort_response` (in the async client, when its [`Pending`] is polled).

use super::*;

/// What an operation tells the client about itself: its name and path template, for the
/// `tracing` span of its calls.
#[derive(Debug, Clone, Copy)]
// Read only by the `tracing` span, which a crate without its `tracing` feature leaves out.
#[allow(dead_code)]
pub(crate) struct Call {
    /// The operation's function name, e.g. `"get_user"`.
    pub(crate) operation: &'static str,
    /// Its path as the collection writes it, e.g. `"/users/{id}"`: the same for every call,
    /// unlike the URL; empty for a custom request.
    pub(crate) path: &'static str,
}

impl Call {
    /// A custom request: no operation, no path template.
    pub(crate) const CUSTOM: Call = Call::new("custom_request", "");

    /// The call of the operation `operation`, whose path template is `path`.
    pub(crate) const fn new(operation: &'static str, path: &'static str) -> Call {
        Call { operation, path }
    }
}

/// How much of a response the call reads: whole (then the client's timeout limits it), or as a
/// stream (then only the call's own timeout does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    Whole,
    Stream,
}

/// The request an operation built, or why it could not be built (a path parameter, header or
/// body that cannot be sent): built synchronously, with `?`, before anything is sent.
pub(crate) type BuiltRequest = ::std::result::Result<http::RequestBuilder, Error<Undocumented>>;

/// A request's path as `path_of!` gives it, or why it cannot be sent: `Client::request` takes
/// it as it is, and the request it starts keeps the error.
pub(crate) type BuiltPath = ::std::result::Result<::std::string::String, Error<Undocumented>>;

/// A response read whole: what sorting it into a call's result takes.
pub(crate) struct Received {
    pub(crate) status: u16,
    pub(crate) headers: ::reqwest::header::HeaderMap,
    pub(crate) body: ::std::vec::Vec<u8>,
}

/// A response whose 2xx body is read as it arrives: that body, or an error status read whole.
pub(crate) enum Streamed {
    Body(Response<ByteStream>),
    Refused(Received),
}

impl Streamed {
    /// The 2xx body, or the error status sorted into the operation's `Error<E>`.
    pub(crate) fn sorted<E: ApiError>(
        self,
    ) -> ::std::result::Result<Response<ByteStream>, Error<E>> {
        match self {
            Streamed::Body(response) => ::std::result::Result::Ok(response),
            Streamed::Refused(received) => ::std::result::Result::Err(error_response(received)),
        }
    }
}

impl Client {
    /// Sends `request` and sorts the response by status: a 2xx goes to `decode`, any other
    /// status to `E::from_response`. Never panics, whatever the server answers.
    ///
    /// Only the returned [`Pending`] is generic; sending and reading the response is one
    /// function for every operation.
    #[cfg(not(feature = "blocking"))]
    pub(crate) fn send<T, E: ApiError>(
        &self,
        request: BuiltRequest,
        call: Call,
        decode: Decoder<T>,
    ) -> Pending<'_, T, E> {
        Pending::new(::std::boxed::Box::pin(self.receive(request, call)), decode)
    }

    /// Sends `request` and sorts the response by status: a 2xx goes to `decode`, any other
    /// status to `E::from_response`. Never panics, whatever the server answers.
    #[cfg(feature = "blocking")]
    pub(crate) fn send<T, E: ApiError>(
        &self,
        request: BuiltRequest,
        call: Call,
        decode: Decoder<T>,
    ) -> ::std::result::Result<Response<T>, Error<E>> {
        sort_response(self.receive(request, call).map_err(widen)?, decode)
    }

    /// Sends `request` and gives a 2xx body as a [`ByteStream`]; an error status is read whole
    /// and sorted as by [`Client::send`].
    #[cfg(not(feature = "blocking"))]
    pub(crate) fn send_stream<E: ApiError>(
        &self,
        request: BuiltRequest,
        call: Call,
    ) -> PendingStream<'_, E> {
        PendingStream::new(::std::boxed::Box::pin(self.receive_stream(request, call)))
    }

    /// Sends `request` and gives a 2xx body as a [`ByteStream`]; an error status is read whole
    /// and sorted as by [`Client::send`].
    #[cfg(feature = "blocking")]
    pub(crate) fn send_stream<E: ApiError>(
        &self,
        request: BuiltRequest,
        call: Call,
    ) -> ::std::result::Result<Response<ByteStream>, Error<E>> {
        self.receive_stream(request, call).map_err(widen)?.sorted()
    }

    /// Sends `request` and reads the response whole, whatever its status.
    #[cfg(not(feature = "blocking"))]
    pub(crate) async fn receive(
        &self,
        request: BuiltRequest,
        call: Call,
    ) -> ::std::result::Result<Received, Error<Undocumented>> {
        let mut response = self.transmit(request?, call, Reading::Whole).await?;
        let status = response.status().as_u16();
        let headers = ::std::mem::take(response.headers_mut());
        let body = response.bytes().await.map_err(transport)?;
        ::std::result::Result::Ok(Received {
            status,
            headers,
            body: ::std::vec::Vec::from(body),
        })
    }

    /// Sends `request` and reads the response whole, whatever its status.
    #[cfg(feature = "blocking")]
    pub(crate) fn receive(
        &self,
        request: BuiltRequest,
        call: Call,
    ) -> ::std::result::Result<Received, Error<Undocumented>> {
        let mut response = self.transmit(request?, call, Reading::Whole)?;
        let status = response.status().as_u16();
        let headers = ::std::mem::take(response.headers_mut());
        let body = response.bytes().map_err(transport)?;
        ::std::result::Result::Ok(Received {
            status,
            headers,
            body: ::std::vec::Vec::from(body),
        })
    }

    /// Sends `request`; a 2xx body is left to read as it arrives, another is read whole.
    #[cfg(not(feature = "blocking"))]
    async fn receive_stream(
        &self,
        request: BuiltRequest,
        call: Call,
    ) -> ::std::result::Result<Streamed, Error<Undocumented>> {
        let mut response = self.transmit(request?, call, Reading::Stream).await?;
        let status = response.status().as_u16();
        let headers = ::std::mem::take(response.headers_mut());
        if response.status().is_success() {
            let body = ByteStream::new(response);
            return ::std::result::Result::Ok(Streamed::Body(Response::new(status, headers, body)));
        }
        let body = response.bytes().await.map_err(transport)?;
        ::std::result::Result::Ok(Streamed::Refused(Received {
            status,
            headers,
            body: ::std::vec::Vec::from(body),
        }))
    }

    /// Sends `request`; a 2xx body is left to read as it arrives, another is read whole.
    #[cfg(feature = "blocking")]
    fn receive_stream(
        &self,
        request: BuiltRequest,
        call: Call,
    ) -> ::std::result::Result<Streamed, Error<Undocumented>> {
        let mut response = self.transmit(request?, call, Reading::Stream)?;
        let status = response.status().as_u16();
        let headers = ::std::mem::take(response.headers_mut());
        if response.status().is_success() {
            let body = ByteStream::new(response);
            return ::std::result::Result::Ok(Streamed::Body(Response::new(status, headers, body)));
        }
        let body = response.bytes().map_err(transport)?;
        ::std::result::Result::Ok(Streamed::Refused(Received {
            status,
            headers,
            body: ::std::vec::Vec::from(body),
        }))
    }

    /// Builds `request` with the call's option headers (in place of its own), the default
    /// headers it does not set and its timeout, and sends it, again as the retry policy says,
    /// inside the call's `tracing` span.
    ///
    /// The request is built first, so that one reqwest refuses (an invalid URL, say) is an
    /// `Error::InvalidRequest`, apart from the network's errors.
    #[cfg(not(feature = "blocking"))]
    pub(crate) async fn transmit(
        &self,
        request: http::RequestBuilder,
        call: Call,
        reading: Reading,
    ) -> Sent {
        let (http, request) = request.build_split();
        let request = prepare(self, request, reading)?;
        let trace = Trace::start(call, request.method());
        trace
            .instrument(self.attempts(&http, request, &trace))
            .await
    }

    /// Builds `request` with the call's option headers (in place of its own), the default
    /// headers it does not set and its timeout, and sends it, again as the retry policy says,
    /// inside the call's `tracing` span.
    ///
    /// The request is built first, so that one reqwest refuses (an invalid URL, say) is an
    /// `Error::InvalidRequest`, apart from the network's errors.
    #[cfg(feature = "blocking")]
    pub(crate) fn transmit(
        &self,
        request: http::RequestBuilder,
        call: Call,
        reading: Reading,
    ) -> Sent {
        let (http, request) = request.build_split();
        let request = prepare(self, request, reading)?;
        let trace = Trace::start(call, request.method());
        trace.in_scope(|| self.attempts(&http, request, &trace))
    }

    /// Sends `request` with `http`, again as the retry policy says.
    #[cfg(not(feature = "blocking"))]
    async fn attempts(
        &self,
        http: &http::Client,
        mut request: http::Request,
        trace: &Trace,
    ) -> Sent {
        let policy = self.options.retry_policy().unwrap_or(&self.retry);
        let retrying = policy.allows(request.method(), request.headers());
        let mut attempt = 1;
        loop {
            trace.attempt(attempt);
            // `None` for a body that cannot be sent twice (a stream): then no retry.
            let again = if retrying && policy.has_attempt_after(attempt) {
                request.try_clone()
            } else {
                ::std::option::Option::None
            };
            let result = self.execute(http, request).await;
            trace.outcome(&result);
            let wait = again
                .as_ref()
                .and_then(|_| retry_wait(policy, attempt, &result));
            match (again, wait) {
                (::std::option::Option::Some(next), ::std::option::Option::Some(wait)) => {
                    drop(result);
                    ::tokio::time::sleep(wait).await;
                    request = next;
                    attempt += 1;
                }
                _ => return result,
            }
        }
    }

    /// Sends `request` with `http`, again as the retry policy says.
    #[cfg(feature = "blocking")]
    fn attempts(&self, http: &http::Client, mut request: http::Request, trace: &Trace) -> Sent {
        let policy = self.options.retry_policy().unwrap_or(&self.retry);
        let retrying = policy.allows(request.method(), request.headers());
        let mut attempt = 1;
        loop {
            trace.attempt(attempt);
            // `None` for a body that cannot be sent twice (a reader): then no retry.
            let again = if retrying && policy.has_attempt_after(attempt) {
                request.try_clone()
            } else {
                ::std::option::Option::None
            };
            let result = self.execute(http, request);
            trace.outcome(&result);
            let wait = again
                .as_ref()
                .and_then(|_| retry_wait(policy, attempt, &result));
            match (again, wait) {
                (::std::option::Option::Some(next), ::std::option::Option::Some(wait)) => {
                    drop(result);
                    ::std::thread::sleep(wait);
                    request = next;
                    attempt += 1;
                }
                _ => return result,
            }
        }
    }
}

/// What sending a request once, or with its retries, comes to: a response of any status, or
/// an error without a documented variant.
pub(crate) type Sent = ::std::result::Result<http::Response, Error<Undocumented>>;

/// The built request with the option headers, the default headers and the timeout: the
/// request's own (a custom request's), else the call's, else the client's unless the body
/// is streamed.
fn prepare(
    client: &Client,
    request: ::reqwest::Result<http::Request>,
    reading: Reading,
) -> ::std::result::Result<http::Request, Error<Undocumented>> {
    let mut request = request.map_err(invalid_request)?;
    client.options.apply(request.headers_mut())?;
    client.headers.fill(request.headers_mut())?;
    if request.timeout().is_none() {
        let client_timeout = match reading {
            Reading::Whole => client.timeout,
            Reading::Stream => ::std::option::Option::None,
        };
        *request.timeout_mut() = client.options.time_limit().or(client_timeout);
    }
    ::std::result::Result::Ok(request)
}

/// How long to wait before sending again after attempt `attempt` ended in `result`; `None`
/// when it is not to be retried.
fn retry_wait(
    policy: &RetryPolicy,
    attempt: u32,
    result: &Sent,
) -> ::std::option::Option<::std::time::Duration> {
    match result {
        ::std::result::Result::Ok(response)
            if policy.retries_status(response.status().as_u16()) =>
        {
            policy.delay(attempt, retry_after(response.headers()))
        }
        ::std::result::Result::Err(Error::Transport(error)) if is_connection_failure(error) => {
            policy.delay(attempt, ::std::option::Option::None)
        }
        _ => ::std::option::Option::None,
    }
}

/// An error without a documented variant (of `transmit`, which never has a response to sort,
/// or of a token provider) as an error of any operation.
pub(crate) fn widen<E>(error: Error<Undocumented>) -> Error<E> {
    match error {
        Error::Api { error, .. } => match error {},
        Error::UnexpectedStatus {
            status,
            headers,
            body,
        } => Error::UnexpectedStatus {
            status,
            headers,
            body,
        },
        Error::Transport(error) => Error::Transport(error),
        Error::Decode {
            status,
            body,
            source,
        } => Error::Decode {
            status,
            body,
            source,
        },
        Error::InvalidRequest(message) => Error::InvalidRequest(message),
        #[cfg(feature = "middleware")]
        Error::Middleware(error) => Error::Middleware(error),
    }
}

/// A transport error without the URL's query, which may carry a key.
pub(crate) fn transport<E>(mut error: ::reqwest::Error) -> Error<E> {
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

/// The result of a call from its response, read whole.
pub(crate) fn sort_response<T, E: ApiError>(
    received: Received,
    decode: Decoder<T>,
) -> ::std::result::Result<Response<T>, Error<E>> {
    if !(200..300).contains(&received.status) {
        return ::std::result::Result::Err(error_response(received));
    }
    let Received {
        status,
        headers,
        body,
    } = received;
    match decode(status, &body) {
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
    }
}

/// The error of a call whose response has an error status: documented or not.
pub(crate) fn error_response<E: ApiError>(received: Received) -> Error<E> {
    let Received {
        status,
        headers,
        body,
    } = received;
    let error_body = ErrorBody::from(body);
    match E::from_response(status, error_body.clone()) {
        ::std::option::Option::Some(error) => Error::Api {
            status,
            headers,
            error,
            body: error_body,
        },
        ::std::option::Option::None => Error::UnexpectedStatus {
            status,
            headers,
            body: error_body.bytes().to_vec(),
        },
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
        let received = Received {
            status,
            headers,
            body: body.as_bytes().to_vec(),
        };
        sort_response(received, decode)
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
