//! Cargo itself, driving a build script that uses the generator: touching the collection
//! reruns the script, an unchanged build does not, and a rerun with the same content leaves
//! the generated file alone.
//!
//! A throwaway crate in the test's temporary folder is built with its own target folder (the
//! workspace's is locked by the `cargo test` running this), offline, with the workspace's
//! lock file, so it builds only crates already fetched. The first run compiles the generator's
//! dependencies once (about a minute on two cores); later runs reuse them.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

struct Probe {
    dir: PathBuf,
}

impl Probe {
    fn new() -> Self {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rebuild-probe");
        let _ = std::fs::remove_dir_all(dir.join("src"));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        let generator = Path::new(env!("CARGO_MANIFEST_DIR"));
        // `[workspace]` makes the probe its own workspace, though it sits inside ours.
        let manifest = format!(
            "[package]\nname = \"rebuild-probe\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[build-dependencies]\npostman-codegen = {{ path = {:?}, default-features = false }}\n",
            generator.display().to_string()
        );
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        std::fs::write(
            dir.join("build.rs"),
            "fn main() -> Result<(), postman_codegen::Error> {\n    postman_codegen::compile_collection(\"api.postman_collection.json\")\n}\n",
        )
        .unwrap();
        // The text is enough to show cargo's behaviour; compiling the client needs reqwest,
        // which the `tests/build-script` crate covers.
        std::fs::write(
            dir.join("src/lib.rs"),
            "pub const GENERATED: &str =\n    include_str!(concat!(env!(\"OUT_DIR\"), \"/todo_live_collection.rs\"));\n",
        )
        .unwrap();
        std::fs::copy(
            root().join("collections/todo.postman_collection.json"),
            dir.join("api.postman_collection.json"),
        )
        .unwrap();
        Self { dir }
    }

    /// `cargo build -v`; its stderr, which names each unit as `Fresh` or `Running`.
    fn build(&self) -> String {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let output = Command::new(cargo)
            .args(["build", "-v", "--offline"])
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", self.dir.join("target"))
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{stderr}");
        stderr
    }

    fn generated(&self) -> PathBuf {
        let build = self.dir.join("target/debug/build");
        std::fs::read_dir(&build)
            .unwrap()
            .flatten()
            .map(|entry| entry.path().join("out/todo_live_collection.rs"))
            .find(|path| path.exists())
            .unwrap_or_else(|| panic!("no out/todo_live_collection.rs under {}", build.display()))
    }
}

fn ran_build_script(stderr: &str) -> bool {
    stderr.lines().any(|line| {
        line.contains("Running")
            && line.contains("rebuild-probe")
            && line.contains("build-script-build")
    })
}

#[test]
fn cargo_reruns_the_build_script_when_the_collection_changes_only() {
    let probe = Probe::new();
    let first = probe.build();
    assert!(ran_build_script(&first), "{first}");
    let generated = probe.generated();
    let mtime = std::fs::metadata(&generated).unwrap().modified().unwrap();

    let unchanged = probe.build();
    assert!(
        !ran_build_script(&unchanged),
        "nothing changed:\n{unchanged}"
    );

    // Touched, same content: the script runs, the generated file keeps its mtime.
    let collection = probe.dir.join("api.postman_collection.json");
    let later = SystemTime::now() + Duration::from_secs(2);
    std::fs::File::options()
        .write(true)
        .open(&collection)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let touched = probe.build();
    assert!(ran_build_script(&touched), "touched:\n{touched}");
    assert_eq!(
        std::fs::metadata(&generated).unwrap().modified().unwrap(),
        mtime
    );

    // Changed content: the script runs and the file changes.
    let text = std::fs::read_to_string(&collection).unwrap();
    std::fs::write(
        &collection,
        text.replacen("\"/todos\"", "\"List todos\"", 1),
    )
    .unwrap();
    let changed = probe.build();
    assert!(ran_build_script(&changed), "changed:\n{changed}");
    let content = std::fs::read_to_string(&generated).unwrap();
    assert!(content.contains("pub async fn list_todos("));
}
