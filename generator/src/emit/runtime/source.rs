//! The parts of the runtime that are the same for every API, kept as ordinary Rust files in
//! `rust/` (compiled, linted and unit-tested as the crate `tests/runtime-sources`) and turned
//! into tokens here: embedded with `include_str!`, parsed with `syn`, and emitted item by item,
//! so a generated crate carries only the items its operations use.
//!
//! Three conventions let one file serve both flavors of client and build on its own:
//! - `http::…` is the flavor's reqwest API: emitted as `::reqwest::…` for the async client and
//!   `::reqwest::blocking::…` for the blocking one.
//! - `#[cfg(feature = "blocking")]` and `#[cfg(not(feature = "blocking"))]` on an item, a method,
//!   an enum variant, a field or a match arm keep it for one flavor only; the attribute itself is
//!   not emitted.
//! - `#[cfg(feature = "tracing")]`, `#[cfg(feature = "middleware")]` and their `not(…)` are the
//!   generated crate's optional features ([`RuntimeFeature`]): emitted as written in a crate,
//!   resolved (the node kept or dropped, the attribute not emitted) in a file for `include!`.
//! - Private `use` items (the wiring of the standalone build), `#[cfg(test)]` items and
//!   `#[rustfmt::skip]` are not emitted; a `pub(crate) use` (a macro made reachable by path,
//!   `crate::runtime::by_key!`) is.

use std::cell::RefCell;
use std::sync::OnceLock;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens as _;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};

use super::Flavor;
use crate::plan::needs::{FeatureGates, RuntimeFeature};

/// The runtime's Rust sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SourceFile {
    /// `Error<E>`, `ErrorBody`, `DocumentedError`, `ApiError`, `Undocumented`.
    Error,
    /// `Response<T>`.
    Response,
    /// `Decoder<T>` and the success decoders.
    Decode,
    /// `path_of!`, a path with its parameters encoded.
    Path,
    /// `header`, `checked_header`, `sensitive_header`, `header_name`.
    Header,
    /// `Client::send`, `Client::send_stream` and `Client::transmit`, with their helpers.
    Send,
    /// `Pending` and `PendingStream`, the futures of the async client's calls.
    Pending,
    /// `Client::custom_request` and `CustomRequest`.
    Custom,
    /// `Credential<T>` and the helpers that add the bearer token and basic credentials.
    Credential,
    /// `DefaultHeaders`.
    Defaults,
    /// `FilePart`.
    FilePart,
    /// `AccessToken`, `TokenProvider`, the token cache and `Client::send_authorized`.
    OAuth2,
    /// `OAuth2` and its grants.
    Grants,
    /// `CallOptions` and `Client::with_options`.
    Options,
    /// `ByteStream`.
    Stream,
    /// `RetryPolicy` and `Client::with_retry`.
    Retry,
    /// The pagers: `pages`, `items`, `Cursor` and the ways to advance one.
    Pages,
    /// `Trace`, the `tracing` span of a call.
    Trace,
    /// `Client::execute`, with or without middleware, and the blocking client's `Middleware`.
    Middleware,
    /// `Object`, the key-by-key decoding of structs whose fields are all `Option`.
    Object,
    /// `Fields`, the key-by-key encoding of such structs.
    Fields,
    /// `by_key!`, the impls of `Object` and `Fields` of a struct, from its list of fields.
    ByKey,
    /// `api_error!`, what an error enum's impls and table are written with.
    ApiError,
}

impl SourceFile {
    /// Every source file.
    const ALL: [SourceFile; 23] = [
        SourceFile::Error,
        SourceFile::Response,
        SourceFile::Decode,
        SourceFile::Path,
        SourceFile::Header,
        SourceFile::Send,
        SourceFile::Pending,
        SourceFile::Custom,
        SourceFile::Credential,
        SourceFile::Defaults,
        SourceFile::FilePart,
        SourceFile::OAuth2,
        SourceFile::Grants,
        SourceFile::Options,
        SourceFile::Stream,
        SourceFile::Retry,
        SourceFile::Pages,
        SourceFile::Trace,
        SourceFile::Middleware,
        SourceFile::Object,
        SourceFile::Fields,
        SourceFile::ByKey,
        SourceFile::ApiError,
    ];

