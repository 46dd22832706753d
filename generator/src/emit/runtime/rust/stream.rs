//! `ByteStream`: a success body read as it arrives (a large download, a filtered stream of
//! events), rather than whole.

use super::*;

/// A success body read as it arrives: the body of the `_stream` twin of a download operation
/// and of [`CustomRequest::send_stream`].
///
/// Only a timeout given for the call ([`CallOptions::timeout`], [`CustomRequest::timeout`])
/// limits it: the client's timeout would cut a long download or an endless stream of events.
/// (A reqwest client of your own, given to `Client::with_http_client`, applies its own timeout
/// to every request.)
///
/// Read it chunk by chunk with [`ByteStream::chunk`], or use it as a `futures_core::Stream`
/// (`futures::StreamExt::next`).
#[cfg(not(feature = "blocking"))]
pub struct ByteStream {
    state: ReadState,
}

/// Where reading a [`ByteStream`] stands. The response moves into the future reading its next
/// chunk and comes back with it, so the stream needs no self-reference and no extra crate.
#[cfg(not(feature = "blocking"))]
enum ReadState {
    Waiting(::reqwest::Response),
    Reading(
        ::std::pin::Pin<
            ::std::boxed::Box<
                dyn ::std::future::Future<Output = (::reqwest::Response, ChunkResult)>
                    + ::std::marker::Send,
            >,
        >,
    ),
    Finished,
}

/// What reading one chunk gives.
#[cfg(not(feature = "blocking"))]
type ChunkResult = ::reqwest::Result<::std::option::Option<::bytes::Bytes>>;

#[cfg(not(feature = "blocking"))]
impl ByteStream {
    pub(crate) fn new(response: ::reqwest::Response) -> Self {
        ByteStream {
            state: ReadState::Waiting(response),
        }
    }

    /// The next chunk of the body, `None` at its end. A connection lost or a timeout on the
    /// way is an [`Error::Transport`], and ends the stream.
    pub async fn chunk(
        &mut self,
    ) -> ::std::result::Result<::std::option::Option<::bytes::Bytes>, Error> {
        ::std::future::poll_fn(|context| self.poll_chunk(context))
            .await
            .transpose()
    }

    fn poll_chunk(
        &mut self,
        context: &mut ::std::task::Context<'_>,
    ) -> ::std::task::Poll<::std::option::Option<::std::result::Result<::bytes::Bytes, Error>>>
    {
        loop {
            match ::std::mem::replace(&mut self.state, ReadState::Finished) {
                ReadState::Waiting(mut response) => {
                    self.state = ReadState::Reading(::std::boxed::Box::pin(async move {
                        let chunk = response.chunk().await;
                        (response, chunk)
                    }));
                }
                ReadState::Reading(mut reading) => {
                    return match ::std::future::Future::poll(reading.as_mut(), context) {
                        ::std::task::Poll::Pending => {
                            self.state = ReadState::Reading(reading);
                            ::std::task::Poll::Pending
                        }
                        ::std::task::Poll::Ready((response, result)) => {
                            ::std::task::Poll::Ready(match result {
                                ::std::result::Result::Ok(::std::option::Option::Some(chunk)) => {
                                    self.state = ReadState::Waiting(response);
                                    ::std::option::Option::Some(::std::result::Result::Ok(chunk))
                                }
                                ::std::result::Result::Ok(::std::option::Option::None) => {
                                    ::std::option::Option::None
                                }
                                ::std::result::Result::Err(error) => ::std::option::Option::Some(
                                    ::std::result::Result::Err(transport(error)),
                                ),
                            })
                        }
                    };
                }
                ReadState::Finished => {
                    return ::std::task::Poll::Ready(::std::option::Option::None);
                }
            }
        }
    }
}

#[cfg(not(feature = "blocking"))]
impl ::futures_core::Stream for ByteStream {
    type Item = ::std::result::Result<::bytes::Bytes, Error>;

    fn poll_next(
        self: ::std::pin::Pin<&mut Self>,
        context: &mut ::std::task::Context<'_>,
    ) -> ::std::task::Poll<::std::option::Option<Self::Item>> {
        self.get_mut().poll_chunk(context)
    }
}

/// A success body read as it arrives: the body of the `_stream` twin of a download operation
/// and of [`CustomRequest::send_stream`]. It is a [`std::io::Read`]: copy it to a file with
/// `std::io::copy`, or wrap it in a `BufReader` to read lines of events.
///
/// Only a timeout given for the call ([`CallOptions::timeout`], [`CustomRequest::timeout`])
/// limits it, and then each read rather than the whole body: the client's timeout would cut a
/// long download or an endless stream of events. (A reqwest client of your own, given to
/// `Client::with_http_client`, applies its own timeout to every request.)
#[cfg(feature = "blocking")]
pub struct ByteStream {
    response: http::Response,
}

#[cfg(feature = "blocking")]
impl ByteStream {
    pub(crate) fn new(response: http::Response) -> Self {
        ByteStream { response }
    }
}

#[cfg(feature = "blocking")]
impl ::std::io::Read for ByteStream {
    fn read(&mut self, buffer: &mut [u8]) -> ::std::io::Result<usize> {
        ::std::io::Read::read(&mut self.response, buffer)
    }
}

impl ::std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("ByteStream").finish_non_exhaustive()
    }
}
