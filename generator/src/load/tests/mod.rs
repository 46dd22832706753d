//! Loader tests: small inline collections for each format variant, the error messages, and the
//! real collections in `collections/`.

mod corpus;
mod errors;
mod variants;

use std::path::Path;

use super::{Collection, Item, RequestItem, load_str};
use crate::{Error, Warning};

/// Loads `text` named `test.json`, panicking with the error if it fails.
fn load_ok(text: &str) -> (Collection, Vec<Warning>) {
    match load_str(text, Path::new("test.json")) {
        Ok(loaded) => loaded,
        Err(error) => panic!("load failed: {error}"),
    }
}

/// Loads `text`, expecting an `Error::Invalid`; returns its rendered form for assertions.
fn load_err(text: &str) -> (Error, String) {
    match load_str(text, Path::new("test.json")) {
        Ok((collection, _)) => panic!("expected an error, loaded {:?}", collection.name),
        Err(error) => {
            let shown = error.to_string();
            (error, shown)
        }
    }
}

/// A v2.1 collection around the given top-level `item` array text.
fn collection_with_items(items: &str) -> String {
    format!(
        r#"{{"info": {{"name": "T", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
            "item": {items}}}"#
    )
}

/// The request items of a collection, depth first.
fn requests(items: &[Item]) -> Vec<&RequestItem> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Folder(folder) => out.extend(requests(&folder.items)),
            Item::Request(request) => out.push(request.as_ref()),
        }
    }
    out
}

/// The single request of a one-request collection.
fn only_request(items: &str) -> RequestItem {
    let (collection, warnings) = load_ok(&collection_with_items(items));
    assert!(warnings.is_empty(), "unexpected warnings: {warnings:?}");
    let all = requests(&collection.items);
    assert_eq!(all.len(), 1);
    all[0].clone()
}
