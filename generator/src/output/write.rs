//! Writing a generated crate, or comparing it with what is on disk.

use std::collections::BTreeSet;
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

/// What writing a crate did ([`crate::Config::write_crate`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// How many files the crate has.
    pub files: usize,
    /// What differed from the crate on disk before (all of it is fixed now), as
    /// [`crate::Config::check_crate`] would have listed it.
    pub changes: Vec<Stale>,
}

/// Writes a crate one file at a time, touching only files whose content changed, and removes
/// `.rs` files under `src/` that are no longer generated. Each changed file is staged in a
/// temporary file beside its place as soon as it is handed over, so the caller can drop its text (a 50k-request API's crate is 154 MB of text); [`Writer::finish`]
/// renames them all into place and removes the sources no longer generated. Dropping the
/// writer before then deletes the staged files and leaves the previous crate as it was: a run
/// that fails on the way (disk full, permission denied) changes nothing, and an interrupted run
/// leaves no half-written file (a rename within a folder is atomic).
pub struct Writer {
    dir: PathBuf,
    /// Changed files: temporary file, then the path it replaces.
    staged: Vec<(tempfile::NamedTempFile, PathBuf)>,
    generated: BTreeSet<PathBuf>,
    changes: Vec<Stale>,
}

impl Writer {
    /// A writer of a crate in `dir`.
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_owned(),
            staged: Vec::new(),
            generated: BTreeSet::new(),
            changes: Vec::new(),
        }
    }

    /// Stages `content` for `relative` (below the crate folder) unless the file on disk has it.
    pub fn file(&mut self, relative: &Path, content: &str) -> Result<(), Error> {
        check_relative(&self.dir, relative)?;
        let path = self.dir.join(relative);
        if let Some(change) = difference(&path, relative, content) {
            self.staged.push((stage(&path, content)?, path));
            self.changes.push(change);
        }
        self.generated.insert(relative.to_owned());
        Ok(())
    }

    /// Moves the staged files into place, then removes `.rs` files under `src/` that were not
    /// handed over.
    pub fn finish(self) -> Result<Written, Error> {
        for (temporary, path) in self.staged {
            temporary.persist(&path).map_err(|error| Error::Write {
                path: path.clone(),
                source: error.error,
            })?;
        }
        let mut changes = self.changes;
        // In path order, as `check_files` lists them.
        changes.sort_by(|a, b| stale_path(a).cmp(stale_path(b)));
        for extra in extra_sources(&self.dir, &|path| self.generated.contains(path)) {
            let path = self.dir.join(&extra);
            std::fs::remove_file(&path).map_err(|source| Error::Write { path, source })?;
            changes.push(Stale::Extra(extra));
        }
        Ok(Written {
            files: self.generated.len(),
            changes,
        })
    }
}

fn stale_path(stale: &Stale) -> &Path {
    match stale {
        Stale::Missing(path) | Stale::Changed { path, .. } | Stale::Extra(path) => path,
    }
}

/// How the file at `path` differs from `content`, if it does.
fn difference(path: &Path, relative: &Path, content: &str) -> Option<Stale> {
    match std::fs::read_to_string(path) {
        Err(_) => Some(Stale::Missing(relative.to_owned())),
        Ok(old) if old != content => Some(Stale::Changed {
            path: relative.to_owned(),
            line: first_changed_line(&old, content),
        }),
        Ok(_) => None,
    }
}

/// The first line, 1-based, where `old` and `new` differ.
fn first_changed_line(old: &str, new: &str) -> usize {
    old.lines()
        .zip(new.lines())
        .take_while(|(a, b)| a == b)
        .count()
        + 1
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
    let mut stale: Vec<Stale> = files
        .iter()
        .filter_map(|(relative, content)| difference(&dir.join(relative), relative, content))
        .collect();
    let generated = |path: &Path| files.contains_key(path);
    stale.extend(extra_sources(dir, &generated).into_iter().map(Stale::Extra));
    stale
}

/// `.rs` files under `dir/src` that are not `generated`, relative to `dir`, sorted.
fn extra_sources(dir: &Path, generated: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    collect_rs(dir, Path::new("src"), &mut found);
    found.retain(|path| !generated(path));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Config::write_crate` writes as it prints is what `Config::crate_files` returns, and
    /// it reports what it changed as `check_files` would have.
    #[test]
    fn writing_while_printing_writes_the_crate_files() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let seed = format!("{root}/collections/zoom-seed.postman_collection.json");
        let config = crate::Config::new();
        let crate::Outcome { output: files, warnings: _ } = config.crate_files(&seed).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/gone.rs"), "").unwrap();
        let expected = check_files(dir.path(), &files);

        let crate::Outcome { output: written, warnings: _ } = config.write_crate(&seed, dir.path()).unwrap();
        assert_eq!(written.files, files.len());
        assert_eq!(written.changes, expected);
        for (path, text) in &files {
            assert_eq!(
                &std::fs::read_to_string(dir.path().join(path)).unwrap(),
                text
            );
        }
        assert!(check_files(dir.path(), &files).is_empty());
        let crate::Outcome { output: again, warnings: _ } = config.write_crate(&seed, dir.path()).unwrap();
        assert_eq!(again.changes, []);
    }

    /// A run that stops before `finish` (an error while printing) leaves no file behind.
    #[test]
    fn an_unfinished_writer_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = Writer::new(dir.path());
        writer.file(Path::new("src/lib.rs"), "// new\n").unwrap();
        drop(writer);
        let left: Vec<_> = std::fs::read_dir(dir.path().join("src")).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
