//! The overrides file: what the collection gets wrong or leaves unsaid, fixed by the user.
//!
//! A TOML file of settings for the whole collection and `[[item]]` tables. `match` names the
//! items a table applies to: an item name (every item with that name, in any folder), a full
//! Postman path with `/` between folder names and the item name, or a folder path (every item
//! below that folder).
//!
//! ```toml
//! # Zoom's collection writes JSON bodies as formdata; the API takes JSON.
//! formdata_as_json = true
//!
//! # Zoom declares the upload field as text; it is a file (so that item stays multipart).
//! [[item]]
//! match = "Upload virtual background files"
//! file_fields = ["file"]
//! ```

use std::cell::Cell;
use std::path::Path;

use serde::Deserialize;

use crate::{Error, Location, Warning};

/// Parsed overrides.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Send formdata bodies without file fields as JSON objects (see [`ItemOverride::formdata_as_json`]).
    #[serde(default)]
    pub formdata_as_json: bool,
    /// Per-item settings, in file order.
    #[serde(default, rename = "item")]
    pub items: Vec<ItemOverride>,
}

/// Settings for the items that `match` names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemOverride {
    /// An item name, or `folder/…/item name`.
    #[serde(rename = "match")]
    pub pattern: String,
    /// Formdata fields to send as file parts whatever their declared `type`.
    #[serde(default)]
    pub file_fields: Vec<String>,
    /// Send a formdata body as a JSON object typed from its field values, for collections
    /// converted from OpenAPI that write JSON bodies as formdata. A body with file fields stays
    /// multipart. Overrides the collection-wide setting.
    #[serde(default)]
    pub formdata_as_json: Option<bool>,
    #[serde(skip)]
    used: Cell<bool>,
}

impl Overrides {
    /// Reads an overrides file.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// Parses overrides `text`; `file` names it in errors.
    pub fn parse(text: &str, file: &Path) -> Result<Self, Error> {
        toml::from_str(text).map_err(|error| {
            let (line, column) = error
                .span()
                .map(|span| line_column(text, span.start))
                .map_or((None, None), |(l, c)| (Some(l), Some(c)));
            Error::Invalid {
                location: Box::new(Location {
                    file: file.to_owned(),
                    line,
                    column,
                    pointer: None,
                }),
                message: format!("invalid overrides file: {}", error.message()),
                help: "see the overrides section of the README for the accepted keys".to_owned(),
            }
        })
    }

    /// The settings that apply to the item at `folder_path` named `name`.
    pub fn for_item<'a>(
        &'a self,
        folder_path: &'a [String],
        name: &'a str,
    ) -> impl Iterator<Item = &'a ItemOverride> + 'a {
        self.items.iter().filter(move |item| {
            let hit = item.pattern == name
                || item.pattern == full_path(folder_path, name)
                || is_folder_prefix(&item.pattern, folder_path);
            if hit {
                item.used.set(true);
            }
            hit
        })
    }

    /// Whether the item's formdata body is sent as JSON: the last matching table that says so,
    /// else the collection-wide setting.
    pub fn formdata_as_json(&self, folder_path: &[String], name: &str) -> bool {
        self.for_item(folder_path, name)
            .filter_map(|item| item.formdata_as_json)
            .last()
            .unwrap_or(self.formdata_as_json)
    }

    /// Warnings for tables that matched no item: most likely a typo in `match`.
    pub fn unused(&self) -> Vec<Warning> {
        self.items
            .iter()
            .filter(|item| !item.used.get())
            .map(|item| Warning {
                context: "overrides".to_owned(),
                message: format!("`match = {:?}` matches no item", item.pattern),
            })
            .collect()
    }
}

fn full_path(folder_path: &[String], name: &str) -> String {
    let mut path = folder_path.join("/");
    if !path.is_empty() {
        path.push('/');
    }
    path.push_str(name);
    path
}

/// Whether `pattern` names one of the folders (by path from the root) that hold the item.
fn is_folder_prefix(pattern: &str, folder_path: &[String]) -> bool {
    let mut path = String::new();
    folder_path.iter().any(|folder| {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(folder);
        path == pattern
    })
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_by_name_or_full_path() {
        let overrides = Overrides::parse(
            "[[item]]\nmatch = \"Upload\"\nfile_fields = [\"file\"]\n\n[[item]]\nmatch = \"a/b/Other\"\n[[item]]\nmatch = \"Nothing\"\n",
            Path::new("o.toml"),
        )
        .unwrap();
        let folders = vec!["a".to_owned(), "b".to_owned()];
        assert_eq!(overrides.for_item(&folders, "Upload").count(), 1);
        assert_eq!(overrides.for_item(&folders, "Other").count(), 1);
        assert_eq!(overrides.for_item(&[], "Other").count(), 0);
        let unused = overrides.unused();
        assert_eq!(unused.len(), 1);
        assert!(unused[0].message.contains("Nothing"));
    }

    #[test]
    fn formdata_as_json_by_collection_folder_and_item() {
        let overrides = Overrides::parse(
            "formdata_as_json = true\n[[item]]\nmatch = \"a/b\"\nformdata_as_json = false\n[[item]]\nmatch = \"Keep\"\nformdata_as_json = true\n",
            Path::new("o.toml"),
        )
        .unwrap();
        let ab = vec!["a".to_owned(), "b".to_owned()];
        let a = vec!["a".to_owned()];
        assert!(overrides.formdata_as_json(&a, "Any"));
        assert!(
            !overrides.formdata_as_json(&ab, "Any"),
            "the folder table wins over the collection"
        );
        assert!(
            overrides.formdata_as_json(&ab, "Keep"),
            "the later item table wins"
        );
        assert!(Overrides::default().for_item(&ab, "x").next().is_none());
        assert!(!Overrides::default().formdata_as_json(&ab, "x"));
    }

    #[test]
    fn unknown_keys_are_errors_with_a_location() {
        let err = Overrides::parse("[[item]]\nmatch = \"x\"\nfiles = []\n", Path::new("o.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("o.toml:3:1"), "{err}");
        assert!(err.contains("files"), "{err}");
    }
}
