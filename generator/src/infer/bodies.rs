//! The whole-collection pass: every body of every operation (success, request, error) typed
//! into one [`TypeSpace`] before any code is planned or printed.
//!
//! Order decides names (the first shape to claim a name keeps it), so it is fixed here: each
//! operation's success bodies and then its request body, operation by operation; then every
//! error body. Error types thus never take a name a success or request type would have had.

use std::collections::BTreeMap;

use super::samples::{self, Sample, json_shape, of_group};
use super::shape::{Shape, optional};
use super::{RustType, TypeSpace};
use crate::model::{Api, ExampleContent, JsonField, Operation, RequestBody, StatusExamples};
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

/// The types of one operation's bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyTypes {
    /// How its success responses are typed.
    pub success: Success,
    /// The type of its JSON request body (raw JSON or form fields sent as JSON); `None` for
    /// other bodies and for a raw JSON body without a sample.
    pub request: Option<RustType>,
    /// The type of each error status with JSON examples.
    pub errors: BTreeMap<u16, RustType>,
}

/// How an operation's success (2xx) responses are typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Success {
    /// No success status has a body.
    Empty,
    /// One success status has a body; `or_empty` when another (or another example) is empty.
    One {
        /// What it returns.
        payload: Payload,
        /// An empty 2xx is documented beside it: `Option<T>`.
        or_empty: bool,
    },
    /// Several success statuses have bodies: one variant per documented success status.
    ByStatus(Vec<(u16, Payload)>),
}

/// What one success status returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// Nothing.
    Empty,
    /// Text.
    Text,
    /// JSON of this type.
    Json(RustType),
    /// Raw bytes: a download (a PDF, an archive) or a body of a type the client cannot read.
    Bytes,
}

/// Infers every body of `api`, applying the `[[type]]` overrides; keeps the samples with their
/// types when `keep_samples`.
pub fn infer_bodies(api: &Api, overrides: &[TypeOverride], keep_samples: bool) -> Inferred {
    infer_in(&mut Shared(api), overrides, keep_samples)
}

/// [`infer_bodies`] on an API that is consumed afterwards: each example body is dropped from
/// the model once it is typed, so the model's largest part does not outlive inference (it was
/// most of a run's peak memory on large collections).
pub fn infer_bodies_releasing(
    api: &mut Api,
    overrides: &[TypeOverride],
    keep_samples: bool,
) -> Inferred {
    infer_in(&mut Releasing(api), overrides, keep_samples)
}

/// The operations inference walks, and what it may drop once a body is typed.
trait Walked {
    fn operations(&self) -> &[Operation];
    /// The success example bodies and the request body sample of operation `index` are typed.
    fn successes_typed(&mut self, index: usize);
    /// Every example body of operation `index` is typed.
    fn all_typed(&mut self, index: usize);
}

struct Shared<'a>(&'a Api);

impl Walked for Shared<'_> {
    fn operations(&self) -> &[Operation] {
        &self.0.operations
    }
    fn successes_typed(&mut self, _: usize) {}
    fn all_typed(&mut self, _: usize) {}
}

struct Releasing<'a>(&'a mut Api);

impl Walked for Releasing<'_> {
    fn operations(&self) -> &[Operation] {
        &self.0.operations
    }
    fn successes_typed(&mut self, index: usize) {
        let operation = &mut self.0.operations[index];
        release(operation.responses.iter_mut().filter(|g| g.is_success()));
        if let RequestBody::Json { sample } = &mut operation.body {
            *sample = None;
        }
    }
    fn all_typed(&mut self, index: usize) {
        release(self.0.operations[index].responses.iter_mut());
    }
}

/// Drops the bodies of `groups`' examples; statuses and names stay.
fn release<'a>(groups: impl Iterator<Item = &'a mut StatusExamples>) {
    for group in groups {
        for example in &mut group.examples {
            example.body = ExampleContent::Empty;
        }
    }
}

fn infer_in(walked: &mut impl Walked, overrides: &[TypeOverride], keep_samples: bool) -> Inferred {
    let mut space = TypeSpace::with_overrides(overrides);
    let usual = super::media::usual_media(walked.operations());
    let mut found = Found {
        samples: Vec::new(),
        keep: keep_samples,
    };
    let count = walked.operations().len();
    let mut operations: Vec<BodyTypes> = Vec::with_capacity(count);
    for index in 0..count {
        let operation = &walked.operations()[index];
        let success = match super::media::declared_success(operation, usual) {
            Some(declared) => declared,
            None => success(operation, &mut space, &mut found),
        };
        let request = request_body(operation, &mut space);
        if let Some(ty) = &request {
            if found.keep {
                found.samples.extend(samples::of_request_body(operation, ty));
            }
        }
        operations.push(BodyTypes {
            success,
            request,
            errors: BTreeMap::new(),
        });
        walked.successes_typed(index);
    }
    for (index, types) in operations.iter_mut().enumerate() {
        types.errors = error_bodies(&walked.operations()[index], &mut space, &mut found);
        walked.all_typed(index);
    }
    Inferred {
        space,
        operations,
        samples: found.samples,
    }
}

