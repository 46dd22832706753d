//! Which operations page, and how: inferred from the names real collections use for a page
//! token, a next link, a page number or an offset, and from a `Link` header their examples
//! declare, or taken from the overrides file (`pager = "off"` or a table).
//!
//! A pager needs a GET whose success is one JSON type; its items are the body when that is an
//! array, else the response's array field (see [`items_field`]). A token field the examples
//! leave out is added to the response type (Zoom's list examples lack `next_page_token`).

use crate::Warning;
use crate::infer::bodies::{Payload, Success};
use crate::infer::{FieldDef, RustType, TypeDef, TypeSpace};
use crate::model::{Operation, QueryParam, RequestBody};
use crate::overrides::{DeclaredPager, PagerOverride};

use super::operation::Target;

/// Query parameters that send a page token.
const TOKEN_PARAMS: &[&str] = &[
    "next_page_token",
    "page_token",
    "pagetoken",
    "cursor",
    "pagination_token",
    "next_token",
    "continuation_token",
];
/// Response fields that hold the next token, after the parameter's own name.
const TOKEN_FIELDS: &[&str] = &[
    "next_page_token",
    "nextpagetoken",
    "next_cursor",
    "next_token",
    "cursor",
];
/// Response fields (or fields of a `links` object) that hold the next page's URL.
const LINK_FIELDS: &[&str] = &["next", "nextlink", "@odata.nextlink", "next_url"];
/// Query parameters that send a page number, and those that send an offset.
const PAGE_PARAMS: &[&str] = &["page", "page_number", "pagenumber", "page_no"];
const OFFSET_PARAMS: &[&str] = &["offset", "skip", "start"];
/// Query parameters that send a page size: with a page number or offset, a pager.
const SIZE_PARAMS: &[&str] = &["per_page", "page_size", "pagesize", "limit", "size", "count"];
/// Response fields with the number of pages, and with the number of items.
const PAGES_FIELDS: &[&str] = &["page_count", "total_pages", "totalpages", "pages"];
const TOTAL_FIELDS: &[&str] = &[
    "total_records",
    "total_count",
    "totalcount",
    "total",
    "total_results",
    "totalresults",
];
/// Conventional names of the items array of a response with several arrays.
const ITEMS_FIELDS: &[&str] = &["items", "data", "results", "value", "records"];

/// What a declared pager that names no kind, or several, is told.
const ONE_KIND: &str = "give exactly one of `token` (with `next`), `link_header`, `page`, `offset`, or `next` alone";

/// Why a declared pager cannot follow links.
const NO_LINKS: &str = "links are followed only for items sent to the base URL, without header arguments or a request hook";

/// How one operation pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Pager {
    /// How the next page is asked for.
    pub kind: PagerKind,
    /// Where a page's items are; `None`: the pager yields pages only.
    pub items: Option<Items>,
    /// The overrides file declared it.
    pub declared: bool,
}

/// How the next page is asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum PagerKind {
    /// The token a response field gives, sent back as a query parameter.
    Token {
        /// The query parameter's Rust field.
        param: String,
        /// The response field with the next token.
        field: FieldPath,
    },
    /// The URL a response field gives.
    BodyLink(FieldPath),
    /// The `rel="next"` URL of the `Link` response header.
    LinkHeader,
    /// The page number query parameter, counted up from 1.
    Page {
        /// Its Rust field.
        param: String,
        /// The response field with the number of pages.
        pages: Option<FieldPath>,
        /// The response field with the number of items.
        total: Option<FieldPath>,
    },
    /// The offset query parameter, moved past each page's items.
    Offset {
        /// Its Rust field.
        param: String,
        /// The response field with the number of items.
        total: Option<FieldPath>,
    },
}

/// A field of the response, at most one object deep (`links.next`), outermost first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Segment>);

/// One field on a [`FieldPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The JSON key.
    pub key: String,
    /// The Rust field name; `None` for a key of an untyped JSON body (`serde_json::Value`).
    pub name: Option<String>,
    /// Its type is an `Option`.
    pub optional: bool,
}

impl FieldPath {
    /// The JSON keys joined with `.` (`links.next`).
    pub fn keys(&self) -> String {
        let keys: Vec<&str> = self.0.iter().map(|s| s.key.as_str()).collect();
        keys.join(".")
    }
}

/// Where a page's items are.
#[derive(Debug, Clone, PartialEq)]
pub struct Items {
    /// The array field; `None` when the body itself is the array.
    pub field: Option<FieldPath>,
    /// The array field is an `Option` (may be left out).
    pub optional: bool,
    /// The type of one item.
    pub item: RustType,
}

