//! Random valid collections (see `spec`): they must always generate, and the output must pass
//! `check_output`. Reaches the model and the emitters far more often than raw bytes do.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postman_codegen_fuzz::spec::RandomCollection;

fuzz_target!(|collection: RandomCollection| {
    postman_codegen_fuzz::check::check_collection(&collection.0);
});
