//! Postman collection format v3 ("schema 3.0.0"): a directory of YAML files, as Postman v12
//! saves a collection into a git repository.
//!
//! ```text
//! <Collection>/.resources/definition.yaml          name, description, auth, variables, scripts
//! <Collection>/<Request>.request.yaml              one request each
//! <Collection>/.resources/<Request>.resources/examples/<Example>.example.yaml
//! <Collection>/<Folder>/…                          the same, one level down
//! ```
//!
//! The reader gives the same [`Collection`] the JSON reader gives for the collection exported
//! as v2.1, so nothing after loading knows which format was read. Real files differ from
//! Postman's documentation (`shared/docs/POSTMAN-V3.md` in the project's material): maps where
//! lists are documented, examples found only by their path, JSON labelled `text`, files that
//! are not valid YAML; the reader takes them as Postman does.

mod disk;
mod environment;
mod example;
mod fields;
mod items;
mod request;
#[cfg(test)]
mod tests;
mod yaml;

pub use environment::parse_environment;

use std::path::{Path, PathBuf};

use super::collection::Collection;
use crate::{Error, Location, Warning};
use fields::Val;
use items::{FileError, ItemReader, describe, parse_file, syntax_help};

/// Whether `path` is a v3 collection directory: one holding `.resources/definition.yaml` or
/// `*.request.yaml` files.
pub fn is_collection_dir(path: &Path) -> bool {
    path.is_dir() && disk::looks_like_collection(path)
}

/// The files of the collection directory `path` that the reader reads (definitions, requests,
/// examples), for a build script to watch; empty when the folder cannot be listed.
pub fn collection_files(path: &Path) -> Vec<PathBuf> {
    disk::list(path)
        .map(|listing| listing.files)
        .unwrap_or_default()
}

/// Reads the v3 collection in directory `path`.
pub fn load_dir(path: &Path) -> Result<(Collection, Vec<Warning>), Error> {
    if !disk::looks_like_collection(path) {
        return Err(not_a_collection(path));
    }
    let listing = disk::list(path)?;
    let mut warnings = listing.warnings.clone();
    let mut reader = ItemReader::new(&listing);
    let root = &listing.root;
    let (name, description, auth, variables) = match &root.definition {
        None => (root.name.clone(), None, None, Vec::new()),
        Some(file) => {
            let parsed = parse_file(file).map_err(|error| match error {
                FileError::Read(error) => error,
                FileError::Syntax(syntax, text) => invalid_at(
                    file,
                    syntax.at,
                    format!("not valid YAML: {}", syntax.message),
                    syntax_help(&text, syntax.at),
                ),
            })?;
            if let Ok(doc) = Val::root(&parsed.tree).object() {
                reader.note_scripts(&doc, "the collection");
            }
            let definition = reader.definition(&parsed, &root.name).map_err(|problem| {
                invalid_at(
                    file,
                    problem.at,
                    describe(&problem),
                    "fix this value as Postman's collection format v3 describes it, or save the collection again from Postman".to_owned(),
                )
            })?;
            (
                definition.name,
                definition.description,
                definition.auth,
                definition.variables,
            )
        }
    };
    let items = reader.items(root, &[]);
    warnings.extend(reader.script_warning(&items));
    warnings.append(&mut reader.warnings);
    Ok((
        Collection {
            name: if name.trim().is_empty() {
                "collection".to_owned()
            } else {
                name
            },
            description,
            schema_version: Some("3.0.0".to_owned()),
            items,
            auth,
            variables,
        },
        warnings,
    ))
}

/// The error for a folder that is not a collection, naming the collections inside it when
/// it holds some (`postman/collections` rather than one of its folders).
fn not_a_collection(path: &Path) -> Error {
    let mut inside: Vec<String> = std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|child| child.is_dir() && disk::looks_like_collection(child))
                .map(|child| child.display().to_string())
                .collect()
        })
        .unwrap_or_default();
    inside.sort();
    let help = match inside.as_slice() {
        [] => "give the path of a collection exported as JSON (Collection v2.1), or of a Postman v3 collection folder (the one holding `.resources/definition.yaml` and `*.request.yaml` files, usually postman/collections/<Name>)".to_owned(),
        [one] => format!("it holds the collection {one}; give that folder"),
        many => format!(
            "it holds {} collections; give one of them: {}",
            many.len(),
            many.join(", ")
        ),
    };
    disk::invalid(
        path,
        "this folder is not a Postman collection: it has no `.resources/definition.yaml` and no `*.request.yaml` file".to_owned(),
        &help,
    )
}

fn invalid_at(file: &Path, at: yaml::Pos, message: String, help: String) -> Error {
    Error::Invalid {
        location: Box::new(Location {
            file: file.to_owned(),
            line: Some(at.line),
            column: Some(at.column),
            // The message names the value's path already.
            pointer: None,
        }),
        message,
        help,
    }
}
