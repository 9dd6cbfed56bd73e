//! Shared steps of the managers' tests: ids by slug, signed-in clients, a member of staff completing training.

use attest_domain::api::{AttemptView, ModuleSummary, Receipt};
use attest_domain::quiz::Question;

use crate::helpers::TestApp;
pub use crate::pdf_text::pdf_text;
use attest::on_db;

pub const CHAD: &str = "chad-vale-primary";
pub const CAMELEY: &str = "cameley-primary";
pub const TRUST: &str = "trust@attest.example";

pub fn staff(slug: &str) -> String {
    format!("staff@{slug}.example")
}

pub fn manager(slug: &str) -> String {
    format!("manager@{slug}.example")
}

/// A school's id by slug.
pub async fn school_id(app: &TestApp, slug: &str) -> String {
    let (id,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT id FROM schools WHERE slug = $1"
    )
    .bind(slug)
    .fetch_one(e)
    .await)
    .unwrap();
    id
}

/// The demo trust's id.
pub async fn trust_id(app: &TestApp) -> String {
    let (id,): (String,) = on_db!(app.db, |e| sqlx::query_as("SELECT id FROM trusts")
        .fetch_one(e)
        .await)
    .unwrap();
    id
}

/// The one policy of a demo school.
pub async fn policy_id(app: &TestApp, slug: &str) -> String {
    let (id,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT p.id FROM policies p JOIN schools s ON s.id = p.school_id WHERE s.slug = $1",
    )
    .bind(slug)
    .fetch_one(e)
    .await)
    .unwrap();
    id
}

/// A person's id by email.
pub async fn person_id(app: &TestApp, email: &str) -> String {
    let (id,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT id FROM people WHERE email = $1"
    )
    .bind(email)
    .fetch_one(e)
    .await)
    .unwrap();
    id
}

/// A new client signed in as `email`.
pub async fn client_for(app: &TestApp, email: &str) -> reqwest::Client {
    let client = app.new_client();
    app.sign_in(&client, email).await;
    client
}

/// GET a JSON resource, asserting 200.
pub async fn get_json<T: serde::de::DeserializeOwned>(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
) -> T {
    let res = client.get(app.url(path)).send().await.unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, 200, "GET {path}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("GET {path}: {e}: {text}"))
}

/// The signed-in person's modules.
pub async fn my_modules(app: &TestApp, client: &reqwest::Client) -> Vec<ModuleSummary> {
    get_json(app, client, "/api/me/modules").await
}

/// Takes the quiz of a module with the given answers chosen by `pick(question)`; returns the attempt id.
pub async fn take_quiz(
    app: &TestApp,
    client: &reqwest::Client,
    version_id: &str,
    pick: impl Fn(&Question) -> usize,
) -> String {
    crate::steps::read_every_lesson(app, client, version_id).await;
    let attempt: AttemptView = client
        .post(app.url(&format!("/api/modules/{version_id}/attempts")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let questions: Vec<Question> = crate::steps::stored_questions(app, &attempt.id).await;
    let answers: Vec<Option<usize>> = questions.iter().map(|q| Some(pick(q))).collect();
    let res = client
        .post(app.url(&format!("/api/attempts/{}/submit", attempt.id)))
        .json(&serde_json::json!({ "answers": answers }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    attempt.id
}

/// Signs `email` in, passes the quiz of their first module and attests it.
pub async fn complete_training(app: &TestApp, email: &str) -> Receipt {
    let client = client_for(app, email).await;
    let modules = my_modules(app, &client).await;
    let version_id = modules[0].version_id.clone();
    let attempt = take_quiz(app, &client, &version_id, |q| q.answer).await;
    let res = client
        .post(app.url(&format!("/api/attempts/{attempt}/attestation")))
        .json(&serde_json::json!({ "confirm": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

/// Saves the caller's progress through a module: its first lesson read.
pub async fn read_first_lesson(app: &TestApp, client: &reqwest::Client, version: &str) {
    let res = client
        .put(app.url(&format!("/api/modules/{version}/progress")))
        .json(&serde_json::json!({ "current_lesson": 1, "lessons_done": 1 }))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
}
