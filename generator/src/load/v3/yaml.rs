//! YAML text → a small tree whose every node knows its line and column.
//!
//! Built from saphyr-parser's event stream rather than by a recursive loader, so that nesting
//! is bounded ([`MAX_DEPTH`], as serde_json bounds the JSON reader) before anything recurses
//! over the tree. Scalars keep the text they were written as: whether `1.50`, `yes` or `~` is a
//! number, a flag or nothing depends on the field it is in, which the readers decide.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// Deepest nesting of lists and mappings accepted; Postman files use fewer than ten levels.
pub(super) const MAX_DEPTH: usize = 128;

/// Most nodes that aliases (`*name`) may copy in one file, against "billion laughs" input.
const MAX_ALIAS_NODES: usize = 100_000;

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    fn of(span: &Span) -> Self {
        Pos {
            line: span.start.line(),
            column: span.start.col() + 1,
        }
    }
}

/// One node and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Yaml {
    pub at: Pos,
    pub value: Value,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    /// A scalar as written, escapes resolved; `plain` when it had no quotes, no block style and
    /// no tag, the only form in which `null`, `true` or `3` are anything but text.
    Scalar { text: String, plain: bool },
    /// A sequence.
    List(Vec<Yaml>),
    /// A mapping, in file order; keys are unique (a repeated key is a syntax error).
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// Whether this is YAML's null: `~`, `null` or nothing, unquoted.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }
}

/// Why a file is not YAML, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SyntaxError {
    pub at: Pos,
    pub message: String,
}

/// Parses `text`, which must hold one YAML document; an empty file is a null document.
pub(super) fn parse(text: &str) -> Result<Yaml, SyntaxError> {
    let mut builder = Builder::default();
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|error| SyntaxError {
            at: Pos {
                line: error.marker().line(),
                column: error.marker().col() + 1,
            },
            message: error.info().to_owned(),
        })?;
        if builder.event(event, &span)? {
            break;
        }
    }
    Ok(builder.root.unwrap_or(Yaml {
        at: Pos { line: 1, column: 1 },
        value: Value::Scalar {
            text: String::new(),
            plain: true,
        },
    }))
}

/// A list or mapping still open, with its anchor.
#[derive(Debug)]
enum Open {
    List {
        at: Pos,
        anchor: usize,
        items: Vec<Yaml>,
    },
    Map {
        at: Pos,
        anchor: usize,
        entries: Vec<(String, Yaml)>,
        keys: HashSet<String>,
        /// The key read, waiting for its value.
        key: Option<(String, Pos)>,
    },
}

#[derive(Debug, Default)]
struct Builder {
    open: Vec<Open>,
    root: Option<Yaml>,
    anchors: HashMap<usize, Yaml>,
    alias_nodes: usize,
    documents: usize,
}

