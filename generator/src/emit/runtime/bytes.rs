//! `bytes`: the decoder of a success body the client hands over as it came (a PDF, an archive,
//! a body of a type no example says). Kept apart from the stock decoders in `decode`.

use proc_macro2::TokenStream;
use quote::quote;

use super::RuntimeNeeds;

/// The `bytes` decoder, when an operation returns raw bytes.
pub(super) fn tokens(needs: &RuntimeNeeds) -> Option<TokenStream> {
    needs.decoders.bytes.then(|| {
        quote! {
            /// The body as it came, byte for byte.
            pub(crate) fn bytes(
                _status: u16,
                body: &[u8],
            ) -> ::std::option::Option<::std::result::Result<::std::vec::Vec<u8>, ::serde_json::Error>> {
                ::std::option::Option::Some(::std::result::Result::Ok(body.to_vec()))
            }
        }
    })
}
