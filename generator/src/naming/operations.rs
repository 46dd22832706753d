//! Function names for operations, from item titles: unique across the API, told apart by
//! meaning.
//!
//! A title gives its [words](super::words); its articles are dropped (`Get a user` → `get_user`,
//! `Update the amount of an authorized payment` → `update_amount_of_authorized_payment`) unless
//! another title then reads the same; a name over
//! [`FUNCTION_BUDGET`](super::budget::FUNCTION_BUDGET) loses its parenthesized asides, on the
//! same condition, then is [shortened](super::budget). Items whose names still collide (Zoom has
//! "Delete virtual background files" under accounts, groups and users) are qualified by the
//! first folder that tells them apart, then by the HTTP method; a number is the last resort, for
//! items identical in folder, name and method. All but the number depend on the set of items,
//! not on their order.
//!
//! [`legacy_operation_names`] gives the names earlier versions derived, so that an override
//! naming one of them can be told its new name.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;

use super::budget::{FUNCTION_BUDGET, MODULE_BUDGET, fitting, shortened_apart};
use super::words::{key_words, snake, title_words, without_asides};
use super::{Scope, cleaned, snake_ident, upper_camel_case};

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
pub(crate) const CLIENT_METHODS: &[&str] = &[
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
    "send_stream",
    "transmit",
    "with_options",
];

/// `(fn_name, type_name)` for each request, in the same order.
pub fn operation_names(requests: &[NameRequest<'_>]) -> Vec<(String, String)> {
    let titles: Vec<Vec<String>> = requests.iter().map(|r| title_words(r.name)).collect();
    let chosen = apart(&titles, without_articles);
    // A name over the budget loses its parenthesized asides before any of its last words.
    let asides: Vec<Option<Vec<String>>> = requests
        .iter()
        .zip(&chosen)
        .map(|(request, words)| {
            let over = snake(words).len() > FUNCTION_BUDGET;
            let text = without_asides(request.name).filter(|_| over)?;
            Some(without_articles(&title_words(&text)))
        })
        .collect();
    let chosen = apart_by(&chosen, |index, words| {
        asides[index].clone().unwrap_or_else(|| words.to_vec())
    });
    let lists: Vec<&[String]> = chosen.iter().map(Vec::as_slice).collect();
    let counts = shortened_apart(&lists, FUNCTION_BUDGET, "_");
    let base: Vec<Vec<String>> = chosen
        .iter()
        .zip(counts)
        .map(|(words, count)| words[..count].to_vec())
        .collect();
    allocate(requests, base, |folder| {
        let words = title_words(folder);
        let count = fitting(&words, MODULE_BUDGET, "_");
        words[..count].to_vec()
    })
}

/// The `(fn_name, type_name)` earlier versions (up to 0.1) derived, for the same requests: the
/// title split at every capital and punctuation mark, nothing dropped.
pub fn legacy_operation_names(requests: &[NameRequest<'_>]) -> Vec<(String, String)> {
    let legacy_words = |text: &str| -> Vec<String> {
        cleaned(text)
            .to_snake_case()
            .split('_')
            .filter(|word| !word.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let base = requests.iter().map(|r| legacy_words(r.name)).collect();
    allocate(requests, base, legacy_words)
}

/// An operation whose type-name prefix changed with this version's naming rules, so that an
/// override naming one of its old types can be told the new name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    /// The prefix earlier versions derived (`GetAUser`, as in `GetAUserResponse`).
    pub old: String,
    /// The prefix now (`GetUser`).
    pub new: String,
}

/// The prefixes that differ between `legacy` and `current` names of the same requests.
pub fn renamed(legacy: &[(String, String)], current: &[(String, String)]) -> Vec<Renamed> {
    legacy
        .iter()
        .zip(current)
        .filter(|((_, old), (_, new))| old != new)
        .map(|((_, old), (_, new))| Renamed {
            old: old.clone(),
            new: new.clone(),
        })
        .collect()
}

/// The name a type called `name` by earlier versions most likely has now: the longest old
/// prefix it starts with (followed by a new word, or nothing) replaced by the new one.
pub fn new_type_name(name: &str, renamed: &[Renamed]) -> Option<String> {
    renamed
        .iter()
        .filter(|r| {
            name.strip_prefix(r.old.as_str()).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_uppercase())
            })
        })
        .max_by_key(|r| r.old.len())
        .map(|r| format!("{}{}", r.new, &name[r.old.len()..]))
}

