//! Printing while emission goes on: each module's items are parsed as they arrive, printed
//! [`CHUNK_ITEMS`] at a time and dropped, so no module's token streams outlive its printing.
//!
//! The text is the one [`super::print`] gives for the whole module: prettyplease prints a
//! file's inner attributes and then its items one after another with nothing between them, so
//! chunks printed apart and joined are the whole file's text.

use std::collections::BTreeMap;
use std::path::PathBuf;

use proc_macro2::TokenStream;

use super::CHUNK_ITEMS;
use super::helper::{Done, Helper};
use crate::Error;
use crate::attributes::{TypeAttribute, add_to};
use crate::emit::inner_doc;
use crate::emit::sink::{Part, Sink};

/// A chunk's place: its part, and its position in the part's file.
pub(crate) type Key = (Part, usize);

/// A [`Sink`] that prints each part into the text of its file, handing chunks to a
/// [`Helper`] thread while it has room.
pub(crate) struct Printer<'a> {
    parts: BTreeMap<Part, Printing>,
    /// `Config::type_attribute` settings, added to the items of the `types` part.
    attributes: &'a mut [TypeAttribute],
    helper: Option<Helper>,
    /// Chunks the helper printed, not yet put in their place.
    received: Vec<Done>,
}

/// One file being printed.
struct Printing {
    path: PathBuf,
    /// The module's inner doc attributes, until the first chunk is printed.
    head: Option<TokenStream>,
    /// Items not printed yet, as emission handed them (one or more items each).
    pending: Vec<TokenStream>,
    /// The printed chunks in file order; `None` while the helper prints one.
    chunks: Vec<Option<String>>,
}

impl<'a> Printer<'a> {
    pub(crate) fn new(attributes: &'a mut [TypeAttribute], helper: Option<Helper>) -> Self {
        Self {
            parts: BTreeMap::new(),
            attributes,
            helper,
            received: Vec::new(),
        }
    }

    /// The printed files that received items: path below the crate folder → text (without the
    /// `@generated` header), once the helper has printed its last chunks.
    pub(crate) fn into_texts(mut self) -> Result<BTreeMap<PathBuf, String>, Error> {
        if let Some(helper) = self.helper.take() {
            self.received.extend(helper.finish());
        }
        self.place_received()?;
        Ok(self
            .parts
            .into_values()
            .filter(|part| !part.chunks.is_empty())
            .map(|part| (part.path, part.chunks.into_iter().flatten().collect()))
            .collect())
    }

    fn place_received(&mut self) -> Result<(), Error> {
        for ((part, index), result) in self.received.drain(..) {
            let printing = self.parts.get_mut(&part).expect("a part starts first");
            let text = result.map_err(|message| Error::Internal {
                what: printing.path.display().to_string(),
                message,
            })?;
            printing.chunks[index] = Some(text);
        }
        Ok(())
    }

    /// Prints the pending items of `part`, here or on the helper thread.
    fn flush(&mut self, part: Part) -> Result<(), Error> {
        let printing = self.parts.get_mut(&part).expect("a part starts first");
        if printing.pending.is_empty() {
            return Ok(());
        }
        let head = printing.head.take();
        let items = std::mem::take(&mut printing.pending);
        // Attributes are added to parsed items, so those chunks are printed here.
        let attributes = match part {
            Part::Types => &mut *self.attributes,
            _ => &mut [],
        };
        let received = &mut self.received;
        let to_helper = attributes.is_empty()
            && (self.helper.as_mut()).is_some_and(|helper| helper.has_room(received));
        match self.helper.as_mut().filter(|_| to_helper) {
            Some(helper) => {
                let mut text = head.map(|head| head.to_string()).unwrap_or_default();
                for tokens in items {
                    text.push(' ');
                    text.push_str(&tokens.to_string());
                }
                helper.send((part, printing.chunks.len()), text);
                printing.chunks.push(None);
            }
            _ => {
                let text = printing.print(head, items, attributes)?;
                printing.chunks.push(Some(text));
            }
        }
        Ok(())
    }
}

impl Printing {
    fn print(
        &self,
        head: Option<TokenStream>,
        pending: Vec<TokenStream>,
        attributes: &mut [TypeAttribute],
    ) -> Result<String, Error> {
        // The doc goes with the first chunk; later ones are items alone.
        let mut file = self.parse(head.unwrap_or_default())?;
        for tokens in pending {
            file.items.append(&mut self.parse(tokens)?.items);
        }
        if !attributes.is_empty() {
            for item in &mut file.items {
                add_to(item, attributes);
            }
        }
        Ok(prettyplease::unparse(&file))
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
                chunks: Vec::new(),
            },
        );
        Ok(())
    }

    fn items(&mut self, part: Part, items: TokenStream) -> Result<(), Error> {
        let printing = self.parts.get_mut(&part).expect("a part starts first");
        printing.pending.push(items);
        if printing.pending.len() >= CHUNK_ITEMS {
            self.flush(part)?;
        }
        Ok(())
    }

    fn finish(&mut self, part: Part) -> Result<(), Error> {
        self.flush(part)
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
            let (streamed, warnings) = config.crate_files(&collection).unwrap();
            let generated = config.generate(&collection).unwrap();
            let name = crate::default_crate_name(&generated.api.name);
            let whole = super::super::crate_files(&generated.code, &name, &generated.source);
            assert_eq!(streamed, whole.unwrap(), "{collection}");
            let shown = |list: &[crate::Warning]| list.iter().map(ToString::to_string).collect();
            let warnings: Vec<String> = shown(&warnings);
            assert_eq!(warnings, shown(&generated.warnings), "{collection}");
        }
    }
}