    fn text(self) -> &'static str {
        match self {
            SourceFile::Error => include_str!("rust/error.rs"),
            SourceFile::Response => include_str!("rust/response.rs"),
            SourceFile::Decode => include_str!("rust/decode.rs"),
            SourceFile::Path => include_str!("rust/path.rs"),
            SourceFile::Header => include_str!("rust/header.rs"),
            SourceFile::Send => include_str!("rust/send.rs"),
            SourceFile::Pending => include_str!("rust/pending.rs"),
            SourceFile::Custom => include_str!("rust/custom.rs"),
            SourceFile::Credential => include_str!("rust/credential.rs"),
            SourceFile::Defaults => include_str!("rust/defaults.rs"),
            SourceFile::FilePart => include_str!("rust/file_part.rs"),
            SourceFile::OAuth2 => include_str!("rust/oauth2.rs"),
            SourceFile::Grants => include_str!("rust/grants.rs"),
            SourceFile::Options => include_str!("rust/options.rs"),
            SourceFile::Stream => include_str!("rust/stream.rs"),
            SourceFile::Retry => include_str!("rust/retry.rs"),
            SourceFile::Pages => include_str!("rust/pages.rs"),
            SourceFile::Trace => include_str!("rust/trace.rs"),
            SourceFile::Middleware => include_str!("rust/middleware.rs"),
            SourceFile::Object => include_str!("rust/object.rs"),
            SourceFile::Fields => include_str!("rust/fields.rs"),
            SourceFile::ByKey => include_str!("rust/by_key.rs"),
            SourceFile::ApiError => include_str!("rust/api_error.rs"),
        }
    }
}

/// The source text of the runtime's `macro_rules!` that `first_line` starts
/// (`macro_rules! by_key {`, indentation left out), as `runtime/rust/` writes it: from that line
/// to the `}` that closes it at the start of a line.
///
/// prettyplease prints a macro's rules as one stream of tokens filled to the margin, so the
/// output prints these from their source instead ([`crate::output::unparse`]).
pub(crate) fn written_macro(first_line: &str) -> Option<&'static str> {
    let name = macro_name(first_line)?;
    macro_definitions()
        .iter()
        .find_map(|(defined, text)| (defined == name).then_some(text.as_str()))
}

/// `name` of a line `macro_rules! name {`.
fn macro_name(line: &str) -> Option<&str> {
    line.strip_prefix("macro_rules! ")?.strip_suffix(" {")
}

/// Every `macro_rules!` of the runtime sources: its name and its source text.
fn macro_definitions() -> &'static [(String, String)] {
    static DEFINITIONS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    DEFINITIONS.get_or_init(|| {
        let mut found = Vec::new();
        for file in SourceFile::ALL {
            let mut lines = file.text().lines();
            while let Some(line) = lines.next() {
                let Some(name) = macro_name(line) else { continue };
                let mut text = format!("{line}\n");
                for line in lines.by_ref() {
                    text.push_str(line);
                    text.push('\n');
                    if line == "}" {
                        break;
                    }
                }
                found.push((name.to_owned(), text));
            }
        }
        found
    })
}

/// One source file's items, for one flavor of client, each with the name it is selected by.
/// Kept as tokens: cloning them shares them rather than copying a syntax tree.
#[derive(Clone)]
pub(super) struct Source {
    items: Vec<(Option<String>, TokenStream)>,
}

impl Source {
    /// The items of `file` for `flavor`, with the optional features as `features` says.
    pub(super) fn new(file: SourceFile, flavor: Flavor, features: FeatureGates) -> Source {
        type Key = (SourceFile, Flavor, FeatureGates);
        // Parsed once per thread: a run emits one runtime, but the tests emit thousands.
        thread_local! {
            static PARSED: RefCell<Vec<(Key, Source)>> = const { RefCell::new(Vec::new()) };
        }
        let key = (file, flavor, features);
        PARSED.with_borrow_mut(|parsed| {
            if let Some((_, source)) = parsed.iter().find(|(found, _)| *found == key) {
                return source.clone();
            }
            let source = Source::parse(file.text(), flavor, features);
            parsed.push((key, source.clone()));
            source
        })
    }

    fn parse(text: &str, flavor: Flavor, features: FeatureGates) -> Source {
        // The sources are part of this crate and parsed by its tests: failing here is a bug in
        // the generator, not something its input can cause.
        let mut file = syn::parse_file(text).expect("the runtime sources parse");
        Flavored { flavor, features }.visit_file_mut(&mut file);
        let items = file
            .items
            .into_iter()
            .filter(|item| !is_wiring(item) && !is_test(item))
            .map(|item| (name(&item), item.into_token_stream()))
            .collect();
        Source { items }
    }

