//! After a staff import, new staff are welcomed at once: the server sweeps when the import
//! lands instead of waiting for its next daily sweep.

use std::time::{Duration, Instant};

use crate::driver::signed_in;
use crate::process::Serving;

/// Every mail the server has written so far, as one text.
fn mail(data: &std::path::Path) -> String {
    let Ok(entries) = std::fs::read_dir(data.join("outbox-mail")) else {
        return String::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imported_staff_get_their_welcome_without_waiting_for_the_daily_sweep() {
    let data = tempfile::tempdir().unwrap();
    let server = Serving::start(data.path());
    let manager = signed_in(&server.base, "manager@chad-vale-primary.example").await;
    let scope: serde_json::Value = manager
        .get(format!("{}/api/manage", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let school = scope["schools"][0]["id"].as_str().unwrap().to_string();
    // The start's own sweep has run; give it time to finish before the import.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(!mail(data.path()).contains("nia.okafor@chad.example"));

    let today = chrono::Utc::now().date_naive();
    let csv = format!(
        "name,email,groups,start_date,school\nNia Okafor,nia.okafor@chad.example,teaching,{today},\n"
    );
    let res = manager
        .post(format!(
            "{}/api/schools/{school}/people/import",
            server.base
        ))
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    let deadline = Instant::now() + Duration::from_secs(30);
    while !mail(data.path()).contains("nia.okafor@chad.example") {
        assert!(
            Instant::now() < deadline,
            "no welcome for the imported teacher within 30 s"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
