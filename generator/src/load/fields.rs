//! Typed access to the parsed file that remembers where it is: every value carries its JSON
//! pointer, so a wrong type becomes a [`Problem`] that names the exact place in the file.
//!
//! The file is parsed into [`Json`], serde_json_borrow's tree: strings borrowed from the text
//! (copied only when they hold escapes), objects as vectors of members in file order. A
//! `serde_json::Value` of the same file is 7–8× its size (every object an `IndexMap` under the
//! workspace's `preserve_order`, every string copied); this tree is about 2×, and the loader
//! drops it once the [`super::Collection`] is built. Duplicate keys keep serde_json's meaning:
//! the last one is the one read (see [`Obj::get`]).

pub(super) use serde_json_borrow::{ObjectAsVec as Map, Value as Json};

/// Something wrong with one value of the file. Inside an item it becomes a warning (the item is
/// skipped); at the collection level it becomes an error.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Problem {
    /// JSON pointer of the offending value.
    pub pointer: String,
    /// What is wrong, without the location.
    pub message: String,
}

impl Problem {
    pub fn new(pointer: &str, message: impl Into<String>) -> Self {
        Problem {
            pointer: pointer.to_owned(),
            message: message.into(),
        }
    }
}

/// Appends one reference token to a JSON pointer, escaped as RFC 6901 says (`~` → `~0`,
/// `/` → `~1`), so keys such as `a/b` stay addressable.
pub(super) fn child_pointer(parent: &str, token: &str) -> String {
    let mut out = String::with_capacity(parent.len() + token.len() + 1);
    out.push_str(parent);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            _ => out.push(c),
        }
    }
    out
}

/// Splits a JSON pointer back into unescaped reference tokens.
pub(super) fn pointer_tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    // The first token is empty because pointers start with `/`.
    pointer
        .split('/')
        .skip(1)
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// Names a JSON type for messages ("found a number").
pub(super) fn type_name(value: &Json<'_>) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::Str(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// The member `key` of `map`; of duplicate keys the last, as serde_json reads them.
pub(super) fn member<'a>(map: &'a Map<'a>, key: &str) -> Option<&'a Json<'a>> {
    map.iter()
        .filter(|(name, _)| *name == key)
        .map(|(_, value)| value)
        .last()
}

/// A number as serde_json writes it (`1e+20`, not Rust's `100000000000000000000`), so numbers
/// read as text or shown in messages look as they did when the loader used `serde_json::Value`.
pub(super) fn number_text(number: serde_json_borrow::Number) -> String {
    serde_json::Number::from(number).to_string()
}

/// A value and its pointer.
#[derive(Debug, Clone)]
pub(super) struct Node<'a> {
    pub value: &'a Json<'a>,
    pub pointer: String,
}

impl<'a> Node<'a> {
    pub fn root(value: &'a Json<'a>) -> Self {
        Node {
            value,
            pointer: String::new(),
        }
    }

    /// A problem about this value: "`/item/0/name` must be a string, found a number".
    pub fn wrong_type(&self, expected: &str) -> Problem {
        Problem::new(
            &self.pointer,
            format!("must be {expected}, found {}", type_name(self.value)),
        )
    }

    pub fn object(&self) -> Result<Obj<'a>, Problem> {
        match self.value {
            Json::Object(map) => Ok(Obj {
                map,
                pointer: self.pointer.clone(),
            }),
            _ => Err(self.wrong_type("an object")),
        }
    }

    /// The elements of an array, each with its pointer.
    pub fn elements(&self) -> Result<Vec<Node<'a>>, Problem> {
        match self.value {
            Json::Array(list) => Ok(list
                .iter()
                .enumerate()
                .map(|(index, value)| Node {
                    value,
                    pointer: child_pointer(&self.pointer, &index.to_string()),
                })
                .collect()),
            _ => Err(self.wrong_type("an array")),
        }
    }

    /// Elements of an array; `null` counts as an empty list, as Postman writes it that way.
    pub fn elements_or_null(&self) -> Result<Vec<Node<'a>>, Problem> {
        if self.value.is_null() {
            Ok(Vec::new())
        } else {
            self.elements()
        }
    }

    /// A scalar rendered as text: strings as they are, numbers and booleans as JSON writes them
    /// (some exports store header or query values as numbers). `null` is `None`.
    pub fn text(&self) -> Result<Option<String>, Problem> {
        match self.value {
            Json::Null => Ok(None),
            Json::Str(text) => Ok(Some(text.as_ref().to_owned())),
            Json::Number(number) => Ok(Some(number_text(*number))),
            Json::Bool(flag) => Ok(Some(flag.to_string())),
            _ => Err(self.wrong_type("a string")),
        }
    }
}

/// An object and its pointer.
#[derive(Debug, Clone)]
pub(super) struct Obj<'a> {
    pub map: &'a Map<'a>,
    pub pointer: String,
}

