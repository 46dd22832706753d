//! The runtime module under combinations of needs: it parses, and has exactly the parts asked for.

use super::*;
use crate::plan::hosts::ServerSetting;
use crate::plan::needs::{
    AuthNeeds, BodyNeeds, DecoderNeeds, FeatureGates, HostNeeds, PagerNeeds,
};

const FLAGS: usize = 22;

/// Two host variables, one with a URL in the collection; `type` is a keyword as a field.
fn two_servers() -> Vec<ServerSetting> {
    vec![
        ServerSetting {
            variable: "auth_url".to_owned(),
            rust_name: "auth_url".to_owned(),
            variant: "AuthUrl".to_owned(),
            default: Some("https://auth.example.com".to_owned()),
        },
        ServerSetting {
            variable: "type".to_owned(),
            rust_name: "type".to_owned(),
            variant: "Type".to_owned(),
            default: None,
        },
    ]
}

fn needs_from_bits(bits: u32, base_url: bool) -> RuntimeNeeds {
    let bit = |i: usize| bits & (1 << i) != 0;
    RuntimeNeeds {
        flavor: Flavor::Async,
        hosts: HostNeeds {
            default_base_url: base_url.then(|| "https://api.example.com/v2".to_owned()),
            default_server: bit(15),
            absolute_urls: bit(16),
            servers: if bit(18) { two_servers() } else { Vec::new() },
        },
        auth: AuthNeeds {
            bearer: bit(0),
            oauth2: false,
            basic: bit(1),
            api_key_header: bit(2),
            api_key_query: bit(3),
            none: bit(4),
            hook_kinds: if bit(17) {
                ["digest".to_owned(), "hawk".to_owned()].into()
            } else {
                Default::default()
            },
        },
        bodies: BodyNeeds {
            multipart: bit(5),
            json: bit(6),
            form: bit(7),
            file_parts: bit(14),
        },
        decoders: DecoderNeeds {
            json: bit(9),
            json_or_empty: bit(10),
            empty: bit(11),
            text: bit(12),
            bytes: bit(12),
        },
        path_params: bit(8),
        headers: bit(13),
        dynamic: Default::default(),
        oauth2: None,
        pagers: PagerNeeds {
            token: bit(19),
            body_link: bit(19),
            link_header: bit(19),
            page: bit(19),
            offset: bit(19),
            items: bit(19),
        },
        features: Default::default(),
        objects: crate::plan::types::Directions {
            serialize: bit(20),
            deserialize: bit(20),
        },
        error_enums: bit(21),
    }
}

fn auth_needs(auth: AuthNeeds) -> RuntimeNeeds {
    RuntimeNeeds {
        auth,
        ..RuntimeNeeds::default()
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
            syn::Item::Macro(m) => m.ident.as_ref().map(|name| format!("{name}!")),
            _ => None,
        })
        .collect()
}

fn blocking(needs: RuntimeNeeds) -> RuntimeNeeds {
    RuntimeNeeds {
        flavor: Flavor::Blocking,
        ..needs
    }
}

/// The items written per API parse, and the sources have the items chosen from them (which
/// `Source::items` asserts). The sources' items parse by construction; leaving them out of
/// the parse keeps this test, thousands of modules, quick.
fn parses(needs: &RuntimeNeeds) {
    if let Err(error) = syn::parse2::<syn::File>(per_api(needs)) {
        panic!("{needs:?} does not parse: {error}");
    }
    assert!(!shared(needs).is_empty());
}

/// Parses in both flavors.
fn parses_both(needs: &RuntimeNeeds) {
    parses(needs);
    parses(&blocking(needs.clone()));
}

