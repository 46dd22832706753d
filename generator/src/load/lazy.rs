//! Parsing the item tree one item at a time.
//!
//! A parse tree of the whole file, alive while the collection is built from it, was the load
//! stage's peak: text, tree (about 2.7× the text) and collection (about 2×) at once. Instead,
//! an object's `item` array is cut out and kept as raw element slices (`RawValue`s borrowing
//! the file's text); the rest of the object is parsed as before, and the walker parses each
//! element only when it reaches it, dropping its tree once the item is built. So only the
//! folders on the current path and one request are parsed at a time. The price is the
//! validating pass below and one raw scan per folder level (a synthetic 10k run: 4% more CPU
//! time; github-v3, whose bodies are long escaped strings: 11.5% more instructions).
//!
//! Raw scanning checks less than parsing (serde_json neither converts numbers nor counts
//! nesting while it skips a raw value), so the whole text is first checked with [`validate`]:
//! a full parse that builds nothing, with exactly the errors of the tree parse it replaces.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// Checks that `text` is JSON as serde_json parses it into a value (nesting limit, number
/// range, trailing characters), building nothing.
pub(super) fn validate(text: &str) -> Result<(), serde_json::Error> {
    serde_json::from_str::<Checked>(text).map(drop)
}

/// An object's text without its `item` array, and that array's elements, unparsed.
#[derive(Debug)]
pub(super) struct Split<'a> {
    /// The object's JSON with the array replaced by `[]`, so that the object still has an
    /// `item` member (it is a folder) and everything else reads as before.
    pub rest: String,
    /// The array's elements, borrowing the file's text.
    pub items: Vec<&'a RawValue>,
}

/// Cuts the `item` array out of `raw`, the text of a JSON value checked by [`validate`]. `None`
/// when `raw` is not an object or has no `item` array (the caller parses it whole, and any
/// problem with a non-array `item` is reported from the parsed value as before). Of duplicate
/// `item` keys the last is cut, the one serde_json reads.
///
/// The object is scanned once: its members are kept as raw text, but an `item` array is
/// split into its elements on the way, and the rest is rebuilt from the members' texts.
pub(super) fn split_items(raw: &str) -> Option<Split<'_>> {
    // A quick look first: most items are requests, whose text has no `"item"` key.
    if !raw.trim_start().starts_with('{') || !raw.contains("\"item\"") {
        return None;
    }
    let Members(members) = serde_json::from_str(raw).ok()?;
    let last = members.iter().rposition(|(key, _)| key == "item")?;
    let mut rest = String::with_capacity(raw.len().min(4096));
    let mut items = None;
    rest.push('{');
    for (index, (key, value)) in members.into_iter().enumerate() {
        if index > 0 {
            rest.push(',');
        }
        rest.push_str(&serde_json::to_string(&key).ok()?);
        rest.push(':');
        match value {
            Member::Raw(value) => rest.push_str(value.get()),
            Member::Items(elements) if index == last => {
                rest.push_str("[]");
                items = Some(elements);
            }
            // An earlier duplicate `item` array, or a non-array `item`: rare, parsed whole.
            Member::Items(_) | Member::Other => return None,
        }
    }
    rest.push('}');
    Some(Split {
        rest,
        items: items?,
    })
}

/// Any JSON value, checked and dropped.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `deserialize_any`, as the tree's own `Deserialize` does, so serde_json parses (and
        // rejects) exactly what it did for the tree.
        deserializer.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_key::<Checked>()?.is_some() {
            map.next_value::<Checked>()?;
        }
        Ok(Checked)
    }
}

/// An object's members in file order, duplicates kept: values as raw text, except that an
/// `item` value is read as an array of raw elements when it is one.
struct Members<'a>(Vec<(String, Member<'a>)>);

enum Member<'a> {
    Raw(&'a RawValue),
    Items(Vec<&'a RawValue>),
    /// An `item` that is not an array, read and dropped.
    Other,
}

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MembersVisitor)
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Members<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = if key == "item" {
                map.next_value::<ItemMember>()?.0
            } else {
                Member::Raw(map.next_value()?)
            };
            members.push((key, value));
        }
        Ok(Members(members))
    }
}

/// The value of an `item` member: its elements as raw text when it is an array.
struct ItemMember<'a>(Member<'a>);

impl<'de> Deserialize<'de> for ItemMember<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ItemMemberVisitor)
    }
}

struct ItemMemberVisitor;

impl<'de> Visitor<'de> for ItemMemberVisitor {
    type Value = ItemMember<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any valid JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut elements = Vec::new();
        while let Some(element) = seq.next_element()? {
            elements.push(element);
        }
        Ok(ItemMember(Member::Items(elements)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(ItemMember(Member::Other))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(ItemMember(Member::Other))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(ItemMember(Member::Other))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(ItemMember(Member::Other))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(ItemMember(Member::Other))
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(ItemMember(Member::Other))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(ItemMember(Member::Other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_reports_what_the_tree_parse_reports() {
        for text in [
            "{\"a\": 1e400}",
            "[1, 2,]",
            "{\"a\" 1}",
            "{} x",
            &format!("{}{}", "[".repeat(200), "]".repeat(200)),
        ] {
            let tree = serde_json::from_str::<serde_json_borrow::Value<'_>>(text).map(drop);
            let checked = validate(text);
            assert_eq!(
                checked.map_err(|error| error.to_string()),
                tree.map_err(|error| error.to_string()),
                "{text}"
            );
        }
        assert!(validate("{\"item\": [{\"name\": \"x\"}]}").is_ok());
    }

    #[test]
    fn splits_the_last_item_array() {
        let text = r#"{"name": "f", "item": [1], "x": {"item": [9]}, "item": [{"a": 2}, "b"]}"#;
        // An earlier duplicate `item` array: parsed whole.
        assert!(split_items(text).is_none());
        let text = r#"{"name": "f", "x": {"item": [9]}, "item": [{"a": 2}, "b"], "y": "\u00e9"}"#;
        let split = split_items(text).unwrap();
        assert_eq!(
            split.rest,
            r#"{"name":"f","x":{"item": [9]},"item":[],"y":"\u00e9"}"#
        );
        let items: Vec<&str> = split.items.iter().map(|raw| raw.get()).collect();
        assert_eq!(items, [r#"{"a": 2}"#, r#""b""#]);
    }

    #[test]
    fn leaves_other_values_whole() {
        assert!(split_items(r#"{"name": "r", "request": {}}"#).is_none());
        assert!(split_items(r#"{"item": null}"#).is_none());
        assert!(split_items(r#"{"item": [1], "item": "last"}"#).is_none());
        assert!(split_items(r#"["item"]"#).is_none());
    }
}
