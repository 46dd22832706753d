//! The folders and requests of a v3 collection: each directory a folder (its metadata in
//! `.resources/definition.yaml`), each `*.request.yaml` a request, siblings sorted by their
//! `order`. A file that does not parse or has a wrong shape is skipped with a warning that
//! names the file, line and column; the rest of the collection still loads.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use super::disk::{Dir, Listing, RESOURCES, normalize, read_text, stem};
use super::example::example;
use super::fields::{Obj, Problem, Val};
use super::request::{auth_of, graphql_request, http_request};
use super::yaml::{self, Pos, SyntaxError, Yaml};
use crate::load::collection::{Auth, Example, Folder, Item, RequestItem};
use crate::{Error, Warning};

/// Request kinds that have no HTTP form, with what to call them in a warning.
const OTHER_PROTOCOLS: &[(&str, &str)] = &[
    ("grpc-request", "a gRPC request"),
    ("websocket-request", "a WebSocket request"),
    ("socket.io-request", "a Socket.IO request"),
    ("mqtt-request", "an MQTT request"),
    ("mcp-request", "an MCP request"),
    ("llm-request", "an LLM request"),
];

/// A parsed file.
pub(super) struct Parsed {
    pub path: PathBuf,
    pub tree: Yaml,
}

/// Why a file could not be used.
pub(super) enum FileError {
    /// Not readable, too large or not UTF-8: the loader's own error.
    Read(Error),
    /// Not YAML; with the text, for hints.
    Syntax(SyntaxError, String),
}

/// Reads and parses one file.
pub(super) fn parse_file(path: &Path) -> Result<Parsed, FileError> {
    let text = read_text(path).map_err(FileError::Read)?;
    match yaml::parse(&text) {
        Ok(tree) => Ok(Parsed {
            path: path.to_owned(),
            tree,
        }),
        Err(error) => Err(FileError::Syntax(error, text)),
    }
}

/// What to do about a YAML syntax error at `at` in `text`.
pub(super) fn syntax_help(text: &str, at: Pos) -> String {
    let line = text.lines().nth(at.line.saturating_sub(1)).unwrap_or("");
    if line.contains(": {{") || line.contains("- {{") {
        "a value that starts with `{{` must be in quotes in YAML, e.g. `url: \"{{baseUrl}}/books\"`; quote it, or save the file again from Postman".to_owned()
    } else {
        "fix the YAML at this place, or save the file again from Postman".to_owned()
    }
}

/// Reads the item tree and collects what is reported at the end.
pub(super) struct ItemReader<'a> {
    listing: &'a Listing,
    pub warnings: Vec<Warning>,
    /// Where scripts were seen: "the collection", folder paths and item paths. Files are read
    /// in directory order, not item order, so which is first is decided at the end.
    script_places: Vec<String>,
}

/// One child of a folder before sorting.
struct Child {
    order: Option<f64>,
    file_name: String,
    item: Item,
}

impl<'a> ItemReader<'a> {
    pub fn new(listing: &'a Listing) -> Self {
        ItemReader {
            listing,
            warnings: Vec::new(),
            script_places: Vec::new(),
        }
    }

