//! `path_of!`: a request's path, each parameter's value encoded as exactly one path segment.

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

/// A piece of a request's path: text as the collection writes it, or a parameter's value.
pub(crate) enum Piece<'a> {
    Text(&'static str),
    Param(&'a str),
}

/// `path_of!("/repos/", owner, "/", repo)`: the path of a request, text as written and each
/// parameter (a `&str`) encoded as one segment, or the `Error::InvalidRequest` of the first
/// that cannot be one. `Client::request` takes it as it is and keeps the error.
/// `path_of!("/users")`, text alone, is that text: no encoding, nothing that can fail.
macro_rules! path_of {
    ($text:literal $(,)?) => {
        ::std::result::Result::Ok(::std::string::String::from($text))
    };
    (@piece $text:literal) => {
        $crate::runtime::Piece::Text($text)
    };
    (@piece $param:ident) => {
        $crate::runtime::Piece::Param($param)
    };
    ($($piece:tt),+ $(,)?) => {
        $crate::runtime::join_path(&[$($crate::runtime::path_of!(@piece $piece)),+])
    };
}
pub(crate) use path_of;

/// The path of `pieces`: what `path_of!` expands to.
pub(crate) fn join_path(pieces: &[Piece<'_>]) -> BuiltPath {
    let mut path = ::std::string::String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => path.push_str(text),
            Piece::Param(value) => path.push_str(&segment(value)?),
        }
    }
    ::std::result::Result::Ok(path)
}

/// `value` percent-encoded as exactly one path segment: `a/../b?x#y` → `a%2F..%2Fb%3Fx%23y`.
///
/// `.` and `..` are refused: URL parsers (reqwest's included) resolve them, encoded or
/// not, so the request would go to another path.
fn segment(value: &str) -> ::std::result::Result<::std::string::String, Error<Undocumented>> {
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
        let encoded = segment("a/../b?x#y z%").unwrap();
        assert_eq!(encoded, "a%2F..%2Fb%3Fx%23y%20z%25");
        assert_eq!(segment("-._~!*'():@").unwrap(), "-._~!*'():@");
        assert_eq!(segment("é").unwrap(), "%C3%A9");
    }

    #[test]
    fn dot_segments_are_refused() {
        for value in [".", ".."] {
            match segment(value) {
                Err(Error::InvalidRequest(message)) => assert!(message.contains("relative path")),
                other => panic!("{value:?} gave {other:?}"),
            }
        }
        assert_eq!(segment("...").unwrap(), "...");
    }

    #[test]
    fn a_path_is_its_text_and_its_parameters_each_one_segment() {
        let (owner, repo) = ("a/b", "c d");
        let path = path_of!("/repos/", owner, "/", repo, "/pulls").unwrap();
        assert_eq!(path, "/repos/a%2Fb/c%20d/pulls");
        let text: BuiltPath = path_of!("/users/{id}%2F..");
        assert_eq!(
            text.unwrap(),
            "/users/{id}%2F..",
            "text alone is sent as written"
        );
        let dots = "..";
        match path_of!("/repos/", owner, "/", dots) {
            Err(Error::InvalidRequest(message)) => assert!(message.contains(r#"".."#)),
            other => panic!("{other:?}"),
        }
    }
}
