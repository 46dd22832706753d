//! Turning Postman names and JSON keys into Rust identifiers, and keeping them unique.
//!
//! [`words`] finds the words of a title or key as a reader would (acronyms whole, markup and
//! possessives gone); [`budget`] keeps names short in one predictable way; [`operations`] names
//! the functions of the client from item titles. The helpers here turn words or keys into
//! identifiers that are never keywords or empty, and [`Scope`] keeps them unique.

pub mod budget;
#[cfg(test)]
mod corpus_tests;
pub mod operations;
pub mod words;

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords of every edition (strict, reserved and weak ones that matter as names).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; these get a `_` suffix instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// A snake_case identifier for `name`, as the text of a Rust identifier (`r#type` for keywords).
///
/// Never empty: a name with no letters or digits becomes `value`.
pub fn snake_case(name: &str) -> String {
    finish(cleaned(name).to_snake_case(), "value")
}

/// An UpperCamelCase identifier for `name`; never empty (`Value` as the fallback).
pub fn upper_camel_case(name: &str) -> String {
    finish(cleaned(name).to_upper_camel_case(), "Value")
}

/// A snake_case identifier from `words` (see [`words::title_words`]), as the text of a Rust
/// identifier: `["List", "IPs"]` → `list_ips`, `["type"]` → `r#type`, no words → `value`.
pub fn snake_ident(words: &[String]) -> String {
    finish(self::words::snake(words), "value")
}

/// Replaces everything that cannot be part of an identifier by a word break, and spells out
/// characters that carry meaning so `+1` and `-1` stay apart.
pub(crate) fn cleaned(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars() {
        match ch {
            'a'..='z' | 'A'..='Z' | '0'..='9' => out.push(ch),
            '+' => out.push_str(" plus "),
            _ if ch.is_alphanumeric() => {
                // Non-ASCII letters are legal in Rust identifiers but not in every editor or
                // terminal; transliterating is out of scope, so keep them as a break.
                out.push(' ');
            }
            _ => out.push(' '),
        }
    }
    out
}

fn finish(ident: String, fallback: &str) -> String {
    let ident = if ident.is_empty() {
        fallback.to_owned()
    } else if ident.starts_with(|c: char| c.is_ascii_digit()) {
        if fallback == "value" {
            format!("n{ident}")
        } else {
            format!("N{ident}")
        }
    } else {
        ident
    };
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// A snake_case module name for the folder title `name`, from its [words](words::title_words)
/// within [`budget::MODULE_BUDGET`] (parenthesized asides go first), that is also a portable file name, since the module's
/// file is `{name}.rs`: never a keyword (a raw `r#type` module is legal but its file would have to
/// be `type.rs`, one more rule to get right), and never a name Windows reserves for devices
/// (`con.rs`, `nul.rs`, `com1.rs` cannot be created there). Both get a `_` suffix. The result
/// has only ASCII letters, digits and `_`, so no folder name can make a path leave the crate.
pub fn module_name(name: &str) -> String {
    let mut words = words::title_words(name);
    if words::snake(&words).len() > budget::MODULE_BUDGET {
        if let Some(text) = words::without_asides(name) {
            words = words::title_words(&text);
        }
    }
    let count = budget::fitting(&words, budget::MODULE_BUDGET, "_");
    let snake = snake_ident(&words[..count]);
    let name = match snake.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => snake,
    };
    if is_windows_device_name(&name) {
        format!("{name}_")
    } else {
        name
    }
}

/// `con`, `prn`, `aux`, `nul`, `com0`–`com9`, `lpt0`–`lpt9`, in any case: Windows treats a file
/// of that name, whatever its extension, as a device.
pub fn is_windows_device_name(stem: &str) -> bool {
    let stem = stem.to_ascii_lowercase();
    match stem.as_bytes() {
        [b'c', b'o', b'n'] | [b'p', b'r', b'n'] | [b'a', b'u', b'x'] | [b'n', b'u', b'l'] => true,
        [b'c', b'o', b'm', digit] | [b'l', b'p', b't', digit] => digit.is_ascii_digit(),
        _ => false,
    }
}

