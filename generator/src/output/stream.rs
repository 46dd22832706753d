//! Printing while emission goes on: each module's items are parsed as they arrive, printed
//! [`CHUNK_ITEMS`] at a time and dropped, so no module's token streams outlive its printing.
//!
//! The text is the one [`super::print`] gives for the whole module: prettyplease prints a
//! file's inner attributes and then its items one after another with nothing between them, so
//! chunks printed apart and joined are the whole file's text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use proc_macro2::TokenStream;

use super::{CHUNK_ITEMS, Deliver};
use crate::Error;
use crate::emit::inner_doc;
use crate::emit::sink::{Part, Sink};

/// A [`Sink`] that prints each part into the text of its file, and hands the file over as
/// soon as the part is finished: a writer then drops the text rather than holding every file
/// (154 MB for a 50k-request API) until the end.
pub(crate) struct Printer<'a> {
    parts: BTreeMap<Part, Printing>,
    /// The `@generated` header every file starts with.
    header: &'a str,
    deliver: Deliver<'a>,
    /// The files handed over.
    printed: BTreeSet<PathBuf>,
}

/// One file being printed.
struct Printing {
    path: PathBuf,
    /// The module's inner doc attributes, until the first chunk is printed.
    head: Option<TokenStream>,
    pending: Vec<syn::Item>,
    /// The file's text so far, from the header on.
    text: String,
}

impl<'a> Printer<'a> {
    pub(crate) fn new(header: &'a str, deliver: Deliver<'a>) -> Self {
        Self {
            parts: BTreeMap::new(),
            header,
            deliver,
            printed: BTreeSet::new(),
        }
    }

    /// The paths (below the crate folder) of the files handed over: the parts that received
    /// items.
    pub(crate) fn into_printed(self) -> BTreeSet<PathBuf> {
        self.printed
    }
}

impl Printing {
    fn flush(&mut self) -> Result<(), Error> {
        if self.pending.is_empty() {
            return Ok(());
        }
        // The doc goes with the first chunk; later ones are items alone.
        let head = self.head.take().unwrap_or_default();
        let mut file = self.parse(head)?;
        file.items = std::mem::take(&mut self.pending);
        self.text.push_str(&super::unparse(&file));
        Ok(())
    }

    fn parse(&self, tokens: TokenStream) -> Result<syn::File, Error> {
        syn::parse2(tokens).map_err(|error| Error::Internal {
            what: self.path.display().to_string(),
            message: error.to_string(),
        })
    }
}

impl Sink for Printer<'_> {
    type Error = Error;

    fn start(&mut self, part: Part, path: &[&str], doc: &str) -> Result<(), Error> {
        // As `super::module_files` names them: `src/<module>/<child>.rs`.
        let mut file = PathBuf::from("src");
        if let Some((name, dirs)) = path.split_last() {
            file.extend(dirs);
            file.push(format!("{name}.rs"));
        }
        self.parts.insert(
            part,
            Printing {
                path: file,
                head: Some(inner_doc(doc)),
                pending: Vec::new(),
                text: format!("{}\n", self.header),
            },
        );
        Ok(())
    }

    fn items(&mut self, part: Part, items: TokenStream) -> Result<(), Error> {
        let printing = self.parts.get_mut(&part).expect("a part starts first");
        let mut items = printing.parse(items)?.items;
        printing.pending.append(&mut items);
        // An operations module's items are `impl` blocks of up to 64 methods each: large
        // enough to print one at a time.
        if printing.pending.len() >= CHUNK_ITEMS || matches!(part, Part::Folder(_)) {
            printing.flush()?;
        }
        Ok(())
    }

    fn finish(&mut self, part: Part) -> Result<(), Error> {
        let Some(mut printing) = self.parts.remove(&part) else {
            return Ok(());
        };
        printing.flush()?;
        // A part without items is no module of the crate: its file is not written.
        if printing.head.is_none() {
            (self.deliver)(&printing.path, printing.text)?;
            self.printed.insert(printing.path);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::Config;

    /// The crate printed while emitting (`Config::crate_files`) is the crate printed from the
    /// whole `Code` afterwards, byte for byte, with every setting that changes what is emitted.
    #[test]
    fn printing_while_emitting_gives_the_same_files() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let seed = format!("{root}/collections/zoom-seed.postman_collection.json");
        let wire = format!("{root}/tests/fixtures/wire.postman_collection.json");
        // Large enough that every module is printed in several chunks.
        let github = format!("{root}/collections/github-v3.postman_collection.json");
        let mut configs = Vec::new();
        let mut config = Config::new();
        config
            .overrides(format!("{root}/collections/zoom.overrides.toml"))
            .type_attribute("*", "#[derive(Default)]")
            .type_attribute("NoSuchType", "#[non_exhaustive]");
        configs.push((config.clone(), seed.clone()));
        config.features_per_folder(true);
        configs.push((config, seed));
        configs.push((Config::new().blocking(true).clone(), wire));
        configs.push((Config::new(), github.clone()));
        configs.push((Config::new().features_per_folder(true).clone(), github));
        for (config, collection) in configs {
            let crate::Outcome { output: streamed, warnings } = config.crate_files(&collection).unwrap();
            let generated = config.generate(&collection).unwrap();
            let name = crate::default_crate_name(&generated.api.name);
            let whole = super::super::crate_files(&generated.code, &name, &generated.source);
            assert_eq!(streamed, whole.unwrap(), "{collection}");
            let shown = |list: &[crate::Warning]| list.iter().map(ToString::to_string).collect();
            let warnings: Vec<String> = shown(&warnings);
            assert_eq!(warnings, shown(&generated.warnings), "{collection}");
        }
    }

    /// A folder of more operations than one `impl` block takes is printed as several blocks, so
    /// that no single item (parsed whole) grows with the folder: github-v3's `repos` folder has
    /// 140 operations.
    #[test]
    fn a_large_folder_is_several_impl_blocks() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let github = format!("{root}/collections/github-v3.postman_collection.json");
        let crate::Outcome { output: files, warnings: _ } = Config::new().crate_files(github).unwrap();
        let repos = &files[std::path::Path::new("src/operations/repos.rs")];
        let blocks: Vec<usize> = repos
            .split("impl crate::Client {")
            .skip(1)
            // The operations and their twins, not the pagers (`…_pages<'a>`, `…_items<'a>`).
            .map(|block| {
                block
                    .lines()
                    .filter(|line| line.starts_with("    pub fn ") && !line.contains("<'a>("))
                    .count()
            })
            .collect();
        // 64 operations a block; two downloads bring their `_stream` twins along.
        assert_eq!(blocks, [64, 65, 13]);
    }
}
