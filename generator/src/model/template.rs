//! `{{variable}}` templates in URLs: splitting text into literals and variables.

/// A piece of templated text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Literal text.
    Literal(&'a str),
    /// A `{{name}}` reference (name trimmed).
    Variable(&'a str),
}

/// Splits `text` at `{{…}}` references. An unclosed `{{` stays literal.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}") else {
            break;
        };
        if open > 0 {
            out.push(Piece::Literal(&rest[..open]));
        }
        out.push(Piece::Variable(rest[open + 2..open + 2 + close].trim()));
        rest = &rest[open + 2 + close + 2..];
    }
    if !rest.is_empty() {
        out.push(Piece::Literal(rest));
    }
    out
}

/// Replaces every `{{name}}` whose value `lookup` knows; `None` if any is unknown.
pub fn substitute(text: &str, lookup: impl Fn(&str) -> Option<String>) -> Option<String> {
    pieces(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Literal(text) => Some(text.to_owned()),
            Piece::Variable(name) => lookup(name),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_templates() {
        assert_eq!(
            pieces("{{base}}...{{ head }}"),
            [
                Piece::Variable("base"),
                Piece::Literal("..."),
                Piece::Variable("head")
            ]
        );
        assert_eq!(pieces("users"), [Piece::Literal("users")]);
        assert_eq!(pieces("a{{b"), [Piece::Literal("a{{b")]);
        assert_eq!(pieces(""), []);
    }

    #[test]
    fn substitutes_known_variables() {
        let lookup = |name: &str| (name == "baseUrl").then(|| "https://x".to_owned());
        assert_eq!(
            substitute("{{baseUrl}}/v2", lookup).as_deref(),
            Some("https://x/v2")
        );
        assert_eq!(substitute("{{other}}", lookup), None);
    }
}
