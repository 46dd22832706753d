//! The shape lattice: what a set of JSON samples tells about one value, and its one join.
//!
//! `Bottom` (nothing seen) ≤ every shape ≤ `Any` (no useful type). Between them the kinds
//! `Bool`, `Integer`, `Float`, `String`, `Array`, `Object`, the fact `Null`, and the wrappers
//! `Nullable` (null in some samples) and `Optional` (missing from some samples of an object).
//! Samples of different kinds join into `OneOf` (one member per kind), which becomes an untagged
//! enum. Missing and null are kept apart: `Optional(Nullable(T))` says both were seen.
//!
//! Normal form, kept by [`join`]: `Optional` only directly at an object field and never nested;
//! `Nullable` never wraps `Null`, `Bottom`, `Any`, `Optional` or `Nullable`; `OneOf` has at least
//! two members, each a bare kind, at most one per [`Kind`], sorted by kind.

use std::collections::BTreeMap;

use serde_json::{Number, Value};

/// What the samples of one value have in common.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shape {
    /// No sample seen (the element of `[]`).
    Bottom,
    /// Every sample is `null`.
    Null,
    /// `true` / `false`.
    Bool,
    /// Integers, with the facts that decide between `i64` and `u64`.
    Integer(IntRange),
    /// Numbers of which at least one has a fraction or exponent (`1.0` included).
    Float,
    /// Strings.
    String,
    /// Arrays; the shape is the join of all their elements.
    Array(Box<Shape>),
    /// Objects; fields in order of first appearance.
    Object(Vec<(String, Shape)>),
    /// An object field missing from some samples.
    Optional(Box<Shape>),
    /// `null` in some samples, the inner shape in the others.
    Nullable(Box<Shape>),
    /// Samples of different kinds, one member per kind.
    OneOf(Vec<Shape>),
    /// Nothing better than "any JSON value".
    Any,
}

/// What the integers seen need.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IntRange {
    /// Some integer was below zero.
    pub negative: bool,
    /// Some integer was above `i64::MAX`.
    pub beyond_i64: bool,
}

/// The Rust number type integers with this range fit in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntType {
    /// Everything fits `i64`.
    I64,
    /// Non-negative and too large for `i64`.
    U64,
    /// Negative and beyond `i64`: no primitive holds both.
    Neither,
}

impl IntRange {
    /// The Rust type for these integers.
    pub fn int_type(self) -> IntType {
        match (self.negative, self.beyond_i64) {
            (_, false) => IntType::I64,
            (false, true) => IntType::U64,
            (true, true) => IntType::Neither,
        }
    }
}

/// The kinds a `OneOf` keeps apart, in the order their enum variants are tried.
///
/// Numbers first (`i64` before `f64`), arrays before objects: a derived struct also accepts a
/// JSON array of its fields, so the array variant has to be tried first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `Integer` and `Float`.
    Number,
    /// `String`.
    String,
    /// `Bool`.
    Bool,
    /// `Array`.
    Array,
    /// `Object`.
    Object,
}

/// Arrays and objects nested deeper than this in a sample are typed `Any` (`serde_json::Value`).
/// No real API nests this deep, and a `Vec<Vec<…>>` a hundred levels deep (serde_json parses up
/// to 128) would be useless to users and would exhaust the stack of the parsers that print and
/// check the generated code.
pub const MAX_DEPTH: usize = 32;

impl Shape {
    /// The shape of one sample.
    pub fn of(value: &Value) -> Shape {
        Shape::of_at(value, 0)
    }

    fn of_at(value: &Value, depth: usize) -> Shape {
        match value {
            Value::Null => Shape::Null,
            Value::Bool(_) => Shape::Bool,
            Value::Number(number) => number_shape(number),
            Value::String(_) => Shape::String,
            Value::Array(_) | Value::Object(_) if depth >= MAX_DEPTH => Shape::Any,
            Value::Array(items) => Shape::Array(Box::new(
                items
                    .iter()
                    .map(|item| Shape::of_at(item, depth + 1))
                    .fold(Shape::Bottom, join),
            )),
            Value::Object(map) => Shape::Object(
                map.iter()
                    .map(|(key, value)| (key.clone(), Shape::of_at(value, depth + 1)))
                    .collect(),
            ),
        }
    }

