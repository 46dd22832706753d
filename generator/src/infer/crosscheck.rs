//! The evidence behind the default [`FieldPolicy`]: how many responses would decode that the
//! samples did not foresee.
//!
//! The cross-check: every success response sample of an operation is decoded into the types
//! the *other* operations' samples give the same kinds of objects. For each object of the
//! sample, the fields of its class are joined from the class's members outside the sample's
//! operation, and the object is checked against them as the generated struct would decode it
//! under each policy: a field that is not an `Option` must be there and not `null`, and every
//! value must be of a kind the type holds (an integer fits an `f64`, a float no `i64`, a `null`
//! element no `Vec<String>`). Keys the type lacks are ignored, as serde ignores them. An object
//! of a class that only its own operation has is not checked (nothing else says what it is); a
//! sample none of whose objects can be checked is left out of the figures.
//!
//! `cargo test -p postman-codegen --lib cross_check -- --ignored --nocapture` prints the
//! figures of every collection (README, "How types are inferred").

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_json::Value;

use super::bodies::{Roots, gather};
use super::combine::{Combined, NodeId};
use super::shape::{IntType, Shape, join};
use super::{FieldPolicy, Role, RustType, TypeDef, TypeSpace};
use crate::model::{Api, ExampleContent};

/// Whether `value` decodes into `ty` as the generated code decodes it (serde's derive with the
/// attributes the generator writes).
pub(super) fn decodes(space: &TypeSpace, ty: &RustType, value: &Value) -> Result<(), String> {
    let fail = |what: &str| Err(format!("{what} for {value}"));
    match ty {
        RustType::Value | RustType::Custom(_) => Ok(()),
        RustType::Bool if value.is_boolean() => Ok(()),
        RustType::I64 if value.as_i64().is_some() => Ok(()),
        RustType::U64 if value.as_u64().is_some() => Ok(()),
        RustType::F64 if value.is_number() => Ok(()),
        RustType::String if value.is_string() => Ok(()),
        RustType::Option(_) if value.is_null() => Ok(()),
        RustType::Option(inner) | RustType::Box(inner) => decodes(space, inner, value),
        RustType::Vec(inner) => match value {
            Value::Array(items) => items.iter().try_for_each(|v| decodes(space, inner, v)),
            _ => fail("not an array"),
        },
        RustType::Named(name) => match (space.get(name), value) {
            (Some(TypeDef::Struct(def)), Value::Object(map)) => {
                for field in &def.fields {
                    match map.get(&field.key) {
                        Some(v) => decodes(space, &field.ty, v)
                            .map_err(|e| format!("{}.{}: {e}", def.name, field.key))?,
                        None if field.optional || matches!(field.ty, RustType::Option(_)) => {}
                        None => return Err(format!("{}.{}: missing", def.name, field.key)),
                    }
                }
                Ok(())
            }
            (Some(TypeDef::Enum(def)), _) => {
                match def
                    .variants
                    .iter()
                    .any(|v| decodes(space, &v.ty, value).is_ok())
                {
                    true => Ok(()),
                    false => fail(&format!("no variant of {name}")),
                }
            }
            _ => fail(&format!("not a {name}")),
        },
        _ => fail(&format!("not a {ty:?}")),
    }
}

/// What the cross-check found in one collection.
#[derive(Debug, Default, Clone)]
struct Figures {
    /// Success response samples.
    responses: usize,
    /// Those with at least one object another operation also has.
    checked: usize,
    /// Those of `checked` that decode under each policy: [`FieldPolicy::Observed`],
    /// [`FieldPolicy::Optional`].
    decoded: [usize; 2],
    /// Why samples fail under `Observed`, by cause (the first failure of each).
    causes: BTreeMap<&'static str, usize>,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        self.responses += other.responses;
        self.checked += other.checked;
        self.decoded[0] += other.decoded[0];
        self.decoded[1] += other.decoded[1];
        for (cause, count) in &other.causes {
            *self.causes.entry(cause).or_default() += count;
        }
    }

    fn percent(&self, policy: usize) -> f64 {
        100.0 * self.decoded[policy] as f64 / self.checked.max(1) as f64
    }
}

/// The cross-check of every success response sample of `api`.
fn cross_check(api: &Api) -> Figures {
    let (roots, _) = gather(api);
    let shapes: Vec<_> = roots.roots.iter().map(|root| &root.shape).collect();
    let combined = Combined::new(&shapes);
    let mut check = Check {
        roots: &roots,
        combined: &combined,
        evidence: HashMap::new(),
    };
    let mut figures = Figures::default();
    for &(operation, group, root) in &roots.sources {
        let (Some(group), Role::Success) = (group, roots.roots[root].role) else {
            continue;
        };
        for example in &api.operations[operation].responses[group].examples {
            let ExampleContent::Json(json) = &example.body else {
                continue;
            };
            figures.responses += 1;
            let verdicts = check.sample(root, &json.value());
            if verdicts.checked {
                figures.checked += 1;
                match verdicts.observed {
                    None => figures.decoded[0] += 1,
                    Some(cause) => *figures.causes.entry(cause).or_default() += 1,
                }
                figures.decoded[1] += usize::from(verdicts.optional.is_none());
            }
        }
    }
    figures
}

