//! The support code every generated crate carries: `Client`, `Error<E>`, `ErrorBody`, `FilePart`,
//! and the one generic `send` helper that every operation calls.
//!
//! [`runtime_module`] returns the items of the generated crate's private `runtime` module; only the
//! parts that [`RuntimeNeeds`] asks for are emitted, so the generated crate has no dead code.
//! Every path in the emitted code is fully qualified (`::std::…`, `::reqwest::…`), so API types
//! named `Option`, `Result` or `Error` elsewhere in the crate cannot break it.
//!
//! What is the same for every API is ordinary Rust in `runtime/rust/` (`Error<E>`, `ErrorBody`,
//! the decoders, `segment`, the header checks, `FilePart`, the helpers of `send`), emitted item
//! by item through `source`. What varies is written here with `quote!`: `Client` and its
//! settings (`client`), credentials and `Auth` (`auth`), hosts (`servers`), the request hook
//! (`hook`), and `Client::send` (`send`), whose async and blocking forms differ in more than
//! their paths.
//!
//! # Calling convention of an operation
//!
//! ```text
//! impl crate::Client {
//!     pub async fn upload(&self, account_id: &str, file: crate::FilePart)
//!         -> ::std::result::Result<crate::types::Upload, crate::Error<crate::errors::UploadError>>
//!     {
//!         let path = ::std::format!("/accounts/{}/files", crate::runtime::segment(account_id)?);
//!         let request = self.request(::reqwest::Method::POST, &path, crate::runtime::Auth::Bearer)?;
//!         let request = crate::runtime::header(request, "x-trace", trace)?;
//!         let body = ::reqwest::multipart::Form::new().part("file", file.into_part()?);
//!         let request = request.multipart(body);
//!         self.send(request, crate::runtime::json).await
//!     }
//! }
//! ```
//!
//! `request`, `segment`, `header` and `into_part` return `Result<_, Error<E>>` with `E` inferred from the operation's
//! return type, so a plain `?` works. `send` takes any [`Decoder`](self)-shaped function:
//! `fn(u16, &[u8]) -> Option<Result<T, serde_json::Error>>`.
//!
//! Where the request goes decides how it starts: `self.request(…)` for the base URL,
//! `self.request_to(crate::runtime::Server::AuthUrl, …)` for a host variable the user sets
//! (`Client::with_auth_url`), `self.request_at("https://login.example.com", …)` for a literal
//! URL. An operation whose auth kind the client cannot perform ends with
//! `let request = self.run_request_hook(request);`, so the user's hook sees the whole request.
//!
//! The [`Flavor::Blocking`] client is the same code against `reqwest::blocking`, without
//! `async` and `.await`.

mod auth;
mod client;
mod flavor;
mod hook;
mod parts;
mod send;
mod servers;
mod source;

use proc_macro2::TokenStream;
use quote::quote;

pub use crate::plan::needs::{Flavor, RuntimeNeeds, ServerSetting};
pub(crate) use flavor::FlavorTokens;
use source::{Source, SourceFile};

/// The items of the generated crate's private `runtime` module. The crate root re-exports
/// `runtime::{ApiError, Client, DocumentedError, Error, ErrorBody}` and, when `needs.bodies.file_parts`,
/// `runtime::FilePart`.
pub fn runtime_module(needs: &RuntimeNeeds) -> TokenStream {
    let flavor = needs.flavor;
    let mut parts = auth::parts(needs);
    parts.extend(servers::parts(needs));
    parts.extend(hook::parts(needs));
    let client = client::tokens(needs, parts);
    let auth = auth::tokens(needs);
    let send = send::tokens(needs);
    let error = Source::new(SourceFile::Error, flavor).all();
    let decode = decoders(needs);
    let path = needs
        .path_params
        .then(|| Source::new(SourceFile::Path, flavor).all());
    let header = header_checks(needs);
    let file_part = needs
        .bodies
        .file_parts
        .then(|| Source::new(SourceFile::FilePart, flavor).all());
    quote! {
        #client
        #auth
        #send
        #error
        #decode
        #path
        #header
        #file_part
    }
}

/// `Decoder` and the decoders the operations use.
fn decoders(needs: &RuntimeNeeds) -> TokenStream {
    let decoders = &needs.decoders;
    let wanted = [
        (true, "Decoder"),
        (decoders.json, "json"),
        (decoders.json_or_empty, "json_or_empty"),
        (decoders.empty, "empty"),
        (decoders.text, "text"),
    ];
    let names: Vec<&str> = wanted
        .into_iter()
        .filter_map(|(wanted, name)| wanted.then_some(name))
        .collect();
    Source::new(SourceFile::Decode, needs.flavor).items(&names)
}

/// `header` for operations' header arguments, `sensitive_header` for credentials sent in a
/// header, and `header_name`, which both use.
fn header_checks(needs: &RuntimeNeeds) -> TokenStream {
    let credentials = needs.auth.header_credentials();
    let wanted = [
        (needs.headers, "header"),
        (credentials, "sensitive_header"),
        (needs.headers || credentials, "header_name"),
    ];
    let names: Vec<&str> = wanted
        .into_iter()
        .filter_map(|(wanted, name)| wanted.then_some(name))
        .collect();
    if names.is_empty() {
        return TokenStream::new();
    }
    Source::new(SourceFile::Header, needs.flavor).items(&names)
}

#[cfg(test)]
mod tests;
