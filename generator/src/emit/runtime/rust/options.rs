//! `CallOptions` and `Client::with_options`: extra headers and a timeout for some calls of a
//! generated operation, without giving every operation an options argument.

use super::*;

/// Settings for the calls made through one view of the client: headers, a timeout, a retry
/// policy. See [`Client::with_options`].
///
/// ```text
/// client
///     .with_options(CallOptions::new().header("Accept", "application/vnd.github.diff"))
///     .repos_get_commit(owner, repo, sha)
/// ```
#[derive(Clone, Default)]
pub struct CallOptions {
    headers: ::reqwest::header::HeaderMap,
    /// Why the first header given to [`CallOptions::header`] cannot be sent: the calls then
    /// fail with it, as `header` has no way to say so itself.
    invalid: ::std::option::Option<::std::string::String>,
    timeout: ::std::option::Option<::std::time::Duration>,
    retry: ::std::option::Option<RetryPolicy>,
}

impl CallOptions {
    /// No extra header, the client's timeout.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// Sends `name: value` in place of any value of `name` the operation, the collection's
    /// saved headers, [`Client::with_header`] or the credentials would send (GitHub's
    /// `Accept: application/vnd.github.diff` for one call). The value is marked sensitive, as it
    /// may be a key.
    ///
    /// A name or value HTTP does not allow makes the calls fail with
    /// [`Error::InvalidRequest`], naming the header, before anything is sent.
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match given_header(name, value, "CallOptions::header") {
            ::std::result::Result::Ok((name, value)) => {
                self.headers.insert(name, value);
            }
            ::std::result::Result::Err(problem) => {
                self.invalid.get_or_insert(problem);
            }
        }
        self
    }

    /// Limits each call, from sending its request to the end of its response body, to
    /// `timeout`, in place of the client's (a longer one for a slow report, a shorter one for a
    /// health check). This is also the only limit a streamed download gets.
    #[must_use]
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.timeout = ::std::option::Option::Some(timeout);
        self
    }

    /// Retries these calls as `policy` says, in place of the client's policy: e.g.
    /// `RetryPolicy::default().retry_non_idempotent(true)` for a POST the API deduplicates, or
    /// `RetryPolicy::none()`.
    #[must_use]
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = ::std::option::Option::Some(policy);
        self
    }

    /// `later` added to these options: its headers replace those of the same name, its
    /// timeout this one.
    fn merged(mut self, later: CallOptions) -> Self {
        for (name, value) in later.headers {
            if let ::std::option::Option::Some(name) = name {
                self.headers.insert(name, value);
            }
        }
        self.invalid = self.invalid.or(later.invalid);
        self.timeout = later.timeout.or(self.timeout);
        self.retry = later.retry.or(self.retry);
        self
    }

    /// Sets the headers on `request`, replacing the values it has; fails when one cannot be
    /// sent.
    pub(crate) fn apply<E>(
        &self,
        headers: &mut ::reqwest::header::HeaderMap,
    ) -> ::std::result::Result<(), Error<E>> {
        refuse_invalid(&self.invalid)?;
        for (name, value) in &self.headers {
            headers.insert(name.clone(), value.clone());
        }
        ::std::result::Result::Ok(())
    }

    /// The policy of [`CallOptions::retry`], if one was given.
    pub(crate) fn retry_policy(&self) -> ::std::option::Option<&RetryPolicy> {
        self.retry.as_ref()
    }

    /// The timeout of [`CallOptions::timeout`], if one was given.
    pub(crate) fn time_limit(&self) -> ::std::option::Option<::std::time::Duration> {
        self.timeout
    }
}

/// The header names only: values may be keys.
impl ::std::fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("CallOptions")
            .field("headers", &::std::vec::Vec::from_iter(self.headers.keys()))
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

impl Client {
    /// A view of this client whose calls carry `options`: extra headers that replace those an
    /// operation would send, and a timeout of their own. The simple call stays simple,
    /// `client.list_users()`, and one call gets its options as
    /// `client.with_options(CallOptions::new().timeout(Duration::from_secs(300))).export()`.
    ///
    /// The view is a clone, sharing the connection pool and the credentials; options given to
    /// a view of a view add to the first ones.
    pub fn with_options(&self, options: CallOptions) -> Client {
        let mut view = ::std::clone::Clone::clone(self);
        view.options = ::std::mem::take(&mut view.options).merged(options);
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_headers_replace_what_a_request_sets() {
        let options = CallOptions::new()
            .header("accept", "application/vnd.github.diff")
            .timeout(::std::time::Duration::from_secs(2));
        let mut headers = ::reqwest::header::HeaderMap::new();
        headers.insert("accept", "application/json".parse().unwrap());
        headers.insert("x-kept", "1".parse().unwrap());
        options.apply::<()>(&mut headers).unwrap();
        assert_eq!(headers["accept"], "application/vnd.github.diff");
        assert!(headers["accept"].is_sensitive());
        assert_eq!(headers["x-kept"], "1");
        assert_eq!(
            format!("{options:?}"),
            r#"CallOptions { headers: ["accept"], timeout: Some(2s), retry: None }"#
        );
    }

    #[test]
    fn later_options_add_to_earlier_ones() {
        let first = CallOptions::new()
            .header("x-a", "1")
            .header("x-b", "1")
            .timeout(::std::time::Duration::from_secs(1));
        let merged = first.merged(CallOptions::new().header("x-b", "2"));
        let mut headers = ::reqwest::header::HeaderMap::new();
        merged.apply::<()>(&mut headers).unwrap();
        assert_eq!(
            (&headers["x-a"], &headers["x-b"]),
            (&"1".parse().unwrap(), &"2".parse().unwrap())
        );
        assert_eq!(
            merged.time_limit(),
            Some(::std::time::Duration::from_secs(1))
        );
    }

    #[test]
    fn an_invalid_header_fails_the_call_naming_it() {
        let options = CallOptions::new().header("x-bad", "a\nb");
        match options.apply::<()>(&mut ::reqwest::header::HeaderMap::new()) {
            Err(Error::InvalidRequest(message)) => {
                assert!(
                    message.contains("`x-bad`, set with `CallOptions::header`"),
                    "{message}"
                )
            }
            other => panic!("{other:?}"),
        }
    }
}
