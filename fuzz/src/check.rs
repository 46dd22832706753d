//! What every fuzz input must satisfy: load → model → emit → output never panics, never produces
//! code that does not parse, and never produces a crate that could write outside its folder or
//! that has names the compiler would reject as duplicates.
//!
//! Compiled into the fuzz targets and, with `#[path]`, into the generator's tests (the corpus
//! replay and the property test), so a finding is checked the same way everywhere.

use std::collections::BTreeSet;
use std::path::{Component, Path};

use postman_codegen::output::{Files, crate_files, single_file};
use postman_codegen::overrides::Overrides;
use std::borrow::Cow;

use postman_codegen::{Error, default_crate_name, emit, load, model, plan};

/// The file name diagnostics use for fuzz inputs.
pub const INPUT_NAME: &str = "fuzz.postman_collection.json";

/// What a successful run produces.
pub struct Output {
    /// The files of the crate.
    pub files: Files,
    /// The single-file form, for `include!`.
    pub single: String,
}

/// Runs the whole pipeline on the bytes of a collection file.
pub fn generate(data: &[u8]) -> Result<Output, Error> {
    let (collection, _warnings) = load::load_bytes(data, Path::new(INPUT_NAME))?;
    let (api, _warnings) = model::build(&collection, &Overrides::default());
    let plan = plan::plan(Cow::Borrowed(&api), &plan::Options::default());
    let code = emit::emit(plan);
    let files = crate_files(&code, &default_crate_name(&api.name), INPUT_NAME)?;
    let single = single_file(&code, INPUT_NAME)?;
    Ok(Output { files, single })
}

/// Any bytes: an error must be a located `Error::Invalid` with a remedy; a success must pass
/// [`check_output`].
pub fn check_bytes(data: &[u8]) {
    match generate(data) {
        Ok(output) => check_output(&output),
        Err(Error::Invalid {
            location,
            message,
            help,
        }) => {
            assert_eq!(location.file, Path::new(INPUT_NAME));
            assert!(
                !message.is_empty() && !help.is_empty(),
                "{message} / {help}"
            );
        }
        Err(other) => panic!("unexpected error: {other}"),
    }
}

/// A valid collection: it must generate, and the output must pass [`check_output`].
pub fn check_collection(collection: &serde_json::Value) {
    let text = serde_json::to_string_pretty(collection).unwrap_or_default();
    match generate(text.as_bytes()) {
        Ok(output) => check_output(&output),
        Err(error) => panic!("a valid collection failed: {error}\n{text}"),
    }
}

/// The invariants of a generated crate.
pub fn check_output(output: &Output) {
    let mut client_methods = BTreeSet::new();
    for (path, text) in &output.files {
        check_path(path);
        if path.extension().is_some_and(|extension| extension == "rs") {
            let file = parse(text, &path.display().to_string());
            check_items(
                &file.items,
                &path.display().to_string(),
                &mut client_methods,
            );
        }
    }
    let single = parse(&output.single, "the single file");
    check_items(&single.items, "the single file", &mut BTreeSet::new());
}

fn parse(text: &str, what: &str) -> syn::File {
    match syn::parse_file(text) {
        Ok(file) => file,
        Err(error) => panic!("{what} does not parse: {error}\n{text}"),
    }
}

/// Relative, without `..` or a root, under `src/` or one of the two top-level files, and no
/// component that Windows cannot create.
fn check_path(path: &Path) {
    let top = ["Cargo.toml", "rustfmt.toml", "src"];
    let mut components = path.components();
    let first = components.next();
    assert!(
        matches!(first, Some(Component::Normal(name)) if top.iter().any(|t| name == *t)),
        "unexpected output path {}",
        path.display()
    );
    for component in path.components() {
        let Component::Normal(name) = component else {
            panic!("output path {} leaves the crate folder", path.display());
        };
        let name = name.to_string_lossy();
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')),
            "output path {} has a component that is not a portable file name",
            path.display()
        );
        let stem = name
            .split('.')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let reserved = ["con", "prn", "aux", "nul"].contains(&stem.as_str())
            || (stem.len() == 4
                && (stem.starts_with("com") || stem.starts_with("lpt"))
                && stem.as_bytes()[3].is_ascii_digit());
        assert!(
            !reserved,
            "output path {} uses a name Windows reserves for devices",
            path.display()
        );
    }
}

