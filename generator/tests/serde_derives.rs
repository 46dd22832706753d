//! Each inferred type derives the serde direction the client uses it in (`Serialize` for what
//! it sends, `Deserialize` for what it receives, nested types following their parents); the
//! other direction comes with the crate's `serde-both-ways` feature, or everywhere with
//! `Config::serde_both_ways`. That the feature compiles is checked by tests/features.rs and by
//! tests/e2e, which turns it on for the Zoom client.

use std::path::{Path, PathBuf};

use postman_codegen::Config;

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

// A struct the client sends derives `Default` too, so a caller sets only what it sends.
const SERIALIZE: &str = "#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize)]";
const DESERIALIZE: &str = "#[derive(Debug, Clone, PartialEq, ::serde::Deserialize)]";
const BOTH: &str = "#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]";
const BOTH_SENT: &str =
    "#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]";
const FEATURE_SERIALIZE: &str =
    "#[cfg_attr(feature = \"serde-both-ways\", derive(::serde::Serialize))]";
const FEATURE_DESERIALIZE: &str =
    "#[cfg_attr(feature = \"serde-both-ways\", derive(::serde::Deserialize))]";

#[test]
fn a_crate_derives_the_used_direction_and_the_other_under_its_feature() {
    let postman_codegen::Outcome {
        output: files,
        warnings: _,
    } = config().crate_files(root().join(SEED)).unwrap();
    let types = &files[Path::new("src/types.rs")];
    // A success body, and a struct nested in one.
    assert_eq!(
        derives_of(types, "GetUserResponse"),
        [DESERIALIZE, FEATURE_SERIALIZE]
    );
    assert_eq!(
        derives_of(types, "GetUserResponseCustomAttribute"),
        [DESERIALIZE, FEATURE_SERIALIZE]
    );
    // A variant of a success enum (several 2xx bodies) is received too.
    assert_eq!(
        derives_of(types, "SubscribeAccountToPlanResponse201"),
        [DESERIALIZE, FEATURE_SERIALIZE]
    );
    // A request body and a struct nested in it.
    assert_eq!(
        derives_of(types, "SubscribeAccountToPlanBody"),
        [SERIALIZE, FEATURE_DESERIALIZE]
    );
    assert_eq!(
        derives_of(types, "SubscribeAccountToPlanBodyContact"),
        [SERIALIZE, FEATURE_DESERIALIZE]
    );
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
        [DESERIALIZE, FEATURE_SERIALIZE]
    );
}

#[test]
fn a_file_for_include_names_no_feature_of_its_own() {
    let postman_codegen::Outcome {
        output: code,
        warnings: _,
    } = config().single_file(root().join(SEED)).unwrap();
    assert!(!code.contains("serde-both-ways"));
    assert_eq!(derives_of(&code, "GetUserResponse"), [DESERIALIZE]);
    assert_eq!(derives_of(&code, "SubscribeAccountToPlanBody"), [SERIALIZE]);
}

#[test]
fn serde_both_ways_derives_both_everywhere() {
    let mut config = config();
    config.serde_both_ways(true);
    let postman_codegen::Outcome {
        output: code,
        warnings: _,
    } = config.single_file(root().join(SEED)).unwrap();
    assert_eq!(derives_of(&code, "GetUserResponse"), [BOTH]);
    assert_eq!(derives_of(&code, "SubscribeAccountToPlanBody"), [BOTH_SENT]);
    let postman_codegen::Outcome {
        output: files,
        warnings: _,
    } = config.crate_files(root().join(SEED)).unwrap();
    let types = &files[Path::new("src/types.rs")];
    assert!(!types.contains("cfg_attr"));
    assert_eq!(derives_of(types, "GetUserResponse"), [BOTH]);
}
