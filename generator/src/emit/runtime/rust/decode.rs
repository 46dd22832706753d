//! `Decoder<T>` and the stock decoders of success bodies. `json`, `text` and `bytes` are in every
//! client (custom requests use them); the others only when some operation does.

/// Turns a success response (2xx status and body) into an operation's result. `None` means
/// the status is not one the operation knows (→ `Error::UnexpectedStatus`); `Some(Err(_))`
/// means the body does not match (→ `Error::Decode`).
pub(crate) type Decoder<T> =
    fn(u16, &[u8]) -> ::std::option::Option<::std::result::Result<T, ::serde_json::Error>>;

/// Decodes a JSON body, whatever the 2xx status.
pub(crate) fn json<T: ::serde::de::DeserializeOwned>(
    _status: u16,
    body: &[u8],
) -> ::std::option::Option<::std::result::Result<T, ::serde_json::Error>> {
    ::std::option::Option::Some(::serde_json::from_slice(body))
}

/// Decodes a JSON body, or `None` when the body is empty or only whitespace.
pub(crate) fn json_or_empty<T: ::serde::de::DeserializeOwned>(
    _status: u16,
    body: &[u8],
) -> ::std::option::Option<::std::result::Result<::std::option::Option<T>, ::serde_json::Error>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        ::std::option::Option::Some(::std::result::Result::Ok(::std::option::Option::None))
    } else {
        ::std::option::Option::Some(::serde_json::from_slice(body).map(::std::option::Option::Some))
    }
}

/// Ignores the body.
pub(crate) fn empty(
    _status: u16,
    _body: &[u8],
) -> ::std::option::Option<::std::result::Result<(), ::serde_json::Error>> {
    ::std::option::Option::Some(::std::result::Result::Ok(()))
}

/// The body as text (invalid UTF-8 replaced).
pub(crate) fn text(
    _status: u16,
    body: &[u8],
) -> ::std::option::Option<::std::result::Result<::std::string::String, ::serde_json::Error>> {
    ::std::option::Option::Some(::std::result::Result::Ok(
        ::std::string::String::from_utf8_lossy(body).into_owned(),
    ))
}

/// The body as it is.
pub(crate) fn bytes(
    _status: u16,
    body: &[u8],
) -> ::std::option::Option<::std::result::Result<::std::vec::Vec<u8>, ::serde_json::Error>> {
    ::std::option::Option::Some(::std::result::Result::Ok(body.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_decodes_whatever_the_status() {
        let decode: Decoder<Vec<u8>> = json;
        assert_eq!(decode(201, b"[1, 2]").unwrap().unwrap(), [1, 2]);
        assert!(decode(200, b"{}").unwrap().is_err());
    }

    #[test]
    fn json_or_empty_takes_whitespace_for_no_body() {
        let decode: Decoder<Option<u8>> = json_or_empty;
        assert_eq!(decode(200, b" \r\n").unwrap().unwrap(), None);
        assert_eq!(decode(200, b"7").unwrap().unwrap(), Some(7));
        assert!(decode(200, b"x").unwrap().is_err());
    }

    #[test]
    fn text_replaces_invalid_utf8_and_empty_ignores_the_body() {
        assert_eq!(text(200, b"caf\xE9").unwrap().unwrap(), "caf\u{FFFD}");
        assert!(empty(204, b"ignored").unwrap().is_ok());
        assert_eq!(bytes(200, b"\xFF").unwrap().unwrap(), b"\xFF");
    }
}
