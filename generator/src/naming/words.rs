//! The words of a title or a key, as a person would write them in an identifier.
//!
//! Item and folder titles are prose: `Update the user's password`, `List Fastly's public IPs`,
//! `Update a H.323/SIP device`, sometimes with an HTML link in them. Splitting them at every
//! capital and punctuation mark, as a case-conversion crate does, gives `user_s`, `i_ps` and
//! `h_323`. Here, words are found the way a reader finds them:
//!
//! - markup carries no words: HTML tags and entities, URLs and Markdown link targets are removed
//!   (the text of a link stays);
//! - a possessive belongs to its noun: `user's` → `user`, `users'` → `users`, `don't` → `dont`;
//! - a short piece between capitals is not a word of its own: `QoS`, `IdP`, `VoIP`, `DocX`,
//!   `OAuth`, `iOS`, `IPv4`; neither is the `s` of a plural acronym (`IPs`, `APIs`, `IDs`) nor a
//!   number's unit (`50KB`, `2FA`); `H.323`, `X.509` and `Q&A` are one word;
//! - everything else splits as usual: at spaces and punctuation, between a lower-case letter and
//!   a capital (`BusinessUnit` → `Business Unit`), before the capital that starts a word after an
//!   acronym (`HTTPServer` → `HTTP Server`), between a digit and a capital (`v2Users`).
//!
//! Words keep the case they were written in, so callers can tell `A` (a letter) from `a` (an
//! article); [`snake`] and [`camel`] join them.

/// The words of an item or folder title: markup and URLs removed, possessives folded, acronyms
/// kept whole. A title that is nothing but a URL keeps the words of the URL.
pub fn title_words(title: &str) -> Vec<String> {
    let words = words(&without_markup(title));
    if words.is_empty() {
        self::words(title)
    } else {
        words
    }
}

/// `title` without its parenthesized asides (`Onboarding APIs (Limited Release)` → `Onboarding
/// APIs`), or `None` when it has none or is nothing else.
pub fn without_asides(title: &str) -> Option<String> {
    let mut out = String::with_capacity(title.len());
    let mut depth = 0usize;
    for ch in title.chars() {
        match ch {
            '(' => depth += 1,
            ')' if depth > 0 => {
                depth -= 1;
                out.push(' ');
            }
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    let changed = out.trim() != title.trim();
    (changed && !words(&without_markup(&out)).is_empty()).then_some(out)
}

/// The words of a JSON key or parameter name (`userIDs` → `user IDs`, `QoS` → `QoS`); no markup
/// is removed, since a key that looks like a URL is still the key.
pub fn key_words(key: &str) -> Vec<String> {
    words(key)
}

/// `words` lower-cased and joined by `_`: `["List", "IPs"]` → `list_ips`. Not yet an identifier
/// (see [`crate::naming::snake_ident`]).
pub fn snake(words: &[String]) -> String {
    words
        .iter()
        .map(|word| word.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// `words` each capitalized and joined: `["meeting", "QoS"]` → `MeetingQos`.
#[cfg(test)]
pub fn camel(words: &[String]) -> String {
    let mut out = String::new();
    for word in words {
        let lower = word.to_ascii_lowercase();
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out
}

/// Words of plain text (no markup left).
fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for chunk in chunks(text) {
        words.extend(chunk_words(&chunk));
    }
    words
}

/// `text` with its markup replaced by spaces.
fn without_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        match markup_len(rest) {
            Some(len) => {
                let markup = &rest[..len];
                // An entity for an apostrophe still makes a possessive.
                let apostrophe = ["&#39;", "&apos;", "&rsquo;", "&#x27;", "&#8217;"]
                    .iter()
                    .any(|entity| markup.eq_ignore_ascii_case(entity));
                out.push(if apostrophe { '\'' } else { ' ' });
                rest = &rest[len..];
            }
            None => {
                out.push(ch);
                rest = &rest[ch.len_utf8()..];
            }
        }
    }
    out
}

/// The length of the markup `text` starts with, if it does: an HTML tag or comment, an HTML
/// entity, a URL, or the `](target)` of a Markdown link.
fn markup_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    match bytes.first()? {
        b'<' if bytes
            .get(1)
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!')) =>
        {
            text.find('>').map(|end| end + 1)
        }
        b'&' => {
            let end = text.find(';')?;
            let name = &text[1..end];
            let is_entity = (2..=8).contains(&name.len())
                && (name.chars().all(|c| c.is_ascii_alphabetic())
                    || name.strip_prefix('#').is_some_and(|code| {
                        !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric())
                    }));
            is_entity.then_some(end + 1)
        }
        b']' if text.starts_with("](") => text.find(')').map(|end| end + 1),
        _ => {
            let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
            let is_url = ["http://", "https://", "ftp://", "www."]
                .iter()
                .any(|scheme| lower.starts_with(scheme));
            is_url.then(|| {
                text.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
                    .unwrap_or(text.len())
            })
        }
    }
}

