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

/// How one type's serde code is written.
pub struct SerdeCode {
    /// `#[derive(…)]`, and `#[cfg_attr(feature = …, derive(…))]` for the direction it does
    /// not use in [`SerdeDerives::UsedOrFeature`].
    pub derives: TokenStream,
    /// What its fields' `#[serde(…)]` attributes are for.
    pub fields: FieldAttributes,
    /// It implements `Deserialize` through the runtime's `Object`, key by key
    /// ([`crate::plan::types::TypeUsage::decode_by_key`]), not by the derive.
    pub by_key: bool,
}

/// Which serde derive reads a type's field attributes, so which ones to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldAttributes {
    /// A derive of `Deserialize`, maybe `Serialize` too: `rename`, `default`, and
    /// `skip_serializing_if` when `sent`.
    Derived { sent: bool },
    /// Only a derive of `Serialize`, under the feature `gate` if any: `rename`, and
    /// `skip_serializing_if` when `sent`.
    SerializeOnly {
        gate: Option<&'static str>,
        sent: bool,
    },
    /// None: no field attribute.
    Unread,
}

/// The serde code of a type used in `used` directions; `Default` too when `default`;
/// `by_key`: its `Deserialize` is the runtime's `Object`, not a derive.
pub fn code(used: Directions, mode: SerdeDerives, default: bool, by_key: bool) -> SerdeCode {
    let used = match mode {
        SerdeDerives::Both => Directions::BOTH,
        _ => used,
    };
    let sent = used.serialize;
    let mut missing = match mode {
        SerdeDerives::UsedOrFeature => Directions {
            serialize: !used.serialize,
            deserialize: !used.deserialize,
        },
        _ => Directions::default(),
    };
    let mut derived = used;
    if by_key {
        derived.deserialize = false;
        missing.deserialize = false;
    }
    let fields = match (derived.deserialize || missing.deserialize, derived.serialize) {
        (true, _) => FieldAttributes::Derived { sent },
        (false, true) => FieldAttributes::SerializeOnly { gate: None, sent },
        (false, false) if missing.serialize => FieldAttributes::SerializeOnly {
            gate: Some(BOTH_WAYS_FEATURE),
            sent,
        },
        (false, false) => FieldAttributes::Unread,
    };
    let mut derived_traits = vec![quote!(Debug), quote!(Clone)];
    derived_traits.extend(default.then(|| quote!(Default)));
    derived_traits.push(quote!(PartialEq));
    derived_traits.extend(traits(derived));
    let feature = (missing != Directions::default()).then(|| {
        let missing_traits = traits(missing);
        quote!(#[cfg_attr(feature = #BOTH_WAYS_FEATURE, derive(#(#missing_traits),*))])
    });
    SerdeCode {
        derives: quote! {
            #[derive(#(#derived_traits),*)]
            #feature
        },
        fields,
        by_key,
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

    fn attributes(used: Directions, mode: SerdeDerives, default: bool) -> TokenStream {
        code(used, mode, default, false).derives
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
    fn a_type_decoded_by_key_derives_no_deserialize() {
        let received = code(RECEIVED, SerdeDerives::UsedOrFeature, true, true);
        assert_eq!(
            text(received.derives),
            "# [derive (Debug , Clone , Default , PartialEq)] \
             # [cfg_attr (feature = \"serde-both-ways\" , derive (Serialize))]"
        );
        // Only the gated `Serialize` reads the field attributes.
        let gated = FieldAttributes::SerializeOnly {
            gate: Some(BOTH_WAYS_FEATURE),
            sent: false,
        };
        assert_eq!(received.fields, gated);
        let both = code(Directions::BOTH, SerdeDerives::Used, true, true);
        let serialized = FieldAttributes::SerializeOnly {
            gate: None,
            sent: true,
        };
        assert_eq!(both.fields, serialized);
        let include = code(RECEIVED, SerdeDerives::Used, true, true);
        assert_eq!(include.fields, FieldAttributes::Unread);
        let derived = code(RECEIVED, SerdeDerives::Used, false, false);
        assert_eq!(derived.fields, FieldAttributes::Derived { sent: false });
    }

    #[test]
    fn both_derives_both_everywhere() {
        let both = "# [derive (Debug , Clone , PartialEq , Serialize , Deserialize)]";
        for used in [SENT, RECEIVED, Directions::BOTH] {
            assert_eq!(text(attributes(used, SerdeDerives::Both, false)), both);
        }
    }
}
