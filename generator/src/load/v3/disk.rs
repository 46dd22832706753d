//! The files of a v3 collection directory, found before any is read, within the limits the
//! JSON reader has: at most [`MAX_FILE_SIZE`] bytes in all, [`MAX_ENTRIES`] files and folders,
//! folders [`MAX_FOLDER_DEPTH`] deep, and no symbolic link that leads out of the directory (a
//! collection cloned from a stranger's repository must not make the generator read
//! `/etc/passwd` or `~/.ssh` into a generated crate).

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::load::read::MAX_FILE_SIZE;
use crate::{Error, Location, Warning};

/// Most files and folders one collection directory may hold: twice the entries of the
/// 50,000-request synthetic collection the benchmarks use.
pub(super) const MAX_ENTRIES: usize = 200_000;

/// Deepest folder nesting; the deepest real collection has 6 levels.
pub(super) const MAX_FOLDER_DEPTH: usize = 64;

/// Where Postman keeps a folder's metadata and its requests' examples.
pub(super) const RESOURCES: &str = ".resources";

/// One folder of the collection (the collection itself at the top).
#[derive(Debug, Default)]
pub(super) struct Dir {
    /// The folder, as the user named the collection joined with the relative path.
    pub path: PathBuf,
    /// Its directory name.
    pub name: String,
    /// `.resources/definition.yaml`, when there is one.
    pub definition: Option<PathBuf>,
    /// `*.request.yaml` files, by file name.
    pub requests: Vec<PathBuf>,
    /// Sub-folders, by directory name.
    pub folders: Vec<Dir>,
}

/// Everything a collection directory holds that the reader reads.
#[derive(Debug, Default)]
pub(super) struct Listing {
    pub root: Dir,
    /// `*.example.yaml` files by the folder holding them, each list by file name.
    pub examples: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// Every file the reader reads, in walking order: for `cargo:rerun-if-changed`.
    pub files: Vec<PathBuf>,
    pub warnings: Vec<Warning>,
}

/// Lists the collection directory `root`.
pub(super) fn list(root: &Path) -> Result<Listing, Error> {
    let canonical = root.canonicalize().map_err(|source| Error::Read {
        path: root.to_owned(),
        source,
    })?;
    let mut walker = Walker {
        root: root.to_owned(),
        canonical_root: canonical.clone(),
        entries: 0,
        bytes: 0,
        visited: HashSet::from([canonical]),
        listing: Listing::default(),
    };
    let mut top = walker.folder(root, 0)?;
    top.name = dir_name(root);
    walker.listing.root = top;
    Ok(walker.listing)
}

/// Whether `path` is a directory laid out as a v3 collection: one with
/// `.resources/definition.yaml` or a `*.request.yaml` file of its own.
pub(super) fn looks_like_collection(path: &Path) -> bool {
    let resources = path.join(RESOURCES);
    if ["definition.yaml", "definition.yml"]
        .iter()
        .any(|name| resources.join(name).is_file())
    {
        return true;
    }
    std::fs::read_dir(path).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| is_request_file(&entry.file_name().to_string_lossy()))
    })
}

pub(super) fn is_request_file(name: &str) -> bool {
    name.ends_with(".request.yaml") || name.ends_with(".request.yml")
}

fn is_example_file(name: &str) -> bool {
    name.ends_with(".example.yaml") || name.ends_with(".example.yml")
}

/// `Name.request.yaml` → `Name`.
pub(super) fn stem(path: &Path, suffix: &str) -> String {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    for extension in [".yaml", ".yml"] {
        if let Some(stem) = name.strip_suffix(&format!("{suffix}{extension}")) {
            return stem.to_owned();
        }
    }
    name
}

fn dir_name(path: &Path) -> String {
    // `.` or a path ending in `..` has no file name; the canonical path has one.
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .or_else(|| {
            path.canonicalize()
                .ok()?
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
        })
        .unwrap_or_default()
}

