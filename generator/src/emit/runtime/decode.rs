//! `Decoder<T>` and the stock decoders of success bodies, shared by async and (later) blocking sends.

use proc_macro2::TokenStream;
use quote::quote;

use super::RuntimeNeeds;

/// The `Decoder` alias and the decoders `needs` asks for.
pub(super) fn tokens(needs: &RuntimeNeeds) -> TokenStream {
    let json = needs.decoders.json.then(|| {
        quote! {
            /// Decodes a JSON body, whatever the 2xx status.
            pub(crate) fn json<T: ::serde::de::DeserializeOwned>(
                _status: u16,
                body: &[u8],
            ) -> ::std::option::Option<::std::result::Result<T, ::serde_json::Error>> {
                ::std::option::Option::Some(::serde_json::from_slice(body))
            }
        }
    });
    let json_or_empty = needs.decoders.json_or_empty.then(|| {
        quote! {
            /// Decodes a JSON body, or `None` when the body is empty or only whitespace.
            pub(crate) fn json_or_empty<T: ::serde::de::DeserializeOwned>(
                _status: u16,
                body: &[u8],
            ) -> ::std::option::Option<::std::result::Result<::std::option::Option<T>, ::serde_json::Error>> {
                if body.iter().all(u8::is_ascii_whitespace) {
                    ::std::option::Option::Some(::std::result::Result::Ok(::std::option::Option::None))
                } else {
                    ::std::option::Option::Some(::serde_json::from_slice(body).map(::std::option::Option::Some))
                }
            }
        }
    });
    let empty = needs.decoders.empty.then(|| {
        quote! {
            /// Ignores the body.
            pub(crate) fn empty(
                _status: u16,
                _body: &[u8],
            ) -> ::std::option::Option<::std::result::Result<(), ::serde_json::Error>> {
                ::std::option::Option::Some(::std::result::Result::Ok(()))
            }
        }
    });
    let text = needs.decoders.text.then(|| {
        quote! {
            /// The body as text (invalid UTF-8 replaced).
            pub(crate) fn text(
                _status: u16,
                body: &[u8],
            ) -> ::std::option::Option<::std::result::Result<::std::string::String, ::serde_json::Error>> {
                ::std::option::Option::Some(::std::result::Result::Ok(
                    ::std::string::String::from_utf8_lossy(body).into_owned(),
                ))
            }
        }
    });
    quote! {
        /// Turns a success response (2xx status and body) into an operation's result. `None` means
        /// the status is not one the operation knows (→ `Error::UnexpectedStatus`); `Some(Err(_))`
        /// means the body does not match (→ `Error::Decode`).
        pub(crate) type Decoder<T> =
            fn(u16, &[u8]) -> ::std::option::Option<::std::result::Result<T, ::serde_json::Error>>;

        #json
        #json_or_empty
        #empty
        #text
    }
}
