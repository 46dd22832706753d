//! What all the nodes of one class say together: the fields of the type it becomes (every
//! member's fields joined, so a field null in one sample and `123` in another is a nullable
//! integer), where it is used (which decides its [`FieldPolicy`](super::FieldPolicy)), and what
//! the collection says about its fields.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::combine::{Combined, Place};
use super::names::FieldNames;
use super::shape::{Shape, join};
use super::{Role, Root};

/// The joined evidence of one class.
#[derive(Debug)]
pub(super) struct Class<'a> {
    /// Every member's fields joined: missing from a member → `Optional`. Objects inside the
    /// values are left empty: each is a class of its own ([`Combined::child`]).
    pub fields: Vec<(String, Shape)>,
    /// The Rust name of each field, and its `serde(rename)` when the key differs.
    pub field_names: Vec<(String, Option<String>)>,
    /// Some member is in a body the client receives.
    pub received: bool,
    /// Some member is in a body the client sends.
    pub sent: bool,
    /// Some member is in a PATCH request body.
    pub patch: bool,
    /// Keys the collection marks required (form fields described as `(Required)`).
    pub required_keys: BTreeSet<&'a str>,
    /// Field docs the collection gives, by key.
    pub field_docs: BTreeMap<&'a str, &'a str>,
    /// Fields `null` in every sample, typed from the same key of classes with the same keys.
    pub typed_from_peers: BTreeSet<String>,
}

impl Class<'_> {
    /// The Rust name of the field with JSON key `key`.
    pub fn rust_name(&self, key: &str) -> Option<&str> {
        let index = self.fields.iter().position(|(k, _)| k == key)?;
        Some(self.field_names[index].0.as_str())
    }
}

/// The evidence of every class of `combined`.
pub(super) fn classes<'a>(combined: &Combined<'a>, roots: &'a [Root]) -> Vec<Class<'a>> {
    let mut classes: Vec<Class<'a>> = combined
        .classes
        .iter()
        .map(|members| {
            // Equal members join as one (joining is idempotent): many bodies repeat an object.
            let mut seen: HashSet<&[(String, Shape)]> = HashSet::new();
            let distinct = members
                .iter()
                .map(|&member| combined.nodes[member].fields)
                .filter(|fields| seen.insert(fields));
            let fields = match distinct.fold(Shape::Bottom, |joined, fields| {
                let fields = fields
                    .iter()
                    .map(|(key, shape)| (key.clone(), without_objects(shape)))
                    .collect();
                join(joined, Shape::Object(fields))
            }) {
                Shape::Object(fields) => fields,
                _ => Vec::new(),
            };
            let mut names = FieldNames::new();
            let field_names: Vec<(String, Option<String>)> =
                fields.iter().map(|(key, _)| names.name(key)).collect();
            let mut class = Class {
                fields: Vec::new(),
                field_names,
                received: false,
                sent: false,
                patch: false,
                required_keys: BTreeSet::new(),
                field_docs: BTreeMap::new(),
                typed_from_peers: BTreeSet::new(),
            };
            // The doc most members give each key (the first by text among equals), so that the
            // order of the items does not choose it.
            let mut docs: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
            for &member in members {
                let node = &combined.nodes[member];
                for root in combined.roots(member).iter().map(|&root| &roots[root]) {
                    match root.role {
                        Role::Success | Role::Error(_) => class.received = true,
                        Role::Request { patch } => {
                            class.sent = true;
                            class.patch |= patch;
                        }
                    }
                    // The collection's marks and docs are about the body's own fields.
                    if matches!(&node.place, Place::Root { steps } if steps.is_empty()) {
                        class
                            .required_keys
                            .extend(root.required_keys.iter().map(String::as_str));
                        for (key, doc) in &root.field_docs {
                            *docs.entry(key).or_default().entry(doc).or_default() += 1;
                        }
                    }
                }
            }
            for (key, counts) in docs {
                let best = counts
                    .into_iter()
                    .max_by(|(a, a_count), (b, b_count)| a_count.cmp(b_count).then(b.cmp(a)));
                if let Some((doc, _)) = best {
                    class.field_docs.insert(key, doc);
                }
            }
            class.fields = fields;
            class
        })
        .collect();
    type_from_peers(&mut classes);
    classes
}

/// Types the fields that are `null` in every sample of their class from the same key in the
/// classes with the same keys, when those agree on one kind of scalar: commercetools' update
/// bodies `{"version": …, "actions": […]}` have `version` as `{{cart-version}}` (null once
/// parsed) in most samples and an integer in others, but other `actions`.
fn type_from_peers(classes: &mut [Class<'_>]) {
    let mut peers: BTreeMap<Vec<&str>, Vec<usize>> = BTreeMap::new();
    for (index, class) in classes.iter().enumerate() {
        let mut keys: Vec<&str> = class.fields.iter().map(|(key, _)| key.as_str()).collect();
        keys.sort_unstable();
        peers.entry(keys).or_default().push(index);
    }
    let mut typed: Vec<(usize, usize, Shape)> = Vec::new();
    for group in peers.values().filter(|group| group.len() > 1) {
        let keys = classes[group[0]].fields.len();
        for field in 0..keys {
            let key = &classes[group[0]].fields[field].0;
            let at = |class: usize| classes[class].fields.iter().position(|(k, _)| k == key);
            let known = group
                .iter()
                .filter_map(|&class| Some(present(&classes[class].fields[at(class)?].1)))
                .filter(|shape| !matches!(shape, Shape::Null))
                .fold(Shape::Bottom, |joined, shape| join(joined, shape.clone()));
            if !matches!(
                known,
                Shape::Bool | Shape::Integer(_) | Shape::Float | Shape::String
            ) {
                continue;
            }
            for &class in group {
                let Some(index) = at(class) else { continue };
                let shape = &classes[class].fields[index].1;
                if matches!(present(shape), Shape::Null) {
                    let nullable = Shape::Nullable(Box::new(known.clone()));
                    let typed_shape = match shape {
                        Shape::Optional(_) => Shape::Optional(Box::new(nullable)),
                        _ => nullable,
                    };
                    typed.push((class, index, typed_shape));
                }
            }
        }
    }
    for (class, index, shape) in typed {
        let key = classes[class].fields[index].0.clone();
        classes[class].fields[index].1 = shape;
        classes[class].typed_from_peers.insert(key);
    }
}

/// A field's shape without its `Optional` (missing from some samples) and `Nullable` wrappers.
fn present(shape: &Shape) -> &Shape {
    match shape {
        Shape::Optional(inner) | Shape::Nullable(inner) => present(inner),
        other => other,
    }
}

/// `shape` with every object in it emptied: the objects are classes of their own.
fn without_objects(shape: &Shape) -> Shape {
    match shape {
        Shape::Object(_) => Shape::Object(Vec::new()),
        Shape::Array(inner) => Shape::Array(Box::new(without_objects(inner))),
        Shape::Optional(inner) => Shape::Optional(Box::new(without_objects(inner))),
        Shape::Nullable(inner) => Shape::Nullable(Box::new(without_objects(inner))),
        Shape::OneOf(members) => Shape::OneOf(members.iter().map(without_objects).collect()),
        other => other.clone(),
    }
}
