//! Backup while serving, then restore into a fresh data directory and verify.

use crate::driver::{answer_key, attest_once, signed_in};
use crate::process::{attest, Serving};
use attest::on_db;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_serving_restores_and_verifies() {
    let data = tempfile::tempdir().unwrap();
    let server = Serving::start(data.path());
    let key = answer_key(data.path()).await;
    let client = signed_in(&server.base, "staff@chad-vale-primary.example").await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(attest_once(&client, &server.base, &key).await.unwrap().id);
    }
    let file = data.path().join("snapshot.db");
    let (ok, out) = attest(&["backup", file.to_str().unwrap()], data.path());
    assert!(ok, "{out}");
    // Taking another backup onto the same file is refused rather than overwriting it.
    let (again, out) = attest(&["backup", file.to_str().unwrap()], data.path());
    assert!(!again && out.contains("already exists"), "{out}");
    drop(server);

    let fresh = tempfile::tempdir().unwrap();
    let (ok, out) = attest(&["restore", file.to_str().unwrap()], fresh.path());
    assert!(ok, "{out}");
    assert!(out.contains("all chains verify"), "{out}");
    let restored = answer_key(fresh.path()).await;
    for id in &ids {
        let (n,): (i64,) = on_db!(restored, |e| sqlx::query_as(
            "SELECT COUNT(*) FROM attestations WHERE id = ?"
        )
        .bind(id)
        .fetch_one(e)
        .await)
        .unwrap();
        assert_eq!(n, 1, "attestation {id} is in the restored database");
    }
    let (ok, out) = attest(&["verify"], fresh.path());
    assert!(ok, "{out}");
}

#[tokio::test]
async fn restoring_a_file_that_is_not_a_backup_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    drop(Serving::start(data.path()));
    let before = std::fs::metadata(data.path().join("attest.db"))
        .unwrap()
        .len();
    let junk = data.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database").unwrap();
    let (ok, out) = attest(&["restore", junk.to_str().unwrap()], data.path());
    assert!(!ok, "{out}");
    assert!(out.contains("not a usable Attest backup"), "{out}");
    assert_eq!(
        std::fs::metadata(data.path().join("attest.db"))
            .unwrap()
            .len(),
        before
    );
}

#[tokio::test]
async fn restoring_under_a_running_server_is_refused_and_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let server = Serving::start(data.path());
    let file = data.path().join("snapshot.db");
    let (ok, out) = attest(&["backup", file.to_str().unwrap()], data.path());
    assert!(ok, "{out}");

    let (ok, out) = attest(&["restore", file.to_str().unwrap()], data.path());

    assert!(!ok, "a restore under a running server went ahead: {out}");
    assert!(out.contains("stop it before restoring"), "{out}");
    assert!(!data.path().join("attest.db.before-restore").exists());
    // Once the server has stopped, the same restore goes ahead.
    drop(server);
    let (ok, out) = attest(&["restore", file.to_str().unwrap()], data.path());
    assert!(ok, "{out}");
}
