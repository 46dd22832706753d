//! Postman's key-value entries (headers, query parameters, form fields) and variables: the two
//! shapes requests, URLs and the collection's own variables share.

use serde_json::Value;

use super::collection::{KeyValue, Variable};
use super::fields::{Json, Node, Obj, Problem, member};

/// `{key, value, description, disabled}` as used by headers, query and urlencoded fields.
/// Values may be numbers or booleans in some exports; they are rendered as text.
pub(super) fn key_value(obj: &Obj<'_>) -> Result<KeyValue, Problem> {
    if !obj.has("key") {
        return Err(Problem::new(&obj.pointer, "has no `key`"));
    }
    Ok(KeyValue {
        key: obj.opt_text("key")?.unwrap_or_default(),
        value: obj.opt_text("value")?,
        description: obj.description("description")?,
        disabled: obj.flag("disabled")?,
    })
}

/// A variable: `key` (or `id`), `value`, `description`. Object and array values (type `any`)
/// are kept as JSON text.
pub(super) fn variable(node: &Node<'_>) -> Result<Variable, Problem> {
    let obj = node.object()?;
    let key = match (obj.opt_text("key")?, obj.opt_text("id")?) {
        (Some(key), _) | (None, Some(key)) => key,
        (None, None) => return Err(Problem::new(&node.pointer, "has neither `key` nor `id`")),
    };
    let value = match member(obj.map, "value") {
        Some(structured @ (Json::Object(_) | Json::Array(_))) => {
            Some(Value::from(structured).to_string())
        }
        _ => obj.opt_text("value")?,
    };
    Ok(Variable {
        key,
        value,
        description: obj.description("description")?,
    })
}
