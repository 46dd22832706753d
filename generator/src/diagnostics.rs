//! Errors that stop a run and warnings that do not.

use std::fmt;
use std::path::PathBuf;

/// Where in an input file something is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as the user named it.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// JSON pointer (RFC 6901) of the value, when known; `""` is the whole document.
    pub pointer: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        match self.pointer.as_deref() {
            Some("") => write!(f, " (at the top level)"),
            Some(pointer) => write!(f, " (at {pointer})"),
            None => Ok(()),
        }
    }
}

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file could not be read.
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An input file is not what it should be.
    #[error("{location}: {message}\n  help: {help}")]
    Invalid {
        /// Where (boxed: errors are rare, and a small `Result` keeps the happy path lean).
        location: Box<Location>,
        /// What is wrong.
        message: String,
        /// What to do about it.
        help: String,
    },
    /// Writing the output failed.
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A setting of [`crate::Config`] or its environment cannot be used (`OUT_DIR` unset, an
    /// attribute that does not parse, …).
    #[error("{setting}: {message}\n  help: {help}")]
    Setting {
        /// The setting, as named in the API (`out_dir`, `type_attribute`, …).
        setting: String,
        /// What is wrong.
        message: String,
        /// What to do about it.
        help: String,
    },
    /// The generator produced code that does not parse; a bug in postman-codegen.
    #[error(
        "internal error: generated code for {what} does not parse: {message}; please report this"
    )]
    Internal {
        /// Which part of the output.
        what: String,
        /// The parser's message.
        message: String,
    },
}

/// Something the generator could not do fully; the run goes on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The item or place it concerns: a folder path such as `accounts/{account Id}/Get plan`,
    /// or a JSON pointer.
    pub context: String,
    /// What happened and what the generator did instead.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.context.is_empty() {
            write!(f, "warning: {}", self.message)
        } else {
            write!(f, "warning: {}: {}", self.context, self.message)
        }
    }
}
