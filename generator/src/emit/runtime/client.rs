//! `Client`, its credentials, `Auth`, and the `request` / `send` helpers every operation calls.

use proc_macro2::TokenStream;
use quote::quote;

use super::RuntimeNeeds;

/// The emitted `Client`, `Auth`, `request` and `send`.
pub(super) fn tokens(needs: &RuntimeNeeds) -> TokenStream {
    let client = client(needs);
    let auth = auth(needs);
    let send = send(needs);
    quote! {
        #client
        #auth
        #send
    }
}

fn client(needs: &RuntimeNeeds) -> TokenStream {
    let mut fields = TokenStream::new();
    let mut inits = TokenStream::new();
    let mut setters = TokenStream::new();
    let mut debug = TokenStream::new();
    if needs.bearer {
        fields.extend(quote! { bearer_token: ::std::option::Option<::std::string::String>, });
        inits.extend(quote! { bearer_token: ::std::option::Option::None, });
        setters.extend(quote! {
            /// Sends `token` as `Authorization: Bearer <token>` with the operations that use bearer auth.
            #[must_use]
            pub fn with_bearer_token(mut self, token: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.bearer_token = ::std::option::Option::Some(token.into());
                self
            }
        });
        debug.extend(
            quote! { .field("bearer_token", &self.bearer_token.as_ref().map(|_| "<redacted>")) },
        );
    }
    if needs.basic {
        fields.extend(quote! {
            basic_auth: ::std::option::Option<(::std::string::String, ::std::string::String)>,
        });
        inits.extend(quote! { basic_auth: ::std::option::Option::None, });
        setters.extend(quote! {
            /// Sends HTTP basic credentials with the operations that use basic auth. For a
            /// user name without a password pass `""`: the header is the same.
            #[must_use]
            pub fn with_basic_auth(
                mut self,
                username: impl ::std::convert::Into<::std::string::String>,
                password: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                self.basic_auth = ::std::option::Option::Some((username.into(), password.into()));
                self
            }
        });
        debug.extend(
            quote! { .field("basic_auth", &self.basic_auth.as_ref().map(|_| "<redacted>")) },
        );
    }
    if needs.api_key() {
        let place = match (needs.api_key_header, needs.api_key_query) {
            (true, true) => "in the header or query parameter each operation names",
            (true, false) => "in the header each operation names",
            _ => "in the query parameter each operation names",
        };
        let doc = format!("Sends `key` {place}, with the operations that use an API key.");
        fields.extend(quote! { api_key: ::std::option::Option<::std::string::String>, });
        inits.extend(quote! { api_key: ::std::option::Option::None, });
        setters.extend(quote! {
            #[doc = #doc]
            #[must_use]
            pub fn with_api_key(mut self, key: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.api_key = ::std::option::Option::Some(key.into());
                self
            }
        });
        debug.extend(quote! { .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>")) });
    }

    let default = needs.default_base_url.as_ref().map(|url| {
        quote! {
            impl Client {
                /// The base URL the collection gives (`{{baseUrl}}`).
                pub const DEFAULT_BASE_URL: &str = #url;
            }

            impl ::std::default::Default for Client {
                /// A client for [`Client::DEFAULT_BASE_URL`].
                fn default() -> Self {
                    Self::new(Self::DEFAULT_BASE_URL)
                }
            }
        }
    });

    quote! {
        /// The API client: a base URL, a `reqwest::Client` and the credentials set on it.
        ///
        /// Cloning is cheap and shares the connection pool. `Debug` shows credentials as
        /// `"<redacted>"`.
        #[derive(Clone)]
        pub struct Client {
            base_url: ::std::string::String,
            http: ::reqwest::Client,
            timeout: ::std::option::Option<::std::time::Duration>,
            #fields
        }

        impl Client {
            /// A client for `base_url` (e.g. `https://api.example.com/v2`; a trailing `/` is ignored),
            /// with a 30 s timeout per request, a 10 s connect timeout, and this crate's name and
            /// version as `User-Agent`.
            ///
            /// HTTPS uses rustls with the system's root certificates. Where none can be loaded
            /// (a container without CA certificates), the client still builds but HTTPS requests
            /// fail with a certificate error; use [`Client::with_http_client`] to configure TLS,
            /// proxies, longer timeouts for large uploads, or middleware.
            pub fn new(base_url: impl ::std::convert::Into<::std::string::String>) -> Self {
                let builder = || {
                    ::reqwest::Client::builder()
                        .timeout(::std::time::Duration::from_secs(30))
                        .connect_timeout(::std::time::Duration::from_secs(10))
                        .user_agent(::std::concat!(
                            ::std::env!("CARGO_PKG_NAME"),
                            "/",
                            ::std::env!("CARGO_PKG_VERSION"),
                        ))
                };
                // Building fails only when TLS cannot be set up, mostly for want of system root
                // certificates; a client without them is better than a panic.
                let http = builder()
                    .build()
                    .or_else(|_| builder().tls_certs_only(::std::iter::empty()).build())
                    .unwrap_or_default();
                Self::with_http_client(base_url, http)
            }

            /// A client for `base_url` that sends its requests with `http`, configured as you like.
            pub fn with_http_client(
                base_url: impl ::std::convert::Into<::std::string::String>,
                http: ::reqwest::Client,
            ) -> Self {
                Client {
                    base_url: base_url.into(),
                    http,
                    timeout: ::std::option::Option::None,
                    #inits
                }
            }

            /// Limits each request, from sending it to the end of the response body, to
            /// `timeout`; a request that takes longer fails with [`Error::Transport`] (check
            /// `is_timeout()`). This replaces the 30 s of [`Client::new`], and the timeout of a
            /// client given to [`Client::with_http_client`].
            #[must_use]
            pub fn with_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.timeout = ::std::option::Option::Some(timeout);
                self
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                &self.base_url
            }

            #setters
        }

        #default

        impl ::std::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Client")
                    .field("base_url", &self.base_url)
                    .field("timeout", &self.timeout)
                    #debug
                    .finish_non_exhaustive()
            }
        }
    }
}

