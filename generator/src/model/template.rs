//! `{{variable}}` templates in URLs, headers and bodies: splitting text into literals and
//! variables, and telling Postman's dynamic variables (`{{$guid}}`) from the user's.

/// A piece of templated text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Literal text.
    Literal(&'a str),
    /// A `{{name}}` reference (name trimmed). A nested reference (`{{hello_{{var}}}}`) is one
    /// variable, `hello_{{var}}`: Postman resolves the inner one first, so the whole names one
    /// value.
    Variable(&'a str),
}

/// Splits `text` at `{{…}}` references, nested ones whole. An unclosed `{{` stays literal.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = closing(&rest[open + 2..]) else {
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

/// Where the `}}` that closes a `{{` is in `text` (the text after that `{{`), counting nested
/// pairs.
fn closing(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if rest.starts_with("{{") {
            depth += 1;
            at += 2;
        } else if rest.starts_with("}}") {
            if depth == 0 {
                return Some(at);
            }
            depth -= 1;
            at += 2;
        } else {
            at += rest.chars().next()?.len_utf8();
        }
    }
    None
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

/// One of Postman's dynamic variables that the generated client computes on each call.
///
/// Postman documents many more (`$randomFirstName`, `$randomCity`, … from a fake-data
/// library); those stay ordinary values the caller passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dynamic {
    /// `$guid`: a UUID v4.
    Guid,
    /// `$randomUUID`: a UUID v4.
    RandomUuid,
    /// `$timestamp`: the Unix time in seconds.
    Timestamp,
    /// `$isoTimestamp`: the current time in UTC, `2020-06-09T21:10:36.177Z`.
    IsoTimestamp,
    /// `$randomInt`: an integer from 0 to 1000.
    RandomInt,
    /// `$randomBoolean`: `true` or `false`.
    RandomBoolean,
    /// `$randomAlphaNumeric`: one character of `a-z0-9`.
    RandomAlphaNumeric,
    /// `$randomHexColor`: `#` and six hex digits.
    RandomHexColor,
}

impl Dynamic {
    /// Every variable, in a stable order.
    pub const ALL: [Dynamic; 8] = [
        Dynamic::Guid,
        Dynamic::RandomUuid,
        Dynamic::Timestamp,
        Dynamic::IsoTimestamp,
        Dynamic::RandomInt,
        Dynamic::RandomBoolean,
        Dynamic::RandomAlphaNumeric,
        Dynamic::RandomHexColor,
    ];

    /// The variable named `name` (with its `$`), if the client computes it.
    pub fn named(name: &str) -> Option<Dynamic> {
        Self::ALL.into_iter().find(|d| d.name() == name)
    }

    /// Its name in Postman, with the `$`.
    pub fn name(self) -> &'static str {
        match self {
            Dynamic::Guid => "$guid",
            Dynamic::RandomUuid => "$randomUUID",
            Dynamic::Timestamp => "$timestamp",
            Dynamic::IsoTimestamp => "$isoTimestamp",
            Dynamic::RandomInt => "$randomInt",
            Dynamic::RandomBoolean => "$randomBoolean",
            Dynamic::RandomAlphaNumeric => "$randomAlphaNumeric",
            Dynamic::RandomHexColor => "$randomHexColor",
        }
    }

    /// Whether it draws random bytes (from a UUID v4, so the `uuid` crate is the one source).
    pub fn is_random(self) -> bool {
        !matches!(self, Dynamic::Timestamp | Dynamic::IsoTimestamp)
    }
}

/// A value made of literal text and dynamic variables only (`{{$guid}}`,
/// `order-{{$timestamp}}`), computed on each call unless the caller passes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The pieces, in order.
    pub pieces: Vec<GeneratedPiece>,
}

/// A piece of a [`Generated`] value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeneratedPiece {
    /// Literal text.
    Literal(String),
    /// A dynamic variable.
    Dynamic(Dynamic),
}

impl Generated {
    /// `text` as a generated value, when it holds at least one dynamic variable the client
    /// computes and no other variable.
    pub fn parse(text: &str) -> Option<Generated> {
        let mut any = false;
        let pieces = pieces(text)
            .into_iter()
            .map(|piece| match piece {
                Piece::Literal(text) => Some(GeneratedPiece::Literal(text.to_owned())),
                Piece::Variable(name) => {
                    any = true;
                    Dynamic::named(name).map(GeneratedPiece::Dynamic)
                }
            })
            .collect::<Option<Vec<_>>>()?;
        any.then_some(Generated { pieces })
    }

    /// The value as the collection writes it (`order-{{$timestamp}}`).
    pub fn text(&self) -> String {
        self.pieces
            .iter()
            .map(|piece| match piece {
                GeneratedPiece::Literal(text) => text.clone(),
                GeneratedPiece::Dynamic(dynamic) => format!("{{{{{}}}}}", dynamic.name()),
            })
            .collect()
    }

    /// The dynamic variables it uses.
    pub fn variables(&self) -> impl Iterator<Item = Dynamic> + '_ {
        self.pieces.iter().filter_map(|piece| match piece {
            GeneratedPiece::Dynamic(dynamic) => Some(*dynamic),
            GeneratedPiece::Literal(_) => None,
        })
    }
}

/// The dynamic variables the client computes that `text` names, in order of appearance.
pub fn dynamic_variables(text: &str) -> Vec<Dynamic> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{$") {
        rest = &rest[open + 2..];
        let Some(close) = rest.find("}}") else { break };
        if let Some(dynamic) = Dynamic::named(rest[..close].trim()) {
            found.push(dynamic);
        }
        rest = &rest[close + 2..];
    }
    found
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
    fn a_nested_template_is_one_variable() {
        assert_eq!(
            pieces("{{hello_{{var}}}}"),
            [Piece::Variable("hello_{{var}}")]
        );
        assert_eq!(
            pieces("a{{x{{y}}z}}b{{c}}"),
            [
                Piece::Literal("a"),
                Piece::Variable("x{{y}}z"),
                Piece::Literal("b"),
                Piece::Variable("c")
            ]
        );
        // Unbalanced: the inner pair closes, the outer stays literal.
        assert_eq!(pieces("{{a{{b}}"), [Piece::Literal("{{a{{b}}")]);
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

    #[test]
    fn generated_values_hold_only_dynamic_variables() {
        assert_eq!(
            Generated::parse("order-{{$timestamp}}"),
            Some(Generated {
                pieces: vec![
                    GeneratedPiece::Literal("order-".to_owned()),
                    GeneratedPiece::Dynamic(Dynamic::Timestamp)
                ]
            })
        );
        assert!(Generated::parse("{{$guid}}").is_some());
        assert_eq!(Generated::parse("plain"), None);
        assert_eq!(Generated::parse("{{$guid}}-{{user}}"), None);
        assert_eq!(Generated::parse("{{$randomFirstName}}"), None);
        assert_eq!(
            dynamic_variables(r#"{"a": "{{$guid}}", "b": "{{x}}", "c": {{$randomInt}}}"#),
            [Dynamic::Guid, Dynamic::RandomInt]
        );
    }
}
