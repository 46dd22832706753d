//! `Fields`: how a generated struct whose fields are all `Option` and that the client sends
//! encodes, its `None` fields left out, in place of `#[derive(Serialize)]`.
//!
//! The derive counts the fields that are not skipped before it writes any, and writes a
//! `skip_field` for each one left out; a struct of `Option`s sent as JSON or a form needs
//! neither, so each field is one line of its `Serialize`: `.field("key", &self.key)`.

/// An object being written, one field at a time, `None` fields left out: a sent struct's
/// `Serialize` is `Fields::new(serializer)`, a `.field(key, value)` per field, `.end()`.
///
/// The first error is kept and returned by `end` (the fields after it are not written): one
/// chain in place of a `?` per field, which rustc resolves anew at every use.
pub(crate) struct Fields<S: ::serde::Serializer>(::std::result::Result<S::SerializeMap, S::Error>);

impl<S: ::serde::Serializer> Fields<S> {
    /// Starts the object. Its length is not given: which fields are `None` is not counted
    /// first (JSON and form encoding need no length).
    pub(crate) fn new(serializer: S) -> Self {
        Fields(serializer.serialize_map(::std::option::Option::None))
    }

    /// Writes `key: value`, or nothing when `value` is `None` or an earlier field failed.
    pub(crate) fn field<T: Present>(mut self, key: &'static str, value: &T) -> Self {
        let written = match (&mut self.0, value.present()) {
            (::std::result::Result::Ok(map), ::std::option::Option::Some(value)) => {
                ::serde::ser::SerializeMap::serialize_entry(map, key, value)
            }
            _ => ::std::result::Result::Ok(()),
        };
        if let ::std::result::Result::Err(error) = written {
            self.0 = ::std::result::Result::Err(error);
        }
        self
    }

    /// Ends the object, or gives the first error.
    pub(crate) fn end(self) -> ::std::result::Result<S::Ok, S::Error> {
        ::serde::ser::SerializeMap::end(self.0?)
    }
}

/// A field's value, if it has one to send: an `Option`'s, or a required query parameter's.
pub(crate) trait Present {
    type Value: ::serde::Serialize + ?Sized;

    fn present(&self) -> ::std::option::Option<&Self::Value>;
}

impl<T: ::serde::Serialize> Present for ::std::option::Option<T> {
    type Value = T;

    fn present(&self) -> ::std::option::Option<&T> {
        self.as_ref()
    }
}

impl Present for ::std::string::String {
    type Value = str;

    fn present(&self) -> ::std::option::Option<&str> {
        ::std::option::Option::Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Meeting {
        id: Option<i64>,
        start_time: Option<String>,
        settings: Option<Settings>,
    }

    crate::runtime::by_key!(Serialize for Meeting { id, start_time = "startTime", settings });

    struct Settings {
        mute: Option<bool>,
    }

    crate::runtime::by_key!(Serialize for Settings { mute });

    #[test]
    fn fields_encode_under_their_keys_in_order_and_none_is_left_out() {
        let meeting = Meeting {
            id: Some(7),
            start_time: None,
            settings: Some(Settings { mute: Some(false) }),
        };
        let json = serde_json::to_string(&meeting).unwrap();
        assert_eq!(json, r#"{"id":7,"settings":{"mute":false}}"#);
        assert_eq!(serde_json::to_string(&Meeting::default()).unwrap(), "{}");
        let meeting = Meeting {
            start_time: Some("t".into()),
            ..Meeting::default()
        };
        let json = serde_json::to_value(&meeting).unwrap();
        assert_eq!(json, serde_json::json!({"startTime": "t"}));
    }

    /// As a query struct: a required parameter, an optional one.
    struct Query {
        page: String,
        size: Option<String>,
    }

    crate::runtime::by_key!(Serialize for Query { page, size = "page_size" });

    #[test]
    fn fields_encode_as_a_form_or_query_too() {
        let settings = Settings { mute: Some(true) };
        assert_eq!(serde_urlencoded::to_string(&settings).unwrap(), "mute=true");
        let query = Query {
            page: "2 of 3".into(),
            size: None,
        };
        assert_eq!(serde_urlencoded::to_string(&query).unwrap(), "page=2+of+3");
        let query = Query {
            size: Some("300".into()),
            ..query
        };
        let text = serde_urlencoded::to_string(&query).unwrap();
        assert_eq!(text, "page=2+of+3&page_size=300");
    }

    #[test]
    fn the_first_error_is_what_end_gives() {
        struct Refused;
        impl ::serde::Serialize for Refused {
            fn serialize<S: ::serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(::serde::ser::Error::custom("refused"))
            }
        }
        struct Sent {
            first: Option<Refused>,
            second: Option<u8>,
        }
        impl ::serde::Serialize for Sent {
            fn serialize<S: ::serde::Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
                Fields::new(out)
                    .field("first", &self.first)
                    .field("second", &self.second)
                    .end()
            }
        }
        let sent = Sent {
            first: Some(Refused),
            second: Some(1),
        };
        let error = serde_json::to_string(&sent).unwrap_err();
        assert!(error.to_string().contains("refused"), "{error}");
        let fine = Sent {
            first: None,
            second: Some(1),
        };
        assert_eq!(serde_json::to_string(&fine).unwrap(), r#"{"second":1}"#);
    }
}
