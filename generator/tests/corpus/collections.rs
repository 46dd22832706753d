//! The corpus: which collections, how each is generated, and what its example bodies are.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use postman_codegen::infer::media::{Media, declared_success};
use postman_codegen::load::{self, Item};
use postman_codegen::model::{ExampleContent, RequestBody};
use postman_codegen::{Config, Generated};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// One collection of the corpus.
pub struct Entry {
    /// File name without `.postman_collection.json`, or the folder name of a v3 collection;
    /// also the generated crate's name.
    pub stem: String,
    /// The collection file, or the v3 collection folder.
    pub path: PathBuf,
    /// `{stem}.overrides.toml` beside it, when there is one.
    pub overrides: Option<PathBuf>,
}

/// Every collection in `collections/`, by name: the JSON files, and the v3 collection folders
/// in `collections/v3/`. `invalid/` is a folder of its own, so the glob does not reach it;
/// `zoom-seed` is left out because it is an excerpt of `zoom` (the golden tests build it).
pub fn entries() -> Vec<Entry> {
    const SUFFIX: &str = ".postman_collection.json";
    let dir = root().join("collections");
    let mut entries: Vec<Entry> = std::fs::read_dir(&dir)
        .expect("collections/ is readable")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let stem = path.file_name()?.to_str()?.strip_suffix(SUFFIX)?.to_owned();
            Some(entry_at(&dir, stem, path))
        })
        .filter(|entry| entry.stem != "zoom-seed")
        .collect();
    let v3 = dir.join("v3");
    entries.extend(
        std::fs::read_dir(&v3)
            .expect("collections/v3/ is readable")
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let stem = path.file_name()?.to_str()?.to_owned();
                load::v3::is_collection_dir(&path).then(|| entry_at(&v3, stem, path))
            }),
    );
    entries.sort_by(|a, b| a.stem.cmp(&b.stem));
    entries
}

fn entry_at(dir: &Path, stem: String, path: PathBuf) -> Entry {
    let overrides = dir.join(format!("{stem}.overrides.toml"));
    Entry {
        overrides: overrides.is_file().then_some(overrides),
        stem,
        path,
    }
}

/// The entries the environment variable `CORPUS_ONLY` names (comma-separated stems, such as
/// `CORPUS_ONLY=todo,library-api`), or all of them when it is unset; for a quicker run on a few
/// collections.
pub fn selected(entries: Vec<Entry>) -> Vec<Entry> {
    let Ok(only) = std::env::var("CORPUS_ONLY") else {
        return entries;
    };
    let names: Vec<&str> = only.split(',').map(str::trim).collect();
    let chosen: Vec<Entry> = entries
        .into_iter()
        .filter(|entry| names.contains(&entry.stem.as_str()))
        .collect();
    assert!(!chosen.is_empty(), "CORPUS_ONLY={only} names no collection");
    chosen
}

/// The named collection.
pub fn entry(stem: &str) -> Entry {
    entries()
        .into_iter()
        .find(|entry| entry.stem == stem)
        .unwrap_or_else(|| panic!("the collection {stem} is missing from collections/"))
}

/// Generates `entry` in memory, the crate named after the file. A panic is reported like an
/// error, so one broken collection does not hide how the others fare.
pub fn generate(entry: &Entry) -> Result<Generated, String> {
    let mut config = Config::new();
    // The round trips deserialize every sample into its type and serialize it back, request
    // bodies included: both directions on every type.
    config.crate_name(&entry.stem).serde_both_ways(true);
    if let Some(overrides) = &entry.overrides {
        config.overrides(overrides);
    }
    match catch_unwind(AssertUnwindSafe(|| config.generate(&entry.path))) {
        Ok(Ok(generated)) => Ok(generated),
        Ok(Err(error)) => Err(error.to_string()),
        Err(panic) => Err(format!(
            "the generator panicked: {}",
            panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)")
        )),
    }
}

/// The example and request bodies of one collection, by what they are.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Bodies {
    /// Example response bodies that are JSON: each is a sample of a type.
    pub response_json: usize,
    /// Example response bodies declared JSON that do not parse.
    pub response_invalid: usize,
    /// Example response bodies that are text (XML, HTML, plain text).
    pub response_text: usize,
    /// Non-empty example response bodies of examples with no status code, which are ignored.
    pub response_without_status: usize,
    /// Placeholder bodies saved for 204/205, statuses that carry no body: not typed.
    pub response_no_content: usize,
    /// Success examples of operations whose declared media says otherwise (an `Accept` for a
    /// PDF, a HEAD request): placeholders, not typed.
    pub response_declared: usize,
    /// Raw JSON request bodies that parse: each is a sample of a type.
    pub request_json: usize,
    /// Raw request bodies declared JSON that do not parse.
    pub request_invalid: usize,
    /// Raw request bodies that are text (XML, plain text).
    pub request_text: usize,
}

impl Bodies {
    /// The bodies of `generated`, whose collection is `entry`.
    pub fn of(entry: &Entry, generated: &Generated) -> Bodies {
        let mut bodies = Bodies::default();
        let mut in_model = 0;
        for operation in &generated.api.operations {
            // Any media: only whether the operation's declarations decide its success.
            let declared = declared_success(operation, Media::Json).is_some();
            for group in &operation.responses {
                for example in &group.examples {
                    match &example.body {
                        ExampleContent::Empty => continue,
                        _ if matches!(group.status, 204 | 205) => bodies.response_no_content += 1,
                        _ if declared && group.is_success() => bodies.response_declared += 1,
                        ExampleContent::Json(_) => bodies.response_json += 1,
                        ExampleContent::InvalidJson(_) => bodies.response_invalid += 1,
                        ExampleContent::Text(_) => bodies.response_text += 1,
                    }
                    in_model += 1;
                }
            }
            match &operation.body {
                RequestBody::Json { sample: Some(_) } => bodies.request_json += 1,
                RequestBody::Json { sample: None } => bodies.request_invalid += 1,
                RequestBody::Text { .. } => bodies.request_text += 1,
                _ => {}
            }
        }
        bodies.response_without_status = non_empty_examples(&entry.path) - in_model;
        bodies
    }

    /// Bodies that are samples of a type.
    pub fn samples(&self) -> usize {
        self.response_json + self.request_json
    }

    /// Bodies that cannot be samples: not JSON, or ignored.
    pub fn skipped(&self) -> usize {
        self.response_invalid
            + self.response_text
            + self.response_without_status
            + self.response_no_content
            + self.response_declared
            + self.request_invalid
            + self.request_text
    }

    /// Adds `other` to these counts.
    pub fn add(&mut self, other: &Bodies) {
        self.response_json += other.response_json;
        self.response_no_content += other.response_no_content;
        self.response_declared += other.response_declared;
        self.response_invalid += other.response_invalid;
        self.response_text += other.response_text;
        self.response_without_status += other.response_without_status;
        self.request_json += other.request_json;
        self.request_invalid += other.request_invalid;
        self.request_text += other.request_text;
    }
}

/// The example responses of the collection file with a body that is not blank, counted from the
/// loaded file rather than the model, which leaves out examples it ignores.
fn non_empty_examples(path: &Path) -> usize {
    fn count(items: &[Item]) -> usize {
        items
            .iter()
            .map(|item| match item {
                Item::Folder(folder) => count(&folder.items),
                Item::Request(request) => request
                    .responses
                    .iter()
                    .filter(|e| e.body.as_deref().is_some_and(|b| !b.trim().is_empty()))
                    .count(),
            })
            .sum()
    }
    let (collection, _) = load::load_path(path).expect("the collection loads");
    count(&collection.items)
}
