//! One `*.example.yaml` file → an [`Example`]: `name`, and `response` with `statusCode`,
//! `statusText`, `headers` and `body: {type, content}`. The saved request (`request`) is
//! v2.1's `originalRequest`, which the generator does not use.

use super::fields::{Obj, Problem};
use super::request::is_json;
use crate::load::collection::Example;

/// The example in `doc`; `stem` names it when it has no `name`.
pub(super) fn example(doc: &Obj<'_>, stem: &str) -> Result<Example, Problem> {
    let name = doc.opt_text("name")?.unwrap_or_else(|| stem.to_owned());
    let Some(response) = doc.opt_object("response")? else {
        return Err(doc.problem(
            "has no `response`, so there is nothing to learn from it; give it a `response` with `statusCode` and `body`, or delete the file",
        ));
    };
    let code = match response.get("statusCode") {
        None => None,
        Some(value) => match value.number()? {
            None => None,
            Some(number) => Some(status_code(number).ok_or_else(|| {
                value.problem(format!("is {number}, which is not an HTTP status code"))
            })?),
        },
    };
    let headers = response
        .get("headers")
        .map_or(Ok(Vec::new()), |headers| headers.key_values())?;
    let (body, language) = match response.opt_object("body")? {
        Some(body) => (
            body.get("content")
                .and_then(|content| content.text_or_json()),
            body.opt_text("type")?,
        ),
        None => (None, None),
    };
    // Real files label JSON bodies `text`; what they hold decides, unless a Content-Type
    // header says the body is something else.
    let content_type = headers
        .iter()
        .find(|header| header.key.eq_ignore_ascii_case("content-type"))
        .and_then(|header| header.value.as_deref());
    let preview_language = match language {
        Some(language)
            if language == "text"
                && content_type.is_none_or(|ct| ct.contains("json"))
                && body.as_deref().is_some_and(is_json) =>
        {
            Some("json".to_owned())
        }
        other => other,
    };
    Ok(Example {
        name,
        code,
        status: response.opt_text("statusText")?,
        headers,
        body,
        preview_language,
    })
}

fn status_code(number: f64) -> Option<u16> {
    // Whole numbers only: `200.5` is not a status.
    let whole = (number.fract() == 0.0 && (0.0..=f64::from(u16::MAX)).contains(&number))
        .then_some(number)?;
    // In range and whole, so the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Some(whole as u16)
}
