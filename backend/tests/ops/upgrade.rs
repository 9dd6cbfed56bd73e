//! Upgrading a database made by an earlier release keeps what it holds.

use std::path::Path;

use attest::db::Db;
use attest::db::Pool;
use attest::on_db;
use sqlx::migrate::Migrator;
use sqlx::Executor;

/// Applies `kind`'s migrations before `version` to the database at `url`, as the release
/// that had only those would have.
async fn migrate_before(kind: &str, version: u32, url: &str) {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(kind);
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name[..4].parse::<u32>().unwrap() < version {
            std::fs::copy(&path, dir.path().join(&name)).unwrap();
        }
    }
    let pool = Pool::open(url).await.unwrap();
    let migrator = Migrator::new(dir.path()).await.unwrap();
    // An attempt as release 0011 stored it; its person and version need not exist here.
    let no_checks = match kind {
        "sqlite" => "PRAGMA foreign_keys = OFF",
        _ => "SET session_replication_role = replica",
    };
    let mut conn = pool.acquire().await.unwrap();
    on_db!(conn, |e| {
        migrator.run_direct(&mut *e).await.unwrap();
        e.execute(no_checks).await.unwrap();
        e.execute(
            "INSERT INTO attempts (id, person_id, version_id, seed, questions, answers, score, \
               total, passed, created_at, submitted_at) \
             VALUES ('a1', 'p1', 'v1', 7, '[{\"stem\":\"kept\"}]', '[0]', 1, 1, 1, \
               '2026-09-01T08:00:00Z', '2026-09-01T08:05:00Z')",
        )
        .await
        .unwrap();
    });
    drop(conn);
    pool.close().await;
}

/// Upgrades the database at `url` and checks the attempt and its questions came through.
async fn upgrade_keeps_the_questions(url: &str) {
    let db = Db::connect(url).await.unwrap();
    let (questions,): (String,) = on_db!(db, |e| sqlx::query_as(
        "SELECT questions FROM attempt_questions WHERE attempt_id = 'a1'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(questions, r#"[{"stem":"kept"}]"#);
    let kept: (String, String, Option<i64>, String) = on_db!(db, |e| sqlx::query_as(
        "SELECT person_id, answers, passed, submitted_at FROM attempts WHERE id = 'a1'",
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(
        kept,
        (
            "p1".into(),
            "[0]".into(),
            Some(1),
            "2026-09-01T08:05:00Z".into()
        )
    );
    // The column is gone, so nothing can read a stale copy of the questions from it.
    assert!(on_db!(db, |e| sqlx::query("SELECT questions FROM attempts")
        .fetch_all(e)
        .await
        .map(|rows| rows.len()))
    .is_err());
    db.pool.close().await;
}

#[tokio::test]
async fn the_questions_move_out_of_stored_attempts_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/u.db?mode=rwc", dir.path().display());
    migrate_before("sqlite", 12, &url).await;
    upgrade_keeps_the_questions(&url).await;
}

#[tokio::test]
async fn the_questions_move_out_of_stored_attempts_on_postgres() {
    let Some(url) = crate::scale_out::fresh_postgres().await else {
        return;
    };
    migrate_before("postgres", 12, &url).await;
    upgrade_keeps_the_questions(&url).await;
    crate::scale_out::drop_postgres(&url).await;
}
