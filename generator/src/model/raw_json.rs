//! Raw JSON request bodies as people write them in Postman: with `//` comments, trailing
//! commas, and `{{variable}}` templates standing unquoted where a value goes
//! (`"version": {{business-unit-version}}`, as in commercetools).

use serde_json::Value;

/// A sample body, parsed leniently.
#[derive(Debug, Clone, PartialEq)]
pub struct RawJson {
    /// The value, with each unquoted template replaced by `null` (its type is not known).
    pub value: Value,
    /// The variables that stood unquoted, in order.
    pub templated: Vec<String>,
}

/// Parses `text` as JSON with comments, trailing commas and unquoted `{{…}}` values.
pub fn parse(text: &str) -> Result<RawJson, String> {
    let (text, templated) = unquoted_templates_to_null(text);
    let options = jsonc_parser::ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        ..Default::default()
    };
    match jsonc_parser::parse_to_serde_value::<Value>(&text, &options) {
        Ok(value) => Ok(RawJson { value, templated }),
        Err(error) => Err(error.to_string()),
    }
}

/// Replaces `{{name}}` outside JSON strings by `null`, returning the names.
fn unquoted_templates_to_null(text: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut names = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        if !in_string && rest.starts_with("{{") {
            if let Some(close) = rest[2..].find("}}") {
                names.push(rest[2..2 + close].trim().to_owned());
                out.push_str("null");
                rest = &rest[2 + close + 2..];
                continue;
            }
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_string = false;
            }
        } else if ch == '"' {
            in_string = true;
        }
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    (out, names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unquoted_templates_become_null_and_quoted_ones_stay() {
        let parsed =
            parse(r#"{"version": {{business-unit-version}}, "key": "{{key}}", "n": [{{a}}, 1]}"#)
                .unwrap();
        assert_eq!(
            parsed.value,
            json!({"version": null, "key": "{{key}}", "n": [null, 1]})
        );
        assert_eq!(parsed.templated, ["business-unit-version", "a"]);
    }

    #[test]
    fn comments_and_trailing_commas_are_accepted() {
        let parsed =
            parse("{\n  // the amount\n  \"amount\": 5, /* cents */\n  \"list\": [1, 2,],\n}")
                .unwrap();
        assert_eq!(parsed.value, json!({"amount": 5, "list": [1, 2]}));
    }

    #[test]
    fn keys_keep_their_order() {
        let parsed = parse(r#"{"z": 1, "a": 2, "m": 3}"#).unwrap();
        let keys: Vec<&String> = parsed.value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["z", "a", "m"]);
    }

    #[test]
    fn escaped_quotes_do_not_end_strings() {
        let parsed = parse(r#"{"a": "say \"{{x}}\"", "b": {{y}}}"#).unwrap();
        assert_eq!(parsed.value, json!({"a": "say \"{{x}}\"", "b": null}));
        assert_eq!(parsed.templated, ["y"]);
    }

    #[test]
    fn what_is_still_not_json_is_an_error() {
        assert!(parse(r#"{"modsec_rule_id": MODSEC_RULE_ID}"#).is_err());
        assert!(parse(r#"{"a": 1 "b": 2}"#).is_err());
    }
}
