//! The overrides file: what the collection gets wrong or leaves unsaid, fixed by the user.
//!
//! A TOML file with collection-wide settings (`keep_folders`, `formdata_as_json`,
//! `response_fields`, `request_fields`), `[[item]]` tables for request items and `[[type]]`
//! tables for inferred types:
//!
//! ```toml
//! # Generate only these folders (a folder path, `/` between names; sub-folders included).
//! keep_folders = ["users", "accounts/{account Id}/settings"]
//!
//! # Zoom's collection writes JSON bodies as formdata; the API takes JSON. Items with file
//! # fields stay multipart.
//! formdata_as_json = true
//!
//! # Which fields are `Option`: every one ("optional", the default) or those some sample
//! # lacks or nulls ("observed"); for response types and for request bodies.
//! response_fields = "observed"
//! request_fields = "optional"
//!
//! # `match` is an item name (every item with that name, in any folder), a full Postman path
//! # (folder names and the item name joined with `/`), or a folder path (every item below it).
//! [[item]]
//! match = "Upload a report"
//! file_fields = ["report"]      # formdata fields sent as file parts, whatever their `type`
//! text_fields = ["path"]        # … and sent as text, though described as a file path
//!
//! [[item]]
//! match = "users/{user Id}/Get a user"
//! rename = "get_user"           # the Client method (its error enum follows: GetUserError)
//!
//! [[item]]
//! match = "/todos/:id"
//! method = "DELETE"             # when items share a name and folder
//! rename = "delete_todo"
//!
//! [[item]]
//! match = "Deprecated: list meetings"
//! skip = true                   # not generated
//!
//! [[item]]
//! match = "List audit entries"  # how it pages, where the names say nothing
//! pager = { token = "cursor_id", next = "after", items = "entries" }
//!
//! [[item]]
//! match = "tags"
//! pager = "off"                 # no pager, whatever the item looks like
//!
//! # `name` is a type of the `types` module as generated (see `inspect`).
//! [[type]]
//! name = "GetUserResponse"
//! rename = "User"               # types nested in it follow: UserCustomAttribute, …
//! fields = { created_at = "String", pmi = "Option<u64>" }   # JSON key = Rust type
//! required = ["id"]             # not `Option`, always sent, whatever the field policy
//! optional = ["pmi"]            # `Option`, not sent when `None`
//! ```
//!
//! A field type replaces the inferred one as written, resolved at the generated crate's root
//! (so `String`, `u64`, `serde_json::Value`, `crate::…`); write `Option<…>` to keep a field
//! that some samples lack optional. Anything that matches nothing is reported as a warning.
//!
//! ```
//! let overrides = postman_codegen::overrides::Overrides::parse(
//!     "[[item]]\nmatch = \"/todos/:id\"\nmethod = \"get\"\nrename = \"todo\"\n",
//!     std::path::Path::new("todo.overrides.toml"),
//! )?;
//! assert_eq!(overrides.rename_for(&[], "/todos/:id", "GET"), Some("todo"));
//! assert_eq!(overrides.rename_for(&[], "/todos/:id", "PUT"), None);
//! # Ok::<(), postman_codegen::Error>(())
//! ```

mod check;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::rc::Rc;

use serde::Deserialize;
use toml::Spanned;

use crate::infer::FieldPolicy;
use crate::naming::operations::{Renamed, new_type_name};
use crate::{Error, Warning};

/// Parsed overrides.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Send formdata bodies without file fields as JSON objects (see [`ItemOverride::formdata_as_json`]).
    #[serde(default)]
    pub formdata_as_json: bool,
    /// Folder paths to generate (with their sub-folders); empty: every folder.
    #[serde(default)]
    pub keep_folders: Vec<String>,
    /// Which fields of response types are `Option` (`"optional"` or `"observed"`).
    #[serde(default)]
    pub response_fields: Option<FieldPolicy>,
    /// Which fields of request bodies are `Option` (`"optional"` or `"observed"`).
    #[serde(default)]
    pub request_fields: Option<FieldPolicy>,
    /// Per-item settings, in file order.
    #[serde(default, rename = "item")]
    pub items: Vec<ItemOverride>,
    /// Per-type settings, in file order.
    #[serde(default, rename = "type")]
    pub types: Vec<TypeOverride>,
    /// Which `keep_folders` entries kept an item.
    #[serde(skip)]
    kept_by: RefCell<BTreeSet<usize>>,
}

