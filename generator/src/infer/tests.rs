//! Inference rules end to end: samples in, the printed `types` module out (insta snapshots).

use serde_json::{Value, json};

use super::*;

fn pretty(space: &TypeSpace) -> String {
    prettyplease::unparse(
        &syn::parse2::<syn::File>(crate::emit::types::type_defs(space.defs()))
            .expect("emitted code parses"),
    )
}

/// One root per `(name, samples)`, each field optional only when the samples say so (the
/// `Observed` policy, so that the printed types show the evidence); the returned types, then
/// the printed module.
fn infer(roots: &[(&str, &[Value])]) -> (Vec<RustType>, String) {
    infer_with(roots, OBSERVED)
}

const OBSERVED: FieldPolicies = FieldPolicies {
    responses: FieldPolicy::Observed,
    requests: FieldPolicy::Observed,
};

fn infer_with(roots: &[(&str, &[Value])], policies: FieldPolicies) -> (Vec<RustType>, String) {
    let (space, types) = TypeSpace::of_samples(roots, policies);
    (types, pretty(&space))
}

/// Snapshot `code` as `snapshots/{name}.snap` (no module prefix, so the name is stable).
fn snapshot(name: &str, code: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, code));
}

fn named(name: &str) -> RustType {
    RustType::Named(name.to_owned())
}

#[test]
fn scalars_and_empty_roots() {
    let (types, code) = infer(&[
        ("A", &[json!(1), json!(2)]),
        ("B", &[json!(1), json!(2.5)]),
        ("C", &[json!("x")]),
        ("D", &[json!(null)]),
        ("E", &[]),
        ("F", &[json!({})]),
        ("G", &[json!([])]),
        ("H", &[json!(u64::MAX)]),
        ("I", &[json!(true), json!(null)]),
        ("J", &[json!(-1), json!(u64::MAX)]),
    ]);
    let vec_value = RustType::Vec(std::boxed::Box::new(RustType::Value));
    let option_bool = RustType::Option(std::boxed::Box::new(RustType::Bool));
    use RustType::*;
    assert_eq!(
        types,
        [
            I64,
            F64,
            String,
            Value,
            Value,
            Value,
            vec_value,
            U64,
            option_bool,
            Value
        ]
    );
    assert_eq!(code, "");
}

#[test]
fn optional_and_nullable_fields() {
    let samples = [
        json!({"id": 1, "name": "a", "note": null, "gone": null, "score": 1, "tags": []}),
        json!({"id": 2, "note": "n", "score": 2.5, "tags": [], "late": true}),
        json!({"id": 3, "name": null, "note": "m", "gone": null, "score": 3, "tags": ["x"]}),
    ];
    let (types, code) = infer(&[("Record", &samples)]);
    assert_eq!(types, [named("Record")]);
    snapshot("infer_optional_and_nullable_fields", &code);
}

#[test]
fn mixed_kinds_make_an_untagged_enum() {
    let samples = [
        json!({"value": 1, "list": [1, "a", null], "either": {"a": 1}}),
        json!({"value": "one", "list": [], "either": [{"b": 2}]}),
        json!({"value": 2.5, "list": [true], "either": null}),
        json!({"value": false, "list": [], "either": "x"}),
        json!({"value": {"deep": [1]}, "list": [], "either": 3}),
        json!({"value": [1], "list": [], "either": 4}),
    ];
    let (_, code) = infer(&[("Mixed", &samples)]);
    snapshot("infer_mixed_kinds_make_an_untagged_enum", &code);
}

#[test]
fn mixed_with_an_empty_object_is_value() {
    let (_, code) = infer(&[("M", &[json!({"v": {}}), json!({"v": "x"})])]);
    assert!(code.contains("pub v: ::serde_json::Value"), "{code}");
    assert!(!code.contains("enum"), "{code}");
}

#[test]
fn arrays_of_objects_merge_into_one_struct() {
    let samples = [
        json!([
            {"id": 1, "owner": {"login": "a"}, "labels": [{"name": "bug"}]},
            {"id": 2, "owner": {"login": "b", "site_admin": false}, "labels": []}
        ]),
        json!([{"id": 3, "owner": null, "entries": [{"k": 1}], "data": [[{"x": 1}]]}]),
    ];
    let (types, code) = infer(&[("ListReposResponse", &samples)]);
    assert_eq!(
        types,
        [RustType::Vec(Box::new(named("ListReposResponseItem")))]
    );
    snapshot("infer_arrays_of_objects_merge_into_one_struct", &code);
}

#[test]
fn keys_that_are_not_identifiers() {
    let sample = json!({
        "@odata.type": "#x",
        "x-rate-limit": 10,
        "2fa": true,
        "": "empty",
        "straße": "s",
        "userId": 1,
        "user_id": 2,
        "type": "t",
        "self": {"href": "h"},
        "Self": {"href": "h", "rel": "r"},
        "crate": 1,
        "value": 3
    });
    let (_, code) = infer(&[("Keys", &[sample])]);
    snapshot("infer_keys_that_are_not_identifiers", &code);
}

