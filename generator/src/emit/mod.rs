//! Stage 4: Rust code for the API, built with `quote`, checked by `syn`, printed by `prettyplease`.
//!
//! [`emit`] returns the code as modules of token streams; [`crate::output`] decides whether they
//! become files of a crate or one file for `include!`.

mod docs;
mod errors;
mod features;
mod operations;
mod params;
mod responses;
pub mod runtime;
mod samples;
mod serde_derives;
pub mod sink;
mod status;
pub mod types;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Delimiter, Group, TokenStream};
use quote::{ToTokens, quote};

use crate::infer::TypeSpace;
use crate::model::{Api, Operation};
use crate::naming::{self, Scope, ident};
use crate::overrides::TypeOverride;
use crate::plan::needs::{Dependency, Flavor, RuntimeNeeds};
pub use samples::{Sample, SampleJson, SamplePlace};
pub use serde_derives::{BOTH_WAYS_FEATURE, SerdeDerives};
use sink::{Collect, Part, Sink};

/// Methods per `impl crate::Client` block of a folder's module. A printed item is parsed whole,
/// so one block per folder made commercetools' `project` folder (1,993 operations, 3 MB of
/// code) the memory peak of its run; blocks of this many keep each parse small.
const METHODS_PER_IMPL: usize = 64;

/// A module of the generated crate.
#[derive(Debug, Clone)]
pub struct Module {
    /// Module name (a Rust identifier).
    pub name: String,
    /// Module doc text.
    pub doc: String,
    /// `pub mod` rather than `mod`.
    pub public: bool,
    /// The module's items.
    pub items: TokenStream,
    /// Child modules.
    pub children: Vec<Module>,
    /// Outer attributes of the module's declaration: the `#[cfg(feature = …)]` of an
    /// operation module with per-folder features, else nothing.
    pub attributes: TokenStream,
}

/// The generated code of one API.
#[derive(Debug, Clone)]
pub struct Code {
    /// Crate doc text.
    pub doc: String,
    /// Items of the crate root besides module declarations (re-exports).
    pub root_items: TokenStream,
    /// Top-level modules, in declaration order.
    pub modules: Vec<Module>,
    /// crates.io dependencies the code uses.
    pub dependencies: Vec<Dependency>,
    /// Every JSON sample a type was inferred from, with that type: success example bodies and
    /// raw JSON request bodies in operation order, then error example bodies. Empty from
    /// [`emit_into`] with a sink that does not keep them (a printer).
    pub samples: Vec<Sample>,
    /// Cargo features the code's `#[cfg]`s name, one per top-level folder, in module order;
    /// empty unless [`Options::features_per_folder`] is set.
    pub features: Vec<String>,
    /// Cargo features the code's `#[cfg_attr]`s name that are off by default:
    /// [`BOTH_WAYS_FEATURE`] with [`SerdeDerives::UsedOrFeature`].
    pub opt_in_features: Vec<String>,
}

/// Emission settings besides the API.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// The `[[type]]` tables of an overrides file, applied to the inferred types.
    pub type_overrides: &'a [TypeOverride],
    /// Gate each top-level folder's operations, and the params, errors, responses and types
    /// only they use, behind a cargo feature named after the folder.
    pub features_per_folder: bool,
    /// Async or blocking client.
    pub flavor: Flavor,
    /// Which serde traits the inferred types derive.
    pub serde: SerdeDerives,
}

/// Generates the async client for `api`.
pub fn emit(api: &Api) -> Code {
    emit_with(api, &[], Flavor::Async)
}

/// Generates the code for `api` in `flavor`, with the `[[type]]` tables of an overrides file
/// applied to the inferred types.
pub fn emit_with(api: &Api, type_overrides: &[TypeOverride], flavor: Flavor) -> Code {
    emit_with_options(
        api,
        &Options {
            type_overrides,
            features_per_folder: false,
            flavor,
            serde: SerdeDerives::default(),
        },
    )
}

/// Generates the code for `api` with `options`.
pub fn emit_with_options(api: &Api, options: &Options<'_>) -> Code {
    let mut collect = Collect::default();
    let result = emit_into(
        Cow::Borrowed(api),
        options,
        &mut collect,
        |part, collect: &mut Collect| collect.take(part),
    );
    match result {
        Ok(code) => code,
        Err(never) => match never {},
    }
}