/// A title's words without its articles: `a`, `an` and `the` anywhere, and `A`, `An` and `The`
/// when they start it (elsewhere, a capital `A` is more often a letter: `Get A records`).
fn without_articles(words: &[String]) -> Vec<String> {
    let kept: Vec<String> = words
        .iter()
        .enumerate()
        .filter(|(index, word)| {
            let article = matches!(word.as_str(), "a" | "an" | "the")
                || (*index == 0 && matches!(word.as_str(), "A" | "An" | "The"));
            !article
        })
        .map(|(_, word)| word.clone())
        .collect();
    if kept.is_empty() {
        words.to_vec()
    } else {
        kept
    }
}

/// For each title, its `shorter` form unless another, different title has the same shorter
/// form: then both keep their whole words. Decided on the set of titles, not their order.
fn apart(whole: &[Vec<String>], shorter: impl Fn(&[String]) -> Vec<String>) -> Vec<Vec<String>> {
    apart_by(whole, |_, words| shorter(words))
}

/// [`apart`], with `shorter` also given the title's index.
fn apart_by(
    whole: &[Vec<String>],
    shorter: impl Fn(usize, &[String]) -> Vec<String>,
) -> Vec<Vec<String>> {
    let shorter: Vec<Vec<String>> = whole
        .iter()
        .enumerate()
        .map(|(index, words)| shorter(index, words))
        .collect();
    let mut sources: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (whole, shorter) in whole.iter().zip(&shorter) {
        sources
            .entry(snake(shorter))
            .or_default()
            .insert(snake(whole));
    }
    whole
        .iter()
        .zip(shorter)
        .map(|(whole, shorter)| {
            if sources[&snake(&shorter)].len() > 1 {
                whole.clone()
            } else {
                shorter
            }
        })
        .collect()
}

/// Names from each request's base words, qualified where they collide; `folder_words` gives
/// the words a folder adds.
fn allocate(
    requests: &[NameRequest<'_>],
    base: Vec<Vec<String>>,
    folder_words: impl Fn(&str) -> Vec<String>,
) -> Vec<(String, String)> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, words) in base.iter().enumerate() {
        if requests[index].rename.is_none() {
            groups.entry(snake(words)).or_default().push(index);
        }
    }

    let mut preferred = base.clone();
    for members in groups.values().filter(|members| members.len() > 1) {
        qualify_by_folder(requests, members, &base, &folder_words, &mut preferred);
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
        let bare = fn_name.strip_prefix("r#").unwrap_or(&fn_name);
        let type_name = types.claim(upper_camel_case(bare).trim_end_matches('_'));
        (fn_name, type_name)
    };
    // Names the user chose are claimed first, so no derived name can take one of them.
    let chosen: Vec<Option<(String, String)>> =
        requests.iter().map(|r| r.rename.map(&mut claim)).collect();
    preferred
        .iter()
        .zip(chosen)
        .map(|(words, chosen)| chosen.unwrap_or_else(|| claim(&snake_ident(words))))
        .collect()
}

