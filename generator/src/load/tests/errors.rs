//! Files the loader must refuse, and what it says about them.

use std::path::Path;

use super::load_err;
use crate::load::load_file;
use crate::{Error, Location};

/// The location, message and help of an `Error::Invalid`.
fn invalid(error: Error) -> (Location, String, String) {
    match error {
        Error::Invalid {
            location,
            message,
            help,
        } => (*location, message, help),
        other => panic!("expected Error::Invalid, got {other}"),
    }
}

#[test]
fn not_json_reports_serde_line_and_column() {
    let (error, shown) = load_err("{\n  \"info\": {\"name\": \"T\"},\n  \"item\": [\n");
    let (location, message, _) = invalid(error);
    assert_eq!(message, "not valid JSON: EOF while parsing a list");
    assert_eq!((location.line, location.column), (Some(4), Some(1)));
    assert_eq!(location.file, Path::new("test.json"));
    assert!(
        shown.starts_with("test.json:4:1: not valid JSON: EOF while parsing a list\n  help: "),
        "{shown}"
    );

    let (error, _) = load_err("{\"info\": {}, \"item\": [1 2]}");
    let (location, message, _) = invalid(error);
    assert_eq!(message, "not valid JSON: expected `,` or `]`");
    assert_eq!((location.line, location.column), (Some(1), Some(25)));
}

#[test]
fn empty_file() {
    for text in ["", "  \n\t"] {
        let (error, _) = load_err(text);
        let (_, message, help) = invalid(error);
        assert_eq!(message, "the file is empty");
        assert!(help.contains("Postman collection"), "{help}");
    }
}

#[test]
fn top_level_must_be_an_object() {
    let (error, shown) = load_err("\n[{\"info\": {}}]");
    let (location, message, help) = invalid(error);
    assert_eq!(message, "the top level is an array, not an object");
    assert_eq!(location.pointer.as_deref(), Some(""));
    assert_eq!((location.line, location.column), (Some(2), Some(1)));
    assert!(help.contains("`info` and `item`"), "{help}");
    assert!(
        shown.starts_with("test.json:2:1 (at the top level): the top level is an array"),
        "{shown}"
    );
}

#[test]
fn v1_collections_are_refused() {
    let (error, _) = load_err(
        r#"{"id": "x", "name": "Old", "order": ["a"], "folders": [], "requests": [{"id": "a", "url": "x"}]}"#,
    );
    let (location, message, help) = invalid(error);
    assert_eq!(message, "Postman collection v1 format is not supported");
    assert!(help.starts_with("export it as v2.1 from Postman"), "{help}");
    assert_eq!(location.pointer.as_deref(), Some("/requests"));

    let (error, _) = load_err(
        r#"{"info": {"name": "T", "schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}, "item": []}"#,
    );
    let (location, message, _) = invalid(error);
    assert_eq!(message, "Postman collection v1 format is not supported");
    assert_eq!(location.pointer.as_deref(), Some("/info/schema"));
}

#[test]
fn unknown_schema_version_is_refused() {
    let (error, _) = load_err(
        r#"{"info": {"name": "T", "schema": "https://schema.postman.com/collection/json/v3.0.0/draft-2020-12/collection.json"}, "item": []}"#,
    );
    let (location, message, help) = invalid(error);
    assert!(
        message.starts_with("unknown Postman collection format version v3.0.0"),
        "{message}"
    );
    assert!(help.contains("v2.0.0 and v2.1.0"), "{help}");
    assert_eq!(location.pointer.as_deref(), Some("/info/schema"));
    assert_eq!(location.line, Some(1));
}

#[test]
fn item_must_be_an_array() {
    let (error, _) = load_err("{\"info\": {\"name\": \"T\"},\n \"item\": {\"name\": \"x\"}}");
    let (location, message, _) = invalid(error);
    assert_eq!(message, "`item` must be an array, found an object");
    assert_eq!(location.pointer.as_deref(), Some("/item"));
    assert_eq!((location.line, location.column), (Some(2), Some(10)));
}

#[test]
fn missing_info_or_name() {
    let (error, _) = load_err(r#"{"item": []}"#);
    assert!(invalid(error).1.contains("no `info` object"));
    let (error, _) = load_err(
        r#"{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}"#,
    );
    assert_eq!(invalid(error).1, "`info` has no `name`");
}

#[test]
fn collection_level_wrong_types_are_errors_with_their_pointer() {
    let (error, _) = load_err(
        "{\"info\": {\"name\": \"T\"}, \"item\": [],\n \"auth\": {\"type\": \"bearer\", \"bearer\": 5}}",
    );
    let (location, message, _) = invalid(error);
    assert_eq!(
        message,
        "`/auth/bearer` must be an object or an array of {key, value} entries, found a number"
    );
    assert_eq!(location.pointer.as_deref(), Some("/auth/bearer"));
    assert_eq!((location.line, location.column), (Some(2), Some(39)));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let text = format!(
        "{{\"info\": {{\"name\": \"T\"}}, \"item\": {}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let (error, _) = load_err(&text);
    let (location, message, help) = invalid(error);
    assert_eq!(message, "not valid JSON: recursion limit exceeded");
    assert!(help.contains("128 levels"), "{help}");
    assert_eq!(location.line, Some(1));
}

#[test]
fn nesting_within_the_limit_loads() {
    // 60 folders inside each other: 120 JSON levels with the `item` arrays, under serde_json's 128.
    let mut items = r#"[{"name": "leaf", "request": "x"}]"#.to_owned();
    for level in 0..60 {
        items = format!(r#"[{{"name": "f{level}", "item": {items}}}]"#);
    }
    let text = format!(r#"{{"info": {{"name": "T"}}, "item": {items}}}"#);
    let (collection, _) = super::load_ok(&text);
    assert_eq!(super::requests(&collection.items).len(), 1);
}

#[test]
fn twilio_file_with_items_instead_of_item() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../collections/invalid/twilio-malformed.postman_collection.json"
    ));
    let error = match load_file(path) {
        Ok(_) => panic!("the malformed Twilio collection loaded"),
        Err(error) => error,
    };
    let shown = error.to_string();
    let (location, message, help) = invalid(error);
    assert_eq!(location.file, path);
    assert_eq!(location.pointer.as_deref(), Some(""));
    assert_eq!((location.line, location.column), (Some(1), Some(1)));
    assert!(
        message.starts_with("the collection has no `item` array"),
        "{message}"
    );
    let expected_place = items_key_position(path);
    assert!(
        message.contains(&format!("found `items` at {expected_place} instead")),
        "{message}"
    );
    assert_eq!(
        help,
        format!("rename `items` to `item` (at {expected_place})")
    );
    assert!(shown.contains("(at the top level)"), "{shown}");
}

/// Where the top-level `"items"` key is, found independently of the loader: the file is one
/// line, and the first `"items":` in it follows the collection `auth` object.
fn items_key_position(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read the Twilio file");
    assert_eq!(
        text.lines().count(),
        1,
        "the Twilio file is expected on one line"
    );
    let index = text.find("\"items\":").expect("an \"items\" key");
    assert!(
        text[..index].ends_with("]},"),
        "the first \"items\" should follow the top-level auth"
    );
    format!("line 1, column {}", text[..index].chars().count() + 1)
}
