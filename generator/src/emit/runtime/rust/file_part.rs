//! `FilePart`: a file field of a multipart form. Its content is bytes or, for the async client,
//! a `reqwest::Body` stream, for the blocking one any `std::io::Read`.

use super::*;

/// A file for a multipart form field: its content (bytes or a stream), its file name and its
/// content type.
///
/// Without a file name the part is sent as `file`; without a MIME type the type is guessed
/// from the file name's extension, else `application/octet-stream`.
#[cfg(not(feature = "blocking"))]
pub struct FilePart {
    content: FileContent,
    file_name: ::std::option::Option<::std::string::String>,
    mime: ::std::option::Option<::std::string::String>,
}

/// A file for a multipart form field: its content (bytes or a reader), its file name and its
/// content type.
///
/// Without a file name the part is sent as `file`; without a MIME type the type is guessed
/// from the file name's extension, else `application/octet-stream`.
#[cfg(feature = "blocking")]
pub struct FilePart {
    content: FileContent,
    file_name: ::std::option::Option<::std::string::String>,
    mime: ::std::option::Option<::std::string::String>,
}

enum FileContent {
    Bytes(::std::vec::Vec<u8>),
    #[cfg(not(feature = "blocking"))]
    Stream {
        body: http::Body,
        length: ::std::option::Option<u64>,
    },
    #[cfg(feature = "blocking")]
    Reader {
        reader: ::std::boxed::Box<dyn ::std::io::Read + ::std::marker::Send>,
        length: ::std::option::Option<u64>,
    },
}

impl FilePart {
    /// A file held in memory.
    pub fn bytes(bytes: impl ::std::convert::Into<::std::vec::Vec<u8>>) -> Self {
        FilePart::new(FileContent::Bytes(bytes.into()))
    }

    /// A file streamed from `body`, e.g. `reqwest::Body::wrap_stream(…)` or a
    /// `tokio::fs::File`. Its length is unknown, so the form is sent chunked; see
    /// [`FilePart::stream_with_length`].
    #[cfg(not(feature = "blocking"))]
    pub fn stream(body: impl ::std::convert::Into<http::Body>) -> Self {
        FilePart::new(FileContent::Stream {
            body: body.into(),
            length: ::std::option::Option::None,
        })
    }

    /// A file streamed from `body` that is `length` bytes long.
    #[cfg(not(feature = "blocking"))]
    pub fn stream_with_length(body: impl ::std::convert::Into<http::Body>, length: u64) -> Self {
        FilePart::new(FileContent::Stream {
            body: body.into(),
            length: ::std::option::Option::Some(length),
        })
    }

    /// A file read from `reader` while the form is sent, e.g. a `std::fs::File`. Its
    /// length is unknown, so the form is sent chunked; see
    /// [`FilePart::reader_with_length`].
    #[cfg(feature = "blocking")]
    pub fn reader(reader: impl ::std::io::Read + ::std::marker::Send + 'static) -> Self {
        FilePart::new(FileContent::Reader {
            reader: ::std::boxed::Box::new(reader),
            length: ::std::option::Option::None,
        })
    }

    /// A file read from `reader` that is `length` bytes long.
    #[cfg(feature = "blocking")]
    pub fn reader_with_length(
        reader: impl ::std::io::Read + ::std::marker::Send + 'static,
        length: u64,
    ) -> Self {
        FilePart::new(FileContent::Reader {
            reader: ::std::boxed::Box::new(reader),
            length: ::std::option::Option::Some(length),
        })
    }

    fn new(content: FileContent) -> Self {
        FilePart {
            content,
            file_name: ::std::option::Option::None,
            mime: ::std::option::Option::None,
        }
    }

    /// Sets the file name sent in the part's `Content-Disposition`.
    #[must_use]
    pub fn file_name(
        mut self,
        file_name: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
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
    pub(crate) fn into_part<E>(self) -> ::std::result::Result<http::multipart::Part, Error<E>> {
        let part = match self.content {
            FileContent::Bytes(bytes) => http::multipart::Part::bytes(bytes),
            #[cfg(not(feature = "blocking"))]
            FileContent::Stream {
                body,
                length: ::std::option::Option::Some(length),
            } => http::multipart::Part::stream_with_length(body, length),
            #[cfg(not(feature = "blocking"))]
            FileContent::Stream {
                body,
                length: ::std::option::Option::None,
            } => http::multipart::Part::stream(body),
            #[cfg(feature = "blocking")]
            FileContent::Reader {
                reader,
                length: ::std::option::Option::Some(length),
            } => http::multipart::Part::reader_with_length(reader, length),
            #[cfg(feature = "blocking")]
            FileContent::Reader {
                reader,
                length: ::std::option::Option::None,
            } => http::multipart::Part::reader(reader),
        };
        let file_name = self
            .file_name
            .unwrap_or_else(|| ::std::borrow::ToOwned::to_owned("file"));
        let mime = match self.mime {
            ::std::option::Option::Some(mime) => mime,
            ::std::option::Option::None => ::std::borrow::ToOwned::to_owned(
                ::mime_guess::from_path(&file_name)
                    .first_raw()
                    .unwrap_or("application/octet-stream"),
            ),
        };
        part.file_name(file_name).mime_str(&mime).map_err(|_| {
            Error::InvalidRequest(::std::format!("invalid MIME type {mime:?} for a file part"))
        })
    }
}

// Not formatted: rustfmt would put the closure below in a block, and that block would be
// printed into generated crates.
#[rustfmt::skip]
impl ::std::fmt::Debug for FilePart {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let (content, len) = match &self.content {
            FileContent::Bytes(bytes) => ("bytes", u64::try_from(bytes.len()).ok()),
            #[cfg(not(feature = "blocking"))]
            FileContent::Stream { body, length } => (
                "stream",
                length.or_else(|| body.as_bytes().and_then(|bytes| u64::try_from(bytes.len()).ok())),
            ),
            #[cfg(feature = "blocking")]
            FileContent::Reader { length, .. } => ("reader", *length),
        };
        f.debug_struct("FilePart")
            .field("content", &content)
            .field("len", &len)
            .field("file_name", &self.file_name)
            .field("mime", &self.mime)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_content_kind_and_length_not_the_content() {
        let part = FilePart::bytes(b"secret".to_vec())
            .file_name("a.txt")
            .mime("text/plain");
        let debug = format!("{part:?}");
        assert_eq!(
            debug,
            r#"FilePart { content: "bytes", len: Some(6), file_name: Some("a.txt"), mime: Some("text/plain") }"#
        );
    }

    #[test]
    fn an_invalid_mime_type_fails_before_sending() {
        match FilePart::bytes(Vec::new())
            .mime("not a mime")
            .into_part::<()>()
        {
            Err(Error::InvalidRequest(message)) => assert!(message.contains("\"not a mime\"")),
            other => panic!("{:?}", other.map(|_| "a part")),
        }
        assert!(
            FilePart::bytes(Vec::new())
                .file_name("a.png")
                .into_part::<()>()
                .is_ok()
        );
    }
}