    /// The items named `names` in the order of the file; a type comes with its `impl` blocks.
    pub(super) fn items(&self, names: &[&str]) -> TokenStream {
        debug_assert!(
            names
                .iter()
                .all(|wanted| self.names().any(|name| name == *wanted)),
            "{names:?} not all in {:?}",
            self.names().collect::<Vec<_>>()
        );
        let mut tokens = TokenStream::new();
        for (name, item) in &self.items {
            if name.as_deref().is_some_and(|name| names.contains(&name)) {
                tokens.extend(item.clone());
            }
        }
        tokens
    }

    /// Every item of the file.
    pub(super) fn all(&self) -> TokenStream {
        let mut tokens = TokenStream::new();
        for (_, item) in &self.items {
            tokens.extend(item.clone());
        }
        tokens
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|(name, _)| name.as_deref())
    }
}

/// The name an item is selected by: its own; for an `impl` block, its trait's or its type's;
/// for the `use` that makes a macro reachable by path, the macro's.
fn name(item: &syn::Item) -> Option<String> {
    let ident = match item {
        syn::Item::Macro(item) => item.ident.as_ref()?,
        syn::Item::Use(item) => match &item.tree {
            syn::UseTree::Name(name) => &name.ident,
            _ => return None,
        },
        syn::Item::Const(item) => &item.ident,
        syn::Item::Enum(item) => &item.ident,
        syn::Item::Fn(item) => &item.sig.ident,
        syn::Item::Static(item) => &item.ident,
        syn::Item::Struct(item) => &item.ident,
        syn::Item::Trait(item) => &item.ident,
        syn::Item::Type(item) => &item.ident,
        // A trait's impls come with the trait; an inherent impl with its type.
        syn::Item::Impl(item) => match (&item.trait_, &*item.self_ty) {
            (Some((path, _)), _) => &path.segments.last()?.ident,
            (None, syn::Type::Path(path)) => &path.path.segments.last()?.ident,
            _ => return None,
        },
        _ => return None,
    };
    Some(ident.to_string())
}

/// A private `use`: how the standalone build wires the files together.
fn is_wiring(item: &syn::Item) -> bool {
    matches!(item, syn::Item::Use(item) if matches!(item.vis, syn::Visibility::Inherited))
}

/// `#[cfg(test)]`: the sources' own unit tests.
fn is_test(item: &syn::Item) -> bool {
    let attrs = match item {
        syn::Item::Mod(item) => &item.attrs,
        syn::Item::Fn(item) => &item.attrs,
        _ => return false,
    };
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

/// Applies the flavor and feature conventions of the module docs to a parsed source.
struct Flavored {
    flavor: Flavor,
    features: FeatureGates,
}

impl Flavored {
    /// Whether a node with `attrs` belongs to this flavor and, in a file for `include!`, to
    /// the features it has; its flavor gate, resolved feature gates and formatter attributes
    /// are removed when it does.
    fn keep(&self, attrs: &mut Vec<syn::Attribute>) -> bool {
        if attrs.iter().filter_map(gate).any(|flavor| flavor != self.flavor) {
            return false;
        }
        let resolved = self.features != FeatureGates::Cargo;
        if resolved
            && attrs
                .iter()
                .filter_map(feature_gate)
                .any(|(feature, on)| self.features.emits(feature) != on)
        {
            return false;
        }
        attrs.retain(|attr| {
            gate(attr).is_none()
                && !(resolved && feature_gate(attr).is_some())
                && !is_rustfmt(attr)
        });
        true
    }
}

impl VisitMut for Flavored {
    fn visit_file_mut(&mut self, file: &mut syn::File) {
        file.items.retain_mut(|item| match item_attrs(item) {
            Some(attrs) => self.keep(attrs),
            None => true,
        });
        visit_mut::visit_file_mut(self, file);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        item.items.retain_mut(|member| match member {
            syn::ImplItem::Fn(member) => self.keep(&mut member.attrs),
            syn::ImplItem::Const(member) => self.keep(&mut member.attrs),
            syn::ImplItem::Type(member) => self.keep(&mut member.attrs),
            _ => true,
        });
        visit_mut::visit_item_impl_mut(self, item);
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        item.variants = retain(std::mem::take(&mut item.variants), |variant| {
            self.keep(&mut variant.attrs)
        });
        visit_mut::visit_item_enum_mut(self, item);
    }

    fn visit_fields_named_mut(&mut self, fields: &mut syn::FieldsNamed) {
        fields.named = retain(std::mem::take(&mut fields.named), |field| {
            self.keep(&mut field.attrs)
        });
        visit_mut::visit_fields_named_mut(self, fields);
    }

    fn visit_expr_match_mut(&mut self, expr: &mut syn::ExprMatch) {
        expr.arms.retain_mut(|arm| self.keep(&mut arm.attrs));
        visit_mut::visit_expr_match_mut(self, expr);
    }

    /// `http::X` → `::reqwest::X` or `::reqwest::blocking::X`.
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let is_http = path.leading_colon.is_none()
            && path.segments.len() > 1
            && path.segments[0].ident == "http";
        if is_http {
            let mut segments = Punctuated::new();
            segments.push(syn::PathSegment::from(syn::Ident::new(
                "reqwest",
                Span::call_site(),
            )));
            if self.flavor == Flavor::Blocking {
                segments.push(syn::PathSegment::from(syn::Ident::new(
                    "blocking",
                    Span::call_site(),
                )));
            }
            segments.extend(std::mem::take(&mut path.segments).into_iter().skip(1));
            path.leading_colon = Some(Default::default());
            path.segments = segments;
        }
        visit_mut::visit_path_mut(self, path);
    }
}

