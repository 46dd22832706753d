//! What a generated error enum is written with: `api_error!`, its `ApiError` impl from its
//! statuses and variants and its `DOCUMENTED` table from the codes each status documents; a
//! line or two per enum, and a line or so per code, in place of a written-out impl and table
//! (BENCHMARKS.md, issue 20).

use super::*;

/// `api_error!(GetRepoError { 403 => Forbidden, 404 => NotFound { "1001" => "Not found." } });`:
/// implements `ApiError` for the enum, each status read as its variant (which holds the
/// `ErrorBody`), any other status as `None`; and its `DOCUMENTED` table, a `DocumentedError`
/// for each `code => message` of each status, in order.
macro_rules! api_error {
    ($name:ident {
        $($status:literal => $variant:ident $({ $($code:literal => $message:literal),* $(,)? })?),*
        $(,)?
    }) => {
        impl $name {
            /// The documented `(status, code, message)` triples, as data.
            pub const DOCUMENTED: &'static [$crate::DocumentedError] = &[
                $($($($crate::DocumentedError {
                    status: $status,
                    code: $code,
                    message: $message,
                },)*)?)*
            ];
        }

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorBody;

    #[derive(Debug, PartialEq)]
    enum GetRepoError {
        BadRequest(ErrorBody),
        Forbidden(ErrorBody),
        NotFound(ErrorBody),
    }
    api_error!(GetRepoError {
        400 => BadRequest { "17" => "Bad sort.", "18" => "" },
        403 => Forbidden,
        404 => NotFound { "1001" => "Repository {repo} not found." },
    });

    #[derive(Debug, PartialEq)]
    enum DeleteRepoError {
        Conflict(ErrorBody),
    }
    api_error!(DeleteRepoError { 409 => Conflict });

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
    fn the_table_holds_each_status_codes_in_order() {
        let table: Vec<(u16, &str, &str)> = GetRepoError::DOCUMENTED
            .iter()
            .map(|error| (error.status, error.code, error.message))
            .collect();
        let expected = [
            (400, "17", "Bad sort."),
            (400, "18", ""),
            (404, "1001", "Repository {repo} not found."),
        ];
        assert_eq!(table, expected);
        assert!(DeleteRepoError::DOCUMENTED.is_empty());
    }
}
