//! `Credential<T>`: a credential of the client that can be replaced while the client is shared,
//! and the helpers that add the bearer token and basic credentials to a request.

use super::*;

/// A credential set on a client, `None` until set. Clones of the client share it, so
/// [`Credential::set`] (`Client::set_bearer_token`, …) reaches every clone; the `with_…`
/// builders give the client a credential of its own.
pub(crate) struct Credential<T>(::std::sync::Arc<::std::sync::RwLock<::std::option::Option<T>>>);

impl<T: ::std::clone::Clone> Credential<T> {
    /// A credential of its own holding `value`.
    pub(crate) fn new(value: T) -> Self {
        Credential(::std::sync::Arc::new(::std::sync::RwLock::new(
            ::std::option::Option::Some(value),
        )))
    }

    /// Replaces the value for every client that shares this credential. (A lock poisoned by
    /// a panic elsewhere is taken over: the value is replaced whole, never left half-written.)
    pub(crate) fn set(&self, value: T) {
        let mut slot = self
            .0
            .write()
            .unwrap_or_else(::std::sync::PoisonError::into_inner);
        *slot = ::std::option::Option::Some(value);
    }

    /// The value, if set.
    pub(crate) fn get(&self) -> ::std::option::Option<T> {
        self.0
            .read()
            .unwrap_or_else(::std::sync::PoisonError::into_inner)
            .clone()
    }

    fn is_set(&self) -> bool {
        self.0
            .read()
            .unwrap_or_else(::std::sync::PoisonError::into_inner)
            .is_some()
    }
}

impl<T> ::std::clone::Clone for Credential<T> {
    fn clone(&self) -> Self {
        Credential(::std::sync::Arc::clone(&self.0))
    }
}

impl<T> ::std::default::Default for Credential<T> {
    fn default() -> Self {
        Credential(::std::sync::Arc::new(::std::sync::RwLock::new(
            ::std::option::Option::None,
        )))
    }
}

/// `Some("<redacted>")` or `None`: whether it is set, never the value.
impl<T: ::std::clone::Clone> ::std::fmt::Debug for Credential<T> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::fmt::Debug::fmt(&self.is_set().then_some("<redacted>"), f)
    }
}

/// `request` with `Authorization: Bearer <token>`, when a token is set.
pub(crate) fn with_bearer<E>(
    request: http::RequestBuilder,
    token: &Credential<::std::string::String>,
) -> ::std::result::Result<http::RequestBuilder, Error<E>> {
    match token.get() {
        ::std::option::Option::Some(token) => {
            let (name, value) = sensitive_header(
                "authorization",
                &::std::format!("Bearer {token}"),
                "the bearer token set with `Client::with_bearer_token`",
            )?;
            ::std::result::Result::Ok(request.header(name, value))
        }
        ::std::option::Option::None => ::std::result::Result::Ok(request),
    }
}

/// `request` with HTTP basic auth, when credentials are set.
pub(crate) fn with_basic(
    request: http::RequestBuilder,
    credentials: &Credential<(::std::string::String, ::std::string::String)>,
) -> http::RequestBuilder {
    match credentials.get() {
        ::std::option::Option::Some((username, password)) => {
            request.basic_auth(username, ::std::option::Option::Some(password))
        }
        ::std::option::Option::None => request,
    }
}

/// `request` with the bearer token, or else the basic credentials, whichever is set.
pub(crate) fn with_bearer_or_basic<E>(
    request: http::RequestBuilder,
    token: &Credential<::std::string::String>,
    credentials: &Credential<(::std::string::String, ::std::string::String)>,
) -> ::std::result::Result<http::RequestBuilder, Error<E>> {
    if token.is_set() {
        with_bearer(request, token)
    } else {
        ::std::result::Result::Ok(with_basic(request, credentials))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authorization<E: ::std::fmt::Debug>(
        request: Result<http::RequestBuilder, Error<E>>,
    ) -> Option<String> {
        let request = request.unwrap().build().unwrap();
        let value = request.headers().get("authorization")?;
        Some(value.to_str().unwrap().to_owned())
    }

    fn request() -> http::RequestBuilder {
        http::Client::new().get("http://127.0.0.1/")
    }

    #[test]
    fn clones_share_what_set_replaces_and_new_detaches() {
        let first = Credential::new("a".to_owned());
        let clone = first.clone();
        clone.set("b".to_owned());
        assert_eq!(first.get().as_deref(), Some("b"));
        let own = Credential::new("c".to_owned());
        assert_eq!(first.get().as_deref(), Some("b"));
        assert_eq!(own.get().as_deref(), Some("c"));
        assert_eq!(format!("{first:?}"), r#"Some("<redacted>")"#);
        assert_eq!(format!("{:?}", Credential::<String>::default()), "None");
    }

    #[test]
    fn bearer_comes_before_basic_and_nothing_is_added_unset() {
        let token = Credential::new("t".to_owned());
        let basic = Credential::new(("u".to_owned(), "p".to_owned()));
        let none = Credential::default();
        assert_eq!(
            authorization(with_bearer_or_basic::<()>(request(), &token, &basic)).as_deref(),
            Some("Bearer t")
        );
        assert_eq!(
            authorization(with_bearer_or_basic::<()>(request(), &none, &basic)).as_deref(),
            Some("Basic dTpw")
        );
        assert_eq!(
            authorization(with_bearer_or_basic::<()>(
                request(),
                &none,
                &Credential::default()
            )),
            None
        );
    }

    #[test]
    fn a_token_with_a_line_break_is_refused_without_showing_it() {
        let token = Credential::new("se\ncret".to_owned());
        match with_bearer::<()>(request(), &token) {
            Err(Error::InvalidRequest(message)) => {
                assert!(message.contains("bearer token"), "{message}");
                assert!(!message.contains("cret"), "{message}");
            }
            other => panic!("{:?}", other.map(|_| "a request")),
        }
    }
}
