//! Names of inferred types and their fields, built on [`crate::naming`].

use crate::naming::{Scope, snake_case, upper_camel_case};

/// A root name as given when it is already a usable type name, otherwise its UpperCamelCase form.
pub fn root_name(name: &str) -> String {
    let usable = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name != "Self";
    if usable {
        name.to_owned()
    } else {
        upper_camel_case(name)
    }
}

/// The UpperCamelCase piece a field contributes to a nested type name (`r#type` → `Type`,
/// `self_` → `Self`, `n2fa` → `N2fa`).
pub fn camel_piece(field_name: &str) -> String {
    let bare = field_name.strip_prefix("r#").unwrap_or(field_name);
    upper_camel_case(bare).trim_end_matches('_').to_owned()
}

/// The name of an array element type, from the name of the array (`Users` → `User`,
/// `Entries` → `Entry`, `Data` → `DataItem`).
pub fn element_name(array_name: &str) -> String {
    singular(array_name).unwrap_or_else(|| format!("{array_name}Item"))
}

/// The singular of an UpperCamelCase name, changing only its last word; `None` when the last
/// word does not look like an English plural.
pub fn singular(name: &str) -> Option<String> {
    let start = name.rfind(|c: char| c.is_ascii_uppercase()).unwrap_or(0);
    let (head, word) = name.split_at(start);
    let lower = word.to_ascii_lowercase();
    if word.len() < 3 || !word.is_ascii() || !lower.ends_with('s') {
        return None;
    }
    let stem = if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["sses", "xes", "ches", "shes", "zzes", "statuses"]
        .iter()
        .any(|ending| lower.ends_with(ending) && !lower.ends_with("caches"))
    {
        word[..word.len() - 2].to_owned()
    } else if ["ss", "us", "is"]
        .iter()
        .any(|ending| lower.ends_with(ending))
    {
        return None;
    } else {
        word[..word.len() - 1].to_owned()
    };
    (stem.len() > 1 || !head.is_empty()).then(|| format!("{head}{stem}"))
}

/// `key` as inline code for doc text (`` `key` ``, `""` for the empty key).
pub fn code_span(key: &str) -> String {
    if key.is_empty() {
        "`\"\"`".to_owned()
    } else {
        format!("`{}`", key.replace('`', "'"))
    }
}

/// Field names of one struct: legal, unique, and a `serde(rename)` when they differ from the key.
pub struct FieldNames {
    scope: Scope,
}

impl FieldNames {
    /// No field named yet.
    pub fn new() -> Self {
        Self {
            scope: Scope::new(),
        }
    }

    /// The Rust name for `key`, and the key to put in `serde(rename)` when it is needed.
    pub fn name(&mut self, key: &str) -> (String, Option<String>) {
        let name = self.scope.claim(&snake_case(key));
        let bare = name.strip_prefix("r#").unwrap_or(&name);
        let rename = (bare != key).then(|| key.to_owned());
        (name, rename)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        let cases = [
            ("Users", Some("User")),
            ("RepoEntries", Some("RepoEntry")),
            ("Addresses", Some("Address")),
            ("Boxes", Some("Box")),
            ("Branches", Some("Branch")),
            ("Statuses", Some("Status")),
            ("Warehouses", Some("Warehouse")),
            ("Ids", Some("Id")),
            ("Status", None),
            ("Address", None),
            ("Analysis", None),
            ("Data", None),
            ("Items2", None),
            ("Is", None),
            ("Uses", Some("Use")),
            ("Caches", Some("Cache")),
        ];
        for (plural, expected) in cases {
            assert_eq!(singular(plural).as_deref(), expected, "{plural}");
        }
        assert_eq!(element_name("ListReposResponse"), "ListReposResponseItem");
        assert_eq!(element_name("RepoTopics"), "RepoTopic");
    }

    #[test]
    fn root_names_kept_when_usable() {
        assert_eq!(
            root_name("UploadVirtualBackgroundFilesResponse"),
            "UploadVirtualBackgroundFilesResponse"
        );
        assert_eq!(root_name("HTTPResponse"), "HTTPResponse");
        assert_eq!(root_name("create meeting body"), "CreateMeetingBody");
        assert_eq!(root_name("Self"), "Self_");
        assert_eq!(root_name("2fa"), "N2fa");
        assert_eq!(root_name(""), "Value");
    }

    #[test]
    fn field_names_rename_when_needed() {
        let mut names = FieldNames::new();
        assert_eq!(names.name("id"), ("id".to_owned(), None));
        assert_eq!(names.name("type"), ("r#type".to_owned(), None));
        assert_eq!(
            names.name("self"),
            ("self_".to_owned(), Some("self".to_owned()))
        );
        assert_eq!(
            names.name("userId"),
            ("user_id".to_owned(), Some("userId".to_owned()))
        );
        assert_eq!(
            names.name("user_id"),
            ("user_id_2".to_owned(), Some("user_id".to_owned()))
        );
        assert_eq!(
            names.name("@odata.type"),
            ("odata_type".to_owned(), Some("@odata.type".to_owned()))
        );
        assert_eq!(
            names.name("2fa"),
            ("n2fa".to_owned(), Some("2fa".to_owned()))
        );
        assert_eq!(names.name(""), ("value".to_owned(), Some(String::new())));
        assert_eq!(
            names.name("straße"),
            ("stra_e".to_owned(), Some("straße".to_owned()))
        );
        assert_eq!(
            names.name("Self"),
            ("self_2".to_owned(), Some("Self".to_owned()))
        );
        assert_eq!(
            names.name("self "),
            ("self_3".to_owned(), Some("self ".to_owned()))
        );
        assert_eq!(code_span(""), "`\"\"`");
        assert_eq!(code_span("a`b"), "`a'b`");
        assert_eq!(camel_piece("r#type"), "Type");
        assert_eq!(camel_piece("self_"), "Self");
        assert_eq!(camel_piece("n2fa"), "N2fa");
        assert_eq!(camel_piece("user_id_2"), "UserId2");
    }
}
