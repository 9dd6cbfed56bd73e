//! Copying the write-ahead log back into a SQLite file, off the path of any request.
//!
//! SQLite's default runs a checkpoint inside the commit that takes the log past 1,000
//! pages: the group-commit writer (or a sweep writing 100,000 reminders) then waits
//! while every page is copied and the file synced, and the pages written again and
//! again during the rush — an index's hot leaves, the log's last page — are copied at
//! every one of those checkpoints. Every connection therefore turns that off, and each
//! process's checkpointer copies the log about once a second instead: once per page
//! however often it changed in that second. Durability is untouched: a commit is
//! durable once it is in the synced log.

use std::time::Duration;

use sqlx::AnyPool;
use tokio::sync::mpsc;

/// How often the log is copied back while the process runs.
const EVERY: Duration = Duration::from_secs(1);

/// A process's checkpointer for one SQLite file: a task on the runtime that ends when
/// every handle is dropped or the pool closes.
#[derive(Debug, Clone)]
pub struct Checkpointer {
    /// Asks for a checkpoint now; once every handle is dropped, the task ends.
    nudge: mpsc::Sender<()>,
}

impl Checkpointer {
    /// Starts checkpointing `pool`'s file every second and whenever nudged.
    pub fn start(pool: AnyPool) -> Checkpointer {
        // One pending nudge is enough: the checkpoint it asks for copies everything.
        let (nudge, mut nudged) = mpsc::channel::<()>(1);
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    nudge = nudged.recv() => if nudge.is_none() { break },
                    () = tokio::time::sleep(EVERY) => {}
                    () = pool.close_event() => break,
                }
                if let Err(e) = checkpoint(&pool).await {
                    // A later pass copies what this one could not; nothing is lost.
                    tracing::warn!(error = %e, "checkpoint failed");
                }
            }
        });
        Checkpointer { nudge }
    }

    /// Asks for a checkpoint as soon as the task is free (after a large write).
    pub fn nudge(&self) {
        // Full means one is already asked for; closed means the pool is closing.
        let _ = self.nudge.try_send(());
    }
}

/// Copies what it can of the log into the file without waiting for readers or the writer.
pub async fn checkpoint(pool: &AnyPool) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
        .execute(pool)
        .await
        .map(drop)
}

#[cfg(test)]
mod tests {
    use crate::db::Db;

    /// The file's size and whether its log is still there.
    fn sizes(path: &std::path::Path) -> (u64, bool) {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        (size, path.with_extension("db-wal").exists())
    }

    /// Polls `done` for up to ten seconds.
    async fn eventually(mut done: impl FnMut() -> bool) -> bool {
        for _ in 0..200 {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            if done() {
                return true;
            }
        }
        false
    }

    #[tokio::test]
    async fn commits_leave_the_log_to_the_checkpointer_which_copies_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ckpt.db");
        let db = Db::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        sqlx::query("CREATE TABLE t (b BLOB NOT NULL)")
            .execute(&db.pool)
            .await
            .unwrap();
        db.checkpoint_now().await.unwrap();
        let before = sizes(&path).0;
        // 8 MB: some 2,000 pages, twice what SQLite's own default copies inside a commit.
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) \
             INSERT INTO t SELECT randomblob(4000) FROM n",
        )
        .execute(&db.pool)
        .await
        .unwrap();
        // The commit left every page in the log.
        assert!(sizes(&path).0 < before + 1_000_000, "{:?}", sizes(&path));
        db.checkpoint_soon();
        assert!(
            eventually(|| sizes(&path).0 > before + 8_000_000).await,
            "the checkpointer copied the log into the file: {:?}",
            sizes(&path)
        );
        // Closing the pool ends the task and closes every connection: with the last one
        // closed, SQLite removes the log.
        db.pool.close().await;
        assert!(eventually(|| !sizes(&path).1).await, "the log is gone");
    }
}
