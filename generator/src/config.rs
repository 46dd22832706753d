//! The pipeline behind the CLI, build scripts and tests: one [`Config`], one way through.

use std::path::{Path, PathBuf};

use std::borrow::Cow;

use crate::attributes::TypeAttribute;
#[cfg(feature = "internals")]
use crate::emit::Code;
use crate::emit::emit;
use crate::infer::{FieldPolicies, FieldPolicy};
use crate::inspect::Inspection;
use crate::model::{Api, build_owned};
use crate::output::{
    Deliver, Files, Stale, Writer, Written, check_files, emit_crate_files, single_file,
};
use crate::overrides::Overrides;
use crate::plan::ApiPlan;
use crate::plan::needs::{Dependency, FeatureGates, Flavor};
#[cfg(feature = "internals")]
use crate::plan::operation::OperationPlan;
use crate::plan::types::SerdeDerives;
use crate::plan::{Options, plan};
use crate::{Error, Warning, load};

/// Settings for one generation run, in the style of `prost_build::Config`.
///
/// Setters take `&mut self` and return it, so they chain; the run methods take `&self`, so one
/// `Config` can generate several collections. Three layers use it:
///
/// - from `build.rs`: [`Config::compile`] writes `$OUT_DIR/<module>.rs` for `include!` (the
///   free function [`crate::compile_collection`] is the common case with default settings);
/// - from the command line or a tool that owns a folder: [`Config::write_crate`] and
///   [`Config::check_crate`] write or compare a whole crate;
/// - without touching the disk: [`Config::single_file`] and [`Config::crate_files`] return the
///   code, [`Config::inspect`] what became of each item, for tests and tools.
///
/// Every run method returns an [`Outcome`]: what it produced, and the warnings.
///
/// ```
/// # fn main() -> Result<(), postman_codegen::Error> {
/// let mut config = postman_codegen::Config::new();
/// config
///     .crate_name("todo-client")
///     .type_attribute("*", "#[derive(Default)]");
/// let outcome = config.crate_files("../collections/todo.postman_collection.json")?;
/// let files = &outcome.output;
/// let manifest = &files[std::path::Path::new("Cargo.toml")];
/// assert!(manifest.contains("name = \"todo-client\""));
/// assert!(files[std::path::Path::new("src/types.rs")].contains("Default"));
/// for warning in &outcome.warnings {
///     eprintln!("{warning}");
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) overrides: Option<PathBuf>,
    pub(crate) environment: Option<PathBuf>,
    pub(crate) crate_name: Option<String>,
    pub(crate) module_name: Option<String>,
    pub(crate) out_dir: Option<PathBuf>,
    pub(crate) emit_rerun_if_changed: bool,
    pub(crate) cargo_warnings: bool,
    pub(crate) type_attributes: Vec<(String, String)>,
    pub(crate) blocking: bool,
    pub(crate) features_per_folder: bool,
    pub(crate) serde_both_ways: bool,
    pub(crate) response_fields: Option<FieldPolicy>,
    pub(crate) request_fields: Option<FieldPolicy>,
    pub(crate) tracing: bool,
    pub(crate) middleware: bool,
}

impl Default for Config {
    /// Same as [`Config::new`].
    fn default() -> Self {
        // Like tonic-build: cargo sets `CARGO` for build scripts, so directives are printed
        // there and nowhere else (a CLI run must not print `cargo:` lines).
        let under_cargo = std::env::var_os("CARGO").is_some();
        Self {
            overrides: None,
            environment: None,
            crate_name: None,
            module_name: None,
            out_dir: None,
            emit_rerun_if_changed: under_cargo,
            cargo_warnings: under_cargo,
            type_attributes: Vec::new(),
            blocking: false,
            features_per_folder: false,
            serde_both_ways: false,
            response_fields: None,
            request_fields: None,
            tracing: false,
            middleware: false,
        }
    }
}

/// What the generated code becomes, which decides how the serde direction a type does not
/// use can be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A crate of its own, which declares the `serde-both-ways` feature.
    Crate,
    /// One file for `include!`, in a crate whose features are its own.
    IncludeFile,
}

