//! The writer's task: keeps a pooled connection and commits batches on it.

use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Connection};
use tokio::sync::mpsc;

use super::{answer, batch, failed, own_failure, Heads, Job, Jobs, Statement, RETRIES};
use crate::db::{args, DbKind};
use crate::error::{AppError, AppResult};

/// The writer task: waits for a write, takes whatever else is queued, commits them together.
pub(super) async fn run(
    pool: AnyPool,
    kind: DbKind,
    mut rx: mpsc::UnboundedReceiver<Box<dyn Job>>,
    limit: usize,
) {
    // The writer keeps its connection: queueing for one behind hundreds of readers would
    // hold up every write in the batch.
    let mut conn = None;
    while let Some(first) = next_job(&mut rx, &pool, &mut conn).await {
        let jobs = batch(first, &mut rx, limit);
        commit(&pool, kind, &mut conn, jobs).await;
    }
}

/// The next write; while waiting, gives the held connection back if the pool is closing
/// (closing waits for every connection).
async fn next_job(
    rx: &mut mpsc::UnboundedReceiver<Box<dyn Job>>,
    pool: &AnyPool,
    held: &mut Option<PoolConnection<Any>>,
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
    pool: &AnyPool,
    kind: DbKind,
    held: &mut Option<PoolConnection<Any>>,
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
        let outcome = try_commit(conn, kind, &mut jobs).await;
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
/// violation never is: the batch holds the chains it appends to before reading their
/// heads, so it is the write's own.)
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

/// Whether SQLite undid only the failing statement, leaving the batch's transaction open:
/// true of constraint and SQL errors; after I/O, disk-full or out-of-memory errors it may
/// have rolled the whole transaction back.
fn statement_only(err: &sqlx::Error) -> bool {
    // SQLITE_ERROR, SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_RANGE.
    const STATEMENT_ONLY: [i64; 5] = [1, 18, 19, 20, 25];
    let code = match err {
        sqlx::Error::Database(db) => db.code().and_then(|c| c.parse::<i64>().ok()),
        _ => None,
    };
    // The primary result code is the extended one's low byte.
    code.is_some_and(|c| STATEMENT_ONLY.contains(&(c & 0xff)))
}

/// A write's failure as its own (`Ok(Err)`: the batch goes on without it) or the batch's
/// (`Err`: retried whole on contention, else failed whole).
fn whose(kind: DbKind, err: sqlx::Error) -> Result<sqlx::Error, sqlx::Error> {
    if is_contention(&err) || (kind == DbKind::Sqlite && !statement_only(&err)) {
        Err(err)
    } else {
        Ok(err)
    }
}

/// One transaction for the whole batch; a write's own failure undoes that write only.
async fn try_commit(
    conn: &mut AnyConnection,
    kind: DbKind,
    jobs: &mut Jobs,
) -> Result<Vec<AppResult<u64>>, sqlx::Error> {
    let mut tx = match kind {
        // The write lock up front, so reading the chain heads cannot go stale.
        DbKind::Sqlite => conn.begin_with("BEGIN IMMEDIATE").await?,
        DbKind::Postgres => conn.begin().await?,
    };
    let mut heads = Heads::default();
    for ((sql, key), genesis) in Heads::wanted(jobs) {
        if kind == DbKind::Postgres {
            // Other processes queue here for the chain instead of forking it.
            sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))::text")
                .bind(&key)
                .execute(&mut *tx)
                .await?;
        }
        let head: Option<(i64, String)> = sqlx::query_as(sql)
            .bind(&key)
            .fetch_optional(&mut *tx)
            .await?;
        heads.insert((sql, key), head, genesis);
    }
    let mut outcomes = Vec::with_capacity(jobs.len());
    for job in jobs.iter_mut() {
        let (statements, undo) = heads.statements(job.as_mut());
        let result = apply(&mut tx, kind, &statements).await?;
        drop(statements);
        match result {
            Ok(rows) => outcomes.push(Ok(rows)),
            Err(err) => {
                heads.undo(undo);
                let unique = matches!(&err, sqlx::Error::Database(d) if d.is_unique_violation());
                outcomes.push(Err(own_failure(
                    job.as_ref(),
                    unique,
                    AppError::Database(err),
                )));
            }
        }
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// A write's statements in order, undone together if one fails: the rows the first
/// changed, or the write's own failure (see [`whose`]).
///
/// PostgreSQL aborts the whole transaction on any error, so there each write gets a
/// savepoint. SQLite backs out just the failing statement, so a write of one statement
/// needs none (two round trips to the connection's thread saved per write).
async fn apply(
    conn: &mut AnyConnection,
    kind: DbKind,
    statements: &[Statement<'_>],
) -> Result<Result<u64, sqlx::Error>, sqlx::Error> {
    if kind == DbKind::Sqlite && statements.len() == 1 {
        return match execute(conn, statements).await {
            Ok(rows) => Ok(Ok(rows)),
            Err(err) => whose(kind, err).map(Err),
        };
    }
    let mut savepoint = conn.begin().await?;
    match execute(&mut savepoint, statements).await {
        Ok(rows) => {
            savepoint.commit().await?;
            Ok(Ok(rows))
        }
        Err(err) => {
            // Not rolled back when the batch fails: the transaction may be gone already.
            let own = whose(kind, err)?;
            savepoint.rollback().await?;
            Ok(Err(own))
        }
    }
}

/// The statements in order; the rows the first changed.
async fn execute(
    conn: &mut AnyConnection,
    statements: &[Statement<'_>],
) -> Result<u64, sqlx::Error> {
    let mut first = None;
    for (sql, args) in statements {
        let done = args::query(sql, args).execute(&mut *conn).await?;
        first.get_or_insert(done.rows_affected());
    }
    Ok(first.unwrap_or(0))
}
