//! Function names for operations: unique across the API, told apart by meaning.
//!
//! Items whose names collide (Zoom has "Delete virtual background files" under accounts, groups
//! and users) are qualified by the first folder that tells them apart, then by the HTTP method;
//! a number is the last resort, for items identical in folder, name and method.

use std::collections::BTreeMap;

use crate::naming::{Scope, snake_case, upper_camel_case};

/// What naming needs to know of an operation.
pub struct NameRequest<'a> {
    /// Folder path from the root.
    pub folder_path: &'a [String],
    /// Item name.
    pub name: &'a str,
    /// Upper-case HTTP method.
    pub method: &'a str,
    /// The function name the user chose in the overrides, if any.
    pub rename: Option<&'a str>,
}

/// Methods of the generated `Client` that operations must not shadow.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "default",
    "clone",
    "fmt",
    "with_http_client",
    "base_url",
    "with_bearer_token",
    "with_basic_auth",
    "with_api_key",
    "with_timeout",
    "with_request_hook",
    "request",
    "request_at",
    "request_to",
    "run_request_hook",
    "send",
];

/// `(fn_name, type_name)` for each request, in the same order.
pub fn operation_names(requests: &[NameRequest<'_>]) -> Vec<(String, String)> {
    let base: Vec<String> = requests.iter().map(|r| snake_case(r.name)).collect();
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, name) in base.iter().enumerate() {
        if requests[index].rename.is_none() {
            groups.entry(name.as_str()).or_default().push(index);
        }
    }

    let mut preferred = base.clone();
    for members in groups.values().filter(|members| members.len() > 1) {
        qualify_by_folder(requests, members, &mut preferred);
        qualify_by_method(requests, members, &mut preferred);
    }

    let mut functions = Scope::new();
    let mut types = Scope::new();
    for reserved in CLIENT_METHODS {
        functions.reserve(reserved);
    }
    let mut claim = |name: &str| {
        let fn_name = functions.claim(name);
        // A prefix (`{type_name}Error`, `…Query`): `Self_` would make `Self_Error`.
        let type_name = types.claim(upper_camel_case(&fn_name).trim_end_matches('_'));
        (fn_name, type_name)
    };
    // Names the user chose are claimed first, so no derived name can take one of them.
    let chosen: Vec<Option<(String, String)>> =
        requests.iter().map(|r| r.rename.map(&mut claim)).collect();
    preferred
        .iter()
        .zip(chosen)
        .map(|(name, chosen)| chosen.unwrap_or_else(|| claim(name)))
        .collect()
}

/// Prefixes each member with the folders that tell it apart: the first level (from the root)
/// where the members' paths differ, then, among those still together, the next such level.
fn qualify_by_folder(requests: &[NameRequest<'_>], members: &[usize], names: &mut [String]) {
    let mut qualifiers: Vec<Vec<&str>> = vec![Vec::new(); members.len()];
    split(
        requests,
        members,
        &(0..members.len()).collect::<Vec<_>>(),
        0,
        &mut qualifiers,
    );
    for (slot, &i) in members.iter().enumerate() {
        if !qualifiers[slot].is_empty() {
            let folders = qualifiers[slot].join(" ");
            names[i] = snake_case(&format!("{folders} {}", requests[i].name));
        }
    }
}

/// Splits the members at `slots` by the first folder level at or below `from` where they
/// differ, records that folder as a qualifier, and recurses into groups still together.
fn split<'a>(
    requests: &'a [NameRequest<'_>],
    members: &[usize],
    slots: &[usize],
    from: usize,
    qualifiers: &mut [Vec<&'a str>],
) {
    let folder_at = |slot: usize, level: usize| {
        requests[members[slot]]
            .folder_path
            .get(level)
            .map(String::as_str)
    };
    let depth = slots
        .iter()
        .map(|&s| requests[members[s]].folder_path.len())
        .max()
        .unwrap_or(0);
    let Some(level) = (from..depth).find(|&level| {
        let first = folder_at(slots[0], level);
        slots.iter().any(|&s| folder_at(s, level) != first)
    }) else {
        return;
    };
    let mut groups: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for &slot in slots {
        let folder = folder_at(slot, level);
        if let Some(folder) = folder {
            qualifiers[slot].push(folder);
        }
        groups.entry(folder).or_default().push(slot);
    }
    for group in groups.values().filter(|group| group.len() > 1) {
        split(requests, members, group, level + 1, qualifiers);
    }
}

