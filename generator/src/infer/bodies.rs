//! The whole-collection pass: every body of every operation (success, request, error) typed
//! into one [`TypeSpace`] before any code is planned or printed.
//!
//! First every body becomes a [`Root`] (the joined shape of its samples, what it is, where);
//! then [`TypeSpace::build`] types all of them at once, so that every sample of the same kind of
//! object, wherever it appears, is evidence for one type.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::rc::Rc;

use super::names::{resource_name, singular};
use super::samples::{self, Sample, json_shape, of_group};
use super::shape::{Shape, optional};
use super::{FieldPolicies, Role, Root, RustType, TypeSpace};
use crate::model::{
    Api, ExampleContent, JsonField, Operation, PathPiece, RequestBody, StatusExamples,
};
use crate::overrides::TypeOverride;

/// Every body type of an API: the type space, and what each operation's bodies became.
#[derive(Debug)]
pub struct Inferred {
    /// Every generated type.
    pub space: TypeSpace,
    /// One entry per operation of the API, in its order.
    pub operations: Vec<BodyTypes>,
    /// Each JSON sample with its type: success bodies and raw JSON request bodies in operation
    /// order, then error bodies. Empty unless asked for (holding them costs memory).
    pub samples: Vec<Sample>,
}

/// The types of one operation's bodies; `T` is a [`RustType`] once inferred.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyTypes<T = RustType> {
    /// How its success responses are typed.
    pub success: Success<T>,
    /// The type of its JSON request body (raw JSON or form fields sent as JSON); `None` for
    /// other bodies and for a raw JSON body without a sample.
    pub request: Option<T>,
    /// The type of each error status with JSON examples.
    pub errors: BTreeMap<u16, T>,
}

/// How an operation's success (2xx) responses are typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Success<T = RustType> {
    /// No success status has a body.
    Empty,
    /// One success status has a body; `or_empty` when another (or another example) is empty.
    One {
        /// What it returns.
        payload: Payload<T>,
        /// An empty 2xx is documented beside it: `Option<T>`.
        or_empty: bool,
    },
    /// Several success statuses have bodies: one variant per documented success status.
    ByStatus(Vec<(u16, Payload<T>)>),
}

/// What one success status returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload<T = RustType> {
    /// Nothing.
    Empty,
    /// Text.
    Text,
    /// JSON of this type.
    Json(T),
    /// Raw bytes: a download (a PDF, an archive) or a body of a type the client cannot read.
    Bytes,
}

/// A body type before inference: a root to type, or any JSON value (a body that does not
/// parse).
pub(super) type Pending = Option<usize>;

impl<T> Payload<T> {
    fn map<U>(self, f: &mut impl FnMut(T) -> U) -> Payload<U> {
        match self {
            Payload::Empty => Payload::Empty,
            Payload::Text => Payload::Text,
            Payload::Json(ty) => Payload::Json(f(ty)),
            Payload::Bytes => Payload::Bytes,
        }
    }
}

impl<T> BodyTypes<T> {
    fn map<U>(self, mut f: impl FnMut(T) -> U) -> BodyTypes<U> {
        let success = match self.success {
            Success::Empty => Success::Empty,
            Success::One { payload, or_empty } => Success::One {
                payload: payload.map(&mut f),
                or_empty,
            },
            Success::ByStatus(statuses) => Success::ByStatus(
                statuses
                    .into_iter()
                    .map(|(status, payload)| (status, payload.map(&mut f)))
                    .collect(),
            ),
        };
        BodyTypes {
            success,
            request: self.request.map(&mut f),
            errors: self.errors.into_iter().map(|(s, t)| (s, f(t))).collect(),
        }
    }
}

/// Infers every body of `api`, applying the `[[type]]` overrides and the field `policies`;
/// keeps the samples with their types when `keep_samples`.
#[cfg(any(test, feature = "internals"))]
pub fn infer_bodies(
    api: &Api,
    overrides: &[TypeOverride],
    policies: FieldPolicies,
    keep_samples: bool,
) -> Inferred {
    gather_bodies(api).infer(api, overrides, policies, keep_samples)
}

