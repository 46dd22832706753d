//! `FilePart`: a file field of a multipart form. Its content is bytes or, for the async client,
//! a `reqwest::Body` stream, for the blocking one any `std::io::Read`.

use proc_macro2::TokenStream;
use quote::quote;

use super::FlavorTokens;

use super::Flavor;

/// What differs between the flavors: the streamed content, its constructors, the part built
/// from it, and what `Debug` says of it.
struct Streamed {
    /// The first line of `FilePart`'s docs.
    doc: TokenStream,
    variant: TokenStream,
    constructors: TokenStream,
    part_arms: TokenStream,
    debug_arm: TokenStream,
}

fn streamed(flavor: Flavor) -> Streamed {
    match flavor {
        Flavor::Async => Streamed {
            doc: quote! {
                /// A file for a multipart form field: its content (bytes or a stream), its file name and its
                /// content type.
            },
            variant: quote! {
                Stream {
                    body: ::reqwest::Body,
                    length: ::std::option::Option<u64>,
                },
            },
            constructors: quote! {
                /// A file streamed from `body`, e.g. `reqwest::Body::wrap_stream(…)` or a
                /// `tokio::fs::File`. Its length is unknown, so the form is sent chunked; see
                /// [`FilePart::stream_with_length`].
                pub fn stream(body: impl ::std::convert::Into<::reqwest::Body>) -> Self {
                    FilePart::new(FileContent::Stream { body: body.into(), length: ::std::option::Option::None })
                }

                /// A file streamed from `body` that is `length` bytes long.
                pub fn stream_with_length(body: impl ::std::convert::Into<::reqwest::Body>, length: u64) -> Self {
                    FilePart::new(FileContent::Stream { body: body.into(), length: ::std::option::Option::Some(length) })
                }
            },
            part_arms: quote! {
                FileContent::Stream { body, length: ::std::option::Option::Some(length) } => {
                    ::reqwest::multipart::Part::stream_with_length(body, length)
                }
                FileContent::Stream { body, length: ::std::option::Option::None } => {
                    ::reqwest::multipart::Part::stream(body)
                }
            },
            debug_arm: quote! {
                FileContent::Stream { body, length } => (
                    "stream",
                    length.or_else(|| body.as_bytes().and_then(|bytes| u64::try_from(bytes.len()).ok())),
                ),
            },
        },
        Flavor::Blocking => Streamed {
            doc: quote! {
                /// A file for a multipart form field: its content (bytes or a reader), its file name and its
                /// content type.
            },
            variant: quote! {
                Reader {
                    reader: ::std::boxed::Box<dyn ::std::io::Read + ::std::marker::Send>,
                    length: ::std::option::Option<u64>,
                },
            },
            constructors: quote! {
                /// A file read from `reader` while the form is sent, e.g. a `std::fs::File`. Its
                /// length is unknown, so the form is sent chunked; see
                /// [`FilePart::reader_with_length`].
                pub fn reader(reader: impl ::std::io::Read + ::std::marker::Send + 'static) -> Self {
                    FilePart::new(FileContent::Reader { reader: ::std::boxed::Box::new(reader), length: ::std::option::Option::None })
                }

                /// A file read from `reader` that is `length` bytes long.
                pub fn reader_with_length(reader: impl ::std::io::Read + ::std::marker::Send + 'static, length: u64) -> Self {
                    FilePart::new(FileContent::Reader { reader: ::std::boxed::Box::new(reader), length: ::std::option::Option::Some(length) })
                }
            },
            part_arms: quote! {
                FileContent::Reader { reader, length: ::std::option::Option::Some(length) } => {
                    ::reqwest::blocking::multipart::Part::reader_with_length(reader, length)
                }
                FileContent::Reader { reader, length: ::std::option::Option::None } => {
                    ::reqwest::blocking::multipart::Part::reader(reader)
                }
            },
            debug_arm: quote! {
                FileContent::Reader { length, .. } => ("reader", *length),
            },
        },
    }
}

/// The emitted `FilePart`.
pub(super) fn tokens(flavor: Flavor) -> TokenStream {
    let Streamed {
        doc,
        variant,
        constructors,
        part_arms,
        debug_arm,
    } = streamed(flavor);
    let http_mod = flavor.http();
    quote! {
        #doc
        ///
        /// Without a file name the part is sent as `file`; without a MIME type the type is guessed
        /// from the file name's extension, else `application/octet-stream`.
        pub struct FilePart {
            content: FileContent,
            file_name: ::std::option::Option<::std::string::String>,
            mime: ::std::option::Option<::std::string::String>,
        }

        enum FileContent {
            Bytes(::std::vec::Vec<u8>),
            #variant
        }

        impl FilePart {
            /// A file held in memory.
            pub fn bytes(bytes: impl ::std::convert::Into<::std::vec::Vec<u8>>) -> Self {
                FilePart::new(FileContent::Bytes(bytes.into()))
            }

            #constructors

            fn new(content: FileContent) -> Self {
                FilePart { content, file_name: ::std::option::Option::None, mime: ::std::option::Option::None }
            }

            /// Sets the file name sent in the part's `Content-Disposition`.
            #[must_use]
            pub fn file_name(mut self, file_name: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.file_name = ::std::option::Option::Some(file_name.into());
                self
            }

            /// Sets the part's content type, e.g. `image/jpeg`. An invalid one fails the call with
            /// `Error::InvalidRequest` before anything is sent.
            #[must_use]
            pub fn mime(mut self, mime: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.mime = ::std::option::Option::Some(mime.into());
                self
            }

            /// The form part, with its file name and content type.
            pub(crate) fn into_part<E>(self) -> ::std::result::Result<#http_mod::multipart::Part, Error<E>> {
                let part = match self.content {
                    FileContent::Bytes(bytes) => #http_mod::multipart::Part::bytes(bytes),
                    #part_arms
                };
                let file_name = self.file_name.unwrap_or_else(|| ::std::borrow::ToOwned::to_owned("file"));
                let mime = match self.mime {
                    ::std::option::Option::Some(mime) => mime,
                    ::std::option::Option::None => ::std::borrow::ToOwned::to_owned(
                        ::mime_guess::from_path(&file_name).first_raw().unwrap_or("application/octet-stream"),
                    ),
                };
                part.file_name(file_name).mime_str(&mime).map_err(|_| {
                    Error::InvalidRequest(::std::format!("invalid MIME type {mime:?} for a file part"))
                })
            }
        }

        impl ::std::fmt::Debug for FilePart {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let (content, len) = match &self.content {
                    FileContent::Bytes(bytes) => ("bytes", u64::try_from(bytes.len()).ok()),
                    #debug_arm
                };
                f.debug_struct("FilePart")
                    .field("content", &content)
                    .field("len", &len)
                    .field("file_name", &self.file_name)
                    .field("mime", &self.mime)
                    .finish()
            }
        }
    }
}