/// Settings for the items that `match` names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemOverride {
    /// An item name, or `folder/…/item name`.
    #[serde(rename = "match")]
    pub pattern: String,
    /// Only items with this HTTP method (any case), for items that share a name and folder.
    #[serde(default)]
    pub method: Option<String>,
    /// Formdata fields to send as file parts whatever their declared `type`.
    #[serde(default)]
    pub file_fields: Vec<String>,
    /// Formdata fields to send as text, though declared `type: file` or described as a file
    /// path ("Provide the file's path here."); `file_fields` wins over it.
    #[serde(default)]
    pub text_fields: Vec<String>,
    /// Send a formdata body as a JSON object typed from its field values, for collections
    /// converted from OpenAPI that write JSON bodies as formdata. A body with file fields stays
    /// multipart. Overrides the collection-wide setting.
    #[serde(default)]
    pub formdata_as_json: Option<bool>,
    /// The media type the item answers with, sent as its `Accept` header in place of a saved
    /// one; a type that is not JSON or text (`application/pdf`) returns the body as bytes,
    /// whatever the examples say (Zoom saves `{}` as the example of a PDF download).
    #[serde(default)]
    pub accept: Option<String>,
    /// The `Client` method's name instead of the one derived from the item name.
    #[serde(default)]
    pub rename: Option<Spanned<String>>,
    /// Leave the item out.
    #[serde(default)]
    pub skip: bool,
    /// The item is the request for OAuth2 access tokens (a `grant_type=client_credentials`
    /// form POST): the client fetches the tokens of the bearer operations with it.
    #[serde(default)]
    pub oauth2_token: bool,
    /// How the item pages: `"off"` for no pager, or a table naming its parameters and fields
    /// in place of what the generator infers.
    #[serde(default)]
    pub pager: Option<PagerOverride>,
    #[serde(skip)]
    used: Cell<bool>,
}

/// The `pager` of an `[[item]]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(
    untagged,
    expecting = "expected `pager = \"off\"` or a table such as `{ token = \"cursor\", next = \"next_cursor\" }` (keys: token, next, link_header, page, offset, total, pages, items)"
)]
pub enum PagerOverride {
    /// `pager = "off"`.
    Switch(PagerSwitch),
    /// `pager = { token = "cursor", next = "next_cursor", items = "users" }`.
    Declared(DeclaredPager),
}

/// `pager = "off"`: no pager, whatever the item looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PagerSwitch {
    /// No pager.
    Off,
}

/// A pager the overrides declare: one of `token` (with `next`), `next` alone (a link in the
/// body), `link_header`, `page` or `offset`; JSON keys of the query and of the response.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclaredPager {
    /// The query parameter that sends a page token.
    #[serde(default)]
    pub token: Option<String>,
    /// The response field with the next token (with `token`) or the next page's URL (without);
    /// `links.next` for a nested one.
    #[serde(default)]
    pub next: Option<String>,
    /// The next page's URL is the `Link` response header's `rel="next"`.
    #[serde(default)]
    pub link_header: bool,
    /// The query parameter that sends a page number (from 1).
    #[serde(default)]
    pub page: Option<String>,
    /// The query parameter that sends an offset (from 0).
    #[serde(default)]
    pub offset: Option<String>,
    /// The response field with the number of items.
    #[serde(default)]
    pub total: Option<String>,
    /// The response field with the number of pages.
    #[serde(default)]
    pub pages: Option<String>,
    /// The response field with the items (its array).
    #[serde(default)]
    pub items: Option<String>,
}