/// Every body of an API, gathered: what inference needs of the example bodies, which the
/// caller may free before [`Gathered::infer`] unless it keeps the samples.
pub struct Gathered {
    roots: Roots,
    pending: Vec<BodyTypes<Pending>>,
}

/// Gathers every body of `api` (see [`Gathered`]).
pub fn gather_bodies(api: &Api) -> Gathered {
    let (roots, pending) = gather(api);
    Gathered { roots, pending }
}

impl Gathered {
    /// Infers the gathered bodies of `api`, applying the `[[type]]` overrides and the field
    /// `policies`; keeps the samples with their types when `keep_samples` (`api` must then
    /// still hold its example bodies).
    pub fn infer(
        self,
        api: &Api,
        overrides: &[TypeOverride],
        policies: FieldPolicies,
        keep_samples: bool,
    ) -> Inferred {
        let Gathered { roots, pending } = self;
        let (space, types) = TypeSpace::build(&roots.roots, overrides, policies);
        let type_of =
            |pending: Pending| pending.map_or(RustType::Value, |root| types[root].clone());
        let samples = match keep_samples {
            true => roots.samples(api, &types),
            false => Vec::new(),
        };
        Inferred {
            space,
            operations: pending.into_iter().map(|p| p.map(type_of)).collect(),
            samples,
        }
    }
}

/// Every body of `api` as a root, and each operation's bodies by root.
pub(super) fn gather(api: &Api) -> (Roots, Vec<BodyTypes<Pending>>) {
    let mut roots = Roots::default();
    let usual = super::media::usual_media(&api.operations);
    let mut pending: Vec<BodyTypes<Pending>> = api
        .operations
        .iter()
        .enumerate()
        .map(|(index, operation)| BodyTypes {
            success: super::media::declared_success(operation, usual)
                .unwrap_or_else(|| success(operation, index, &mut roots)),
            request: request_body(operation, index, &mut roots),
            errors: BTreeMap::new(),
        })
        .collect();
    // Error bodies last, so samples keep their order (successes and requests, then errors).
    for (index, (operation, types)) in api.operations.iter().zip(&mut pending).enumerate() {
        types.errors = error_bodies(operation, index, &mut roots);
    }
    (roots, pending)
}

/// The roots found so far, and where each one's samples are.
#[derive(Default)]
pub(super) struct Roots {
    pub roots: Vec<Root>,
    /// (operation, the status group's index or `None` for the request body, root), in the
    /// order samples are listed.
    pub sources: Vec<(usize, Option<usize>, usize)>,
    /// Every distinct shape: roots with equal shapes share one (an API's error body, the same
    /// in hundreds of operations, is held once and inferred once).
    shapes: HashSet<Rc<Shape>>,
}

impl Roots {
    fn add(&mut self, mut root: Root, group: Option<usize>) -> usize {
        match self.shapes.get(&*root.shape) {
            Some(shared) => root.shape = Rc::clone(shared),
            None => {
                self.shapes.insert(Rc::clone(&root.shape));
            }
        }
        let index = self.roots.len();
        self.sources.push((root.operation, group, index));
        self.roots.push(root);
        index
    }

    /// Each JSON sample with the type of its root.
    fn samples(&self, api: &Api, types: &[RustType]) -> Vec<Sample> {
        let mut sources = self.sources.clone();
        // Successes and request bodies in operation order, then errors: a stable sort by
        // (is an error) keeps the rest in the order they were found.
        sources.sort_by_key(|(_, _, root)| matches!(self.roots[*root].role, Role::Error(_)));
        sources
            .into_iter()
            .flat_map(|(operation, group, root)| {
                let operation = &api.operations[operation];
                let ty = &types[root];
                match group {
                    Some(group) => of_group(operation, &operation.responses[group], ty),
                    None => samples::of_request_body(operation, ty)
                        .into_iter()
                        .collect(),
                }
            })
            .collect()
    }
}

