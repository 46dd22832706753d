//! The plan of one operation: the arguments of its method in order, with their types and doc
//! lines, where its request goes, and the doc text of the method.

use std::collections::BTreeSet;

use super::docs::{arg_doc, code};
use super::errors::{OperationErrors, own_enum};
use super::hosts::ServerSetting;
use crate::infer::RustType;
use crate::infer::bodies::{BodyTypes, Payload, Success};
use crate::infer::media::FOLLOWED_REDIRECTS;
use crate::naming::operations::CLIENT_METHODS;
use crate::model::{AuthScheme, FormParam, Generated, Operation, RequestBody, Server};

/// The most form fields passed as separate arguments; past that they travel in a
/// `{Operation}Form` struct.
pub const POSITIONAL_FORM_FIELDS: usize = 3;

/// Everything emission needs to know about one operation.
#[derive(Debug, Clone)]
pub struct OperationPlan {
    /// The operation as the model has it, its example bodies dropped (they are typed already).
    pub operation: Operation,
    /// Index of its top-level folder in [`super::ApiPlan::folders`].
    pub folder: usize,
    /// The types of its bodies.
    pub bodies: BodyTypes,
    /// Where the request goes.
    pub target: Target,
    /// The method's arguments after `&self`, in order.
    pub args: Vec<Arg>,
    /// Whether form fields travel in a `{Operation}Form` struct rather than as arguments.
    pub form_struct: bool,
    /// Its error type: an enum with a variant for each documented non-2xx status but redirects
    /// reqwest follows, or an alias of an enum it shares ([`super::errors::share`]). `None`
    /// when it documents no error status: it shares the runtime's `Undocumented`.
    pub errors: Option<OperationErrors>,
    /// The name of the method that gives its success body as a stream, for an operation whose
    /// body is raw bytes (a download): `{fn_name}_stream`, set by [`name_stream_twins`].
    pub stream_fn: Option<String>,
    /// How it pages, when it does ([`super::pagination`]).
    pub pager: Option<super::pagination::Pager>,
}

/// Where an operation's request goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The client's base URL.
    BaseUrl,
    /// A host the user sets: the index of its [`ServerSetting`].
    Server(usize),
    /// The operation's own URL.
    Absolute(String),
}

/// One argument of an operation's method.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// The Rust name.
    pub name: String,
    /// Its type.
    pub ty: ArgType,
    /// Its line in the method's doc.
    pub doc: String,
}

/// The type of an [`Arg`].
#[derive(Debug, Clone, PartialEq)]
pub enum ArgType {
    /// `&str`: a path variable, a required header, a required form field.
    Str,
    /// `Option<&str>`: an optional header or form field.
    OptionalStr,
    /// `&crate::params::{name}`: the query struct.
    Query(String),
    /// `crate::params::{name}`: the form struct.
    Form(String),
    /// `&T`: a JSON body.
    Json(RustType),
    /// `impl Into<String>`: a text body.
    Text,
    /// `impl Into<reqwest::Body>`: a binary body.
    Binary,
    /// `serde_json::Value`: GraphQL variables.
    GraphQlVariables,
    /// `crate::FilePart`, or `Option<crate::FilePart>` when not `required`.
    File {
        /// Not `Option`.
        required: bool,
    },
}

impl OperationPlan {
    /// Plans `operation`, whose bodies were typed as `bodies`, in folder `folder`; `servers`
    /// are the API's host settings.
    pub fn new(
        mut operation: Operation,
        bodies: BodyTypes,
        folder: usize,
        servers: &[ServerSetting],
    ) -> Self {
        drop_example_bodies(&mut operation);
        let target = match &operation.server {
            Server::Default => Target::BaseUrl,
            // The model indexes its own server list, so a missing one does not happen; were it
            // to, the base URL is where the request went before hosts were told apart.
            Server::Variable(index) if *index < servers.len() => Target::Server(*index),
            Server::Variable(_) => Target::BaseUrl,
            Server::Absolute(url) => Target::Absolute(url.clone()),
        };
        let form_struct = match &operation.body {
            RequestBody::UrlEncoded(fields) | RequestBody::Multipart(fields) => {
                fields.len() > POSITIONAL_FORM_FIELDS
            }
            _ => false,
        };
        let args = arguments(&operation, &bodies, form_struct);
        let error_statuses: Vec<u16> = operation
            .responses
            .iter()
            .map(|group| group.status)
            .filter(|status| !(200..300).contains(status) && !FOLLOWED_REDIRECTS.contains(status))
            .collect();
        let errors = own_enum(&operation, &error_statuses, &bodies.errors).map(OperationErrors::Own);
        OperationPlan {
            errors,
            operation,
            folder,
            bodies,
            target,
            args,
            form_struct,
            stream_fn: None,
            pager: None,
        }
    }