/// The elements of `list` for which `keep` holds.
fn retain<T, P: Default>(
    list: Punctuated<T, P>,
    mut keep: impl FnMut(&mut T) -> bool,
) -> Punctuated<T, P> {
    list.into_iter()
        .filter_map(|mut element| keep(&mut element).then_some(element))
        .collect()
}

/// The flavor a `#[cfg(feature = "blocking")]` or `#[cfg(not(feature = "blocking"))]` keeps a
/// node for; `None` for any other attribute.
fn gate(attr: &syn::Attribute) -> Option<Flavor> {
    if !attr.path().is_ident("cfg") {
        return None;
    }
    let meta: syn::Meta = attr.parse_args().ok()?;
    if is_blocking_feature(&meta) {
        return Some(Flavor::Blocking);
    }
    match meta {
        syn::Meta::List(list) if list.path.is_ident("not") => {
            let inner: syn::Meta = list.parse_args().ok()?;
            is_blocking_feature(&inner).then_some(Flavor::Async)
        }
        _ => None,
    }
}

/// `feature = "blocking"`.
fn is_blocking_feature(meta: &syn::Meta) -> bool {
    feature_name(meta).is_some_and(|name| name == "blocking")
}

/// The optional feature a `#[cfg(feature = "…")]` (`true`) or `#[cfg(not(feature = "…"))]`
/// (`false`) names; `None` for any other attribute.
fn feature_gate(attr: &syn::Attribute) -> Option<(RuntimeFeature, bool)> {
    if !attr.path().is_ident("cfg") {
        return None;
    }
    let meta: syn::Meta = attr.parse_args().ok()?;
    let (meta, on) = match meta {
        syn::Meta::List(list) if list.path.is_ident("not") => (list.parse_args().ok()?, false),
        meta => (meta, true),
    };
    let name = feature_name(&meta)?;
    let feature = RuntimeFeature::ALL
        .into_iter()
        .find(|feature| feature.name() == name)?;
    Some((feature, on))
}

/// The name in `feature = "…"`.
fn feature_name(meta: &syn::Meta) -> Option<String> {
    match meta {
        syn::Meta::NameValue(pair) if pair.path.is_ident("feature") => match &pair.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(value),
                ..
            }) => Some(value.value()),
            _ => None,
        },
        _ => None,
    }
}

/// `#[rustfmt::skip]`, which keeps the formatter off a source item whose tokens it would change.
fn is_rustfmt(attr: &syn::Attribute) -> bool {
    attr.path()
        .segments
        .first()
        .is_some_and(|segment| segment.ident == "rustfmt")
}

