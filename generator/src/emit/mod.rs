//! Stage 5: Rust code for the plan, built with `quote`, printed by `prettyplease`.
//!
//! Emission walks the [`ApiPlan`] — each operation's plan, then the type space — and hands each
//! module's items to a [`Sink`] as soon as they exist; [`crate::output`] decides whether they
//! become files of a crate or one file for `include!`. Nothing here decides a name, a type or
//! what a type is used for: those are the plan's.

mod docs;
mod errors;
mod features;
mod macro_imports;
mod operations;
mod pagers;
mod params;
mod responses;
pub mod runtime;
mod serde_derives;
#[cfg(test)]
mod tests;
pub mod sink;
pub mod types;

use std::collections::BTreeSet;

use proc_macro2::{Delimiter, Group, TokenStream};
use quote::quote;

use crate::infer::samples::Sample;
use crate::naming::ident;
use crate::plan::folders::Folder;
use crate::plan::needs::{Dependency, FeatureGates, RuntimeFeature, RuntimeNeeds};
use crate::plan::operation::OperationPlan;
use crate::plan::types::SerdeDerives;
use crate::plan::{ApiPlan, BOTH_WAYS_FEATURE};
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
    /// Every JSON sample a type was inferred from, with that type, when the plan kept them
    /// (the corpus harness's round trips, through `Config::generate`).
    #[cfg_attr(not(feature = "internals"), allow(dead_code))]
    pub samples: Vec<Sample>,
    /// Cargo features the code's `#[cfg]`s name, one per top-level folder, in module order;
    /// empty unless the plan has per-folder features.
    pub features: Vec<String>,
    /// Cargo features the code's `#[cfg_attr]`s name that are off by default:
    /// [`BOTH_WAYS_FEATURE`] with [`SerdeDerives::UsedOrFeature`], and the runtime's
    /// `middleware` and `tracing` in a crate ([`FeatureGates::Cargo`]).
    pub opt_in_features: Vec<String>,
}

/// The code for `plan`, every module's items kept.
pub fn emit(plan: ApiPlan) -> Code {
    let mut collect = Collect::default();
    let result = emit_into(plan, &mut collect, |part, collect: &mut Collect| {
        collect.take(part)
    });
    match result {
        Ok(code) => code,
        Err(never) => match never {},
    }
}

