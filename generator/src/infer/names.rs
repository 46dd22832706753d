//! Names of inferred types and their fields, built on [`crate::naming`].
//!
//! A type used in one place is named for that place, as a path from its body
//! (`GetRepoResponse`, `GetRepoResponseLicense`, `ListReposResponseItem`). A type several places
//! share is named for what it is: the JSON key it appears under most (`owner` → `Owner`,
//! `labels` → `Label`), or the resource of the operations that return it (`GET /repos/:owner/:repo`
//! → `Repo`). Classes are named in a fixed order (shallowest first, then largest), so names do
//! not depend on the order of the collection's items; a name already taken falls back to the
//! place's name, then to a number.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::Role;
use super::Root;
use super::classes::Class;
use super::combine::{Combined, Place as NodePlace, Step};
use crate::naming::{Scope, snake_case, upper_camel_case};
use crate::overrides::TypeOverride;

/// Where a value sits: what a type defined for it would be called and documented as.
#[derive(Debug, Clone)]
pub struct Place {
    /// Preferred type name.
    pub name: String,
    /// Doc comment of a type defined here.
    pub doc: String,
    /// How docs of nested places refer to this one (`` `tags` of [`Repo`] ``).
    pub subject: String,
    /// Name array elements by the singular of `name` (fields) rather than `{name}Item`.
    pub singular: bool,
}

impl Place {
    /// The place of a root's value.
    pub fn root(root: &Root) -> Place {
        Place {
            name: root_name(&root.name),
            doc: root.doc.clone(),
            subject: format!("the array: {}", root.doc.trim_end_matches('.')),
            singular: false,
        }
    }

    /// The place of the value of field `key` (Rust name `field_name`) of the type `parent`.
    pub fn field(parent: &str, key: &str, field_name: &str) -> Place {
        let subject = format!("{} of [`{parent}`]", code_span(key));
        Place {
            name: format!("{parent}{}", camel_piece(field_name)),
            doc: format!("{subject}."),
            subject,
            singular: true,
        }
    }

    /// The place of an element of the array here.
    pub fn element(&self) -> Place {
        let name = if self.singular {
            element_name(&self.name)
        } else {
            format!("{}Item", self.name)
        };
        Place {
            name,
            doc: format!("An element of {}.", self.subject),
            subject: format!("an element of {}", self.subject),
            singular: false,
        }
    }

    /// The place of the value of variant `variant` of the enum `enum_name` defined here.
    pub fn variant(&self, enum_name: &str, variant: &str) -> Place {
        let subject = format!("the `{variant}` variant of [`{enum_name}`]");
        Place {
            // Only objects define a type of their own; array elements become `{name}Item`.
            name: if variant == "Array" {
                enum_name.to_owned()
            } else {
                format!("{enum_name}{variant}")
            },
            doc: format!("The value of {subject}."),
            subject,
            singular: false,
        }
    }

    /// This place after `steps`.
    fn after(self, steps: &[Step]) -> Place {
        steps.iter().fold(self, |place, step| match step {
            Step::Element => place.element(),
            Step::Variant(variant) => {
                let name = place.name.clone();
                place.variant(&name, variant)
            }
        })
    }
}

