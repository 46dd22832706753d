//! Stage 1: read a collection into a [`Collection`]: a v2.0/v2.1 JSON file, or a v3 collection
//! directory of YAML files ([`v3`]); [`load_path`] tells which by what the path is.
//!
//! The rest of this module is the JSON reader. The text is parsed into a tree that borrows its strings from the text (`fields::Json`),
//! one item at a time (`lazy`), and walked by hand, tracking the JSON pointer of every value,
//! so that each complaint can say exactly where it is. Problems with the file as
//! a whole are errors; a problem inside one item skips that item with a [`Warning`].

pub mod collection;
mod environment;
mod fields;
mod items;
mod lazy;
mod locate;
mod pairs;
mod read;
mod request;
mod url;
pub mod v3;

#[cfg(test)]
mod tests;

pub use collection::*;
pub use environment::{apply_environment, load_environment};
#[cfg(feature = "internals")]
pub use read::MAX_FILE_SIZE;

use std::path::Path;

use crate::{Error, Location, Warning};
use fields::{Json, Node, Obj, Problem, member, type_name};
use items::ItemWalker;

/// Formats this loader reads, for help texts.
const SUPPORTED: &str = "postman-codegen reads Postman collection format v2.0.0 and v2.1.0";
const EXPORT_HELP: &str = "in Postman, use Export on the collection and choose \"Collection v2.1\"";

/// Reads the collection at `path`: a v3 collection directory (the folder holding
/// `.resources/definition.yaml` and `*.request.yaml` files), else a JSON file.
pub fn load_path(path: &Path) -> Result<(Collection, Vec<Warning>), Error> {
    if path.is_dir() {
        return v3::load_dir(path);
    }
    if let Some(part) = v3_part(path) {
        return Err(Error::Invalid {
            location: Box::new(Location {
                file: path.to_owned(),
                line: None,
                column: None,
                pointer: None,
            }),
            message: format!("this is {part} of a Postman v3 collection, not a collection"),
            help: "give the collection's folder: the top one, holding `.resources/definition.yaml` and the `*.request.yaml` files".to_owned(),
        });
    }
    load_file(path)
}

/// What part of a v3 collection the file at `path` is, judged by its name.
fn v3_part(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    let base = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))?;
    if base.ends_with(".request") {
        Some("a request file")
    } else if base.ends_with(".example") {
        Some("an example file")
    } else if base == "definition" {
        Some("a folder's definition file")
    } else {
        None
    }
}

/// Reads and parses the collection JSON file at `path` (at most [`MAX_FILE_SIZE`] bytes).
pub fn load_file(path: &Path) -> Result<(Collection, Vec<Warning>), Error> {
    let bytes = read::read_file(path)?;
    load_bytes(&bytes, path)
}

/// Parses the collection file content `bytes`, which must be UTF-8 (a leading byte-order mark is
/// allowed); `file` names it in diagnostics.
pub fn load_bytes(bytes: &[u8], file: &Path) -> Result<(Collection, Vec<Warning>), Error> {
    load_str(read::text(bytes, file)?, file)
}

