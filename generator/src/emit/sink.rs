//! Where emission hands each module's items as soon as they exist.
//!
//! Holding every module's token streams until the end made them the memory peak of a run
//! (each identifier is its own allocation): a [`Sink`] lets the printer turn items into text
//! and drop them while emission goes on, and [`Collect`] keeps them for [`super::Code`].

use std::collections::BTreeMap;
use std::convert::Infallible;

use proc_macro2::TokenStream;

/// A module emission fills with items: a top-level one, or one folder's operations module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// `runtime`: the client and its helpers.
    Runtime,
    /// `types`: the inferred body types.
    Types,
    /// `params`: query structs and form fields.
    Params,
    /// `responses`: success enums.
    Responses,
    /// `errors`: per-operation error enums.
    Errors,
    /// `operations::<folder>`, by the folder's index in module order.
    Folder(usize),
}

/// Receives the items of each [`Part`] in order, interleaved between parts.
pub trait Sink {
    /// What a sink can fail with (printing: items that do not parse).
    type Error;

    /// Called once before the first items of `part`: its file path below `src/` without the
    /// extension (`["types"]`, `["operations", "repos"]`) and its doc text.
    fn start(&mut self, part: Part, path: &[&str], doc: &str) -> Result<(), Self::Error>;

    /// One or more whole items of `part`, never empty.
    fn items(&mut self, part: Part, items: TokenStream) -> Result<(), Self::Error>;

    /// `part` gets no more items.
    fn finish(&mut self, part: Part) -> Result<(), Self::Error>;
}

/// Keeps every part's items, for [`super::Code`].
#[derive(Debug, Default)]
pub struct Collect {
    parts: BTreeMap<Part, TokenStream>,
}

impl Collect {
    /// The items `part` received, concatenated (empty if none).
    pub fn take(&mut self, part: Part) -> TokenStream {
        self.parts.remove(&part).unwrap_or_default()
    }
}

impl Sink for Collect {
    type Error = Infallible;

    fn start(&mut self, _: Part, _: &[&str], _: &str) -> Result<(), Infallible> {
        Ok(())
    }

    fn items(&mut self, part: Part, items: TokenStream) -> Result<(), Infallible> {
        self.parts.entry(part).or_default().extend(items);
        Ok(())
    }

    fn finish(&mut self, _: Part) -> Result<(), Infallible> {
        Ok(())
    }
}