/// Auth flags (bits 0–4) in every combination with the others all off or all on; the
/// other code flags (multipart, path_params, decoders, headers, file_parts) in every
/// combination with each auth flag alone; and the host and hook flags (15–18) in every
/// combination with each auth flag alone, the code flags all off or all on. json_body and
/// form_body (bits 6, 7) only change dependencies. Both flavors, except that the code flags
/// are parsed blocking with one auth flag only (the flavor changes none of the auth code).
#[test]
fn every_combination_parses() {
    let others = ((1u32 << FLAGS) - 1) & !0b1_1111;
    for auth in 0..(1u32 << 5) {
        for bits in [auth, auth | others] {
            for base_url in [false, true] {
                parses_both(&needs_from_bits(bits, base_url));
            }
        }
    }
    for code in 0..(1u32 << 8) {
        // multipart (5), path_params and the decoders (8–12), headers and file_parts (13, 14).
        let code_bits = (code & 1) << 5 | ((code >> 1) & 0b1_1111) << 8 | (code >> 6) << 13;
        for auth in 0..5 {
            parses(&needs_from_bits(code_bits | 1 << auth, auth % 2 == 0));
        }
        parses(&blocking(needs_from_bits(code_bits | 1, true)));
    }
    let code_bits = ((1u32 << 15) - 1) & !0b1_1111;
    for hosts in 0..(1u32 << 4) {
        for auth in 0..5 {
            for code in [0, code_bits] {
                parses_both(&needs_from_bits(hosts << 15 | code | 1 << auth, true));
            }
        }
    }
}

