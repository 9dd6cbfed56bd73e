//! Drives the staff journey over HTTP, answering from the database like a perfect student.

use std::path::Path;

use attest::db::Pool;
use attest::on_db;
use attest_domain::api::{AttemptView, Receipt};
use attest_domain::quiz::Question;

use crate::process::PASSWORD;

/// A look into the server's SQLite file, to find attempts' right answers.
pub async fn answer_key(data: &Path) -> Pool {
    answer_key_at(&format!("sqlite://{}", data.join("attest.db").display())).await
}

/// A look into the server's database at `url`, to find attempts' right answers.
pub async fn answer_key_at(url: &str) -> Pool {
    Pool::open(url).await.unwrap()
}

/// A client as the app is one: it keeps cookies and marks its requests as the app's.
pub fn client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-requested-with",
        reqwest::header::HeaderValue::from_static("attest"),
    );
    reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(headers)
        .build()
        .unwrap()
}

/// A signed-in client for one demo account.
pub async fn signed_in(base: &str, email: &str) -> reqwest::Client {
    let client = client();
    let res = client
        .post(format!("{base}/api/session"))
        .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    client
}

/// Takes a quiz, answers everything right and attests; the failing step if any (e.g. the server died).
pub async fn attest_once(
    client: &reqwest::Client,
    base: &str,
    key: &Pool,
) -> Result<Receipt, String> {
    let step = |what: &'static str| move |e: reqwest::Error| format!("{what}: {e}");
    let modules: Vec<attest_domain::api::ModuleSummary> = client
        .get(format!("{base}/api/me/modules"))
        .send()
        .await
        .map_err(step("list modules"))?
        .json()
        .await
        .map_err(step("read modules"))?;
    let module = modules.first().ok_or("no module assigned")?;
    let version = &module.version_id;
    // The quiz opens once every lesson has been opened.
    for lesson in 0..module.lessons_total {
        client
            .put(format!("{base}/api/modules/{version}/progress"))
            .json(&serde_json::json!({ "current_lesson": lesson, "lessons_done": lesson + 1 }))
            .send()
            .await
            .map_err(step("read a lesson"))?;
    }
    let attempt: AttemptView = client
        .post(format!("{base}/api/modules/{version}/attempts"))
        .send()
        .await
        .map_err(step("start attempt"))?
        .json()
        .await
        .map_err(step("read attempt"))?;
    let questions = stored_questions(key, &attempt.id).await?;
    let answers: Vec<Option<usize>> = questions.iter().map(|q| Some(q.answer)).collect();
    let submitted = client
        .post(format!("{base}/api/attempts/{}/submit", attempt.id))
        .json(&serde_json::json!({ "answers": answers }))
        .send()
        .await
        .map_err(step("submit"))?;
    if !submitted.status().is_success() {
        return Err(format!("submit answered {}", submitted.status()));
    }
    let res = client
        .post(format!("{base}/api/attempts/{}/attestation", attempt.id))
        .json(&serde_json::json!({ "confirm": true }))
        .send()
        .await
        .map_err(step("attest"))?;
    if !res.status().is_success() {
        return Err(format!("attest answered {}", res.status()));
    }
    res.json().await.map_err(step("read receipt"))
}

/// An attempt's stored questions; a reader beside a busy writer may briefly see the
/// database as busy, so it tries again for a few seconds.
async fn stored_questions(key: &Pool, attempt_id: &str) -> Result<Vec<Question>, String> {
    let mut last = String::new();
    for _ in 0..100 {
        match on_db!(key, |e| sqlx::query_as::<_, (String,)>(
            "SELECT questions FROM attempt_questions WHERE attempt_id = $1",
        )
        .bind(attempt_id)
        .fetch_one(e)
        .await)
        {
            Ok((json,)) => return serde_json::from_str(&json).map_err(|e| e.to_string()),
            Err(e) => last = e.to_string(),
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Err(format!("reading the answer key: {last}"))
}

/// Every demo account that has a school (staff and managers of the five schools).
pub fn demo_people() -> Vec<String> {
    let slugs = [
        "cameley-primary",
        "chad-vale-primary",
        "forge-integrated-primary",
        "noble-mind-school",
        "st-annes-primary",
    ];
    slugs
        .iter()
        .flat_map(|s| [format!("staff@{s}.example"), format!("manager@{s}.example")])
        .collect()
}
