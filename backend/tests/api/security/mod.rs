//! The security review's findings (issue 20), each as a test that failed before its fix.

use crate::helpers::TestApp;
use attest::on_db;

mod addresses;
mod claims;
mod exports;
mod files;
mod leavers;
mod takeover;
mod targets;

/// Name and email of a person, as stored.
pub async fn identity(app: &TestApp, id: &str) -> (String, String) {
    on_db!(app.db, |e| sqlx::query_as(
        "SELECT name, email FROM people WHERE id = $1"
    )
    .bind(id)
    .fetch_one(e)
    .await)
    .unwrap()
}

pub async fn memberships(app: &TestApp, id: &str) -> Vec<(String, i64)> {
    on_db!(app.db, |e| sqlx::query_as(
        "SELECT s.slug, m.active FROM memberships m JOIN schools s ON s.id = m.school_id \
         WHERE m.person_id = $1 ORDER BY s.slug",
    )
    .bind(id)
    .fetch_all(e)
    .await)
    .unwrap()
}

pub fn person(name: &str, email: &str) -> serde_json::Value {
    serde_json::json!({ "name": name, "email": email, "groups": ["teaching"], "start_date": "2026-09-01" })
}

/// Imports a CSV file of people into a school as the client; the report.
pub async fn import(
    app: &TestApp,
    client: &reqwest::Client,
    school: &str,
    file: String,
) -> attest_domain::api::ImportReport {
    let res = client
        .post(app.url(&format!("/api/schools/{school}/people/import")))
        .header("content-type", "text/csv")
        .body(file)
        .send()
        .await
        .unwrap();
    res.json().await.unwrap()
}
