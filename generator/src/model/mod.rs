//! The normalized API model: one [`Operation`] per request item, with inheritance resolved,
//! variables classified and names allocated. Emission reads only this (and the type space).

mod auth;
mod body;
mod build;
mod error_codes;
mod examples;
mod file_path;
mod headers;
mod json_text;
mod oauth2;
mod raw_json;
mod servers;
pub mod status;
mod template;

pub(crate) use build::marked_required;
pub use build::{build, build_owned};
pub use error_codes::{DocumentedError, parse_error_codes};
pub use json_text::JsonText;
pub use oauth2::{OAuth2Flow, TokenUrl};
pub use template::{Dynamic, Generated, GeneratedPiece};

/// The whole API, ready for type inference and emission.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Collection name.
    pub name: String,
    /// Collection description.
    pub description: Option<String>,
    /// The default base URL, from the collection variable used as every URL's host
    /// (e.g. `{{baseUrl}}` = `https://api.zoom.us/v2`), or from a literal host.
    pub default_base_url: Option<String>,
    /// How requests authenticate by default (the collection's auth).
    pub auth: AuthScheme,
    /// Where the operations with [`AuthScheme::OAuth2`] get their access tokens.
    pub oauth2: Option<OAuth2Flow>,
    /// Hosts other than the base URL that requests name by variable (`{{auth_url}}`): each a
    /// setting of the client.
    pub servers: Vec<ServerVariable>,
    /// Every request item, in file order.
    pub operations: Vec<Operation>,
    /// Operations whose type-name prefix earlier versions derived differently, for telling
    /// users of an old type name the new one.
    pub renamed: Vec<crate::naming::operations::Renamed>,
}

/// A host variable other than the base URL.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// The variable's name in Postman.
    pub name: String,
    /// Its name in Rust (`auth_url` → `Client::with_auth_url`).
    pub rust_name: String,
    /// Its value in the collection or environment, when that is an absolute URL.
    pub default: Option<String>,
}

/// Where a request is sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Server {
    /// The client's base URL.
    Default,
    /// The host variable at this index of [`Api::servers`].
    Variable(usize),
    /// A literal URL the collection gives for this request alone.
    Absolute(String),
}

/// One request item of the collection.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The item name as written in Postman.
    pub name: String,
    /// Folder names from the collection root down to the item's folder.
    pub folder_path: Vec<String>,
    /// The Rust function name (snake case, unique across the API).
    pub fn_name: String,
    /// The Rust type-name prefix (upper camel case, unique across the API).
    pub type_name: String,
    /// Item description.
    pub description: Option<String>,
    /// Upper-case HTTP method.
    pub method: String,
    /// The host the request goes to.
    pub server: Server,
    /// Path below the base URL, one entry per segment.
    pub path: Vec<PathSegment>,
    /// Path parameters in path order.
    pub path_params: Vec<PathParam>,
    /// Query parameters in file order.
    pub query: Vec<QueryParam>,
    /// Headers that are part of the API (content negotiation and auth headers removed).
    pub headers: Vec<HeaderParam>,
    /// Headers sent as the collection saved them, whatever the caller passes: its `Accept`,
    /// and its `Content-Type` when the request has no body to set one (name, value).
    pub fixed_headers: Vec<(String, String)>,
    /// The saved `Content-Type`, enabled, with or without a body: what the collection says the
    /// API speaks, when no example says what comes back.
    pub content_type: Option<String>,
    /// Query keys the collection sends bare, without `=` (`?foo1&foo2`), in order.
    pub bare_query_keys: Vec<String>,
    /// Postman dynamic variables (`{{$guid}}`) in the raw JSON or text body: string values
    /// holding them are filled on each call.
    pub body_dynamic: Vec<Dynamic>,
    /// The request body.
    pub body: RequestBody,
    /// The auth this request uses after inheritance.
    pub auth: AuthScheme,
    /// Example responses grouped by status code, ascending.
    pub responses: Vec<StatusExamples>,
    /// Error codes documented in example names.
    pub documented_errors: Vec<DocumentedError>,
    /// The response headers its success examples declare, lower case, sorted (`link`).
    pub success_headers: Vec<String>,
    /// How the overrides file says it pages, when it does.
    pub pager: Option<crate::overrides::PagerOverride>,
}

impl Operation {
    /// The Postman location of the item: folder path and name joined with ` › `.
    pub fn postman_path(&self) -> String {
        let mut parts: Vec<&str> = self.folder_path.iter().map(String::as_str).collect();
        parts.push(&self.name);
        parts.join(" › ")
    }

    /// The path template with `{param}` placeholders, e.g. `/users/{userId}`.
    pub fn path_template(&self) -> String {
        let mut out = String::new();
        for segment in &self.path {
            out.push('/');
            for piece in &segment.pieces {
                match piece {
                    PathPiece::Literal(text) => out.push_str(text),
                    PathPiece::Param(index) => {
                        out.push('{');
                        out.push_str(&self.path_params[*index].name);
                        out.push('}');
                    }
                }
            }
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }
}

/// One path segment, made of literal text and parameters (`compare/{{base}}...{{head}}`).
#[derive(Debug, Clone, PartialEq)]
pub struct PathSegment {
    /// Pieces in order.
    pub pieces: Vec<PathPiece>,
}

/// Literal text or a parameter in a path segment.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPiece {
    /// Literal text, sent as written.
    Literal(String),
    /// Index into [`Operation::path_params`].
    Param(usize),
}

