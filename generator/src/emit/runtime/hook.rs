//! The request hook: the user's function for auth kinds the generated client cannot perform
//! (digest, hawk, oauth1, awsv4, ntlm, edgegrid need a challenge, a clock or a signature over
//! the request). Operations that use one of them pass their finished request through it.

use quote::quote;

use super::flavor::FlavorTokens;
use super::parts::ClientParts;
use crate::emit::docs::{code, doc};
use crate::plan::needs::RuntimeNeeds;

/// `Client::with_request_hook`, its field and `Client::run_request_hook`; nothing when every
/// operation's auth is one the client performs.
pub(super) fn parts(needs: &RuntimeNeeds) -> ClientParts {
    if needs.auth.hook_kinds.is_empty() {
        return ClientParts::default();
    }
    let http_mod = needs.flavor.http();
    let kinds: Vec<String> = needs.auth.hook_kinds.iter().map(|k| code(k)).collect();
    let setter_doc = doc(&format!(
        "Passes the requests of the operations with {} auth, which this client\n\
         cannot perform, through `hook`: add the `Authorization` header or sign the request there.\n\
         \n\
         The hook gets each request last, with its URL, query, headers and body set, just before\n\
         it is sent; other operations never call it. Without a hook those requests go out without\n\
         credentials. Setting another hook replaces this one.",
        kinds.join(", ")
    ));
    ClientParts {
        fields: quote! { request_hook: ::std::option::Option<::std::sync::Arc<RequestHook>>, },
        inits: quote! { request_hook: ::std::option::Option::None, },
        setters: quote! {
            #setter_doc
            #[must_use]
            pub fn with_request_hook(
                mut self,
                hook: impl ::std::ops::Fn(#http_mod::RequestBuilder) -> #http_mod::RequestBuilder
                    + ::std::marker::Send
                    + ::std::marker::Sync
                    + 'static,
            ) -> Self {
                self.request_hook = ::std::option::Option::Some(::std::sync::Arc::new(hook));
                self
            }
        },
        // A closure has no useful `Debug`, and what it captures (keys, secrets) must not show.
        debug: quote! {
            .field("request_hook", &self.request_hook.as_ref().map(|_| ::std::format_args!("<hook>")))
        },
        items: quote! {
            /// The function set with [`Client::with_request_hook`]; shared, so clones of the
            /// client keep it.
            type RequestHook = dyn ::std::ops::Fn(#http_mod::RequestBuilder) -> #http_mod::RequestBuilder
                + ::std::marker::Send
                + ::std::marker::Sync;

            impl Client {
                /// `request` passed through the hook of [`Client::with_request_hook`], or as it
                /// is without one.
                pub(crate) fn run_request_hook(&self, request: #http_mod::RequestBuilder) -> #http_mod::RequestBuilder {
                    match &self.request_hook {
                        ::std::option::Option::Some(hook) => hook(request),
                        ::std::option::Option::None => request,
                    }
                }
            }
        },
    }
}
