//! What the generator made of each Postman item: its folder path, the Rust function, where
//! each Postman parameter went, the types, and the warnings — so a user finds the function
//! for an item they know from Postman.
//!
//! It reads the plan, from which the code is emitted: the arguments and types it shows are the
//! ones the methods are generated with.
//!
//! ```
//! let inspection = postman_codegen::Config::new()
//!     .inspect("../collections/todo.postman_collection.json")?
//!     .output;
//! let item = inspection.items.iter().find(|i| i.postman_path == "/todos/:id" && i.method == "GET").unwrap();
//! assert_eq!(item.function, "get_todos_id");
//! println!("{inspection}");
//! # Ok::<(), postman_codegen::Error>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use crate::Warning;
use crate::infer::RustType;
use crate::infer::bodies::{Payload, Success};
use crate::model::{Operation, RequestBody};
use crate::plan::ApiPlan;
use crate::plan::needs::Flavor;
use crate::plan::operation::{ArgType, OperationPlan};

/// The report on one generated API.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// The collection name.
    pub name: String,
    /// One entry per request item, in file order.
    pub items: Vec<ItemReport>,
    /// Warnings that concern no single item (auth, overrides, settings).
    pub general_warnings: Vec<Warning>,
    /// Where the OAuth2 operations get their tokens, when some do: grant and source.
    pub oauth2: Option<String>,
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
    /// Its pager methods and how they page, when it pages.
    pub pager: Option<String>,
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

/// `list_users_pages, list_users_items (token: …)`: the pager methods and how they page.
fn pager(plan: &crate::plan::operation::OperationPlan) -> Option<String> {
    let pager = plan.pager.as_ref()?;
    let name = plan.fn_name();
    let items = match &pager.items {
        Some(_) => format!(", {name}_items"),
        None => String::new(),
    };
    let declared = if pager.declared {
        ", from the overrides"
    } else {
        ""
    };
    Some(format!(
        "{name}_pages{items} ({}{declared})",
        pager.kind.describe()
    ))
}

/// Describes `plan` item by item, with the run's `warnings` beside the items they concern.
pub(crate) fn inspect(plan: &ApiPlan, warnings: &[Warning]) -> Inspection {
    let mut by_item: BTreeMap<&str, Vec<&Warning>> = BTreeMap::new();
    for warning in warnings {
        by_item.entry(&warning.context).or_default().push(warning);
    }
    let mut claimed = std::collections::BTreeSet::new();
    let flavor = plan.needs.flavor;
    let items = plan
        .operations
        .iter()
        .map(|operation_plan| {
            let operation = &operation_plan.operation;
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
                signature: signature(operation_plan, flavor),
                params: params(operation),
                statuses: operation.responses.iter().map(|r| r.status).collect(),
                pager: pager(operation_plan),
                warnings,
                postman_path,
            }
        })
        .collect();
    let general_warnings = warnings
        .iter()
        .filter(|w| !claimed.contains(&w.context))
        .cloned()
        .collect();
    Inspection {
        name: plan.name.clone(),
        items,
        general_warnings,
        oauth2: oauth2(plan),
    }
}

/// One line on the token provider of the OAuth2 operations, when some operation uses OAuth2.
fn oauth2(plan: &ApiPlan) -> Option<String> {
    let flow = plan
        .needs
        .oauth2
        .as_ref()
        .filter(|_| plan.needs.auth.oauth2)?;
    let performed = match flow.performed() {
        true => format!("`Client::with_oauth2(OAuth2::{}(…))`", flow.constructor()),
        false => "not performed by the client: `set_bearer_token` or a `TokenProvider`".to_owned(),
    };
    Some(format!(
        "OAuth2 tokens: the `{}` grant of {} ({performed}); its bearer operations fetch, cache and renew them",
        flow.grant, flow.source
    ))
}

