//! Responses held out of the collections, `tests/fixtures/responses/{collection}-{function}.json`:
//! what an API sends beyond its samples (nulls, fields left out), decoded into the generated
//! types and serialized back like the samples themselves.

use std::path::Path;

use postman_codegen::Generated;
use postman_codegen::infer::samples::{Sample, SampleJson, SamplePlace};

use crate::collections::root;

/// The held-out responses of the collection `stem`, each typed as its operation's first
/// success sample.
pub fn samples(stem: &str, generated: &Generated) -> Vec<Sample> {
    let dir = root().join("tests/fixtures/responses");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter(|name| name.starts_with(&format!("{stem}-")) && name.ends_with(".json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .map(|file| held_out(&dir, file, stem, generated))
        .collect()
}

fn held_out(dir: &Path, file: &str, stem: &str, generated: &Generated) -> Sample {
    let function = file[stem.len() + 1..]
        .trim_end_matches(".json")
        .replace('-', "_");
    let operation = generated
        .api
        .operations
        .iter()
        .find(|op| op.fn_name == function)
        .unwrap_or_else(|| panic!("{file}: {stem} has no function {function}"));
    let item = operation.postman_path();
    let typed = generated
        .code
        .samples
        .iter()
        .find(|s| {
            s.item == item
                && matches!(s.place, SamplePlace::Response { status, .. } if (200..300).contains(&status))
        })
        .unwrap_or_else(|| panic!("{file}: {function} has no JSON success sample"));
    let text = std::fs::read_to_string(dir.join(file)).expect("the response file reads");
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let status = match typed.place {
        SamplePlace::Response { status, .. } => status,
        SamplePlace::RequestBody => 200,
    };
    Sample {
        item,
        place: SamplePlace::Response {
            status,
            example: format!("held out: {file}"),
        },
        ty: typed.ty.clone(),
        json: SampleJson::Value(json),
    }
}