impl<'a> Obj<'a> {
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The member `key` with its pointer; of duplicate keys the last (see [`member`]).
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        member(self.map, key).map(|value| Node {
            value,
            pointer: child_pointer(&self.pointer, key),
        })
    }

    /// The pointer of a member, for messages about it.
    pub fn pointer_of(&self, key: &str) -> String {
        child_pointer(&self.pointer, key)
    }

    /// A present, non-null member.
    fn non_null(&self, key: &str) -> Option<Node<'a>> {
        self.get(key).filter(|node| !node.value.is_null())
    }

    /// An optional string member; absent and `null` are `None`.
    pub fn opt_str(&self, key: &str) -> Result<Option<&'a str>, Problem> {
        match self.non_null(key) {
            None => Ok(None),
            Some(node) => match node.value {
                Json::Str(text) => Ok(Some(text.as_ref())),
                _ => Err(node.wrong_type("a string")),
            },
        }
    }

    /// An optional scalar member rendered as text (see [`Node::text`]).
    pub fn opt_text(&self, key: &str) -> Result<Option<String>, Problem> {
        match self.get(key) {
            None => Ok(None),
            Some(node) => node.text(),
        }
    }

    /// A boolean flag such as `disabled`; absent and `null` are `false`.
    pub fn flag(&self, key: &str) -> Result<bool, Problem> {
        match self.non_null(key) {
            None => Ok(false),
            Some(node) => match node.value {
                Json::Bool(flag) => Ok(*flag),
                _ => Err(node.wrong_type("true or false")),
            },
        }
    }

    /// An optional object member; absent and `null` are `None`.
    pub fn opt_object(&self, key: &str) -> Result<Option<Obj<'a>>, Problem> {
        match self.non_null(key) {
            None => Ok(None),
            Some(node) => node.object().map(Some),
        }
    }

    /// An optional array member; absent and `null` are an empty list.
    pub fn list(&self, key: &str) -> Result<Vec<Node<'a>>, Problem> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(node) => node.elements_or_null(),
        }
    }

    /// A description: a string, a `{content, type}` object, or `null`. Empty text is `None`.
    pub fn description(&self, key: &str) -> Result<Option<String>, Problem> {
        let Some(node) = self.non_null(key) else {
            return Ok(None);
        };
        let text = match node.value {
            Json::Str(text) => Some(text.as_ref().to_owned()),
            Json::Object(_) => node.object()?.opt_str("content")?.map(str::to_owned),
            _ => return Err(node.wrong_type("a string or a {content, type} object")),
        };
        Ok(text.filter(|text| !text.trim().is_empty()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped_and_unescaped() {
        let pointer = child_pointer(&child_pointer("", "a/b"), "c~d");
        assert_eq!(pointer, "/a~1b/c~0d");
        assert_eq!(
            pointer_tokens(&pointer),
            vec!["a/b".to_owned(), "c~d".to_owned()]
        );
        assert!(pointer_tokens("").is_empty());
    }

    #[test]
    fn text_renders_scalars() {
        let value: Json<'_> = serde_json::from_str(r#"[1, true, "x", null, {}, 1e20]"#).unwrap();
        let node = Node::root(&value);
        let texts: Vec<_> = node.elements().unwrap().iter().map(|n| n.text()).collect();
        assert_eq!(texts[0], Ok(Some("1".to_owned())));
        assert_eq!(texts[1], Ok(Some("true".to_owned())));
        assert_eq!(texts[2], Ok(Some("x".to_owned())));
        assert_eq!(texts[3], Ok(None));
        assert_eq!(
            texts[4],
            Err(Problem::new("/4", "must be a string, found an object"))
        );
        // As serde_json writes it (Rust's `Display` for f64 would give 100000000000000000000).
        assert_eq!(texts[5], Ok(Some(serde_json::json!(1e20).to_string())));
    }

    #[test]
    fn the_last_of_duplicate_keys_is_read() {
        let value: Json<'_> = serde_json::from_str(r#"{"a": 1, "b": 2, "a": "x"}"#).unwrap();
        let obj = Node::root(&value).object().unwrap();
        assert_eq!(obj.opt_str("a"), Ok(Some("x")));
    }

    #[test]
    fn strings_are_borrowed_unless_escaped() {
        let value: Json<'_> = serde_json::from_str(r#"["plain", "esc\"aped"]"#).unwrap();
        let Json::Array(list) = &value else {
            panic!("an array")
        };
        assert!(matches!(
            &list[0],
            Json::Str(std::borrow::Cow::Borrowed("plain"))
        ));
        assert!(
            matches!(&list[1], Json::Str(std::borrow::Cow::Owned(text)) if text == "esc\"aped")
        );
    }
}
