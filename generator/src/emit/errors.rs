//! The `errors` module's items: an error enum, chosen by status, with its `DOCUMENTED` table and
//! its `ApiError` impl (the runtime's `documented` and `api_error!` write them); an operation's
//! alias of a shared one. What each holds is the plan's
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

/// The enum, a variant per error status, with its `DOCUMENTED` table and `ApiError` impl.
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
        quote!(#status => #name)
    });
    let triples = def.documented.iter().map(|(status, code, message)| {
        let status = Literal::u16_unsuffixed(*status);
        quote!((#status, #code, #message))
    });
    let table = match def.documented.is_empty() {
        true => quote!(&[]),
        false => quote!(&crate::runtime::documented([#(#triples),*])),
    };
    let enum_doc = doc(&def.doc);
    quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants,)*
        }

        impl #name {
            /// The documented `(status, code, message)` triples, as data.
            pub const DOCUMENTED: &'static [crate::DocumentedError] = #table;
        }

        crate::runtime::api_error!(#name { #(#arms),* });
    }
}
