//! The pager methods of a paginated operation, beside its method: `{fn}_pages`, every page
//! (a `Stream`, or an `Iterator` for the blocking client), and `{fn}_items`, every item of
//! them. What moves from page to page is the plan's ([`crate::plan::pagination`]); the loop is
//! the runtime's (`runtime/rust/pages.rs`), so each method stays a few lines.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc;
use super::operations::{auth_expr, error_type, free_names};
use super::responses::SuccessCode;
use super::types::TypePaths;
use crate::model::AuthScheme;
use crate::naming::ident;
use crate::plan::operation::{ArgType, OperationPlan};
use crate::plan::pagination::{FieldPath, Items, PagerKind, Segment};

/// The pager methods of the operation planned as `plan`, when it pages.
pub fn methods(plan: &OperationPlan, success: &SuccessCode) -> TokenStream {
    let Some(pager) = &plan.pager else {
        return TokenStream::new();
    };
    let fn_name = plan.fn_name();
    let (call, pages_fn) = (ident(&plan.operation.fn_name), format_ident!("{fn_name}_pages"));
    let params: Vec<TokenStream> = plan.args.iter().map(param).collect();
    // The fetch closure's parameters give way to the arguments it captures.
    let [client, cursor] = free_names(plan, ["client", "cursor"]);
    let names: Vec<TokenStream> = plan
        .args
        .iter()
        .map(|arg| pass(&arg.name, &arg.ty, &cursor))
        .collect();
    let given = plan.args.iter().map(|arg| ident(&arg.name));
    let query_ty = plan.args.iter().find_map(|arg| match &arg.ty {
        ArgType::Query(name) => {
            let name = ident(name);
            Some(quote!(params::#name))
        }
        _ => None,
    });
    let (first, query_ty) = match query_ty {
        Some(ty) => (quote!(query.clone()), ty),
        None => (quote!(()), quote!(())),
    };
    let (body_ty, error) = (&success.ty, error_type(plan));
    // The operation's own call, or the request of a link the last page gave: either way a
    // request built now, its response awaited by `Pages`. The client comes as an argument
    // (see the runtime's `Fetch`).
    let by_query = quote!(#client.#call(#(#names),*));
    let fetch = match &pager.kind {
        PagerKind::LinkHeader | PagerKind::BodyLink(_) => {
            let auth = auth_expr(&plan.operation.auth);
            let decoder = &success.decoder;
            let fixed = plan
                .operation
                .fixed_headers
                .iter()
                .map(|(key, value)| quote!((#key, #value)));
            let template = plan.operation.path_template();
            let call_info = quote!(Call::new(#fn_name, #template));
            // An OAuth2 operation's next page is authorized as the operation itself is.
            let send = match plan.operation.auth == AuthScheme::OAuth2 {
                true => format_ident!("send_authorized"),
                false => format_ident!("send"),
            };
            quote! {
                match &#cursor.link {
                    Some(link) => #client.#send(
                        #client.link_request(link, #auth, &[#(#fixed),*]),
                        #call_info,
                        #decoder,
                    ),
                    None => #by_query,
                }
            }
        }
        _ => by_query,
    };
    let advance = advance(&pager.kind, pager.items.as_ref());
    let allow = (plan.args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let pages_doc = doc(&format!(
        "Every page of [`{fn_name}`](Self::{fn_name}), one request at a time: {}.\n\n\
         Ends after the last page, or after the first error.",
        pager.kind.describe()
    ));
    // `#[inline]`, as the operations are: the generic `Pages::new` is then instantiated in
    // the crate that calls the pager, for the pagers it calls.
    let pages = quote! {
        #pages_doc
        #allow
        #[inline]
        pub fn #pages_fn<'a>(&'a self, #(#params),*) -> crate::Pages<'a, #query_ty, #body_ty, #error> {
            crate::Pages::new(
                self,
                #first,
                move |#client, #cursor| #fetch,
                |cursor, page| #advance,
            )
        }
    };
    let Some(items) = &pager.items else {
        return pages;
    };
    let (items_fn, item_ty) = (
        format_ident!("{fn_name}_items"),
        TypePaths::OPERATIONS.ty(&items.item),
    );
    let take = match (&items.field, items.optional) {
        (None, _) => quote!(body),
        (Some(field), false) => {
            let name = field_ident(&field.0[0]);
            quote!(body.#name)
        }
        (Some(field), true) => {
            let name = field_ident(&field.0[0]);
            quote!(body.#name.unwrap_or_default())
        }
    };
    let what = items
        .field
        .as_ref()
        .map_or_else(String::new, |f| format!(" (`{}`)", f.keys()));
    let items_doc = doc(&format!(
        "Every item{what} of every page of [`{fn_name}`](Self::{fn_name}): see \
         [`{fn_name}_pages`](Self::{fn_name}_pages)."
    ));
    quote! {
        #pages
        #items_doc
        #allow
        #[inline]
        pub fn #items_fn<'a>(&'a self, #(#params),*) -> crate::Items<'a, #query_ty, #body_ty, #item_ty, #error> {
            crate::Items::new(self.#pages_fn(#(#given),*), |body| #take)
        }
    }
}

/// A pager's parameter: the operation's argument, borrowed for the pager's life.
fn param(arg: &crate::plan::operation::Arg) -> TokenStream {
    let name = ident(&arg.name);
    let ty = match &arg.ty {
        ArgType::Str => quote!(&'a str),
        ArgType::OptionalStr => quote!(Option<&'a str>),
        ArgType::Query(ty) => {
            let ty = ident(ty);
            quote!(&params::#ty)
        }
        // A pager is planned for GETs without a body: no other argument reaches here.
        _ => quote!(()),
    };
    quote!(#name: #ty)
}

/// How the pager passes an argument on: the query from the cursor, the others as given.
fn pass(name: &str, ty: &ArgType, cursor: &Ident) -> TokenStream {
    match ty {
        ArgType::Query(_) => quote!(&#cursor.query),
        _ => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

/// The body of the closure that moves `cursor` past `page`.
fn advance(kind: &PagerKind, items: Option<&Items>) -> TokenStream {
    let count = match items {
        Some(Items { field: None, .. }) | None => quote!(runtime::PageItems::item_count(&**page)),
        Some(Items {
            field: Some(field), ..
        }) => {
            let name = field_ident(&field.0[0]);
            quote!(runtime::PageItems::item_count(&page.#name))
        }
    };
    let count_of = |field: &Option<FieldPath>| match field {
        Some(field) => {
            let value = value(field);
            quote!(runtime::PageCount::count(#value))
        }
        None => quote!(::std::option::Option::None),
    };
    match kind {
        PagerKind::Token { param, field } => {
            let (param, value) = (ident(param), value(field));
            quote!(runtime::next_token(&mut cursor.query.#param, #value))
        }
        PagerKind::BodyLink(field) => {
            let value = value(field);
            quote!(runtime::next_link(&mut cursor.link, #value))
        }
        PagerKind::LinkHeader => {
            quote!(runtime::next_link_header(&mut cursor.link, page.headers()))
        }
        PagerKind::Page {
            param,
            pages,
            total,
        } => {
            let (param, pages, total) = (ident(param), count_of(pages), count_of(total));
            quote! {
                runtime::next_page(&mut cursor.query.#param, &mut cursor.seen, runtime::Progress {
                    items: #count,
                    pages: #pages,
                    total: #total,
                })
            }
        }
        PagerKind::Offset { param, total } => {
            let (param, total) = (ident(param), count_of(total));
            quote! {
                runtime::next_offset(&mut cursor.query.#param, #count, #total)
            }
        }
    }
}

/// The Rust name of a field of a typed body.
fn field_ident(segment: &Segment) -> proc_macro2::Ident {
    ident(segment.name.as_deref().unwrap_or(&segment.key))
}

/// A reference to the page's field at `path` (at most one object deep).
fn value(path: &FieldPath) -> TokenStream {
    let first = &path.0[0];
    if first.name.is_none() {
        // An untyped body: `Value`'s index gives `Null` for a missing key.
        let key = &first.key;
        return quote!(&page[#key]);
    }
    let outer = field_ident(first);
    match path.0.get(1) {
        None => quote!(&page.#outer),
        Some(inner) => {
            let inner = field_ident(inner);
            match path.0[0].optional {
                true => quote!(&page.#outer.as_ref().map(|outer| &outer.#inner)),
                false => quote!(&page.#outer.#inner),
            }
        }
    }
}
