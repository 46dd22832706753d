//! From a loaded [`Collection`] to the [`Api`]: walk the folders, resolve inheritance, and turn
//! each request item into an [`Operation`].

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::auth::scheme;
use super::body::{BodyOverrides, looks_like_stringified_json, request_body};
use super::examples;
use super::headers;
use super::oauth2::FlowFinder;
use super::servers::{Placement, Servers};
use super::template::{Generated, Piece, dynamic_variables, pieces, substitute};
use super::{
    Api, AuthScheme, Operation, PathParam, PathPiece, PathSegment, QueryParam, RequestBody, Server,
};
use crate::Warning;
use crate::load::{Auth, Body, Collection, Item, RequestItem, Url};
use crate::naming::operations::{NameRequest, legacy_operation_names, operation_names, renamed};
use crate::naming::{Scope, snake_case};
use crate::overrides::Overrides;

/// A request item with the context its folders give it: borrowed from the collection
/// ([`build`]), or moved out of it ([`build_owned`]) so that it is freed once its operation is
/// built.
struct Located<'a> {
    item: Cow<'a, RequestItem>,
    folder_path: Vec<String>,
    inherited_auth: Option<Cow<'a, Auth>>,
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
    build_located(collection, located, overrides)
}

/// [`build`] from a collection it consumes: each request item is freed as soon as its
/// operation is built (or when it is left out), so the loaded collection (about twice the
/// file's size) and the model do not both exist whole at once.
pub fn build_owned(mut collection: Collection, overrides: &Overrides) -> (Api, Vec<Warning>) {
    let items = std::mem::take(&mut collection.items);
    let mut located = Vec::new();
    collect_owned(
        items,
        &mut Vec::new(),
        collection.auth.as_ref(),
        &mut located,
    );
    build_located(&collection, located, overrides)
}

fn build_located(
    collection: &Collection,
    located: Vec<Located<'_>>,
    overrides: &Overrides,
) -> (Api, Vec<Warning>) {
    let requests: Vec<NameRequest<'_>> = located
        .iter()
        .map(|l| NameRequest {
            folder_path: &l.folder_path,
            name: &l.item.name,
            method: &l.item.request.method,
            rename: overrides.rename_for(&l.folder_path, &l.item.name, &l.item.request.method),
        })
        .collect();
    let names = operation_names(&requests);
    let renamed = renamed(&legacy_operation_names(&requests), &names);
    let mut warnings = Vec::new();
    for (request, (fn_name, _)) in requests.iter().zip(&names) {
        if let Some(chosen) = request.rename.filter(|chosen| chosen != fn_name) {
            warnings.push(Warning {
                context: context_of(request.folder_path, request.name),
                message: format!(
                    "`rename = {chosen:?}` is taken (by a Client method or another rename); the function is `{fn_name}`"
                ),
            });
        }
    }
    drop(requests);
    let main_host = most_common_host(&located);
    let variables: BTreeMap<&str, &str> = collection
        .variables
        .iter()
        .filter_map(|v| Some((v.key.as_str(), v.value.as_deref()?)))
        .collect();
    // Reported at the end, but from every item, before the items are consumed.
    let undefined = undefined_variables(&located, &variables);
    // Names (and the base URL) come from every item; skipped items and items outside
    // `keep_folders` are dropped after, so a function keeps its name whatever is generated.
    let kept: Vec<(Located<'_>, (String, String))> = located
        .into_iter()
        .zip(names)
        .filter(|(l, _)| overrides.keeps(&l.folder_path, &l.item.name, &l.item.request.method))
        .collect();

    let mut servers = Servers::new(main_host.as_deref(), &variables);
    // A host's setter, `with_<name>`, is a `Client` method beside the operations.
    servers.avoid_methods(kept.iter().map(|(_, (fn_name, _))| fn_name.as_str()));
    // A loop rather than `collect`: collecting from `kept.into_iter()` would reuse its
    // allocation (in-place iteration), keeping room for `Located`s in the model.
    let mut operations = Vec::with_capacity(kept.len());
    let mut oauth2 = FlowFinder::default();
    for (l, (fn_name, type_name)) in kept {
        oauth2.block(
            l.item.request.auth.as_ref().or(l.inherited_auth.as_deref()),
            main_host.as_deref(),
            &variables,
        );
        let operation = operation(
            &l,
            fn_name,
            type_name,
            &mut servers,
            overrides,
            &mut warnings,
        );
        if overrides.oauth2_token(&l.folder_path, &l.item.name, &l.item.request.method) {
            oauth2.item(&operation);
        }
        operations.push(operation);
    }
    let (oauth2, oauth2_warnings) = oauth2.finish(&mut operations);
    warnings.extend(oauth2_warnings);
    let servers = servers.into_variables();

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
                "auth type `{kind}` cannot be generated; requests that use it are sent without credentials unless you plug in `Client::with_request_hook`"
            ),
        });
    }
    let stringified = operations
        .iter()
        .filter(|op| looks_like_stringified_json(&op.body))
        .count();
    if stringified > 0 {
        warnings.push(Warning {
            context: String::new(),
            message: format!(
                "{stringified} formdata bodies hold JSON-stringified values; if the API takes JSON, set `formdata_as_json = true` in the overrides"
            ),
        });
    }
    warnings.extend(overrides.unused());

    let default_base_url = main_host
        .as_deref()
        .and_then(|host| substitute(host, |name| variables.get(name).map(|v| v.to_string())))
        .filter(|url| url.contains("://"));
    if let (Some(host), None) = (&main_host, &default_base_url) {
        warnings.push(Warning {
            context: String::new(),
            message: format!(
                "the base URL `{host}` has no value in the collection: `Client::new` takes it, and there is no `Client::default()`"
            ),
        });
    }
    warnings.extend(undefined);

    let api = Api {
        name: collection.name.clone(),
        description: collection.description.clone(),
        default_base_url,
        auth: scheme(collection.auth.as_ref()).unwrap_or(AuthScheme::None),
        oauth2,
        servers,
        operations,
        renamed,
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
                item: Cow::Borrowed(request),
                folder_path: folder_path.clone(),
                inherited_auth: inherited_auth.map(Cow::Borrowed),
            }),
        }
    }
}

