//! Path patterns: which request paths a route matches, how specific a match is, and how far a
//! path is from a route (for the 404 listing).

use std::borrow::Cow;

use crate::model::{PathPiece, PathSegment};
use percent_encoding::percent_decode_str;

/// The most request segments the nearest-route distance looks at, and how many characters longer
/// than a literal a segment may be before it counts as wholly different: the distance is
/// quadratic in these lengths and any client can send a long path.
const DISTANCE_SEGMENTS: usize = 64;
const DISTANCE_CHARS: usize = 64;
/// The cost of inserting or deleting a whole segment; distances are in hundredths of one.
pub(crate) const SEGMENT: usize = 100;

/// A route's path, one entry per non-empty segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    segments: Vec<Segment>,
}

/// One path segment of a route.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// Text compared exactly, percent-decoded.
    Literal(String),
    /// Text with parameters (`:id`, `{{var}}`, `{{base}}...{{head}}`) as glob tokens.
    Glob(Vec<Token>),
}

/// A glob token. A parameter is `Any` followed by `Star`: one or more characters, so that
/// `{{base}}...{{head}}` needs text on both sides of the dots and `:id` never matches nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Char(char),
    Any,
    Star,
}

/// How specific a match is; greater is more specific. First the number of literal segments, then
/// segment by segment from the left: literal beats text-with-parameters beats a bare parameter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Specificity {
    literals: usize,
    ranks: Vec<u8>,
}

impl Pattern {
    /// The pattern of a model path. Empty segments are dropped, as they are from request paths,
    /// so `/todos/` and `/todos` are one route and the root item (`path: [""]`) is `/`.
    pub(crate) fn new(path: &[PathSegment]) -> Self {
        let segments = path
            .iter()
            .filter(|segment| !segment.pieces.is_empty())
            .filter_map(|segment| {
                let literal_only = segment
                    .pieces
                    .iter()
                    .all(|piece| matches!(piece, PathPiece::Literal(_)));
                if literal_only {
                    let text: String = segment
                        .pieces
                        .iter()
                        .filter_map(|piece| match piece {
                            PathPiece::Literal(text) => Some(text.as_str()),
                            PathPiece::Param(_) => None,
                        })
                        .collect();
                    return (!text.is_empty()).then(|| Segment::Literal(decode(&text).into()));
                }
                let mut tokens = Vec::new();
                for piece in &segment.pieces {
                    match piece {
                        PathPiece::Literal(text) => {
                            tokens.extend(decode(text).chars().map(Token::Char))
                        }
                        PathPiece::Param(_) => tokens.extend([Token::Any, Token::Star]),
                    }
                }
                Some(Segment::Glob(tokens))
            })
            .collect();
        Self { segments }
    }

    /// Whether `path` (split by [`split_path`]) matches.
    pub(crate) fn matches(&self, path: &[String]) -> bool {
        self.segments.len() == path.len()
            && self
                .segments
                .iter()
                .zip(path)
                .all(|(segment, text)| segment.matches(text))
    }

    pub(crate) fn specificity(&self) -> Specificity {
        let ranks: Vec<u8> = self.segments.iter().map(Segment::rank).collect();
        Specificity {
            literals: ranks.iter().filter(|&&rank| rank == 2).count(),
            ranks,
        }
    }

    /// The segment edit distance from `path`, in hundredths of a segment: inserting or deleting
    /// a segment costs 100; replacing one costs nothing when the pattern's segment matches it,
    /// the share of characters to change when it is literal (`settingz` for `settings`: 12), and
    /// 50 when it has parameters. The character share tells apart routes that differ by one
    /// segment (`/users/{userId}/settings` before `/users/{userId}/meetings` for `settingz`).
    pub(crate) fn distance(&self, path: &[String]) -> usize {
        let path = &path[..path.len().min(DISTANCE_SEGMENTS)];
        edit_distance(&self.segments, path, SEGMENT, |segment, text| {
            segment.cost(text)
        })
    }
}

