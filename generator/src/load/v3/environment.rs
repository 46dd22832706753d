//! Environments in v3 form (`postman/environments/<Name>.environment.yaml`):
//!
//! ```yaml
//! name: Production
//! values:
//!   - key: baseUrl
//!     value: 'https://api.example.com'
//!     enabled: true
//! ```
//!
//! Entries may lack `enabled` (on) or `value` (none), as real files do.

use std::path::Path;

use super::fields::{Problem, Val};
use super::items::{describe, syntax_help};
use super::yaml;
use crate::load::collection::Variable;
use crate::{Error, Location};

/// The enabled variables of the YAML environment `text`; `file` names it in errors.
pub fn parse_environment(text: &str, file: &Path) -> Result<Vec<Variable>, Error> {
    let invalid = |at: yaml::Pos, message: String, help: String| Error::Invalid {
        location: Box::new(Location {
            file: file.to_owned(),
            line: Some(at.line),
            column: Some(at.column),
            pointer: None,
        }),
        message,
        help,
    };
    let tree = yaml::parse(text).map_err(|error| {
        invalid(
            error.at,
            format!("not valid YAML: {}", error.message),
            syntax_help(text, error.at),
        )
    })?;
    variables(&Val::root(&tree)).map_err(|problem| {
        invalid(
            problem.at,
            describe(&problem),
            "an environment has `name` and a `values` list of `key`/`value` entries; export it again from Postman".to_owned(),
        )
    })
}

fn variables(root: &Val<'_>) -> Result<Vec<Variable>, Problem> {
    let doc = root.object()?;
    let Some(values) = doc.get("values") else {
        return Err(doc.problem("has no `values` list, so it is not a Postman environment"));
    };
    let mut variables = Vec::new();
    for entry in values.elements()? {
        let entry = entry.object()?;
        let enabled = match entry.get("enabled") {
            Some(enabled) if !enabled.node.is_null() => enabled.flag()?,
            _ => true,
        };
        if enabled {
            variables.push(Variable {
                key: entry.required_text("key")?,
                value: entry.opt_text("value")?,
                description: None,
            });
        }
    }
    Ok(variables)
}
