//! What the benchmarks share: the inputs (real collections and synthetic ones written to a
//! temporary folder) and the pipeline split into the stages the library exposes.
#![allow(dead_code)] // each bench target uses a different part

pub mod synth;

use std::path::{Path, PathBuf};

use std::borrow::Cow;

use postman_codegen::emit::Code;
use postman_codegen::load::Collection;
use postman_codegen::model::Api;
use postman_codegen::output::Files;
use postman_codegen::overrides::Overrides;
use postman_codegen::plan::{ApiPlan, Options};

/// One benchmark input: a collection file and its overrides.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub path: PathBuf,
    pub overrides: Option<PathBuf>,
    /// Request items, for the scaling check (0 for real collections: not compared).
    pub requests: usize,
}

/// The real collections the issue names, with the overrides a user would pass (Zoom's).
pub fn real() -> Vec<Input> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../collections");
    [
        ("zoom", Some("zoom.overrides.toml")),
        ("github-v3", None),
        ("commercetools", None),
    ]
    .into_iter()
    .map(|(name, overrides)| Input {
        name: name.to_owned(),
        path: dir.join(format!("{name}.postman_collection.json")),
        overrides: overrides.map(|file| dir.join(file)),
        requests: 0,
    })
    .collect()
}

/// The synthetic collection sizes: `SYNTH_SIZES=1000,10000` overrides the default 1k, 10k and
/// 50k (the 50k one takes minutes under criterion on a 2-core machine).
pub fn synthetic_sizes() -> Vec<usize> {
    match std::env::var("SYNTH_SIZES") {
        Ok(list) => list
            .split(',')
            .filter_map(|size| size.trim().parse().ok())
            .collect(),
        Err(_) => vec![1_000, 10_000, 50_000],
    }
}

/// The synthetic collection of `requests` requests, written once under cargo's temporary folder
/// for benches (rewritten only when its content would differ, i.e. when the generator changed).
pub fn synthetic(requests: usize) -> Input {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("synthetic-collections");
    std::fs::create_dir_all(&dir).expect("create the synthetic collection folder");
    let path = dir.join(format!("synthetic-{requests}.postman_collection.json"));
    let text = synth::collection(requests);
    if std::fs::read(&path).map_or(true, |old| old != text.as_bytes()) {
        std::fs::write(&path, text).expect("write the synthetic collection");
    }
    Input {
        name: format!("synthetic-{}k", requests / 1000),
        path,
        overrides: None,
        requests,
    }
}

impl Input {
    pub fn overrides(&self) -> Overrides {
        match &self.overrides {
            Some(path) => Overrides::load(path).expect("load the overrides"),
            None => Overrides::default(),
        }
    }

    pub fn size(&self) -> u64 {
        std::fs::metadata(&self.path)
            .expect("stat the collection")
            .len()
    }
}

/// The stages, each taking the previous one's result by reference, so a benchmark can time one
/// stage on a prepared input without cloning it.
pub fn parse_value(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("the collection is JSON")
}

/// Loads through `load_str`, which has no size limit, so that a synthetic collection larger than
/// what the CLI and `Config` accept (`load::MAX_FILE_SIZE`) can still be measured stage by stage.
pub fn load(path: &Path) -> Collection {
    let text = std::fs::read_to_string(path).expect("read the collection");
    postman_codegen::load::load_str(&text, path)
        .expect("the collection loads")
        .0
}

pub fn model(collection: &Collection, overrides: &Overrides) -> Api {
    postman_codegen::model::build(collection, overrides).0
}

/// The model as `Config` builds it: consuming the collection.
pub fn model_owned(collection: Collection, overrides: &Overrides) -> Api {
    postman_codegen::model::build_owned(collection, overrides).0
}

/// The plan: every body inferred, every operation planned.
pub fn plan(api: &Api, overrides: &Overrides) -> ApiPlan {
    let options = Options {
        type_overrides: &overrides.types,
        ..Options::default()
    };
    postman_codegen::plan::plan(Cow::Borrowed(api), &options)
}

/// Inference, planning and emission.
pub fn emit(api: &Api, overrides: &Overrides) -> Code {
    postman_codegen::emit::emit(plan(api, overrides))
}

/// Inference, planning, emission and printing together, as `Config::crate_files` runs them:
/// each module is printed as soon as it is emitted, the model and the plan consumed on the way.
pub fn emit_print(api: Api, overrides: &Overrides) -> Files {
    let options = Options {
        type_overrides: &overrides.types,
        ..Options::default()
    };
    let plan = postman_codegen::plan::plan(Cow::Owned(api), &options);
    postman_codegen::output::plan_crate_files(plan, "synthetic-api", "bench.json")
        .expect("the generated code parses")
}

pub fn format(code: &Code) -> Files {
    postman_codegen::output::crate_files(code, "synthetic-api", "bench.json")
        .expect("the generated code parses")
}

/// The whole pipeline as the CLI's `generate` runs it (`Config::write_crate_reporting`), the
/// crate written to a temporary folder: each file is written as soon as it is printed, so this
/// and not [`pipeline`] (which keeps every file's text) is the memory a user's run takes. A file
/// over `load::MAX_FILE_SIZE`, which `Config` refuses, goes through [`pipeline`] instead.
pub fn pipeline_write(input: &Input) {
    if input.size() > postman_codegen::load::MAX_FILE_SIZE {
        std::hint::black_box(pipeline(input));
        return;
    }
    let mut config = postman_codegen::Config::new();
    config.cargo_warnings(false).emit_rerun_if_changed(false);
    if let Some(overrides) = &input.overrides {
        config.overrides(overrides);
    }
    let out = tempfile::tempdir().expect("a temporary folder");
    config
        .write_crate(&input.path, out.path())
        .expect("the collection generates");
}

/// The whole pipeline as `generate` runs it (through `Config`), minus writing the files. A file
/// over `load::MAX_FILE_SIZE`, which `Config` refuses, goes through the stages above instead,
/// freeing what `Config` frees when it does.
pub fn pipeline(input: &Input) -> Files {
    if input.size() > postman_codegen::load::MAX_FILE_SIZE {
        let overrides = input.overrides();
        let api = model_owned(load(&input.path), &overrides);
        let mut code = emit(&api, &overrides);
        drop(api);
        drop(std::mem::take(&mut code.samples));
        return format(&code);
    }
    let mut config = postman_codegen::Config::new();
    config.cargo_warnings(false).emit_rerun_if_changed(false);
    if let Some(overrides) = &input.overrides {
        config.overrides(overrides);
    }
    config
        .crate_files(&input.path)
        .expect("the collection generates")
        .output
}
