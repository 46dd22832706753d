//! Error codes documented in example names, as Zoom writes them:
//! ``**HTTP Status Code:** `404` <br>\n**Error Code:** `1001`<br>\nUser does not exist.``

/// An application error code documented for one HTTP status of an operation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocumentedError {
    /// The HTTP status of the example that documents it.
    pub status: u16,
    /// The error code as written, e.g. `120`.
    pub code: String,
    /// The message that follows the code, markup removed; may be empty.
    pub message: String,
}

const ERROR_CODE: &str = "**Error Code:**";
const HTTP_STATUS: &str = "**HTTP Status Code:**";

/// Every `(code, message)` pair documented in one example name, in order.
///
/// A name may list several codes; each message runs until the next code or status marker.
pub fn parse_error_codes(name: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = name;
    while let Some(start) = rest.find(ERROR_CODE) {
        rest = &rest[start + ERROR_CODE.len()..];
        let Some((code, after)) = backticked(rest) else {
            continue;
        };
        let end = [after.find(ERROR_CODE), after.find(HTTP_STATUS)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(after.len());
        found.push((code.to_owned(), clean_message(&after[..end])));
        rest = &after[end..];
    }
    found
}

/// Splits `` `120` rest`` into `("120", " rest")`, allowing leading white space.
fn backticked(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start().strip_prefix('`')?;
    let close = text.find('`')?;
    let code = text[..close].trim();
    (!code.is_empty()).then(|| (code, &text[close + 1..]))
}

/// Markdown and `<br>` removed, white space folded to single spaces.
fn clean_message(text: &str) -> String {
    let text = text.replace("<br>", " ").replace("**", "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_code_with_status_prefix() {
        let name = "**HTTP Status Code:** `400` **Bad Request** <br>\n**Error Code:** `120`<br>\nNo file uploaded. Verify that a file has been uploaded.<br>\nFile size cannot exceed 15M.";
        assert_eq!(
            parse_error_codes(name),
            vec![(
                "120".to_owned(),
                "No file uploaded. Verify that a file has been uploaded. File size cannot exceed 15M."
                    .to_owned()
            )]
        );
    }

    #[test]
    fn several_codes_in_one_name() {
        let name = "**HTTP Status Code:** `404`<br>\nMeeting recording not found.<br>\n**Error Code:** `1001`<br>\nUser {userId} does not exist or does not belong to this account.<br>\n**Error Code:** `3301`<br>\nThere is no recording for this meeting.";
        let codes = parse_error_codes(name);
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[0].0, "1001");
        assert_eq!(
            codes[0].1,
            "User {userId} does not exist or does not belong to this account."
        );
        assert_eq!(
            codes[1],
            (
                "3301".to_owned(),
                "There is no recording for this meeting.".to_owned()
            )
        );
    }

    #[test]
    fn message_stops_at_a_status_marker() {
        let name = "**Error Code:** `200` <br>\nYou do not have the right permissions.\n**HTTP Status Code:** `200`<br>\nRecording object returned.<br>\n";
        assert_eq!(
            parse_error_codes(name),
            vec![(
                "200".to_owned(),
                "You do not have the right permissions.".to_owned()
            )]
        );
    }

    #[test]
    fn names_without_codes() {
        assert!(parse_error_codes("**HTTP Status Code:** `204`<br>\nDeleted.").is_empty());
        assert!(parse_error_codes("OK").is_empty());
        assert!(parse_error_codes("**Error Code:** no backticks").is_empty());
        assert!(parse_error_codes("**Error Code:** `unterminated").is_empty());
        assert!(parse_error_codes("").is_empty());
    }
}
