//! Generate a typed Rust HTTP client from a Postman collection (format v2.0 or v2.1 JSON, or a v3
//! collection folder of YAML files, see [`load::v3`]): one async
//! function per request item (or a blocking one, with [`Config::blocking`]), response types
//! inferred from the saved examples, one error enum per operation chosen by HTTP status.
//!
//! # From `build.rs`
//!
//! With `postman-codegen = { version = "0.1", default-features = false }` under
//! `[build-dependencies]` (no clap, no async runtime):
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), postman_codegen::Error> {
//!     postman_codegen::compile_collection("api.postman_collection.json")
//! }
//! ```
//!
//! and, at the root of the library crate (see [`compile_collection`] for why the root):
//!
//! ```ignore
//! include!(concat!(env!("OUT_DIR"), "/my_api.rs"));
//! ```
//!
//! [`Config`] holds the other settings (overrides, names, output folder, extra attributes,
//! cargo directives), prost-build style.
//!
//! # Without touching the disk
//!
//! ```
//! let (code, warnings) = postman_codegen::Config::new()
//!     .single_file("../collections/todo.postman_collection.json")?;
//! assert!(code.contains("pub async fn get_todos("));
//! # let _ = warnings;
//! # Ok::<(), postman_codegen::Error>(())
//! ```
//!
//! # The pipeline
//!
//! One module per stage: [`load`] reads the collection file → [`model`] builds the
//! normalized API (one operation per request item) → [`infer`] turns example bodies into types →
//! [`emit`] writes Rust code with `quote`, checked by `syn` and printed by `prettyplease` →
//! [`output`] writes the crate or the single file for `build.rs`. [`inspect`] describes the
//! result item by item, for finding the function of a Postman item.
#![deny(missing_docs)]

mod attributes;
mod build_script;
mod config;
pub mod diagnostics;
pub mod emit;
pub mod infer;
pub mod inspect;
pub mod load;
#[cfg(feature = "mock")]
pub mod mock;
pub mod model;
pub mod naming;
pub mod output;
pub mod overrides;
pub mod plan;
mod tokens;

pub use build_script::{Compiled, compile_collection};
pub use config::{Config, Generated, default_crate_name};
pub use diagnostics::{Error, Location, Warning};
