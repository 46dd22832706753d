//! The `#[cfg(feature = …)]` attributes of per-folder features: which folder's feature gates
//! what is the plan's decision ([`crate::plan::types::TypeUsage::gate`], each operation's
//! folder); this is their code.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

/// `#[cfg(feature = "a")]`, `#[cfg(any(feature = "a", feature = "b"))]`, or nothing.
pub fn cfg<S: AsRef<str> + Ord>(features: &BTreeSet<S>) -> TokenStream {
    let features: Vec<&str> = features.iter().map(AsRef::as_ref).collect();
    match features.as_slice() {
        [] => TokenStream::new(),
        [feature] => quote!(#[cfg(feature = #feature)]),
        features => quote!(#[cfg(any(#(feature = #features),*))]),
    }
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
    fn cfg_names_one_feature_or_any_of_several() {
        assert!(cfg(&BTreeSet::<&str>::new()).is_empty());
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
    fn gating_puts_the_cfg_before_every_item() {
        let items = quote! { pub struct A; impl A { fn f() {} } };
        let gated = gate(items, &cfg(&BTreeSet::from(["x"])));
        assert_eq!(
            gated
                .to_string()
                .matches("# [cfg (feature = \"x\")]")
                .count(),
            2
        );
    }
}
