//! `Client`: its constructors and the settings every client has, with the fields and setters
//! of the parts only some APIs need (credentials, hosts, the request hook).

use proc_macro2::TokenStream;
use quote::quote;

use super::flavor::FlavorTokens;
use super::parts::ClientParts;
use crate::plan::needs::{Flavor, RuntimeNeeds};

/// A paragraph of `Client`'s docs for the blocking flavor: where it must not be used.
fn blocking_note(flavor: Flavor) -> Option<TokenStream> {
    (flavor == Flavor::Blocking).then(|| {
        quote! {
            ///
            /// Every call blocks the calling thread until the response is read. Do not create,
            /// use or drop this client inside an async runtime: reqwest's blocking client runs
            /// its own, and panics there. Async programs use the async client (generated
            /// without `--blocking`).
        }
    })
}

/// The emitted `Client`, with `parts` added.
pub(super) fn tokens(needs: &RuntimeNeeds, parts: ClientParts) -> TokenStream {
    let ClientParts {
        fields,
        inits,
        setters,
        debug,
        items,
    } = parts;
    let http_mod = needs.flavor.http();
    let blocking_note = blocking_note(needs.flavor);

    let default = needs.hosts.default_base_url.as_ref().map(|url| {
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
        /// The API client: a base URL, an HTTP client and the settings made on it.
        ///
        /// Cloning is cheap and shares the connection pool. `Debug` shows credentials as
        /// `"<redacted>"`.
        #blocking_note
        #[derive(Clone)]
        pub struct Client {
            base_url: ::std::string::String,
            http: #http_mod::Client,
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
                    #http_mod::Client::builder()
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
                http: #http_mod::Client,
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

        #items
    }
}
