//! One method on `Client` per operation (`async` unless the client is blocking): start the
//! request where the operation goes, add its parameters and body, hand it to `send`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::{code, doc};
use super::errors::error_type_name;
use super::params::{Params, form_parts, query_struct};
use super::responses::Success;
use super::runtime::{Flavor, FlavorTokens, RuntimeNeeds};
use crate::infer::shape::{Shape, optional};
use crate::infer::{RustType, TypeSpace};
use crate::model::{AuthScheme, JsonField, Operation, PathPiece, RequestBody, Server};
use crate::naming::ident;

/// Code for one operation: its method, and the items it adds to the `params` module.
pub struct OperationCode {
    /// The `pub fn` (or `pub async fn`) inside `impl Client`.
    pub method: TokenStream,
    /// Parameter structs for the `params` module.
    pub params: TokenStream,
    /// The type inferred for the raw JSON request body, when there is a sample.
    pub body_type: Option<RustType>,
    /// The method's arguments: what the types they name are sent in.
    pub arguments: TokenStream,
}

/// Emits `operation`. `success` is its success typing; request body types go into `space`.
pub fn operation(
    operation: &Operation,
    success: &Success,
    space: &mut TypeSpace,
    needs: &mut RuntimeNeeds,
) -> OperationCode {
    let mut args = Vec::new();
    let mut arg_docs = Vec::new();
    let mut steps = Vec::new();

    for param in &operation.path_params {
        let name = ident(&param.rust_name);
        args.push(quote!(#name: &str));
        arg_docs.push(arg_doc(
            &param.rust_name,
            param.description.as_deref(),
            param.example.as_deref(),
        ));
    }

    let mut params_items = TokenStream::new();
    if !operation.query.is_empty() {
        let (item, type_name) = query_struct(operation);
        params_items.extend(item);
        args.push(quote!(query: &crate::params::#type_name));
        arg_docs.push(format!(
            "* `query` — query parameters, see [`{type_name}`](crate::params::{type_name})."
        ));
        steps.push(quote! { let request = request.query(query); });
        for list in operation.query.iter().filter(|q| q.repeated) {
            let (name, key) = (ident(&list.rust_name), &list.name);
            steps.push(quote! {
                let request = query.#name.iter().fold(request, |request, value| request.query(&[(#key, value)]));
            });
        }
    }

    for header in &operation.headers {
        needs.headers = true;
        let name = ident(&header.rust_name);
        let key = &header.name;
        arg_docs.push(arg_doc(
            &header.rust_name,
            header.description.as_deref(),
            header.example.as_deref(),
        ));
        if header.required {
            args.push(quote!(#name: &str));
            steps.push(quote! { let request = crate::runtime::header(request, #key, #name)?; });
        } else {
            args.push(quote!(#name: ::std::option::Option<&str>));
            steps.push(quote! {
                let request = match #name {
                    ::std::option::Option::Some(value) => crate::runtime::header(request, #key, value)?,
                    ::std::option::Option::None => request,
                };
            });
        }
    }

    let body_type = body(
        operation,
        space,
        needs,
        &mut args,
        &mut arg_docs,
        &mut steps,
        &mut params_items,
    );

    let fn_name = ident(&operation.fn_name);
    let method = format_ident!("{}", http_method(&operation.method));
    let method_expr = match method.to_string().as_str() {
        "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS" | "TRACE" | "CONNECT" => {
            quote!(::reqwest::Method::#method)
        }
        _ => {
            let bytes = Literal::byte_string(operation.method.as_bytes());
            quote!(::reqwest::Method::from_bytes(#bytes).unwrap_or(::reqwest::Method::GET))
        }
    };
    let path = path_expr(operation, needs);
    let auth = auth_expr(&operation.auth, needs);
    let start = start_request(operation, needs, &method_expr, &path, &auth);
    if let AuthScheme::Unsupported { kind } = &operation.auth {
        // Last, so that the hook can sign the request as it will be sent.
        needs.auth.hook_kinds.insert(kind.clone());
        steps.push(quote! { let request = self.run_request_hook(request); });
    }
    let error = ident(&error_type_name(operation));
    let (ty, decoder) = (&success.ty, &success.decoder);
    let docs = doc(&method_doc(operation, &arg_docs, needs));
    let allow = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    // `Error<E>` holds the response's headers and body by value, in both clients; clippy weighs
    // that only for a blocking `fn` (an `async fn` returns a future). Boxing them would make the
    // two clients' errors differ, and moving a larger `Result` is nothing beside a round trip.
    let large_err =
        (needs.flavor == Flavor::Blocking).then(|| quote!(#[allow(clippy::result_large_err)]));
    let (asyncness, dot_await) = (needs.flavor.asyncness(), needs.flavor.dot_await());

    let method = quote! {
        #docs
        #allow
        #large_err
        pub #asyncness fn #fn_name(&self, #(#args),*) -> ::std::result::Result<crate::Response<#ty>, crate::Error<crate::errors::#error>> {
            let request = #start;
            #(#steps)*
            self.send(request, #decoder)#dot_await
        }
    };
    OperationCode {
        method,
        params: params_items,
        body_type,
        arguments: quote!(#(#args),*),
    }
}

/// The call that starts the request where `operation` goes: the base URL, a host the user sets,
/// or the operation's own URL.
fn start_request(
    operation: &Operation,
    needs: &mut RuntimeNeeds,
    method: &TokenStream,
    path: &TokenStream,
    auth: &TokenStream,
) -> TokenStream {
    match &operation.server {
        Server::Default => {
            needs.hosts.default_server = true;
            quote!(self.request(#method, #path, #auth)?)
        }
        Server::Variable(index) => match needs.hosts.servers.get(*index) {
            Some(server) => {
                let variant = ident(&server.variant);
                quote!(self.request_to(crate::runtime::Server::#variant, #method, #path, #auth)?)
            }
            // The model indexes its own server list, so this does not happen; were it to, the
            // base URL is where the request went before hosts were told apart.
            None => {
                needs.hosts.default_server = true;
                quote!(self.request(#method, #path, #auth)?)
            }
        },
        Server::Absolute(url) => {
            needs.hosts.absolute_urls = true;
            quote!(self.request_at(#url, #method, #path, #auth)?)
        }
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

/// `"/users"`, or `&["/users/", crate::runtime::segment(user_id)?.as_str()].concat()`: literal
/// text as written, each parameter encoded as one segment. (No `format!`: its tokens print
/// poorly and literal braces would need escaping.)
fn path_expr(operation: &Operation, needs: &mut RuntimeNeeds) -> TokenStream {
    let mut parts: Vec<TokenStream> = Vec::new();
    let mut literal = String::new();
    for segment in &operation.path {
        literal.push('/');
        for piece in &segment.pieces {
            match piece {
                PathPiece::Literal(text) => literal.push_str(text),
                PathPiece::Param(index) => {
                    if !literal.is_empty() {
                        parts.push(quote!(#literal));
                        literal.clear();
                    }
                    let name = ident(&operation.path_params[*index].rust_name);
                    parts.push(quote!(crate::runtime::segment(#name)?.as_str()));
                }
            }
        }
    }
    if parts.is_empty() {
        if literal.is_empty() {
            literal.push('/');
        }
        return quote!(#literal);
    }
    if !literal.is_empty() {
        parts.push(quote!(#literal));
    }
    needs.path_params = true;
    quote!(&[#(#parts),*].concat())
}

fn auth_expr(auth: &AuthScheme, needs: &mut RuntimeNeeds) -> TokenStream {
    match auth {
        AuthScheme::Bearer => {
            needs.auth.bearer = true;
            quote!(crate::runtime::Auth::Bearer)
        }
        AuthScheme::Basic => {
            needs.auth.basic = true;
            quote!(crate::runtime::Auth::Basic)
        }
        AuthScheme::ApiKeyHeader { name } => {
            needs.auth.api_key_header = true;
            quote!(crate::runtime::Auth::ApiKeyHeader(#name))
        }
        AuthScheme::ApiKeyQuery { name } => {
            needs.auth.api_key_query = true;
            quote!(crate::runtime::Auth::ApiKeyQuery(#name))
        }
        AuthScheme::None | AuthScheme::Unsupported { .. } => {
            needs.auth.none = true;
            quote!(crate::runtime::Auth::None)
        }
    }
}

/// Adds the request body's arguments and steps; returns the type inferred from a JSON sample.
#[allow(clippy::too_many_arguments)]
fn body(
    operation: &Operation,
    space: &mut TypeSpace,
    needs: &mut RuntimeNeeds,
    args: &mut Vec<TokenStream>,
    arg_docs: &mut Vec<String>,
    steps: &mut Vec<TokenStream>,
    params_items: &mut TokenStream,
) -> Option<RustType> {
    let mut inferred = None;
    match &operation.body {
        RequestBody::None => {}
        RequestBody::Json { sample } => {
            needs.bodies.json = true;
            let ty = match sample {
                Some(sample) => {
                    let fn_name = operation.fn_name.trim_start_matches("r#");
                    let doc = format!(
                        "Request body of [`{fn_name}`](crate::Client::{fn_name}), inferred from the collection's sample."
                    );
                    let ty =
                        space.add_root(&format!("{}Body", operation.type_name), &doc, &[sample]);
                    inferred = Some(ty.clone());
                    ty
                }
                None => RustType::Value,
            };
            args.push(quote!(body: &#ty));
            arg_docs.push("* `body` — the JSON request body.".to_owned());
            steps.push(quote! { let request = request.json(body); });
        }
        RequestBody::FormAsJson(fields) => {
            needs.bodies.json = true;
            let fn_name = operation.fn_name.trim_start_matches("r#");
            let doc = format!(
                "Request body of [`{fn_name}`](crate::Client::{fn_name}), typed from the collection's form fields."
            );
            let ty = form_json_type(&format!("{}Body", operation.type_name), &doc, fields, space);
            args.push(quote!(body: &#ty));
            arg_docs.push("* `body` — the request body, sent as JSON.".to_owned());
            steps.push(quote! { let request = request.json(body); });
        }
        RequestBody::Text { content_type } => {
            args.push(quote!(body: impl ::std::convert::Into<::std::string::String>));
            arg_docs.push(format!(
                "* `body` — the request body, sent as {}.",
                code(content_type)
            ));
            steps.push(quote! {
                let request = request
                    .header(::reqwest::header::CONTENT_TYPE, #content_type)
                    .body(body.into());
            });
        }
        RequestBody::Binary { content_type } => {
            let http_mod = needs.flavor.http();
            args.push(quote!(body: impl ::std::convert::Into<#http_mod::Body>));
            arg_docs.push(format!(
                "* `body` — the request body, sent as raw bytes ({}).",
                code(content_type)
            ));
            steps.push(quote! {
                let request = request.header(::reqwest::header::CONTENT_TYPE, #content_type).body(body);
            });
        }
        RequestBody::GraphQl { query } => {
            needs.bodies.json = true;
            args.push(quote!(variables: ::serde_json::Value));
            arg_docs
                .push("* `variables` — GraphQL variables for the collection's query.".to_owned());
            steps.push(quote! {
                let request = request.json(&::serde_json::json!({ "query": #query, "variables": variables }));
            });
        }
        RequestBody::UrlEncoded(fields) | RequestBody::Multipart(fields) => {
            let multipart = matches!(operation.body, RequestBody::Multipart(_));
            let Params {
                args: form_args,
                docs,
                steps: form_steps,
                item,
            } = form_parts(operation, fields, multipart, needs);
            args.extend(form_args);
            arg_docs.extend(docs);
            steps.extend(form_steps);
            params_items.extend(item);
        }
    }
    inferred
}

/// The type of a JSON body made from form fields: each field's value typed as inference types
/// any sample, optional when the collection leaves it empty or disabled, documented by the
/// field's description.
fn form_json_type(name: &str, doc: &str, fields: &[JsonField], space: &mut TypeSpace) -> RustType {
    let members = fields
        .iter()
        .map(|field| {
            let shape = field.value.as_ref().map_or(Shape::Any, Shape::of);
            let shape = if field.required {
                shape
            } else {
                optional(shape)
            };
            (field.name.clone(), shape)
        })
        .collect();
    let ty = space.add_root_shape(name, doc, &Shape::Object(members));
    if let RustType::Named(type_name) = &ty {
        let docs: Vec<(&str, &str)> = fields
            .iter()
            .filter_map(|f| Some((f.name.as_str(), f.description.as_deref()?.trim())))
            .filter(|(_, doc)| !doc.is_empty())
            .collect();
        space.describe_fields(type_name, &docs);
    }
    ty
}

/// Where the request goes, when that is not the base URL.
fn host_doc(server: &Server, needs: &RuntimeNeeds) -> Option<String> {
    match server {
        Server::Default => None,
        Server::Variable(index) => needs.hosts.servers.get(*index).map(|server| {
            format!(
                "Sent to the host {}: see\n[`Client::with_{name}`](crate::Client::with_{name}).",
                code(&format!("{{{{{}}}}}", server.variable)),
                name = server.rust_name
            )
        }),
        Server::Absolute(url) => Some(format!("Sent to {}, not to the base URL.", code(url))),
    }
}

/// One `* name — description` line for the argument list.
pub fn arg_doc(name: &str, description: Option<&str>, example: Option<&str>) -> String {
    let name = name.trim_start_matches("r#");
    let description = description.map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "));
    match (
        description.filter(|d| !d.is_empty()),
        example.filter(|e| !e.is_empty()),
    ) {
        (Some(d), _) => format!("* `{name}` — {d}"),
        (None, Some(e)) => format!("* `{name}` — e.g. {}", code(e)),
        (None, None) => format!("* `{name}`"),
    }
}

fn method_doc(operation: &Operation, arg_docs: &[String], needs: &RuntimeNeeds) -> String {
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
    if let Some(host) = host_doc(&operation.server, needs) {
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
    if !arg_docs.is_empty() {
        text.push_str("\n\n");
        text.push_str(&arg_docs.join("\n"));
    }
    text
}
