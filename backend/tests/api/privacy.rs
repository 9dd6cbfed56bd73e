//! Personal data: subject access exports for the person and their managers only.

use attest_domain::api::{Me, PersonalDataExport};

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::steps::{complete_module, signed_in, MANAGER, OTHER_STAFF, STAFF};

async fn person_id(app: &TestApp, email: &str) -> String {
    let client = signed_in(app, email).await;
    let me: Me = client
        .get(app.url("/api/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    me.id
}

async fn a_person_exports_everything_held_about_them_without_secrets(app: TestApp) {
    let staff = signed_in(&app, STAFF).await;
    let receipt = complete_module(&app, &staff).await;

    let res = staff.get(app.url("/api/me/export")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    let export: PersonalDataExport = serde_json::from_str(&text).unwrap();
    assert_eq!(export.person.email, STAFF);
    let attestations = &export.records["attestations"];
    assert_eq!(attestations.len(), 1);
    assert_eq!(attestations[0]["id"], receipt.id.as_str());
    assert_eq!(attestations[0]["ip"], "127.0.0.1");
    assert_eq!(export.records["quiz_attempts"].len(), 1);
    assert_eq!(export.records["memberships"].len(), 1);
    assert!(!export.records["sessions"].is_empty());
    for secret in ["password_hash", "token_hash", "$argon2"] {
        assert!(!text.contains(secret), "the export leaks {secret}");
    }
}
on_both_databases!(a_person_exports_everything_held_about_them_without_secrets);

async fn only_the_persons_managers_may_export_their_data(app: TestApp) {
    let staff_id = person_id(&app, STAFF).await;
    let url = app.url(&format!("/api/people/{staff_id}/export"));

    let manager = signed_in(&app, MANAGER).await;
    let export: PersonalDataExport = manager
        .get(&url)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(export.person.id, staff_id);

    let other_school = signed_in(&app, "manager@cameley-primary.example").await;
    assert_eq!(other_school.get(&url).send().await.unwrap().status(), 404);
    let colleague = signed_in(&app, OTHER_STAFF).await;
    assert_eq!(colleague.get(&url).send().await.unwrap().status(), 403);
    assert_eq!(
        app.new_client().get(&url).send().await.unwrap().status(),
        401
    );
    let forged = app.url("/api/people/not-a-real-id/export");
    assert_eq!(manager.get(&forged).send().await.unwrap().status(), 404);
}
on_both_databases!(only_the_persons_managers_may_export_their_data);
