//! Copying the write-ahead log back into a SQLite file on a thread of its own.
//!
//! SQLite's default runs a checkpoint inside the commit that takes the log past 1,000
//! pages: the group-commit writer (or a sweep writing 100,000 reminders) then waits
//! while every page is copied and the file synced, and the pages written again and
//! again during the rush — an index's hot leaves, the log's last page — are copied at
//! every one of those checkpoints. Every connection therefore turns that off, and each
//! process's checkpointer copies the log about once a second instead: off the path of
//! any request, once per page however often it changed in that second. Durability is
//! untouched: a commit is durable once it is in the synced log.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use rusqlite::Connection;

/// How often the log is copied back while the process runs.
const EVERY: Duration = Duration::from_secs(1);

/// The settings every connection gets: no checkpoint inside a commit.
pub const NO_AUTOCHECKPOINT: &str = "PRAGMA wal_autocheckpoint = 0";

/// A process's checkpointer for one SQLite file; the thread stops when this is dropped.
#[derive(Debug)]
pub struct Checkpointer {
    /// Asks for a checkpoint now; dropping it ends the thread.
    nudge: Sender<()>,
}

impl Checkpointer {
    /// Starts checkpointing `conn`'s file every second and whenever nudged.
    pub fn start(conn: Connection) -> std::io::Result<Checkpointer> {
        let (nudge, nudged) = mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("attest-checkpoint".into())
            .spawn(move || {
                // A nudge or a second gone by; a closed channel means the lane is gone.
                while let Ok(()) | Err(RecvTimeoutError::Timeout) = nudged.recv_timeout(EVERY) {
                    if let Err(e) = checkpoint(&conn) {
                        // A later pass copies what this one could not; nothing is lost.
                        tracing::warn!(error = %e, "checkpoint failed");
                    }
                }
            })?;
        Ok(Checkpointer { nudge })
    }

    /// Asks for a checkpoint as soon as the thread is free (after a large write).
    pub fn nudge(&self) {
        // Only a panic on the thread could have ended it; the next write would not fix that.
        let _ = self.nudge.send(());
    }
}

/// Copies what it can of the log into the file without waiting for readers or the writer.
pub fn checkpoint(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
}

#[cfg(test)]
mod tests {
    use crate::db::lite::Lite;

    /// The file's size and whether its log is still there.
    fn sizes(path: &std::path::Path) -> (u64, bool) {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        (size, path.with_extension("db-wal").exists())
    }

    /// Polls `done` for up to ten seconds.
    fn eventually(mut done: impl FnMut() -> bool) -> bool {
        (0..200).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(50));
            done()
        })
    }

    #[test]
    fn commits_leave_the_log_to_the_checkpointer_which_copies_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ckpt.db");
        rusqlite::Connection::open(&path).unwrap();
        let lite = Lite::new(&path).unwrap();
        let writer = lite.connect_writer().unwrap();
        writer
            .execute_batch("CREATE TABLE t (b BLOB NOT NULL)")
            .unwrap();
        let before = sizes(&path).0;
        // 8 MB: some 2,000 pages, twice what SQLite's own default copies inside a commit.
        writer
            .execute_batch(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) \
                 INSERT INTO t SELECT randomblob(4000) FROM n",
            )
            .unwrap();
        // The commit left every page in the log.
        assert!(sizes(&path).0 < before + 1_000_000, "{:?}", sizes(&path));
        lite.checkpoint_soon();
        assert!(
            eventually(|| sizes(&path).0 > before + 8_000_000),
            "the checkpointer copied the log into the file: {:?}",
            sizes(&path)
        );
        // Dropping the lane ends the thread and closes its connection: with the last one
        // closed, SQLite removes the log.
        drop(writer);
        drop(lite);
        assert!(eventually(|| !sizes(&path).1), "the log is gone");
    }
}
