//! The corpus harness: every collection in `collections/` generated into a crate, all of them
//! built and linted with clippy `-D warnings`, and every JSON sample of every collection
//! deserialized into its generated type and serialized back to the same JSON; then every
//! operation with examples called against a mock of its collection, once per example (see
//! `calls.rs`).
//!
//! The build of all crates takes minutes, so that test is `#[ignore]`d and CI runs it on its own
//! (`cargo test -p postman-codegen --test corpus -- --ignored --nocapture`, see `.ci/run`);
//! `CORPUS_ONLY=library-api,pypnm` in the environment limits it to the collections named. The
//! other tests here only generate in memory and run with every `cargo test`.

mod calls;
mod collections;
mod held_out;
mod round_trip;
mod shapes;
mod support;
mod workspace;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use postman_codegen::output::{Writer, crate_files};
use serde_json::json;

use collections::{Bodies, entries, entry, generate, root, selected};
use workspace::{Workspace, write_if_changed};

#[test]
#[ignore = "builds every corpus crate (minutes); CI runs it with --ignored"]
fn corpus_compiles_and_round_trips() {
    let start = Instant::now();
    let entries = selected(entries());
    let mut workspace = Workspace::new(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus"));
    let support = root().join("generator/tests/corpus/support.rs");
    let support = support.canonicalize().unwrap_or(support);
    let mock_support = root().join("generator/tests/corpus/mock_support.rs");
    let mock_support = mock_support.canonicalize().unwrap_or(mock_support);
    let mut plans: BTreeMap<String, calls::Plan> = BTreeMap::new();
    let mut mock_collections = Vec::new();
    let mut problems = Vec::new();
    let (mut operations, mut bodies) = (0, Bodies::default());
    let mut expected_samples = BTreeMap::new();
    let mut held_out = 0;

    for entry in &entries {
        let generated = match generate(entry) {
            Ok(generated) => generated,
            Err(error) => {
                problems.push(format!("{}: generation failed: {error}", entry.stem));
                continue;
            }
        };
        let mut files = match crate_files(&generated.code, &entry.stem, &generated.source) {
            Ok(files) => files,
            Err(error) => {
                problems.push(format!("{}: printing failed: {error}", entry.stem));
                continue;
            }
        };
        if let Some(manifest) = files.get_mut(Path::new("Cargo.toml")) {
            *manifest = calls::with_dev_dependencies(manifest);
        }
        let dir = workspace.member_dir(&entry.stem);
        let mut writer = Writer::new(&dir);
        for (path, text) in &files {
            writer.file(path, text).expect("the crate can be written");
        }
        writer.finish().expect("the crate can be written");
        let mut samples = generated.code.samples.clone();
        let extra = held_out::samples(&entry.stem, &generated);
        held_out += extra.len();
        samples.extend(extra);
        let samples = &samples;
        let has_types = samples
            .iter()
            .any(|s| round_trip::type_key(s).contains("crate :: types ::"));
        let lib = entry.stem.replace('-', "_");
        let test = round_trip::test_file(
            &entry.stem,
            &lib,
            samples,
            has_types,
            &support,
            &mock_support,
        );
        write_if_changed(&dir.join("tests/round_trip.rs"), &test);
        let (calls_module, plan) = calls::test_module(&entry.stem, &lib, &generated);
        write_if_changed(&dir.join("tests/calls/mod.rs"), &calls_module);
        plans.insert(entry.stem.clone(), plan);
        mock_collections.push((
            entry.stem.clone(),
            entry.path.clone(),
            entry.overrides.clone(),
        ));
        write_if_changed(
            &dir.join("tests/samples.json"),
            &round_trip::samples_file(samples),
        );
        workspace.add_member(&entry.stem);
        operations += generated.api.operations.len();
        bodies.add(&Bodies::of(entry, &generated));
        expected_samples.insert(entry.stem.clone(), samples.len());
    }
    let generation = start.elapsed();
    workspace.write_manifest(&root().join("Cargo.lock"));

    let (lint_errors, clippy) = workspace.clippy();
    let members = workspace.members();
    for (member, errors) in &lint_errors {
        let shown: Vec<&str> = errors.iter().take(5).map(String::as_str).collect();
        problems.push(format!(
            "{member}: {} clippy errors, the first ones:\n{}",
            errors.len(),
            shown.join("\n")
        ));
    }
    let compiled = if clippy.success || !lint_errors.is_empty() {
        members
            .iter()
            .filter(|m| !lint_errors.contains_key(**m))
            .count()
    } else {
        problems.push(format!("cargo clippy failed:\n{}", tail(&clippy.stderr)));
        0
    };

    let (mocks, mock_errors) = calls::Mocks::start(mock_collections);
    problems.extend(mock_errors);
    let test = workspace.test(&mocks.urls);
    drop(mocks);
    let mut round_trips = 0;
    let mut call_reports: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    for line in test.stdout.lines() {
        if let Some(report) = after_marker(line, support::REPORT) {
            let fields: Vec<&str> = report.split_whitespace().collect();
            if let [name, passed, total] = fields[..] {
                let (passed, total): (usize, usize) =
                    (passed.parse().unwrap(), total.parse().unwrap());
                round_trips += passed;
                if expected_samples.get(name) != Some(&total) {
                    problems.push(format!(
                        "{name}: the test checked {total} samples, not {:?}",
                        expected_samples.get(name)
                    ));
                }
            }
        } else if let Some(miss) = after_marker(line, support::MISS) {
            problems.push(format!("round trip miss: {}", miss.trim()));
        } else if let Some(report) = after_marker(line, calls::REPORT) {
            let fields: Vec<&str> = report.split_whitespace().collect();
            if let [name, counts @ ..] = &fields[..] {
                let counts: Vec<usize> = counts.iter().filter_map(|c| c.parse().ok()).collect();
                if let Ok(counts) = <[usize; 5]>::try_from(counts) {
                    call_reports.insert((*name).to_owned(), counts);
                }
            }
        } else if let Some(miss) = after_marker(line, calls::MISS) {
            problems.push(format!("mock call miss: {}", miss.trim()));
        }
    }
    if !test.success && round_trips < bodies.samples() + held_out {
        problems.push(format!("cargo test failed:\n{}", tail(&test.stderr)));
    }

    let mut plan = calls::Plan::default();
    let mut reported = [0; 5];
    for (name, expected) in &plans {
        plan.add(expected);
        match call_reports.get(name) {
            Some(counts) => {
                for (sum, count) in reported.iter_mut().zip(counts) {
                    *sum += count;
                }
                let [called, _, success, _, error] = *counts;
                if (called, success, error) != (expected.called, expected.success, expected.error) {
                    problems.push(format!(
                        "{name}: the calls checked {called} operations, {success} success and {error} error examples, not {}, {} and {}",
                        expected.called, expected.success, expected.error
                    ));
                }
            }
            None => problems.push(format!("{name}: no report of the mock calls")),
        }
    }

    let total = entries.len();
    println!(
        "generated {}/{total}, compiled {compiled}/{total}, operations {operations}",
        members.len()
    );
    println!(
        "{} examples, {} round-trip, {} skipped (not JSON)",
        bodies.samples() + bodies.skipped(),
        round_trips.saturating_sub(held_out),
        bodies.skipped()
    );
    println!("  and {held_out} held-out responses (tests/fixtures/responses) round-trip too");
    println!(
        "  responses: {} JSON, {} declared JSON but invalid, {} text, {} without a status code (ignored), {} on 204/205 (no body by HTTP), {} placeholders of a declared media (bytes, HEAD); request bodies: {} JSON, {} declared JSON but invalid, {} text",
        bodies.response_json,
        bodies.response_invalid,
        bodies.response_text,
        bodies.response_without_status,
        bodies.response_no_content,
        bodies.response_declared,
        bodies.request_json,
        bodies.request_invalid,
        bodies.request_text
    );
    println!(
        "operations called {}, success examples decoded {}/{}, error examples matched {}/{}",
        reported[0], reported[1], plan.success, reported[3], plan.error
    );
    println!(
        "  not called: {} examples with invalid JSON bodies, {} repeating an earlier example's status and name, {} served for an earlier item of the same route, {} redirects reqwest follows, {} operations:",
        plan.invalid_json,
        plan.duplicate,
        plan.shadowed,
        plan.redirects,
        plan.not_called.len()
    );
    for reason in &plan.not_called {
        println!("    {reason}");
    }
    println!(
        "took {:.0?}: generation {generation:.0?}, clippy {:.0?}, build and round trips {:.0?}",
        start.elapsed(),
        clippy.took,
        test.took
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(members.len(), total, "every collection generates");
    assert_eq!(compiled, total, "every crate compiles without warnings");
    assert_eq!(
        round_trips,
        bodies.samples() + held_out,
        "every JSON sample and held-out response round-trips"
    );
    assert_eq!(
        reported[0], plan.called,
        "every planned operation is called"
    );
    assert_eq!(
        (reported[1], reported[3]),
        (plan.success, plan.error),
        "every example comes back as documented"
    );
}

/// The last lines of a command's output, for a failure message.
fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

#[test]
fn every_collection_generates_and_every_json_body_is_a_sample() {
    let entries = entries();
    assert_eq!(
        entries.len(),
        18,
        "the corpus has 16 JSON collections and 2 v3 collection folders"
    );
    for entry in &entries {
        let generated = generate(entry).unwrap_or_else(|e| panic!("{}: {e}", entry.stem));
        let bodies = Bodies::of(entry, &generated);
        assert_eq!(
            generated.code.samples.len(),
            bodies.samples(),
            "{}: every JSON example and request body is a sample of a type",
            entry.stem
        );
    }
}

#[test]
fn fastly_warns_once_per_invalid_json_example_and_falls_back_to_value() {
    let entry = entry("fastly");
    let generated = generate(&entry).unwrap();
    let warnings: Vec<_> = generated
        .warnings
        .iter()
        .filter(|w| w.message.contains("is declared JSON but does not parse"))
        .collect();
    assert_eq!(warnings.len(), 24, "{warnings:#?}");
    assert_eq!(Bodies::of(&entry, &generated).response_invalid, 24);
    // "Create a star" has one 200 example, and it does not parse: the warning names the item,
    // and the operation returns the raw fallback.
    let star = warnings
        .iter()
        .find(|w| w.context == "Account/Star/Create a star")
        .expect("a warning names the item");
    assert!(star.message.contains("trailing comma"), "{}", star.message);
    let operation = generated
        .api
        .operations
        .iter()
        .find(|op| op.name == "Create a star")
        .unwrap();
    let account = generated
        .code
        .modules
        .iter()
        .find(|m| m.name == "operations")
        .and_then(|m| m.children.iter().find(|c| c.name == "account"))
        .expect("the account operations");
    let file: syn::File = syn::parse2(account.items.clone()).unwrap();
    let text = prettyplease::unparse(&file);
    let signature = text
        .split(&format!("fn {}(", operation.fn_name))
        .nth(1)
        .and_then(|rest| rest.split("{\n").next())
        .expect("the operation's signature");
    let compact: String = signature.split_whitespace().collect();
    assert!(
        compact.contains("Pending<'_,::serde_json::Value,"),
        "{signature}"
    );
}

#[test]
fn github_has_one_struct_per_kind_of_object() {
    let generated = generate(&entry("github-v3")).unwrap();
    let (structs, duplicates) = shapes::structs(&generated);
    let distinct = shapes::distinct_object_shapes(&generated);
    println!("github-v3: {structs} structs, {distinct} distinct object shapes");
    assert!(
        duplicates.is_empty(),
        "structs with equal fields:\n{}",
        duplicates.join("\n")
    );
    // Shapes of one kind of object (a user with or without `site_admin`, in any key order)
    // are one struct.
    assert!(
        structs < distinct,
        "{structs} structs for {distinct} shapes"
    );
    assert!(structs > 100, "github-v3 has many kinds of objects");
    // The user object, whatever key it appears under.
    let types = generated
        .code
        .modules
        .iter()
        .find(|m| m.name == "types")
        .unwrap()
        .items
        .to_string();
    for key in ["owner", "user", "author", "assignee"] {
        let field = format!("pub {key} : Option < Owner >");
        assert!(types.contains(&field), "{field}");
    }
}

/// Which objects are one kind, and their names, come from the samples, not from where the
/// items stand in the collection.
#[test]
fn types_do_not_depend_on_the_order_of_the_items() {
    fn reverse(items: &mut serde_json::Value) {
        if let Some(items) = items.as_array_mut() {
            items.reverse();
            for folder in items.iter_mut().filter_map(|item| item.get_mut("item")) {
                reverse(folder);
            }
        }
    }
    let original = entry("github-v3");
    let mut collection: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&original.path).unwrap()).unwrap();
    reverse(&mut collection["item"]);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("reversed");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("github-v3.postman_collection.json");
    std::fs::write(&path, collection.to_string()).unwrap();
    let reversed = collections::Entry {
        path,
        ..entry("github-v3")
    };
    let types = |entry: &collections::Entry| {
        let generated = generate(entry).unwrap();
        let module = generated.code.modules.iter().find(|m| m.name == "types");
        module.unwrap().items.to_string()
    };
    assert!(types(&original) == types(&reversed), "the types differ");
}

