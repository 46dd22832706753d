//! From shapes to named type definitions: the arena side of [`TypeSpace`].
//!
//! Names are claimed top-down when a type is first met (parent before children), so
//! [`TypeSpace::add_root`] can return final names. Nested types are named `{Parent}{Field}`, array
//! elements by the singular of the field; a name already taken by a *different* shape gets the
//! next free number from [`Scope::claim`](crate::naming::Scope::claim). Since children are named
//! from their parent's final name, a renamed parent (`GetUserResponse2`) renames its whole
//! subtree (`GetUserResponse2Address`), so numbers stay at the top. A shape equal to one seen
//! before (after [`Shape::canonical`]) reuses that type, name and doc.

use super::names::{FieldNames, camel_piece, code_span, element_name, root_name};
use super::shape::{IntType, Kind, Shape};
use super::{EnumDef, FieldDef, RustType, StructDef, TypeDef, TypeSpace, VariantDef};

/// Where a value sits: what a type defined for it would be called and documented as.
struct Place {
    /// Preferred type name.
    name: String,
    /// Doc comment of a type defined here.
    doc: String,
    /// How docs of nested places refer to this one (`` `tags` of [`Repo`] ``).
    subject: String,
    /// Name array elements by the singular of `name` (fields) rather than `{name}Item`.
    singular: bool,
}

impl Place {
    fn element(&self) -> Place {
        let name = if self.singular {
            element_name(&self.name)
        } else {
            format!("{}Item", self.name)
        };
        Place {
            name,
            doc: format!("An element of {}.", self.subject),
            subject: format!("an element of {}", self.subject),
            singular: false,
        }
    }
}

pub(super) fn add_root(space: &mut TypeSpace, name: &str, doc: &str, shape: &Shape) -> RustType {
    let name = root_name(name);
    let subject = format!("the array: {}", doc.trim_end_matches('.'));
    let place = Place {
        name,
        doc: doc.to_owned(),
        subject,
        singular: false,
    };
    match shape {
        Shape::Null => RustType::Value,
        shape => resolve(space, shape, place),
    }
}

/// The Rust type for `shape` at `place`, defining the types it needs.
fn resolve(space: &mut TypeSpace, shape: &Shape, place: Place) -> RustType {
    match shape {
        Shape::Bottom | Shape::Any => RustType::Value,
        Shape::Null => RustType::Option(Box::new(RustType::Value)),
        Shape::Bool => RustType::Bool,
        Shape::Integer(range) => match range.int_type() {
            IntType::I64 => RustType::I64,
            IntType::U64 => RustType::U64,
            IntType::Neither => RustType::Value,
        },
        Shape::Float => RustType::F64,
        Shape::String => RustType::String,
        Shape::Array(inner) => RustType::Vec(Box::new(resolve(space, inner, place.element()))),
        Shape::Optional(inner) | Shape::Nullable(inner) => match resolve(space, inner, place) {
            optional @ RustType::Option(_) => optional,
            other => RustType::Option(Box::new(other)),
        },
        Shape::Object(fields) if fields.is_empty() => RustType::Value,
        Shape::Object(fields) => define_struct(space, shape, fields, place),
        Shape::OneOf(members) if members.iter().any(needs_value) => RustType::Value,
        Shape::OneOf(members) => define_enum(space, shape, members, place),
    }
}

/// Whether a `OneOf` member resolves to `Value`, which would swallow every other variant.
fn needs_value(member: &Shape) -> bool {
    match member {
        Shape::Object(fields) => fields.is_empty(),
        Shape::Integer(range) => range.int_type() == IntType::Neither,
        _ => false,
    }
}

/// The name already given to an equal shape, or a newly claimed one.
fn claim(space: &mut TypeSpace, shape: &Shape, preferred: &str) -> Result<String, String> {
    let key = shape.canonical();
    if let Some(name) = space.by_shape.get(&key) {
        return Err(name.clone());
    }
    let mut name = space.names.claim(preferred);
    // Renames match the name a type would get, the one a user sees in the output.
    if let Some(rename) = space.overrides.iter().find(|o| o.name == name) {
        rename.mark_seen();
        if let Some(to) = &rename.rename {
            name = space.names.claim(to.get_ref());
        }
    }
    space.by_shape.insert(key, name.clone());
    Ok(name)
}

