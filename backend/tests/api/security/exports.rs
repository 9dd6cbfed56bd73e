//! A manager's subject-access export holds only what happened at their schools; the
//! person's own export holds everything.

use attest_domain::api::PersonalDataExport;

use crate::helpers::TestApp;
use crate::manage::support::{
    client_for, complete_training, manager, person_id, school_id, staff, CAMELEY, CHAD,
};
use crate::on_both_databases;
use attest::on_db;

async fn export(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
) -> (PersonalDataExport, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    (serde_json::from_str(&text).unwrap(), text)
}

async fn a_managers_export_leaves_out_other_schools_records(app: TestApp) {
    // A teacher trains and attests at Cameley, then also joins Chad Vale.
    let email = staff(CAMELEY);
    let receipt = complete_training(&app, &email).await;
    let teacher = person_id(&app, &email).await;
    let (chad, cameley) = (school_id(&app, CHAD).await, school_id(&app, CAMELEY).await);
    on_db!(app.db, |e| sqlx::query("INSERT INTO memberships (person_id, school_id, role, start_date) VALUES ($1, $2, 'staff', '2026-09-01')")
        .bind(&teacher)
        .bind(&chad)
        .execute(e).await.rows_affected())
        .unwrap();
    let (attempt, hash): (String, String) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT attempt_id, hash FROM attestations WHERE person_id = $1"
    )
    .bind(&teacher)
    .fetch_one(e)
    .await)
    .unwrap();

    let office = client_for(&app, &manager(CHAD)).await;
    let (theirs, text) = export(&app, &office, &format!("/api/people/{teacher}/export")).await;
    assert_eq!(theirs.person.email, email, "the account itself is shared");
    for cameleys in [&cameley, &attempt, &hash, &receipt.code, &receipt.id] {
        assert!(
            !text.contains(cameleys.as_str()),
            "Cameley's {cameleys} leaked to Chad Vale"
        );
    }
    for table in [
        "attestations",
        "quiz_attempts",
        "lesson_progress",
        "lesson_reads",
    ] {
        assert!(
            theirs.records[table].is_empty(),
            "{table}: {:?}",
            theirs.records[table]
        );
    }
    for account in ["sessions", "sign_in_links", "trust_roles"] {
        assert!(
            !theirs.records.contains_key(account),
            "{account} is the person's own"
        );
    }
    assert_eq!(theirs.records["memberships"].len(), 1);
    assert_eq!(theirs.records["memberships"][0]["school_id"], chad.as_str());

    let own = client_for(&app, &email).await;
    let (mine, text) = export(&app, &own, "/api/me/export").await;
    assert_eq!(mine.records["attestations"].len(), 1);
    assert!(text.contains(&hash) && text.contains(&attempt));
    assert_eq!(mine.records["memberships"].len(), 2);
    assert!(!mine.records["sessions"].is_empty());
}
on_both_databases!(a_managers_export_leaves_out_other_schools_records);
