//! Every saved example of every collection in `collections/` can be asked for: by its name and
//! status, on a path made from its route, the mock serves it (or, when an earlier example of the
//! same route has the same name and status, that one). This checks the matcher on real paths:
//! no route of the corpus is taken by another one.

use std::path::Path;

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use super::respond::{RESPONSE_CODE_HEADER, RESPONSE_NAME_HEADER, Wanted};
use super::table::{Mock, Route};

/// A concrete path for a route: each parameter replaced by `p1`, `p2`, …, each segment
/// percent-encoded as a client would.
fn concrete_path(route: &Route) -> String {
    let mut counter = 0;
    let mut path = String::new();
    for segment in route.template.split('/').filter(|s| !s.is_empty()) {
        let mut text = String::new();
        let mut rest = segment;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            counter += 1;
            text.push_str(&rest[..open]);
            text.push_str(&format!("p{counter}"));
            rest = &rest[open + close + 1..];
        }
        text.push_str(rest);
        path.push('/');
        path.push_str(&utf8_percent_encode(&text, NON_ALPHANUMERIC).to_string());
    }
    if path.is_empty() {
        path.push('/');
    }
    path
}

fn wanted(code: u16, name: &str) -> Wanted {
    let mut headers = hyper::HeaderMap::new();
    headers.insert(RESPONSE_CODE_HEADER, code.into());
    let encoded = utf8_percent_encode(name, NON_ALPHANUMERIC).to_string();
    headers.insert(RESPONSE_NAME_HEADER, encoded.parse().unwrap());
    Wanted::from_headers(&headers).unwrap()
}

#[test]
fn every_saved_example_is_reachable() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../collections");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(".postman_collection.json"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "{files:?}");
    let mut served = 0;
    for file in &files {
        let (mock, _) = Mock::from_file(file).unwrap();
        for route in mock.routes() {
            let path = concrete_path(route);
            for example in &route.examples {
                let reply =
                    mock.respond(&route.method, &path, &wanted(example.status, &example.name));
                // Worked out apart from the matcher: items repeating this route, in file order.
                let expected = mock
                    .routes()
                    .iter()
                    .filter(|r| r.method == route.method && r.pattern == route.pattern)
                    .flat_map(|r| &r.examples)
                    .find(|e| {
                        e.status == example.status
                            && e.name
                                .split_whitespace()
                                .eq(example.name.split_whitespace())
                    });
                assert_eq!(
                    Some((reply.status, &reply.body)),
                    expected.map(|e| (e.status, &e.body)),
                    "{}: {} {path} «{}»",
                    file.display(),
                    route.method,
                    example.name
                );
                served += 1;
            }
        }
    }
    println!("{served} examples served");
    assert!(served > 3000, "{served}");
}
