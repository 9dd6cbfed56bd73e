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
//!
//! Copying does not shorten the log: SQLite writes it again from its start only when a
//! commit finds it wholly copied with no reader still reading it, and during a rush
//! some reader always is, so it grew by a second's pages every second (a gigabyte in a
//! benchmark's load) and every read looked through a longer index of it. So when a pass
//! leaves a long log, the writer, between two batches, *starts it over*: it copies the
//! few frames committed since the pass and waits briefly for the old log's readers
//! (new ones read the file), after which its next commit writes the log from the start.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::Arc;
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
    /// Set when a pass left a long log: the writer should start it over.
    long: Arc<AtomicBool>,
}

impl Checkpointer {
    /// Starts checkpointing `conn`'s file every second and whenever nudged.
    pub fn start(conn: Connection) -> std::io::Result<Checkpointer> {
        let (nudge, nudged) = mpsc::channel::<()>();
        let long = Arc::new(AtomicBool::new(false));
        let seen = long.clone();
        std::thread::Builder::new()
            .name("attest-checkpoint".into())
            .spawn(move || {
                // A nudge or a second gone by; a closed channel means the lane is gone.
                while let Ok(()) | Err(RecvTimeoutError::Timeout) = nudged.recv_timeout(EVERY) {
                    match checkpoint(&conn) {
                        Ok(log) => seen.store(log > RESTART_PAST, Ordering::Relaxed),
                        // A later pass copies what this one could not; nothing is lost.
                        Err(e) => tracing::warn!(error = %e, "checkpoint failed"),
                    }
                }
            })?;
        Ok(Checkpointer { nudge, long })
    }

    /// Asks for a checkpoint as soon as the thread is free (after a large write).
    pub fn nudge(&self) {
        // Only a panic on the thread could have ended it; the next write would not fix that.
        let _ = self.nudge.send(());
    }

    /// Whether the log was long at the last pass (and the flag cleared).
    pub fn take_long(&self) -> bool {
        self.long.swap(false, Ordering::Relaxed)
    }
}

/// Log frames (pages) past which the writer starts the log over: 16 MB of 4 KB pages.
const RESTART_PAST: i64 = 4_096;

/// How long the writer waits for the old log's readers before giving up until the next
/// pass: a long read (a trust's standings loading) must not hold every write back.
const RESTART_WAIT: Duration = Duration::from_millis(20);

/// Copies what it can of the log into the file without waiting for readers or the
/// writer; returns the frames the log holds.
pub fn checkpoint(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(1))
}

/// Starts the log over, on the writer's connection between batches (see the module's
/// doc); returns whether it could (no reader of the old log outlasted the wait).
pub fn restart(writer: &Connection) -> rusqlite::Result<bool> {
    writer.busy_timeout(RESTART_WAIT)?;
    let busy = writer.query_row("PRAGMA wal_checkpoint(RESTART)", [], |r| r.get::<_, i64>(0));
    writer.busy_timeout(super::lite::BUSY_TIMEOUT)?;
    Ok(busy? == 0)
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

    /// A file with a table `t`, its lane, and the lane's writer connection.
    fn lane(dir: &tempfile::TempDir) -> (std::path::PathBuf, Lite, rusqlite::Connection) {
        let path = dir.path().join("lane.db");
        rusqlite::Connection::open(&path).unwrap();
        let lite = Lite::new(&path).unwrap();
        let writer = lite.connect_writer().unwrap();
        writer
            .execute_batch("CREATE TABLE t (b BLOB NOT NULL)")
            .unwrap();
        (path, lite, writer)
    }

    /// Commits `pages` rows of about a page each.
    fn fill(writer: &rusqlite::Connection, pages: u32) {
        writer
            .execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
                 INSERT INTO t SELECT randomblob(4000) FROM n",
                [pages],
            )
            .unwrap();
    }

    #[test]
    fn commits_leave_the_log_to_the_checkpointer_which_copies_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let (path, lite, writer) = lane(&dir);
        let before = sizes(&path).0;
        // 8 MB: some 2,000 pages, twice what SQLite's own default copies inside a commit.
        fill(&writer, 2000);
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

    #[test]
    fn a_long_log_is_started_over_by_the_writer_once_its_readers_are_done() {
        let dir = tempfile::tempdir().unwrap();
        let (_, lite, writer) = lane(&dir);
        // Some 5,000 pages: past what the writer lets the log hold.
        fill(&writer, 5000);
        // A reader of the log as it is now, until it commits.
        let reader = lite.connect().unwrap();
        reader.execute_batch("BEGIN").unwrap();
        let rows: i64 = reader
            .query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 5000);
        lite.checkpoint_soon();
        assert!(
            eventually(|| lite.log_is_long()),
            "the checkpointer's pass found the log long"
        );

        // That reader holds the log: the writer gives up soon, not after the busy timeout.
        let t = std::time::Instant::now();
        assert!(
            !super::restart(&writer).unwrap(),
            "a reader outlasted the wait"
        );
        assert!(
            t.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            t.elapsed()
        );
        reader.execute_batch("COMMIT").unwrap();

        // With the reader done, the next commit writes the log from its start.
        assert!(super::restart(&writer).unwrap());
        writer
            .execute("INSERT INTO t VALUES (randomblob(10))", [])
            .unwrap();
        let log = super::checkpoint(&lite.connect().unwrap()).unwrap();
        assert!(log < 10, "the log started over: {log} frames");
    }
}
