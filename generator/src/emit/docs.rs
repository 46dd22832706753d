//! Doc comments from collection text.
//!
//! Descriptions are third-party markdown. Rustdoc would compile their code blocks as doctests,
//! so fenced blocks are marked `text` and indentation that would start an indented code block is
//! removed. Outside code, what rustdoc would warn about is made inert ([`inert_markup`]): a
//! link whose target is neither a URL nor a Rust path keeps only its text, a bare URL becomes
//! an autolink, `</br>` becomes `<br>`, the brackets of `filter[state][not]` are escaped.

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
        let line = match in_fence || line.starts_with("```") {
            true => line,
            false => inert_markup(&line),
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

/// `line` with what rustdoc would warn about made inert, outside its code spans: a link whose
/// target is neither a URL nor a Rust path (commercetools' `[Store](ctp:api:type:Store)`, which
/// rustdoc reads as an unresolved intra-doc link) becomes its text; a bare URL becomes an
/// autolink (`<https://…>`); `</br>`, which no tag opens, becomes `<br>`; brackets that open
/// no link (`filter[state][not]`) are escaped.
pub fn inert_markup(line: &str) -> String {
    let parts: Vec<&str> = line.split('`').collect();
    // An odd count of backticks leaves the last one unpaired: no code span there.
    let paired = parts.len() % 2 == 1;
    let mut out = String::with_capacity(line.len());
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            out.push('`');
        }
        let in_code = index % 2 == 1 && (paired || index + 1 < parts.len());
        match in_code {
            true => out.push_str(part),
            false => {
                let part = plain_links(&part.replace("</br>", "<br>"));
                out.push_str(&autolinks(&part));
            }
        }
    }
    out
}

/// `[text](target)` as `text` where rustdoc could not follow the target.
fn plain_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(middle) = rest.find("](") {
        let (Some(open), Some(close)) = (rest[..middle].rfind('['), rest[middle..].find(')'))
        else {
            break;
        };
        let target = &rest[middle + 2..middle + close];
        let end = middle + close + 1;
        match followable(target) {
            true => out.push_str(&rest[..end]),
            false => {
                out.push_str(&rest[..open]);
                out.push_str(&rest[open + 1..middle]);
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A link target rustdoc follows: a URL or a path (it does not resolve those with a `/`), an
/// anchor, or a Rust path such as `Self::list_users` or `crate::types::User`.
fn followable(target: &str) -> bool {
    let target = target.trim();
    let rust_path = target.split("::").all(|segment| {
        let segment = segment.trim_end_matches("()").trim_end_matches('!');
        let segment = segment.split_once('@').map_or(segment, |(_, name)| name);
        !segment.is_empty()
            && !segment.starts_with(|c: char| c.is_ascii_digit())
            && segment.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    });
    target.contains('/') || target.starts_with('#') || target.starts_with("mailto:") || rust_path
}

/// `filter[created_at][gt]` with its brackets escaped: rustdoc reads a `[word]` as a link to
/// the item `word`. A bracket right after a word or another bracket opens no link in the
/// descriptions, which write links as `[text](target)` after a space.
fn escaped_subscripts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = ' ';
    let mut open = false;
    for c in text.chars() {
        match c {
            '[' if previous.is_alphanumeric() || matches!(previous, '_' | ']') => {
                out.push_str("\\[");
                open = true;
            }
            ']' if open => {
                out.push_str("\\]");
                open = false;
            }
            _ => out.push(c),
        }
        previous = c;
    }
    out
}

/// Where a bare URL ends, besides whitespace and the characters it cannot hold.
const URL_TRAILING: [char; 10] = ['.', ',', ';', ':', '!', '?', ')', ']', '\'', '"'];

/// Bare `http://` and `https://` URLs as autolinks; one that is a link's text or target, an
/// autolink or an HTML attribute's value is left as it is. The text between them gets its
/// subscripts escaped ([`escaped_subscripts`]), the URLs not: a backslash would change them.
fn autolinks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = ["http://", "https://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        out.push_str(&escaped_subscripts(&rest[..start]));
        // A link's target, an autolink, a link's text, an HTML attribute's value.
        let linked = ["](", "<", "[", "=", "=\"", "='"]
            .iter()
            .any(|opening| out.ends_with(opening));
        let length = rest[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`'))
            .unwrap_or(rest.len() - start);
        let url = rest[start..start + length].trim_end_matches(URL_TRAILING);
        match linked {
            true => out.push_str(url),
            false => {
                out.push('<');
                out.push_str(url);
                out.push('>');
            }
        }
        rest = &rest[start + url.len()..];
    }
    out.push_str(&escaped_subscripts(rest));
    out
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
    fn what_rustdoc_would_warn_about_is_made_inert_outside_code() {
        let lines = sanitize(
            "If the [Cart](ctp:api:type:Cart) is [gone](https://x.io/c), see https://x.io/d.\n\
             Lines</br>and [`Query`](crate::params::Query), [list](Self::list_users()); filter[a][gt]=1.\n\
             `[Cart](ctp:api:type:Cart) https://x.io` <https://x.io/e> href=\"https://x.io/f\" \
             (https://x.io/h) \"https://x.io/i\" https://x.io/j?f[a]=1\n\
             ```\nhttps://x.io/g </br>\n```",
        );
        assert_eq!(
            lines,
            [
                " If the Cart is [gone](https://x.io/c), see <https://x.io/d>.",
                " Lines<br>and [`Query`](crate::params::Query), [list](Self::list_users()); filter\\[a\\]\\[gt\\]=1.",
                " `[Cart](ctp:api:type:Cart) https://x.io` <https://x.io/e> href=\"https://x.io/f\" \
                 (<https://x.io/h>) \"<https://x.io/i>\" <https://x.io/j?f[a]=1>",
                " ```text",
                " https://x.io/g </br>",
                " ```",
            ]
        );
    }

    #[test]
    fn unclosed_fence_is_closed() {
        assert_eq!(sanitize("```\ncode"), [" ```text", " code", " ```"]);
    }
}
