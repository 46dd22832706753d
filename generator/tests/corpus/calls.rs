//! The mock calls of one generated crate: for every operation with examples, the generated
//! function called with the values saved in the request (path variables, query, headers, body)
//! against the mock of the collection, once per saved example, the example chosen with the
//! `x-mock-response-code` and `x-mock-response-name` headers. A success example must decode
//! into the function's type (and a JSON one serialize back to the example); an error example
//! must come back as `Error::Api` with the variant of its status.
//!
//! The calls are emitted with `quote!` into `tests/calls/mod.rs`, a module of the round-trip
//! test, so they build and run in the same `cargo test`. What each function takes and returns
//! is read from the plan it was emitted from, never from the emitted code.

use std::collections::{BTreeMap, BTreeSet};

use postman_codegen::Generated;
use postman_codegen::infer::bodies::{Payload, Success};
use postman_codegen::infer::media::{FOLLOWED_REDIRECTS, Media, declared_success};
use postman_codegen::model::status::variant_name;
use postman_codegen::model::{ExampleContent, FormParam, Operation, RequestBody, Server};
use postman_codegen::plan::operation::{ArgType, OperationPlan};
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

/// What the harness expects the calls of one crate to report, and what it leaves out.
#[derive(Debug, Default, Clone)]
pub struct Plan {
    /// Operations called.
    pub called: usize,
    /// Success examples checked.
    pub success: usize,
    /// Error examples checked.
    pub error: usize,
    /// Examples with a body declared JSON that does not parse: not called.
    pub invalid_json: usize,
    /// Examples with the same status and name as an earlier one of the item: the mock serves
    /// that one, so they are not called again.
    pub duplicate: usize,
    /// Examples an earlier item with the same method and path has too (same status and name):
    /// the mock serves that item's, so they are not called.
    pub shadowed: usize,
    /// Examples of a redirect reqwest follows (301, 302, 303, 307, 308): the caller sees where
    /// it leads, never the redirect, and the mock serves no target, so they are not called.
    pub redirects: usize,
    /// Operations not called, with the reason.
    pub not_called: Vec<String>,
}

impl Plan {
    /// Adds `other` to these counts.
    pub fn add(&mut self, other: &Plan) {
        self.called += other.called;
        self.success += other.success;
        self.error += other.error;
        self.invalid_json += other.invalid_json;
        self.duplicate += other.duplicate;
        self.shadowed += other.shadowed;
        self.redirects += other.redirects;
        self.not_called.extend(other.not_called.iter().cloned());
    }
}

/// `crate::x::Y` as the test crate names it: `::lib::x::Y`.
fn from_test(tokens: &TokenStream, lib: &str) -> TokenStream {
    let text = tokens
        .to_string()
        .replace("crate ::", &format!(":: {lib} ::"));
    text.parse().expect("the rewritten path parses")
}

