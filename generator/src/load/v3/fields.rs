//! Reading values out of a parsed YAML file, each with its path in the document, so that every
//! complaint says where it is. Postman writes several fields either as a list of
//! `{key, value, …}` entries or as a `key: value` mapping; both forms are read here.

use serde_json::Value as Json;

use super::yaml::{Pos, Value, Yaml};
use crate::load::collection::{KeyValue, Variable};
use crate::load::fields::child_pointer;

/// Something wrong with one value of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub at: Pos,
    /// The value's path in the document, as a JSON pointer (`/body/content`).
    pub pointer: String,
    pub message: String,
}

/// A node and its path.
#[derive(Debug, Clone)]
pub(super) struct Val<'a> {
    pub node: &'a Yaml,
    pub pointer: String,
}

/// A mapping node and its path.
#[derive(Debug, Clone)]
pub(super) struct Obj<'a> {
    pub entries: &'a [(String, Yaml)],
    pub at: Pos,
    pub pointer: String,
}

impl<'a> Val<'a> {
    pub fn root(node: &'a Yaml) -> Self {
        Val {
            node,
            pointer: String::new(),
        }
    }

    pub fn problem(&self, message: impl Into<String>) -> Problem {
        Problem {
            at: self.node.at,
            pointer: self.pointer.clone(),
            message: message.into(),
        }
    }

    pub fn wrong_type(&self, expected: &str) -> Problem {
        let found = match &self.node.value {
            _ if self.node.is_null() => "empty",
            Value::Scalar { .. } => "a single value",
            Value::List(_) => "a list",
            Value::Map(_) => "a mapping",
        };
        self.problem(format!("is {found}, but should be {expected}"))
    }

    pub fn object(&self) -> Result<Obj<'a>, Problem> {
        match &self.node.value {
            Value::Map(entries) => Ok(Obj {
                entries,
                at: self.node.at,
                pointer: self.pointer.clone(),
            }),
            _ => Err(self.wrong_type("a mapping of `key: value` lines")),
        }
    }

    /// The elements of a list; null is an empty list.
    pub fn elements(&self) -> Result<Vec<Val<'a>>, Problem> {
        match &self.node.value {
            _ if self.node.is_null() => Ok(Vec::new()),
            Value::List(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(index, node)| Val {
                    node,
                    pointer: child_pointer(&self.pointer, &index.to_string()),
                })
                .collect()),
            _ => Err(self.wrong_type("a list")),
        }
    }

    /// A single value as text (`3` and `true` as written); `None` for null.
    pub fn text(&self) -> Result<Option<String>, Problem> {
        match &self.node.value {
            _ if self.node.is_null() => Ok(None),
            Value::Scalar { text, .. } => Ok(Some(text.clone())),
            _ => Err(self.wrong_type("a single value")),
        }
    }

    /// A body's text: a single value as written, or a list or mapping (a JSON body written as
    /// YAML) as JSON text; `None` for null.
    pub fn text_or_json(&self) -> Option<String> {
        match &self.node.value {
            _ if self.node.is_null() => None,
            Value::Scalar { text, .. } => Some(text.clone()),
            Value::List(_) | Value::Map(_) => Some(self.to_json().to_string()),
        }
    }

    /// `true`/`false` (as YAML 1.2 writes them); null is `false`.
    pub fn flag(&self) -> Result<bool, Problem> {
        match &self.node.value {
            _ if self.node.is_null() => Ok(false),
            Value::Scalar { text, .. } => match text.as_str() {
                "true" | "True" | "TRUE" => Ok(true),
                "false" | "False" | "FALSE" => Ok(false),
                _ => Err(self.wrong_type("true or false")),
            },
            _ => Err(self.wrong_type("true or false")),
        }
    }

    /// A number such as `1000` or `1.5`; `None` for null.
    pub fn number(&self) -> Result<Option<f64>, Problem> {
        match self.text()? {
            None => Ok(None),
            Some(text) => text
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|number| number.is_finite())
                .map(Some)
                .ok_or_else(|| self.problem(format!("is {text:?}, but should be a number"))),
        }
    }

    /// The value as JSON, as Postman's JavaScript reads YAML: unquoted `null`, `true`/`false`
    /// and numbers are typed, everything else is text.
    pub fn to_json(&self) -> Json {
        to_json(self.node)
    }

    /// Key/value pairs written either as a list of `{key, value, description, disabled}`
    /// entries or as a `key: value` mapping; null is none.
    pub fn key_values(&self) -> Result<Vec<KeyValue>, Problem> {
        match &self.node.value {
            Value::Map(_) => Ok(self
                .object()?
                .members()
                .map(|(key, value)| {
                    Ok(KeyValue {
                        key: key.to_owned(),
                        value: value.text()?,
                        description: None,
                        disabled: false,
                    })
                })
                .collect::<Result<_, Problem>>()?),
            _ => self
                .elements()
                .map_err(|_| self.wrong_type("a list of `key`/`value` entries or a mapping"))?
                .iter()
                .map(|entry| entry.object().and_then(|obj| obj.key_value()))
                .collect(),
        }
    }

    /// Variables: a list of `{key, value, description}` entries or a `key: value` mapping.
    /// Lists and mappings as values are kept as JSON text, as the JSON reader keeps them.
    pub fn variables(&self) -> Result<Vec<Variable>, Problem> {
        let value_text = |value: &Val<'_>| match &value.node.value {
            Value::List(_) | Value::Map(_) => Ok(Some(value.to_json().to_string())),
            Value::Scalar { .. } => value.text(),
        };
        match &self.node.value {
            Value::Map(_) => self
                .object()?
                .members()
                .map(|(key, value)| {
                    Ok(Variable {
                        key: key.to_owned(),
                        value: value_text(&value)?,
                        description: None,
                    })
                })
                .collect(),
            _ => self
                .elements()
                .map_err(|_| self.wrong_type("a list of `key`/`value` entries or a mapping"))?
                .iter()
                .map(|entry| {
                    let obj = entry.object()?;
                    Ok(Variable {
                        key: obj.required_text("key")?,
                        value: match obj.get("value") {
                            Some(value) => value_text(&value)?,
                            None => None,
                        },
                        description: obj.opt_text("description")?,
                    })
                })
                .collect(),
        }
    }
}

