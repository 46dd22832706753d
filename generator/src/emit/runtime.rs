//! The support code every generated crate carries: `Client`, `Error<E>`, `ErrorBody`, `FilePart`,
//! and the one `send` helper that every operation calls.
//!
//! [`runtime_module`] returns the items of the generated crate's private `runtime` module; only the
//! parts that [`RuntimeNeeds`] asks for are emitted, so the generated crate has no dead code.
//! Every path in the emitted code is fully qualified (`::std::…`, `::reqwest::…`), so API types
//! named `Option`, `Result` or `Error` elsewhere in the crate cannot break it.
//!
//! What is the same for every API is ordinary Rust in `runtime/rust/` (`Error<E>`, `ErrorBody`,
//! `Response<T>`, `Client::send`, custom requests, default headers, shared credentials, the
//! decoders, `path_of!`, the header checks, `FilePart`, the macros that write the impls of
//! types and error enums), emitted item by item through `source`.
//! What varies is written here with `quote!`: `Client` and its settings (`client`), the API key
//! and `Auth` (`auth`), hosts (`servers`) and the request hook (`hook`).
//!
//! # Calling convention of an operation
//!
//! ```text
//! use ::reqwest::Method;
//! use crate::runtime::{Auth, Call};
//! use crate::{errors, runtime, types, Pending};
//! impl crate::Client {
//!     #[inline]
//!     pub fn upload(
//!         &self,
//!         account_id: &str,
//!         file: crate::FilePart,
//!     ) -> Pending<'_, types::Upload, errors::UploadError> {
//!         let path = runtime::path_of!("/accounts/", account_id, "/files");
//!         let request = self
//!             .request(Method::POST, path, Auth::Bearer)
//!             .and_then(|request| {
//!                 let body = ::reqwest::multipart::Form::new().part("file", file.into_part()?);
//!                 let request = request.multipart(body);
//!                 ::std::result::Result::Ok(request)
//!             });
//!         let call = Call::new("upload", "/accounts/{accountId}/files");
//!         self.send(request, call, runtime::json)
//!     }
//! }
//! ```
//!
//! The request is built where it is sent, as a `BuiltRequest`: the request, or why it cannot
//! be built. `path_of!` is the path or the error of a parameter that cannot be a segment;
//! `request` takes it as it is, and the operation's steps go on the result: calls that cannot
//! fail (`.query(query)`, `.json(body)`, fixed headers) in one `map`, any step with a `?`
//! (`header`, `into_part`, which return `Result<_, Error<E>>`, here `E = Undocumented`) in one
//! `and_then`. No function besides the method, and none is generic. `send` takes the request,
//! built or not, with any [`Decoder`](self)-shaped function:
//! `fn(u16, &[u8]) -> Option<Result<T, serde_json::Error>>`; one that was not built is the
//! call's error, and nothing is sent.
//! In the async client it returns a `Pending<'_, T, E>`: a future that sends the request
//! through the one non-generic `Client::receive` (boxed) and sorts the response into a
//! `Response<T>` or an `Error<E>` when polled. So no operation is an `async fn` of its own:
//! rustc checks and lays out one state machine for the whole client, not one per operation.
//! `#[inline]` leaves an operation's code to the crates that call it, as an `async fn`'s body
//! was: a client of hundreds of operations does not compile the ones nobody calls.
//!
//! Where the request goes decides how it starts: `self.request(…)` for the base URL,
//! `self.request_to(runtime::Server::AuthUrl, …)` for a host variable the user sets
//! (`Client::with_auth_url`), `self.request_at("https://login.example.com", …)` for a literal
//! URL. An operation whose auth kind the client cannot perform ends with
//! `let request = self.run_request_hook(request);`, so the user's hook sees the whole request.
//!
//! The [`Flavor::Blocking`] client is the same code against `reqwest::blocking`: its `send`
//! returns the `Result` itself.

mod auth;
mod client;
pub(crate) mod dynamic;
mod flavor;
mod hook;
mod middleware;
mod oauth2;
mod parts;
mod servers;
mod source;

