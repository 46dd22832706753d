//! Checks of an overrides file beyond its TOML shape, pointing at the offending value: every
//! name must be usable as the Rust name it becomes (generating from a bad one would panic in
//! the code builder or produce code that does not compile), every field type must parse.

use std::path::Path;

use toml::Spanned;

use super::Overrides;
use crate::naming::{snake_case, upper_camel_case};
use crate::{Error, Location};

pub(super) fn check(overrides: &Overrides, text: &str, file: &Path) -> Result<(), Error> {
    let fail = |value: &Spanned<String>, message: String, help: String| {
        Err(error(text, file, Some(value.span().start), message, help))
    };
    for item in &overrides.items {
        if let Some(rename) = &item.rename {
            let name = rename.get_ref();
            if !is_identifier(name) || snake_case(name) != *name {
                return fail(
                    rename,
                    format!("`rename = {name:?}` is not a snake_case Rust function name"),
                    format!("use a name such as {:?}", suggestion(snake_case(name))),
                );
            }
        }
    }
    for ty in &overrides.types {
        if let Some(rename) = &ty.rename {
            let name = rename.get_ref();
            let camel = name.starts_with(|c: char| c.is_ascii_uppercase())
                && name.chars().all(|c| c.is_ascii_alphanumeric());
            if !is_identifier(name) || !camel {
                return fail(
                    rename,
                    format!("`rename = {name:?}` is not an UpperCamelCase Rust type name"),
                    format!(
                        "use a name such as {:?}",
                        suggestion(upper_camel_case(name))
                    ),
                );
            }
        }
        for (key, ty) in &ty.fields {
            if syn::parse_str::<syn::Type>(ty.get_ref()).is_err() {
                return fail(
                    ty,
                    format!("the type given for field {key:?}, {:?}, is not a Rust type", ty.get_ref()),
                    "write it as in Rust source, e.g. \"String\", \"Option<u64>\" or \"serde_json::Value\"".to_owned(),
                );
            }
        }
    }
    Ok(())
}

/// A plain identifier that is no keyword (`r#…` forms are refused: they are the generator's
/// way out for keyword-like names, not a user's choice).
fn is_identifier(name: &str) -> bool {
    !name.starts_with("r#") && syn::parse_str::<syn::Ident>(name).is_ok()
}

fn suggestion(name: String) -> String {
    name.trim_start_matches("r#").to_owned()
}

/// An [`Error::Invalid`] at byte `offset` of the overrides `text`.
pub(super) fn error(
    text: &str,
    file: &Path,
    offset: Option<usize>,
    message: String,
    help: String,
) -> Error {
    let (line, column) = offset
        .map(|offset| line_column(text, offset))
        .map_or((None, None), |(l, c)| (Some(l), Some(c)));
    Error::Invalid {
        location: Box::new(Location {
            file: file.to_owned(),
            line,
            column,
            pointer: None,
        }),
        message,
        help,
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    // A span from the TOML parser is on a char boundary; clamp anyway rather than panic.
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::super::Overrides;
    use std::path::Path;

    fn error(text: &str) -> String {
        Overrides::parse(text, Path::new("o.toml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn bad_names_and_types_point_at_the_value() {
        let err = error("[[item]]\nmatch = \"x\"\nrename = \"Get Todo\"\n");
        assert!(
            err.starts_with("o.toml:3:10: `rename = \"Get Todo\"`"),
            "{err}"
        );
        assert!(err.contains("\"get_todo\""), "{err}");

        let err = error("[[item]]\nmatch = \"x\"\nrename = \"type\"\n");
        assert!(err.contains("not a snake_case"), "{err}");

        let err = error("[[type]]\nname = \"A\"\nrename = \"user\"\n");
        assert!(err.starts_with("o.toml:3:10"), "{err}");
        assert!(err.contains("\"User\""), "{err}");

        let err = error("[[type]]\nname = \"A\"\nfields = { id = \"Vec<\" }\n");
        assert!(err.starts_with("o.toml:3:17"), "{err}");
        assert!(err.contains("\"id\""), "{err}");
    }

    #[test]
    fn good_names_pass() {
        Overrides::parse(
            "[[item]]\nmatch = \"x\"\nrename = \"get_todo_2\"\n[[type]]\nname = \"A\"\nrename = \"HTTPThing\"\nfields = { id = \"Option<::std::string::String>\" }\n",
            Path::new("o.toml"),
        )
        .unwrap();
    }
}
