//! The round-trip test of one generated crate: `tests/samples.json` holds every JSON sample of
//! its collection with the type inferred for it, and `tests/round_trip.rs` (emitted with `quote!`)
//! checks each against that type. The samples stay data so the test compiles one `check::<T>`
//! per distinct type, however many samples there are. The same test crate holds the mock calls
//! (`tests/calls/mod.rs`, see `calls.rs`) in a second test, `mock_calls`.

use std::collections::BTreeMap;
use std::path::Path;

use postman_codegen::infer::samples::{Sample, SamplePlace};
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use crate::support::SampleEntry;

/// The text by which the emitted test names a sample's type.
pub fn type_key(sample: &Sample) -> String {
    sample.ty.to_token_stream().to_string()
}

/// `tests/samples.json` of a crate.
pub fn samples_file(samples: &[Sample]) -> String {
    let entries: Vec<SampleEntry> = samples
        .iter()
        .map(|sample| SampleEntry {
            item: sample.item.clone(),
            place: match &sample.place {
                SamplePlace::Response { status, example } => {
                    format!("HTTP {status} example {example:?}")
                }
                SamplePlace::RequestBody => "request body".to_owned(),
            },
            ty: type_key(sample),
            json: sample.json.value().to_string(),
        })
        .collect();
    serde_json::to_string_pretty(&entries).expect("samples serialize")
}

/// `tests/round_trip.rs` of the crate `crate_name`, whose library is `lib_name`. `has_types`:
/// the crate has a `types` module. `support` is the absolute path of `support.rs`.
pub fn test_file(
    crate_name: &str,
    lib_name: &str,
    samples: &[Sample],
    has_types: bool,
    support: &Path,
    mock_support: &Path,
) -> String {
    // One arm per distinct type; the key is the type's own token text.
    let types: BTreeMap<String, &Sample> = samples.iter().map(|s| (type_key(s), s)).collect();
    let arms = types.iter().map(|(key, sample)| {
        let ty = &sample.ty;
        quote! { #key => ::std::option::Option::Some(support::check::<#ty>(json)), }
    });
    let lib = format_ident!("{lib_name}");
    // The samples' types are spelled `crate::types::…`, as inside the client crate; this
    // module makes those paths resolve from the test crate.
    let types_module = has_types.then(|| {
        quote! {
            mod types {
                pub use ::#lib::types::*;
            }
        }
    });
    let support = support.display().to_string();
    let mock_support = mock_support.display().to_string();
    let result = quote!(::std::option::Option<::std::result::Result<(), ::std::string::String>>);
    // A collection without JSON samples checks nothing, and then `check` goes unused.
    let (allow, check_as) = if types.is_empty() {
        (
            quote!(#[allow(dead_code)]),
            quote! {
                fn check_as(_ty: &str, _json: &str) -> #result {
                    ::std::option::Option::None
                }
            },
        )
    } else {
        (
            TokenStream::new(),
            quote! {
                fn check_as(ty: &str, json: &str) -> #result {
                    match ty {
                        #(#arms)*
                        _ => ::std::option::Option::None,
                    }
                }
            },
        )
    };
    let tokens: TokenStream = quote! {
        //! Every JSON sample of the collection deserializes into its generated type and
        //! serializes back to the same JSON. Written by the corpus harness of postman-codegen.

        #allow
        #[path = #support]
        mod support;

        // A crate without examples calls nothing, and leaves most of it unused.
        #[allow(dead_code)]
        #[path = #mock_support]
        mod mock_support;

        #[path = "calls/mod.rs"]
        mod calls;

        #types_module

        #check_as

        #[test]
        fn round_trip() {
            let samples = include_str!("samples.json");
            let misses = support::run(#crate_name, samples, check_as);
            assert!(misses.is_empty(), "{} samples do not round-trip:\n{}", misses.len(), misses.join("\n"));
        }

        #[test]
        fn mock_calls() {
            if let ::std::option::Option::Some(url) = mock_support::mock_url(#crate_name) {
                let misses = mock_support::block_on(calls::run(&url));
                assert!(misses.is_empty(), "{} examples missed:\n{}", misses.len(), misses.join("\n"));
            }
        }
    };
    let file: syn::File = syn::parse2(tokens).expect("the round-trip test parses");
    prettyplease::unparse(&file)
}
