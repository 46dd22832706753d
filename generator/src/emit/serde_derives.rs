//! Which serde traits each inferred type derives: `Serialize` where the client sends it,
//! `Deserialize` where it receives it, both where both.
//!
//! The serde derives are a large part of what the generated crates cost to compile
//! (BENCHMARKS.md: zoom 15.4 s → 10.2 s CPU with one direction per type), and most types only
//! go one way: a response struct is never sent, a request body never received. The other
//! direction stays available to users who want it (caching a response as JSON, reading a
//! request body from a file) through [`SerdeDerives`].
//!
//! As for per-folder features ([`super::features`]), what an operation uses is read from the
//! tokens emitted for it (`crate::types::Name` paths) and closed over the types' own fields:
//! a struct nested in a response struct is received too.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::features;

/// The cargo feature of a generated crate that adds the serde direction its types do not use.
pub const BOTH_WAYS_FEATURE: &str = "serde-both-ways";

/// The paragraph of the crate doc that says which types derive what, and how to get both.
pub const FEATURE_DOC: &str = "\n\n# Serde\n\n\
Each type in `types` derives `Serialize` if the client sends it (request bodies, what \
parameters name) and `Deserialize` if it receives it (success and error bodies), both if \
both: the derives are a large part of what this crate costs to compile. The \
`serde-both-ways` feature (off by default) derives both on every type, to cache a response \
as JSON or read a request body from a file.";

/// Which serde traits the inferred types derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SerdeDerives {
    /// The directions each type is used in, and the other one under the crate's
    /// [`BOTH_WAYS_FEATURE`] cargo feature (off by default): for a generated crate, which
    /// declares the feature.
    #[default]
    UsedOrFeature,
    /// Only the directions each type is used in: for `include!`, where the including crate
    /// owns the features, so the code names none of its own.
    Used,
    /// `Serialize` and `Deserialize` on every type.
    Both,
}

/// The types the client's operations send and receive directly, collected while they are
/// emitted.
#[derive(Debug, Default)]
pub struct TypeUses {
    sent: BTreeSet<String>,
    received: BTreeSet<String>,
}

impl TypeUses {
    /// Records the types named in `tokens` (an operation's arguments, its params structs) as
    /// sent.
    pub fn sent(&mut self, tokens: &TokenStream) {
        features::type_references(tokens, &mut self.sent);
    }

    /// Records the types named in `tokens` (a success type or enum, an error body type) as
    /// received.
    pub fn received(&mut self, tokens: &TokenStream) {
        features::type_references(tokens, &mut self.received);
    }
}

/// The serde traits one type needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Directions {
    serialize: bool,
    deserialize: bool,
}

/// The derive attributes of every type of a [`TypeSpace`].
#[derive(Debug)]
pub struct TypeDerives {
    directions: BTreeMap<String, Directions>,
    mode: SerdeDerives,
}

// Labels for `features::type_features`, which closes sets of root types over nesting.
const SENT: &str = "sent";
const RECEIVED: &str = "received";

impl TypeDerives {
    /// Follows `uses` through `nesting`, the types each type's definition names
    /// ([`features::type_nesting`]).
    pub fn new(
        uses: &TypeUses,
        nesting: &BTreeMap<String, BTreeSet<String>>,
        mode: SerdeDerives,
    ) -> Self {
        let roots = BTreeMap::from([
            (SENT.to_owned(), uses.sent.clone()),
            (RECEIVED.to_owned(), uses.received.clone()),
        ]);
        let directions = features::type_features(&roots, nesting)
            .into_iter()
            .map(|(name, labels)| {
                let directions = Directions {
                    serialize: labels.contains(SENT),
                    deserialize: labels.contains(RECEIVED),
                };
                (name, directions)
            })
            .collect();
        Self { directions, mode }
    }

