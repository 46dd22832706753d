//! Stage 4: Rust code for the API, built with `quote`, checked by `syn`, printed by `prettyplease`.
//!
//! [`emit`] returns the code as modules of token streams; [`crate::output`] decides whether they
//! become files of a crate or one file for `include!`.

mod docs;
mod errors;
mod operations;
mod params;
mod responses;
pub mod runtime;
mod samples;
mod status;
pub mod types;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::infer::TypeSpace;
use crate::model::Api;
use crate::naming::{self, Scope, ident};
use crate::overrides::TypeOverride;
use runtime::{Dependency, Flavor, RuntimeNeeds};
pub use samples::{Sample, SamplePlace};

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
    /// raw JSON request bodies in operation order, then error example bodies.
    pub samples: Vec<Sample>,
}

/// Generates the async client for `api`.
pub fn emit(api: &Api) -> Code {
    emit_with(api, &[], Flavor::Async)
}

/// Generates the code for `api` in `flavor`, with the `[[type]]` tables of an overrides file
/// applied to the inferred types.
pub fn emit_with(api: &Api, type_overrides: &[TypeOverride], flavor: Flavor) -> Code {
    let mut space = TypeSpace::with_overrides(type_overrides);
    let mut needs = RuntimeNeeds::for_api(api, flavor);

    let mut methods_by_folder: BTreeMap<usize, (String, Vec<TokenStream>)> = BTreeMap::new();
    let mut folder_modules = Scope::new();
    let mut folder_index: BTreeMap<Option<&str>, usize> = BTreeMap::new();
    let (mut params, mut responses, mut samples) = (Vec::new(), Vec::new(), Vec::new());

    for operation in &api.operations {
        let mut success = responses::success(operation, &mut space, &mut needs);
        let code = operations::operation(operation, &success, &mut space, &mut needs);
        samples.append(&mut success.samples);
        let body_type = code.body_type.as_ref();
        samples.extend(body_type.and_then(|ty| samples::of_request_body(operation, ty)));
        let top = operation.folder_path.first().map(String::as_str);
        let next = folder_index.len();
        let index = *folder_index.entry(top).or_insert(next);
        methods_by_folder
            .entry(index)
            .or_insert_with(|| (folder_modules.claim(&module_name(top)), Vec::new()))
            .1
            .push(code.method);
        params.push(code.params);
        responses.extend(success.enum_def);
    }

    // Error bodies come last: their types then never take a name a success or request body
    // type had before they existed.
    let mut errors = Vec::new();
    for operation in &api.operations {
        let mut bodies = responses::error_bodies(operation, &mut space);
        errors.push(errors::error_enum(operation, &bodies.types));
        samples.append(&mut bodies.samples);
    }

    let operation_modules: Vec<Module> = methods_by_folder
        .into_values()
        .map(|(name, methods)| Module {
            doc: format!("Operations of the `{name}` folder."),
            name,
            public: false,
            items: quote! { impl crate::Client { #(#methods)* } },
            children: Vec::new(),
        })
        .collect();

    let mut modules = vec![Module {
        name: "runtime".to_owned(),
        doc: "The client, its errors, and the one `send` helper every operation calls.".to_owned(),
        public: false,
        items: runtime::runtime_module(&needs),
        children: Vec::new(),
    }];
    let types = space.emit();
    let mut push = |name: &str, doc: &str, items: TokenStream| {
        if !items.is_empty() {
            modules.push(Module {
                name: name.to_owned(),
                doc: doc.to_owned(),
                public: true,
                items,
                children: Vec::new(),
            });
        }
    };
    push(
        "types",
        "Types of request and response bodies, inferred from the collection's samples.",
        types,
    );
    push(
        "params",
        "Query parameters and form fields of operations.",
        quote!(#(#params)*),
    );
    push(
        "responses",
        "Success responses of operations that document several success bodies.",
        quote!(#(#responses)*),
    );
    push(
        "errors",
        "Per-operation error enums, with the statuses and error codes the collection documents.",
        quote!(#(#errors)*),
    );
    modules.push(Module {
        name: "operations".to_owned(),
        doc: "The operations, one module per top-level folder of the collection.".to_owned(),
        public: false,
        items: TokenStream::new(),
        children: operation_modules,
    });

    let file_part = needs.file_parts.then(|| quote!(FilePart,));
    let root_items = quote! {
        pub use runtime::{ApiError, Client, DocumentedError, Error, ErrorBody, #file_part};
    };
    Code {
        doc: crate_doc(api),
        root_items,
        modules,
        dependencies: runtime::runtime_dependencies(&needs),
        samples,
    }
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
    quote! {
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
    quote! { #vis mod #name; }
}

/// The inner doc attributes for a module or crate doc text.
pub fn inner_doc(text: &str) -> TokenStream {
    docs::inner_doc(text)
}
