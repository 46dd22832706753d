//! From a loaded [`Collection`] to the [`Api`]: walk the folders, resolve inheritance, and turn
//! each request item into an [`Operation`].

use std::collections::{BTreeMap, BTreeSet};

use super::auth::scheme;
use super::body::request_body;
use super::examples;
use super::names::{NameRequest, operation_names};
use super::template::{Piece, pieces, substitute};
use super::{
    Api, AuthScheme, HeaderParam, Operation, PathParam, PathPiece, PathSegment, QueryParam,
};
use crate::Warning;
use crate::load::{Auth, Collection, Item, RequestItem, Url};
use crate::naming::{Scope, snake_case};
use crate::overrides::Overrides;

/// Headers the client sets itself (content negotiation, auth, browser noise).
const CLIENT_HEADERS: &[&str] = &[
    "accept",
    "accept-encoding",
    "authorization",
    "cache-control",
    "connection",
    "content-length",
    "content-type",
    "cookie",
    "dnt",
    "host",
    "origin",
    "pragma",
    "referer",
    "upgrade-insecure-requests",
    "user-agent",
];

/// A request item with the context its folders give it.
struct Located<'a> {
    item: &'a RequestItem,
    folder_path: Vec<String>,
    inherited_auth: Option<&'a Auth>,
}

/// Builds the API model. Problems with single items become warnings.
pub fn build(collection: &Collection, overrides: &Overrides) -> (Api, Vec<Warning>) {
    let mut located = Vec::new();
    collect(
        &collection.items,
        &mut Vec::new(),
        collection.auth.as_ref(),
        &mut located,
    );

    let requests: Vec<NameRequest<'_>> = located
        .iter()
        .map(|l| NameRequest {
            folder_path: &l.folder_path,
            name: &l.item.name,
            method: &l.item.request.method,
        })
        .collect();
    let names = operation_names(&requests);

    let main_host = most_common_host(&located);
    let mut warnings = Vec::new();
    let operations: Vec<Operation> = located
        .iter()
        .zip(names)
        .map(|(l, (fn_name, type_name))| {
            operation(
                l,
                fn_name,
                type_name,
                main_host.as_deref(),
                overrides,
                &mut warnings,
            )
        })
        .collect();

    let unsupported: BTreeSet<&str> = operations
        .iter()
        .filter_map(|op| match &op.auth {
            AuthScheme::Unsupported { kind } => Some(kind.as_str()),
            _ => None,
        })
        .collect();
    for kind in unsupported {
        warnings.push(Warning {
            context: String::new(),
            message: format!(
                "auth type `{kind}` cannot be generated; requests that use it are sent without credentials"
            ),
        });
    }
    warnings.extend(overrides.unused());

    let variables: BTreeMap<&str, &str> = collection
        .variables
        .iter()
        .filter_map(|v| Some((v.key.as_str(), v.value.as_deref()?)))
        .collect();
    let default_base_url = main_host
        .as_deref()
        .and_then(|host| substitute(host, |name| variables.get(name).map(|v| v.to_string())))
        .filter(|url| url.contains("://"));

    let api = Api {
        name: collection.name.clone(),
        description: collection.description.clone(),
        default_base_url,
        auth: scheme(collection.auth.as_ref()).unwrap_or(AuthScheme::None),
        operations,
    };
    (api, warnings)
}

fn collect<'a>(
    items: &'a [Item],
    folder_path: &mut Vec<String>,
    inherited_auth: Option<&'a Auth>,
    out: &mut Vec<Located<'a>>,
) {
    for item in items {
        match item {
            Item::Folder(folder) => {
                folder_path.push(folder.name.clone());
                collect(
                    &folder.items,
                    folder_path,
                    folder.auth.as_ref().or(inherited_auth),
                    out,
                );
                folder_path.pop();
            }
            Item::Request(request) => out.push(Located {
                item: request,
                folder_path: folder_path.clone(),
                inherited_auth,
            }),
        }
    }
}

/// The scheme, host and port part of a URL as written, e.g. `{{baseUrl}}` or `https://api.x.com`.
fn host_of(url: &Url) -> Option<String> {
    if url.host.is_empty() {
        return None;
    }
    let host = url.host.join(".");
    Some(match &url.protocol {
        Some(protocol) => format!("{protocol}://{host}"),
        None => host,
    })
}

