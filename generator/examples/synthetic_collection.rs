//! Prints the synthetic collection of `N` requests that the scaling benchmarks generate from
//! (`benches/support/synth.rs`), for measuring the crate generated from it:
//!
//! ```sh
//! cargo run --example synthetic_collection -- 10000 > synthetic-10k.postman_collection.json
//! ```

#[path = "../benches/support/synth.rs"]
mod synth;

fn main() {
    let requests = match std::env::args().nth(1) {
        None => 10_000,
        Some(text) => match text.parse() {
            Ok(count) => count,
            Err(_) => {
                eprintln!("usage: synthetic_collection [REQUESTS]: {text:?} is not a count");
                std::process::exit(2);
            }
        },
    };
    print!("{}", synth::collection(requests));
}