/// The type of the argument at `position`, as the test crate names it: the query struct, the
/// form struct or the JSON body type the plan gave the function.
fn arg_type(plan: &OperationPlan, position: usize, lib: &str) -> Option<TokenStream> {
    let lib = format_ident!("{lib}");
    match &plan.args.get(position)?.ty {
        ArgType::Query(name) | ArgType::Form(name) => {
            let name = format_ident!("{name}");
            Some(quote!(::#lib::params::#name))
        }
        ArgType::Json(ty) => Some(from_test(&ty.to_token_stream(), &lib.to_string())),
        _ => None,
    }
}

fn text_value(example: Option<&str>) -> String {
    example.unwrap_or_default().to_owned()
}

/// The arguments of a form: positional, or one `{Operation}Form` struct.
fn form_args(fields: &[FormParam], form_type: Option<TokenStream>, lib: &str) -> Vec<TokenStream> {
    let lib_ident = format_ident!("{lib}");
    let value = |field: &FormParam, owned: bool| -> TokenStream {
        let base = if field.is_file {
            quote!(::#lib_ident::FilePart::bytes(::std::vec::Vec::new()))
        } else {
            let text = text_value(field.example.as_deref());
            if owned {
                quote!(::std::string::String::from(#text))
            } else {
                quote!(#text)
            }
        };
        // A computed value (`{{$guid}}`) is the client's to make: `None`.
        if field.required && !field.is_file && field.generated.is_some() {
            quote!(::std::option::Option::None)
        } else if field.required {
            base
        } else if field.is_file || field.example.is_some() {
            quote!(::std::option::Option::Some(#base))
        } else {
            quote!(::std::option::Option::None)
        }
    };
    match form_type {
        Some(ty) => {
            let members = fields.iter().map(|field| {
                let name: TokenStream = field.rust_name.parse().expect("a field name");
                let value = value(field, true);
                quote!(#name: #value)
            });
            vec![quote!(#ty { #(#members),* })]
        }
        _ => fields.iter().map(|field| value(field, false)).collect(),
    }
}

/// The call of one operation's function on `client`, or why it cannot be made.
fn call(operation: &Operation, plan: &OperationPlan, lib: &str) -> Result<TokenStream, String> {
    let mut exprs: Vec<TokenStream> = Vec::new();
    for param in &operation.path_params {
        let value = match param.example.as_deref() {
            Some(value) if !value.is_empty() => value.to_owned(),
            _ => "x".to_owned(),
        };
        exprs.push(quote!(#value));
    }
    if !operation.query.is_empty() {
        let ty =
            arg_type(plan, exprs.len(), lib).ok_or("the query argument is not where expected")?;
        let members = operation.query.iter().map(|q| {
            let name: TokenStream = q.rust_name.parse().expect("a field name");
            let value = if q.repeated {
                match q.example.as_deref() {
                    Some(v) => quote!(::std::vec![::std::string::String::from(#v)]),
                    None => quote!(::std::vec::Vec::new()),
                }
            } else if q.generated.is_some() {
                quote!(::std::option::Option::None)
            } else if q.required {
                let v = text_value(q.example.as_deref());
                quote!(::std::string::String::from(#v))
            } else {
                match q.example.as_deref() {
                    Some(v) => quote!(::std::option::Option::Some(::std::string::String::from(#v))),
                    None => quote!(::std::option::Option::None),
                }
            };
            quote!(#name: #value)
        });
        exprs.push(quote!(&#ty { #(#members),* }));
    }
    for header in &operation.headers {
        if header.name.to_ascii_lowercase().starts_with("x-mock-") {
            return Err(format!(
                "it sends the mock's own header `{}`, which would choose the example",
                header.name
            ));
        }
        let value = text_value(header.example.as_deref());
        if value.contains(['\r', '\n']) {
            return Err(format!(
                "the saved value of header `{}` holds a line break",
                header.name
            ));
        }
        exprs.push(if header.required && header.generated.is_some() {
            quote!(::std::option::Option::None)
        } else if header.required {
            quote!(#value)
        } else if header.example.is_some() {
            quote!(::std::option::Option::Some(#value))
        } else {
            quote!(::std::option::Option::None)
        });
    }
    let body_arg = arg_type(plan, exprs.len(), lib);
    match &operation.body {
        RequestBody::None => {}
        RequestBody::Json { sample } => {
            let json = match sample {
                Some(sample) => sample.to_string(),
                // The saved text does not parse; the function takes any `Value`.
                None => "null".to_owned(),
            };
            let ty = body_arg.ok_or("the body argument is not where expected")?;
            exprs.push(quote!(&::serde_json::from_str::<#ty>(#json).map_err(|e| ::std::format!("the saved request body does not deserialize: {e}"))?));
        }
        RequestBody::FormAsJson(fields) => {
            let object: serde_json::Map<String, serde_json::Value> = fields
                .iter()
                .filter_map(|f| Some((f.name.clone(), f.value.clone()?)))
                .collect();
            let json = serde_json::Value::Object(object).to_string();
            let ty = body_arg.ok_or("the body argument is not where expected")?;
            exprs.push(quote!(&::serde_json::from_str::<#ty>(#json).map_err(|e| ::std::format!("the saved form does not deserialize: {e}"))?));
        }
        // The model keeps no raw text of these; the mock does not read request bodies.
        RequestBody::Text { .. } => exprs.push(quote!("")),
        RequestBody::Binary { .. } => exprs.push(quote!(::std::vec::Vec::<u8>::new())),
        RequestBody::GraphQl { .. } => exprs.push(quote!(::serde_json::Value::Object(
            ::serde_json::Map::new()
        ))),
        RequestBody::UrlEncoded(fields) | RequestBody::Multipart(fields) => {
            let form_type = plan.form_struct.then_some(body_arg).flatten();
            exprs.extend(form_args(fields, form_type, lib));
        }
    }
    if exprs.len() != plan.args.len() {
        return Err(format!(
            "{} arguments built for a function of {}",
            exprs.len(),
            plan.args.len()
        ));
    }
    let name: TokenStream = operation.fn_name.parse().expect("a function name");
    Ok(quote!(client.#name(#(#exprs),*).await))
}

/// `tests/calls/mod.rs` of the crate `crate_name` (library `lib`), and what it should report.
pub fn test_module(crate_name: &str, lib: &str, generated: &Generated) -> (String, Plan) {
    let lib_ident = format_ident!("{lib}");
    let mut plan = Plan::default();
    let mut functions = Vec::new();
    let mut calls = Vec::new();
    // The examples of each route so far, by method and path with the parameters blanked.
    let mut routes: BTreeMap<(String, String), BTreeSet<(u16, String)>> = BTreeMap::new();
    let folded = |name: &str| name.split_whitespace().collect::<Vec<_>>().join(" ");

    let operations = generated.api.operations.iter().zip(&generated.plans);
    for (index, (operation, operation_plan)) in operations.enumerate() {
        let item = operation.postman_path();
        let route = (
            operation.method.clone(),
            blank_parameters(&operation.path_template()),
        );
        let earlier = routes.get(&route).cloned().unwrap_or_default();
        routes.entry(route).or_default().extend(
            operation
                .responses
                .iter()
                .flat_map(|g| g.examples.iter().map(|e| (g.status, folded(&e.name)))),
        );
        let examples: usize = operation.responses.iter().map(|g| g.examples.len()).sum();
        if examples == 0 {
            continue;
        }
        if operation.server != Server::Default {
            plan.not_called
                .push(format!("{item}: its host is not the base URL"));
            continue;
        }
        let call = match call(operation, operation_plan, lib) {
            Ok(call) => call,
            Err(why) => {
                plan.not_called.push(format!("{item}: {why}"));
                continue;
            }
        };

        // The examples to ask for: (status, name, expected JSON body of a success).
        let mut seen = BTreeSet::new();
        let mut table = Vec::new();
        for group in &operation.responses {
            for example in &group.examples {
                if FOLLOWED_REDIRECTS.contains(&group.status) {
                    plan.redirects += 1;
                    continue;
                }
                if matches!(example.body, ExampleContent::InvalidJson(_)) {
                    plan.invalid_json += 1;
                    continue;
                }
                let key = (group.status, folded(&example.name));
                if earlier.contains(&key) {
                    plan.shadowed += 1;
                    continue;
                }
                if !seen.insert(key) {
                    plan.duplicate += 1;
                    continue;
                }
                let json = match &example.body {
                    // A declared media (an `Accept` for a PDF) makes the example a placeholder.
                    ExampleContent::Json(json)
                        if group.is_success()
                            && !matches!(group.status, 204 | 205)
                            && declared_success(operation, Media::Json).is_none() =>
                    {
                        json.value().to_string()
                    }
                    _ => String::new(),
                };
                if group.is_success() {
                    plan.success += 1;
                } else {
                    plan.error += 1;
                }
                let (status, name) = (group.status, &example.name);
                table.push(quote!((#status, #name, #json)));
            }
        }
        if table.is_empty() {
            plan.not_called.push(format!(
                "{item}: every example is invalid JSON, a redirect reqwest follows, or served for an earlier item"
            ));
            continue;
        }
        plan.called += 1;

        // Success: the value, compared with the example's JSON when it has one.
        let success_check = if let Success::ByStatus(statuses) = &operation_plan.bodies.success {
            let enum_ident = format_ident!("{}Response", operation.type_name);
            let arms = statuses.iter().map(|(status, _)| {
                let variant = format_ident!("{}", variant_name(*status));
                quote! {
                    (#status, ::#lib_ident::responses::#enum_ident::#variant { .. }) => {
                        ::std::result::Result::Ok(())
                    }
                }
            });
            // Variants with a JSON payload are compared with the example.
            let json_arms = statuses
                .iter()
                .filter(|(_, payload)| matches!(payload, Payload::Json(_)))
                .map(|(status, _)| {
                    let variant = format_ident!("{}", variant_name(*status));
                    quote! {
                        (#status, ::#lib_ident::responses::#enum_ident::#variant(value)) if !expected.is_empty() => {
                            crate::mock_support::same_json(value, expected)
                        }
                    }
                });
            quote! {
                match (status, &value) {
                    #(#json_arms)*
                    #(#arms)*
                    _ => ::std::result::Result::Err(::std::format!("came back as {value:?}")),
                }
            }
        } else {
            quote! {
                if expected.is_empty() {
                    ::std::result::Result::Ok(())
                } else {
                    crate::mock_support::same_json(&value, expected)
                }
            }
        };

        // Error: `Error::Api` with the variant of the status.
        let error_type = format!("{}Error", operation.type_name);
        let error_groups: Vec<u16> = operation
            .responses
            .iter()
            .filter(|g| !g.is_success() && !FOLLOWED_REDIRECTS.contains(&g.status))
            .map(|g| g.status)
            .collect();
        let api_arm = if error_groups.is_empty() {
            TokenStream::new()
        } else {
            let enum_ident = format_ident!("{error_type}");
            let arms = error_groups.iter().map(|status| {
                let variant = format_ident!("{}", variant_name(*status));
                quote!(::#lib_ident::errors::#enum_ident::#variant(_) => #status,)
            });
            quote! {
                ::std::result::Result::Err(::#lib_ident::Error::Api { status: got, error, .. }) => {
                    let variant: u16 = match &error {
                        #(#arms)*
                    };
                    if (200..300).contains(&status) {
                        ::std::result::Result::Err(::std::format!("came back as an error, HTTP {got}"))
                    } else if got == status && variant == status {
                        ::std::result::Result::Ok(())
                    } else {
                        ::std::result::Result::Err(::std::format!("came back as HTTP {got}, {error:?}"))
                    }
                }
            }
        };

        let function = format_ident!("operation_{index}");
        functions.push(quote! {
            async fn #function(url: &str, report: &mut crate::mock_support::Report) {
                const EXAMPLES: &[(u16, &str, &str)] = &[#(#table),*];
                report.called += 1;
                for &(status, name, expected) in EXAMPLES {
                    let _ = expected;
                    let client = ::#lib_ident::Client::with_http_client(
                        url,
                        crate::mock_support::http_client(status, name),
                    );
                    let outcome = async {
                        let result = #call;
                        match result {
                            ::std::result::Result::Ok(response) if (200..300).contains(&status) => {
                                // A reference: the body may be `()`.
                                let value = &*response;
                                #success_check
                            }
                            ::std::result::Result::Ok(value) => {
                                ::std::result::Result::Err(::std::format!("came back as a success: {}", crate::mock_support::short(::std::format!("{value:?}"))))
                            }
                            #api_arm
                            ::std::result::Result::Err(other) => {
                                ::std::result::Result::Err(crate::mock_support::short(::std::format!("{other:?}")))
                            }
                        }
                    }
                    .await;
                    report.check(#item, status, name, outcome);
                }
            }
        });
        calls.push(quote!(|url, report| ::std::boxed::Box::pin(#function(url, report))));
    }

    let tokens = quote! {
        //! Every operation with examples called against the collection's mock, once per
        //! example. Written by the corpus harness of postman-codegen.

        #(#functions)*

        /// One operation's calls, boxed.
        type Calls = for<'a> fn(
            &'a str,
            &'a mut crate::mock_support::Report,
        ) -> ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = ()> + 'a>>;

        /// Every operation's calls. Awaited one by one from a list: a few hundred futures
        /// inline would overflow the test's stack, and as many `.await`s in `run` made a debug
        /// frame of over a megabyte, most of the test thread's stack.
        const OPERATIONS: &[Calls] = &[#(#calls),*];

        /// Calls every operation; prints the report and returns the misses.
        pub async fn run(url: &str) -> ::std::vec::Vec<::std::string::String> {
            let mut report = crate::mock_support::Report::default();
            for operation in OPERATIONS {
                operation(url, &mut report).await;
            }
            report.print(#crate_name);
            report.misses
        }
    };
    let file: syn::File = syn::parse2(tokens).expect("the calls module parses");
    (prettyplease::unparse(&file), plan)
}

/// `/a/{id}/b` → `/a/{}/b`: routes that differ only in parameter names are the same route.
fn blank_parameters(template: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for c in template.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

/// The report and miss words of `mock_support.rs` (which the harness does not build: it needs
/// the generated crates' reqwest features).
pub const REPORT: &str = "corpus-calls:";
/// See [`REPORT`].
pub const MISS: &str = "corpus-calls-miss:";

/// The environment variable with the mock URL of `crate_name`, as `mock_support.rs` reads it.
pub fn url_variable(crate_name: &str) -> String {
    format!(
        "CORPUS_MOCK_URL_{}",
        crate_name.to_ascii_uppercase().replace('-', "_")
    )
}

/// The tokio dev-dependency the calls need, added to a generated crate's `Cargo.toml`.
pub fn with_dev_dependencies(manifest: &str) -> String {
    format!("{manifest}\n[dev-dependencies]\ntokio = {{ version = \"1\", features = [\"rt\"] }}\n")
}

/// Mock servers for the corpus, running on a thread of their own until dropped.
pub struct Mocks {
    /// The environment variable and URL of each mock.
    pub urls: Vec<(String, String)>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Mocks {
    /// Starts one mock per `(crate name, collection, overrides)`; the errors of those that
    /// cannot start.
    pub fn start(
        collections: Vec<(String, std::path::PathBuf, Option<std::path::PathBuf>)>,
    ) -> (Mocks, Vec<String>) {
        use postman_codegen::mock::{MockOptions, MockServer};
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("the runtime builds");
            runtime.block_on(async move {
                let mut running = Vec::new();
                let (mut urls, mut errors) = (Vec::new(), Vec::new());
                for (name, path, overrides) in collections {
                    let options = MockOptions {
                        overrides,
                        ..MockOptions::default()
                    };
                    match MockServer::start(&path, options).await {
                        Ok(mock) => {
                            urls.push((url_variable(&name), mock.url()));
                            running.push(mock);
                        }
                        Err(error) => {
                            errors.push(format!("{name}: the mock does not start: {error}"))
                        }
                    }
                }
                let _ = ready_tx.send((urls, errors));
                let _ = stopped.await;
                for mock in running {
                    mock.shutdown().await;
                }
            });
        });
        let (urls, errors) = ready_rx.recv().expect("the mock thread reports");
        (
            Mocks {
                urls,
                stop: Some(stop),
                thread: Some(thread),
            },
            errors,
        )
    }
}

impl Drop for Mocks {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