/// `Auth` and `Client::request`.
fn auth(needs: &RuntimeNeeds) -> TokenStream {
    let mut variants = TokenStream::new();
    let mut arms = TokenStream::new();
    if needs.auth_none() {
        variants.extend(quote! {
            /// No credentials.
            None,
        });
        arms.extend(quote! { Auth::None => request, });
    }
    if needs.bearer {
        variants.extend(quote! {
            /// `Authorization: Bearer …` from [`Client::with_bearer_token`].
            Bearer,
        });
        arms.extend(quote! {
            Auth::Bearer => match &self.bearer_token {
                ::std::option::Option::Some(token) => {
                    let (name, value) = sensitive_header(
                        "authorization",
                        &::std::format!("Bearer {token}"),
                        "the bearer token set with `Client::with_bearer_token`",
                    )?;
                    request.header(name, value)
                }
                ::std::option::Option::None => request,
            },
        });
    }
    if needs.basic {
        variants.extend(quote! {
            /// HTTP basic auth from [`Client::with_basic_auth`].
            Basic,
        });
        arms.extend(quote! {
            Auth::Basic => match &self.basic_auth {
                ::std::option::Option::Some((username, password)) => {
                    request.basic_auth(username, ::std::option::Option::Some(password))
                }
                ::std::option::Option::None => request,
            },
        });
    }
    if needs.api_key_header {
        variants.extend(quote! {
            /// The API key from [`Client::with_api_key`] in this header.
            ApiKeyHeader(&'static str),
        });
        arms.extend(quote! {
            Auth::ApiKeyHeader(name) => match &self.api_key {
                ::std::option::Option::Some(key) => {
                    let (name, value) = sensitive_header(
                        name,
                        key,
                        "the API key set with `Client::with_api_key`",
                    )?;
                    request.header(name, value)
                }
                ::std::option::Option::None => request,
            },
        });
    }
    if needs.api_key_query {
        variants.extend(quote! {
            /// The API key from [`Client::with_api_key`] in this query parameter.
            ApiKeyQuery(&'static str),
        });
        arms.extend(quote! {
            Auth::ApiKeyQuery(name) => match &self.api_key {
                ::std::option::Option::Some(key) => request.query(&[(name, key)]),
                ::std::option::Option::None => request,
            },
        });
    }

    quote! {
        /// The credentials an operation sends, if the user set them on the [`Client`].
        #[derive(Clone, Copy)]
        pub(crate) enum Auth {
            #variants
        }

        impl Client {
            /// Starts a request to the base URL (without a trailing `/`) followed by `path`, which
            /// starts with `/` and is already encoded (see `segment`). Adds the credentials `auth`
            /// names when they are set; without them the request goes out as is. A credential
            /// that cannot be a header value is an `Error::InvalidRequest`.
            pub(crate) fn request<E>(
                &self,
                method: ::reqwest::Method,
                path: &str,
                auth: Auth,
            ) -> ::std::result::Result<::reqwest::RequestBuilder, Error<E>> {
                let url = ::std::format!("{}{}", self.base_url.trim_end_matches('/'), path);
                let mut request = self.http.request(method, url);
                if let ::std::option::Option::Some(timeout) = self.timeout {
                    request = request.timeout(timeout);
                }
                ::std::result::Result::Ok(match auth {
                    #arms
                })
            }
        }
    }
}

/// `Client::send` and the response sorting it shares with a future blocking variant.
fn send(needs: &RuntimeNeeds) -> TokenStream {
    // With an API key in the query, a transport error's URL would carry the key: drop the query.
    let (transport, transport_fn) = if needs.api_key_query {
        let function = quote! {
            /// A transport error without the URL's query, which may carry the API key.
            fn transport<E>(mut error: ::reqwest::Error) -> Error<E> {
                if let ::std::option::Option::Some(url) = error.url_mut() {
                    url.set_query(::std::option::Option::None);
                }
                Error::Transport(error)
            }
        };
        (quote!(transport), function)
    } else {
        (quote!(Error::Transport), TokenStream::new())
    };
    quote! {
        impl Client {
            /// Sends `request` and sorts the response by status: a 2xx goes to `decode`, any other
            /// status to `E::from_response`. Never panics, whatever the server answers.
            ///
            /// The request is built first, so that one reqwest refuses (an invalid URL, say) is an
            /// `Error::InvalidRequest`, apart from the network's errors.
            pub(crate) async fn send<T, E: ApiError>(
                &self,
                request: ::reqwest::RequestBuilder,
                decode: Decoder<T>,
            ) -> ::std::result::Result<T, Error<E>> {
                let (http, request) = request.build_split();
                let request = request.map_err(invalid_request)?;
                let mut response = http.execute(request).await.map_err(#transport)?;
                let status = response.status().as_u16();
                let headers = ::std::mem::take(response.headers_mut());
                let body = response.bytes().await.map_err(#transport)?;
                sort_response(status, headers, ::std::vec::Vec::from(body), decode)
            }
        }

        #transport_fn

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
                        ::std::result::Result::Err(Error::Decode { status, body, source })
                    }
                    ::std::option::Option::None => {
                        ::std::result::Result::Err(Error::UnexpectedStatus { status, headers, body })
                    }
                };
            }
            match E::from_response(status, ErrorBody::from(body.clone())) {
                ::std::option::Option::Some(error) => {
                    ::std::result::Result::Err(Error::Api { status, headers, error })
                }
                ::std::option::Option::None => {
                    ::std::result::Result::Err(Error::UnexpectedStatus { status, headers, body })
                }
            }
        }
    }
}