/// Prefixes the method to members that still share a name, when the method tells them apart.
fn qualify_by_method(requests: &[NameRequest<'_>], members: &[usize], names: &mut [String]) {
    let mut still: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in members {
        still.entry(names[i].clone()).or_default().push(i);
    }
    for same in still.values().filter(|same| same.len() > 1) {
        let method = |i: usize| requests[i].method;
        if same.iter().any(|&i| method(i) != method(same[0])) {
            for &i in same {
                let name = names[i].trim_start_matches("r#").to_owned();
                names[i] = snake_case(&format!("{} {name}", method(i).to_lowercase()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(items: &[(&[&str], &str, &str)]) -> Vec<String> {
        let folders: Vec<Vec<String>> = items
            .iter()
            .map(|(f, _, _)| f.iter().map(|s| s.to_string()).collect())
            .collect();
        let requests: Vec<NameRequest<'_>> = items
            .iter()
            .zip(&folders)
            .map(|((_, name, method), folder_path)| NameRequest {
                folder_path,
                name,
                method,
                rename: None,
            })
            .collect();
        operation_names(&requests)
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn unique_names_are_kept() {
        assert_eq!(names(&[(&["users"], "List users", "GET")]), ["list_users"]);
    }

    #[test]
    fn collisions_are_told_apart_by_folder() {
        let got = names(&[
            (
                &["accounts", "{account Id}", "settings"],
                "Delete virtual background files",
                "DELETE",
            ),
            (
                &["groups", "{group Id}", "settings"],
                "Delete virtual background files",
                "DELETE",
            ),
            (
                &["users", "{user Id}", "settings"],
                "Delete virtual background files",
                "DELETE",
            ),
        ]);
        assert_eq!(
            got,
            [
                "accounts_delete_virtual_background_files",
                "groups_delete_virtual_background_files",
                "users_delete_virtual_background_files"
            ]
        );
    }

    #[test]
    fn nested_collisions_take_as_many_folders_as_needed() {
        let got = names(&[
            (&["meetings", "registrants"], "Update questions", "PATCH"),
            (
                &["meetings", "recordings", "registrants"],
                "Update questions",
                "PATCH",
            ),
            (&["webinars", "registrants"], "Update questions", "PATCH"),
        ]);
        assert_eq!(
            got,
            [
                "meetings_registrants_update_questions",
                "meetings_recordings_update_questions",
                "webinars_update_questions"
            ]
        );
    }

    #[test]
    fn same_folder_is_told_apart_by_method_then_number() {
        let got = names(&[
            (&[], "/todos/:id", "GET"),
            (&[], "/todos/:id", "DELETE"),
            (&[], "/todos/:id", "DELETE"),
        ]);
        assert_eq!(
            got,
            ["get_todos_id", "delete_todos_id", "delete_todos_id_2"]
        );
    }

    #[test]
    fn chosen_names_win_over_derived_ones() {
        let folders = [Vec::new(), Vec::new()];
        let requests = [
            NameRequest {
                folder_path: &folders[0],
                name: "List todos",
                method: "GET",
                rename: None,
            },
            NameRequest {
                folder_path: &folders[1],
                name: "Other",
                method: "GET",
                rename: Some("list_todos"),
            },
        ];
        let got: Vec<String> = operation_names(&requests)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(got, ["list_todos_2", "list_todos"]);
    }

    #[test]
    fn client_methods_are_not_shadowed() {
        assert_eq!(
            names(&[(&[], "new", "GET"), (&[], "Send", "POST")]),
            ["new_2", "send_2"]
        );
    }
}
