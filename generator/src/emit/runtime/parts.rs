//! `ClientParts`: what one optional part of the runtime (credentials, hosts, the request hook)
//! adds to `Client`. The parts are made apart and handed to `client`, which builds `Client`
//! from them, so no part depends on another.

use proc_macro2::TokenStream;

/// What one optional part of the runtime adds to `Client`.
#[derive(Default)]
pub(super) struct ClientParts {
    /// Fields of `Client`.
    pub fields: TokenStream,
    /// Their initial values, in `Client::with_http_client`.
    pub inits: TokenStream,
    /// Builder methods, in `impl Client`.
    pub setters: TokenStream,
    /// `.field(…)` calls of `Client`'s `Debug`.
    pub debug: TokenStream,
    /// Items beside `Client`.
    pub items: TokenStream,
}

impl ClientParts {
    /// `other` added after these parts.
    pub fn extend(&mut self, other: ClientParts) {
        self.fields.extend(other.fields);
        self.inits.extend(other.inits);
        self.setters.extend(other.setters);
        self.debug.extend(other.debug);
        self.items.extend(other.items);
    }
}
