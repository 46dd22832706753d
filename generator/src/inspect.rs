//! What the generator made of each Postman item: its folder path, the Rust function, where
//! each Postman parameter went, the types, and the warnings — so a user finds the function
//! for an item they know from Postman.
//!
//! Signatures are read back from the generated code with `syn`, so they show what the user
//! will call, not a second rendering that could drift from it.
//!
//! ```
//! let generated = postman_codegen::Config::new()
//!     .generate("../collections/todo.postman_collection.json")?;
//! let inspection = postman_codegen::inspect::inspect(&generated)?;
//! let item = inspection.items.iter().find(|i| i.postman_path == "/todos/:id" && i.method == "GET").unwrap();
//! assert_eq!(item.function, "get_todos_id");
//! println!("{inspection}");
//! # Ok::<(), postman_codegen::Error>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use quote::ToTokens;

use crate::model::{Operation, RequestBody};
use crate::{Error, Generated, Warning};

/// The report on one generated API.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// The collection name.
    pub name: String,
    /// One entry per request item, in file order.
    pub items: Vec<ItemReport>,
    /// Warnings that concern no single item (auth, overrides, settings).
    pub general_warnings: Vec<Warning>,
}

/// One request item and what it became.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemReport {
    /// Folders and item name as in Postman, joined with `/` (the form an override's `match`
    /// takes).
    pub postman_path: String,
    /// HTTP method.
    pub method: String,
    /// Path template, e.g. `/todos/{id}`.
    pub path: String,
    /// The `Client` method.
    pub function: String,
    /// `name(args) -> Result<…>`, with paths shortened (`types::Todo` for
    /// `crate::types::Todo`, `Vec` for `::std::vec::Vec`).
    pub signature: String,
    /// Where each Postman parameter went.
    pub params: Vec<ParamReport>,
    /// Status codes with saved examples, ascending.
    pub statuses: Vec<u16>,
    /// Warnings about this item.
    pub warnings: Vec<String>,
}

/// One Postman parameter and the Rust name it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamReport {
    /// `path`, `query`, `header`, `form`, `file` or `body`.
    pub kind: &'static str,
    /// The name in Postman.
    pub postman_name: String,
    /// The Rust argument or field (`query.limit` for a field of the query struct).
    pub rust_name: String,
    /// `false` when Postman has it disabled (an `Option` in Rust).
    pub required: bool,
    /// What the generator decided about the parameter that the collection does not say
    /// outright (a `text` field sent as a file because of its description), one line.
    pub note: Option<String>,
}

/// Describes `generated` item by item. Fails only if the generated code does not parse, which
/// is a bug ([`Error::Internal`]).
pub fn inspect(generated: &Generated) -> Result<Inspection, Error> {
    let signatures = signatures(generated)?;
    let mut by_item: BTreeMap<&str, Vec<&Warning>> = BTreeMap::new();
    for warning in &generated.warnings {
        by_item.entry(&warning.context).or_default().push(warning);
    }
    let mut claimed = std::collections::BTreeSet::new();
    let items = generated
        .api
        .operations
        .iter()
        .map(|operation| {
            let postman_path = slash_path(operation);
            let warnings = match by_item.get(postman_path.as_str()) {
                Some(found) => {
                    claimed.insert(postman_path.clone());
                    found.iter().map(|w| w.message.clone()).collect()
                }
                None => Vec::new(),
            };
            ItemReport {
                method: operation.method.clone(),
                path: operation.path_template(),
                function: operation.fn_name.clone(),
                signature: signatures
                    .get(&operation.fn_name)
                    .cloned()
                    .unwrap_or_else(|| format!("{}(…)", operation.fn_name)),
                params: params(operation),
                statuses: operation.responses.iter().map(|r| r.status).collect(),
                warnings,
                postman_path,
            }
        })
        .collect();
    let general_warnings = generated
        .warnings
        .iter()
        .filter(|w| !claimed.contains(&w.context))
        .cloned()
        .collect();
    Ok(Inspection {
        name: generated.api.name.clone(),
        items,
        general_warnings,
    })
}

