//! The Zoom upload item alone (`tests/fixtures/zoom-upload.postman_collection.json`), generated
//! without an overrides file (`tests/golden/zoom-upload`): the collection declares its `file`
//! field `text` ("Provide the file's path here."), and the client still uploads a real file
//! part, decodes the 201 body into its type and reports the documented 400 and 404 with their
//! error codes. Against wiremock on 127.0.0.1.

mod support;

use support::zoom::{
    TOKEN, UPLOAD_PATH, header, jpeg_bytes, multipart_parts, only_request, server_answering,
    upload_201,
};
use wiremock::ResponseTemplate;
use zoom_upload::errors::UploadVirtualBackgroundFilesError;
use zoom_upload::types::UploadVirtualBackgroundFilesResponse;
use zoom_upload::{Client, DocumentedError, Error, FilePart};

fn client(server: &wiremock::MockServer) -> Client {
    Client::new(format!("{}/v2", server.uri())).with_bearer_token(TOKEN)
}

fn beach_jpg() -> FilePart {
    FilePart::bytes(jpeg_bytes())
        .file_name("beach.jpg")
        .mime("image/jpeg")
}

#[tokio::test]
async fn the_upload_sends_a_file_part_and_types_the_201_body() {
    let server = server_answering(upload_201()).await;

    let background = client(&server)
        .upload_virtual_background_files("me", beach_jpg())
        .await
        .expect("201 is a success");
    assert_eq!(
        background.into_inner(),
        UploadVirtualBackgroundFilesResponse {
            id: Some("_Tcj7354w6eHw".to_owned()),
            name: Some("u=mdbhhfg3y7&fm=2fdjs0.jpg".to_owned()),
            r#type: Some("image".to_owned()),
            is_default: Some(false),
            size: Some(53434),
        }
    );

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), UPLOAD_PATH);
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    let parts = multipart_parts(&request);
    assert_eq!(parts.len(), 1, "{parts:#?}");
    let part = &parts[0];
    assert_eq!(part.name, "file");
    assert_eq!(part.file_name.as_deref(), Some("beach.jpg"));
    assert_eq!(part.content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(
        part.body,
        jpeg_bytes(),
        "the file's bytes, not the text `Lorem`"
    );
    assert_eq!(
        part.headers,
        vec![
            (
                "content-disposition".to_owned(),
                r#"form-data; name="file"; filename="beach.jpg""#.to_owned()
            ),
            ("content-type".to_owned(), "image/jpeg".to_owned()),
        ]
    );
}

#[tokio::test]
async fn a_file_read_from_disk_goes_out_with_its_name_bytes_and_guessed_type() {
    let file = support::requests::TempFile::write("sunset.png", &support::requests::png_bytes());
    let server = server_answering(upload_201()).await;
    let bytes = std::fs::read(file.path()).expect("the file reads");
    client(&server)
        .upload_virtual_background_files("me", FilePart::bytes(bytes).file_name("sunset.png"))
        .await
        .expect("201");
    let parts = multipart_parts(&only_request(&server).await);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].name, "file");
    assert_eq!(parts[0].file_name.as_deref(), Some("sunset.png"));
    assert_eq!(parts[0].content_type.as_deref(), Some("image/png"));
    assert_eq!(parts[0].body, file.read());
}

#[test]
fn the_400_and_404_are_documented_with_their_codes() {
    let documented: Vec<(u16, &str)> = UploadVirtualBackgroundFilesError::DOCUMENTED
        .iter()
        .map(|e: &DocumentedError| (e.status, e.code))
        .collect();
    assert_eq!(documented, [(400, "120"), (404, "2001")]);
}

#[tokio::test]
async fn a_documented_404_is_its_variant_with_the_body() {
    let raw = r#"{"code": 2001, "message": "This account does not exist or does not belong to you: me."}"#;
    let server =
        server_answering(ResponseTemplate::new(404).set_body_raw(raw, "application/json")).await;
    let error = client(&server)
        .upload_virtual_background_files("me", beach_jpg())
        .await
        .expect_err("404 is an error");
    match error {
        Error::Api {
            status: 404,
            error: UploadVirtualBackgroundFilesError::NotFound(body),
            ..
        } => {
            assert_eq!(body.code().as_deref(), Some("2001"));
            assert_eq!(body.text(), raw);
        }
        other => panic!("expected Api {{ 404, NotFound }}, got {other:?}"),
    }
}

#[tokio::test]
async fn a_documented_400_is_its_variant_with_the_body() {
    let raw = r#"{"code": 120, "message": "No file uploaded."}"#;
    let server =
        server_answering(ResponseTemplate::new(400).set_body_raw(raw, "application/json")).await;
    let error = client(&server)
        .upload_virtual_background_files("me", beach_jpg())
        .await
        .expect_err("400 is an error");
    match error {
        Error::Api {
            status: 400,
            error: UploadVirtualBackgroundFilesError::BadRequest(body),
            ..
        } => {
            assert_eq!(body.code().as_deref(), Some("120"));
            assert_eq!(body.message().as_deref(), Some("No file uploaded."));
        }
        other => panic!("expected Api {{ 400, BadRequest }}, got {other:?}"),
    }
}
