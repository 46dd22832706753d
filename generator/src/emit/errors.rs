//! One error enum per operation: a variant per documented non-2xx status, chosen by status.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc;
use crate::infer::RustType;
use crate::model::Operation;
use crate::model::status::{reason, variant_name};
use crate::naming::ident;
use crate::plan::docs::code;

/// The name of `operation`'s error enum.
pub fn error_type_name(operation: &Operation) -> String {
    format!("{}Error", operation.type_name)
}

/// The error enum of `operation`, its `DOCUMENTED` table and its `ApiError` impl: a variant
/// for each of `error_statuses` (the plan's). `bodies` are the types inferred for error
/// statuses with JSON examples; variants keep the raw `ErrorBody` and name that type in their
/// docs.
pub fn error_enum(
    operation: &Operation,
    error_statuses: &[u16],
    bodies: &BTreeMap<u16, RustType>,
) -> TokenStream {
    let name = ident(&error_type_name(operation));
    let error_statuses = error_statuses.to_vec();

    let variants = error_statuses.iter().map(|&status| {
        let variant = format_ident!("{}", variant_name(status));
        let mut text = format!("HTTP {status} {}", reason(status))
            .trim_end()
            .to_owned();
        let documented: Vec<String> = operation
            .documented_errors
            .iter()
            .filter(|e| e.status == status)
            .map(|e| {
                if e.message.is_empty() {
                    code(&e.code)
                } else {
                    format!("{}: {}", code(&e.code), e.message)
                }
            })
            .collect();
        match documented.as_slice() {
            [] => {}
            [one] => text = format!("{text} — {one}"),
            many => {
                text.push_str(", with these documented error codes:\n");
                for line in many {
                    text.push_str(&format!("\n* {line}"));
                }
            }
        }
        if let Some(body) = bodies.get(&status).and_then(body_doc) {
            text.push_str(&format!(
                "\n\nThe documented body is {body}; decode it with `serde_json::from_slice(body.bytes())`."
            ));
        }
        let docs = doc(&text);
        quote! { #docs #variant(crate::ErrorBody) }
    });
    let arms = error_statuses.iter().map(|&status| {
        let variant = format_ident!("{}", variant_name(status));
        let status = Literal::u16_unsuffixed(status);
        quote! { #status => ::std::option::Option::Some(Self::#variant(body)), }
    });
    let table = operation
        .documented_errors
        .iter()
        .filter(|e| error_statuses.contains(&e.status))
        .map(|e| {
            let (status, code, message) = (Literal::u16_unsuffixed(e.status), &e.code, &e.message);
            quote! { crate::DocumentedError { status: #status, code: #code, message: #message }, }
        });

    let enum_doc = doc(&format!(
        "Error statuses documented for [`{0}`](crate::Client::{0}).",
        operation.fn_name.trim_start_matches("r#")
    ));
    let body_param = if error_statuses.is_empty() {
        quote!(_body)
    } else {
        quote!(body)
    };
    let status_param = if error_statuses.is_empty() {
        quote!(_status)
    } else {
        quote!(status)
    };
    let body = if error_statuses.is_empty() {
        quote! { ::std::option::Option::None }
    } else {
        quote! {
            match status {
                #(#arms)*
                _ => ::std::option::Option::None,
            }
        }
    };
    quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants,)*
        }

        impl #name {
            /// The documented `(status, code, message)` triples, as data.
            pub const DOCUMENTED: &'static [crate::DocumentedError] = &[#(#table)*];
        }

        impl crate::ApiError for #name {
            fn from_response(#status_param: u16, #body_param: crate::ErrorBody) -> ::std::option::Option<Self> {
                #body
            }
        }
    }
}

/// How a variant's doc names the type of its documented body, when it is a generated type.
fn body_doc(ty: &RustType) -> Option<String> {
    match ty {
        RustType::Named(name) => Some(format!("[`{name}`](crate::types::{name})")),
        RustType::Vec(inner) => body_doc(inner).map(|inner| format!("an array of {inner}")),
        _ => None,
    }
}