/// Prefixes each member with the folders that tell it apart: the first level (from the root)
/// where the members' paths differ, then, among those still together, the next such level.
fn qualify_by_folder(
    requests: &[NameRequest<'_>],
    members: &[usize],
    base: &[Vec<String>],
    folder_words: &impl Fn(&str) -> Vec<String>,
    names: &mut [Vec<String>],
) {
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
            let mut words: Vec<String> = qualifiers[slot]
                .iter()
                .flat_map(|folder| folder_words(folder))
                .collect();
            words.extend(base[i].iter().cloned());
            names[i] = words;
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
fn qualify_by_method(requests: &[NameRequest<'_>], members: &[usize], names: &mut [Vec<String>]) {
    let mut still: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in members {
        still.entry(snake(&names[i])).or_default().push(i);
    }
    for same in still.values().filter(|same| same.len() > 1) {
        let method = |i: usize| requests[i].method;
        if same.iter().any(|&i| method(i) != method(same[0])) {
            for &i in same {
                // A method is any token in Postman (`PURGE`, or garbage in a fuzzed file).
                let mut words = key_words(method(i));
                words.append(&mut names[i]);
                names[i] = words;
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
        // A method that is no word (a fuzzed file) still makes an identifier.
        let got = names(&[(&[], "x", "DELET!E"), (&[], "x", "'")]);
        assert_eq!(got, ["delet_e_x", "x"]);
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

    #[test]
    fn titles_from_the_issue() {
        let got = names(&[
            (&["users"], "Update the user's password", "PATCH"),
            (&["chat"], "List user's chat messages", "GET"),
            (&["meetings"], "Get meeting participant QoS", "GET"),
            (&["public"], "List Fastly's public IPs", "GET"),
            (
                &["waf"],
                "Delete multiple active rules from a WAF using MODSEC IDs",
                "DELETE",
            ),
            (&["h323"], "Update a H.323/SIP device", "PATCH"),
            (&["users"], "Get a user", "GET"),
            (&["members"], "List the members", "GET"),
            (&["teams"], "Create an team", "POST"),
            (
                &["vcl"],
                "Get boilerplate VCL with the service's TTL from the <a href=\"/api/config#settings\">settings</a>",
                "GET",
            ),
        ]);
        assert_eq!(
            got,
            [
                "update_user_password",
                "list_user_chat_messages",
                "get_meeting_participant_qos",
                "list_fastly_public_ips",
                "delete_multiple_active_rules_from_waf_using_modsec_ids",
                "update_h323_sip_device",
                "get_user",
                "list_members",
                "create_team",
                "get_boilerplate_vcl_with_service_ttl_from_settings",
            ]
        );
    }

    #[test]
    fn articles_stay_where_dropping_them_would_merge_names() {
        let got = names(&[
            (&["users"], "Get a user", "GET"),
            (&["users"], "Get the user", "GET"),
            (&["users"], "Get a group", "GET"),
        ]);
        assert_eq!(got, ["get_a_user", "get_the_user", "get_group"]);
        // The same title in two folders is one name, told apart by folder as before.
        let got = names(&[
            (&["accounts"], "Get a user", "GET"),
            (&["groups"], "Get a user", "GET"),
        ]);
        assert_eq!(got, ["accounts_get_user", "groups_get_user"]);
    }

    #[test]
    fn long_titles_are_shortened_to_the_words_that_tell_them_apart() {
        let long = "Check if ShoppingList exists in BusinessUnit by Query Predicate as Associate";
        let got = names(&[
            (&[], long, "HEAD"),
            (
                &[],
                "Check if ShoppingList exists in BusinessUnit by Key as Associate",
                "HEAD",
            ),
        ]);
        assert_eq!(
            got,
            [
                "check_if_shopping_list_exists_in_business_unit_by_query",
                "check_if_shopping_list_exists_in_business_unit_by_key",
            ]
        );
        assert!(got.iter().all(|name| name.len() <= FUNCTION_BUDGET));
    }

    #[test]
    fn legacy_names_are_those_of_earlier_versions() {
        let folders = [vec!["users".to_owned()], vec!["groups".to_owned()]];
        let request = |folder_path, name| NameRequest {
            folder_path,
            name,
            method: "GET",
            rename: None,
        };
        let requests = [
            request(&folders[0], "Get a user's QoS"),
            request(&folders[1], "Get a user's QoS"),
            request(&folders[0], "List IPs"),
        ];
        let legacy: Vec<(String, String)> = legacy_operation_names(&requests);
        assert_eq!(
            legacy,
            [
                (
                    "users_get_a_user_s_qo_s".to_owned(),
                    "UsersGetAUserSQoS".to_owned()
                ),
                (
                    "groups_get_a_user_s_qo_s".to_owned(),
                    "GroupsGetAUserSQoS".to_owned()
                ),
                ("list_i_ps".to_owned(), "ListIPs".to_owned()),
            ]
        );
        let current = operation_names(&requests);
        let types: Vec<&str> = current.iter().map(|(_, ty)| ty.as_str()).collect();
        assert_eq!(types, ["UsersGetUserQos", "GroupsGetUserQos", "ListIps"]);
        let renamed = renamed(&legacy, &current);
        assert_eq!(
            new_type_name("UsersGetAUserSQoSResponse", &renamed).as_deref(),
            Some("UsersGetUserQosResponse")
        );
        assert_eq!(
            new_type_name("ListIPs", &renamed).as_deref(),
            Some("ListIps")
        );
        assert_eq!(new_type_name("ListIPsv", &renamed), None);
        assert_eq!(new_type_name("Other", &renamed), None);
    }
}
