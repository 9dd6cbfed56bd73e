//! How long an attestation lasts: due soon, overdue, new starters and re-attestation,
//! checked on the exact boundary days with the test clock.

use attest::on_db;
use attest::publish::{publish_new_version, PublishOptions};
use attest_domain::api::Status;

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::steps::*;

async fn an_attestation_is_valid_then_due_soon_then_overdue(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    complete_module(&app, &client).await;
    let module = only_module(&app, &client).await;
    assert_eq!(module.status, Status::Attested);
    assert_eq!(
        module.expires,
        Some(day("2027-09-01")),
        "12 months by default"
    );
    assert_eq!(module.due, Some(day("2027-09-01")));
    assert!(module.receipt_id.is_some());

    // The last day before the final 30 days.
    on_day(&app, &client, STAFF, day("2027-08-01")).await;
    assert_eq!(status_now(&app, &client).await, Status::Attested);
    on_day(&app, &client, STAFF, day("2027-08-02")).await;
    assert_eq!(status_now(&app, &client).await, Status::DueSoon);
    // Still valid on its last day.
    on_day(&app, &client, STAFF, day("2027-09-01")).await;
    assert_eq!(status_now(&app, &client).await, Status::DueSoon);
    on_day(&app, &client, STAFF, day("2027-09-02")).await;
    assert_eq!(status_now(&app, &client).await, Status::Overdue);

    // Renewing puts it right for another year.
    complete_module(&app, &client).await;
    let renewed = only_module(&app, &client).await;
    assert_eq!(renewed.status, Status::Attested);
    assert_eq!(renewed.expires, Some(day("2028-09-02")));
}
on_both_databases!(an_attestation_is_valid_then_due_soon_then_overdue);

