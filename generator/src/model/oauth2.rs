//! Where OAuth2 access tokens come from: the first `oauth2` auth block that names a grant or a
//! token URL, or the request item the overrides name as the token request (`oauth2_token =
//! true`, for collections that save the token request as an item, as PayPal and commercetools
//! do). With one, the operations with bearer or OAuth2 auth get their tokens from the client's
//! token provider.

use std::collections::BTreeMap;

use serde_json::Value;

use super::template::substitute;
use super::{AuthScheme, Operation, PathPiece, RequestBody, Server};
use crate::Warning;
use crate::load::Auth;

/// How the client gets access tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct OAuth2Flow {
    /// Postman's `grant_type`: `client_credentials`, `password_credentials`,
    /// `authorization_code`, `authorization_code_with_pkce`, `implicit`.
    pub grant: String,
    /// The token endpoint.
    pub token_url: TokenUrl,
    /// Where refresh tokens go, when not to the token URL.
    pub refresh_url: Option<String>,
    /// The scope asked for.
    pub scope: Option<String>,
    /// The client ID and secret go as form fields, not as basic credentials.
    pub client_secret_in_body: bool,
    /// Where it was read, for docs and `inspect`: "the collection's oauth2 auth", "the item …".
    pub source: String,
}

/// Where the token endpoint is.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenUrl {
    /// Not known: the user sets it.
    Unknown,
    /// An absolute URL.
    Url(String),
    /// The token item's host (the base URL or a host setting) and literal path.
    Item {
        /// Its host.
        server: Server,
        /// Its path, starting with `/`.
        path: String,
    },
}

impl OAuth2Flow {
    /// Whether the client performs this grant itself (with `OAuth2::client_credentials` or
    /// `OAuth2::password`); the others need a browser.
    pub fn performed(&self) -> bool {
        matches!(self.grant.as_str(), "client_credentials" | "password_credentials")
    }

    /// The `OAuth2` constructor for this grant.
    pub fn constructor(&self) -> &'static str {
        match self.grant.as_str() {
            "password_credentials" => "password",
            "client_credentials" => "client_credentials",
            _ => "refresh_token",
        }
    }
}

/// Collects the flow while the operations are built, in file order.
#[derive(Default)]
pub(super) struct FlowFinder {
    block: Option<OAuth2Flow>,
    item: Option<OAuth2Flow>,
    warnings: Vec<Warning>,
}

impl FlowFinder {
    /// Notes an item's effective auth block: the first oauth2 block with a grant or token URL
    /// is the flow, unless an item is named.
    ///
    /// A token URL on the base URL's host (`{{baseUrl}}/oauth/token`) follows the client's
    /// base URL.
    pub(super) fn block(
        &mut self,
        auth: Option<&Auth>,
        main_host: Option<&str>,
        variables: &BTreeMap<&str, &str>,
    ) {
        let Some(auth) = auth.filter(|auth| auth.kind == "oauth2") else {
            return;
        };
        if self.block.is_some() {
            return;
        }
        let grant = param(auth, "grant_type");
        let url = param(auth, "accessTokenUrl");
        if grant.is_none() && url.is_none() {
            // A saved token alone (`accessToken`, `addTokenTo`): a bearer token the user sets.
            return;
        }
        let source = "the collection's oauth2 auth".to_owned();
        let on_base_url = url.as_deref().zip(main_host).and_then(|(url, host)| {
            url.strip_prefix(host)
                .filter(|path| path.starts_with('/') && !path.contains("{{"))
        });
        let token_url = match (on_base_url, &url) {
            (Some(path), _) => TokenUrl::Item {
                server: Server::Default,
                path: path.to_owned(),
            },
            (None, Some(url)) => match resolve(url, variables) {
                Some(resolved) => TokenUrl::Url(resolved),
                None => {
                    self.warnings.push(warning(format!(
                        "the oauth2 `accessTokenUrl` `{url}` has no value in the collection: set it with `OAuth2::with_token_url`"
                    )));
                    TokenUrl::Unknown
                }
            },
            (None, None) => TokenUrl::Unknown,
        };
        self.block = Some(OAuth2Flow {
            // Postman's default grant.
            grant: grant.unwrap_or_else(|| "authorization_code".to_owned()),
            token_url,
            refresh_url: param(auth, "refreshTokenUrl").and_then(|url| resolve(&url, variables)),
            scope: param(auth, "scope"),
            client_secret_in_body: param(auth, "client_authentication").as_deref()
                == Some("body"),
            source,
        });
    }

