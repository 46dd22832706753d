//! What the generated crate's runtime must contain, decided from the plans of its operations:
//! only these parts are emitted, so a generated crate has no dead code, and only the crates
//! they use are its dependencies.

use std::collections::BTreeSet;

pub use super::hosts::ServerSetting;
use super::hosts::server_settings;
use super::operation::{OperationPlan, Target};
use super::pagination::{Pager, PagerKind};
use crate::infer::bodies::{Payload, Success};
use crate::model::{Api, AuthScheme, Dynamic, OAuth2Flow, PathPiece, RequestBody};

/// Which reqwest API the generated client is written against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Flavor {
    /// Operations on `reqwest::Client` that return their call as a future, `Pending`.
    #[default]
    Async,
    /// `pub fn` operations on `reqwest::blocking::Client`, for programs without an async runtime.
    Blocking,
}

/// Where the operations send their requests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostNeeds {
    /// The collection's base URL: emits `Client::DEFAULT_BASE_URL` and `impl Default for Client`.
    pub default_base_url: Option<String>,
    /// The host variables besides the base URL: `Client::with_<name>`, the `Server` enum and
    /// `Client::request_to`.
    pub servers: Vec<ServerSetting>,
    /// Some operation goes to the base URL: `Client::request`.
    pub default_server: bool,
    /// Some operation goes to a literal URL of its own: it calls `Client::request_at` itself.
    pub absolute_urls: bool,
}

/// The credentials the operations send.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthNeeds {
    /// `Auth::Bearer` and `Client::with_bearer_token`.
    pub bearer: bool,
    /// Some operation gets its bearer token from the token provider (`OAuth2`, `TokenProvider`,
    /// `Client::with_oauth2`): see [`RuntimeNeeds::oauth2`].
    pub oauth2: bool,
    /// `Auth::Basic` and `Client::with_basic_auth`.
    pub basic: bool,
    /// `Auth::ApiKeyHeader(name)` and `Client::with_api_key`.
    pub api_key_header: bool,
    /// `Auth::ApiKeyQuery(name)` and `Client::with_api_key` (one key shared with the header kind).
    pub api_key_query: bool,
    /// `Auth::None`: some operation sends no credentials.
    pub none: bool,
    /// The auth kinds the client cannot perform that some operation uses (`digest`, `hawk`, …):
    /// `Client::with_request_hook` when not empty.
    pub hook_kinds: BTreeSet<String>,
}

/// The request bodies the operations send.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BodyNeeds {
    /// A JSON body (`RequestBuilder::json`): reqwest's `json` feature.
    pub json: bool,
    /// A urlencoded form (`RequestBuilder::form`): reqwest's `form` feature.
    pub form: bool,
    /// A multipart form: reqwest's `multipart` feature.
    pub multipart: bool,
    /// Some multipart form has a file field: `FilePart`, `mime_guess`, and for the async client
    /// reqwest's `stream` feature. (A form of text fields alone needs none of them, and an
    /// unused `FilePart` would be dead code in the generated crate.)
    pub file_parts: bool,
}

/// The decoders of success bodies the operations use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecoderNeeds {
    /// `json`.
    pub json: bool,
    /// `json_or_empty`.
    pub json_or_empty: bool,
    /// `empty`.
    pub empty: bool,
    /// `text`.
    pub text: bool,
    /// `bytes`: a body no example types (a download), as raw bytes.
    pub bytes: bool,
}

/// Postman's dynamic variables the operations compute on each call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DynamicNeeds {
    /// `dynamic_<name>()` for each.
    pub variables: BTreeSet<Dynamic>,
    /// `fill_dynamic`: a raw text body fills its `{{$…}}` on each call.
    pub fill_text: bool,
    /// `fill_dynamic_json`: a JSON body fills its string values' `{{$…}}` on each call.
    pub fill_json: bool,
}

impl DynamicNeeds {
    /// Some variable draws random bytes: the `uuid` crate.
    pub fn random(&self) -> bool {
        self.variables.iter().any(|d| d.is_random())
    }
}