impl Builder {
    /// Takes one event; `true` once the first document is complete.
    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<bool, SyntaxError> {
        let at = Pos::of(span);
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(SyntaxError {
                        at,
                        message: "a second YAML document starts here (after `---`), but a Postman file holds one".to_owned(),
                    });
                }
            }
            Event::DocumentEnd => {}
            Event::StreamEnd => return Ok(true),
            Event::Nothing | Event::StreamStart => {}
            Event::Scalar(text, style, anchor, tag) => {
                let plain = style == ScalarStyle::Plain && tag.is_none();
                let node = Yaml {
                    at,
                    value: Value::Scalar {
                        text: text.into_owned(),
                        plain,
                    },
                };
                self.complete(node, anchor)?;
            }
            Event::Alias(anchor) => {
                let Some(node) = self.anchors.get(&anchor).cloned() else {
                    return Err(SyntaxError {
                        at,
                        message: "this alias names no anchor defined before it".to_owned(),
                    });
                };
                self.alias_nodes += count_nodes(&node);
                if self.alias_nodes > MAX_ALIAS_NODES {
                    return Err(SyntaxError {
                        at,
                        message: format!(
                            "aliases (`*name`) copy more than {MAX_ALIAS_NODES} values in this file"
                        ),
                    });
                }
                self.complete(Yaml { at, ..node }, 0)?;
            }
            Event::SequenceStart(anchor, _) => self.push(
                Open::List {
                    at,
                    anchor,
                    items: Vec::new(),
                },
                at,
            )?,
            Event::MappingStart(anchor, _) => self.push(
                Open::Map {
                    at,
                    anchor,
                    entries: Vec::new(),
                    keys: HashSet::new(),
                    key: None,
                },
                at,
            )?,
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.open.pop() {
                    Some(Open::List { at, anchor, items }) => (
                        Yaml {
                            at,
                            value: Value::List(items),
                        },
                        anchor,
                    ),
                    Some(Open::Map {
                        at,
                        anchor,
                        entries,
                        ..
                    }) => (
                        Yaml {
                            at,
                            value: Value::Map(entries),
                        },
                        anchor,
                    ),
                    None => return Ok(false),
                };
                self.complete(node, anchor)?;
            }
        }
        Ok(false)
    }

    fn push(&mut self, open: Open, at: Pos) -> Result<(), SyntaxError> {
        if self.open.len() >= MAX_DEPTH {
            return Err(SyntaxError {
                at,
                message: format!(
                    "lists and mappings nest more than {MAX_DEPTH} levels deep here, which no Postman file does"
                ),
            });
        }
        self.open.push(open);
        Ok(())
    }

    /// A finished node goes into the list or mapping that is open, or becomes the document.
    fn complete(&mut self, node: Yaml, anchor: usize) -> Result<(), SyntaxError> {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.open.last_mut() {
            None => self.root = Some(node),
            Some(Open::List { items, .. }) => items.push(node),
            Some(Open::Map {
                entries, keys, key, ..
            }) => match key.take() {
                Some((key, key_at)) => {
                    if !keys.insert(key.clone()) {
                        return Err(SyntaxError {
                            at: key_at,
                            message: format!("the key `{key}` appears twice in this mapping"),
                        });
                    }
                    entries.push((key, node));
                }
                None => match node.value {
                    Value::Scalar { text, .. } => *key = Some((text, node.at)),
                    _ => {
                        return Err(SyntaxError {
                            at: node.at,
                            message: "a mapping or list (opened by `{` or `[`) stands where a key should be".to_owned(),
                        });
                    }
                },
            },
        }
        Ok(())
    }
}

/// Nodes in `node`, itself included; bounded by the nesting limit, so the recursion is too.
fn count_nodes(node: &Yaml) -> usize {
    1 + match &node.value {
        Value::Scalar { .. } => 0,
        Value::List(items) => items.iter().map(count_nodes).sum(),
        Value::Map(entries) => entries.iter().map(|(_, value)| count_nodes(value)).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str, plain: bool) -> Value {
        Value::Scalar {
            text: text.to_owned(),
            plain,
        }
    }

    #[test]
    fn nodes_know_where_they_start() {
        let doc = parse("a: 1\nb:\n  - 'x'\n  - {c: d}\n").unwrap();
        let Value::Map(entries) = &doc.value else {
            panic!("{doc:?}")
        };
        assert_eq!(entries[0].0, "a");
        assert_eq!(entries[0].1.value, scalar("1", true));
        assert_eq!(entries[0].1.at, Pos { line: 1, column: 4 });
        let Value::List(items) = &entries[1].1.value else {
            panic!()
        };
        assert_eq!(items[0].value, scalar("x", false));
        assert_eq!(items[1].at, Pos { line: 4, column: 5 });
    }

    #[test]
    fn bad_input_is_a_positioned_error() {
        let error = parse("url: {{baseUrl}}/books\n").unwrap_err();
        assert_eq!(error.at.line, 1, "{error:?}");
        let error = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(error.at, Pos { line: 2, column: 1 });
        assert!(error.message.contains("twice"), "{error:?}");
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().message.contains("nest"));
        let many = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n".to_owned()
            + &(0..10_000)
                .map(|i| format!("k{i}: *a\n"))
                .collect::<String>();
        assert!(parse(&many).unwrap_err().message.contains("aliases"));
        assert!(parse("a: 1\n---\nb: 2\n").is_err());
    }

    #[test]
    fn an_empty_file_is_null_and_aliases_copy() {
        assert!(parse("").unwrap().is_null());
        let doc = parse("a: &x {k: v}\nb: *x\n").unwrap();
        let Value::Map(entries) = &doc.value else {
            panic!()
        };
        assert_eq!(entries[0].1.value, entries[1].1.value);
    }
}
