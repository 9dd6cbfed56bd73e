//! Crash safety: SIGKILL in the middle of a load of attestations loses nothing acknowledged.

use std::sync::{Arc, Mutex};

use crate::driver::{answer_key, attest_once, demo_people, signed_in};
use crate::process::{attest, Serving};
use attest::on_db;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_attestation_survives_a_hard_kill() {
    let data = tempfile::tempdir().unwrap();
    let server = Serving::start(data.path());
    let base = server.base.clone();
    let key = answer_key(data.path()).await;
    let acknowledged = Arc::new(Mutex::new(Vec::new()));

    let mut workers = Vec::new();
    for email in demo_people() {
        let client = signed_in(&base, &email).await;
        let (base, key, acknowledged) = (base.clone(), key.clone(), acknowledged.clone());
        workers.push(tokio::spawn(async move {
            while let Ok(receipt) = attest_once(&client, &base, &key).await {
                acknowledged.lock().unwrap().push(receipt.id);
            }
        }));
    }
    // Let the load build, then pull the plug while requests are in flight.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while acknowledged.lock().unwrap().len() < 60 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    server.kill_hard();
    for w in workers {
        w.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 60,
        "the load ran: {} attestations",
        acknowledged.len()
    );
    key.close().await;

    // Restart on the same files: every acknowledged attestation is there.
    let restarted = Serving::start(data.path());
    let key = answer_key(data.path()).await;
    for id in &acknowledged {
        let found: Option<(String,)> = on_db!(key, |e| sqlx::query_as(
            "SELECT id FROM attestations WHERE id = ?"
        )
        .bind(id)
        .fetch_optional(e)
        .await)
        .unwrap();
        assert!(found.is_some(), "acknowledged attestation {id} was lost");
    }
    drop(restarted);
    let (intact, report) = attest(&["verify"], data.path());
    assert!(intact, "chains must verify after the crash:\n{report}");
    eprintln!(
        "crash test: {} acknowledged attestations all survived SIGKILL",
        acknowledged.len()
    );
}
