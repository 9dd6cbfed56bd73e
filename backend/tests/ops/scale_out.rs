//! Scale-out: two `attest serve` processes on one PostgreSQL database, load spread across both.
//!
//! A session made on one works on the other; every acknowledged attestation is stored and
//! every chain verifies; reminder sweeps run by both at once write and send each reminder once.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::driver::{answer_key_at, attest_once, demo_people, signed_in};
use crate::process::{attest, Serving};
use attest::on_db;

/// A new empty database on the test PostgreSQL server, or `None` (said aloud) when none answers.
pub async fn fresh_postgres() -> Option<String> {
    use sqlx::{ConnectOptions, Connection};
    use std::str::FromStr;
    let admin = std::env::var("ATTEST_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let options = sqlx::postgres::PgConnectOptions::from_str(&admin).ok()?;
    let mut conn = match options.connect().await {
        Ok(conn) => conn,
        // Set by `scripts/test.sh` (and so CI): a missing server fails the run.
        Err(e) if std::env::var("ATTEST_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") => {
            panic!("no PostgreSQL at {admin} ({e}), and ATTEST_REQUIRE_POSTGRES=1")
        }
        Err(_) => {
            eprintln!("SKIPPED: no PostgreSQL at {admin}");
            return None;
        }
    };
    let name = format!("attest_scale_{}", attest::db::ids::random_hex(6));
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    Some(format!("{base}/{name}"))
}

/// Drops a database made by [`fresh_postgres`].
pub async fn drop_postgres(url: &str) {
    use sqlx::{ConnectOptions, Connection};
    use std::str::FromStr;
    let (base, name) = url.rsplit_once('/').unwrap();
    let admin = format!("{base}/postgres");
    let mut conn = sqlx::postgres::PgConnectOptions::from_str(&admin)
        .unwrap()
        .connect()
        .await
        .unwrap();
    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
}

async fn count(key: &attest::db::Pool, sql: &str) -> i64 {
    let (n,): (i64,) = on_db!(key, |e| sqlx::query_as(sql).fetch_one(e).await).unwrap();
    n
}

fn mail_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir.join("outbox-mail")).map_or(0, |d| d.count())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_postgres_share_sessions_lose_nothing_and_send_each_reminder_once() {
    let Some(url) = fresh_postgres().await else {
        return;
    };
    let (data_a, data_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let args = ["--database-url", url.as_str(), "--remind-interval", "1s"];
    // The first seeds the demo trust; the second finds it there.
    let a = Serving::start_with(data_a.path(), &args);
    let b = Serving::start_with(data_b.path(), &args);
    let key = answer_key_at(&url).await;

    // A session made on one instance is honoured by the other: nothing sticky.
    let client = signed_in(&a.base, &demo_people()[0]).await;
    let me = client
        .get(format!("{}/api/me", b.base))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200, "a session from A works on B");

    // Load spread across both: each client alternates instances request by request.
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let mut workers = Vec::new();
    for (i, email) in demo_people().into_iter().enumerate() {
        let client = signed_in(if i % 2 == 0 { &a.base } else { &b.base }, &email).await;
        let bases = [a.base.clone(), b.base.clone()];
        let (key, acknowledged) = (key.clone(), acknowledged.clone());
        workers.push(tokio::spawn(async move {
            for round in 0..8 {
                let base = &bases[(i + round) % 2];
                let receipt = attest_once(&client, base, &key).await.expect("attested");
                acknowledged.lock().unwrap().push(receipt.id);
            }
        }));
    }
    for w in workers {
        w.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert_eq!(acknowledged.len(), demo_people().len() * 8);
    for id in &acknowledged {
        let n: (i64,) = on_db!(key, |e| sqlx::query_as(
            "SELECT COUNT(*) FROM attestations WHERE id = $1"
        )
        .bind(id)
        .fetch_one(e)
        .await)
        .unwrap();
        assert_eq!(n.0, 1, "acknowledged attestation {id} is stored");
    }

    // Both sweep every second and send from one outbox: wait until what is due has gone.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (total, waiting) = (
            count(&key, "SELECT COUNT(*) FROM reminders").await,
            count(
                &key,
                "SELECT COUNT(*) FROM reminders WHERE status <> 'sent'",
            )
            .await,
        );
        if total > 0 && waiting == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "reminders were not all sent: {waiting} of {total} waiting"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(a);
    drop(b);
    let sent = count(&key, "SELECT COUNT(*) FROM reminders WHERE status = 'sent'").await;
    let distinct = count(
        &key,
        "SELECT COUNT(*) FROM (SELECT DISTINCT person_id, version_id, stage, occasion FROM reminders) d",
    )
    .await;
    assert_eq!(sent, distinct, "each reminder is written once");
    let mailed = mail_files(data_a.path()) + mail_files(data_b.path());
    assert_eq!(
        mailed as i64, sent,
        "each reminder is mailed once, by one instance"
    );
    key.close().await;

    let (intact, report) = attest(&["verify", "--database-url", &url], data_a.path());
    assert!(
        intact,
        "chains verify after load on two instances:\n{report}"
    );
    drop_postgres(&url).await;
    eprintln!(
        "scale-out: {} attestations over two instances, {sent} reminders sent once each",
        acknowledged.len()
    );
}
