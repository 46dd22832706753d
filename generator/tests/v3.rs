//! One collection, two formats, one crate: v2.1 JSON collections converted here into v3 YAML
//! trees, and the two real v3 trees converted into v2.1 JSON, each generate byte for byte the
//! crate of its other form. The converters follow the field map of Postman's v3 format
//! (`docs/POSTMAN-V3.md` §14 in the project's material) and write and read YAML on their own
//! (the v3 → JSON side with saphyr's loader), so the reader under test checks against them
//! rather than against itself.

use std::path::{Path, PathBuf};

use postman_codegen::Config;
use saphyr::{LoadableYamlNode, Scalar, Yaml};
use serde_json::{Map, Value, json};

fn collections() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../collections")
}

/// Both forms, stored under one name (the generated crate names its source file).
struct Pair {
    _dir: tempfile::TempDir,
    json: PathBuf,
    tree: PathBuf,
}

impl Pair {
    fn new(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        for side in ["json", "v3"] {
            std::fs::create_dir_all(dir.path().join(side)).unwrap();
        }
        Pair {
            json: dir.path().join("json").join(name),
            tree: dir.path().join("v3").join(name),
            _dir: dir,
        }
    }

    /// Generates both forms and asserts the crates are the same, file by file.
    fn assert_same_crate(&self) {
        let postman_codegen::Outcome {
            output: json_files,
            warnings: _,
        } = Config::new().crate_files(&self.json).unwrap();
        let postman_codegen::Outcome {
            output: tree_files,
            warnings: _,
        } = Config::new().crate_files(&self.tree).unwrap();
        assert_eq!(
            json_files.keys().collect::<Vec<_>>(),
            tree_files.keys().collect::<Vec<_>>()
        );
        for (path, text) in &json_files {
            let other = &tree_files[path];
            if text != other {
                let line = text
                    .lines()
                    .zip(other.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                panic!(
                    "{} differs from line {}:\nJSON: {:?}\nv3:   {:?}",
                    path.display(),
                    line + 1,
                    text.lines().nth(line),
                    other.lines().nth(line)
                );
            }
        }
    }
}

// ---- v2.1 JSON → v3 tree ----

#[test]
fn json_collections_converted_to_v3_trees_give_the_same_crate() {
    for name in ["todo", "starwars-graphql", "postman-echo"] {
        let pair = Pair::new(name);
        let path = collections().join(format!("{name}.postman_collection.json"));
        let collection: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        std::fs::copy(&path, &pair.json).unwrap();
        write_tree(&collection, &pair.tree);
        pair.assert_same_crate();
    }
}

fn write_tree(collection: &Value, dir: &Path) {
    let info = &collection["info"];
    let mut definition = json!({"$kind": "collection", "name": info["name"]});
    copy_fields(&mut definition, info, &["description"]);
    if let Some(auth) = collection.get("auth").filter(|a| !a.is_null()) {
        definition["auth"] = auth_to_v3(auth);
    }
    if let Some(variables) = collection.get("variable") {
        definition["variables"] = variables.clone();
    }
    write_yaml(&dir.join(".resources/definition.yaml"), &definition);
    write_items(collection["item"].as_array().unwrap(), dir);
}

fn write_items(items: &[Value], dir: &Path) {
    let mut stems: Vec<String> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let order = (index + 1) * 1000;
        // Postman's file names: no `/ \ : * ? " < > |`, unique per folder (`Name 1`).
        let base: String = item["name"]
            .as_str()
            .unwrap_or("item")
            .chars()
            .map(|c| if "/\\:*?\"<>|".contains(c) { '-' } else { c })
            .collect();
        let mut stem = base.clone();
        let mut n = 0;
        while stems.iter().any(|s| s.eq_ignore_ascii_case(&stem)) {
            n += 1;
            stem = format!("{base} {n}");
        }
        stems.push(stem.clone());
        if let Some(children) = item.get("item") {
            let folder = dir.join(&stem);
            let mut definition =
                json!({"$kind": "collection", "name": item["name"], "order": order});
            copy_fields(&mut definition, item, &["description"]);
            if let Some(auth) = item.get("auth").filter(|a| !a.is_null()) {
                definition["auth"] = auth_to_v3(auth);
            }
            write_yaml(&folder.join(".resources/definition.yaml"), &definition);
            write_items(children.as_array().unwrap(), &folder);
            continue;
        }
        let request = &item["request"];
        let mut file = json!({"$kind": "http-request", "name": item["name"], "order": order});
        copy_fields(&mut file, item, &["description"]);
        copy_fields(&mut file, request, &["method", "description"]);
        let url = &request["url"];
        file["url"] = match url {
            Value::String(raw) => json!(raw),
            _ => url["raw"].clone(),
        };
        if let Some(query) = url.get("query") {
            file["queryParams"] = query.clone();
        }
        if let Some(variables) = url.get("variable") {
            file["pathVariables"] = variables.clone();
        }
        if let Some(headers) = request.get("header") {
            file["headers"] = headers.clone();
        }
        if let Some(body) = request.get("body").and_then(body_to_v3) {
            file["body"] = body;
        }
        if let Some(auth) = request.get("auth").filter(|a| !a.is_null()) {
            file["auth"] = auth_to_v3(auth);
        }
        write_yaml(&dir.join(format!("{stem}.request.yaml")), &file);
        let examples = dir.join(format!(".resources/{stem}.resources/examples"));
        for (index, response) in item["response"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let mut saved = json!({"$kind": "http-example", "order": (index + 1) * 1000});
            copy_fields(&mut saved, response, &["name"]);
            let mut out = json!({});
            if let Some(code) = response.get("code") {
                out["statusCode"] = code.clone();
            }
            if let Some(status) = response.get("status") {
                out["statusText"] = status.clone();
            }
            if let Some(header) = response.get("header") {
                out["headers"] = header.clone();
            }
            out["body"] = json!({
                "type": response.get("_postman_previewlanguage").cloned().unwrap_or(Value::Null),
                "content": response.get("body").cloned().unwrap_or(Value::Null),
            });
            saved["response"] = out;
            write_yaml(&examples.join(format!("e{index}.example.yaml")), &saved);
        }
    }
}

