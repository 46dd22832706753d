//! From roots to type definitions: the objects of every root combined into classes
//! ([`super::combine`]), their evidence joined ([`super::classes`]), named ([`super::names`]),
//! then one struct per class whose fields follow the joined evidence and the field policies,
//! and one untagged enum per place whose values are of several kinds.
//!
//! A struct that holds itself by value, directly or through other structs (a comment's
//! `parent` comment), would have no size: those fields are boxed.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::Root;
use super::classes::{Class, classes};
use super::combine::{Combined, variant_name};
use super::names::{Place, class_names, code_span};
use super::shape::{IntType, Shape};
use super::{EnumDef, FieldDef, FieldPolicy, RustType, StructDef, TypeDef, TypeSpace, VariantDef};

/// Defines every type `roots` need in `space`; returns the type of each root.
pub(super) fn define(space: &mut TypeSpace, roots: &[Root]) -> Vec<RustType> {
    let shapes: Vec<&Rc<Shape>> = roots.iter().map(|root| &root.shape).collect();
    let combined = Combined::new(&shapes);
    let classes = classes(&combined, roots);
    let named = class_names(
        &combined,
        &classes,
        roots,
        &mut space.names,
        &space.overrides,
    );
    let boxed = boxed_fields(&combined, &classes, &named);
    let mut definer = Definer {
        space,
        combined: &combined,
        classes: &classes,
        named: &named,
        boxed,
        enums: BTreeMap::new(),
    };
    for class in 0..classes.len() {
        definer.define_struct(class);
    }
    roots
        .iter()
        .enumerate()
        .map(|(index, root)| match &*root.shape {
            Shape::Null => RustType::Value,
            shape => definer.resolve(shape, Place::root(root), At::Root(index), 0, false),
        })
        .collect()
}

/// Whose value is being typed: a root's, or a field's of a class.
#[derive(Debug, Clone, Copy)]
enum At<'k> {
    Root(usize),
    Field(usize, &'k str),
}

struct Definer<'s, 'a> {
    space: &'s mut TypeSpace,
    combined: &'s Combined<'a>,
    classes: &'s [Class<'a>],
    named: &'s [Option<(String, String)>],
    /// The fields (class, key) that hold a struct of their own cycle by value.
    boxed: BTreeSet<(usize, String)>,
    /// Enums defined so far, by what they hold: equal enums are one type.
    enums: BTreeMap<(Shape, Vec<(u8, usize)>), String>,
}

impl Definer<'_, '_> {
    /// The class of the object at array depth `depth` of the value at `at`.
    fn class_at(&self, at: At<'_>, depth: u8) -> Option<usize> {
        match at {
            At::Root(root) => self.combined.root_class(root, depth),
            At::Field(class, key) => self.combined.child(class, key, depth),
        }
    }

