//! What each generated type is used for, decided from the operation plans: which serde
//! directions it derives (a response type is never sent, a request body never received) and,
//! with per-folder features, which folders' features it sits behind.
//!
//! An operation uses a type directly (its arguments, its success and error bodies); a type
//! nested in one it uses is used the same way, through any depth and cycle.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;

use super::operation::OperationPlan;
use crate::infer::{RustType, TypeDef, TypeSpace};

/// Which serde traits the inferred types derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SerdeDerives {
    /// The directions each type is used in, and the other one under the crate's
    /// `serde-both-ways` cargo feature (off by default): for a generated crate, which
    /// declares the feature.
    #[default]
    UsedOrFeature,
    /// Only the directions each type is used in: for `include!`, where the including crate
    /// owns the features, so the code names none of its own.
    Used,
    /// `Serialize` and `Deserialize` on every type.
    Both,
}

/// The serde traits one type needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Directions {
    /// The client sends it.
    pub serialize: bool,
    /// The client receives it.
    pub deserialize: bool,
}

impl Directions {
    /// Both traits.
    pub const BOTH: Directions = Directions {
        serialize: true,
        deserialize: true,
    };
}

/// The use of every type of a [`TypeSpace`].
#[derive(Debug, Default)]
pub struct TypeUsage {
    directions: BTreeMap<String, Directions>,
    /// The structs the client sends that derive `Default`, so a caller can write
    /// `Body { topic: Some(…), ..Default::default() }`.
    defaults: BTreeSet<String>,
    /// The features of the folders using each type, for types not every folder uses.
    gates: BTreeMap<String, BTreeSet<String>>,
    /// The serde traits the runtime implements, key by key, for some structs
    /// ([`TypeUsage::choose_by_key`]).
    by_key: BTreeMap<String, Directions>,
}

impl TypeUsage {
    /// Follows what `operations` use through the nesting of `space`'s types. `features` are
    /// the folders' feature names by folder index, when each folder is a feature.
    pub fn new(
        space: &TypeSpace,
        operations: &[OperationPlan],
        features: Option<&[String]>,
    ) -> Self {
        let nesting: BTreeMap<String, BTreeSet<String>> = space
            .defs()
            .map(|def| (def.name().to_owned(), def.nested_types()))
            .collect();

        let (mut sent, mut received) = (BTreeSet::new(), BTreeSet::new());
        let mut by_folder: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for plan in operations {
            plan.sent_types(&mut sent);
            plan.success_types(&mut received);
            plan.error_types(&mut received);
            if let Some(features) = features {
                // A folder's feature gates the types its methods name in their signatures and
                // success enums; error bodies are only named in docs.
                let direct = by_folder.entry(features[plan.folder].clone()).or_default();
                plan.sent_types(direct);
                plan.success_types(direct);
            }
        }

        let roots = BTreeMap::from([(SENT.to_owned(), sent), (RECEIVED.to_owned(), received)]);
        let directions = close_over(&roots, &nesting)
            .into_iter()
            .map(|(name, labels)| {
                let directions = Directions {
                    serialize: labels.contains(SENT),
                    deserialize: labels.contains(RECEIVED),
                };
                (name, directions)
            })
            .collect();
        let folders = features.map_or(0, <[String]>::len);
        let gates = close_over(&by_folder, &nesting)
            .into_iter()
            .filter(|(_, features)| features.len() < folders)
            .collect();
        let defaults = defaults(space, &directions);
        TypeUsage {
            directions,
            defaults,
            gates,
            by_key: BTreeMap::new(),
        }
    }

    /// Chooses the structs whose serde traits the runtime implements key by key (its `Object`
    /// decodes, its `Fields` encodes) rather than serde's derives: a struct whose fields are
    /// all `Option`, to which the user gave no serde attribute or derive of their own
    /// (`attributes`, by type name), decodes so if it is received (or every type is, with
    /// [`SerdeDerives::Both`]), and encodes so if it is sent (its `None` fields left out). A
    /// struct decoded so derives `Default`, which the decoding starts from. Returns which
    /// traits some struct implements so.
    ///
    /// The derives' code is mostly what a struct of `Option`s does not need (a field enum, a
    /// sequence visitor, a local per field; a length counted field by field), and it was most
    /// of a generated crate's build (BENCHMARKS.md, issue 20).
    pub fn choose_by_key(
        &mut self,
        space: &TypeSpace,
        attributes: &BTreeMap<String, TokenStream>,
        serde: SerdeDerives,
    ) -> Directions {
        let user_decides = |name: &str, derive: &str| {
            attributes.get(name).is_some_and(|extra| {
                crate::attributes::names(extra, "serde") || crate::attributes::derives(extra, derive)
            })
        };
        let mut any = Directions::default();
        for def in space.defs() {
            let TypeDef::Struct(def) = def else { continue };
            if !def.fields.iter().all(|f| matches!(f.ty, RustType::Option(_))) {
                continue;
            }
            let used = self.directions(&def.name);
            let by_key = Directions {
                serialize: used.serialize && !user_decides(&def.name, "Serialize"),
                deserialize: (used.deserialize || serde == SerdeDerives::Both)
                    && !user_decides(&def.name, "Deserialize"),
            };
            if by_key.deserialize {
                self.defaults.insert(def.name.clone());
            }
            any.serialize |= by_key.serialize;
            any.deserialize |= by_key.deserialize;
            if by_key != Directions::default() {
                self.by_key.insert(def.name.clone(), by_key);
            }
        }
        any
    }

