//! `OAuth2`: the grants the client performs itself (client credentials, password, refresh
//! token) against the token endpoint the collection names, as a [`TokenProvider`].

use super::*;

/// How the client proves who it is to the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuthentication {
    /// The client ID and secret as HTTP basic credentials (Postman's "Send as Basic Auth
    /// header").
    Header,
    /// The client ID and secret as `client_id` and `client_secret` form fields (Postman's
    /// "Send client credentials in body").
    Body,
}

/// What the collection says of its token endpoint; [`OAuth2`]'s settings replace it.
pub(crate) struct OAuth2Defaults {
    pub(crate) token_url: ::std::option::Option<::std::string::String>,
    pub(crate) refresh_url: ::std::option::Option<::std::string::String>,
    pub(crate) scope: ::std::option::Option<&'static str>,
    pub(crate) client_authentication: ClientAuthentication,
}

/// The OAuth2 grants the client performs itself, as a [`TokenProvider`]: set one with
/// `Client::with_oauth2`. The token URL, scope and client authentication are the
/// collection's unless set here.
///
/// When the token endpoint also returns a `refresh_token`, the next token is fetched with it
/// (at the refresh URL, else the token URL), and with the grant again when the endpoint
/// refuses it. `Debug` shows the client ID and user name, never a secret.
pub struct OAuth2 {
    grant: Grant,
    client_id: ::std::string::String,
    client_secret: ::std::string::String,
    token_url: ::std::option::Option<::std::string::String>,
    refresh_url: ::std::option::Option<::std::string::String>,
    scope: ::std::option::Option<::std::string::String>,
    client_authentication: ::std::option::Option<ClientAuthentication>,
    /// The refresh token issued last (or given to [`OAuth2::refresh_token`]).
    refresh_token: ::std::sync::Mutex<::std::option::Option<::std::string::String>>,
}

enum Grant {
    ClientCredentials,
    Password {
        username: ::std::string::String,
        password: ::std::string::String,
    },
    RefreshToken,
}

impl OAuth2 {
    fn new(
        grant: Grant,
        client_id: ::std::string::String,
        client_secret: ::std::string::String,
    ) -> Self {
        OAuth2 {
            grant,
            client_id,
            client_secret,
            token_url: ::std::option::Option::None,
            refresh_url: ::std::option::Option::None,
            scope: ::std::option::Option::None,
            client_authentication: ::std::option::Option::None,
            refresh_token: ::std::sync::Mutex::new(::std::option::Option::None),
        }
    }

    /// The client credentials grant: tokens for the client itself.
    pub fn client_credentials(
        client_id: impl ::std::convert::Into<::std::string::String>,
        client_secret: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        OAuth2::new(
            Grant::ClientCredentials,
            client_id.into(),
            client_secret.into(),
        )
    }

    /// The resource owner password grant (Postman's "Password Credentials"): tokens for a
    /// user, by user name and password.
    pub fn password(
        client_id: impl ::std::convert::Into<::std::string::String>,
        client_secret: impl ::std::convert::Into<::std::string::String>,
        username: impl ::std::convert::Into<::std::string::String>,
        password: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        let grant = Grant::Password {
            username: username.into(),
            password: password.into(),
        };
        OAuth2::new(grant, client_id.into(), client_secret.into())
    }

    /// The refresh token grant: tokens from a refresh token obtained elsewhere (after an
    /// authorization code flow in a browser, say). Each refresh token the endpoint returns
    /// replaces it; when the endpoint refuses it, the call fails.
    pub fn refresh_token(
        client_id: impl ::std::convert::Into<::std::string::String>,
        client_secret: impl ::std::convert::Into<::std::string::String>,
        refresh_token: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        let oauth2 = OAuth2::new(Grant::RefreshToken, client_id.into(), client_secret.into());
        oauth2.keep_refresh_token(::std::option::Option::Some(refresh_token.into()));
        oauth2
    }

    /// The token endpoint, in place of the collection's.
    #[must_use]
    pub fn with_token_url(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.token_url = ::std::option::Option::Some(url.into());
        self
    }

    /// Where refresh tokens go, in place of the collection's refresh URL or the token URL.
    #[must_use]
    pub fn with_refresh_url(
        mut self,
        url: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.refresh_url = ::std::option::Option::Some(url.into());
        self
    }

    /// The scope asked for, in place of the collection's (space-separated).
    #[must_use]
    pub fn with_scope(mut self, scope: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.scope = ::std::option::Option::Some(scope.into());
        self
    }

    /// How the client ID and secret are sent, in place of the collection's way.
    #[must_use]
    pub fn with_client_authentication(mut self, how: ClientAuthentication) -> Self {
        self.client_authentication = ::std::option::Option::Some(how);
        self
    }

    fn held_refresh_token(&self) -> ::std::option::Option<::std::string::String> {
        self.refresh_token
            .lock()
            .unwrap_or_else(::std::sync::PoisonError::into_inner)
            .clone()
    }

