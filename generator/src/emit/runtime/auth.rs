//! `Auth` and the helpers that start every request: `request_at` (any base URL), and `request`
//! (the client's base URL) on top of it.

use proc_macro2::TokenStream;
use quote::quote;

use super::FlavorTokens;

use super::RuntimeNeeds;

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
