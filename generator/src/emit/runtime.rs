//! The support code every generated crate carries: `Client`, `Error<E>`, `ErrorBody`, `FilePart`,
//! and the one generic `send` helper that every operation calls.
//!
//! [`runtime_module`] returns the items of the generated crate's private `runtime` module; only the
//! parts that [`RuntimeNeeds`] asks for are emitted, so the generated crate has no dead code.
//! Every path in the emitted code is fully qualified (`::std::…`, `::reqwest::…`), so API types
//! named `Option`, `Result` or `Error` elsewhere in the crate cannot break it.
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

mod client;
mod decode;
mod error;
mod header;
mod multipart;
mod path;

use proc_macro2::TokenStream;
use quote::quote;

/// What the operations of one API need from the runtime; only these parts are emitted, so the
/// generated crate has no dead code.
///
/// When no `Auth` variant is asked for at all (an API without operations), `Auth::None` is emitted
/// so that the module still compiles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuntimeNeeds {
    /// The collection's base URL: emits `Client::DEFAULT_BASE_URL` and `impl Default for Client`.
    pub default_base_url: Option<String>,
    /// `Auth::Bearer` and `Client::with_bearer_token`.
    pub bearer: bool,
    /// `Auth::Basic` and `Client::with_basic_auth`.
    pub basic: bool,
    /// `Auth::ApiKeyHeader(name)` and `Client::with_api_key`.
    pub api_key_header: bool,
    /// `Auth::ApiKeyQuery(name)` and `Client::with_api_key` (one key shared with the header kind).
    pub api_key_query: bool,
    /// `Auth::None`: some operation sends no credentials.
    pub no_auth: bool,
    /// An operation sends a multipart form: reqwest's `multipart` feature.
    pub multipart: bool,
    /// Some multipart form has a file field: `FilePart`, reqwest's `stream` feature and
    /// `mime_guess`. (A form of text fields alone needs none of them, and an unused `FilePart`
    /// would be dead code in the generated crate.)
    pub file_parts: bool,
    /// An operation sends a JSON body (`RequestBuilder::json`): reqwest's `json` feature.
    pub json_body: bool,
    /// An operation sends a urlencoded form (`RequestBuilder::form`): reqwest's `form` feature.
    pub form_body: bool,
    /// `segment`, the path-parameter encoder (percent-encoding crate).
    pub path_params: bool,
    /// `header`, the check of header arguments.
    pub headers: bool,
    /// The `json` decoder.
    pub decode_json: bool,
    /// The `json_or_empty` decoder.
    pub decode_json_or_empty: bool,
    /// The `empty` decoder.
    pub decode_empty: bool,
    /// The `text` decoder.
    pub decode_text: bool,
}

impl RuntimeNeeds {
    /// Some operation sends an API key, in a header or in the query.
    fn api_key(&self) -> bool {
        self.api_key_header || self.api_key_query
    }

    /// `Auth::None` is emitted: asked for, or no other variant is.
    fn auth_none(&self) -> bool {
        self.no_auth || !(self.bearer || self.basic || self.api_key())
    }
}

/// A crates.io dependency of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    /// Crate name.
    pub name: &'static str,
    /// Version requirement.
    pub version: &'static str,
    /// Features to enable.
    pub features: Vec<&'static str>,
    /// Whether the crate's default features stay on.
    pub default_features: bool,
}

impl Dependency {
    fn new(name: &'static str, version: &'static str) -> Self {
        Dependency {
            name,
            version,
            features: Vec::new(),
            default_features: true,
        }
    }
}

/// The items of the generated crate's private `runtime` module. The crate root re-exports
/// `runtime::{ApiError, Client, DocumentedError, Error, ErrorBody}` and, when `needs.file_parts`,
/// `runtime::FilePart`.
pub fn runtime_module(needs: &RuntimeNeeds) -> TokenStream {
    let client = client::tokens(needs);
    let error = error::tokens();
    let decode = decode::tokens(needs);
    let path = needs.path_params.then(path::tokens);
    let multipart = needs.file_parts.then(multipart::tokens);
    let header = needs.headers.then(header::argument_tokens);
    let credentials = needs.bearer || needs.api_key_header;
    let header_shared = (needs.headers || credentials).then(|| header::shared_tokens(credentials));
    quote! {
        #client
        #error
        #decode
        #path
        #header
        #header_shared
        #multipart
    }
}

