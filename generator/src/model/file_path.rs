//! Formdata fields declared `text` that hold a file.
//!
//! Converters from OpenAPI to Postman write a `format: binary` property as a formdata field of
//! type `text` with a placeholder value, keeping the schema's description: Zoom's uploads say
//! "Provide the file's path here.", "The virtual background's file path.", "(Required) The file's
//! path.". Such a field is what Postman would send as a file from that path, so the generated
//! client sends a file part there.
//!
//! The test is on the whole description, not on words in it: a description that *is* "(the)
//! file path" or "path of/to the file", give or take a requirement marker, an imperative
//! ("Provide … here") and a few words naming the file ("The virtual background's file path").
//! Longer text that mentions a file path ("Only commits containing this file path will be
//! returned.") describes something else.

use crate::naming::words::title_words;

/// At most this many words name the file in "the {…} file path" / "path of the {…} file".
const MAX_QUALIFIERS: usize = 3;

/// Whether a field's `description` says the field holds the path of a file to send.
pub fn holds_file_path(description: &str) -> bool {
    let words: Vec<String> = title_words(description)
        .into_iter()
        .map(|word| word.to_ascii_lowercase())
        .collect();
    let mut words: &[String] = &words;
    // "(Required)", "required.", "Optional:" …
    if let [first, rest @ ..] = words {
        if matches!(first.as_str(), "required" | "optional") {
            words = rest;
        }
    }
    // "Provide the file's path here."
    if let [first, rest @ ..] = words {
        if matches!(
            first.as_str(),
            "provide" | "enter" | "specify" | "give" | "set"
        ) {
            words = rest;
        }
    }
    if let [rest @ .., last] = words {
        if last == "here" {
            words = rest;
        }
    }
    let words: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|word| !matches!(*word, "the" | "a" | "an" | "your"))
        .collect();
    let names_the_file = |qualifiers: &[&str]| {
        qualifiers.len() <= MAX_QUALIFIERS
            && !qualifiers.iter().any(|word| {
                matches!(
                    *word,
                    "of" | "to" | "for" | "in" | "on" | "or" | "and" | "with" | "from" | "this"
                )
            })
    };
    match words.as_slice() {
        // "{…} file path"
        [qualifiers @ .., "file", "path"] => names_the_file(qualifiers),
        // "path of/to {…} file"
        ["path", "of" | "to", qualifiers @ .., "file"] => names_the_file(qualifiers),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phrasings_of_converted_collections() {
        for description in [
            "Provide the file's path here.",
            "The virtual background's file path.",
            "(Required) The file's path. ",
            "The file path",
            "file path",
            "Required. Path to the file.",
            "Path of the image file",
            "Enter your file's path here",
            "(Optional) The profile picture's file path.",
        ] {
            assert!(holds_file_path(description), "{description:?}");
        }
    }

    #[test]
    fn descriptions_that_mention_paths_are_not_files() {
        for description in [
            "Only commits containing this file path will be returned.",
            "Specify the file path or directory in `:path`.",
            "The path of the request.",
            "Path",
            "URL of the source file. Must be a String.",
            "File name for generated output.",
            "Determine whether a viewer can download the recording file or not.",
            "The file",
            "The path to the folder of the recording file",
            "Provide the path here.",
            "A file path, a URL or a base64 string of the source document.",
            "",
        ] {
            assert!(!holds_file_path(description), "{description:?}");
        }
    }

    /// Every description of the corpus: the fields recognised are exactly the upload fields of
    /// Zoom and its seed; no query parameter, header, path variable, urlencoded field or other
    /// formdata field (which `formdata_as_json` turns into JSON members) is.
    #[test]
    fn the_corpus_upload_fields_and_nothing_else() {
        use crate::load::{Body, Item, load_file};

        fn walk(items: &[Item], path: &mut Vec<String>, found: &mut Vec<String>, seen: &mut usize) {
            for item in items {
                let request = match item {
                    Item::Folder(folder) => {
                        path.push(folder.name.clone());
                        walk(&folder.items, path, found, seen);
                        path.pop();
                        continue;
                    }
                    Item::Request(request) => request,
                };
                let at = format!("{}/{}", path.join("/"), request.name);
                let r = &request.request;
                let mut described: Vec<(&str, &str, Option<&str>)> = Vec::new();
                for q in &r.url.query {
                    described.push(("query", &q.key, q.description.as_deref()));
                }
                for v in &r.url.variables {
                    described.push(("path", &v.key, v.description.as_deref()));
                }
                for h in &r.headers {
                    described.push(("header", &h.key, h.description.as_deref()));
                }
                match &r.body {
                    Some(Body::UrlEncoded(fields)) => {
                        for f in fields {
                            described.push(("urlencoded", &f.key, f.description.as_deref()));
                        }
                    }
                    Some(Body::FormData(fields)) => {
                        for f in fields.iter().filter(|f| !f.is_file) {
                            described.push(("formdata", &f.key, f.description.as_deref()));
                        }
                    }
                    _ => {}
                }
                for (kind, key, description) in described {
                    let Some(description) = description else {
                        continue;
                    };
                    *seen += 1;
                    if holds_file_path(description) {
                        found.push(format!("{kind} {key} in {at}"));
                    }
                }
            }
        }

        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../collections");
        let mut found = Vec::new();
        let mut seen = 0;
        let mut names: Vec<_> = std::fs::read_dir(&corpus)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.to_string_lossy().ends_with(".postman_collection.json"))
            .collect();
        names.sort();
        for path in names {
            let (collection, _) = load_file(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let mut here = Vec::new();
            walk(&collection.items, &mut Vec::new(), &mut here, &mut seen);
            found.extend(here.into_iter().map(|f| format!("{name}: {f}")));
        }
        assert!(seen > 3_000, "{seen} descriptions read");
        assert_eq!(
            found,
            [
                "zoom-seed.postman_collection.json: formdata file in accounts/{account Id}/settings/virtual backgrounds/Upload virtual background files",
                "zoom-seed.postman_collection.json: formdata file in groups/{group Id}/settings/virtual backgrounds/Upload virtual background files",
                "zoom.postman_collection.json: formdata file in accounts/{account Id}/settings/virtual backgrounds/Upload virtual background files",
                "zoom.postman_collection.json: formdata file in groups/{group Id}/settings/virtual backgrounds/Upload virtual background files",
                "zoom.postman_collection.json: formdata file in users/{user Id}/settings/virtual backgrounds/Upload virtual background file",
                "zoom.postman_collection.json: formdata pic_file in users/{user Id}/Upload a user's profile picture",
            ]
        );
    }
}
