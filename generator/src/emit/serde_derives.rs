//! The serde derives of each inferred type: `Serialize` where the client sends it,
//! `Deserialize` where it receives it, both where both (the plan decides which,
//! [`crate::plan::types`]).
//!
//! The serde derives are a large part of what the generated crates cost to compile
//! (BENCHMARKS.md: zoom 15.4 s → 10.2 s CPU with one direction per type), and most types only
//! go one way. The other direction stays available to users who want it (caching a response as
//! JSON, reading a request body from a file) through [`SerdeDerives`].

use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::BOTH_WAYS_FEATURE;
use crate::plan::types::{Directions, SerdeDerives};

/// The paragraph of the crate doc that says which types derive what, and how to get both.
pub const FEATURE_DOC: &str = "\n\n# Serde\n\n\
Each type in `types` derives `Serialize` if the client sends it (request bodies, what \
parameters name) and `Deserialize` if it receives it (success and error bodies), both if \
both: the derives are a large part of what this crate costs to compile. The \
`serde-both-ways` feature (off by default) derives both on every type, to cache a response \
as JSON or read a request body from a file.";

/// `#[derive(…)]` for a type used in `used` directions, with a `#[cfg_attr(feature = …)]` for
/// the direction it does not use in [`SerdeDerives::UsedOrFeature`]; `Default` too when
/// `default`.
pub fn attributes(used: Directions, mode: SerdeDerives, default: bool) -> TokenStream {
    let used = match mode {
        SerdeDerives::Both => Directions::BOTH,
        _ => used,
    };
    let missing = Directions {
        serialize: !used.serialize,
        deserialize: !used.deserialize,
    };
    let used_traits = traits(used);
    let default = default.then(|| quote!(Default,));
    let feature = match mode {
        SerdeDerives::UsedOrFeature if missing != Directions::default() => {
            let missing_traits = traits(missing);
            quote!(#[cfg_attr(feature = #BOTH_WAYS_FEATURE, derive(#(#missing_traits),*))])
        }
        _ => TokenStream::new(),
    };
    quote! {
        #[derive(Debug, Clone, #default PartialEq, #(#used_traits),*)]
        #feature
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

    const SENT: Directions = Directions {
        serialize: true,
        deserialize: false,
    };
    const RECEIVED: Directions = Directions {
        serialize: false,
        deserialize: true,
    };

    fn text(tokens: TokenStream) -> String {
        tokens.to_string().replace(":: serde :: ", "")
    }

    #[test]
    fn each_type_derives_the_directions_it_is_used_in() {
        let of = |used| text(attributes(used, SerdeDerives::Used, false));
        assert_eq!(
            of(SENT),
            "# [derive (Debug , Clone , PartialEq , Serialize)]"
        );
        assert_eq!(
            of(RECEIVED),
            "# [derive (Debug , Clone , PartialEq , Deserialize)]"
        );
        let both = "# [derive (Debug , Clone , PartialEq , Serialize , Deserialize)]";
        assert_eq!(of(Directions::BOTH), both);
    }

    #[test]
    fn the_feature_adds_the_missing_direction() {
        let of = |used| text(attributes(used, SerdeDerives::UsedOrFeature, false));
        assert_eq!(
            of(RECEIVED),
            "# [derive (Debug , Clone , PartialEq , Deserialize)] \
             # [cfg_attr (feature = \"serde-both-ways\" , derive (Serialize))]"
        );
        assert_eq!(
            of(SENT),
            "# [derive (Debug , Clone , PartialEq , Serialize)] \
             # [cfg_attr (feature = \"serde-both-ways\" , derive (Deserialize))]"
        );
        // Nothing is missing: no feature.
        assert_eq!(
            of(Directions::BOTH),
            "# [derive (Debug , Clone , PartialEq , Serialize , Deserialize)]"
        );
    }

    #[test]
    fn a_default_goes_before_partial_eq() {
        assert_eq!(
            text(attributes(SENT, SerdeDerives::Used, true)),
            "# [derive (Debug , Clone , Default , PartialEq , Serialize)]"
        );
    }

    #[test]
    fn the_crate_doc_names_the_feature() {
        assert!(FEATURE_DOC.contains(&format!("`{BOTH_WAYS_FEATURE}`")));
    }

    #[test]
    fn both_derives_both_everywhere() {
        let both = "# [derive (Debug , Clone , PartialEq , Serialize , Deserialize)]";
        for used in [SENT, RECEIVED, Directions::BOTH] {
            assert_eq!(text(attributes(used, SerdeDerives::Both, false)), both);
        }
    }
}
