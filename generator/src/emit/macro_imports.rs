//! The `use crate::runtime::by_key;` of `types` and `params`, and `use
//! crate::runtime::api_error;` of `errors`, so that their invocations read `by_key!(…)`: a
//! module imports a macro only if some item of it invokes it (an unused import warns), behind
//! the features of those items when folders are features (all of them may be off).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features;
use super::sink::Part;
use crate::infer::TypeSpace;
use crate::plan::folders::Folder;
use crate::plan::operation::OperationPlan;
use crate::plan::types::TypeUsage;

/// The imports of `params` (`by_key!`, for the query structs), `errors` (`api_error!`) and
/// `types` (`by_key!`, for the structs read or written key by key), each empty when nothing
/// invokes the macro there. `folders`, when each folder is a feature.
pub fn imports(
    operations: &[OperationPlan],
    folders: Option<&[Folder]>,
    space: &TypeSpace,
    usage: &TypeUsage,
) -> [(Part, TokenStream); 3] {
    let mut params = MacroUsers::default();
    let mut errors = MacroUsers::default();
    let mut types = MacroUsers::default();
    for plan in operations {
        let feature = folders.map(|folders| [folders[plan.folder].feature.as_str()]);
        if !plan.operation.query.is_empty() {
            params.add(feature);
        }
        if plan.errors.is_some() {
            errors.add(feature);
        }
    }
    for def in space.defs() {
        let by_key = usage.by_key(def.name());
        if by_key.serialize || by_key.deserialize {
            let gate = usage.gate(def.name());
            types.add(gate.map(|features| features.iter().map(String::as_str)));
        }
    }
    [
        (Part::Params, params.import("by_key")),
        (Part::Errors, errors.import("api_error")),
        (Part::Types, types.import("by_key")),
    ]
}

/// The items of one module that invoke one runtime macro.
#[derive(Debug, Default)]
struct MacroUsers<'a> {
    /// Some item is compiled whatever the features.
    always: bool,
    /// The features some item is behind.
    features: BTreeSet<&'a str>,
}

impl<'a> MacroUsers<'a> {
    /// An item compiled when any of `features` is on; with `None`, always.
    fn add(&mut self, features: Option<impl IntoIterator<Item = &'a str>>) {
        match features {
            Some(features) => self.features.extend(features),
            None => self.always = true,
        }
    }

    /// `use crate::runtime::{name};` behind the users' features, or nothing without users.
    fn import(&self, name: &str) -> TokenStream {
        if !self.always && self.features.is_empty() {
            return TokenStream::new();
        }
        let gate = match self.always {
            true => TokenStream::new(),
            false => features::cfg(&self.features),
        };
        let name = format_ident!("{name}");
        quote!(#gate use crate::runtime::#name;)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imported_behind_the_features_of_its_users_unless_one_is_always_compiled() {
        let none: Option<[&str; 0]> = None;
        assert!(MacroUsers::default().import("by_key").is_empty());
        let mut gated = MacroUsers::default();
        gated.add(Some(["users"]));
        gated.add(Some(["groups", "users"]));
        assert_eq!(
            gated.import("by_key").to_string(),
            quote!(#[cfg(any(feature = "groups", feature = "users"))] use crate::runtime::by_key;)
                .to_string()
        );
        gated.add(none);
        assert_eq!(
            gated.import("by_key").to_string(),
            quote!(use crate::runtime::by_key;).to_string()
        );
    }
}
