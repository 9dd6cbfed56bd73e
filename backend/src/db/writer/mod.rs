//! Group commit: one writer task per process folds concurrent writes into one transaction.
//!
//! A durable commit costs an fsync (about a millisecond on a plain disk), so committing each
//! attestation on its own caps a server near a thousand a second. Requests instead hand their
//! write to the writer and wait; the writer takes everything queued, applies each write so a
//! failure undoes only that write (SQLite backs out just the failing statement; on PostgreSQL
//! each write has its own savepoint), commits once, and only then answers: every acknowledged
//! write is durable. Nothing about durability is weakened: SQLite keeps `synchronous = FULL`.
//!
//! Every write to the history the standings read goes this way: attestations, quiz
//! submissions, quizzes started and lessons read. On a SQLite file the writer is a thread
//! of its own with a rusqlite connection (see [`super::lite`]), and it notes what each
//! batch wrote, with the standings log ids it took, in the [`Journal`] that cached
//! standings replay; on PostgreSQL it is a task on the runtime with a pooled connection.

use std::num::NonZeroUsize;
use std::sync::{Arc, OnceLock};

use rusqlite::TransactionBehavior;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Connection};
use tokio::sync::{mpsc, oneshot};

use super::lite::{self, Lite};
use super::{Db, DbKind};
use crate::chain::{insert_record, insert_record_lite, Heads};
use crate::error::{AppError, AppResult};
use crate::standings::journal::{Batch, Journal};

mod write;

use write::{already_attested, own_failure, schools, Step};
pub use write::{Statement, Write, Written};

/// Most writes folded into one transaction by default: bounds a batch's latency.
pub const MAX_BATCH: NonZeroUsize = match NonZeroUsize::new(512) {
    Some(n) => n,
    None => NonZeroUsize::MIN,
};
/// Times a whole batch is retried when the database reports contention.
const RETRIES: usize = 20;

/// Where a write's result goes.
type Reply = oneshot::Sender<AppResult<Written>>;

#[derive(Debug)]
struct Job {
    write: Write,
    reply: Reply,
}

/// The handle requests send their writes through; started on first use.
#[derive(Debug, Clone)]
pub struct Writer {
    sender: Arc<OnceLock<mpsc::UnboundedSender<Job>>>,
    /// Most writes in one batch.
    limit: NonZeroUsize,
}

impl Writer {
    /// A writer that folds at most `limit` writes into one commit.
    pub fn new(limit: NonZeroUsize) -> Writer {
        Writer {
            sender: Arc::default(),
            limit,
        }
    }

    /// Queues a write, waits for the batch holding it to commit, and returns its result.
    pub async fn write(&self, db: &Db, write: Write) -> AppResult<Written> {
        let sender = self.sender.get_or_init(|| start(db, self.limit.get()));
        let (reply, answer) = oneshot::channel();
        if let Err(mpsc::error::SendError(job)) = sender.send(Job { write, reply }) {
            // The writer has gone (its runtime ended under a test that outlived it, or its
            // thread could not start): write alone, just as safely.
            let writes = [job.write];
            let mut results = match &db.lite {
                Some(lite) => commit_lite(lite, &mut None, &writes, db.journal()),
                None => commit(&db.pool, &mut None, db.kind, &writes).await,
            };
            return results.remove(0);
        }
        answer
            .await
            .map_err(|_| AppError::Internal("the database writer stopped".into()))?
    }
}

/// Starts the writer: a thread on SQLite's fast lane, else a task on the runtime.
fn start(db: &Db, limit: usize) -> mpsc::UnboundedSender<Job> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    match db.lite.clone() {
        Some(lite) => {
            let journal = db.journal.clone();
            let started = std::thread::Builder::new()
                .name("attest-writer".into())
                .spawn(move || {
                    let mut conn = None;
                    while let Some(first) = rx.blocking_recv() {
                        let (writes, replies) = batch(first, &mut rx, limit);
                        answer(replies, commit_lite(&lite, &mut conn, &writes, &journal));
                    }
                });
            if let Err(err) = started {
                tracing::error!(error = %err, "could not start the writer thread");
            }
        }
        None => {
            tokio::spawn(run(db.pool.clone(), db.kind, rx, limit));
        }
    }
    tx
}