impl Inspection {
    /// Keeps the items whose Postman path or function contains `needle`, ignoring case.
    ///
    /// ```
    /// # let generated = postman_codegen::Config::new()
    /// #     .generate("../collections/todo.postman_collection.json")?;
    /// let mut inspection = postman_codegen::inspect::inspect(&generated)?;
    /// inspection.retain_matching("PUT_todos");
    /// assert_eq!(inspection.items.len(), 1);
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn retain_matching(&mut self, needle: &str) {
        let needle = needle.to_lowercase();
        self.items.retain(|item| {
            item.postman_path.to_lowercase().contains(&needle)
                || item.function.to_lowercase().contains(&needle)
        });
    }
}

fn slash_path(operation: &Operation) -> String {
    let mut parts: Vec<&str> = operation.folder_path.iter().map(String::as_str).collect();
    parts.push(&operation.name);
    parts.join("/")
}

fn params(operation: &Operation) -> Vec<ParamReport> {
    let mut out = Vec::new();
    let mut push = |kind, postman_name: &str, rust_name: String, required, note| {
        out.push(ParamReport {
            kind,
            postman_name: postman_name.to_owned(),
            rust_name,
            required,
            note,
        })
    };
    for p in &operation.path_params {
        push("path", &p.name, p.rust_name.clone(), true, None);
    }
    for q in &operation.query {
        push(
            "query",
            &q.name,
            format!("query.{}", q.rust_name),
            q.required,
            None,
        );
    }
    for h in &operation.headers {
        push("header", &h.name, h.rust_name.clone(), h.required, None);
    }
    match &operation.body {
        RequestBody::UrlEncoded(fields) | RequestBody::Multipart(fields) => {
            for f in fields {
                let kind = if f.is_file { "file" } else { "form" };
                push(kind, &f.name, f.rust_name.clone(), f.required, file_note(f));
            }
        }
        RequestBody::None => {}
        RequestBody::Json { .. } => push("body", "JSON", "body".to_owned(), true, None),
        RequestBody::Text { content_type } => {
            push("body", content_type, "body".to_owned(), true, None)
        }
        RequestBody::Binary { content_type } => {
            push("body", content_type, "body".to_owned(), true, None)
        }
        RequestBody::FormAsJson(fields) => {
            for f in fields {
                let field = crate::naming::snake_case(&f.name);
                push("json", &f.name, format!("body.{field}"), f.required, None);
            }
        }
        RequestBody::GraphQl { .. } => push("body", "GraphQL", "variables".to_owned(), true, None),
    }
    out
}

/// Why a field declared `text` went out as a file part, when that is why.
fn file_note(field: &crate::model::FormParam) -> Option<String> {
    field.file_by_description.then(|| {
        format!(
            "a file part: declared `text`, but its description says it holds a file path ({:?}); `text_fields = [{:?}]` sends text",
            field.description.as_deref().unwrap_or_default().trim(),
            field.name
        )
    })
}

/// Function name → shortened signature, for every operation method in the generated code.
fn signatures(generated: &Generated) -> Result<BTreeMap<String, String>, Error> {
    let mut out = BTreeMap::new();
    let Some(operations) = generated
        .code
        .modules
        .iter()
        .find(|m| m.name == "operations")
    else {
        return Ok(out);
    };
    for module in &operations.children {
        let file: syn::File =
            syn::parse2(module.items.clone()).map_err(|error| Error::Internal {
                what: format!("operations::{}", module.name),
                message: error.to_string(),
            })?;
        let methods = file.items.iter().filter_map(|item| match item {
            syn::Item::Impl(block) => Some(&block.items),
            _ => None,
        });
        for item in methods.flatten() {
            if let syn::ImplItem::Fn(method) = item {
                out.insert(method.sig.ident.to_string(), signature(&method.sig));
            }
        }
    }
    Ok(out)
}

