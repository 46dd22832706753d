//! Files a user may hand the generator by mistake or malice, through the public API: one test
//! per case, asserting the whole message, which names the place (file, line:column, JSON
//! pointer) and says what to do.

use std::path::{Path, PathBuf};

use postman_codegen::{Config, Error, Generated, Location};

/// A temporary folder holding one input file.
struct Input {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn input(bytes: impl AsRef<[u8]>) -> Input {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("collection.json");
    std::fs::write(&path, bytes).unwrap();
    Input { _dir: dir, path }
}

/// The rendered error for `input`, with its path shown as `FILE`.
fn error_for(path: &Path) -> String {
    match Config::new().generate(path) {
        Ok(generated) => panic!("generated {:?} from a bad input", generated.api.name),
        Err(error) => error
            .to_string()
            .replace(&path.display().to_string(), "FILE"),
    }
}

fn location(path: &Path) -> Location {
    match Config::new().generate(path) {
        Err(Error::Invalid { location, .. }) => *location,
        Err(other) => panic!("expected Error::Invalid, got {other}"),
        Ok(_) => panic!("expected an error"),
    }
}

fn generated(path: &Path) -> Generated {
    Config::new()
        .generate(path)
        .unwrap_or_else(|error| panic!("{error}"))
}

fn repository_file(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative);
    std::fs::read_to_string(path).unwrap()
}

const EXPORT_AGAIN: &str =
    "  help: fix the JSON syntax at this place, or export the collection again from Postman";
const NOT_AN_OBJECT_HELP: &str = "  help: a Postman collection is a JSON object with `info` and `item`; export it from Postman as Collection v2.1";

#[test]
fn not_json() {
    let file = input("hello, world");
    assert_eq!(
        error_for(&file.path),
        format!("FILE:1:1: not valid JSON: expected value\n{EXPORT_AGAIN}")
    );
}

#[test]
fn truncated_json() {
    let todo = repository_file("collections/todo.postman_collection.json");
    let cut = &todo[..todo.len() / 2];
    let file = input(cut);
    // serde_json stops at the end of the text: the last line, one past its last character.
    let line = cut.lines().count();
    let column = cut.lines().last().unwrap().chars().count();
    let shown = error_for(&file.path);
    assert!(
        shown.starts_with(&format!(
            "FILE:{line}:{column}: not valid JSON: EOF while parsing"
        )),
        "{shown}"
    );
    assert!(shown.ends_with(EXPORT_AGAIN), "{shown}");
}

#[test]
fn empty_file() {
    for text in ["", " \n\t\n"] {
        let file = input(text);
        assert_eq!(
            error_for(&file.path),
            "FILE: the file is empty\n  help: give the path of a Postman collection exported as JSON (Collection v2.1)"
        );
    }
}

#[test]
fn wrong_top_level_type() {
    for (text, kind) in [
        ("[1, 2]", "an array"),
        ("\"collection\"", "a string"),
        ("42", "a number"),
        ("null", "null"),
    ] {
        let file = input(text);
        assert_eq!(
            error_for(&file.path),
            format!(
                "FILE:1:1 (at the top level): the top level is {kind}, not an object\n{NOT_AN_OBJECT_HELP}"
            )
        );
    }
}

#[test]
fn v1_collection_with_requests() {
    let file = input(
        r#"{"id": "1", "name": "Old", "order": ["a"], "requests": [{"id": "a", "url": "http://x", "method": "GET"}]}"#,
    );
    assert_eq!(
        error_for(&file.path),
        "FILE:1:56 (at /requests): Postman collection v1 format is not supported\n  help: export it as v2.1 from Postman (in Postman, use Export on the collection and choose \"Collection v2.1\")"
    );
}

#[test]
fn items_instead_of_item() {
    let file = input(
        "{\"info\": {\"name\": \"T\", \"schema\": \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"},\n \"items\": []}",
    );
    assert_eq!(
        error_for(&file.path),
        "FILE:1:1 (at the top level): the collection has no `item` array (its folders and requests); found `items` at line 2, column 2 instead\n  help: rename `items` to `item` (at line 2, column 2)"
    );
}

#[test]
fn unknown_schema_version() {
    let file = input(
        r#"{"info": {"name": "T", "schema": "https://schema.postman.com/json/collection/v3.0.0/collection.json"}, "item": []}"#,
    );
    assert_eq!(
        error_for(&file.path),
        "FILE:1:34 (at /info/schema): unknown Postman collection format version v3.0.0 (https://schema.postman.com/json/collection/v3.0.0/collection.json)\n  help: postman-codegen reads Postman collection format v2.0.0 and v2.1.0; in Postman, use Export on the collection and choose \"Collection v2.1\""
    );
}

