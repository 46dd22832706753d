//! Errors as the user reads them: rustc-style reports with the offending line of the input and
//! a caret under the place, rendered by `annotate-snippets` (the renderer cargo and rustc use).

use std::borrow::Cow;
use std::io::IsTerminal;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use postman_codegen::{Error, Location};

/// Widest snippet line before it is cut around the caret; collections are often one line of
/// hundreds of kilobytes.
const TERM_WIDTH: usize = 100;

/// How to draw reports.
#[derive(Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Colors only on a terminal, and never with `NO_COLOR` set (<https://no-color.org>), so
    /// captured output stays plain text.
    pub fn detect() -> Self {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Self { color }
    }

    fn renderer(self) -> Renderer {
        let renderer = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.term_width(TERM_WIDTH)
    }

    /// The report for `error`: with a source snippet when it points into a file that can be
    /// read, as plain `error: …` text otherwise.
    pub fn error(self, error: &Error) -> String {
        match error {
            Error::Invalid {
                location,
                message,
                help,
            } => self.invalid(location, message, help),
            other => self.plain(&other.to_string()),
        }
    }

    /// A report without a place in a file: `error: …`.
    pub fn plain(self, message: &str) -> String {
        self.renderer()
            .render(&[Group::with_title(Level::ERROR.primary_title(message))])
    }

    fn invalid(self, location: &Location, message: &str, help: &str) -> String {
        let path = location.file.display().to_string();
        let label = match location.pointer.as_deref() {
            Some("") => Cow::Borrowed("at the top level"),
            Some(pointer) => Cow::Owned(format!("at {pointer}")),
            None => Cow::Borrowed("here"),
        };
        let title = Level::ERROR.primary_title(message);
        let help = Level::HELP.message(help);
        let source = std::fs::read_to_string(&location.file).ok();
        let line = match (location.line, location.column, &source) {
            (Some(line), Some(column), Some(text)) => text
                .split('\n')
                .nth(line.saturating_sub(1))
                .map(|l| (line, column, l.strip_suffix('\r').unwrap_or(l))),
            _ => None,
        };
        let group = match line {
            Some((number, column, text)) => title
                .element(
                    Snippet::source(text)
                        .line_start(number)
                        .path(path)
                        .annotation(
                            AnnotationKind::Primary
                                .span(token_at(text, column))
                                .label(label),
                        ),
                )
                .element(help),
            None => {
                let mut origin = Origin::path(path);
                if let Some(line) = location.line {
                    origin = origin.line(line);
                    if let Some(column) = location.column {
                        origin = origin.char_column(column);
                    }
                }
                title
                    .element(origin)
                    .element(Level::NOTE.message(label))
                    .element(help)
            }
        };
        self.renderer().render(&[group])
    }
}

/// The byte range of the JSON token starting at 1-based character `column` of `line`: a whole
/// string with its quotes, a run of word characters, or one character.
fn token_at(line: &str, column: usize) -> Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(at, _)| at);
    let rest = &line[start..];
    let mut chars = rest.char_indices();
    let len = match chars.next() {
        None => 0,
        Some((_, '"')) => {
            let mut escaped = false;
            chars
                .find(|&(_, c)| {
                    let end = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    end
                })
                .map_or(1, |(at, _)| at + 1)
        }
        Some((_, c)) if c.is_alphanumeric() || c == '-' => rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '+')))
            .map_or(rest.len(), |(at, _)| at),
        Some((_, c)) => c.len_utf8(),
    };
    // A caret under a whole long string helps no one; its start is enough.
    start..start + len.min(60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_whole_strings_words_or_one_char() {
        let line = r#"{"items": [1, true], "a\"b": 2}"#;
        assert_eq!(&line[token_at(line, 2)], r#""items""#);
        assert_eq!(&line[token_at(line, 1)], "{");
        assert_eq!(&line[token_at(line, 15)], "true");
        assert_eq!(&line[token_at(line, 22)], r#""a\"b""#);
        assert_eq!(token_at(line, 999), line.len()..line.len());
        assert_eq!(&"é\"x\""[token_at("é\"x\"", 2)], "\"x\"");
    }
}