/// Parses collection `text`; `file` names it in diagnostics.
pub fn load_str(text: &str, file: &Path) -> Result<(Collection, Vec<Warning>), Error> {
    let errors = Errors { text, file };
    if text.trim().is_empty() {
        return Err(errors.at_position(
            None,
            "the file is empty",
            "give the path of a Postman collection exported as JSON (Collection v2.1)",
        ));
    }
    // serde_json refuses input nested deeper than 128 levels, which also bounds the recursion of
    // the walker below.
    lazy::validate(text).map_err(|error| errors.not_json(&error))?;
    // The top level without its items, which the walker parses one at a time (see `lazy`).
    let split = lazy::split_items(text);
    let top = split.as_ref().map_or(text, |split| split.rest.as_str());
    let document: Json<'_> = serde_json::from_str(top).map_err(|error| errors.not_json(&error))?;
    let root = Node::root(&document).object().map_err(|_| {
        errors.at_pointer(
            "",
            format!("the top level is {}, not an object", type_name(&document)),
            "a Postman collection is a JSON object with `info` and `item`; export it from Postman as Collection v2.1",
        )
    })?;
    reject_v1(&root, &errors)?;
    let info = match root.opt_object("info") {
        Ok(Some(info)) => info,
        Ok(None) => {
            return Err(errors.at_pointer(
                "",
                "there is no `info` object, so this is not a Postman v2 collection",
                format!("{SUPPORTED}; {EXPORT_HELP}"),
            ));
        }
        Err(problem) => return Err(errors.problem(&problem)),
    };
    let mut warnings = Vec::new();
    let schema_version = schema_version(&info, &errors, &mut warnings)?;
    let item_list = top_level_items(&root, &errors)?;

    let name = match info.opt_text("name") {
        Ok(Some(name)) => name,
        Ok(None) => {
            return Err(errors.at_pointer(
                "/info",
                "`info` has no `name`",
                "add a `name` to `info`; the generated client is named after it",
            ));
        }
        Err(problem) => return Err(errors.problem(&problem)),
    };
    let description = info
        .description("description")
        .map_err(|problem| errors.problem(&problem))?;
    let auth = match root.get("auth") {
        Some(found) => request::auth(&found).map_err(|problem| errors.problem(&problem))?,
        None => None,
    };
    let variables = root
        .list("variable")
        .and_then(|list| list.iter().map(pairs::variable).collect::<Result<_, _>>())
        .map_err(|problem| errors.problem(&problem))?;

    let mut walker = ItemWalker::default();
    walker.note_scripts(&root, "");
    let items = match &split {
        Some(split) => walker.raw_items(&split.items, "/item", &[]),
        None => walker.items(&item_list, &[]),
    };
    warnings.extend(walker.script_warning());
    warnings.append(&mut walker.warnings);
    Ok((
        Collection {
            name,
            description,
            schema_version,
            items,
            auth,
            variables,
        },
        warnings,
    ))
}

/// Collection format v1 has `requests` and `order` at the top level and no `info`/`item`.
fn reject_v1(root: &Obj<'_>, errors: &Errors<'_>) -> Result<(), Error> {
    if root.has("item")
        || !(member(root.map, "requests").is_some_and(Json::is_array) || root.has("order"))
    {
        return Ok(());
    }
    let pointer = if root.has("requests") {
        "/requests"
    } else {
        "/order"
    };
    Err(errors.at_pointer(
        pointer,
        "Postman collection v1 format is not supported",
        format!("export it as v2.1 from Postman ({EXPORT_HELP})"),
    ))
}