    /// The method's doc text; `servers` are the API's host settings. Computed when the method
    /// is emitted rather than held: it repeats the item's description.
    pub fn doc(&self, servers: &[ServerSetting]) -> String {
        method_doc(&self.operation, &self.args, &self.target, servers)
    }

    /// The name of its error enum in the `errors` module; `None` when it documents no error
    /// status and shares the runtime's `Undocumented`.
    pub fn error_enum(&self) -> Option<&str> {
        self.errors.as_ref().map(OperationErrors::name)
    }

    /// The function name, without a raw identifier's `r#`.
    pub fn fn_name(&self) -> &str {
        self.operation.fn_name.trim_start_matches("r#")
    }

    /// The generated types the method's arguments name: what the client sends.
    pub fn sent_types(&self, out: &mut BTreeSet<String>) {
        for arg in &self.args {
            if let ArgType::Json(ty) = &arg.ty {
                ty.named_types(out);
            }
        }
    }

    /// The generated types its success responses decode into.
    pub fn success_types(&self, out: &mut BTreeSet<String>) {
        let mut payload = |payload: &Payload| {
            if let Payload::Json(ty) = payload {
                ty.named_types(out);
            }
        };
        match &self.bodies.success {
            Success::Empty => {}
            Success::One { payload: one, .. } => payload(one),
            Success::ByStatus(statuses) => statuses.iter().for_each(|(_, p)| payload(p)),
        }
    }

    /// The generated types its documented error bodies decode into.
    pub fn error_types(&self, out: &mut BTreeSet<String>) {
        for ty in self.bodies.errors.values() {
            ty.named_types(out);
        }
    }
}

/// Names the `_stream` twin of every operation whose success body is raw bytes:
/// `{fn_name}_stream`, or with a number after it when another method has that name.
pub fn name_stream_twins(plans: &mut [OperationPlan]) {
    let mut taken: BTreeSet<String> = plans
        .iter()
        .map(|plan| plan.fn_name().to_owned())
        .chain(CLIENT_METHODS.iter().map(|name| (*name).to_owned()))
        .collect();
    for plan in plans.iter_mut() {
        let bytes = matches!(
            plan.bodies.success,
            Success::One {
                payload: Payload::Bytes,
                ..
            }
        );
        if !bytes {
            continue;
        }
        let base = format!("{}_stream", plan.fn_name());
        let name = std::iter::once(base.clone())
            .chain((2..).map(|n| format!("{base}_{n}")))
            .find(|name| !taken.contains(name))
            .unwrap_or(base);
        taken.insert(name.clone());
        plan.stream_fn = Some(name);
    }
}

/// Example bodies are typed by now; holding them through emission was most of the model's
/// memory while the large modules were printed. Statuses and names stay.
pub(super) fn drop_example_bodies(operation: &mut Operation) {
    for group in &mut operation.responses {
        for example in &mut group.examples {
            example.body = crate::model::ExampleContent::Empty;
        }
    }
}

/// Path variables, the query struct, headers, then the body's arguments.
fn arguments(operation: &Operation, bodies: &BodyTypes, form_struct: bool) -> Vec<Arg> {
    let mut args = Vec::new();
    for param in &operation.path_params {
        args.push(Arg {
            name: param.rust_name.clone(),
            ty: ArgType::Str,
            doc: arg_doc(
                &param.rust_name,
                param.description.as_deref(),
                param.example.as_deref(),
            ),
        });
    }
    if !operation.query.is_empty() {
        let type_name = format!("{}Query", operation.type_name);
        args.push(Arg {
            name: "query".to_owned(),
            doc: format!(
                "* `query` — query parameters, see [`{type_name}`](crate::params::{type_name})."
            ),
            ty: ArgType::Query(type_name),
        });
    }
    for header in &operation.headers {
        let computed = computed(header.required, header.generated.as_ref());
        args.push(Arg {
            name: header.rust_name.clone(),
            ty: match header.required && computed.is_none() {
                true => ArgType::Str,
                false => ArgType::OptionalStr,
            },
            doc: with_computed(
                arg_doc(
                    &header.rust_name,
                    header.description.as_deref(),
                    header.example.as_deref(),
                ),
                computed,
            ),
        });
    }
    args.extend(body_arguments(operation, bodies, form_struct));
    args
}

