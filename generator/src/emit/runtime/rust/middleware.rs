//! `Client::execute`, which sends a request once, and the middleware it sends through, behind
//! the generated crate's `middleware` feature.
//!
//! The async client takes a `reqwest-middleware` client, the maintained middleware stack for
//! reqwest, so the middleware written for it (retries, caching, tracing, auth) works as it is.
//! That crate is async only; the blocking client has `Middleware` and `Next`, the same shape
//! (a request in, a response out, the rest of the chain to pass it on to), without a runtime.
//!
//! Each attempt of a retried call passes through the middleware again, inside the call's
//! `tracing` span.

use super::*;

impl Client {
    /// Sends `request` once with `http`.
    #[cfg(not(feature = "middleware"))]
    #[cfg(not(feature = "blocking"))]
    pub(crate) async fn execute(&self, http: &http::Client, request: http::Request) -> Sent {
        http.execute(request).await.map_err(transport)
    }

    /// Sends `request` once with `http`.
    #[cfg(not(feature = "middleware"))]
    #[cfg(feature = "blocking")]
    pub(crate) fn execute(&self, http: &http::Client, request: http::Request) -> Sent {
        http.execute(request).map_err(transport)
    }

    /// Sends `request` once: through the middleware client when there is one, else with `http`.
    #[cfg(feature = "middleware")]
    #[cfg(not(feature = "blocking"))]
    pub(crate) async fn execute(&self, http: &http::Client, request: http::Request) -> Sent {
        let ::std::option::Option::Some(middleware) = &self.middleware.0 else {
            return http.execute(request).await.map_err(transport);
        };
        middleware
            .execute(request)
            .await
            .map_err(|error| match error {
                ::reqwest_middleware::Error::Reqwest(error) => transport(error),
                ::reqwest_middleware::Error::Middleware(error) => Error::Middleware(error.into()),
            })
    }

    /// Sends `request` once: through the middleware, in the order they were added, then with
    /// `http`.
    #[cfg(feature = "middleware")]
    #[cfg(feature = "blocking")]
    pub(crate) fn execute(&self, http: &http::Client, request: http::Request) -> Sent {
        Next {
            http,
            rest: &self.middleware.0,
        }
        .run(request)
    }

    /// Sends every request, operations and custom requests alike, through `middleware`: a
    /// [`reqwest_middleware::ClientWithMiddleware`] (re-exported as
    /// `crate::reqwest_middleware`). Requests are still built by this client, with its
    /// headers, credentials and timeouts, and retried by its [`RetryPolicy`], each attempt
    /// going through the middleware; they are sent by the reqwest client inside
    /// `middleware`, so build it from the one you want (`ClientBuilder::new(reqwest::Client::new())`).
    /// A middleware's own error is [`Error::Middleware`].
    #[cfg(feature = "middleware")]
    #[cfg(not(feature = "blocking"))]
    #[must_use]
    pub fn with_middleware(
        mut self,
        middleware: ::reqwest_middleware::ClientWithMiddleware,
    ) -> Self {
        self.middleware = Middlewares(::std::option::Option::Some(middleware));
        self
    }

    /// Adds `middleware` to those every request, operations and custom requests alike, passes
    /// through before it is sent: the first added sees the request first and the response
    /// last. Each attempt of a retried call goes through them again. A closure
    /// `|request, next| next.run(request)` is a middleware.
    #[cfg(feature = "middleware")]
    #[cfg(feature = "blocking")]
    #[must_use]
    pub fn with_middleware(mut self, middleware: impl Middleware) -> Self {
        self.middleware.0.push(::std::sync::Arc::new(middleware));
        self
    }
}

/// The middleware client of [`Client::with_middleware`], if any.
#[cfg(feature = "middleware")]
#[cfg(not(feature = "blocking"))]
#[derive(Clone, Default)]
pub(crate) struct Middlewares(::std::option::Option<::reqwest_middleware::ClientWithMiddleware>);

/// The middleware of [`Client::with_middleware`], in the order they were added.
#[cfg(feature = "middleware")]
#[cfg(feature = "blocking")]
#[derive(Clone, Default)]
pub(crate) struct Middlewares(::std::vec::Vec<::std::sync::Arc<dyn Middleware>>);

/// Whether there is middleware: what it holds may not print, or may hold secrets.
#[cfg(feature = "middleware")]
impl ::std::fmt::Debug for Middlewares {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("<middleware>")
    }
}

/// A step every request of the blocking client passes through ([`Client::with_middleware`]):
/// it may change the request, answer it itself, or pass it on with [`Next::run`] and look at
/// or change the response. `reqwest-middleware`, which the async client takes, is async only;
/// this is the same shape without a runtime.
#[cfg(feature = "middleware")]
#[cfg(feature = "blocking")]
pub trait Middleware: ::std::marker::Send + ::std::marker::Sync + 'static {
    /// Handles `request`; `next` sends it on through the rest of the chain. To fail the
    /// request, return [`Error::Middleware`] with your own error.
    fn handle(
        &self,
        request: http::Request,
        next: Next<'_>,
    ) -> ::std::result::Result<http::Response, Error>;
}

#[cfg(feature = "middleware")]
#[cfg(feature = "blocking")]
impl<F> Middleware for F
where
    F: ::std::ops::Fn(http::Request, Next<'_>) -> ::std::result::Result<http::Response, Error>
        + ::std::marker::Send
        + ::std::marker::Sync
        + 'static,
{
    fn handle(
        &self,
        request: http::Request,
        next: Next<'_>,
    ) -> ::std::result::Result<http::Response, Error> {
        self(request, next)
    }
}

/// The rest of the middleware chain, then the HTTP client: what a [`Middleware`] passes a
/// request on to.
#[cfg(feature = "middleware")]
#[cfg(feature = "blocking")]
pub struct Next<'a> {
    http: &'a http::Client,
    rest: &'a [::std::sync::Arc<dyn Middleware>],
}

#[cfg(feature = "middleware")]
#[cfg(feature = "blocking")]
impl Next<'_> {
    /// Passes `request` to the next middleware, or sends it when there is none.
    pub fn run(self, request: http::Request) -> ::std::result::Result<http::Response, Error> {
        match self.rest.split_first() {
            ::std::option::Option::Some((first, rest)) => first.handle(
                request,
                Next {
                    http: self.http,
                    rest,
                },
            ),
            ::std::option::Option::None => self.http.execute(request).map_err(transport),
        }
    }
}