impl PagerKind {
    /// How `inspect` and the docs name it.
    pub fn describe(&self) -> String {
        match self {
            PagerKind::Token { param, field } => {
                format!("token: `{}` → query `{param}`", field.keys())
            }
            PagerKind::BodyLink(field) => format!("next link: `{}`", field.keys()),
            PagerKind::LinkHeader => "`Link` header, rel=\"next\"".to_owned(),
            PagerKind::Page { param, pages, total } => format!(
                "page number: query `{param}`{}",
                limit(pages.as_ref().or(total.as_ref()))
            ),
            PagerKind::Offset { param, total } => {
                format!("offset: query `{param}`{}", limit(total.as_ref()))
            }
        }
    }
}

fn limit(field: Option<&FieldPath>) -> String {
    field.map_or_else(
        || ", until an empty page".to_owned(),
        |f| format!(", until `{}`", f.keys()),
    )
}

/// The pager of `operation`, going to `target` and answering `success`; may add a token
/// field to its response type in `space`. A declared pager that cannot be used is a warning.
pub fn pager(
    operation: &Operation,
    target: &Target,
    success: &Success,
    space: &mut TypeSpace,
    warnings: &mut Vec<Warning>,
) -> Option<Pager> {
    let declared = match &operation.pager {
        Some(PagerOverride::Switch(_)) => return None,
        Some(PagerOverride::Declared(declared)) => Some(declared),
        None => None,
    };
    let Success::One {
        payload: Payload::Json(body),
        or_empty: false,
    } = success
    else {
        return declared.and_then(|_| unusable(operation, warnings, "its success is not one JSON type"));
    };
    if operation.method != "GET" || !matches!(operation.body, RequestBody::None) {
        return declared.and_then(|_| unusable(operation, warnings, "it is not a GET without a body"));
    }
    let page = Page { operation, body, space };
    match declared {
        Some(declared) => match page.declared(declared, target) {
            Ok(pager) => Some(pager),
            Err(why) => unusable(operation, warnings, &why),
        },
        None => page.inferred(target),
    }
}

fn unusable(operation: &Operation, warnings: &mut Vec<Warning>, why: &str) -> Option<Pager> {
    warnings.push(Warning {
        context: operation
            .folder_path
            .iter()
            .chain([&operation.name])
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("/"),
        message: format!("its `pager` override cannot be used: {why}; it gets no pager"),
    });
    None
}

/// One operation's request and response, looked at for paging.
struct Page<'a> {
    operation: &'a Operation,
    body: &'a RustType,
    space: &'a mut TypeSpace,
}

/// `T` for `Option<T>`.
fn without_option(ty: &RustType) -> &RustType {
    match ty {
        RustType::Option(inner) => inner,
        other => other,
    }
}

/// The query parameter `key` (any case) of `operation`, not a list.
fn query<'o>(operation: &'o Operation, key: &str) -> Option<&'o QueryParam> {
    operation
        .query
        .iter()
        .find(|q| !q.repeated && q.name.eq_ignore_ascii_case(key))
}

impl<'a> Page<'a> {
    fn inferred(mut self, target: &Target) -> Option<Pager> {
        let items = self.items(None);
        let pager = |kind| Pager {
            kind,
            items: items.clone(),
            declared: false,
        };
        if let Some(param) = self.param(TOKEN_PARAMS) {
            let names = std::iter::once(param.name.as_str()).chain(TOKEN_FIELDS.iter().copied());
            let field = match self.body {
                // An untyped body (its examples do not parse): the token is read by its key.
                RustType::Value => Some(FieldPath(vec![Segment {
                    key: param.name.clone(),
                    name: None,
                    optional: false,
                }])),
                // At the top, or in a `meta` object (Twitter's `meta.next_token`).
                _ => names
                    .clone()
                    .find_map(|key| self.field(key))
                    .or_else(|| names.clone().find_map(|key| self.field(&format!("meta.{key}"))))
                    .filter(|field| self.text_at(field))
                    .or_else(|| self.add_token_field(&param.name)),
            };
            if let Some(field) = field {
                return Some(pager(PagerKind::Token {
                    param: param.rust_name.clone(),
                    field,
                }));
            }
        }
        let sized = self.param(SIZE_PARAMS).is_some();
        // A `Link` header names the next page whatever the body holds.
        if self.operation.success_headers.iter().any(|h| h == "link")
            && self.follows_links(target)
            && (sized || self.param(PAGE_PARAMS).is_some())
        {
            return Some(pager(PagerKind::LinkHeader));
        }
        // Past those, what moves on counts or follows the items of each page.
        items.as_ref()?;
        if let Some(field) = LINK_FIELDS
            .iter()
            .find_map(|key| self.field(key).or_else(|| self.field(&format!("links.{key}"))))
            .filter(|field| self.text_at(field) && self.follows_links(target))
        {
            return Some(pager(PagerKind::BodyLink(field)));
        }
        let count = |keys: &[&str]| {
            keys.iter()
                .find_map(|key| self.field(key))
                .filter(|field| self.count_at(field))
        };
        let total = count(TOTAL_FIELDS);
        if let (Some(param), true) = (self.param(PAGE_PARAMS), sized) {
            return Some(pager(PagerKind::Page {
                param: param.rust_name.clone(),
                pages: count(PAGES_FIELDS),
                total,
            }));
        }
        if let (Some(param), true) = (self.param(OFFSET_PARAMS), sized) {
            return Some(pager(PagerKind::Offset {
                param: param.rust_name.clone(),
                total,
            }));
        }
        None
    }