    /// The Rust type for `shape` at `place` (the value at `at`, inside `depth` arrays),
    /// defining the enums it needs. `by_value`: no array or enum between the field and here.
    fn resolve(
        &mut self,
        shape: &Shape,
        place: Place,
        at: At<'_>,
        depth: u8,
        by_value: bool,
    ) -> RustType {
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
            Shape::Array(inner) => RustType::Vec(Box::new(self.resolve(
                inner,
                place.element(),
                at,
                depth + 1,
                false,
            ))),
            Shape::Optional(inner) | Shape::Nullable(inner) => {
                match self.resolve(inner, place, at, depth, by_value) {
                    optional @ RustType::Option(_) => optional,
                    other => RustType::Option(Box::new(other)),
                }
            }
            Shape::Object(_) => self.object(at, depth, by_value),
            Shape::OneOf(members) if members.iter().any(|m| self.needs_value(m, at, depth)) => {
                RustType::Value
            }
            Shape::OneOf(members) => self.define_enum(shape, members, place, at, depth),
        }
    }

    /// The type of the object at array depth `depth` of the value at `at`; boxed when it is
    /// held `by_value` in a field of its own cycle.
    fn object(&self, at: At<'_>, depth: u8, by_value: bool) -> RustType {
        let Some((name, _)) = self
            .class_at(at, depth)
            .and_then(|class| self.named[class].as_ref())
        else {
            // A class without fields (`{}` in every sample): nothing better than any value.
            return RustType::Value;
        };
        let named = RustType::Named(name.clone());
        let boxed = match at {
            At::Field(class, key) => by_value && self.boxed.contains(&(class, key.to_owned())),
            At::Root(_) => false,
        };
        match boxed {
            true => RustType::Box(Box::new(named)),
            false => named,
        }
    }

    /// Whether a `OneOf` member resolves to `Value`, which would swallow every other variant.
    fn needs_value(&self, member: &Shape, at: At<'_>, depth: u8) -> bool {
        match member {
            Shape::Object(_) => self.object(at, depth, false) == RustType::Value,
            Shape::Integer(range) => range.int_type() == IntType::Neither,
            _ => false,
        }
    }

    fn define_struct(&mut self, class: usize) {
        let Some((name, doc)) = self.named[class].clone() else {
            return;
        };
        let classes = self.classes;
        let evidence = &classes[class];
        let overrides: Vec<_> = self
            .space
            .overrides
            .iter()
            .filter(|o| o.name == name || o.rename.as_ref().is_some_and(|r| *r.get_ref() == name))
            .cloned()
            .collect();
        let mut fields = Vec::with_capacity(evidence.fields.len());
        for ((key, shape), (field_name, rename)) in
            evidence.fields.iter().zip(&evidence.field_names)
        {
            let (missing, null, always_null) = facts(shape);
            let mut optional = missing || self.policy_leaves_out(evidence, key);
            if let Some(required) = overrides.iter().find_map(|o| o.required(key)) {
                optional = !required;
            }
            let custom = overrides
                .iter()
                .find_map(|o| o.field_type(key))
                .map(str::to_owned);
            let ty = match custom {
                Some(custom) => {
                    // `serde(default, skip_serializing_if = Option::is_none)` needs an Option.
                    optional &= custom
                        .trim_start_matches("::std::option::")
                        .starts_with("Option<");
                    RustType::Custom(custom)
                }
                None => {
                    let place = Place::field(&name, key, field_name);
                    let at = At::Field(class, key);
                    let ty = self.resolve(shape, place, at, 0, true);
                    match (optional, ty) {
                        (true, ty @ RustType::Option(_)) => ty,
                        (true, ty) => RustType::Option(Box::new(ty)),
                        (false, ty) => ty,
                    }
                }
            };
            let doc = match evidence.field_docs.get(key.as_str()) {
                Some(doc) if !doc.trim().is_empty() => doc.trim().to_owned(),
                _ if evidence.typed_from_peers.contains(key) => format!(
                    "Null in every sample: typed as {} is in the objects with the same keys.",
                    code_span(key)
                ),
                _ => field_doc(missing, null, always_null),
            };
            fields.push(FieldDef {
                doc,
                name: field_name.clone(),
                key: key.clone(),
                rename: rename.clone(),
                ty,
                optional,
                missing,
                null,
            });
        }
        let def = StructDef {
            name: name.clone(),
            doc,
            fields,
        };
        self.space.defs.insert(name, TypeDef::Struct(def));
    }

    /// Whether the field policy of the class's uses lets a caller leave `key` out: a type the
    /// client receives follows the response policy, one it sends the request policy (a PATCH
    /// body leaves everything out, a key the collection marks required nothing).
    fn policy_leaves_out(&self, class: &Class<'_>, key: &str) -> bool {
        let policies = self.space.policies;
        let received = class.received && policies.responses == FieldPolicy::Optional;
        let sent = class.sent
            && (class.patch || policies.requests == FieldPolicy::Optional)
            && !class.required_keys.contains(key);
        received || sent
    }

    fn define_enum(
        &mut self,
        shape: &Shape,
        members: &[Shape],
        place: Place,
        at: At<'_>,
        depth: u8,
    ) -> RustType {
        let key = (shape.canonical(), self.object_classes(shape, at, depth));
        if let Some(name) = self.enums.get(&key) {
            return RustType::Named(name.clone());
        }
        let name = self.space.names.claim(&place.name);
        self.enums.insert(key, name.clone());
        let mut variants = Vec::with_capacity(members.len());
        for member in members {
            let variant = variant_name(member);
            let ty = self.resolve(member, place.variant(&name, variant), at, depth, false);
            let doc = match (variant, &ty) {
                ("F64", _) => "A number with a fraction.",
                (_, RustType::U64) => "A non-negative integer beyond `i64`.",
                ("I64", _) => "An integer.",
                ("String", _) => "A string.",
                ("Bool", _) => "A boolean.",
                ("Array", _) => "An array.",
                _ => "An object.",
            };
            let variant = match (variant, &ty) {
                (_, RustType::U64) => "U64",
                (variant, _) => variant,
            };
            variants.push(VariantDef {
                name: variant.to_owned(),
                doc: doc.to_owned(),
                boxed: matches!(member, Shape::Object(_)),
                ty,
            });
        }
        let def = EnumDef {
            name: name.clone(),
            doc: place.doc,
            variants,
        };
        self.space.defs.insert(name.clone(), TypeDef::Enum(def));
        RustType::Named(name)
    }

    /// The classes of the objects in `shape` (at `at`, inside `depth` arrays), by array depth.
    fn object_classes(&self, shape: &Shape, at: At<'_>, depth: u8) -> Vec<(u8, usize)> {
        let mut found = Vec::new();
        let mut stack = vec![(shape, depth)];
        while let Some((shape, depth)) = stack.pop() {
            match shape {
                Shape::Object(_) => found.extend(self.class_at(at, depth).map(|c| (depth, c))),
                Shape::Array(inner) => stack.push((inner, depth + 1)),
                Shape::Optional(inner) | Shape::Nullable(inner) => stack.push((inner, depth)),
                Shape::OneOf(members) => stack.extend(members.iter().map(|m| (m, depth))),
                _ => {}
            }
        }
        found.sort_unstable();
        found
    }
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
/// non-null in every sample.
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

