//! Cargo itself, driving a build script that uses the generator: touching the collection
//! reruns the script, an unchanged build does not, and a rerun with the same content leaves
//! the generated file alone; for a v3 collection folder, adding a request file reruns it and
//! changing a file beside the folder does not.
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
    /// The generated file's name in `OUT_DIR`.
    module: &'static str,
}

impl Probe {
    /// A probe whose build script compiles the Todo collection, a JSON file.
    fn new() -> Self {
        Self::create(
            "rebuild-probe",
            "api.postman_collection.json",
            "todo_live_collection",
            |dir| {
                std::fs::copy(
                    root().join("collections/todo.postman_collection.json"),
                    dir.join("api.postman_collection.json"),
                )
                .unwrap();
            },
        )
    }

    /// A probe in `CARGO_TARGET_TMPDIR/<name>` whose build script compiles `collection`
    /// (relative to the probe) into `<module>.rs`, after `setup` put the collection there.
    fn create(
        name: &str,
        collection: &str,
        module: &'static str,
        setup: impl FnOnce(&Path),
    ) -> Self {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = std::fs::remove_dir_all(dir.join("src"));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        let generator = Path::new(env!("CARGO_MANIFEST_DIR"));
        // `[workspace]` makes the probe its own workspace, though it sits inside ours.
        let manifest = format!(
            "[package]\nname = {name:?}\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[build-dependencies]\npostman-codegen = {{ path = {:?}, default-features = false }}\n",
            generator.display().to_string()
        );
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        std::fs::write(
            dir.join("build.rs"),
            format!("fn main() -> Result<(), postman_codegen::Error> {{\n    postman_codegen::compile_collection({collection:?})\n}}\n"),
        )
        .unwrap();
        // The text is enough to show cargo's behaviour; compiling the client needs reqwest,
        // which the `tests/build-script` crate covers.
        std::fs::write(
            dir.join("src/lib.rs"),
            format!("pub const GENERATED: &str =\n    include_str!(concat!(env!(\"OUT_DIR\"), \"/{module}.rs\"));\n"),
        )
        .unwrap();
        setup(&dir);
        Self { dir, module }
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
            .map(|entry| entry.path().join(format!("out/{}.rs", self.module)))
            .find(|path| path.exists())
            .unwrap_or_else(|| panic!("no out/{}.rs under {}", self.module, build.display()))
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
fn cargo_reruns_the_build_script_when_a_file_of_a_v3_folder_is_added_only() {
    let probe = Probe::create(
        "rebuild-probe-v3",
        "postman/collections/Library API",
        "library_api",
        |dir| {
            let collection = dir.join("postman/collections/Library API");
            let _ = std::fs::remove_dir_all(&collection);
            std::fs::create_dir_all(collection.join(".resources")).unwrap();
            std::fs::write(
                collection.join(".resources/definition.yaml"),
                "$kind: collection\nname: Library API\n",
            )
            .unwrap();
            std::fs::write(
                collection.join("Get Book.request.yaml"),
                "url: 'https://library.test/books/1'\n",
            )
            .unwrap();
            std::fs::write(dir.join("postman/README.md"), "notes\n").unwrap();
        },
    );
    let first = probe.build();
    assert!(ran_build_script(&first), "{first}");

    // A file beside the collection, not in it: nothing reruns.
    std::fs::write(probe.dir.join("postman/README.md"), "more notes\n").unwrap();
    let unchanged = probe.build();
    assert!(
        !ran_build_script(&unchanged),
        "a file outside the collection changed:\n{unchanged}"
    );

    // A new request file: the script reruns and the client has its function.
    let added = probe
        .dir
        .join("postman/collections/Library API/List Books.request.yaml");
    std::fs::write(&added, "url: 'https://library.test/books'\n").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&added)
        .unwrap()
        .set_modified(SystemTime::now() + Duration::from_secs(2))
        .unwrap();
    let rerun = probe.build();
    assert!(
        ran_build_script(&rerun),
        "a request file was added:\n{rerun}"
    );
    let content = std::fs::read_to_string(probe.generated()).unwrap();
    assert!(content.contains("pub fn list_books("), "{content}");
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
    assert!(content.contains("pub fn list_todos("));
}