fn body_arguments(operation: &Operation, bodies: &BodyTypes, form_struct: bool) -> Vec<Arg> {
    let body = |ty, doc: String| {
        vec![Arg {
            name: "body".to_owned(),
            ty,
            doc,
        }]
    };
    let json = || ArgType::Json(bodies.request.clone().unwrap_or(RustType::Value));
    match &operation.body {
        RequestBody::None => Vec::new(),
        RequestBody::Json { .. } => body(json(), "* `body` — the JSON request body.".to_owned()),
        RequestBody::FormAsJson(_) => body(
            json(),
            "* `body` — the request body, sent as JSON.".to_owned(),
        ),
        RequestBody::Text { content_type } => body(
            ArgType::Text,
            format!(
                "* `body` — the request body, sent as {}.",
                code(content_type)
            ),
        ),
        RequestBody::Binary { content_type } => body(
            ArgType::Binary,
            format!(
                "* `body` — the request body, sent as raw bytes ({}).",
                code(content_type)
            ),
        ),
        RequestBody::GraphQl { .. } => vec![Arg {
            name: "variables".to_owned(),
            ty: ArgType::GraphQlVariables,
            doc: "* `variables` — GraphQL variables for the collection's query.".to_owned(),
        }],
        RequestBody::UrlEncoded(fields) | RequestBody::Multipart(fields) if form_struct => {
            let type_name = format!("{}Form", operation.type_name);
            vec![Arg {
                name: "form".to_owned(),
                doc: format!(
                    "* `form` — the form fields, see [`{type_name}`](crate::params::{type_name})."
                ),
                ty: ArgType::Form(type_name),
            }]
        }
        RequestBody::UrlEncoded(fields) | RequestBody::Multipart(fields) => {
            fields.iter().map(form_field_argument).collect()
        }
    }
}

fn form_field_argument(field: &FormParam) -> Arg {
    let computed = computed(field.required, field.generated.as_ref());
    let ty = match (field.is_file, field.required && computed.is_none()) {
        (true, _) => ArgType::File {
            required: field.required,
        },
        (false, true) => ArgType::Str,
        (false, false) => ArgType::OptionalStr,
    };
    Arg {
        name: field.rust_name.clone(),
        ty,
        doc: with_computed(
            arg_doc(
                &field.rust_name,
                field.doc_text().as_deref(),
                field.example.as_deref(),
            ),
            computed,
        ),
    }
}

/// The value a sent parameter computes when the caller passes none: its saved value, when that
/// is made of Postman's dynamic variables (a disabled parameter is not sent at all).
pub fn computed(required: bool, generated: Option<&Generated>) -> Option<&Generated> {
    generated.filter(|_| required)
}

/// `doc`, saying what `None` sends when the parameter computes a value.
fn with_computed(doc: String, computed: Option<&Generated>) -> String {
    match computed {
        Some(generated) => format!(
            "{doc} (`None` sends a new {} on each call)",
            code(&generated.text())
        ),
        None => doc,
    }
}

/// The item's name and description, its method and path, where it goes when not to the base
/// URL, an auth it cannot perform, and its arguments.
fn method_doc(
    operation: &Operation,
    args: &[Arg],
    target: &Target,
    servers: &[ServerSetting],
) -> String {
    let mut text = operation.name.trim().to_owned();
    if let Some(description) = operation
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        text.push_str("\n\n");
        text.push_str(description.trim());
    }
    text.push_str(&format!(
        "\n\n{} · Postman: {}",
        code(&format!(
            "{} {}",
            operation.method,
            operation.path_template()
        )),
        operation.postman_path().replace('`', "'")
    ));
    if let Some(host) = host_doc(target, servers) {
        text.push_str("\n\n");
        text.push_str(&host);
    }
    if let AuthScheme::Unsupported { kind } = &operation.auth {
        text.push_str(&format!(
            "\n\nIts auth, {}, is one this client cannot perform: without a\n\
             [`Client::with_request_hook`](crate::Client::with_request_hook) to add the\n\
             credentials, the request goes out without them.",
            code(kind)
        ));
    }
    if !args.is_empty() {
        text.push_str("\n\n");
        let lines: Vec<&str> = args.iter().map(|arg| arg.doc.as_str()).collect();
        text.push_str(&lines.join("\n"));
    }
    text
}

/// Where the request goes, when that is not the base URL.
fn host_doc(target: &Target, servers: &[ServerSetting]) -> Option<String> {
    match target {
        Target::BaseUrl => None,
        Target::Server(index) => servers.get(*index).map(|server| {
            format!(
                "Sent to the host {}: see\n[`Client::with_{name}`](crate::Client::with_{name}).",
                code(&format!("{{{{{}}}}}", server.variable)),
                name = server.rust_name
            )
        }),
        Target::Absolute(url) => Some(format!("Sent to {}, not to the base URL.", code(url))),
    }
}
