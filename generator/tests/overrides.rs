//! The overrides file end to end: renames, skipped items, kept folders, field types, required
//! fields, field policies, and file and text fields change what is generated; tables that
//! match nothing are warnings.

use std::path::{Path, PathBuf};

use postman_codegen::{Config, Generated};

const SEED: &str = "../collections/zoom-seed.postman_collection.json";

fn generate(overrides: &str, name: &str) -> Generated {
    config(overrides, name).generate(SEED).unwrap()
}

fn config(overrides: &str, name: &str) -> Config {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("overrides");
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join(format!("{name}.toml"));
    std::fs::write(&path, overrides).unwrap();
    let mut config = Config::new();
    config.overrides(&path);
    config
}

/// The warnings about the overrides themselves (the seed collection has others, such as the
/// hint about its JSON-stringified formdata).
fn override_warnings(generated: &Generated) -> Vec<&postman_codegen::Warning> {
    generated
        .warnings
        .iter()
        .filter(|w| w.context == "overrides")
        .collect()
}

fn functions(generated: &Generated) -> Vec<String> {
    generated
        .api
        .operations
        .iter()
        .map(|op| op.fn_name.clone())
        .collect()
}

#[test]
fn keep_folders_and_skip_leave_items_out() {
    let all = Config::new().generate(SEED).unwrap();
    let generated = generate(
        "keep_folders = [\"users\", \"accounts/{account Id}/plans\"]\n\n[[item]]\nmatch = \"List users\"\nskip = true\n",
        "keep",
    );
    assert_eq!(
        functions(&generated),
        [
            "subscribe_account_to_plan",
            "users_delete_virtual_background_files",
            "get_user"
        ]
    );
    assert!(functions(&all).len() > 3);
    assert!(
        override_warnings(&generated).is_empty(),
        "{:?}",
        generated.warnings
    );
}

const OVERRIDES_RENAME: &str = r#"
[[item]]
match = "users/{user Id}/Get a user"
rename = "user"

# Type names follow the method: `GetUserResponse` is now `UserResponse`.
[[type]]
name = "UserResponse"
rename = "User"
fields = { id = "u128", created_at = "Option<String>" }
"#;

#[test]
fn renames_reach_functions_error_enums_and_types() {
    let generated = generate(OVERRIDES_RENAME, "rename");
    let (code, _) = (
        postman_codegen::output::single_file(&generated.code, "seed").unwrap(),
        (),
    );
    assert!(code.contains("pub fn user("), "renamed method");
    assert!(!code.contains("fn get_user("));
    assert!(
        code.contains("pub enum UserError"),
        "the error enum follows the method"
    );
    assert!(code.contains("pub struct User {"), "renamed type");
    assert!(
        code.contains("pub struct UserCustomAttribute"),
        "nested types follow"
    );
    assert!(!code.contains("GetUser") && !code.contains("UserResponse"));
    assert!(code.contains("pub id: u128,"), "{code}");
    assert!(code.contains("pub created_at: Option<String>,"));
    let report = config(OVERRIDES_RENAME, "rename")
        .inspect(SEED)
        .unwrap()
        .output;
    let item = report.items.iter().find(|i| i.function == "user").unwrap();
    assert!(
        item.signature.contains("-> Result<Response<types::User>,"),
        "{}",
        item.signature
    );
    assert!(
        override_warnings(&generated).is_empty(),
        "{:?}",
        generated.warnings
    );
}

#[test]
fn field_policies_and_required_fields() {
    let code = |generated: &Generated| {
        postman_codegen::output::single_file(&generated.code, "seed").unwrap()
    };
    // By default every field of a response is an `Option`.
    let default = code(&Config::new().generate(SEED).unwrap());
    assert!(
        default.contains("pub first_name: Option<String>,"),
        "{default}"
    );
    // `observed`: only what some sample lacks; a `[[type]]` table decides for its fields.
    let generated = generate(
        r#"
response_fields = "observed"

[[type]]
name = "GetUserResponse"
required = ["id"]
optional = ["email"]
"#,
        "policies",
    );
    let observed = code(&generated);
    assert!(observed.contains("pub first_name: String,"), "{observed}");
    assert!(
        observed.contains("pub email: Option<String>,"),
        "{observed}"
    );
    assert!(
        override_warnings(&generated).is_empty(),
        "{:?}",
        generated.warnings
    );
    // `required` wins over the default policy; the command line's setting over the file.
    let mut config = config(
        "response_fields = \"observed\"\n[[type]]\nname = \"GetUserResponse\"\nrequired = [\"id\"]\n",
        "required",
    );
    config.response_fields(postman_codegen::FieldPolicy::Optional);
    let optional = code(&config.generate(SEED).unwrap());
    assert!(optional.contains("pub id: String,"), "{optional}");
    assert!(optional.contains("pub first_name: Option<String>,"));
}

