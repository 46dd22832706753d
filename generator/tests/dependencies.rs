//! As a build-dependency (`default-features = false`) the generator must not pull the CLI's
//! dependencies, an async runtime or the mock's HTTP server into every user's build: checked with
//! `cargo tree` on the real dependency graph, so a new dependency that brings one in fails here.

use std::process::Command;

/// `cargo tree -e normal -p postman-codegen` with `features`, one crate name per line.
fn tree(features: &[&str]) -> Vec<String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "tree",
            "-e",
            "normal",
            "-p",
            "postman-codegen",
            "--prefix",
            "none",
        ])
        .args(["--format", "{p}", "--offline"])
        .args(features)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// Crates a build-dependency must not bring: the CLI's, async runtimes, HTTP stacks.
const FORBIDDEN: &[&str] = &[
    "clap",
    "annotate-snippets",
    "similar",
    "hyper",
    "hyper-util",
    "http-body-util",
    "tokio",
    "async-std",
    "smol",
    "async-executor",
    "futures-executor",
    "reqwest",
];

#[test]
fn build_dependency_pulls_no_cli_and_no_async_runtime() {
    let library = tree(&["--no-default-features"]);
    // The tree is the real one: the code generator's own stack is there.
    for needed in ["postman-codegen", "syn", "prettyplease", "serde_json"] {
        assert!(
            library.iter().any(|c| c == needed),
            "{needed} missing: {library:?}"
        );
    }
    let found: Vec<&String> = library
        .iter()
        .filter(|c| FORBIDDEN.contains(&c.as_str()))
        .collect();
    assert!(found.is_empty(), "a build-dependency would pull {found:?}");

    // And the check can fail: the CLI feature does pull clap, and the mock hyper and tokio.
    let cli = tree(&[]);
    assert!(cli.iter().any(|c| c == "clap"), "{cli:?}");
    assert!(cli.iter().any(|c| c == "hyper"), "{cli:?}");
}

#[test]
fn the_mock_alone_pulls_its_server_but_not_the_cli() {
    let mock = tree(&["--no-default-features", "--features", "mock"]);
    for needed in ["hyper", "tokio"] {
        assert!(
            mock.iter().any(|c| c == needed),
            "{needed} missing: {mock:?}"
        );
    }
    for cli in ["clap", "annotate-snippets", "similar"] {
        assert!(
            !mock.iter().any(|c| c == cli),
            "the mock pulls {cli}: {mock:?}"
        );
    }
}