/// What the operations of one API need from the runtime.
///
/// When no `Auth` variant is asked for at all (an API without operations), `Auth::None` is
/// emitted so that the module still compiles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuntimeNeeds {
    /// Async or blocking: which reqwest API every part is written against.
    pub flavor: Flavor,
    /// Base URL, host variables, literal URLs.
    pub hosts: HostNeeds,
    /// Credentials.
    pub auth: AuthNeeds,
    /// Request bodies.
    pub bodies: BodyNeeds,
    /// Success decoders.
    pub decoders: DecoderNeeds,
    /// `segment`, the path-parameter encoder (percent-encoding crate).
    pub path_params: bool,
    /// `header`, the check of header arguments.
    pub headers: bool,
    /// Dynamic variables computed per call.
    pub dynamic: DynamicNeeds,
    /// Where access tokens come from, when some operation uses OAuth2 (`auth.oauth2`).
    pub oauth2: Option<OAuth2Flow>,
    /// The pagers: the runtime's paging loop and the ways to advance they use; for the async
    /// client, `futures-util`.
    pub pagers: PagerNeeds,
    /// How the optional `tracing` span and middleware reach the code.
    pub features: FeatureGates,
    /// `Object` and `Fields`: some struct decodes or encodes key by key
    /// ([`super::types::TypeUsage::choose_by_key`]).
    pub objects: super::types::Directions,
    /// `api_error!`: some operation has an error enum.
    pub error_enums: bool,
}

/// The kinds of pager the operations have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PagerNeeds {
    /// A page token: `next_token`.
    pub token: bool,
    /// A next link in the body: `next_link`.
    pub body_link: bool,
    /// A `Link` header: `next_link_header`.
    pub link_header: bool,
    /// A page number: `next_page`.
    pub page: bool,
    /// An offset: `next_offset`.
    pub offset: bool,
    /// Some pager has items: `items`.
    pub items: bool,
}

impl PagerNeeds {
    /// Some operation pages.
    pub fn any(&self) -> bool {
        self.token || self.body_link || self.link_header || self.page || self.offset
    }

    fn include(&mut self, pager: &Pager) {
        match &pager.kind {
            PagerKind::Token { .. } => self.token = true,
            PagerKind::BodyLink(_) => self.body_link = true,
            PagerKind::LinkHeader => self.link_header = true,
            PagerKind::Page { .. } => self.page = true,
            PagerKind::Offset { .. } => self.offset = true,
        }
        self.items |= pager.items.is_some();
    }
}

/// The optional parts of the runtime, which users switch on: the `tracing` span of each call
/// and middleware.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuntimeFeature {
    /// A `tracing` span per call.
    Tracing,
    /// `Client::with_middleware`.
    Middleware,
}

impl RuntimeFeature {
    /// Both, in the order of the manifest.
    pub const ALL: [RuntimeFeature; 2] = [RuntimeFeature::Middleware, RuntimeFeature::Tracing];

    /// The cargo feature's name, as the runtime sources' `#[cfg(feature = "…")]` write it.
    pub fn name(self) -> &'static str {
        match self {
            RuntimeFeature::Tracing => "tracing",
            RuntimeFeature::Middleware => "middleware",
        }
    }
}

/// How the [`RuntimeFeature`]s reach the generated code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum FeatureGates {
    /// A crate of its own: the code is there behind cargo features of the same names, off by
    /// default, and their crates are optional dependencies.
    #[default]
    Cargo,
    /// One file for `include!`, in a crate whose features are its own (a `#[cfg(feature)]`
    /// there would name a feature it does not declare): the code is in or out as the
    /// generator's `Config` says, ungated.
    Resolved {
        /// The `tracing` span is in.
        tracing: bool,
        /// Middleware is in.
        middleware: bool,
    },
}

impl FeatureGates {
    /// Whether code behind `feature` is emitted at all.
    pub fn emits(self, feature: RuntimeFeature) -> bool {
        match self {
            FeatureGates::Cargo => true,
            FeatureGates::Resolved {
                tracing,
                middleware,
            } => match feature {
                RuntimeFeature::Tracing => tracing,
                RuntimeFeature::Middleware => middleware,
            },
        }
    }
}

impl RuntimeNeeds {
    /// The needs `api` has before its operations are planned: its flavor, base URL and hosts.
    pub fn for_api(api: &Api, flavor: Flavor) -> Self {
        RuntimeNeeds {
            flavor,
            hosts: HostNeeds {
                default_base_url: api.default_base_url.clone(),
                servers: server_settings(&api.servers),
                ..HostNeeds::default()
            },
            oauth2: api.oauth2.clone(),
            ..RuntimeNeeds::default()
        }
    }
}

