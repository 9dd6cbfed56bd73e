//! Storage: migrations, health, unknown API routes, and re-opening an existing database.

use attest::db::Db;
use attest::on_db;
use attest::seed::{seed_if_empty, DemoSize};

use crate::helpers::{spawn_app, workspace_dir, Backend, TestApp};
use crate::on_both_databases;

async fn health_reports_the_database(app: TestApp) {
    let res = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}
on_both_databases!(health_reports_the_database);

async fn responses_carry_the_security_headers(app: TestApp) {
    let res = app.client.get(app.url("/healthz")).send().await.unwrap();
    let header = |name: &str| {
        res.headers()
            .get(name)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string()
    };
    let csp = header("content-security-policy");
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("referrer-policy"), "same-origin");
}
on_both_databases!(responses_carry_the_security_headers);

async fn unknown_api_routes_answer_json_404(app: TestApp) {
    let res = app
        .client
        .get(app.url("/api/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], 404);
}
on_both_databases!(unknown_api_routes_answer_json_404);

async fn a_seeded_database_is_not_seeded_twice(app: TestApp) {
    let again = seed_if_empty(
        &app.db,
        &workspace_dir().join("content"),
        None,
        DemoSize::StaffRooms,
        app.clock.now(),
    )
    .await
    .unwrap();
    assert!(again.is_none());
    let (schools,): (i64,) = on_db!(app.db, |e| sqlx::query_as("SELECT COUNT(*) FROM schools")
        .fetch_one(e)
        .await)
    .unwrap();
    assert_eq!(schools, 5);
}
on_both_databases!(a_seeded_database_is_not_seeded_twice);

#[tokio::test]
async fn a_sqlite_file_is_created_migrated_and_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/nested/attest.db", dir.path().display());
    let db = Db::connect(&url).await.unwrap();
    on_db!(db, |e| sqlx::query(
        "INSERT INTO trusts (id, name) VALUES ('t1', 'Trust')"
    )
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    db.pool.close().await;
    assert!(dir.path().join("nested/attest.db").is_file());
    let reopened = Db::connect(&url).await.unwrap();
    let (name,): (String,) = on_db!(reopened, |e| sqlx::query_as(
        "SELECT name FROM trusts WHERE id = 't1'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(name, "Trust");
    let (mode,): (String,) = on_db!(reopened, |e| sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(e)
        .await)
    .unwrap();
    assert_eq!(mode, "wal");
}

/// Every integer column is `BIGINT` on PostgreSQL: the code reads integers as 64 bits, and
/// PostgreSQL's driver refuses to read a four-byte column as one.
#[tokio::test]
async fn every_integer_column_is_bigint_on_postgres() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let narrow: Vec<(String, String)> = on_db!(app.db, |e| sqlx::query_as(
        "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND data_type IN ('integer', 'smallint')"
    )
    .fetch_all(e)
    .await)
    .unwrap();
    assert!(narrow.is_empty(), "four-byte integer columns: {narrow:?}");
}
