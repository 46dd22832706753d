//! The helpers behind the mock calls emitted into every corpus crate (`tests/calls/mod.rs`).
//!
//! The emitted `tests/round_trip.rs` includes this file with `#[path]` beside `support.rs`. It
//! may use only what every generated crate depends on (`reqwest`, `serde`, `serde_json`) and the
//! harness's `tokio` dev-dependency. The harness starts the mocks and passes their URLs in
//! environment variables named by [`url_variable`].

use serde::Serialize;

use crate::support;

/// The first word of a calls report: crate name, operations called, success examples decoded,
/// success examples checked, error examples matched, error examples checked.
pub const REPORT: &str = "corpus-calls:";

/// The first word of a calls miss: crate name and what went wrong.
pub const MISS: &str = "corpus-calls-miss:";

/// The environment variable holding the mock's URL for `crate_name`: `CORPUS_MOCK_URL_` and
/// the name upper-cased with `-` as `_`.
pub fn url_variable(crate_name: &str) -> String {
    format!(
        "CORPUS_MOCK_URL_{}",
        crate_name.to_ascii_uppercase().replace('-', "_")
    )
}

/// What the calls of one crate came to.
#[derive(Debug, Default)]
pub struct Report {
    /// Operations called at least once.
    pub called: usize,
    /// Success examples that decoded (and re-serialized to the example) / checked.
    pub success: (usize, usize),
    /// Error examples that came back as the right variant / checked.
    pub error: (usize, usize),
    /// What went wrong, one line each.
    pub misses: Vec<String>,
}

impl Report {
    /// Records the outcome of one example of `item`.
    pub fn check(&mut self, item: &str, status: u16, name: &str, outcome: Result<(), String>) {
        let counts = if (200..300).contains(&status) {
            &mut self.success
        } else {
            &mut self.error
        };
        counts.1 += 1;
        match outcome {
            Ok(()) => counts.0 += 1,
            Err(why) => self
                .misses
                .push(format!("{item} (HTTP {status} example {name:?}): {why}")),
        }
    }

    /// Prints the report line and the misses for the harness.
    pub fn print(&self, crate_name: &str) {
        for miss in &self.misses {
            println!("{MISS} {crate_name} {miss}");
        }
        println!(
            "{REPORT} {crate_name} {} {} {} {} {}",
            self.called, self.success.0, self.success.1, self.error.0, self.error.1
        );
    }
}

/// A `reqwest::Client` whose every request asks the mock for the example with `status` and
/// `name` (percent-encoded: names may hold newlines and non-ASCII text). No redirects are
/// followed (a 3xx example is an answer), no TLS roots are loaded (the mock speaks plain HTTP).
pub fn http_client(status: u16, name: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-mock-response-code", status.into());
    let encoded = percent_encode(name);
    headers.insert(
        "x-mock-response-name",
        encoded.parse().expect("a percent-encoded name is a header value"),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .tls_certs_only(std::iter::empty())
        .build()
        .expect("the client builds")
}

/// Every byte but ASCII letters and digits as `%XX`.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Whether `value` serializes to the JSON text `expected`, by the round-trip test's rules.
pub fn same_json<T: Serialize>(value: &T, expected: &str) -> Result<(), String> {
    let expected: serde_json::Value =
        serde_json::from_str(expected).map_err(|e| format!("the example is not JSON: {e}"))?;
    let back = serde_json::to_value(value).map_err(|e| format!("does not serialize: {e}"))?;
    support::same(&expected, &back, "$")
}

/// A short description of an unexpected result, for a miss line.
pub fn short(text: String) -> String {
    let text = text.replace('\n', " ");
    match text.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// The mock's URL for `crate_name`, or `None` (with a note) when the harness set none.
pub fn mock_url(crate_name: &str) -> Option<String> {
    let variable = url_variable(crate_name);
    match std::env::var(&variable) {
        Ok(url) => Some(url),
        Err(_) => {
            println!("{crate_name}: {variable} is not set; the mock calls are skipped");
            None
        }
    }
}

/// Runs `calls` on a current-thread runtime.
pub fn block_on<F: std::future::Future>(calls: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("the runtime builds")
        .block_on(calls)
}
