//! The pipeline behind the CLI, build scripts and tests: one [`Config`], one way through.

use std::path::{Path, PathBuf};

use crate::emit::{Code, emit};
use crate::model::{Api, build};
use crate::output::{Files, Stale, check_files, crate_files, single_file, write_files};
use crate::overrides::Overrides;
use crate::{Error, Warning, load};

/// Settings for one generation run.
///
/// ```no_run
/// # fn main() -> Result<(), postman_codegen::Error> {
/// let mut config = postman_codegen::Config::new();
/// config.overrides("collections/zoom.overrides.toml");
/// let warnings = config.write_crate("collections/zoom.postman_collection.json", "zoom-client")?;
/// for warning in warnings {
///     eprintln!("{warning}");
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Config {
    overrides: Option<PathBuf>,
    crate_name: Option<String>,
}

/// Everything one run produces, before anything is written.
#[derive(Debug)]
pub struct Generated {
    /// The API model.
    pub api: Api,
    /// The generated code.
    pub code: Code,
    /// What could not be generated fully.
    pub warnings: Vec<Warning>,
    /// The collection's file name, as generated files name their source.
    pub source: String,
}

impl Config {
    /// Default settings: no overrides, crate name from the collection name.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads overrides from `path` (see [`crate::overrides`]).
    pub fn overrides(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.overrides = Some(path.into());
        self
    }

    /// The generated crate's package name; by default the collection name in kebab case
    /// (`Zoom API` → `zoom-api`).
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.crate_name = Some(name.into());
        self
    }

    /// Loads `collection` and generates its code, in memory.
    pub fn generate(&self, collection: impl AsRef<Path>) -> Result<Generated, Error> {
        let collection = collection.as_ref();
        let overrides = match &self.overrides {
            Some(path) => Overrides::load(path)?,
            None => Overrides::default(),
        };
        let (loaded, mut warnings) = load::load_file(collection)?;
        let (api, model_warnings) = build(&loaded, &overrides);
        warnings.extend(model_warnings);
        let code = emit(&api);
        let source = collection.file_name().map_or_else(
            || collection.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        Ok(Generated {
            api,
            code,
            warnings,
            source,
        })
    }

    /// The files of the generated crate for `collection`, in memory.
    pub fn crate_files(
        &self,
        collection: impl AsRef<Path>,
    ) -> Result<(Files, Vec<Warning>), Error> {
        let generated = self.generate(collection)?;
        let name = self
            .crate_name
            .clone()
            .unwrap_or_else(|| default_crate_name(&generated.api.name));
        let files = crate_files(&generated.code, &name, &generated.source)?;
        Ok((files, generated.warnings))
    }

    /// Generates the crate for `collection` into `out`, rewriting only files that changed.
    pub fn write_crate(
        &self,
        collection: impl AsRef<Path>,
        out: impl AsRef<Path>,
    ) -> Result<Vec<Warning>, Error> {
        let (files, warnings) = self.crate_files(collection)?;
        write_files(out.as_ref(), &files)?;
        Ok(warnings)
    }

    /// Compares the crate in `out` with what `collection` generates; empty when fresh.
    pub fn check_crate(
        &self,
        collection: impl AsRef<Path>,
        out: impl AsRef<Path>,
    ) -> Result<(Vec<Stale>, Vec<Warning>), Error> {
        let (files, warnings) = self.crate_files(collection)?;
        Ok((check_files(out.as_ref(), &files), warnings))
    }

    /// The code for `collection` as one Rust file with inline modules, for `include!`.
    pub fn single_file(
        &self,
        collection: impl AsRef<Path>,
    ) -> Result<(String, Vec<Warning>), Error> {
        let generated = self.generate(collection)?;
        Ok((
            single_file(&generated.code, &generated.source)?,
            generated.warnings,
        ))
    }
}

/// `Zoom API` → `zoom-api`; `value` when nothing usable is left.
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
