//! The `build.rs` entry points: write `$OUT_DIR/<module>.rs` for `include!`, only when its
//! content changed, and tell cargo which files to watch.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::config::{Config, Outcome};
use crate::naming::snake_case;
use crate::plan::needs::Dependency;

/// What [`Config::compile`] did.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The file written (or left as it was): `<out_dir>/<module>.rs`.
    pub path: PathBuf,
    /// `false` when the file already had this content and was not touched, so its mtime
    /// stays and nothing that depends on it rebuilds.
    pub written: bool,
    /// Every input the run read, as given: the collection (for a v3 collection, its folder
    /// and then each file of it that the reader reads), then the overrides and environment
    /// files.
    pub inputs: Vec<PathBuf>,
    /// The `cargo:` lines printed to stdout: `rerun-if-changed` for each input and one
    /// `warning` per warning, as [`Config::emit_rerun_if_changed`] and
    /// [`Config::cargo_warnings`] ask; empty outside cargo.
    pub directives: Vec<String>,
    /// The crates the generated code uses, which the including crate must depend on.
    pub dependencies: Vec<Dependency>,
}

/// Generates the client for the Postman collection at `collection` into
/// `$OUT_DIR/<module>.rs`, with default settings: the common case of a `build.rs`.
///
/// `<module>` is the collection name in snake case (`Todo Live Collection` →
/// `todo_live_collection`); [`Config::module_name`] changes it. The file is rewritten only when
/// its content changes, and under cargo `cargo:rerun-if-changed` is printed for the collection,
/// so the build script runs again when the collection changes and only then.
///
/// `collection` is a JSON file or a Postman v3 collection folder (the one holding
/// `.resources/definition.yaml` and the `*.request.yaml` files). For a folder, the folder
/// itself is watched (cargo then notices any file added, changed or removed in it) and each
/// file of it too.
///
/// # Including the file
///
/// The generated code refers to itself by `crate::` paths (`crate::types::…`,
/// `crate::Client`), so include it **at the root of a crate** — a library crate dedicated to
/// the client is the usual choice — not inside a `mod`:
///
/// ```ignore
/// // src/lib.rs of the crate whose build.rs calls compile_collection
/// include!(concat!(env!("OUT_DIR"), "/todo_live_collection.rs"));
/// ```
///
/// That crate needs the generated code's dependencies: `reqwest` 0.13 without default
/// features but with `rustls` and `query` (and `json`, `form`, `multipart` + `stream` as the
/// collection's bodies need, and `blocking` for a [`Config::blocking`] client), `serde` with
/// `derive`, `serde_json`, and `percent-encoding` /
/// `mime_guess` when paths have parameters / items upload files. [`Compiled::dependencies`]
/// lists them for a given collection, as does the `Cargo.toml` that
/// `postman-codegen generate` writes. The file carries no crate attributes or crate docs
/// (`include!` cannot take inner attributes); write those in the including file.
///
/// # Example
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), postman_codegen::Error> {
///     postman_codegen::compile_collection("api.postman_collection.json")
/// }
/// ```
///
/// or, for a collection Postman v12 keeps in the repository as a v3 folder:
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), postman_codegen::Error> {
///     postman_codegen::compile_collection("postman/collections/Library API")
/// }
/// ```
///
/// Runnable with an explicit output folder (a build script gets `OUT_DIR` from cargo):
///
/// ```standalone_crate
/// # let out = std::env::temp_dir().join("postman-codegen-doc-compile");
/// # // SAFETY: a standalone doc test is its own process with one thread.
/// # unsafe { std::env::set_var("OUT_DIR", &out) };
/// postman_codegen::compile_collection("../collections/todo.postman_collection.json")?;
/// assert!(out.join("todo_live_collection.rs").exists());
/// # Ok::<(), postman_codegen::Error>(())
/// ```
///
/// Warnings are printed as `cargo:warning=…` under cargo; use [`Config::compile`] to read them
/// instead.
pub fn compile_collection(collection: impl AsRef<Path>) -> Result<(), Error> {
    Config::new().compile(collection).map(|_| ())
}

impl Config {
    /// Generates the client for `collection` into `<out_dir>/<module>.rs` (see
    /// [`compile_collection`] for how to include it), rewriting the file only when its content
    /// changed, and prints the `cargo:` directives this config asks for.
    ///
    /// Fails with [`Error::Setting`] when no [`Config::out_dir`] is set and `OUT_DIR` is not
    /// either (outside a build script).
    ///
    /// ```
    /// let out = std::env::temp_dir().join("postman-codegen-doc-config-compile");
    /// let mut config = postman_codegen::Config::new();
    /// config.out_dir(&out).module_name("todo");
    /// let collection = "../collections/todo.postman_collection.json";
    /// let _ = config.compile(collection)?;
    /// let again = config.compile(collection)?.output;
    /// assert!(!again.written, "same content: the file is left alone");
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn compile(&self, collection: impl AsRef<Path>) -> Result<Outcome<Compiled>, Error> {
        let collection = collection.as_ref();
        let out_dir = self.resolved_out_dir()?;
        let mut inputs = vec![collection.to_owned()];
        if crate::load::v3::is_collection_dir(collection) {
            inputs.extend(crate::load::v3::collection_files(collection));
        }
        inputs.extend(self.overrides.clone());
        inputs.extend(self.environment.clone());

        // Printed before generating: a failed run must watch its inputs too, so fixing the
        // collection is enough to make cargo try again.
        let mut directives: Vec<String> = if self.emit_rerun_if_changed {
            inputs
                .iter()
                .map(|input| format!("cargo:rerun-if-changed={}", input.display()))
                .collect()
        } else {
            Vec::new()
        };
        print_all(&directives);

        let single = self.single_file_parts(collection)?;
        let module = match &self.module_name {
            Some(name) => checked_module_name(name)?,
            None => default_module_name(&single.api_name),
        };
        let path = out_dir.join(format!("{module}.rs"));
        let written = write_if_changed(&path, &single.text)?;

        if self.cargo_warnings {
            let warnings: Vec<String> = single
                .warnings
                .iter()
                // One line each: cargo reads directives line by line.
                .map(|w| {
                    // Cargo prints `warning: ` itself.
                    let text = w.to_string();
                    let text = text.strip_prefix("warning: ").unwrap_or(&text);
                    format!("cargo:warning={}", text.replace('\n', " "))
                })
                .collect();
            print_all(&warnings);
            directives.extend(warnings);
        }
        Ok(Outcome {
            output: Compiled {
                path,
                written,
                inputs,
                directives,
                dependencies: single.dependencies,
            },
            warnings: single.warnings,
        })
    }

    fn resolved_out_dir(&self) -> Result<PathBuf, Error> {
        if let Some(dir) = &self.out_dir {
            return Ok(dir.clone());
        }
        std::env::var_os("OUT_DIR")
            .map(PathBuf::from)
            .ok_or_else(|| Error::Setting {
                setting: "out_dir".to_owned(),
                message: "the `OUT_DIR` environment variable is not set, and no output folder was given".to_owned(),
                help: "call this from a build script (build.rs), where cargo sets `OUT_DIR`, or set one with `Config::out_dir`".to_owned(),
            })
    }
}

fn print_all(lines: &[String]) {
    for line in lines {
        println!("{line}");
    }
}

/// `Todo Live Collection` → `todo_live_collection`; the crate name's rules (never empty, no
/// leading digit), in snake case.
pub(crate) fn default_module_name(collection_name: &str) -> String {
    crate::default_crate_name(collection_name).replace('-', "_")
}

fn checked_module_name(name: &str) -> Result<String, Error> {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain {
        Ok(name.to_owned())
    } else {
        Err(Error::Setting {
            setting: "module_name".to_owned(),
            message: format!("`{name}` is not a plain file name"),
            help: format!(
                "use letters, digits, `_` and `-` only, e.g. `{}`",
                snake_case(name).trim_start_matches("r#")
            ),
        })
    }
}

/// Writes `text` to `path` unless it already holds exactly that; `true` when it wrote.
fn write_if_changed(path: &Path, text: &str) -> Result<bool, Error> {
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Write {
            path: parent.to_owned(),
            source,
        })?;
    }
    std::fs::write(path, text).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })?;
    Ok(true)
}
