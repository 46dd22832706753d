//! The `types` module of the generated crate: the definitions inferred by [`crate::infer`].
//!
//! A [`RustType`] is written fully qualified (`::std::…`, `::serde_json::Value`,
//! `crate::types::…`) so the code works from any module. [`TypePaths`] writes it shorter where
//! that is safe: inside `types` its own types go by name, and so do std's `Option`, `String`,
//! `Vec` and `Box` unless an API type takes one of those names (then they keep their `::std`
//! paths, so nothing is shadowed); in an operations file, which imports the `types` module,
//! `types::X` and std's by name.

use proc_macro2::{Ident, TokenStream};
use super::serde_derives::{FieldAttributes, SerdeCode};
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

/// How a module writes a [`RustType`], where the fully qualified paths are more than needed:
/// see the module doc.
#[derive(Debug, Clone, Copy)]
pub struct TypePaths {
    /// `X` (inside `types`) rather than `types::X` (where `types` is imported).
    own_by_name: bool,
    std_by_name: bool,
}

impl TypePaths {
    /// The std names written bare where no type takes them.
    const STD_NAMES: [&'static str; 4] = ["Option", "String", "Vec", "Box"];

    /// An operations file: it imports the `types` module and defines or imports no type, so
    /// std's names are never taken there.
    pub const OPERATIONS: TypePaths = TypePaths {
        own_by_name: false,
        std_by_name: true,
    };

    /// The `types` module, defining `names`.
    pub fn types_module<'a>(mut names: impl Iterator<Item = &'a str>) -> Self {
        Self {
            own_by_name: true,
            std_by_name: !names.any(|name| Self::STD_NAMES.contains(&name)),
        }
    }