/// A loaded collection's model with the settings emission needs.
struct Prepared {
    api: Api,
    overrides: Overrides,
    attributes: Vec<TypeAttribute>,
    warnings: Vec<Warning>,
    source: String,
}

/// What a run of [`Config`] produced, and what could not be generated fully: every run
/// method returns one.
///
/// ```
/// let outcome = postman_codegen::Config::new()
///     .single_file("../collections/todo.postman_collection.json")?;
/// assert!(outcome.output.contains("pub struct Client"));
/// for warning in &outcome.warnings {
///     eprintln!("{warning}");
/// }
/// # Ok::<(), postman_codegen::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Outcome<T> {
    /// What the run produced.
    pub output: T,
    /// What could not be generated fully: items skipped, overrides that matched nothing, …
    pub warnings: Vec<Warning>,
}

/// The model, the plan and the code of one run, before anything is written: for the corpus
/// harness and the benchmarks (the `internals` feature).
#[cfg(feature = "internals")]
#[derive(Debug)]
pub struct Generated {
    /// The API model.
    pub api: Api,
    /// The plan of each operation, in the model's order.
    pub plans: Vec<OperationPlan>,
    /// The generated code, with the JSON samples its types were inferred from.
    pub code: Code,
    /// What could not be generated fully.
    pub warnings: Vec<Warning>,
    /// The collection's file name, as generated files name their source.
    pub source: String,
}

/// A collection's plan with the run's warnings and the name generated files give its source.
struct Planned {
    plan: ApiPlan,
    warnings: Vec<Warning>,
    source: String,
}

