//! The attestation hash chain: append-only in the database, and tampering is detected.

use std::process::Command;

use attest::chain::verify_all;
use attest::on_db;

use crate::helpers::TestApp;
use crate::on_both_databases;
use crate::steps::*;

/// Three attestations at Chad Vale (seq 1, 2, 3) and one at Cameley.
async fn several_attestations(app: &TestApp) -> Vec<String> {
    let staff = signed_in(app, STAFF).await;
    let manager = signed_in(app, MANAGER).await;
    let other = signed_in(app, OTHER_STAFF).await;
    let mut ids = Vec::new();
    for client in [&staff, &manager, &staff] {
        ids.push(complete_module(app, client).await.id);
    }
    complete_module(app, &other).await;
    ids
}

async fn the_database_refuses_to_change_or_remove_attestations(app: TestApp) {
    let ids = several_attestations(&app).await;
    let update = on_db!(app.db, |e| sqlx::query(
        "UPDATE attestations SET score = 0 WHERE id = $1"
    )
    .bind(&ids[1])
    .execute(e)
    .await
    .rows_affected());
    let err = update.expect_err("UPDATE is refused").to_string();
    assert!(err.contains("append-only"), "{err}");
    let delete = on_db!(app.db, |e| sqlx::query(
        "DELETE FROM attestations WHERE id = $1"
    )
    .bind(&ids[1])
    .execute(e)
    .await
    .rows_affected());
    assert!(delete
        .expect_err("DELETE is refused")
        .to_string()
        .contains("append-only"));
    let (count,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM attestations"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(count, 4);
    assert!(verify_all(&app.db).await.unwrap().is_intact());
}
on_both_databases!(the_database_refuses_to_change_or_remove_attestations);

async fn every_chain_verifies_after_several_attestations(app: TestApp) {
    let ids = several_attestations(&app).await;
    let report = verify_all(&app.db).await.unwrap();
    assert!(report.is_intact(), "{}", report.describe());
    assert_eq!((report.schools, report.records), (2, 4));
    // Each record links to the one before it in its school.
    let rows: Vec<(i64, String, String)> = on_db!(app.db, |e| sqlx::query_as(
        "SELECT seq, prev_hash, hash FROM attestations WHERE id IN ($1, $2, $3) ORDER BY seq",
    )
    .bind(&ids[0])
    .bind(&ids[1])
    .bind(&ids[2])
    .fetch_all(e)
    .await)
    .unwrap();
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(rows[0].1, attest::chain::GENESIS);
    assert_eq!(rows[1].1, rows[0].2);
    assert_eq!(rows[2].1, rows[1].2);
}
on_both_databases!(every_chain_verifies_after_several_attestations);

async fn an_altered_row_is_reported_as_the_first_broken_link(app: TestApp) {
    let ids = several_attestations(&app).await;
    app.drop_append_only_guard().await;
    on_db!(app.db, |e| sqlx::query(
        "UPDATE attestations SET score = score - 1 WHERE id = $1"
    )
    .bind(&ids[1])
    .execute(e)
    .await
    .rows_affected())
    .unwrap();

    let report = verify_all(&app.db).await.unwrap();
    assert!(!report.is_intact());
    assert_eq!(report.broken.len(), 1, "only Chad Vale's chain is broken");
    let broken = &report.broken[0];
    assert_eq!((broken.seq, broken.id.as_str()), (2, ids[1].as_str()));
    assert!(broken.reason.contains("altered"), "{}", broken.reason);
    assert!(report.describe().contains("BROKEN"));
}
on_both_databases!(an_altered_row_is_reported_as_the_first_broken_link);

async fn a_rehashed_row_breaks_the_next_link(app: TestApp) {
    // A cleverer attacker recomputes the altered row's own hash; the next row still points at the old one.
    let ids = several_attestations(&app).await;
    app.drop_append_only_guard().await;
    let mut record: attest::chain::AttestationRecord = on_db!(app.db, |e| sqlx::query_as(
        "SELECT id, school_id, seq, person_id, version_id, text_sha256, attempt_id, score, total, \
           attested_at, ip, user_agent, prev_hash, code, source_sha256 FROM attestations WHERE id = $1",
    )
    .bind(&ids[1])
    .fetch_one(e).await)
    .unwrap();
    record.fields.attested_at = "2026-08-01T09:00:00Z".into();
    on_db!(app.db, |e| sqlx::query(
        "UPDATE attestations SET attested_at = $1, hash = $2 WHERE id = $3"
    )
    .bind(&record.fields.attested_at)
    .bind(record.hash())
    .bind(&ids[1])
    .execute(e)
    .await
    .rows_affected())
    .unwrap();

    let report = verify_all(&app.db).await.unwrap();
    assert_eq!(report.broken.len(), 1);
    assert_eq!(
        (report.broken[0].seq, report.broken[0].id.as_str()),
        (3, ids[2].as_str())
    );
    assert!(report.broken[0].reason.contains("previous"));
}
on_both_databases!(a_rehashed_row_breaks_the_next_link);

async fn a_deleted_row_is_reported_as_missing(app: TestApp) {
    let ids = several_attestations(&app).await;
    app.drop_append_only_guard().await;
    on_db!(app.db, |e| sqlx::query(
        "DELETE FROM attestations WHERE id = $1"
    )
    .bind(&ids[1])
    .execute(e)
    .await
    .rows_affected())
    .unwrap();

    let report = verify_all(&app.db).await.unwrap();
    assert_eq!(report.broken.len(), 1);
    assert_eq!(
        (report.broken[0].seq, report.broken[0].id.as_str()),
        (3, ids[2].as_str())
    );
    assert!(
        report.broken[0].reason.contains("missing"),
        "{}",
        report.broken[0].reason
    );
}
on_both_databases!(a_deleted_row_is_reported_as_missing);

/// Runs `attest verify` on the test's database: (succeeded, stdout).
fn run_verify(app: &TestApp) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_attest"))
        .args(["verify", "--database-url", &app.db_url])
        .env_remove("ATTEST_DATABASE_URL")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

async fn the_verify_command_fails_on_a_tampered_database(app: TestApp) {
    let ids = several_attestations(&app).await;
    let (ok, out) = run_verify(&app);
    assert!(ok, "{out}");
    assert!(out.contains("all chains verify"), "{out}");

    app.drop_append_only_guard().await;
    on_db!(app.db, |e| sqlx::query(
        "UPDATE attestations SET user_agent = 'forged' WHERE id = $1"
    )
    .bind(&ids[0])
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    let (ok, out) = run_verify(&app);
    assert!(!ok, "verify must exit non-zero: {out}");
    assert!(out.contains(&format!("record #1 ({})", ids[0])), "{out}");
}
on_both_databases!(the_verify_command_fails_on_a_tampered_database);