fn is_apostrophe(ch: char) -> bool {
    matches!(ch, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

/// Runs of ASCII letters and digits, with possessives folded and `H.323` and `Q&A` joined; `+` is the word
/// `plus` (so `+1` and `-1` stay apart). Other characters, non-ASCII letters included, break
/// words: transliterating is out of scope, and identifiers stay ASCII.
fn chunks(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut chunks = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, chunks: &mut Vec<String>| {
        if !current.is_empty() {
            chunks.push(std::mem::take(current));
        }
    };
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        let next = chars.get(i + 1).copied();
        let after = chars.get(i + 2).copied();
        let after_letter = current.ends_with(|c: char| c.is_ascii_alphabetic());
        if ch.is_ascii_alphanumeric() {
            current.push(ch);
        } else if is_apostrophe(ch) && after_letter {
            match next {
                // `user's`: the noun alone.
                Some('s' | 'S') if !after.is_some_and(|c| c.is_ascii_alphanumeric()) => i += 1,
                // `don't`: one word.
                Some(c) if c.is_ascii_alphabetic() => {}
                // `users'`, or a closing quote.
                _ => flush(&mut current, &mut chunks),
            }
        } else if ch == '.'
            && current.len() == 1
            && after_letter
            && next.is_some_and(|c| c.is_ascii_digit())
        {
            // `H.323`, `X.509`: a standard's name is one word.
        } else if ch == '&'
            && current.ends_with(|c: char| c.is_ascii_uppercase())
            && next.is_some_and(|c| c.is_ascii_uppercase())
        {
            // `Q&A`, `R&D`, `AT&T`: one word.
        } else if ch == '+' {
            flush(&mut current, &mut chunks);
            chunks.push("plus".to_owned());
        } else {
            flush(&mut current, &mut chunks);
        }
        i += 1;
    }
    flush(&mut current, &mut chunks);
    chunks
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Upper,
    Lower,
    Digit,
}

fn class(byte: u8) -> Class {
    if byte.is_ascii_uppercase() {
        Class::Upper
    } else if byte.is_ascii_lowercase() {
        Class::Lower
    } else {
        Class::Digit
    }
}

/// The words of one run of ASCII letters and digits.
fn chunk_words(chunk: &str) -> Vec<String> {
    let humps = humps(chunk);
    let mut words: Vec<String> = Vec::with_capacity(humps.len());
    for (index, hump) in humps.iter().enumerate() {
        let joins = words
            .last()
            .is_some_and(|last| joins_previous(last, hump, index + 1 == humps.len(), index));
        match words.last_mut() {
            Some(last) if joins => last.push_str(hump),
            _ => words.push((*hump).to_owned()),
        }
    }
    words
}

/// Splits a chunk where case-conversion crates do: `aB`, `1B`, and `ABc` (before the `B`), except
/// the `s` of a plural acronym (`APIs`), which stays with it.
fn humps(chunk: &str) -> Vec<&str> {
    let bytes = chunk.as_bytes();
    let mut humps = Vec::new();
    let mut start = 0;
    for i in 1..bytes.len() {
        let next = bytes.get(i + 1).map(|&b| class(b));
        let boundary = match (class(bytes[i - 1]), class(bytes[i])) {
            (Class::Lower | Class::Digit, Class::Upper) => true,
            (Class::Upper, Class::Upper) => next == Some(Class::Lower) && !plural_acronym(bytes, i),
            _ => false,
        };
        if boundary {
            humps.push(&chunk[start..i]);
            start = i;
        }
    }
    humps.push(&chunk[start..]);
    humps
}

/// Whether the capital at `i` ends an acronym of two or more capitals whose plural `s` follows
/// and ends the word (`IPs`, `APIs`, `IDsList`), rather than starting a word (`ASet`).
fn plural_acronym(bytes: &[u8], i: usize) -> bool {
    bytes[i - 1].is_ascii_uppercase()
        && bytes.get(i + 1) == Some(&b's')
        && !bytes.get(i + 2).is_some_and(u8::is_ascii_lowercase)
}

/// Whether `hump` (at `index` among the chunk's humps, `last` if it ends the chunk) belongs to
/// the word before it rather than starting one.
fn joins_previous(previous: &str, hump: &str, last: bool, index: usize) -> bool {
    let letters = |text: &str| text.bytes().filter(u8::is_ascii_alphabetic).count();
    let all_upper = |text: &str| {
        text.bytes().any(|b| b.is_ascii_alphabetic())
            && text.bytes().all(|b| !b.is_ascii_lowercase())
    };
    let capitalized = |text: &str| {
        let mut bytes = text.bytes();
        bytes.next().is_some_and(|b| b.is_ascii_uppercase())
            && bytes.next().is_some_and(|b| b.is_ascii_lowercase())
    };
    let starts_upper = previous.starts_with(|c: char| c.is_ascii_uppercase());
    // `50KB`, `2FA`: a number and its unit.
    let unit = previous.bytes().all(|b| b.is_ascii_digit()) && all_upper(hump);
    // `iOS`, `iDEAL`, `OAuth`, `OData`, `IPv4`: one letter before a word is its prefix.
    let prefix = index == 1
        && previous.len() == 1
        && ((previous.starts_with(|c: char| c.is_ascii_lowercase()) && all_upper(hump))
            || (starts_upper && capitalized(hump)));
    // `QoS`, `IdP`, `SaaS`, `DocX`, `VoIP`, `B2B`: short pieces between capitals.
    let short_tail = starts_upper
        && all_upper(hump)
        && hump.bytes().all(|b| b.is_ascii_alphabetic())
        && match letters(hump) {
            1 => last && letters(previous) <= 3,
            2 => letters(previous) <= 2,
            _ => false,
        };
    unit || prefix || short_tail
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snake_title(title: &str) -> String {
        snake(&title_words(title))
    }

    #[test]
    fn titles_from_the_issue() {
        let cases = [
            ("Update the user's password", "update_the_user_password"),
            ("List user's chat messages", "list_user_chat_messages"),
            ("Get meeting participant QoS", "get_meeting_participant_qos"),
            ("List Fastly's public IPs", "list_fastly_public_ips"),
            (
                "Delete multiple active rules from a WAF using MODSEC IDs",
                "delete_multiple_active_rules_from_a_waf_using_modsec_ids",
            ),
            ("Update a H.323/SIP device", "update_a_h323_sip_device"),
            (
                "Connected Path: Partner Referral APIs",
                "connected_path_partner_referral_apis",
            ),
            (
                "Get boilerplate VCL with the service's TTL from the <a href=\"/api/config#settings\">settings</a>",
                "get_boilerplate_vcl_with_the_service_ttl_from_the_settings",
            ),
            ("Authorize with OAuth", "authorize_with_oauth"),
            ("List iOS devices", "list_ios_devices"),
            ("Make an iDEAL payment", "make_an_ideal_payment"),
        ];
        for (title, expected) in cases {
            assert_eq!(snake_title(title), expected, "{title:?}");
        }
    }

    #[test]
    fn acronyms_and_inner_capitals() {
        let cases = [
            ("IdP", "idp"),
            ("SaaS", "saas"),
            ("VoIP calls", "voip_calls"),
            ("PDF from Doc, DocX", "pdf_from_doc_docx"),
            ("B2B", "b2b"),
            ("IPv4 and IPv6Address", "ipv4_and_ipv6_address"),
            ("File Upload (up to 50KB)", "file_upload_up_to_50kb"),
            ("2FA", "2fa"),
            ("X.509 certificate", "x509_certificate"),
            ("BusinessUnit", "business_unit"),
            ("SetCustomField", "set_custom_field"),
            ("HTTPServer", "http_server"),
            ("userIDs", "user_ids"),
            ("IDsList", "ids_list"),
            ("accountId", "account_id"),
            ("getID", "get_id"),
            ("GetID", "get_id"),
            ("pointX", "point_x"),
            ("ASet", "aset"),
            ("xAxis", "x_axis"),
            ("v2Users", "v2_users"),
            ("UTF8", "utf8"),
            ("USER_DATA", "user_data"),
            ("UIKlines", "ui_klines"),
            ("v1.2", "v1_2"),
            ("Get webinar Q&A report", "get_webinar_qa_report"),
            ("Tom & Jerry", "tom_jerry"),
        ];
        for (text, expected) in cases {
            assert_eq!(snake(&key_words(text)), expected, "{text:?}");
        }
    }

    #[test]
    fn possessives_and_quotes() {
        assert_eq!(snake_title("Get the users' groups"), "get_the_users_groups");
        assert_eq!(snake_title("Don't retry"), "dont_retry");
        assert_eq!(snake_title("Get ‘quoted’ name"), "get_quoted_name");
        assert_eq!(
            snake_title("List 'users' of it's group"),
            "list_users_of_it_group"
        );
        assert_eq!(snake_title("C++ & +1 / -1"), "c_plus_plus_plus_1_1");
    }

    #[test]
    fn markup_is_not_words() {
        assert_eq!(
            snake_title("See [the docs](https://example.com/a_b) now"),
            "see_the_docs_now"
        );
        assert_eq!(
            snake_title("Get info (https://api.example.com/v1/info)"),
            "get_info"
        );
        assert_eq!(
            snake_title("Tom &amp; Jerry&#39;s <b>show</b>"),
            "tom_jerry_show"
        );
        assert_eq!(snake_title("a < b & c > d"), "a_b_c_d");
        // A title that is only a URL keeps the URL's words.
        assert_eq!(
            snake_title("https://postman-echo.com/get"),
            "https_postman_echo_com_get"
        );
    }

    #[test]
    fn asides() {
        assert_eq!(
            without_asides("Onboarding APIs (Limited Release)").as_deref(),
            Some("Onboarding APIs  ")
        );
        assert_eq!(
            without_asides("Reverse (cancel or refund) a payment").as_deref(),
            Some("Reverse   a payment")
        );
        assert_eq!(without_asides("List users"), None);
        assert_eq!(without_asides("(deprecated)"), None);
    }

    #[test]
    fn camel_joins_lower_cased_words() {
        assert_eq!(camel(&key_words("meeting QoS")), "MeetingQos");
        assert_eq!(camel(&key_words("list IPs")), "ListIps");
        assert_eq!(camel(&[]), "");
    }
}