/// The settings of `servers`, with `Server` variant names that are unique even where two
/// snake-case names meet in camel case (`url2`, `url_2`).
impl RuntimeNeeds {
    /// Adds what the operation planned as `plan` needs.
    pub fn include(&mut self, plan: &OperationPlan) {
        let operation = &plan.operation;
        self.headers |= !operation.headers.is_empty();
        // A query struct's `Serialize` writes through `Fields`.
        self.objects.serialize |= !operation.query.is_empty();
        if let Some(pager) = &plan.pager {
            self.pagers.include(pager);
        }
        // Before the operations share their enums: sharing keeps them, under other names.
        if let Some(super::errors::OperationErrors::Own(_)) = &plan.errors {
            self.error_enums = true;
        }
        self.include_dynamic(operation);
        self.path_params |= operation
            .path
            .iter()
            .flat_map(|segment| &segment.pieces)
            .any(|piece| matches!(piece, PathPiece::Param(_)));
        match &plan.target {
            Target::BaseUrl => self.hosts.default_server = true,
            Target::Server(_) => {}
            Target::Absolute(_) => self.hosts.absolute_urls = true,
        }
        match &operation.auth {
            AuthScheme::Bearer => self.auth.bearer = true,
            // Sent as `Auth::Bearer`, the token from the provider.
            AuthScheme::OAuth2 => {
                self.auth.bearer = true;
                self.auth.oauth2 = true;
                self.bodies.form = true;
            }
            AuthScheme::Basic => self.auth.basic = true,
            AuthScheme::ApiKeyHeader { .. } => self.auth.api_key_header = true,
            AuthScheme::ApiKeyQuery { .. } => self.auth.api_key_query = true,
            AuthScheme::None => self.auth.none = true,
            AuthScheme::Unsupported { kind } => {
                self.auth.none = true;
                self.auth.hook_kinds.insert(kind.clone());
            }
        }
        match &operation.body {
            RequestBody::Json { .. } | RequestBody::FormAsJson(_) | RequestBody::GraphQl { .. } => {
                self.bodies.json = true
            }
            RequestBody::UrlEncoded(_) => self.bodies.form = true,
            RequestBody::Multipart(fields) => {
                self.bodies.multipart = true;
                self.bodies.file_parts |= fields.iter().any(|field| field.is_file);
            }
            RequestBody::None | RequestBody::Text { .. } | RequestBody::Binary { .. } => {}
        }
        match &plan.bodies.success {
            Success::Empty => self.decoders.empty = true,
            Success::One {
                payload: Payload::Json(_),
                or_empty: true,
            } => self.decoders.json_or_empty = true,
            Success::One {
                payload: Payload::Json(_),
                or_empty: false,
            } => self.decoders.json = true,
            Success::One {
                payload: Payload::Bytes,
                ..
            } => self.decoders.bytes = true,
            Success::One { .. } => self.decoders.text = true,
            // The success enum decodes its own statuses.
            Success::ByStatus(_) => {}
        }
    }
}

impl RuntimeNeeds {
    /// The dynamic variables of `operation`'s headers, query, form fields and raw body.
    fn include_dynamic(&mut self, operation: &crate::model::Operation) {
        let generated = operation
            .headers
            .iter()
            .filter(|h| h.required)
            .filter_map(|h| h.generated.as_ref())
            .chain(
                operation
                    .query
                    .iter()
                    .filter_map(|q| q.generated.as_ref()),
            )
            .chain(form_fields(&operation.body).filter_map(|f| f.generated.as_ref()));
        for value in generated {
            self.dynamic.variables.extend(value.variables());
        }
        if !operation.body_dynamic.is_empty() {
            self.dynamic
                .variables
                .extend(operation.body_dynamic.iter().copied());
            match &operation.body {
                RequestBody::Text { .. } => self.dynamic.fill_text = true,
                _ => self.dynamic.fill_json = true,
            }
        }
    }
}

/// The required text fields of a form body.
fn form_fields(body: &RequestBody) -> impl Iterator<Item = &crate::model::FormParam> {
    let fields = match body {
        RequestBody::UrlEncoded(fields) | RequestBody::Multipart(fields) => fields.as_slice(),
        _ => &[],
    };
    fields.iter().filter(|f| f.required && !f.is_file)
}

impl AuthNeeds {
    /// Some operation sends an API key, in a header or in the query.
    pub fn api_key(&self) -> bool {
        self.api_key_header || self.api_key_query
    }

    /// `Auth::None` is emitted: asked for, or no other variant is.
    pub fn emits_none(&self) -> bool {
        self.none || !(self.bearer || self.basic || self.api_key())
    }
}