use proc_macro2::TokenStream;
use quote::quote;

pub use crate::plan::needs::{Flavor, RuntimeNeeds};
pub(crate) use flavor::FlavorTokens;
pub(crate) use source::written_macro;
use source::{Source, SourceFile};

/// The items of the generated crate's private `runtime` module. The crate root re-exports
/// [`ROOT_EXPORTS`] and, when `needs.bodies.file_parts`, `runtime::FilePart`.
pub fn runtime_module(needs: &RuntimeNeeds) -> TokenStream {
    let mut tokens = per_api(needs);
    tokens.extend(shared(needs));
    tokens
}

/// The items written for this API with `quote!`: `Client` with its settings, `Auth` and the
/// helpers that start a request.
fn per_api(needs: &RuntimeNeeds) -> TokenStream {
    let mut parts = auth::parts(needs);
    parts.extend(servers::parts(needs));
    parts.extend(hook::parts(needs));
    parts.extend(oauth2::parts(needs));
    parts.extend(middleware::parts(needs));
    let mut tokens = client::tokens(needs, parts);
    tokens.extend(auth::tokens(needs));
    tokens
}

/// The items of the Rust sources this API needs.
fn shared(needs: &RuntimeNeeds) -> TokenStream {
    let (flavor, features) = (needs.flavor, needs.features);
    let whole = |file| Source::new(file, flavor, features).all();
    let send = whole(SourceFile::Send);
    let pending = whole(SourceFile::Pending);
    let custom = whole(SourceFile::Custom);
    let response = whole(SourceFile::Response);
    let error = whole(SourceFile::Error);
    let credential = whole(SourceFile::Credential);
    let defaults = whole(SourceFile::Defaults);
    let options = whole(SourceFile::Options);
    let stream = whole(SourceFile::Stream);
    let retry = whole(SourceFile::Retry);
    let trace = whole(SourceFile::Trace);
    let middleware = whole(SourceFile::Middleware);
    let decode = decoders(needs);
    let path = paths(needs);
    let header = header_checks(needs);
    let file_part = needs.bodies.file_parts.then(|| whole(SourceFile::FilePart));
    let dynamic = dynamic::tokens(needs);
    let oauth2 = needs.auth.oauth2.then(|| {
        let mut tokens = whole(SourceFile::OAuth2);
        tokens.extend(whole(SourceFile::Grants));
        tokens
    });
    let pages = pagers(needs);
    let object = needs.objects.deserialize.then(|| whole(SourceFile::Object));
    let fields = needs.objects.serialize.then(|| whole(SourceFile::Fields));
    let by_key = (needs.objects.deserialize || needs.objects.serialize)
        .then(|| whole(SourceFile::ByKey));
    let api_error = api_error(needs);
    quote! {
        #send
        #pending
        #custom
        #response
        #error
        #credential
        #defaults
        #options
        #stream
        #retry
        #trace
        #middleware
        #decode
        #dynamic
        #path
        #header
        #file_part
        #oauth2
        #pages
        #object
        #fields
        #by_key
        #api_error
    }
}

/// `path_of!`, which every operation's path is written with; what encodes parameters as
/// segments (and needs percent-encoding) only when some path has one.
fn paths(needs: &RuntimeNeeds) -> TokenStream {
    let source = Source::new(SourceFile::Path, needs.flavor, needs.features);
    match needs.path_params {
        true => source.all(),
        false => source.items(&["path_of"]),
    }
}

/// What the error enums are written with: `api_error!`, if there are any.
fn api_error(needs: &RuntimeNeeds) -> TokenStream {
    let wanted: &[&str] = match needs.error_enums {
        true => &["api_error"],
        false => &[],
    };
    Source::new(SourceFile::ApiError, needs.flavor, needs.features).items(wanted)
}

/// What the crate root re-exports from `runtime` besides [`ROOT_EXPORTS`] and `FilePart`:
/// the token provider and grants, when some operation uses OAuth2.
pub fn oauth2_exports(needs: &RuntimeNeeds) -> TokenStream {
    oauth2::root_exports(needs)
}

