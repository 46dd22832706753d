//! Property tests: random valid collections always generate code that parses and that has no
//! name the compiler would reject as a duplicate; a sample of them compiles.
//!
//! The collections come from the fuzz targets' generator (`fuzz/src/spec.rs`: names that are
//! keywords, non-ASCII, leading digits, empty, path-like or duplicated; random JSON samples,
//! deep, huge or double-encoded), driven here by proptest's bytes so that a failure is shrunk
//! and saved under `proptest-regressions/`. The checks are the fuzzer's (`fuzz/src/check.rs`).

#[path = "../../fuzz/src/check.rs"]
mod check;
#[path = "../../fuzz/src/spec.rs"]
mod spec;

use std::path::{Path, PathBuf};
use std::process::Command;

use arbitrary::{Arbitrary, Unstructured};
use postman_codegen::naming::{is_windows_device_name, module_name, snake_case, upper_camel_case};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestRng};

/// As the structured fuzz target turns its bytes into a collection.
fn random_collection(bytes: &[u8]) -> serde_json::Value {
    spec::RandomCollection::arbitrary_take_rest(Unstructured::new(bytes))
        .expect("any bytes make a collection")
        .0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_collections_generate_code_that_parses(bytes in vec(any::<u8>(), 0..4096)) {
        check::check_collection(&random_collection(&bytes));
    }

    /// A random collection with some bytes changed: mostly not JSON any more, or JSON of the
    /// wrong shape; either a located error with a remedy, or a crate that passes the checks.
    #[test]
    fn damaged_collections_fail_cleanly(
        bytes in vec(any::<u8>(), 0..2048),
        damage in vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        let mut text = random_collection(&bytes).to_string().into_bytes();
        for (at, byte) in damage {
            let at = at.index(text.len());
            text[at] = byte;
        }
        check::check_bytes(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any text, not only the tricky names: identifiers parse, and module names are portable
    /// file names that stay inside the crate's folder.
    #[test]
    fn any_name_gives_identifiers_and_safe_file_names(name in any::<String>()) {
        for text in [snake_case(&name), upper_camel_case(&name)] {
            let plain = text.strip_prefix("r#").unwrap_or(&text);
            prop_assert!(syn::parse_str::<syn::Ident>(&text).is_ok(), "{name:?} → {text:?}");
            prop_assert!(!plain.is_empty());
        }
        let module = module_name(&name);
        prop_assert!(
            module.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{name:?} → {module:?}"
        );
        prop_assert!(!is_windows_device_name(&module), "{name:?} → {module:?}");
        let file = format!("mod {module};");
        prop_assert!(syn::parse_file(&file).is_ok(), "{file}");
    }
}

/// How many random crates are compiled, picked as the richest of this many candidates.
const COMPILED: usize = 3;
const CANDIDATES: usize = 24;

/// A few random collections, chosen deterministically (a fixed seed) for the most operations,
/// compiled together with one `cargo check` in a temporary workspace that reuses this
/// workspace's lock file, so no new versions are fetched and the dependencies are shared.
#[test]
fn a_sample_of_random_collections_compiles() {
    let mut rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut candidates: Vec<(usize, check::Output)> = (0..CANDIDATES)
        .map(|_| {
            let mut bytes = vec![0u8; 8192];
            rng.fill_bytes(&mut bytes);
            let text = random_collection(&bytes).to_string();
            let output = check::generate(text.as_bytes()).expect("a valid collection generates");
            check::check_output(&output);
            let operations = output
                .files
                .values()
                .map(|file| file.matches("-> Pending<").count())
                .sum();
            (operations, output)
        })
        .collect();
    candidates.sort_by_key(|(operations, _)| std::cmp::Reverse(*operations));
    candidates.truncate(COMPILED);
    assert!(candidates.iter().all(|(operations, _)| *operations >= 5));

    let workspace = tempfile::tempdir().unwrap();
    let root = workspace.path();
    let members: Vec<String> = (0..COMPILED).map(|i| format!("random-{i}")).collect();
    for (member, (_, output)) in members.iter().zip(&candidates) {
        for (relative, content) in &output.files {
            let content = if relative == Path::new("Cargo.toml") {
                // Random collection names may repeat; package names in a workspace may not.
                rename_package(content, member)
            } else {
                content.clone()
            };
            let path = root.join(member).join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
    }
    std::fs::write(
        root.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = {members:?}\n"),
    )
    .unwrap();
    std::fs::copy(repository().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();

    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "check",
            "--workspace",
            "--offline",
            "--message-format=short",
        ])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target_dir().join("random-collections"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning:")).collect();
    if !output.status.success() || !warnings.is_empty() {
        for (member, (_, output)) in members.iter().zip(&candidates) {
            eprintln!("== {member}: {}", output.files.keys().len());
        }
        panic!(
            "the random crates do not compile cleanly (kept in {}):\n{stderr}",
            workspace.keep().display()
        );
    }
}

fn rename_package(manifest: &str, name: &str) -> String {
    manifest
        .lines()
        .map(|line| {
            if line.starts_with("name = ") {
                format!("name = \"{name}\"")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// This build's target folder (the test binary is `<target>/debug/deps/<name>`), so the
/// dependencies compiled for the sample are kept between runs.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors()
        .nth(3)
        .map_or_else(|| repository().join("target"), Path::to_path_buf)
}
