//! Parameter structs (`params` module) and form bodies.
//!
//! Query parameters always travel in a `{Operation}Query` struct, so adding one to the
//! collection does not reorder positional arguments. Form fields are positional while there are
//! few; past that ([`crate::plan::operation::POSITIONAL_FORM_FIELDS`]) the plan puts them in a
//! `{Operation}Form` struct.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::{code, doc};
use super::runtime::FlavorTokens;
use super::runtime::dynamic;
use crate::model::{FormParam, Generated, Operation, QueryParam};
use crate::naming::ident;
use crate::plan::needs::Flavor;
use crate::plan::operation::{OperationPlan, computed};

/// The value a query parameter computes when the caller leaves it out.
fn query_computes(q: &QueryParam) -> Option<&Generated> {
    q.generated.as_ref()
}

/// The query struct of `operation`. Every field the collection does not mark required can be
/// left out (`None`, an empty list), so the struct derives `Default`:
/// `ListUsersQuery { page_size: Some("300".into()), ..Default::default() }`.
pub fn query_struct(operation: &Operation) -> TokenStream {
    let type_name = ident(&format!("{}Query", operation.type_name));
    let mut fields = Vec::new();
    // The keys `Serialize` writes: every parameter but the repeated ones.
    let mut keyed = Vec::new();
    for q in &operation.query {
        let name = ident(&q.rust_name);
        let key = &q.name;
        let description = q.description.as_deref();
        if let Some(generated) = query_computes(q) {
            let docs = doc(format!(
                "{}\n\n`None` sends a new {} on each call.",
                description.unwrap_or_default().trim(),
                code(&generated.text())
            )
            .trim_start());
            fields.push(quote! {
                #docs
                pub #name: ::std::option::Option<::std::string::String>,
            });
            keyed.push((key.as_str(), name));
        } else if q.repeated {
            // serde_urlencoded cannot write lists; the operation appends them key by key.
            let docs = doc(&format!(
                "`{key}`, sent once per value.\n\n{}",
                description.unwrap_or_default()
            ));
            fields.push(quote! {
                #docs
                pub #name: ::std::vec::Vec<::std::string::String>,
            });
        } else if q.required {
            let docs = field_doc(description, q.example.as_deref(), None);
            fields.push(quote! {
                #docs
                pub #name: ::std::string::String,
            });
            keyed.push((key.as_str(), name));
        } else {
            let docs = field_doc(description, q.example.as_deref(), None);
            fields.push(quote! {
                #docs
                pub #name: ::std::option::Option<::std::string::String>,
            });
            keyed.push((key.as_str(), name));
        }
    }
    let fn_name = operation.fn_name.trim_start_matches("r#");
    let docs = doc(&format!(
        "Query parameters of [`{fn_name}`](crate::Client::{fn_name}); `None` is not sent."
    ));
    // `Serialize` through the runtime's `Fields`, as a sent struct of the `types` module: a
    // line per key, in place of a derive and an attribute per field.
    let sent = crate::plan::types::Directions {
        serialize: true,
        deserialize: false,
    };
    let serialize = super::types::by_key(&type_name, keyed, sent);
    quote! {
        #docs
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #type_name {
            #(#fields)*
        }
        #serialize
    }
}

/// A parameter's doc: its description, the collection's example value, and `note`.
fn field_doc(description: Option<&str>, example: Option<&str>, note: Option<&str>) -> TokenStream {
    let mut text = description.unwrap_or_default().trim().to_owned();
    let example = example
        .filter(|e| !e.is_empty())
        .map(|example| format!("Example: {}", code(example)));
    for paragraph in [example.as_deref(), note].into_iter().flatten() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(paragraph);
    }
    if text.is_empty() {
        text.push_str("Not described in the collection.");
    }
    doc(&text)
}

/// What a form body adds to a method.
pub struct FormBody {
    /// The statements that make the body.
    pub prelude: TokenStream,
    /// The request with the body: an expression of the request so far.
    pub request: TokenStream,
    /// Whether they can fail: a file part that cannot be read.
    pub fallible: bool,
    /// A `{Operation}Form` struct for the `params` module, when the fields travel in one.
    pub item: TokenStream,
}

