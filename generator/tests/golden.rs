//! Golden files: crates generated from small collections, committed under `tests/golden/` and
//! built (with clippy) as members of the workspace, so a snapshot is also a compile test.
//!
//! After an intended change to the output, refresh them with
//! `UPDATE_GOLDEN=1 cargo test -p postman-codegen --test golden` and review the diff.

use std::path::{Path, PathBuf};

use postman_codegen::Config;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

struct Case {
    collection: &'static str,
    overrides: Option<&'static str>,
    out: &'static str,
    /// `Config::blocking`.
    blocking: bool,
    /// `Config::crate_name`, for a second crate from the same collection.
    crate_name: Option<&'static str>,
}

const CASES: &[Case] = &[
    // One paginated operation of each kind (token, `Link` header, offset, page number, next
    // link, declared, switched off); `tests/e2e` pages through both flavors.
    Case {
        collection: "tests/fixtures/pages.postman_collection.json",
        overrides: Some("tests/fixtures/pages.overrides.toml"),
        out: "tests/golden/pages",
        blocking: false,
        crate_name: None,
    },
    Case {
        collection: "tests/fixtures/pages.postman_collection.json",
        overrides: Some("tests/fixtures/pages.overrides.toml"),
        out: "tests/golden/pages-blocking",
        blocking: true,
        crate_name: Some("pages-blocking"),
    },
    Case {
        collection: "collections/zoom-seed.postman_collection.json",
        overrides: Some("collections/zoom.overrides.toml"),
        out: "tests/golden/zoom-seed",
        blocking: false,
        crate_name: None,
    },
    // The Zoom upload item alone and no overrides: its text field described as a file path is
    // a file part (`tests/e2e/tests/zoom_upload_seed.rs` sends one).
    Case {
        collection: "tests/fixtures/zoom-upload.postman_collection.json",
        overrides: None,
        out: "tests/golden/zoom-upload",
        blocking: false,
        crate_name: None,
    },
    Case {
        collection: "collections/todo.postman_collection.json",
        overrides: None,
        out: "tests/golden/todo",
        blocking: false,
        crate_name: None,
    },
    Case {
        collection: "tests/fixtures/wire.postman_collection.json",
        overrides: None,
        out: "tests/golden/wire",
        blocking: false,
        crate_name: None,
    },
    // The same collection as a blocking client; `tests/e2e` calls it from plain `#[test]`s.
    Case {
        collection: "tests/fixtures/wire.postman_collection.json",
        overrides: None,
        out: "tests/golden/wire-blocking",
        blocking: true,
        crate_name: Some("wire-blocking"),
    },
    // What a collection saves around its requests (credentials as headers, Postman's own
    // headers, dynamic variables, bare query keys, hosts with a scheme, bodies without
    // examples, redirects); `tests/e2e` calls both flavors against a local server.
    Case {
        collection: "tests/fixtures/inputs.postman_collection.json",
        overrides: None,
        out: "tests/golden/inputs",
        blocking: false,
        crate_name: None,
    },
    Case {
        collection: "tests/fixtures/inputs.postman_collection.json",
        overrides: None,
        out: "tests/golden/inputs-blocking",
        blocking: true,
        crate_name: Some("inputs-blocking"),
    },
    // Crafted: every credential kind, header arguments, forms, and hostile folder names; the
    // client safety tests (`tests/client-safety`) run against it.
    Case {
        collection: "tests/fixtures/safety.postman_collection.json",
        overrides: Some("tests/fixtures/safety.overrides.toml"),
        out: "tests/golden/safety",
        blocking: false,
        crate_name: None,
    },
    // OAuth2 client credentials from the collection's auth block; `tests/e2e` checks the token
    // cache, expiry, the 401 retry and the other grants against a local token endpoint.
    Case {
        collection: "tests/fixtures/oauth2.postman_collection.json",
        overrides: None,
        out: "tests/golden/oauth2",
        blocking: false,
        crate_name: Some("oauth2"),
    },
    Case {
        collection: "tests/fixtures/oauth2.postman_collection.json",
        overrides: None,
        out: "tests/golden/oauth2-blocking",
        blocking: true,
        crate_name: Some("oauth2-blocking"),
    },
    // The token request saved as an item, named by the overrides (PayPal's and commercetools'
    // way).
    Case {
        collection: "tests/fixtures/oauth2-item.postman_collection.json",
        overrides: Some("tests/fixtures/oauth2-item.overrides.toml"),
        out: "tests/golden/oauth2-item",
        blocking: false,
        crate_name: Some("oauth2-item"),
    },
];

#[test]
fn golden_crates_are_fresh() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale_cases = Vec::new();
    for case in CASES {
        let mut config = Config::new();
        config.blocking(case.blocking);
        if let Some(overrides) = case.overrides {
            config.overrides(root().join(overrides));
        }
        if let Some(name) = case.crate_name {
            config.crate_name(name);
        }
        let collection = root().join(case.collection);
        let out = root().join(case.out);
        if update {
            config.write_crate(&collection, &out).unwrap();
            continue;
        }
        let postman_codegen::Outcome {
            output: stale,
            warnings: _,
        } = config.check_crate(&collection, &out).unwrap();
        if !stale.is_empty() {
            let list: Vec<String> = stale.iter().map(ToString::to_string).collect();
            stale_cases.push(format!("{}:\n  {}", case.out, list.join("\n  ")));
        }
    }
    assert!(
        stale_cases.is_empty(),
        "generated code differs from the golden files; if intended, run\n  UPDATE_GOLDEN=1 cargo test -p postman-codegen --test golden\n{}",
        stale_cases.join("\n")
    );
}
