//! Extra attributes on inferred types ([`crate::Config::type_attribute`]).
//!
//! They are added to the emitted `types` module after emission, by parsing its tokens with
//! `syn`, so emission itself stays unaware of user settings and every attribute is checked by
//! the parser rather than pasted in as text.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::Parser;

use crate::emit::Code;
use crate::{Error, Warning};

/// One parsed `type_attribute` setting.
pub(crate) struct TypeAttribute {
    /// A type name, or `*` for every type.
    target: String,
    attributes: Vec<syn::Attribute>,
    /// Whether it matched a type, for the warning about those that did not.
    used: bool,
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
                Ok(Self {
                    target: target.clone(),
                    attributes,
                    used: false,
                })
            })
            .collect()
    }
}

/// Adds `settings` to the structs and enums of `code`'s `types` module; a setting whose type
/// name matches no type is a warning, as an unused override is.
pub(crate) fn apply_type_attributes(
    code: &mut Code,
    mut settings: Vec<TypeAttribute>,
) -> Result<Vec<Warning>, Error> {
    if settings.is_empty() {
        return Ok(Vec::new());
    }
    if let Some(module) = code.modules.iter_mut().find(|m| m.name == "types") {
        let mut file: syn::File =
            syn::parse2(module.items.clone()).map_err(|error| Error::Internal {
                what: "the types module".to_owned(),
                message: error.to_string(),
            })?;
        for item in &mut file.items {
            add_to(item, &mut settings);
        }
        let mut tokens = TokenStream::new();
        for item in &file.items {
            item.to_tokens(&mut tokens);
        }
        module.items = tokens;
    }
    Ok(unused(&settings))
}

/// Adds the matching `settings` to `item` when it is a struct or an enum.
pub(crate) fn add_to(item: &mut syn::Item, settings: &mut [TypeAttribute]) {
    let (name, attrs) = match item {
        syn::Item::Struct(item) => (item.ident.to_string(), &mut item.attrs),
        syn::Item::Enum(item) => (item.ident.to_string(), &mut item.attrs),
        _ => return,
    };
    for setting in settings {
        if setting.target == "*" || setting.target == name {
            setting.used = true;
            // After the existing ones: a derive helper (`#[serde(…)]`) must follow the
            // derive that introduces it.
            attrs.extend(setting.attributes.iter().cloned());
        }
    }
}

/// A warning for each setting that matched no type, as for an unused override.
pub(crate) fn unused(settings: &[TypeAttribute]) -> Vec<Warning> {
    settings
        .iter()
        .filter(|s| !s.used)
        .map(|s| Warning {
            context: "type_attribute".to_owned(),
            message: format!("`{}` matches no type of the `types` module", s.target),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::Config;

    const TODO: &str = "../collections/todo.postman_collection.json";

    #[test]
    fn attributes_land_on_the_named_type_only() {
        let mut config = Config::new();
        config.type_attribute(
            "GetTodosResponseItem",
            "#[derive(Default)] #[non_exhaustive]",
        );
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
                assert_eq!(has, item.ident == "GetTodosResponseItem", "{}", item.ident);
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
