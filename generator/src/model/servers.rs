//! Where each request goes. Most go to the collection's main host (the base URL); some name
//! another host variable (`{{auth_url}}` in commercetools) or a literal URL
//! (`https://login.microsoftonline.com` in msgraph). Those become client settings or constants
//! instead of being sent to the wrong host.

use std::collections::{BTreeMap, BTreeSet};

use super::template::{Piece, pieces, substitute};
use super::{Server, ServerVariable};
use crate::naming::{Scope, snake_case};

/// Hands out a [`Server`] per host and collects the host variables.
pub struct Servers<'a> {
    main: Option<&'a str>,
    variables: &'a BTreeMap<&'a str, &'a str>,
    found: Vec<ServerVariable>,
    names: Scope,
    /// `Client` methods a setter `with_<name>` must not be: the operations.
    methods: BTreeSet<String>,
}

/// Names whose setter would be one of the generated `Client`'s own methods
/// (`with_timeout`, …), or read as the base URL's.
const TAKEN: &[&str] = &[
    "base_url",
    "http_client",
    "bearer_token",
    "basic_auth",
    "api_key",
    "timeout",
    "request_hook",
];

/// What became of a host that is not the main one.
pub enum Placement {
    /// Sent to its own host.
    Placed(Server),
    /// Not usable as a host (prose, an unknown variable mixed with text): sent to the base URL.
    Unusable,
}

impl<'a> Servers<'a> {
    /// `main` is the base URL's host as written; `variables` the collection's values.
    pub fn new(main: Option<&'a str>, variables: &'a BTreeMap<&'a str, &'a str>) -> Self {
        let mut names = Scope::new();
        for name in TAKEN {
            names.reserve(name);
        }
        Self {
            main,
            variables,
            found: Vec::new(),
            names,
            methods: BTreeSet::new(),
        }
    }

    /// Keeps setters from taking the names of these `Client` methods (the operations').
    pub fn avoid_methods<'m>(&mut self, methods: impl IntoIterator<Item = &'m str>) {
        self.methods.extend(methods.into_iter().map(str::to_owned));
    }

    /// The server for a request whose host is `host` (as written; `None` when it has none).
    pub fn place(&mut self, host: Option<&str>) -> Placement {
        let Some(host) = host.filter(|h| Some(*h) != self.main) else {
            return Placement::Placed(Server::Default);
        };
        let host_pieces = pieces(host);
        let (scheme, name) = match host_pieces.as_slice() {
            [Piece::Variable(name)] => (None, Some(*name)),
            // `https://{{feedsServer}}`: the variable holds a host name, the collection the scheme.
            [
                Piece::Literal(scheme @ ("https://" | "http://")),
                Piece::Variable(name),
            ] => (Some(*scheme), Some(*name)),
            _ => (None, None),
        };
        if let Some(name) = name.filter(|name| !name.starts_with('$')) {
            if let Some(index) = self.found.iter().position(|s| s.name == name) {
                return Placement::Placed(Server::Variable(index));
            }
            let rust_name = loop {
                let claimed = self.names.claim(&snake_case(name));
                let claimed = claimed.trim_start_matches("r#").to_owned();
                if !self.methods.contains(&format!("with_{claimed}")) {
                    break claimed;
                }
            };
            self.found.push(ServerVariable {
                name: name.to_owned(),
                rust_name,
                default: self.variables.get(name).and_then(|value| match scheme {
                    Some(scheme) if !value.contains("://") => Some(format!("{scheme}{value}")),
                    _ => Some(value.to_string()).filter(|v| v.contains("://")),
                }),
            });
            return Placement::Placed(Server::Variable(self.found.len() - 1));
        }
        match substitute(host, |name| self.variables.get(name).map(|v| v.to_string())) {
            Some(url) if is_absolute_url(&url) => Placement::Placed(Server::Absolute(url)),
            _ => Placement::Unusable,
        }
    }

    /// The host variables met, in order of first use.
    pub fn into_variables(self) -> Vec<ServerVariable> {
        self.found
    }
}

fn is_absolute_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && !rest.contains(char::is_whitespace)
        && !rest.contains(['<', '>', '{', '}'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_placed() {
        let values = BTreeMap::from([
            ("auth_url", "https://auth.example.com"),
            ("host", "https://api.example.com"),
        ]);
        let mut servers = Servers::new(Some("{{host}}"), &values);
        assert!(matches!(
            servers.place(Some("{{host}}")),
            Placement::Placed(Server::Default)
        ));
        assert!(matches!(
            servers.place(None),
            Placement::Placed(Server::Default)
        ));
        assert!(matches!(
            servers.place(Some("{{auth_url}}")),
            Placement::Placed(Server::Variable(0))
        ));
        assert!(matches!(
            servers.place(Some("{{auth_url}}")),
            Placement::Placed(Server::Variable(0))
        ));
        assert!(matches!(
            servers.place(Some("{{origin}}")),
            Placement::Placed(Server::Variable(1))
        ));
        assert!(matches!(
            servers.place(Some("https://login.microsoftonline.com")),
            Placement::Placed(Server::Absolute(url)) if url == "https://login.microsoftonline.com"
        ));
        assert!(matches!(
            servers.place(Some("<insert presignedUrl generated by https://api.pdf.co")),
            Placement::Unusable
        ));
        let variables = servers.into_variables();
        assert_eq!(variables.len(), 2);
        assert_eq!(
            (
                variables[0].rust_name.as_str(),
                variables[0].default.as_deref()
            ),
            ("auth_url", Some("https://auth.example.com"))
        );
        assert_eq!(
            (
                variables[1].rust_name.as_str(),
                variables[1].default.as_deref()
            ),
            ("origin", None)
        );
    }

    #[test]
    fn a_host_variable_behind_a_scheme_is_a_host_setting() {
        let values = BTreeMap::from([("feedsServer", "feeds.example.com")]);
        let mut servers = Servers::new(Some("{{baseUrl}}"), &values);
        for host in [
            "https://{{feedsServer}}",
            "{{feedsServer}}",
            "https://{{ordersServer}}",
        ] {
            assert!(
                matches!(
                    servers.place(Some(host)),
                    Placement::Placed(Server::Variable(_))
                ),
                "{host}"
            );
        }
        let variables = servers.into_variables();
        let found: Vec<(&str, Option<&str>)> = variables
            .iter()
            .map(|v| (v.rust_name.as_str(), v.default.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                ("feeds_server", Some("https://feeds.example.com")),
                ("orders_server", None)
            ]
        );
    }

    #[test]
    fn setters_do_not_take_client_methods() {
        let values = BTreeMap::new();
        let mut servers = Servers::new(Some("{{baseUrl}}"), &values);
        servers.avoid_methods(["with_auth_url", "with_auth_url_2"]);
        for host in ["{{timeout}}", "{{auth url}}", "{{type}}", "{{base_url}}"] {
            assert!(matches!(
                servers.place(Some(host)),
                Placement::Placed(Server::Variable(_))
            ));
        }
        let names: Vec<String> = servers
            .into_variables()
            .into_iter()
            .map(|v| v.rust_name)
            .collect();
        // `with_timeout` is the client's; the operations have `with_auth_url` and
        // `with_auth_url_2`; a keyword is fine after `with_`.
        assert_eq!(names, ["timeout_2", "auth_url_3", "type", "base_url_2"]);
    }
}