    /// Notes the item the overrides name as the token request.
    pub(super) fn item(&mut self, operation: &Operation) {
        let source = format!("the item `{}`", operation.postman_path());
        if let Some(first) = &self.item {
            self.warnings.push(warning(format!(
                "`oauth2_token` names several items; tokens come from {}, not from {source}",
                first.source
            )));
            return;
        }
        let form = form_values(operation);
        let value = |key: &str| {
            form.iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value.clone())
                .or_else(|| {
                    operation
                        .query
                        .iter()
                        .find(|q| q.required && q.name == key)
                        .and_then(|q| q.example.clone())
                })
                .filter(|value| !value.is_empty() && !value.contains("{{"))
        };
        let token_url = if operation
            .path
            .iter()
            .flat_map(|segment| &segment.pieces)
            .any(|piece| matches!(piece, PathPiece::Param(_)))
        {
            self.warnings.push(warning(format!(
                "the token item `{}` has path parameters: set the token URL with `OAuth2::with_token_url`",
                operation.postman_path()
            )));
            TokenUrl::Unknown
        } else {
            match &operation.server {
                Server::Absolute(url) => TokenUrl::Url(format!(
                    "{}{}",
                    url.trim_end_matches('/'),
                    operation.path_template()
                )),
                server => TokenUrl::Item {
                    server: server.clone(),
                    path: operation.path_template(),
                },
            }
        };
        let grant = match value("grant_type").as_deref() {
            None | Some("client_credentials") => "client_credentials",
            Some("password") => "password_credentials",
            Some(other) => {
                self.warnings.push(warning(format!(
                    "the token item `{}` asks for the `{other}` grant, which the client does not perform; it fetches tokens with client credentials",
                    operation.postman_path()
                )));
                "client_credentials"
            }
        };
        self.item = Some(OAuth2Flow {
            grant: grant.to_owned(),
            token_url,
            refresh_url: None,
            scope: value("scope"),
            client_secret_in_body: operation.auth != AuthScheme::Basic
                && form.iter().any(|(name, _)| name == "client_id"),
            source,
        });
    }

    /// The flow (the named item wins over an auth block), with the bearer operations turned
    /// into OAuth2 ones, and what to warn about.
    pub(super) fn finish(
        self,
        operations: &mut [Operation],
    ) -> (Option<OAuth2Flow>, Vec<Warning>) {
        let FlowFinder {
            block,
            item,
            mut warnings,
        } = self;
        let Some(flow) = item.or(block) else {
            return (None, warnings);
        };
        let mut used = false;
        for operation in operations.iter_mut() {
            if operation.auth == AuthScheme::Bearer {
                operation.auth = AuthScheme::OAuth2;
                used = true;
            }
        }
        if !used {
            return (None, warnings);
        }
        if !flow.performed() {
            warnings.push(warning(format!(
                "{} uses the `{}` grant, which needs a browser: the client does not fetch those tokens; set one with `Client::set_bearer_token`, or fetch them with `OAuth2::refresh_token` or a `TokenProvider` of yours",
                flow.source, flow.grant
            )));
        }
        (Some(flow), warnings)
    }
}

/// The enabled text fields of a urlencoded or multipart body, with their saved values.
fn form_values(operation: &Operation) -> Vec<(String, String)> {
    match &operation.body {
        RequestBody::UrlEncoded(fields) | RequestBody::Multipart(fields) => fields
            .iter()
            .filter(|field| field.required && !field.is_file)
            .map(|field| {
                (
                    field.name.clone(),
                    field.example.clone().unwrap_or_default(),
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `text` with the collection's variables filled in, when that makes an absolute URL.
fn resolve(text: &str, variables: &BTreeMap<&str, &str>) -> Option<String> {
    substitute(text, |name| variables.get(name).map(|v| v.to_string()))
        .filter(|url| url.contains("://"))
}

fn param(auth: &Auth, key: &str) -> Option<String> {
    auth.params
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, value)| match value {
            Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
            _ => None,
        })
}

fn warning(message: String) -> Warning {
    Warning {
        context: String::new(),
        message,
    }
}