    /// The join of all samples; `Bottom` when there are none.
    #[cfg(any(test, feature = "internals"))]
    pub fn of_samples(samples: &[&Value]) -> Shape {
        samples
            .iter()
            .map(|sample| Shape::of(sample))
            .fold(Shape::Bottom, join)
    }

    /// The kind of a bare kind shape; `None` for `Bottom`, `Null`, wrappers, `OneOf` and `Any`.
    pub fn kind(&self) -> Option<Kind> {
        match self {
            Shape::Integer(_) | Shape::Float => Some(Kind::Number),
            Shape::String => Some(Kind::String),
            Shape::Bool => Some(Kind::Bool),
            Shape::Array(_) => Some(Kind::Array),
            Shape::Object(_) => Some(Kind::Object),
            _ => None,
        }
    }

    /// The same shape with facts that do not change the emitted type erased (integer ranges
    /// that need the same Rust type), so equal emitted types get equal keys.
    pub fn canonical(&self) -> Shape {
        match self {
            Shape::Integer(range) => Shape::Integer(match range.int_type() {
                IntType::I64 => IntRange::default(),
                IntType::U64 => IntRange {
                    negative: false,
                    beyond_i64: true,
                },
                IntType::Neither => IntRange {
                    negative: true,
                    beyond_i64: true,
                },
            }),
            Shape::Array(inner) => Shape::Array(Box::new(inner.canonical())),
            Shape::Optional(inner) => Shape::Optional(Box::new(inner.canonical())),
            Shape::Nullable(inner) => Shape::Nullable(Box::new(inner.canonical())),
            Shape::Object(fields) => Shape::Object(
                fields
                    .iter()
                    .map(|(key, shape)| (key.clone(), shape.canonical()))
                    .collect(),
            ),
            Shape::OneOf(members) => Shape::OneOf(members.iter().map(Shape::canonical).collect()),
            other => other.clone(),
        }
    }
}

fn number_shape(number: &Number) -> Shape {
    if let Some(int) = number.as_i64() {
        Shape::Integer(IntRange {
            negative: int < 0,
            beyond_i64: false,
        })
    } else if number.is_u64() {
        Shape::Integer(IntRange {
            negative: false,
            beyond_i64: true,
        })
    } else {
        Shape::Float
    }
}

/// The least shape that covers both `a` and `b`.
pub fn join(a: Shape, b: Shape) -> Shape {
    use Shape::*;
    match (a, b) {
        (Bottom, x) | (x, Bottom) => x,
        (Optional(a), Optional(b)) => optional(join(*a, *b)),
        (Optional(a), b) | (b, Optional(a)) => optional(join(*a, b)),
        (Any, _) | (_, Any) => Any,
        (Null, x) | (x, Null) => nullable(x),
        (Nullable(a), Nullable(b)) => nullable(join(*a, *b)),
        (Nullable(a), b) | (b, Nullable(a)) => nullable(join(*a, b)),
        (Bool, Bool) => Bool,
        (String, String) => String,
        (Integer(a), Integer(b)) => Integer(IntRange {
            negative: a.negative || b.negative,
            beyond_i64: a.beyond_i64 || b.beyond_i64,
        }),
        (Integer(_) | Float, Integer(_) | Float) => Float,
        (Array(a), Array(b)) => Array(Box::new(join(*a, *b))),
        (Object(a), Object(b)) => Object(join_fields(a, b)),
        (OneOf(members), other) => add_members(members, other),
        // Keep `other` first so object fields still follow first appearance.
        (other, OneOf(members)) => add_members(vec![other], OneOf(members)),
        (a, b) => add_members(vec![a], b),
    }
}

/// Marks a field as missing from some samples.
pub fn optional(shape: Shape) -> Shape {
    match shape {
        Shape::Optional(_) => shape,
        other => Shape::Optional(Box::new(other)),
    }
}

/// Marks a value as null in some samples.
pub fn nullable(shape: Shape) -> Shape {
    match shape {
        Shape::Bottom | Shape::Null => Shape::Null,
        Shape::Any | Shape::Nullable(_) => shape,
        Shape::Optional(inner) => optional(nullable(*inner)),
        other => Shape::Nullable(Box::new(other)),
    }
}