fn signature(sig: &syn::Signature) -> String {
    let args: Vec<String> = sig
        .inputs
        .iter()
        .filter_map(|arg| match arg {
            syn::FnArg::Typed(arg) => Some(format!(
                "{}: {}",
                arg.pat.to_token_stream(),
                short_type(&arg.ty)
            )),
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    let output = match &sig.output {
        syn::ReturnType::Type(_, ty) => format!(" -> {}", short_type(ty)),
        syn::ReturnType::Default => String::new(),
    };
    format!("{}({}){output}", sig.ident, args.join(", "))
}

/// A type as a user writes it: `crate::` dropped, std paths by their last segment.
fn short_type(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Reference(reference) => {
            let mutability = if reference.mutability.is_some() {
                "mut "
            } else {
                ""
            };
            format!("&{mutability}{}", short_type(&reference.elem))
        }
        syn::Type::Path(path) if path.qself.is_none() => short_path(&path.path),
        syn::Type::Slice(slice) => format!("[{}]", short_type(&slice.elem)),
        syn::Type::Tuple(tuple) => {
            let elems: Vec<String> = tuple.elems.iter().map(short_type).collect();
            format!("({})", elems.join(", "))
        }
        other => other.to_token_stream().to_string(),
    }
}

fn short_path(path: &syn::Path) -> String {
    let segments: Vec<&syn::PathSegment> = path.segments.iter().collect();
    let first = segments.first().map(|s| s.ident.to_string());
    let kept: &[&syn::PathSegment] = match first.as_deref() {
        Some("crate") => &segments[1..],
        Some("std" | "core" | "alloc") if path.leading_colon.is_some() => {
            &segments[segments.len() - 1..]
        }
        _ => &segments,
    };
    let parts: Vec<String> = kept
        .iter()
        .map(|segment| match &segment.arguments {
            syn::PathArguments::AngleBracketed(args) => {
                let args: Vec<String> = args
                    .args
                    .iter()
                    .map(|arg| match arg {
                        syn::GenericArgument::Type(ty) => short_type(ty),
                        other => other.to_token_stream().to_string(),
                    })
                    .collect();
                format!("{}<{}>", segment.ident, args.join(", "))
            }
            _ => segment.ident.to_string(),
        })
        .collect();
    parts.join("::")
}

impl fmt::Display for Inspection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.items.len();
        let plural = if count == 1 { "" } else { "s" };
        writeln!(f, "{}: {count} item{plural}", self.name)?;
        for item in &self.items {
            writeln!(f)?;
            write!(f, "{item}")?;
        }
        if !self.general_warnings.is_empty() {
            writeln!(f)?;
            for warning in &self.general_warnings {
                writeln!(f, "{warning}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for ItemReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.postman_path)?;
        writeln!(f, "  {} {}", self.method, self.path)?;
        writeln!(f, "  fn {}", self.signature)?;
        for p in &self.params {
            let optional = if p.required { "" } else { " (optional)" };
            writeln!(
                f,
                "  {:<6} {} → {}{optional}",
                p.kind, p.postman_name, p.rust_name
            )?;
            if let Some(note) = &p.note {
                writeln!(f, "         {note}")?;
            }
        }
        if !self.statuses.is_empty() {
            let statuses: Vec<String> = self.statuses.iter().map(u16::to_string).collect();
            writeln!(f, "  examples: {}", statuses.join(", "))?;
        }
        for warning in &self.warnings {
            writeln!(f, "  warning: {warning}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    #[test]
    fn every_item_is_found_with_its_signature_and_params() {
        let generated = Config::new()
            .generate("../collections/zoom-seed.postman_collection.json")
            .unwrap();
        let inspection = inspect(&generated).unwrap();
        assert_eq!(inspection.items.len(), generated.api.operations.len());
        let upload = inspection
            .items
            .iter()
            .find(|i| i.function == "accounts_upload_virtual_background_files")
            .unwrap();
        assert!(upload.postman_path.starts_with("accounts/"), "{upload:?}");
        assert!(
            upload
                .signature
                .starts_with("accounts_upload_virtual_background_files(account_id: &str"),
            "{}",
            upload.signature
        );
        assert!(
            !upload.signature.contains("crate::"),
            "{}",
            upload.signature
        );
        assert!(
            upload
                .params
                .iter()
                .any(|p| p.kind == "path" && p.rust_name == "account_id")
        );
    }

    #[test]
    fn short_types_read_like_user_code() {
        let ty: syn::Type = syn::parse_str(
            "::std::result::Result<::std::vec::Vec<crate::types::Todo>, crate::Error<crate::errors::E>>",
        )
        .unwrap();
        assert_eq!(
            short_type(&ty),
            "Result<Vec<types::Todo>, Error<errors::E>>"
        );
        let ty: syn::Type = syn::parse_str("&::serde_json::Value").unwrap();
        assert_eq!(short_type(&ty), "&serde_json::Value");
    }
}
