//! Two `attest serve` processes on one PostgreSQL, each keeping standings in memory: a write
//! through one shows on the other's dashboard and matrix at once.

use attest_domain::api::{Dashboard, Matrix, Status};

use crate::driver::{answer_key_at, attest_once, signed_in};
use crate::process::Serving;
use crate::scale_out::{drop_postgres, fresh_postgres};
use attest::on_db;

async fn get<T: serde::de::DeserializeOwned>(client: &reqwest::Client, url: &str) -> T {
    let res = client.get(url).send().await.unwrap();
    assert_eq!(res.status(), 200, "GET {url}");
    res.json().await.unwrap()
}

/// Alex's status and name in the matrix, and the dashboard's attested count, as B shows them.
async fn seen_on(
    base: &str,
    client: &reqwest::Client,
    school: &str,
) -> (Option<Status>, String, u32) {
    // Twice: the second answer comes from memory when nothing changed.
    for _ in 0..2 {
        let _: Dashboard = get(client, &format!("{base}/api/schools/{school}/dashboard")).await;
    }
    let dashboard: Dashboard = get(client, &format!("{base}/api/schools/{school}/dashboard")).await;
    let matrix: Matrix = get(client, &format!("{base}/api/schools/{school}/matrix")).await;
    let row = matrix
        .rows
        .iter()
        .find(|r| r.email == "staff@chad-vale-primary.example")
        .unwrap();
    (
        row.cells[0].as_ref().map(|c| c.status),
        row.name.clone(),
        dashboard.counts.attested,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_through_one_server_shows_on_the_others_cached_dashboard() {
    let Some(url) = fresh_postgres().await else {
        return;
    };
    let (data_a, data_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let args = ["--database-url", url.as_str(), "--remind-interval", "0"];
    let a = Serving::start_with(data_a.path(), &args);
    let b = Serving::start_with(data_b.path(), &args);
    let key = answer_key_at(&url).await;
    let (school,): (String,) = on_db!(key, |e| sqlx::query_as(
        "SELECT id FROM schools WHERE slug = 'chad-vale-primary'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    let manager_b = signed_in(&b.base, "manager@chad-vale-primary.example").await;
    let before = seen_on(&b.base, &manager_b, &school).await;
    assert_eq!(before, (Some(Status::NotStarted), "Alex Taylor".into(), 0));

    // Alex attests through A; B's next look shows it.
    let alex = signed_in(&a.base, "staff@chad-vale-primary.example").await;
    attest_once(&alex, &a.base, &key).await.unwrap();
    let after = seen_on(&b.base, &manager_b, &school).await;
    assert_eq!(after, (Some(Status::Attested), "Alex Taylor".into(), 1));

    // A manager on A renames Alex; B shows the new name.
    let manager_a = signed_in(&a.base, "manager@chad-vale-primary.example").await;
    let (alex_id,): (String,) = on_db!(key, |e| sqlx::query_as(
        "SELECT id FROM people WHERE email = 'staff@chad-vale-primary.example'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    let res = manager_a
        .put(format!("{}/api/people/{alex_id}", a.base))
        .json(&serde_json::json!({
            "name": "Alex Taylor-Reid", "email": "staff@chad-vale-primary.example",
            "groups": ["teaching"], "start_date": "2026-09-01"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let renamed = seen_on(&b.base, &manager_b, &school).await;
    assert_eq!(renamed.1, "Alex Taylor-Reid");
    assert_eq!(renamed.0, Some(Status::Attested));

    key.close().await;
    drop(a);
    drop(b);
    drop_postgres(&url).await;
}
