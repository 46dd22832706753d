//! `header` and `sensitive_header`: header values checked before a request is built.
//!
//! reqwest records an invalid header value as an error that surfaces only when the request is
//! sent, as a transport error that does not say which header. A value with CR or LF must never
//! reach the wire (it would end the header and start another one), so operations and
//! credentials go through these checks and fail with `Error::InvalidRequest` naming the header.

use proc_macro2::TokenStream;
use quote::quote;

use super::FlavorTokens;

use super::Flavor;

/// `header`, the check of operations' header arguments.
pub(super) fn argument_tokens(flavor: Flavor) -> TokenStream {
    let http_mod = flavor.http();
    quote! {
        /// Adds the header `name: value` (an operation's header argument) to `request`. A value
        /// with CR, LF or another control character is refused, and nothing is sent.
        pub(crate) fn header<E>(
            request: #http_mod::RequestBuilder,
            name: &str,
            value: &str,
        ) -> ::std::result::Result<#http_mod::RequestBuilder, Error<E>> {
            let header_name = header_name(name)?;
            let header_value = ::reqwest::header::HeaderValue::from_str(value).map_err(|_| {
                Error::InvalidRequest(::std::format!(
                    "the value of the header `{name}` contains a line break or another control character, so the request was not sent",
                ))
            })?;
            ::std::result::Result::Ok(request.header(header_name, header_value))
        }
    }
}

/// `sensitive_header`, for credentials, and `header_name`, which both helpers use.
pub(super) fn shared_tokens(credentials: bool) -> TokenStream {
    let sensitive = credentials.then(|| {
        quote! {
            /// `value` for the header `name`, marked sensitive (HTTP/2 does not compress it, and
            /// reqwest's `Debug` hides it). `what` names the credential in the error; the value
            /// itself never appears in an error.
            fn sensitive_header<E>(
                name: &str,
                value: &str,
                what: &str,
            ) -> ::std::result::Result<(::reqwest::header::HeaderName, ::reqwest::header::HeaderValue), Error<E>> {
                let header_name = header_name(name)?;
                let mut header_value = ::reqwest::header::HeaderValue::from_str(value).map_err(|_| {
                    Error::InvalidRequest(::std::format!(
                        "{what} contains a line break or another control character, so it cannot be sent in the header `{name}`; the request was not sent",
                    ))
                })?;
                header_value.set_sensitive(true);
                ::std::result::Result::Ok((header_name, header_value))
            }
        }
    });
    quote! {
        #sensitive

        /// `name` as a header name; the collection may hold names HTTP does not allow.
        fn header_name<E>(name: &str) -> ::std::result::Result<::reqwest::header::HeaderName, Error<E>> {
            ::reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                Error::InvalidRequest(::std::format!(
                    "`{name}` is not a valid HTTP header name, so the request was not sent",
                ))
            })
        }
    }
}
