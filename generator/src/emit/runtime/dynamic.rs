//! Postman's dynamic variables (`{{$guid}}`, `{{$timestamp}}`, …), computed on each call: one
//! `dynamic_<name>` function per variable the operations use, and the fillers that replace
//! the variables inside a raw body. [`value`] is the expression of a header, query or form
//! value made of them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::RuntimeNeeds;
use crate::model::{Dynamic, Generated, GeneratedPiece};
use crate::naming::snake_case;

/// The function that computes `dynamic`: `dynamic_guid`, `dynamic_random_int`, …
fn function(dynamic: Dynamic) -> proc_macro2::Ident {
    format_ident!(
        "dynamic_{}",
        snake_case(dynamic.name().trim_start_matches('$'))
    )
}

/// The expression of a value computed from `generated`: a `String`.
pub(crate) fn value(generated: &Generated) -> TokenStream {
    let parts: Vec<TokenStream> = generated
        .pieces
        .iter()
        .map(|piece| match piece {
            GeneratedPiece::Literal(text) => quote!(#text),
            GeneratedPiece::Dynamic(dynamic) => {
                let function = function(*dynamic);
                quote!(crate::runtime::#function().as_str())
            }
        })
        .collect();
    match (parts.as_slice(), generated.pieces.as_slice()) {
        (_, [GeneratedPiece::Dynamic(dynamic)]) => {
            let function = function(*dynamic);
            quote!(crate::runtime::#function())
        }
        _ => quote!([#(#parts),*].concat()),
    }
}

/// The functions the operations' dynamic variables need; nothing when they use none.
pub(super) fn tokens(needs: &RuntimeNeeds) -> TokenStream {
    let dynamic = &needs.dynamic;
    if dynamic.variables.is_empty() {
        return TokenStream::new();
    }
    let functions = dynamic.variables.iter().map(|d| variable(*d));
    // `$guid` and `$randomUUID` are a UUID themselves; the other random ones draw its bytes.
    let draws_bytes = dynamic
        .variables
        .iter()
        .any(|d| d.is_random() && !matches!(d, Dynamic::Guid | Dynamic::RandomUuid));
    let random = draws_bytes.then(|| {
        quote! {
            /// 16 random bytes from a UUID v4; bytes 6 and 8 carry its version and variant.
            fn random_bytes() -> [u8; 16] {
                *::uuid::Uuid::new_v4().as_bytes()
            }
        }
    });
    let fill = (dynamic.fill_text || dynamic.fill_json).then(|| fill(needs));
    let fill_json = dynamic.fill_json.then(|| {
        quote! {
            /// `body` as JSON, with `{{$…}}` filled in every string value.
            pub(crate) fn fill_dynamic_json<T: ::serde::Serialize + ?::std::marker::Sized, E>(
                body: &T,
            ) -> ::std::result::Result<::serde_json::Value, Error<E>> {
                fn walk(value: &mut ::serde_json::Value) {
                    match value {
                        ::serde_json::Value::String(text) if text.contains("{{$") => {
                            *text = fill_dynamic(text);
                        }
                        ::serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
                        ::serde_json::Value::Object(members) => members.values_mut().for_each(walk),
                        _ => {}
                    }
                }
                let mut value = ::serde_json::to_value(body).map_err(|error| {
                    Error::InvalidRequest(::std::format!("the body cannot be JSON: {error}"))
                })?;
                walk(&mut value);
                ::std::result::Result::Ok(value)
            }
        }
    });
    quote! {
        #(#functions)*
        #random
        #fill
        #fill_json
    }
}

/// `fill_dynamic`: `text` with each `{{$name}}` the client computes replaced by a new value;
/// any other text, other variables included, as it is.
fn fill(needs: &RuntimeNeeds) -> TokenStream {
    let arms = needs.dynamic.variables.iter().map(|d| {
        let name = d.name();
        let function = function(*d);
        quote!(#name => #function(),)
    });
    quote! {
        /// `text` with each `{{$name}}` this client computes replaced by a new value.
        pub(crate) fn fill_dynamic(text: &str) -> ::std::string::String {
            let mut out = ::std::string::String::with_capacity(text.len());
            let mut rest = text;
            while let ::std::option::Option::Some(open) = rest.find("{{$") {
                out.push_str(&rest[..open]);
                let after = &rest[open + 2..];
                let ::std::option::Option::Some(close) = after.find("}}") else {
                    break;
                };
                let value = match after[..close].trim() {
                    #(#arms)*
                    _ => ::std::string::String::from(&rest[open..open + 2 + close + 2]),
                };
                out.push_str(&value);
                rest = &after[close + 2..];
            }
            out.push_str(rest);
            out
        }
    }
}

/// The function that computes one variable.
fn variable(dynamic: Dynamic) -> TokenStream {
    let name = function(dynamic);
    let doc = format!(
        " A new `{{{{{}}}}}`, as Postman computes it.",
        dynamic.name()
    );
    let body = match dynamic {
        Dynamic::Guid | Dynamic::RandomUuid => quote! {
            ::uuid::Uuid::new_v4().to_string()
        },
        Dynamic::Timestamp => quote! {
            ::std::time::SystemTime::now()
                .duration_since(::std::time::UNIX_EPOCH)
                .map_or(0, |since| since.as_secs())
                .to_string()
        },
        Dynamic::IsoTimestamp => quote! {
            ::humantime::format_rfc3339_millis(::std::time::SystemTime::now()).to_string()
        },
        Dynamic::RandomInt => quote! {
            let bytes = random_bytes();
            (u16::from_le_bytes([bytes[0], bytes[1]]) % 1001).to_string()
        },
        Dynamic::RandomBoolean => quote! {
            (random_bytes()[0] & 1 == 1).to_string()
        },
        Dynamic::RandomAlphaNumeric => quote! {
            const CHARACTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
            let index = usize::from(random_bytes()[0]) % CHARACTERS.len();
            ::std::string::String::from(char::from(CHARACTERS[index]))
        },
        Dynamic::RandomHexColor => quote! {
            let bytes = random_bytes();
            ::std::format!("#{:02x}{:02x}{:02x}", bytes[0], bytes[1], bytes[2])
        },
    };
    quote! {
        #[doc = #doc]
        pub(crate) fn #name() -> ::std::string::String {
            #body
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::needs::DynamicNeeds;

    fn needs(variables: &[Dynamic], fill_json: bool) -> RuntimeNeeds {
        RuntimeNeeds {
            dynamic: DynamicNeeds {
                variables: variables.iter().copied().collect(),
                fill_text: false,
                fill_json,
            },
            ..RuntimeNeeds::default()
        }
    }

    fn printed(needs: &RuntimeNeeds) -> String {
        let file: syn::File = syn::parse2(tokens(needs)).expect("parses");
        prettyplease::unparse(&file)
    }

    #[test]
    fn only_the_variables_used_are_emitted() {
        assert!(tokens(&RuntimeNeeds::default()).is_empty());
        let text = printed(&needs(&[Dynamic::Guid], false));
        assert!(!text.contains("random_bytes"), "unused: {text}");
        let text = printed(&needs(&[Dynamic::Timestamp], false));
        assert!(text.contains("pub(crate) fn dynamic_timestamp()"), "{text}");
        assert!(!text.contains("uuid"), "no random variable: {text}");
        assert!(!text.contains("fill_dynamic"), "{text}");
        let text = printed(&needs(&Dynamic::ALL, true));
        for name in [
            "dynamic_guid",
            "dynamic_random_uuid",
            "dynamic_iso_timestamp",
            "dynamic_random_int",
            "dynamic_random_boolean",
            "dynamic_random_alpha_numeric",
            "dynamic_random_hex_color",
            "fn random_bytes",
            "fn fill_dynamic(",
            "fn fill_dynamic_json<",
            "\"$randomInt\" => dynamic_random_int(),",
        ] {
            assert!(text.contains(name), "{name} missing:\n{text}");
        }
    }

    #[test]
    fn values_concatenate_literals_and_variables() {
        let one = Generated::parse("{{$guid}}").unwrap();
        assert_eq!(
            value(&one).to_string(),
            quote!(crate::runtime::dynamic_guid()).to_string()
        );
        let mixed = Generated::parse("order-{{$timestamp}}").unwrap();
        assert_eq!(
            value(&mixed).to_string(),
            quote!(["order-", crate::runtime::dynamic_timestamp().as_str()].concat()).to_string()
        );
    }
}
