//! Each inferred type derives the serde direction the client uses it in (`Serialize` for what
//! it sends, `Deserialize` for what it receives, nested types following their parents); the
//! other direction comes with the crate's `serde-both-ways` feature, or everywhere with
//! `Config::serde_both_ways`. That the feature compiles is checked by tests/features.rs and by
//! tests/e2e, which turns it on for the Zoom client.
//!
//! A received struct whose fields are all `Option` gets its `Deserialize` from the runtime's
//! key-by-key `Object` rather than the derive (and derives `Default`, where the decoding
//! starts); one with a required field keeps the derive.

use std::path::{Path, PathBuf};

use postman_codegen::{Config, FieldPolicy};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

const SEED: &str = "collections/zoom-seed.postman_collection.json";
const OVERRIDES: &str = "collections/zoom.overrides.toml";

fn config() -> Config {
    let mut config = Config::new();
    config
        .overrides(root().join(OVERRIDES))
        .cargo_warnings(false)
        .emit_rerun_if_changed(false);
    config
}

/// The attribute lines in front of `pub struct {name} ` in `code`, docs left out.
fn derives_of(code: &str, name: &str) -> Vec<String> {
    let at = code
        .find(&format!("pub struct {name} "))
        .unwrap_or_else(|| panic!("no struct {name}"));
    // Up to the start of the struct's line: in a file for `include!` it is indented.
    let line_start = code[..at].rfind('\n').unwrap_or(0);
    code[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .take_while(|line| line.starts_with("#["))
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect()
}

const DESERIALIZE: &str = "#[derive(Debug, Clone, PartialEq, ::serde::Deserialize)]";
// A struct of `Option` fields: the serde trait of its direction is written out ([`by_key`],
// [`encoded_by_key`]), and it derives `Default` (a sent one so that a caller sets only what
// it sends; a received one is decoded from it).
const BY_KEY: &str = "#[derive(Debug, Clone, Default, PartialEq)]";
const BY_KEY_SERIALIZE: &str = "#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize)]";
const FEATURE_SERIALIZE: &str =
    "#[cfg_attr(feature = \"serde-both-ways\", derive(::serde::Serialize))]";
const FEATURE_DESERIALIZE: &str =
    "#[cfg_attr(feature = \"serde-both-ways\", derive(::serde::Deserialize))]";

/// The serde traits `name` implements key by key, through the runtime's `Object` and
/// `Fields`: those its `crate::runtime::by_key!(Deserialize, Serialize for Name { … })` names.
fn by_key_traits(code: &str, name: &str) -> Vec<String> {
    let squeezed: String = code.split_whitespace().collect();
    let Some(end) = squeezed.find(&format!("for{name}{{")) else {
        return Vec::new();
    };
    let start = match squeezed[..end].rfind("by_key!(") {
        Some(start) => start + "by_key!(".len(),
        None => return Vec::new(),
    };
    squeezed[start..end].split(',').map(str::to_owned).collect()
}

/// Whether `name` implements `Serialize` through the runtime's `Fields`, key by key.
fn encoded_by_key(code: &str, name: &str) -> bool {
    by_key_traits(code, name).iter().any(|t| t == "Serialize")
}

/// Whether `name` implements `Deserialize` through the runtime's `Object`, key by key.
fn by_key(code: &str, name: &str) -> bool {
    by_key_traits(code, name).iter().any(|t| t == "Deserialize")
}

#[test]
fn a_crate_derives_the_used_direction_and_the_other_under_its_feature() {
    let postman_codegen::Outcome {
        output: files,
        warnings: _,
    } = config().crate_files(root().join(SEED)).unwrap();
    let types = &files[Path::new("src/types.rs")];
    // A success body, a struct nested in one, and a variant of a success enum (several 2xx
    // bodies): received.
    for name in [
        "GetUserResponse",
        "GetUserResponseCustomAttribute",
        "SubscribeAccountToPlanResponse201",
    ] {
        assert_eq!(
            derives_of(types, name),
            [BY_KEY, FEATURE_SERIALIZE],
            "{name}"
        );
        assert!(by_key(types, name), "{name}");
    }
    // A request body and a struct nested in it: sent, encoded key by key.
    for name in [
        "SubscribeAccountToPlanBody",
        "SubscribeAccountToPlanBodyContact",
    ] {
        assert_eq!(
            derives_of(types, name),
            [BY_KEY, FEATURE_DESERIALIZE],
            "{name}"
        );
        assert!(
            encoded_by_key(types, name) && !by_key(types, name),
            "{name}"
        );
    }
    assert!(files[Path::new("Cargo.toml")].contains("\nserde-both-ways = []\n"));
    assert!(files[Path::new("src/lib.rs")].contains("`serde-both-ways`"));
}

#[test]
fn error_bodies_are_received() {
    let postman_codegen::Outcome {
        output: files,
        warnings: _,
    } = Config::new()
        .crate_files(root().join("tests/fixtures/wire.postman_collection.json"))
        .unwrap();
    let types = &files[Path::new("src/types.rs")];
    assert_eq!(
        derives_of(types, "GetSigningKeysError401Body"),
        [BY_KEY, FEATURE_SERIALIZE]
    );
    assert!(by_key(types, "GetSigningKeysError401Body"));
}

#[test]
fn a_struct_with_a_required_field_keeps_the_derive() {
    let mut config = config();
    config.response_fields(FieldPolicy::Observed);
    let postman_codegen::Outcome {
        output: files,
        warnings: _,
    } = config.crate_files(root().join(SEED)).unwrap();
    let types = &files[Path::new("src/types.rs")];
    assert_eq!(
        derives_of(types, "GetUserResponse"),
        [DESERIALIZE, FEATURE_SERIALIZE]
    );
    assert!(!by_key(types, "GetUserResponse"));
}

#[test]
fn a_file_for_include_names_no_feature_of_its_own() {
    let postman_codegen::Outcome {
        output: code,
        warnings: _,
    } = config().single_file(root().join(SEED)).unwrap();
    assert!(!code.contains("serde-both-ways"));
    assert_eq!(derives_of(&code, "GetUserResponse"), [BY_KEY]);
    assert!(by_key(&code, "GetUserResponse"));
    assert_eq!(derives_of(&code, "SubscribeAccountToPlanBody"), [BY_KEY]);
    assert!(encoded_by_key(&code, "SubscribeAccountToPlanBody"));
}

#[test]
fn serde_both_ways_derives_both_everywhere() {
    let mut config = config();
    config.serde_both_ways(true);
    let postman_codegen::Outcome {
        output: code,
        warnings: _,
    } = config.single_file(root().join(SEED)).unwrap();
    // What the client receives derives `Serialize` (its `None`s are `null`); what it sends is
    // written out both ways.
    assert_eq!(derives_of(&code, "GetUserResponse"), [BY_KEY_SERIALIZE]);
    assert_eq!(derives_of(&code, "SubscribeAccountToPlanBody"), [BY_KEY]);
    assert!(by_key(&code, "SubscribeAccountToPlanBody"));
    assert!(encoded_by_key(&code, "SubscribeAccountToPlanBody"));
    let postman_codegen::Outcome {
        output: files,
        warnings: _,
    } = config.crate_files(root().join(SEED)).unwrap();
    let types = &files[Path::new("src/types.rs")];
    assert!(!types.contains("cfg_attr"));
    assert_eq!(derives_of(types, "GetUserResponse"), [BY_KEY_SERIALIZE]);
}
