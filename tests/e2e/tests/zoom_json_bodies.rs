//! The generated Zoom client's JSON: success shapes (`()`, `Option<T>`, an enum by status)
//! and request bodies, the formdata bodies Zoom's overrides send as typed JSON included.
//!
//! Every test asserts exact wire requests and exact decoded results, so a regression in the
//! generator fails here. Shared set-up: `support/zoom.rs`.

mod support;

use serde_json::json;
use support::zoom::{UPLOAD_PATH, client, header, only_request, server_answering};
use wiremock::ResponseTemplate;
use zoom_api::Error;
use zoom_api::errors::{AccountsDeleteVirtualBackgroundFilesError, CreateRoleError};
use zoom_api::params::AccountsDeleteVirtualBackgroundFilesQuery;
use zoom_api::params::UpdateMeetingQuery;
use zoom_api::responses::CreateRoleResponse;
use zoom_api::types::{
    CancelBasePlanBody, CreateRoleBody, CreateRoleResponse201, UpdateMeetingBody,
};

#[tokio::test]
async fn empty_success_204_is_unit() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let () = client(&server)
        .accounts_delete_virtual_background_files(
            "me",
            &AccountsDeleteVirtualBackgroundFilesQuery {
                file_ids: Some("id1,id2".to_owned()),
            },
        )
        .await
        .expect("204 is the documented success")
        .into_inner();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), UPLOAD_PATH);
    assert_eq!(request.url.query(), Some("file_ids=id1%2Cid2"));
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn delete_documented_400_is_bad_request() {
    let raw = r#"{"code": 300, "message": "Invalid parameter: file_ids."}"#;
    let server =
        server_answering(ResponseTemplate::new(400).set_body_raw(raw, "application/json")).await;
    let error = client(&server)
        .accounts_delete_virtual_background_files(
            "me",
            &AccountsDeleteVirtualBackgroundFilesQuery {
                file_ids: Some("nope".to_owned()),
            },
        )
        .await
        .expect_err("400");
    match error {
        Error::Api {
            status: 400,
            error: AccountsDeleteVirtualBackgroundFilesError::BadRequest(body),
            ..
        } => assert_eq!(body.code().as_deref(), Some("300")),
        other => panic!("expected Api {{ 400, BadRequest }}, got {other:?}"),
    }
}

#[tokio::test]
async fn a_204_documented_with_a_placeholder_body_is_unit() {
    // `cancel_base_plan` documents an empty 200 and a 204 whose example body is `{}`; a 204
    // never has a body, so the success is `()` whatever the server sends.
    let server = server_answering(ResponseTemplate::new(204)).await;
    let body = CancelBasePlanBody {
        action: "cancel".to_owned(),
        reason: Some(4),
        comment: Some("too expensive".to_owned()),
    };
    let cancelled: () = client(&server)
        .cancel_base_plan("sub-1", &body)
        .await
        .expect("204")
        .into_inner();
    assert_eq!(cancelled, ());

    // Its request: PATCH with the formdata fields sent as typed JSON (`formdata_as_json`).
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PATCH");
    assert_eq!(request.url.path(), "/v2/accounts/sub-1/plans/base/status");
    assert_eq!(header(&request.headers, "content-type"), "application/json");
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        sent,
        json!({"action": "cancel", "reason": 4, "comment": "too expensive"})
    );
}

#[tokio::test]
async fn a_patch_sends_only_the_fields_set() {
    // Renaming a meeting sends its topic and nothing else: the PATCH body's other fields
    // (`password`, `recurrence`, `settings`, …) are left `None` and not sent, so the server
    // keeps its values.
    let server = server_answering(ResponseTemplate::new(204)).await;
    let body = UpdateMeetingBody {
        topic: Some("Weekly sync".to_owned()),
        ..Default::default()
    };
    client(&server)
        .update_meeting("85746065", &UpdateMeetingQuery::default(), &body)
        .await
        .expect("204");
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "PATCH");
    assert_eq!(request.url.path(), "/v2/meetings/85746065");
    assert_eq!(request.url.query(), None);
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"topic": "Weekly sync"}));
}

#[tokio::test]
async fn optional_success_is_none_when_empty_and_some_with_a_body() {
    // `add_panelists` documents a 201 body beside an empty success: `Option<AddPanelistsResponse>`.
    let body: zoom_api::types::AddPanelistsBody =
        serde_json::from_value(json!({"panelists": [{"name": "Ada", "email": "ada@example.com"}]}))
            .expect("the body type");
    let server = server_answering(ResponseTemplate::new(204)).await;
    let added = client(&server)
        .add_panelists("42", &body)
        .await
        .expect("204")
        .into_inner();
    assert_eq!(added, None);

    let server = server_answering(ResponseTemplate::new(201).set_body_raw(
        r#"{"id": "p1", "updated_at": "2020-01-01T00:00:00Z"}"#,
        "application/json",
    ))
    .await;
    let added = client(&server)
        .add_panelists("42", &body)
        .await
        .expect("201");
    let added = added.into_inner().expect("a body");
    assert_eq!(
        (added.id.as_deref(), added.updated_at.as_deref()),
        (Some("p1"), Some("2020-01-01T00:00:00Z"))
    );
}

fn role(name: &str, description: &str, privileges: &[&str]) -> CreateRoleBody {
    CreateRoleBody {
        name: Some(name.to_owned()),
        description: Some(description.to_owned()),
        privileges: Some(privileges.iter().map(|p| p.to_string()).collect()),
    }
}

