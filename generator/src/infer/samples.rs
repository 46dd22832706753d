//! Which generated type each JSON sample of the collection belongs to.
//!
//! Inference turns samples into types; [`Sample`] keeps the link back, so a test can check that
//! every sample deserializes into its type and serializes back unchanged (the corpus round trip).

use serde_json::Value;

use crate::infer::RustType;
use crate::infer::shape::{Shape, join};
use crate::model::{ExampleContent, JsonText, Operation, RequestBody, StatusExamples};

/// A JSON sample from the collection and the generated type inferred for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The item's Postman location: folders and name joined with ` › `.
    pub item: String,
    /// Where in the item the sample comes from.
    pub place: SamplePlace,
    /// The type the sample must deserialize into, as named inside the generated crate
    /// (`crate::types::…`, `::std::vec::Vec<…>`, a scalar, or `::serde_json::Value`).
    pub ty: RustType,
    /// The sample, as the generator read it (double-encoded JSON already decoded).
    pub json: SampleJson,
}

/// The JSON of a [`Sample`]: an example body shares its text with the model (see
/// [`JsonText`]); a raw request body is the value its lenient parse gave (comments dropped).
#[derive(Debug, Clone, PartialEq)]
pub enum SampleJson {
    /// An example response body.
    Text(JsonText),
    /// A raw JSON request body.
    Value(Value),
}

impl SampleJson {
    /// The value.
    #[cfg_attr(not(any(test, feature = "internals")), allow(dead_code))]
    pub fn value(&self) -> Value {
        match self {
            SampleJson::Text(json) => json.value(),
            SampleJson::Value(value) => value.clone(),
        }
    }
}

/// Where a [`Sample`] comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SamplePlace {
    /// The body of a saved example response.
    Response {
        /// Its HTTP status.
        status: u16,
        /// The example's name.
        example: String,
    },
    /// The raw JSON request body.
    RequestBody,
}

/// The joined shape of `group`'s JSON bodies (what its type is inferred from) and how many
/// there are. Each body is parsed and reduced to its shape in turn, so one value exists at a
/// time; `Shape::of_samples` folds the same way.
pub(super) fn json_shape(group: &StatusExamples) -> (Shape, usize) {
    group
        .examples
        .iter()
        .filter_map(|e| match &e.body {
            ExampleContent::Json(json) => Some(Shape::of(&json.value())),
            _ => None,
        })
        .fold((Shape::Bottom, 0), |(joined, count), shape| {
            (join(joined, shape), count + 1)
        })
}

/// One [`Sample`] per JSON body of `group`, all of type `ty`.
pub(super) fn of_group(
    operation: &Operation,
    group: &StatusExamples,
    ty: &RustType,
) -> Vec<Sample> {
    group
        .examples
        .iter()
        .filter_map(|example| match &example.body {
            ExampleContent::Json(json) => Some(Sample {
                item: operation.postman_path(),
                place: SamplePlace::Response {
                    status: group.status,
                    example: example.name.clone(),
                },
                ty: ty.clone(),
                json: SampleJson::Text(json.clone()),
            }),
            _ => None,
        })
        .collect()
}

/// The [`Sample`] of `operation`'s raw JSON request body, typed `ty`, when it has one.
pub(super) fn of_request_body(operation: &Operation, ty: &RustType) -> Option<Sample> {
    match &operation.body {
        RequestBody::Json { sample: Some(json) } => Some(Sample {
            item: operation.postman_path(),
            place: SamplePlace::RequestBody,
            ty: ty.clone(),
            json: SampleJson::Value(json.clone()),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::json;

    use std::borrow::Cow;

    use super::*;
    use crate::emit::emit;
    use crate::overrides::Overrides;
    use crate::plan::{Options, plan};

    /// A request item with `examples` as `(status, body)` and an optional raw JSON body.
    fn item(name: &str, body: Option<&str>, examples: &[(u16, &str)]) -> Value {
        let responses: Vec<Value> = examples
            .iter()
            .map(|(code, body)| {
                json!({
                    "name": format!("{code}"),
                    "code": code,
                    "header": [{"key": "Content-Type", "value": "application/json"}],
                    "body": body,
                })
            })
            .collect();
        let mut request = json!({"method": "POST", "url": {"raw": "https://x.test/things", "host": ["https://x.test"], "path": ["things"]}});
        if let Some(body) = body {
            request["body"] =
                json!({"mode": "raw", "raw": body, "options": {"raw": {"language": "json"}}});
        }
        json!({"name": name, "request": request, "response": responses})
    }

    fn generate(items: &[Value]) -> (crate::model::Api, crate::emit::Code) {
        let collection = json!({
            "info": {"name": "Things", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": items,
        });
        let path = Path::new("things.postman_collection.json");
        let (loaded, _) = crate::load::load_str(&collection.to_string(), path).unwrap();
        let (api, _) = crate::model::build(&loaded, &Overrides::default());
        let options = Options {
            keep_samples: true,
            ..Options::default()
        };
        let code = emit(plan(Cow::Borrowed(&api), &options));
        (api, code)
    }

    fn named(name: &str) -> RustType {
        RustType::Named(name.to_owned())
    }

    fn summary(code: &crate::emit::Code) -> Vec<(String, Option<u16>, RustType)> {
        code.samples
            .iter()
            .map(|s| {
                let status = match &s.place {
                    SamplePlace::Response { status, .. } => Some(*status),
                    SamplePlace::RequestBody => None,
                };
                (s.item.clone(), status, s.ty.clone())
            })
            .collect()
    }

    #[test]
    fn every_json_body_is_linked_to_its_type() {
        let (_, code) = generate(&[item(
            "Create thing",
            Some(r#"{"name": "a"}"#),
            &[
                (201, r#"{"id": 1}"#),
                (201, r#"{"id": 2, "tag": "x"}"#),
                (404, r#"{"error": "no"}"#),
                (500, "<html>oops</html>"),
                (422, r#"{"error": "bad",}"#),
            ],
        )]);
        assert_eq!(
            summary(&code),
            [
                (
                    "Create thing".into(),
                    Some(201),
                    named("CreateThingResponse")
                ),
                (
                    "Create thing".into(),
                    Some(201),
                    named("CreateThingResponse")
                ),
                ("Create thing".into(), None, named("CreateThingBody")),
                (
                    "Create thing".into(),
                    Some(404),
                    named("CreateThingError404Body")
                ),
            ]
        );
        assert_eq!(code.samples[1].json.value(), json!({"id": 2, "tag": "x"}));
    }

    #[test]
    fn error_types_never_take_a_name_from_a_success_type() {
        // The first item's 400 body has the shape of the second item's success body; error
        // types are added last, so the success type keeps its own name and the error reuses it.
        let (_, code) = generate(&[
            item("First", None, &[(400, r#"{"code": 7}"#)]),
            item("Second", None, &[(200, r#"{"code": 1}"#)]),
        ]);
        assert_eq!(
            summary(&code),
            [
                ("Second".into(), Some(200), named("SecondResponse")),
                ("First".into(), Some(400), named("SecondResponse")),
            ]
        );
    }

    #[test]
    fn error_variants_name_their_body_type() {
        let (_, code) = generate(&[item("Get", None, &[(404, r#"[{"e": 1}]"#)])]);
        let errors = code.modules.iter().find(|m| m.name == "errors").unwrap();
        let text = errors.items.to_string();
        assert!(
            text.contains("an array of [`GetError404BodyItem`](crate::types::GetError404BodyItem)"),
            "{text}"
        );
        assert!(text.contains("NotFound (crate :: ErrorBody)"), "{text}");
    }
}