/// [`collect`], moving the request items out of `items`. A folder's auth is cloned into each
/// item under it (auth objects are small).
fn collect_owned<'a>(
    items: Vec<Item>,
    folder_path: &mut Vec<String>,
    inherited_auth: Option<&Auth>,
    out: &mut Vec<Located<'a>>,
) {
    for item in items {
        match item {
            Item::Folder(folder) => {
                folder_path.push(folder.name);
                collect_owned(
                    folder.items,
                    folder_path,
                    folder.auth.as_ref().or(inherited_auth),
                    out,
                );
                folder_path.pop();
            }
            Item::Request(request) => out.push(Located {
                item: Cow::Owned(*request),
                folder_path: folder_path.clone(),
                inherited_auth: inherited_auth.map(|auth| Cow::Owned(auth.clone())),
            }),
        }
    }
}

/// One warning listing the `{{variables}}` used in hosts and paths but defined nowhere in the
/// collection (Postman would take them from an environment). Dynamic ones (`{{$guid}}`) are
/// Postman's own and not listed.
fn undefined_variables(located: &[Located<'_>], defined: &BTreeMap<&str, &str>) -> Option<Warning> {
    let mut undefined = BTreeSet::new();
    for l in located {
        let url = &l.item.request.url;
        for text in url.host.iter().chain(&url.path) {
            for piece in pieces(text) {
                if let Piece::Variable(name) = piece {
                    if !name.starts_with('$') && !defined.contains_key(name) {
                        undefined.insert(name.to_owned());
                    }
                }
            }
        }
    }
    if undefined.is_empty() {
        return None;
    }
    let shown: Vec<String> = undefined
        .iter()
        .take(8)
        .map(|name| format!("`{name}`"))
        .collect();
    let more = undefined.len().saturating_sub(shown.len());
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Some(Warning {
        context: String::new(),
        message: format!(
            "{} variables are defined nowhere in the collection ({}{more}); in paths they became function parameters",
            undefined.len(),
            shown.join(", ")
        ),
    })
}

/// The scheme, host and port part of a URL as written, e.g. `{{baseUrl}}` or `https://api.x.com`.
fn host_of(url: &Url) -> Option<String> {
    if url.host.is_empty() {
        return None;
    }
    let mut host = url.host.join(".");
    if let Some(port) = url.port.as_deref().filter(|port| !port.is_empty()) {
        host.push(':');
        host.push_str(port);
    }
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
    servers: &mut Servers<'_>,
    overrides: &Overrides,
    warnings: &mut Vec<Warning>,
) -> Operation {
    let item: &RequestItem = &located.item;
    let request = &item.request;
    let context = context_of(&located.folder_path, &item.name);

    let host = host_of(&request.url);
    let server = match servers.place(host.as_deref()) {
        Placement::Placed(server) => server,
        Placement::Unusable => {
            warnings.push(Warning {
                context: context.clone(),
                message: format!(
                    "its host `{}` is not a URL; the generated client sends it to its base URL",
                    host.as_deref().unwrap_or_default()
                ),
            });
            Server::Default
        }
    };

    let mut params = Scope::new();
    // The arguments the plan adds. (The names an operation's method and pager bind give way
    // to the arguments instead: `emit::operations::Locals`, `emit::pagers`.)
    for reserved in ["query", "body"] {
        params.reserve(reserved);
    }
    let (path, path_params) = path(&request.url, &mut params);

    let (query, bare_query_keys) = query_params(&request.url);

    let headers = headers::sort(&request.headers, &mut params, &context, warnings);

    let body_overrides = BodyOverrides {
        file_fields: overrides
            .for_item(&located.folder_path, &item.name, &request.method)
            .flat_map(|o| o.file_fields.iter().map(String::as_str))
            .collect(),
        text_fields: overrides
            .for_item(&located.folder_path, &item.name, &request.method)
            .flat_map(|o| o.text_fields.iter().map(String::as_str))
            .collect(),
        formdata_as_json: overrides.formdata_as_json(
            &located.folder_path,
            &item.name,
            &request.method,
        ),
    };
    let body = request_body(request, &body_overrides, &mut params, &context, warnings);
    let mut fixed_headers = headers.fixed;
    if let Some(accept) = overrides.accept(&located.folder_path, &item.name, &request.method) {
        fixed_headers.retain(|(name, _)| !name.eq_ignore_ascii_case("accept"));
        fixed_headers.insert(0, ("Accept".to_owned(), accept));
    }
    if let (RequestBody::None, Some(content_type)) = (&body, &headers.content_type) {
        // Nothing else would say it; the collection sends it, and some APIs insist.
        fixed_headers.push(("Content-Type".to_owned(), content_type.clone()));
    }
    let body_dynamic = match (&body, &request.body) {
        (RequestBody::Json { .. } | RequestBody::Text { .. }, Some(Body::Raw { text, .. })) => {
            let mut found = dynamic_variables(text);
            found.sort();
            found.dedup();
            found
        }
        _ => Vec::new(),
    };

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
        server,
        path,
        path_params,
        query,
        headers: headers.params,
        fixed_headers,
        content_type: headers.content_type,
        bare_query_keys,
        body_dynamic,
        body,
        // A saved `Authorization` header counts where no auth block gives credentials:
        // Postman sends it as it is.
        auth: match scheme(request.auth.as_ref())
            .or_else(|| scheme(located.inherited_auth.as_deref()))
        {
            Some(AuthScheme::None) | None => headers.authorization.unwrap_or(AuthScheme::None),
            Some(auth) => auth,
        },
        responses,
        documented_errors,
        success_headers: examples::success_headers(&item.responses),
        pager: overrides.pager(&located.folder_path, &item.name, &request.method),
    }
}

