//! Any bytes as a collection file: load → model → emit → output must not panic, and must either
//! refuse the input with a located error or produce a crate that passes `check_output`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    postman_codegen_fuzz::check::check_bytes(data);
});