    fn declared(mut self, declared: &DeclaredPager, target: &Target) -> Result<Pager, String> {
        let items = match &declared.items {
            Some(key) => Some(
                self.items(Some(key))
                    .ok_or_else(|| format!("the response has no array `{key}`"))?,
            ),
            None => self.items(None),
        };
        let operation = self.operation;
        let param = |key: &Option<String>| -> Result<Option<String>, String> {
            key.as_ref()
                .map(|key| {
                    query(operation, key)
                        .map(|q| q.rust_name.clone())
                        .ok_or_else(|| format!("it has no query parameter `{key}`"))
                })
                .transpose()
        };
        let needs_items = |kind: PagerKind| match &items {
            Some(_) => Ok(kind),
            None => Err("its response has no array of items: name one with `items`".to_owned()),
        };
        let kind = match (
            param(&declared.token)?,
            declared.link_header,
            param(&declared.page)?,
            param(&declared.offset)?,
        ) {
            (Some(param), false, None, None) => {
                let key = declared.next.as_deref().unwrap_or_default();
                let field = match self.field(key) {
                    Some(field) if self.text_at(&field) => field,
                    Some(_) => return Err(format!("its response field `{key}` is not text")),
                    None if !key.is_empty() && !key.contains('.') => self
                        .add_token_field(key)
                        .ok_or_else(|| format!("`{key}` cannot be added to its response"))?,
                    None => return Err("name the response field of the token with `next`".into()),
                };
                PagerKind::Token { param, field }
            }
            (None, true, None, None) if self.follows_links(target) => PagerKind::LinkHeader,
            (None, true, None, None) => return Err(NO_LINKS.into()),
            (None, false, Some(param), None) => needs_items(PagerKind::Page {
                param,
                pages: self.declared_field(&declared.pages)?,
                total: self.declared_field(&declared.total)?,
            })?,
            (None, false, None, Some(param)) => needs_items(PagerKind::Offset {
                param,
                total: self.declared_field(&declared.total)?,
            })?,
            (None, false, None, None) => match &declared.next {
                Some(key) if self.follows_links(target) => match self.field(key) {
                    Some(field) if self.text_at(&field) => PagerKind::BodyLink(field),
                    Some(_) => return Err(format!("its response field `{key}` is not text")),
                    None => return Err(format!("its response has no field `{key}`")),
                },
                Some(_) => return Err(NO_LINKS.into()),
                None => return Err(ONE_KIND.into()),
            },
            _ => return Err(ONE_KIND.into()),
        };
        Ok(Pager {
            kind,
            items,
            declared: true,
        })
    }

