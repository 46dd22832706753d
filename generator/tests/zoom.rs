//! The bundled Zoom collection, end to end through the library.

use std::path::{Path, PathBuf};

use postman_codegen::Config;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn zoom_config() -> Config {
    let mut config = Config::new();
    config.overrides(root().join("collections/zoom.overrides.toml"));
    config
}

#[test]
fn generation_is_deterministic_and_matches_generated_client() {
    let collection = root().join("collections/zoom.postman_collection.json");
    let postman_codegen::Outcome {
        output: first,
        warnings: _,
    } = zoom_config().crate_files(&collection).unwrap();
    let postman_codegen::Outcome {
        output: second,
        warnings: _,
    } = zoom_config().crate_files(&collection).unwrap();
    assert_eq!(first, second, "two runs differ");
    let postman_codegen::Outcome {
        output: stale,
        warnings: _,
    } = zoom_config()
        .check_crate(&collection, root().join("generated-client"))
        .unwrap();
    assert!(
        stale.is_empty(),
        "generated-client/ is stale; regenerate it (see README): {stale:?}"
    );
}

#[test]
fn every_zoom_request_has_a_function() {
    let generated = zoom_config()
        .generate(root().join("collections/zoom.postman_collection.json"))
        .unwrap();
    assert_eq!(generated.api.operations.len(), 310);
    let postman_codegen::Outcome {
        output: files,
        warnings: _,
    } = zoom_config()
        .crate_files(root().join("collections/zoom.postman_collection.json"))
        .unwrap();
    let functions: usize = files
        .iter()
        .filter(|(path, _)| path.starts_with("src/operations"))
        .map(|(_, text)| text.matches("-> Pending<").count())
        .sum();
    // One function per request; a download's `_stream` twin is not counted.
    assert_eq!(functions, 310);
    let mut names: Vec<&str> = generated
        .api
        .operations
        .iter()
        .map(|op| op.fn_name.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 310, "function names are not unique");
}

#[test]
fn colliding_items_are_told_apart_by_folder() {
    let generated = zoom_config()
        .generate(root().join("collections/zoom.postman_collection.json"))
        .unwrap();
    let mut deletes: Vec<(&str, String)> = generated
        .api
        .operations
        .iter()
        .filter(|op| op.name == "Delete virtual background files")
        .map(|op| (op.fn_name.as_str(), op.folder_path.join("/")))
        .collect();
    deletes.sort();
    assert_eq!(
        deletes,
        [
            (
                "accounts_delete_virtual_background_files",
                "accounts/{account Id}/settings/virtual backgrounds".to_owned()
            ),
            (
                "groups_delete_virtual_background_files",
                "groups/{group Id}/settings/virtual backgrounds".to_owned()
            ),
            (
                "users_delete_virtual_background_files",
                "users/{user Id}/settings/virtual backgrounds".to_owned()
            ),
        ]
    );
    assert!(
        generated
            .api
            .operations
            .iter()
            .all(|op| !op.fn_name.ends_with(char::is_numeric))
    );
}

#[test]
fn upload_is_modelled_from_the_collection_and_overrides() {
    use postman_codegen::model::{AuthScheme, RequestBody};
    let generated = zoom_config()
        .generate(root().join("collections/zoom.postman_collection.json"))
        .unwrap();
    let upload = generated
        .api
        .operations
        .iter()
        .find(|op| op.fn_name == "accounts_upload_virtual_background_files")
        .unwrap();
    assert_eq!(upload.method, "POST");
    assert_eq!(
        upload.path_template(),
        "/accounts/{accountId}/settings/virtual_backgrounds"
    );
    assert_eq!(upload.auth, AuthScheme::Bearer);
    let RequestBody::Multipart(fields) = &upload.body else {
        panic!("{:?}", upload.body)
    };
    assert_eq!(fields.len(), 1);
    assert!(
        fields[0].is_file,
        "the overrides file declares `file` a file"
    );
    assert_eq!(
        upload
            .responses
            .iter()
            .map(|g| g.status)
            .collect::<Vec<_>>(),
        [201, 400, 404]
    );
    let codes: Vec<(u16, &str)> = upload
        .documented_errors
        .iter()
        .map(|e| (e.status, e.code.as_str()))
        .collect();
    assert_eq!(codes, [(400, "120"), (404, "2001")]);
    assert_eq!(
        generated.api.default_base_url.as_deref(),
        Some("https://api.zoom.us/v2")
    );
}

#[test]
fn only_uploads_send_multipart() {
    use postman_codegen::model::RequestBody;
    let generated = zoom_config()
        .generate(root().join("collections/zoom.postman_collection.json"))
        .unwrap();
    let multipart: Vec<&str> = generated
        .api
        .operations
        .iter()
        .filter(|op| matches!(op.body, RequestBody::Multipart(_)))
        .map(|op| op.fn_name.as_str())
        .collect();
    let json = generated
        .api
        .operations
        .iter()
        .filter(|op| matches!(op.body, RequestBody::FormAsJson(_)))
        .count();
    println!(
        "Zoom operations sending multipart: {} ({multipart:?}); formdata sent as JSON: {json}",
        multipart.len()
    );
    assert_eq!(
        multipart,
        [
            "accounts_upload_virtual_background_files",
            "groups_upload_virtual_background_files",
            "upload_virtual_background_file",
            "upload_user_profile_picture"
        ]
    );
    assert_eq!(json + multipart.len(), 112, "Zoom has 112 formdata bodies");
}
