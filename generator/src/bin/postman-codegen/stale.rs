//! The short report `check` prints for an out-of-date crate: which files differ and, for the
//! first few, the first hunk of a unified diff (by `similar`, the diff library insta uses).

use std::fmt::Write;
use std::path::Path;

use postman_codegen::{Files, Stale};
use similar::TextDiff;

/// Files listed before "… and N more".
const MAX_FILES: usize = 20;
/// Files that get a diff; the rest are only named.
const MAX_DIFFS: usize = 3;
/// Lines of one diff, so a rewritten file does not flood the terminal.
const MAX_DIFF_LINES: usize = 12;

/// `dir` is out of date: each stale entry, with a short diff for the first changed files.
pub fn report(dir: &Path, files: &Files, stale: &[Stale]) -> String {
    let mut out = String::new();
    let count = stale.len();
    let plural = if count == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "{} is out of date ({count} file{plural}):",
        dir.display()
    );
    let mut diffs = 0;
    for entry in stale.iter().take(MAX_FILES) {
        let _ = writeln!(out, "  {entry}");
        if let Stale::Changed { path, .. } = entry
            && diffs < MAX_DIFFS
            && let (Ok(old), Some(new)) = (std::fs::read_to_string(dir.join(path)), files.get(path))
        {
            diffs += 1;
            out.push_str(&first_hunk(&old, new));
        }
    }
    if count > MAX_FILES {
        let _ = writeln!(out, "  … and {} more", count - MAX_FILES);
    }
    out
}

/// The first hunk of the diff from `old` (on disk) to `new` (generated), indented, cut at
/// [`MAX_DIFF_LINES`].
fn first_hunk(old: &str, new: &str) -> String {
    let diff = TextDiff::from_lines(old, new);
    let mut unified = diff.unified_diff();
    let text = unified
        .context_radius(1)
        .header("on disk", "generated")
        .to_string();
    // Skip the ---/+++ header (the entry already names the file), keep up to the next `@@`.
    let mut out = String::new();
    for (index, line) in text.lines().skip(2).enumerate() {
        if index > 0 && line.starts_with("@@") {
            break;
        }
        if index == MAX_DIFF_LINES {
            out.push_str("      …\n");
            break;
        }
        let _ = writeln!(out, "      {line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_hunk_shows_the_changed_line_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nC\nd\ne\nf\ng\nH\n";
        let hunk = first_hunk(old, new);
        assert!(hunk.contains("-c") && hunk.contains("+C"), "{hunk}");
        assert!(!hunk.contains("+H"), "only the first hunk: {hunk}");
    }

    #[test]
    fn long_hunks_are_cut() {
        let old: String = (0..100).map(|i| format!("{i}\n")).collect();
        let new: String = (0..100).map(|i| format!("x{i}\n")).collect();
        let hunk = first_hunk(&old, &new);
        assert_eq!(hunk.lines().count(), MAX_DIFF_LINES + 1, "{hunk}");
        assert!(hunk.ends_with("…\n"));
    }
}
