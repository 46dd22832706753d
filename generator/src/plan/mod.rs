//! Stage 4: the plan — for every operation, what its method takes and returns, which types it
//! uses and what runtime support it needs; for the whole API, its folders, the runtime parts,
//! features and serde directions of the crate. Emission walks the plan and the type space,
//! nothing else; `inspect` reads the plan.

pub mod docs;
pub mod errors;
pub mod folders;
pub mod hosts;
pub mod needs;
pub mod operation;
pub mod pagination;
mod server_names;
pub mod types;

use std::borrow::Cow;
use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::Warning;
use crate::attributes::TypeAttribute;
use crate::infer::bodies::gather_bodies;
use crate::infer::samples::Sample;
use crate::infer::{FieldPolicies, TypeDef, TypeSpace};
use crate::model::{Api, Operation};
use crate::overrides::TypeOverride;
use errors::SharedErrorEnum;
use folders::{Folder, Folders};
use needs::{Flavor, RuntimeNeeds};
use operation::{OperationPlan, drop_example_bodies};
use types::{SerdeDerives, TypeUsage};

/// The cargo feature of a generated crate that adds the serde direction its types do not use.
pub const BOTH_WAYS_FEATURE: &str = "serde-both-ways";

/// Settings that change the plan.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// The `[[type]]` tables of an overrides file, applied to the inferred types.
    pub type_overrides: &'a [TypeOverride],
    /// Gate each top-level folder's operations, and the params, errors, responses and types
    /// only they use, behind a cargo feature named after the folder.
    pub features_per_folder: bool,
    /// Async or blocking client.
    pub flavor: Flavor,
    /// Which serde traits the inferred types derive.
    pub serde: SerdeDerives,
    /// Extra attributes for inferred types, from `Config::type_attribute`.
    pub type_attributes: &'a [TypeAttribute],
    /// Keep every JSON sample with its type ([`ApiPlan::samples`]), for round-trip tests.
    pub keep_samples: bool,
    /// Which fields of the inferred types may be left out.
    pub field_policies: FieldPolicies,
}

/// The plan of a whole API.
#[derive(Debug)]
pub struct ApiPlan {
    /// The collection name.
    pub name: String,
    /// The collection description.
    pub description: Option<String>,
    /// The top-level folders, by index.
    pub folders: Vec<Folder>,
    /// One plan per operation, in collection order.
    pub operations: Vec<OperationPlan>,
    /// The error enums several operations share, by name.
    pub shared_errors: Vec<SharedErrorEnum>,
    /// Every inferred type.
    pub space: TypeSpace,
    /// What each type is used for.
    pub usage: TypeUsage,
    /// The runtime parts the operations need.
    pub needs: RuntimeNeeds,
    /// Every JSON sample with its type, when [`Options::keep_samples`] asked for them.
    pub samples: Vec<Sample>,
    /// Each folder is a cargo feature.
    pub features_per_folder: bool,
    /// Which serde traits the types derive.
    pub serde: SerdeDerives,
    /// The user's extra attributes of each type that has some.
    pub type_attributes: BTreeMap<String, TokenStream>,
    /// What the plan could not honour (a type attribute that matches no type).
    pub warnings: Vec<Warning>,
}

/// Infers every body of `api` and plans each operation. An owned `api` is consumed: each
/// operation moves into its plan without its example bodies.
pub fn plan(api: Cow<'_, Api>, options: &Options<'_>) -> ApiPlan {
    let gathered = gather_bodies(&api);
    let mut api = api;
    if let (Cow::Owned(api), false) = (&mut api, options.keep_samples) {
        // Inference holds what it needs of the example bodies; the text can go before the
        // whole-collection pass, which holds the shapes of every body at once.
        api.operations.iter_mut().for_each(drop_example_bodies);
    }
    let inferred = gathered.infer(
        &api,
        options.type_overrides,
        options.field_policies,
        options.keep_samples,
    );
    let mut space = inferred.space;
    let mut pager_warnings = Vec::new();
    let mut needs = RuntimeNeeds::for_api(&api, options.flavor);
    let (name, description) = (api.name.clone(), api.description.clone());
    let operations: Box<dyn Iterator<Item = Operation>> = match api {
        Cow::Borrowed(api) => Box::new(api.operations.iter().cloned()),
        Cow::Owned(api) => Box::new(api.operations.into_iter()),
    };
    let mut folders = Folders::new();
    let mut operations: Vec<OperationPlan> = operations
        .zip(inferred.operations)
        .map(|(operation, bodies)| {
            let folder = folders.index(operation.folder_path.first().map(String::as_str));
            let mut plan = OperationPlan::new(operation, bodies, folder, &needs.hosts.servers);
            plan.pager = pagination::pager(
                &plan.operation,
                &plan.target,
                &plan.bodies.success,
                &mut space,
                &mut pager_warnings,
            );
            needs.include(&plan);
            plan
        })
        .collect();
    operation::name_stream_twins(&mut operations);
    let shared_errors = errors::share(&mut operations);
    let folders = folders.into_vec();
    let features: Vec<String> = folders.iter().map(|f| f.feature.clone()).collect();
    let mut usage = TypeUsage::new(
        &space,
        &operations,
        options.features_per_folder.then_some(features.as_slice()),
    );
    let (type_attributes, mut warnings) = crate::attributes::assign(
        options.type_attributes,
        space.defs().map(TypeDef::name),
    );
    warnings.extend(pager_warnings);
    let by_key = usage.choose_by_key(&space, &type_attributes, options.serde);
    needs.objects.serialize |= by_key.serialize;
    needs.objects.deserialize |= by_key.deserialize;
    ApiPlan {
        name,
        description,
        folders,
        operations,
        shared_errors,
        space,
        usage,
        needs,
        samples: inferred.samples,
        features_per_folder: options.features_per_folder,
        serde: options.serde,
        type_attributes,
        warnings,
    }
}
