//! Writing a generated crate, or comparing it with what is on disk.

use std::path::{Path, PathBuf};

use super::Files;
use crate::Error;

/// A generated file that differs from the one on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// Not on disk.
    Missing(PathBuf),
    /// On disk with other content; the first differing line, 1-based.
    Changed {
        /// The file.
        path: PathBuf,
        /// First line that differs.
        line: usize,
    },
    /// On disk, under `src/`, but no longer generated.
    Extra(PathBuf),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing(path) => write!(f, "missing: {}", path.display()),
            Stale::Changed { path, line } => {
                write!(f, "changed: {} (from line {line})", path.display())
            }
            Stale::Extra(path) => write!(f, "not generated any more: {}", path.display()),
        }
    }
}

/// Writes `files` below `dir`, touching only files whose content changed, and removes `.rs`
/// files under `src/` that are no longer generated.
pub fn write_files(dir: &Path, files: &Files) -> Result<(), Error> {
    for (relative, content) in files {
        let path = dir.join(relative);
        if std::fs::read(&path).is_ok_and(|old| old == content.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_owned(),
                source,
            })?;
        }
        std::fs::write(&path, content).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
    }
    for extra in extra_sources(dir, files) {
        let path = dir.join(&extra);
        std::fs::remove_file(&path).map_err(|source| Error::Write { path, source })?;
    }
    Ok(())
}

/// What differs between `files` and the crate in `dir`; empty when it is fresh.
pub fn check_files(dir: &Path, files: &Files) -> Vec<Stale> {
    let mut stale = Vec::new();
    for (relative, content) in files {
        match std::fs::read_to_string(dir.join(relative)) {
            Err(_) => stale.push(Stale::Missing(relative.clone())),
            Ok(old) if old != *content => {
                let line = old
                    .lines()
                    .zip(content.lines())
                    .take_while(|(a, b)| a == b)
                    .count()
                    + 1;
                stale.push(Stale::Changed {
                    path: relative.clone(),
                    line,
                });
            }
            Ok(_) => {}
        }
    }
    stale.extend(extra_sources(dir, files).into_iter().map(Stale::Extra));
    stale
}

/// `.rs` files under `dir/src` that `files` does not have, relative to `dir`, sorted.
fn extra_sources(dir: &Path, files: &Files) -> Vec<PathBuf> {
    let mut found = Vec::new();
    collect_rs(dir, Path::new("src"), &mut found);
    found.retain(|path| !files.contains_key(path));
    found.sort();
    found
}

fn collect_rs(root: &Path, relative: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(root.join(relative)) else {
        return;
    };
    for entry in entries.flatten() {
        let path = relative.join(entry.file_name());
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => collect_rs(root, &path, out),
            Ok(kind) if kind.is_file() && path.extension().is_some_and(|e| e == "rs") => {
                out.push(path)
            }
            _ => {}
        }
    }
}
