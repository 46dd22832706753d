//! The `errors` module: what each operation's error enum holds, and which operations share one.
//!
//! An operation that documents an error status gets an enum with a variant per status, named
//! after it (`GetRepoError`). Many operations document the very same errors (github-v3: 90 of
//! its 402 say only "404 Not Found"), and every enum is an item rustc checks and derives for.
//! So operations whose enums would be identical — the same variants with the same docs, the
//! same documented codes — share one enum, named after its statuses (`Status404Error`), and each
//! keeps its own name as an alias of it: `GetRepoError::NotFound(body)` still matches.

use std::collections::{BTreeMap, BTreeSet};

use super::docs::code;
use super::operation::OperationPlan;
use crate::infer::RustType;
use crate::model::Operation;
use crate::model::status::{reason, variant_name};

/// One enum of the `errors` module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEnum {
    /// The Rust name.
    pub name: String,
    /// The enum's doc text.
    pub doc: String,
    /// A variant per error status, in the collection's order.
    pub variants: Vec<ErrorVariant>,
    /// The documented `(status, code, message)` triples of its statuses: its `DOCUMENTED`.
    pub documented: Vec<(u16, String, String)>,
}

/// One variant of an [`ErrorEnum`]: a status and what the collection says of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ErrorVariant {
    /// The HTTP status.
    pub status: u16,
    /// The variant's name (`NotFound`).
    pub name: String,
    /// Its doc text: the status, its documented codes, the type of its documented body.
    pub doc: String,
}

/// An operation's error type in the `errors` module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperationErrors {
    /// An enum of its own.
    Own(ErrorEnum),
    /// Its name is an alias of a [`SharedErrorEnum`].
    Alias {
        /// The operation's name for it (`GetRepoError`).
        name: String,
        /// The shared enum's name.
        shared: String,
        /// The alias's doc text.
        doc: String,
    },
}

impl OperationErrors {
    /// The name the operation's method returns its errors under.
    pub fn name(&self) -> &str {
        match self {
            Self::Own(own) => &own.name,
            Self::Alias { name, .. } => name,
        }
    }
}

/// An enum several operations' error types are aliases of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedErrorEnum {
    /// The enum.
    pub def: ErrorEnum,
    /// The folders (indexes) of the operations that use it: with per-folder features, it is
    /// compiled when any of theirs is on.
    pub folders: BTreeSet<usize>,
}

/// The error enum of `operation`, with a variant for each of `statuses`; `None` when there is
/// none: the operation shares the runtime's `Undocumented`. `bodies` are the types inferred for
/// error statuses with JSON examples: variants keep the raw `ErrorBody` and name that type.
pub fn own_enum(
    operation: &Operation,
    statuses: &[u16],
    bodies: &BTreeMap<u16, RustType>,
) -> Option<ErrorEnum> {
    if statuses.is_empty() {
        return None;
    }
    let variants = statuses
        .iter()
        .map(|&status| ErrorVariant {
            status,
            name: variant_name(status),
            doc: variant_doc(operation, status, bodies.get(&status)),
        })
        .collect();
    let documented = operation
        .documented_errors
        .iter()
        .filter(|e| statuses.contains(&e.status))
        .map(|e| (e.status, e.code.clone(), e.message.clone()))
        .collect();
    let fn_name = operation.fn_name.trim_start_matches("r#");
    Some(ErrorEnum {
        name: format!("{}Error", operation.type_name),
        doc: format!("Error statuses documented for [`{fn_name}`](crate::Client::{fn_name})."),
        variants,
        documented,
    })
}

fn variant_doc(operation: &Operation, status: u16, body: Option<&RustType>) -> String {
    let mut text = format!("HTTP {status} {}", reason(status))
        .trim_end()
        .to_owned();
    let documented: Vec<String> = operation
        .documented_errors
        .iter()
        .filter(|e| e.status == status)
        .map(|e| match e.message.is_empty() {
            true => code(&e.code),
            false => format!("{}: {}", code(&e.code), e.message),
        })
        .collect();
    match documented.as_slice() {
        [] => {}
        [one] => text = format!("{text} — {one}"),
        many => {
            text.push_str(", with these documented error codes:\n");
            for line in many {
                text.push_str(&format!("\n* {line}"));
            }
        }
    }
    if let Some(body) = body.and_then(body_doc) {
        text.push_str(&format!(
            "\n\nThe documented body is {body}; decode it with `serde_json::from_slice(body.bytes())`."
        ));
    }
    text
}

