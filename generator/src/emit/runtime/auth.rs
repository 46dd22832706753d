//! Credentials that vary per API: the API key's field and setters, `Auth`, and the helpers that
//! start every operation's request with the credentials its auth kind names: `request_at` (any
//! base URL), and `request` (the client's base URL) on top of it. The bearer token and basic
//! credentials, which every client has, are in `client`; adding them to a request, in
//! `rust/credential.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::parts::ClientParts;
use crate::plan::needs::RuntimeNeeds;

/// The API key, when some operation sends one: its field, setters and `Debug`, redacted.
pub(super) fn parts(needs: &RuntimeNeeds) -> ClientParts {
    if !needs.auth.api_key() {
        return ClientParts::default();
    }
    let place = match (needs.auth.api_key_header, needs.auth.api_key_query) {
        (true, true) => "in the header or query parameter each operation names",
        (true, false) => "in the header each operation names",
        _ => "in the query parameter each operation names",
    };
    let doc = format!("Sends `key` {place}, with the operations that use an API key.");
    ClientParts {
        fields: quote! { api_key: Credential<::std::string::String>, },
        inits: quote! { api_key: Credential::default(), },
        setters: quote! {
            #[doc = #doc]
            #[must_use]
            pub fn with_api_key(mut self, key: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.api_key = Credential::new(key.into());
                self
            }

            /// Replaces the API key of this client and of every clone that shares it, without
            /// rebuilding them. Requests already started keep the old one.
            pub fn set_api_key(&self, key: impl ::std::convert::Into<::std::string::String>) {
                self.api_key.set(key.into());
            }
        },
        debug: quote! { .field("api_key", &self.api_key) },
        items: TokenStream::new(),
    }
}

/// The emitted `Auth`, `Client::request_at` and, when some operation uses the base URL,
/// `Client::request`.
pub(super) fn tokens(needs: &RuntimeNeeds) -> TokenStream {
    let (variants, arms) = variants(needs);
    let request = needs.hosts.request().then(|| {
        quote! {
            /// Starts a request to the base URL; see [`Client::request_at`].
            pub(crate) fn request(
                &self,
                method: ::reqwest::Method,
                path: BuiltPath,
                auth: Auth,
            ) -> BuiltRequest {
                self.request_at(&self.base_url, method, path, auth)
            }
        }
    });
    let links = needs.pagers.body_link || needs.pagers.link_header;
    let link_request = links.then(|| {
        quote! {
            /// Starts the request of a next page's `link`, on the base URL's host, with the
            /// credentials `auth` names and the pager's operation's fixed `headers`.
            pub(crate) fn link_request(
                &self,
                link: &str,
                auth: Auth,
                headers: &[(&str, &str)],
            ) -> BuiltRequest {
                let url = link_url(&self.base_url, link)?;
                let request = self.request_at(&url, ::reqwest::Method::GET, path_of!(""), auth)?;
                ::std::result::Result::Ok(
                    headers
                        .iter()
                        .fold(request, |request, (name, value)| request.header(*name, *value)),
                )
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
            /// Starts a request to `base` (without a trailing `/`) followed by `path`: a
            /// `path_of!`, which starts with `/` and is encoded, or why it cannot be sent.
            /// Adds the credentials `auth` names when they are set; without them the request
            /// goes out as is. A credential that cannot be a header value is an
            /// `Error::InvalidRequest`. The operation adds its steps to the result, error kept.
            pub(crate) fn request_at(
                &self,
                base: &str,
                method: ::reqwest::Method,
                path: BuiltPath,
                auth: Auth,
            ) -> BuiltRequest {
                let url = ::std::format!("{}{}", base.trim_end_matches('/'), path?);
                let request = self.http.request(method, url);
                ::std::result::Result::Ok(match auth {
                    #arms
                })
            }

            #request
            #link_request
        }
    }
}

/// The variants of `Auth` the operations use, and their arms in `request_at`.
fn variants(needs: &RuntimeNeeds) -> (TokenStream, TokenStream) {
    let mut variants = TokenStream::new();
    let mut arms = TokenStream::new();
    if needs.auth.emits_none() {
        variants.extend(quote! {
            /// No credentials of its own: the bearer token or basic credentials when the
            /// collection declares no auth of that kind, else none.
            None,
        });
        let undeclared = match (needs.auth.bearer, needs.auth.basic) {
            (false, false) => {
                quote!(with_bearer_or_basic(
                    request,
                    &self.bearer_token,
                    &self.basic_auth
                )?)
            }
            (false, true) => quote!(with_bearer(request, &self.bearer_token)?),
            (true, false) => quote!(with_basic(request, &self.basic_auth)),
            (true, true) => quote!(request),
        };
        arms.extend(quote! { Auth::None => #undeclared, });
    }
    if needs.auth.bearer {
        variants.extend(quote! {
            /// `Authorization: Bearer …` from [`Client::with_bearer_token`].
            Bearer,
        });
        arms.extend(quote! { Auth::Bearer => with_bearer(request, &self.bearer_token)?, });
    }
    if needs.auth.basic {
        variants.extend(quote! {
            /// HTTP basic auth from [`Client::with_basic_auth`].
            Basic,
        });
        arms.extend(quote! { Auth::Basic => with_basic(request, &self.basic_auth), });
    }
    if needs.auth.api_key_header {
        variants.extend(quote! {
            /// The API key from [`Client::with_api_key`] in this header.
            ApiKeyHeader(&'static str),
        });
        arms.extend(quote! {
            Auth::ApiKeyHeader(name) => match self.api_key.get() {
                ::std::option::Option::Some(key) => {
                    let (name, value) = sensitive_header(
                        name,
                        &key,
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
            Auth::ApiKeyQuery(name) => match self.api_key.get() {
                ::std::option::Option::Some(key) => request.query(&[(name, key)]),
                ::std::option::Option::None => request,
            },
        });
    }
    (variants, arms)
}
