//! Per-folder cargo features (`Config::features_per_folder`): the generated crates compile with
//! no feature, with each folder's feature alone, and with all, without warnings.
//!
//! The crates are generated from the small zoom-seed and wire collections into a throwaway
//! workspace under the test's temporary folder and checked by cargo there, offline, with the
//! workspace's lock file and their own target folder (as tests/rebuild.rs does). The first run
//! checks reqwest and its dependencies once (about a minute on two cores); later runs reuse
//! them, and each check of a crate takes seconds.

use std::path::{Path, PathBuf};
use std::process::Command;

use postman_codegen::Config;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Generates `collection` with per-folder features into `dir/name`; returns its features.
fn generate(
    dir: &Path,
    name: &str,
    collection: &str,
    overrides: Option<&str>,
    blocking: bool,
) -> Vec<String> {
    let mut config = Config::new();
    config
        .features_per_folder(true)
        .blocking(blocking)
        .crate_name(name)
        .cargo_warnings(false)
        .emit_rerun_if_changed(false);
    if let Some(overrides) = overrides {
        config.overrides(root().join(overrides));
    }
    let generated = config.generate(root().join(collection)).unwrap();
    config
        .write_crate(root().join(collection), dir.join(name))
        .unwrap();
    generated.code.features
}

fn check(dir: &Path, package: &str, features: Option<&str>) {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(dir)
        .args(["check", "--offline", "--quiet", "-p", package])
        .env("CARGO_TARGET_DIR", dir.join("target"))
        // Warnings are errors here: a user of one folder should see none.
        .env("RUSTFLAGS", "-D warnings");
    match features {
        Some(features) => command.args(["--no-default-features", "--features", features]),
        None => command.args(["--no-default-features"]),
    };
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "cargo check -p {package} --no-default-features {features:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn each_folder_feature_compiles_alone_and_all_together() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("features-probe");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"zoom-seed\", \"wire\", \"wire-blocking\", \"shared-errors\"]\n",
    )
    .unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let crates = [
        (
            "zoom-seed",
            generate(
                &dir,
                "zoom-seed",
                "collections/zoom-seed.postman_collection.json",
                Some("collections/zoom.overrides.toml"),
                false,
            ),
        ),
        (
            "wire",
            generate(
                &dir,
                "wire",
                "tests/fixtures/wire.postman_collection.json",
                None,
                false,
            ),
        ),
        (
            "wire-blocking",
            generate(
                &dir,
                "wire-blocking",
                "tests/fixtures/wire.postman_collection.json",
                None,
                true,
            ),
        ),
        // An error enum two folders' operations share: compiled under either feature.
        (
            "shared-errors",
            generate(
                &dir,
                "shared-errors",
                "tests/fixtures/shared-errors.postman_collection.json",
                None,
                false,
            ),
        ),
    ];
    assert_eq!(
        crates[0].1,
        ["accounts", "groups", "users", "meetings-meeting-id"]
    );
    assert_eq!(crates[1].1, ["bodies", "auth", "hosts"]);
    assert_eq!(crates[1].1, crates[2].1);
    assert_eq!(crates[3].1, ["things", "others"]);
    for (package, features) in &crates {
        check(&dir, package, None);
        for feature in features {
            check(&dir, package, Some(feature));
        }
        check(&dir, package, Some(&features.join(",")));
        // The types derive the serde direction they do not use under this feature.
        check(
            &dir,
            package,
            Some(&format!("serde-both-ways,{}", features[0])),
        );
    }
}