/// How a variant's doc names the type of its documented body, when it is a generated type.
fn body_doc(ty: &RustType) -> Option<String> {
    match ty {
        RustType::Named(name) => Some(format!("[`{name}`](crate::types::{name})")),
        RustType::Vec(inner) => body_doc(inner).map(|inner| format!("an array of {inner}")),
        _ => None,
    }
}

/// What makes two error enums the same: everything but their name and doc.
type Shape = (Vec<ErrorVariant>, Vec<(u16, String, String)>);

/// Makes the operations whose error enums are identical share one, and returns the shared
/// enums, by name. A shared enum is named after its statuses; when several groups of
/// operations would take the same name (the same statuses, documented differently), the
/// largest group takes it (the first in collection order on a tie) and the others keep their
/// own enums, as does a group whose name is already an operation's error type.
pub fn share(operations: &mut [OperationPlan]) -> Vec<SharedErrorEnum> {
    let mut groups: BTreeMap<Shape, Vec<usize>> = BTreeMap::new();
    for (index, plan) in operations.iter().enumerate() {
        if let Some(OperationErrors::Own(own)) = &plan.errors {
            let shape = (own.variants.clone(), own.documented.clone());
            groups.entry(shape).or_default().push(index);
        }
    }
    let taken: BTreeSet<&str> = operations
        .iter()
        .filter_map(|plan| plan.errors.as_ref().map(OperationErrors::name))
        .collect();
    // Per name, the group that takes it: more users first, then the earlier first user.
    let mut by_name: BTreeMap<String, (Shape, Vec<usize>)> = BTreeMap::new();
    for (shape, users) in groups.into_iter().filter(|(_, users)| users.len() > 1) {
        let name = shared_name(&shape.0);
        if taken.contains(name.as_str()) {
            continue;
        }
        let rank = |users: &[usize]| (users.len(), std::cmp::Reverse(users[0]));
        match by_name.get(&name) {
            Some((_, best)) if rank(best) >= rank(&users) => {}
            _ => {
                by_name.insert(name, (shape, users));
            }
        }
    }
    by_name
        .into_iter()
        .map(|(name, ((variants, documented), users))| {
            let def = ErrorEnum {
                name,
                doc: String::new(),
                variants,
                documented,
            };
            alias_users(operations, def, &users)
        })
        .collect()
}

/// `Status400Or404Error`: the variants' statuses, in order. Their names would read better
/// (`BadRequestOrNotFoundError`) but run past 90 characters on six statuses.
fn shared_name(variants: &[ErrorVariant]) -> String {
    let statuses: Vec<String> = variants.iter().map(|v| v.status.to_string()).collect();
    format!("Status{}Error", statuses.join("Or"))
}

/// Turns the error types of `users` (operations whose enums are `shared`, but for name and
/// doc) into aliases of `shared`, and returns it with its doc.
fn alias_users(
    operations: &mut [OperationPlan],
    mut shared: ErrorEnum,
    users: &[usize],
) -> SharedErrorEnum {
    let others = match users.len() - 1 {
        1 => "one other operation's".to_owned(),
        others => format!("{others} other operations'"),
    };
    let mut fn_names = Vec::with_capacity(users.len());
    let mut folders = BTreeSet::new();
    for &index in users {
        let plan = &mut operations[index];
        let fn_name = plan.fn_name().to_owned();
        fn_names.push(format!("`{fn_name}`"));
        folders.insert(plan.folder);
        if let Some(own) = plan.errors.take() {
            plan.errors = Some(OperationErrors::Alias {
                name: own.name().to_owned(),
                shared: shared.name.clone(),
                doc: format!(
                    "Error statuses documented for [`{fn_name}`](crate::Client::{fn_name}): the \
                     same as {others}, so they share one enum, [`{}`].",
                    shared.name
                ),
            });
        }
    }
    shared.doc = format!(
        "Error statuses documented, the same, for {} operations: {}. Each operation's own \
         error type (`{{Operation}}Error`) is an alias of this enum.",
        users.len(),
        fn_names.join(", ")
    );
    SharedErrorEnum {
        def: shared,
        folders,
    }
}
