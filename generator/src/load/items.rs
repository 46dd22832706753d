//! The item tree: folders, request items and their saved examples. A problem inside one item
//! skips that item with a warning and the rest of the collection still loads, because one
//! broken request in a large export should not block a client for the other hundreds.

use serde_json::value::RawValue;

use super::collection::{Example, Folder, Item, RequestItem};
use super::fields::{Json, Node, Obj, Problem, child_pointer, member, number_text};
use super::lazy::split_items;
use super::request::{auth, headers, request};
use crate::Warning;

/// Walks the items and collects what the caller reports at the end.
#[derive(Debug, Default)]
pub(super) struct ItemWalker {
    pub warnings: Vec<Warning>,
    /// How many places (collection, folders, items) carry scripts, and the first of them.
    pub script_places: usize,
    pub first_script: Option<String>,
}

impl ItemWalker {
    /// Notes the `event` list of `obj` if it holds any script code.
    pub fn note_scripts(&mut self, obj: &Obj<'_>, context: &str) {
        if obj
            .get("event")
            .is_some_and(|events| has_script(events.value))
        {
            self.script_places += 1;
            if self.first_script.is_none() {
                self.first_script = Some(if context.is_empty() {
                    "the collection".to_owned()
                } else {
                    context.to_owned()
                });
            }
        }
    }