impl Config {
    /// Default settings: no overrides, names from the collection name, output to `$OUT_DIR`,
    /// and `cargo:` directives printed when running under cargo (the `CARGO` variable is set).
    ///
    /// ```
    /// let config = postman_codegen::Config::new();
    /// let code = config.single_file("../collections/todo.postman_collection.json")?.output;
    /// assert!(code.contains("pub struct Client"));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads overrides from `path`: renames, skipped items, file fields, field types (the
    /// format is in the README, "Overrides"). Under cargo the file is also watched by `rerun-if-changed`.
    ///
    /// ```
    /// let mut config = postman_codegen::Config::new();
    /// config.overrides("../collections/zoom.overrides.toml");
    /// // Zoom's upload field is declared as text; the overrides make it a file part.
    /// let code = config.single_file("../collections/zoom-seed.postman_collection.json")?.output;
    /// assert!(code.contains("file: crate::FilePart"));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn overrides(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.overrides = Some(path.into());
        self
    }

    /// Reads a Postman environment file whose values the collection's `{{variables}}` take
    /// (they replace the collection's own values): the default base URL comes from it when the
    /// collection leaves `{{baseUrl}}` undefined. Under cargo the file is also watched.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join("postman-codegen-doc-environment");
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// let environment = dir.join("todo.environment.json");
    /// std::fs::write(&environment, r#"{"values": [{"key": "url", "value": "https://todo.example.com"}]}"#).unwrap();
    /// let mut config = postman_codegen::Config::new();
    /// config.environment(&environment);
    /// let code = config.single_file("../collections/todo.postman_collection.json")?.output;
    /// assert!(code.contains("\"https://todo.example.com\""));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn environment(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.environment = Some(path.into());
        self
    }

    /// The generated crate's package name, for [`Config::write_crate`]; by default the
    /// collection name in kebab case (`Zoom API` → `zoom-api`).
    ///
    /// ```
    /// let mut config = postman_codegen::Config::new();
    /// config.crate_name("todo-client");
    /// let files = config.crate_files("../collections/todo.postman_collection.json")?.output;
    /// assert!(files[std::path::Path::new("Cargo.toml")].contains("name = \"todo-client\""));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.crate_name = Some(name.into());
        self
    }

    /// The name of the file [`Config::compile`] writes, `<name>.rs`; by default the collection
    /// name in snake case (`Todo Live Collection` → `todo_live_collection.rs`). A plain file
    /// name: letters, digits, `_` and `-`.
    ///
    /// ```
    /// # let out = std::env::temp_dir().join("postman-codegen-doc-module-name");
    /// let mut config = postman_codegen::Config::new();
    /// config.module_name("todo").out_dir(&out);
    /// let compiled = config.compile("../collections/todo.postman_collection.json")?.output;
    /// assert_eq!(compiled.path, out.join("todo.rs"));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn module_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.module_name = Some(name.into());
        self
    }

    /// Where [`Config::compile`] writes; by default `$OUT_DIR`, which cargo sets for build
    /// scripts. Without either, `compile` fails with [`Error::Setting`] saying so.
    ///
    /// ```
    /// let out = std::env::temp_dir().join("postman-codegen-doc-out-dir");
    /// let mut config = postman_codegen::Config::new();
    /// config.out_dir(&out);
    /// let compiled = config.compile("../collections/todo.postman_collection.json")?.output;
    /// assert!(compiled.path.starts_with(&out));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn out_dir(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(path.into());
        self
    }

    /// Whether [`Config::compile`] prints `cargo:rerun-if-changed=<file>` for the collection and
    /// the overrides file, so cargo reruns the build script when one of them changes and only
    /// then. On by default when the `CARGO` variable is set (in build scripts).
    ///
    /// ```
    /// # let out = std::env::temp_dir().join("postman-codegen-doc-rerun");
    /// let mut config = postman_codegen::Config::new();
    /// config.emit_rerun_if_changed(true).cargo_warnings(false).out_dir(&out);
    /// let compiled = config.compile("../collections/todo.postman_collection.json")?.output;
    /// assert_eq!(
    ///     compiled.directives,
    ///     ["cargo:rerun-if-changed=../collections/todo.postman_collection.json"]
    /// );
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn emit_rerun_if_changed(&mut self, on: bool) -> &mut Self {
        self.emit_rerun_if_changed = on;
        self
    }

    /// Whether [`Config::compile`] prints each generation warning as `cargo:warning=…`, which
    /// cargo shows for path dependencies and workspace members. On by default when the
    /// `CARGO` variable is set.
    ///
    /// ```
    /// let mut config = postman_codegen::Config::new();
    /// config.cargo_warnings(false); // a large collection with many known gaps
    /// ```
    pub fn cargo_warnings(&mut self, on: bool) -> &mut Self {
        self.cargo_warnings = on;
        self
    }

    /// Adds `attribute` (one or more outer attributes, such as `#[derive(Default)]`) to the
    /// inferred body types of the `types` module named `type_name`, or to all of them for `"*"`.
    /// It is parsed when the code is generated; one that does not parse is an
    /// [`Error::Setting`]. The attribute must suit the type: `#[derive(Eq)]` does not compile on
    /// a type with an `f64` field.
    ///
    /// ```
    /// let mut config = postman_codegen::Config::new();
    /// config.type_attribute("*", "#[derive(Default)]");
    /// let code = config.single_file("../collections/todo.postman_collection.json")?.output;
    /// assert!(code.contains("Default"));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn type_attribute(
        &mut self,
        type_name: impl Into<String>,
        attribute: impl Into<String>,
    ) -> &mut Self {
        self.type_attributes
            .push((type_name.into(), attribute.into()));
        self
    }

    /// Whether to generate a blocking client (`reqwest::blocking`, plain `fn` operations) instead
    /// of the async one, for programs without an async runtime. The types, errors and decoders
    /// are the same; the crate depends on reqwest's `blocking` feature. Off by default.
    ///
    /// ```
    /// let mut config = postman_codegen::Config::new();
    /// config.blocking(true);
    /// let code = config.single_file("../collections/todo.postman_collection.json")?.output;
    /// assert!(code.contains("http: ::reqwest::blocking::Client"));
    /// assert!(!code.contains("async fn"));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn blocking(&mut self, on: bool) -> &mut Self {
        self.blocking = on;
        self
    }

    fn flavor(&self) -> Flavor {
        if self.blocking {
            Flavor::Blocking
        } else {
            Flavor::Async
        }
    }

    /// Makes each top-level folder a cargo feature of the generated crate (all on by default):
    /// a folder's operations, and the params, errors, responses and types only they use,
    /// compile only with its feature, so a user of one folder of a large API builds that
    /// alone (`default-features = false, features = ["meetings"]`). Features are named after
    /// the folders' modules in kebab case (`code-scanning`). For [`Config::compile`], the
    /// including crate declares the features itself. Off by default.
    ///
    /// ```
    /// let mut config = postman_codegen::Config::new();
    /// config.features_per_folder(true);
    /// let files = config.crate_files("../collections/zoom-seed.postman_collection.json")?.output;
    /// let manifest = &files[std::path::Path::new("Cargo.toml")];
    /// assert!(manifest.contains("[features]"));
    /// assert!(files[std::path::Path::new("src/operations.rs")].contains("#[cfg(feature = "));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn features_per_folder(&mut self, on: bool) -> &mut Self {
        self.features_per_folder = on;
        self
    }

    /// Whether every inferred type derives both `Serialize` and `Deserialize`. By default
    /// each derives only what the client does with it: `Serialize` for what it sends
    /// (request bodies), `Deserialize` for what it receives (responses), both for types used
    /// both ways, since serde code is a large part of the generated code's compile time. Turn
    /// it on to cache responses as JSON or read request bodies from files. A generated crate
    /// ([`Config::write_crate`]) also offers this as its `serde-both-ways` cargo feature, off
    /// by default; the file for `include!` ([`Config::compile`]) has only this setting.
    ///
    /// ```
    /// let mut config = postman_codegen::Config::new();
    /// config.serde_both_ways(true);
    /// let code = config.single_file("../collections/todo.postman_collection.json")?.output;
    /// // Every type is both: what the client only receives derives `Serialize` as well.
    /// // (A struct of `Option` fields has its `Deserialize` from the runtime's `by_key!`,
    /// // decoded key by key.) `Error404Body`, a body the client only receives, serializes too.
    /// let at = code.find("pub struct Error404Body").unwrap();
    /// let derive = code[..at].rfind("#[derive(").unwrap();
    /// assert!(code[derive..at].contains("::serde::Serialize"));
    /// assert!(code.contains("by_key!(Deserialize for Error404Body {"));
    /// assert!(!code.contains("cfg_attr"));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn serde_both_ways(&mut self, on: bool) -> &mut Self {
        self.serde_both_ways = on;
        self
    }

    /// Which fields of the types the client receives (success and error bodies) are `Option`:
    /// by default ([`FieldPolicy::Optional`]) every one, so that a response that leaves out
    /// or nulls a field the samples always had still decodes; [`FieldPolicy::Observed`] makes
    /// optional only what some sample lacks or nulls. Wins over `response_fields` in the
    /// overrides file. README, "How types are inferred", has the measurements behind the
    /// default.
    ///
    /// ```
    /// use postman_codegen::{Config, FieldPolicy};
    /// let mut config = Config::new();
    /// config.response_fields(FieldPolicy::Observed);
    /// let code = config.single_file("../collections/todo.postman_collection.json")?.output;
    /// // The 404 body of every sample has its `error`: not an `Option` any more.
    /// assert!(code.contains("pub error: String,"));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn response_fields(&mut self, policy: FieldPolicy) -> &mut Self {
        self.response_fields = Some(policy);
        self
    }

    /// Which fields of the request bodies the client sends are `Option` (not sent when
    /// `None`): by default ([`FieldPolicy::Optional`]) every one the collection does not mark
    /// required, so a caller sets only what it means to send; [`FieldPolicy::Observed`] makes
    /// optional only what the sample lacks. A PATCH body leaves every field optional either
    /// way. Wins over `request_fields` in the overrides file.
    ///
    /// ```
    /// use postman_codegen::{Config, FieldPolicy};
    /// let mut config = Config::new();
    /// config.request_fields(FieldPolicy::Observed);
    /// let code = config.single_file("../collections/todo.postman_collection.json")?.output;
    /// // The sample of the new todo has its `title`: the caller must give one.
    /// assert!(code.contains("pub title: String,"));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn request_fields(&mut self, policy: FieldPolicy) -> &mut Self {
        self.request_fields = Some(policy);
        self
    }

    /// Puts a `tracing` span around each call in the file for `include!` ([`Config::compile`],
    /// [`Config::single_file`]); the crate that includes it depends on `tracing` (0.1, feature
    /// `std`). A generated crate has the span behind its `tracing` feature whatever this says.
    ///
    /// ```
    /// let todo = "../collections/todo.postman_collection.json";
    /// let code = postman_codegen::Config::new().tracing(true).single_file(todo)?.output;
    /// // In, without a `#[cfg]` naming a feature the including crate does not declare.
    /// assert!(code.contains("::tracing::info_span!"));
    /// assert!(!code.contains("feature = \"tracing\""));
    /// let code = postman_codegen::Config::new().single_file(todo)?.output;
    /// assert!(!code.contains("::tracing::"));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn tracing(&mut self, on: bool) -> &mut Self {
        self.tracing = on;
        self
    }

    /// Gives the client of the file for `include!` `Client::with_middleware`; an async client's
    /// crate then depends on `reqwest-middleware` (0.5). A generated crate has it behind its
    /// `middleware` feature whatever this says.
    ///
    /// ```
    /// let todo = "../collections/todo.postman_collection.json";
    /// let code = postman_codegen::Config::new().middleware(true).single_file(todo)?.output;
    /// assert!(code.contains("pub fn with_middleware("));
    /// assert!(!code.contains("feature = \"middleware\""));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn middleware(&mut self, on: bool) -> &mut Self {
        self.middleware = on;
        self
    }

    /// How the runtime's optional features reach code laid out as `layout`.
    fn feature_gates(&self, layout: Layout) -> FeatureGates {
        match layout {
            Layout::Crate => FeatureGates::Cargo,
            Layout::IncludeFile => FeatureGates::Resolved {
                tracing: self.tracing,
                middleware: self.middleware,
            },
        }
    }

    fn serde_derives(&self, layout: Layout) -> SerdeDerives {
        match (self.serde_both_ways, layout) {
            (true, _) => SerdeDerives::Both,
            (false, Layout::Crate) => SerdeDerives::UsedOrFeature,
            (false, Layout::IncludeFile) => SerdeDerives::Used,
        }
    }

    /// Loads `collection` and generates its code in memory, keeping the model and the JSON
    /// samples beside it (the `internals` feature, for the corpus harness).
    #[cfg(feature = "internals")]
    pub fn generate(&self, collection: impl AsRef<Path>) -> Result<Generated, Error> {
        let Prepared {
            api,
            overrides,
            attributes,
            mut warnings,
            source,
        } = self.prepare(collection.as_ref())?;
        let mut options = self.options(&overrides, &attributes, Layout::Crate);
        options.keep_samples = true;
        let mut plan = plan(Cow::Borrowed(&api), &options);
        warnings.extend(overrides.unused_types(&api.renamed));
        warnings.append(&mut plan.warnings);
        let plans = plan.operations.clone();
        let code = emit(plan);
        Ok(Generated {
            api,
            plans,
            code,
            warnings,
            source,
        })
    }

    /// Loads `collection` and plans its code for `layout`; the model is consumed.
    fn planned(&self, collection: &Path, layout: Layout) -> Result<Planned, Error> {
        let Prepared {
            mut api,
            overrides,
            attributes,
            mut warnings,
            source,
        } = self.prepare(collection)?;
        let options = self.options(&overrides, &attributes, layout);
        let renamed = std::mem::take(&mut api.renamed);
        let mut plan = plan(Cow::Owned(api), &options);
        plan.needs.features = self.feature_gates(layout);
        // After inference: only then do the `[[type]]` tables know what they met.
        warnings.extend(overrides.unused_types(&renamed));
        warnings.append(&mut plan.warnings);
        Ok(Planned {
            plan,
            warnings,
            source,
        })
    }

    /// Everything before emission: the settings, the collection loaded and its model built.
    fn prepare(&self, collection: &Path) -> Result<Prepared, Error> {
        // Settings first: a typo in an attribute should not wait for a large collection to load.
        let attributes = TypeAttribute::parse_all(&self.type_attributes)?;
        let overrides = match &self.overrides {
            Some(path) => Overrides::load(path)?,
            None => Overrides::default(),
        };
        let environment = match &self.environment {
            Some(path) => load::load_environment(path)?,
            None => Vec::new(),
        };
        let (mut loaded, mut warnings) = load::load_path(collection)?;
        load::apply_environment(&mut loaded.variables, environment);
        // The model consumes the loaded collection (about twice the file's size), freeing each
        // request item once its operation is built, which lowers the peak memory of a run.
        let (api, model_warnings) = build_owned(loaded, &overrides);
        warnings.extend(model_warnings);
        let source = collection.file_name().map_or_else(
            || collection.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        Ok(Prepared {
            api,
            overrides,
            attributes,
            warnings,
            source,
        })
    }

    fn options<'a>(
        &self,
        overrides: &'a Overrides,
        type_attributes: &'a [TypeAttribute],
        layout: Layout,
    ) -> Options<'a> {
        Options {
            type_overrides: &overrides.types,
            features_per_folder: self.features_per_folder,
            flavor: self.flavor(),
            serde: self.serde_derives(layout),
            type_attributes,
            keep_samples: false,
            field_policies: FieldPolicies {
                responses: self
                    .response_fields
                    .or(overrides.response_fields)
                    .unwrap_or_default(),
                requests: self
                    .request_fields
                    .or(overrides.request_fields)
                    .unwrap_or_default(),
            },
        }
    }

    /// What the generator makes of each item of `collection`: its function, signature, where
    /// each Postman parameter went, and the warnings about it (the CLI's `inspect`).
    ///
    /// ```
    /// let inspection = postman_codegen::Config::new()
    ///     .inspect("../collections/todo.postman_collection.json")?;
    /// assert!(inspection.output.items.iter().any(|item| item.function == "get_todos"));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn inspect(&self, collection: impl AsRef<Path>) -> Result<Outcome<Inspection>, Error> {
        let Planned { plan, warnings, .. } = self.planned(collection.as_ref(), Layout::Crate)?;
        Ok(Outcome {
            output: crate::inspect::inspect(&plan, &warnings),
            warnings,
        })
    }

    /// The files of the generated crate for `collection`, in memory: `Cargo.toml`,
    /// `rustfmt.toml` and `src/…`, keyed by their path relative to the crate folder.
    ///
    /// ```
    /// let files = postman_codegen::Config::new()
    ///     .crate_files("../collections/todo.postman_collection.json")?
    ///     .output;
    /// assert!(files.contains_key(std::path::Path::new("src/lib.rs")));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn crate_files(&self, collection: impl AsRef<Path>) -> Result<Outcome<Files>, Error> {
        let mut files = Files::new();
        let warnings = self.emit_files(collection.as_ref(), &mut |path, text| {
            files.insert(path.to_owned(), text);
            Ok(())
        })?;
        Ok(Outcome {
            output: files,
            warnings,
        })
    }

    /// Generates the crate for `collection`, handing each file to `deliver` as soon as it is
    /// complete.
    fn emit_files(&self, collection: &Path, deliver: Deliver<'_>) -> Result<Vec<Warning>, Error> {
        let Planned {
            plan,
            warnings,
            source,
        } = self.planned(collection, Layout::Crate)?;
        let name = self
            .crate_name
            .clone()
            .unwrap_or_else(|| default_crate_name(&plan.name));
        // The plan is consumed by emission; each module is printed as soon as it is emitted,
        // and its tokens dropped: holding every module's tokens at once was the memory peak.
        emit_crate_files(plan, &name, &source, deliver)?;
        Ok(warnings)
    }

    /// Generates the crate for `collection` into `out`, rewriting only files that changed and
    /// removing `.rs` files under `src/` that are no longer generated; says how many files the
    /// crate has and which of them changed.
    ///
    /// Each file is staged on disk as soon as it is printed and its text dropped, rather than
    /// holding the whole crate's text (154 MB for a 50k-request API) until the end; the staged
    /// files replace the old ones only once all are printed, so a failed run changes nothing.
    ///
    /// ```
    /// let out = std::env::temp_dir().join("postman-codegen-doc-write-crate");
    /// let written = postman_codegen::Config::new()
    ///     .write_crate("../collections/todo.postman_collection.json", &out)?
    ///     .output;
    /// assert!(out.join("src/lib.rs").exists());
    /// assert!(written.files > 0);
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn write_crate(
        &self,
        collection: impl AsRef<Path>,
        out: impl AsRef<Path>,
    ) -> Result<Outcome<Written>, Error> {
        let mut writer = Writer::new(out.as_ref());
        let warnings = self.emit_files(collection.as_ref(), &mut |path, text| {
            writer.file(path, &text)
        })?;
        Ok(Outcome {
            output: writer.finish()?,
            warnings,
        })
    }

    /// Compares the crate in `out` with what `collection` generates, writing nothing; the list
    /// of stale files is empty when the crate is fresh.
    ///
    /// ```
    /// let out = std::env::temp_dir().join("postman-codegen-doc-check-crate");
    /// let config = postman_codegen::Config::new();
    /// let collection = "../collections/todo.postman_collection.json";
    /// let _ = config.write_crate(collection, &out)?;
    /// assert!(config.check_crate(collection, &out)?.output.is_empty());
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn check_crate(
        &self,
        collection: impl AsRef<Path>,
        out: impl AsRef<Path>,
    ) -> Result<Outcome<Vec<Stale>>, Error> {
        let Outcome { output, warnings } = self.crate_files(collection)?;
        Ok(Outcome {
            output: check_files(out.as_ref(), &output),
            warnings,
        })
    }

    /// The code for `collection` as one Rust file with inline modules and an `@generated`
    /// header, the text [`Config::compile`] writes. See [`crate::compile_collection`] for how
    /// to include it.
    ///
    /// ```
    /// let code = postman_codegen::Config::new()
    ///     .single_file("../collections/todo.postman_collection.json")?
    ///     .output;
    /// assert!(code.starts_with("// This file is @generated by postman-codegen"));
    /// assert!(code.contains("pub mod types {"));
    /// # Ok::<(), postman_codegen::Error>(())
    /// ```
    pub fn single_file(&self, collection: impl AsRef<Path>) -> Result<Outcome<String>, Error> {
        let single = self.single_file_parts(collection.as_ref())?;
        Ok(Outcome {
            output: single.text,
            warnings: single.warnings,
        })
    }

    /// [`Config::single_file`], with what `build.rs` needs besides the text.
    pub(crate) fn single_file_parts(&self, collection: &Path) -> Result<SingleFile, Error> {
        let Planned {
            plan,
            warnings,
            source,
        } = self.planned(collection, Layout::IncludeFile)?;
        let api_name = plan.name.clone();
        let code = emit(plan);
        Ok(SingleFile {
            text: single_file(&code, &source)?,
            api_name,
            dependencies: code.dependencies,
            warnings,
        })
    }
}

/// The single file for `include!`, and what `build.rs` needs to know besides its text.
pub(crate) struct SingleFile {
    pub(crate) text: String,
    pub(crate) api_name: String,
    pub(crate) dependencies: Vec<Dependency>,
    pub(crate) warnings: Vec<Warning>,
}

/// `Zoom API` → `zoom-api`; `api-client` when nothing usable is left.
///
/// ```
/// assert_eq!(postman_codegen::default_crate_name("Zoom API"), "zoom-api");
/// ```
pub fn default_crate_name(collection_name: &str) -> String {
    use heck::ToKebabCase;
    let name: String = collection_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_kebab_case();
    match name.chars().next() {
        None => "api-client".to_owned(),
        Some(first) if first.is_ascii_digit() => format!("api-{name}"),
        Some(_) => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_from_collection_names() {
        assert_eq!(default_crate_name("Zoom API"), "zoom-api");
        assert_eq!(default_crate_name("Binance Spot API"), "binance-spot-api");
        assert_eq!(default_crate_name("3D Secure"), "api-3d-secure");
        assert_eq!(default_crate_name("!!!"), "api-client");
    }
}