    fn keep_refresh_token(&self, token: ::std::option::Option<::std::string::String>) {
        *self
            .refresh_token
            .lock()
            .unwrap_or_else(::std::sync::PoisonError::into_inner) = token;
    }

    /// The token request: with `refresh`, the refresh token grant; else this grant.
    fn token_request(
        &self,
        client: &Client,
        refresh: ::std::option::Option<&str>,
    ) -> ::std::result::Result<http::RequestBuilder, Error> {
        let defaults = client.oauth2_defaults();
        let token_url = self.token_url.clone().or(defaults.token_url);
        let url = match refresh {
            ::std::option::Option::Some(_) => self
                .refresh_url
                .clone()
                .or(defaults.refresh_url)
                .or(token_url),
            ::std::option::Option::None => token_url,
        };
        let url = url.ok_or_else(|| {
            Error::InvalidRequest(::std::string::ToString::to_string(
                "the collection names no token URL: set one with `OAuth2::with_token_url`; the request was not sent",
            ))
        })?;
        let scope = self.scope.as_deref().or(defaults.scope);
        let mut form: ::std::vec::Vec<(&str, &str)> = ::std::vec::Vec::new();
        match (refresh, &self.grant) {
            (::std::option::Option::Some(token), _) => {
                form.extend([("grant_type", "refresh_token"), ("refresh_token", token)]);
            }
            (::std::option::Option::None, Grant::ClientCredentials) => {
                form.push(("grant_type", "client_credentials"));
            }
            (::std::option::Option::None, Grant::Password { username, password }) => {
                form.extend([
                    ("grant_type", "password"),
                    ("username", username.as_str()),
                    ("password", password.as_str()),
                ]);
            }
            (::std::option::Option::None, Grant::RefreshToken) => {
                return ::std::result::Result::Err(Error::InvalidRequest(
                    ::std::string::ToString::to_string(
                        "the refresh token was refused: give a new one with `OAuth2::refresh_token`",
                    ),
                ));
            }
        }
        if let (::std::option::Option::Some(scope), ::std::option::Option::None) = (scope, refresh)
        {
            form.push(("scope", scope));
        }
        let mut request = client.http.post(url);
        if let ::std::option::Option::Some(timeout) = client.timeout {
            request = request.timeout(timeout);
        }
        let how = self
            .client_authentication
            .unwrap_or(defaults.client_authentication);
        match how {
            ClientAuthentication::Header => {
                request = request.basic_auth(
                    &self.client_id,
                    ::std::option::Option::Some(&self.client_secret),
                );
            }
            ClientAuthentication::Body => form.extend([
                ("client_id", self.client_id.as_str()),
                ("client_secret", self.client_secret.as_str()),
            ]),
        }
        ::std::result::Result::Ok(request.form(&form))
    }

    /// The token of a response, keeping its refresh token for the next time.
    fn accept(&self, response: Response<TokenResponse>) -> AccessToken {
        let response = response.into_inner();
        if response.refresh_token.is_some() {
            self.keep_refresh_token(response.refresh_token);
        }
        let token = AccessToken::new(response.access_token);
        match response.expires_in.as_ref().and_then(seconds) {
            ::std::option::Option::Some(seconds) => {
                token.expires_in(::std::time::Duration::from_secs(seconds))
            }
            ::std::option::Option::None => token,
        }
    }

    /// Whether to give up on the refresh token after `error` and use the grant again: the
    /// endpoint refused it (`invalid_grant` is a 400), and the grant is not the refresh token.
    fn fall_back(&self, error: &Error) -> bool {
        !matches!(self.grant, Grant::RefreshToken)
            && matches!(error.status(), ::std::option::Option::Some(400 | 401))
    }
}

/// The token endpoint's request, as the `tracing` span names it.
const TOKEN_REQUEST: Call = Call::new("oauth2_token", "");

#[cfg(not(feature = "blocking"))]
impl TokenProvider for OAuth2 {
    fn fetch_token<'a>(&'a self, client: &'a Client) -> TokenFuture<'a> {
        ::std::boxed::Box::pin(async move {
            if let ::std::option::Option::Some(refresh) = self.held_refresh_token() {
                let request = self.token_request(client, ::std::option::Option::Some(&refresh));
                match client.send(request, TOKEN_REQUEST, json).await {
                    ::std::result::Result::Ok(response) => {
                        return ::std::result::Result::Ok(self.accept(response));
                    }
                    ::std::result::Result::Err(error) if !self.fall_back(&error) => {
                        return ::std::result::Result::Err(error);
                    }
                    ::std::result::Result::Err(_) => {
                        self.keep_refresh_token(::std::option::Option::None);
                    }
                }
            }
            let request = self.token_request(client, ::std::option::Option::None);
            ::std::result::Result::Ok(self.accept(client.send(request, TOKEN_REQUEST, json).await?))
        })
    }
}

