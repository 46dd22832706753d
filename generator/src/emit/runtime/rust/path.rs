//! `segment`: a path parameter's value as exactly one encoded path segment.

use super::*;

/// Bytes encoded in a path segment: all but ALPHA, DIGIT and `-._~!*'():@`. So `/`, `?`,
/// `#`, `%`, `;`, `&`, `=`, `+`, space and controls are encoded (non-ASCII always is).
const SEGMENT: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b':')
    .remove(b'@');

/// `value` percent-encoded as exactly one path segment: `a/../b?x#y` → `a%2F..%2Fb%3Fx%23y`.
///
/// `.` and `..` are refused: URL parsers (reqwest's included) resolve them, encoded or
/// not, so the request would go to another path.
pub(crate) fn segment<E>(value: &str) -> ::std::result::Result<::std::string::String, Error<E>> {
    if value == "." || value == ".." {
        return ::std::result::Result::Err(Error::InvalidRequest(::std::format!(
            "the path parameter {value:?} cannot be sent: URLs resolve it as a relative path",
        )));
    }
    ::std::result::Result::Ok(::percent_encoding::utf8_percent_encode(value, SEGMENT).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_exactly_one_segment() {
        let encoded = segment::<()>("a/../b?x#y z%").unwrap();
        assert_eq!(encoded, "a%2F..%2Fb%3Fx%23y%20z%25");
        assert_eq!(segment::<()>("-._~!*'():@").unwrap(), "-._~!*'():@");
        assert_eq!(segment::<()>("é").unwrap(), "%C3%A9");
    }

    #[test]
    fn dot_segments_are_refused() {
        for value in [".", ".."] {
            match segment::<()>(value) {
                Err(Error::InvalidRequest(message)) => assert!(message.contains("relative path")),
                other => panic!("{value:?} gave {other:?}"),
            }
        }
        assert_eq!(segment::<()>("...").unwrap(), "...");
    }
}
