//! The route table: one route per request item of the collection, with its raw examples.

use std::path::Path;

use crate::Warning;
use crate::load::{self, Collection, Item, RequestItem};
use crate::model;
use crate::overrides::Overrides;

use super::Error;
use super::example::MockExample;
use super::pattern::{Pattern, SEGMENT, Specificity, split_path};

/// A collection's routes, ready to answer requests.
#[derive(Debug, Clone)]
pub struct Mock {
    routes: Vec<Route>,
    /// The path of the collection's base URL (`/v2` of `https://api.zoom.us/v2`), split.
    base_path: Vec<String>,
}

/// One request item as the mock serves it.
#[derive(Debug, Clone)]
pub struct Route {
    /// Upper-case HTTP method.
    pub method: String,
    /// The path template below the base URL, e.g. `/todos/{id}`.
    pub template: String,
    /// Where the item is in Postman: folders and name joined with ` › `.
    pub item: String,
    /// The saved examples, in file order.
    pub examples: Vec<MockExample>,
    pub(crate) pattern: Pattern,
}

impl Route {
    /// `GET /todos/{id}`, as the 404 listing shows it.
    pub fn label(&self) -> String {
        format!("{} {}", self.method, self.template)
    }
}

impl Mock {
    /// Loads the collection at `path`. The warnings are the loader's (skipped items) and the
    /// mock's own (examples or headers it cannot serve, routes hidden by an earlier one).
    pub fn from_file(path: &Path) -> Result<(Self, Vec<Warning>), Error> {
        let (collection, mut warnings) = load::load_path(path)?;
        let (mock, more) = Self::from_collection(&collection)?;
        warnings.extend(more);
        Ok((mock, warnings))
    }

    /// Builds the routes of a loaded collection.
    ///
    /// The model gives each item's path already split into literals and parameters, and the base
    /// URL; the loaded items give the examples as saved (the model keeps only classified bodies).
    /// The model has one operation per request item in file order, so the two are zipped; a
    /// mismatch is a bug in this crate, reported as [`Error::Internal`].
    pub fn from_collection(collection: &Collection) -> Result<(Self, Vec<Warning>), Error> {
        Self::from_collection_with(collection, &Overrides::default())
    }

    /// Builds the routes of the items a client generated with `overrides` has: items they skip
    /// or leave out of `keep_folders` are not served (a request for one gets the 404 listing).
    /// The other settings change nothing the mock sends. The warnings include the overrides'
    /// `[[item]]` tables and `keep_folders` entries that match nothing.
    pub fn from_collection_with(
        collection: &Collection,
        overrides: &Overrides,
    ) -> Result<(Self, Vec<Warning>), Error> {
        let (api, _generation_warnings) = model::build(collection, overrides);
        let mut items = Vec::new();
        request_items(&collection.items, &mut Vec::new(), &mut items);
        // The model drops the items the overrides leave out, after naming; so does the zip.
        items.retain(|(folder_path, item)| {
            overrides.keeps(folder_path, &item.name, &item.request.method)
        });
        let items: Vec<&RequestItem> = items.into_iter().map(|(_, item)| item).collect();
        if items.len() != api.operations.len() {
            return Err(Error::Internal(format!(
                "the model has {} operations for {} request items",
                api.operations.len(),
                items.len()
            )));
        }
        let mut warnings = Vec::new();
        let mut routes: Vec<Route> = Vec::with_capacity(items.len());
        let mut hidden = Vec::new();
        for (item, operation) in items.into_iter().zip(&api.operations) {
            if item.name != operation.name || item.request.method != operation.method {
                return Err(Error::Internal(format!(
                    "item {:?} ({}) was paired with operation {:?} ({})",
                    item.name, item.request.method, operation.name, operation.method
                )));
            }
            let context = operation.postman_path();
            let examples = item
                .responses
                .iter()
                .filter_map(|example| MockExample::new(example, &context, &mut warnings))
                .collect();
            let route = Route {
                method: operation.method.clone(),
                template: operation.path_template(),
                item: context,
                examples,
                pattern: Pattern::new(&operation.path),
            };
            let repeats = routes
                .iter()
                .any(|r| r.method == route.method && r.pattern == route.pattern);
            // An item without examples loses nothing by coming second.
            if repeats && !route.examples.is_empty() {
                hidden.push(route.label());
            }
            routes.push(route);
        }
        if let Some(first) = hidden.first() {
            warnings.push(Warning {
                context: String::new(),
                message: format!(
                    "items with examples that repeat an earlier item's method and path: {} (the first: {first}); the mock serves their examples only when x-mock-response-name or x-mock-response-code asks for one of them",
                    hidden.len()
                ),
            });
        }
        warnings.extend(overrides.unused());
        let base_path = api
            .default_base_url
            .as_deref()
            .map(url_path)
            .map(split_path)
            .unwrap_or_default();
        Ok((Self { routes, base_path }, warnings))
    }

