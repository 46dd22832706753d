//! One struct per distinct shape: the structs the generator emits, counted from its output, and
//! the distinct object shapes of the samples, counted here from the model on their own.

use std::collections::BTreeSet;

use postman_codegen::Generated;
use postman_codegen::infer::shape::{IntType, Shape};
use postman_codegen::model::{ExampleContent, RequestBody};
use quote::quote;

/// The structs of the generated `types` module: their count, and the field lists (names, types
/// and serde attributes, docs left out) that more than one struct has.
pub fn structs(generated: &Generated) -> (usize, Vec<String>) {
    let Some(types) = generated.code.modules.iter().find(|m| m.name == "types") else {
        return (0, Vec::new());
    };
    let file: syn::File = syn::parse2(types.items.clone()).expect("the types module parses");
    let mut seen = BTreeSet::new();
    let mut duplicates = Vec::new();
    let mut count = 0;
    for item in &file.items {
        let syn::Item::Struct(item) = item else {
            continue;
        };
        count += 1;
        let fields: Vec<String> = item
            .fields
            .iter()
            .map(|field| {
                let attrs = field.attrs.iter().filter(|a| !a.path().is_ident("doc"));
                let (name, ty) = (&field.ident, &field.ty);
                quote!(#(#attrs)* #name: #ty).to_string()
            })
            .collect();
        let fields = fields.join(", ");
        if !seen.insert(fields.clone()) {
            duplicates.push(format!("{}: {fields}", item.ident));
        }
    }
    (count, duplicates)
}

/// The distinct object shapes that become structs: every non-empty object met in the joined
/// samples of each (item, status) and each request body, compared after
/// [`Shape::canonical`]. Objects inside a mix of kinds that holds an empty object or integers
/// beyond both `i64` and `u64` are left out: that mix is typed `serde_json::Value`.
pub fn distinct_object_shapes(generated: &Generated) -> usize {
    let mut shapes = BTreeSet::new();
    for operation in &generated.api.operations {
        for group in &operation.responses {
            let values: Vec<serde_json::Value> = group
                .examples
                .iter()
                .filter_map(|e| match &e.body {
                    ExampleContent::Json(json) => Some(json.value()),
                    _ => None,
                })
                .collect();
            let bodies: Vec<&serde_json::Value> = values.iter().collect();
            collect(&Shape::of_samples(&bodies), &mut shapes);
        }
        if let RequestBody::Json { sample: Some(json) } = &operation.body {
            collect(&Shape::of(json), &mut shapes);
        }
    }
    shapes.len()
}

fn collect(shape: &Shape, out: &mut BTreeSet<Shape>) {
    match shape {
        Shape::Object(fields) if !fields.is_empty() => {
            out.insert(shape.canonical());
            for (_, field) in fields {
                collect(field, out);
            }
        }
        Shape::Array(inner) | Shape::Optional(inner) | Shape::Nullable(inner) => {
            collect(inner, out)
        }
        Shape::OneOf(members) if !members.iter().any(typed_as_value) => {
            for member in members {
                collect(member, out);
            }
        }
        _ => {}
    }
}

fn typed_as_value(member: &Shape) -> bool {
    match member {
        Shape::Object(fields) => fields.is_empty(),
        Shape::Integer(range) => range.int_type() == IntType::Neither,
        _ => false,
    }
}
