//! The naming rules on every title of the collections in `collections/`: no possessive `_s_`,
//! no acronym split into letters, no markup, no name over its budget; and names that do not
//! depend on the order of the items.

use std::collections::BTreeMap;

use super::budget::{FUNCTION_BUDGET, MODULE_BUDGET, fitting};
use super::module_name;
use super::operations::{NameRequest, operation_names};
use crate::load::{Item, load_file};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../collections");

/// `(folder path, title, method)` of every request item of one collection, in file order.
type Titles = Vec<(Vec<String>, String, String)>;

fn corpus() -> BTreeMap<String, Titles> {
    let mut collections = BTreeMap::new();
    for entry in std::fs::read_dir(CORPUS).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".postman_collection.json") {
            continue;
        }
        let (collection, _) = load_file(&path).unwrap();
        let mut titles = Vec::new();
        collect(&collection.items, &mut Vec::new(), &mut titles);
        collections.insert(name, titles);
    }
    assert!(collections.len() >= 15, "the corpus is in {CORPUS}");
    collections
}

fn collect(items: &[Item], folders: &mut Vec<String>, out: &mut Titles) {
    for item in items {
        match item {
            Item::Folder(folder) => {
                folders.push(folder.name.clone());
                collect(&folder.items, folders, out);
                folders.pop();
            }
            Item::Request(request) => out.push((
                folders.clone(),
                request.name.clone(),
                request.request.method.clone(),
            )),
        }
    }
}

fn names(titles: &Titles) -> Vec<String> {
    let requests: Vec<NameRequest<'_>> = titles
        .iter()
        .map(|(folder_path, name, method)| NameRequest {
            folder_path,
            name,
            method,
            rename: None,
        })
        .collect();
    operation_names(&requests)
        .into_iter()
        .map(|(fn_name, _)| fn_name)
        .collect()
}

/// Title tokens written as acronyms or with inner capitals (`IPs`, `QoS`, `OAuth`, `H.323`), with
/// the words a case-conversion crate splits them into (`i_ps`, `qo_s`, `o_auth`, `h_323`).
fn acronyms(title: &str) -> Vec<(String, String)> {
    title
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .map(|token| token.trim_matches('.'))
        .filter(|token| {
            let inner_capital = token.chars().skip(1).any(|c| c.is_ascii_uppercase());
            let has_lower = token.chars().any(|c| c.is_ascii_lowercase());
            // Plural acronyms and short mixed-case words; CamelCase compounds
            // (`BusinessUnit`) are two words.
            let plural_acronym = token.len() >= 3
                && token.ends_with('s')
                && token[..token.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_uppercase());
            let short_mixed = inner_capital && has_lower && token.len() <= 4;
            let dotted = token.len() >= 3
                && token.as_bytes()[1] == b'.'
                && token.as_bytes()[0].is_ascii_alphabetic()
                && token[2..].chars().all(|c| c.is_ascii_digit());
            plural_acronym || short_mixed || dotted
        })
        .map(|token| (token.to_owned(), crate::naming::snake_case(token)))
        .filter(|(token, split)| split.contains('_') && !token.is_empty())
        .collect()
}

