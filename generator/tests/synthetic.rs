//! The benchmarks' synthetic collections (benches/support/synth.rs): deterministic, of the asked
//! size, and generated without errors, so a benchmark never times a broken run.

#[path = "../benches/support/synth.rs"]
mod synth;

fn count_requests(items: &[serde_json::Value]) -> usize {
    items
        .iter()
        .map(|item| match item.get("item") {
            Some(children) => count_requests(children.as_array().unwrap()),
            None => 1,
        })
        .sum()
}

#[test]
fn synthetic_collections_are_deterministic_and_of_the_asked_size() {
    let text = synth::collection(230);
    assert_eq!(text, synth::collection(230), "same size, same bytes");
    assert_ne!(text, synth::collection(231));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(count_requests(value["item"].as_array().unwrap()), 230);
}

#[test]
fn a_synthetic_collection_generates_every_request() {
    let text = synth::collection(300);
    let path = std::path::Path::new("synthetic-300.json");
    let (collection, warnings) = postman_codegen::load::load_str(&text, path).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let (api, warnings) = postman_codegen::model::build(
        &collection,
        &postman_codegen::overrides::Overrides::default(),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(api.operations.len(), 300);
    let plan = postman_codegen::plan::plan(
        std::borrow::Cow::Borrowed(&api),
        &postman_codegen::plan::Options::default(),
    );
    let code = postman_codegen::emit::emit(plan);
    let files =
        postman_codegen::output::crate_files(&code, "synthetic", "synthetic-300.json").unwrap();
    // 300 requests in 50-request folders, 10 folders per top-level folder: 1 module.
    let modules = files.keys().filter(|p| p.starts_with("src/operations/"));
    assert_eq!(modules.count(), 1, "{:?}", files.keys().collect::<Vec<_>>());
    let types = &files[std::path::Path::new("src/types.rs")];
    assert!(
        types.matches("pub struct").count() > 100,
        "varied bodies make many types"
    );
}