/// `first` and whatever else is queued, up to `limit`: the writes and their replies.
fn batch(
    first: Job,
    rx: &mut mpsc::UnboundedReceiver<Job>,
    limit: usize,
) -> (Vec<Write>, Vec<Reply>) {
    let mut jobs = vec![first];
    while jobs.len() < limit {
        match rx.try_recv() {
            Ok(job) => jobs.push(job),
            Err(_) => break,
        }
    }
    jobs.into_iter().map(|j| (j.write, j.reply)).unzip()
}

/// Sends each write's result to its request.
fn answer(replies: Vec<Reply>, results: Vec<AppResult<Written>>) {
    for (reply, result) in replies.into_iter().zip(results) {
        // A client that gave up has dropped its receiver; its write stands.
        let _ = reply.send(result);
    }
}

/// The writer task: waits for a write, takes whatever else is queued, commits them together.
async fn run(pool: AnyPool, kind: DbKind, mut rx: mpsc::UnboundedReceiver<Job>, limit: usize) {
    // The writer keeps its connection: queueing for one behind hundreds of readers would
    // hold up every write in the batch.
    let mut conn = None;
    while let Some(first) = next_job(&mut rx, &pool, &mut conn).await {
        let (writes, replies) = batch(first, &mut rx, limit);
        answer(replies, commit(&pool, &mut conn, kind, &writes).await);
    }
}

/// The next write; while waiting, gives the held connection back if the pool is closing
/// (closing waits for every connection).
async fn next_job(
    rx: &mut mpsc::UnboundedReceiver<Job>,
    pool: &AnyPool,
    held: &mut Option<PoolConnection<Any>>,
) -> Option<Job> {
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

/// Commits a batch on `held` (acquired if empty), retrying it whole on contention;
/// one result per write, in order.
async fn commit(
    pool: &AnyPool,
    held: &mut Option<PoolConnection<Any>>,
    kind: DbKind,
    writes: &[Write],
) -> Vec<AppResult<Written>> {
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
        let outcome = try_commit(conn, kind, writes).await;
        if outcome.is_err() {
            // Back to the pool, which tests it on release; the next try takes a sound one.
            *held = None;
        }
        match outcome {
            Ok(results) => return results,
            Err(err) if is_contention(&err) => last = Some(err),
            Err(err) => {
                last = Some(err);
                break;
            }
        }
    }
    failed(writes, last.map(|e| e.to_string()))
}

/// Every write's result when the batch could not be committed.
fn failed(writes: &[Write], last: Option<String>) -> Vec<AppResult<Written>> {
    let message = last.unwrap_or_else(|| "no attempt made".to_string());
    tracing::error!(error = %message, writes = writes.len(), "group commit failed");
    writes
        .iter()
        .map(|_| Err(AppError::Internal(format!("write failed: {message}"))))
        .collect()
}

/// Whether an error means "another writer got there first; try again".
pub fn is_contention(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => {
            let msg = db.message().to_ascii_lowercase();
            (db.is_unique_violation() && !msg.contains("attempt_id"))
                || msg.contains("locked")
                || msg.contains("busy")
                || msg.contains("serializ")
                || msg.contains("deadlock")
        }
        _ => false,
    }
}

/// [`commit`] on SQLite's fast lane, on the writer's thread; notes the history written
/// in `journal`.
fn commit_lite(
    lite: &Lite,
    held: &mut Option<rusqlite::Connection>,
    writes: &[Write],
    journal: &Journal,
) -> Vec<AppResult<Written>> {
    let mut last = None;
    for _ in 0..RETRIES {
        let conn = match held {
            Some(conn) => conn,
            None => match lite.connect_writer() {
                Ok(conn) => held.insert(conn),
                Err(err) => {
                    last = Some(err);
                    break;
                }
            },
        };
        match try_commit_lite(conn, writes, journal) {
            Ok(results) => return results,
            Err(err) => {
                // A fresh connection for the next try, as the pool would give.
                *held = None;
                let retry = lite::is_contention(&err);
                last = Some(err);
                if !retry {
                    break;
                }
            }
        }
    }
    failed(writes, last.map(|e| e.to_string()))
}

/// The standings log's last id (what the triggers of a write append to).
const LOG_END: &str = "SELECT COALESCE(MAX(id), 0) FROM standing_log";

