//! The `errors` module's items: an error enum, chosen by status, with its `DOCUMENTED` table and
//! its `ApiError` impl (the runtime's `api_error!`, which the module imports, writes both); an
//! operation's alias of a shared one. What each holds is the plan's
//! ([`crate::plan::errors`]).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc;
use crate::naming::ident;
use crate::plan::errors::{ErrorEnum, OperationErrors};

/// An operation's error type: its own enum, or its alias of a shared one.
pub fn operation_errors(errors: &OperationErrors) -> TokenStream {
    match errors {
        OperationErrors::Own(own) => error_enum(own),
        OperationErrors::Alias { name, shared, doc: text } => {
            let (name, shared, docs) = (ident(name), ident(shared), doc(text));
            quote! { #docs pub type #name = #shared; }
        }
    }
}

/// The enum, a variant per error status, and `api_error!` with each status's variant and
/// documented codes: its `ApiError` impl and `DOCUMENTED` table.
pub fn error_enum(def: &ErrorEnum) -> TokenStream {
    let name = ident(&def.name);
    let variants = def.variants.iter().map(|variant| {
        let (docs, name) = (doc(&variant.doc), format_ident!("{}", variant.name));
        quote! { #docs #name(crate::ErrorBody) }
    });
    let arms = def.variants.iter().map(|variant| {
        let (status, name) = (
            Literal::u16_unsuffixed(variant.status),
            format_ident!("{}", variant.name),
        );
        let codes: Vec<TokenStream> = def
            .documented
            .iter()
            .filter(|(status, _, _)| *status == variant.status)
            .map(|(_, code, message)| quote!(#code => #message))
            .collect();
        match codes.is_empty() {
            true => quote!(#status => #name),
            false => quote!(#status => #name { #(#codes),* }),
        }
    });
    let enum_doc = doc(&def.doc);
    quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants,)*
        }

        api_error!(#name { #(#arms),* });
    }
}