/// The version in `info.schema`, e.g. `https://schema.getpostman.com/json/collection/v2.1.0/collection.json`.
/// A missing or unrecognisable URL is read as v2.x with a warning; a known other version is an error.
fn schema_version(
    info: &Obj<'_>,
    errors: &Errors<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<Option<String>, Error> {
    let schema = info
        .opt_str("schema")
        .map_err(|problem| errors.problem(&problem))?;
    let Some(schema) = schema else {
        return Ok(None);
    };
    let version = schema.split('/').find_map(|segment| {
        let digits = segment.strip_prefix('v')?;
        let numbers: Vec<u32> = digits
            .split('.')
            .map(|part| part.parse().ok())
            .collect::<Option<_>>()?;
        Some(numbers)
    });
    match version.as_deref() {
        Some([2, 0, ..]) => Ok(Some("2.0.0".to_owned())),
        Some([2, 1, ..]) => Ok(Some("2.1.0".to_owned())),
        Some([1, ..]) => Err(errors.at_pointer(
            "/info/schema",
            "Postman collection v1 format is not supported",
            format!("export it as v2.1 from Postman ({EXPORT_HELP})"),
        )),
        Some(numbers) => {
            let shown: Vec<String> = numbers.iter().map(u32::to_string).collect();
            Err(errors.at_pointer(
                "/info/schema",
                format!(
                    "unknown Postman collection format version v{} ({schema})",
                    shown.join(".")
                ),
                format!("{SUPPORTED}; {EXPORT_HELP}"),
            ))
        }
        None => {
            warnings.push(Warning {
                context: "/info/schema".to_owned(),
                message: format!("the schema URL {schema:?} names no collection format version; reading it as v2.1.0"),
            });
            Ok(None)
        }
    }
}

/// The top-level `item` array. Its absence gets a precise error: some hand-edited files name it
/// `items`, and saying so saves the user a search through a large file.
fn top_level_items<'a>(root: &Obj<'a>, errors: &Errors<'_>) -> Result<Vec<Node<'a>>, Error> {
    match root.get("item") {
        Some(found) => found.elements().map_err(|problem| {
            errors.at_pointer(
                "/item",
                format!("`item` {}", problem.message),
                "`item` must be the array of the collection's folders and requests",
            )
        }),
        None => {
            let look_alike = root
                .map
                .keys()
                .find(|key| matches!(key.to_ascii_lowercase().as_str(), "item" | "items"));
            let mut message =
                "the collection has no `item` array (its folders and requests)".to_owned();
            let mut help =
                "a v2 collection lists its folders and requests in a top-level `item` array"
                    .to_owned();
            if let Some(key) = look_alike {
                let place = match locate::locate_key(errors.text, &root.pointer_of(key)) {
                    Some(at) => format!("line {}, column {}", at.line, at.column),
                    None => "the top level".to_owned(),
                };
                message.push_str(&format!("; found `{key}` at {place} instead"));
                help = format!("rename `{key}` to `item` (at {place})");
            }
            Err(errors.at_pointer("", message, help))
        }
    }
}

/// Builds errors that point into the file.
struct Errors<'a> {
    text: &'a str,
    file: &'a Path,
}

impl Errors<'_> {
    fn location(&self, position: Option<locate::Position>, pointer: Option<&str>) -> Location {
        Location {
            file: self.file.to_owned(),
            line: position.map(|at| at.line),
            column: position.map(|at| at.column),
            pointer: pointer.map(str::to_owned),
        }
    }

    fn at_position(
        &self,
        position: Option<locate::Position>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Error {
        Error::Invalid {
            location: Box::new(self.location(position, None)),
            message: message.into(),
            help: help.into(),
        }
    }

    fn at_pointer(
        &self,
        pointer: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Error {
        let position = locate::locate_value(self.text, pointer);
        Error::Invalid {
            location: Box::new(self.location(position, Some(pointer))),
            message: message.into(),
            help: help.into(),
        }
    }

    /// A collection-level problem (outside any item): `info`, collection `auth`, `variable`.
    fn problem(&self, problem: &Problem) -> Error {
        self.at_pointer(
            &problem.pointer,
            format!("`{}` {}", problem.pointer, problem.message),
            "fix this value so it matches the Postman collection schema, or export the collection again from Postman",
        )
    }

    fn not_json(&self, error: &serde_json::Error) -> Error {
        // serde_json's message ends with its own " at line L column C"; the location says that.
        let full = error.to_string();
        let suffix = format!(" at line {} column {}", error.line(), error.column());
        let reason = full.strip_suffix(&suffix).unwrap_or(&full);
        let help = if reason.contains("recursion limit") {
            "the file nests values more than 128 levels deep, which no Postman export does; check that this is the right file"
        } else {
            "fix the JSON syntax at this place, or export the collection again from Postman"
        };
        // At the very end of a line serde_json says column 0; editors count from 1.
        let position = (error.line() > 0).then(|| locate::Position {
            line: error.line(),
            column: error.column().max(1),
        });
        self.at_position(position, format!("not valid JSON: {reason}"), help)
    }
}
