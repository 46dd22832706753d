//! Generated clients speak TLS through rustls only: no OpenSSL or native-tls anywhere in their
//! dependency trees, so they build the same everywhere and link no system TLS library.

use std::path::Path;
use std::process::Command;

#[test]
fn generated_clients_use_rustls_only() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for package in [
        "safety-checks",
        "zoom-seed",
        "todo-live-collection",
        "zoom-api",
    ] {
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args([
                "tree",
                "--offline",
                "-e",
                "normal",
                "--prefix",
                "none",
                "--format",
                "{p}",
                "-p",
                package,
            ])
            .current_dir(&workspace)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let tree = String::from_utf8_lossy(&output.stdout);
        let crates: Vec<&str> = tree
            .lines()
            .filter_map(|line| line.split(' ').next())
            .collect();
        assert!(
            crates.contains(&"rustls"),
            "{package} has no rustls:\n{tree}"
        );
        for forbidden in [
            "native-tls",
            "openssl",
            "openssl-sys",
            "hyper-tls",
            "tokio-native-tls",
        ] {
            assert!(
                !crates.contains(&forbidden),
                "{package} depends on {forbidden}"
            );
        }
    }
}
