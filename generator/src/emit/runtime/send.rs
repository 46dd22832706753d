//! `Client::send`: the one function that sends, and turns any response into the operation's
//! result or error. What it does besides sending is in `rust/send.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::flavor::FlavorTokens;
use super::source::{Source, SourceFile};
use crate::plan::needs::RuntimeNeeds;

/// `Client::send`, and the sorting of responses by status.
pub(super) fn tokens(needs: &RuntimeNeeds) -> TokenStream {
    let (http_mod, asyncness, dot_await) = (
        needs.flavor.http(),
        needs.flavor.asyncness(),
        needs.flavor.dot_await(),
    );
    let helpers = Source::new(SourceFile::Send, needs.flavor);
    // With an API key in the query, a transport error's URL would carry the key: drop the query.
    let (transport, transport_fn) = if needs.auth.api_key_query {
        (quote!(transport), helpers.items(&["transport"]))
    } else {
        (quote!(Error::Transport), TokenStream::new())
    };
    let sorting = helpers.items(&["invalid_request", "sort_response"]);
    quote! {
        impl Client {
            /// Sends `request` and sorts the response by status: a 2xx goes to `decode`, any other
            /// status to `E::from_response`. Never panics, whatever the server answers.
            ///
            /// The request is built first, so that one reqwest refuses (an invalid URL, say) is an
            /// `Error::InvalidRequest`, apart from the network's errors.
            pub(crate) #asyncness fn send<T, E: ApiError>(
                &self,
                request: #http_mod::RequestBuilder,
                decode: Decoder<T>,
            ) -> ::std::result::Result<T, Error<E>> {
                let (http, request) = request.build_split();
                let request = request.map_err(invalid_request)?;
                let mut response = http.execute(request)#dot_await.map_err(#transport)?;
                let status = response.status().as_u16();
                let headers = ::std::mem::take(response.headers_mut());
                let body = response.bytes()#dot_await.map_err(#transport)?;
                sort_response(status, headers, ::std::vec::Vec::from(body), decode)
            }
        }

        #transport_fn
        #sorting
    }
}
