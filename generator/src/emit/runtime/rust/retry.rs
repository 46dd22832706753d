//! `RetryPolicy` and `Client::with_retry`: which failed calls are sent again, and after how
//! long. The loop that applies it is `Client::transmit`'s.
//!
//! Written out rather than taken from a crate: `backoff` is unmaintained, `backon` brings its
//! own sleeper abstraction for what is here a dozen lines, and `httpdate`, which reads a
//! `Retry-After` date, is a dependency already.

use super::*;

/// Which failed calls the client sends again, and how long it waits first.
///
/// By default ([`RetryPolicy::default`]) a call is made up to 3 times when the server answers
/// `429 Too Many Requests` or `503 Service Unavailable`, or the connection cannot be made; only
/// for idempotent methods (`GET`, `HEAD`, `PUT`, `DELETE`, `OPTIONS`, `TRACE`) and requests that
/// carry an `Idempotency-Key` header, and never when the request body cannot be sent twice (a
/// stream). Between attempts it waits what the server's `Retry-After` asks (seconds or an HTTP
/// date), else an exponential backoff with jitter: about 0.5 s, 1 s, 2 s, … up to 30 s. A
/// `Retry-After` longer than that cap is not waited for: the response is returned, and
/// [`Error::retry_after`] tells how long the server asked.
///
/// Set it with [`Client::with_retry`], or for some calls with [`CallOptions::retry`];
/// [`RetryPolicy::none`] turns retries off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_delay: ::std::time::Duration,
    max_delay: ::std::time::Duration,
    statuses: ::std::vec::Vec<u16>,
    non_idempotent: bool,
}

impl ::std::default::Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_delay: ::std::time::Duration::from_millis(500),
            max_delay: ::std::time::Duration::from_secs(30),
            statuses: ::std::vec![429, 503],
            non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// No retries: every call is made once.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Makes a call at most `attempts` times in all (the first included); `1` is no retry.
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Waits about `initial` before the first retry, doubling for each next one, never more
    /// than `max`; `max` is also the longest `Retry-After` waited for.
    #[must_use]
    pub fn backoff(mut self, initial: ::std::time::Duration, max: ::std::time::Duration) -> Self {
        self.initial_delay = initial;
        self.max_delay = max.max(initial);
        self
    }

    /// Retries these response statuses (by default 429 and 503) besides connection failures.
    #[must_use]
    pub fn statuses(mut self, statuses: &[u16]) -> Self {
        self.statuses = statuses.to_vec();
        self
    }

    /// Retries `POST` and `PATCH` calls too, when `yes`: for APIs that deduplicate requests
    /// themselves. (A request with an `Idempotency-Key` header is retried without this.)
    #[must_use]
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.non_idempotent = yes;
        self
    }

    /// Whether a request with `method` and `headers` may be sent more than once at all.
    pub(crate) fn allows(
        &self,
        method: &::reqwest::Method,
        headers: &::reqwest::header::HeaderMap,
    ) -> bool {
        let idempotent = matches!(
            *method,
            ::reqwest::Method::GET
                | ::reqwest::Method::HEAD
                | ::reqwest::Method::PUT
                | ::reqwest::Method::DELETE
                | ::reqwest::Method::OPTIONS
                | ::reqwest::Method::TRACE
        );
        self.max_attempts > 1
            && (idempotent || self.non_idempotent || headers.contains_key("idempotency-key"))
    }

    /// Whether attempt number `attempt` (from 1) may be followed by another.
    pub(crate) fn has_attempt_after(&self, attempt: u32) -> bool {
        attempt < self.max_attempts
    }

    /// Whether a response of `status` is worth another attempt.
    pub(crate) fn retries_status(&self, status: u16) -> bool {
        self.statuses.contains(&status)
    }

    /// How long to wait after attempt `attempt` (from 1) failed: what the server asked in
    /// `retry_after`, else the backoff with jitter; `None` when the server asks for longer than
    /// the cap.
    pub(crate) fn delay(
        &self,
        attempt: u32,
        retry_after: ::std::option::Option<::std::time::Duration>,
    ) -> ::std::option::Option<::std::time::Duration> {
        if let ::std::option::Option::Some(asked) = retry_after {
            return (asked <= self.max_delay).then_some(asked);
        }
        let doubled = self
            .initial_delay
            .saturating_mul(1 << attempt.saturating_sub(1).min(20));
        let backoff = doubled.min(self.max_delay);
        // "Equal jitter": half the backoff, plus a random part of the other half, so that
        // clients failing together do not retry together, and none retries at once.
        let half = backoff / 2;
        let random = ::std::hash::BuildHasher::hash_one(
            &::std::collections::hash_map::RandomState::new(),
            attempt,
        );
        let jitter = half.mul_f64((random % 1_000_001) as f64 / 1_000_000.0);
        ::std::option::Option::Some(half + jitter)
    }
}

/// Whether a transport error happened before the server could have acted on the request: the
/// connection could not be made. (A timeout or a connection lost mid-way may come after the
/// server did the work.)
pub(crate) fn is_connection_failure(error: &::reqwest::Error) -> bool {
    error.is_connect()
}

impl Client {
    /// Retries failed calls as `policy` says, in place of [`RetryPolicy::default`];
    /// `RetryPolicy::none()` turns retries off.
    #[must_use]
    pub fn with_retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::std::time::Duration;

    fn headers(pairs: &[(&'static str, &'static str)]) -> ::reqwest::header::HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (name.parse().unwrap(), value.parse().unwrap()))
            .collect()
    }

    #[test]
    fn idempotent_methods_and_idempotency_keys_are_retried() {
        let policy = RetryPolicy::default();
        let none = headers(&[]);
        assert!(policy.allows(&::reqwest::Method::GET, &none));
        assert!(policy.allows(&::reqwest::Method::PUT, &none));
        assert!(!policy.allows(&::reqwest::Method::POST, &none));
        assert!(policy.allows(
            &::reqwest::Method::POST,
            &headers(&[("idempotency-key", "k1")])
        ));
        let opted_in = RetryPolicy::default().retry_non_idempotent(true);
        assert!(opted_in.allows(&::reqwest::Method::PATCH, &none));
        assert!(!RetryPolicy::none().allows(&::reqwest::Method::GET, &none));
    }

    #[test]
    fn the_backoff_doubles_with_jitter_up_to_the_cap() {
        let policy =
            RetryPolicy::default().backoff(Duration::from_millis(100), Duration::from_millis(350));
        for (attempt, full) in [(1, 100), (2, 200), (3, 350), (9, 350), (40, 350)] {
            let wait = policy.delay(attempt, None).unwrap();
            let full = Duration::from_millis(full);
            assert!(full / 2 <= wait && wait <= full, "{attempt}: {wait:?}");
        }
    }

    #[test]
    fn retry_after_is_waited_for_up_to_the_cap() {
        let policy = RetryPolicy::default();
        let asked = Some(Duration::from_secs(2));
        assert_eq!(policy.delay(1, asked), asked);
        assert_eq!(policy.delay(1, Some(Duration::from_secs(31))), None);
    }

    #[test]
    fn statuses_and_attempts_are_the_policy_s() {
        let policy = RetryPolicy::default().statuses(&[502]).max_attempts(2);
        assert!(policy.retries_status(502) && !policy.retries_status(429));
        assert!(policy.has_attempt_after(1) && !policy.has_attempt_after(2));
        assert_eq!(RetryPolicy::default().max_attempts(0).max_attempts, 1);
    }
}
