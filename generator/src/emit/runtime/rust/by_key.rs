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
    /// Both ways, with a key that is not the field's name and a raw identifier.
    #[derive(Debug, Default, PartialEq)]
    struct Event {
        id: Option<u32>,
        created_at: Option<String>,
        r#type: Option<String>,
    }
    by_key!(Deserialize, Serialize for Event { id, created_at = "createdAt", r#type = "type", });

    #[test]
    fn fields_decode_from_their_keys_and_encode_under_them() {
        let json = r#"{"type":"push","r#type":"no","created_at":"no","createdAt":"t","id":7}"#;
        let event: Event = serde_json::from_str(json).unwrap();
        let expected = Event {
            id: Some(7),
            created_at: Some("t".into()),
            r#type: Some("push".into()),
        };
        assert_eq!(event, expected);
        let json = serde_json::to_string(&event).unwrap();
        assert_eq!(json, r#"{"id":7,"createdAt":"t","type":"push"}"#);
        let error = serde_json::from_str::<Event>("[1]").unwrap_err();
        assert!(
            error.to_string().contains("a JSON object (Event)"),
            "{error}"
        );
    }
}