#[test]
fn one_kind_of_object_is_one_type_named_for_its_key() {
    let user = json!({"login": "octocat", "id": 1});
    let (types, code) = infer(&[
        ("GetUserResponse", std::slice::from_ref(&user)),
        (
            "GetRepoResponse",
            &[json!({"name": "r", "owner": user.clone()})],
        ),
        ("ListUsersResponse", &[json!([user.clone(), user])]),
        // Same emitted type (i64) although one sample is negative: still equal.
        ("GetOtherUserResponse", &[json!({"login": "x", "id": -5})]),
        // Near-equal (one more field): not merged.
        (
            "GetAdminResponse",
            &[json!({"login": "a", "id": 1, "admin": true})],
        ),
    ]);
    // The user object is a body of its own, `owner` in a repo and the element of a list: one
    // type, named for the key it appears under.
    let user = named("Owner");
    assert_eq!(
        types,
        [
            user.clone(),
            named("GetRepoResponse"),
            RustType::Vec(Box::new(user.clone())),
            user,
            named("GetAdminResponse"),
        ]
    );
    snapshot("infer_one_kind_of_object_is_one_type", &code);
}

#[test]
fn same_name_for_different_shapes() {
    let (types, code) = infer(&[
        ("GetItemResponse", &[json!({"id": 1, "meta": {"a": 1}})]),
        ("GetItemResponse", &[json!({"name": "x", "meta": {"b": 1}})]),
        // Concatenation clash: `GetItemResponse` + `meta` vs a root named `GetItemResponseMeta`
        // (bodies are named first).
        ("GetItemResponseMeta", &[json!({"c": 1})]),
        // Asked again with the first shape: the first type, not a new name.
        ("GetItemResponse", &[json!({"id": 7, "meta": {"a": 2}})]),
    ]);
    assert_eq!(
        types,
        [
            named("GetItemResponse"),
            named("GetItemResponse2"),
            named("GetItemResponseMeta"),
            named("GetItemResponse"),
        ]
    );
    snapshot("infer_same_name_for_different_shapes", &code);
}

#[test]
fn top_level_array_and_enum_roots() {
    let (types, code) = infer(&[
        ("Tags", &[json!(["a", "b"])]),
        ("Matrix", &[json!([[1, 2], [3.5]])]),
        ("Either", &[json!({"a": 1}), json!("text")]),
        ("Rows", &[json!([{"r": 1}, null])]),
    ]);
    let vec = |t: RustType| RustType::Vec(Box::new(t));
    assert_eq!(
        types,
        [
            vec(RustType::String),
            vec(vec(RustType::F64)),
            named("Either"),
            vec(RustType::Option(Box::new(named("RowsItem")))),
        ]
    );
    snapshot("infer_top_level_array_and_enum_roots", &code);
}

#[test]
fn emit_is_deterministic() {
    let samples = [json!({"b": {"x": [1, "a"]}, "a": [{"k": null}], "c": {"@id": 1}})];
    let first = infer(&[("Root", &samples), ("Other", &samples)]).1;
    for _ in 0..3 {
        assert_eq!(infer(&[("Root", &samples), ("Other", &samples)]).1, first);
    }
}

#[test]
fn one_object_in_two_key_orders_is_one_type() {
    let a = json!({"login": "a", "id": 1, "url": "u"});
    let b = json!({"url": "v", "id": 2, "login": "b"});
    let (types, code) = infer(&[
        ("GetUserResponse", std::slice::from_ref(&a)),
        ("GetOtherUserResponse", std::slice::from_ref(&b)),
        ("GetRepoResponse", &[json!({"name": "r", "owner": a})]),
        ("GetIssueResponse", &[json!({"title": "t", "author": b})]),
    ]);
    assert_eq!(types[0], types[1]);
    assert_eq!(code.matches("pub struct").count(), 3, "{code}");
    // Named for the key it appears under most; `author` and `owner` tie: the first by name.
    assert!(code.contains("pub owner: Author"), "{code}");
    assert!(code.contains("pub author: Author"), "{code}");
}

#[test]
fn evidence_from_other_operations_types_a_field() {
    // `version` is null in one body and an integer in another of the same kind.
    let (_, code) = infer(&[
        (
            "UpdateCartBody",
            &[json!({"version": null, "actions": [{"action": "a"}]})],
        ),
        (
            "UpdateOrderBody",
            &[json!({"version": 3, "actions": [{"action": "b"}]})],
        ),
    ]);
    assert!(code.contains("pub version: Option<i64>"), "{code}");
}

#[test]
fn the_default_policy_makes_every_field_optional() {
    let (_, code) = infer_with(&[("Thing", &[json!({"id": 1})])], FieldPolicies::default());
    assert!(
        code.contains(
            "#[serde(default, skip_serializing_if = \"::std::option::Option::is_none\")]\n    pub id: Option<i64>"
        ),
        "{code}"
    );
}

#[test]
fn a_struct_holding_itself_is_boxed() {
    let (_, code) = infer(&[(
        "GetCommentResponse",
        &[json!({"id": 1, "parent": {"id": 2, "parent": null}})],
    )]);
    assert!(
        code.contains("pub parent: Option<Box<Parent>>"),
        "{code}"
    );
}

#[test]
fn a_field_null_everywhere_takes_the_type_of_its_key_in_peers() {
    // Two update bodies whose actions differ (two kinds), with `version` null in one.
    let (_, code) = infer(&[
        (
            "AddAddressBody",
            &[json!({"version": null, "actions": [{"action": "a", "address": {"city": "x"}}]})],
        ),
        (
            "ChangeCurrenciesBody",
            &[json!({"version": 3, "actions": [{"currencies": ["EUR"], "mode": "m"}]})],
        ),
    ]);
    assert!(code.contains("pub struct AddAddressBody"), "{code}");
    assert!(code.contains("pub struct ChangeCurrenciesBody"), "{code}");
    assert_eq!(
        code.matches("pub version: Option<i64>").count(),
        1,
        "{code}"
    );
    assert!(code.contains("typed as `version` is in the objects with the same keys"));
}