    /// The items of `dir`, sorted by `order` (folders and requests in one sequence; those
    /// without come last), ties by file name.
    pub fn items(&mut self, dir: &Dir, folder_path: &[String]) -> Vec<Item> {
        let mut children = Vec::new();
        for folder in &dir.folders {
            if let Some(child) = self.folder(folder, folder_path) {
                children.push(child);
            }
        }
        for path in &dir.requests {
            if let Some(child) = self.request(dir, path, folder_path) {
                children.push(child);
            }
        }
        children.sort_by(|a, b| {
            let by_order = match (a.order, b.order) {
                (Some(a), Some(b)) => a.total_cmp(&b),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            by_order.then_with(|| a.file_name.cmp(&b.file_name))
        });
        children.into_iter().map(|child| child.item).collect()
    }

    /// Notes that `obj` (a request or definition) carries scripts.
    pub fn note_scripts(&mut self, obj: &Obj<'_>, context: &str) {
        let has_code = obj.get("scripts").is_some_and(|scripts| {
            scripts.elements().is_ok_and(|list| {
                list.iter().any(|script| {
                    script.object().is_ok_and(|script| {
                        script
                            .opt_text("code")
                            .is_ok_and(|code| code.is_some_and(|code| !code.trim().is_empty()))
                    })
                })
            })
        });
        if has_code {
            self.script_places.push(context.to_owned());
        }
    }

    /// The one warning about scripts, if any were seen in the collection whose items are
    /// `items`; the first place is the first in item order, as the JSON reader says it.
    pub fn script_warning(&self, items: &[Item]) -> Option<Warning> {
        fn first<'i>(items: &'i [Item], path: &[&'i str], places: &[String]) -> Option<String> {
            items.iter().find_map(|item| {
                let mut here = path.to_vec();
                match item {
                    Item::Folder(folder) => {
                        here.push(&folder.name);
                        let context = here.join("/");
                        if places.contains(&context) {
                            return Some(context);
                        }
                        first(&folder.items, &here, places)
                    }
                    Item::Request(request) => {
                        here.push(&request.name);
                        let context = here.join("/");
                        places.contains(&context).then_some(context)
                    }
                }
            })
        }
        let root = "the collection".to_owned();
        let first = if self.script_places.contains(&root) {
            root
        } else {
            first(items, &[], &self.script_places)?
        };
        Some(crate::load::items::scripts_ignored(
            self.script_places.len(),
            &first,
            "`scripts`",
        ))
    }

    fn folder(&mut self, dir: &Dir, folder_path: &[String]) -> Option<Child> {
        let mut name = dir.name.clone();
        let mut description = None;
        let mut auth = None;
        let mut order = None;
        if let Some(path) = &dir.definition {
            let parsed = self.parse_or_warn(path, "the folder was skipped")?;
            let read = self.definition(&parsed, &dir.name);
            let definition = self.ok_or_warn(&parsed.path, read, "the folder was skipped")?;
            if let Ok(doc) = Val::root(&parsed.tree).object() {
                let mut context = folder_path.to_vec();
                context.push(definition.name.clone());
                self.note_scripts(&doc, &context.join("/"));
            }
            name = definition.name;
            description = definition.description;
            auth = definition.auth;
            order = definition.order;
        }
        let mut path = folder_path.to_vec();
        path.push(name.clone());
        let items = self.items(dir, &path);
        Some(Child {
            order,
            file_name: dir.name.clone(),
            item: Item::Folder(Folder {
                name,
                description,
                auth,
                items,
            }),
        })
    }

    /// A definition file: the collection's (at the top) or a folder's.
    pub fn definition(&mut self, parsed: &Parsed, dir_name: &str) -> Result<Definition, Problem> {
        let doc = Val::root(&parsed.tree).object()?;
        let name = doc
            .opt_text("name")?
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| dir_name.to_owned());
        let mut notes = Vec::new();
        let definition = Definition {
            description: doc.opt_text("description")?,
            auth: auth_of(&doc, &mut notes)?,
            order: order(&doc)?,
            variables: match doc.get("variables") {
                Some(variables) => variables.variables()?,
                None => Vec::new(),
            },
            name,
        };
        self.notes(&parsed.path, notes);
        Ok(definition)
    }

    fn request(&mut self, dir: &Dir, path: &Path, folder_path: &[String]) -> Option<Child> {
        let parsed = self.parse_or_warn(path, "the request was skipped")?;
        let file_stem = stem(path, ".request");
        let read = self.request_item(dir, &parsed, &file_stem, folder_path);
        let (order, item) = self.ok_or_warn(path, read, "the request was skipped")??;
        Some(Child {
            order,
            file_name: file_name(path),
            item: Item::Request(Box::new(item)),
        })
    }

    /// `Ok(None)` for a request of a kind that is not HTTP, skipped with a warning.
    fn request_item(
        &mut self,
        dir: &Dir,
        parsed: &Parsed,
        file_stem: &str,
        folder_path: &[String],
    ) -> Result<Option<(Option<f64>, RequestItem)>, Problem> {
        let doc = Val::root(&parsed.tree).object()?;
        let name = doc
            .opt_text("name")?
            .unwrap_or_else(|| file_stem.to_owned());
        let mut context: Vec<&str> = folder_path.iter().map(String::as_str).collect();
        context.push(&name);
        let context = context.join("/");
        let kind = doc.opt_text("$kind")?;
        let mut notes = Vec::new();
        let request = match kind.as_deref() {
            // [P1] reads a file without `$kind` as an HTTP request.
            None | Some("http-request") => http_request(&doc, &mut notes)?,
            Some("graphql-request") => graphql_request(&doc, &mut notes)?,
            Some(other) => {
                let what = OTHER_PROTOCOLS
                    .iter()
                    .find(|(kind, _)| *kind == other)
                    .map_or(
                        "a request of a kind this tool does not know",
                        |(_, what)| what,
                    );
                self.warnings.push(Warning {
                    context,
                    message: format!(
                        "{what} (`$kind: {other}`, in {}) has no HTTP form; postman-codegen generates HTTP clients, so it was skipped",
                        parsed.path.display()
                    ),
                });
                return Ok(None);
            }
        };
        self.note_scripts(&doc, &context);
        self.notes(&parsed.path, notes);
        let responses = self.examples(dir, &doc, file_stem);
        let item = RequestItem {
            name,
            description: doc.opt_text("description")?,
            pointer: parsed.path.display().to_string(),
            request,
            responses,
        };
        Ok(Some((order(&doc)?, item)))
    }