#[cfg(feature = "blocking")]
impl TokenProvider for OAuth2 {
    fn fetch_token(&self, client: &Client) -> ::std::result::Result<AccessToken, Error> {
        if let ::std::option::Option::Some(refresh) = self.held_refresh_token() {
            let request = self.token_request(client, ::std::option::Option::Some(&refresh));
            match client.send(request, TOKEN_REQUEST, json) {
                ::std::result::Result::Ok(response) => {
                    return ::std::result::Result::Ok(self.accept(response));
                }
                ::std::result::Result::Err(error) if !self.fall_back(&error) => {
                    return ::std::result::Result::Err(error);
                }
                ::std::result::Result::Err(_) => {
                    self.keep_refresh_token(::std::option::Option::None);
                }
            }
        }
        let request = self.token_request(client, ::std::option::Option::None);
        ::std::result::Result::Ok(self.accept(client.send(request, TOKEN_REQUEST, json)?))
    }
}

impl ::std::fmt::Debug for OAuth2 {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let mut debug = f.debug_struct("OAuth2");
        match &self.grant {
            Grant::ClientCredentials => debug.field("grant", &"client_credentials"),
            Grant::Password { username, .. } => debug
                .field("grant", &"password")
                .field("username", username)
                .field("password", &"<redacted>"),
            Grant::RefreshToken => debug.field("grant", &"refresh_token"),
        };
        debug
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("token_url", &self.token_url)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

/// The fields of a token response the client reads (RFC 6749, section 5.1).
#[derive(::serde::Deserialize)]
struct TokenResponse {
    access_token: ::std::string::String,
    /// Seconds, as a number or (some servers) a string.
    #[serde(default)]
    expires_in: ::std::option::Option<::serde_json::Value>,
    #[serde(default)]
    refresh_token: ::std::option::Option<::std::string::String>,
}

fn seconds(value: &::serde_json::Value) -> ::std::option::Option<u64> {
    match value {
        ::serde_json::Value::Number(number) => number.as_u64(),
        ::serde_json::Value::String(text) => text.trim().parse().ok(),
        _ => ::std::option::Option::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The URL, `Authorization` and form body of a token request.
    fn sent(oauth2: &OAuth2, refresh: Option<&str>) -> (String, Option<String>, String) {
        let request = oauth2
            .token_request(&Client::for_tests(), refresh)
            .unwrap()
            .build()
            .unwrap();
        let authorization = request
            .headers()
            .get("authorization")
            .map(|value| value.to_str().unwrap().to_owned());
        let body = request.body().and_then(|body| body.as_bytes()).unwrap();
        (
            request.url().to_string(),
            authorization,
            String::from_utf8(body.to_vec()).unwrap(),
        )
    }

    #[test]
    fn client_credentials_with_the_collection_s_settings() {
        let (url, authorization, body) = sent(&OAuth2::client_credentials("id", "secret"), None);
        assert_eq!(url, "http://127.0.0.1:9/oauth/token");
        assert_eq!(authorization.as_deref(), Some("Basic aWQ6c2VjcmV0"));
        assert_eq!(body, "grant_type=client_credentials&scope=read");
    }

    #[test]
    fn password_grant_with_credentials_in_the_body_and_settings_of_its_own() {
        let oauth2 = OAuth2::password("id", "s&cret", "ann", "pw")
            .with_client_authentication(ClientAuthentication::Body)
            .with_scope("a b")
            .with_token_url("http://127.0.0.1:9/token");
        let (url, authorization, body) = sent(&oauth2, None);
        assert_eq!(url, "http://127.0.0.1:9/token");
        assert_eq!(authorization, None);
        assert_eq!(
            body,
            "grant_type=password&username=ann&password=pw&scope=a+b&client_id=id&client_secret=s%26cret"
        );
    }

    #[test]
    fn a_refresh_token_goes_to_the_refresh_url_without_the_scope() {
        let oauth2 = OAuth2::refresh_token("id", "secret", "r1")
            .with_refresh_url("http://127.0.0.1:9/refresh");
        let held = oauth2.held_refresh_token();
        let (url, _, body) = sent(&oauth2, held.as_deref());
        assert_eq!(url, "http://127.0.0.1:9/refresh");
        assert_eq!(body, "grant_type=refresh_token&refresh_token=r1");
        match oauth2.token_request(&Client::for_tests(), None) {
            Err(Error::InvalidRequest(message)) => {
                assert!(message.contains("refused"), "{message}")
            }
            other => panic!("{:?}", other.map(|_| "a request")),
        }
    }

    #[test]
    fn a_token_response_keeps_its_refresh_token_and_lifetime() {
        let oauth2 = OAuth2::client_credentials("id", "secret");
        let response: TokenResponse = serde_json::from_str(
            r#"{"access_token": "t", "expires_in": "60", "refresh_token": "r2"}"#,
        )
        .unwrap();
        let token = oauth2.accept(Response::new(200, Default::default(), response));
        assert_eq!(token.secret(), "t");
        assert_eq!(token.lifetime(), Some(std::time::Duration::from_secs(60)));
        assert_eq!(oauth2.held_refresh_token().as_deref(), Some("r2"));
        let text = format!("{:?}", OAuth2::password("id", "cs", "ann", "pw"));
        assert!(!text.contains("cs\"") && !text.contains("pw"), "{text}");
    }
}