#[test]
fn every_title_of_the_corpus_reads_well() {
    let mut longest = (0, String::new());
    for (collection, titles) in corpus() {
        let names = names(&titles);
        for ((folders, title, _), name) in titles.iter().zip(&names) {
            let at = format!("{collection}: {folders:?} {title:?} → {name}");
            let words: Vec<&str> = name.trim_start_matches("r#").split('_').collect();
            assert!(
                !name.contains("_s_") && !name.ends_with("_s"),
                "possessive split: {at}"
            );
            let letters = words
                .iter()
                .filter(|word| word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic());
            for word in letters {
                // A one-letter word must be one in the title or its folders too (`Get A records`).
                let standalone = std::iter::once(title)
                    .chain(folders)
                    .flat_map(|text| text.split(|c: char| !c.is_ascii_alphanumeric()))
                    .any(|token| token.eq_ignore_ascii_case(word));
                assert!(standalone, "one-letter word `{word}`: {at}");
            }
            for (acronym, split) in acronyms(title) {
                let padded = format!("_{}_", name.trim_start_matches("r#"));
                assert!(
                    !padded.contains(&format!("_{split}_")),
                    "acronym `{acronym}` split into `{split}`: {at}"
                );
            }
            if title.contains('<') || title.contains("://") {
                for markup in ["href", "http", "www", "lt", "gt", "amp"] {
                    assert!(!words.contains(&markup), "markup `{markup}` kept: {at}");
                }
            }
            if name.len() > longest.0 {
                longest = (name.len(), at.clone());
            }
        }
        for top in titles.iter().filter_map(|(folders, _, _)| folders.first()) {
            let module = module_name(top);
            assert!(
                module.len() <= MODULE_BUDGET + 1,
                "{collection}: folder {top:?} → {module}"
            );
            assert!(!module.contains("_s_"), "{collection}: {top:?} → {module}");
        }
    }
    // Qualifiers (a folder, a method) come on top of a title's budget when names collide.
    assert!(
        longest.0 <= FUNCTION_BUDGET + MODULE_BUDGET,
        "longest name: {}",
        longest.1
    );
}

#[test]
fn titles_within_budget_unless_they_must_grow() {
    for (collection, titles) in corpus() {
        let names = names(&titles);
        for ((folders, title, _), name) in titles.iter().zip(&names) {
            if name.len() <= FUNCTION_BUDGET {
                continue;
            }
            // Longer names are qualified by a folder or method, or grew to differ from another
            // name that shortens alike.
            let first = super::words::snake(&super::words::title_words(title));
            let qualified = !first
                .split('_')
                .next()
                .is_some_and(|word| name.starts_with(word));
            let words: Vec<String> = name.split('_').map(str::to_owned).collect();
            let prefix = words[..fitting(&words, FUNCTION_BUDGET, "_")].join("_");
            let shared = names
                .iter()
                .filter(|other| *other != name)
                .any(|other| other.starts_with(&format!("{prefix}_")) || *other == prefix);
            assert!(
                qualified || shared,
                "{collection}: {folders:?} {title:?} → {name}"
            );
        }
    }
}

#[test]
fn names_do_not_depend_on_item_order() {
    for (collection, titles) in corpus() {
        let forward = names(&titles);
        assert_eq!(
            forward,
            names(&titles),
            "{collection}: same input, same names"
        );
        let by_item = |titles: &Titles, names: Vec<String>| -> BTreeMap<_, _> {
            titles.iter().cloned().zip(names).collect()
        };
        let mut counts: BTreeMap<&(Vec<String>, String, String), usize> = BTreeMap::new();
        for item in &titles {
            *counts.entry(item).or_default() += 1;
        }
        // Items identical in folder, title and method are numbered in file order; the others
        // must keep their names whatever the order.
        let distinct: Titles = titles
            .iter()
            .filter(|item| counts[item] == 1)
            .cloned()
            .collect();
        let expected = by_item(&distinct, names(&distinct));
        let mut reversed = distinct.clone();
        reversed.reverse();
        assert_eq!(
            by_item(&reversed, names(&reversed)),
            expected,
            "{collection}: reversed"
        );
        let mut rotated = distinct.clone();
        rotated.rotate_left(distinct.len() / 3);
        assert_eq!(
            by_item(&rotated, names(&rotated)),
            expected,
            "{collection}: rotated"
        );
    }
}

#[test]
#[ignore = "prints the corpus's names, for review: cargo test -p postman-codegen --lib naming::corpus_tests::print -- --ignored --nocapture"]
fn print() {
    for (collection, titles) in corpus() {
        for ((folders, title, _), name) in titles.iter().zip(names(&titles)) {
            println!("{collection}\t{}\t{title}\t{name}", folders.join("/"));
        }
        let tops: std::collections::BTreeSet<&String> = titles
            .iter()
            .filter_map(|(folders, _, _)| folders.first())
            .collect();
        for top in tops {
            println!("module\t{collection}\t{top}\t{}", module_name(top));
        }
    }
}