/// A broken item is skipped with a warning naming it and its place; the rest still generates.
#[test]
fn item_with_neither_request_nor_item() {
    let file = input(
        r#"{"info": {"name": "T"}, "item": [{"name": "Folder", "item": [{"name": "Lonely"}]}, {"name": "Fine", "request": "http://x/y"}]}"#,
    );
    let generated = generated(&file.path);
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "warning: Folder/Lonely: the item has neither `request` (a request) nor `item` (a folder); give it one of them, or delete it (at /item/0/item/0); the item was skipped"
        ]
    );
    assert_eq!(generated.api.operations.len(), 1);
}

#[test]
fn invalid_method() {
    let file = input(
        r#"{"info": {"name": "T"}, "item": [{"name": "Spaced", "request": {"method": "GE T", "url": "http://x/y"}}, {"name": "Number", "request": {"method": 5, "url": "http://x/y"}}, {"name": "Fine", "request": "http://x/y"}]}"#,
    );
    let generated = generated(&file.path);
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "warning: Spaced: `request/method` is \"GE T\", which is not a valid HTTP method (a method is one word of letters, such as GET, POST or PROPFIND) (at /item/0/request/method); the item was skipped",
            "warning: Number: `request/method` must be a string, found a number (at /item/1/request/method); the item was skipped",
        ]
    );
    assert_eq!(generated.api.operations.len(), 1);
}

const TOO_LARGE_HELP: &str = "  help: check that this is the right file (the largest known Postman exports are a few MiB); for a real collection this large, delete saved example responses you do not need or split it into several collections";

/// A 200 MiB file is refused from its size alone (the file is sparse: nothing is written or read).
#[test]
fn file_of_200_mib() {
    let file = input("");
    std::fs::File::options()
        .write(true)
        .open(&file.path)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    assert_eq!(
        error_for(&file.path),
        format!(
            "FILE: the file is 200.0 MiB; postman-codegen reads collections of at most 128 MiB\n{TOO_LARGE_HELP}"
        )
    );
    assert_eq!(postman_codegen::load::MAX_FILE_SIZE, 128 * 1024 * 1024);
}

/// A file whose size the metadata does not tell (a device, a pipe) is read up to the limit, not
/// until the memory runs out.
#[cfg(target_os = "linux")]
#[test]
fn endless_input_stops_at_the_limit() {
    assert_eq!(
        error_for(Path::new("/dev/zero")),
        format!(
            "FILE: the file is more than 128 MiB; postman-codegen reads collections of at most 128 MiB\n{TOO_LARGE_HELP}"
        )
    );
}

/// A folder is read as a v3 collection; one that is not says what a collection is.
#[test]
fn a_folder_that_is_not_a_collection() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        error_for(dir.path()),
        "FILE: this folder is not a Postman collection: it has no `.resources/definition.yaml` and no `*.request.yaml` file\n  help: give the path of a collection exported as JSON (Collection v2.1), or of a Postman v3 collection folder (the one holding `.resources/definition.yaml` and `*.request.yaml` files, usually postman/collections/<Name>)"
    );
}

const NOT_UTF8_HELP: &str = "  help: save the file as UTF-8 (Postman exports are UTF-8): it was probably written in another encoding such as Latin-1 or Windows-1252, or is not a text file";

#[test]
fn invalid_utf8() {
    // "naïve" in Latin-1 on line 3.
    let file =
        input(b"{\n  \"info\": {\"name\": \"ok\"},\n  \"item\": [{\"name\": \"na\xefve\"}]}");
    assert_eq!(
        error_for(&file.path),
        format!(
            "FILE:3:24: the file is not valid UTF-8: byte 0xEF at byte offset 51 does not belong to a UTF-8 character\n{NOT_UTF8_HELP}"
        )
    );
}

#[test]
fn utf16() {
    let text: Vec<u8> = "{\"info\": {}}"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let file = input([&b"\xFF\xFE"[..], &text].concat());
    assert_eq!(
        error_for(&file.path),
        "FILE:1:1: the file is UTF-16 text, not UTF-8\n  help: save it as UTF-8 (Postman exports are UTF-8); most editors offer the encoding in \"Save as\""
    );
}

/// A UTF-8 byte-order mark (some Windows editors write one) is not an error, and columns are
/// counted as an editor shows them, without it.
#[test]
fn byte_order_mark_is_skipped() {
    let file = input("\u{FEFF}{\"info\": {\"name\": \"T\"}, \"item\": []}");
    assert_eq!(generated(&file.path).api.name, "T");
    let text = "{\"info\": {\"name\": \"T\"}, \"item\": [1 2]}";
    let file = input(format!("\u{FEFF}{text}"));
    let at = location(&file.path);
    let column_of_2 = text.find(" 2]").unwrap() + 2;
    assert_eq!((at.line, at.column), (Some(1), Some(column_of_2)));
}

