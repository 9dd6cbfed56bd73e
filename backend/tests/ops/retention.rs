//! The server anonymises leavers past the retention period by itself, not only `attest anonymise`.

use std::time::{Duration, Instant};

use crate::process::Serving;
use attest::on_db;

/// Marks the demo staff member of `slug` as having left `days` ago.
async fn left(pool: &attest::db::Pool, slug: &str, days: i64) {
    let at = (chrono::Utc::now() - chrono::Duration::days(days))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let email = format!("staff@{slug}.example");
    on_db!(pool, |e| sqlx::query(
        "UPDATE memberships SET active = 0, left_at = $1 \
         WHERE person_id = (SELECT id FROM people WHERE email = $2)",
    )
    .bind(&at)
    .bind(&email)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    on_db!(pool, |e| sqlx::query(
        "UPDATE people SET active = 0 WHERE email = $1"
    )
    .bind(&email)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
}

async fn names(pool: &attest::db::Pool) -> Vec<String> {
    on_db!(pool, |e| sqlx::query_as::<_, (String,)>(
        "SELECT name FROM people ORDER BY email"
    )
    .fetch_all(e)
    .await)
    .unwrap()
    .into_iter()
    .map(|(n,)| n)
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_serving_server_anonymises_leavers_past_the_retention_period() {
    let data = tempfile::tempdir().unwrap();
    drop(Serving::start(data.path()));
    let url = format!("sqlite://{}", data.path().join("attest.db").display());
    let pool = attest::db::Pool::open(&url).await.unwrap();
    left(&pool, "chad-vale-primary", 400).await;
    left(&pool, "cameley-primary", 30).await;
    let before = names(&pool).await;
    assert!(!before.iter().any(|n| n == "Former member of staff"));

    let _server = Serving::start_with(data.path(), &["--retention-months", "12"]);
    let deadline = Instant::now() + Duration::from_secs(30);
    let anonymised = loop {
        let (n,): (i64,) = on_db!(pool, |e| sqlx::query_as(
            "SELECT COUNT(*) FROM people WHERE email LIKE 'anonymised-%@invalid.example'",
        )
        .fetch_one(e)
        .await)
        .unwrap();
        if n > 0 || Instant::now() > deadline {
            break n;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    // Only the leaver of 400 days ago; the one who left a month ago keeps their name.
    assert_eq!(anonymised, 1);
    let (still,): (i64,) = on_db!(pool, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM people WHERE email = 'staff@cameley-primary.example'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(still, 1);
    let (gone,): (i64,) = on_db!(pool, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM people WHERE email = 'staff@chad-vale-primary.example'",
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(gone, 0);
}
