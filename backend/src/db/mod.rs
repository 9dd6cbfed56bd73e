//! Storage: one pool over SQLite or PostgreSQL, chosen once from the URL scheme.
//!
//! Queries are written once in the SQL both databases accept (`$1` placeholders,
//! text times, integer flags) and run through sqlx's `Any` driver; each database
//! owns its migrations. On SQLite, always a file, the busiest statements take a faster
//! lane beside the pool ([`lite`]): each of them has one implementation per database,
//! rusqlite for SQLite and sqlx for PostgreSQL.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

use crate::error::{AppError, AppResult};

pub mod checkpoint;
pub mod file_lock;
pub mod ids;
pub mod lite;
pub mod rows;
pub mod writer;

/// Which database the pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    /// A SQLite file (the default; one server process).
    Sqlite,
    /// A PostgreSQL server (several server processes may share it).
    Postgres,
}

/// The application's database handle: cheap to clone.
#[derive(Debug, Clone)]
pub struct Db {
    /// The connection pool.
    pub pool: AnyPool,
    /// Which database it is.
    pub kind: DbKind,
    /// The group-commit writer attestations and quiz submissions go through.
    writer: writer::Writer,
    /// SQLite's fast lane (on SQLite; none on PostgreSQL).
    lite: Option<Arc<lite::Lite>>,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

impl Db {
    /// Connects (creating a SQLite file and its directory if needed) and runs pending migrations.
    pub async fn connect(url: &str) -> AppResult<Db> {
        sqlx::any::install_default_drivers();
        let kind = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            DbKind::Postgres
        } else if url.starts_with("sqlite:") {
            DbKind::Sqlite
        } else {
            return Err(AppError::Internal(format!(
                "unsupported database URL (use sqlite://PATH or postgres://…): {}",
                redact(url)
            )));
        };
        let (url, file) = match kind {
            DbKind::Sqlite => {
                let (url, file) = sqlite_url(url)?;
                (url, Some(file))
            }
            DbKind::Postgres => (url.to_string(), None),
        };
        let options = AnyConnectOptions::from_str(&url)?.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(match kind {
                DbKind::Sqlite => 8,
                DbKind::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            // A SQLite connection is a file handle, not a socket that can drop: pinging it
            // before each use only costs a round trip to its worker thread.
            .test_before_acquire(kind == DbKind::Postgres)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if kind == DbKind::Sqlite {
                        // WAL lets readers run beside the writer; FULL keeps every acknowledged
                        // commit; the process's checkpointer copies the log back (see
                        // [`checkpoint`]), not the commit that fills it.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                             PRAGMA wal_autocheckpoint = 0;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let db = Db {
            pool,
            kind,
            writer: writer::Writer::new(writer::MAX_BATCH),
            lite: None,
        };
        db.migrate().await?;
        Ok(Db {
            // Opened after the migrations, so its connections find the tables.
            lite: file
                .map(|path| lite::Lite::new(&path))
                .transpose()?
                .map(Arc::new),
            ..db
        })
    }

    /// The same database with at most `limit` writes folded into one group commit.
    /// Before the first write: it starts a writer of its own.
    pub fn with_write_batch(self, limit: std::num::NonZeroUsize) -> Db {
        Db {
            writer: writer::Writer::new(limit),
            ..self
        }
    }

    /// SQLite's fast lane, on SQLite.
    pub fn lite(&self) -> Option<&lite::Lite> {
        self.lite.as_deref()
    }

    /// Hands a write to this process's group-commit writer; returns once it is durable.
    pub async fn write<W: writer::Write>(&self, write: W) -> AppResult<W::Output> {
        self.writer.write(self, write).await
    }

    /// Begins a transaction that will write: on SQLite it takes the write lock up front, so
    /// nothing it reads can go stale before it writes (a deferred one would then fail).
    pub async fn begin_write(&self) -> AppResult<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.kind {
            DbKind::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            DbKind::Postgres => self.pool.begin().await?,
        })
    }

    async fn migrate(&self) -> AppResult<()> {
        match self.kind {
            DbKind::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            DbKind::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }
}

/// The file a `sqlite:` URL names; none for PostgreSQL or an in-memory database.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    (path != ":memory:" && !query.contains("mode=memory")).then(|| PathBuf::from(path))
}

/// Makes sure a SQLite URL's directory exists and that the file is created on first use;
/// the URL to connect with, and the file's path. An in-memory database is refused: the
/// product is a file (its fast lane and checkpointer open it again by name).
fn sqlite_url(url: &str) -> AppResult<(String, PathBuf)> {
    let Some(file) = sqlite_file(url) else {
        return Err(AppError::Internal(format!(
            "an in-memory SQLite database is not supported; name a file (sqlite://PATH): {url}"
        )));
    };
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if let Some(dir) = Path::new(path)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)?;
    }
    let mut query = query.to_string();
    if !query.contains("mode=") {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str("mode=rwc");
    }
    Ok((format!("sqlite://{path}?{query}"), file))
}

/// A database URL with any password replaced, fit for logs and errors.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_hides_the_password_only() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/attest"),
            "postgres://app:***@db:5432/attest"
        );
        assert_eq!(redact("sqlite://data/attest.db"), "sqlite://data/attest.db");
    }

    #[test]
    fn sqlite_urls_create_the_file_on_first_use() {
        let dir = std::env::temp_dir().join(format!("attest-url-{}", std::process::id()));
        let url = format!("sqlite://{}/x/attest.db", dir.display());
        let (made, file) = sqlite_url(&url).unwrap();
        assert!(made.ends_with("attest.db?mode=rwc"), "{made}");
        assert_eq!(file, dir.join("x/attest.db"));
        assert!(dir.join("x").is_dir());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn only_a_sqlite_file_has_a_file() {
        assert_eq!(
            sqlite_file("sqlite://data/attest.db?mode=rwc"),
            Some(PathBuf::from("data/attest.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://db/attest"), None);
    }

    #[tokio::test]
    async fn an_in_memory_sqlite_database_is_refused_at_connect() {
        for url in ["sqlite::memory:", "sqlite://x.db?mode=memory"] {
            let err = Db::connect(url).await.unwrap_err().to_string();
            assert!(err.contains("in-memory SQLite"), "{url}: {err}");
        }
    }

    #[tokio::test]
    async fn no_connection_checkpoints_inside_a_commit() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite://{}", dir.path().join("a.db").display()))
            .await
            .unwrap();
        let pooled: (i64,) = sqlx::query_as("PRAGMA wal_autocheckpoint")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        let lite = db.lite().unwrap();
        let fast = lite
            .read(|c| c.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get::<_, i64>(0)))
            .unwrap();
        assert_eq!((pooled.0, fast), (0, 0));
    }
}