/// `a/./b/../c` → `a/c`, without touching the disk (`..` at the start is kept).
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !matches!(out.components().next_back(), Some(Component::Normal(_))) || !out.pop()
                {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Reads one file found by [`list`]: at most [`MAX_FILE_SIZE`] bytes, as UTF-8 text.
pub(super) fn read_text(path: &Path) -> Result<String, Error> {
    let read_error = |source| Error::Read {
        path: path.to_owned(),
        source,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(read_error)?
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    crate::load::read::text(&bytes, path).map(str::to_owned)
}

struct Walker {
    root: PathBuf,
    canonical_root: PathBuf,
    entries: usize,
    bytes: u64,
    /// Folders read, by canonical path: a link back to a parent is read once.
    visited: HashSet<PathBuf>,
    listing: Listing,
}

/// What a directory entry is, links followed.
enum Kind {
    Folder,
    File(u64),
    Other,
}

impl Walker {
    fn folder(&mut self, path: &Path, depth: usize) -> Result<Dir, Error> {
        let mut dir = Dir {
            path: path.to_owned(),
            name: dir_name(path),
            ..Dir::default()
        };
        for (name, entry) in self.entries_of(path)? {
            match self.kind(&entry)? {
                Kind::Folder if name == RESOURCES => self.resources(&entry, &mut dir, depth)?,
                Kind::Folder => {
                    if depth + 1 > MAX_FOLDER_DEPTH {
                        return Err(too_deep(&entry));
                    }
                    if self.first_visit(&entry) {
                        dir.folders.push(self.folder(&entry, depth + 1)?);
                    }
                }
                Kind::File(size) if is_request_file(&name) => {
                    self.count_bytes(&entry, size)?;
                    dir.requests.push(entry);
                }
                Kind::File(_) | Kind::Other => {}
            }
        }
        Ok(dir)
    }

    /// A `.resources` folder: the definition at its top, examples anywhere beneath
    /// (`<Request>.resources/examples/*.example.yaml`).
    fn resources(&mut self, path: &Path, dir: &mut Dir, depth: usize) -> Result<(), Error> {
        if depth + 1 > MAX_FOLDER_DEPTH {
            return Err(too_deep(path));
        }
        let top = dir.definition.is_none() && path.parent() == Some(dir.path.as_path());
        for (name, entry) in self.entries_of(path)? {
            match self.kind(&entry)? {
                Kind::Folder => {
                    if self.first_visit(&entry) {
                        self.resources(&entry, dir, depth + 1)?;
                    }
                }
                Kind::File(size)
                    if top && matches!(name.as_str(), "definition.yaml" | "definition.yml") =>
                {
                    self.count_bytes(&entry, size)?;
                    dir.definition.get_or_insert(entry);
                }
                Kind::File(size) if is_example_file(&name) => {
                    self.count_bytes(&entry, size)?;
                    self.listing
                        .examples
                        .entry(normalize(path))
                        .or_default()
                        .push(entry);
                }
                Kind::File(_) | Kind::Other => {}
            }
        }
        Ok(())
    }

    /// The entries of a folder, by name, counted against [`MAX_ENTRIES`].
    fn entries_of(&mut self, path: &Path) -> Result<Vec<(String, PathBuf)>, Error> {
        let read_error = |source| Error::Read {
            path: path.to_owned(),
            source,
        };
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(path).map_err(read_error)? {
            let entry = entry.map_err(read_error)?;
            self.entries += 1;
            if self.entries > MAX_ENTRIES {
                return Err(invalid(
                    &self.root,
                    format!(
                        "the collection folder holds more than {MAX_ENTRIES} files and folders"
                    ),
                    "check that this is the folder of one collection (postman/collections/<Name>), not a whole repository",
                ));
            }
            entries.push((
                entry.file_name().to_string_lossy().into_owned(),
                entry.path(),
            ));
        }
        entries.sort();
        Ok(entries)
    }

    /// What `path` is; a symbolic link must stay inside the collection.
    fn kind(&mut self, path: &Path) -> Result<Kind, Error> {
        let read_error = |source| Error::Read {
            path: path.to_owned(),
            source,
        };
        let link = std::fs::symlink_metadata(path).map_err(read_error)?;
        if link.file_type().is_symlink() {
            let Ok(target) = path.canonicalize() else {
                self.listing.warnings.push(Warning {
                    context: path.display().to_string(),
                    message: "this symbolic link leads nowhere; it was skipped".to_owned(),
                });
                return Ok(Kind::Other);
            };
            if !target.starts_with(&self.canonical_root) {
                return Err(invalid(
                    path,
                    format!(
                        "this symbolic link leads out of the collection folder, to {}; postman-codegen reads no file outside the collection",
                        target.display()
                    ),
                    "copy the file into the collection folder instead of linking to it, or delete the link",
                ));
            }
        }
        let metadata = std::fs::metadata(path).map_err(read_error)?;
        Ok(if metadata.is_dir() {
            Kind::Folder
        } else if metadata.is_file() {
            Kind::File(metadata.len())
        } else {
            Kind::Other
        })
    }

    /// `false` for a folder already read through another path (a link to a parent).
    fn first_visit(&mut self, path: &Path) -> bool {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        let first = self.visited.insert(canonical);
        if !first {
            self.listing.warnings.push(Warning {
                context: path.display().to_string(),
                message: "this folder was already read through another path (a symbolic link); it was skipped".to_owned(),
            });
        }
        first
    }

    /// Counts a file the reader will read against [`MAX_FILE_SIZE`].
    fn count_bytes(&mut self, path: &Path, size: u64) -> Result<(), Error> {
        self.listing.files.push(path.to_owned());
        self.bytes = self.bytes.saturating_add(size);
        if self.bytes > MAX_FILE_SIZE {
            return Err(invalid(
                path,
                format!(
                    "the collection's files add up to more than {} MiB at this file; postman-codegen reads collections of at most that size",
                    MAX_FILE_SIZE >> 20
                ),
                "check that this is the folder of one collection; for a real collection this large, delete saved examples you do not need or split it into several collections",
            ));
        }
        Ok(())
    }
}

fn too_deep(path: &Path) -> Error {
    invalid(
        path,
        format!("folders nest more than {MAX_FOLDER_DEPTH} levels deep here"),
        "check that this is the folder of one collection and that no symbolic link loops",
    )
}

pub(super) fn invalid(path: &Path, message: String, help: &str) -> Error {
    Error::Invalid {
        location: Box::new(Location {
            file: path.to_owned(),
            line: None,
            column: None,
            pointer: None,
        }),
        message,
        help: help.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalize_without_the_disk() {
        assert_eq!(normalize(Path::new("a/./b/../c")), Path::new("a/c"));
        assert_eq!(normalize(Path::new("../a")), Path::new("../a"));
        assert_eq!(normalize(Path::new("a/../../b")), Path::new("../b"));
        assert_eq!(
            stem(Path::new("x/Get one.request.yaml"), ".request"),
            "Get one"
        );
        assert_eq!(stem(Path::new("Ex.example.yml"), ".example"), "Ex");
    }
}
