//! Stage 3: infer Rust types from JSON samples.
//!
//! Samples are joined in the shape lattice of [`shape`]; [`TypeSpace`] turns shapes into named
//! type definitions ([`TypeDef`]): one central name allocator, one type per distinct emitted
//! shape across the whole API, deterministic order. [`crate::emit::types`] prints them.

pub mod bodies;
pub mod media;
mod names;
pub mod samples;
pub mod shape;
mod space;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::naming::Scope;
use crate::overrides::TypeOverride;
use shape::Shape;

/// A Rust type as used in a field or signature.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RustType {
    /// `bool`
    Bool,
    /// `i64`
    I64,
    /// `u64`
    U64,
    /// `f64`
    F64,
    /// `String`
    String,
    /// `serde_json::Value`
    Value,
    /// `Vec<T>`
    Vec(Box<RustType>),
    /// `Option<T>`
    Option(Box<RustType>),
    /// A generated type in the `types` module, by its final name.
    Named(String),
    /// A type the user wrote in the overrides (`[[type]] fields`), checked to parse there.
    Custom(String),
}

impl RustType {
    /// Adds the names of the generated types this type names to `out`.
    pub fn named_types(&self, out: &mut BTreeSet<String>) {
        match self {
            RustType::Vec(inner) | RustType::Option(inner) => inner.named_types(out),
            RustType::Named(name) => {
                out.insert(name.clone());
            }
            // A type written in the overrides may name generated types (`crate::types::X`).
            RustType::Custom(text) => {
                for after in text.split("types::").skip(1) {
                    let name: String = after
                        .trim_start()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.insert(name);
                    }
                }
            }
            RustType::Bool
            | RustType::I64
            | RustType::U64
            | RustType::F64
            | RustType::String
            | RustType::Value => {}
        }
    }
}

impl TypeDef {
    /// The generated types this definition's fields or variants name.
    pub fn nested_types(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        match self {
            TypeDef::Struct(def) => def.fields.iter().for_each(|f| f.ty.named_types(&mut out)),
            TypeDef::Enum(def) => def.variants.iter().for_each(|v| v.ty.named_types(&mut out)),
        }
        out
    }
}

/// One generated type of the `types` module.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    /// A struct for JSON objects.
    Struct(StructDef),
    /// An untagged enum for values of different kinds.
    Enum(EnumDef),
}

impl TypeDef {
    /// The type's final name.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(def) => &def.name,
            TypeDef::Enum(def) => &def.name,
        }
    }
}

/// A struct inferred from JSON objects.
#[derive(Debug, Clone, PartialEq)]
pub struct StructDef {
    /// Type name.
    pub name: String,
    /// Doc comment text.
    pub doc: String,
    /// Fields in order of first appearance in the samples.
    pub fields: Vec<FieldDef>,
}

/// One field of a [`StructDef`].
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    /// Rust identifier text (`r#type` for keywords).
    pub name: String,
    /// The JSON key.
    pub key: String,
    /// The key, when it differs from the Rust name and needs `serde(rename)`.
    pub rename: Option<String>,
    /// Field type, `Option<…>` when missing or null in some samples.
    pub ty: RustType,
    /// Missing from some samples: `serde(default, skip_serializing_if = …)`.
    pub missing: bool,
    /// `null` in some samples (kept apart from `missing`; both become one `Option` today).
    pub null: bool,
    /// Doc comment text.
    pub doc: String,
}

/// An untagged enum over values of different kinds.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// Type name.
    pub name: String,
    /// Doc comment text.
    pub doc: String,
    /// Variants in the order they are tried when deserializing.
    pub variants: Vec<VariantDef>,
}

/// One variant of an [`EnumDef`], holding one value.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantDef {
    /// Variant name (`I64`, `F64`, `String`, `Bool`, `Array`, `Object`).
    pub name: String,
    /// Doc comment text.
    pub doc: String,
    /// The type it holds.
    pub ty: RustType,
    /// Held in a `Box` (objects, so the enum stays small).
    pub boxed: bool,
}

/// All inferred types of one API.
#[derive(Debug, Default)]
pub struct TypeSpace {
    /// Definitions by final name.
    defs: BTreeMap<String, TypeDef>,
    /// The name given to each distinct (canonical) object or `OneOf` shape.
    by_shape: BTreeMap<Shape, String>,
    /// Type names handed out.
    names: Scope,
    /// Renames and field types from the overrides file.
    overrides: Vec<TypeOverride>,
}

impl TypeSpace {
    /// An empty type space.
    #[cfg(any(test, feature = "internals"))]
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty type space that applies the `[[type]]` tables of an overrides file: a type
    /// generated under an overridden name takes the new name, its fields the given types.
    pub fn with_overrides(overrides: &[TypeOverride]) -> Self {
        Self {
            overrides: overrides.to_vec(),
            ..Self::default()
        }
    }

    /// Infers the type for `samples` (all samples of one body: same item, same status).
    ///
    /// `name` is the preferred UpperCamelCase name of the root type, `doc` its doc line. Returns
    /// the type for signatures: `Named` for objects and enums, `Vec(Named(…Item))` for arrays
    /// of objects, scalars as they are, `Value` when nothing better is known. Names are final:
    /// a name taken by a different shape gets a number; an equal shape reuses its type.
    pub fn add_root(&mut self, name: &str, doc: &str, samples: &[&Value]) -> RustType {
        self.add_root_shape(name, doc, &Shape::of_samples(samples))
    }

    /// Like [`TypeSpace::add_root`] for a shape already joined.
    pub fn add_root_shape(&mut self, name: &str, doc: &str, shape: &Shape) -> RustType {
        space::add_root(self, name, doc, shape)
    }

    /// Replaces the docs of `type_name`'s fields by `docs` (JSON key → text), for bodies whose
    /// fields the collection describes. Fields not named keep their docs.
    pub fn describe_fields(&mut self, type_name: &str, docs: &[(&str, &str)]) {
        if let Some(TypeDef::Struct(def)) = self.defs.get_mut(type_name) {
            for field in &mut def.fields {
                if let Some((_, doc)) = docs.iter().find(|(key, _)| *key == field.key) {
                    field.doc = (*doc).to_owned();
                }
            }
        }
    }

    /// The definition named `name`.
    #[cfg(any(test, feature = "internals"))]
    pub fn get(&self, name: &str) -> Option<&TypeDef> {
        self.defs.get(name)
    }

    /// All definitions, ordered by name.
    pub fn defs(&self) -> impl Iterator<Item = &TypeDef> {
        self.defs.values()
    }

    /// The number of definitions.
    #[cfg(any(test, feature = "internals"))]
    pub fn len(&self) -> usize {
        self.defs.len()
    }

    /// Whether no type was defined.
    #[cfg(any(test, feature = "internals"))]
    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }
}
