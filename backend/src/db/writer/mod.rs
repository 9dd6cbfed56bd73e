//! Group commit: one writer per process folds concurrent writes into one transaction.
//!
//! A durable commit costs an fsync (about a millisecond on a plain disk), so committing each
//! write on its own caps a server near a thousand a second. Requests instead hand their
//! write to the writer and wait; the writer takes everything queued, applies each write so a
//! failure undoes only that write (SQLite backs out just the failing statement; PostgreSQL,
//! which aborts the whole transaction, runs the batch again without it), commits once, and only then answers: every acknowledged
//! write is durable. Nothing about durability is weakened: SQLite keeps `synchronous = FULL`.
//!
//! A write is a value of the [`Write`] trait, made by the module that owns its data: the
//! writer only runs statements and reads the heads of the chains writes append to. On SQLite
//! the writer is a thread of its own with a rusqlite connection ([`sqlite`]); on PostgreSQL
//! a task on the runtime with a pooled connection ([`postgres`]).

use std::collections::{BTreeSet, HashMap};
use std::num::NonZeroUsize;
use std::sync::{Arc, OnceLock};

use tokio::sync::{mpsc, oneshot};

use super::{Db, Lane};
use crate::error::{AppError, AppResult};

mod postgres;
mod sqlite;
mod write;

pub use write::{Chain, Head, Statement, Write};

/// Most writes folded into one transaction by default: bounds a batch's latency.
pub const MAX_BATCH: NonZeroUsize = match NonZeroUsize::new(512) {
    Some(n) => n,
    None => NonZeroUsize::MIN,
};
/// Times a whole batch is retried when the database reports contention.
const RETRIES: usize = 20;

/// A queued write with the reply its request waits on, its type forgotten so that one
/// batch holds writes of every kind.
trait Job: Send {
    fn chain(&self) -> Option<Chain<'_>>;
    fn statements(&mut self, head: Option<&mut Head>) -> Vec<Statement<'_>>;
    fn conflict(&self) -> Option<&'static str>;
    /// Sends the request its result: the rows its first statement changed, or its error.
    fn answer(self: Box<Self>, outcome: AppResult<u64>);
}

struct Queued<W: Write> {
    write: W,
    reply: oneshot::Sender<AppResult<W::Output>>,
}

impl<W: Write> Job for Queued<W> {
    fn chain(&self) -> Option<Chain<'_>> {
        self.write.chain()
    }

    fn statements(&mut self, head: Option<&mut Head>) -> Vec<Statement<'_>> {
        self.write.statements(head)
    }

    fn conflict(&self) -> Option<&'static str> {
        self.write.conflict()
    }

    fn answer(self: Box<Self>, outcome: AppResult<u64>) {
        let Queued { write, reply } = *self;
        // A client that gave up has dropped its receiver; its write stands.
        let _ = reply.send(outcome.and_then(|rows| write.output(rows)));
    }
}

type Jobs = Vec<Box<dyn Job>>;

/// The handle requests send their writes through; started on first use.
#[derive(Debug, Clone)]
pub struct Writer {
    sender: Arc<OnceLock<mpsc::UnboundedSender<Box<dyn Job>>>>,
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
    pub async fn write<W: Write>(&self, db: &Db, write: W) -> AppResult<W::Output> {
        let sender = self.sender.get_or_init(|| self.start(db));
        let (reply, answer) = oneshot::channel();
        if let Err(mpsc::error::SendError(job)) = sender.send(Box::new(Queued { write, reply })) {
            // The writer has gone (its runtime ended under a test that outlived it, or its
            // thread could not start): write alone, just as safely.
            let jobs = vec![job];
            match db.lane() {
                Lane::Sqlite(lite) => sqlite::commit(lite, &mut None, jobs),
                Lane::Postgres(pool) => postgres::commit(pool, &mut None, jobs).await,
            }
        }
        answer
            .await
            .map_err(|_| AppError::Internal("the database writer stopped".into()))?
    }

    /// Starts the writer: a thread on SQLite, a task on the runtime on PostgreSQL.
    fn start(&self, db: &Db) -> mpsc::UnboundedSender<Box<dyn Job>> {
        let (tx, rx) = mpsc::unbounded_channel();
        let limit = self.limit.get();
        match db.lane().clone() {
            Lane::Sqlite(lite) => sqlite::start(lite, rx, limit),
            Lane::Postgres(pool) => {
                tokio::spawn(postgres::run(pool, rx, limit));
            }
        }
        tx
    }
}

/// `first` and whatever else is queued, up to `limit`.
fn batch(
    first: Box<dyn Job>,
    rx: &mut mpsc::UnboundedReceiver<Box<dyn Job>>,
    limit: usize,
) -> Jobs {
    let mut jobs = vec![first];
    while jobs.len() < limit {
        match rx.try_recv() {
            Ok(job) => jobs.push(job),
            Err(_) => break,
        }
    }
    jobs
}

/// Sends each write's result to its request.
fn answer(jobs: Jobs, outcomes: Vec<AppResult<u64>>) {
    for (job, outcome) in jobs.into_iter().zip(outcomes) {
        job.answer(outcome);
    }
}

/// Fails every write of a batch that could not be committed.
fn failed(jobs: Jobs, last: Option<String>) {
    let message = last.unwrap_or_else(|| "no attempt made".to_string());
    tracing::error!(error = %message, writes = jobs.len(), "group commit failed");
    for job in jobs {
        job.answer(Err(AppError::Internal(format!("write failed: {message}"))));
    }
}

/// A write's own failure, as its request should see it.
fn own_failure(job: &dyn Job, unique: bool, err: AppError) -> AppError {
    match job.conflict() {
        Some(message) if unique => AppError::Conflict(message.into()),
        _ => err,
    }
}

/// A chain's head query and key.
type ChainKey = (&'static str, String);

/// The heads of the chains a batch appends to, read once in its transaction and moved on
/// as rows go in.
#[derive(Debug, Default)]
struct Heads(HashMap<ChainKey, Head>);

/// What puts a chain's head back after a write that moved it failed.
type Undo = Option<(ChainKey, Head)>;

impl Heads {
    /// The chains `jobs` append to, in a fixed order (so that lockers never deadlock),
    /// each with its empty chain's head.
    fn wanted(jobs: &[Box<dyn Job>]) -> BTreeSet<(ChainKey, &'static str)> {
        jobs.iter()
            .filter_map(|job| job.chain())
            .map(|c| ((c.head, c.key.to_string()), c.genesis))
            .collect()
    }

    fn insert(&mut self, key: ChainKey, head: Option<(i64, String)>, genesis: &str) {
        let (seq, hash) = head.unwrap_or_else(|| (0, genesis.to_string()));
        self.0.insert(key, Head { seq, hash });
    }

    /// `job`'s statements, its chain's head moved on; and how to undo that.
    fn statements<'j>(&mut self, job: &'j mut dyn Job) -> (Vec<Statement<'j>>, Undo) {
        let key = job.chain().map(|c| (c.head, c.key.to_string()));
        let head = key.as_ref().and_then(|k| self.0.get_mut(k));
        let undo = key.zip(head.as_deref().cloned());
        (job.statements(head), undo)
    }

    fn undo(&mut self, undo: Undo) {
        if let Some((key, head)) = undo {
            self.0.insert(key, head);
        }
    }
}

#[cfg(test)]
mod tests;
