//! Oversight: overdue policy reviews on the dashboards, trust-wide evidence, and a person's reminders.

use attest_domain::api::{Dashboard, PersonDetail, ReminderStatus, TrustEvidenceReport};
use chrono::Duration;

use super::drafts::{publish_text, settings};
use super::support::*;
use crate::helpers::TestApp;
use crate::on_both_databases;
use attest::on_db;

/// Sets every current review date well in the future.
async fn every_review_far_off(app: &TestApp) {
    on_db!(app.db, |e| sqlx::query(
        "UPDATE policy_versions SET next_review = '2027-06-30'"
    )
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
}

/// Sets every current review date well in the future, then Chad Vale's policy's in the past.
async fn chads_review_is_a_month_overdue(app: &TestApp) {
    every_review_far_off(app).await;
    let policy = policy_id(app, CHAD).await;
    on_db!(app.db, |e| sqlx::query(
        "UPDATE policy_versions SET next_review = '2026-08-01' WHERE policy_id = $1"
    )
    .bind(&policy)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
}

async fn policies_past_their_review_date_are_flagged_on_school_and_trust_dashboards(app: TestApp) {
    let chad = school_id(&app, CHAD).await;
    let cameley = school_id(&app, CAMELEY).await;
    let trust = trust_id(&app).await;
    let client = client_for(&app, TRUST).await;
    every_review_far_off(&app).await;
    let before: Dashboard =
        get_json(&app, &client, &format!("/api/trusts/{trust}/dashboard")).await;
    assert!(
        before.overdue_reviews.is_empty(),
        "{:?}",
        before.overdue_reviews
    );

    chads_review_is_a_month_overdue(&app).await;
    let school: Dashboard =
        get_json(&app, &client, &format!("/api/schools/{chad}/dashboard")).await;
    assert_eq!(school.overdue_reviews.len(), 1);
    let flag = &school.overdue_reviews[0];
    assert_eq!(flag.policy_id, policy_id(&app, CHAD).await);
    assert_eq!(flag.next_review.to_string(), "2026-08-01");
    assert_eq!(flag.days_overdue, 31);
    assert_eq!(flag.school_id, chad);
    let whole_trust: Dashboard =
        get_json(&app, &client, &format!("/api/trusts/{trust}/dashboard")).await;
    assert_eq!(whole_trust.overdue_reviews, school.overdue_reviews);
    let other: Dashboard =
        get_json(&app, &client, &format!("/api/schools/{cameley}/dashboard")).await;
    assert!(other.overdue_reviews.is_empty());
}
on_both_databases!(policies_past_their_review_date_are_flagged_on_school_and_trust_dashboards);

async fn a_review_due_today_is_not_yet_overdue(app: TestApp) {
    let chad = school_id(&app, CHAD).await;
    chads_review_is_a_month_overdue(&app).await;
    on_db!(app.db, |e| sqlx::query(
        "UPDATE policy_versions SET next_review = '2026-09-01' WHERE next_review = '2026-08-01'",
    )
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let client = client_for(&app, &manager(CHAD)).await;
    let today: Dashboard = get_json(&app, &client, &format!("/api/schools/{chad}/dashboard")).await;
    assert!(today.overdue_reviews.is_empty());
    app.clock.advance(Duration::days(1));
    let client = client_for(&app, &manager(CHAD)).await;
    let tomorrow: Dashboard =
        get_json(&app, &client, &format!("/api/schools/{chad}/dashboard")).await;
    assert_eq!(tomorrow.overdue_reviews.len(), 1);
    assert_eq!(tomorrow.overdue_reviews[0].days_overdue, 1);
}
on_both_databases!(a_review_due_today_is_not_yet_overdue);

async fn publishing_a_reviewed_version_clears_the_flag(app: TestApp) {
    let chad = school_id(&app, CHAD).await;
    let policy = policy_id(&app, CHAD).await;
    chads_review_is_a_month_overdue(&app).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let text = std::fs::read_to_string(
        crate::helpers::workspace_dir().join("content/policies/chad-vale-primary.txt"),
    )
    .unwrap();
    let mut reviewed = settings("v1.1", false);
    reviewed["groups"] = serde_json::json!([]);
    reviewed["next_review"] = "2027-09-01".into();
    let (status, body) = publish_text(&app, &client, &chad, Some(&policy), &text, reviewed).await;
    assert_eq!(status, 201, "{body}");
    // The old version keeps its past date; only the current version counts.
    let (old,): (i64,) = on_db!(app.db, |e| {
        sqlx::query_as(
        "SELECT COUNT(*) FROM policy_versions WHERE policy_id = $1 AND next_review = '2026-08-01'",
    )
    .bind(&policy)
    .fetch_one(e).await
    })
    .unwrap();
    assert_eq!(old, 1);
    let after: Dashboard = get_json(&app, &client, &format!("/api/schools/{chad}/dashboard")).await;
    assert!(
        after.overdue_reviews.is_empty(),
        "{:?}",
        after.overdue_reviews
    );
}
on_both_databases!(publishing_a_reviewed_version_clears_the_flag);

async fn the_trust_evidence_report_covers_every_school_with_its_own_chain_check(app: TestApp) {
    let trust = trust_id(&app).await;
    let receipt = complete_training(&app, &staff(CHAD)).await;
    let client = client_for(&app, TRUST).await;

    let report: TrustEvidenceReport =
        get_json(&app, &client, &format!("/api/trusts/{trust}/evidence")).await;
    assert_eq!(report.schools.len(), 5);
    assert!(report.all_chains_intact);
    assert_eq!(report.attestations, 1);
    let chad = report
        .schools
        .iter()
        .find(|s| s.school_name.starts_with("Chad Vale"))
        .unwrap();
    assert_eq!(chad.chain.records, 1);
    assert_eq!(chad.attestations[0].code, receipt.code);
    assert!(chad.attestations[0].verified);
    let gaps: u32 = report.schools.iter().map(|s| s.gaps.len() as u32).sum();
    assert_eq!(report.gaps, gaps);
    assert!(
        gaps >= 9,
        "two assigned people at each school, one attested: {gaps}"
    );

    // The day before, nobody held anything.
    let before: TrustEvidenceReport = get_json(
        &app,
        &client,
        &format!("/api/trusts/{trust}/evidence?as_at=2026-08-31"),
    )
    .await;
    assert_eq!(before.attestations, 0);
    assert!(before.schools.iter().all(|s| s.attestations.is_empty()));
    assert_eq!(before.schools.len(), 5);

    let future = client
        .get(app.url(&format!("/api/trusts/{trust}/evidence?as_at=2027-01-01")))
        .send()
        .await
        .unwrap();
    assert_eq!(future.status(), 422);
}
on_both_databases!(the_trust_evidence_report_covers_every_school_with_its_own_chain_check);

async fn the_trust_evidence_downloads_as_csv_and_pdf_and_shows_a_broken_chain(app: TestApp) {
    let trust = trust_id(&app).await;
    complete_training(&app, &staff(CHAD)).await;
    let client = client_for(&app, TRUST).await;
    let csv = client
        .get(app.url(&format!("/api/trusts/{trust}/evidence.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let held: Vec<&str> = text.lines().filter(|l| l.contains(",held,")).collect();
    assert_eq!(held.len(), 1, "{text}");
    assert!(
        held[0].contains(&staff(CHAD)) && held[0].ends_with(",yes"),
        "{text}"
    );
    assert!(text
        .lines()
        .next()
        .unwrap()
        .starts_with("as_at,school,school_chain"));

    let pdf = client
        .get(app.url(&format!("/api/trusts/{trust}/evidence.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), 200);
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-1.4"));
    let text = pdf_text(&bytes);
    assert!(text.contains("every school's chain verifies"), "{text}");

    // Tamper with Chad Vale's chain: the report says which school's chain is broken.
    app.drop_append_only_guard().await;
    on_db!(app.db, |e| sqlx::query(
        "UPDATE attestations SET score = score - 1"
    )
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let report: TrustEvidenceReport =
        get_json(&app, &client, &format!("/api/trusts/{trust}/evidence")).await;
    assert!(!report.all_chains_intact);
    let broken: Vec<&str> = report
        .schools
        .iter()
        .filter(|s| !s.chain.intact)
        .map(|s| s.school_name.as_str())
        .collect();
    assert_eq!(broken.len(), 1);
    assert!(broken[0].starts_with("Chad Vale"), "{broken:?}");
    let text = client
        .get(app.url(&format!("/api/trusts/{trust}/evidence.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("broken at record 1"), "{text}");
    let pdf = client
        .get(app.url(&format!("/api/trusts/{trust}/evidence.pdf")))
        .send()
        .await
        .unwrap();
    let text = pdf_text(&pdf.bytes().await.unwrap());
    assert!(text.contains("Chain check: BROKEN at record #1"), "{text}");
}
on_both_databases!(the_trust_evidence_downloads_as_csv_and_pdf_and_shows_a_broken_chain);

async fn a_persons_page_lists_the_reminders_written_for_them(app: TestApp) {
    let school = school_id(&app, CHAD).await;
    let person = person_id(&app, &staff(CHAD)).await;
    let client = client_for(&app, &manager(CHAD)).await;
    let before: PersonDetail = get_json(&app, &client, &format!("/api/people/{person}")).await;
    assert!(before.reminders.is_empty());

    let res = client
        .post(app.url(&format!("/api/schools/{school}/reminders")))
        .json(&serde_json::json!({ "person_id": person }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202, "{}", res.text().await.unwrap());
    let after: PersonDetail = get_json(&app, &client, &format!("/api/people/{person}")).await;
    assert_eq!(after.reminders.len(), 1, "{:?}", after.reminders);
    let r = &after.reminders[0];
    assert_eq!(r.stage, "manual");
    assert!(r.school_name.as_deref().unwrap().starts_with("Chad Vale"));
    assert!(r.due_on.is_some());
    assert!(matches!(
        r.status,
        ReminderStatus::Pending | ReminderStatus::Sent
    ));
    assert_eq!(r.created_at, "2026-09-01T09:00:00Z");

    // Another school's manager reminding the same person elsewhere stays out of this page.
    let cameley = school_id(&app, CAMELEY).await;
    on_db!(app.db, |e| sqlx::query(
        "INSERT INTO reminders (id, school_id, person_id, version_id, stage, occasion, status, send_after, created_at) \
         VALUES ('r-elsewhere', $1, $2, '', 'manual', 'x', 'sent', '2026-09-01T09:00:00Z', '2026-09-01T10:00:00Z')",
    )
    .bind(&cameley)
    .bind(&person)
    .execute(e).await.rows_affected())
    .unwrap();
    let again: PersonDetail = get_json(&app, &client, &format!("/api/people/{person}")).await;
    assert_eq!(again.reminders.len(), 1);
}
on_both_databases!(a_persons_page_lists_the_reminders_written_for_them);

/// A trust of many schools: the standings of all of them load in one query per table,
/// binding one argument per school (more than SQLite's fast lane once kept names for).
async fn a_trust_of_many_schools_has_its_dashboard(app: TestApp) {
    let trust = trust_id(&app).await;
    let client = client_for(&app, TRUST).await;
    let before: Dashboard =
        get_json(&app, &client, &format!("/api/trusts/{trust}/dashboard")).await;
    for n in 0..40 {
        on_db!(app.db, |e| sqlx::query(
            "INSERT INTO schools (id, trust_id, name, slug) VALUES ($1, $2, $3, $4)"
        )
        .bind(format!("extra-school-{n}"))
        .bind(&trust)
        .bind(format!("Extra School {n}"))
        .bind(format!("extra-{n}"))
        .execute(e)
        .await
        .rows_affected())
        .unwrap();
    }
    let after: Dashboard = get_json(&app, &client, &format!("/api/trusts/{trust}/dashboard")).await;
    // Schools without staff change no figure.
    assert_eq!(
        (after.people, after.fully_compliant, after.counts),
        (before.people, before.fully_compliant, before.counts)
    );
    assert!(after.people > 0);
}
on_both_databases!(a_trust_of_many_schools_has_its_dashboard);
