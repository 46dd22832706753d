//! Generate a typed Rust HTTP client from a Postman collection (format v2.0 or v2.1 JSON, or a v3
//! collection folder of YAML files, as the README's "Postman v3 collections" describes): one
//! async function per request item (or a blocking one, with [`Config::blocking`]), response
//! types inferred from the saved examples, one error enum per operation chosen by HTTP status.
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
//! let outcome = postman_codegen::Config::new()
//!     .single_file("../collections/todo.postman_collection.json")?;
//! assert!(outcome.output.contains("pub fn get_todos("));
//! # Ok::<(), postman_codegen::Error>(())
//! ```
//!
//! # The pipeline
//!
//! load (the collection file) → model (one operation per request item) → infer (every body of
//! the collection typed into one type space) → plan (each operation's arguments, types and
//! runtime needs) → emit (Rust code with `quote`) → output (printed by `prettyplease`, written
//! as a crate or one file for `include!`). ARCHITECTURE.md in the repository describes each
//! stage; the stages are private (the `internals` feature exposes them to the project's own
//! benchmarks, fuzz targets and corpus harness, with no stability promise).
#![deny(missing_docs)]

/// Declares the pipeline's stages: private modules, public with the `internals` feature.
macro_rules! stages {
    ($($name:ident),* $(,)?) => {$(
        #[cfg(feature = "internals")]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        mod $name;
    )*};
}

stages!(emit, infer, load, model, naming, output, overrides, plan);

mod attributes;
mod build_script;
mod config;
mod diagnostics;
mod inspect;
#[cfg(feature = "mock")]
pub mod mock;
mod tokens;

pub use build_script::{Compiled, compile_collection};
#[cfg(feature = "internals")]
pub use config::Generated;
pub use config::{Config, Outcome, default_crate_name};
pub use diagnostics::{Error, Location, Warning};
pub use infer::FieldPolicy;
pub use inspect::{Inspection, ItemReport, ParamReport};
pub use output::{Files, Stale, Written};
pub use plan::needs::Dependency;