fn define_struct(
    space: &mut TypeSpace,
    shape: &Shape,
    fields: &[(String, Shape)],
    place: Place,
) -> RustType {
    let name = match claim(space, shape, &place.name) {
        Ok(name) => name,
        Err(existing) => return RustType::Named(existing),
    };
    let mut names = FieldNames::new();
    let mut defs = Vec::with_capacity(fields.len());
    for (key, field_shape) in fields {
        let (field_name, rename) = names.name(key);
        let subject = format!("{} of [`{name}`]", code_span(key));
        let child = Place {
            name: format!("{name}{}", camel_piece(&field_name)),
            doc: format!("{subject}."),
            subject,
            singular: true,
        };
        let (mut missing, null, always_null) = facts(field_shape);
        let custom = space
            .overrides
            .iter()
            .find(|o| o.name == name || o.rename.as_ref().is_some_and(|r| *r.get_ref() == name))
            .and_then(|o| o.field_type(key))
            .map(str::to_owned);
        let ty = match custom {
            Some(custom) => {
                // `serde(default, skip_serializing_if = Option::is_none)` needs an Option.
                missing &= custom
                    .trim_start_matches("::std::option::")
                    .starts_with("Option<");
                RustType::Custom(custom)
            }
            None => resolve(space, field_shape, child),
        };
        defs.push(FieldDef {
            doc: field_doc(missing, null, always_null),
            name: field_name,
            key: key.clone(),
            rename,
            ty,
            missing,
            null,
        });
    }
    let def = StructDef {
        name: name.clone(),
        doc: place.doc,
        fields: defs,
    };
    space.defs.insert(name.clone(), TypeDef::Struct(def));
    RustType::Named(name)
}

/// Whether a field was missing, null, and null in every sample that has it.
fn facts(shape: &Shape) -> (bool, bool, bool) {
    let (missing, present) = match shape {
        Shape::Optional(inner) => (true, &**inner),
        other => (false, other),
    };
    match present {
        Shape::Null => (missing, true, true),
        Shape::Nullable(_) => (missing, true, false),
        _ => (missing, false, false),
    }
}

/// What the samples say about a field that its type does not: nothing for a field present and
/// non-null in every sample (its type says it all).
fn field_doc(missing: bool, null: bool, always_null: bool) -> String {
    let seen = match (missing, null, always_null) {
        (false, false, _) => return String::new(),
        (true, false, _) => "Missing from some samples",
        (false, true, false) => "Null in some samples",
        (true, true, false) => "Missing from some samples, null in some",
        (false, true, true) => "Null in every sample: its type is unknown",
        (true, true, true) => "Missing from some samples, null in the others: its type is unknown",
    };
    format!("{seen}.")
}

fn define_enum(space: &mut TypeSpace, shape: &Shape, members: &[Shape], place: Place) -> RustType {
    let name = match claim(space, shape, &place.name) {
        Ok(name) => name,
        Err(existing) => return RustType::Named(existing),
    };
    let mut variants = Vec::with_capacity(members.len());
    for member in members {
        let (variant, doc) = match member.kind() {
            Some(Kind::Number) if *member == Shape::Float => ("F64", "A number with a fraction."),
            Some(Kind::Number) => match resolve(space, member, nowhere()) {
                RustType::U64 => ("U64", "A non-negative integer beyond `i64`."),
                _ => ("I64", "An integer."),
            },
            Some(Kind::String) => ("String", "A string."),
            Some(Kind::Bool) => ("Bool", "A boolean."),
            Some(Kind::Array) => ("Array", "An array."),
            Some(Kind::Object) | None => ("Object", "An object."),
        };
        let subject = format!("the `{variant}` variant of [`{name}`]");
        let child = Place {
            // Only objects define a type of their own; array elements become `{name}Item`.
            name: if variant == "Array" {
                name.clone()
            } else {
                format!("{name}{variant}")
            },
            doc: format!("The value of {subject}."),
            subject,
            singular: false,
        };
        let ty = resolve(space, member, child);
        let boxed = matches!(member, Shape::Object(_));
        variants.push(VariantDef {
            name: variant.to_owned(),
            doc: doc.to_owned(),
            ty,
            boxed,
        });
    }
    let def = EnumDef {
        name: name.clone(),
        doc: place.doc,
        variants,
    };
    space.defs.insert(name.clone(), TypeDef::Enum(def));
    RustType::Named(name)
}

/// A place for scalars, which never define a type.
fn nowhere() -> Place {
    Place {
        name: String::new(),
        doc: String::new(),
        subject: String::new(),
        singular: false,
    }
}
