//! The runtime sources the generator embeds in every client, `generator/src/emit/runtime/rust/`,
//! built as one crate so that they are compiled, linted and unit-tested as Rust.
//!
//! In a generated crate these items share one private module, `runtime`, with the parts the
//! generator writes per API (`Client` and its settings, `Auth`); the generator emits only the
//! items an API needs. Here each file is a module, wired together by `use super::*` (which the
//! generator leaves out), so an item another file uses is `pub(crate)`; `http` is the reqwest
//! API of the client's flavor: `reqwest`, or `reqwest::blocking` with the `blocking` feature
//! (the generator writes the full path); and `Client` below stands for the generated one.
//!
//! A crate of its own rather than a test file of the generator: the sources need what a
//! generated crate depends on (reqwest with `json`, `multipart` and `stream`, percent-encoding,
//! mime_guess), which the generator does not pull, not even as dev-dependencies; and as a
//! member of the workspace it is linted and tested by the workspace's commands like the
//! golden crates. `.ci/run` also builds it with `--features blocking`.

// No caller here uses everything: the generated crate does, and it is linted with
// `-D warnings` (tests/golden), so a part it carries without using fails there.
#![allow(dead_code, unused_macros, unused_imports)]

#[cfg(not(feature = "blocking"))]
use ::reqwest as http;
#[cfg(feature = "blocking")]
use ::reqwest::blocking as http;

#[path = "../../../generator/src/emit/runtime/rust/api_error.rs"]
mod api_error;
#[path = "../../../generator/src/emit/runtime/rust/by_key.rs"]
mod by_key;
#[path = "../../../generator/src/emit/runtime/rust/credential.rs"]
mod credential;
#[path = "../../../generator/src/emit/runtime/rust/custom.rs"]
mod custom;
#[path = "../../../generator/src/emit/runtime/rust/decode.rs"]
mod decode;
#[path = "../../../generator/src/emit/runtime/rust/defaults.rs"]
mod defaults;
#[path = "../../../generator/src/emit/runtime/rust/error.rs"]
mod error;
#[path = "../../../generator/src/emit/runtime/rust/fields.rs"]
mod fields;
#[path = "../../../generator/src/emit/runtime/rust/file_part.rs"]
mod file_part;
#[path = "../../../generator/src/emit/runtime/rust/grants.rs"]
mod grants;
#[path = "../../../generator/src/emit/runtime/rust/header.rs"]
mod header;
#[path = "../../../generator/src/emit/runtime/rust/middleware.rs"]
mod middleware;
#[path = "../../../generator/src/emit/runtime/rust/oauth2.rs"]
mod oauth2;
#[path = "../../../generator/src/emit/runtime/rust/object.rs"]
mod object;
#[path = "../../../generator/src/emit/runtime/rust/options.rs"]
mod options;
#[path = "../../../generator/src/emit/runtime/rust/pages.rs"]
mod pages;
// The async client's futures: the blocking client returns results.
#[path = "../../../generator/src/emit/runtime/rust/path.rs"]
mod path;
#[cfg(not(feature = "blocking"))]
#[path = "../../../generator/src/emit/runtime/rust/pending.rs"]
mod pending;
#[path = "../../../generator/src/emit/runtime/rust/response.rs"]
mod response;
#[path = "../../../generator/src/emit/runtime/rust/retry.rs"]
mod retry;
#[path = "../../../generator/src/emit/runtime/rust/send.rs"]
mod send;
#[path = "../../../generator/src/emit/runtime/rust/stream.rs"]
mod stream;
#[path = "../../../generator/src/emit/runtime/rust/trace.rs"]
mod trace;

/// `crate::runtime`, the module the runtime is in a generated crate, for the paths
/// `by_key!` expands to.
mod runtime {
    pub(crate) use super::by_key::by_key;
    pub(crate) use super::fields::Fields;
    pub(crate) use super::object::{Object, field, object};
    pub(crate) use super::path::{Piece, join_path, path_of};
}

use credential::*;
use decode::*;
use defaults::*;
use error::retry_after;
use grants::*;
use header::*;
use oauth2::*;
use retry::*;
use send::*;
use trace::*;

// As the crate root of a generated crate re-exports them.
pub use custom::CustomRequest;
pub use error::{ApiError, DocumentedError, Error, ErrorBody, Undocumented};
pub use file_part::FilePart;
pub use grants::{ClientAuthentication, OAuth2};
#[cfg(all(feature = "middleware", feature = "blocking"))]
pub use middleware::{Middleware, Next};
#[cfg(not(feature = "blocking"))]
pub use oauth2::TokenFuture;
pub use oauth2::{AccessToken, TokenProvider};
pub use options::CallOptions;
#[cfg(not(feature = "blocking"))]
pub use pending::{Pending, PendingStream};
pub use response::Response;
pub use retry::RetryPolicy;
pub use stream::ByteStream;

/// The fields every generated `Client` has, as `generator/src/emit/runtime/client.rs` writes
/// them; the generated struct adds those of the API's API key, hosts, request hook and, for
/// OAuth2, `tokens` (here as well, for `oauth2.rs`).
#[derive(Clone, Debug)]
pub struct Client {
    base_url: String,
    http: http::Client,
    timeout: Option<std::time::Duration>,
    headers: DefaultHeaders,
    options: CallOptions,
    retry: RetryPolicy,
    bearer_token: Credential<String>,
    basic_auth: Credential<(String, String)>,
    tokens: Tokens,
    #[cfg(feature = "middleware")]
    middleware: middleware::Middlewares,
}

#[cfg(test)]
impl Client {
    /// A client of a closed local port with the defaults, for the sources' unit tests.
    fn for_tests() -> Client {
        Client {
            base_url: "http://127.0.0.1:9".to_owned(),
            http: http::Client::new(),
            timeout: None,
            headers: DefaultHeaders::new(),
            options: CallOptions::default(),
            retry: RetryPolicy::default(),
            bearer_token: Credential::default(),
            basic_auth: Credential::default(),
            tokens: Tokens::default(),
            #[cfg(feature = "middleware")]
            middleware: Default::default(),
        }
    }
}

/// As `generator/src/emit/runtime/oauth2.rs` writes it from the collection's OAuth2 settings.
impl Client {
    fn oauth2_defaults(&self) -> OAuth2Defaults {
        OAuth2Defaults {
            token_url: Some(format!("{}/oauth/token", self.base_url)),
            refresh_url: None,
            scope: Some("read"),
            client_authentication: ClientAuthentication::Header,
        }
    }
}