/// The samples found so far, when they are kept.
struct Found {
    samples: Vec<Sample>,
    keep: bool,
}

impl Found {
    fn group(&mut self, operation: &Operation, group: &StatusExamples, ty: &RustType) {
        if self.keep {
            self.samples.extend(of_group(operation, group, ty));
        }
    }
}

/// Types the success of `operation`: one documented success body → its type; a success body
/// beside an empty 2xx → `or_empty`; several 2xx statuses with bodies → one payload per status,
/// never a merged type.
fn success(operation: &Operation, space: &mut TypeSpace, found: &mut Found) -> Success {
    let groups: Vec<&StatusExamples> = operation
        .responses
        .iter()
        .filter(|g| g.is_success())
        .collect();
    let with_body: Vec<&StatusExamples> = groups.iter().copied().filter(|g| has_body(g)).collect();
    // An empty body is a documented success too, also beside JSON examples of the same status
    // (pdfco's upload answers 200 with JSON in one example and nothing in another).
    let or_empty = groups.iter().any(|g| {
        !has_body(g)
            || g.examples
                .iter()
                .any(|e| matches!(e.body, ExampleContent::Empty))
    });
    match with_body.as_slice() {
        [] => Success::Empty,
        [group] => {
            let name = format!("{}Response", operation.type_name);
            let payload = payload(operation, group, &name, space, found);
            Success::One { payload, or_empty }
        }
        _ => Success::ByStatus(
            groups
                .iter()
                .map(|group| {
                    let name = format!("{}Response{}", operation.type_name, group.status);
                    let payload = match has_body(group) {
                        true => payload(operation, group, &name, space, found),
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

/// The payload of one success status.
fn payload(
    operation: &Operation,
    group: &StatusExamples,
    name: &str,
    space: &mut TypeSpace,
    found: &mut Found,
) -> Payload {
    let (shape, bodies) = json_shape(group);
    if bodies > 0 {
        let doc = format!(
            "Response body of [`{0}`](crate::Client::{0}) (HTTP {1}), {2}.",
            operation.fn_name.trim_start_matches("r#"),
            group.status,
            inferred_from(bodies),
        );
        let ty = space.add_root_shape(name, &doc, &shape);
        found.group(operation, group, &ty);
        return Payload::Json(ty);
    }
    let examples = || group.examples.iter();
    if examples().any(|e| matches!(e.body, ExampleContent::InvalidJson(_))) {
        Payload::Json(RustType::Value)
    } else if examples().any(|e| matches!(e.body, ExampleContent::Text(_))) {
        Payload::Text
    } else {
        Payload::Empty
    }
}

/// The type of a JSON request body: from the raw sample, or from form fields sent as JSON.
fn request_body(operation: &Operation, space: &mut TypeSpace) -> Option<RustType> {
    let fn_name = operation.fn_name.trim_start_matches("r#");
    let name = format!("{}Body", operation.type_name);
    match &operation.body {
        RequestBody::Json {
            sample: Some(sample),
        } => {
            let doc = format!(
                "Request body of [`{fn_name}`](crate::Client::{fn_name}), inferred from the collection's sample."
            );
            Some(space.add_root(&name, &doc, &[sample]))
        }
        RequestBody::FormAsJson(fields) => {
            let doc = format!(
                "Request body of [`{fn_name}`](crate::Client::{fn_name}), typed from the collection's form fields."
            );
            Some(form_json_type(&name, &doc, fields, space))
        }
        _ => None,
    }
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

/// A type for the JSON examples of each error status of `operation`.
fn error_bodies(
    operation: &Operation,
    space: &mut TypeSpace,
    found: &mut Found,
) -> BTreeMap<u16, RustType> {
    let mut types = BTreeMap::new();
    for group in operation.responses.iter().filter(|g| !g.is_success()) {
        let (shape, bodies) = json_shape(group);
        if bodies == 0 {
            continue;
        }
        let status = group.status;
        let name = format!("{}Error{status}Body", operation.type_name);
        let status_text = format!("HTTP {status} {}", crate::model::status::reason(status));
        let doc = format!(
            "Body of an error response of [`{0}`](crate::Client::{0}) ({1}), {2}.",
            operation.fn_name.trim_start_matches("r#"),
            status_text.trim_end(),
            inferred_from(bodies),
        );
        let ty = space.add_root_shape(&name, &doc, &shape);
        found.group(operation, group, &ty);
        types.insert(status, ty);
    }
    types
}

/// `inferred from 1 example`, `inferred from 3 examples`.
fn inferred_from(count: usize) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!("inferred from {count} example{plural}")
}