/// A path parameter (`:name` or `{{name}}`).
#[derive(Debug, Clone, PartialEq)]
pub struct PathParam {
    /// Name as written in Postman.
    pub name: String,
    /// Rust parameter name.
    pub rust_name: String,
    /// Description.
    pub description: Option<String>,
    /// Example value from the collection.
    pub example: Option<String>,
}

/// A query parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryParam {
    /// Key as sent.
    pub name: String,
    /// Rust field name.
    pub rust_name: String,
    /// Description.
    pub description: Option<String>,
    /// Example value from the collection.
    pub example: Option<String>,
    /// The collection marks it required: enabled, with a description that begins with
    /// `(Required)` (the convention of the common OpenAPI → Postman converters). Any other
    /// query parameter is one the caller may leave out.
    pub required: bool,
    /// The key appears several times in the request: a list, sent as repeated keys.
    pub repeated: bool,
    /// The saved value of an enabled key is made of dynamic variables: computed when the caller
    /// passes none, required or not.
    pub generated: Option<Generated>,
}

/// A header the caller supplies.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderParam {
    /// Header name as sent.
    pub name: String,
    /// Rust parameter name.
    pub rust_name: String,
    /// Description.
    pub description: Option<String>,
    /// Example value from the collection.
    pub example: Option<String>,
    /// `false` when Postman has it disabled.
    pub required: bool,
    /// The saved value is made of dynamic variables: computed when the caller passes none.
    pub generated: Option<Generated>,
}

/// What the request sends as its body.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestBody {
    /// No body.
    None,
    /// A JSON body, with the sample from the collection when it parses.
    Json {
        /// The sample body.
        sample: Option<serde_json::Value>,
    },
    /// A text body with a content type (raw XML, text, or JSON that does not parse).
    Text {
        /// MIME type to send.
        content_type: String,
    },
    /// `application/x-www-form-urlencoded` fields.
    UrlEncoded(Vec<FormParam>),
    /// `multipart/form-data` parts.
    Multipart(Vec<FormParam>),
    /// A formdata body sent as a JSON object (the `formdata_as_json` override), one member
    /// per field, typed from the field values.
    FormAsJson(Vec<JsonField>),
    /// Raw bytes (`mode: file`).
    Binary {
        /// MIME type to send: the declared `Content-Type`, else `application/octet-stream`.
        content_type: String,
    },
    /// A GraphQL query.
    GraphQl {
        /// The query text from the collection.
        query: String,
    },
}

/// A urlencoded or multipart field.
#[derive(Debug, Clone, PartialEq)]
pub struct FormParam {
    /// Field name as sent.
    pub name: String,
    /// Rust name.
    pub rust_name: String,
    /// Description.
    pub description: Option<String>,
    /// Example value.
    pub example: Option<String>,
    /// A file part rather than text.
    pub is_file: bool,
    /// A file part only because its description says it holds a file path (the collection
    /// declares it `text`): the docs and `inspect` say so.
    pub file_by_description: bool,
    /// `false` when Postman has it disabled.
    pub required: bool,
    /// The saved value is made of dynamic variables: computed when the caller passes none.
    pub generated: Option<Generated>,
}

impl FormParam {
    /// Why a field declared `text` is sent as a file, for its docs; `None` for other fields.
    pub fn file_note(&self) -> Option<&'static str> {
        self.file_by_description.then_some(
            "Sent as a file part: the collection declares a text field, but its description says it holds a file path.",
        )
    }

    /// The field's description followed by its [`file_note`](Self::file_note), for docs.
    pub fn doc_text(&self) -> Option<String> {
        match (self.description.as_deref(), self.file_note()) {
            (Some(description), Some(note)) => Some(format!("{} {note}", description.trim_end())),
            (description, note) => description.or(note).map(str::to_owned),
        }
    }
}

/// A member of a JSON body made from a formdata field.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonField {
    /// The JSON key (the formdata key).
    pub name: String,
    /// The value the text stands for: `"2"` → `2`, `"false"` → `false`, JSON-stringified
    /// objects and arrays parsed; `None` when the collection leaves it empty.
    pub value: Option<serde_json::Value>,
    /// Description, for the field's doc.
    pub description: Option<String>,
    /// `false` when the field is disabled or empty in the collection.
    pub required: bool,
}

/// How a request authenticates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum AuthScheme {
    /// No auth.
    None,
    /// `Authorization: Bearer <token>` (Postman `bearer` and `oauth2`).
    Bearer,
    /// A bearer token the client fetches and renews itself: see [`Api::oauth2`].
    OAuth2,
    /// HTTP basic auth.
    Basic,
    /// An API key in a header.
    ApiKeyHeader {
        /// The header name.
        name: String,
    },
    /// An API key in the query string.
    ApiKeyQuery {
        /// The query key.
        name: String,
    },
    /// An auth kind the generated client cannot perform itself (digest, hawk, …).
    Unsupported {
        /// The Postman auth type.
        kind: String,
    },
}

/// The saved examples of one status code.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusExamples {
    /// HTTP status code.
    pub status: u16,
    /// The examples, in file order.
    pub examples: Vec<ExampleBody>,
}

impl StatusExamples {
    /// Whether the status is a success (2xx).
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// One saved example response, reduced to what generation needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleBody {
    /// Example name.
    pub name: String,
    /// What the body is.
    pub body: ExampleContent,
}

/// The body of a saved example.
#[derive(Debug, Clone, PartialEq)]
pub enum ExampleContent {
    /// No body, or an empty one.
    Empty,
    /// A JSON value (double-encoded JSON already decoded), as its text: see [`JsonText`].
    Json(JsonText),
    /// A body declared or detected as JSON that does not parse.
    InvalidJson(String),
    /// Text that is not JSON (XML, HTML, plain text).
    Text(String),
}