#[test]
fn types_only_one_folder_uses_are_gated_by_it_and_shared_ones_by_any() {
    let mut config = Config::new();
    config
        .features_per_folder(true)
        .overrides(root().join("collections/zoom.overrides.toml"));
    let postman_codegen::Outcome {
        output: files,
        warnings: _,
    } = config
        .crate_files(root().join("collections/zoom-seed.postman_collection.json"))
        .unwrap();
    let types = &files[Path::new("src/types.rs")];
    let gate_of = |name: &str| {
        let at = types.find(&format!("pub struct {name} ")).unwrap();
        let cfg = types[..at].rfind("#[cfg(").unwrap();
        types[cfg..].lines().next().unwrap().to_owned()
    };
    // Nested in a users-only response: gated by `users` like its parent.
    assert_eq!(
        gate_of("GetUserResponseCustomAttribute"),
        r#"#[cfg(feature = "users")]"#
    );
    // The upload response is the same shape in the accounts and groups folders.
    assert_eq!(
        gate_of("AccountsUploadVirtualBackgroundFilesResponse"),
        r#"#[cfg(any(feature = "accounts", feature = "groups"))]"#
    );
    let manifest = &files[Path::new("Cargo.toml")];
    assert!(
        manifest.contains(
            "[features]\naccounts = []\ndefault = [\"accounts\", \"groups\", \"users\", \"meetings-meeting-id\"]\n"
        ),
        "{manifest}"
    );
    assert!(manifest.contains("\nserde-both-ways = []\n"), "{manifest}");
    // Without the option nothing is gated and the only feature is the serde one, off.
    let postman_codegen::Outcome {
        output: plain,
        warnings: _,
    } = Config::new()
        .crate_files(root().join("collections/zoom-seed.postman_collection.json"))
        .unwrap();
    // (The runtime's optional features are gated in `runtime.rs` and the crate root.)
    assert!(
        !plain
            .iter()
            .filter(|(path, _)| !path.ends_with("runtime.rs") && !path.ends_with("lib.rs"))
            .any(|(_, text)| text.contains("#[cfg(feature"))
    );
    assert!(
        plain[Path::new("Cargo.toml")].ends_with(
            "[features]\nmiddleware = [\"dep:reqwest-middleware\"]\nserde-both-ways = []\ntracing = [\"dep:tracing\"]\n"
        ),
        "{}",
        plain[Path::new("Cargo.toml")]
    );
}

/// The runtime's optional features (`tracing`, `middleware`): off by default, with their crates
/// optional, so a crate built without them depends directly on nothing more than before they
/// existed (reqwest's own dependencies include `tracing`, hence only the first level);
/// on, alone or together, the crate compiles without warnings, async and blocking.
#[test]
fn runtime_features_are_optional_and_compile_off_and_on() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("runtime-features-probe");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = [\"wire\", \"wire-blocking\"]\n",
    )
    .unwrap();
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    for (name, blocking) in [("wire", false), ("wire-blocking", true)] {
        let mut config = Config::new();
        config
            .blocking(blocking)
            .crate_name(name)
            .cargo_warnings(false)
            .emit_rerun_if_changed(false);
        config
            .write_crate(
                root().join("tests/fixtures/wire.postman_collection.json"),
                dir.join(name),
            )
            .unwrap();
    }
    for package in ["wire", "wire-blocking"] {
        let off = cargo(
            &dir,
            &[
                "tree", "-e", "normal", "--depth", "1", "--prefix", "none", "-p", package,
            ],
        );
        for optional in ["tracing", "reqwest-middleware"] {
            assert!(
                !off.lines()
                    .any(|line| line.starts_with(&format!("{optional} "))),
                "{package} depends on {optional} with its features off:\n{off}"
            );
        }
        check(&dir, package, None);
        check(&dir, package, Some("tracing"));
        check(&dir, package, Some("middleware"));
        check(&dir, package, Some("tracing,middleware"));
    }
    let on = cargo(
        &dir,
        &[
            "tree",
            "-e",
            "normal",
            "--depth",
            "1",
            "--prefix",
            "none",
            "-p",
            "wire",
            "--features",
            "tracing,middleware",
        ],
    );
    for optional in ["tracing", "reqwest-middleware"] {
        assert!(
            on.lines()
                .any(|line| line.starts_with(&format!("{optional} "))),
            "{on}"
        );
    }
}

/// The output of `cargo args` run offline in `dir`.
fn cargo(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .current_dir(dir)
        .args(args)
        .arg("--offline")
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}
