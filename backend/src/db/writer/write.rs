//! What the group-commit writer is handed: a write the business describes as statements.
//! The writer knows no kind of write.

use crate::db::Arg;
use crate::error::AppResult;

/// One statement of a write, with its arguments.
pub type Statement<'a> = (&'static str, Vec<Arg<'a>>);

/// The last place and hash of an append-only chain of rows, each linking to the one before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The last row's place (0 before the first).
    pub seq: i64,
    /// The last row's hash.
    pub hash: String,
}

/// The chain a write appends to.
#[derive(Debug, Clone, Copy)]
pub struct Chain<'a> {
    /// The query reading its last `(seq, hash)`, with the chain's key as `$1`; no row
    /// means the chain is empty.
    pub head: &'static str,
    /// Which chain.
    pub key: &'a str,
    /// The head of an empty chain.
    pub genesis: &'static str,
}

/// A write to go through the group-commit writer. The module that owns the data makes it;
/// the writer only runs its statements inside a batch's transaction.
pub trait Write: Send + 'static {
    /// What the caller gets back once the write is durable.
    type Output: Send + 'static;

    /// The chain it appends to, if any: its head is read once per batch (on PostgreSQL
    /// after locking the chain, in key order, so that processes queue for a chain rather
    /// than fork it).
    fn chain(&self) -> Option<Chain<'_>> {
        None
    }

    /// Its statements, run in order and undone together if one fails. A write with a
    /// chain moves `head` on to the row it appends (put back if the write fails).
    fn statements(&mut self, head: Option<&mut Head>) -> Vec<Statement<'_>>;

    /// What it gives back once committed, from the rows its first statement changed.
    fn output(self, rows: u64) -> AppResult<Self::Output>;

    /// What a unique-key violation of its own means to its caller (409), if anything:
    /// otherwise it is a database error.
    fn conflict(&self) -> Option<&'static str> {
        None
    }
}