#[test]
fn same_compares_numbers_as_numbers_and_allows_dropped_nulls() {
    let same = |a, b| support::same(&a, &b, "$");
    assert!(
        same(
            json!({"a": 5, "b": [1, 2.5]}),
            json!({"a": 5.0, "b": [1.0, 2.5]})
        )
        .is_ok()
    );
    assert!(same(json!({"a": null, "b": 1}), json!({"b": 1})).is_ok());
    assert!(same(json!({"b": 1}), json!({"a": null, "b": 1})).is_ok());
    assert!(same(json!(u64::MAX), json!(u64::MAX)).is_ok());
    let fails = [
        (json!({"a": 1}), json!({})),
        (json!({"a": 1}), json!({"a": 1, "b": 2})),
        (json!({"a": 1}), json!({"a": null})),
        (json!([1, 2]), json!([1])),
        (json!("1"), json!(1)),
        (json!(1.5), json!(1)),
        (json!(u64::MAX), json!(u64::MAX - 1)),
    ];
    for (original, back) in fails {
        assert!(
            same(original.clone(), back.clone()).is_err(),
            "{original} vs {back}"
        );
    }
    assert_eq!(
        same(json!({"a": [{"b": 1}]}), json!({"a": [{"b": 2}]})),
        Err("$.a[0].b: 1 came back as 2".to_owned())
    );
}

