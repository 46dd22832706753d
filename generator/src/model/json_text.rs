//! A JSON body kept as its text until it is needed.
//!
//! Saved example bodies are most of a collection's bytes. As `serde_json::Value`s (an
//! `IndexMap` per object under the workspace's `preserve_order`) they took 7–8× their text, and
//! the model held all of them from loading to the end of emission. The model keeps the text
//! instead and type inference parses one status's bodies at a time, dropping them after. The
//! text is shared (`Arc`), so the samples that emission hands to the corpus harness are not
//! copies.

use std::fmt;
use std::sync::Arc;

use serde_json::Value;

/// JSON text that is known to parse.
#[derive(Clone, PartialEq, Eq)]
pub struct JsonText(Arc<str>);

impl JsonText {
    /// `text` if it parses as JSON, with the value it parses to.
    pub fn parse(text: &str) -> Option<(JsonText, Value)> {
        let value = serde_json::from_str(text).ok()?;
        Some((JsonText(Arc::from(text)), value))
    }

    /// The text, as the collection has it (whitespace and all).
    #[cfg(test)]
    pub fn text(&self) -> &str {
        &self.0
    }

    /// The value: the same every time, since the same text is parsed the same way.
    pub fn value(&self) -> Value {
        // Checked to parse when made (`parse`), and parsing is deterministic.
        serde_json::from_str(&self.0).unwrap_or(Value::Null)
    }
}

// The value, not the text: what a reader of a model dump wants to see.
impl fmt::Debug for JsonText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.value(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_that_parses() {
        let (json, value) = JsonText::parse("{ \"a\": [1, 2.5] }").unwrap();
        assert_eq!(json.text(), "{ \"a\": [1, 2.5] }");
        assert_eq!(json.value(), value);
        assert_eq!(value, serde_json::json!({"a": [1, 2.5]}));
        assert!(JsonText::parse("{\"a\":").is_none());
    }
}
