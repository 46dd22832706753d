//! What all the nodes of one class say together: the fields of the type it becomes (every
//! member's fields joined, so a field null in one sample and `123` in another is a nullable
//! integer), where it is used (which decides its [`FieldPolicy`](super::FieldPolicy)), and what
//! the collection says about its fields.

use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    /// The index of each field by key.
    by_key: HashMap<String, usize>,
}

impl Class<'_> {
    /// The Rust name of the field with JSON key `key`.
    pub fn rust_name(&self, key: &str) -> Option<&str> {
        self.by_key
            .get(key)
            .map(|index| self.field_names[*index].0.as_str())
    }
}

/// The evidence of every class of `combined`.
pub(super) fn classes<'a>(combined: &Combined<'a>, roots: &'a [Root]) -> Vec<Class<'a>> {
    let mut classes: Vec<Class<'a>> = combined
        .classes
        .iter()
        .map(|members| {
            let fields = match members.iter().fold(Shape::Bottom, |joined, &member| {
                let fields = combined.nodes[member]
                    .fields
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
                by_key: HashMap::new(),
            };
            for &member in members {
                let node = &combined.nodes[member];
                let root = &roots[node.root];
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
                        class.field_docs.entry(key).or_insert(doc);
                    }
                }
            }
            class.fields = fields;
            class
        })
        .collect();
    for class in &mut classes {
        class.by_key = class
            .fields
            .iter()
            .enumerate()
            .map(|(index, (key, _))| (key.clone(), index))
            .collect();
    }
    classes
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