#[test]
fn nesting_10000_deep_is_an_error_not_a_stack_overflow() {
    let depth = 10_000;
    let file = input(format!(
        "{{\"info\": {{\"name\": \"T\"}}, \"item\": {}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    ));
    // serde_json counts 128 levels: the document's object and 127 arrays.
    assert_eq!(
        error_for(&file.path),
        "FILE:1:159: not valid JSON: recursion limit exceeded\n  help: the file nests values more than 128 levels deep, which no Postman export does; check that this is the right file"
    );
}

/// A request item whose example response and raw JSON body are `body` text.
fn one_request(body: &str, example: &str) -> String {
    serde_json::json!({
        "info": {"name": "T"},
        "item": [{
            "name": "Deep",
            "request": {
                "method": "POST",
                "url": "http://x/deep",
                "body": {"mode": "raw", "raw": body, "options": {"raw": {"language": "json"}}},
            },
            "response": [{
                "name": "OK",
                "code": 200,
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": example,
            }],
        }],
    })
    .to_string()
}

/// Example bodies and raw bodies are JSON inside JSON strings, parsed a second time by the
/// model: 10,000 levels there are refused by the same limit, and the operation falls back to
/// `serde_json::Value` instead of overflowing the stack.
#[test]
fn nesting_10000_deep_inside_samples() {
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let double_encoded = serde_json::Value::String(deep.clone()).to_string();
    for example in [&deep, &double_encoded] {
        let file = input(one_request(&deep, example));
        let generated = generated(&file.path);
        let postman_codegen::Outcome {
            output: files,
            warnings: _,
        } = Config::new().crate_files(&file.path).unwrap();
        let operations = &files[Path::new("src/operations/ungrouped.rs")];
        assert!(
            operations.contains("::serde_json::Value,\n"),
            "{operations}"
        );
        assert_eq!(generated.api.operations.len(), 1);
    }
}

/// Within serde_json's limit, a sample 120 levels deep is typed down to 32 levels and
/// `serde_json::Value` below: deeper types would be useless and would overflow the stack of the
/// parsers that check the generated code.
#[test]
fn samples_deeper_than_32_levels_become_values() {
    let deep = format!("{}1{}", "[".repeat(120), "]".repeat(120));
    let file = input(one_request("{}", &deep));
    let postman_codegen::Outcome {
        output: files,
        warnings: _,
    } = Config::new().crate_files(&file.path).unwrap();
    let operations = &files[Path::new("src/operations/ungrouped.rs")];
    let signature = operations
        .split("pub fn deep")
        .nth(1)
        .and_then(|rest| rest.split(" {\n").next())
        .unwrap();
    // prettyplease breaks the long type over lines, with trailing commas.
    let compact: String = signature
        .split_whitespace()
        .collect::<String>()
        .replace(',', "");
    let expected = format!("{}::serde_json::Value{}", "Vec<".repeat(32), ">".repeat(32));
    assert!(compact.contains(&expected), "{signature}");
}

/// Numbers no Rust primitive holds: beyond `u64` or below `i64` become `f64`; a `u64` stays
/// one; beyond `f64` (`1e400`, which serde_json refuses) the sample is unusable and the body
/// is a `serde_json::Value`. None of them is an error.
#[test]
fn numbers_beyond_i64_and_f64_in_samples() {
    let sample = r#"{"unsigned": 18446744073709551615, "beyond_u64": 18446744073709551616, "negative": -9223372036854775809, "huge": 1e300}"#;
    let file = input(one_request("{}", sample));
    let postman_codegen::Outcome {
        output: files,
        warnings: _,
    } = Config::new().crate_files(&file.path).unwrap();
    let types = &files[Path::new("src/types.rs")];
    for field in [
        "pub unsigned: Option<u64>,",
        "pub beyond_u64: Option<f64>,",
        "pub negative: Option<f64>,",
        "pub huge: Option<f64>,",
    ] {
        assert!(types.contains(field), "{field} missing in\n{types}");
    }

    let file = input(one_request("{\"a\": 1e400}", r#"{"huge": 1e400}"#));
    let postman_codegen::Outcome {
        output: files,
        warnings: _,
    } = Config::new().crate_files(&file.path).unwrap();
    let operations = &files[Path::new("src/operations/ungrouped.rs")];
    assert!(
        operations.contains("body: &::serde_json::Value")
            && operations.contains("::serde_json::Value,\n"),
        "{operations}"
    );
}
