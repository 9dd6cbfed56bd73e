//! Personal data: subject access exports for the person and their managers only.

use attest_domain::api::{Me, PersonalDataExport};

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::steps::{complete_module, signed_in, MANAGER, OTHER_STAFF, STAFF};
use attest::on_db;

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
    // Every lesson was opened before the quiz; each opening is theirs to see.
    assert!(!export.records["lesson_reads"].is_empty());
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

async fn leavers_are_anonymised_after_retention_with_evidence_intact(app: TestApp) {
    let staff = signed_in(&app, STAFF).await;
    complete_module(&app, &staff).await;
    let id = person_id(&app, STAFF).await;
    let (school,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT school_id FROM memberships WHERE person_id = $1"
    )
    .bind(&id)
    .fetch_one(e)
    .await)
    .unwrap();
    let mut tx = app.db.pool.begin().await.unwrap();
    attest::manage::people::deactivate_member(&mut tx, &id, &school, app.clock.now())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // Within the retention period nothing changes.
    let soon = app.clock.now() + chrono::Duration::days(365);
    let none = attest::privacy::anonymise_leavers(&app.db, soon, 72, false)
        .await
        .unwrap();
    assert!(none.is_empty());

    let later = app.clock.now() + chrono::Duration::days(365 * 6 + 30);
    let listed = attest::privacy::anonymise_leavers(&app.db, later, 72, true)
        .await
        .unwrap();
    assert_eq!(listed, vec![id.clone()], "a dry run lists the leaver");
    let (name,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT name FROM people WHERE id = $1"
    )
    .bind(&id)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_ne!(name, "Former member of staff", "a dry run changes nothing");

    let done = attest::privacy::anonymise_leavers(&app.db, later, 72, false)
        .await
        .unwrap();
    assert_eq!(done, vec![id.clone()]);
    let export = attest::privacy::export_person(
        &app.db,
        &id,
        attest::privacy::ExportScope::Everything,
        later,
    )
    .await
    .unwrap();
    assert_eq!(export.person.name, "Former member of staff");
    assert!(
        !export.person.email.contains("chad-vale"),
        "{}",
        export.person.email
    );
    assert_eq!(
        export.records["attestations"].len(),
        1,
        "the evidence stays"
    );
    assert!(export.records["sessions"].is_empty());
    assert!(export.records["lesson_reads"].is_empty());
    let report = attest::chain::verify_all(&app.db).await.unwrap();
    assert!(
        report.is_intact() && report.records == 1,
        "{}",
        report.describe()
    );
    // Running again finds nobody new.
    let again = attest::privacy::anonymise_leavers(&app.db, later, 72, false)
        .await
        .unwrap();
    assert!(again.is_empty());
}
on_both_databases!(leavers_are_anonymised_after_retention_with_evidence_intact);
