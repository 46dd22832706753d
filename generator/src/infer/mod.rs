//! Stage 3: infer Rust types from JSON samples.
//!
//! The samples of each body are joined in the shape lattice of [`shape`] into one root shape;
//! then every object of every root (request, success and error bodies of every operation) is
//! combined with the objects of the same kind ([`combine`]) into one class, named for what it
//! is ([`names`]); [`TypeSpace`] holds the resulting type definitions ([`TypeDef`]), whose fields
//! follow the evidence of all the samples and the [`FieldPolicies`]. [`crate::emit::types`]
//! prints them.

pub mod bodies;
mod classes;
mod combine;
#[cfg(test)]
mod crosscheck;
pub mod media;
mod names;
pub mod samples;
pub mod shape;
mod space;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

#[cfg(test)]
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
    /// `Box<T>`: a field whose type contains its own struct (a comment's `parent` comment).
    Box(Box<RustType>),
    /// A generated type in the `types` module, by its final name.
    Named(String),
    /// A type the user wrote in the overrides (`[[type]] fields`), checked to parse there.
    Custom(String),
}

impl RustType {
    /// Adds the names of the generated types this type names to `out`.
    pub fn named_types(&self, out: &mut BTreeSet<String>) {
        match self {
            RustType::Vec(inner) | RustType::Option(inner) | RustType::Box(inner) => {
                inner.named_types(out)
            }
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
    /// Field type, `Option<…>` when it may be left out or null.
    pub ty: RustType,
    /// May be left out (the [`FieldPolicy`], or a sample without it): `Option`, and
    /// `serde(default, skip_serializing_if = …)` so that `None` is not sent.
    pub optional: bool,
    /// Missing from some samples.
    pub missing: bool,
    /// `null` in some samples.
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

/// Which fields of the inferred structs a caller may leave out, or a server may omit or send
/// as `null`, beyond what the samples show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldPolicy {
    /// Every field is an `Option`, unless the collection marks it required (a form field whose
    /// description begins with `(Required)`): what no sample proves is not assumed (the
    /// choice of aws-sdk-rust and google-apis-rs, which follow the API model's `required`).
    #[default]
    Optional,
    /// A field is an `Option` only when some sample lacks it or holds `null` (quicktype's
    /// choice): tighter types that fail on a response the samples did not foresee.
    Observed,
}

/// The [`FieldPolicy`] of each direction: types the client receives and types it sends. A
/// type used both ways takes the looser of the two; a PATCH body leaves every field optional
/// whatever the policy (a partial update sends only what changes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldPolicies {
    /// Success and error bodies.
    pub responses: FieldPolicy,
    /// Request bodies.
    pub requests: FieldPolicy,
}

/// One body to type: all samples of one status of one operation, or its request body.
#[derive(Debug, Clone)]
pub struct Root {
    /// The UpperCamelCase name its own type takes when no other body shares it.
    pub name: String,
    /// The doc line of that type.
    pub doc: String,
    /// How other types' docs mention it (`the response of [`get_user`](…)`).
    pub mention: String,
    /// The joined shape of its samples; roots with equal shapes may share one.
    pub shape: Rc<Shape>,
    /// What the body is.
    pub role: Role,
    /// The index of its operation in the API.
    pub operation: usize,
    /// The resource it holds, when the operation's path names one (`/repos/:owner/:repo` →
    /// `Repo`): a name for a type that several operations return.
    pub resource: Option<String>,
    /// Keys of its top-level object the collection marks required.
    pub required_keys: BTreeSet<String>,
    /// Docs of its top-level fields by JSON key (form fields' descriptions).
    pub field_docs: BTreeMap<String, String>,
}

/// What a [`Root`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A success response body.
    Success,
    /// An error response body with this status.
    Error(u16),
    /// A request body; `patch` for a PATCH request.
    Request {
        /// The request's method is PATCH.
        patch: bool,
    },
}

/// All inferred types of one API.
#[derive(Debug, Default)]
pub struct TypeSpace {
    /// Definitions by final name.
    defs: BTreeMap<String, TypeDef>,
    /// Type names handed out.
    names: Scope,
    /// Renames, field types and required fields from the overrides file.
    overrides: Vec<TypeOverride>,
    /// Which fields may be left out.
    policies: FieldPolicies,
}

impl TypeSpace {
    /// Types every root in `roots` from the evidence of all of them, applying the `[[type]]`
    /// tables of an overrides file (a type generated under an overridden name takes the new
    /// name, its fields the given types) and `policies`. Returns the space and the type of each
    /// root, in order: `Named` for objects and enums, `Vec(Named(…))` for arrays of objects,
    /// scalars as they are, `Value` when nothing better is known.
    pub fn build(
        roots: &[Root],
        overrides: &[TypeOverride],
        policies: FieldPolicies,
    ) -> (TypeSpace, Vec<RustType>) {
        let mut space = TypeSpace {
            overrides: overrides.to_vec(),
            policies,
            ..TypeSpace::default()
        };
        let types = space::define(&mut space, roots);
        (space, types)
    }

    /// [`TypeSpace::build`] for roots given as `(name, samples)`, each a success body of its
    /// own operation: for tests.
    #[cfg(test)]
    pub fn of_samples(
        roots: &[(&str, &[Value])],
        policies: FieldPolicies,
    ) -> (TypeSpace, Vec<RustType>) {
        let roots: Vec<Root> = roots
            .iter()
            .enumerate()
            .map(|(operation, (name, samples))| {
                let samples: Vec<&Value> = samples.iter().collect();
                Root {
                    name: (*name).to_owned(),
                    doc: format!("Doc of `{name}`."),
                    mention: format!("`{name}`"),
                    shape: Rc::new(Shape::of_samples(&samples)),
                    role: Role::Success,
                    operation,
                    resource: None,
                    required_keys: BTreeSet::new(),
                    field_docs: BTreeMap::new(),
                }
            })
            .collect();
        TypeSpace::build(&roots, &[], policies)
    }

    /// The definition named `name`.
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

impl TypeSpace {
    /// Adds to the struct `type_name` a field for `key` that its samples lack but the API
    /// sends (a page token: Zoom's list examples leave `next_page_token` out): `Option<String>`,
    /// left out when absent. `false` when there is no such struct, or its Rust name is taken.
    pub fn add_unseen_text_field(&mut self, type_name: &str, key: &str, doc: &str) -> bool {
        let Some(TypeDef::Struct(def)) = self.defs.get_mut(type_name) else {
            return false;
        };
        let name = crate::naming::snake_case(key);
        if def.fields.iter().any(|f| f.key == key || f.name == name) {
            return false;
        }
        def.fields.push(FieldDef {
            rename: (name != key).then(|| key.to_owned()),
            name,
            key: key.to_owned(),
            ty: RustType::Option(Box::new(RustType::String)),
            optional: true,
            missing: true,
            null: false,
            doc: doc.to_owned(),
        });
        true
    }
}
