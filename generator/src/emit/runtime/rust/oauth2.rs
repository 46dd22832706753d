//! OAuth2 access tokens. A [`TokenProvider`] (the grants of [`OAuth2`], or one of yours) fetches
//! them; the client keeps the current one as its bearer token, shared by every clone, fetches a
//! new one shortly before it expires, and once more when the API answers 401 to it.
//!
//! No lock is held while a token is fetched: a provider may call the API's own operations, and
//! two calls that find the token due at the same moment may each fetch one (the last one stays).

use super::*;

/// An access token, as a [`TokenProvider`] returns it. `Debug` never shows its value.
#[derive(Clone)]
pub struct AccessToken {
    token: ::std::string::String,
    lifetime: ::std::option::Option<::std::time::Duration>,
}

impl AccessToken {
    /// `token`, sent as `Authorization: Bearer <token>` until the API refuses it.
    pub fn new(token: impl ::std::convert::Into<::std::string::String>) -> Self {
        AccessToken {
            token: token.into(),
            lifetime: ::std::option::Option::None,
        }
    }

    /// The same token, valid for `lifetime` from now: a new one is fetched when less than a
    /// tenth of it (at most a minute) is left.
    #[must_use]
    pub fn expires_in(mut self, lifetime: ::std::time::Duration) -> Self {
        self.lifetime = ::std::option::Option::Some(lifetime);
        self
    }

    /// The token itself.
    pub fn secret(&self) -> &str {
        &self.token
    }

    /// How long it is valid from when it was issued, when the provider said.
    pub fn lifetime(&self) -> ::std::option::Option<::std::time::Duration> {
        self.lifetime
    }
}

impl ::std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &"<redacted>")
            .field("lifetime", &self.lifetime)
            .finish()
    }
}

/// What [`TokenProvider::fetch_token`] returns: a future of the token.
#[cfg(not(feature = "blocking"))]
pub type TokenFuture<'a> = ::std::pin::Pin<
    ::std::boxed::Box<
        dyn ::std::future::Future<Output = ::std::result::Result<AccessToken, Error>>
            + ::std::marker::Send
            + 'a,
    >,
>;

/// Where the client gets access tokens from: [`OAuth2`]'s grants, or any other source (a
/// secrets store, a token exchange, an operation of this API), set with
/// [`Client::with_token_provider`].
///
/// `client` is the client asking: fetch with its operations or its `reqwest` client. An
/// error fails the call that needed the token; the next call asks again.
#[cfg(not(feature = "blocking"))]
pub trait TokenProvider: ::std::marker::Send + ::std::marker::Sync {
    /// A new access token.
    fn fetch_token<'a>(&'a self, client: &'a Client) -> TokenFuture<'a>;
}

/// Where the client gets access tokens from: [`OAuth2`]'s grants, or any other source (a
/// secrets store, a token exchange, an operation of this API), set with
/// [`Client::with_token_provider`].
///
/// `client` is the client asking: fetch with its operations or its `reqwest` client. An
/// error fails the call that needed the token; the next call asks again.
#[cfg(feature = "blocking")]
pub trait TokenProvider: ::std::marker::Send + ::std::marker::Sync {
    /// A new access token.
    fn fetch_token(&self, client: &Client) -> ::std::result::Result<AccessToken, Error>;
}

/// The client's token provider and what it knows of the token it issued last. Clones of the
/// client share it.
#[derive(Clone, Default)]
pub(crate) struct Tokens(::std::sync::Arc<::std::sync::Mutex<TokenState>>);

#[derive(Default)]
struct TokenState {
    provider: ::std::option::Option<::std::sync::Arc<dyn TokenProvider>>,
    /// The token the provider issued last, until it is due or refused.
    current: ::std::option::Option<::std::string::String>,
    /// When to fetch the next one; `None`: when the API refuses this one.
    renew_at: ::std::option::Option<::std::time::Instant>,
}

impl Tokens {
    /// Tokens from `provider`, none fetched yet.
    pub(crate) fn new(provider: ::std::sync::Arc<dyn TokenProvider>) -> Self {
        Tokens(::std::sync::Arc::new(::std::sync::Mutex::new(TokenState {
            provider: ::std::option::Option::Some(provider),
            ..TokenState::default()
        })))
    }