/// Settings for one inferred type, by its generated name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeOverride {
    /// The type's name as generated.
    pub name: String,
    /// The name to give it instead.
    #[serde(default)]
    pub rename: Option<Spanned<String>>,
    /// JSON key → Rust type that replaces the inferred one.
    #[serde(default)]
    pub fields: BTreeMap<String, Spanned<String>>,
    /// JSON keys of fields that are always there, whatever the samples and the field policy
    /// say: not `Option` (unless `null` was seen), and always sent.
    #[serde(default)]
    pub required: Vec<String>,
    /// JSON keys of fields that may be left out, whatever the samples and the field policy
    /// say: `Option`, not sent when `None`.
    #[serde(default)]
    pub optional: Vec<String>,
    /// Whether the type was met, and which fields; shared by clones, since the type space
    /// that meets them holds a clone.
    #[serde(skip)]
    seen: Rc<RefCell<Option<BTreeSet<String>>>>,
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

    /// Parses overrides `text`, and checks that names are identifiers and field types are Rust
    /// types; `file` names it in errors.
    pub fn parse(text: &str, file: &Path) -> Result<Self, Error> {
        let overrides: Self = toml::from_str(text).map_err(|error| {
            check::error(
                text,
                file,
                error.span().map(|span| span.start),
                format!("invalid overrides file: {}", error.message()),
                "see the overrides section of the README for the accepted keys".to_owned(),
            )
        })?;
        check::check(&overrides, text, file)?;
        Ok(overrides)
    }

    /// The settings that apply to the item at `folder_path` named `name` with `method`.
    pub fn for_item<'a>(
        &'a self,
        folder_path: &'a [String],
        name: &'a str,
        method: &'a str,
    ) -> impl Iterator<Item = &'a ItemOverride> + 'a {
        self.items.iter().filter(move |item| {
            let hit = (item.pattern == name
                || item.pattern == full_path(folder_path, name)
                || is_folder_prefix(&item.pattern, folder_path))
                && item
                    .method
                    .as_ref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method));
            if hit {
                item.used.set(true);
            }
            hit
        })
    }

    /// Whether the item's formdata body is sent as JSON: the last matching table that says so,
    /// else the collection-wide setting.
    pub fn formdata_as_json(&self, folder_path: &[String], name: &str, method: &str) -> bool {
        self.for_item(folder_path, name, method)
            .filter_map(|item| item.formdata_as_json)
            .last()
            .unwrap_or(self.formdata_as_json)
    }

    /// The `pager` of the last matching table that sets one.
    pub fn pager(&self, folder_path: &[String], name: &str, method: &str) -> Option<PagerOverride> {
        self.for_item(folder_path, name, method)
            .filter_map(|item| item.pager.clone())
            .last()
    }

    /// The `accept` of the last matching table that sets one.
    pub fn accept(&self, folder_path: &[String], name: &str, method: &str) -> Option<String> {
        self.for_item(folder_path, name, method)
            .filter_map(|item| item.accept.clone())
            .last()
    }

    /// Whether the item is generated: in a kept folder (when `keep_folders` is set) and not
    /// skipped.
    pub fn keeps(&self, folder_path: &[String], name: &str, method: &str) -> bool {
        if !self.keep_folders.is_empty() {
            let kept = self.keep_folders.iter().position(|folder| {
                let prefix: Vec<&str> = folder.split('/').collect();
                folder_path.len() >= prefix.len()
                    && folder_path.iter().zip(&prefix).all(|(a, b)| a == b)
            });
            match kept {
                Some(index) => {
                    self.kept_by.borrow_mut().insert(index);
                }
                None => return false,
            }
        }
        !self
            .for_item(folder_path, name, method)
            .any(|item| item.skip)
    }

    /// Whether the item is the OAuth2 token request (`oauth2_token = true`).
    pub fn oauth2_token(&self, folder_path: &[String], name: &str, method: &str) -> bool {
        self.for_item(folder_path, name, method)
            .any(|item| item.oauth2_token)
    }

    /// The method name the user chose for the item, if any (the last matching table wins).
    pub fn rename_for<'a>(
        &'a self,
        folder_path: &'a [String],
        name: &'a str,
        method: &'a str,
    ) -> Option<&'a str> {
        self.for_item(folder_path, name, method)
            .filter_map(|item| item.rename.as_ref())
            .last()
            .map(|rename| rename.get_ref().as_str())
    }

    /// Warnings for `keep_folders` entries and `[[item]]` tables that matched nothing: most
    /// likely a typo.
    pub fn unused(&self) -> Vec<Warning> {
        let kept_by = self.kept_by.borrow();
        let folders = self
            .keep_folders
            .iter()
            .enumerate()
            .filter(|(index, _)| !kept_by.contains(index))
            .map(|(_, folder)| {
                warning(format!("`keep_folders` entry {folder:?} matches no folder"))
            });
        let items = self
            .items
            .iter()
            .filter(|item| !item.used.get())
            .map(|item| warning(format!("`match = {:?}` matches no item", item.pattern)));
        folders.chain(items).collect()
    }

    /// Warnings for `[[type]]` tables and fields that matched nothing; meaningful once the
    /// types were generated. A name earlier versions gave a type is answered with its new
    /// name, from `renamed` ([`crate::model::Api::renamed`]).
    pub fn unused_types(&self, renamed: &[Renamed]) -> Vec<Warning> {
        self.types
            .iter()
            .flat_map(|ty| {
                let seen = ty.seen.borrow();
                match &*seen {
                    None => vec![warning(match new_type_name(&ty.name, renamed) {
                        Some(new) => format!(
                            "`[[type]] name = {:?}` matches no generated type: names derived from item titles changed (see the README, \"Migrating\"); it is most likely {new:?} now",
                            ty.name
                        ),
                        None => format!("`[[type]] name = {:?}` matches no generated type", ty.name),
                    })],
                    Some(fields) => ty
                        .fields
                        .keys()
                        .chain(&ty.required)
                        .chain(&ty.optional)
                        .filter(|key| !fields.contains(*key))
                        .map(|key| {
                            warning(format!(
                                "type {:?} has no field with the JSON key {key:?}",
                                ty.name
                            ))
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

impl TypeOverride {
    /// Notes that the type was generated (the field overrides that applied are noted by
    /// [`TypeOverride::field_type`]).
    pub fn mark_seen(&self) {
        self.seen.borrow_mut().get_or_insert_with(BTreeSet::new);
    }

    /// The Rust type the user gave for the field with JSON key `key`, noting it as used.
    pub fn field_type(&self, key: &str) -> Option<&str> {
        let ty = self.fields.get(key)?;
        self.seen
            .borrow_mut()
            .get_or_insert_with(BTreeSet::new)
            .insert(key.to_owned());
        Some(ty.get_ref())
    }
}

impl TypeOverride {
    /// Whether the user made the field with JSON key `key` required (`Some(true)`) or
    /// optional (`Some(false)`), noting it as used; `optional` wins for a key in both lists.
    pub fn required(&self, key: &str) -> Option<bool> {
        let required = if self.optional.iter().any(|k| k == key) {
            false
        } else if self.required.iter().any(|k| k == key) {
            true
        } else {
            return None;
        };
        self.seen
            .borrow_mut()
            .get_or_insert_with(BTreeSet::new)
            .insert(key.to_owned());
        Some(required)
    }
}

fn warning(message: String) -> Warning {
    Warning {
        context: "overrides".to_owned(),
        message,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Overrides {
        Overrides::parse(text, Path::new("o.toml")).unwrap()
    }

    fn folders(path: &[&str]) -> Vec<String> {
        path.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn matches_by_name_or_full_path() {
        let overrides = parse(
            "[[item]]\nmatch = \"Upload\"\nfile_fields = [\"file\"]\n\n[[item]]\nmatch = \"a/b/Other\"\n[[item]]\nmatch = \"Nothing\"\n",
        );
        let folders = folders(&["a", "b"]);
        assert_eq!(overrides.for_item(&folders, "Upload", "POST").count(), 1);
        assert_eq!(overrides.for_item(&folders, "Other", "GET").count(), 1);
        assert_eq!(overrides.for_item(&[], "Other", "GET").count(), 0);
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
        assert!(overrides.formdata_as_json(&a, "Any", "POST"));
        assert!(
            !overrides.formdata_as_json(&ab, "Any", "POST"),
            "the folder table wins over the collection"
        );
        assert!(
            overrides.formdata_as_json(&ab, "Keep", "POST"),
            "the later item table wins"
        );
        assert!(
            Overrides::default()
                .for_item(&ab, "x", "POST")
                .next()
                .is_none()
        );
        assert!(!Overrides::default().formdata_as_json(&ab, "x", "POST"));
    }

    #[test]
    fn keep_folders_and_skip_decide_what_is_generated() {
        let overrides = parse(
            "keep_folders = [\"users\", \"a/b\", \"zzz\"]\n[[item]]\nmatch = \"Old\"\nskip = true\n",
        );
        assert!(overrides.keeps(&folders(&["users"]), "Get", "GET"));
        assert!(overrides.keeps(&folders(&["users", "x"]), "Get", "GET"));
        assert!(!overrides.keeps(&folders(&["users"]), "Old", "GET"));
        assert!(overrides.keeps(&folders(&["a", "b", "c"]), "Get", "GET"));
        assert!(!overrides.keeps(&folders(&["a"]), "Get", "GET"));
        assert!(!overrides.keeps(&folders(&["userss"]), "Get", "GET"));
        assert!(!overrides.keeps(&[], "Get", "GET"));
        let unused: Vec<String> = overrides.unused().into_iter().map(|w| w.message).collect();
        assert_eq!(unused, ["`keep_folders` entry \"zzz\" matches no folder"]);
    }

    #[test]
    fn type_overrides_report_what_they_did_not_meet() {
        let overrides = parse(
            "[[type]]\nname = \"A\"\nfields = { x = \"String\", y = \"u8\" }\n[[type]]\nname = \"B\"\nrename = \"C\"\n",
        );
        let a = overrides.types[0].clone();
        assert_eq!(a.field_type("x"), Some("String"));
        let unused: Vec<String> = overrides
            .unused_types(&[])
            .into_iter()
            .map(|w| w.message)
            .collect();
        assert_eq!(
            unused,
            [
                "type \"A\" has no field with the JSON key \"y\"",
                "`[[type]] name = \"B\"` matches no generated type"
            ]
        );
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
