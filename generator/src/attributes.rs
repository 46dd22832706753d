//! Extra attributes on inferred types ([`crate::Config::type_attribute`]).
//!
//! Each setting is parsed with `syn` when it is read, so every attribute is checked by the
//! parser rather than pasted in as text; the plan decides which types each one lands on.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::Parser;

use crate::{Error, Warning};

/// One parsed `type_attribute` setting.
#[derive(Debug, Clone)]
pub struct TypeAttribute {
    /// A type name, or `*` for every type.
    target: String,
    /// The attributes, checked by `syn` to be outer attributes.
    attributes: TokenStream,
}

impl TypeAttribute {
    /// Parses every `(type name, attribute text)` setting; the first that does not parse is
    /// the error.
    pub(crate) fn parse_all(settings: &[(String, String)]) -> Result<Vec<Self>, Error> {
        settings
            .iter()
            .map(|(target, text)| {
                let attributes = syn::Attribute::parse_outer
                    .parse_str(text)
                    .ok()
                    .filter(|attributes| !attributes.is_empty())
                    .ok_or_else(|| Error::Setting {
                        setting: "type_attribute".to_owned(),
                        message: format!("`{text}` (for `{target}`) is not an outer attribute"),
                        help: "write it as in Rust source, e.g. `#[derive(Default)]`".to_owned(),
                    })?;
                let mut tokens = TokenStream::new();
                for attribute in &attributes {
                    attribute.to_tokens(&mut tokens);
                }
                Ok(Self {
                    target: target.clone(),
                    attributes: tokens,
                })
            })
            .collect()
    }
}

/// Whether `attributes` (a type's extra attributes) derive the trait named `name`, as in
/// `#[derive(Default)]` or `#[derive(::std::default::Default)]`: the generated derives then
/// leave it out, since a trait derived twice does not compile.
pub(crate) fn derives(attributes: &TokenStream, name: &str) -> bool {
    let Ok(attributes) = syn::Attribute::parse_outer.parse2(attributes.clone()) else {
        return false;
    };
    attributes
        .iter()
        .filter(|attribute| attribute.path().is_ident("derive"))
        .any(|attribute| {
            let mut found = false;
            let _ = attribute.parse_nested_meta(|meta| {
                found |= meta.path.segments.last().is_some_and(|s| s.ident == name);
                Ok(())
            });
            found
        })
}

/// Whether `attributes` hold an attribute named `name`, as in `#[serde(deny_unknown_fields)]`
/// for `"serde"`.
pub(crate) fn names(attributes: &TokenStream, name: &str) -> bool {
    let Ok(attributes) = syn::Attribute::parse_outer.parse2(attributes.clone()) else {
        return false;
    };
    attributes
        .iter()
        .any(|attribute| attribute.path().is_ident(name))
}

/// The extra attributes of each type named in `types`, in the order of the settings; a
/// setting whose type name matches no type is a warning, as an unused override is.
pub(crate) fn assign<'a>(
    settings: &[TypeAttribute],
    types: impl Iterator<Item = &'a str>,
) -> (BTreeMap<String, TokenStream>, Vec<Warning>) {
    let mut assigned = BTreeMap::new();
    let mut used = vec![false; settings.len()];
    if settings.is_empty() {
        return (assigned, Vec::new());
    }
    for name in types {
        let mut tokens = TokenStream::new();
        for (setting, used) in settings.iter().zip(&mut used) {
            if setting.target == "*" || setting.target == name {
                *used = true;
                tokens.extend(setting.attributes.clone());
            }
        }
        if !tokens.is_empty() {
            assigned.insert(name.to_owned(), tokens);
        }
    }
    let warnings = settings
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(setting, _)| Warning {
            context: "type_attribute".to_owned(),
            message: format!("`{}` matches no type of the `types` module", setting.target),
        })
        .collect();
    (assigned, warnings)
}

#[cfg(test)]
mod tests {
    use crate::Config;

    const TODO: &str = "../collections/todo.postman_collection.json";

    #[test]
    fn attributes_land_on_the_named_type_only() {
        let mut config = Config::new();
        config.type_attribute("Todo", "#[derive(Default)] #[non_exhaustive]");
        let generated = config.generate(TODO).unwrap();
        let types = generated
            .code
            .modules
            .iter()
            .find(|m| m.name == "types")
            .unwrap();
        let file: syn::File = syn::parse2(types.items.clone()).unwrap();
        let mut seen = 0;
        for item in &file.items {
            if let syn::Item::Struct(item) = item {
                let has = item
                    .attrs
                    .iter()
                    .any(|a| a.path().is_ident("non_exhaustive"));
                assert_eq!(has, item.ident == "Todo", "{}", item.ident);
                seen += usize::from(has);
            }
        }
        assert_eq!(seen, 1);
        assert!(
            generated
                .warnings
                .iter()
                .all(|w| w.context != "type_attribute")
        );
    }

    #[test]
    fn unknown_type_is_a_warning_and_bad_syntax_an_error() {
        let mut config = Config::new();
        config.type_attribute("NoSuchType", "#[derive(Default)]");
        let generated = config.generate(TODO).unwrap();
        assert!(
            generated
                .warnings
                .iter()
                .any(|w| w.context == "type_attribute" && w.message.contains("NoSuchType"))
        );

        let mut config = Config::new();
        config.type_attribute("*", "derive(Default)");
        let error = config.generate(TODO).unwrap_err().to_string();
        assert!(
            error.starts_with("type_attribute: `derive(Default)`"),
            "{error}"
        );
    }
}