fn most_common_host(located: &[Located<'_>]) -> Option<String> {
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (index, l) in located.iter().enumerate() {
        if let Some(host) = host_of(&l.item.request.url) {
            counts.entry(host).or_insert((0, index)).0 += 1;
        }
    }
    // Most uses wins; among equals, the one seen first.
    counts
        .into_iter()
        .max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first)))
        .map(|(h, _)| h)
}

fn operation(
    located: &Located<'_>,
    fn_name: String,
    type_name: String,
    main_host: Option<&str>,
    overrides: &Overrides,
    warnings: &mut Vec<Warning>,
) -> Operation {
    let item = located.item;
    let request = &item.request;
    let context = context_of(&located.folder_path, &item.name);

    if let Some(host) = host_of(&request.url).filter(|h| Some(h.as_str()) != main_host) {
        warnings.push(Warning {
            context: context.clone(),
            message: format!("uses host `{host}`; the generated client sends it to its base URL"),
        });
    }

    let mut params = Scope::new();
    for reserved in ["query", "body"] {
        params.reserve(reserved);
    }
    let (path, path_params) = path(&request.url, &mut params);

    let mut query_fields = Scope::new();
    let query = request
        .url
        .query
        .iter()
        .map(|q| QueryParam {
            name: q.key.clone(),
            rust_name: query_fields.claim(&snake_case(&q.key)),
            description: q.description.clone(),
            example: q.value.clone(),
            required: !q.disabled,
        })
        .collect();

    let headers = request
        .headers
        .iter()
        .filter(|h| !CLIENT_HEADERS.contains(&h.key.to_ascii_lowercase().as_str()))
        .map(|h| HeaderParam {
            name: h.key.clone(),
            rust_name: params.claim(&snake_case(&h.key)),
            description: h.description.clone(),
            example: h.value.clone(),
            required: !h.disabled,
        })
        .collect();

    let file_fields: BTreeSet<&str> = overrides
        .for_item(&located.folder_path, &item.name)
        .flat_map(|o| o.file_fields.iter().map(String::as_str))
        .collect();
    let body = request_body(request, &file_fields, &mut params, &context, warnings);

    let (responses, documented_errors, without_status) = examples::group(&item.responses);
    warnings.extend(examples::invalid_json_warnings(&context, &responses));
    for example in without_status {
        warnings.push(Warning {
            context: context.clone(),
            message: format!(
                "example {:?} has no status code; it is ignored",
                example.name
            ),
        });
    }

    Operation {
        name: item.name.clone(),
        folder_path: located.folder_path.clone(),
        fn_name,
        type_name,
        description: item.description.clone(),
        method: request.method.clone(),
        path,
        path_params,
        query,
        headers,
        body,
        auth: scheme(request.auth.as_ref())
            .or_else(|| scheme(located.inherited_auth))
            .unwrap_or(AuthScheme::None),
        responses,
        documented_errors,
    }
}

/// The item's Postman location for warnings: `folder/…/item`.
fn context_of(folder_path: &[String], name: &str) -> String {
    let mut context = folder_path.join("/");
    if !context.is_empty() {
        context.push('/');
    }
    context.push_str(name);
    context
}

/// Path segments and parameters: `:name` segments and `{{name}}` references.
fn path(url: &Url, names: &mut Scope) -> (Vec<PathSegment>, Vec<PathParam>) {
    let mut params: Vec<PathParam> = Vec::new();
    let mut param_index = |name: &str, params: &mut Vec<PathParam>| -> usize {
        if let Some(index) = params.iter().position(|p| p.name == name) {
            return index;
        }
        let variable = url.variables.iter().find(|v| v.key == name);
        params.push(PathParam {
            name: name.to_owned(),
            rust_name: names.claim(&snake_case(name)),
            description: variable.and_then(|v| v.description.clone()),
            example: variable.and_then(|v| v.value.clone()),
        });
        params.len() - 1
    };

    let segments = url
        .path
        .iter()
        .map(|segment| {
            let pieces = match segment.strip_prefix(':').filter(|name| !name.is_empty()) {
                Some(name) => vec![PathPiece::Param(param_index(name, &mut params))],
                None => pieces(segment)
                    .into_iter()
                    .map(|piece| match piece {
                        Piece::Literal(text) => PathPiece::Literal(text.to_owned()),
                        Piece::Variable(name) => PathPiece::Param(param_index(name, &mut params)),
                    })
                    .collect(),
            };
            PathSegment { pieces }
        })
        .collect();
    (segments, params)
}
