//! The operations' modules, one per top-level folder, and with per-folder features the cargo
//! feature of each: names decided once, in order of first appearance.

use std::collections::BTreeMap;

use crate::naming::{self, Scope};

/// Names cargo or the generated crate already uses: a folder called `default` or `serde` must
/// not become a feature of that name.
const RESERVED_FEATURES: &[&str] = &[
    "default",
    "reqwest",
    "serde",
    "serde_json",
    "percent-encoding",
    super::BOTH_WAYS_FEATURE,
];

/// One top-level folder (or the items outside any folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    /// The Postman name, `None` for items at the top level.
    pub postman_name: Option<String>,
    /// The operations module's name.
    pub module: String,
    /// The cargo feature's name (used only with per-folder features).
    pub feature: String,
}

/// The folders met so far, in order.
#[derive(Debug)]
pub struct Folders {
    folders: Vec<Folder>,
    by_name: BTreeMap<Option<String>, usize>,
    modules: Scope,
    features: Scope,
}

impl Folders {
    /// No folder yet; feature names cargo reserves are taken.
    pub fn new() -> Self {
        let mut features = Scope::new();
        for name in RESERVED_FEATURES {
            features.claim(name);
        }
        Folders {
            folders: Vec::new(),
            by_name: BTreeMap::new(),
            modules: Scope::new(),
            features,
        }
    }

    /// The index of the folder named `postman_name`, added if it is new.
    pub fn index(&mut self, postman_name: Option<&str>) -> usize {
        if let Some(&index) = self.by_name.get(&postman_name.map(str::to_owned)) {
            return index;
        }
        let module = self.modules.claim(&match postman_name {
            Some(name) => naming::module_name(name),
            None => "ungrouped".to_owned(),
        });
        let feature = self.features.claim(&module.replace('_', "-"));
        self.folders.push(Folder {
            postman_name: postman_name.map(str::to_owned),
            module,
            feature,
        });
        let index = self.folders.len() - 1;
        self.by_name.insert(postman_name.map(str::to_owned), index);
        index
    }

    /// The folders, by index.
    pub fn into_vec(self) -> Vec<Folder> {
        self.folders
    }
}

impl Default for Folders {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_names_avoid_reserved_names() {
        let mut folders = Folders::new();
        for name in ["Default", "Serde", "Users", "users"] {
            folders.index(Some(name));
        }
        folders.index(None);
        let folders = folders.into_vec();
        let features: Vec<&str> = folders.iter().map(|f| f.feature.as_str()).collect();
        assert_eq!(
            features,
            ["default_2", "serde_2", "users", "users-2", "ungrouped"]
        );
    }
}
