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
Each type in `types` implements `Serialize` if the client sends it (request bodies, what \
parameters name) and `Deserialize` if it receives it (success and error bodies), both if \
both: serde code is a large part of what this crate costs to compile. The \
`serde-both-ways` feature (off by default) derives the other direction on every type, to \
cache a response as JSON or read a request body from a file.";

/// How one type's serde code is written.
pub struct SerdeCode {
    /// `#[derive(…)]`, and `#[cfg_attr(feature = …, derive(…))]` for the direction it does
    /// not use in [`SerdeDerives::UsedOrFeature`].
    pub derives: TokenStream,
    /// What its fields' `#[serde(…)]` attributes are for.
    pub fields: FieldAttributes,
    /// The traits it implements through the runtime's `Object` and `Fields`, key by key
    /// ([`crate::plan::types::TypeUsage::by_key`]), not by a derive.
    pub by_key: Directions,
}

/// What the serde derives of a type read in its fields' `#[serde(…)]` attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FieldAttributes {
    /// Whether a derive reads them: `None` if none does (no attribute is written), else the
    /// cargo feature the derives are under, if they all are.
    pub read: Option<Option<&'static str>>,
    /// A `Deserialize` derive: a missing key is `default`.
    pub default: bool,
    /// A `Serialize` derive of a type the client sends: `None` is left out.
    pub skip_none: bool,
}

/// The serde code of a type used in `used` directions; `Default` too when `default`;
/// `by_key`: the traits the runtime's `Object` and `Fields` implement for it, not a derive.
pub fn code(used: Directions, mode: SerdeDerives, default: bool, by_key: Directions) -> SerdeCode {
    let used = match mode {
        SerdeDerives::Both => Directions::BOTH,
        _ => used,
    };
    let sent = used.serialize;
    let missing = match mode {
        SerdeDerives::UsedOrFeature => Directions {
            serialize: !used.serialize && !by_key.serialize,
            deserialize: !used.deserialize && !by_key.deserialize,
        },
        _ => Directions::default(),
    };
    let derived = Directions {
        serialize: used.serialize && !by_key.serialize,
        deserialize: used.deserialize && !by_key.deserialize,
    };
    let none = Directions::default();
    let fields = FieldAttributes {
        read: match (derived != none, missing != none) {
            (true, _) => Some(None),
            (false, true) => Some(Some(BOTH_WAYS_FEATURE)),
            (false, false) => None,
        },
        default: derived.deserialize || missing.deserialize,
        skip_none: sent && (derived.serialize || missing.serialize),
    };
    let mut derived_traits = vec![quote!(Debug), quote!(Clone)];
    derived_traits.extend(default.then(|| quote!(Default)));
    derived_traits.push(quote!(PartialEq));
    derived_traits.extend(traits(derived));
    let feature = (missing != none).then(|| {
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
        code(used, mode, default, Directions::default()).derives
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

    const DECODED: Directions = RECEIVED;

    #[test]
    fn a_type_decoded_by_key_derives_no_deserialize() {
        let received = code(RECEIVED, SerdeDerives::UsedOrFeature, true, DECODED);
        assert_eq!(
            text(received.derives),
            "# [derive (Debug , Clone , Default , PartialEq)] \
             # [cfg_attr (feature = \"serde-both-ways\" , derive (Serialize))]"
        );
        // Only the gated `Serialize` reads the field attributes: no `default`.
        let gated = FieldAttributes {
            read: Some(Some(BOTH_WAYS_FEATURE)),
            default: false,
            skip_none: false,
        };
        assert_eq!(received.fields, gated);
        // For `include!`: nothing reads them.
        let include = code(RECEIVED, SerdeDerives::Used, true, DECODED);
        assert_eq!(include.fields.read, None);
    }

    #[test]
    fn a_type_encoded_by_key_derives_no_serialize() {
        let sent = code(SENT, SerdeDerives::UsedOrFeature, true, SENT);
        assert_eq!(
            text(sent.derives),
            "# [derive (Debug , Clone , Default , PartialEq)] \
             # [cfg_attr (feature = \"serde-both-ways\" , derive (Deserialize))]"
        );
        let gated = FieldAttributes {
            read: Some(Some(BOTH_WAYS_FEATURE)),
            default: true,
            skip_none: false,
        };
        assert_eq!(sent.fields, gated);
        // Both ways, both by key: no serde derive, no field attribute.
        let both = code(Directions::BOTH, SerdeDerives::Used, true, Directions::BOTH);
        assert_eq!(
            text(both.derives),
            "# [derive (Debug , Clone , Default , PartialEq)]"
        );
        assert_eq!(both.fields.read, None);
        // A derived `Serialize` of a sent type leaves `None` out.
        let derived = code(SENT, SerdeDerives::Used, true, Directions::default());
        assert!(derived.fields.skip_none && derived.fields.read == Some(None));
    }

    #[test]
    fn both_derives_both_everywhere() {
        let both = "# [derive (Debug , Clone , PartialEq , Serialize , Deserialize)]";
        for used in [SENT, RECEIVED, Directions::BOTH] {
            assert_eq!(text(attributes(used, SerdeDerives::Both, false)), both);
        }
    }
}