impl Segment {
    fn matches(&self, text: &str) -> bool {
        match self {
            Segment::Literal(literal) => literal == text,
            Segment::Glob(tokens) => glob(tokens, &text.chars().collect::<Vec<_>>()),
        }
    }

    /// What replacing `text` by this segment costs, in hundredths of a segment.
    fn cost(&self, text: &str) -> usize {
        if self.matches(text) {
            return 0;
        }
        match self {
            Segment::Literal(literal) => {
                let literal: Vec<char> = literal.chars().collect();
                let text: Vec<char> = text
                    .chars()
                    .take(literal.len() + DISTANCE_CHARS + 1)
                    .collect();
                if text.len() > literal.len() + DISTANCE_CHARS {
                    return SEGMENT;
                }
                let changed = edit_distance(&literal, &text, 1, |a, b| usize::from(a != b));
                // A mismatch is never free, however long the segments.
                (SEGMENT * changed / literal.len().max(text.len())).max(1)
            }
            Segment::Glob(_) => SEGMENT / 2,
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Segment::Literal(_) => 2,
            Segment::Glob(tokens) if tokens.iter().any(|t| matches!(t, Token::Char(_))) => 1,
            Segment::Glob(_) => 0,
        }
    }
}

/// Levenshtein distance between two sequences, `indel` per insertion or deletion and
/// `substitute(a, b)` per replacement.
fn edit_distance<A, B>(
    a: &[A],
    b: &[B],
    indel: usize,
    substitute: impl Fn(&A, &B) -> usize,
) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j * indel).collect();
    for (i, x) in a.iter().enumerate() {
        let mut current = vec![(i + 1) * indel; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            let replaced = previous[j] + substitute(x, y);
            current[j + 1] = replaced
                .min(previous[j + 1] + indel)
                .min(current[j] + indel);
        }
        previous = current;
    }
    previous[b.len()]
}

/// Glob matching with backtracking to the last `Star` only, which keeps it O(text × tokens)
/// whatever the request sends.
fn glob(tokens: &[Token], text: &[char]) -> bool {
    let (mut t, mut s) = (0, 0);
    // Where to resume after a mismatch: the token after the last star, and the text position the
    // star has swallowed up to.
    let mut resume: Option<(usize, usize)> = None;
    while s < text.len() {
        match tokens.get(t) {
            Some(Token::Star) => {
                resume = Some((t + 1, s));
                t += 1;
                continue;
            }
            Some(Token::Any) => {
                t += 1;
                s += 1;
                continue;
            }
            Some(Token::Char(c)) if *c == text[s] => {
                t += 1;
                s += 1;
                continue;
            }
            _ => {}
        }
        match resume {
            Some((after, swallowed)) => {
                resume = Some((after, swallowed + 1));
                t = after;
                s = swallowed + 1;
            }
            None => return false,
        }
    }
    tokens[t..].iter().all(|token| matches!(token, Token::Star))
}

/// Splits the path part of a request URL into percent-decoded segments, dropping empty ones
/// (the leading slash, `//`, a trailing slash). A `%2F` stays inside its segment.
pub(crate) fn split_path(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| decode(segment).into_owned())
        .collect()
}

