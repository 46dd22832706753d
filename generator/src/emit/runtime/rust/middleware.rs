//! `Client::execute`, which sends a request once: with reqwest.

use super::*;

impl Client {
    /// Sends `request` once with `http`.
    #[cfg(not(feature = "blocking"))]
    pub(crate) async fn execute(&self, http: &http::Client, request: http::Request) -> Sent {
        http.execute(request).await.map_err(transport)
    }

    /// Sends `request` once with `http`.
    #[cfg(feature = "blocking")]
    pub(crate) fn execute(&self, http: &http::Client, request: http::Request) -> Sent {
        http.execute(request).map_err(transport)
    }
}
