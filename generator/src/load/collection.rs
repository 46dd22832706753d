//! The collection as the file says it, with format differences (v2.0 / v2.1, string or object
//! URLs, description objects, auth parameter shapes) already smoothed out, but nothing resolved:
//! no inheritance, no variable lookup, no naming. The model stage does those.

use serde_json::Value;

/// A loaded Postman collection.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection {
    /// `info.name`.
    pub name: String,
    /// `info.description`, as text.
    pub description: Option<String>,
    /// Schema version from `info.schema`, e.g. `"2.1.0"`, when recognisable.
    pub schema_version: Option<String>,
    /// Top-level items (folders and requests), in file order.
    pub items: Vec<Item>,
    /// Collection-level auth.
    pub auth: Option<Auth>,
    /// Collection variables (`variable[]`).
    pub variables: Vec<Variable>,
}

/// A folder or a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A folder (`item[]` present).
    Folder(Folder),
    /// A request (`request` present).
    Request(Box<RequestItem>),
}

/// A folder of items.
#[derive(Debug, Clone, PartialEq)]
pub struct Folder {
    /// Folder name.
    pub name: String,
    /// Folder description.
    pub description: Option<String>,
    /// Folder-level auth, inherited by its items.
    pub auth: Option<Auth>,
    /// Child items, in file order.
    pub items: Vec<Item>,
}

/// A leaf item: one request and its saved example responses.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestItem {
    /// Item name.
    pub name: String,
    /// Item description (falls back to the request's description).
    pub description: Option<String>,
    /// JSON pointer of the item in the file, for diagnostics.
    pub pointer: String,
    /// The request.
    pub request: Request,
    /// Saved examples (`response[]`).
    pub responses: Vec<Example>,
}

/// A request definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Upper-case HTTP method; `GET` when absent.
    pub method: String,
    /// The URL.
    pub url: Url,
    /// Headers (`header[]`), disabled ones included.
    pub headers: Vec<KeyValue>,
    /// The body, if any.
    pub body: Option<Body>,
    /// Request-level auth. `None` means "inherit".
    pub auth: Option<Auth>,
}

/// A URL, split into its parts. String URLs are split the way Postman does.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Url {
    /// The raw URL text, when the file has it.
    pub raw: Option<String>,
    /// `protocol`, e.g. `https`.
    pub protocol: Option<String>,
    /// Host labels, e.g. `["{{baseUrl}}"]` or `["api", "zoom", "us"]`.
    pub host: Vec<String>,
    /// `port`, e.g. `5000` in `http://localhost:5000/api`, when given.
    pub port: Option<String>,
    /// Path segments, e.g. `["users", ":userId"]`.
    pub path: Vec<String>,
    /// Query parameters, disabled ones included.
    pub query: Vec<KeyValue>,
    /// Path variables (`variable[]`) for `:name` segments.
    pub variables: Vec<Variable>,
}

/// A key/value pair: query parameter, header, urlencoded field.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyValue {
    /// Key.
    pub key: String,
    /// Value; `None` for JSON `null` or absent.
    pub value: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `disabled: true`.
    pub disabled: bool,
}

/// A variable: collection variable or URL path variable.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    /// `key` (or `id` when `key` is absent).
    pub key: String,
    /// Value, rendered as text.
    pub value: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// `mode: raw`.
    Raw {
        /// The text.
        text: String,
        /// `options.raw.language`, e.g. `json`, `xml`.
        language: Option<String>,
    },
    /// `mode: urlencoded`.
    UrlEncoded(Vec<KeyValue>),
    /// `mode: formdata`.
    FormData(Vec<FormField>),
    /// `mode: file`: a binary body.
    File {
        /// `file.src`, when given.
        src: Option<String>,
    },
    /// `mode: graphql`.
    GraphQl {
        /// The query text.
        query: String,
        /// Variables: an object, `null`, or a JSON string as some exports write it.
        variables: Option<Value>,
    },
}

/// One formdata field.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// Field name.
    pub key: String,
    /// Text value (for text fields).
    pub value: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `type: file`.
    pub is_file: bool,
    /// `disabled: true`.
    pub disabled: bool,
    /// `contentType`, when given.
    pub content_type: Option<String>,
}

/// Auth as declared on a collection, folder or request.
#[derive(Debug, Clone, PartialEq)]
pub struct Auth {
    /// `type`: `bearer`, `oauth2`, `basic`, `apikey`, `noauth`, `digest`, …
    pub kind: String,
    /// Parameters of that kind, from the v2.0 object or v2.1 list form, in file order.
    pub params: Vec<(String, Value)>,
}

/// A saved example response.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Example name (may hold markdown and newlines).
    pub name: String,
    /// HTTP status code (`code`), when given.
    pub code: Option<u16>,
    /// Status text (`status`), when given.
    pub status: Option<String>,
    /// Response headers.
    pub headers: Vec<KeyValue>,
    /// Body text; `None` when absent or null.
    pub body: Option<String>,
    /// `_postman_previewlanguage`.
    pub preview_language: Option<String>,
}
