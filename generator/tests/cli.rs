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
fn a_bad_override_points_at_its_line() {
    let dir = tempfile_dir("bad-override");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bad.toml"),
        "[[item]]\nmatch = \"/todos\"\nrename = \"List Todos\"\n",
    )
    .unwrap();
    let path = dir.join("bad.toml");
    let path = path.to_str().unwrap();
    let output = run(&[
        "inspect",
        "collections/todo.postman_collection.json",
        "--config",
        path,
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    // The snapshot must not hold this machine's path.
    let stderr = stderr.replace(path, "bad.toml");
    insta::assert_snapshot!("bad_override", stderr);
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
fn help_shows_commands_examples_and_exit_codes() {
    let output = run(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!("help", String::from_utf8_lossy(&output.stdout));
    for command in ["generate", "check", "inspect"] {
        let output = run(&[command, "--help"]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("Examples:"), "{command}: {stdout}");
        insta::assert_snapshot!(format!("help_{command}"), stdout);
    }
}

#[test]
fn inspect_lists_every_item_with_its_function() {
    let output = run(&["inspect", "collections/todo.postman_collection.json"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    insta::assert_snapshot!("inspect_todo", stdout);
}

#[test]
fn inspect_finds_an_item_and_shows_its_warnings() {
    let output = run(&[
        "inspect",
        "collections/zoom-seed.postman_collection.json",
        "--find",
        "VIRTUAL background",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    let functions: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("  fn "))
        .collect();
    assert!(functions.len() >= 3, "{stdout}");
    assert!(
        functions.iter().all(|f| f.contains("virtual_background")),
        "{stdout}"
    );
    // Without the overrides, Zoom's upload field is text, not a file part.
    assert!(stdout.contains("form   file → file"), "{stdout}");
    let with_overrides = run(&[
        "inspect",
        "collections/zoom-seed.postman_collection.json",
        "--config",
        "collections/zoom.overrides.toml",
        "--find",
        "upload",
    ]);
    let stdout = String::from_utf8_lossy(&with_overrides.stdout);
    assert!(stdout.contains("file   file → file"), "{stdout}");
}

#[test]
fn check_prints_a_short_diff_and_quiet_hides_warnings() {
    let dir = tempfile_dir("check-diff");
    // An override that matches nothing: one warning to show or hide.
    std::fs::create_dir_all(&dir).unwrap();
    let overrides = dir.join("typo.toml");
    std::fs::write(&overrides, "[[item]]\nmatch = \"No such item\"\n").unwrap();
    let overrides = overrides.to_str().unwrap();
    let out = dir.join("crate");
    let out = out.to_str().unwrap();
    let collection = "collections/zoom-seed.postman_collection.json";
    let args = |command: &'static str, extra: &'static str| -> Vec<&str> {
        let mut args = vec![command, collection, "--out", out, "--config", overrides];
        if !extra.is_empty() {
            args.push(extra);
        }
        args
    };
    assert!(run(&args("generate", "--quiet")).status.success());
    let lib = Path::new(out).join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, text.replace("pub mod types;", "pub mod typos;")).unwrap();

    let stale = run(&args("check", ""));
    let stderr = String::from_utf8_lossy(&stale.stderr);
    assert_eq!(stale.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("changed: src/lib.rs"), "{stderr}");
    assert!(
        stderr.contains("-pub mod typos;") && stderr.contains("+pub mod types;"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: overrides: `match = \"No such item\"` matches no item"),
        "warnings shown by default: {stderr}"
    );

    let quiet = run(&args("check", "--quiet"));
    let stderr = String::from_utf8_lossy(&quiet.stderr);
    assert_eq!(quiet.status.code(), Some(1));
    assert!(!stderr.contains("warning:"), "{stderr}");
    assert!(
        stderr.contains("out of date"),
        "the verdict stays: {stderr}"
    );

    let verbose = run(&args("generate", "--verbose"));
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    assert!(stderr.contains("changed: src/lib.rs"), "{stderr}");
    assert!(stderr.contains("1 changed"), "{stderr}");
    assert_eq!(run(&args("check", "")).status.code(), Some(0));
}

fn tempfile_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}