fn copy_fields(to: &mut Value, from: &Value, keys: &[&str]) {
    for key in keys {
        if let Some(value) = from.get(*key).filter(|v| !v.is_null()) {
            to[*key] = value.clone();
        }
    }
}

/// `{mode: raw, raw, options.raw.language}` → `{type: <language>, content}`, and so on.
fn body_to_v3(body: &Value) -> Option<Value> {
    let mode = body.get("mode")?.as_str()?;
    Some(match mode {
        "raw" => json!({
            "type": body.pointer("/options/raw/language").cloned().unwrap_or(json!("text")),
            "content": body["raw"],
        }),
        "urlencoded" | "formdata" => json!({"type": mode, "content": body[mode]}),
        "file" => {
            json!({"type": "file", "content": body.get("file").cloned().unwrap_or(json!({}))})
        }
        "graphql" => json!({"type": "graphql", "content": body["graphql"]}),
        _ => return None,
    })
}

/// `{type, <type>: [{key, value}]}` → `{type, credentials: {key: value}}`.
fn auth_to_v3(auth: &Value) -> Value {
    let kind = auth["type"].as_str().unwrap();
    let mut credentials = Map::new();
    for param in auth
        .get(kind)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        credentials.insert(
            param["key"].as_str().unwrap().to_owned(),
            param.get("value").cloned().unwrap_or(Value::Null),
        );
    }
    json!({"type": kind, "credentials": credentials})
}

/// Writes `value` as block-style YAML, strings double-quoted (JSON's escapes are YAML's).
fn write_yaml(path: &Path, value: &Value) {
    fn inline(value: &Value) -> String {
        match value {
            Value::Object(map) if map.is_empty() => "{}".to_owned(),
            Value::Array(items) if items.is_empty() => "[]".to_owned(),
            other => other.to_string(),
        }
    }
    fn block(value: &Value, indent: usize, out: &mut String) {
        let child = |value: &Value, out: &mut String| match value {
            Value::Object(map) if !map.is_empty() => {
                out.push('\n');
                block(value, indent + 2, out);
            }
            Value::Array(items) if !items.is_empty() => {
                out.push('\n');
                block(value, indent + 2, out);
            }
            other => {
                out.push(' ');
                out.push_str(&inline(other));
                out.push('\n');
            }
        };
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    out.push_str(&" ".repeat(indent));
                    out.push_str(&Value::from(key.as_str()).to_string());
                    out.push(':');
                    child(value, out);
                }
            }
            Value::Array(items) => {
                for value in items {
                    out.push_str(&" ".repeat(indent));
                    out.push('-');
                    child(value, out);
                }
            }
            other => out.push_str(&inline(other)),
        }
    }
    let mut text = String::new();
    block(value, 0, &mut text);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

// ---- v3 tree → v2.1 JSON ----

#[test]
fn the_real_v3_trees_converted_to_json_give_the_same_crate() {
    for name in ["library-api", "pypnm"] {
        let pair = Pair::new(name);
        let source = collections().join("v3").join(name);
        copy_dir(&source, &pair.tree);
        let collection = tree_to_json(&source);
        std::fs::write(&pair.json, collection.to_string()).unwrap();
        pair.assert_same_crate();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn read_yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let documents = Yaml::load_from_str(&text).unwrap();
    documents.first().map_or(Value::Null, to_json)
}

fn to_json(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::Value(Scalar::String(text)) => json!(text),
        Yaml::Value(Scalar::Integer(n)) => json!(n),
        Yaml::Value(Scalar::FloatingPoint(n)) => json!(n.into_inner()),
        Yaml::Value(Scalar::Boolean(b)) => json!(b),
        Yaml::Sequence(items) => Value::Array(items.iter().map(to_json).collect()),
        Yaml::Mapping(map) => Value::Object(
            map.iter()
                .map(|(key, value)| (key.as_str().unwrap_or_default().to_owned(), to_json(value)))
                .collect(),
        ),
        _ => Value::Null,
    }
}

