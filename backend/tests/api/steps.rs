//! Steps of the staff journey that many tests share: open, read, quiz, attest.

use attest_domain::api::{
    AttemptResult, AttemptView, ModuleSummary, ModuleView, ProgressUpdate, Receipt, Status,
};
use reqwest::{Client, Response};

use crate::helpers::TestApp;
use attest::on_db;

/// A demo member of staff at Chad Vale Primary.
pub const STAFF: &str = "staff@chad-vale-primary.example";
/// Chad Vale's manager: another person at the same school (same chain).
pub const MANAGER: &str = "manager@chad-vale-primary.example";
/// A member of staff at another school.
pub const OTHER_STAFF: &str = "staff@cameley-primary.example";
/// The user agent the tests' client claims, to find it in the evidence.
pub const USER_AGENT: &str = "AttestApiTest/1.0 (journey)";

/// A client signed in as `email`.
pub async fn signed_in(app: &TestApp, email: &str) -> Client {
    let client = app.new_client();
    app.sign_in(&client, email).await;
    client
}

/// The client's "My training" list.
pub async fn my_modules(app: &TestApp, client: &Client) -> Vec<ModuleSummary> {
    let res = client.get(app.url("/api/me/modules")).send().await.unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

/// The client's one assigned module (each demo account has exactly one).
pub async fn only_module(app: &TestApp, client: &Client) -> ModuleSummary {
    let mut modules = my_modules(app, client).await;
    assert_eq!(modules.len(), 1, "{modules:?}");
    modules.remove(0)
}

/// The status of the client's one module.
pub async fn status_now(app: &TestApp, client: &Client) -> Status {
    only_module(app, client).await.status
}

/// Opens every lesson of a module in turn, as the reader does: the quiz waits for them, and
/// a retake for the lessons a failed attempt named.
pub async fn read_every_lesson(app: &TestApp, client: &Client, version_id: &str) {
    let res = client
        .get(app.url(&format!("/api/modules/{version_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let module: ModuleView = res.json().await.unwrap();
    let lessons = module.module.lessons.len() as u32;
    for lesson in 0..lessons {
        read_lesson(app, client, version_id, lesson, lessons).await;
    }
}

/// Opens one lesson (0-based) of a module of `lessons` lessons.
pub async fn read_lesson(
    app: &TestApp,
    client: &Client,
    version_id: &str,
    lesson: u32,
    lessons: u32,
) {
    let res = client
        .put(app.url(&format!("/api/modules/{version_id}/progress")))
        .json(&ProgressUpdate {
            current_lesson: lesson,
            lessons_done: (lesson + 1).min(lessons),
        })
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

/// Reads the module, then draws an attempt (or resumes the open one) and asserts it came.
pub async fn start_attempt(app: &TestApp, client: &Client, version_id: &str) -> AttemptView {
    read_every_lesson(app, client, version_id).await;
    let res = client
        .post(app.url(&format!("/api/modules/{version_id}/attempts")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

/// An attempt's questions with their answers, as the server stored them.
pub async fn stored_questions<T: serde::de::DeserializeOwned>(
    app: &TestApp,
    attempt_id: &str,
) -> Vec<T> {
    let (json,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT questions FROM attempt_questions WHERE attempt_id = $1"
    )
    .bind(attempt_id)
    .fetch_one(e)
    .await)
    .unwrap();
    serde_json::from_str(&json).unwrap()
}

/// The right option of each question of an attempt, read from where the server keeps them.
pub async fn stored_answers(app: &TestApp, attempt_id: &str) -> Vec<(usize, usize)> {
    let questions: Vec<serde_json::Value> = stored_questions(app, attempt_id).await;
    questions
        .iter()
        .map(|q| {
            (
                q["answer"].as_u64().unwrap() as usize,
                q["options"].as_array().unwrap().len(),
            )
        })
        .collect()
}

/// Answers with exactly `right` questions right (the first ones) and the rest wrong.
pub async fn answers_with(app: &TestApp, attempt_id: &str, right: usize) -> Vec<Option<usize>> {
    stored_answers(app, attempt_id)
        .await
        .into_iter()
        .enumerate()
        .map(|(i, (answer, options))| {
            Some(if i < right {
                answer
            } else {
                (answer + 1) % options
            })
        })
        .collect()
}

/// The fewest right answers that pass `total` questions at `pass_mark` percent.
pub fn right_needed(total: usize, pass_mark: u32) -> usize {
    (total * pass_mark as usize).div_ceil(100)
}

/// Submits answers to an attempt.
pub async fn submit(
    app: &TestApp,
    client: &Client,
    attempt_id: &str,
    answers: &[Option<usize>],
) -> Response {
    client
        .post(app.url(&format!("/api/attempts/{attempt_id}/submit")))
        .json(&serde_json::json!({ "answers": answers }))
        .send()
        .await
        .unwrap()
}

/// Takes a quiz with `right` answers right and returns the graded result.
pub async fn take_quiz(
    app: &TestApp,
    client: &Client,
    version_id: &str,
    right: impl Fn(usize) -> usize,
) -> AttemptResult {
    let attempt = start_attempt(app, client, version_id).await;
    let answers = answers_with(app, &attempt.id, right(attempt.questions.len())).await;
    let res = submit(app, client, &attempt.id, &answers).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

/// Takes the quiz and gets every answer right.
pub async fn pass_quiz(app: &TestApp, client: &Client, version_id: &str) -> AttemptResult {
    let result = take_quiz(app, client, version_id, |n| n).await;
    assert!(result.passed, "{result:?}");
    result
}

/// Asks to attest an attempt (confirming the statement).
pub async fn request_attestation(app: &TestApp, client: &Client, attempt_id: &str) -> Response {
    client
        .post(app.url(&format!("/api/attempts/{attempt_id}/attestation")))
        .header(reqwest::header::USER_AGENT, USER_AGENT)
        .json(&serde_json::json!({ "confirm": true }))
        .send()
        .await
        .unwrap()
}

/// Attests a passed attempt and returns the receipt.
pub async fn attest(app: &TestApp, client: &Client, attempt_id: &str) -> Receipt {
    let res = request_attestation(app, client, attempt_id).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

/// Reads the module, passes the quiz and attests: the whole journey for one person.
pub async fn complete_module(app: &TestApp, client: &Client) -> Receipt {
    let module = only_module(app, client).await;
    let result = pass_quiz(app, client, &module.version_id).await;
    attest(app, client, &result.attempt_id).await
}

/// Moves the clock forward by whole days and signs the client in again
/// (sessions last hours, so a day later the old one has expired).
pub async fn days_later(app: &TestApp, client: &Client, email: &str, days: i64) {
    app.clock.advance(chrono::Duration::days(days));
    app.sign_in(client, email).await;
}

/// Moves the clock forward to 09:00 UTC on `date` and signs the client in again.
pub async fn on_day(app: &TestApp, client: &Client, email: &str, date: chrono::NaiveDate) {
    let days = (date - app.clock.now().date_naive()).num_days();
    assert!(days >= 0, "the clock only moves forward");
    days_later(app, client, email, days).await;
}

/// A date from its text, for readable tests.
pub fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}
