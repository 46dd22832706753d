//! Per-folder cargo features ([`crate::Config::features_per_folder`]): each top-level folder's
//! operations, and the params, errors, responses and types only they use, compile only when
//! the folder's feature is on, so a user who needs one folder of a large API compiles that.
//!
//! What an operation uses is read from the tokens emitted for it (`crate::types::Name` paths),
//! then closed over the types' own fields, so a type nested in a used type follows it. Reading
//! tokens rather than asking each emitter keeps this option out of the emitters' code; a missed
//! path would show as a compile error in the single-feature test (tests/features.rs).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, quote};

use crate::infer::{TypeDef, TypeSpace};
use crate::naming::Scope;

/// Feature names that cargo reserves or that the generated crate's dependencies take.
const RESERVED: &[&str] = &[
    "default",
    "reqwest",
    "serde",
    "serde_json",
    "percent-encoding",
    super::BOTH_WAYS_FEATURE,
];

/// Allocates a cargo feature name per operation module (`code_scanning` → `code-scanning`).
#[derive(Default)]
pub struct FeatureNames {
    scope: Scope,
}

impl FeatureNames {
    pub fn new() -> Self {
        let mut scope = Scope::new();
        for name in RESERVED {
            scope.claim(name);
        }
        Self { scope }
    }

    /// The feature for the module named `module`: its name in kebab case, numbered when it
    /// would clash with a reserved name.
    pub fn claim(&mut self, module: &str) -> String {
        self.scope.claim(&module.replace('_', "-"))
    }
}

/// An operation's items on their way to the params, responses and errors modules: with
/// per-folder features, the types they name are noted as used by the operation's folder and
/// each item is gated by that folder's feature; without, they pass through untouched.
pub struct FolderGates {
    on: bool,
    /// The types each feature's operations name directly.
    direct_types: BTreeMap<String, BTreeSet<String>>,
}

impl FolderGates {
    pub fn new(on: bool) -> Self {
        Self {
            on,
            direct_types: BTreeMap::new(),
        }
    }

    /// Notes the types `tokens` (an operation's method, which its module's gate covers) name
    /// as used by `feature`.
    pub fn uses(&mut self, feature: &str, tokens: &TokenStream) {
        if self.on {
            let used = self.direct_types.entry(feature.to_owned()).or_default();
            type_references(tokens, used);
        }
    }

    /// `items` of one operation in `feature`'s folder, gated by that feature, their types noted.
    pub fn gate(&mut self, feature: &str, items: TokenStream) -> TokenStream {
        if !self.on {
            return items;
        }
        self.uses(feature, &items);
        gate(items, &cfg(&BTreeSet::from([feature])))
    }

    /// The types each feature's operations name directly.
    pub fn direct_types(&self) -> &BTreeMap<String, BTreeSet<String>> {
        &self.direct_types
    }
}