/// A list of `{key, value}` entries from v3's list or `key: value` mapping form.
fn entries(value: &Value) -> Value {
    match value {
        Value::Object(map) => map
            .iter()
            .map(|(key, value)| json!({"key": key, "value": value}))
            .collect(),
        Value::Array(_) => value.clone(),
        _ => json!([]),
    }
}

fn tree_to_json(dir: &Path) -> Value {
    let definition = definition(dir);
    let mut collection = json!({
        "info": {
            "name": definition.get("name").cloned().unwrap_or_else(|| json!(file_name(dir))),
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "item": items_json(dir),
    });
    if let Some(description) = definition.get("description") {
        collection["info"]["description"] = description.clone();
    }
    if let Some(variables) = definition.get("variables") {
        collection["variable"] = entries(variables);
    }
    if let Some(auth) = definition.get("auth") {
        collection["auth"] = auth_to_json(auth);
    }
    collection
}

fn definition(dir: &Path) -> Value {
    let path = dir.join(".resources/definition.yaml");
    if path.exists() {
        read_yaml(&path)
    } else {
        json!({})
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// A folder's items, sorted by `order` (none last), ties by file name.
fn items_json(dir: &Path) -> Vec<Value> {
    let mut children: Vec<(Option<f64>, String, Value)> = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = file_name(&path);
        if path.is_dir() && name != ".resources" {
            let definition = definition(&path);
            let mut folder = json!({
                "name": definition.get("name").cloned().unwrap_or_else(|| json!(name)),
                "item": items_json(&path),
            });
            if let Some(auth) = definition.get("auth") {
                folder["auth"] = auth_to_json(auth);
            }
            if let Some(description) = definition.get("description") {
                folder["description"] = description.clone();
            }
            children.push((definition["order"].as_f64(), name, folder));
        } else if let Some(stem) = name.strip_suffix(".request.yaml") {
            let file = read_yaml(&path);
            let item = request_json(&file, dir, stem);
            children.push((file["order"].as_f64(), name, item));
        }
    }
    children.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.1.cmp(&b.1)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    });
    children.into_iter().map(|(_, _, item)| item).collect()
}

fn request_json(file: &Value, dir: &Path, stem: &str) -> Value {
    let mut url = json!({"raw": file["url"]});
    if let Some(query) = file.get("queryParams") {
        url["query"] = entries(query);
    }
    if let Some(variables) = file.get("pathVariables") {
        url["variable"] = entries(variables);
    }
    let mut request = json!({
        "method": file.get("method").cloned().unwrap_or(json!("GET")),
        "url": url,
        "header": entries(file.get("headers").unwrap_or(&Value::Null)),
    });
    if let Some(body) = file.get("body") {
        let kind = body["type"].as_str().unwrap_or("none");
        request["body"] = match kind {
            "urlencoded" | "formdata" => json!({"mode": kind, kind: entries(&body["content"])}),
            "none" => Value::Null,
            language => json!({
                "mode": "raw",
                "raw": body["content"].as_str().unwrap_or(""),
                "options": {"raw": {"language": language}},
            }),
        };
    }
    if let Some(auth) = file.get("auth") {
        request["auth"] = auth_to_json(auth);
    }
    let mut item = json!({
        "name": file.get("name").cloned().unwrap_or_else(|| json!(stem)),
        "request": request,
        "response": examples_json(dir, stem),
    });
    if let Some(description) = file.get("description") {
        item["description"] = description.clone();
    }
    item
}

/// The examples in `.resources/<stem>.resources/examples`, sorted by `order`.
fn examples_json(dir: &Path, stem: &str) -> Vec<Value> {
    let examples = dir.join(format!(".resources/{stem}.resources/examples"));
    let Ok(entries_) = std::fs::read_dir(&examples) else {
        return Vec::new();
    };
    let mut found: Vec<(Option<f64>, String, Value)> = entries_
        .flatten()
        .map(|entry| {
            let name = file_name(&entry.path());
            let saved = read_yaml(&entry.path());
            let response = &saved["response"];
            let example = json!({
                "name": saved.get("name").cloned()
                    .unwrap_or_else(|| json!(name.trim_end_matches(".example.yaml"))),
                "code": response["statusCode"],
                "status": response["statusText"],
                "header": entries(&response["headers"]),
                "body": response["body"]["content"],
                "_postman_previewlanguage": response["body"]["type"],
            });
            (saved["order"].as_f64(), name, example)
        })
        .collect();
    found.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap().then_with(|| a.1.cmp(&b.1)));
    found.into_iter().map(|(_, _, example)| example).collect()
}

/// `{type, credentials}` → `{type, <type>: [{key, value}]}`; `inherit` is no auth object.
fn auth_to_json(auth: &Value) -> Value {
    let kind = auth["type"].as_str().unwrap();
    if kind == "inherit" {
        return Value::Null;
    }
    json!({"type": kind, kind: entries(&auth["credentials"])})
}