    /// The request's examples: in the folder its `examples` field names, else (as real files
    /// often omit the field) in `.resources/<stem>.resources/examples`.
    fn examples(&mut self, dir: &Dir, doc: &Obj<'_>, file_stem: &str) -> Vec<Example> {
        let conventional = normalize(
            &dir.path
                .join(RESOURCES)
                .join(format!("{file_stem}.resources"))
                .join("examples"),
        );
        let named = doc
            .opt_text("examples")
            .ok()
            .flatten()
            .map(|relative| normalize(&dir.path.join(relative)));
        let listing = self.listing;
        let Some(files) = named
            .and_then(|named| listing.examples.get(&named))
            .or_else(|| listing.examples.get(&conventional))
        else {
            return Vec::new();
        };
        let mut examples: Vec<(Option<f64>, String, Example)> = files
            .iter()
            .filter_map(|path| {
                let parsed = self.parse_or_warn(path, "the example was skipped")?;
                let read = Val::root(&parsed.tree).object().and_then(|doc| {
                    let stem = stem(path, ".example");
                    Ok((order(&doc)?, example(&doc, &stem)?))
                });
                let (order, example) = self.ok_or_warn(path, read, "the example was skipped")?;
                Some((order, file_name(path), example))
            })
            .collect();
        examples.sort_by(|a, b| {
            let by_order = match (a.0, b.0) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            by_order.then_with(|| a.1.cmp(&b.1))
        });
        examples
            .into_iter()
            .map(|(_, _, example)| example)
            .collect()
    }

    /// Parses `path`, or warns that it was skipped (`consequence`).
    fn parse_or_warn(&mut self, path: &Path, consequence: &str) -> Option<Parsed> {
        match parse_file(path) {
            Ok(parsed) => Some(parsed),
            Err(FileError::Read(error)) => {
                self.warnings.push(Warning {
                    context: String::new(),
                    message: format!("{}; {consequence}", one_line(&error)),
                });
                None
            }
            Err(FileError::Syntax(error, text)) => {
                self.warnings.push(Warning {
                    context: place(path, error.at),
                    message: format!(
                        "not valid YAML: {}; {consequence} ({})",
                        error.message,
                        syntax_help(&text, error.at)
                    ),
                });
                None
            }
        }
    }

    fn ok_or_warn<T>(
        &mut self,
        path: &Path,
        read: Result<T, Problem>,
        consequence: &str,
    ) -> Option<T> {
        match read {
            Ok(value) => Some(value),
            Err(problem) => {
                self.warnings.push(Warning {
                    context: place(path, problem.at),
                    message: format!(
                        "{}; {consequence} (fix this value as Postman's collection format v3 describes it, or save the file again from Postman)",
                        describe(&problem)
                    ),
                });
                None
            }
        }
    }

    fn notes(&mut self, path: &Path, notes: Vec<Problem>) {
        for note in notes {
            self.warnings.push(Warning {
                context: place(path, note.at),
                message: describe(&note),
            });
        }
    }
}

/// A folder's or the collection's metadata.
pub(super) struct Definition {
    pub name: String,
    pub description: Option<String>,
    pub auth: Option<Auth>,
    pub order: Option<f64>,
    pub variables: Vec<crate::load::collection::Variable>,
}

fn order(doc: &Obj<'_>) -> Result<Option<f64>, Problem> {
    doc.get("order").map_or(Ok(None), |order| order.number())
}

/// `` `/body/type` is a list, … `` or, at the top, `the file is a list, …`.
pub(super) fn describe(problem: &Problem) -> String {
    if problem.pointer.is_empty() {
        format!("the file {}", problem.message)
    } else {
        format!("`{}` {}", problem.pointer, problem.message)
    }
}

/// `path:line:column`.
fn place(path: &Path, at: Pos) -> String {
    format!("{}:{}:{}", path.display(), at.line, at.column)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An error as one warning line: `file:line:column: message (help)`.
fn one_line(error: &Error) -> String {
    match error {
        Error::Invalid {
            location,
            message,
            help,
        } => format!("{location}: {message} ({help})"),
        other => other.to_string(),
    }
}
