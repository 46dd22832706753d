//! The OAuth2 part of `Client`, for an API whose operations get their bearer token from a
//! token provider: the `tokens` field, `Client::with_oauth2` documented with the collection's
//! grant, and `Client::oauth2_defaults`, the token endpoint and settings the collection gives.
//! The provider, the cache and the grants are the same for every API: `rust/oauth2.rs` and
//! `rust/grants.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::parts::ClientParts;
use super::servers::field;
use crate::emit::docs::{code, doc};
use crate::model::{OAuth2Flow, Server, TokenUrl};
use crate::plan::needs::RuntimeNeeds;

/// What the crate root re-exports from `runtime` when some operation uses OAuth2.
pub(super) fn root_exports(needs: &RuntimeNeeds) -> TokenStream {
    if !needs.auth.oauth2 {
        return TokenStream::new();
    }
    let future = (needs.flavor == super::Flavor::Async).then(|| quote!(TokenFuture,));
    quote!(AccessToken, ClientAuthentication, OAuth2, TokenProvider, #future)
}

/// The `tokens` field, `with_oauth2` and `oauth2_defaults`; nothing without OAuth2.
pub(super) fn parts(needs: &RuntimeNeeds) -> ClientParts {
    let (true, Some(flow)) = (needs.auth.oauth2, &needs.oauth2) else {
        return ClientParts::default();
    };
    let token_url = token_url(flow, needs);
    let refresh_url = optional_string(flow.refresh_url.as_deref());
    let scope = match &flow.scope {
        Some(scope) => quote!(::std::option::Option::Some(#scope)),
        None => quote!(::std::option::Option::None),
    };
    let how = match flow.client_secret_in_body {
        true => quote!(ClientAuthentication::Body),
        false => quote!(ClientAuthentication::Header),
    };
    let setter_doc = doc(&with_oauth2_doc(flow));
    ClientParts {
        fields: quote! { tokens: Tokens, },
        inits: quote! { tokens: Tokens::default(), },
        setters: quote! {
            #setter_doc
            #[must_use]
            pub fn with_oauth2(self, oauth2: OAuth2) -> Self {
                self.with_token_provider(oauth2)
            }
        },
        debug: quote! { .field("token_provider", &self.tokens) },
        items: quote! {
            impl Client {
                /// The token endpoint and settings the collection gives, for [`OAuth2`].
                fn oauth2_defaults(&self) -> OAuth2Defaults {
                    OAuth2Defaults {
                        token_url: #token_url,
                        refresh_url: #refresh_url,
                        scope: #scope,
                        client_authentication: #how,
                    }
                }
            }
        },
    }
}

/// The token URL as an `Option<String>` expression of the client.
fn token_url(flow: &OAuth2Flow, needs: &RuntimeNeeds) -> TokenStream {
    match &flow.token_url {
        TokenUrl::Unknown => quote!(::std::option::Option::None),
        TokenUrl::Url(url) => optional_string(Some(url)),
        TokenUrl::Item {
            server: Server::Variable(index),
            path,
        } => match needs.hosts.servers.get(*index) {
            Some(server) => {
                let field = field(server);
                quote! {
                    self.servers.#field.as_ref().map(|base| ::std::format!("{}{}", base.trim_end_matches('/'), #path))
                }
            }
            None => quote!(::std::option::Option::None),
        },
        TokenUrl::Item { path, .. } => quote! {
            ::std::option::Option::Some(::std::format!("{}{}", self.base_url.trim_end_matches('/'), #path))
        },
    }
}

fn optional_string(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote!(::std::option::Option::Some(::std::string::String::from(#text))),
        None => quote!(::std::option::Option::None),
    }
}

/// The doc of `with_oauth2`: what the collection says, and which constructor fits it.
fn with_oauth2_doc(flow: &OAuth2Flow) -> String {
    let endpoint = match &flow.token_url {
        TokenUrl::Unknown => {
            "The collection names no token URL: give one with [`OAuth2::with_token_url`]."
                .to_owned()
        }
        TokenUrl::Url(url) => format!("Its token URL is {}.", code(url)),
        TokenUrl::Item { path, .. } => format!(
            "Its token URL is {} on the host of that item.",
            code(path)
        ),
    };
    let grant = if flow.performed() {
        format!(
            "{} uses the {} grant: [`OAuth2::{}`].",
            flow.source,
            code(&flow.grant),
            flow.constructor()
        )
    } else {
        format!(
            "{} uses the {} grant, which needs a browser: this client does not perform it. Set\n\
             a token you obtained with [`Client::set_bearer_token`], or fetch tokens with\n\
             [`OAuth2::refresh_token`] or a [`TokenProvider`] of yours.",
            flow.source,
            code(&flow.grant)
        )
    };
    let mut text = String::from(
        "Fetches the access tokens of the operations that use OAuth2 with `oauth2`, and renews\n\
         them before they expire and when the API answers 401; see [`Client::with_token_provider`].\n\n",
    );
    let mut grant = grant;
    if let Some(first) = grant.get(..1) {
        grant.replace_range(..1, &first.to_uppercase());
    }
    text.push_str(&grant);
    text.push(' ');
    text.push_str(&endpoint);
    text
}
