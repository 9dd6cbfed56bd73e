//! The audit log: every change and export a manager makes is a line, with who, when and
//! from where; refused requests leave none; a school sees its own lines, a trust all of its
//! schools'; the log is append-only in the database itself.

use attest_domain::api::{AuditAction, AuditEntry};

use super::support::{
    client_for, get_json, manager, person_id, school_id, staff, trust_id, CAMELEY, CHAD, TRUST,
};
use crate::helpers::TestApp;
use crate::on_both_databases;
use attest::on_db;

fn actions(lines: &[AuditEntry]) -> Vec<AuditAction> {
    lines.iter().map(|l| l.action).collect()
}

async fn changes_and_exports_are_logged_with_who_and_from_where(app: TestApp) {
    let chad = school_id(&app, CHAD).await;
    let head = client_for(&app, &manager(CHAD)).await;

    // Refused: the holiday ends before it starts. No line for it.
    let refused = head
        .post(app.url(&format!("/api/schools/{chad}/holidays")))
        .json(&serde_json::json!({ "name": "Backwards", "first_day": "2026-09-10", "last_day": "2026-09-01" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let lines: Vec<AuditEntry> = get_json(&app, &head, &format!("/api/schools/{chad}/audit")).await;
    assert!(lines.is_empty(), "{lines:?}");

    let added = head
        .post(app.url(&format!("/api/schools/{chad}/holidays")))
        .json(&serde_json::json!({ "name": "Half term", "first_day": "2026-10-26", "last_day": "2026-10-30" }))
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 201);
    let teacher = person_id(&app, &staff(CHAD)).await;
    let edited = head
        .put(app.url(&format!("/api/people/{teacher}")))
        .json(&serde_json::json!({
            "name": "Alex Taylor", "email": staff(CHAD), "groups": ["support"], "start_date": "2026-09-01"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(edited.status(), 200);
    let csv = head
        .get(app.url(&format!("/api/schools/{chad}/matrix.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);

    let lines: Vec<AuditEntry> = get_json(&app, &head, &format!("/api/schools/{chad}/audit")).await;
    assert_eq!(
        actions(&lines),
        [
            AuditAction::Exported,
            AuditAction::PersonEdited,
            AuditAction::HolidayAdded
        ]
    );
    let edit = &lines[1];
    assert_eq!(edit.actor_name, "Jordan Lee");
    assert_eq!(edit.target_name.as_deref(), Some("Alex Taylor"));
    assert!(edit.detail.contains("support"), "{}", edit.detail);
    assert_eq!(edit.client, "127.0.0.1");
    assert!(lines[2].detail.contains("Half term"), "{}", lines[2].detail);

    let only: Vec<AuditEntry> = get_json(
        &app,
        &head,
        &format!("/api/schools/{chad}/audit?action=holiday_added"),
    )
    .await;
    assert_eq!(actions(&only), [AuditAction::HolidayAdded]);
    let none: Vec<AuditEntry> = get_json(
        &app,
        &head,
        &format!("/api/schools/{chad}/audit?from=2000-01-01&to=2000-12-31"),
    )
    .await;
    assert!(none.is_empty());

    // Another school's log holds none of it; the trust's holds all of it.
    let cameley = school_id(&app, CAMELEY).await;
    let other = client_for(&app, &manager(CAMELEY)).await;
    let theirs: Vec<AuditEntry> =
        get_json(&app, &other, &format!("/api/schools/{cameley}/audit")).await;
    assert!(theirs.is_empty(), "{theirs:?}");
    let trust = trust_id(&app).await;
    let central = client_for(&app, TRUST).await;
    let all: Vec<AuditEntry> =
        get_json(&app, &central, &format!("/api/trusts/{trust}/audit")).await;
    assert_eq!(all.len(), 3);
    assert!(all
        .iter()
        .all(|l| l.school_name.as_deref() == Some("Chad Vale Primary School")));

    // The CSV holds every line, and taking it is itself a line.
    let sheet = head
        .get(app.url(&format!("/api/schools/{chad}/audit.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(sheet.status(), 200);
    let text = sheet.text().await.unwrap();
    assert!(text.contains("Changed a person"), "{text}");
    assert!(text.contains("Jordan Lee"), "{text}");
    let lines: Vec<AuditEntry> = get_json(&app, &head, &format!("/api/schools/{chad}/audit")).await;
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0].detail, "audit log CSV");
}
on_both_databases!(changes_and_exports_are_logged_with_who_and_from_where);

async fn the_log_cannot_be_rewritten(app: TestApp) {
    let chad = school_id(&app, CHAD).await;
    let head = client_for(&app, &manager(CHAD)).await;
    let csv = head
        .get(app.url(&format!("/api/schools/{chad}/attestations.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    let update = on_db!(app.db, |e| sqlx::query(
        "UPDATE audit_log SET detail = 'nothing'"
    )
    .execute(e)
    .await
    .rows_affected());
    assert!(update.is_err(), "an UPDATE of the audit log was accepted");
    let delete = on_db!(app.db, |e| sqlx::query("DELETE FROM audit_log")
        .execute(e)
        .await
        .rows_affected());
    assert!(delete.is_err(), "a DELETE from the audit log was accepted");
    let (n,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE detail = 'attestations CSV'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(n, 1);
}
on_both_databases!(the_log_cannot_be_rewritten);
