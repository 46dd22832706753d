//! The success type of each operation, from its 2xx examples.
//!
//! One documented success body → that type; a success body beside an empty 2xx → `Option<T>`;
//! several 2xx statuses with bodies → an enum with a variant per status, never a merged type.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::docs::doc;
use super::runtime::RuntimeNeeds;
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
    let any_empty = groups.iter().any(|g| !has_body(g));

    match with_body.as_slice() {
        [] => {
            needs.decode_empty = true;
            Success {
                ty: quote!(()),
                decoder: quote!(crate::runtime::empty),
                enum_def: None,
            }
        }
        [group] => {
            let name = format!("{}Response", operation.type_name);
            match payload(operation, group, &name, space) {
                Payload::Json(ty) if any_empty => {
                    needs.decode_json_or_empty = true;
                    Success {
                        ty: quote!(::std::option::Option<#ty>),
                        decoder: quote!(crate::runtime::json_or_empty),
                        enum_def: None,
                    }
                }
                Payload::Json(ty) => {
                    needs.decode_json = true;
                    Success {
                        ty: quote!(#ty),
                        decoder: quote!(crate::runtime::json),
                        enum_def: None,
                    }
                }
                Payload::Text | Payload::Empty => {
                    needs.decode_text = true;
                    Success {
                        ty: quote!(::std::string::String),
                        decoder: quote!(crate::runtime::text),
                        enum_def: None,
                    }
                }
            }
        }
        _ => success_enum(operation, &groups, space),
    }
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

fn payload(
    operation: &Operation,
    group: &StatusExamples,
    name: &str,
    space: &mut TypeSpace,
) -> Payload {
    let samples: Vec<&Value> = group
        .examples
        .iter()
        .filter_map(|e| match &e.body {
            ExampleContent::Json(value) => Some(value),
            _ => None,
        })
        .collect();
    if !samples.is_empty() {
        let count = samples.len();
        let plural = if count == 1 { "" } else { "s" };
        let doc = format!(
            "Response body of [`{}`](crate::Client::{}) (HTTP {}), inferred from {count} example{plural}.",
            operation.fn_name.trim_start_matches("r#"),
            operation.fn_name.trim_start_matches("r#"),
            group.status,
        );
        return Payload::Json(space.add_root(name, &doc, &samples));
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
) -> Success {
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
            payload(operation, group, &name, space)
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
    Success {
        ty: quote!(crate::responses::#enum_name),
        decoder: quote!(crate::responses::#enum_name::decode),
        enum_def: Some(enum_def),
    }
}