/// Percent-decodes; bytes that are not UTF-8 become U+FFFD rather than an error, since a path
/// that cannot match any route still deserves a 404 listing.
fn decode(text: &str) -> Cow<'_, str> {
    percent_decode_str(text).decode_utf8_lossy()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(text: &str) -> PathPiece {
        PathPiece::Literal(text.to_owned())
    }

    /// A pattern from a path written with `{}` for each parameter: `/repos/{}/compare/{}...{}`.
    fn pattern(path: &str) -> Pattern {
        let segments: Vec<PathSegment> = path
            .split('/')
            .skip(1)
            .map(|segment| {
                let mut pieces = Vec::new();
                for (i, text) in segment.split("{}").enumerate() {
                    if i > 0 {
                        pieces.push(PathPiece::Param(i - 1));
                    }
                    if !text.is_empty() {
                        pieces.push(literal(text));
                    }
                }
                PathSegment { pieces }
            })
            .collect();
        Pattern::new(&segments)
    }

    fn matches(pattern_text: &str, path: &str) -> bool {
        pattern(pattern_text).matches(&split_path(path))
    }

    #[test]
    fn literals_match_exactly_and_parameters_match_one_segment() {
        assert!(matches("/todos/{}", "/todos/1"));
        assert!(matches("/todos/{}", "/todos/1/"));
        assert!(!matches("/todos/{}", "/todos"));
        assert!(!matches("/todos/{}", "/todos/1/done"));
        assert!(!matches("/todos/{}", "/Todos/1"));
        assert!(matches("/", "/"));
        assert!(!matches("/", "/todos"));
    }

    #[test]
    fn parameters_within_a_segment_need_text_on_each_side() {
        let compare = "/repos/{}/{}/compare/{}...{}";
        assert!(matches(compare, "/repos/octo/hello/compare/main...dev"));
        assert!(matches(compare, "/repos/octo/hello/compare/a...b...c"));
        assert!(!matches(compare, "/repos/octo/hello/compare/...dev"));
        assert!(!matches(compare, "/repos/octo/hello/compare/main..dev"));
        assert!(matches("/files/{}.json", "/files/a.b.json"));
        assert!(!matches("/files/{}.json", "/files/a.json.bak"));
        assert!(matches("/v{}/items", "/v2/items"));
        assert!(!matches("/v{}/items", "/v/items"));
    }

    #[test]
    fn paths_are_percent_decoded_per_segment() {
        assert!(matches("/users/{}", "/users/a%2Fb"));
        assert!(matches("/a b/{}", "/a%20b/x"));
        assert!(matches("/caf%C3%A9", "/café"));
        assert_eq!(split_path("/x/%FF"), ["x", "\u{FFFD}"]);
    }

    #[test]
    fn glob_stays_fast_on_long_hostile_text() {
        let tokens: Vec<Token> = "{}a{}a{}a{}b"
            .split("{}")
            .flat_map(|text| {
                let mut out: Vec<Token> = text.chars().map(Token::Char).collect();
                out.extend([Token::Any, Token::Star]);
                out
            })
            .collect();
        let text: Vec<char> = std::iter::repeat_n('a', 20_000).collect();
        assert!(!glob(&tokens, &text));
    }

    #[test]
    fn literal_segments_are_more_specific() {
        let me = pattern("/users/me").specificity();
        let any = pattern("/users/{}").specificity();
        let mixed = pattern("/users/{}.json").specificity();
        assert!(me > mixed && mixed > any);
        // Left to right: a literal earlier in the path wins.
        assert!(pattern("/a/{}").specificity() > pattern("/{}/b").specificity());
        // More literal segments win whatever their position.
        assert!(pattern("/{}/b/c").specificity() > pattern("/a/{}/{}").specificity());
    }

    #[test]
    fn distance_counts_segment_edits() {
        let settings = pattern("/users/{}/settings");
        assert_eq!(settings.distance(&split_path("/users/me/settings")), 0);
        assert_eq!(settings.distance(&split_path("/users/me")), 100);
        assert_eq!(settings.distance(&split_path("/v2/users/me/settings")), 100);
        assert_eq!(settings.distance(&split_path("/")), 300);
        assert_eq!(pattern("/").distance(&split_path("/a/b")), 200);
        // One character of eight.
        assert_eq!(settings.distance(&split_path("/users/me/settingz")), 12);
        let meetings = pattern("/users/{}/meetings");
        assert!(meetings.distance(&split_path("/users/me/settingz")) > 12);
        // A segment with parameters that does not match costs half.
        let compare = pattern("/compare/{}...{}");
        assert_eq!(compare.distance(&split_path("/compare/a..b")), 50);
        // However long, a literal mismatch is never free.
        let long = "x".repeat(500);
        assert_eq!(
            pattern(&format!("/{long}")).distance(&[format!("{long}y")]),
            1
        );
    }
}