#[test]
fn all_on_prints() {
    let text = crate::output::unparse(&file(&all()));
    for needle in [
        "pub struct Client",
        "pub const DEFAULT_BASE_URL: &str = \"https://api.example.com/v2\"",
        "impl ::std::default::Default for Client",
        "pub fn with_bearer_token",
        "pub fn with_basic_auth",
        "pub fn with_api_key",
        "ApiKeyQuery(&'static str)",
        "pub(crate) fn join_path(",
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
        "pub(crate) fn request(",
        "pub(crate) fn request_at(",
        "pub(crate) fn request_to(",
        "pub fn with_auth_url(",
        "pub fn with_type(",
        "self.servers.r#type = ",
        "Server::Type => (&self.servers.r#type, \"type\", \"with_type\")",
        "auth_url: ::std::option::Option::Some(\n",
        "pub fn with_request_hook(",
        "with `digest`, `hawk` auth",
        "pub(crate) fn run_request_hook(",
        "::std::format_args!(\"<hook>\")",
        "http: ::reqwest::Client,",
        "pub(crate) fn send<",
        "pub(crate) async fn receive(",
        "pub struct Pending<'a, T, E>",
        "FilePart::new(FileContent::Stream",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn blocking_is_reqwest_blocking_without_async() {
    let text = crate::output::unparse(&file(&blocking(all())));
    for needle in [
        "http: ::reqwest::blocking::Client,",
        "::reqwest::blocking::Client::builder()",
        "pub(crate) fn send<",
        "let result = self.execute(http, request);",
        "http.execute(request).map_err(transport)",
        "::std::thread::sleep(wait);",
        "response.bytes().map_err(transport)?",
        ".timeout(::std::option::Option::None)",
        "impl ::std::io::Read for ByteStream",
        "-> ::std::result::Result<::reqwest::blocking::RequestBuilder, Error<E>>",
        "pub fn reader(reader: impl ::std::io::Read",
        "::reqwest::blocking::multipart::Part::reader_with_length(reader, length)",
        "hook: impl ::std::ops::Fn(\n            ::reqwest::blocking::RequestBuilder,",
        "reqwest's blocking client runs",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    for absent in [
        "async fn",
        ".await",
        "::reqwest::Client",
        "::reqwest::RequestBuilder",
        "::reqwest::Body",
        "::reqwest::multipart",
        "::bytes::",
        "::futures_core::",
        "::tokio::",
    ] {
        assert!(!text.contains(absent), "{absent:?} in:\n{text}");
    }
}

#[test]
fn request_helpers_follow_where_operations_go() {
    let only_hosts = RuntimeNeeds {
        hosts: HostNeeds {
            servers: two_servers(),
            ..HostNeeds::default()
        },
        ..RuntimeNeeds::default()
    };
    let text = runtime_module(&only_hosts).to_string();
    assert!(text.contains("fn request_to"), "{text}");
    assert!(text.contains("fn request_at"), "{text}");
    // No operation goes to the base URL, so `request` would be dead code.
    assert!(!text.contains("fn request ("), "{text}");

    let only_absolute = RuntimeNeeds {
        hosts: HostNeeds {
            absolute_urls: true,
            ..HostNeeds::default()
        },
        ..RuntimeNeeds::default()
    };
    let text = runtime_module(&only_absolute).to_string();
    assert!(!text.contains("fn request ("), "{text}");
    assert!(!text.contains("request_to"), "{text}");
    assert!(!text.contains("Servers"), "{text}");

    let mut both = only_hosts;
    both.hosts.default_server = true;
    assert!(runtime_module(&both).to_string().contains("fn request ("));
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
        "Undocumented",
        "Response",
        "CustomRequest",
        "Credential",
        "DefaultHeaders",
        "Decoder",
        // What custom requests use.
        "json",
        "text",
        "bytes",
        "checked_header",
        "sensitive_header",
        "header_name",
    ] {
        assert!(
            names.contains(&name.to_owned()),
            "{name} missing from {names:?}"
        );
    }
    for name in [
        "FilePart",
        "segment",
        "json_or_empty",
        "empty",
        "SEGMENT",
        "header",
    ] {
        assert!(
            !names.contains(&name.to_owned()),
            "{name} emitted without need"
        );
    }
    let text = runtime_module(&RuntimeNeeds::default()).to_string();
    assert!(!text.contains("DEFAULT_BASE_URL"));
    assert!(!text.contains("with_api_key"));
    assert!(!text.contains("percent_encoding"));
    assert!(!text.contains("mime_guess"));
    assert!(!text.contains("Servers"));
    assert!(!text.contains("request_to"));
    assert!(!text.contains("request_hook"));
    assert!(!text.contains("RequestHook"));
    // Every client has these, whatever its collection declares.
    for setter in [
        "fn with_bearer_token",
        "fn set_bearer_token",
        "fn with_basic_auth",
        "fn set_basic_auth",
        "fn with_header",
        "fn custom_request",
    ] {
        assert!(text.contains(setter), "{setter}");
    }
    // An API without operations still has `request`, as it always had.
    assert!(text.contains("fn request ("));
    // Without any auth flag, `Auth::None` keeps the enum inhabited.
    assert_eq!(auth_variants(&RuntimeNeeds::default()), ["None"]);
}

/// An operation without auth of its own sends the credentials of the kinds no operation
/// declares: the bearer token first, then basic credentials.
#[test]
fn operations_without_auth_send_only_undeclared_credentials() {
    let module = |bearer, basic| {
        let needs = auth_needs(AuthNeeds {
            none: true,
            bearer,
            basic,
            ..AuthNeeds::default()
        });
        runtime_module(&needs).to_string()
    };
    let arms = [
        (
            false,
            false,
            "Auth :: None => with_bearer_or_basic (request ,",
        ),
        (
            false,
            true,
            "Auth :: None => with_bearer (request , & self . bearer_token) ? ,",
        ),
        (
            true,
            false,
            "Auth :: None => with_basic (request , & self . basic_auth) ,",
        ),
        (true, true, "Auth :: None => request ,"),
    ];
    for (bearer, basic, arm) in arms {
        let text = module(bearer, basic);
        assert!(text.contains(arm), "{arm} not in {text}");
    }
}

#[test]
fn auth_variants_follow_needs() {
    let needs = auth_needs(AuthNeeds {
        bearer: true,
        ..AuthNeeds::default()
    });
    assert_eq!(auth_variants(&needs), ["Bearer"]);
    let text = runtime_module(&needs).to_string();
    assert!(!text.contains("ApiKey"));
    assert!(!text.contains("Auth :: Basic"));

    let needs = auth_needs(AuthNeeds {
        api_key_header: true,
        api_key_query: true,
        ..AuthNeeds::default()
    });
    assert_eq!(auth_variants(&needs), ["ApiKeyHeader", "ApiKeyQuery"]);
    let text = prettyplease::unparse(&file(&needs));
    assert_eq!(text.matches("pub fn with_api_key").count(), 1, "{text}");
    assert!(!text.contains("Auth::None"));

    let needs = auth_needs(AuthNeeds {
        none: true,
        basic: true,
        ..AuthNeeds::default()
    });
    assert_eq!(auth_variants(&needs), ["None", "Basic"]);
}

#[test]
fn dependencies_follow_needs() {
    let minimal = RuntimeNeeds::default().dependencies();
    let names: Vec<_> = minimal.iter().map(|d| d.name).collect();
    assert_eq!(
        names,
        [
            "reqwest",
            "serde",
            "serde_json",
            "httpdate",
            "bytes",
            "futures-core",
            "tokio",
            "reqwest-middleware",
            "tracing"
        ]
    );
    assert_eq!(minimal[0].features, ["rustls", "query"]);
    assert!(!minimal[0].default_features);
    // In a crate, the optional features' crates are optional, each behind its feature.
    let optional: Vec<_> = minimal.iter().map(|d| (d.name, d.feature)).collect();
    assert_eq!(optional[..6], minimal[..6].iter().map(|d| (d.name, None)).collect::<Vec<_>>()[..]);
    assert_eq!(
        optional[7..],
        [
            ("reqwest-middleware", Some("middleware")),
            ("tracing", Some("tracing"))
        ]
    );

    let full = all().dependencies();
    let names: Vec<_> = full.iter().map(|d| d.name).collect();
    assert_eq!(
        names,
        [
            "reqwest",
            "serde",
            "serde_json",
            "httpdate",
            "bytes",
            "futures-core",
            "tokio",
            "percent-encoding",
            "futures-util",
            "mime_guess",
            "reqwest-middleware",
            "tracing"
        ]
    );
    assert_eq!(
        full[0].features,
        ["rustls", "query", "json", "form", "multipart", "stream"]
    );

    // A blocking `FilePart` reads a `std::io::Read`: no `stream`.
    let blocking = blocking(all()).dependencies();
    assert_eq!(
        blocking[0].features,
        ["rustls", "query", "json", "form", "multipart", "blocking"]
    );
    // `ByteStream` is a `std::io::Read` there, retries wait with `std::thread::sleep` and pagers
    // are `Iterator`s: no `bytes`, `futures-core`, `tokio` or `futures-util`; its middleware is
    // a trait of its own: no `reqwest-middleware`.
    assert_eq!(blocking.len(), full.len() - 5);
    assert!(!blocking.iter().any(|d| d.name == "futures-util"));
    assert!(!blocking.iter().any(|d| d.name == "reqwest-middleware"));
}

/// In a file for `include!`, the optional features' crates are plain dependencies when the
/// feature is on, and absent when it is off.
#[test]
fn include_file_dependencies_follow_the_features_asked_for() {
    let with = |tracing, middleware, flavor| {
        let needs = RuntimeNeeds {
            features: FeatureGates::Resolved {
                tracing,
                middleware,
            },
            flavor,
            ..RuntimeNeeds::default()
        };
        let dependencies = needs.dependencies();
        assert!(dependencies.iter().all(|d| d.feature.is_none()));
        dependencies
            .iter()
            .map(|d| d.name)
            .filter(|name| ["tracing", "reqwest-middleware"].contains(name))
            .collect::<Vec<_>>()
    };
    assert!(with(false, false, Flavor::Async).is_empty());
    assert_eq!(with(true, false, Flavor::Async), ["tracing"]);
    assert_eq!(with(false, true, Flavor::Async), ["reqwest-middleware"]);
    assert!(with(false, true, Flavor::Blocking).is_empty());
}

/// Snapshot, as `snapshots/{name}.snap`, what the runtime for `needs` is made of: the names of
/// its items (which parts were chosen), then the items written per API (`Client` and its
/// settings, `Auth`, hosts, the request hook). The items of the Rust sources are left out: they
/// are compiled and tested as they are, in `tests/runtime-sources`.
fn snapshot(name: &str, needs: &RuntimeNeeds) {
    let file = file(needs);
    let per_api = ["Client", "Auth", "Servers", "Server", "RequestHook"];
    let items = file
        .items
        .iter()
        .filter(|item| {
            let name = match item {
                syn::Item::Impl(block) => match &*block.self_ty {
                    syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
                    _ => None,
                },
                _ => item_names(&single(item)).pop(),
            };
            name.is_some_and(|name| per_api.contains(&name.as_str()))
        })
        .cloned()
        .collect();
    let text = format!(
        "items: {}\n\n{}",
        item_names(&file).join(", "),
        prettyplease::unparse(&syn::File { items, ..file })
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// A file of `item` alone.
fn single(item: &syn::Item) -> syn::File {
    let mut file: syn::File = syn::parse_quote!();
    file.items.push(item.clone());
    file
}

/// A typical small API: bearer auth, JSON in and out, path parameters, a base URL.
fn small_api() -> RuntimeNeeds {
    RuntimeNeeds {
        hosts: HostNeeds {
            default_base_url: Some("https://api.example.com/v1".to_owned()),
            default_server: true,
            ..HostNeeds::default()
        },
        auth: AuthNeeds {
            bearer: true,
            ..AuthNeeds::default()
        },
        bodies: BodyNeeds {
            json: true,
            ..BodyNeeds::default()
        },
        decoders: DecoderNeeds {
            json: true,
            empty: true,
            ..DecoderNeeds::default()
        },
        path_params: true,
        ..RuntimeNeeds::default()
    }
}

#[test]
fn snapshot_minimal() {
    snapshot("runtime_minimal", &RuntimeNeeds::default());
}

#[test]
fn snapshot_small_api() {
    snapshot("runtime_small_api", &small_api());
}

#[test]
fn snapshot_everything_async() {
    snapshot("runtime_everything_async", &all());
}

#[test]
fn snapshot_everything_blocking() {
    snapshot("runtime_everything_blocking", &blocking(all()));
}

/// An API key in the query and header arguments, blocking: `transport` hides the query, and
/// `header` takes the blocking request builder.
#[test]
fn snapshot_api_key_query_and_headers_blocking() {
    let needs = RuntimeNeeds {
        auth: AuthNeeds {
            api_key_query: true,
            ..AuthNeeds::default()
        },
        headers: true,
        decoders: DecoderNeeds {
            text: true,
            ..DecoderNeeds::default()
        },
        ..blocking(RuntimeNeeds::default())
    };
    snapshot("runtime_api_key_query_and_headers_blocking", &needs);
}

/// The conventions of the Rust sources (`http::`, flavor gates, `use`, tests, rustfmt) never
/// reach a generated crate.
#[test]
fn source_conventions_do_not_leak() {
    let resolved = |needs: RuntimeNeeds, on| RuntimeNeeds {
        features: FeatureGates::Resolved {
            tracing: on,
            middleware: on,
        },
        ..needs
    };
    for needs in [
        all(),
        blocking(all()),
        resolved(all(), true),
        resolved(blocking(all()), false),
    ] {
        let mut text = prettyplease::unparse(&file(&needs));
        if needs.features == FeatureGates::Cargo {
            // The optional features' gates are the crate's own.
            for gate in ["tracing", "middleware"] {
                text = text
                    .replace(&format!("cfg(feature = \"{gate}\")"), "")
                    .replace(&format!("cfg(not(feature = \"{gate}\"))"), "");
            }
        }
        for leak in [
            "http::",
            "cfg(",
            "rustfmt",
            "use super",
            "mod tests",
            "#[test]",
        ] {
            assert!(!text.contains(leak), "{leak:?} in:\n{text}");
        }
    }
}

/// An API whose operations use OAuth2: the token cache, grants and `with_oauth2`, in both
/// flavors; without OAuth2 none of it.
#[test]
fn oauth2_parts_come_with_oauth2_alone() {
    use crate::model::{OAuth2Flow, Server, TokenUrl};
    let flow = OAuth2Flow {
        grant: "client_credentials".to_owned(),
        token_url: TokenUrl::Item {
            server: Server::Default,
            path: "/oauth/token".to_owned(),
        },
        refresh_url: None,
        scope: Some("read".to_owned()),
        client_secret_in_body: false,
        source: "the collection's oauth2 auth".to_owned(),
    };
    let needs = RuntimeNeeds {
        auth: AuthNeeds {
            bearer: true,
            oauth2: true,
            ..AuthNeeds::default()
        },
        oauth2: Some(flow),
        ..RuntimeNeeds::default()
    };
    for needs in [needs.clone(), blocking(needs)] {
        let names = item_names(&file(&needs));
        for name in ["Tokens", "TokenProvider", "OAuth2", "AccessToken", "OAuth2Defaults"] {
            assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        }
        assert!(runtime_module(&needs).to_string().contains("fn with_oauth2"));
    }
    let names = item_names(&file(&all()));
    assert!(!names.iter().any(|n| n == "Tokens" || n == "OAuth2"), "{names:?}");
}