    /// Reads the elements of an `item` array; `folder_path` names the enclosing folders.
    pub fn items(&mut self, list: &[Node<'_>], folder_path: &[String]) -> Vec<Item> {
        list.iter()
            .filter_map(|element| self.item(element, folder_path, None))
            .collect()
    }

    /// Reads the unparsed elements of the `item` array at `pointer` (see `lazy`), parsing each
    /// only when it is reached and dropping its tree once its item is built.
    pub fn raw_items(
        &mut self,
        list: &[&RawValue],
        pointer: &str,
        folder_path: &[String],
    ) -> Vec<Item> {
        list.iter()
            .enumerate()
            .filter_map(|(index, raw)| {
                let (rest, pending) = match split_items(raw.get()) {
                    Some(split) => (Some(split.rest), Some(split.items)),
                    None => (None, None),
                };
                // Cannot fail: the whole file was validated, and cutting out a valid array
                // leaves valid JSON.
                let tree: Json<'_> =
                    serde_json::from_str(rest.as_deref().unwrap_or(raw.get())).ok()?;
                let node = Node {
                    value: &tree,
                    pointer: child_pointer(pointer, &index.to_string()),
                };
                self.item(&node, folder_path, pending)
            })
            .collect()
    }

    /// One item; `pending` holds a folder's children when they are still unparsed.
    fn item(
        &mut self,
        node: &Node<'_>,
        folder_path: &[String],
        pending: Option<Vec<&RawValue>>,
    ) -> Option<Item> {
        let named = node
            .object()
            .and_then(|obj| Ok((obj.opt_text("name")?.unwrap_or_default(), obj)));
        let (name, obj) = match named {
            Ok(named) => named,
            Err(problem) => {
                let context = context(folder_path, "", &node.pointer);
                self.skip(&context, &node.pointer, &problem);
                return None;
            }
        };
        let context = context(folder_path, &name, &node.pointer);
        self.note_scripts(&obj, &context);
        let result = if obj.has("item") {
            self.folder(&obj, name, folder_path, pending)
                .map(Item::Folder)
        } else if obj.has("request") {
            request_item(&obj, name).map(|item| Item::Request(Box::new(item)))
        } else {
            Err(Problem::new(
                &node.pointer,
                "has neither `request` (a request) nor `item` (a folder); give it one of them, or delete it",
            ))
        };
        result
            .map_err(|problem| self.skip(&context, &node.pointer, &problem))
            .ok()
    }

    fn folder(
        &mut self,
        obj: &Obj<'_>,
        name: String,
        folder_path: &[String],
        pending: Option<Vec<&RawValue>>,
    ) -> Result<Folder, Problem> {
        let description = obj.description("description")?;
        let folder_auth = match obj.get("auth") {
            Some(found) => auth(&found)?,
            None => None,
        };
        let children = obj
            .get("item")
            .map(|found| found.elements())
            .transpose()?
            .unwrap_or_default();
        let mut path = folder_path.to_vec();
        path.push(name.clone());
        let items = match pending {
            Some(raw) => self.raw_items(&raw, &obj.pointer_of("item"), &path),
            None => self.items(&children, &path),
        };
        Ok(Folder {
            name,
            description,
            auth: folder_auth,
            items,
        })
    }

    fn skip(&mut self, context: &str, item_pointer: &str, problem: &Problem) {
        let subject = match problem.pointer.strip_prefix(item_pointer) {
            Some("") => "the item".to_owned(),
            Some(relative) => format!("`{}`", relative.trim_start_matches('/')),
            None => format!("`{}`", problem.pointer),
        };
        self.warnings.push(Warning {
            context: context.to_owned(),
            message: format!(
                "{subject} {} (at {}); the item was skipped",
                problem.message, problem.pointer
            ),
        });
    }

    /// The one warning about scripts, if any were seen.
    pub fn script_warning(&self) -> Option<Warning> {
        let first = self.first_script.as_deref()?;
        Some(scripts_ignored(self.script_places, first, "`event`"))
    }
}

/// The one warning about scripts found in `places` places, the first being `first`; `field`
/// names where the format keeps them.
pub(super) fn scripts_ignored(places: usize, first: &str, field: &str) -> Warning {
    let places = match places {
        1 => "1 place".to_owned(),
        n => format!("{n} places"),
    };
    Warning {
        context: String::new(),
        message: format!(
            "the collection has pre-request or test scripts ({field}) in {places}, first in {first}; \
             scripts cannot be translated to Rust and are ignored"
        ),
    }
}

/// `Folder/Sub folder/Item name`; an unnamed item is named by its pointer.
fn context(folder_path: &[String], name: &str, pointer: &str) -> String {
    let mut parts: Vec<&str> = folder_path.iter().map(String::as_str).collect();
    let unnamed = format!("(unnamed item at {pointer})");
    parts.push(if name.is_empty() { &unnamed } else { name });
    parts.join("/")
}

fn request_item(obj: &Obj<'_>, name: String) -> Result<RequestItem, Problem> {
    let found = obj
        .get("request")
        .ok_or_else(|| Problem::new(&obj.pointer, "has no `request`"))?;
    let (request, request_description) = request(&found)?;
    let description = obj.description("description")?.or(request_description);
    let responses = obj
        .list("response")?
        .iter()
        .map(example_response)
        .collect::<Result<_, _>>()?;
    Ok(RequestItem {
        name,
        description,
        pointer: obj.pointer.clone(),
        request,
        responses,
    })
}

fn example_response(node: &Node<'_>) -> Result<Example, Problem> {
    let obj = node.object()?;
    let code = match obj.get("code") {
        None => None,
        Some(found) => match found.value {
            Json::Null => None,
            Json::Number(number) => {
                match number.as_u64().and_then(|code| u16::try_from(code).ok()) {
                    Some(code) => Some(code),
                    None => {
                        return Err(Problem::new(
                            &found.pointer,
                            format!(
                                "is {}, which is not an HTTP status code",
                                number_text(*number)
                            ),
                        ));
                    }
                }
            }
            _ => return Err(found.wrong_type("a number")),
        },
    };
    Ok(Example {
        name: obj.opt_text("name")?.unwrap_or_default(),
        code,
        status: obj.opt_text("status")?,
        headers: match obj.get("header") {
            Some(found) => headers(&found)?,
            None => Vec::new(),
        },
        body: obj.opt_str("body")?.map(str::to_owned),
        preview_language: obj.opt_str("_postman_previewlanguage")?.map(str::to_owned),
    })
}

/// Whether an `event` list holds script code. Exports often carry events whose `exec` is empty
/// (`[""]`); those do nothing, so they do not deserve a warning.
fn has_script(events: &Json<'_>) -> bool {
    let Json::Array(events) = events else {
        return false;
    };
    events.iter().any(|event| {
        let Json::Object(event) = event else {
            return false;
        };
        let Some(Json::Object(script)) = member(event, "script") else {
            return false;
        };
        let has_code = match member(script, "exec") {
            Some(Json::Str(line)) => !line.trim().is_empty(),
            Some(Json::Array(lines)) => lines
                .iter()
                .any(|line| line.as_str().is_some_and(|line| !line.trim().is_empty())),
            _ => false,
        };
        has_code || member(script, "src").is_some_and(|src| !src.is_null())
    })
}
