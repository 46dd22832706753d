//! Criterion timings of each pipeline stage: `cargo bench -p postman-codegen --bench stages`.
//!
//! For every input (zoom, github-v3, commercetools, synthetic 1k/10k/50k) it times
//! `serde_json_value` (parsing the file into a `serde_json::Value`, the yardstick of the issue),
//! `load`, `model`, `infer_emit` (inference runs inside emission), `format` (syn + prettyplease
//! into the crate's files, from the whole `Code`) and `total` (the pipeline as `Config` runs
//! it, printing each module as soon as it is emitted), then prints total / serde_json_value
//! from criterion's own mean estimates. `SYNTH_SIZES=1000,10000` skips the slow 50k input. The pass/miss check
//! of the targets, with CPU times and peak memory, is the `targets` bench.

mod support;

// As the CLI allocates (src/bin/postman-codegen/main.rs): glibc's allocator makes large runs
// superlinear, and the CLI is how large collections are generated.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput};
use support::Input;

fn bench_input(c: &mut Criterion, input: &Input) {
    let text = std::fs::read_to_string(&input.path).expect("read the collection");
    let size = text.len() as u64;
    let overrides = input.overrides();
    let mut group = c.benchmark_group(&input.name);
    group.throughput(Throughput::Bytes(size));
    // Large inputs take seconds per iteration; criterion's minimum of 10 samples is plenty.
    if size > 8_000_000 {
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(20));
    } else {
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(8));
    }
    // `iter_batched` drops each result outside the timing: freeing a large `Value` or `Code`
    // is real work, but it is not the stage being measured.
    group.bench_function("serde_json_value", |b| {
        b.iter_batched(
            || (),
            |()| support::parse_value(&text),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("load", |b| {
        b.iter_batched(
            || (),
            |()| support::load(&input.path),
            BatchSize::PerIteration,
        )
    });
    let collection = support::load(&input.path);
    group.bench_function("model", |b| {
        b.iter_batched(
            || (),
            |()| support::model(&collection, &overrides),
            BatchSize::PerIteration,
        )
    });
    let api = support::model(&collection, &overrides);
    drop(collection);
    group.bench_function("infer_emit", |b| {
        b.iter_batched(
            || (),
            |()| support::emit(&api, &overrides),
            BatchSize::PerIteration,
        )
    });
    let code = support::emit(&api, &overrides);
    group.bench_function("format", |b| {
        b.iter_batched(|| (), |()| support::format(&code), BatchSize::PerIteration)
    });
    drop((api, code));
    group.bench_function("total", |b| {
        b.iter_batched(
            || (),
            |()| support::pipeline(input),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Criterion's mean estimate, in seconds, from the JSON file it writes for a benchmark.
fn mean_seconds(dir: &Path, group: &str, function: &str) -> Option<f64> {
    let path = dir.join(group).join(function).join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(value["mean"]["point_estimate"].as_f64()? / 1e9)
}

fn main() {
    // Criterion's own folder is found by asking cargo; naming it (with a setter criterion keeps
    // for tests) tells this program where to read the estimates back for the ratio table.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../criterion");
    let mut criterion = Criterion::default()
        .output_directory(&dir)
        .configure_from_args();
    let mut inputs = support::real();
    inputs.extend(
        support::synthetic_sizes()
            .into_iter()
            .map(support::synthetic),
    );
    for input in &inputs {
        bench_input(&mut criterion, input);
    }
    criterion.final_summary();

    println!("\nmean times (criterion), and total / serde_json_value (target <= 4x):");
    println!(
        "{:<16} {:>10} {:>9} {:>9} {:>10} {:>9} {:>9} {:>7}",
        "input", "json Value", "load", "model", "infer_emit", "format", "total", "ratio"
    );
    for input in &inputs {
        let stage = |name| mean_seconds(&dir, &input.name, name);
        let columns = [
            "serde_json_value",
            "load",
            "model",
            "infer_emit",
            "format",
            "total",
        ]
        .map(|name| stage(name).map_or("-".to_owned(), |s| format!("{:.1}ms", s * 1e3)));
        let ratio = match (stage("total"), stage("serde_json_value")) {
            (Some(total), Some(parse)) => format!("{:.2}x", total / parse),
            _ => "-".to_owned(),
        };
        println!(
            "{:<16} {:>10} {:>9} {:>9} {:>10} {:>9} {:>9} {:>7}",
            input.name,
            columns[0],
            columns[1],
            columns[2],
            columns[3],
            columns[4],
            columns[5],
            ratio
        );
    }
}
