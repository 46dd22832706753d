//! One method on `Client` per operation, a plain `fn` in both clients: it starts the request
//! where the operation goes, adds its parameters and body to it, and hands it to `send`
//! (whose `Pending` the async client awaits). The arguments, their docs and where the request
//! goes are the plan's; this is their code.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc;
use super::params::{form_body, query_struct};
use super::responses::SuccessCode;
use super::runtime::FlavorTokens;
use super::runtime::dynamic;
use super::types::TypePaths;
use crate::infer::bodies::{Payload, Success};
use crate::model::{AuthScheme, Operation, PathPiece, RequestBody};
use crate::naming::{Scope, ident};
use crate::plan::needs::{Flavor, RuntimeNeeds};
use crate::plan::operation::{ArgType, OperationPlan, Target, computed};

/// The method of one operation and the items it adds to the `params` module.
pub struct OperationCode {
    /// The `pub fn`s inside `impl Client`: the operation and its `_stream` twin.
    pub method: TokenStream,
    /// Parameter structs for the `params` module.
    pub params: TokenStream,
}

/// What an operation adds to the request it started.
enum Step {
    /// A call on the request that cannot fail: `.query(query)`.
    Chained(TokenStream),
    /// The request anew: the `prelude` statements, then `request`, an expression of the
    /// request so far. `fallible` when either has a `?`.
    Rebound {
        prelude: TokenStream,
        request: TokenStream,
        fallible: bool,
    },
}

impl Step {
    /// The request anew as `request`, which cannot fail.
    fn rebound(request: TokenStream) -> Step {
        Step::expression(request, false)
    }

    /// The request anew as `request`, which has a `?`.
    fn fallible(request: TokenStream) -> Step {
        Step::expression(request, true)
    }

    fn expression(request: TokenStream, fallible: bool) -> Step {
        let prelude = TokenStream::new();
        Step::Rebound {
            prelude,
            request,
            fallible,
        }
    }
}

/// The names the method binds as it builds and sends the request: `path`, `request` and
/// `call`, or the first free one (`path_2`) where an argument has that name, so that arguments
/// keep the names of their parameters.
struct Locals {
    path: Ident,
    request: Ident,
    call: Ident,
}

impl Locals {
    fn of(plan: &OperationPlan) -> Locals {
        let [path, request, call] = free_names(plan, ["path", "request", "call"]);
        Locals {
            path,
            request,
            call,
        }
    }
}

/// `names`, each as it is or numbered (`path_2`) where an argument of `plan` has it: the
/// names generated code binds beside the arguments, which keep theirs.
pub(super) fn free_names<const N: usize>(plan: &OperationPlan, names: [&str; N]) -> [Ident; N] {
    let mut scope = Scope::new();
    for arg in &plan.args {
        scope.reserve(&arg.name);
    }
    names.map(|name| ident(&scope.claim(name)))
}

/// What an operations file imports, so its methods read `Pending<'_, types::Repo,
/// errors::GetRepoError>` and `runtime::path_of!(…)`: `crate::runtime`, its `Auth` and `Call`,
/// `reqwest::Method` and the flavor's return types, which every method names, and of
/// `errors`, `params`, `responses` and `types` those some method of the file names (an unused
/// import would warn). Other code keeps its full `crate::…` paths, which work here too.
#[derive(Debug, Clone, Copy, Default)]
pub struct Imports {
    errors: bool,
    params: bool,
    responses: bool,
    types: bool,
}

impl Imports {
    /// Adds the modules the methods of `plan` name.
    pub fn include(&mut self, plan: &OperationPlan) {
        self.errors |= plan.error_enum().is_some();
        self.params |= plan
            .args
            .iter()
            .any(|arg| matches!(arg.ty, ArgType::Query(_) | ArgType::Form(_)));
        // The types written with `TypePaths::OPERATIONS`: the arguments' bodies, a single
        // success body (several are a `responses` enum) and the items a pager yields.
        let mut named = BTreeSet::new();
        plan.sent_types(&mut named);
        match &plan.bodies.success {
            Success::One {
                payload: Payload::Json(ty),
                ..
            } => ty.named_types(&mut named),
            Success::ByStatus(_) => self.responses = true,
            Success::One { .. } | Success::Empty => {}
        }
        if let Some(items) = plan.pager.as_ref().and_then(|pager| pager.items.as_ref()) {
            items.item.named_types(&mut named);
        }
        self.types |= !named.is_empty();
    }

