//! The writer on SQLite: a thread of its own with one rusqlite connection.

use std::sync::Arc;

use rusqlite::{Connection, TransactionBehavior};
use tokio::sync::mpsc;

use super::{answer, batch, failed, own_failure, Heads, Job, Jobs, Statement, RETRIES};
use crate::db::checkpoint;
use crate::db::lite::{self, Lite};
use crate::db::Arg;
use crate::error::{AppError, AppResult};

/// Starts the writer's thread.
pub(super) fn start(lite: Arc<Lite>, mut rx: mpsc::UnboundedReceiver<Box<dyn Job>>, limit: usize) {
    let started = std::thread::Builder::new()
        .name("attest-writer".into())
        .spawn(move || {
            let mut conn = None;
            while let Some(first) = rx.blocking_recv() {
                let jobs = batch(first, &mut rx, limit);
                commit(&lite, &mut conn, jobs);
                if let (Some(writer), true) = (&conn, lite.log_is_long()) {
                    match checkpoint::restart(writer) {
                        Ok(true) => {}
                        // Readers outlasted the wait: the next long pass asks again.
                        Ok(false) => tracing::debug!("log not started over: readers"),
                        Err(e) => tracing::warn!(error = %e, "starting the log over failed"),
                    }
                }
            }
        });
    if let Err(err) = started {
        tracing::error!(error = %err, "could not start the writer thread");
    }
}

/// Commits a batch on `held` (opened if empty), retrying it whole on contention, and
/// answers each write.
pub(super) fn commit(lite: &Lite, held: &mut Option<Connection>, mut jobs: Jobs) {
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
        match try_commit(conn, &mut jobs) {
            Ok(outcomes) => return answer(jobs, outcomes),
            Err(err) => {
                // A fresh connection for the next try, as a pool would give.
                *held = None;
                let retry = lite::is_contention(&err);
                last = Some(err);
                if !retry {
                    break;
                }
            }
        }
    }
    failed(jobs, last.map(|e| e.to_string()));
}

/// A write's statements; several are undone together if one fails.
pub(super) fn run(tx: &Connection, statements: &[Statement<'_>]) -> rusqlite::Result<u64> {
    if let [(sql, args)] = statements {
        return lite::execute(tx, sql, args).map(|rows| rows as u64);
    }
    tx.execute_batch("SAVEPOINT compound")?;
    let mut first = None;
    for (sql, args) in statements {
        match lite::execute(tx, sql, args) {
            Ok(rows) => {
                first.get_or_insert(rows as u64);
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

/// One transaction for the whole batch: a failing write backs out alone.
fn try_commit(conn: &mut Connection, jobs: &mut Jobs) -> rusqlite::Result<Vec<AppResult<u64>>> {
    // Take the write lock up front, so reading the chain heads cannot go stale.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut heads = Heads::default();
    for ((sql, key), genesis) in Heads::wanted(jobs) {
        let head = lite::query_one(&tx, sql, &[Arg::Text(&key)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        heads.insert((sql, key), head, genesis);
    }
    let mut outcomes = Vec::with_capacity(jobs.len());
    for job in jobs.iter_mut() {
        let (statements, undo) = heads.statements(job.as_mut());
        let result = run(&tx, &statements);
        drop(statements);
        match result {
            Ok(rows) => outcomes.push(Ok(rows)),
            // I/O, disk-full, out-of-memory: SQLite may have rolled the whole batch back.
            Err(err) if lite::is_contention(&err) || tx.is_autocommit() => return Err(err),
            Err(err) => {
                heads.undo(undo);
                let unique = lite::is_unique_violation(&err);
                outcomes.push(Err(own_failure(job.as_ref(), unique, AppError::from(err))));
            }
        }
    }
    tx.commit()?;
    Ok(outcomes)
}
