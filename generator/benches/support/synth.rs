//! Deterministic synthetic Postman collections of any size, for the scaling benchmarks.
//!
//! Real collections top out around a thousand requests; users run the generator on APIs with
//! tens of thousands. These collections imitate the real ones in the bundled corpus (GitHub's in
//! particular) so the per-request cost is representative: nested folders, path variables, query
//! parameters with descriptions, raw JSON / form / urlencoded bodies, and saved examples (2xx and
//! error statuses) whose JSON bodies share some shapes and differ in others.
//!
//! Bodies are drawn from a pool of [`SCHEMAS_PER_TOP`] object schemas per top-level folder, as
//! real APIs return a limited set of resources (GitHub: 454 structs for 623 requests); some
//! instances leave a field out, so inference has optional fields to merge. A fresh random shape
//! per body would make ten times more types per request than any real collection.
//!
//! The same `requests` always gives byte-identical output: a fixed-seed SplitMix64 drives every
//! choice, and nothing reads the clock or the environment. A 10k collection is not ten copies
//! of a 1k one: each top-level folder has its own schemas, so the type count grows with size.

use std::fmt::Write;

/// Requests per innermost folder, and innermost folders per top-level folder: a 50k collection
/// has 100 top-level folders (cargo features, operation modules) of 500 requests.
const PER_FOLDER: usize = 50;
const FOLDERS_PER_TOP: usize = 10;
/// Distinct body schemas per top-level folder (500 requests).
const SCHEMAS_PER_TOP: u64 = 60;

/// Words for resources, fields and values; varied enough that shapes differ.
const WORDS: &[&str] = &[
    "account",
    "address",
    "amount",
    "archived",
    "author",
    "avatar",
    "balance",
    "branch",
    "budget",
    "campaign",
    "category",
    "channel",
    "city",
    "comment",
    "commit",
    "company",
    "contact",
    "country",
    "coupon",
    "created",
    "currency",
    "customer",
    "deadline",
    "device",
    "discount",
    "domain",
    "email",
    "event",
    "expires",
    "feature",
    "file",
    "group",
    "hook",
    "invoice",
    "issue",
    "label",
    "language",
    "license",
    "location",
    "member",
    "message",
    "milestone",
    "note",
    "order",
    "owner",
    "package",
    "page",
    "payment",
    "phone",
    "plan",
    "price",
    "project",
    "quota",
    "release",
    "repo",
    "report",
    "review",
    "role",
    "schedule",
    "scope",
    "secret",
    "session",
    "shipment",
    "status",
    "subscription",
    "tag",
    "team",
    "ticket",
    "token",
    "topic",
    "updated",
    "user",
    "vendor",
    "version",
    "webhook",
    "workflow",
    "zone",
];

const METHODS: &[&str] = &["GET", "GET", "GET", "POST", "PUT", "PATCH", "DELETE"];

/// SplitMix64: tiny, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

