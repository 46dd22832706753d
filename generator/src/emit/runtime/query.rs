//! `query_flags`: query keys sent bare (`?flag`), which serde_urlencoded cannot write (it always
//! writes `key=value`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Flavor, FlavorTokens};

/// The emitted `query_flags` function.
pub(super) fn tokens(flavor: Flavor) -> TokenStream {
    let http_mod = flavor.http();
    quote! {
        /// Appends each key of `flags` that is on to the request's query as a bare key
        /// (`?flag`). The request is built to reach its URL and handed back whole; one that
        /// cannot be built is an `Error::InvalidRequest`, as `send` would report it.
        pub(crate) fn query_flags<E>(
            request: #http_mod::RequestBuilder,
            flags: &[(&str, bool)],
        ) -> ::std::result::Result<#http_mod::RequestBuilder, Error<E>> {
            if !flags.iter().any(|(_, on)| *on) {
                return ::std::result::Result::Ok(request);
            }
            let (http, request) = request.build_split();
            let mut request = request.map_err(invalid_request)?;
            {
                let mut query = request.url_mut().query_pairs_mut();
                for (key, _) in flags.iter().filter(|(_, on)| *on) {
                    query.append_key_only(key);
                }
            }
            ::std::result::Result::Ok(#http_mod::RequestBuilder::from_parts(http, request))
        }
    }
}