/// `#[cfg(…)]` for code needed by any of `features`; nothing for an empty set.
pub fn cfg(features: &BTreeSet<&str>) -> TokenStream {
    match features.len() {
        0 => TokenStream::new(),
        1 => {
            let feature = features.first();
            quote!(#[cfg(feature = #feature)])
        }
        _ => {
            let features = features.iter();
            quote!(#[cfg(any(#(feature = #features),*))])
        }
    }
}

/// The names `Name` of every `types::Name` path in `tokens`, nested groups included.
pub fn type_references(tokens: &TokenStream, out: &mut BTreeSet<String>) {
    let mut previous: [Option<TokenTree>; 3] = [None, None, None];
    for token in tokens.clone() {
        if let TokenTree::Group(group) = &token {
            type_references(&group.stream(), out);
        }
        // No let chains: the library keeps to Rust 1.85 (`rust-version`).
        if let (
            Some(TokenTree::Ident(module)),
            Some(TokenTree::Punct(a)),
            Some(TokenTree::Punct(b)),
            TokenTree::Ident(name),
        ) = (&previous[0], &previous[1], &previous[2], &token)
        {
            if module == "types" && a.as_char() == ':' && b.as_char() == ':' {
                out.insert(name.to_string());
            }
        }
        previous.rotate_left(1);
        previous[2] = Some(token);
    }
}

/// For each type of `space`, the types its fields or variants name (overridden field types
/// included): the nesting that per-folder features and serde directions follow.
pub fn type_nesting(space: &TypeSpace) -> BTreeMap<String, BTreeSet<String>> {
    space
        .defs()
        .map(|def| {
            let mut nested = BTreeSet::new();
            let field_types: Vec<TokenStream> = match def {
                TypeDef::Struct(def) => def.fields.iter().map(|f| f.ty.to_token_stream()).collect(),
                TypeDef::Enum(def) => def
                    .variants
                    .iter()
                    .map(|v| v.ty.to_token_stream())
                    .collect(),
            };
            for ty in &field_types {
                type_references(ty, &mut nested);
            }
            (def.name().to_owned(), nested)
        })
        .collect()
}

/// For each type, the features whose operations use it directly or through other types.
///
/// `direct` holds, per feature, the types its operations name; `references` the types each
/// type's definition names.
pub fn type_features<'a>(
    direct: &'a BTreeMap<String, BTreeSet<String>>,
    references: &BTreeMap<String, BTreeSet<String>>,
) -> BTreeMap<String, BTreeSet<&'a str>> {
    let mut features: BTreeMap<String, BTreeSet<&'a str>> = BTreeMap::new();
    for (feature, used) in direct {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut stack: Vec<&str> = used.iter().map(String::as_str).collect();
        while let Some(name) = stack.pop() {
            if !seen.insert(name) {
                continue;
            }
            features
                .entry(name.to_owned())
                .or_default()
                .insert(feature.as_str());
            if let Some(nested) = references.get(name) {
                stack.extend(nested.iter().map(String::as_str));
            }
        }
    }
    features
}

/// `items` with `cfg` in front of each item.
pub fn gate(items: TokenStream, cfg: &TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return items;
    }
    crate::tokens::split_items(items)
        .into_iter()
        .flat_map(|item| {
            let mut gated = cfg.clone();
            gated.extend(item);
            gated
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_type_paths_in_nested_groups() {
        let tokens = quote! {
            pub async fn f(&self, body: &crate::types::Body) -> Result<Vec<crate::types::Item>, E> {
                let x: Option<types::Nested> = None;
                crate::params::NotAType::new()
            }
        };
        let mut found = BTreeSet::new();
        type_references(&tokens, &mut found);
        let found: Vec<&str> = found.iter().map(String::as_str).collect();
        assert_eq!(found, ["Body", "Item", "Nested"]);
    }

    #[test]
    fn nested_types_follow_every_feature_that_uses_their_parent() {
        let set = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<BTreeSet<_>>();
        let direct = BTreeMap::from([
            ("a".to_owned(), set(&["User"])),
            ("b".to_owned(), set(&["Repo"])),
        ]);
        // Repo nests User; User nests Address; cycles must not loop.
        let references = BTreeMap::from([
            ("Repo".to_owned(), set(&["User"])),
            ("User".to_owned(), set(&["Address", "User"])),
        ]);
        let features = type_features(&direct, &references);
        let of = |name: &str| features[name].iter().copied().collect::<Vec<_>>();
        assert_eq!(of("Repo"), ["b"]);
        assert_eq!(of("User"), ["a", "b"]);
        assert_eq!(of("Address"), ["a", "b"]);
    }

    #[test]
    fn cfg_names_one_feature_or_any_of_several() {
        assert!(cfg(&BTreeSet::new()).is_empty());
        assert_eq!(
            cfg(&BTreeSet::from(["a"])).to_string(),
            "# [cfg (feature = \"a\")]"
        );
        assert_eq!(
            cfg(&BTreeSet::from(["a", "b"])).to_string(),
            "# [cfg (any (feature = \"a\" , feature = \"b\"))]"
        );
    }

    #[test]
    fn feature_names_avoid_reserved_names() {
        let mut names = FeatureNames::new();
        assert_eq!(names.claim("code_scanning"), "code-scanning");
        assert_eq!(names.claim("default"), "default_2");
        assert_eq!(names.claim("serde"), "serde_2");
        assert_eq!(names.claim("serde_both_ways"), "serde-both-ways_2");
    }
}