/// A Postman v2.1 collection with `requests` request items, as JSON text.
pub fn collection(requests: usize) -> String {
    let mut rng = Rng(0x5EED_0000 + requests as u64);
    let mut out = String::with_capacity(requests * 2600);
    out.push_str(concat!(
        r#"{"info":{"name":"Synthetic API","description":"Generated for benchmarks.","#,
        r#""schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"#,
        r#""auth":{"type":"bearer","bearer":[{"key":"token","value":"{{token}}","type":"string"}]},"#,
        r#""variable":[{"key":"baseUrl","value":"https://api.example.com/v1"}],"item":["#
    ));
    let folders = requests.div_ceil(PER_FOLDER);
    let tops = folders.div_ceil(FOLDERS_PER_TOP);
    let mut made = 0;
    for top in 0..tops {
        if top > 0 {
            out.push(',');
        }
        write!(out, r#"{{"name":"{}-{top}","item":["#, rng.word()).unwrap();
        for sub in 0..FOLDERS_PER_TOP {
            if made == requests {
                break;
            }
            if sub > 0 {
                out.push(',');
            }
            let resource = rng.word();
            write!(out, r#"{{"name":"{resource}s {sub}","item":["#).unwrap();
            let count = PER_FOLDER.min(requests - made);
            for index in 0..count {
                if index > 0 {
                    out.push(',');
                }
                request(&mut rng, &mut out, resource, top as u64, made + index);
            }
            made += count;
            out.push_str("]}");
        }
        out.push_str("]}");
    }
    out.push_str("]}");
    out
}

/// One request item. About one name in twenty repeats within its folder, as in real
/// collections, so the naming code's collision handling is exercised.
fn request(rng: &mut Rng, out: &mut String, resource: &str, top: u64, number: usize) {
    let method = METHODS[rng.below(METHODS.len())];
    let action = rng.word();
    let name = if rng.chance(5) {
        format!("{method} {resource}")
    } else {
        format!("{method} {resource} {action} {number}")
    };
    let has_id = rng.chance(70);
    let id_segment = if has_id { r#"":id","# } else { "" };
    let path = format!(r#""{resource}s",{id_segment}"{action}""#);
    let raw_path = format!("{resource}s/{}{action}", if has_id { ":id/" } else { "" });
    let query: Vec<String> = (0..rng.below(4))
        .map(|i| format!("{}_{i}", rng.word()))
        .collect();
    let raw_query: String = query
        .iter()
        .map(|key| format!("{key}=1"))
        .collect::<Vec<_>>()
        .join("&");

    write!(
        out,
        r#"{{"name":"{name}","request":{{"method":"{method}","header":[{{"key":"Accept","value":"application/json"}}"#
    )
    .unwrap();
    if rng.chance(20) {
        write!(
            out,
            r#",{{"key":"X-{}-Id","value":"abc"}}"#,
            capitalize(rng.word())
        )
        .unwrap();
    }
    write!(
        out,
        r#"],"url":{{"raw":"{{{{baseUrl}}}}/{raw_path}{}{raw_query}","host":["{{{{baseUrl}}}}"],"path":[{path}]"#,
        if query.is_empty() { "" } else { "?" }
    )
    .unwrap();
    if !query.is_empty() {
        out.push_str(r#","query":["#);
        for (i, key) in query.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write!(
                out,
                r#"{{"key":"{key}","value":"1","description":"How many {}s to return."}}"#,
                rng.word()
            )
            .unwrap();
        }
        out.push(']');
    }
    if has_id {
        out.push_str(
            r#","variable":[{"key":"id","value":"42","description":"(Required) The id."}]"#,
        );
    }
    out.push('}');
    if matches!(method, "POST" | "PUT" | "PATCH") {
        body(rng, out, top);
    }
    write!(
        out,
        r#","description":"{method}s a {resource}. Anyone with access to the {action} can use this endpoint.""#
    )
    .unwrap();
    out.push_str(r#"},"response":["#);
    example(rng, out, top, &name, 200, "OK");
    if rng.chance(40) {
        out.push(',');
        error_example(rng, out, &name);
    }
    if rng.chance(10) {
        out.push(',');
        example(rng, out, top, &name, 201, "Created");
    }
    out.push_str("]}");
}

/// A request body: mostly raw JSON, sometimes urlencoded or multipart form data.
fn body(rng: &mut Rng, out: &mut String, top: u64) {
    match rng.below(10) {
        0 => {
            out.push_str(r#","body":{"mode":"urlencoded","urlencoded":["#);
            form_fields(rng, out, "text");
            out.push_str("]}");
        }
        1 => {
            out.push_str(r#","body":{"mode":"formdata","formdata":["#);
            form_fields(rng, out, "text");
            out.push_str(r#",{"key":"upload","type":"file","src":[]}]}"#);
        }
        _ => {
            let mut json = String::new();
            instance(rng, &mut json, top);
            write!(
                out,
                r#","body":{{"mode":"raw","raw":{},"options":{{"raw":{{"language":"json"}}}}}}"#,
                quote(&json)
            )
            .unwrap();
        }
    }
}

fn form_fields(rng: &mut Rng, out: &mut String, kind: &str) {
    for i in 0..1 + rng.below(5) {
        if i > 0 {
            out.push(',');
        }
        write!(
            out,
            r#"{{"key":"{}_{i}","value":"{}","type":"{kind}","description":"The {}."}}"#,
            rng.word(),
            rng.below(1000),
            rng.word()
        )
        .unwrap();
    }
}

/// A saved example with a JSON body; a third of them are lists.
fn example(rng: &mut Rng, out: &mut String, top: u64, name: &str, code: u16, status: &str) {
    let mut json = String::new();
    if rng.chance(33) {
        json.push('[');
        for i in 0..1 + rng.below(3) {
            if i > 0 {
                json.push(',');
            }
            instance(rng, &mut json, top);
        }
        json.push(']');
    } else {
        instance(rng, &mut json, top);
    }
    write!(
        out,
        r#"{{"name":"{name} {code}","originalRequest":{{"method":"GET","header":[],"url":{{"raw":"{{{{baseUrl}}}}/x"}}}},"status":"{status}","code":{code},"_postman_previewlanguage":"json","header":[{{"key":"Content-Type","value":"application/json"}}],"cookie":[],"body":{}}}"#,
        quote(&json)
    )
    .unwrap();
}

/// An object of one of the top-level folder's schemas; one in five leaves a field out.
fn instance(rng: &mut Rng, out: &mut String, top: u64) {
    let schema = (top << 32) | (rng.next() % SCHEMAS_PER_TOP);
    let skip = rng.chance(20).then(|| rng.below(3));
    object(&mut Rng(schema), out, 2, skip);
}

/// A 4xx example with the common `{message, documentation_url}` error body.
fn error_example(rng: &mut Rng, out: &mut String, name: &str) {
    let (code, status) = [
        (400, "Bad Request"),
        (404, "Not Found"),
        (422, "Unprocessable Entity"),
    ][rng.below(3)];
    let json = format!(
        r#"{{"message":"{status}","documentation_url":"https://docs.example.com/{}"}}"#,
        rng.word()
    );
    write!(
        out,
        r#"{{"name":"{name} {code}","status":"{status}","code":{code},"_postman_previewlanguage":"json","header":[{{"key":"Content-Type","value":"application/json"}}],"body":{}}}"#,
        quote(&json)
    )
    .unwrap();
}

/// A JSON object of 2–9 fields: strings, integers, floats, booleans, nulls, lists, and nested
/// objects down to `depth`. `rng` seeded alike gives the same object; `skip` leaves out one
/// top-level field (its key still consumes the same random numbers, so the rest is unchanged).
fn object(rng: &mut Rng, out: &mut String, depth: u32, skip: Option<usize>) {
    out.push('{');
    let fields = 2 + rng.below(8);
    let mut first = true;
    for i in 0..fields {
        let mut field = String::new();
        let key = rng.word();
        write!(field, r#""{key}_{}":"#, i % 3).unwrap();
        match rng.below(if depth > 0 { 9 } else { 7 }) {
            0 | 1 => write!(field, r#""{} {}""#, rng.word(), rng.below(100)).unwrap(),
            2 => write!(field, "{}", rng.below(100_000)).unwrap(),
            3 => write!(field, "{}.{}", rng.below(1000), rng.below(100)).unwrap(),
            4 => field.push_str(if rng.chance(50) { "true" } else { "false" }),
            5 => field.push_str("null"),
            6 => write!(field, r#"["{}","{}"]"#, rng.word(), rng.word()).unwrap(),
            _ => object(rng, &mut field, depth - 1, None),
        }
        if skip == Some(i) {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&field);
    }
    out.push('}');
}

/// `text` as a JSON string literal (bodies are JSON inside JSON).
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4 + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