async fn a_review_period_set_per_policy_is_used(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let version_id = only_module(&app, &client).await.version_id;
    on_db!(app.db, |e| sqlx::query(
        "UPDATE policy_versions SET review_period_months = 24 WHERE id = $1"
    )
    .bind(&version_id)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let receipt = complete_module(&app, &client).await;
    assert_eq!(receipt.expires, day("2028-09-01"));
    assert_eq!(
        only_module(&app, &client).await.expires,
        Some(day("2028-09-01"))
    );
}
on_both_databases!(a_review_period_set_per_policy_is_used);

async fn existing_staff_are_due_fourteen_days_after_assignment(app: TestApp) {
    // The demo staff started a week before the policy was assigned (2026-09-01).
    let client = signed_in(&app, STAFF).await;
    let module = only_module(&app, &client).await;
    assert_eq!(module.due, Some(day("2026-09-15")));
    on_day(&app, &client, STAFF, day("2026-09-15")).await;
    assert_eq!(status_now(&app, &client).await, Status::NotStarted);
    on_day(&app, &client, STAFF, day("2026-09-16")).await;
    assert_eq!(status_now(&app, &client).await, Status::Overdue);
}
on_both_databases!(existing_staff_are_due_fourteen_days_after_assignment);

async fn a_new_starter_is_due_fourteen_days_after_their_start_date(app: TestApp) {
    on_db!(app.db, |e| sqlx::query(
        "UPDATE memberships SET start_date = '2026-10-05' \
         WHERE person_id = (SELECT id FROM people WHERE email = $1)",
    )
    .bind(STAFF)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let client = signed_in(&app, STAFF).await;
    assert_eq!(
        only_module(&app, &client).await.due,
        Some(day("2026-10-19"))
    );

    let version_id = only_module(&app, &client).await.version_id;
    start_attempt(&app, &client, &version_id).await;
    on_day(&app, &client, STAFF, day("2026-10-19")).await;
    assert_eq!(status_now(&app, &client).await, Status::InProgress);
    on_day(&app, &client, STAFF, day("2026-10-20")).await;
    assert_eq!(status_now(&app, &client).await, Status::Overdue);

    // Completing late clears it.
    complete_module(&app, &client).await;
    let module = only_module(&app, &client).await;
    assert_eq!(module.status, Status::Attested);
    assert_eq!(module.expires, Some(day("2027-10-20")));
}
on_both_databases!(a_new_starter_is_due_fourteen_days_after_their_start_date);

/// Publishes the next version of the staff member's policy (same text, one line added).
async fn publish_next_version(
    app: &TestApp,
    version_id: &str,
    requires_reattestation: bool,
) -> String {
    let (policy_id, text): (String, String) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT policy_id, source_text FROM policy_versions WHERE id = $1"
    )
    .bind(version_id)
    .fetch_one(e)
    .await)
    .unwrap();
    let mut tx = app.db.pool.begin().await.unwrap();
    let published = publish_new_version(
        &mut tx,
        &policy_id,
        "policy-v2.txt",
        &format!("{text}\n"),
        &PublishOptions {
            label: "v2".into(),
            requires_reattestation,
            ..PublishOptions::default()
        },
        app.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    published.version_id
}

async fn a_version_requiring_reattestation_makes_it_due_within_the_grace_period(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let first = complete_module(&app, &client).await;
    on_day(&app, &client, STAFF, day("2026-11-01")).await;
    let v2 = publish_next_version(&app, &only_module(&app, &client).await.version_id, true).await;

    let module = only_module(&app, &client).await;
    assert_eq!(module.version_id, v2);
    assert_eq!(module.version_label, "v2");
    assert_eq!(module.status, Status::DueSoon);
    assert_eq!(module.due, Some(day("2026-12-01")), "30 days' grace");
    // The earlier receipt stays reachable: the record is not rewritten.
    assert_eq!(module.receipt_id.as_deref(), Some(first.id.as_str()));

    on_day(&app, &client, STAFF, day("2026-12-01")).await;
    assert_eq!(status_now(&app, &client).await, Status::DueSoon);
    on_day(&app, &client, STAFF, day("2026-12-02")).await;
    assert_eq!(status_now(&app, &client).await, Status::Overdue);

    // The old version can no longer be attested; the new one can.
    let old = start_attempt_status(&app, &client, &first_version(&app, &first.id).await).await;
    assert_eq!(old, 409);
    let receipt = complete_module(&app, &client).await;
    assert_eq!(receipt.version_label, "v2");
    let module = only_module(&app, &client).await;
    assert_eq!(module.status, Status::Attested);
    assert_eq!(module.expires, Some(day("2027-12-02")));
    assert_eq!(module.receipt_id.as_deref(), Some(receipt.id.as_str()));
}
on_both_databases!(a_version_requiring_reattestation_makes_it_due_within_the_grace_period);

async fn a_version_not_requiring_reattestation_leaves_it_valid(app: TestApp) {
    let client = signed_in(&app, STAFF).await;
    let first = complete_module(&app, &client).await;
    on_day(&app, &client, STAFF, day("2026-11-01")).await;
    let v2 = publish_next_version(&app, &only_module(&app, &client).await.version_id, false).await;

    let module = only_module(&app, &client).await;
    assert_eq!(module.version_id, v2);
    assert_eq!(module.status, Status::Attested);
    assert_eq!(module.expires, Some(day("2027-09-01")));
    assert_eq!(module.receipt_id.as_deref(), Some(first.id.as_str()));
    on_day(&app, &client, STAFF, day("2026-12-02")).await;
    assert_eq!(status_now(&app, &client).await, Status::Attested);
}
on_both_databases!(a_version_not_requiring_reattestation_leaves_it_valid);

async fn first_version(app: &TestApp, attestation_id: &str) -> String {
    let (version_id,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT version_id FROM attestations WHERE id = $1"
    )
    .bind(attestation_id)
    .fetch_one(e)
    .await)
    .unwrap();
    version_id
}

async fn start_attempt_status(app: &TestApp, client: &reqwest::Client, version_id: &str) -> u16 {
    client
        .post(app.url(&format!("/api/modules/{version_id}/attempts")))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}