    /// The `use` items.
    pub fn tokens(self, flavor: Flavor) -> TokenStream {
        let modules = [
            ("errors", self.errors),
            ("params", self.params),
            ("responses", self.responses),
            ("runtime", true),
            ("types", self.types),
        ]
        .into_iter()
        .filter(|(_, named)| *named)
        .map(|(module, _)| format_ident!("{module}"));
        let returned = match flavor {
            Flavor::Async => quote!(Pending),
            Flavor::Blocking => quote!(Error, Response),
        };
        quote! {
            use ::reqwest::Method;
            use crate::runtime::{Auth, Call};
            use crate::{#(#modules,)* #returned};
        }
    }
}

/// Emits the operation planned as `plan`, whose success is `success`.
pub fn operation(
    plan: &OperationPlan,
    success: &SuccessCode,
    needs: &RuntimeNeeds,
) -> OperationCode {
    let operation = &plan.operation;
    let locals = Locals::of(plan);
    let request = &locals.request;
    let mut params_items = TokenStream::new();
    let mut steps = parameter_steps(operation, request, &mut params_items);
    body_steps(plan, needs.flavor, request, &mut steps, &mut params_items);

    let args = plan.args.iter().map(|arg| {
        let name = ident(&arg.name);
        let ty = arg_type(&arg.ty, needs.flavor);
        quote!(#name: #ty)
    });
    let fn_name = ident(&operation.fn_name);
    let method = format_ident!("{}", http_method(&operation.method));
    let method_expr = match method.to_string().as_str() {
        "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS" | "TRACE" | "CONNECT" => {
            quote!(Method::#method)
        }
        _ => {
            let bytes = Literal::byte_string(operation.method.as_bytes());
            quote!(Method::from_bytes(#bytes).unwrap_or(Method::GET))
        }
    };
    let path = path_expr(operation);
    let auth = auth_expr(&operation.auth);
    let path_local = &locals.path;
    let start = start_request(plan, needs, &method_expr, path_local, &auth);
    if let AuthScheme::Unsupported { .. } = &operation.auth {
        // Last, so that the hook can sign the request as it will be sent.
        steps.push(Step::rebound(quote!(self.run_request_hook(#request))));
    }
    let error = error_type(plan);
    let (ty, decoder) = (&success.ty, &success.decoder);
    let docs = doc(&plan.doc(&needs.hosts.servers));
    let allow = (plan.args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    // `Error<E>` holds the response's headers and body by value, in both clients; clippy weighs
    // that only for a blocking `fn` (an async operation returns a future). Boxing them would
    // make the two clients' errors differ, and moving a larger `Result` is nothing beside a
    // round trip.
    let large_err =
        (needs.flavor == Flavor::Blocking).then(|| quote!(#[allow(clippy::result_large_err)]));
    // An OAuth2 operation fetches its token first when none is valid, and sends once more with
    // a new one when the API refuses it with a 401.
    let send = match operation.auth == AuthScheme::OAuth2 {
        true => format_ident!("send_authorized"),
        false => format_ident!("send"),
    };

    let call_name = operation.fn_name.trim_start_matches("r#");
    let template = operation.path_template();
    let call = &locals.call;
    let args: Vec<TokenStream> = args.collect();
    let built = with_steps(start, steps, request);
    // The call's name and template on a line of their own: passed inline, they would spread
    // `send`'s arguments over a line each.
    let build = quote! {
        let #path_local = #path;
        let #request = #built;
        let #call = Call::new(#call_name, #template);
    };
    let returns = match needs.flavor {
        Flavor::Async => quote!(Pending<'_, #ty, #error>),
        Flavor::Blocking => quote!(Result<Response<#ty>, Error<#error>>),
    };
    let mut method = quote! {
        #docs
        #allow
        #large_err
        #[inline]
        pub fn #fn_name(&self, #(#args),*) -> #returns {
            #build
            self.#send(#request, #call, #decoder)
        }
    };
    if let Some(stream_fn) = &plan.stream_fn {
        let stream_docs = doc(&stream_doc(plan.fn_name(), needs.flavor));
        let stream_fn = ident(stream_fn);
        let returns = match needs.flavor {
            Flavor::Async => quote!(crate::PendingStream<'_, #error>),
            Flavor::Blocking => quote!(Result<Response<crate::ByteStream>, Error<#error>>),
        };
        method.extend(quote! {
            #stream_docs
            #allow
            #large_err
            #[inline]
            pub fn #stream_fn(&self, #(#args),*) -> #returns {
                #build
                self.send_stream(#request, #call)
            }
        });
    }
    OperationCode {
        method,
        params: params_items,
    }
}

/// The steps that add the query and header parameters to `request`; the query struct goes to
/// `params_items`.
fn parameter_steps(
    operation: &Operation,
    request: &Ident,
    params_items: &mut TokenStream,
) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    if !operation.query.is_empty() {
        params_items.extend(query_struct(operation));
        steps.push(Step::Chained(quote!(.query(query))));
        for param in &operation.query {
            // A computed parameter the caller left out: a new value, appended after the others.
            if let Some(generated) = &param.generated {
                let (name, key) = (ident(&param.rust_name), &param.name);
                let value = dynamic::value(generated);
                steps.push(Step::rebound(quote! {
                    match &query.#name {
                        Some(_) => #request,
                        None => #request.query(&[(#key, #value)]),
                    }
                }));
            }
        }
        for list in operation.query.iter().filter(|q| q.repeated) {
            let (name, key) = (ident(&list.rust_name), &list.name);
            steps.push(Step::rebound(quote! {
                query.#name.iter().fold(#request, |#request, value| #request.query(&[(#key, value)]))
            }));
        }
    }
    for (key, value) in &operation.fixed_headers {
        steps.push(Step::Chained(quote!(.header(#key, #value))));
    }
    for header in &operation.headers {
        let name = ident(&header.rust_name);
        let key = &header.name;
        if let Some(generated) = computed(header.required, header.generated.as_ref()) {
            let value = dynamic::value(generated);
            steps.push(Step::fallible(quote! {
                match #name {
                    Some(value) => runtime::header(#request, #key, value)?,
                    None => runtime::header(#request, #key, &#value)?,
                }
            }));
        } else if header.required {
            steps.push(Step::fallible(
                quote!(runtime::header(#request, #key, #name)?),
            ));
        } else {
            steps.push(Step::fallible(quote! {
                match #name {
                    Some(value) => runtime::header(#request, #key, value)?,
                    None => #request,
                }
            }));
        }
    }
    steps
}

/// The doc of the `_stream` twin of the operation `fn_name`.
fn stream_doc(fn_name: &str, flavor: Flavor) -> String {
    let read = match flavor {
        Flavor::Async => "chunk by chunk",
        Flavor::Blocking => "with `std::io::Read`",
    };
    format!(
        "[`{fn_name}`](Self::{fn_name}), with the body read as it arrives\n\
         ({read}) rather than whole: see [`ByteStream`](crate::ByteStream). The client's timeout\n\
         does not limit it; give it one with [`CallOptions::timeout`](crate::CallOptions::timeout)."
    )
}

/// The Rust type of an argument.
fn arg_type(ty: &ArgType, flavor: Flavor) -> TokenStream {
    match ty {
        ArgType::Str => quote!(&str),
        ArgType::OptionalStr => quote!(Option<&str>),
        ArgType::Query(name) => {
            let name = ident(name);
            quote!(&params::#name)
        }
        ArgType::Form(name) => {
            let name = ident(name);
            quote!(params::#name)
        }
        ArgType::Json(ty) => {
            let ty = TypePaths::OPERATIONS.ty(ty);
            quote!(&#ty)
        }
        ArgType::Text => quote!(impl Into<String>),
        ArgType::Binary => {
            let http_mod = flavor.http();
            quote!(impl Into<#http_mod::Body>)
        }
        ArgType::GraphQlVariables => quote!(::serde_json::Value),
        ArgType::File { required: true } => quote!(crate::FilePart),
        ArgType::File { required: false } => quote!(Option<crate::FilePart>),
    }
}

/// The call that starts the request to `path` where the operation goes: the base URL, a host
/// the user sets, or the operation's own URL; a `BuiltRequest`.
fn start_request(
    plan: &OperationPlan,
    needs: &RuntimeNeeds,
    method: &TokenStream,
    path: &Ident,
    auth: &TokenStream,
) -> TokenStream {
    match &plan.target {
        Target::BaseUrl => quote!(self.request(#method, #path, #auth)),
        Target::Server(index) => {
            let variant = ident(&needs.hosts.servers[*index].variant);
            quote!(self.request_to(runtime::Server::#variant, #method, #path, #auth))
        }
        Target::Absolute(url) => quote!(self.request_at(#url, #method, #path, #auth)),
    }
}

/// The started request with `steps` added. The request is built where it is sent, no `?` in
/// the method: a request that cannot be built (a path parameter or header that cannot be
/// sent) stays the error, and `send` returns it without sending. Steps that cannot fail go in
/// one `map`, chained where they are calls; with one that can, all go in one `and_then`.
fn with_steps(start: TokenStream, steps: Vec<Step>, request: &Ident) -> TokenStream {
    let Some((last, before)) = steps.split_last() else {
        return start;
    };
    let chained: Vec<&TokenStream> = steps
        .iter()
        .filter_map(|step| match step {
            Step::Chained(call) => Some(call),
            Step::Rebound { .. } => None,
        })
        .collect();
    if chained.len() == steps.len() {
        return quote!(#start.map(|#request| #request #(#chained)*));
    }
    let fallible = steps
        .iter()
        .any(|step| matches!(step, Step::Rebound { fallible: true, .. }));
    // Each step binds the request anew. Without a `?` the last is the closure's result; with
    // one, `Ok(request)` after it (not `Ok(…?)`, which clippy calls needless).
    let bind = |step: &Step| {
        let (prelude, expression) = prelude_and_request(step, request);
        quote! { #prelude let #request = #expression; }
    };
    if fallible {
        let statements = steps.iter().map(bind);
        return quote! {
            #start.and_then(|#request| {
                #(#statements)*
                ::std::result::Result::Ok(#request)
            })
        };
    }
    let (prelude, expression) = prelude_and_request(last, request);
    if before.is_empty() && prelude.is_empty() {
        return quote!(#start.map(|#request| #expression));
    }
    let before = before.iter().map(bind);
    quote! {
        #start.map(|#request| {
            #(#before)*
            #prelude
            #expression
        })
    }
}

/// What comes before a step's request, and the request as an expression.
fn prelude_and_request(step: &Step, request: &Ident) -> (TokenStream, TokenStream) {
    match step {
        Step::Chained(call) => (TokenStream::new(), quote!(#request #call)),
        Step::Rebound {
            prelude, request, ..
        } => (prelude.clone(), request.clone()),
    }
}

fn http_method(method: &str) -> String {
    let valid = !method.is_empty() && method.bytes().all(|b| b.is_ascii_alphabetic());
    if valid {
        method.to_ascii_uppercase()
    } else {
        "GET".to_owned()
    }
}

/// `runtime::path_of!("/users/", user_id)`: literal text as written, each parameter
/// encoded as one segment. (No `format!`: literal braces would need escaping.)
fn path_expr(operation: &Operation) -> TokenStream {
    let mut pieces: Vec<TokenStream> = Vec::new();
    let mut literal = String::new();
    for segment in &operation.path {
        literal.push('/');
        for piece in &segment.pieces {
            match piece {
                PathPiece::Literal(text) => literal.push_str(text),
                PathPiece::Param(index) => {
                    if !literal.is_empty() {
                        pieces.push(quote!(#literal));
                        literal.clear();
                    }
                    let name = ident(&operation.path_params[*index].rust_name);
                    pieces.push(quote!(#name));
                }
            }
        }
    }
    if literal.is_empty() && pieces.is_empty() {
        literal.push('/');
    }
    // Keys the collection sends bare (`?foo1&foo2`): reqwest's `query` appends after them.
    if !operation.bare_query_keys.is_empty() {
        literal.push('?');
        literal.push_str(&operation.bare_query_keys.join("&"));
    }
    if !literal.is_empty() {
        pieces.push(quote!(#literal));
    }
    quote!(runtime::path_of!(#(#pieces),*))
}

/// The error type an operation's calls and pagers return: its `errors` enum (or alias), or the
/// runtime's `Undocumented`.
pub(super) fn error_type(plan: &OperationPlan) -> TokenStream {
    match plan.error_enum() {
        Some(name) => {
            let name = ident(name);
            quote!(errors::#name)
        }
        None => quote!(crate::Undocumented),
    }
}

pub(super) fn auth_expr(auth: &AuthScheme) -> TokenStream {
    match auth {
        AuthScheme::Bearer | AuthScheme::OAuth2 => quote!(Auth::Bearer),
        AuthScheme::Basic => quote!(Auth::Basic),
        AuthScheme::ApiKeyHeader { name } => quote!(Auth::ApiKeyHeader(#name)),
        AuthScheme::ApiKeyQuery { name } => quote!(Auth::ApiKeyQuery(#name)),
        AuthScheme::None | AuthScheme::Unsupported { .. } => quote!(Auth::None),
    }
}

/// The statements that attach the request body; a form struct goes to `params_items`.
fn body_steps(
    plan: &OperationPlan,
    flavor: Flavor,
    request: &Ident,
    steps: &mut Vec<Step>,
    params_items: &mut TokenStream,
) {
    match &plan.operation.body {
        RequestBody::None => {}
        RequestBody::Json { .. } if !plan.operation.body_dynamic.is_empty() => {
            steps.push(Step::fallible(
                quote!(#request.json(&runtime::fill_dynamic_json(body)?)),
            ));
        }
        RequestBody::Json { .. } | RequestBody::FormAsJson(_) => {
            steps.push(Step::Chained(quote!(.json(body))));
        }
        RequestBody::Text { content_type } if !plan.operation.body_dynamic.is_empty() => {
            steps.push(Step::Chained(quote! {
                .header(::reqwest::header::CONTENT_TYPE, #content_type)
                .body(runtime::fill_dynamic(&body.into()))
            }));
        }
        RequestBody::Text { content_type } => {
            steps.push(Step::Chained(quote! {
                .header(::reqwest::header::CONTENT_TYPE, #content_type)
                .body(body.into())
            }));
        }
        RequestBody::Binary { content_type } => {
            steps.push(Step::Chained(quote! {
                .header(::reqwest::header::CONTENT_TYPE, #content_type).body(body)
            }));
        }
        RequestBody::GraphQl { query } => {
            steps.push(Step::Chained(quote! {
                .json(&::serde_json::json!({ "query": #query, "variables": variables }))
            }));
        }
        RequestBody::UrlEncoded(fields) | RequestBody::Multipart(fields) => {
            let multipart = matches!(plan.operation.body, RequestBody::Multipart(_));
            let form = form_body(plan, fields, multipart, flavor, request);
            steps.push(Step::Rebound {
                prelude: form.prelude,
                request: form.request,
                fallible: form.fallible,
            });
            params_items.extend(form.item);
        }
    }
}
