//! Writing a generated crate, or comparing it with what is on disk.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

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
///
/// Every changed file is first written in full to a temporary file beside it; only when all of
/// them are written are they renamed over the old ones (a rename within a folder is atomic). So a
/// run that fails on the way (disk full, permission denied) leaves the previous crate as it was,
/// and an interrupted run leaves no half-written file.
pub fn write_files(dir: &Path, files: &Files) -> Result<(), Error> {
    for relative in files.keys() {
        check_relative(dir, relative)?;
    }
    // Staged files delete themselves when dropped, so an error below cleans up after itself.
    let mut staged = Vec::new();
    for (relative, content) in files {
        let path = dir.join(relative);
        if std::fs::read(&path).is_ok_and(|old| old == content.as_bytes()) {
            continue;
        }
        staged.push((stage(&path, content)?, path));
    }
    for (temporary, path) in staged {
        temporary.persist(&path).map_err(|error| Error::Write {
            path: path.clone(),
            source: error.error,
        })?;
    }
    for extra in extra_sources(dir, files) {
        let path = dir.join(&extra);
        std::fs::remove_file(&path).map_err(|source| Error::Write { path, source })?;
    }
    Ok(())
}

/// `content` in a new temporary file in the folder of `path`, with the permissions of the file
/// it replaces (or read-write for the owner and readable for everyone, as a new file would get).
fn stage(path: &Path, content: &str) -> Result<tempfile::NamedTempFile, Error> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let write_error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    std::fs::create_dir_all(parent).map_err(|source| Error::Write {
        path: parent.to_owned(),
        source,
    })?;
    // Found now rather than at the rename, when other files may already have been replaced.
    if path.is_dir() {
        return Err(write_error(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "a folder is in the way of the generated file; move it away",
        )));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".postman-codegen-").suffix(".tmp");
    let permissions = std::fs::metadata(path)
        .map(|metadata| metadata.permissions())
        .ok()
        .or_else(default_permissions);
    if let Some(permissions) = permissions {
        builder.permissions(permissions);
    }
    let mut temporary = builder.tempfile_in(parent).map_err(write_error)?;
    temporary
        .write_all(content.as_bytes())
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(write_error)?;
    Ok(temporary)
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates files readable by the owner only; a generated source file is not secret.
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Refuses a path that could lead outside `dir`: absolute, or with `..`, `.` or a prefix. The
/// generator builds file names from sanitized module names, so this is a second line of defence
/// against a bug there, not something a collection can trigger.
fn check_relative(dir: &Path, relative: &Path) -> Result<(), Error> {
    let inside = relative.components().next().is_some()
        && relative
            .components()
            .all(|component| matches!(component, Component::Normal(_)));
    if inside {
        Ok(())
    } else {
        Err(Error::Write {
            path: dir.join(relative),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "refusing to write a generated file outside the output folder (a bug in postman-codegen; please report it)",
            ),
        })
    }
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
