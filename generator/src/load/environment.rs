//! Postman environment files: the values a collection's `{{variables}}` take outside it. JSON
//! as exported, or YAML (`*.environment.yaml`) as Postman v12 keeps them beside v3 collections.
//!
//! ```json
//! {"name": "Production", "values": [{"key": "baseUrl", "value": "https://api.example.com", "enabled": true}]}
//! ```

use std::path::Path;

use serde_json::Value;

use super::collection::Variable;
use crate::{Error, Location};

/// Reads the enabled variables of the environment file at `path`: YAML when its name ends in
/// `.yaml` or `.yml`, else JSON.
pub fn load_environment(path: &Path) -> Result<Vec<Variable>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let is_yaml = path
        .extension()
        .is_some_and(|extension| extension == "yaml" || extension == "yml");
    if is_yaml {
        super::v3::parse_environment(&text, path)
    } else {
        parse_environment(&text, path)
    }
}

/// Parses environment `text`; `file` names it in errors.
pub fn parse_environment(text: &str, file: &Path) -> Result<Vec<Variable>, Error> {
    let invalid = |line, column, pointer: &str, message: String| Error::Invalid {
        location: Box::new(Location {
            file: file.to_owned(),
            line,
            column,
            pointer: Some(pointer.to_owned()),
        }),
        message,
        help: "export the environment from Postman (Environments › … › Export)".to_owned(),
    };
    let value: Value = serde_json::from_str(text).map_err(|error| {
        invalid(
            Some(error.line()),
            Some(error.column().max(1)),
            "",
            format!("not valid JSON: {error}"),
        )
    })?;
    let Some(values) = value.get("values").and_then(Value::as_array) else {
        return Err(invalid(
            None,
            None,
            "",
            "an environment has a `values` array; this file has none".to_owned(),
        ));
    };
    let mut variables = Vec::new();
    for (index, entry) in values.iter().enumerate() {
        let Some(key) = entry.get("key").and_then(Value::as_str) else {
            return Err(invalid(
                None,
                None,
                &format!("/values/{index}"),
                "an environment value needs a `key` string".to_owned(),
            ));
        };
        if entry.get("enabled").and_then(Value::as_bool) == Some(false) {
            continue;
        }
        let value = match entry.get("value") {
            Some(Value::String(text)) => Some(text.clone()),
            Some(Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        };
        variables.push(Variable {
            key: key.to_owned(),
            value,
            description: None,
        });
    }
    Ok(variables)
}

/// `variables` with `environment` applied: an environment value replaces the collection's
/// value of the same key, and new keys are added.
pub fn apply_environment(variables: &mut Vec<Variable>, environment: Vec<Variable>) {
    for variable in environment {
        match variables.iter_mut().find(|v| v.key == variable.key) {
            Some(existing) => existing.value = variable.value,
            None => variables.push(variable),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enabled_values_are_read_and_applied() {
        let env = parse_environment(
            r#"{"name": "Prod", "values": [
                {"key": "baseUrl", "value": "https://prod.example.com", "enabled": true},
                {"key": "off", "value": "x", "enabled": false},
                {"key": "port", "value": 8080}
            ]}"#,
            Path::new("prod.json"),
        )
        .unwrap();
        let keys: Vec<(&str, Option<&str>)> = env
            .iter()
            .map(|v| (v.key.as_str(), v.value.as_deref()))
            .collect();
        assert_eq!(
            keys,
            [
                ("baseUrl", Some("https://prod.example.com")),
                ("port", Some("8080"))
            ]
        );

        let mut variables = vec![Variable {
            key: "baseUrl".into(),
            value: Some("https://dev".into()),
            description: None,
        }];
        apply_environment(&mut variables, env);
        assert_eq!(
            variables[0].value.as_deref(),
            Some("https://prod.example.com")
        );
        assert_eq!(variables.len(), 2);
    }

    #[test]
    fn a_file_that_is_not_an_environment_is_an_error() {
        let error = parse_environment(r#"{"info": {}}"#, Path::new("e.json"))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("e.json") && error.contains("`values`"),
            "{error}"
        );
        let error = parse_environment("{", Path::new("e.json"))
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("e.json:1:"), "{error}");
        let error = parse_environment(r#"{"values": [{"value": 1}]}"#, Path::new("e.json"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("/values/0"), "{error}");
    }
}
