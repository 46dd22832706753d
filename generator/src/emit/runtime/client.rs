//! `Client`: its constructors and the settings every client has (timeout, default headers, the
//! bearer token and basic credentials), with the fields and setters of the parts only some APIs
//! need (an API key, hosts, the request hook).

use proc_macro2::TokenStream;
use quote::quote;

use super::flavor::FlavorTokens;
use super::parts::ClientParts;
use crate::emit::docs::doc;
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
    let credentials = credential_setters(needs);
    // reqwest's blocking client has a 30 s timeout of its own unless told otherwise.
    let no_client_timeout = (needs.flavor == Flavor::Blocking)
        .then(|| quote!(.timeout(::std::option::Option::None)));

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
        /// Cloning is cheap: clones share the connection pool and the credentials, so a
        /// credential replaced on one (`set_bearer_token`, …) is replaced on all, without
        /// rebuilding them; a `with_…` credential gives a client credentials of its own. `Debug`
        /// shows credentials as `"<redacted>"` and default headers by name only.
        #blocking_note
        #[derive(Clone)]
        pub struct Client {
            base_url: ::std::string::String,
            http: #http_mod::Client,
            timeout: ::std::option::Option<::std::time::Duration>,
            headers: DefaultHeaders,
            options: CallOptions,
            retry: RetryPolicy,
            bearer_token: Credential<::std::string::String>,
            basic_auth: Credential<(::std::string::String, ::std::string::String)>,
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
                // The 30 s are the `Client`'s, applied per request, rather than reqwest's: a
                // streamed download must be able to go without them.
                let builder = || {
                    #http_mod::Client::builder()
                        #no_client_timeout
                        .connect_timeout(::std::time::Duration::from_secs(10))
                };
                // Building fails only when TLS cannot be set up, mostly for want of system root
                // certificates; a client without them is better than a panic.
                let http = builder()
                    .build()
                    .or_else(|_| builder().tls_certs_only(::std::iter::empty()).build())
                    .unwrap_or_default();
                Self::with_http_client(base_url, http).with_timeout(::std::time::Duration::from_secs(30))
            }

            /// A client for `base_url` that sends its requests with `http`, configured as you
            /// like (timeouts, TLS, proxies). Everything else [`Client::new`] sets stays: the
            /// `User-Agent` header (replace it with [`Client::with_header`]) and the settings
            /// made on the client afterwards.
            pub fn with_http_client(
                base_url: impl ::std::convert::Into<::std::string::String>,
                http: #http_mod::Client,
            ) -> Self {
                Client {
                    base_url: base_url.into(),
                    http,
                    timeout: ::std::option::Option::None,
                    headers: DefaultHeaders::new(),
                    options: CallOptions::new(),
                    retry: RetryPolicy::default(),
                    bearer_token: Credential::default(),
                    basic_auth: Credential::default(),
                    #inits
                }
            }

            /// Limits each request, from sending it to the end of the response body, to
            /// `timeout`; a request that takes longer fails with [`Error::Transport`] (check
            /// `is_timeout()`). This replaces the 30 s of [`Client::new`]; a client given to
            /// [`Client::with_http_client`] keeps its own timeout besides. Streamed bodies
            /// ([`ByteStream`]) are not limited by it: give them [`CallOptions::timeout`].
            #[must_use]
            pub fn with_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.timeout = ::std::option::Option::Some(timeout);
                self
            }

            /// Sends the header `name: value` with every request, operations and custom
            /// requests alike, that does not set `name` itself; a second value for `name`
            /// replaces the first. `User-Agent` is this crate's name and version until set here.
            ///
            /// A name or value HTTP does not allow (a line break in the value) makes every
            /// request fail with [`Error::InvalidRequest`], naming the header, before anything
            /// is sent.
            #[must_use]
            pub fn with_header(mut self, name: &str, value: &str) -> Self {
                self.headers.insert(name, value);
                self
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                &self.base_url
            }

            #credentials
            #setters
        }

        #default

        impl ::std::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Client")
                    .field("base_url", &self.base_url)
                    .field("timeout", &self.timeout)
                    .field("headers", &self.headers)
                    .field("options", &self.options)
                    .field("retry", &self.retry)
                    .field("bearer_token", &self.bearer_token)
                    .field("basic_auth", &self.basic_auth)
                    #debug
                    .finish_non_exhaustive()
            }
        }

        #items
    }
}

/// `with_bearer_token`, `set_bearer_token`, `with_basic_auth` and `set_basic_auth`, which every
/// client has: documented by whether the collection declares that kind of auth.
fn credential_setters(needs: &RuntimeNeeds) -> TokenStream {
    let bearer_doc = doc(&format!(
        "Sends `token` as `Authorization: Bearer <token>` {}, and with custom requests to the\n\
         base URL ([`Client::custom_request`]).",
        whom(needs.auth.bearer, "bearer")
    ));
    let basic_doc = doc(&format!(
        "Sends HTTP basic credentials {}, and with custom requests to the base URL that\n\
         carry no bearer token. For a user name without a password pass `\"\"`: the header is\n\
         the same.",
        whom(needs.auth.basic, "basic")
    ));
    quote! {
        #bearer_doc
        #[must_use]
        pub fn with_bearer_token(mut self, token: impl ::std::convert::Into<::std::string::String>) -> Self {
            self.bearer_token = Credential::new(token.into());
            self
        }

        /// Replaces the bearer token of this client and of every clone that shares it, without
        /// rebuilding them: a token refreshed in one place reaches every user of the client.
        /// Requests already started keep the old one.
        pub fn set_bearer_token(&self, token: impl ::std::convert::Into<::std::string::String>) {
            self.bearer_token.set(token.into());
        }

        #basic_doc
        #[must_use]
        pub fn with_basic_auth(
            mut self,
            username: impl ::std::convert::Into<::std::string::String>,
            password: impl ::std::convert::Into<::std::string::String>,
        ) -> Self {
            self.basic_auth = Credential::new((username.into(), password.into()));
            self
        }

        /// Replaces the basic credentials of this client and of every clone that shares them,
        /// without rebuilding them. Requests already started keep the old ones.
        pub fn set_basic_auth(
            &self,
            username: impl ::std::convert::Into<::std::string::String>,
            password: impl ::std::convert::Into<::std::string::String>,
        ) {
            self.basic_auth.set((username.into(), password.into()));
        }
    }
}

/// Which operations a credential of `kind` goes with: those that declare it, or, when none
/// does, those that declare no auth at all.
fn whom(declared: bool, kind: &str) -> String {
    if declared {
        format!("with the operations that use {kind} auth")
    } else {
        format!(
            "with every operation that has no auth of its own in the collection (it declares\n\
             no {kind} auth, so which operations need it is not known)"
        )
    }
}
