//! `by_key!`: the `Deserialize` (through `Object`, object.rs) and `Serialize` (through
//! `Fields`, fields.rs) of a generated struct of `Option` fields, written from the list of its
//! fields, one call under the struct in place of ~30 lines of impls per struct.
//!
//! What it expands to is what the generator wrote out before (BENCHMARKS.md, issue 20): the
//! same code for rustc, a field's name and JSON key once in the source instead of in every
//! impl. A field is listed by name when its key is that name, as `name = "key"` when not.

/// `by_key!(Deserialize, Serialize for Name { id, start_time = "startTime" });`: implements
/// the traits named (either or both, in that order) for the struct `Name`, key by key.
macro_rules! by_key {
    (Deserialize, Serialize for $name:ident { $($fields:tt)* }) => {
        $crate::runtime::by_key!(Deserialize for $name { $($fields)* });
        $crate::runtime::by_key!(Serialize for $name { $($fields)* });
    };
    (Deserialize for $name:ident { $($field:ident $(= $key:literal)?),* $(,)? }) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::runtime::object(deserializer)
            }
        }
        impl $crate::runtime::Object for $name {
            const NAME: &'static str = ::std::stringify!($name);
            fn decode_field<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> ::std::result::Result<bool, A::Error> {
                match key {
                    $($crate::runtime::by_key!(@key $field $($key)?) => {
                        $crate::runtime::field(&mut self.$field, map)
                    })*
                    _ => ::std::result::Result::Ok(false),
                }
            }
        }
    };
    (Serialize for $name:ident { $($field:ident $(= $key:literal)?),* $(,)? }) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::runtime::Fields::new(serializer)
                    $(.field($crate::runtime::by_key!(@key $field $($key)?), &self.$field))*
                    .end()
            }
        }
    };
    (@key $field:ident) => {
        ::std::stringify!($field)
    };
    (@key $field:ident $key:literal) => {
        $key
    };
}
pub(crate) use by_key;

#[cfg(test)]
mod tests {
    /// As the generator writes it: a renamed key, a nested object, a raw identifier.
    #[derive(Debug, Default, PartialEq)]
    struct Meeting {
        id: Option<i64>,
        start_time: Option<String>,
        settings: Option<Settings>,
        r#type: Option<u8>,
    }
    by_key!(Deserialize, Serialize for Meeting { id, start_time = "startTime", settings, r#type = "type" });

    #[derive(Debug, Default, PartialEq)]
    struct Settings {
        mute: Option<bool>,
    }
    by_key!(Deserialize, Serialize for Settings { mute });

    /// Sent only, as a query struct: a required parameter, an optional one.
    struct Query {
        page: String,
        size: Option<String>,
    }
    by_key!(Serialize for Query { page, size = "page_size", });

    #[test]
    fn fields_decode_from_their_keys() {
        let json = r#"{"startTime":"t","id":7,"type":2,"settings":{"mute":true},"r#type":9}"#;
        let meeting: Meeting = serde_json::from_str(json).unwrap();
        let expected = Meeting {
            id: Some(7),
            start_time: Some("t".into()),
            settings: Some(Settings { mute: Some(true) }),
            r#type: Some(2),
        };
        assert_eq!(meeting, expected);
        let error = serde_json::from_str::<Meeting>("[1]").unwrap_err();
        assert!(
            error.to_string().contains("a JSON object (Meeting)"),
            "{error}"
        );
    }

    #[test]
    fn fields_encode_under_their_keys_in_order() {
        let meeting = Meeting {
            start_time: Some("t".into()),
            r#type: Some(1),
            ..Meeting::default()
        };
        let json = serde_json::to_string(&meeting).unwrap();
        assert_eq!(json, r#"{"startTime":"t","type":1}"#);
        let query = Query {
            page: "2".into(),
            size: Some("30".into()),
        };
        let text = serde_urlencoded::to_string(&query).unwrap();
        assert_eq!(text, "page=2&page_size=30");
    }
}