/// The name and doc of each class: `None` for a class without fields (typed `Value`).
/// `names` hands out the names; `overrides` rename a type by the name it would get.
pub(super) fn class_names(
    combined: &Combined<'_>,
    classes: &[Class<'_>],
    roots: &[Root],
    names: &mut Scope,
    overrides: &[TypeOverride],
) -> Vec<Option<(String, String)>> {
    let mut named: Vec<Option<String>> = vec![None; classes.len()];
    // The doc of each named class; for a shared one, written once every class has its name.
    let mut docs: Vec<Option<String>> = vec![None; classes.len()];
    // `combined.classes` is ordered shallowest first: the parent of a shallowest member is
    // named before its class.
    for (class, members) in combined.classes.iter().enumerate() {
        if classes[class].fields.is_empty() {
            continue;
        }
        let spots = spots(combined, roots, members);
        // The place of a shallowest spot, outside error bodies if any, the first by name (an
        // error body never gives its name to a success or request type).
        let Some((error, depth)) = spots.keys().map(|s| (s.error, s.depth)).min() else {
            continue;
        };
        let Some(home) = spots
            .keys()
            .filter(|s| (s.error, s.depth) == (error, depth))
            .filter_map(|s| place(s.spot, classes, roots, &named))
            .min_by(|a, b| a.name.cmp(&b.name))
        else {
            continue;
        };
        let shared = shared_name(&spots, classes, roots);
        let preferred = shared
            .as_ref()
            .filter(|name| !names.is_taken(name))
            .unwrap_or(&home.name)
            .clone();
        let mut name = names.claim(&preferred);
        // Renames match the name a type would get, the one a user sees in the output.
        if let Some(rename) = overrides.iter().find(|o| o.name == name) {
            rename.mark_seen();
            if let Some(to) = &rename.rename {
                name = names.claim(to.get_ref());
            }
        }
        named[class] = Some(name);
        docs[class] = match shared {
            Some(_) => None,
            None => Some(home.doc),
        };
    }
    for (class, members) in combined.classes.iter().enumerate() {
        if named[class].is_some() && docs[class].is_none() {
            let spots = spots(combined, roots, members);
            docs[class] = Some(shared_doc(&spots, classes, roots, &named));
        }
    }
    named
        .into_iter()
        .zip(docs)
        .map(|(name, doc)| Some((name?, doc.unwrap_or_default())))
        .collect()
}

/// Where a member of a class is, before any name is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Spot<'a> {
    /// In a root's value.
    Root { root: usize, steps: &'a [Step] },
    /// In a field of an object of class `parent`.
    Field {
        parent: usize,
        key: &'a str,
        steps: &'a [Step],
    },
}

/// A [`Spot`] with what orders the spots of a class for its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct MemberSpot<'a> {
    /// In an error body (those come last).
    error: bool,
    /// Objects above it in its body.
    depth: usize,
    spot: Spot<'a>,
}

/// The spots of `members`, each with how many of them are there (a member is in each root of
/// its body; a field's spot is the same for every object of one class).
fn spots<'c>(
    combined: &'c Combined<'_>,
    roots: &[Root],
    members: &[usize],
) -> BTreeMap<MemberSpot<'c>, usize> {
    let mut spots = BTreeMap::new();
    for &member in members {
        let node = &combined.nodes[member];
        let in_roots = combined.roots(member);
        let error = |root: usize| matches!(roots[root].role, Role::Error(_));
        match &node.place {
            NodePlace::Root { steps } => {
                for &root in in_roots {
                    let spot = MemberSpot {
                        error: error(root),
                        depth: node.depth,
                        spot: Spot::Root { root, steps },
                    };
                    *spots.entry(spot).or_default() += 1;
                }
            }
            NodePlace::Field { parent, key, steps } => {
                let spot = MemberSpot {
                    error: in_roots.iter().all(|&root| error(root)),
                    depth: node.depth,
                    spot: Spot::Field {
                        parent: combined.class_of[*parent],
                        key,
                        steps,
                    },
                };
                *spots.entry(spot).or_default() += in_roots.len();
            }
        }
    }
    spots
}