/// Generates the code for `api` with `options`, handing every module's items to `sink` as soon
/// as they exist; the returned [`Code`] has the modules' items that `items` gives back for each
/// part once emission is done (nothing, when the sink printed them already).
///
/// An owned `api` is consumed as emission goes: each operation is dropped after its last use
/// (its error bodies), so the model (about twice the collection's size) is gone by the time
/// the `types` module, the largest, is printed. A borrowed one is left as it was.
pub fn emit_into<S: Sink>(
    mut api: Cow<'_, Api>,
    options: &Options<'_>,
    sink: &mut S,
    mut items: impl FnMut(Part, &mut S) -> TokenStream,
) -> Result<Code, S::Error> {
    let mut space = TypeSpace::with_overrides(options.type_overrides);
    let mut needs = RuntimeNeeds::for_api(&api, options.flavor);
    let mut doc = crate_doc(&api);
    let mut sent = Sent::new(sink);
    for (part, name, doc) in TOP_PARTS {
        sent.sink.start(part, &[name], doc)?;
    }

    // A folder's module is complete after its last operation: printed and dropped then.
    // Keys owned, not borrowed from `api`: an owned one is slimmed down during the walk.
    let mut last_of_folder: BTreeMap<Option<String>, usize> = BTreeMap::new();
    for (position, operation) in api.operations.iter().enumerate() {
        last_of_folder.insert(operation.folder_path.first().cloned(), position);
    }

    let mut methods_by_folder: BTreeMap<usize, (String, Vec<TokenStream>)> = BTreeMap::new();
    let mut folder_modules = Scope::new();
    // With per-folder features: each folder's feature (by folder index) and the types its
    // operations name directly.
    let mut feature_names = features::FeatureNames::new();
    let mut folder_features: Vec<String> = Vec::new();
    let mut gates = features::FolderGates::new(options.features_per_folder);
    let mut folder_index: BTreeMap<Option<String>, usize> = BTreeMap::new();
    let mut samples = Vec::new();
    // A copy of every example body: dropped at once when the sink does not want them, as
    // holding them was a quarter of a printing run's peak memory.
    let keep_samples = sent.sink.keeps_samples();
    let mut operation_folders = Vec::with_capacity(api.operations.len());
    let mut type_uses = serde_derives::TypeUses::default();

    for position in 0..api.operations.len() {
        let operation = &api.operations[position];
        let mut success = responses::success(operation, &mut space, &mut needs);
        let code = operations::operation(operation, &success, &mut space, &mut needs);
        type_uses.sent(&code.arguments);
        type_uses.sent(&code.params);
        type_uses.received(&success.ty);
        if let Some(success_enum) = &success.enum_def {
            type_uses.received(success_enum);
        }
        if keep_samples {
            samples.append(&mut success.samples);
            let body_type = code.body_type.as_ref();
            samples.extend(body_type.and_then(|ty| samples::of_request_body(operation, ty)));
        }
        let top = operation.folder_path.first().cloned();
        let next = folder_index.len();
        let index = *folder_index.entry(top.clone()).or_insert(next);
        if let std::collections::btree_map::Entry::Vacant(entry) = methods_by_folder.entry(index) {
            let module = folder_modules.claim(&module_name(top.as_deref()));
            folder_features.push(feature_names.claim(&module));
            let doc = format!("Operations of the `{module}` folder.");
            sent.sink
                .start(Part::Folder(index), &["operations", &module], &doc)?;
            entry.insert((module, Vec::new()));
        }
        operation_folders.push(index);
        // Params and responses belong to one operation: its folder's feature.
        let feature = folder_features[index].as_str();
        gates.uses(feature, &code.method);
        sent.items(Part::Params, gates.gate(feature, code.params))?;
        if let Some(def) = success.enum_def {
            sent.items(Part::Responses, gates.gate(feature, def))?;
        }
        let methods = &mut methods_by_folder.get_mut(&index).expect("claimed above").1;
        methods.push(code.method);
        let last = last_of_folder[&top] == position;
        if last || methods.len() == METHODS_PER_IMPL {
            // Moved into the block rather than interpolated: `quote!` copies every token of
            // a stream it is given by reference.
            let methods: TokenStream = std::mem::take(methods).into_iter().collect();
            let block = Group::new(Delimiter::Brace, methods);
            let part = Part::Folder(index);
            sent.items(part, quote! { impl crate::Client #block })?;
            if last {
                sent.sink.finish(part)?;
            }
        }
        if let Cow::Owned(api) = &mut api {
            keep_for_errors(&mut api.operations[position]);
        }
    }
    sent.sink.finish(Part::Params)?;
    sent.sink.finish(Part::Responses)?;

    // Error bodies come last: their types then never take a name a success or request body
    // type had before they existed. It is the last walk over the operations: an owned one is
    // dropped at the end of its iteration.
    drop((last_of_folder, folder_index));
    let operations: Box<dyn Iterator<Item = Cow<'_, Operation>>> = match api {
        Cow::Borrowed(api) => Box::new(api.operations.iter().map(Cow::Borrowed)),
        Cow::Owned(api) => Box::new(api.operations.into_iter().map(Cow::Owned)),
    };
    for (operation, &index) in operations.zip(&operation_folders) {
        let mut bodies = responses::error_bodies(&operation, &mut space);
        let error_enum = errors::error_enum(&operation, &bodies.types);
        // The error enum only names these in its docs; users decode them from the raw body.
        for ty in bodies.types.values() {
            type_uses.received(&ty.to_token_stream());
        }
        if keep_samples {
            samples.append(&mut bodies.samples);
        }
        let feature = folder_features[index].as_str();
        sent.items(Part::Errors, gates.gate(feature, error_enum))?;
    }
    sent.sink.finish(Part::Errors)?;

    let nesting = features::type_nesting(&space);
    let derives = serde_derives::TypeDerives::new(&type_uses, &nesting, options.serde);
    match options.features_per_folder {
        true => {
            let gated = gated_types(
                &space,
                &derives,
                &nesting,
                gates.direct_types(),
                folder_features.len(),
            );
            for def in gated {
                sent.items(Part::Types, def)?;
            }
        }
        false => {
            for def in space.defs() {
                let tokens = types::type_def(def, &derives.attributes(def.name()));
                sent.items(Part::Types, tokens)?;
            }
        }
    }
    sent.sink.finish(Part::Types)?;
    sent.items(Part::Runtime, runtime::runtime_module(&needs))?;
    sent.sink.finish(Part::Runtime)?;
    let Sent { sink, nonempty } = sent;

    let operation_modules: Vec<Module> = methods_by_folder
        .into_iter()
        .map(|(index, (name, _))| Module {
            doc: format!("Operations of the `{name}` folder."),
            name,
            public: false,
            items: items(Part::Folder(index), sink),
            children: Vec::new(),
            attributes: match options.features_per_folder {
                true => features::cfg(&BTreeSet::from([folder_features[index].as_str()])),
                false => TokenStream::new(),
            },
        })
        .collect();

    let mut modules = Vec::new();
    for (part, name, doc) in TOP_PARTS {
        // Every API has a runtime; the other modules only when something went in them.
        if !nonempty.contains(&part) {
            continue;
        }
        let runtime = part == Part::Runtime;
        modules.push(Module {
            name: name.to_owned(),
            doc: doc.to_owned(),
            public: !runtime,
            items: items(part, sink),
            children: Vec::new(),
            // With some folders off, the helpers only their operations call are unused.
            attributes: match runtime && options.features_per_folder {
                true => quote!(#[allow(dead_code)]),
                false => TokenStream::new(),
            },
        });
    }
    modules.push(Module {
        name: "operations".to_owned(),
        doc: "The operations, one module per top-level folder of the collection.".to_owned(),
        public: false,
        items: TokenStream::new(),
        children: operation_modules,
        attributes: TokenStream::new(),
    });

    let file_part = needs.bodies.file_parts.then(|| quote!(FilePart,));
    let exports = runtime::ROOT_EXPORTS.map(|name| quote::format_ident!("{name}"));
    let root_items = quote! {
        pub use runtime::{#(#exports,)* #file_part};
    };
    let mut opt_in_features = Vec::new();
    if options.serde == SerdeDerives::UsedOrFeature {
        doc.push_str(serde_derives::FEATURE_DOC);
        opt_in_features.push(BOTH_WAYS_FEATURE.to_owned());
    }
    Ok(Code {
        doc,
        root_items,
        modules,
        dependencies: needs.dependencies(),
        samples,
        features: match options.features_per_folder {
            true => folder_features,
            false => Vec::new(),
        },
        opt_in_features,
    })
}

/// The top-level modules with items, in declaration order: name and doc text.
const TOP_PARTS: [(Part, &str, &str); 5] = [
    (
        Part::Runtime,
        "runtime",
        "The client, its errors, and the one `send` helper every operation calls.",
    ),
    (
        Part::Types,
        "types",
        "Types of request and response bodies, inferred from the collection's samples.",
    ),
    (
        Part::Params,
        "params",
        "Query parameters and form fields of operations.",
    ),
    (
        Part::Responses,
        "responses",
        "Success responses of operations that document several success bodies.",
    ),
    (
        Part::Errors,
        "errors",
        "Per-operation error enums, with the statuses and error codes the collection documents.",
    ),
];

/// A sink and the parts that received items: an empty module is left out of the crate.
struct Sent<'s, S> {
    sink: &'s mut S,
    nonempty: BTreeSet<Part>,
}

impl<'s, S: Sink> Sent<'s, S> {
    fn new(sink: &'s mut S) -> Self {
        Self {
            sink,
            nonempty: BTreeSet::new(),
        }
    }

    /// Hands `items` on unless there are none (an operation without params).
    fn items(&mut self, part: Part, items: TokenStream) -> Result<(), S::Error> {
        if items.is_empty() {
            return Ok(());
        }
        self.nonempty.insert(part);
        self.sink.items(part, items)
    }
}

/// The `types` module with each type behind the features of the folders that use it, directly
/// or nested in another type; types every folder uses stay ungated.
fn gated_types(
    space: &TypeSpace,
    derives: &serde_derives::TypeDerives,
    nesting: &BTreeMap<String, BTreeSet<String>>,
    direct: &BTreeMap<String, BTreeSet<String>>,
    folders: usize,
) -> Vec<TokenStream> {
    let used_by = features::type_features(direct, nesting);
    space
        .defs()
        .map(|def| {
            let mut gated = match used_by.get(def.name()) {
                Some(features) if features.len() < folders => features::cfg(features),
                _ => TokenStream::new(),
            };
            gated.extend(types::type_def(def, &derives.attributes(def.name())));
            gated
        })
        .collect()
}

/// Drops what the error-bodies walk does not read from an owned operation (success examples,
/// the request body, parameters, docs): held until that walk, they were most of the model's
/// memory while the large `params` and `errors` modules were printed.
fn keep_for_errors(operation: &mut Operation) {
    operation.responses.retain(|group| !group.is_success());
    operation.responses.shrink_to_fit();
    operation.body = crate::model::RequestBody::None;
    operation.description = None;
    operation.path = Vec::new();
    operation.path_params = Vec::new();
    operation.query = Vec::new();
    operation.headers = Vec::new();
}

fn module_name(folder: Option<&str>) -> String {
    match folder {
        Some(name) => naming::module_name(name),
        None => "ungrouped".to_owned(),
    }
}

fn crate_doc(api: &Api) -> String {
    let mut doc = format!(
        "{} — client generated from the Postman collection {:?}.",
        api.name, api.name
    );
    if let Some(description) = api.description.as_deref().filter(|d| !d.trim().is_empty()) {
        doc.push_str("\n\n");
        doc.push_str(description.trim());
    }
    doc
}

/// Tokens of `module`'s declaration with its items inline (`mod name { … }`).
pub fn inline_module(module: &Module) -> TokenStream {
    let name = ident(&module.name);
    let docs = docs::inner_doc(&module.doc);
    let vis = module.public.then(|| quote!(pub));
    let items = &module.items;
    let children = module.children.iter().map(inline_module);
    let attributes = &module.attributes;
    quote! {
        #attributes
        #vis mod #name {
            #docs
            #items
            #(#children)*
        }
    }
}

/// Tokens of `module`'s declaration for a separate file (`mod name;`).
pub fn module_declaration(module: &Module) -> TokenStream {
    let name = ident(&module.name);
    let vis = module.public.then(|| quote!(pub));
    let attributes = &module.attributes;
    quote! { #attributes #vis mod #name; }
}

/// The inner doc attributes for a module or crate doc text.
pub fn inner_doc(text: &str) -> TokenStream {
    docs::inner_doc(text)
}
