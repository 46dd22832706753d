//! What `Client` carries for middleware (the `middleware` feature): its field, and what the
//! crate root re-exports. The rest is the Rust source `rust/middleware.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::parts::ClientParts;
use crate::plan::needs::{FeatureGates, Flavor, RuntimeFeature, RuntimeNeeds};

/// The `#[cfg]` code of `feature` goes behind: `None` when it is left out, an empty stream
/// when it is in ungated (a file for `include!`).
pub(super) fn feature_gate(needs: &RuntimeNeeds, feature: RuntimeFeature) -> Option<TokenStream> {
    match needs.features {
        FeatureGates::Cargo => {
            let name = feature.name();
            Some(quote!(#[cfg(feature = #name)]))
        }
        resolved => resolved.emits(feature).then(TokenStream::new),
    }
}

/// `Client`'s `middleware` field. (`Debug` leaves it out: what it holds may not print, and
/// `Client`'s `Debug` is non-exhaustive already.)
pub(super) fn parts(needs: &RuntimeNeeds) -> ClientParts {
    let Some(gate) = feature_gate(needs, RuntimeFeature::Middleware) else {
        return ClientParts::default();
    };
    ClientParts {
        fields: quote! {
            #gate
            middleware: Middlewares,
        },
        inits: quote! {
            #gate
            middleware: ::std::default::Default::default(),
        },
        ..ClientParts::default()
    }
}

/// What the crate root re-exports for middleware: the async client's `reqwest_middleware`, so
/// that users build their middleware client with the version this crate takes, or the blocking
/// client's `Middleware` and `Next`.
pub(super) fn root_exports(needs: &RuntimeNeeds) -> TokenStream {
    let Some(gate) = feature_gate(needs, RuntimeFeature::Middleware) else {
        return TokenStream::new();
    };
    match needs.flavor {
        Flavor::Async => quote! {
            #gate
            pub use ::reqwest_middleware;
        },
        Flavor::Blocking => quote! {
            #gate
            pub use runtime::{Middleware, Next};
        },
    }
}