/// What the crate root re-exports for the flavor and the pagers: the futures of the async
/// client's calls; `Pages` and `Items`, what pager methods return, when some operation pages.
pub fn flavor_exports(needs: &RuntimeNeeds) -> TokenStream {
    let futures = match needs.flavor {
        Flavor::Async => quote!(pub use runtime::{Pending, PendingStream};),
        Flavor::Blocking => TokenStream::new(),
    };
    let pagers = needs
        .pagers
        .any()
        .then(|| quote!(pub use runtime::{Items, Pages};));
    quote!(#futures #pagers)
}

/// What the crate root re-exports for the runtime's optional features, each behind its gate.
pub fn feature_exports(needs: &RuntimeNeeds) -> TokenStream {
    middleware::root_exports(needs)
}

/// What the crate root re-exports from `runtime` in every generated crate.
pub const ROOT_EXPORTS: [&str; 11] = [
    "ApiError",
    "ByteStream",
    "CallOptions",
    "Client",
    "CustomRequest",
    "DocumentedError",
    "Error",
    "ErrorBody",
    "Response",
    "RetryPolicy",
    "Undocumented",
];

/// `Decoder` and the decoders the operations use; `json`, `text` and `bytes` always, for
/// custom requests.
fn decoders(needs: &RuntimeNeeds) -> TokenStream {
    let decoders = &needs.decoders;
    let wanted = [
        (true, "Decoder"),
        (true, "json"),
        (decoders.json_or_empty, "json_or_empty"),
        (decoders.empty, "empty"),
        (true, "text"),
        (true, "bytes"),
    ];
    Source::new(SourceFile::Decode, needs.flavor, needs.features).items(&selected(&wanted))
}

/// `header` for operations' header arguments; `checked_header` for custom requests,
/// `sensitive_header` for credentials and `header_name`, which every client uses.
fn header_checks(needs: &RuntimeNeeds) -> TokenStream {
    let wanted = [
        (needs.headers, "header"),
        (true, "checked_header"),
        (true, "sensitive_header"),
        (true, "header_name"),
    ];
    Source::new(SourceFile::Header, needs.flavor, needs.features).items(&selected(&wanted))
}

/// The paging loop and the ways to advance the API's pagers use.
fn pagers(needs: &RuntimeNeeds) -> TokenStream {
    let pagers = &needs.pagers;
    if !pagers.any() {
        return TokenStream::new();
    }
    let (links, counted) = (
        pagers.body_link || pagers.link_header,
        pagers.page || pagers.offset,
    );
    let wanted = [
        (true, "Cursor"),
        (true, "Advance"),
        (true, "Fetched"),
        (true, "Fetch"),
        (true, "Pages"),
        // `Items` whether or not some pager has items: the crate root exports both.
        (true, "Items"),
        // Their trait impls, selected by the trait's name.
        (needs.flavor == Flavor::Async, "Stream"),
        (needs.flavor == Flavor::Async, "Unpin"),
        (needs.flavor == Flavor::Blocking, "Iterator"),
        (true, "Debug"),
        (pagers.token || pagers.body_link, "PageText"),
        (counted, "PageCount"),
        (pagers.token || counted, "QueryParam"),
        (counted, "number"),
        (counted, "PageItems"),
        (pagers.token, "next_token"),
        (pagers.body_link, "next_link"),
        (pagers.link_header, "next_link_header"),
        (links, "follow"),
        (pagers.link_header, "rel_next"),
        (links, "link_url"),
        (pagers.page, "Progress"),
        (pagers.page, "next_page"),
        (pagers.offset, "next_offset"),
    ];
    Source::new(SourceFile::Pages, needs.flavor, needs.features).items(&selected(&wanted))
}

/// The names whose flag is set.
fn selected<'a>(wanted: &[(bool, &'a str)]) -> Vec<&'a str> {
    wanted
        .iter()
        .filter_map(|&(wanted, name)| wanted.then_some(name))
        .collect()
}

#[cfg(test)]
mod tests;
