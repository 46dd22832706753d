//! JSON pointer → line and column, for error messages. serde_json's `Value` keeps no positions,
//! so the text is parsed a second time with jsonc-parser, whose AST has byte ranges. That costs
//! a full parse, which is why it runs only on the error path.

use jsonc_parser::ast::{ObjectProp, Value as AstValue};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

use super::fields::pointer_tokens;

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where the value at `pointer` starts. When the pointer leads nowhere (the value is missing),
/// the deepest value on its way is given instead, which is where the missing part belongs.
pub(super) fn locate_value(text: &str, pointer: &str) -> Option<Position> {
    locate(text, pointer, false)
}

/// Where the property name of the member at `pointer` starts (e.g. the `"items"` of
/// `"items": […]`), which reads better than the value when the key itself is the problem.
pub(super) fn locate_key(text: &str, pointer: &str) -> Option<Position> {
    locate(text, pointer, true)
}

fn locate(text: &str, pointer: &str, want_key: bool) -> Option<Position> {
    let parsed = parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default()).ok()?;
    let mut current = parsed.value.as_ref()?;
    let mut offset = current.start();
    for token in pointer_tokens(pointer) {
        let next = match current {
            // serde_json keeps the last of duplicate keys, so the last one is the one read.
            AstValue::Object(object) => object
                .properties
                .iter()
                .rev()
                .find(|prop| prop.name.as_str() == token)
                .map(|prop| {
                    offset = if want_key {
                        prop_name_start(prop)
                    } else {
                        prop.value.start()
                    };
                    &prop.value
                }),
            AstValue::Array(array) => token
                .parse::<usize>()
                .ok()
                .and_then(|index| array.elements.get(index))
                .inspect(|element| {
                    offset = element.start();
                }),
            _ => None,
        };
        match next {
            Some(value) => current = value,
            None => break,
        }
    }
    Some(position_of(text, offset))
}

fn prop_name_start(prop: &ObjectProp<'_>) -> usize {
    prop.name.start()
}

/// Converts a byte offset to a 1-based line and a 1-based column counted in characters.
pub(super) fn position_of(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"a\": {\n    \"b/c\": [10, {\"d\": true}]\n  }\n}";

    #[test]
    fn finds_values_and_keys() {
        assert_eq!(
            locate_value(TEXT, ""),
            Some(Position { line: 1, column: 1 })
        );
        assert_eq!(
            locate_value(TEXT, "/a"),
            Some(Position { line: 2, column: 8 })
        );
        assert_eq!(
            locate_value(TEXT, "/a/b~1c/1/d"),
            Some(Position {
                line: 3,
                column: 23
            })
        );
        assert_eq!(
            locate_key(TEXT, "/a/b~1c"),
            Some(Position { line: 3, column: 5 })
        );
    }

    #[test]
    fn missing_member_points_at_its_parent() {
        assert_eq!(
            locate_value(TEXT, "/a/nope"),
            Some(Position { line: 2, column: 8 })
        );
        assert_eq!(
            locate_value(TEXT, "/a/b~1c/7"),
            Some(Position {
                line: 3,
                column: 12
            })
        );
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(
            position_of("{\"é\": 1}", 7),
            Position { line: 1, column: 7 }
        );
    }
}
