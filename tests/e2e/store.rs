//! Reads the server's SQLite file (read-only) for what the browser cannot see: the
//! right answers of an attempt, so a test can fail or pass on purpose.

use std::path::Path;
use std::time::{Duration, Instant};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};

async fn open(data_dir: &Path) -> SqliteConnection {
    let options = SqliteConnectOptions::new()
        .filename(data_dir.join("attest.db"))
        .read_only(true);
    SqliteConnection::connect_with(&options).await.unwrap()
}

/// The questions drawn for an attempt, with their answers, in the attempt's order.
pub async fn questions(data_dir: &Path, attempt_id: &str) -> Vec<serde_json::Value> {
    let mut conn = open(data_dir).await;
    let (json,): (String,) =
        sqlx::query_as("SELECT questions FROM attempt_questions WHERE attempt_id = ?1")
            .bind(attempt_id)
            .fetch_one(&mut conn)
            .await
            .unwrap();
    serde_json::from_str(&json).unwrap()
}

/// Each question's right option and its number of options, in the attempt's order.
pub async fn right_answers(data_dir: &Path, attempt_id: &str) -> Vec<(usize, usize)> {
    questions(data_dir, attempt_id)
        .await
        .iter()
        .map(|q| {
            (
                q["answer"].as_u64().unwrap() as usize,
                q["options"].as_array().unwrap().len(),
            )
        })
        .collect()
}

/// Waits (up to 20 s) until the server has saved `lesson` (0-based) as the person's place.
pub async fn wait_for_saved_lesson(data_dir: &Path, email: &str, lesson: i64) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut last = None;
    while Instant::now() < deadline {
        let mut conn = open(data_dir).await;
        last = sqlx::query_as::<_, (i64,)>(
            "SELECT current_lesson FROM lesson_progress \
             WHERE person_id = (SELECT id FROM people WHERE email = ?1)",
        )
        .bind(email)
        .fetch_optional(&mut conn)
        .await
        .unwrap()
        .map(|(n,)| n);
        if last == Some(lesson) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("lesson {lesson} was never saved for {email}; saved: {last:?}");
}
