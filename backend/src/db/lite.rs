//! SQLite's fast lane: the busiest statements on plain rusqlite connections.
//!
//! sqlx runs every SQLite connection on a worker thread of its own, so each statement costs
//! a round trip between threads: several times what an indexed lookup costs SQLite itself. The statements behind the September rush
//! (the session check on every request, reading the caller's attempt, storing a submission
//! and appending an attestation) run here instead: reads on the calling thread, since an
//! indexed lookup in a database the page cache holds takes microseconds, less than a
//! hand-off would; writes on the group-commit writer's own thread (see [`super::writer`]).
//! Durability is unchanged: every connection keeps `synchronous = FULL`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OpenFlags, ToSql};

use super::Arg;
use crate::error::{AppError, AppResult};

use super::checkpoint::{self, Checkpointer};

/// Idle read connections kept for reuse; more are opened when busier and closed after.
const MAX_IDLE: usize = 8;

/// How long a statement waits for another process's lock before reporting contention.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How much of the file is read through a memory mapping rather than `read` calls.
const MMAP_SIZE: u64 = 1 << 30;

/// A SQLite file's fast lane: a small set of reusable rusqlite connections.
#[derive(Debug)]
pub struct Lite {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    /// Copies the write-ahead log back into the file; stops when the lane is dropped.
    checkpointer: Checkpointer,
}

impl Lite {
    /// A fast lane onto the (already created and migrated) file at `path`, with the
    /// process's checkpointer for it.
    pub fn new(path: &Path) -> AppResult<Lite> {
        Ok(Lite {
            path: path.to_path_buf(),
            idle: Mutex::new(Vec::new()),
            checkpointer: Checkpointer::start(open(path)?)?,
        })
    }

    /// Asks for the log to be copied back now rather than within the second (after a
    /// write of thousands of pages).
    pub fn checkpoint_soon(&self) {
        self.checkpointer.nudge();
    }

    /// Whether the last pass of the checkpointer left a long log for the writer to start
    /// over (asked once: the answer is cleared).
    pub fn log_is_long(&self) -> bool {
        self.checkpointer.take_long()
    }

    /// Copies the log back now, on this thread: after a bulk load, so that what is timed
    /// next does not share the machine with copying it.
    pub fn checkpoint_now(&self) -> AppResult<()> {
        checkpoint::checkpoint(&self.connect()?)?;
        Ok(())
    }

    /// A new connection with the settings the pool's connections have.
    pub fn connect(&self) -> rusqlite::Result<Connection> {
        open(&self.path)
    }

    /// A connection for the group-commit writer.
    pub fn connect_writer(&self) -> rusqlite::Result<Connection> {
        let conn = self.connect()?;
        // Statement journals (every write that fires a trigger needs one) stay in memory
        // instead of a temporary file created and deleted per statement. Only here: on
        // readers it would also keep a large GROUP BY's sort in memory, not on disk.
        conn.execute_batch("PRAGMA temp_store = MEMORY")?;
        Ok(conn)
    }

    /// Runs `read` on an idle connection (or a new one) on this thread.
    pub fn read<T>(&self, read: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> AppResult<T> {
        let idle = self.lock().pop();
        let conn = match idle {
            Some(conn) => conn,
            None => self.connect()?,
        };
        let out = read(&conn);
        let mut idle = self.lock();
        if idle.len() < MAX_IDLE {
            idle.push(conn);
        }
        Ok(out?)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        // A panic while holding the list leaves it intact: connections only move in and out.
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A new connection to `path` with the settings the pool's connections have.
fn open(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL lets readers run beside the writer; FULL keeps every acknowledged commit.
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    // Every commit empties the other connections' page caches, so without a mapping
    // each read fetched its pages again with a system call and a copy per page. (SQLite
    // drops the map too after another connection's commit; faulting the touched pages
    // back in is still the cheaper of the two.)
    // Safe here because the file never shrinks under a mapping: no VACUUM or
    // auto-vacuum (backups use VACUUM INTO, a new file; restore is offline).
    conn.query_row(&format!("PRAGMA mmap_size = {MMAP_SIZE}"), [], |_| Ok(()))?;
    // The process's checkpointer copies the log back, not the commit that fills it.
    conn.execute_batch(checkpoint::NO_AUTOCHECKPOINT)?;
    Ok(conn)
}

/// The lane's errors as the crate's one error type: the database failed (500, details for
/// the log only).
impl From<rusqlite::Error> for AppError {
    fn from(err: rusqlite::Error) -> AppError {
        AppError::Internal(format!("database error: {err}"))
    }
}

impl ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match *self {
            Arg::Text(s) => ToSqlOutput::from(s),
            Arg::Int(i) => ToSqlOutput::from(i),
            Arg::Null => ToSqlOutput::from(rusqlite::types::Null),
        })
    }
}