#[test]
fn run_checks_each_sample_with_its_type() {
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Point {
        x: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
    }
    fn check_as(ty: &str, json: &str) -> Option<Result<(), String>> {
        match ty {
            "Point" => Some(support::check::<Point>(json)),
            _ => None,
        }
    }
    let sample = |ty: &str, json: &str| support::SampleEntry {
        item: "item".into(),
        place: "request body".into(),
        ty: ty.into(),
        json: json.into(),
    };
    let samples = serde_json::to_string(&[
        sample("Point", r#"{"x": 1}"#),
        sample("Point", r#"{"x": 1.5, "label": null}"#),
        sample("Point", r#"{"x": 1, "extra": true}"#),
        sample("Point", r#"{"label": "no x"}"#),
        sample("Line", r#"{}"#),
    ])
    .unwrap();
    let misses = support::run("test", &samples, check_as);
    assert_eq!(misses.len(), 3, "{misses:#?}");
    assert!(misses[0].contains("$.extra: dropped"), "{}", misses[0]);
    assert!(misses[1].contains("does not deserialize"), "{}", misses[1]);
    assert!(misses[2].contains("no type `Line`"), "{}", misses[2]);
}

/// The text after `marker` in a line of the crates' test output. Not only at the start: libtest
/// prints `test name ... ` and its verdict apart, so a line another test thread prints in
/// between lands after that prefix on the same line.
fn after_marker<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    line.find(marker).map(|at| &line[at + marker.len()..])
}
