//! A mock HTTP server that replays a Postman collection's saved example responses, as Postman's
//! own mock servers do, so that clients (the generated ones first) can be run without the API.
//!
//! Behind the `mock` feature (which the default `cli` feature turns on), so that the generator,
//! used as a build-dependency with `default-features = false`, never pulls an HTTP server or an
//! async runtime. It reuses the loader and the model: `table` pairs each request item with its
//! operation, `pattern` matches paths, `respond` picks the example, `server` speaks HTTP. The
//! command line runs it as `postman-codegen mock <COLLECTION>`.
//!
//! ```no_run
//! # async fn run() -> Result<(), postman_codegen::mock::Error> {
//! use postman_codegen::mock::{MockOptions, MockServer};
//!
//! let mock = MockServer::start("todo.postman_collection.json".as_ref(), MockOptions::default()).await?;
//! println!("serving on {}", mock.url());
//! mock.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! The rules (also in the README):
//! - A route is an item's method and path. `:id` and `{{var}}` (also within a segment,
//!   `{{base}}...{{head}}`) match one or more characters of one segment; literal segments match
//!   exactly; paths are compared percent-decoded, empty segments ignored; the query is ignored.
//! - Paths are served relative to the root (`/users/me`), and also with the path of the
//!   collection's base URL in front (`/v2/users/me` for `https://api.zoom.us/v2`).
//! - When several routes match, the most specific wins: more literal segments, then, from the
//!   left, literal before text-with-parameters before a bare parameter; items repeating a route
//!   come after the first in file order.
//! - The example: the one whose status is `x-mock-response-code` and/or whose name is
//!   `x-mock-response-name`; without those headers, the first 2xx example, else the first.
//! - The mock's own answers carry `x-mock-error`: 404 `no-route` with the nearest routes,
//!   404 `no-example` when the headers match no example, 501 `no-examples` for an item with no
//!   saved examples, 400 `bad-request` for a code header that is not a number.

mod example;
mod pattern;
mod respond;
mod server;
mod table;

pub use example::MockExample;
pub use respond::{MOCK_ERROR_HEADER, RESPONSE_CODE_HEADER, RESPONSE_NAME_HEADER};
pub use server::{MockOptions, MockServer, RunningMock, serve};
pub use table::{Mock, Route};

/// Why the mock could not start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The collection could not be read or is not a usable collection.
    #[error(transparent)]
    Load(#[from] crate::Error),
    /// The address could not be listened on (in use, not an address of this machine, …).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
    /// The async runtime or the Ctrl-C handler could not be set up.
    #[error("cannot run the mock server: {0}")]
    Runtime(std::io::Error),
    /// Items and model operations did not pair up; a bug in this crate.
    #[error("internal error: {0}; please report this")]
    Internal(String),
}

#[cfg(test)]
mod corpus_tests;