/// Makes a `proc_macro2::Ident` from the text [`snake_case`] or [`upper_camel_case`] returns.
pub fn ident(text: &str) -> Ident {
    match text.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(text, Span::call_site()),
    }
}

/// Hands out names that are unique within one scope (fields of a struct, functions of a client).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `name` as taken without handing it out (reserved names such as `client`).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// Whether `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Claims `preferred`, or the first free name of the form `{preferred}_{n}` / `{preferred}{n}`.
    ///
    /// Callers that can tell names apart by meaning (a folder path) should try that first and
    /// use this numbering only as the last resort.
    pub fn claim(&mut self, preferred: &str) -> String {
        if self.taken.insert(preferred.to_owned()) {
            return preferred.to_owned();
        }
        // `self_` numbers as `self_2`, not `self__2` (which is not snake case).
        let base = preferred
            .strip_prefix("r#")
            .unwrap_or(preferred)
            .trim_end_matches('_');
        let snake = base.starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
        (2..)
            .map(|n| {
                if snake {
                    format!("{base}_{n}")
                } else {
                    format!("{base}{n}")
                }
            })
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_names() {
        assert_eq!(
            snake_case("Upload virtual background files"),
            "upload_virtual_background_files"
        );
        assert_eq!(snake_case("accountId"), "account_id");
        assert_eq!(snake_case("type"), "r#type");
        assert_eq!(snake_case("self"), "self_");
        assert_eq!(snake_case("2fa"), "n2fa");
        assert_eq!(snake_case("@odata.type"), "odata_type");
        assert_eq!(snake_case(""), "value");
        assert_eq!(snake_case("x-rate-limit"), "x_rate_limit");
        assert_eq!(snake_case("POST  /accounts SEK"), "post_accounts_sek");
    }

    #[test]
    fn camel_names() {
        assert_eq!(
            upper_camel_case("meetings/{meeting Id}"),
            "MeetingsMeetingId"
        );
        assert_eq!(upper_camel_case("Self"), "Self_");
        assert_eq!(upper_camel_case("1ancAirlineCode"), "N1ancAirlineCode");
        assert_eq!(upper_camel_case("!!"), "Value");
    }

    #[test]
    fn idents_parse() {
        for name in ["type", "self", "Self", "crate", "gen", "2fa", "", "ünïcode"] {
            let text = snake_case(name);
            let _ = ident(&text);
            let text = upper_camel_case(name);
            let _ = ident(&text);
        }
    }

    #[test]
    fn module_names_are_portable_file_names() {
        assert_eq!(module_name("../../etc"), "etc");
        assert_eq!(module_name("/abs"), "abs");
        assert_eq!(module_name("a\\b"), "a_b");
        assert_eq!(module_name("CON"), "con_");
        assert_eq!(module_name("Lpt1"), "lpt1_");
        assert_eq!(module_name("com 1"), "com_1");
        assert_eq!(module_name("Type"), "type_");
        assert_eq!(module_name("self"), "self_");
        assert_eq!(module_name(""), "value");
        assert_eq!(module_name("名前"), "value");
        for name in ["type", "CON", "../x", "2fa", "", "nul.txt", "Self"] {
            let module = module_name(name);
            assert!(
                module
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{name:?} → {module:?}"
            );
            assert!(!is_windows_device_name(&module), "{name:?} → {module:?}");
            // It is a plain identifier: `mod {module};` parses.
            let file = format!("mod {module};");
            assert!(syn::parse_file(&file).is_ok(), "{file}");
        }
    }

    #[test]
    fn scope_numbers_only_on_collision() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("id"), "id");
        assert_eq!(scope.claim("id"), "id_2");
        assert_eq!(scope.claim("Body"), "Body");
        assert_eq!(scope.claim("Body"), "Body2");
        assert_eq!(scope.claim("r#type"), "r#type");
        assert_eq!(scope.claim("r#type"), "type_2");
        assert_eq!(scope.claim("self_"), "self_");
        assert_eq!(scope.claim("self_"), "self_2");
    }
}