    /// The state; a lock poisoned by a panic elsewhere is taken over, since every change to
    /// it is a whole assignment.
    fn state(&self) -> ::std::sync::MutexGuard<'_, TokenState> {
        self.0
            .lock()
            .unwrap_or_else(::std::sync::PoisonError::into_inner)
    }

    fn has_provider(&self) -> bool {
        self.state().provider.is_some()
    }

    /// The provider, when a token must be fetched before the next request: none issued yet,
    /// or the current one is due.
    fn due(&self) -> ::std::option::Option<::std::sync::Arc<dyn TokenProvider>> {
        let state = self.state();
        let provider = state.provider.clone()?;
        let fresh = state.current.is_some()
            && state
                .renew_at
                .is_none_or(|at| ::std::time::Instant::now() < at);
        (!fresh).then_some(provider)
    }

    /// Notes that the API refused `sent` with a 401: the provider, unless a newer token was
    /// issued since `sent` went out (then that one is tried).
    fn refused(
        &self,
        sent: ::std::option::Option<&str>,
    ) -> ::std::option::Option<::std::sync::Arc<dyn TokenProvider>> {
        let mut state = self.state();
        let provider = state.provider.clone()?;
        if state.current.is_some() && state.current.as_deref() != sent {
            return ::std::option::Option::None;
        }
        state.current = ::std::option::Option::None;
        ::std::option::Option::Some(provider)
    }

    fn store(&self, token: &AccessToken) {
        let mut state = self.state();
        state.current = ::std::option::Option::Some(::std::clone::Clone::clone(&token.token));
        state.renew_at = token.lifetime.map(|lifetime| {
            let early = ::std::cmp::min(lifetime / 10, ::std::time::Duration::from_secs(60));
            ::std::time::Instant::now() + (lifetime - early)
        });
    }
}

/// `Some("<token provider>")` or `None`.
impl ::std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let set = self.has_provider().then_some("<token provider>");
        ::std::fmt::Debug::fmt(&set, f)
    }
}

impl Client {
    /// Fetches the access tokens of the operations that use OAuth2 with `provider`, in place
    /// of a token set with [`Client::with_bearer_token`]: the first such call fetches one, and
    /// the client fetches the next shortly before it expires, or when the API answers 401 to
    /// it (that call is then sent once more, with the new token). Clones made afterwards
    /// share the provider and its tokens.
    #[must_use]
    pub fn with_token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.tokens = Tokens::new(::std::sync::Arc::new(provider));
        self.bearer_token = Credential::default();
        self
    }

    /// Makes sure the bearer token is one the provider issued and not due.
    #[cfg(not(feature = "blocking"))]
    pub(crate) async fn authorize<E>(&self) -> ::std::result::Result<(), Error<E>> {
        match self.tokens.due() {
            ::std::option::Option::Some(provider) => self.renew_token(&*provider).await,
            ::std::option::Option::None => ::std::result::Result::Ok(()),
        }
    }

    /// Makes sure the bearer token is one the provider issued and not due.
    #[cfg(feature = "blocking")]
    pub(crate) fn authorize<E>(&self) -> ::std::result::Result<(), Error<E>> {
        match self.tokens.due() {
            ::std::option::Option::Some(provider) => self.renew_token(&*provider),
            ::std::option::Option::None => ::std::result::Result::Ok(()),
        }
    }

    #[cfg(not(feature = "blocking"))]
    async fn renew_token<E>(
        &self,
        provider: &dyn TokenProvider,
    ) -> ::std::result::Result<(), Error<E>> {
        let token = provider.fetch_token(self).await.map_err(widen)?;
        self.install_token(token);
        ::std::result::Result::Ok(())
    }

    #[cfg(feature = "blocking")]
    fn renew_token<E>(&self, provider: &dyn TokenProvider) -> ::std::result::Result<(), Error<E>> {
        let token = provider.fetch_token(self).map_err(widen)?;
        self.install_token(token);
        ::std::result::Result::Ok(())
    }

    fn install_token(&self, token: AccessToken) {
        self.tokens.store(&token);
        self.bearer_token.set(token.token);
    }

    /// [`Client::send`] for an operation that uses OAuth2: the request goes with the
    /// provider's token, fetched first when none is valid; when the API answers 401 to it, a
    /// new one is fetched and the request sent once more (unless its body is a stream, which
    /// cannot be sent twice).
    #[cfg(not(feature = "blocking"))]
    pub(crate) fn send_authorized<T, E: ApiError>(
        &self,
        request: BuiltRequest,
        call: Call,
        decode: Decoder<T>,
    ) -> Pending<'_, T, E> {
        Pending::new(
            ::std::boxed::Box::pin(self.receive_authorized(request, call)),
            decode,
        )
    }

    /// [`Client::send`] for an operation that uses OAuth2: the request goes with the
    /// provider's token, fetched first when none is valid; when the API answers 401 to it, a
    /// new one is fetched and the request sent once more (unless its body is a reader, which
    /// cannot be sent twice).
    #[cfg(feature = "blocking")]
    pub(crate) fn send_authorized<T, E: ApiError>(
        &self,
        request: BuiltRequest,
        call: Call,
        decode: Decoder<T>,
    ) -> ::std::result::Result<Response<T>, Error<E>> {
        sort_response(
            self.receive_authorized(request, call).map_err(widen)?,
            decode,
        )
    }

    /// [`Client::receive`] with the provider's token, renewed once on a 401.
    #[cfg(not(feature = "blocking"))]
    async fn receive_authorized(
        &self,
        request: BuiltRequest,
        call: Call,
    ) -> ::std::result::Result<Received, Error<Undocumented>> {
        let request = request?;
        self.authorize().await?;
        // Built before the token was known: it goes with the one `authorize` left.
        let request = replace_bearer(request, &self.bearer_token)?;
        let again = if self.tokens.has_provider() {
            request.try_clone()
        } else {
            ::std::option::Option::None
        };
        let sent = self.bearer_token.get();
        let received = self.receive(::std::result::Result::Ok(request), call).await;
        match again {
            ::std::option::Option::Some(again) if is_unauthorized(&received) => {
                if let ::std::option::Option::Some(provider) = self.tokens.refused(sent.as_deref())
                {
                    self.renew_token(&*provider).await?;
                }
                let again = replace_bearer(again, &self.bearer_token)?;
                self.receive(::std::result::Result::Ok(again), call).await
            }
            _ => received,
        }
    }

    /// [`Client::receive`] with the provider's token, renewed once on a 401.
    #[cfg(feature = "blocking")]
    fn receive_authorized(
        &self,
        request: BuiltRequest,
        call: Call,
    ) -> ::std::result::Result<Received, Error<Undocumented>> {
        let request = request?;
        self.authorize()?;
        // Built before the token was known: it goes with the one `authorize` left.
        let request = replace_bearer(request, &self.bearer_token)?;
        let again = if self.tokens.has_provider() {
            request.try_clone()
        } else {
            ::std::option::Option::None
        };
        let sent = self.bearer_token.get();
        let received = self.receive(::std::result::Result::Ok(request), call);
        match again {
            ::std::option::Option::Some(again) if is_unauthorized(&received) => {
                if let ::std::option::Option::Some(provider) = self.tokens.refused(sent.as_deref())
                {
                    self.renew_token(&*provider)?;
                }
                let again = replace_bearer(again, &self.bearer_token)?;
                self.receive(::std::result::Result::Ok(again), call)
            }
            _ => received,
        }
    }
}