/// The fields that must be boxed: those holding, by value (not in an array or an enum, which
/// have a size of their own), a struct from which their own struct is reachable by value.
fn boxed_fields(
    combined: &Combined<'_>,
    classes: &[Class<'_>],
    named: &[Option<(String, String)>],
) -> BTreeSet<(usize, String)> {
    let mut edges: Vec<Vec<(usize, &str)>> = vec![Vec::new(); classes.len()];
    for (class, evidence) in classes.iter().enumerate() {
        for (key, shape) in &evidence.fields {
            if holds_object_by_value(shape) {
                if let Some(child) = combined.child(class, key, 0) {
                    if named[child].is_some() {
                        edges[class].push((child, key.as_str()));
                    }
                }
            }
        }
    }
    let component = strongly_connected(&edges);
    let mut boxed = BTreeSet::new();
    for (class, out) in edges.iter().enumerate() {
        for (child, key) in out {
            if component[*child] == component[class] {
                boxed.insert((class, (*key).to_owned()));
            }
        }
    }
    boxed
}

/// Whether the value's object (if any) is held by value: only `Option` around it.
fn holds_object_by_value(shape: &Shape) -> bool {
    match shape {
        Shape::Object(_) => true,
        Shape::Optional(inner) | Shape::Nullable(inner) => holds_object_by_value(inner),
        _ => false,
    }
}

/// The strongly connected component of each node of `edges` (Tarjan's algorithm, iterative).
fn strongly_connected(edges: &[Vec<(usize, &str)>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let (mut index, mut low) = (vec![UNSEEN; count], vec![0; count]);
    let (mut on_stack, mut stack) = (vec![false; count], Vec::new());
    let mut component = vec![UNSEEN; count];
    let (mut next_index, mut components) = (0, 0);
    for start in 0..count {
        if index[start] != UNSEEN {
            continue;
        }
        // (node, next edge to follow)
        let mut work = vec![(start, 0)];
        while let Some(&(node, edge)) = work.last() {
            if edge == 0 && index[node] == UNSEEN {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&(child, _)) = edges[node].get(edge) {
                if let Some(top) = work.last_mut() {
                    top.1 += 1;
                }
                if index[child] == UNSEEN {
                    work.push((child, 0));
                } else if on_stack[child] {
                    low[node] = low[node].min(index[child]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}
