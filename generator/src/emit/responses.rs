//! The success type of each operation and how `send` decodes it: a body type, `Option<T>` when
//! an empty 2xx is documented beside it, `String` for text, `()` for nothing, or an enum with a
//! variant per success status (the `responses` module).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc;
use super::types::TypePaths;
use crate::infer::RustType;
use crate::infer::bodies::{Payload, Success};
use crate::model::status::{reason, variant_name};
use crate::plan::operation::OperationPlan;

/// How an operation's success is typed and decoded.
pub struct SuccessCode {
    /// The type in the method's signature, as an operations file writes it.
    pub ty: TokenStream,
    /// The decoder passed to `send`, as an operations file writes it.
    pub decoder: TokenStream,
    /// A success enum for the `responses` module, when there are several success bodies.
    pub enum_def: Option<TokenStream>,
}

/// The success typing of `plan` as code.
pub fn success(plan: &OperationPlan) -> SuccessCode {
    let paths = TypePaths::OPERATIONS;
    let (ty, decoder, enum_def) = match &plan.bodies.success {
        Success::Empty => (quote!(()), quote!(runtime::empty), None),
        Success::One {
            payload: Payload::Json(ty),
            or_empty: true,
        } => {
            let ty = paths.ty(ty);
            (quote!(Option<#ty>), quote!(runtime::json_or_empty), None)
        }
        Success::One {
            payload: Payload::Json(ty),
            or_empty: false,
        } => (paths.ty(ty), quote!(runtime::json), None),
        Success::One {
            payload: Payload::Bytes,
            ..
        } => (quote!(Vec<u8>), quote!(runtime::bytes), None),
        Success::One { .. } => (quote!(String), quote!(runtime::text), None),
        Success::ByStatus(statuses) => success_enum(plan, statuses),
    };
    SuccessCode {
        ty,
        decoder,
        enum_def,
    }
}

fn success_enum(
    plan: &OperationPlan,
    statuses: &[(u16, Payload)],
) -> (TokenStream, TokenStream, Option<TokenStream>) {
    let enum_name = format_ident!("{}Response", plan.operation.type_name);
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for (status, payload) in statuses {
        let variant = format_ident!("{}", variant_name(*status));
        let variant_doc = doc(&format!("HTTP {status} {}", reason(*status)));
        let status = Literal::u16_unsuffixed(*status);
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
            Payload::Bytes => {
                variants.push(quote! { #variant_doc #variant(::std::vec::Vec<u8>) });
                arms.push(quote! {
                    #status => ::std::option::Option::Some(::std::result::Result::Ok(
                        Self::#variant(body.to_vec()),
                    )),
                });
            }
            Payload::Empty => {
                variants.push(quote! { #variant_doc #variant });
                arms.push(quote! { #status => ::std::option::Option::Some(::std::result::Result::Ok(Self::#variant)), });
            }
        }
    }
    let fn_name = plan.fn_name();
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
        quote!(responses::#enum_name),
        quote!(responses::#enum_name::decode),
        Some(enum_def),
    )
}