    /// `#[derive(…)]` for the type named `name`, with a `#[cfg_attr(feature = …)]` for the
    /// direction it does not use in [`SerdeDerives::UsedOrFeature`].
    pub fn attributes(&self, name: &str) -> TokenStream {
        let both = Directions {
            serialize: true,
            deserialize: true,
        };
        // A type no operation reaches (none is inferred that way today) keeps both: nothing
        // says which one it needs.
        let used = match self.mode {
            SerdeDerives::Both => both,
            _ => self.directions.get(name).copied().unwrap_or(both),
        };
        let missing = Directions {
            serialize: !used.serialize,
            deserialize: !used.deserialize,
        };
        let used_traits = traits(used);
        let feature = match self.mode {
            SerdeDerives::UsedOrFeature if missing != Directions::default() => {
                let missing_traits = traits(missing);
                quote!(#[cfg_attr(feature = #BOTH_WAYS_FEATURE, derive(#(#missing_traits),*))])
            }
            _ => TokenStream::new(),
        };
        quote! {
            #[derive(Debug, Clone, PartialEq, #(#used_traits),*)]
            #feature
        }
    }
}

fn traits(directions: Directions) -> Vec<TokenStream> {
    let mut traits = Vec::new();
    if directions.serialize {
        traits.push(quote!(::serde::Serialize));
    }
    if directions.deserialize {
        traits.push(quote!(::serde::Deserialize));
    }
    traits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    /// `CreateBody` (sent) nests `Settings`; `Meeting` (received) nests `Settings` and
    /// `Occurrence`, which nests itself; `Tag` is sent in a params struct and received.
    fn derives(mode: SerdeDerives) -> TypeDerives {
        let mut uses = TypeUses::default();
        uses.sent(&quote!(body: &crate::types::CreateBody, query: &crate::params::ListQuery));
        uses.sent(&quote!(
            pub struct ListQuery {
                pub tag: crate::types::Tag,
            }
        ));
        uses.received(&quote!(::std::vec::Vec<crate::types::Meeting>));
        uses.received(&quote!(crate::types::Tag));
        let references = BTreeMap::from([
            ("CreateBody".to_owned(), set(&["Settings"])),
            ("Meeting".to_owned(), set(&["Settings", "Occurrence"])),
            ("Occurrence".to_owned(), set(&["Occurrence"])),
        ]);
        TypeDerives::new(&uses, &references, mode)
    }

    fn text(tokens: TokenStream) -> String {
        tokens.to_string().replace(":: serde :: ", "")
    }

    #[test]
    fn each_type_derives_the_directions_it_is_used_in_nesting_included() {
        let derives = derives(SerdeDerives::Used);
        let of = |name| text(derives.attributes(name));
        assert_eq!(
            of("CreateBody"),
            "# [derive (Debug , Clone , PartialEq , Serialize)]"
        );
        assert_eq!(
            of("Meeting"),
            "# [derive (Debug , Clone , PartialEq , Deserialize)]"
        );
        // Nested in a received type, through a cycle.
        assert_eq!(of("Occurrence"), of("Meeting"));
        // Nested in a sent and a received type; named by a params struct and a response.
        let both = "# [derive (Debug , Clone , PartialEq , Serialize , Deserialize)]";
        assert_eq!(of("Settings"), both);
        assert_eq!(of("Tag"), both);
        // Unknown to every operation: both, as before this analysis.
        assert_eq!(of("Unreached"), both);
    }

    #[test]
    fn the_feature_adds_the_missing_direction() {
        let derives = derives(SerdeDerives::UsedOrFeature);
        let of = |name| text(derives.attributes(name));
        assert_eq!(
            of("Meeting"),
            "# [derive (Debug , Clone , PartialEq , Deserialize)] \
             # [cfg_attr (feature = \"serde-both-ways\" , derive (Serialize))]"
        );
        assert_eq!(
            of("CreateBody"),
            "# [derive (Debug , Clone , PartialEq , Serialize)] \
             # [cfg_attr (feature = \"serde-both-ways\" , derive (Deserialize))]"
        );
        // Nothing is missing: no feature.
        assert_eq!(
            of("Settings"),
            "# [derive (Debug , Clone , PartialEq , Serialize , Deserialize)]"
        );
    }

    #[test]
    fn the_crate_doc_names_the_feature() {
        assert!(FEATURE_DOC.contains(&format!("`{BOTH_WAYS_FEATURE}`")));
    }

    #[test]
    fn both_derives_both_everywhere() {
        let derives = derives(SerdeDerives::Both);
        let both = "# [derive (Debug , Clone , PartialEq , Serialize , Deserialize)]";
        for name in ["CreateBody", "Meeting", "Occurrence", "Settings", "Tag"] {
            assert_eq!(text(derives.attributes(name)), both, "{name}");
        }
    }
}
