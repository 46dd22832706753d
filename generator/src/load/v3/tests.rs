//! The v3 reader on small trees written by each test: every quirk real files have, the errors
//! and warnings, and the limits.

use std::path::Path;

use serde_json::json;

use super::load_dir;
use crate::load::collection::{Auth, Body, Collection, Item, KeyValue, RequestItem};
use crate::{Error, Warning};

/// A temporary collection folder holding `files` (relative path, content).
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn load(dir: &Path) -> (Collection, Vec<Warning>) {
    load_dir(dir).unwrap_or_else(|error| panic!("load failed: {error}"))
}

/// Every warning as `Display` shows it, the folder's path replaced by `<dir>`.
fn shown(warnings: &[Warning], dir: &Path) -> Vec<String> {
    warnings
        .iter()
        .map(|w| w.to_string().replace(&dir.display().to_string(), "<dir>"))
        .collect()
}

/// The request items, depth first.
fn requests(items: &[Item]) -> Vec<&RequestItem> {
    items
        .iter()
        .flat_map(|item| match item {
            Item::Folder(folder) => requests(&folder.items),
            Item::Request(request) => vec![&**request],
        })
        .collect()
}

fn request<'a>(collection: &'a Collection, name: &str) -> &'a RequestItem {
    requests(&collection.items)
        .into_iter()
        .find(|item| item.name == name)
        .unwrap_or_else(|| panic!("no request {name}"))
}

fn kv(key: &str, value: &str, disabled: bool) -> KeyValue {
    KeyValue {
        key: key.to_owned(),
        value: Some(value.to_owned()),
        description: None,
        disabled,
    }
}

