//! `Object`: how a generated struct whose fields are all `Option` decodes from a JSON object,
//! one key at a time, in place of `#[derive(Deserialize)]` (fields.rs is the other way).
//!
//! The derive writes, per struct, a field enum with three matchers, a sequence visitor and a
//! map visitor that tracks every field in a local of its own; rustc type-checks and
//! borrow-checks all of it, and in the generated crates that was half of the build
//! (BENCHMARKS.md, issue 20). For a struct of `Option` fields none of it is needed: a missing
//! key is `None` whatever the order, and a `null` is `None` by the field's own `Deserialize`.
//! So a struct says only which key fills which field (`Object::decode_field`, one match arm
//! per field), and the loop over the keys is written once, here.
//!
//! As with the derive: unknown keys are skipped, a key's value must match its field's type,
//! and anything but an object (or `null` where the struct is optional) is an error naming the
//! type. Unlike it, a repeated key keeps the last value (as `serde_json::Value` does), and a
//! JSON array is not read as the fields in order.

/// A struct decoded key by key: the generator implements it for structs whose fields are all
/// `Option`, with their `Deserialize` calling [`object`].
pub(crate) trait Object: ::std::default::Default {
    /// The type's name, for error messages.
    const NAME: &'static str;

    /// Decodes the value of `key` from `map` into its field; `false` (and nothing read) when
    /// no field has that key.
    fn decode_field<'de, A: ::serde::de::MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> ::std::result::Result<bool, A::Error>;
}

/// Decodes the value of a key into its field: one match arm of `Object::decode_field`, which
/// is `true`, the key read. A call in place of `self.field = map.next_value()?` in each arm:
/// rustc resolves a `?` (its `Try` and `From` impls) anew at every use, which for github-v3's
/// 1,900 fields was 0.5 s of `cargo check`.
pub(crate) fn field<'de, T: ::serde::Deserialize<'de>, A: ::serde::de::MapAccess<'de>>(
    field: &mut T,
    map: &mut A,
) -> ::std::result::Result<bool, A::Error> {
    *field = map.next_value()?;
    ::std::result::Result::Ok(true)
}

/// Decodes a `T` from a map (a JSON object), every field `None` until its key comes.
pub(crate) fn object<'de, D: ::serde::Deserializer<'de>, T: Object>(
    deserializer: D,
) -> ::std::result::Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(::std::marker::PhantomData))
}

struct ObjectVisitor<T>(::std::marker::PhantomData<T>);

impl<'de, T: Object> ::serde::de::Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::write!(formatter, "a JSON object ({})", T::NAME)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> ::std::result::Result<T, A::Error> {
        let mut value = T::default();
        while let ::std::option::Option::Some(key) = map.next_key::<Key<'de>>()? {
            if !value.decode_field(&key.0, &mut map)? {
                map.next_value::<::serde::de::IgnoredAny>()?;
            }
        }
        ::std::result::Result::Ok(value)
    }
}

/// A key of a JSON object: borrowed from the input when it has no escapes.
struct Key<'de>(::std::borrow::Cow<'de, str>);

impl<'de> ::serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> ::serde::de::Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str("a key")
    }

    fn visit_borrowed_str<E>(self, key: &'de str) -> ::std::result::Result<Key<'de>, E> {
        ::std::result::Result::Ok(Key(::std::borrow::Cow::Borrowed(key)))
    }

    fn visit_str<E>(self, key: &str) -> ::std::result::Result<Key<'de>, E> {
        ::std::result::Result::Ok(Key(::std::borrow::Cow::Owned(key.to_owned())))
    }

    fn visit_string<E>(self, key: ::std::string::String) -> ::std::result::Result<Key<'de>, E> {
        ::std::result::Result::Ok(Key(::std::borrow::Cow::Owned(key)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As the generator writes it (`by_key!`), with a renamed key and a nested object.
    #[derive(Debug, Default, PartialEq)]
    struct Meeting {
        id: Option<i64>,
        start_time: Option<String>,
        settings: Option<Settings>,
    }

    crate::runtime::by_key!(Deserialize for Meeting { id, start_time = "startTime", settings });

    #[derive(Debug, Default, PartialEq)]
    struct Settings {
        mute: Option<bool>,
    }

    crate::runtime::by_key!(Deserialize for Settings { mute });

    fn decode(json: &str) -> Result<Meeting, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn keys_fill_their_fields_in_any_order_and_unknown_ones_are_skipped() {
        let meeting =
            decode(r#"{"extra":{"deep":[1,{"x":null}]},"startTime":"t","id":7,"settings":{"mute":true,"other":1}}"#)
                .unwrap();
        let settings = Some(Settings { mute: Some(true) });
        let expected = Meeting {
            id: Some(7),
            start_time: Some("t".into()),
            settings,
        };
        assert_eq!(meeting, expected);
    }

    #[test]
    fn missing_and_null_keys_are_none() {
        assert_eq!(decode(r#"{"id":null}"#).unwrap(), Meeting::default());
        assert_eq!(decode("{}").unwrap(), Meeting::default());
    }

    #[test]
    fn escaped_keys_match_too() {
        assert_eq!(decode(r#"{"\u0069d":3}"#).unwrap().id, Some(3));
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error_at_its_place() {
        let error = decode(r#"{"id":"seven"}"#).unwrap_err().to_string();
        assert!(error.contains("expected i64"), "{error}");
        let error = decode(r#"{"settings":{"mute":1}}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("expected a boolean"), "{error}");
    }

    #[test]
    fn anything_but_an_object_names_the_type() {
        for json in ["[1]", "3", r#""text""#] {
            let error = decode(json).unwrap_err().to_string();
            assert!(error.contains("a JSON object (Meeting)"), "{json}: {error}");
        }
    }

    #[test]
    fn a_repeated_key_keeps_the_last_value() {
        assert_eq!(decode(r#"{"id":1,"id":2}"#).unwrap().id, Some(2));
    }

    #[test]
    fn decodes_from_a_json_value_too() {
        let value = serde_json::json!({"id": 1, "settings": {"mute": false}});
        let meeting: Meeting = serde_json::from_value(value).unwrap();
        assert_eq!(meeting.settings, Some(Settings { mute: Some(false) }));
    }
}
