//! The mock server (`postman_codegen::mock`, feature `mock`) over real HTTP on 127.0.0.1, on the
//! repository's collections. One test binary with a module per collection, so they link once.

mod support;
mod todo;
mod zoom_github;
