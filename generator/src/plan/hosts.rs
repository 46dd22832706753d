//! The hosts a client takes as settings: one per host variable of the collection, with the
//! names its setter and its `Server` variant get.

use crate::model::ServerVariable;

/// A host variable the client takes as configuration (`{{auth_url}}` → `Client::with_auth_url`).
#[derive(Debug, Clone, PartialEq)]
pub struct ServerSetting {
    /// The Postman variable.
    pub variable: String,
    /// The snake-case name: the setter is `with_<name>`, the field of `Servers` is `<name>`.
    pub rust_name: String,
    /// The variant of the runtime's `Server` enum that operations name it by.
    pub variant: String,
    /// Its URL in the collection or environment, if any.
    pub default: Option<String>,
}

/// One setting per host variable, in the collection's order; variants unique.
pub(super) fn server_settings(servers: &[ServerVariable]) -> Vec<ServerSetting> {
    let variants =
        super::server_names::server_variants(servers.iter().map(|s| s.rust_name.as_str()));
    servers
        .iter()
        .zip(variants)
        .map(|(server, variant)| ServerSetting {
            variable: server.name.clone(),
            rust_name: server.rust_name.clone(),
            variant,
            default: server.default.clone(),
        })
        .collect()
}