/// A write's statements on SQLite's fast lane; several are undone together if one fails.
fn run_lite(tx: &rusqlite::Connection, statements: &[Statement<'_>]) -> rusqlite::Result<usize> {
    if let [(sql, args)] = statements {
        return lite::execute(tx, sql, args);
    }
    tx.execute_batch("SAVEPOINT compound")?;
    let mut first = None;
    for (sql, args) in statements {
        match lite::execute(tx, sql, args) {
            Ok(rows) => {
                first.get_or_insert(rows);
            }
            Err(err) => {
                tx.execute_batch("ROLLBACK TO compound; RELEASE compound")?;
                return Err(err);
            }
        }
    }
    tx.execute_batch("RELEASE compound")?;
    Ok(first.unwrap_or(0))
}

/// [`try_commit`] on SQLite's fast lane: a failing write backs out alone.
fn try_commit_lite(
    conn: &mut rusqlite::Connection,
    writes: &[Write],
    journal: &Journal,
) -> rusqlite::Result<Vec<AppResult<Written>>> {
    // Take the write lock up front, so reading the chain heads cannot go stale, and no
    // other writer's log rows can fall between the two reads of the log's end.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let log_from: i64 = tx.query_row(LOG_END, [], |r| r.get(0))?;
    let mut heads = Heads::read_lite(&tx, &schools(writes))?;
    let mut results = Vec::with_capacity(writes.len());
    let mut batch = Batch::default();
    for write in writes {
        let result = match write.step() {
            Step::Append(new) => {
                let record = heads.next(new);
                insert_record_lite(&tx, &record).map(|hash| {
                    heads.advance(&record.fields.school_id, record.seq, hash);
                    Written::Attested(Box::new(record))
                })
            }
            Step::Run(statements) => {
                run_lite(&tx, &statements).map(|rows| write.written(rows as u64))
            }
        };
        match result {
            Ok(written) => {
                write.note(&written, &mut batch);
                results.push(Ok(written));
            }
            // I/O, disk-full, out-of-memory: SQLite may have rolled the whole batch back.
            Err(err) if lite::is_contention(&err) || tx.is_autocommit() => return Err(err),
            Err(err) if matches!(write, Write::Attest(_)) && lite::is_unique_violation(&err) => {
                results.push(Err(already_attested()));
            }
            Err(err) => results.push(Err(AppError::Lite(err))),
        }
    }
    let log_to: i64 = tx.query_row(LOG_END, [], |r| r.get(0))?;
    tx.commit()?;
    journal.note(log_from, log_to, batch);
    Ok(results)
}

/// One transaction for the whole batch; a write's own failure rolls back its savepoint only.
async fn try_commit(
    conn: &mut AnyConnection,
    kind: DbKind,
    writes: &[Write],
) -> Result<Vec<AppResult<Written>>, sqlx::Error> {
    // SQLite: take the write lock up front, so reading the chain heads cannot go stale.
    let mut tx = match kind {
        DbKind::Sqlite => conn.begin_with("BEGIN IMMEDIATE").await?,
        DbKind::Postgres => conn.begin().await?,
    };
    let mut heads = Heads::lock_and_read(&mut tx, kind, &schools(writes)).await?;
    let mut results = Vec::with_capacity(writes.len());
    for write in writes {
        // SQLite backs out only the failing statement and keeps the transaction going;
        // PostgreSQL aborts the whole transaction on any error, so each write gets a
        // savepoint there, as does a write of several statements on SQLite.
        let result = if kind == DbKind::Postgres || write.is_compound() {
            let mut savepoint = tx.begin().await?;
            let result = apply(&mut savepoint, &mut heads, write).await;
            if result.is_ok() {
                savepoint.commit().await?;
            } else {
                savepoint.rollback().await?;
            }
            result
        } else {
            apply(&mut tx, &mut heads, write).await
        };
        match result {
            Ok(written) => results.push(Ok(written)),
            Err(err) if is_contention(&err) => return Err(err),
            Err(err) => results.push(Err(own_failure(write, err))),
        }
    }
    tx.commit().await?;
    Ok(results)
}

async fn apply(
    conn: &mut AnyConnection,
    heads: &mut Heads,
    write: &Write,
) -> Result<Written, sqlx::Error> {
    match write.step() {
        Step::Append(new) => {
            let record = heads.next(new);
            let hash = insert_record(conn, &record).await?;
            heads.advance(&record.fields.school_id, record.seq, hash);
            Ok(Written::Attested(Box::new(record)))
        }
        Step::Run(statements) => {
            let mut first = None;
            for (sql, args) in &statements {
                let done = lite::sqlx_query(sql, args).execute(&mut *conn).await?;
                first.get_or_insert(done.rows_affected());
            }
            Ok(write.written(first.unwrap_or(0)))
        }
    }
}

#[cfg(test)]
mod tests;
