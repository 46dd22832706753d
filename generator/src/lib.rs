//! Generate a typed Rust HTTP client crate from a Postman collection.
//!
//! The pipeline, one module per stage: [`load`] reads the collection file → [`model`] builds the
//! normalized API (one operation per request item) → [`infer`] turns example bodies into types →
//! [`emit`] writes Rust code with `quote`, checked by `syn` and printed by `prettyplease` →
//! [`output`] writes the crate or the single file for `build.rs`.

mod config;
pub mod diagnostics;
pub mod emit;
pub mod infer;
pub mod load;
pub mod model;
pub mod naming;
pub mod output;
pub mod overrides;

pub use config::{Config, Generated, default_crate_name};
pub use diagnostics::{Error, Location, Warning};