/// Names the compiler would reject as defined twice: items of one module (types and values
/// apart), fields, variants, function arguments, and the methods of `Client`, which the
/// operation modules each extend.
fn check_items(items: &[syn::Item], what: &str, client_methods: &mut BTreeSet<String>) {
    let mut types = BTreeSet::new();
    let mut values = BTreeSet::new();
    let unique = |set: &mut BTreeSet<String>, name: String| {
        assert!(
            set.insert(name.clone()),
            "{what}: `{name}` is defined twice"
        );
    };
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                unique(&mut types, gated(&s.attrs, &s.ident));
                let names = s.fields.iter().filter_map(|f| f.ident.as_ref());
                all_unique(names.map(ToString::to_string), what, &s.ident);
            }
            syn::Item::Enum(e) => {
                unique(&mut types, gated(&e.attrs, &e.ident));
                let names = e.variants.iter().map(|v| v.ident.to_string());
                all_unique(names, what, &e.ident);
                for variant in &e.variants {
                    let fields = variant.fields.iter().filter_map(|f| f.ident.as_ref());
                    all_unique(fields.map(ToString::to_string), what, &variant.ident);
                }
            }
            syn::Item::Type(t) => unique(&mut types, gated(&t.attrs, &t.ident)),
            syn::Item::Trait(t) => unique(&mut types, gated(&t.attrs, &t.ident)),
            syn::Item::Mod(m) => {
                unique(&mut types, gated(&m.attrs, &m.ident));
                if let Some((_, inner)) = &m.content {
                    check_items(inner, what, client_methods);
                }
            }
            syn::Item::Fn(f) => {
                unique(&mut values, gated(&f.attrs, &f.sig.ident));
                check_args(&f.sig, what);
            }
            syn::Item::Const(c) => unique(&mut values, gated(&c.attrs, &c.ident)),
            syn::Item::Static(s) => unique(&mut values, gated(&s.attrs, &s.ident)),
            syn::Item::Impl(block) => check_impl(block, what, client_methods),
            _ => {}
        }
    }
}

/// `name`, with the `#[cfg(…)]` conditions of its item: one name under two conditions (the
/// `tracing` span's `Trace` with and without the feature) is one item in any one build.
fn gated(attrs: &[syn::Attribute], name: &syn::Ident) -> String {
    let mut key = name.to_string();
    for attr in attrs.iter().filter(|a| a.path().is_ident("cfg")) {
        if let syn::Meta::List(list) = &attr.meta {
            key.push_str(&format!(" cfg({})", list.tokens));
        }
    }
    key
}

fn check_impl(block: &syn::ItemImpl, what: &str, client_methods: &mut BTreeSet<String>) {
    let is_client = block.trait_.is_none()
        && matches!(&*block.self_ty, syn::Type::Path(p)
            if p.path.segments.last().is_some_and(|s| s.ident == "Client"));
    let mut local = BTreeSet::new();
    for impl_item in &block.items {
        let name = match impl_item {
            syn::ImplItem::Fn(f) => {
                check_args(&f.sig, what);
                gated(&f.attrs, &f.sig.ident)
            }
            syn::ImplItem::Const(c) => gated(&c.attrs, &c.ident),
            _ => continue,
        };
        let set = if is_client {
            &mut *client_methods
        } else {
            &mut local
        };
        assert!(
            set.insert(name.clone()),
            "{what}: the method `{name}` is defined twice"
        );
    }
}

fn check_args(sig: &syn::Signature, what: &str) {
    let names = sig.inputs.iter().filter_map(|input| match input {
        syn::FnArg::Typed(typed) => match &*typed.pat {
            syn::Pat::Ident(pat) => Some(pat.ident.to_string()),
            _ => None,
        },
        syn::FnArg::Receiver(_) => None,
    });
    all_unique(names, what, &sig.ident);
}

fn all_unique(names: impl Iterator<Item = String>, what: &str, owner: &syn::Ident) {
    let mut seen = BTreeSet::new();
    for name in names {
        assert!(
            seen.insert(name.clone()),
            "{what}: `{owner}` has two members named `{name}`"
        );
    }
}