    /// The serde traits the runtime implements for the struct named `name`
    /// ([`TypeUsage::choose_by_key`]).
    pub fn by_key(&self, name: &str) -> Directions {
        self.by_key.get(name).copied().unwrap_or_default()
    }

    /// Whether the type named `name` derives `Default`.
    pub fn derives_default(&self, name: &str) -> bool {
        self.defaults.contains(name)
    }

    /// The directions the type named `name` is used in; both for a type no operation reaches
    /// (none is inferred that way today): nothing says which one it needs.
    pub fn directions(&self, name: &str) -> Directions {
        self.directions
            .get(name)
            .copied()
            .unwrap_or(Directions::BOTH)
    }

    /// The features the type named `name` sits behind; none when every folder uses it or
    /// folders are not features.
    pub fn gate(&self, name: &str) -> Option<&BTreeSet<String>> {
        self.gates.get(name)
    }
}

/// The sent structs whose every field has a `Default`: the largest such set, since a struct's
/// fields may name other structs of the set (or the struct itself, boxed).
fn defaults(space: &TypeSpace, directions: &BTreeMap<String, Directions>) -> BTreeSet<String> {
    let mut defaults: BTreeSet<String> = space
        .defs()
        .filter(|def| matches!(def, TypeDef::Struct(_)))
        .map(|def| def.name().to_owned())
        .filter(|name| directions.get(name).is_some_and(|d| d.serialize))
        .collect();
    loop {
        let lacking: Vec<String> = defaults
            .iter()
            .filter(|name| match space.get(name) {
                Some(TypeDef::Struct(def)) => {
                    !def.fields.iter().all(|f| has_default(&f.ty, &defaults))
                }
                _ => true,
            })
            .cloned()
            .collect();
        if lacking.is_empty() {
            return defaults;
        }
        for name in lacking {
            defaults.remove(&name);
        }
    }
}

/// Whether `ty` implements `Default`, the generated types in `defaults` deriving it.
fn has_default(ty: &RustType, defaults: &BTreeSet<String>) -> bool {
    match ty {
        RustType::Bool
        | RustType::I64
        | RustType::U64
        | RustType::F64
        | RustType::String
        | RustType::Value
        | RustType::Vec(_)
        | RustType::Option(_) => true,
        RustType::Box(inner) => has_default(inner, defaults),
        RustType::Named(name) => defaults.contains(name),
        // A type the user wrote: only the ones known to have a default.
        RustType::Custom(text) => {
            let text = text.trim().trim_start_matches("::std::option::");
            ["Option<", "Vec<", "String", "bool", "i64", "u64", "f64"]
                .iter()
                .any(|known| text.starts_with(known))
        }
    }
}

// Labels for `close_over`, which closes sets of root types over nesting.
const SENT: &str = "sent";
const RECEIVED: &str = "received";

/// For each type, the labels (features, directions) whose root set reaches it through
/// `nesting`.
fn close_over(
    roots: &BTreeMap<String, BTreeSet<String>>,
    nesting: &BTreeMap<String, BTreeSet<String>>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut labels: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (label, used) in roots {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut stack: Vec<&str> = used.iter().map(String::as_str).collect();
        while let Some(name) = stack.pop() {
            if !seen.insert(name) {
                continue;
            }
            labels
                .entry(name.to_owned())
                .or_default()
                .insert(label.clone());
            if let Some(nested) = nesting.get(name) {
                stack.extend(nested.iter().map(String::as_str));
            }
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn nested_types_follow_every_label_that_uses_their_parent() {
        // `Meeting` nests `Settings` and `Occurrence`, which nests itself.
        let nesting = BTreeMap::from([
            ("CreateBody".to_owned(), set(&["Settings"])),
            ("Meeting".to_owned(), set(&["Settings", "Occurrence"])),
            ("Occurrence".to_owned(), set(&["Occurrence"])),
        ]);
        let roots = BTreeMap::from([
            ("sent".to_owned(), set(&["CreateBody"])),
            ("received".to_owned(), set(&["Meeting"])),
        ]);
        let labels = close_over(&roots, &nesting);
        assert_eq!(labels["CreateBody"], set(&["sent"]));
        assert_eq!(labels["Occurrence"], set(&["received"]));
        assert_eq!(labels["Settings"], set(&["received", "sent"]));
        assert!(!labels.contains_key("Unreached"));
    }
}