    /// The path of the collection's base URL, under which the routes are also served: `/v2`
    /// for `https://api.zoom.us/v2`; empty when the base URL has no path.
    pub fn base_path(&self) -> String {
        self.base_path.iter().map(|s| format!("/{s}")).collect()
    }

    /// Every route, in file order.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// The routes matching a request, best first: the most specific shape, and routes of that
    /// same shape (items repeating a route) in file order. Empty when none matches.
    ///
    /// The path is tried as given and, when it starts with the base URL's path, without it.
    pub(crate) fn matching(&self, method: &str, path: &[String]) -> Vec<&Route> {
        let stripped = path.strip_prefix(self.base_path.as_slice());
        let mut found: Vec<(Specificity, usize)> = self
            .routes
            .iter()
            .enumerate()
            .filter(|(_, route)| route.method == method)
            .filter(|(_, route)| {
                route.pattern.matches(path)
                    || stripped.is_some_and(|stripped| route.pattern.matches(stripped))
            })
            .map(|(index, route)| (route.pattern.specificity(), index))
            .collect();
        // Most specific first; file order among equals.
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let Some(best) = found.first().map(|(specificity, _)| specificity.clone()) else {
            return Vec::new();
        };
        found
            .into_iter()
            .take_while(|(specificity, _)| *specificity == best)
            .map(|(_, index)| &self.routes[index])
            .collect()
    }

    /// Up to `limit` routes nearest to a request that matched none, by the path's segment edit
    /// distance (see [`Pattern::distance`]; the smaller of the path as given and without the base
    /// path) plus half a segment when the method differs, then file order. The method weighs half
    /// a segment so that routes of the request's method come first among paths about as near,
    /// while the right path under another method (a wrong method) still comes before far paths.
    pub(crate) fn nearest(&self, method: &str, path: &[String], limit: usize) -> Vec<&Route> {
        let stripped = path.strip_prefix(self.base_path.as_slice());
        let mut ranked: Vec<(usize, usize)> = self
            .routes
            .iter()
            .enumerate()
            .map(|(index, route)| {
                let mut distance = route.pattern.distance(path);
                if let Some(stripped) = stripped {
                    distance = distance.min(route.pattern.distance(stripped));
                }
                if route.method != method {
                    distance += SEGMENT / 2;
                }
                (distance, index)
            })
            .collect();
        ranked.sort_unstable();
        let mut out: Vec<&Route> = Vec::new();
        for (_, index) in ranked {
            let route = &self.routes[index];
            // Items repeating a route would only repeat a line.
            if !out
                .iter()
                .any(|r| r.method == route.method && r.pattern == route.pattern)
            {
                out.push(route);
            }
            if out.len() == limit {
                break;
            }
        }
        out
    }
}

/// The request items below `items` with their folder paths, depth first in file order, as the
/// model walks them.
fn request_items<'a>(
    items: &'a [Item],
    folder_path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, &'a RequestItem)>,
) {
    for item in items {
        match item {
            Item::Folder(folder) => {
                folder_path.push(folder.name.clone());
                request_items(&folder.items, folder_path, out);
                folder_path.pop();
            }
            Item::Request(request) => out.push((folder_path.clone(), request)),
        }
    }
}

/// The path of an absolute URL: `https://api.zoom.us/v2?x` → `/v2`.
fn url_path(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme
        .find('/')
        .map_or("", |slash| &after_scheme[slash..]);
    path.split(['?', '#']).next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_is_the_url_path() {
        assert_eq!(url_path("https://api.zoom.us/v2"), "/v2");
        assert_eq!(url_path("https://api.x.com/a/b/?q=1"), "/a/b/");
        assert_eq!(url_path("https://api.github.com"), "");
        assert_eq!(url_path("http://localhost:3000#top"), "");
    }
}