/// Runs `sql` with `args` on a rusqlite connection; the number of rows changed.
pub fn execute(conn: &Connection, sql: &str, args: &[Arg<'_>]) -> rusqlite::Result<usize> {
    let mut statement = conn.prepare_cached(sql)?;
    bind(&mut statement, args)?;
    statement.raw_execute()
}

/// The first row of `sql` with `args`, mapped by `map`; `None` if there is none.
pub fn query_one<T>(
    conn: &Connection,
    sql: &str,
    args: &[Arg<'_>],
    map: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Option<T>> {
    let mut statement = conn.prepare_cached(sql)?;
    bind(&mut statement, args)?;
    let mut rows = statement.raw_query();
    rows.next()?.map(map).transpose()
}

/// Runs `sql` with `args`, handing each row to `each` until it returns an error (which
/// comes back inside the `Ok`: the statement itself succeeded).
pub fn for_each<E>(
    conn: &Connection,
    sql: &str,
    args: &[Arg<'_>],
    mut each: impl FnMut(&rusqlite::Row<'_>) -> Result<(), E>,
) -> rusqlite::Result<Result<(), E>> {
    // Not cached: bulk statements vary with their scope and would push out the hot ones.
    let mut statement = conn.prepare(sql)?;
    bind(&mut statement, args)?;
    let mut rows = statement.raw_query();
    while let Some(row) = rows.next()? {
        if let Err(e) = each(row) {
            return Ok(Err(e));
        }
    }
    Ok(Ok(()))
}

/// Runs a long read (a bulk load) on this thread without holding up the runtime's other
/// tasks: on a multi-threaded runtime they move to another worker meanwhile.
pub fn bulk<T>(work: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current().map(|h| h.runtime_flavor()) {
        Ok(RuntimeFlavor::MultiThread) => tokio::task::block_in_place(work),
        _ => work(),
    }
}

/// Binds `args` to `$1`, `$2` … by name: SQLite numbers `$N` parameters by first
/// appearance, which need not follow N.
fn bind(statement: &mut rusqlite::Statement<'_>, args: &[Arg<'_>]) -> rusqlite::Result<()> {
    const NAMES: [&str; 16] = [
        "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9", "$10", "$11", "$12", "$13", "$14",
        "$15", "$16",
    ];
    if args.len() != statement.parameter_count() {
        return Err(rusqlite::Error::InvalidParameterCount(
            args.len(),
            statement.parameter_count(),
        ));
    }
    for (i, arg) in args.iter().enumerate() {
        // The usual few without building their names.
        let name = match NAMES.get(i) {
            Some(name) => std::borrow::Cow::Borrowed(*name),
            None => std::borrow::Cow::Owned(format!("${}", i + 1)),
        };
        let index = statement
            .parameter_index(&name)?
            .ok_or_else(|| rusqlite::Error::InvalidParameterName(name.into_owned()))?;
        statement.raw_bind_parameter(index, arg)?;
    }
    Ok(())
}

/// Whether a rusqlite error means "another connection holds the lock; try again". (A
/// unique-key violation never is: the writer's batch holds SQLite's write lock while it
/// reads the chain heads and appends, so it is the write's own.)
pub fn is_contention(err: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode;
    matches!(err, rusqlite::Error::SqliteFailure(e, _)
        if matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked))
}

/// Whether a rusqlite error is a unique-key violation.
pub fn is_unique_violation(err: &rusqlite::Error) -> bool {
    matches!(err, rusqlite::Error::SqliteFailure(e, _)
        if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_reuse_connections_and_see_committed_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lite.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL)")
            .unwrap();
        let lite = Lite::new(&path).unwrap();
        let writer = lite.connect().unwrap();
        let insert = "INSERT INTO t (id, n) VALUES ($1, $2)";
        assert_eq!(
            execute(&writer, insert, &[Arg::Text("a"), Arg::Int(7)]).unwrap(),
            1
        );
        let n: Option<i64> = lite
            .read(|c| {
                query_one(c, "SELECT n FROM t WHERE id = $1", &[Arg::Text("a")], |r| {
                    r.get(0)
                })
            })
            .unwrap();
        assert_eq!(n, Some(7));
        // Parameters bind by name, whatever order they appear in.
        let later: Option<String> = lite
            .read(|c| {
                query_one(
                    c,
                    "SELECT id FROM t WHERE n > $2 AND id = $1",
                    &[Arg::Text("a"), Arg::Int(6)],
                    |r| r.get(0),
                )
            })
            .unwrap();
        assert_eq!(later.as_deref(), Some("a"));
        // More arguments than the names kept ready (a trust of many schools).
        let ids: Vec<String> = (0..40).map(|i| format!("id{i}")).collect();
        let marks: Vec<String> = (1..=40).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT COUNT(*) FROM t WHERE id IN ({}, 'a')",
            marks.join(", ")
        );
        let args: Vec<Arg<'_>> = ids.iter().map(|id| Arg::Text(id)).collect();
        let found: Option<i64> = lite
            .read(|c| query_one(c, &sql, &args, |r| r.get(0)))
            .unwrap();
        assert_eq!(found, Some(1));
        assert_eq!(
            lite.lock().len(),
            1,
            "the read's connection is kept for reuse"
        );
        let again = execute(&writer, insert, &[Arg::Text("a"), Arg::Int(8)]).unwrap_err();
        assert!(is_unique_violation(&again) && !is_contention(&again));
    }
}