/// The attributes of the items a source may gate.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Const(item) => Some(&mut item.attrs),
        syn::Item::Enum(item) => Some(&mut item.attrs),
        syn::Item::Fn(item) => Some(&mut item.attrs),
        syn::Item::Impl(item) => Some(&mut item.attrs),
        syn::Item::Static(item) => Some(&mut item.attrs),
        syn::Item::Struct(item) => Some(&mut item.attrs),
        syn::Item::Trait(item) => Some(&mut item.attrs),
        syn::Item::Type(item) => Some(&mut item.attrs),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GATED: &str = r#"
        use super::*;

        /// Both.
        pub fn both(body: http::Body) -> ::reqwest::Method { todo() }

        #[cfg(feature = "blocking")]
        fn only_blocking() {}

        #[cfg(not(feature = "blocking"))]
        fn only_async() {}

        enum Content {
            Bytes,
            #[cfg(feature = "blocking")]
            Reader,
        }

        impl Content {
            #[cfg(not(feature = "blocking"))]
            #[rustfmt::skip]
            fn stream() {}
            fn len(&self) -> usize {
                match self {
                    Content::Bytes => 0,
                    #[cfg(feature = "blocking")]
                    Content::Reader => 1,
                }
            }
        }

        #[cfg(feature = "tracing")]
        fn traced() {}

        #[cfg(not(feature = "tracing"))]
        fn untraced() {}

        #[cfg(test)]
        mod tests {}
    "#;

    fn text(flavor: Flavor, names: Option<&[&str]>) -> String {
        featured(flavor, FeatureGates::Cargo, names)
    }

    fn featured(flavor: Flavor, features: FeatureGates, names: Option<&[&str]>) -> String {
        let source = Source::parse(GATED, flavor, features);
        let tokens = match names {
            Some(names) => source.items(names),
            None => source.all(),
        };
        tokens.to_string()
    }

    #[test]
    fn gates_keep_their_flavor_and_disappear() {
        let blocking = text(Flavor::Blocking, None);
        assert!(blocking.contains("fn only_blocking"), "{blocking}");
        assert!(blocking.contains("Reader"), "{blocking}");
        assert!(blocking.contains("Content :: Reader => 1"), "{blocking}");
        assert!(!blocking.contains("only_async"), "{blocking}");
        assert!(!blocking.contains("fn stream"), "{blocking}");

        let asynchronous = text(Flavor::Async, None);
        assert!(asynchronous.contains("fn only_async"), "{asynchronous}");
        assert!(asynchronous.contains("fn stream"), "{asynchronous}");
        assert!(!asynchronous.contains("Reader"), "{asynchronous}");
        for text in [blocking, asynchronous] {
            for gone in [r#"feature = "blocking""#, "rustfmt", "use super", "mod tests"] {
                assert!(!text.contains(gone), "{gone} in {text}");
            }
        }
    }

    #[test]
    fn feature_gates_stay_in_a_crate_and_are_resolved_in_an_include_file() {
        let crate_text = featured(Flavor::Async, FeatureGates::Cargo, None);
        assert!(
            crate_text.contains(r#"# [cfg (feature = "tracing")] fn traced"#),
            "{crate_text}"
        );
        assert!(
            crate_text.contains(r#"# [cfg (not (feature = "tracing"))] fn untraced"#),
            "{crate_text}"
        );
        for (tracing, kept, dropped) in [(true, "traced", "untraced"), (false, "untraced", "traced")]
        {
            let features = FeatureGates::Resolved {
                tracing,
                middleware: false,
            };
            let text = featured(Flavor::Async, features, None);
            assert!(text.contains(&format!("fn {kept} ")), "{text}");
            assert!(!text.contains(&format!("fn {dropped} ")), "{text}");
            assert!(!text.contains("cfg"), "{text}");
        }
    }

    #[test]
    fn http_is_the_flavor_s_reqwest() {
        let asynchronous = text(Flavor::Async, Some(&["both"]));
        assert!(
            asynchronous.contains("body : :: reqwest :: Body"),
            "{asynchronous}"
        );
        let blocking = text(Flavor::Blocking, Some(&["both"]));
        assert!(
            blocking.contains("body : :: reqwest :: blocking :: Body"),
            "{blocking}"
        );
        // Paths that name reqwest already are left as written.
        assert!(blocking.contains("-> :: reqwest :: Method"), "{blocking}");
    }

    #[test]
    fn items_are_selected_by_name_with_their_impls_in_file_order() {
        let text = text(Flavor::Async, Some(&["Content", "both"]));
        let both = text.find("fn both").expect("both");
        let content = text.find("enum Content").expect("Content");
        let imp = text.find("impl Content").expect("its impl");
        assert!(both < content && content < imp, "{text}");
        assert!(!text.contains("only_async"), "{text}");
    }

    /// Every `macro_rules!` of the sources has its written text, which parses to the same
    /// item: one the scan missed would be printed as a flow of tokens.
    #[test]
    fn every_macro_of_the_sources_is_found_as_written() {
        let definitions = macro_definitions();
        let mut names = Vec::new();
        for file in SourceFile::ALL {
            for item in syn::parse_file(file.text()).unwrap().items {
                let syn::Item::Macro(item) = item else { continue };
                let Some(name) = item.ident.as_ref().map(ToString::to_string) else {
                    continue;
                };
                let written = written_macro(&format!("macro_rules! {name} {{"))
                    .unwrap_or_else(|| panic!("{name} not found"));
                let parsed: syn::ItemMacro = syn::parse_str(written).unwrap();
                assert_eq!(parsed.mac.tokens.to_string(), item.mac.tokens.to_string());
                names.push(name);
            }
        }
        assert_eq!(names, ["path_of", "by_key", "api_error"]);
        assert_eq!(definitions.len(), names.len());
    }
}
