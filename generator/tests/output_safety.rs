//! Writing the crate: hostile folder names never lead outside `--out`, a failed run leaves the
//! previous crate as it was, and `--check` never writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use postman_codegen::output::Writer;
use postman_codegen::{Config, Error};

/// A collection with one request in a folder of each name.
fn collection(folders: &[&str]) -> String {
    let items: Vec<serde_json::Value> = folders
        .iter()
        .enumerate()
        .map(|(index, folder)| {
            serde_json::json!({
                "name": folder,
                "item": [{"name": format!("Request {index}"), "request": format!("http://x/{index}")}],
            })
        })
        .collect();
    serde_json::json!({"info": {"name": "Hostile"}, "item": items}).to_string()
}

/// Every file below `dir`, relative to it, with its content.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_owned();
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn write_collection(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("hostile.postman_collection.json");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn hostile_folder_names_stay_inside_out() {
    let sandbox = tempfile::tempdir().unwrap();
    let collection = write_collection(
        sandbox.path(),
        &collection(&[
            "../../etc",
            "/abs",
            "CON",
            "a\\b",
            "type",
            "..",
            "",
            "nul.txt",
        ]),
    );
    let out = sandbox.path().join("deep/inside/out");
    Config::new().write_crate(&collection, &out).unwrap();

    // Nothing but the collection and the crate in the sandbox.
    let everything = tree(sandbox.path());
    for path in everything.keys() {
        assert!(
            path.starts_with("deep/inside/out")
                || path == Path::new("hostile.postman_collection.json"),
            "written outside --out: {}",
            path.display()
        );
    }
    let operations: Vec<String> = tree(&out.join("src/operations"))
        .keys()
        .map(|path| path.display().to_string())
        .collect();
    assert_eq!(
        operations,
        [
            "a_b.rs",
            "abs.rs",
            "con_.rs",
            "etc.rs",
            "nul_txt.rs",
            "type_.rs",
            "value.rs",
            "value_2.rs",
        ]
    );
}

/// The writer itself refuses paths that leave the folder, before writing anything.
#[test]
fn paths_outside_the_folder_are_refused() {
    let sandbox = tempfile::tempdir().unwrap();
    let out = sandbox.path().join("out");
    for bad in [
        "../escape.rs",
        "/abs.rs",
        "src/../../escape.rs",
        "",
        "./src/x.rs",
    ] {
        let mut writer = Writer::new(&out);
        match writer.file(Path::new(bad), "fn main() {}\n") {
            Err(Error::Write { source, .. }) => {
                assert_eq!(source.kind(), std::io::ErrorKind::InvalidInput, "{bad}")
            }
            other => panic!("{bad:?} was not refused: {other:?}"),
        }
        assert!(!out.exists(), "{bad:?}: something was written");
    }
    assert!(!sandbox.path().join("escape.rs").exists());
}

/// A run that fails while writing leaves every file of the previous crate as it was, and no
/// temporary file behind. The failure: the new crate needs `src/operations/zeta.rs`, where a
/// folder stands.
#[test]
fn failed_write_leaves_the_previous_crate_intact() {
    let sandbox = tempfile::tempdir().unwrap();
    let out = sandbox.path().join("out");
    let first = write_collection(sandbox.path(), &collection(&["alpha"]));
    Config::new().write_crate(&first, &out).unwrap();
    std::fs::create_dir_all(out.join("src/operations/zeta.rs")).unwrap();
    let before = tree(&out);

    let second = collection(&["alpha", "beta", "zeta"]).replace("Hostile", "Renamed");
    let second = write_collection(sandbox.path(), &second);
    let error = Config::new().write_crate(&second, &out).unwrap_err();
    assert!(
        matches!(&error, Error::Write { path, .. } if path.ends_with("src/operations/zeta.rs")),
        "{error}"
    );
    // Cargo.toml and lib.rs change with the new name and sort before the failing file: they
    // were staged, and must not have replaced the old ones.
    assert_eq!(tree(&out), before);
}

/// Files are replaced whole (temporary file, then rename): an unchanged file is not touched,
/// and a new one is readable by others like any source file.
#[test]
fn rewrites_only_changed_files_with_usual_permissions() {
    let sandbox = tempfile::tempdir().unwrap();
    let out = sandbox.path().join("out");
    let collection = write_collection(sandbox.path(), &collection(&["alpha"]));
    Config::new().write_crate(&collection, &out).unwrap();
    let lib = out.join("src/lib.rs");
    let modified = |path: &Path| std::fs::metadata(path).unwrap().modified().unwrap();
    let before: SystemTime = modified(&lib);
    std::thread::sleep(std::time::Duration::from_millis(20));
    Config::new().write_crate(&collection, &out).unwrap();
    assert_eq!(modified(&lib), before);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&lib).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }
}

/// `--check` compares and writes nothing: not into a missing folder, not into a stale crate.
#[test]
fn check_never_writes() {
    let sandbox = tempfile::tempdir().unwrap();
    let collection = write_collection(sandbox.path(), &collection(&["alpha"]));
    let missing = sandbox.path().join("missing");
    let postman_codegen::Outcome {
        output: stale,
        warnings: _,
    } = Config::new().check_crate(&collection, &missing).unwrap();
    assert!(!stale.is_empty());
    assert!(!missing.exists());

    let out = sandbox.path().join("out");
    Config::new().write_crate(&collection, &out).unwrap();
    std::fs::write(out.join("src/lib.rs"), "// edited\n").unwrap();
    std::fs::write(out.join("src/operations/old.rs"), "// not generated\n").unwrap();
    std::fs::remove_file(out.join("src/runtime.rs")).unwrap();
    let before = tree(&out);
    let postman_codegen::Outcome {
        output: stale,
        warnings: _,
    } = Config::new().check_crate(&collection, &out).unwrap();
    let shown: Vec<String> = stale.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "changed: src/lib.rs (from line 1)",
            "missing: src/runtime.rs",
            "not generated any more: src/operations/old.rs",
        ]
    );
    assert_eq!(tree(&out), before);
}
