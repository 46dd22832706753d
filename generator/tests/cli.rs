//! The `postman-codegen` command as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postman-codegen"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

#[test]
fn malformed_collection_fails_cleanly() {
    let output = run(&[
        "generate",
        "collections/invalid/twilio-malformed.postman_collection.json",
        "--out",
        "target/never-written",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    insta::assert_snapshot!("malformed_twilio", stderr);
    assert!(!root().join("target/never-written").exists());
}

#[test]
fn check_reports_a_stale_crate_and_exit_code_1() {
    let out = tempfile_dir("check-stale");
    let collection = "collections/todo.postman_collection.json";
    let generate = run(&[
        "generate",
        collection,
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(
        generate.status.success(),
        "{}",
        String::from_utf8_lossy(&generate.stderr)
    );
    let fresh = run(&[
        "generate",
        collection,
        "--out",
        out.to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(fresh.status.code(), Some(0));

    let lib = out.join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, text.replace("pub mod types;", "pub mod typos;")).unwrap();
    let stale = run(&[
        "generate",
        collection,
        "--out",
        out.to_str().unwrap(),
        "--check",
    ]);
    let stderr = String::from_utf8_lossy(&stale.stderr);
    assert_eq!(stale.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("changed: src/lib.rs"), "{stderr}");
    assert_ne!(
        std::fs::read_to_string(&lib).unwrap(),
        text,
        "--check must not write"
    );
}

#[test]
fn help_shows_examples_and_exit_codes() {
    let output = run(&["generate", "--help"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Examples:"), "{stdout}");
    let output = run(&["--help"]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("Exit codes:"));
}

fn tempfile_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}
