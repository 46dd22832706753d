//! `Pending` and `PendingStream`: what the async client's operations return, the future of a
//! call's response.
//!
//! An operation is a plain function: it builds its request when called and hands it to
//! `Client::send`, which boxes the one non-generic future that sends it and reads the
//! response (`Client::receive`). Only sorting that response into the operation's success type
//! and error enum is generic, in `poll`. So no operation is an `async fn` state machine of its
//! own, which keeps a client of hundreds of operations quick to compile; calling one reads the
//! same: `client.get_user("u1").await`.

use super::*;

/// The boxed, non-generic part of a call: sending its request and reading the response.
#[cfg(not(feature = "blocking"))]
type Receiving<'a, R> = ::std::pin::Pin<
    ::std::boxed::Box<
        dyn ::std::future::Future<Output = ::std::result::Result<R, Error<Undocumented>>>
            + ::std::marker::Send
            + 'a,
    >,
>;

/// The response of a call, once awaited: the decoded success body with its status and
/// headers, or an [`Error<E>`] with the operation's error enum `E`.
///
/// The request is built when the operation is called; it is sent when this future is first
/// polled. It borrows the client, and is `Send`: it can be spawned when the client outlives
/// the task (an `Arc<Client>` or a `'static` client moved into it).
#[cfg(not(feature = "blocking"))]
#[must_use = "a call is sent only when its future is awaited"]
pub struct Pending<'a, T, E> {
    receiving: Receiving<'a, Received>,
    decode: Decoder<T>,
    error: ::std::marker::PhantomData<fn() -> E>,
}

#[cfg(not(feature = "blocking"))]
impl<'a, T, E> Pending<'a, T, E> {
    pub(crate) fn new(receiving: Receiving<'a, Received>, decode: Decoder<T>) -> Self {
        Pending {
            receiving,
            decode,
            error: ::std::marker::PhantomData,
        }
    }
}

#[cfg(not(feature = "blocking"))]
impl<T, E: ApiError> ::std::future::Future for Pending<'_, T, E> {
    type Output = ::std::result::Result<Response<T>, Error<E>>;

    fn poll(
        self: ::std::pin::Pin<&mut Self>,
        context: &mut ::std::task::Context<'_>,
    ) -> ::std::task::Poll<Self::Output> {
        let this = self.get_mut();
        this.receiving
            .as_mut()
            .poll(context)
            .map(|received| sort_response(received.map_err(widen)?, this.decode))
    }
}

#[cfg(not(feature = "blocking"))]
impl<T, E> ::std::fmt::Debug for Pending<'_, T, E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Pending").finish_non_exhaustive()
    }
}

/// The response of the `_stream` twin of a download, once awaited: its 2xx body as a
/// [`ByteStream`], or an [`Error<E>`] as for [`Pending`].
#[cfg(not(feature = "blocking"))]
#[must_use = "a call is sent only when its future is awaited"]
pub struct PendingStream<'a, E> {
    receiving: Receiving<'a, Streamed>,
    error: ::std::marker::PhantomData<fn() -> E>,
}

#[cfg(not(feature = "blocking"))]
impl<'a, E> PendingStream<'a, E> {
    pub(crate) fn new(receiving: Receiving<'a, Streamed>) -> Self {
        PendingStream {
            receiving,
            error: ::std::marker::PhantomData,
        }
    }
}

#[cfg(not(feature = "blocking"))]
impl<E: ApiError> ::std::future::Future for PendingStream<'_, E> {
    type Output = ::std::result::Result<Response<ByteStream>, Error<E>>;

    fn poll(
        self: ::std::pin::Pin<&mut Self>,
        context: &mut ::std::task::Context<'_>,
    ) -> ::std::task::Poll<Self::Output> {
        self.get_mut()
            .receiving
            .as_mut()
            .poll(context)
            .map(|streamed| streamed.map_err(widen)?.sorted())
    }
}

#[cfg(not(feature = "blocking"))]
impl<E> ::std::fmt::Debug for PendingStream<'_, E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("PendingStream").finish_non_exhaustive()
    }
}
