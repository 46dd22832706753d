//! The types of each operation's response bodies, from its examples.
//!
//! Success (2xx): one documented success body → that type; a success body beside an empty 2xx →
//! `Option<T>`; several 2xx statuses with bodies → an enum with a variant per status, never a
//! merged type. Error statuses keep the raw `ErrorBody` in their enum variants; their JSON bodies
//! still get a type (`{Operation}Error{Status}Body`) that the variant documents.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc;
use super::runtime::RuntimeNeeds;
use super::samples::{Sample, json_shape, of_group};
use super::status::{reason, variant_name};
use crate::infer::{RustType, TypeSpace};
use crate::model::{ExampleContent, Operation, StatusExamples};

/// How an operation's success is typed and decoded.
pub struct Success {
    /// The type in the function's signature.
    pub ty: TokenStream,
    /// The decoder passed to `send`.
    pub decoder: TokenStream,
    /// A success enum for the `responses` module, when there are several success bodies.
    pub enum_def: Option<TokenStream>,
    /// The JSON examples of the success statuses, with their types.
    pub samples: Vec<Sample>,
}

/// What one 2xx status returns.
enum Payload {
    Empty,
    Text,
    Json(RustType),
}

/// Types the success of `operation`, adding inferred types to `space`.
pub fn success(operation: &Operation, space: &mut TypeSpace, needs: &mut RuntimeNeeds) -> Success {
    let groups: Vec<&StatusExamples> = operation
        .responses
        .iter()
        .filter(|g| g.is_success())
        .collect();
    let with_body: Vec<&StatusExamples> = groups.iter().copied().filter(|g| has_body(g)).collect();
    // An empty body is a documented success too, also beside JSON examples of the same status
    // (pdfco's upload answers 200 with JSON in one example and nothing in another).
    let any_empty = groups.iter().any(|g| {
        !has_body(g)
            || g.examples
                .iter()
                .any(|e| matches!(e.body, ExampleContent::Empty))
    });
    let mut samples = Vec::new();

    let (ty, decoder, enum_def) = match with_body.as_slice() {
        [] => {
            needs.decoders.empty = true;
            (quote!(()), quote!(crate::runtime::empty), None)
        }
        [group] => {
            let name = format!("{}Response", operation.type_name);
            match payload(operation, group, &name, space, &mut samples) {
                Payload::Json(ty) if any_empty => {
                    needs.decoders.json_or_empty = true;
                    (
                        quote!(::std::option::Option<#ty>),
                        quote!(crate::runtime::json_or_empty),
                        None,
                    )
                }
                Payload::Json(ty) => {
                    needs.decoders.json = true;
                    (quote!(#ty), quote!(crate::runtime::json), None)
                }
                Payload::Text | Payload::Empty => {
                    needs.decoders.text = true;
                    (
                        quote!(::std::string::String),
                        quote!(crate::runtime::text),
                        None,
                    )
                }
            }
        }
        _ => success_enum(operation, &groups, space, &mut samples),
    };
    Success {
        ty,
        decoder,
        enum_def,
        samples,
    }
}

/// The types inferred for an operation's error bodies.
pub struct ErrorBodies {
    /// The type of each error status that has JSON examples.
    pub types: BTreeMap<u16, RustType>,
    /// Those examples, with their types.
    pub samples: Vec<Sample>,
}

/// Infers a type for the JSON examples of each error status of `operation`.
///
/// Call it after every success and request body type is in `space`: names go to the first shape
/// that claims them, so adding error types last never renames one of those.
pub fn error_bodies(operation: &Operation, space: &mut TypeSpace) -> ErrorBodies {
    let mut types = BTreeMap::new();
    let mut samples = Vec::new();
    for group in operation.responses.iter().filter(|g| !g.is_success()) {
        let (shape, bodies) = json_shape(group);
        if bodies == 0 {
            continue;
        }
        let status = group.status;
        let name = format!("{}Error{status}Body", operation.type_name);
        let status_text = format!("HTTP {status} {}", reason(status));
        let doc = format!(
            "Body of an error response of [`{0}`](crate::Client::{0}) ({1}), {2}.",
            operation.fn_name.trim_start_matches("r#"),
            status_text.trim_end(),
            inferred_from(bodies),
        );
        let ty = space.add_root_shape(&name, &doc, &shape);
        samples.extend(of_group(operation, group, &ty));
        types.insert(status, ty);
    }
    ErrorBodies { types, samples }
}

/// `inferred from 1 example`, `inferred from 3 examples`.
fn inferred_from(count: usize) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!("inferred from {count} example{plural}")
}

/// Whether the status carries a body. 204 and 205 never do (RFC 9110), whatever placeholder
/// the example holds (Zoom saves `{}` for some 204s).
fn has_body(group: &StatusExamples) -> bool {
    !matches!(group.status, 204 | 205)
        && group
            .examples
            .iter()
            .any(|e| !matches!(e.body, ExampleContent::Empty))
}

/// The payload of one success status; its JSON examples go to `samples`.
fn payload(
    operation: &Operation,
    group: &StatusExamples,
    name: &str,
    space: &mut TypeSpace,
    samples: &mut Vec<Sample>,
) -> Payload {
    let (shape, bodies) = json_shape(group);
    if bodies > 0 {
        let doc = format!(
            "Response body of [`{0}`](crate::Client::{0}) (HTTP {1}), {2}.",
            operation.fn_name.trim_start_matches("r#"),
            group.status,
            inferred_from(bodies),
        );
        let ty = space.add_root_shape(name, &doc, &shape);
        samples.extend(of_group(operation, group, &ty));
        return Payload::Json(ty);
    }
    let invalid_json = group
        .examples
        .iter()
        .any(|e| matches!(e.body, ExampleContent::InvalidJson(_)));
    if invalid_json {
        return Payload::Json(RustType::Value);
    }
    if group
        .examples
        .iter()
        .any(|e| matches!(e.body, ExampleContent::Text(_)))
    {
        Payload::Text
    } else {
        Payload::Empty
    }
}

fn success_enum(
    operation: &Operation,
    groups: &[&StatusExamples],
    space: &mut TypeSpace,
    samples: &mut Vec<Sample>,
) -> (TokenStream, TokenStream, Option<TokenStream>) {
    let enum_name = format_ident!("{}Response", operation.type_name);
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for group in groups {
        let status = group.status;
        let variant = format_ident!("{}", variant_name(status));
        let name = format!("{}Response{status}", operation.type_name);
        let variant_doc = doc(&format!("HTTP {status} {}", reason(status)));
        let status = Literal::u16_unsuffixed(status);
        let payload = if has_body(group) {
            payload(operation, group, &name, space, samples)
        } else {
            Payload::Empty
        };
        match payload {
            Payload::Json(ty) => {
                // Boxed so one large body does not make every variant as large.
                let ty = match ty {
                    RustType::Named(_) => quote!(::std::boxed::Box<#ty>),
                    other => quote!(#other),
                };
                variants.push(quote! { #variant_doc #variant(#ty) });
                arms.push(quote! { #status => ::std::option::Option::Some(::serde_json::from_slice(body).map(Self::#variant)), });
            }
            Payload::Text => {
                variants.push(quote! { #variant_doc #variant(::std::string::String) });
                arms.push(quote! {
                    #status => ::std::option::Option::Some(::std::result::Result::Ok(
                        Self::#variant(::std::string::String::from_utf8_lossy(body).into_owned()),
                    )),
                });
            }
            Payload::Empty => {
                variants.push(quote! { #variant_doc #variant });
                arms.push(quote! { #status => ::std::option::Option::Some(::std::result::Result::Ok(Self::#variant)), });
            }
        }
    }
    let fn_name = operation.fn_name.trim_start_matches("r#");
    let enum_doc = doc(&format!(
        "Success responses of [`{fn_name}`](crate::Client::{fn_name}), by status."
    ));
    let enum_def = quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #enum_name {
            #(#variants,)*
        }

        impl #enum_name {
            pub(crate) fn decode(
                status: u16,
                body: &[u8],
            ) -> ::std::option::Option<::std::result::Result<Self, ::serde_json::Error>> {
                match status {
                    #(#arms)*
                    _ => ::std::option::Option::None,
                }
            }
        }
    };
    (
        quote!(crate::responses::#enum_name),
        quote!(crate::responses::#enum_name::decode),
        Some(enum_def),
    )
}