/// The code for `plan`, handing every module's items to `sink` as soon as they exist; the
/// returned [`Code`] has the modules' items that `items` gives back for each part once emission
/// is done (nothing, when the sink printed them already).
///
/// The plan is consumed as emission goes: each operation's plan is dropped once its code is
/// out, before the `types` module, the largest, is printed.
pub fn emit_into<S: Sink>(
    plan: ApiPlan,
    sink: &mut S,
    mut items: impl FnMut(Part, &mut S) -> TokenStream,
) -> Result<Code, S::Error> {
    let ApiPlan {
        name,
        description,
        folders,
        operations,
        shared_errors,
        space,
        usage,
        needs,
        samples,
        features_per_folder,
        serde,
        type_attributes,
        warnings: _,
    } = plan;
    let mut sent = Sent::new(sink, features_per_folder);
    for (part, name, doc) in TOP_PARTS {
        sent.sink.start(part, &[name], doc)?;
    }
    let feature_folders = features_per_folder.then_some(folders.as_slice());
    for (part, import) in macro_imports::imports(&operations, feature_folders, &space, &usage) {
        sent.items(part, import)?;
    }
    for shared in &shared_errors {
        let features = shared.folders.iter().map(|&folder| folders[folder].feature.as_str());
        sent.gated_any(Part::Errors, features.collect(), errors::error_enum(&shared.def))?;
    }
    emit_operations(operations, &folders, &needs, &mut sent)?;
    let local = types::TypePaths::types_module(space.defs().map(|def| def.name()));
    for def in space.defs() {
        let gate = match usage.gate(def.name()) {
            Some(features) => features::cfg(features),
            None => TokenStream::new(),
        };
        let extra = type_attributes.get(def.name()).cloned().unwrap_or_default();
        let default =
            usage.derives_default(def.name()) && !crate::attributes::derives(&extra, "Default");
        let directions = usage.directions(def.name());
        let by_key = usage.by_key(def.name());
        let serde = serde_derives::code(directions, serde, default, by_key);
        sent.items(Part::Types, types::type_def(def, local, &serde, &extra, &gate))?;
    }
    sent.sink.finish(Part::Types)?;
    sent.items(Part::Runtime, runtime::runtime_module(&needs))?;
    sent.sink.finish(Part::Runtime)?;

    let modules = modules(&folders, features_per_folder, sent, &mut items);
    let file_part = needs.bodies.file_parts.then(|| quote!(FilePart,));
    let exports = runtime::ROOT_EXPORTS.map(|name| quote::format_ident!("{name}"));
    let oauth2 = runtime::oauth2_exports(&needs);
    let feature_exports = runtime::feature_exports(&needs);
    let flavor_exports = runtime::flavor_exports(&needs);
    let root_items = quote! {
        pub use runtime::{#(#exports,)* #file_part #oauth2};
        #flavor_exports
        #feature_exports
    };
    let mut doc = crate_doc(&name, description.as_deref());
    let mut opt_in_features = Vec::new();
    if serde == SerdeDerives::UsedOrFeature {
        doc.push_str(serde_derives::FEATURE_DOC);
        opt_in_features.push(BOTH_WAYS_FEATURE.to_owned());
    }
    if needs.features == FeatureGates::Cargo {
        opt_in_features.extend(RuntimeFeature::ALL.map(|feature| feature.name().to_owned()));
    }
    Ok(Code {
        doc,
        root_items,
        modules,
        dependencies: needs.dependencies(),
        samples,
        features: match features_per_folder {
            true => folders.into_iter().map(|folder| folder.feature).collect(),
            false => Vec::new(),
        },
        opt_in_features,
    })
}

/// Each operation's method into its folder's module (in `impl` blocks of
/// [`METHODS_PER_IMPL`], each followed by the functions that build their requests), its
/// params, success enum and error enum into theirs. A folder's module is complete after its
/// last operation: finished then, so a printer can drop it.
fn emit_operations<S: Sink>(
    operations: Vec<OperationPlan>,
    folders: &[Folder],
    needs: &RuntimeNeeds,
    sent: &mut Sent<'_, S>,
) -> Result<(), S::Error> {
    let mut last_of_folder = vec![0; folders.len()];
    let mut imports = vec![operations::Imports::default(); folders.len()];
    for (position, plan) in operations.iter().enumerate() {
        last_of_folder[plan.folder] = position;
        imports[plan.folder].include(plan);
    }
    let mut methods: Vec<Vec<TokenStream>> = vec![Vec::new(); folders.len()];
    let mut started = vec![false; folders.len()];
    for (position, plan) in operations.into_iter().enumerate() {
        let index = plan.folder;
        let folder = &folders[index];
        if !std::mem::replace(&mut started[index], true) {
            let doc = format!("Operations of the `{}` folder.", folder.module);
            sent.sink
                .start(Part::Folder(index), &["operations", &folder.module], &doc)?;
            sent.items(Part::Folder(index), imports[index].tokens(needs.flavor))?;
        }
        let success = responses::success(&plan);
        let code = operations::operation(&plan, &success, needs);
        let pagers = pagers::methods(&plan, &success);
        // Params, responses and errors belong to one operation: its folder's feature.
        sent.gated(Part::Params, &folder.feature, code.params)?;
        if let Some(def) = success.enum_def {
            sent.gated(Part::Responses, &folder.feature, def)?;
        }
        // An operation that documents no error status shares the runtime's `Undocumented`.
        if let Some(own_or_alias) = &plan.errors {
            let code = errors::operation_errors(own_or_alias);
            sent.gated(Part::Errors, &folder.feature, code)?;
        }
        let block = &mut methods[index];
        let mut method = code.method;
        method.extend(pagers);
        block.push(method);
        let last = last_of_folder[index] == position;
        if last || block.len() == METHODS_PER_IMPL {
            // Moved into the block rather than interpolated: `quote!` copies every token of
            // a stream it is given by reference.
            let block: TokenStream = std::mem::take(block).into_iter().collect();
            let block = Group::new(Delimiter::Brace, block);
            let part = Part::Folder(index);
            sent.items(part, quote! { impl crate::Client #block })?;
            if last {
                sent.sink.finish(part)?;
            }
        }
    }
    sent.sink.finish(Part::Params)?;
    sent.sink.finish(Part::Responses)?;
    sent.sink.finish(Part::Errors)
}

/// The crate's modules in declaration order, with the items `items` gives back for each part.
fn modules<S: Sink>(
    folders: &[Folder],
    features_per_folder: bool,
    sent: Sent<'_, S>,
    items: &mut impl FnMut(Part, &mut S) -> TokenStream,
) -> Vec<Module> {
    let Sent { sink, nonempty, .. } = sent;
    let operation_modules: Vec<Module> = folders
        .iter()
        .enumerate()
        .map(|(index, folder)| Module {
            doc: format!("Operations of the `{}` folder.", folder.module),
            name: folder.module.clone(),
            public: false,
            items: items(Part::Folder(index), sink),
            children: Vec::new(),
            attributes: match features_per_folder {
                true => features::cfg(&BTreeSet::from([folder.feature.as_str()])),
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
            // With some folders off, the helpers (and macros) only their operations call are
            // unused.
            attributes: match runtime && features_per_folder {
                true => quote!(#[allow(dead_code, unused_imports, unused_macros)]),
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
    modules
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
        "Error enums, with the statuses and error codes the collection documents: one per \
         operation, or one shared by the operations that document the same errors, each \
         keeping its name as an alias.",
    ),
];

/// A sink and the parts that received items: an empty module is left out of the crate.
struct Sent<'s, S> {
    sink: &'s mut S,
    nonempty: BTreeSet<Part>,
    features_per_folder: bool,
}

impl<'s, S: Sink> Sent<'s, S> {
    fn new(sink: &'s mut S, features_per_folder: bool) -> Self {
        Self {
            sink,
            nonempty: BTreeSet::new(),
            features_per_folder,
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

    /// [`Sent::items`] behind `feature` when folders are features.
    fn gated(&mut self, part: Part, feature: &str, items: TokenStream) -> Result<(), S::Error> {
        self.gated_any(part, BTreeSet::from([feature]), items)
    }

    /// [`Sent::items`] behind any of `features` (an item several folders use) when folders
    /// are features.
    fn gated_any(
        &mut self,
        part: Part,
        features: BTreeSet<&str>,
        items: TokenStream,
    ) -> Result<(), S::Error> {
        let items = match self.features_per_folder {
            true => features::gate(items, &features::cfg(&features)),
            false => items,
        };
        self.items(part, items)
    }
}

fn crate_doc(name: &str, description: Option<&str>) -> String {
    let mut doc = format!("{name} — client generated from the Postman collection {name:?}.");
    if let Some(description) = description.filter(|d| !d.trim().is_empty()) {
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