/// The verdicts on one sample: the first failure under each policy, if any.
#[derive(Default)]
struct Verdicts {
    checked: bool,
    observed: Option<&'static str>,
    optional: Option<&'static str>,
}

/// The joined fields of some objects.
type Fields = Vec<(String, Shape)>;

struct Check<'c, 'a> {
    roots: &'c Roots,
    combined: &'c Combined<'a>,
    /// The fields of a class joined from its members outside an operation, by (class,
    /// operation); `None` when no other operation has the class.
    evidence: HashMap<(usize, usize), Option<Fields>>,
}

impl Check<'_, '_> {
    fn sample(&mut self, root: usize, value: &Value) -> Verdicts {
        let mut verdicts = Verdicts::default();
        self.walk(value, None, root, 0, &mut verdicts);
        verdicts
    }

    /// Checks the objects in `value`, found at `at` (a node's field, or the root's value when
    /// `None`) inside `depth` arrays.
    fn walk(
        &mut self,
        value: &Value,
        at: Option<(NodeId, usize)>,
        root: usize,
        depth: u8,
        verdicts: &mut Verdicts,
    ) {
        match value {
            Value::Array(items) => {
                for item in items {
                    self.walk(item, at, root, depth + 1, verdicts);
                }
            }
            Value::Object(map) => {
                let node = match at {
                    None => self.combined.root_node(root, depth),
                    Some((parent, field)) => self.combined.nodes[parent]
                        .children
                        .iter()
                        .find(|(index, d, _)| *index == field && *d == depth)
                        .map(|(_, _, node)| *node),
                };
                let Some(node) = node else {
                    return;
                };
                self.object(node, root, map, verdicts);
                let fields = self.combined.nodes[node].fields;
                for (key, value) in map {
                    if let Some(index) = fields.iter().position(|(k, _)| k == key) {
                        self.walk(value, Some((node, index)), root, 0, verdicts);
                    }
                }
            }
            _ => {}
        }
    }

    /// Checks one object of a sample of `root` against the evidence of its class outside the
    /// root's operation.
    fn object(
        &mut self,
        node: NodeId,
        root: usize,
        map: &serde_json::Map<String, Value>,
        v: &mut Verdicts,
    ) {
        let class = self.combined.class_of[node];
        let operation = self.roots.roots[root].operation;
        let Some(fields) = self.evidence(class, operation) else {
            return;
        };
        v.checked = true;
        for (key, shape) in fields {
            let (missing, nullable) = facts(shape);
            let failure = match map.get(key) {
                None if !missing => Some(("absent", false)),
                Some(Value::Null) if !nullable => Some(("null", false)),
                Some(value) if !value.is_null() && !fits(shape, value) => Some(("kind", true)),
                _ => None,
            };
            if let Some((cause, in_any_policy)) = failure {
                v.observed.get_or_insert(cause);
                if in_any_policy {
                    v.optional.get_or_insert(cause);
                }
            }
        }
    }

    fn evidence(&mut self, class: usize, operation: usize) -> Option<&Fields> {
        let (roots, combined) = (self.roots, self.combined);
        self.evidence
            .entry((class, operation))
            .or_insert_with(|| {
                // Nodes shared by equal bodies count when one of those is another operation's.
                let others: Vec<NodeId> = combined.classes[class]
                    .iter()
                    .copied()
                    .filter(|&n| {
                        let mut ops = combined.roots(n).iter().map(|&r| roots.roots[r].operation);
                        ops.any(|op| op != operation)
                    })
                    .collect();
                if others.is_empty() {
                    return None;
                }
                match others.iter().fold(Shape::Bottom, |joined, &n| {
                    join(joined, Shape::Object(combined.nodes[n].fields.to_vec()))
                }) {
                    Shape::Object(fields) => Some(fields),
                    _ => None,
                }
            })
            .as_ref()
    }
}

/// Whether a field of this joined shape is missing from some sample, and null in some.
fn facts(shape: &Shape) -> (bool, bool) {
    let (missing, present) = match shape {
        Shape::Optional(inner) => (true, &**inner),
        other => (false, other),
    };
    let nullable = matches!(present, Shape::Null | Shape::Nullable(_) | Shape::Any);
    (missing, nullable)
}

/// Whether a non-null `value` fits the type inferred from `shape` (objects by kind alone: their
/// fields are checked as objects of their own).
fn fits(shape: &Shape, value: &Value) -> bool {
    match (shape, value) {
        (Shape::Optional(inner) | Shape::Nullable(inner), _) => {
            value.is_null() || fits(inner, value)
        }
        (Shape::Any | Shape::Bottom | Shape::Null, _) => true,
        (Shape::Bool, Value::Bool(_)) | (Shape::String, Value::String(_)) => true,
        (Shape::Float, Value::Number(_)) => true,
        (Shape::Integer(range), Value::Number(n)) => match range.int_type() {
            IntType::I64 => n.is_i64(),
            IntType::U64 => n.is_u64(),
            IntType::Neither => true,
        },
        (Shape::Array(inner), Value::Array(items)) => items.iter().all(|item| fits(inner, item)),
        (Shape::Object(_), Value::Object(_)) => true,
        (Shape::OneOf(members), _) => members.iter().any(|member| fits(member, value)),
        _ => false,
    }
}