/// Zoom's documented 201 body for "Create a role".
const CREATE_ROLE_201: &str = r#"{"id": "Duis dolore", "name": "proident nulla", "description": "ullamco commodo id qui reprehenderit", "total_members": 54140150, "privileges": ["culpa eiusmod", "aliquip sint adipisicing"]}"#;

#[tokio::test]
async fn multi_status_success_decodes_by_status() {
    // 201 → `Created` with the typed body.
    let server = server_answering(
        ResponseTemplate::new(201).set_body_raw(CREATE_ROLE_201, "application/json"),
    )
    .await;
    let created = client(&server)
        .create_role(&role("auditors", "read only", &["User:Read"]))
        .await
        .expect("201")
        .into_inner();
    assert_eq!(
        created,
        CreateRoleResponse::Created(Box::new(CreateRoleResponse201 {
            id: Some("Duis dolore".to_owned()),
            name: Some("proident nulla".to_owned()),
            description: Some("ullamco commodo id qui reprehenderit".to_owned()),
            total_members: Some(54140150),
            privileges: Some(vec![
                "culpa eiusmod".to_owned(),
                "aliquip sint adipisicing".to_owned()
            ]),
        }))
    );
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/v2/roles");
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        sent,
        json!({"name": "auditors", "description": "read only", "privileges": ["User:Read"]})
    );

    // 200 → `Ok` with the JSON value (the same body as 201 would not make it `Created`).
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw(r#"{"note": "x"}"#, "application/json"),
    )
    .await;
    let ok = client(&server)
        .create_role(&role("auditors", "read only", &[]))
        .await
        .expect("200")
        .into_inner();
    assert_eq!(ok, CreateRoleResponse::Ok(json!({"note": "x"})));

    // A 2xx the operation does not document → `UnexpectedStatus`, body kept.
    let server = server_answering(
        ResponseTemplate::new(202).set_body_raw(CREATE_ROLE_201, "application/json"),
    )
    .await;
    let error = client(&server)
        .create_role(&role("auditors", "read only", &[]))
        .await
        .expect_err("202 is not documented");
    match error {
        Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(status, 202);
            assert_eq!(body, CREATE_ROLE_201.as_bytes());
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }

    // The documented (HTTP 300, code 300) error is its own variant.
    let server = server_answering(
        ResponseTemplate::new(300).set_body_raw("{\"code\":300}", "application/json"),
    )
    .await;
    let error = client(&server)
        .create_role(&role("", "", &[]))
        .await
        .expect_err("300");
    assert!(
        matches!(
            &error,
            Error::Api {
                status: 300,
                error: CreateRoleError::MultipleChoices(body),
                ..
            } if body.code().as_deref() == Some("300")
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn documented_204_with_placeholder_example_body_is_a_success() {
    // Postman documents `DELETE /rooms/{roomId}` → 204 with the example body `{}`; a real
    // 204 cannot carry a body, so the call must not try to decode one.
    let server = server_answering(ResponseTemplate::new(204)).await;
    let result = client(&server).delete_zoom_room("room-1").await;
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), "/v2/rooms/room-1");
    assert!(
        result.is_ok(),
        "a 204 is the documented success: {result:?}"
    );
}

/// The formdata fields of the Zoom item `name`, read from the bundled collection.
fn zoom_formdata(name: &str) -> Vec<(String, String)> {
    fn find<'a>(items: &'a [serde_json::Value], name: &str) -> Option<&'a serde_json::Value> {
        items.iter().find_map(|item| match item.get("item") {
            Some(children) => find(children.as_array()?, name),
            None => (item["name"] == name).then_some(item),
        })
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../collections/zoom.postman_collection.json"
    );
    let collection: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let item = find(collection["item"].as_array().unwrap(), name).expect("the item");
    item["request"]["body"]["formdata"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["key"].as_str().unwrap().to_owned(),
                f["value"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn create_meeting_sends_typed_json() {
    // The collection's own values, read the way the Zoom API means them: "2" is a number,
    // "false" a boolean, a JSON-stringified object an object, other text a string.
    let expected: serde_json::Map<String, serde_json::Value> = zoom_formdata("Create a meeting")
        .into_iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(key, text)| {
            let value = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .filter(|v| !v.is_string())
                .unwrap_or(serde_json::Value::String(text));
            (key, value)
        })
        .collect();
    let expected = serde_json::Value::Object(expected);
    let body: zoom_api::types::CreateMeetingBody = serde_json::from_value(expected.clone())
        .expect("the typed body takes the collection's values");

    let server =
        server_answering(ResponseTemplate::new(201).set_body_raw("{}", "application/json")).await;
    let _ = client(&server).create_meeting("me", &body).await;
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/v2/users/me/meetings");
    assert_eq!(header(&request.headers, "content-type"), "application/json");
    let sent: serde_json::Value = serde_json::from_slice(&request.body).expect("a JSON body");
    assert_eq!(sent["topic"], json!("fugiat cillum"));
    assert_eq!(sent["type"], json!(2));
    assert_eq!(sent["pre_schedule"], json!(false));
    assert_eq!(sent["duration"], json!(50064436));
    assert_eq!(sent["start_time"], json!("1979-08-07T10:13:05.658Z"));
    assert_eq!(sent["recurrence"]["type"], json!(2));
    assert!(sent["settings"].is_object(), "{sent}");
    assert!(sent["tracking_fields"].is_array(), "{sent}");
    assert_eq!(sent, expected);
}