/// The place of a spot, named from its root or its parent's name (`None` while the parent has
/// none).
fn place(
    spot: Spot<'_>,
    classes: &[Class<'_>],
    roots: &[Root],
    named: &[Option<String>],
) -> Option<Place> {
    Some(match spot {
        Spot::Root { root, steps } => Place::root(&roots[root]).after(steps),
        Spot::Field { parent, key, steps } => {
            let field = classes[parent].rust_name(key).unwrap_or(key);
            Place::field(named[parent].as_ref()?, key, field).after(steps)
        }
    })
}

/// The name a class found in several places takes: the one most of its members vote for (the
/// key they appear under, the resource their operation returns, `Error404Body` for an error
/// body), each member once per root it is in; ties go to the first by name. `None` for a class
/// found in one place only.
fn shared_name(
    spots: &BTreeMap<MemberSpot<'_>, usize>,
    classes: &[Class<'_>],
    roots: &[Root],
) -> Option<String> {
    let mut places = BTreeSet::new();
    // Votes of members in error bodies count only when every member is in one.
    let (mut votes, mut error_votes): (BTreeMap<String, usize>, BTreeMap<String, usize>) =
        Default::default();
    for (spot, count) in spots {
        let vote = match spot.spot {
            Spot::Field { parent, key, steps } => {
                places.insert((Some(parent), key));
                let field = classes[parent].rust_name(key).unwrap_or(key);
                let name = camel_piece(field);
                match steps.contains(&Step::Element) {
                    true => Some(element_name(&name)),
                    false => Some(name),
                }
            }
            Spot::Root { root, steps } => {
                let root = &roots[root];
                places.insert((None, root.name.as_str()));
                let top = steps.is_empty() || steps == [Step::Element];
                match root.role {
                    Role::Success if top => root.resource.clone(),
                    Role::Error(status) if steps.is_empty() => Some(format!("Error{status}Body")),
                    _ => None,
                }
            }
        };
        if let Some(vote) = vote.filter(|v| !v.is_empty()) {
            let votes = match spot.error {
                true => &mut error_votes,
                false => &mut votes,
            };
            *votes.entry(vote).or_default() += count;
        }
    }
    if places.len() < 2 {
        return None;
    }
    if spots.keys().all(|spot| spot.error) {
        votes = error_votes;
    }
    // A key's piece alone can be a name Rust reserves (`Self`): `root_name` mends it.
    votes
        .into_iter()
        .max_by(|(a, a_votes), (b, b_votes)| a_votes.cmp(b_votes).then_with(|| b.cmp(a)))
        .map(|(name, _)| root_name(&name))
}

/// The doc of a shared class: the places it is found in, a few of them named.
fn shared_doc(
    spots: &BTreeMap<MemberSpot<'_>, usize>,
    classes: &[Class<'_>],
    roots: &[Root],
    named: &[Option<String>],
) -> String {
    const SHOWN: usize = 3;
    let mentions: BTreeSet<Cow<'_, str>> = spots
        .keys()
        .filter_map(|spot| match spot.spot {
            Spot::Root { root, steps: [] } => Some(Cow::Borrowed(roots[root].mention.as_str())),
            Spot::Root { root, .. } => {
                Some(Cow::Owned(format!("an element of {}", roots[root].mention)))
            }
            field => Some(Cow::Owned(place(field, classes, roots, named)?.subject)),
        })
        .collect();
    let shown: Vec<&str> = mentions.iter().take(SHOWN).map(|m| m.as_ref()).collect();
    let more = match mentions.len().saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!("; and {n} more"),
    };
    format!(
        "An object found in {} places: {}{more}.",
        mentions.len(),
        shown.join("; ")
    )
}

/// A root name as given when it is already a usable type name, otherwise its UpperCamelCase form.
pub fn root_name(name: &str) -> String {
    let usable = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name != "Self";
    if usable {
        name.to_owned()
    } else {
        upper_camel_case(name)
    }
}

/// The UpperCamelCase piece a field contributes to a nested type name (`r#type` → `Type`,
/// `self_` → `Self`, `n2fa` → `N2fa`).
pub fn camel_piece(field_name: &str) -> String {
    let bare = field_name.strip_prefix("r#").unwrap_or(field_name);
    upper_camel_case(bare).trim_end_matches('_').to_owned()
}

/// The name of an array element type, from the name of the array (`Users` → `User`,
/// `Entries` → `Entry`, `Data` → `DataItem`).
pub fn element_name(array_name: &str) -> String {
    singular(array_name).unwrap_or_else(|| format!("{array_name}Item"))
}

/// The singular of an UpperCamelCase name, changing only its last word; `None` when the last
/// word does not look like an English plural.
pub fn singular(name: &str) -> Option<String> {
    let start = name.rfind(|c: char| c.is_ascii_uppercase()).unwrap_or(0);
    let (head, word) = name.split_at(start);
    let lower = word.to_ascii_lowercase();
    if word.len() < 3 || !word.is_ascii() || !lower.ends_with('s') {
        return None;
    }
    let stem = if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["sses", "xes", "ches", "shes", "zzes", "statuses"]
        .iter()
        .any(|ending| lower.ends_with(ending) && !lower.ends_with("caches"))
    {
        word[..word.len() - 2].to_owned()
    } else if ["ss", "us", "is"]
        .iter()
        .any(|ending| lower.ends_with(ending))
    {
        return None;
    } else {
        word[..word.len() - 1].to_owned()
    };
    (stem.len() > 1 || !head.is_empty()).then(|| format!("{head}{stem}"))
}

/// `key` as inline code for doc text (`` `key` ``, `""` for the empty key).
pub fn code_span(key: &str) -> String {
    if key.is_empty() {
        "`\"\"`".to_owned()
    } else {
        format!("`{}`", key.replace('`', "'"))
    }
}

/// The resource an operation's path names, as a type name: the last literal segment, singular
/// (`/repos/:owner/:repo` → `Repo`, `/users/{{userId}}/settings` → `Setting`).
pub fn resource_name(literal_segment: &str) -> Option<String> {
    // Only words name a resource: `/books/1`, `/v2` or `/3.0` say nothing of what they hold.
    let word = literal_segment
        .chars()
        .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_')
        && literal_segment.chars().filter(char::is_ascii_alphabetic).count() > 1;
    let camel = upper_camel_case(literal_segment);
    let usable = word && camel != "Value";
    usable.then(|| singular(&camel).unwrap_or(camel))
}

/// Field names of one struct: legal, unique, and a `serde(rename)` when they differ from the key.
pub struct FieldNames {
    scope: Scope,
}

impl FieldNames {
    /// No field named yet.
    pub fn new() -> Self {
        Self {
            scope: Scope::new(),
        }
    }

    /// The Rust name for `key`, and the key to put in `serde(rename)` when it is needed.
    pub fn name(&mut self, key: &str) -> (String, Option<String>) {
        let name = self.scope.claim(&snake_case(key));
        let bare = name.strip_prefix("r#").unwrap_or(&name);
        let rename = (bare != key).then(|| key.to_owned());
        (name, rename)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        let cases = [
            ("Users", Some("User")),
            ("RepoEntries", Some("RepoEntry")),
            ("Addresses", Some("Address")),
            ("Boxes", Some("Box")),
            ("Branches", Some("Branch")),
            ("Statuses", Some("Status")),
            ("Warehouses", Some("Warehouse")),
            ("Ids", Some("Id")),
            ("Status", None),
            ("Address", None),
            ("Analysis", None),
            ("Data", None),
            ("Items2", None),
            ("Is", None),
            ("Uses", Some("Use")),
            ("Caches", Some("Cache")),
        ];
        for (plural, expected) in cases {
            assert_eq!(singular(plural).as_deref(), expected, "{plural}");
        }
        assert_eq!(element_name("ListReposResponse"), "ListReposResponseItem");
        assert_eq!(element_name("RepoTopics"), "RepoTopic");
    }

    #[test]
    fn root_names_kept_when_usable() {
        assert_eq!(
            root_name("UploadVirtualBackgroundFilesResponse"),
            "UploadVirtualBackgroundFilesResponse"
        );
        assert_eq!(root_name("HTTPResponse"), "HTTPResponse");
        assert_eq!(root_name("create meeting body"), "CreateMeetingBody");
        assert_eq!(root_name("Self"), "Self_");
        assert_eq!(root_name("2fa"), "N2fa");
        assert_eq!(root_name(""), "Value");
    }

    #[test]
    fn field_names_rename_when_needed() {
        let mut names = FieldNames::new();
        assert_eq!(names.name("id"), ("id".to_owned(), None));
        assert_eq!(names.name("type"), ("r#type".to_owned(), None));
        assert_eq!(
            names.name("self"),
            ("self_".to_owned(), Some("self".to_owned()))
        );
        assert_eq!(
            names.name("userId"),
            ("user_id".to_owned(), Some("userId".to_owned()))
        );
        assert_eq!(
            names.name("user_id"),
            ("user_id_2".to_owned(), Some("user_id".to_owned()))
        );
        assert_eq!(
            names.name("@odata.type"),
            ("odata_type".to_owned(), Some("@odata.type".to_owned()))
        );
        assert_eq!(
            names.name("2fa"),
            ("n2fa".to_owned(), Some("2fa".to_owned()))
        );
        assert_eq!(names.name(""), ("value".to_owned(), Some(String::new())));
        assert_eq!(
            names.name("straße"),
            ("stra_e".to_owned(), Some("straße".to_owned()))
        );
        assert_eq!(
            names.name("Self"),
            ("self_2".to_owned(), Some("Self".to_owned()))
        );
        assert_eq!(
            names.name("self "),
            ("self_3".to_owned(), Some("self ".to_owned()))
        );
        assert_eq!(code_span(""), "`\"\"`");
        assert_eq!(code_span("a`b"), "`a'b`");
        assert_eq!(camel_piece("r#type"), "Type");
        assert_eq!(camel_piece("self_"), "Self");
        assert_eq!(camel_piece("n2fa"), "N2fa");
        assert_eq!(camel_piece("user_id_2"), "UserId2");
    }

    #[test]
    fn only_words_name_resources() {
        assert_eq!(resource_name("repos").as_deref(), Some("Repo"));
        assert_eq!(resource_name("pull-requests").as_deref(), Some("PullRequest"));
        assert_eq!(resource_name("user").as_deref(), Some("User"));
        for not_a_word in ["1", "v2", "3.0", "x", "value", "{{id}}", "straße"] {
            assert_eq!(resource_name(not_a_word), None, "{not_a_word}");
        }
    }
}