/// The API of the collection `name` in `collections/`, with its overrides file if any.
fn load(name: &str) -> Api {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../collections");
    let overrides = dir.join(format!("{name}.overrides.toml"));
    let overrides = match overrides.exists() {
        true => crate::overrides::Overrides::load(&overrides).expect("the overrides load"),
        false => crate::overrides::Overrides::default(),
    };
    let path = dir.join(format!("{name}.postman_collection.json"));
    let (loaded, _) = crate::load::load_file(&path).expect("the collection loads");
    crate::model::build(&loaded, &overrides).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infer::FieldPolicies;
    use crate::infer::bodies::{Payload, Success, infer_bodies};

    /// A pull request as GitHub sends it for an open one from a deleted fork: `closed_at`,
    /// `merged_at`, `merge_commit_sha`, `body`, `milestone`, `head.repo` … `null`, and the fields
    /// its OpenAPI description does not require (`draft`, `requested_teams`, …) absent. The
    /// collection's only sample of "Get a pull request" has them all.
    const PULL_REQUEST: &str =
        include_str!("../../../tests/fixtures/responses/github-v3-get-pull-request.json");

    fn pull_request_type(api: &Api, policies: FieldPolicies) -> (TypeSpace, RustType) {
        let index = api
            .operations
            .iter()
            .position(|op| op.fn_name == "get_pull_request")
            .expect("github-v3 has get_pull_request");
        let inferred = infer_bodies(api, &[], policies, false);
        match &inferred.operations[index].success {
            Success::One {
                payload: Payload::Json(ty),
                ..
            } => {
                let ty = ty.clone();
                (inferred.space, ty)
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_open_pull_request_decodes_with_default_settings() {
        let api = load("github-v3");
        let value: Value = serde_json::from_str(PULL_REQUEST).unwrap();
        let (space, ty) = pull_request_type(&api, FieldPolicies::default());
        decodes(&space, &ty, &value).expect("decodes with the default policy");
        // The samples alone would not have it: they never show a null `merged_at`.
        let observed = FieldPolicies {
            responses: FieldPolicy::Observed,
            requests: FieldPolicy::Observed,
        };
        let (space, ty) = pull_request_type(&api, observed);
        let error = decodes(&space, &ty, &value).unwrap_err();
        assert!(error.contains("null"), "{error}");
    }

    #[test]
    fn decoding_follows_serde() {
        let (space, types) = TypeSpace::of_samples(
            &[(
                "Thing",
                &[serde_json::json!({"id": 1, "tags": ["a"], "ratio": 1.5})],
            )],
            FieldPolicies {
                responses: FieldPolicy::Observed,
                requests: FieldPolicy::Observed,
            },
        );
        let ok = |v: Value| decodes(&space, &types[0], &v).is_ok();
        assert!(ok(
            serde_json::json!({"id": 2, "tags": [], "ratio": 2, "more": null})
        ));
        assert!(!ok(serde_json::json!({"id": 2.5, "tags": [], "ratio": 2})));
        assert!(!ok(
            serde_json::json!({"id": 2, "tags": [null], "ratio": 2})
        ));
        assert!(!ok(serde_json::json!({"id": 2, "ratio": 2})));
        assert!(!ok(serde_json::json!({"id": null, "tags": [], "ratio": 2})));
    }

    #[test]
    fn the_cross_check_leaves_out_what_only_its_operation_has() {
        let api = load("todo");
        let figures = cross_check(&api);
        // get_todos (a list) and get_todos_id share the todo; post_todos' 201 too.
        assert!(figures.checked >= 2, "{figures:?}");
        assert_eq!(figures.decoded[1], figures.checked, "{figures:?}");
    }

    /// The figures of the README: every collection, both policies.
    #[test]
    #[ignore = "loads every collection; prints the figures of the README"]
    fn cross_check_every_collection() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../collections");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|entry| {
                let name = entry.ok()?.file_name().into_string().ok()?;
                Some(name.strip_suffix(".postman_collection.json")?.to_owned())
            })
            .filter(|name| name != "zoom-seed")
            .collect();
        names.sort();
        let mut total = Figures::default();
        println!(
            "{:<18} {:>9} {:>8} {:>9} {:>9}",
            "collection", "responses", "checked", "observed", "optional"
        );
        for name in &names {
            let figures = cross_check(&load(name));
            println!(
                "{name:<18} {:>9} {:>8} {:>8.1}% {:>8.1}%",
                figures.responses,
                figures.checked,
                figures.percent(0),
                figures.percent(1)
            );
            total.add(&figures);
        }
        println!(
            "{:<18} {:>9} {:>8} {:>8.1}% {:>8.1}%",
            "all",
            total.responses,
            total.checked,
            total.percent(0),
            total.percent(1)
        );
        println!("why samples fail under `observed`: {:?}", total.causes);
        assert!(total.percent(1) >= 99.0, "{total:?}");
    }
}