/// The body of a urlencoded (`multipart == false`) or multipart form, added to `request`.
pub fn form_body(
    plan: &OperationPlan,
    fields: &[FormParam],
    multipart: bool,
    flavor: Flavor,
    request: &Ident,
) -> FormBody {
    let in_struct = plan.form_struct;
    // Positional text arrives borrowed; the form owns its parts.
    let owned = |field: &FormParam, v: TokenStream| {
        if in_struct || field.is_file {
            v
        } else {
            quote!(#v.to_owned())
        }
    };
    let value = |field: &FormParam| {
        let name = ident(&field.rust_name);
        if in_struct {
            quote!(form.#name)
        } else {
            quote!(#name)
        }
    };
    // A computed field the caller left out: a new value.
    let computed_value = |field: &FormParam| {
        let generated =
            computed(field.required, field.generated.as_ref()).filter(|_| !field.is_file)?;
        let (value, new) = (value(field), dynamic::value(generated));
        let owned = if in_struct {
            quote!(part)
        } else {
            quote!(part.to_owned())
        };
        Some(quote! {
            match #value {
                ::std::option::Option::Some(part) => #owned,
                ::std::option::Option::None => #new,
            }
        })
    };
    let (prelude, request) = if multipart {
        let http_mod = flavor.http();
        let adds = fields.iter().map(|field| {
            let key = &field.name;
            let add = |part: TokenStream| match field.is_file {
                true => quote!(body.part(#key, #part.into_part()?)),
                false => quote!(body.text(#key, #part)),
            };
            if let Some(computed) = computed_value(field) {
                let add = add(computed);
                quote! { let body = #add; }
            } else if field.required {
                let add = add(owned(field, value(field)));
                quote! { let body = #add; }
            } else {
                let add = add(owned(field, quote!(part)));
                let value = value(field);
                quote! {
                    let body = match #value {
                        ::std::option::Option::Some(part) => #add,
                        ::std::option::Option::None => body,
                    };
                }
            }
        });
        let prelude = quote! {
            let body = #http_mod::multipart::Form::new();
            #(#adds)*
        };
        (prelude, quote!(#request.multipart(body)))
    } else {
        let entries = fields.iter().filter(|f| f.required).map(|field| {
            let key = &field.name;
            let value = computed_value(field).unwrap_or_else(|| owned(field, value(field)));
            quote!((#key, #value))
        });
        let optional: Vec<TokenStream> = fields
            .iter()
            .filter(|f| !f.required)
            .map(|field| {
                let (key, value, part) = (&field.name, value(field), owned(field, quote!(part)));
                quote! {
                    if let ::std::option::Option::Some(part) = #value {
                        body.push((#key, #part));
                    }
                }
            })
            .collect();
        let mutable = (!optional.is_empty()).then(|| quote!(mut));
        let prelude = quote! {
            let #mutable body: ::std::vec::Vec<(&str, ::std::string::String)> = ::std::vec![#(#entries),*];
            #(#optional)*
        };
        (prelude, quote!(#request.form(&body)))
    };
    let item = match in_struct {
        true => form_struct(plan, fields),
        false => TokenStream::new(),
    };
    let fallible = multipart && fields.iter().any(|field| field.is_file);
    FormBody {
        prelude,
        request,
        fallible,
        item,
    }
}

/// The `{Operation}Form` struct of a form with many fields.
fn form_struct(plan: &OperationPlan, fields: &[FormParam]) -> TokenStream {
    let type_name = ident(&format!("{}Form", plan.operation.type_name));
    let struct_fields = fields.iter().map(|field| {
        let name = ident(&field.rust_name);
        let ty = field_type(field);
        let docs = field_doc(
            field.doc_text().as_deref(),
            field.example.as_deref(),
            (!field.required).then_some("Optional: the collection has it disabled."),
        );
        quote! { #docs pub #name: #ty, }
    });
    let fn_name = plan.fn_name();
    let docs = doc(&format!(
        "Form fields of [`{fn_name}`](crate::Client::{fn_name})."
    ));
    quote! {
        #docs
        #[derive(Debug)]
        pub struct #type_name {
            #(#struct_fields)*
        }
    }
}

/// A field of the form struct: owned text or a file part.
fn field_type(field: &FormParam) -> TokenStream {
    let base = match field.is_file {
        true => quote!(crate::FilePart),
        false => quote!(::std::string::String),
    };
    let computes = computed(field.required, field.generated.as_ref()).is_some();
    if field.required && (field.is_file || !computes) {
        base
    } else {
        quote!(::std::option::Option<#base>)
    }
}
