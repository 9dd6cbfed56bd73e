//! Group commit: a write that fails on its own fails alone; the rest of its batch is stored.

use attest::db::writer::{Head, Statement, Write};
use attest::db::Arg;
use attest::error::{AppError, AppResult};
use attest::on_db;

use crate::helpers::TestApp;
use crate::on_both_databases;

/// A trust row: its id is unique, so a second one with the same id fails on its own.
struct NewTrust(String);

impl Write for NewTrust {
    type Output = u64;

    fn statements(&mut self, _: Option<&mut Head>) -> Vec<Statement<'_>> {
        vec![(
            "INSERT INTO trusts (id, name) VALUES ($1, $1)",
            vec![Arg::Text(&self.0)],
        )]
    }

    fn output(self, rows: u64) -> AppResult<u64> {
        Ok(rows)
    }

    fn conflict(&self) -> Option<&'static str> {
        Some("that trust exists")
    }
}

async fn a_failing_write_fails_alone_and_the_rest_of_its_batch_is_stored(app: TestApp) {
    // Queued together, so the writer takes them as one batch; 7 and 13 repeat write 0's id.
    let id = |i: usize| format!("gc-{}", if i == 7 || i == 13 { 0 } else { i });
    let writes = (0..20).map(|i| app.db.write(NewTrust(id(i))));
    let results = futures_util::future::join_all(writes).await;
    for (i, result) in results.iter().enumerate() {
        match (i, result) {
            (7 | 13, Err(AppError::Conflict(message))) => assert_eq!(message, "that trust exists"),
            (7 | 13, other) => panic!("write {i}: want a conflict, got {other:?}"),
            (_, Ok(rows)) => assert_eq!(*rows, 1, "write {i}"),
            (_, Err(err)) => panic!("write {i} failed: {err}"),
        }
    }
    let (stored,): (i64,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM trusts WHERE id LIKE 'gc-%'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(stored, 18);
}
on_both_databases!(a_failing_write_fails_alone_and_the_rest_of_its_batch_is_stored);