/// The crates.io dependencies the runtime needs, in a stable order.
///
/// reqwest has its default features off (no native TLS, no HTTP/2 or system proxy lookup) and
/// rustls on. serde comes with `derive`, which the generated types use.
pub fn runtime_dependencies(needs: &RuntimeNeeds) -> Vec<Dependency> {
    let mut features = vec!["rustls", "query"];
    if needs.json_body {
        features.push("json");
    }
    if needs.form_body {
        features.push("form");
    }
    if needs.multipart {
        features.push("multipart");
    }
    if needs.file_parts {
        // `stream` lets users build a streaming `reqwest::Body` (e.g. from a `tokio::fs::File`).
        features.push("stream");
    }
    let mut dependencies = vec![
        Dependency {
            features,
            default_features: false,
            ..Dependency::new("reqwest", "0.13")
        },
        Dependency {
            features: vec!["derive"],
            ..Dependency::new("serde", "1")
        },
        Dependency::new("serde_json", "1"),
    ];
    if needs.path_params {
        dependencies.push(Dependency::new("percent-encoding", "2"));
    }
    if needs.file_parts {
        // Guesses a file part's content type from its file name, as curl and Postman do;
        // reqwest's `multipart` feature already builds it.
        dependencies.push(Dependency::new("mime_guess", "2"));
    }
    dependencies
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLAGS: usize = 15;

    fn needs_from_bits(bits: u32, base_url: bool) -> RuntimeNeeds {
        let bit = |i: usize| bits & (1 << i) != 0;
        RuntimeNeeds {
            default_base_url: base_url.then(|| "https://api.example.com/v2".to_owned()),
            bearer: bit(0),
            basic: bit(1),
            api_key_header: bit(2),
            api_key_query: bit(3),
            no_auth: bit(4),
            multipart: bit(5),
            json_body: bit(6),
            form_body: bit(7),
            path_params: bit(8),
            decode_json: bit(9),
            decode_json_or_empty: bit(10),
            decode_empty: bit(11),
            decode_text: bit(12),
            headers: bit(13),
            file_parts: bit(14),
        }
    }

    fn all() -> RuntimeNeeds {
        needs_from_bits((1 << FLAGS) - 1, true)
    }

    fn file(needs: &RuntimeNeeds) -> syn::File {
        syn::parse2(runtime_module(needs)).expect("runtime module parses")
    }

    fn auth_variants(needs: &RuntimeNeeds) -> Vec<String> {
        file(needs)
            .items
            .iter()
            .find_map(|item| match item {
                syn::Item::Enum(e) if e.ident == "Auth" => {
                    Some(e.variants.iter().map(|v| v.ident.to_string()).collect())
                }
                _ => None,
            })
            .expect("Auth is emitted")
    }

    fn item_names(file: &syn::File) -> Vec<String> {
        file.items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Struct(s) => Some(s.ident.to_string()),
                syn::Item::Enum(e) => Some(e.ident.to_string()),
                syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
                syn::Item::Trait(t) => Some(t.ident.to_string()),
                syn::Item::Type(t) => Some(t.ident.to_string()),
                syn::Item::Const(c) => Some(c.ident.to_string()),
                _ => None,
            })
            .collect()
    }

    fn parses(needs: &RuntimeNeeds) {
        if let Err(error) = syn::parse2::<syn::File>(runtime_module(needs)) {
            panic!("{needs:?} does not parse: {error}");
        }
    }

    /// Auth flags (bits 0–4) in every combination with the others all off or all on, and the
    /// other code flags (multipart, path_params, decoders, headers, file_parts) in every combination with each auth
    /// flag alone; json_body and form_body (bits 6, 7) only change dependencies.
    #[test]
    fn every_combination_parses() {
        let others = ((1u32 << FLAGS) - 1) & !0b1_1111;
        for auth in 0..(1u32 << 5) {
            for bits in [auth, auth | others] {
                for base_url in [false, true] {
                    parses(&needs_from_bits(bits, base_url));
                }
            }
        }
        for code in 0..(1u32 << 8) {
            // multipart (5), path_params and the decoders (8–12), headers and file_parts (13, 14).
            let code_bits = (code & 1) << 5 | ((code >> 1) & 0b1_1111) << 8 | (code >> 6) << 13;
            for auth in 0..5 {
                parses(&needs_from_bits(code_bits | 1 << auth, auth % 2 == 0));
            }
        }
    }

    #[test]
    fn all_on_prints() {
        let text = prettyplease::unparse(&file(&all()));
        for needle in [
            "pub struct Client",
            "pub const DEFAULT_BASE_URL: &str = \"https://api.example.com/v2\"",
            "impl ::std::default::Default for Client",
            "pub fn with_bearer_token",
            "pub fn with_basic_auth",
            "pub fn with_api_key",
            "ApiKeyQuery(&'static str)",
            "pub(crate) fn segment<E>",
            "pub(crate) fn json<T",
            "pub(crate) fn json_or_empty<T",
            "pub(crate) fn empty(",
            "pub(crate) fn text(",
            "pub struct FilePart",
            "pub(crate) fn into_part<E>",
            "pub(crate) fn header<E>",
            "fn sensitive_header<E>",
            "pub fn with_timeout",
            "\"<redacted>\"",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
        }
    }

    #[test]
    fn minimal_module_has_only_the_core() {
        let names = item_names(&file(&RuntimeNeeds::default()));
        for name in [
            "Client",
            "Auth",
            "Error",
            "ErrorBody",
            "DocumentedError",
            "ApiError",
            "Decoder",
        ] {
            assert!(
                names.contains(&name.to_owned()),
                "{name} missing from {names:?}"
            );
        }
        for name in [
            "FilePart",
            "segment",
            "json",
            "json_or_empty",
            "empty",
            "text",
            "SEGMENT",
            "header",
            "sensitive_header",
            "header_name",
        ] {
            assert!(
                !names.contains(&name.to_owned()),
                "{name} emitted without need"
            );
        }
        let text = runtime_module(&RuntimeNeeds::default()).to_string();
        assert!(!text.contains("DEFAULT_BASE_URL"));
        assert!(!text.contains("with_bearer_token"));
        assert!(!text.contains("with_api_key"));
        assert!(!text.contains("percent_encoding"));
        assert!(!text.contains("mime_guess"));
        // Without any auth flag, `Auth::None` keeps the enum inhabited.
        assert_eq!(auth_variants(&RuntimeNeeds::default()), ["None"]);
    }

    #[test]
    fn auth_variants_follow_needs() {
        let needs = RuntimeNeeds {
            bearer: true,
            ..RuntimeNeeds::default()
        };
        assert_eq!(auth_variants(&needs), ["Bearer"]);
        let text = runtime_module(&needs).to_string();
        assert!(!text.contains("ApiKey"));
        assert!(!text.contains("basic_auth"));

        let needs = RuntimeNeeds {
            api_key_header: true,
            api_key_query: true,
            ..RuntimeNeeds::default()
        };
        assert_eq!(auth_variants(&needs), ["ApiKeyHeader", "ApiKeyQuery"]);
        let text = prettyplease::unparse(&file(&needs));
        assert_eq!(text.matches("pub fn with_api_key").count(), 1, "{text}");
        assert!(!text.contains("Auth::None"));

        let needs = RuntimeNeeds {
            no_auth: true,
            basic: true,
            ..RuntimeNeeds::default()
        };
        assert_eq!(auth_variants(&needs), ["None", "Basic"]);
    }

    #[test]
    fn dependencies_follow_needs() {
        let minimal = runtime_dependencies(&RuntimeNeeds::default());
        let names: Vec<_> = minimal.iter().map(|d| d.name).collect();
        assert_eq!(names, ["reqwest", "serde", "serde_json"]);
        assert_eq!(minimal[0].features, ["rustls", "query"]);
        assert!(!minimal[0].default_features);

        let full = runtime_dependencies(&all());
        let names: Vec<_> = full.iter().map(|d| d.name).collect();
        assert_eq!(
            names,
            [
                "reqwest",
                "serde",
                "serde_json",
                "percent-encoding",
                "mime_guess"
            ]
        );
        assert_eq!(
            full[0].features,
            ["rustls", "query", "json", "form", "multipart", "stream"]
        );
    }
}
