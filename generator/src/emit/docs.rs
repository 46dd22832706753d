//! Doc comments from collection text.
//!
//! Descriptions are third-party markdown. Rustdoc would compile their code blocks as doctests,
//! so fenced blocks are marked `text` and indentation that would start an indented code block is
//! removed.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` attributes for `text`, one per line.
pub fn doc(text: &str) -> TokenStream {
    let lines = sanitize(text);
    quote! { #( #[doc = #lines] )* }
}

/// Inner `#![doc = "…"]` attributes, for module and crate docs.
pub fn inner_doc(text: &str) -> TokenStream {
    let lines = sanitize(text);
    quote! { #( #![doc = #lines] )* }
}

/// Lines ready for `#[doc]`: a leading space each (as `///` writes), code fences made inert,
/// lazy list and quote continuations made explicit (clippy's `doc_lazy_continuation`), tabs
/// expanded, runs of blank lines folded, no trailing blank line.
pub fn sanitize(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut in_fence = false;
    let mut block = Block::Paragraph;
    for raw in text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n")
        .lines()
    {
        let raw = raw.replace('\t', "    ");
        let trimmed = raw.trim();
        let line = if trimmed.starts_with("```") {
            in_fence = !in_fence;
            block = Block::Paragraph;
            if in_fence { "```text" } else { "```" }.to_owned()
        } else if in_fence {
            raw.trim_end().to_owned()
        } else if trimmed.is_empty() {
            block = Block::Paragraph;
            String::new()
        } else if let Some(width) = list_marker_width(trimmed) {
            block = Block::ListItem(width);
            trimmed.to_owned()
        } else if trimmed.starts_with('>') {
            block = Block::Quote;
            trimmed.to_owned()
        } else {
            match block {
                Block::ListItem(width) => format!("{}{trimmed}", " ".repeat(width)),
                Block::Quote => format!("> {trimmed}"),
                Block::Paragraph => trimmed.to_owned(),
            }
        };
        if line.is_empty() && lines.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        lines.push(if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        });
    }
    if in_fence {
        lines.push(" ```".to_owned());
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// The markdown block a line continues when it has no marker of its own.
#[derive(Clone, Copy)]
enum Block {
    Paragraph,
    /// A list item whose marker (with its space) is this wide.
    ListItem(usize),
    Quote,
}

/// The width of a list marker starting `line` (`* `, `- `, `+ `, `1. `, `2) `), if any,
/// with the spaces after it: `*   item` continues at column 4. Per CommonMark, five or more
/// spaces mean one space and an indented code block, so the width counts one space then.
fn list_marker_width(line: &str) -> Option<usize> {
    let marker = if line.starts_with(['*', '-', '+']) {
        1
    } else {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &line[digits..];
        if digits == 0 || digits >= 10 || !rest.starts_with(['.', ')']) {
            return None;
        }
        digits + 1
    };
    let spaces = line[marker..].bytes().take_while(|&b| b == b' ').count();
    match spaces {
        0 => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

/// Inline code for doc text: `` `text` `` with backticks inside made harmless.
pub fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_become_text_and_indentation_goes() {
        let lines = sanitize("Intro\n\n\n    indented\n```json\n{\"a\": 1}\n```\n\n");
        assert_eq!(
            lines,
            [" Intro", "", " indented", " ```text", " {\"a\": 1}", " ```"]
        );
    }

    #[test]
    fn lazy_continuations_are_indented() {
        let lines = sanitize("* item\ncontinued\n\n12. next\nmore\n> quote\nlazy\n\nplain\ttext");
        assert_eq!(
            lines,
            [
                " * item",
                "   continued",
                "",
                " 12. next",
                "     more",
                " > quote",
                " > lazy",
                "",
                " plain    text"
            ]
        );
    }

    #[test]
    fn continuations_follow_the_spaces_after_the_marker() {
        let lines = sanitize("*   wide item\ncontinued\n\n1.  two\nmore");
        assert_eq!(
            lines,
            [
                " *   wide item",
                "     continued",
                "",
                " 1.  two",
                "     more"
            ]
        );
    }

    #[test]
    fn unclosed_fence_is_closed() {
        assert_eq!(sanitize("```\ncode"), [" ```text", " code", " ```"]);
    }
}
