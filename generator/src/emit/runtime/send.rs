//! `Client::send`: the one function that sends, and turns any response into the operation's
//! result or error.

use proc_macro2::TokenStream;
use quote::quote;

use super::FlavorTokens;

use super::RuntimeNeeds;

/// `Client::send`, and the sorting of responses by status.
pub(super) fn tokens(needs: &RuntimeNeeds) -> TokenStream {
    let (http_mod, asyncness, dot_await) = (
        needs.flavor.http(),
        needs.flavor.asyncness(),
        needs.flavor.dot_await(),
    );
    // With an API key in the query, a transport error's URL would carry the key: drop the query.
    let (transport, transport_fn) = if needs.auth.api_key_query {
        let function = quote! {
            /// A transport error without the URL's query, which may carry the API key.
            fn transport<E>(mut error: ::reqwest::Error) -> Error<E> {
                if let ::std::option::Option::Some(url) = error.url_mut() {
                    url.set_query(::std::option::Option::None);
                }
                Error::Transport(error)
            }
        };
        (quote!(transport), function)
    } else {
        (quote!(Error::Transport), TokenStream::new())
    };
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

        /// A request reqwest could not build, with the causes reqwest gives (its URL is left out:
        /// the query may hold an API key).
        fn invalid_request<E>(error: ::reqwest::Error) -> Error<E> {
            let error = error.without_url();
            let mut message = ::std::string::ToString::to_string(&error);
            let mut source = ::std::error::Error::source(&error);
            while let ::std::option::Option::Some(cause) = source {
                message.push_str(": ");
                message.push_str(&::std::string::ToString::to_string(cause));
                source = ::std::error::Error::source(cause);
            }
            Error::InvalidRequest(::std::format!("the request cannot be built: {message}"))
        }

        /// The result of a call from its response's status, headers and body.
        fn sort_response<T, E: ApiError>(
            status: u16,
            headers: ::reqwest::header::HeaderMap,
            body: ::std::vec::Vec<u8>,
            decode: Decoder<T>,
        ) -> ::std::result::Result<T, Error<E>> {
            if (200..300).contains(&status) {
                return match decode(status, &body) {
                    ::std::option::Option::Some(::std::result::Result::Ok(value)) => {
                        ::std::result::Result::Ok(value)
                    }
                    ::std::option::Option::Some(::std::result::Result::Err(source)) => {
                        ::std::result::Result::Err(Error::Decode { status, body, source })
                    }
                    ::std::option::Option::None => {
                        ::std::result::Result::Err(Error::UnexpectedStatus { status, headers, body })
                    }
                };
            }
            match E::from_response(status, ErrorBody::from(body.clone())) {
                ::std::option::Option::Some(error) => {
                    ::std::result::Result::Err(Error::Api { status, headers, error })
                }
                ::std::option::Option::None => {
                    ::std::result::Result::Err(Error::UnexpectedStatus { status, headers, body })
                }
            }
        }
    }
}