    /// `ty` as written here.
    pub fn ty(self, ty: &RustType) -> TokenStream {
        match ty {
            RustType::Named(name) => {
                let name = ident(name);
                match self.own_by_name {
                    true => quote!(#name),
                    false => quote!(types::#name),
                }
            }
            RustType::String if self.std_by_name => quote!(String),
            RustType::Vec(inner) => self.generic(quote!(Vec), quote!(::std::vec::Vec), inner),
            RustType::Option(inner) => {
                self.generic(quote!(Option), quote!(::std::option::Option), inner)
            }
            RustType::Box(inner) => self.boxed(self.ty(inner)),
            other => other.to_token_stream(),
        }
    }

    fn generic(self, bare: TokenStream, qualified: TokenStream, inner: &RustType) -> TokenStream {
        let inner = self.ty(inner);
        match self.std_by_name {
            true => quote!(#bare<#inner>),
            false => quote!(#qualified<#inner>),
        }
    }

    /// `Box<inner>`.
    pub fn boxed(self, inner: TokenStream) -> TokenStream {
        match self.std_by_name {
            true => quote!(Box<#inner>),
            false => quote!(::std::boxed::Box<#inner>),
        }
    }
}

/// All definitions, in the order given, each deriving both serde directions.
#[cfg(test)]
pub fn type_defs<'a>(defs: impl IntoIterator<Item = &'a TypeDef>) -> TokenStream {
    let serde = SerdeCode {
        derives: quote!(#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]),
        fields: FieldAttributes {
            read: Some(None),
            default: true,
            skip_none: true,
        },
        by_key: crate::plan::types::Directions::default(),
    };
    let defs: Vec<&TypeDef> = defs.into_iter().collect();
    let local = TypePaths::types_module(defs.iter().map(|def| def.name()));
    defs.into_iter()
        .map(|def| type_def(def, local, &serde, &TokenStream::new(), &TokenStream::new()))
        .collect()
}

/// One definition with its docs, its serde code (the derives and `#[cfg_attr]`s of the
/// directions the plan chose, what its fields' attributes are for, and the key-by-key
/// `Deserialize`) and the user's `extra` attributes, last: a derive helper (`#[serde(…)]`)
/// must follow the derive that introduces it. `gate` (a `#[cfg]`, or nothing) goes on every
/// item.
pub fn type_def(
    def: &TypeDef,
    local: TypePaths,
    serde: &SerdeCode,
    extra: &TokenStream,
    gate: &TokenStream,
) -> TokenStream {
    match def {
        TypeDef::Struct(def) => struct_def(def, local, serde, extra, gate),
        TypeDef::Enum(def) => {
            let def = enum_def(def, local, &serde.derives, extra);
            quote!(#gate #def)
        }
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
    local: TypePaths,
    serde: &SerdeCode,
    extra: &TokenStream,
    gate: &TokenStream,
) -> TokenStream {
    let StructDef {
        name: type_name,
        doc,
        fields,
    } = def;
    let name = ident(type_name);
    let doc = doc_attrs(doc);
    let derives = &serde.derives;
    let field_defs = fields.iter().map(|f| field(f, local, serde.fields));
    let by_key = by_key(&name, fields.iter().map(|f| (f.key.as_str(), ident(&f.name))), serde.by_key)
        .map(|impls| quote!(#gate #impls));
    quote! {
        #gate
        #doc
        #derives
        #extra
        pub struct #name {
            #(#field_defs)*
        }
        #by_key
    }
}

/// `by_key!(Deserialize, Serialize for name { field, other = "key" });` (the module imports the
/// macro, [`super::macro_imports`]): the `directions` of `name` implemented key by key, through
/// the runtime's `Object` and `Fields`, from its `(JSON key, field)` pairs; a field whose key is
/// its name is listed by name alone. `None` when no direction is. The structs of `types` and
/// the query structs share it.
pub(super) fn by_key<'a>(
    name: &Ident,
    keyed: impl IntoIterator<Item = (&'a str, Ident)>,
    directions: crate::plan::types::Directions,
) -> Option<TokenStream> {
    let traits = match (directions.deserialize, directions.serialize) {
        (true, true) => quote!(Deserialize, Serialize),
        (true, false) => quote!(Deserialize),
        (false, true) => quote!(Serialize),
        (false, false) => return None,
    };
    let fields = keyed.into_iter().map(|(key, field)| {
        if field == key {
            quote!(#field)
        } else {
            quote!(#field = #key)
        }
    });
    Some(quote!(by_key!(#traits for #name { #(#fields),* });))
}

/// A field. An optional one is an `Option`, `None` when the key is missing; of a type the
/// client sends, it is left out when `None`. Its `#[serde(…)]` attribute says only what the
/// serde derives of its type read (`attributes`).
fn field(field: &FieldDef, local: TypePaths, attributes: FieldAttributes) -> TokenStream {
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
    let ty = local.ty(ty);
    let Some(gate) = attributes.read else {
        return quote! {
            #doc
            pub #name: #ty,
        };
    };
    let mut serde = Vec::new();
    if let Some(key) = rename {
        serde.push(quote!(rename = #key));
    }
    // `default` decodes a missing key without serde's generic `missing_field` (one
    // instantiation per field type): the same `None`, less code to compile.
    if *optional && attributes.default {
        serde.push(quote!(default));
    }
    if *optional && attributes.skip_none {
        serde.push(quote!(skip_serializing_if = "::std::option::Option::is_none"));
    }
    let serde = match (serde.is_empty(), gate) {
        (true, _) => None,
        (false, None) => Some(quote!(#[serde(#(#serde),*)])),
        (false, Some(feature)) => Some(quote!(#[cfg_attr(feature = #feature, serde(#(#serde),*))])),
    };
    quote! {
        #doc
        #serde
        pub #name: #ty,
    }
}

fn enum_def(def: &EnumDef, local: TypePaths, derives: &TokenStream, extra: &TokenStream) -> TokenStream {
    let EnumDef {
        name,
        doc,
        variants,
    } = def;
    let name = ident(name);
    let doc = doc_attrs(doc);
    let variants = variants.iter().map(|v| variant(v, local));
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

fn variant(variant: &VariantDef, local: TypePaths) -> TokenStream {
    let VariantDef {
        name,
        doc,
        ty,
        boxed,
    } = variant;
    let name = ident(name);
    let doc = doc_attrs(doc);
    let ty = match *boxed {
        true => local.boxed(local.ty(ty)),
        false => local.ty(ty),
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
    fn inside_types_names_go_bare_unless_an_api_type_takes_a_std_name() {
        let ty = RustType::Option(Box::new(RustType::Vec(Box::new(RustType::Named(
            "Repo".into(),
        )))));
        let bare = TypePaths::types_module(["Repo", "Owner"].into_iter());
        assert_eq!(bare.ty(&ty).to_string(), "Option < Vec < Repo > >");
        assert_eq!(bare.ty(&RustType::String).to_string(), "String");
        assert_eq!(bare.boxed(quote!(Repo)).to_string(), "Box < Repo >");
        let taken = TypePaths::types_module(["Repo", "String"].into_iter());
        assert_eq!(
            taken.ty(&ty).to_string(),
            ":: std :: option :: Option < :: std :: vec :: Vec < Repo > >"
        );
        assert_eq!(taken.ty(&RustType::String).to_string(), ":: std :: string :: String");
        assert_eq!(taken.boxed(quote!(Repo)).to_string(), ":: std :: boxed :: Box < Repo >");
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

    #[test]
    fn a_struct_decoded_by_key() {
        let def = TypeDef::Struct(StructDef {
            name: "Meeting".into(),
            doc: "A meeting.".into(),
            fields: vec![
                FieldDef {
                    name: "start_time".into(),
                    key: "startTime".into(),
                    rename: Some("startTime".into()),
                    ty: RustType::Option(Box::new(RustType::String)),
                    optional: true,
                    missing: true,
                    null: false,
                    doc: String::new(),
                },
                FieldDef {
                    name: "r#type".into(),
                    key: "type".into(),
                    rename: None,
                    ty: RustType::Option(Box::new(RustType::I64)),
                    optional: true,
                    missing: false,
                    null: true,
                    doc: String::new(),
                },
            ],
        });
        let serde = SerdeCode {
            derives: quote!(#[derive(Debug, Clone, Default, PartialEq)]),
            fields: FieldAttributes {
                read: Some(Some("serde-both-ways")),
                default: false,
                skip_none: false,
            },
            by_key: crate::plan::types::Directions {
                serialize: false,
                deserialize: true,
            },
        };
        let gate = quote!(#[cfg(feature = "users")]);
        let text = pretty(type_def(&def, TypePaths::types_module(std::iter::empty()), &serde, &TokenStream::new(), &gate));
        // The gate of a folder's feature goes on the struct and on its impls.
        assert_eq!(text.matches(r#"#[cfg(feature = "users")]"#).count(), 2, "{text}");
        // A renamed field's attribute is for the gated `Serialize` derive only; no `default`.
        assert!(text.contains(
            r#"#[cfg_attr(feature = "serde-both-ways", serde(rename = "startTime"))]"#
        ));
        assert!(!text.contains("default"), "{text}");
        // The impls from the list of fields: a key that is not the field's name is given.
        let impls = r#"by_key!(Deserialize for Meeting { start_time = "startTime", r#type = "type" });"#;
        let squeezed = |text: &str| text.split_whitespace().collect::<String>();
        assert!(squeezed(&text).contains(&squeezed(impls)), "{text}");
    }
}
