//! The Zoom client (`zoom_api`, generated into `generated-client/`) set up against wiremock,
//! and the upload request the `zoom_*` tests send most, shared by those test files.

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use zoom_api::{Client, FilePart};

pub use super::requests::header;
use super::{Part, parse_multipart};

pub const TOKEN: &str = "e2e-token-5f3a9c";

/// Zoom's documented 201 body for "Upload virtual background files".
pub const UPLOAD_201: &str = r#"{"id": "_Tcj7354w6eHw", "name": "u=mdbhhfg3y7&fm=2fdjs0.jpg", "type": "image", "is_default": false, "size": 53434}"#;

pub const UPLOAD_PATH: &str = "/v2/accounts/me/settings/virtual_backgrounds";

/// A small "JPEG": SOI + JFIF APP0, then every byte value (NUL, CR, LF, `-`, 0xFF…) and a
/// fake delimiter line, then EOI — content that a sloppy multipart encoder would corrupt.
pub fn jpeg_bytes() -> Vec<u8> {
    let mut bytes = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00,
    ];
    bytes.extend(0..=255u8);
    bytes.extend_from_slice(b"\r\n--not-the-boundary\r\n\r\n");
    bytes.extend_from_slice(&[0xFF, 0xD9]);
    bytes
}

/// A mock server on 127.0.0.1 that answers every request with `response`.
pub async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    assert!(
        server.uri().starts_with("http://127.0.0.1:"),
        "wiremock must listen on 127.0.0.1, got {}",
        server.uri()
    );
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// A client for `{server}/v2` (a base URL with a path prefix) with the bearer token set.
pub fn client(server: &MockServer) -> Client {
    Client::new(format!("{}/v2", server.uri())).with_bearer_token(TOKEN)
}

/// The one request `server` received (panics if it received none or several).
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request, got {requests:#?}"
    );
    requests.pop().expect("one request")
}

pub fn upload_201() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_raw(UPLOAD_201, "application/json")
}

pub fn beach_jpg() -> FilePart {
    FilePart::bytes(jpeg_bytes())
        .file_name("beach.jpg")
        .mime("image/jpeg")
}

/// The parts of a multipart request, after checking its `Content-Type` and `Content-Length`.
pub fn multipart_parts(request: &Request) -> Vec<Part> {
    let content_type = header(&request.headers, "content-type");
    // In-memory parts have a known length, so the form goes out with Content-Length, not
    // chunked (some servers, Zoom's upload endpoints among them, reject chunked uploads).
    assert_eq!(
        header(&request.headers, "content-length"),
        request.body.len().to_string()
    );
    assert!(request.headers.get("transfer-encoding").is_none());
    parse_multipart(content_type, &request.body)
}
