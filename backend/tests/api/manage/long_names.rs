//! Names longer than 200 characters are refused with a clear message wherever a person is
//! named (a staff file, the person form, a new manager), and characters are counted, not
//! bytes, so a name in another script gets the same room.

use attest_domain::api::ImportReport;
use serde_json::json;

use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;

/// 150 characters, 300 bytes: allowed.
fn accented() -> String {
    "é".repeat(150)
}

/// 201 characters: refused.
fn too_long() -> String {
    "a".repeat(201)
}

/// Status and the error message of a JSON request.
async fn send(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    body: serde_json::Value,
) -> (u16, String) {
    let (status, text) = super::drafts::step(app, client, reqwest::Method::POST, path, body).await;
    let body: serde_json::Value = serde_json::from_str(&text).unwrap();
    let message = body["message"].as_str().unwrap_or_default().to_string();
    (status, message)
}

async fn a_staff_file_refuses_a_name_over_200_characters_by_line(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let file = format!(
        "name,email,groups,start date\n{},long@chad.example,teaching,2026-09-01\n{},accent@chad.example,teaching,2026-09-01\n",
        too_long(),
        accented()
    );
    let res = client
        .post(app.url(&format!("/api/schools/{school}/people/import?dry_run=true")))
        .header("content-type", "text/csv")
        .body(file)
        .send()
        .await
        .unwrap();
    let report: ImportReport = res.json().await.unwrap();
    assert_eq!(report.errors.len(), 1, "{:#?}", report.errors);
    assert_eq!(report.errors[0].line, 2);
    assert!(
        report.errors[0].reason.contains("201 characters")
            && report.errors[0].reason.contains("200"),
        "{}",
        report.errors[0].reason
    );
    assert_eq!(report.rows.len(), 1, "the accented name is read");
    assert_eq!(report.rows[0].name, accented());
}
on_both_databases!(a_staff_file_refuses_a_name_over_200_characters_by_line);

async fn the_person_form_counts_characters_not_bytes(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let path = format!("/api/schools/{school}/people");
    let person = |name: String, email: &str| json!({ "name": name, "email": email, "groups": ["teaching"], "start_date": "2026-09-01" });
    let (status, message) = send(
        &client,
        &app,
        &path,
        person(accented(), "accent@chad.example"),
    )
    .await;
    assert_eq!(status, 201, "{message}");
    let (status, message) = send(
        &client,
        &app,
        &path,
        person(too_long(), "long@chad.example"),
    )
    .await;
    assert_eq!(status, 422);
    assert!(message.contains("201 characters"), "{message}");
}
on_both_databases!(the_person_form_counts_characters_not_bytes);

async fn a_new_manager_with_a_name_over_200_characters_is_refused(app: TestApp) {
    let head = client_for(&app, &manager(CHAD)).await;
    let chad = school_id(&app, CHAD).await;
    let grant = |name: String| json!({ "email": "new.head@chad.example", "name": name, "role": "school_manager", "school_id": chad });
    let (status, message) = send(&head, &app, "/api/roles", grant(too_long())).await;
    assert_eq!(status, 422);
    assert!(message.contains("201 characters"), "{message}");
    let (status, message) = send(&head, &app, "/api/roles", grant(accented())).await;
    assert_eq!(status, 200, "{message}");
}
on_both_databases!(a_new_manager_with_a_name_over_200_characters_is_refused);
