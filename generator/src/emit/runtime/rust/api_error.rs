//! What a generated error enum is written with: `api_error!`, its `ApiError` impl from its
//! statuses and variants, and `documented`, its `DOCUMENTED` table from `(status, code,
//! message)` triples; a line or two per enum, and one per triple, in place of a written-out impl
//! and five lines per triple (BENCHMARKS.md, issue 20).

use super::*;

/// `api_error!(GetRepoError { 403 => Forbidden, 404 => NotFound });`: implements `ApiError`
/// for the enum, each status read as its variant (which holds the `ErrorBody`), any other
/// status as `None`.
macro_rules! api_error {
    ($name:ident { $($status:literal => $variant:ident),* $(,)? }) => {
        impl $crate::ApiError for $name {
            fn from_response(
                status: u16,
                body: $crate::ErrorBody,
            ) -> ::std::option::Option<Self> {
                match status {
                    $($status => ::std::option::Option::Some(Self::$variant(body)),)*
                    _ => ::std::option::Option::None,
                }
            }
        }
    };
}
pub(crate) use api_error;

/// An error enum's `DOCUMENTED` table, from its triples:
/// `pub const DOCUMENTED: &'static [DocumentedError] = &documented([(404, "1001", "…")]);`.
pub(crate) const fn documented<const N: usize>(
    triples: [(u16, &'static str, &'static str); N],
) -> [DocumentedError; N] {
    let empty = DocumentedError {
        status: 0,
        code: "",
        message: "",
    };
    let mut table = [empty; N];
    let mut i = 0;
    while i < N {
        let (status, code, message) = triples[i];
        table[i] = DocumentedError {
            status,
            code,
            message,
        };
        i += 1;
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorBody;

    #[derive(Debug, PartialEq)]
    enum GetRepoError {
        Forbidden(ErrorBody),
        NotFound(ErrorBody),
    }
    api_error!(GetRepoError { 403 => Forbidden, 404 => NotFound });

    impl GetRepoError {
        const DOCUMENTED: &'static [DocumentedError] =
            &documented([(403, "", ""), (404, "1001", "Repository {repo} not found.")]);
    }

    #[test]
    fn each_documented_status_is_its_variant() {
        let body = || ErrorBody::from(b"{}".to_vec());
        let found = GetRepoError::from_response(404, body());
        assert_eq!(found, Some(GetRepoError::NotFound(body())));
        let forbidden = GetRepoError::from_response(403, body());
        assert_eq!(forbidden, Some(GetRepoError::Forbidden(body())));
        assert_eq!(GetRepoError::from_response(500, body()), None);
    }

    #[test]
    fn the_table_holds_the_triples_in_order() {
        let table = GetRepoError::DOCUMENTED;
        assert_eq!(table.len(), 2);
        assert_eq!((table[0].status, table[0].code), (403, ""));
        let last = DocumentedError {
            status: 404,
            code: "1001",
            message: "Repository {repo} not found.",
        };
        assert_eq!(table[1], last);
    }
}
