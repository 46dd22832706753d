//! The checks behind the round-trip test emitted into every corpus crate.
//!
//! The emitted `tests/round_trip.rs` includes this file with `#[path]`, so the comparison is
//! written (and unit-tested, in the harness) once. It may use only what every generated crate
//! depends on: `serde` and `serde_json`.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The first line of a round-trip report, followed by the crate name, the samples that
/// round-tripped and the samples checked; the harness reads it from the test output.
pub const REPORT: &str = "corpus-round-trip:";

/// The first line of a miss report, followed by the crate name and what went wrong.
pub const MISS: &str = "corpus-round-trip-miss:";

/// One entry of a crate's `tests/samples.json`.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct SampleEntry {
    /// The item's Postman location.
    pub item: String,
    /// Where in the item: `HTTP 200 example "OK"`, `request body`.
    pub place: String,
    /// The type, as the emitted match spells it.
    pub ty: String,
    /// The sample's JSON text.
    pub json: String,
}

/// Deserializes `json` into `T`, serializes it back and compares with the original.
pub fn check<T: DeserializeOwned + Serialize>(json: &str) -> Result<(), String> {
    let original: Value =
        serde_json::from_str(json).map_err(|e| format!("the sample is not JSON: {e}"))?;
    let typed: T = serde_json::from_str(json).map_err(|e| format!("does not deserialize: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("does not serialize: {e}"))?;
    same(&original, &back, "$")
}

/// Whether `back` says what `original` says. Keys that were null or absent may be dropped or
/// come back null; numbers compare as numbers (an integer read into an `f64` comes back as
/// `5.0`). `path` names the place for the message (`$.items[2].id`).
pub fn same(original: &Value, back: &Value, path: &str) -> Result<(), String> {
    match (original, back) {
        (Value::Number(a), Value::Number(b)) => {
            let equal = match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                (Some(a), Some(b), _, _) => a == b,
                (_, _, Some(a), Some(b)) => a == b,
                // One is a float: compare as floats, which is how the float field holds it.
                _ => a.as_f64() == b.as_f64(),
            };
            if equal {
                Ok(())
            } else {
                Err(format!("{path}: {a} came back as {b}"))
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Err(format!(
                    "{path}: {} elements came back as {}",
                    a.len(),
                    b.len()
                ));
            }
            a.iter()
                .zip(b)
                .enumerate()
                .try_for_each(|(i, (a, b))| same(a, b, &format!("{path}[{i}]")))
        }
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let inner = format!("{path}.{key}");
                match b.get(key) {
                    Some(back) => same(value, back, &inner)?,
                    None if value.is_null() => {}
                    None => return Err(format!("{inner}: dropped")),
                }
            }
            match b
                .iter()
                .find(|(key, value)| !a.contains_key(*key) && !value.is_null())
            {
                Some((key, value)) => Err(format!("{path}.{key}: added as {value}")),
                None => Ok(()),
            }
        }
        (a, b) if a == b => Ok(()),
        (a, b) => Err(format!("{path}: {a} came back as {b}")),
    }
}

/// Checks every sample of `samples_json` (a crate's `tests/samples.json`) with `check_as`,
/// which knows the crate's types by name (`None` for a name it does not know). Prints one
/// [`REPORT`] line and a [`MISS`] line per miss; returns the misses.
pub fn run(
    crate_name: &str,
    samples_json: &str,
    check_as: fn(&str, &str) -> Option<Result<(), String>>,
) -> Vec<String> {
    let samples: Vec<SampleEntry> = match serde_json::from_str(samples_json) {
        Ok(samples) => samples,
        Err(error) => return vec![format!("tests/samples.json does not load: {error}")],
    };
    let mut misses = Vec::new();
    for sample in &samples {
        let result = check_as(&sample.ty, &sample.json)
            .unwrap_or_else(|| Err(format!("no type `{}` in the check", sample.ty)));
        if let Err(why) = result {
            let miss = format!(
                "{} ({}) as `{}`: {why}",
                sample.item, sample.place, sample.ty
            );
            println!("{MISS} {crate_name} {miss}");
            misses.push(miss);
        }
    }
    let passed = samples.len() - misses.len();
    println!("{REPORT} {crate_name} {passed} {}", samples.len());
    misses
}
