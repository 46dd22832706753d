//! The `types` module of the generated crate: the definitions inferred by [`crate::infer`].
//!
//! Every path is fully qualified (`::std::…`, `::serde_json::Value`, `crate::types::…`) so the
//! code works from any module and API types named `Option` or `Vec` cannot shadow std.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use crate::infer::{EnumDef, FieldDef, RustType, StructDef, TypeDef, VariantDef};
use crate::naming::ident;

impl ToTokens for RustType {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let code = match self {
            RustType::Bool => quote!(bool),
            RustType::I64 => quote!(i64),
            RustType::U64 => quote!(u64),
            RustType::F64 => quote!(f64),
            RustType::String => quote!(::std::string::String),
            RustType::Value => quote!(::serde_json::Value),
            RustType::Vec(inner) => quote!(::std::vec::Vec<#inner>),
            RustType::Option(inner) => quote!(::std::option::Option<#inner>),
            RustType::Box(inner) => quote!(::std::boxed::Box<#inner>),
            RustType::Named(name) => {
                let name = ident(name);
                quote!(crate::types::#name)
            }
            // Checked when the overrides were read; `Value` is the fallback that compiles
            // rather than a panic if that ever changes.
            RustType::Custom(text) => match syn::parse_str::<syn::Type>(text) {
                Ok(ty) => quote!(#ty),
                Err(_) => quote!(::serde_json::Value),
            },
        };
        tokens.extend(code);
    }
}

/// All definitions, in the order given, each deriving both serde directions.
#[cfg(test)]
pub fn type_defs<'a>(defs: impl IntoIterator<Item = &'a TypeDef>) -> TokenStream {
    let derives =
        quote!(#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]);
    defs.into_iter()
        .map(|def| type_def(def, &derives, &TokenStream::new(), true))
        .collect()
}

/// One definition with its docs, `derives` (the `#[derive]` and `#[cfg_attr]` attributes of
/// the directions the plan chose for it) and the user's `extra` attributes, last: a derive
/// helper (`#[serde(…)]`) must follow the derive that introduces it. `sent`: the client sends
/// the type, so its `None` fields are left out rather than sent as `null`.
pub fn type_def(
    def: &TypeDef,
    derives: &TokenStream,
    extra: &TokenStream,
    sent: bool,
) -> TokenStream {
    match def {
        TypeDef::Struct(def) => struct_def(def, derives, extra, sent),
        TypeDef::Enum(def) => enum_def(def, derives, extra),
    }
}

/// `#[doc]` attributes, one per line, each with the leading space `///` would give.
///
/// Docs here are short generated lines (the root doc is one line from the caller), so no
/// markdown sanitizing is needed. They quote JSON keys, which may hold control characters; those
/// are shown escaped (`\r`), since a bare CR in a doc comment does not even lex.
fn doc_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let mut shown = String::from(" ");
        for c in line.trim_end().chars() {
            if c.is_control() && c != '\t' {
                shown.extend(c.escape_default());
            } else {
                shown.push(c);
            }
        }
        shown
    });
    quote! { #( #[doc = #lines] )* }
}

fn struct_def(
    def: &StructDef,
    derives: &TokenStream,
    extra: &TokenStream,
    sent: bool,
) -> TokenStream {
    let StructDef { name, doc, fields } = def;
    let name = ident(name);
    let doc = doc_attrs(doc);
    let fields = fields.iter().map(|f| field(f, sent));
    quote! {
        #doc
        #derives
        #extra
        pub struct #name {
            #(#fields)*
        }
    }
}

/// A field. An optional one is an `Option`, `None` when the key is missing; of a type the
/// client sends, it is left out when `None`.
fn field(field: &FieldDef, sent: bool) -> TokenStream {
    let FieldDef {
        name,
        rename,
        ty,
        optional,
        doc,
        ..
    } = field;
    let name = ident(name);
    let doc = doc_attrs(doc);
    let mut serde = Vec::new();
    if let Some(key) = rename {
        serde.push(quote!(rename = #key));
    }
    // `default` decodes a missing key without serde's generic `missing_field` (one
    // instantiation per field type): the same `None`, less code to compile.
    match (*optional, sent) {
        (true, true) => serde.push(quote!(
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )),
        (true, false) => serde.push(quote!(default)),
        (false, _) => {}
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    quote! {
        #doc
        #serde
        pub #name: #ty,
    }
}

fn enum_def(def: &EnumDef, derives: &TokenStream, extra: &TokenStream) -> TokenStream {
    let EnumDef {
        name,
        doc,
        variants,
    } = def;
    let name = ident(name);
    let doc = doc_attrs(doc);
    let variants = variants.iter().map(variant);
    quote! {
        #doc
        #derives
        #[serde(untagged)]
        #extra
        pub enum #name {
            #(#variants)*
        }
    }
}

fn variant(variant: &VariantDef) -> TokenStream {
    let VariantDef {
        name,
        doc,
        ty,
        boxed,
    } = variant;
    let name = ident(name);
    let doc = doc_attrs(doc);
    let ty = if *boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty.to_token_stream()
    };
    quote! {
        #doc
        #name(#ty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pretty(tokens: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2::<syn::File>(tokens).expect("valid Rust"))
    }

    #[test]
    fn rust_types_are_fully_qualified() {
        let ty = RustType::Option(Box::new(RustType::Vec(Box::new(RustType::Named(
            "Repo".into(),
        )))));
        assert_eq!(
            ty.to_token_stream().to_string(),
            ":: std :: option :: Option < :: std :: vec :: Vec < crate :: types :: Repo > >"
        );
        let scalars = [RustType::Bool, RustType::I64, RustType::U64, RustType::F64];
        let text: Vec<String> = scalars
            .iter()
            .map(|t| t.to_token_stream().to_string())
            .collect();
        assert_eq!(text, ["bool", "i64", "u64", "f64"]);
        assert_eq!(
            RustType::String.to_token_stream().to_string(),
            ":: std :: string :: String"
        );
        assert_eq!(
            RustType::Value.to_token_stream().to_string(),
            ":: serde_json :: Value"
        );
    }

    #[test]
    fn struct_and_enum() {
        let defs = [
            TypeDef::Enum(EnumDef {
                name: "IdOrName".into(),
                doc: "`id` of [`Thing`].".into(),
                variants: vec![
                    VariantDef {
                        name: "I64".into(),
                        doc: "An integer.".into(),
                        ty: RustType::I64,
                        boxed: false,
                    },
                    VariantDef {
                        name: "Object".into(),
                        doc: "An object.".into(),
                        ty: RustType::Named("Thing".into()),
                        boxed: true,
                    },
                ],
            }),
            TypeDef::Struct(StructDef {
                name: "Thing".into(),
                doc: "A thing.".into(),
                fields: vec![
                    FieldDef {
                        name: "r#type".into(),
                        key: "type".into(),
                        rename: None,
                        ty: RustType::String,
                        optional: false,
                        missing: false,
                        null: false,
                        doc: "`type`: present in every sample.".into(),
                    },
                    FieldDef {
                        name: "odata_id".into(),
                        key: "@odata.id".into(),
                        rename: Some("@odata.id".into()),
                        ty: RustType::Option(Box::new(RustType::Named("IdOrName".into()))),
                        optional: true,
                        missing: true,
                        null: false,
                        doc: "`@odata.id`: missing from some samples.".into(),
                    },
                ],
            }),
        ];
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!("emit_types_struct_and_enum", pretty(type_defs(&defs)))
        });
    }
}