impl HostNeeds {
    /// `Client::request` is emitted: some operation goes to the base URL, or none goes
    /// anywhere else (an API without operations keeps the module as it always was).
    pub fn request(&self) -> bool {
        self.default_server || (self.servers.is_empty() && !self.absolute_urls)
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
    /// The generated crate's cargo feature that turns this optional dependency on; `None` for
    /// a dependency it always has.
    pub feature: Option<&'static str>,
}

impl Dependency {
    fn new(name: &'static str, version: &'static str) -> Self {
        Dependency {
            name,
            version,
            features: Vec::new(),
            default_features: true,
            feature: None,
        }
    }
}

impl RuntimeNeeds {
    /// The crates.io dependencies the runtime needs, in a stable order.
    ///
    /// reqwest has its default features off (no native TLS, no HTTP/2 or system proxy lookup) and
    /// rustls on. serde comes with `derive`, which the generated types use.
    pub fn dependencies(&self) -> Vec<Dependency> {
        let mut features = vec!["rustls", "query"];
        if self.bodies.json {
            features.push("json");
        }
        if self.bodies.form {
            features.push("form");
        }
        if self.bodies.multipart {
            features.push("multipart");
        }
        match self.flavor {
            // `stream` lets users build a streaming `reqwest::Body` (e.g. from a `tokio::fs::File`);
            // a blocking `FilePart` streams from any `std::io::Read` without it.
            Flavor::Async if self.bodies.file_parts => features.push("stream"),
            Flavor::Async => {}
            Flavor::Blocking => features.push("blocking"),
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
            // `Error::retry_after` reads a `Retry-After` date; a small crate without
            // dependencies, maintained beside hyper.
            Dependency::new("httpdate", "1"),
        ];
        if self.flavor == Flavor::Async {
            // `ByteStream`, the body of streamed downloads: its chunks are `bytes::Bytes` and
            // it is a `futures_core::Stream`. Both are dependencies of reqwest already, so they
            // add nothing to a build.
            dependencies.push(Dependency::new("bytes", "1"));
            dependencies.push(Dependency::new("futures-core", "0.3"));
            // The wait between retries; reqwest depends on tokio with `time` already.
            dependencies.push(Dependency {
                features: vec!["time"],
                default_features: false,
                ..Dependency::new("tokio", "1")
            });
        }
        if self.path_params {
            dependencies.push(Dependency::new("percent-encoding", "2"));
        }
        if self.dynamic.random() {
            // Random values come from UUID v4 bytes: one well-known source of randomness
            // (the OS's, through getrandom) for `$guid` and the `$random…` variables alike.
            dependencies.push(Dependency {
                features: vec!["v4"],
                ..Dependency::new("uuid", "1")
            });
        }
        if self.dynamic.variables.contains(&Dynamic::IsoTimestamp) {
            // RFC 3339 in UTC with milliseconds, as Postman writes `$isoTimestamp`.
            dependencies.push(Dependency::new("humantime", "2"));
        }
        if self.pagers.any() && self.flavor == Flavor::Async {
            // The pagers' `Stream`s: `stream::unfold` and `TryStreamExt`, from the crate
            // tokio, hyper and reqwest already build on (default features off: no executor).
            dependencies.push(Dependency {
                default_features: false,
                ..Dependency::new("futures-util", "0.3")
            });
        }
        if self.bodies.file_parts {
            // Guesses a file part's content type from its file name, as curl and Postman do;
            // reqwest's `multipart` feature already builds it.
            dependencies.push(Dependency::new("mime_guess", "2"));
        }
        dependencies.extend(self.feature_dependencies());
        dependencies
    }

    /// The crates of the [`RuntimeFeature`]s: optional in a crate, plain in an `include!`
    /// file that has the feature, none otherwise.
    fn feature_dependencies(&self) -> Vec<Dependency> {
        let mut dependencies = Vec::new();
        for feature in RuntimeFeature::ALL {
            if !self.features.emits(feature) {
                continue;
            }
            let dependency = match (feature, self.flavor) {
                // Only `Span` and its macros: without `attributes`, no proc macro to build.
                (RuntimeFeature::Tracing, _) => Dependency {
                    features: vec!["std"],
                    default_features: false,
                    ..Dependency::new("tracing", "0.1")
                },
                // The maintained middleware stack for reqwest (retries, tracing, caching
                // middleware exist for it); it is async only, so the blocking client's
                // middleware is a trait of its own that needs no crate.
                (RuntimeFeature::Middleware, Flavor::Async) => {
                    Dependency::new("reqwest-middleware", "0.5")
                }
                (RuntimeFeature::Middleware, Flavor::Blocking) => continue,
            };
            dependencies.push(Dependency {
                feature: (self.features == FeatureGates::Cargo).then_some(feature.name()),
                ..dependency
            });
        }
        dependencies
    }
}
