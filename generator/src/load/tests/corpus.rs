//! The real collections in `collections/` load, and their counts match `stats.json`.

use std::path::{Path, PathBuf};

use super::requests;
use crate::load::{Body, Item, load_file};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../collections");

/// (file stem, requests, examples, folders, schema version), copied from `stats.json`.
const EXPECTED: &[(&str, usize, usize, usize, &str)] = &[
    ("adyen-checkout", 59, 51, 35, "2.1.0"),
    ("binance-spot", 48, 0, 4, "2.1.0"),
    ("calculator-soap", 8, 8, 2, "2.1.0"),
    ("commercetools", 1997, 0, 147, "2.0.0"),
    ("fastly", 406, 406, 104, "2.1.0"),
    ("github-v3", 623, 1579, 28, "2.1.0"),
    ("gotowebinar", 53, 7, 9, "2.0.0"),
    ("msgraph", 169, 0, 29, "2.1.0"),
    ("paypal-partner", 45, 230, 17, "2.0.0"),
    ("pdfco", 85, 87, 44, "2.1.0"),
    ("postman-echo", 40, 18, 9, "2.1.0"),
    ("starwars-graphql", 5, 0, 1, "2.1.0"),
    ("todo", 6, 10, 0, "2.1.0"),
    ("twitter-v2", 13, 61, 5, "2.1.0"),
    ("wise", 66, 0, 14, "2.1.0"),
    ("zoom", 310, 827, 118, "2.1.0"),
];

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .unwrap_or_else(|error| panic!("cannot list {CORPUS}: {error}"))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.to_string_lossy().ends_with(".postman_collection.json"))
        .collect();
    files.sort();
    files
}

fn count_folders(items: &[Item]) -> usize {
    items
        .iter()
        .map(|item| match item {
            Item::Folder(folder) => 1 + count_folders(&folder.items),
            Item::Request(_) => 0,
        })
        .sum()
}

#[test]
fn every_real_collection_loads_with_the_expected_counts() {
    let files = corpus_files();
    for (stem, ..) in EXPECTED {
        let path = Path::new(CORPUS).join(format!("{stem}.postman_collection.json"));
        assert!(files.contains(&path), "{} is missing", path.display());
    }
    for path in &files {
        let (collection, warnings) = load_file(path).unwrap_or_else(|error| panic!("{error}"));
        // Nothing in the real files is skipped; the only warning allowed is the one about scripts.
        for warning in &warnings {
            assert!(
                warning.context.is_empty()
                    && warning.message.contains("scripts cannot be translated"),
                "{}: {warning}",
                path.display()
            );
        }
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        let Some(&(_, want_requests, want_examples, want_folders, want_schema)) = EXPECTED
            .iter()
            .find(|(stem, ..)| name == format!("{stem}.postman_collection.json"))
        else {
            continue;
        };
        let all = requests(&collection.items);
        let examples: usize = all.iter().map(|item| item.responses.len()).sum();
        assert_eq!(all.len(), want_requests, "requests in {name}");
        assert_eq!(examples, want_examples, "examples in {name}");
        assert_eq!(
            count_folders(&collection.items),
            want_folders,
            "folders in {name}"
        );
        assert_eq!(
            collection.schema_version.as_deref(),
            Some(want_schema),
            "schema of {name}"
        );
    }
}

fn load_corpus(stem: &str) -> crate::load::Collection {
    let path = Path::new(CORPUS).join(format!("{stem}.postman_collection.json"));
    load_file(&path).unwrap_or_else(|error| panic!("{error}")).0
}

#[test]
fn real_quirks_come_out_normalized() {
    // v2.0 string URLs with template variables as path parameters.
    let goto = load_corpus("gotowebinar");
    let string_url = requests(&goto.items)
        .into_iter()
        .find(|item| {
            item.request
                .url
                .raw
                .as_deref()
                .is_some_and(|raw| raw.starts_with("{{baseURL}}/organizers/{{organizerKey}}"))
        })
        .expect("a gotowebinar string URL");
    assert_eq!(string_url.request.url.host, ["{{baseURL}}"]);
    assert_eq!(
        string_url.request.url.path[..2],
        ["organizers", "{{organizerKey}}"]
    );

    // The msgraph request on http://localhost:5000 keeps its port.
    let graph = load_corpus("msgraph");
    assert!(
        requests(&graph.items)
            .iter()
            .any(|item| item.request.url.port.as_deref() == Some("5000"))
    );

    // todo: a numeric header value in an example.
    let todo = load_corpus("todo");
    let header_values: Vec<_> = requests(&todo.items)
        .iter()
        .flat_map(|item| &item.responses)
        .flat_map(|example| &example.headers)
        .filter(|h| h.key == "content-length")
        .filter_map(|h| h.value.clone())
        .collect();
    assert!(
        header_values.contains(&"3364".to_owned()),
        "{header_values:?}"
    );

    // starwars: GraphQL variables stored as a JSON string.
    let starwars = load_corpus("starwars-graphql");
    assert!(requests(&starwars.items).iter().all(|item| matches!(
        &item.request.body,
        Some(Body::GraphQl {
            variables: Some(serde_json::Value::String(_)),
            ..
        })
    )));

    // Zoom: 222 `oauth2` auths without params, and the collection auth.
    let zoom = load_corpus("zoom");
    assert_eq!(
        zoom.auth.as_ref().map(|auth| auth.kind.as_str()),
        Some("oauth2")
    );
}
