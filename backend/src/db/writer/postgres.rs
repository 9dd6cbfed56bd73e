//! The writer on PostgreSQL: a task on the runtime that keeps a pooled connection.

use std::collections::HashMap;

use sqlx::pool::PoolConnection;
use sqlx::{Connection, PgConnection, PgPool, Postgres};
use tokio::sync::mpsc;

use super::{answer, batch, failed, own_failure, Heads, Job, Jobs, RETRIES};
use crate::db::lane;
use crate::error::{AppError, AppResult};

/// The writer task: waits for a write, takes whatever else is queued, commits them together.
pub(super) async fn run(pool: PgPool, mut rx: mpsc::UnboundedReceiver<Box<dyn Job>>, limit: usize) {
    // The writer keeps its connection: queueing for one behind hundreds of readers would
    // hold up every write in the batch.
    let mut conn = None;
    while let Some(first) = next_job(&mut rx, &pool, &mut conn).await {
        let jobs = batch(first, &mut rx, limit);
        commit(&pool, &mut conn, jobs).await;
    }
}

/// The next write; while waiting, gives the held connection back if the pool is closing
/// (closing waits for every connection).
async fn next_job(
    rx: &mut mpsc::UnboundedReceiver<Box<dyn Job>>,
    pool: &PgPool,
    held: &mut Option<PoolConnection<Postgres>>,
) -> Option<Box<dyn Job>> {
    if held.is_none() {
        return rx.recv().await;
    }
    tokio::select! {
        job = rx.recv() => job,
        () = pool.close_event() => {
            *held = None;
            rx.recv().await
        }
    }
}

/// Commits a batch on `held` (acquired if empty), retrying it whole on contention, and
/// answers each write.
pub(super) async fn commit(
    pool: &PgPool,
    held: &mut Option<PoolConnection<Postgres>>,
    mut jobs: Jobs,
) {
    let mut last = None;
    for _ in 0..RETRIES {
        let conn = match held {
            Some(conn) => conn,
            None => match pool.acquire().await {
                Ok(conn) => held.insert(conn),
                Err(err) => {
                    last = Some(err);
                    break;
                }
            },
        };
        let outcome = try_commit(conn, &mut jobs).await;
        if outcome.is_err() {
            // Back to the pool, which tests it on release; the next try takes a sound one.
            *held = None;
        }
        match outcome {
            Ok(outcomes) => return answer(jobs, outcomes),
            Err(err) if is_contention(&err) => last = Some(err),
            Err(err) => {
                last = Some(err);
                break;
            }
        }
    }
    failed(jobs, last.map(|e| e.to_string()));
}

/// Whether an error means "another transaction got in the way; try again". (A unique-key
/// violation never is: each chain is locked before its head is read, so it is the write's own.)
fn is_contention(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => {
            let msg = db.message().to_ascii_lowercase();
            msg.contains("locked")
                || msg.contains("busy")
                || msg.contains("serializ")
                || msg.contains("deadlock")
        }
        _ => false,
    }
}

/// One transaction for the whole batch. PostgreSQL aborts a transaction at any error, so a
/// write that fails on its own ends that try and the batch is run again without it, its
/// failure kept for its answer. Writes rarely fail on their own (a second attestation of
/// one attempt, say), so every other write is spared a savepoint's two round trips.
async fn try_commit(
    conn: &mut PgConnection,
    jobs: &mut Jobs,
) -> Result<Vec<AppResult<u64>>, sqlx::Error> {
    let mut own = HashMap::new();
    // Each try that fails leaves out one more write, so this ends.
    loop {
        match try_batch(conn, jobs, &own).await? {
            Tried::Committed(rows) => {
                return Ok(rows
                    .into_iter()
                    .enumerate()
                    .map(|(i, rows)| own.remove(&i).map_or(Ok(rows), Err))
                    .collect())
            }
            Tried::Failed(i, err) => {
                own.insert(i, err);
            }
        }
    }
}

/// How one run of a batch ended.
enum Tried {
    /// Committed: the rows each write's first statement changed (0 for those left out).
    Committed(Vec<u64>),
    /// Rolled back: this write failed on its own, with this error for its request.
    Failed(usize, AppError),
}

/// Runs the batch's writes, leaving out those in `own`, in one transaction.
async fn try_batch(
    conn: &mut PgConnection,
    jobs: &mut Jobs,
    own: &HashMap<usize, AppError>,
) -> Result<Tried, sqlx::Error> {
    let mut tx = conn.begin().await?;
    let mut heads = Heads::default();
    for ((sql, key), genesis) in Heads::wanted(jobs) {
        // Other processes queue here for the chain instead of forking it.
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))::text")
            .bind(&key)
            .execute(&mut *tx)
            .await?;
        let head: Option<(i64, String)> = sqlx::query_as(sql)
            .bind(&key)
            .fetch_optional(&mut *tx)
            .await?;
        heads.insert((sql, key), head, genesis);
    }
    let mut rows = vec![0; jobs.len()];
    for (i, job) in jobs.iter_mut().enumerate() {
        if own.contains_key(&i) {
            continue;
        }
        let (statements, _) = heads.statements(job.as_mut());
        let result = execute(&mut tx, &statements).await;
        drop(statements);
        match result {
            Ok(changed) => rows[i] = changed,
            Err(err) if is_contention(&err) => return Err(err),
            Err(err) => {
                tx.rollback().await?;
                let unique = matches!(&err, sqlx::Error::Database(d) if d.is_unique_violation());
                let err = own_failure(job.as_ref(), unique, AppError::Database(err));
                return Ok(Tried::Failed(i, err));
            }
        }
    }
    tx.commit().await?;
    Ok(Tried::Committed(rows))
}

/// A write's statements in order; the rows the first changed.
async fn execute(
    conn: &mut PgConnection,
    statements: &[super::Statement<'_>],
) -> Result<u64, sqlx::Error> {
    let mut first = None;
    for (sql, args) in statements {
        let done = lane::pg_query(sql, args).execute(&mut *conn).await?;
        first.get_or_insert(done.rows_affected());
    }
    Ok(first.unwrap_or(0))
}