#[test]
fn what_matches_nothing_is_a_warning() {
    let generated = generate(
        r#"
keep_folders = ["users", "nope"]

[[item]]
match = "Get a usr"
rename = "user"

[[type]]
name = "GetUserResponse"
fields = { no_such_key = "String" }

[[type]]
name = "NoSuchType"
rename = "Other"

# The name earlier versions gave `GetUserResponse`'s nested type.
[[type]]
name = "GetAUserResponseCustomAttribute"
rename = "Attribute"
"#,
        "unused",
    );
    let messages: Vec<&str> = generated
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "`keep_folders` entry \"nope\" matches no folder",
            "`match = \"Get a usr\"` matches no item",
            "type \"GetUserResponse\" has no field with the JSON key \"no_such_key\"",
            "`[[type]] name = \"NoSuchType\"` matches no generated type",
            "`[[type]] name = \"GetAUserResponseCustomAttribute\"` matches no generated type: names derived from item titles changed (see the README, \"Migrating\"); it is most likely \"GetUserResponseCustomAttribute\" now",
        ]
    );
}

#[test]
fn a_rename_that_is_taken_is_numbered_with_a_warning() {
    let generated = generate(
        "[[item]]\nmatch = \"List users\"\nrename = \"get_user\"\n",
        "taken",
    );
    let names = functions(&generated);
    assert!(names.contains(&"get_user".to_owned()));
    assert!(names.contains(&"get_user_2".to_owned()), "{names:?}");
    // The chosen name wins; the derived one moves.
    let list = generated
        .api
        .operations
        .iter()
        .find(|op| op.name == "List users")
        .unwrap();
    assert_eq!(list.fn_name, "get_user");
    assert!(
        override_warnings(&generated).is_empty(),
        "{:?}",
        generated.warnings
    );
}

#[test]
fn the_readme_example_parses() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let section = &readme[readme.find("## Overrides").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let overrides =
        postman_codegen::overrides::Overrides::parse(example, Path::new("README.md")).unwrap();
    assert!(!overrides.keep_folders.is_empty());
    assert!(overrides.items.iter().any(|i| i.skip));
    assert!(
        overrides
            .items
            .iter()
            .any(|i| i.rename.is_some() && i.method.is_some())
    );
    assert!(
        overrides
            .types
            .iter()
            .any(|t| t.rename.is_some() && !t.fields.is_empty())
    );
}

/// The seed's upload fields are declared `text` and described as file paths: file parts with no
/// override, noted in `inspect` and the docs; `text_fields` sends them as text again, and
/// `file_fields` naming them changes nothing.
#[test]
fn upload_fields_described_as_file_paths_are_files_unless_text_fields_says_otherwise() {
    let upload = |overrides: &str, name: &str| {
        let report = config(overrides, name).inspect(SEED).unwrap().output;
        report
            .items
            .into_iter()
            .find(|i| i.function == "accounts_upload_virtual_background_files")
            .unwrap()
    };

    let plain = generate("", "plain");
    let item = upload("", "plain");
    assert!(
        item.signature.contains("file: FilePart"),
        "{}",
        item.signature
    );
    let file = item
        .params
        .iter()
        .find(|p| p.postman_name == "file")
        .unwrap();
    assert_eq!(file.kind, "file");
    let note = file.note.as_deref().unwrap();
    assert!(
        note.contains(
            "its description says it holds a file path (\"Provide the file's path here.\")"
        ),
        "{note}"
    );
    assert!(
        item.to_string().contains(&format!("\n         {note}\n")),
        "{item}"
    );
    let code = postman_codegen::output::single_file(&plain.code, "seed").unwrap();
    assert!(
        code.contains("/// * `file` — Provide the file's path here. Sent as a file part: the collection declares a text field, but its description says it holds a file path."),
        "the operation's docs say why"
    );

    let forced = generate(
        "[[item]]\nmatch = \"accounts/{account Id}/settings/virtual backgrounds/Upload virtual background files\"\nfile_fields = [\"file\"]\n",
        "file-fields",
    );
    assert_eq!(
        postman_codegen::output::single_file(&forced.code, "seed").unwrap(),
        code,
        "file_fields on a field already recognised changes nothing"
    );

    let text_fields = "[[item]]\nmatch = \"accounts/{account Id}/settings/virtual backgrounds/Upload virtual background files\"\ntext_fields = [\"file\"]\n";
    let text = generate(text_fields, "text-fields");
    let item = upload(text_fields, "text-fields");
    assert!(item.signature.contains("file: &str"), "{}", item.signature);
    let file = item
        .params
        .iter()
        .find(|p| p.postman_name == "file")
        .unwrap();
    assert_eq!((file.kind, file.note.as_deref()), ("form", None));
    assert!(override_warnings(&text).is_empty(), "{:?}", text.warnings);
    // The groups' upload is left as it was.
    let report = config(text_fields, "text-fields")
        .inspect(SEED)
        .unwrap()
        .output;
    let groups = report
        .items
        .iter()
        .find(|i| i.function == "groups_upload_virtual_background_files")
        .unwrap();
    assert!(
        groups.signature.contains("file: FilePart"),
        "{}",
        groups.signature
    );
}
