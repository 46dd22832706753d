//! The tokens that differ between the async and the blocking client.

use proc_macro2::TokenStream;
use quote::quote;

use super::Flavor;

/// The tokens that differ between the two flavors of client.
pub(crate) trait FlavorTokens {
    /// The module of the reqwest types that differ between the two APIs (`Client`,
    /// `RequestBuilder`, `Body`, `multipart`); `Method`, `header` and `Error` are shared.
    fn http(self) -> TokenStream;
}

impl FlavorTokens for Flavor {
    fn http(self) -> TokenStream {
        match self {
            Flavor::Async => quote!(::reqwest),
            Flavor::Blocking => quote!(::reqwest::blocking),
        }
    }
}
