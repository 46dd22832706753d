//! The generated Zoom client uploading a file: the exact multipart request, the part's type
//! from `.mime(..)`, the file name or the fallback, and an invalid type refused before sending.
//!
//! Every test asserts exact wire requests and exact decoded results, so a regression in the
//! generator fails here. Shared set-up: `support/zoom.rs`.

mod support;

use support::zoom::{
    TOKEN, UPLOAD_PATH, beach_jpg, client, header, jpeg_bytes, multipart_parts, only_request,
    server_answering, upload_201,
};
use zoom_api::types::AccountsUploadVirtualBackgroundFilesResponse;
use zoom_api::{Error, FilePart};

#[tokio::test]
async fn upload_sends_exactly_one_file_part_and_decodes_the_201_body() {
    let server = server_answering(upload_201()).await;

    let bg = client(&server)
        .accounts_upload_virtual_background_files("me", beach_jpg())
        .await
        .expect("201 is a success");

    // Every decoded field, one by one and as a whole.
    assert_eq!(bg.id.as_deref(), Some("_Tcj7354w6eHw"));
    assert_eq!(bg.name.as_deref(), Some("u=mdbhhfg3y7&fm=2fdjs0.jpg"));
    assert_eq!(bg.r#type.as_deref(), Some("image"));
    assert_eq!(bg.is_default, Some(false));
    assert_eq!(bg.size, Some(53434));
    assert_eq!(
        bg.into_inner(),
        AccountsUploadVirtualBackgroundFilesResponse {
            id: Some("_Tcj7354w6eHw".to_owned()),
            name: Some("u=mdbhhfg3y7&fm=2fdjs0.jpg".to_owned()),
            r#type: Some("image".to_owned()),
            is_default: Some(false),
            size: Some(53434),
        }
    );

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    // The `/v2` prefix of the base URL is kept in front of the operation's path.
    assert_eq!(request.url.path(), UPLOAD_PATH);
    assert_eq!(request.url.query(), None);
    assert_eq!(
        header(&request.headers, "authorization"),
        format!("Bearer {TOKEN}")
    );
    // `Client::new` identifies the crate: `zoom-api/<version>`.
    assert!(
        header(&request.headers, "user-agent").starts_with("zoom-api/"),
        "{:?}",
        request.headers.get("user-agent")
    );
    let content_type = header(&request.headers, "content-type");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );

    let parts = multipart_parts(&request);
    assert_eq!(parts.len(), 1, "{parts:#?}");
    let part = &parts[0];
    assert_eq!(part.name, "file");
    assert_eq!(part.file_name.as_deref(), Some("beach.jpg"));
    assert_eq!(part.content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(part.body, jpeg_bytes());
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
async fn upload_guesses_the_part_type_from_the_file_name_or_falls_back() {
    // Without `.mime(..)`, the type comes from the file name's extension …
    let server = server_answering(upload_201()).await;
    client(&server)
        .accounts_upload_virtual_background_files(
            "me",
            FilePart::bytes(b"\x89PNG\r\n".to_vec()).file_name("sunset.png"),
        )
        .await
        .expect("201");
    let parts = multipart_parts(&only_request(&server).await);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].name, "file");
    assert_eq!(parts[0].file_name.as_deref(), Some("sunset.png"));
    assert_eq!(parts[0].content_type.as_deref(), Some("image/png"));
    assert_eq!(parts[0].body, b"\x89PNG\r\n");

    // … and without a file name the part is sent as `file`, `application/octet-stream`.
    let server = server_answering(upload_201()).await;
    client(&server)
        .accounts_upload_virtual_background_files("me", FilePart::bytes(vec![1, 2, 3]))
        .await
        .expect("201");
    let parts = multipart_parts(&only_request(&server).await);
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].file_name.as_deref(), Some("file"));
    assert_eq!(
        parts[0].content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(parts[0].body, [1, 2, 3]);
}

#[tokio::test]
async fn upload_with_an_invalid_mime_type_is_refused_before_sending() {
    let server = server_answering(upload_201()).await;
    let error = client(&server)
        .accounts_upload_virtual_background_files(
            "me",
            FilePart::bytes(jpeg_bytes()).mime("not a mime type"),
        )
        .await
        .expect_err("an invalid MIME type");
    match error {
        Error::InvalidRequest(message) => {
            assert!(message.contains("not a mime type"), "{message}")
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}