/// Types the success of `operation`: one documented success body → its type; a success body
/// beside an empty 2xx → `or_empty`; several 2xx statuses with bodies → one payload per status,
/// never a merged type.
fn success(operation: &Operation, index: usize, roots: &mut Roots) -> Success<Pending> {
    let groups: Vec<(usize, &StatusExamples)> = operation
        .responses
        .iter()
        .enumerate()
        .filter(|(_, g)| g.is_success())
        .collect();
    let with_body: Vec<(usize, &StatusExamples)> = groups
        .iter()
        .copied()
        .filter(|(_, g)| has_body(g))
        .collect();
    // An empty body is a documented success too, also beside JSON examples of the same status
    // (pdfco's upload answers 200 with JSON in one example and nothing in another).
    let or_empty = groups.iter().any(|(_, g)| {
        !has_body(g)
            || g.examples
                .iter()
                .any(|e| matches!(e.body, ExampleContent::Empty))
    });
    match with_body.as_slice() {
        [] => Success::Empty,
        [group] => {
            let name = format!("{}Response", operation.type_name);
            let payload = payload(operation, index, *group, &name, roots);
            Success::One { payload, or_empty }
        }
        _ => Success::ByStatus(
            groups
                .iter()
                .map(|&(position, group)| {
                    let name = format!("{}Response{}", operation.type_name, group.status);
                    let payload = match has_body(group) {
                        true => payload(operation, index, (position, group), &name, roots),
                        false => Payload::Empty,
                    };
                    (group.status, payload)
                })
                .collect(),
        ),
    }
}

/// Whether the status carries a body. 204 and 205 never do (RFC 9110), whatever placeholder
/// the example holds (Zoom saves `{}` for some 204s).
fn has_body(group: &StatusExamples) -> bool {
    !matches!(group.status, 204 | 205)
        && group
            .examples
            .iter()
            .any(|e| !matches!(e.body, ExampleContent::Empty))
}

/// The payload of one success status (`position` in the operation's responses).
fn payload(
    operation: &Operation,
    index: usize,
    (position, group): (usize, &StatusExamples),
    name: &str,
    roots: &mut Roots,
) -> Payload<Pending> {
    let (shape, bodies) = json_shape(group);
    if bodies > 0 {
        let fn_name = operation.fn_name.trim_start_matches("r#");
        let doc = format!(
            "Response body of [`{fn_name}`](crate::Client::{fn_name}) (HTTP {}), {}.",
            group.status,
            inferred_from(bodies),
        );
        let root = Root {
            name: name.to_owned(),
            doc,
            mention: format!("the response of [`{fn_name}`](crate::Client::{fn_name})"),
            resource: resource(operation, &shape),
            shape: Rc::new(shape),
            role: Role::Success,
            operation: index,
            required_keys: BTreeSet::new(),
            field_docs: BTreeMap::new(),
        };
        return Payload::Json(Some(roots.add(root, Some(position))));
    }
    let examples = || group.examples.iter();
    if examples().any(|e| matches!(e.body, ExampleContent::InvalidJson(_))) {
        Payload::Json(None)
    } else if examples().any(|e| matches!(e.body, ExampleContent::Text(_))) {
        Payload::Text
    } else {
        Payload::Empty
    }
}