/// Whether the API refused the request with a 401.
fn is_unauthorized(received: &::std::result::Result<Received, Error<Undocumented>>) -> bool {
    let status = match received {
        ::std::result::Result::Ok(received) => ::std::option::Option::Some(received.status),
        ::std::result::Result::Err(error) => error.status(),
    };
    status == ::std::option::Option::Some(401)
}

/// `request` with its `Authorization` replaced by the current bearer token.
fn replace_bearer<E>(
    request: http::RequestBuilder,
    token: &Credential<::std::string::String>,
) -> ::std::result::Result<http::RequestBuilder, Error<E>> {
    let ::std::option::Option::Some(token) = token.get() else {
        return ::std::result::Result::Ok(request);
    };
    let (name, value) = sensitive_header(
        "authorization",
        &::std::format!("Bearer {token}"),
        "the access token",
    )?;
    let mut headers = ::reqwest::header::HeaderMap::new();
    headers.insert(name, value);
    ::std::result::Result::Ok(request.headers(headers))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A provider that is never asked: these tests drive `Tokens` by hand.
    struct Unused;

    #[cfg(not(feature = "blocking"))]
    impl TokenProvider for Unused {
        fn fetch_token<'a>(&'a self, _client: &'a Client) -> TokenFuture<'a> {
            unreachable!("not fetched in these tests")
        }
    }

    #[cfg(feature = "blocking")]
    impl TokenProvider for Unused {
        fn fetch_token(&self, _client: &Client) -> Result<AccessToken, Error> {
            unreachable!("not fetched in these tests")
        }
    }

    #[test]
    fn a_token_is_due_until_issued_and_again_when_it_expires() {
        assert!(
            Tokens::default().due().is_none(),
            "no provider, nothing to fetch"
        );
        let tokens = Tokens::new(std::sync::Arc::new(Unused));
        assert!(tokens.due().is_some());
        tokens.store(&AccessToken::new("a"));
        assert!(tokens.due().is_none(), "no lifetime: valid until refused");
        tokens.store(&AccessToken::new("b").expires_in(std::time::Duration::from_secs(3600)));
        assert!(tokens.clone().due().is_none());
        tokens.store(&AccessToken::new("c").expires_in(std::time::Duration::ZERO));
        assert!(tokens.due().is_some(), "expired");
    }

    #[test]
    fn a_refused_token_is_renewed_once_whoever_sees_the_401() {
        let tokens = Tokens::new(std::sync::Arc::new(Unused));
        tokens.store(&AccessToken::new("old"));
        assert!(tokens.refused(Some("old")).is_some());
        tokens.store(&AccessToken::new("new"));
        assert!(
            tokens.refused(Some("old")).is_none(),
            "a second call refused with the old token retries with the new one"
        );
        assert!(tokens.due().is_none());
    }

    #[test]
    fn debug_shows_no_secret() {
        let token = AccessToken::new("s3cret").expires_in(std::time::Duration::from_secs(5));
        let text = format!("{token:?}");
        assert!(!text.contains("s3cret") && text.contains("5s"), "{text}");
        assert_eq!(format!("{:?}", Tokens::default()), "None");
        let tokens = Tokens::new(std::sync::Arc::new(Unused));
        assert_eq!(format!("{tokens:?}"), r#"Some("<token provider>")"#);
    }
}
