//! Hosts besides the base URL. A host variable of the collection (`{{auth_url}}`) is a setting
//! of the client, `Client::with_auth_url`, whose default is the collection's value; operations
//! on it start with `Client::request_to(Server::AuthUrl, …)`, which refuses to send when no URL
//! is set rather than send to the wrong host.

use proc_macro2::TokenStream;
use quote::quote;

use super::parts::ClientParts;
use crate::emit::docs::{code, doc};
use crate::naming::{ident, snake_case};
use crate::plan::needs::{RuntimeNeeds, ServerSetting};

/// The `servers` field, its setters, the `Server` enum and `Client::request_to`; nothing when
/// every operation goes to the base URL or to a literal URL.
pub(super) fn parts(needs: &RuntimeNeeds) -> ClientParts {
    if needs.hosts.servers.is_empty() {
        return ClientParts::default();
    }
    let servers = &needs.hosts.servers;
    let fields: Vec<_> = servers.iter().map(field).collect();
    let inits = servers.iter().map(|server| match &server.default {
        Some(url) => quote!(::std::option::Option::Some(::std::string::String::from(#url))),
        None => quote!(::std::option::Option::None),
    });
    let setters = servers.iter().map(setter);
    let variants: Vec<_> = servers.iter().map(|s| ident(&s.variant)).collect();
    let variant_docs = servers.iter().map(|server| {
        doc(&format!(
            "{}, set with [`Client::with_{}`].",
            code(&format!("{{{{{}}}}}", server.variable)),
            server.rust_name
        ))
    });
    let variables = servers.iter().map(|s| s.variable.as_str());
    let setter_names = servers.iter().map(|s| format!("with_{}", s.rust_name));

    ClientParts {
        fields: quote! { servers: Servers, },
        inits: quote! { servers: Servers { #(#fields: #inits,)* }, },
        setters: quote! { #(#setters)* },
        debug: quote! { .field("servers", &self.servers) },
        items: quote! {
            /// The URLs of the hosts besides the base URL, one per host variable of the
            /// collection; `None` while neither the collection nor the user gave one.
            #[derive(Clone, Debug)]
            struct Servers {
                #(#fields: ::std::option::Option<::std::string::String>,)*
            }

            /// A host besides the base URL, named by its variable in the collection.
            #[derive(Clone, Copy)]
            pub(crate) enum Server {
                #(#variant_docs #variants,)*
            }

            impl Client {
                /// Starts a request to the URL set for `server`; see [`Client::request_at`].
                /// Without a URL nothing is sent: the error names the setter to call.
                pub(crate) fn request_to(
                    &self,
                    server: Server,
                    method: ::reqwest::Method,
                    path: BuiltPath,
                    auth: Auth,
                ) -> BuiltRequest {
                    let (url, variable, setter) = match server {
                        #(Server::#variants => (&self.servers.#fields, #variables, #setter_names),)*
                    };
                    match url {
                        ::std::option::Option::Some(base) => self.request_at(base, method, path, auth),
                        ::std::option::Option::None => ::std::result::Result::Err(Error::InvalidRequest(::std::format!(
                            "this operation goes to the host `{{{{{variable}}}}}`, which has no URL: set one with `Client::{setter}`; the request was not sent",
                        ))),
                    }
                }
            }
        },
    }
}

/// The field of `Servers` for `server`: its snake-case name, raw where it is a keyword.
pub(super) fn field(server: &ServerSetting) -> proc_macro2::Ident {
    ident(&snake_case(&server.rust_name))
}

/// `Client::with_<name>`, documented with the variable and its default.
fn setter(server: &ServerSetting) -> TokenStream {
    let name = ident(&format!("with_{}", server.rust_name));
    let field = field(server);
    let variable = code(&format!("{{{{{}}}}}", server.variable));
    let default = match &server.default {
        Some(url) => format!("The collection's value, {}, is the default.", code(url)),
        None => "The collection gives no URL: until one is set, its operations fail with\n\
                 [`Error::InvalidRequest`] and send nothing."
            .to_owned(),
    };
    let docs = doc(&format!(
        "Sends the operations on the host {variable} to `url`, an absolute URL (a trailing\n\
         `/` is ignored).\n\n{default}"
    ));
    quote! {
        #docs
        #[must_use]
        pub fn #name(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
            self.servers.#field = ::std::option::Option::Some(url.into());
            self
        }
    }
}