/// The resource a success body holds, from the operation's path: an object from a path that
/// ends in a parameter (`/repos/:owner/:repo` → `Repo`) or in a singular word (`/user` →
/// `User`); the elements of an array from a path that ends in a plural (`/repos` → `Repo`).
fn resource(operation: &Operation, shape: &Shape) -> Option<String> {
    let literal = |index: usize| -> Option<&str> {
        match operation.path.get(index)?.pieces.as_slice() {
            [PathPiece::Literal(text)] => Some(text.as_str()),
            _ => None,
        }
    };
    let last = operation.path.len().checked_sub(1)?;
    let top = match shape {
        Shape::Nullable(inner) => inner,
        other => other,
    };
    let plural = |word: &str| singular(&crate::naming::upper_camel_case(word)).is_some();
    match (top, literal(last)) {
        (Shape::Object(_), None) => resource_name(literal(last.checked_sub(1)?)?),
        (Shape::Object(_), Some(word)) if !plural(word) => resource_name(word),
        (Shape::Array(_), Some(word)) if plural(word) => resource_name(word),
        _ => None,
    }
}

/// The root of a JSON request body: from the raw sample, or from form fields sent as JSON.
fn request_body(operation: &Operation, index: usize, roots: &mut Roots) -> Option<Pending> {
    let fn_name = operation.fn_name.trim_start_matches("r#");
    let mut root = Root {
        name: format!("{}Body", operation.type_name),
        doc: String::new(),
        mention: format!("the request body of [`{fn_name}`](crate::Client::{fn_name})"),
        shape: Rc::new(Shape::Bottom),
        role: Role::Request {
            patch: operation.method.eq_ignore_ascii_case("PATCH"),
        },
        operation: index,
        resource: None,
        required_keys: BTreeSet::new(),
        field_docs: BTreeMap::new(),
    };
    match &operation.body {
        RequestBody::Json {
            sample: Some(sample),
        } => {
            root.doc = format!(
                "Request body of [`{fn_name}`](crate::Client::{fn_name}), inferred from the collection's sample."
            );
            root.shape = Rc::new(Shape::of(sample));
        }
        RequestBody::FormAsJson(fields) => {
            root.doc = format!(
                "Request body of [`{fn_name}`](crate::Client::{fn_name}), typed from the collection's form fields."
            );
            form_json_root(&mut root, fields);
        }
        _ => return None,
    }
    Some(Some(roots.add(root, None)))
}

/// A JSON body made from form fields: each field's value typed as inference types any sample,
/// missing when the collection leaves it empty or disabled, required when its description
/// says `(Required)`, documented by the field's description.
fn form_json_root(root: &mut Root, fields: &[JsonField]) {
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
    root.shape = Rc::new(Shape::Object(members));
    for field in fields {
        let description = field.description.as_deref().map(str::trim);
        if crate::model::marked_required(description) {
            root.required_keys.insert(field.name.clone());
        }
        if let Some(doc) = description.filter(|d| !d.is_empty()) {
            root.field_docs.insert(field.name.clone(), doc.to_owned());
        }
    }
}

/// The root of the JSON examples of each error status of `operation`.
fn error_bodies(operation: &Operation, index: usize, roots: &mut Roots) -> BTreeMap<u16, Pending> {
    let mut types = BTreeMap::new();
    for (position, group) in operation.responses.iter().enumerate() {
        if group.is_success() {
            continue;
        }
        let (shape, bodies) = json_shape(group);
        if bodies == 0 {
            continue;
        }
        let status = group.status;
        let fn_name = operation.fn_name.trim_start_matches("r#");
        let status_text = format!("HTTP {status} {}", crate::model::status::reason(status));
        let doc = format!(
            "Body of an error response of [`{fn_name}`](crate::Client::{fn_name}) ({}), {}.",
            status_text.trim_end(),
            inferred_from(bodies),
        );
        let root = Root {
            name: format!("{}Error{status}Body", operation.type_name),
            doc,
            mention: format!("the {status} error of [`{fn_name}`](crate::Client::{fn_name})"),
            shape: Rc::new(shape),
            role: Role::Error(status),
            operation: index,
            resource: None,
            required_keys: BTreeSet::new(),
            field_docs: BTreeMap::new(),
        };
        types.insert(status, Some(roots.add(root, Some(position))));
    }
    types
}

/// `inferred from 1 example`, `inferred from 3 examples`.
fn inferred_from(count: usize) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!("inferred from {count} example{plural}")
}