impl<'a> Obj<'a> {
    pub fn get(&self, key: &str) -> Option<Val<'a>> {
        self.entries
            .iter()
            .find(|(name, _)| name == key)
            .map(|(name, node)| Val {
                node,
                pointer: child_pointer(&self.pointer, name),
            })
    }

    pub fn members(&self) -> impl Iterator<Item = (&'a str, Val<'a>)> + '_ {
        self.entries.iter().map(|(name, node)| {
            (
                name.as_str(),
                Val {
                    node,
                    pointer: child_pointer(&self.pointer, name),
                },
            )
        })
    }

    pub fn problem(&self, message: impl Into<String>) -> Problem {
        Problem {
            at: self.at,
            pointer: self.pointer.clone(),
            message: message.into(),
        }
    }

    pub fn opt_text(&self, key: &str) -> Result<Option<String>, Problem> {
        self.get(key).map_or(Ok(None), |value| value.text())
    }

    pub fn required_text(&self, key: &str) -> Result<String, Problem> {
        self.opt_text(key)?
            .ok_or_else(|| self.problem(format!("has no `{key}`")))
    }

    pub fn flag(&self, key: &str) -> Result<bool, Problem> {
        self.get(key).map_or(Ok(false), |value| value.flag())
    }

    pub fn opt_object(&self, key: &str) -> Result<Option<Obj<'a>>, Problem> {
        match self.get(key) {
            Some(value) if !value.node.is_null() => value.object().map(Some),
            _ => Ok(None),
        }
    }

    /// One `{key, value, description, disabled}` entry.
    pub fn key_value(&self) -> Result<KeyValue, Problem> {
        Ok(KeyValue {
            key: self.required_text("key")?,
            value: self.opt_text("value")?,
            description: self.opt_text("description")?,
            disabled: self.flag("disabled")?,
        })
    }
}

fn to_json(node: &Yaml) -> Json {
    match &node.value {
        _ if node.is_null() => Json::Null,
        Value::Scalar { text, plain: false } => Json::String(text.clone()),
        Value::Scalar { text, plain: true } => match text.as_str() {
            "true" | "True" | "TRUE" => Json::Bool(true),
            "false" | "False" | "FALSE" => Json::Bool(false),
            _ => number(text).unwrap_or_else(|| Json::String(text.clone())),
        },
        Value::List(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|(key, value)| (key.clone(), to_json(value)))
                .collect(),
        ),
    }
}

/// A plain scalar that is a YAML 1.2 core-schema integer or float, as JSON.
fn number(text: &str) -> Option<Json> {
    if let Ok(integer) = text.parse::<i64>() {
        return Some(Json::from(integer));
    }
    let looks_numeric = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && text.chars().any(|c| c.is_ascii_digit());
    if !looks_numeric {
        return None;
    }
    text.parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map(Json::Number)
}
