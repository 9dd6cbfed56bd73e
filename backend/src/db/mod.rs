//! Storage: SQLite or PostgreSQL, chosen once from the URL scheme, each through its own
//! sqlx driver ([`pool`]).
//!
//! Queries are written once in the SQL both databases accept (`$1` placeholders, text
//! times, integer flags) inside [`on_db!`](crate::on_db); each database owns its
//! migrations. On SQLite, always a file, the busiest statements take a faster lane
//! beside the pool ([`lite`]): each of them has one implementation per database,
//! rusqlite for SQLite and sqlx for PostgreSQL.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{AppError, AppResult};

pub mod checkpoint;
pub mod file_lock;
pub mod ids;
pub mod lane;
pub mod lite;
pub mod pool;
pub mod rows;
pub mod writer;

pub use lane::{Arg, Lane};
pub use pool::{Affected, Conn, Connected, Exec, Pool, Tx};

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
    pub pool: Pool,
    /// The group-commit writer attestations and quiz submissions go through.
    writer: writer::Writer,
    /// Where the busiest statements go.
    lane: Lane,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

impl Db {
    /// Connects (creating a SQLite file and its directory if needed) and runs pending migrations.
    pub async fn connect(url: &str) -> AppResult<Db> {
        let pool = Pool::open(url).await?;
        migrate(&pool).await?;
        // Opened after the migrations, so its connections find the tables.
        let lane = match &pool {
            Pool::Sqlite(_) => {
                let (_, file) = sqlite_url(url)?;
                Lane::Sqlite(Arc::new(lite::Lite::new(&file)?))
            }
            Pool::Postgres(pool) => Lane::Postgres(pool.clone()),
        };
        Ok(Db {
            pool,
            writer: writer::Writer::new(writer::MAX_BATCH),
            lane,
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

    /// Which database it is.
    pub fn kind(&self) -> DbKind {
        match self.pool {
            Pool::Sqlite(_) => DbKind::Sqlite,
            Pool::Postgres(_) => DbKind::Postgres,
        }
    }

    /// Where the busiest statements go.
    pub fn lane(&self) -> &Lane {
        &self.lane
    }

    /// SQLite's fast lane, on SQLite.
    pub fn lite(&self) -> Option<&lite::Lite> {
        match &self.lane {
            Lane::Sqlite(lite) => Some(lite),
            Lane::Postgres(_) => None,
        }
    }

    /// Hands a write to this process's group-commit writer; returns once it is durable.
    pub async fn write<W: writer::Write>(&self, write: W) -> AppResult<W::Output> {
        self.writer.write(self, write).await
    }

    /// Begins a transaction that will write: on SQLite it takes the write lock up front, so
    /// nothing it reads can go stale before it writes (a deferred one would then fail).
    pub async fn begin_write(&self) -> AppResult<Tx> {
        Ok(match &self.pool {
            Pool::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// What [`on_db!`](crate::on_db) runs a query on: the pool.
    pub fn exec(&self) -> Exec<&sqlx::SqlitePool, &sqlx::PgPool> {
        self.pool.exec()
    }
}

/// Runs the pending migrations of the pool's database.
async fn migrate(pool: &Pool) -> AppResult<()> {
    match pool {
        Pool::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
        Pool::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
    }
    Ok(())
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
pub(crate) fn sqlite_url(url: &str) -> AppResult<(String, PathBuf)> {
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
        let pooled: (i64,) = crate::on_db!(db, |e| sqlx::query_as("PRAGMA wal_autocheckpoint")
            .fetch_one(e)
            .await)
        .unwrap();
        let lite = db.lite().unwrap();
        let fast = lite
            .read(|c| c.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get::<_, i64>(0)))
            .unwrap();
        assert_eq!((pooled.0, fast), (0, 0));
    }
}
