//! The fuzz targets' saved corpora, replayed as ordinary tests: every input that once found a
//! bug, and the seeds that reach each part of the generator, run on stable Rust in every
//! `cargo test`, with the same checks as the fuzzer (`fuzz/src/check.rs`).

#[path = "../../fuzz/src/check.rs"]
mod check;
#[path = "../../fuzz/src/spec.rs"]
mod spec;

use std::path::{Path, PathBuf};

use arbitrary::{Arbitrary, Unstructured};

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/seeds")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

#[test]
fn load_generate_corpus() {
    for (path, bytes) in corpus("load_generate") {
        eprintln!("{}", path.display());
        check::check_bytes(&bytes);
    }
}

#[test]
fn structured_corpus() {
    for (path, bytes) in corpus("structured") {
        eprintln!("{}", path.display());
        // As libfuzzer-sys's `fuzz_target!` turns bytes into its typed input.
        let collection = spec::RandomCollection::arbitrary_take_rest(Unstructured::new(&bytes))
            .expect("any bytes make a collection");
        check::check_collection(&collection.0);
    }
}