#[test]
fn maps_are_read_where_lists_are_documented_and_lists_too() {
    let dir = tree(&[
        (
            ".resources/definition.yaml",
            "$kind: collection\nname: Shapes\nvariables:\n  baseUrl: https://api.example.com\n  id: 7\n",
        ),
        (
            "Map.request.yaml",
            "$kind: http-request\nmethod: post\nurl: '{{baseUrl}}/pets/:petId?limit=5'\nheaders:\n  Accept: application/json\n  X-Count: 3\npathVariables:\n  petId: '42'\nbody:\n  type: urlencoded\n  content:\n    name: Rex\nauth:\n  type: bearer\n  credentials:\n    token: '{{token}}'\n",
        ),
        (
            "List.request.yaml",
            "$kind: http-request\nurl: '{{baseUrl}}/pets?limit=5'\nheaders:\n  - key: Accept\n    value: application/json\n    disabled: true\nqueryParams:\n  - key: limit\n    value: '5'\n  - key: offset\n    value: '0'\n    disabled: true\n    description: skipped rows\nauth:\n  type: basic\n  credentials:\n    - key: username\n      value: me\n    - key: password\n      value: secret\n",
        ),
    ]);
    let (collection, warnings) = load(dir.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(collection.name, "Shapes");
    let variables: Vec<(&str, Option<&str>)> = collection
        .variables
        .iter()
        .map(|v| (v.key.as_str(), v.value.as_deref()))
        .collect();
    assert_eq!(
        variables,
        [
            ("baseUrl", Some("https://api.example.com")),
            ("id", Some("7"))
        ]
    );

    let map = &request(&collection, "Map").request;
    assert_eq!(map.method, "POST");
    assert_eq!(
        map.headers,
        [
            kv("Accept", "application/json", false),
            kv("X-Count", "3", false)
        ]
    );
    assert_eq!(map.url.path, ["pets", ":petId"]);
    assert_eq!(map.url.query, [kv("limit", "5", false)]);
    assert_eq!(map.url.variables[0].key, "petId");
    assert_eq!(map.url.variables[0].value.as_deref(), Some("42"));
    assert_eq!(
        map.body,
        Some(Body::UrlEncoded(vec![kv("name", "Rex", false)]))
    );
    assert_eq!(
        map.auth,
        Some(Auth {
            kind: "bearer".into(),
            params: vec![("token".into(), json!("{{token}}"))]
        })
    );

    let list = &request(&collection, "List").request;
    assert_eq!(list.method, "GET");
    assert_eq!(list.headers, [kv("Accept", "application/json", true)]);
    let mut offset = kv("offset", "0", true);
    offset.description = Some("skipped rows".into());
    assert_eq!(list.url.query, [kv("limit", "5", false), offset]);
    assert_eq!(
        list.auth.as_ref().unwrap().params,
        [
            ("username".to_owned(), json!("me")),
            ("password".to_owned(), json!("secret"))
        ]
    );
}

#[test]
fn examples_are_found_by_path_when_the_request_does_not_name_them() {
    let example = |order: u32, status: u16| {
        format!(
            "$kind: http-example\norder: {order}\nresponse:\n  statusCode: {status}\n  statusText: OK\n  headers:\n    Content-Type: application/json\n  body:\n    type: json\n    content: '{{\"id\": 1}}'\n"
        )
    };
    let dir = tree(&[
        ("Get.request.yaml", "url: https://x.test/a\n"),
        (
            ".resources/Get.resources/examples/Later.example.yaml",
            &example(2000, 404),
        ),
        (
            ".resources/Get.resources/examples/First.example.yaml",
            &example(1000, 200),
        ),
        (
            "Named.request.yaml",
            "url: https://x.test/b\nexamples: ./.resources/elsewhere\n",
        ),
        (
            ".resources/elsewhere/One.example.yaml",
            "name: Saved\nresponse:\n  statusCode: 201\n  body:\n    type: text\n    content: done\n",
        ),
    ]);
    let (collection, warnings) = load(dir.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    let get = request(&collection, "Get");
    let found: Vec<(&str, Option<u16>)> = get
        .responses
        .iter()
        .map(|e| (e.name.as_str(), e.code))
        .collect();
    assert_eq!(found, [("First", Some(200)), ("Later", Some(404))]);
    assert_eq!(get.responses[0].body.as_deref(), Some("{\"id\": 1}"));
    assert_eq!(
        get.responses[0].headers,
        [kv("Content-Type", "application/json", false)]
    );
    let named = request(&collection, "Named");
    assert_eq!(named.responses[0].name, "Saved");
    assert_eq!(named.responses[0].preview_language.as_deref(), Some("text"));
}

#[test]
fn json_labelled_text_is_json_and_other_text_stays_text() {
    let dir = tree(&[
        (
            "Post.request.yaml",
            "method: POST\nurl: https://x.test/a\nbody:\n  type: text\n  content: |-\n    {\"title\": \"x\"}\n",
        ),
        (
            "Plain.request.yaml",
            "method: POST\nurl: https://x.test/b\nbody:\n  type: text\n  content: hello\n",
        ),
        (
            ".resources/Post.resources/examples/Ok.example.yaml",
            "response:\n  statusCode: 200\n  body:\n    type: text\n    content: '[1, 2]'\n",
        ),
        (
            "Yaml.request.yaml",
            "method: POST\nurl: https://x.test/c\nbody:\n  type: json\n  content:\n    title: x\n    tags: [a]\n",
        ),
        (
            ".resources/Plain.resources/examples/Ok.example.yaml",
            "response:\n  statusCode: 200\n  headers:\n    Content-Type: text/plain\n  body:\n    type: text\n    content: '[1, 2]'\n",
        ),
    ]);
    let (collection, _) = load(dir.path());
    let post = request(&collection, "Post");
    assert_eq!(
        post.request.body,
        Some(Body::Raw {
            text: "{\"title\": \"x\"}".into(),
            language: None
        })
    );
    assert_eq!(post.responses[0].preview_language.as_deref(), Some("json"));
    let plain = request(&collection, "Plain");
    assert_eq!(
        plain.request.body,
        Some(Body::Raw {
            text: "hello".into(),
            language: Some("text".into())
        })
    );
    // A Content-Type header that says text keeps the body text.
    assert_eq!(plain.responses[0].preview_language.as_deref(), Some("text"));
    // A JSON body written as YAML is sent as the JSON it means.
    assert_eq!(
        request(&collection, "Yaml").request.body,
        Some(Body::Raw {
            text: r#"{"title":"x","tags":["a"]}"#.into(),
            language: Some("json".into())
        })
    );
}

#[test]
fn a_file_that_is_not_yaml_is_one_warning_and_the_rest_loads() {
    let dir = tree(&[
        ("Good.request.yaml", "url: https://x.test/a\n"),
        (
            "Bad.request.yaml",
            "$kind: http-request\nmethod: GET\nurl: {{baseUrl}}/books\n",
        ),
        ("Shape.request.yaml", "url: https://x.test/b\nheaders: 5\n"),
    ]);
    let (collection, warnings) = load(dir.path());
    assert_eq!(
        requests(&collection.items)
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Good"]
    );
    insta::assert_snapshot!(
        "v3_bad_request_files",
        shown(&warnings, dir.path()).join("\n")
    );
}

#[test]
fn a_collection_definition_that_is_not_yaml_is_an_error_at_its_place() {
    let dir = tree(&[
        (
            ".resources/definition.yaml",
            "$kind: collection\nname: T\nvariables:\n  - key: a\n    value: [1\n",
        ),
        ("A.request.yaml", "url: https://x.test/a\n"),
    ]);
    let Err(Error::Invalid {
        location, message, ..
    }) = load_dir(dir.path())
    else {
        panic!("expected an error");
    };
    assert!(location.file.ends_with(".resources/definition.yaml"));
    assert_eq!(location.line, Some(6), "{message}");
    assert!(message.starts_with("not valid YAML"), "{message}");

    let dir = tree(&[(".resources/definition.yaml", "name: T\nauth: bearer\n")]);
    let error = load_dir(dir.path()).unwrap_err().to_string();
    assert!(
        error.contains("definition.yaml:2:7: `/auth` is a single value, but should be a mapping"),
        "{error}"
    );
}

#[test]
fn scripts_are_ignored_with_one_warning() {
    let script = "scripts:\n  - type: afterResponse\n    code: pm.test('ok')\n    language: text/javascript\n";
    let dir = tree(&[
        (
            ".resources/definition.yaml",
            "$kind: collection\nscripts:\n  - type: http:beforeRequest\n    code: ''\n",
        ),
        (
            "A.request.yaml",
            &format!("url: https://x.test/a\n{script}"),
        ),
        (
            "F/B.request.yaml",
            &format!("url: https://x.test/b\n{script}"),
        ),
    ]);
    let (_, warnings) = load(dir.path());
    assert_eq!(
        shown(&warnings, dir.path()),
        [
            "warning: the collection has pre-request or test scripts (`scripts`) in 2 places, first in A; scripts cannot be translated to Rust and are ignored"
        ]
    );
}

#[test]
fn requests_of_other_protocols_are_skipped_with_a_warning_naming_them() {
    let dir = tree(&[
        (
            "Http.request.yaml",
            "$kind: http-request\nurl: https://x.test/a\n",
        ),
        (
            "Folder/Stream.request.yaml",
            "$kind: grpc-request\nurl: grpc.x.test\nmethodPath: a.B/C\n",
        ),
        (
            "Socket.request.yaml",
            "$kind: websocket-request\nurl: wss://x.test\n",
        ),
        ("Odd.request.yaml", "$kind: kafka-request\nurl: x\n"),
    ]);
    let (collection, warnings) = load(dir.path());
    assert_eq!(requests(&collection.items).len(), 1);
    let shown = shown(&warnings, dir.path());
    assert_eq!(shown.len(), 3, "{shown:#?}");
    assert!(shown[0].starts_with("warning: Folder/Stream: a gRPC request (`$kind: grpc-request`, in <dir>/Folder/Stream.request.yaml) has no HTTP form"), "{}", shown[0]);
    assert!(
        shown[1].contains("a request of a kind this tool does not know (`$kind: kafka-request`"),
        "{}",
        shown[1]
    );
    assert!(
        shown[2].contains("a WebSocket request (`$kind: websocket-request`"),
        "{}",
        shown[2]
    );
}

#[test]
fn graphql_requests_and_bodies_are_graphql_bodies() {
    let dir = tree(&[
        (
            "Query.request.yaml",
            "$kind: graphql-request\nurl: https://x.test/graphql\nquery: '{ hero { name } }'\nvariables: '{\"episode\": \"JEDI\"}'\n",
        ),
        (
            "Body.request.yaml",
            "method: POST\nurl: https://x.test/graphql\nbody:\n  type: graphql\n  content:\n    query: '{ me }'\n    variables:\n      id: 1\n",
        ),
    ]);
    let (collection, warnings) = load(dir.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    let query = &request(&collection, "Query").request;
    assert_eq!(query.method, "POST");
    assert_eq!(
        query.body,
        Some(Body::GraphQl {
            query: "{ hero { name } }".into(),
            variables: Some(json!("{\"episode\": \"JEDI\"}"))
        })
    );
    assert_eq!(
        request(&collection, "Body").request.body,
        Some(Body::GraphQl {
            query: "{ me }".into(),
            variables: Some(json!({"id": 1}))
        })
    );
}

#[test]
fn order_sorts_folders_and_requests_together_and_names_come_from_files_or_name() {
    let dir = tree(&[
        ("Z.request.yaml", "url: https://x.test/z\norder: 1000\n"),
        ("Later.request.yaml", "url: https://x.test/l\n"),
        ("Early.request.yaml", "url: https://x.test/e\n"),
        (
            "Folder/.resources/definition.yaml",
            "$kind: collection\nname: Renamed folder\norder: 500\nauth:\n  type: apikey\n  credentials:\n    key: X-Key\n    value: '{{key}}'\n",
        ),
        ("Folder/Inner.request.yaml", "url: https://x.test/i\n"),
        (
            "Get one 1.request.yaml",
            "name: Get one\nurl: https://x.test/g\norder: 1500.5\nauth:\n  type: inherit\n",
        ),
        (
            "Open.request.yaml",
            "url: https://x.test/o\norder: 2000\nauth:\n  type: noauth\n",
        ),
    ]);
    let (collection, warnings) = load(dir.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    let names: Vec<&str> = collection
        .items
        .iter()
        .map(|item| match item {
            Item::Folder(folder) => folder.name.as_str(),
            Item::Request(request) => request.name.as_str(),
        })
        .collect();
    assert_eq!(
        names,
        ["Renamed folder", "Z", "Get one", "Open", "Early", "Later"]
    );
    let Item::Folder(folder) = &collection.items[0] else {
        panic!()
    };
    assert_eq!(folder.auth.as_ref().unwrap().kind, "apikey");
    assert_eq!(request(&collection, "Get one").request.auth, None);
    assert_eq!(
        request(&collection, "Open")
            .request
            .auth
            .as_ref()
            .unwrap()
            .kind,
        "noauth"
    );
}

#[test]
fn several_auth_methods_keep_the_first_with_a_warning() {
    let dir = tree(&[
        (
            ".resources/definition.yaml",
            "auth:\n  - id: a\n    type: bearer\n    credentials:\n      token: t\n  - id: b\n    type: basic\n",
        ),
        ("A.request.yaml", "url: https://x.test/a\n"),
    ]);
    let (collection, warnings) = load(dir.path());
    assert_eq!(collection.auth.as_ref().unwrap().kind, "bearer");
    assert_eq!(
        shown(&warnings, dir.path()),
        [
            "warning: <dir>/.resources/definition.yaml:2:3: `/auth` lists 2 auth methods; Postman collections v2 have one, so the first is used"
        ]
    );
}

#[test]
fn a_folder_that_is_not_a_collection_says_so_and_names_collections_inside() {
    let dir = tree(&[("README.md", "# not a collection\n")]);
    let error = load_dir(dir.path()).unwrap_err().to_string();
    assert!(
        error.contains("this folder is not a Postman collection"),
        "{error}"
    );
    let dir = tree(&[
        ("One/A.request.yaml", "url: https://x.test/a\n"),
        ("Two/.resources/definition.yaml", "$kind: collection\n"),
    ]);
    let error = load_dir(dir.path()).unwrap_err().to_string();
    assert!(
        error.contains("it holds 2 collections; give one of them:") && error.contains("One"),
        "{error}"
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_collection_is_refused_and_one_inside_is_read() {
    let outside = tree(&[("Secret.request.yaml", "url: https://x.test/secret\n")]);
    let dir = tree(&[("A.request.yaml", "url: https://x.test/a\n")]);
    std::os::unix::fs::symlink(
        dir.path().join("A.request.yaml"),
        dir.path().join("B.request.yaml"),
    )
    .unwrap();
    let (collection, _) = load(dir.path());
    assert_eq!(requests(&collection.items).len(), 2);

    std::os::unix::fs::symlink(outside.path(), dir.path().join("Linked")).unwrap();
    let error = load_dir(dir.path()).unwrap_err().to_string();
    assert!(
        error.contains("this symbolic link leads out of the collection folder"),
        "{error}"
    );
}

#[test]
fn the_limits_of_the_json_reader_hold() {
    // Size: a sparse file claims more than the limit without taking the disk.
    let dir = tree(&[("A.request.yaml", "url: https://x.test/a\n")]);
    let big = std::fs::File::create(dir.path().join("Big.request.yaml")).unwrap();
    big.set_len(crate::load::MAX_FILE_SIZE + 1).unwrap();
    let error = load_dir(dir.path()).unwrap_err().to_string();
    assert!(error.contains("add up to more than 128 MiB"), "{error}");

    // Depth: one folder more than allowed.
    let dir = tree(&[("A.request.yaml", "url: https://x.test/a\n")]);
    let deep: std::path::PathBuf = (0..=super::disk::MAX_FOLDER_DEPTH)
        .map(|level| format!("f{level}"))
        .collect();
    std::fs::create_dir_all(dir.path().join(deep)).unwrap();
    let error = load_dir(dir.path()).unwrap_err().to_string();
    assert!(
        error.contains("folders nest more than 64 levels"),
        "{error}"
    );
}

#[test]
fn v3_environments_are_read() {
    let variables = super::parse_environment(
        "name: Prod\nvalues:\n  - key: baseUrl\n    value: 'http://localhost:4500'\n    enabled: true\n    type: default\n  - key: off\n    value: x\n    enabled: false\n  - key: empty\ncolor: null\n",
        Path::new("prod.environment.yaml"),
    )
    .unwrap();
    let pairs: Vec<(&str, Option<&str>)> = variables
        .iter()
        .map(|v| (v.key.as_str(), v.value.as_deref()))
        .collect();
    assert_eq!(
        pairs,
        [("baseUrl", Some("http://localhost:4500")), ("empty", None)]
    );
    let error = super::parse_environment("values: {a: 1}\n", Path::new("e.environment.yaml"))
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("e.environment.yaml:1:9: `/values` is a mapping, but should be a list"),
        "{error}"
    );
}
