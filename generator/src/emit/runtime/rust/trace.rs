//! The `tracing` span of a call, behind the generated crate's `tracing` feature: one span per
//! call, named `call`, with the operation, the method and the path template from the start,
//! and the attempt and the status as they become known (a retried call ends with its last).
//! Without the feature `Trace` is empty and does nothing, so `transmit` reads the same either
//! way and the crate does not depend on `tracing`.

use super::*;

/// The span of one call.
#[cfg(feature = "tracing")]
pub(crate) struct Trace(::tracing::Span);

/// Nothing: the crate is built without its `tracing` feature.
#[cfg(not(feature = "tracing"))]
pub(crate) struct Trace;

#[cfg(feature = "tracing")]
impl Trace {
    /// Opens the span of `call`, a `method` request.
    pub(crate) fn start(call: Call, method: &::reqwest::Method) -> Trace {
        Trace(::tracing::info_span!(
            "call",
            operation = call.operation,
            method = method.as_str(),
            path = call.path,
            attempt = ::tracing::field::Empty,
            status = ::tracing::field::Empty,
        ))
    }

    /// Attempt `attempt` (1 for the first) is being sent.
    pub(crate) fn attempt(&self, attempt: u32) {
        self.0.record("attempt", attempt);
    }

    /// An attempt ended in `result`: its status, when the server answered.
    pub(crate) fn outcome(&self, result: &Sent) {
        if let ::std::result::Result::Ok(response) = result {
            self.0.record("status", response.status().as_u16());
        }
    }

    /// `sending` inside the span, so that what it logs (middleware, reqwest) belongs to the call.
    #[cfg(not(feature = "blocking"))]
    pub(crate) fn instrument<F>(&self, sending: F) -> ::tracing::instrument::Instrumented<F> {
        ::tracing::Instrument::instrument(sending, self.0.clone())
    }

    /// `send` run inside the span, so that what it logs (middleware, reqwest) belongs to the call.
    #[cfg(feature = "blocking")]
    pub(crate) fn in_scope<T>(&self, send: impl ::std::ops::FnOnce() -> T) -> T {
        self.0.in_scope(send)
    }
}

#[cfg(not(feature = "tracing"))]
impl Trace {
    pub(crate) fn start(_call: Call, _method: &::reqwest::Method) -> Trace {
        Trace
    }

    pub(crate) fn attempt(&self, _attempt: u32) {}

    pub(crate) fn outcome(&self, _result: &Sent) {}

    #[cfg(not(feature = "blocking"))]
    pub(crate) fn instrument<F>(&self, sending: F) -> F {
        sending
    }

    #[cfg(feature = "blocking")]
    pub(crate) fn in_scope<T>(&self, send: impl ::std::ops::FnOnce() -> T) -> T {
        send()
    }
}