impl Inspection {
    /// Keeps the items whose Postman path or function contains `needle`, ignoring case.
    ///
    /// ```
    /// let mut inspection = postman_codegen::Config::new()
    ///     .inspect("../collections/todo.postman_collection.json")?
    ///     .output;
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

/// `name(args) -> Result<…>` as a user reads it: `crate::` dropped, std paths by their last
/// segment.
fn signature(plan: &OperationPlan, flavor: Flavor) -> String {
    let args: Vec<String> = plan
        .args
        .iter()
        .map(|arg| format!("{}: {}", arg.name, arg_type(&arg.ty, flavor)))
        .collect();
    let success = match &plan.bodies.success {
        Success::Empty => "()".to_owned(),
        Success::One {
            payload: Payload::Json(ty),
            or_empty: true,
        } => format!("Option<{}>", short(ty)),
        Success::One {
            payload: Payload::Json(ty),
            or_empty: false,
        } => short(ty),
        Success::One {
            payload: Payload::Bytes,
            ..
        } => "Vec<u8>".to_owned(),
        Success::One { .. } => "String".to_owned(),
        Success::ByStatus(_) => format!("responses::{}Response", plan.operation.type_name),
    };
    let error = match plan.error_enum() {
        Some(name) => format!("errors::{name}"),
        None => "Undocumented".to_owned(),
    };
    format!(
        "{}({}) -> Result<Response<{success}>, Error<{error}>>",
        plan.operation.fn_name,
        args.join(", ")
    )
}

fn arg_type(ty: &ArgType, flavor: Flavor) -> String {
    match ty {
        ArgType::Str => "&str".to_owned(),
        ArgType::OptionalStr => "Option<&str>".to_owned(),
        ArgType::Query(name) => format!("&params::{name}"),
        ArgType::Form(name) => format!("params::{name}"),
        ArgType::Json(ty) => format!("&{}", short(ty)),
        ArgType::Text => "impl Into<String>".to_owned(),
        ArgType::Binary => match flavor {
            Flavor::Async => "impl Into<reqwest::Body>".to_owned(),
            Flavor::Blocking => "impl Into<reqwest::blocking::Body>".to_owned(),
        },
        ArgType::GraphQlVariables => "serde_json::Value".to_owned(),
        ArgType::File { required: true } => "FilePart".to_owned(),
        ArgType::File { required: false } => "Option<FilePart>".to_owned(),
    }
}

fn short(ty: &RustType) -> String {
    match ty {
        RustType::Bool => "bool".to_owned(),
        RustType::I64 => "i64".to_owned(),
        RustType::U64 => "u64".to_owned(),
        RustType::F64 => "f64".to_owned(),
        RustType::String => "String".to_owned(),
        RustType::Value => "serde_json::Value".to_owned(),
        RustType::Vec(inner) => format!("Vec<{}>", short(inner)),
        RustType::Option(inner) => format!("Option<{}>", short(inner)),
        RustType::Box(inner) => format!("Box<{}>", short(inner)),
        RustType::Named(name) => format!("types::{name}"),
        RustType::Custom(text) => text.trim().to_owned(),
    }
}

impl fmt::Display for Inspection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.items.len();
        let plural = if count == 1 { "" } else { "s" };
        writeln!(f, "{}: {count} item{plural}", self.name)?;
        if let Some(oauth2) = &self.oauth2 {
            writeln!(f, "{oauth2}")?;
        }
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
        if let Some(pager) = &self.pager {
            writeln!(f, "  pager: {pager}")?;
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
        let inspection = Config::new()
            .inspect("../collections/zoom-seed.postman_collection.json")
            .unwrap()
            .output;
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
        let ty = RustType::Vec(Box::new(RustType::Option(Box::new(RustType::Named(
            "Todo".to_owned(),
        )))));
        assert_eq!(short(&ty), "Vec<Option<types::Todo>>");
        assert_eq!(short(&RustType::Value), "serde_json::Value");
        assert_eq!(
            arg_type(&ArgType::Binary, Flavor::Blocking),
            "impl Into<reqwest::blocking::Body>"
        );
    }
}