    /// The first query parameter whose key is one of `names` (any case).
    fn param(&self, names: &[&str]) -> Option<&'a QueryParam> {
        let operation = self.operation;
        names.iter().find_map(|name| query(operation, name))
    }

    /// The count field a declared pager names, when it names one.
    fn declared_field(&self, key: &Option<String>) -> Result<Option<FieldPath>, String> {
        key.as_ref()
            .map(|key| match self.field(key) {
                Some(field) if self.count_at(&field) => Ok(field),
                Some(_) => Err(format!("its response field `{key}` is not a whole number")),
                None => Err(format!("its response has no field `{key}`")),
            })
            .transpose()
    }

    /// Whether a link the API gives can be followed: a request to the base URL's host that
    /// needs nothing but the query the link carries (no header argument, no request hook).
    fn follows_links(&self, target: &Target) -> bool {
        *target == Target::BaseUrl
            && self.operation.headers.is_empty()
            && !matches!(self.operation.auth, crate::model::AuthScheme::Unsupported { .. })
    }

    /// The struct the body (or the object at `path` in it) decodes into.
    fn struct_of<'s>(space: &'s TypeSpace, ty: &RustType) -> Option<&'s [FieldDef]> {
        let name = match ty {
            RustType::Named(name) => name,
            RustType::Option(inner) | RustType::Box(inner) => return Self::struct_of(space, inner),
            _ => return None,
        };
        match space.get(name)? {
            TypeDef::Struct(def) => Some(&def.fields),
            TypeDef::Enum(_) => None,
        }
    }

    /// The response field `keys` (a JSON key, any case), or at the dotted `keys`.
    fn field(&self, keys: &str) -> Option<FieldPath> {
        let whole = [keys];
        let parts: Vec<&str> = keys.split('.').collect();
        // A key may hold dots itself (`@odata.nextLink`). Deeper paths than one object are
        // not seen in collections, and their code would not stay short.
        [&whole[..], &parts[..]]
            .into_iter()
            .filter(|keys| keys.len() <= 2)
            .find_map(|keys| self.field_at(keys))
    }

    fn field_at(&self, keys: &[&str]) -> Option<FieldPath> {
        let mut ty = self.body.clone();
        let mut path = Vec::new();
        for key in keys {
            let fields = Self::struct_of(self.space, &ty)?;
            let field = fields.iter().find(|f| f.key.eq_ignore_ascii_case(key))?;
            path.push(Segment {
                key: field.key.clone(),
                name: Some(field.name.clone()),
                optional: matches!(field.ty, RustType::Option(_)),
            });
            ty = field.ty.clone();
        }
        Some(FieldPath(path))
    }

    /// The type of the field at `path`.
    fn type_at(&self, path: &FieldPath) -> Option<RustType> {
        let mut ty = self.body.clone();
        for segment in &path.0 {
            let fields = Self::struct_of(self.space, &ty)?;
            ty = fields.iter().find(|f| f.key == segment.key)?.ty.clone();
        }
        Some(ty)
    }

    /// Whether the field at `path` holds text (or any JSON value), as a token or link does.
    fn text_at(&self, path: &FieldPath) -> bool {
        matches!(
            self.type_at(path).as_ref().map(without_option),
            Some(RustType::String | RustType::Value)
        )
    }

    /// Whether the field at `path` holds a whole number (as a number, text or any JSON value),
    /// as a count of pages or items does.
    fn count_at(&self, path: &FieldPath) -> bool {
        matches!(
            self.type_at(path).as_ref().map(without_option),
            Some(RustType::I64 | RustType::U64 | RustType::String | RustType::Value)
        )
    }

    /// A token field the examples lack, added to the response struct.
    fn add_token_field(&mut self, key: &str) -> Option<FieldPath> {
        let RustType::Named(name) = self.body else {
            return None;
        };
        let doc = "The token of the next page; empty or absent on the last page. Not in the collection's examples: added for the pager.";
        self.space
            .add_unseen_text_field(name, key, doc)
            .then(|| self.field(key))
            .flatten()
    }

    /// Where a page's items are: the body when it is an array; else the array field `wanted`,
    /// the response's one array of objects, or a conventional one (`items`, `data`, …, or the
    /// field named like the path's last segment).
    fn items(&self, wanted: Option<&str>) -> Option<Items> {
        if let (RustType::Vec(item), None) = (self.body, wanted) {
            return Some(Items {
                field: None,
                optional: false,
                item: (**item).clone(),
            });
        }
        let fields = Self::struct_of(self.space, self.body)?;
        let array = |field: &FieldDef| match &field.ty {
            RustType::Vec(item) => Some((false, (**item).clone())),
            RustType::Option(inner) => match &**inner {
                RustType::Vec(item) => Some((true, (**item).clone())),
                _ => None,
            },
            _ => None,
        };
        let arrays: Vec<(&FieldDef, (bool, RustType))> = fields
            .iter()
            .filter_map(|f| array(f).map(|a| (f, a)))
            .collect();
        let last_segment = self.operation.path.last().and_then(|segment| {
            match segment.pieces.as_slice() {
                [crate::model::PathPiece::Literal(text)] => Some(text.as_str()),
                _ => None,
            }
        });
        let chosen = match wanted {
            Some(key) => arrays.iter().find(|(f, _)| f.key.eq_ignore_ascii_case(key)),
            None => {
                let objects: Vec<_> = arrays
                    .iter()
                    .filter(|(_, (_, item))| matches!(item, RustType::Named(_)))
                    .collect();
                match objects.as_slice() {
                    [one] => Some(*one),
                    _ => ITEMS_FIELDS
                        .iter()
                        .copied()
                        .chain(last_segment)
                        .find_map(|key| arrays.iter().find(|(f, _)| f.key.eq_ignore_ascii_case(key))),
                }
            }
        }?;
        let (field, (optional, item)) = chosen;
        Some(Items {
            field: Some(FieldPath(vec![Segment {
                key: field.key.clone(),
                name: Some(field.name.clone()),
                optional: *optional,
            }])),
            optional: *optional,
            item: item.clone(),
        })
    }
}
