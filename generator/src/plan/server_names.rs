//! The variants of the generated `Server` enum, one per host variable: named after the
//! variables, less what they all share (`soapEndpoint`, `bookingEndpoint`, `authEndpoint` →
//! `Soap`, `Booking`, `Auth`) and less the enum's own name, so that clippy's
//! `enum_variant_names` holds for any collection.

use crate::naming::{Scope, upper_camel_case};

/// Clippy's `enum_variant_names` looks at the shared words of enums with this many variants.
const THRESHOLD: usize = 3;

/// The enum the variants belong to.
const ENUM: &str = "Server";

/// One variant name per snake-case host name, unique, in order.
pub fn server_variants<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut words: Vec<Vec<String>> = names
        .into_iter()
        .map(|name| camel_words(&upper_camel_case(name)))
        .collect();
    for variant in &mut words {
        drop_enum_name(variant);
    }
    if words.len() >= THRESHOLD {
        let mut shorter = words.clone();
        drop_shared_words(&mut shorter);
        // Only while the names stay apart: `a_url` and `b_url` need their `Url`s beside `a`.
        let mut seen = std::collections::BTreeSet::new();
        if shorter.iter().all(|variant| seen.insert(variant.concat())) {
            words = shorter;
        }
    }
    let mut scope = Scope::new();
    words
        .iter()
        .map(|variant| scope.claim(&variant.concat()))
        .collect()
}

/// `SoapEndpoint` → `Soap`, `Endpoint`: a new word at each upper-case letter.
fn camel_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for ch in name.chars() {
        match words.last_mut() {
            Some(word) if !ch.is_uppercase() => word.push(ch),
            _ => words.push(ch.to_string()),
        }
    }
    words
}

/// `MainServer` → `Main`, `ServerB2` → `B2`; `Server` alone → `Host`.
fn drop_enum_name(variant: &mut Vec<String>) {
    if variant.len() > 1 && variant.first().is_some_and(|w| w == ENUM) {
        variant.remove(0);
    }
    if variant.len() > 1 && variant.last().is_some_and(|w| w == ENUM) {
        variant.pop();
    }
    if variant.len() == 1 && variant[0] == ENUM {
        variant[0] = "Host".to_owned();
    }
}

/// Drops the leading and trailing words every variant shares, keeping at least one word of
/// each. (Clippy lints nothing while some variant is a single word.)
fn drop_shared_words(words: &mut [Vec<String>]) {
    if words.iter().any(|variant| variant.len() < 2) {
        return;
    }
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let shared = |at: &dyn Fn(&Vec<String>, usize) -> &String| {
        (0..shortest - 1)
            .take_while(|&i| {
                words
                    .iter()
                    .all(|variant| at(variant, i) == at(&words[0], i))
            })
            .count()
    };
    let prefix = shared(&|variant, i| &variant[i]);
    for variant in words.iter_mut() {
        variant.drain(..prefix);
    }
    if words.iter().any(|variant| variant.len() < 2) {
        return;
    }
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let suffix = (0..shortest - 1)
        .take_while(|&i| {
            words
                .iter()
                .all(|variant| variant[variant.len() - 1 - i] == words[0][words[0].len() - 1 - i])
        })
        .count();
    for variant in words.iter_mut() {
        variant.truncate(variant.len() - suffix);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_suffixes_and_prefixes_are_dropped() {
        assert_eq!(
            server_variants(["soap_endpoint", "create_booking_endpoint", "auth_endpoint"]),
            ["Soap", "CreateBooking", "Auth"]
        );
        assert_eq!(
            server_variants(["api_v1_users", "api_v1_orders", "api_v1_items"]),
            ["Users", "Orders", "Items"]
        );
        // Two variants: clippy looks at three or more.
        assert_eq!(
            server_variants(["soap_endpoint", "rest_endpoint"]),
            ["SoapEndpoint", "RestEndpoint"]
        );
        // One name is a single word: nothing shared to drop.
        assert_eq!(
            server_variants(["auth", "auth_url", "token_url"]),
            ["Auth", "AuthUrl", "TokenUrl"]
        );
    }

    #[test]
    fn the_enum_name_is_dropped() {
        assert_eq!(
            server_variants(["feeds_server", "server", "server_b"]),
            ["Feeds", "Host", "B"]
        );
    }

    #[test]
    fn names_stay_unique() {
        assert_eq!(
            server_variants(["a_url", "a_url_server", "b_url"]),
            ["AUrl", "AUrl2", "BUrl"]
        );
        assert_eq!(server_variants(["url2", "url_2"]), ["Url2", "Url22"]);
    }
}
