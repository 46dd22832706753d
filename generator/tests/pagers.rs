//! Pagers found in the bundled collections: Zoom's `next_page_token` lists and GitHub's
//! `page`/`per_page` lists that declare a `Link` header, as `inspect` names them.

use std::path::{Path, PathBuf};

use postman_codegen::Config;
use postman_codegen::ItemReport;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn items(collection: &str, overrides: Option<&str>) -> Vec<ItemReport> {
    let mut config = Config::new();
    if let Some(overrides) = overrides {
        config.overrides(root().join(overrides));
    }
    config
        .inspect(root().join(collection))
        .expect("the collection inspects")
        .output
        .items
}

fn takes(item: &ItemReport, key: &str) -> bool {
    item.params
        .iter()
        .any(|p| p.kind == "query" && p.postman_name == key)
}

#[test]
fn every_zoom_list_that_takes_next_page_token_has_a_token_pager() {
    let items = items(
        "collections/zoom.postman_collection.json",
        Some("collections/zoom.overrides.toml"),
    );
    let takers: Vec<&ItemReport> = items
        .iter()
        .filter(|item| takes(item, "next_page_token"))
        .collect();
    let paged: Vec<&ItemReport> = takers
        .iter()
        .copied()
        .filter(|item| {
            item.pager
                .as_deref()
                .is_some_and(|pager| pager.contains("token: `next_page_token`"))
        })
        .collect();
    println!(
        "zoom: {} of the {} items that take `next_page_token` have a token pager",
        paged.len(),
        takers.len()
    );
    assert_eq!(takers.len(), 56);
    let missing: Vec<&str> = takers
        .iter()
        .filter(|item| item.pager.is_none())
        .map(|item| item.postman_path.as_str())
        .collect();
    assert!(missing.is_empty(), "no pager: {missing:?}");
    assert_eq!(paged.len(), takers.len());
}

#[test]
fn github_lists_with_page_per_page_and_a_link_header_follow_the_link() {
    let items = items("collections/github-v3.postman_collection.json", None);
    let paged = |item: &&ItemReport| takes(item, "page") || takes(item, "per_page");
    let by_link = items
        .iter()
        .filter(paged)
        .filter(|item| {
            item.pager
                .as_deref()
                .is_some_and(|p| p.contains("`Link` header"))
        })
        .count();
    let by_number = items
        .iter()
        .filter(paged)
        .filter(|item| {
            item.pager
                .as_deref()
                .is_some_and(|p| p.contains("page number"))
        })
        .count();
    let without = items
        .iter()
        .filter(paged)
        .filter(|item| item.pager.is_none())
        .count();
    println!(
        "github-v3: of {} items taking page/per_page, {by_link} follow the Link header, \
         {by_number} count pages, {without} have no pager",
        items.iter().filter(paged).count()
    );
    assert!(by_link >= 140, "{by_link}");
    assert!(by_number > 0);
}

#[test]
fn the_overrides_declare_and_switch_off_pagers() {
    let items = items(
        "tests/fixtures/pages.postman_collection.json",
        Some("tests/fixtures/pages.overrides.toml"),
    );
    let pager = |name: &str| {
        let item = items.iter().find(|i| i.postman_path == name).expect(name);
        item.pager.clone()
    };
    let declared = pager("List audit entries").expect("a declared pager");
    assert!(
        declared.contains("token: `after` → query `cursor_id`, from the overrides"),
        "{declared}"
    );
    // `page` and `per_page` would make a page-number pager: the overrides say no.
    assert_eq!(pager("List tags"), None);
}

/// The warnings of the item `name` of the pages fixture under the overrides `text`, with its
/// pager.
fn declared(name: &str, text: &str) -> (Option<String>, Vec<String>) {
    let dir = std::env::temp_dir().join(format!("pagers-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let overrides = dir.join("declared.overrides.toml");
    std::fs::write(&overrides, text).unwrap();
    let mut config = Config::new();
    config.overrides(&overrides);
    let outcome = config
        .inspect(root().join("tests/fixtures/pages.postman_collection.json"))
        .expect("a warning, not an error");
    std::fs::remove_dir_all(&dir).ok();
    let item = outcome
        .output
        .items
        .into_iter()
        .find(|i| i.postman_path == name)
        .unwrap();
    (item.pager, item.warnings)
}

#[test]
fn a_declared_count_must_be_a_whole_number() {
    let (pager, warnings) = declared(
        "List invoices",
        "[[item]]\nmatch = \"List invoices\"\npager = { page = \"page\", total = \"invoices\" }\n",
    );
    assert_eq!(pager, None);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`invoices` is not a whole number")),
        "{warnings:?}"
    );
    let (pager, _) = declared(
        "List invoices",
        "[[item]]\nmatch = \"List invoices\"\npager = { offset = \"page\", items = \"invoices\" }\n",
    );
    let pager = pager.expect("a declared offset");
    assert!(
        pager.contains("offset: query `page`, until an empty page"),
        "{pager}"
    );
}

#[test]
fn a_declared_pager_that_cannot_be_used_is_a_warning() {
    let (pager, warnings) = declared(
        "List tags",
        "[[item]]\nmatch = \"List tags\"\npager = { token = \"no_such_param\", next = \"after\" }\n",
    );
    assert_eq!(pager, None);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("`pager` override cannot be used") && w.contains("no_such_param")),
        "{warnings:?}"
    );
}

#[test]
fn a_pager_that_is_neither_off_nor_a_table_is_refused_with_what_is_accepted() {
    let error = postman_codegen::overrides::Overrides::parse(
        "[[item]]\nmatch = \"List tags\"\npager = \"sometimes\"\n",
        Path::new("pages.overrides.toml"),
    )
    .expect_err("not a pager");
    let message = error.to_string();
    assert!(message.contains("pages.overrides.toml:3:9"), "{message}");
    assert!(
        message.contains(r#"expected `pager = "off"` or a table"#),
        "{message}"
    );
}
