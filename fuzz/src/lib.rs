//! The fuzz targets' shared code: random valid collections ([`spec`]) and the invariants every
//! run must keep ([`check`]). Both files are also compiled into the generator's tests.

pub mod check;
pub mod spec;
