//! The `postman-codegen` command as a user runs it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postman-codegen"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

#[test]
fn malformed_collection_fails_cleanly() {
    let output = run(&[
        "generate",
        "collections/invalid/twilio-malformed.postman_collection.json",
        "--out",
        "target/never-written",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    insta::assert_snapshot!("malformed_twilio", stderr);
    assert!(!root().join("target/never-written").exists());
}

#[test]
fn a_bad_override_points_at_its_line() {
    let dir = tempfile_dir("bad-override");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bad.toml"),
        "[[item]]\nmatch = \"/todos\"\nrename = \"List Todos\"\n",
    )
    .unwrap();
    let path = dir.join("bad.toml");
    let path = path.to_str().unwrap();
    let output = run(&[
        "inspect",
        "collections/todo.postman_collection.json",
        "--config",
        path,
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    // The snapshot must not hold this machine's path.
    let stderr = stderr.replace(path, "bad.toml");
    insta::assert_snapshot!("bad_override", stderr);
}

#[test]
fn check_reports_a_stale_crate_and_exit_code_1() {
    let out = tempfile_dir("check-stale");
    let collection = "collections/todo.postman_collection.json";
    let generate = run(&[
        "generate",
        collection,
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(
        generate.status.success(),
        "{}",
        String::from_utf8_lossy(&generate.stderr)
    );
    let fresh = run(&[
        "generate",
        collection,
        "--out",
        out.to_str().unwrap(),
        "--check",
    ]);
    assert_eq!(fresh.status.code(), Some(0));

    let lib = out.join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, text.replace("pub mod types;", "pub mod typos;")).unwrap();
    let stale = run(&[
        "generate",
        collection,
        "--out",
        out.to_str().unwrap(),
        "--check",
    ]);
    let stderr = String::from_utf8_lossy(&stale.stderr);
    assert_eq!(stale.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("changed: src/lib.rs"), "{stderr}");
    assert_ne!(
        std::fs::read_to_string(&lib).unwrap(),
        text,
        "--check must not write"
    );
}

/// `--blocking` is what makes the blocking golden crate: `check` finds it fresh with the flag
/// and stale (async code) without.
#[test]
fn check_with_blocking_matches_the_blocking_golden_crate() {
    let args = [
        "check",
        "tests/fixtures/wire.postman_collection.json",
        "--out",
        "tests/golden/wire-blocking",
        "--crate-name",
        "wire-blocking",
        "--quiet",
    ];
    let blocking = run(&[&args[..], &["--blocking"]].concat());
    let stderr = String::from_utf8_lossy(&blocking.stderr);
    assert_eq!(blocking.status.code(), Some(0), "{stderr}");

    let not_blocking = run(&args);
    let stderr = String::from_utf8_lossy(&not_blocking.stderr);
    assert_eq!(not_blocking.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("changed: src/runtime.rs"), "{stderr}");
}

#[test]
fn field_policies_from_the_command_line() {
    let dir = tempfile_dir("field-policies");
    let types = |flags: &[&str]| {
        let out = dir.join(flags.join("_"));
        let out = out.to_str().unwrap();
        let mut args = vec![
            "generate",
            "collections/todo.postman_collection.json",
            "--out",
            out,
            "--quiet",
        ];
        args.extend(flags);
        let output = run(&args);
        assert!(output.status.success(), "{output:?}");
        std::fs::read_to_string(Path::new(out).join("src/types.rs")).unwrap()
    };
    // The 404 body has its `error` in every sample; the todo's fields are sent too.
    let default = types(&[]);
    assert!(default.contains("pub error: Option<String>,"));
    let observed = types(&[
        "--response-fields",
        "observed",
        "--request-fields",
        "observed",
    ]);
    assert!(observed.contains("pub error: String,"), "{observed}");
    assert!(observed.contains("pub completed: bool,"), "{observed}");
}

#[test]
fn help_shows_commands_examples_and_exit_codes() {
    let output = run(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!("help", String::from_utf8_lossy(&output.stdout));
    for command in ["generate", "check", "inspect", "mock"] {
        let output = run(&[command, "--help"]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("Examples:"), "{command}: {stdout}");
        insta::assert_snapshot!(format!("help_{command}"), stdout);
    }
}

#[test]
fn inspect_lists_every_item_with_its_function() {
    let output = run(&["inspect", "collections/todo.postman_collection.json"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    insta::assert_snapshot!("inspect_todo", stdout);
}

#[test]
fn inspect_finds_an_item_and_shows_its_warnings() {
    let output = run(&[
        "inspect",
        "collections/zoom-seed.postman_collection.json",
        "--find",
        "VIRTUAL background",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    let functions: Vec<&str> = stdout
        .lines()
        .filter_map(|line| line.strip_prefix("  fn "))
        .collect();
    assert!(functions.len() >= 3, "{stdout}");
    assert!(
        functions.iter().all(|f| f.contains("virtual_background")),
        "{stdout}"
    );
    // Without overrides, Zoom's upload field (declared text, described as the file's path) is
    // a file part, and the line under it says why.
    assert!(
        stdout.contains(
            "  file   file → file\n         a file part: declared `text`, but its description says it holds a file path (\"Provide the file's path here.\"); `text_fields = [\"file\"]` sends text\n"
        ),
        "{stdout}"
    );
    let with_overrides = run(&[
        "inspect",
        "collections/zoom-seed.postman_collection.json",
        "--config",
        "collections/zoom.overrides.toml",
        "--find",
        "upload",
    ]);
    let stdout = String::from_utf8_lossy(&with_overrides.stdout);
    assert!(stdout.contains("file   file → file"), "{stdout}");
    assert!(!stdout.contains("form   file → file"), "{stdout}");
}

#[test]
fn check_prints_a_short_diff_and_quiet_hides_warnings() {
    let dir = tempfile_dir("check-diff");
    // An override that matches nothing: one warning to show or hide.
    std::fs::create_dir_all(&dir).unwrap();
    let overrides = dir.join("typo.toml");
    std::fs::write(&overrides, "[[item]]\nmatch = \"No such item\"\n").unwrap();
    let overrides = overrides.to_str().unwrap();
    let out = dir.join("crate");
    let out = out.to_str().unwrap();
    let collection = "collections/zoom-seed.postman_collection.json";
    let args = |command: &'static str, extra: &'static str| -> Vec<&str> {
        let mut args = vec![command, collection, "--out", out, "--config", overrides];
        if !extra.is_empty() {
            args.push(extra);
        }
        args
    };
    assert!(run(&args("generate", "--quiet")).status.success());
    let lib = Path::new(out).join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, text.replace("pub mod types;", "pub mod typos;")).unwrap();

    let stale = run(&args("check", ""));
    let stderr = String::from_utf8_lossy(&stale.stderr);
    assert_eq!(stale.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("changed: src/lib.rs"), "{stderr}");
    assert!(
        stderr.contains("-pub mod typos;") && stderr.contains("+pub mod types;"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: overrides: `match = \"No such item\"` matches no item"),
        "warnings shown by default: {stderr}"
    );

    let quiet = run(&args("check", "--quiet"));
    let stderr = String::from_utf8_lossy(&quiet.stderr);
    assert_eq!(quiet.status.code(), Some(1));
    assert!(!stderr.contains("warning:"), "{stderr}");
    assert!(
        stderr.contains("out of date"),
        "the verdict stays: {stderr}"
    );

    let verbose = run(&args("generate", "--verbose"));
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    assert!(stderr.contains("changed: src/lib.rs"), "{stderr}");
    assert!(stderr.contains("1 changed"), "{stderr}");
    assert_eq!(run(&args("check", "")).status.code(), Some(0));
}

/// A child process killed when dropped, so that a failed assertion leaves no server running.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A GET over a plain `TcpStream` (HTTP/1.1, `Connection: close`): the status line and the body.
fn http_get(addr: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
    (head.lines().next().unwrap().to_owned(), body.to_owned())
}

/// Starts `postman-codegen mock <collection> --port 0`; the child and the address it printed.
fn start_mock(collection: &str) -> (KillOnDrop, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_postman-codegen"))
        .args(["mock", collection, "--port", "0"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = KillOnDrop(child);
    let mut stdout = BufReader::new(child.0.stdout.take().unwrap());
    // The first line of stdout is the URL, printed once listening; read it on a thread so that
    // a server that never gets there fails the test instead of hanging it.
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = stdout.read_line(&mut line);
        let _ = sender.send(line);
    });
    let line = receiver
        .recv_timeout(Duration::from_secs(60))
        .expect("the mock prints its URL");
    let addr = line
        .trim()
        .strip_prefix("http://")
        .unwrap_or_else(|| panic!("not a URL: {line:?}"))
        .to_owned();
    (child, addr)
}

#[test]
fn mock_serves_the_saved_examples_on_the_printed_url() {
    let (mut child, addr) = start_mock("collections/todo.postman_collection.json");
    let addr = addr.as_str();
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    assert!(!addr.ends_with(":0"), "the actual port: {addr}");

    let (status, body) = http_get(addr, "/todos/1");
    assert_eq!(status, "HTTP/1.1 200 OK");
    let collection: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("collections/todo.postman_collection.json")).unwrap(),
    )
    .unwrap();
    let saved = collection["item"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| {
            item["request"]["method"] == "GET"
                && item["request"]["url"]["raw"] == "{{url}}/todos/:id"
        })
        .expect("the item GET /todos/:id")["response"]
        .as_array()
        .unwrap()
        .iter()
        .find(|example| example["code"] == 200)
        .expect("its 200 example")["body"]
        .clone();
    assert_eq!(body, saved.as_str().unwrap());

    // The request log goes to stderr, after the route count.
    child.0.kill().unwrap();
    child.0.wait().unwrap();
    let mut stderr = String::new();
    child
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.contains("serving 6 routes from "), "{stderr}");
    assert!(
        stderr.contains("GET /todos/1 → 200 GET /todos/{id} «200 OK»"),
        "{stderr}"
    );
}

#[test]
fn mock_errors_exit_2_with_the_same_reports() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = run(&[
        "mock",
        "collections/todo.postman_collection.json",
        "--port",
        &port,
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "no URL before listening");

    let malformed = run(&[
        "mock",
        "collections/invalid/twilio-malformed.postman_collection.json",
    ]);
    assert_eq!(malformed.status.code(), Some(2));
    insta::assert_snapshot!(
        "malformed_twilio",
        String::from_utf8_lossy(&malformed.stderr)
    );
}

fn tempfile_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn every_command_takes_a_v3_collection_folder() {
    let out = tempfile_dir("v3-library-client");
    let out = out.to_str().unwrap();
    let collection = "collections/v3/library-api";
    let environment = "collections/v3/environments/Library API Environment.environment.yaml";
    let generate = run(&[
        "generate",
        collection,
        "--out",
        out,
        "--environment",
        environment,
    ]);
    let stderr = String::from_utf8_lossy(&generate.stderr);
    assert_eq!(generate.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("scripts (`scripts`) in 7 places, first in the collection"),
        "{stderr}"
    );
    let runtime = std::fs::read_to_string(Path::new(out).join("src/runtime.rs")).unwrap();
    assert!(
        runtime.contains("http://localhost:4500"),
        "the environment's base URL"
    );
    let check = run(&[
        "check",
        collection,
        "--out",
        out,
        "--environment",
        environment,
    ]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let inspect = run(&["inspect", collection, "--find", "get book"]);
    let stdout = String::from_utf8_lossy(&inspect.stdout);
    assert!(stdout.starts_with("Library API: 1 item\n"), "{stdout}");
    assert!(
        stdout.contains("fn get_book() -> Result<Response<types::Book>"),
        "{stdout}"
    );

    let (_child, addr) = start_mock(collection);
    let (status, body) = http_get(&addr, "/books/1");
    assert_eq!(status, "HTTP/1.1 200 OK");
    let saved = std::fs::read_to_string(root().join(
        "collections/v3/library-api/.resources/Get Book.resources/examples/Get Book Example.example.yaml",
    ))
    .unwrap();
    assert!(body.contains("\"title\": \"The Great Gatsby\""), "{body}");
    assert!(saved.contains("The Great Gatsby"));
}

#[test]
fn a_v3_definition_of_the_wrong_shape_is_an_error_at_its_line() {
    let dir = tempfile_dir("v3-bad-definition");
    let collection = dir.join("Library API");
    std::fs::create_dir_all(collection.join(".resources")).unwrap();
    std::fs::write(
        collection.join(".resources/definition.yaml"),
        "$kind: collection\nname: Library API\nauth:\n  type: bearer\n  credentials:\n    - token\n",
    )
    .unwrap();
    std::fs::write(
        collection.join("Get Book.request.yaml"),
        "url: '{{baseUrl}}/books/1'\n",
    )
    .unwrap();
    let output = run(&["inspect", collection.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    // The snapshot must not hold this machine's path.
    let stderr = stderr.replace(dir.to_str().unwrap(), "<tmp>");
    insta::assert_snapshot!("v3_bad_definition", stderr);
}

#[test]
fn inspect_into_a_reader_that_stops_early_is_no_failure() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_postman-codegen"))
        .args([
            "inspect",
            "../collections/github-v3.postman_collection.json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut first = String::new();
    let stdout = child.stdout.take().expect("piped");
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("a first line");
    // The reader is gone: the rest of the report meets a closed pipe, as after `| head -1`.
    let output = child.wait_with_output().expect("the binary ends");
    assert_eq!(first, "GitHub v3 REST API: 623 items\n");
    assert!(
        output.status.success(),
        "{:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}
