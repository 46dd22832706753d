//! Token-stream helpers shared by emission (per-folder `#[cfg]`s) and printing (in chunks).

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// Splits a stream of items into items.
///
/// An item ends at a top-level `;` or at a top-level `{ … }` not followed by `;` (which ends a
/// `const X: T = { … };`). That covers the items the emitters write (structs, enums, impls,
/// fns, consts, modules, uses) without parsing the stream with `syn`, which would cost as much
/// as printing it. Tokens before the first item (inner attributes) go with the first item.
pub(crate) fn split_items(tokens: TokenStream) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let mut current = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let ends = match &token {
            TokenTree::Punct(punct) => punct.as_char() == ';',
            TokenTree::Group(group) => {
                group.delimiter() == Delimiter::Brace
                    && !matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ';')
            }
            _ => false,
        };
        current.push(token);
        if ends {
            items.push(current.drain(..).collect());
        }
    }
    if !current.is_empty() {
        items.push(current.into_iter().collect());
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn splits_items_at_braces_and_semicolons() {
        let items = split_items(quote! {
            #![doc = "inner"]
            #[derive(Debug)] pub struct A { x: u8 }
            pub struct B(u8);
            impl A { const C: u8 = 1; }
            const D: u8 = { 1 };
            pub enum E { X }
            mod m;
        });
        let texts: Vec<String> = items.iter().map(ToString::to_string).collect();
        assert_eq!(texts.len(), 6, "{texts:#?}");
        assert!(texts[0].starts_with("# ! [doc = \"inner\"] # [derive (Debug)] pub struct A"));
        assert_eq!(texts[3], "const D : u8 = { 1 } ;");
        assert_eq!(texts[5], "mod m ;");
    }
}
