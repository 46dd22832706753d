//! Credentials: the fields and setters of `Client` that hold them, `Auth`, and the helpers that
//! start every request with them: `request_at` (any base URL), and `request` (the client's base
//! URL) on top of it.

use proc_macro2::TokenStream;
use quote::quote;

use super::flavor::FlavorTokens;
use super::parts::ClientParts;
use crate::plan::needs::RuntimeNeeds;

/// The credentials the operations' auth kinds use, each redacted from `Debug`.
pub(super) fn parts(needs: &RuntimeNeeds) -> ClientParts {
    let mut parts = ClientParts::default();
    if needs.auth.bearer {
        parts
            .fields
            .extend(quote! { bearer_token: ::std::option::Option<::std::string::String>, });
        parts
            .inits
            .extend(quote! { bearer_token: ::std::option::Option::None, });
        parts.setters.extend(quote! {
            /// Sends `token` as `Authorization: Bearer <token>` with the operations that use bearer auth.
            #[must_use]
            pub fn with_bearer_token(mut self, token: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.bearer_token = ::std::option::Option::Some(token.into());
                self
            }
        });
        parts.debug.extend(
            quote! { .field("bearer_token", &self.bearer_token.as_ref().map(|_| "<redacted>")) },
        );
    }
    if needs.auth.basic {
        parts.fields.extend(quote! {
            basic_auth: ::std::option::Option<(::std::string::String, ::std::string::String)>,
        });
        parts
            .inits
            .extend(quote! { basic_auth: ::std::option::Option::None, });
        parts.setters.extend(quote! {
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
        parts.debug.extend(
            quote! { .field("basic_auth", &self.basic_auth.as_ref().map(|_| "<redacted>")) },
        );
    }
    if needs.auth.api_key_header || needs.auth.api_key_query {
        let place = match (needs.auth.api_key_header, needs.auth.api_key_query) {
            (true, true) => "in the header or query parameter each operation names",
            (true, false) => "in the header each operation names",
            _ => "in the query parameter each operation names",
        };
        let doc = format!("Sends `key` {place}, with the operations that use an API key.");
        parts
            .fields
            .extend(quote! { api_key: ::std::option::Option<::std::string::String>, });
        parts
            .inits
            .extend(quote! { api_key: ::std::option::Option::None, });
        parts.setters.extend(quote! {
            #[doc = #doc]
            #[must_use]
            pub fn with_api_key(mut self, key: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.api_key = ::std::option::Option::Some(key.into());
                self
            }
        });
        parts
            .debug
            .extend(quote! { .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>")) });
    }
    parts
}

/// The emitted `Auth`, `Client::request_at` and, when some operation uses the base URL,
/// `Client::request`.
pub(super) fn tokens(needs: &RuntimeNeeds) -> TokenStream {
    let (variants, arms) = variants(needs);
    let http_mod = needs.flavor.http();
    let request = needs.hosts.request().then(|| {
        quote! {
            /// Starts a request to the base URL; see [`Client::request_at`].
            pub(crate) fn request<E>(
                &self,
                method: ::reqwest::Method,
                path: &str,
                auth: Auth,
            ) -> ::std::result::Result<#http_mod::RequestBuilder, Error<E>> {
                self.request_at(&self.base_url, method, path, auth)
            }
        }
    });
    quote! {
        /// The credentials an operation sends, if the user set them on the [`Client`].
        #[derive(Clone, Copy)]
        pub(crate) enum Auth {
            #variants
        }

        impl Client {
            /// Starts a request to `base` (without a trailing `/`) followed by `path`, which
            /// starts with `/` and is already encoded (see `segment`). Adds the credentials `auth`
            /// names when they are set; without them the request goes out as is. A credential
            /// that cannot be a header value is an `Error::InvalidRequest`.
            pub(crate) fn request_at<E>(
                &self,
                base: &str,
                method: ::reqwest::Method,
                path: &str,
                auth: Auth,
            ) -> ::std::result::Result<#http_mod::RequestBuilder, Error<E>> {
                let url = ::std::format!("{}{}", base.trim_end_matches('/'), path);
                let mut request = self.http.request(method, url);
                if let ::std::option::Option::Some(timeout) = self.timeout {
                    request = request.timeout(timeout);
                }
                ::std::result::Result::Ok(match auth {
                    #arms
                })
            }

            #request
        }
    }
}

/// The variants of `Auth` the operations use, and their arms in `request_at`.
fn variants(needs: &RuntimeNeeds) -> (TokenStream, TokenStream) {
    let mut variants = TokenStream::new();
    let mut arms = TokenStream::new();
    if needs.auth.emits_none() {
        variants.extend(quote! {
            /// No credentials.
            None,
        });
        arms.extend(quote! { Auth::None => request, });
    }
    if needs.auth.bearer {
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
    if needs.auth.basic {
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
    if needs.auth.api_key_header {
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
    if needs.auth.api_key_query {
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
    (variants, arms)
}