/// Query parameters, one per key: a key given several times is a list (`repeated`). A key is
/// required only when the collection marks it so ([`marked_required`]). An enabled key without
/// a value that the raw URL writes bare (`?foo1&foo2`) is sent bare, as saved, and is no
/// parameter: those keys come second.
fn query_params(url: &Url) -> (Vec<QueryParam>, Vec<String>) {
    let bare_in_raw = bare_keys(url.raw.as_deref());
    let mut names = Scope::new();
    let mut params: Vec<QueryParam> = Vec::new();
    let mut bare = Vec::new();
    for entry in &url.query {
        if !entry.disabled && entry.value.is_none() && bare_in_raw.contains(&entry.key.as_str()) {
            if !bare.contains(&entry.key) {
                bare.push(entry.key.clone());
            }
            continue;
        }
        let required = !entry.disabled && marked_required(entry.description.as_deref());
        if let Some(param) = params.iter_mut().find(|p| p.name == entry.key) {
            param.repeated = true;
            param.required |= required;
            if param.description.is_none() {
                param.description.clone_from(&entry.description);
            }
            continue;
        }
        params.push(QueryParam {
            name: entry.key.clone(),
            rust_name: names.claim(&snake_case(&entry.key)),
            description: entry.description.clone(),
            example: entry.value.clone(),
            required,
            repeated: false,
            // Postman sends an enabled key with its dynamic value, whether or not it is required.
            generated: (!entry.disabled)
                .then(|| entry.value.as_deref().and_then(Generated::parse))
                .flatten(),
        });
    }
    // A list's values are the caller's: no computed default.
    for param in params.iter_mut().filter(|p| p.repeated) {
        param.generated = None;
    }
    (params, bare)
}

/// The keys the raw URL's query writes without `=`.
fn bare_keys(raw: Option<&str>) -> Vec<&str> {
    let Some(query) = raw
        .and_then(|raw| raw.split_once('?'))
        .map(|(_, query)| query)
    else {
        return Vec::new();
    };
    let query = query.split('#').next().unwrap_or_default();
    query
        .split('&')
        .filter(|piece| !piece.is_empty() && !piece.contains('='))
        .collect()
}

/// Whether a parameter's description marks it required: it begins with `(Required)`, as the
/// common OpenAPI → Postman converters write it (Zoom: 50 query parameters).
pub(crate) fn marked_required(description: Option<&str>) -> bool {
    description.is_some_and(|d| d.trim_start().starts_with("(Required)"))
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// Consuming the collection changes when items are freed, not what is built.
    #[test]
    fn build_owned_builds_what_build_builds() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../collections");
        for name in ["todo", "zoom-seed", "postman-echo", "adyen-checkout"] {
            let path = dir.join(format!("{name}.postman_collection.json"));
            let (collection, _) = crate::load::load_file(&path).expect("the collection loads");
            let overrides = Overrides::default();
            let borrowed = build(&collection, &overrides);
            assert_eq!(build_owned(collection, &overrides), borrowed, "{name}");
        }
    }
}