fn join_fields(a: Vec<(String, Shape)>, b: Vec<(String, Shape)>) -> Vec<(String, Shape)> {
    let mut b: BTreeMap<String, (usize, Shape)> = b
        .into_iter()
        .enumerate()
        .map(|(index, (key, shape))| (key, (index, shape)))
        .collect();
    let mut fields: Vec<(String, Shape)> = a
        .into_iter()
        .map(|(key, shape)| {
            let shape = match b.remove(&key) {
                Some((_, other)) => join(shape, other),
                None => optional(shape),
            };
            (key, shape)
        })
        .collect();
    let mut rest: Vec<(usize, String, Shape)> = b
        .into_iter()
        .map(|(key, (index, shape))| (index, key, shape))
        .collect();
    rest.sort_by_key(|(index, _, _)| *index);
    fields.extend(
        rest.into_iter()
            .map(|(_, key, shape)| (key, optional(shape))),
    );
    fields
}

/// Adds `shape` (a bare kind or a `OneOf`) to `OneOf` members: each kind is joined with the
/// member of the same kind, or inserted.
fn add_members(mut members: Vec<Shape>, shape: Shape) -> Shape {
    let added = match shape {
        Shape::OneOf(more) => more,
        other => vec![other],
    };
    for shape in added {
        let kind = shape.kind();
        match members.iter().position(|member| member.kind() == kind) {
            Some(index) => {
                let existing = std::mem::replace(&mut members[index], Shape::Bottom);
                members[index] = join(existing, shape);
            }
            None => members.push(shape),
        }
    }
    members.sort_by_key(|member| member.kind());
    if members.len() == 1 {
        members.pop().expect("one member")
    } else {
        Shape::OneOf(members)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn of(samples: &[Value]) -> Shape {
        Shape::of_samples(&samples.iter().collect::<Vec<_>>())
    }

    fn int() -> Shape {
        Shape::Integer(IntRange::default())
    }

    fn obj(fields: &[(&str, Shape)]) -> Shape {
        Shape::Object(
            fields
                .iter()
                .map(|(k, s)| ((*k).to_owned(), s.clone()))
                .collect(),
        )
    }

    #[test]
    fn bottom_is_identity_and_any_absorbs() {
        for shape in [
            Shape::Null,
            Shape::Bool,
            int(),
            Shape::Float,
            Shape::String,
            Shape::Any,
        ] {
            assert_eq!(join(Shape::Bottom, shape.clone()), shape);
            assert_eq!(join(shape.clone(), Shape::Bottom), shape);
            assert_eq!(join(shape.clone(), Shape::Any), Shape::Any);
            assert_eq!(join(Shape::Any, shape.clone()), Shape::Any);
        }
        assert_eq!(of(&[]), Shape::Bottom);
    }

    #[test]
    fn join_is_idempotent() {
        let shape = of(&[json!({"a": [1, "x"], "b": null, "c": {"d": 1.5}})]);
        assert_eq!(join(shape.clone(), shape.clone()), shape);
    }

    #[test]
    fn integers_and_floats() {
        assert_eq!(
            of(&[json!(1), json!(-2)]),
            Shape::Integer(IntRange {
                negative: true,
                beyond_i64: false
            })
        );
        assert_eq!(of(&[json!(1), json!(2.5)]), Shape::Float);
        assert_eq!(of(&[json!(1.0)]), Shape::Float, "1.0 is a float sample");
        let big = json!(u64::MAX);
        let IntRange {
            negative,
            beyond_i64,
        } = match of(&[json!(1), big.clone()]) {
            Shape::Integer(range) => range,
            other => panic!("{other:?}"),
        };
        assert!(!negative && beyond_i64);
        match of(&[json!(-1), big]) {
            Shape::Integer(range) => assert_eq!(range.int_type(), IntType::Neither),
            other => panic!("{other:?}"),
        }
        assert_eq!(of(&[json!(1e300)]), Shape::Float);
    }

    #[test]
    fn null_and_missing_stay_apart() {
        let shape = of(&[
            json!({"a": 1, "b": 1, "c": 1}),
            json!({"a": null, "c": null}),
            json!({}),
        ]);
        let expected = obj(&[
            ("a", optional(Shape::Nullable(Box::new(int())))),
            ("b", Shape::Optional(Box::new(int()))),
            (
                "c",
                Shape::Optional(Box::new(Shape::Nullable(Box::new(int())))),
            ),
        ]);
        assert_eq!(shape, expected);
        let only_null = of(&[json!({"a": null}), json!({"a": null})]);
        assert_eq!(only_null, obj(&[("a", Shape::Null)]));
        let null_then_value = of(&[json!({"a": null}), json!({"a": "x"})]);
        assert_eq!(
            null_then_value,
            obj(&[("a", Shape::Nullable(Box::new(Shape::String)))])
        );
    }

    #[test]
    fn nullable_in_either_order() {
        let a = of(&[json!(null), json!(1)]);
        let b = of(&[json!(1), json!(null)]);
        assert_eq!(a, b);
        assert_eq!(a, Shape::Nullable(Box::new(int())));
        assert_eq!(of(&[json!(null), json!(null)]), Shape::Null);
        assert_eq!(nullable(Shape::Any), Shape::Any);
    }

    #[test]
    fn field_order_follows_first_appearance() {
        let shape = of(&[json!({"b": 1, "a": 1}), json!({"c": 1, "a": 1, "d": 1})]);
        let keys: Vec<&str> = match &shape {
            Shape::Object(fields) => fields.iter().map(|(k, _)| k.as_str()).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(keys, ["b", "a", "c", "d"]);
    }

    #[test]
    fn empty_array_is_array_of_bottom() {
        assert_eq!(of(&[json!([])]), Shape::Array(Box::new(Shape::Bottom)));
        assert_eq!(of(&[json!([]), json!([1])]), Shape::Array(Box::new(int())));
    }

    #[test]
    fn array_elements_merge_into_one_object() {
        let shape = of(&[json!([{"id": 1, "name": "a"}, {"id": 2, "tag": true}])]);
        let expected = Shape::Array(Box::new(obj(&[
            ("id", int()),
            ("name", optional(Shape::String)),
            ("tag", optional(Shape::Bool)),
        ])));
        assert_eq!(shape, expected);
    }

    #[test]
    fn mixed_kinds_make_one_of_sorted_by_kind() {
        let shape = of(&[
            json!({"x": 1}),
            json!("s"),
            json!(true),
            json!([1]),
            json!(2.5),
        ]);
        let expected = Shape::OneOf(vec![
            Shape::Float,
            Shape::String,
            Shape::Bool,
            Shape::Array(Box::new(int())),
            obj(&[("x", int())]),
        ]);
        assert_eq!(shape, expected);
        // Members of the same kind join inside the OneOf.
        let merged = of(&[json!({"x": 1}), json!("s"), json!({"y": 1})]);
        let expected = Shape::OneOf(vec![
            Shape::String,
            obj(&[("x", optional(int())), ("y", optional(int()))]),
        ]);
        assert_eq!(merged, expected);
    }

    #[test]
    fn one_of_joins_are_order_independent_up_to_field_order() {
        let samples = [json!(1), json!("a"), json!(null), json!(false)];
        let forward = of(&samples);
        let mut reversed = samples.to_vec();
        reversed.reverse();
        assert_eq!(forward, of(&reversed));
        assert_eq!(
            forward,
            Shape::Nullable(Box::new(Shape::OneOf(vec![
                int(),
                Shape::String,
                Shape::Bool
            ])))
        );
        let two_one_ofs = join(of(&[json!(1), json!("a")]), of(&[json!(true), json!(2.5)]));
        assert_eq!(
            two_one_ofs,
            Shape::OneOf(vec![Shape::Float, Shape::String, Shape::Bool])
        );
    }

    #[test]
    fn optional_wraps_nullable_never_the_reverse() {
        let shape = join(optional(int()), Shape::Null);
        assert_eq!(
            shape,
            Shape::Optional(Box::new(Shape::Nullable(Box::new(int()))))
        );
        assert_eq!(
            join(Shape::Null, optional(Shape::Null)),
            optional(Shape::Null)
        );
        assert_eq!(join(optional(Shape::Any), int()), optional(Shape::Any));
    }

    #[test]
    fn canonical_erases_facts_with_the_same_type() {
        let negative = Shape::Integer(IntRange {
            negative: true,
            beyond_i64: false,
        });
        assert_eq!(negative.canonical(), int());
        assert_eq!(obj(&[("a", negative)]).canonical(), obj(&[("a", int())]));
    }
}
