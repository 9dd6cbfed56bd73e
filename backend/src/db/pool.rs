//! Each database through its own sqlx driver, with every query written once.
//!
//! A [`Pool`] is SQLite's or PostgreSQL's typed pool; a [`Tx`] and a [`Conn`] are a
//! transaction and a pooled connection on it. A query is written once, inside
//! [`on_db!`](crate::on_db), which compiles it for each driver and runs the one the pool
//! was opened with: rows are read and values bound by each driver itself, with nothing
//! converted in between.

use std::str::FromStr;
use std::time::Duration;

use sqlx::pool::{PoolConnection, PoolOptions};
use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{ConnectOptions, PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool};

use super::{redact, sqlite_url};
use crate::error::{AppError, AppResult};

/// One of two things, one per database: what [`on_db!`](crate::on_db) runs a query on.
#[derive(Debug)]
pub enum Exec<S, P> {
    /// SQLite's.
    Sqlite(S),
    /// PostgreSQL's.
    Postgres(P),
}

/// Runs the query `$body` on `$on` (a [`Db`](crate::db::Db), [`Pool`], [`Tx`] or
/// [`Conn`]), with `$e` naming its executor: the body is compiled once per database, so
/// its value must be the same type from both: rows read as tuples or `FromRow` structs,
/// and a statement's count of changed rows as `.execute(e).await.rows_affected()`.
///
/// ```ignore
/// let n: (i64,) = on_db!(db, |e| sqlx::query_as("SELECT COUNT(*) FROM people").fetch_one(e).await)?;
/// ```
#[macro_export]
macro_rules! on_db {
    ($on:expr, |$e:ident| $body:expr) => {
        match {
            #[allow(unused_imports)]
            use $crate::db::Connected as _;
            $on.exec()
        } {
            $crate::db::Exec::Sqlite($e) => {
                #[allow(unused_imports)]
                use $crate::db::Affected as _;
                $body
            }
            $crate::db::Exec::Postgres($e) => {
                #[allow(unused_imports)]
                use $crate::db::Affected as _;
                $body
            }
        }
    };
}

/// What a statement that returns no rows gives back, the same from either driver: inside
/// [`on_db!`](crate::on_db), `.execute(e).await.rows_affected()`.
pub trait Affected {
    /// The number of rows the statement changed.
    fn rows_affected(self) -> Result<u64, sqlx::Error>;
}

impl Affected for Result<sqlx::sqlite::SqliteQueryResult, sqlx::Error> {
    fn rows_affected(self) -> Result<u64, sqlx::Error> {
        self.map(|done| done.rows_affected())
    }
}

impl Affected for Result<sqlx::postgres::PgQueryResult, sqlx::Error> {
    fn rows_affected(self) -> Result<u64, sqlx::Error> {
        self.map(|done| done.rows_affected())
    }
}

/// A connection pool on one database.
#[derive(Debug, Clone)]
pub enum Pool {
    /// A SQLite file.
    Sqlite(SqlitePool),
    /// A PostgreSQL server.
    Postgres(PgPool),
}

impl Pool {
    /// Opens a pool on the database `url` names (`sqlite://PATH`, creating the file and its
    /// directory if needed, or `postgres://…`); runs no migration.
    pub async fn open(url: &str) -> AppResult<Pool> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?.disable_statement_logging();
            return Ok(Pool::Postgres(
                PoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await?,
            ));
        }
        if !url.starts_with("sqlite:") {
            return Err(AppError::Internal(format!(
                "unsupported database URL (use sqlite://PATH or postgres://…): {}",
                redact(url)
            )));
        }
        let (url, _) = sqlite_url(url)?;
        Ok(Pool::Sqlite(
            PoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                // A SQLite connection is a file handle, not a socket that can drop: pinging
                // it before each use only costs a round trip to its thread.
                .test_before_acquire(false)
                .connect_with(sqlite_options(&url)?)
                .await?,
        ))
    }

    /// What [`on_db!`](crate::on_db) runs a query on.
    pub fn exec(&self) -> Exec<&SqlitePool, &PgPool> {
        match self {
            Pool::Sqlite(pool) => Exec::Sqlite(pool),
            Pool::Postgres(pool) => Exec::Postgres(pool),
        }
    }

    /// Begins a transaction (on SQLite a deferred one: see [`Db::begin_write`](crate::db::Db::begin_write)).
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Pool::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Pool::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Takes a connection from the pool, for statements that must share one.
    pub async fn acquire(&self) -> Result<Conn, sqlx::Error> {
        Ok(match self {
            Pool::Sqlite(pool) => Conn::Sqlite(pool.acquire().await?),
            Pool::Postgres(pool) => Conn::Postgres(pool.acquire().await?),
        })
    }

    /// Closes every connection, waiting for those in use.
    pub async fn close(&self) {
        match self {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

/// A transaction on either database; dropped without [`Tx::commit`], it rolls back.
#[derive(Debug)]
pub enum Tx {
    /// On SQLite.
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    /// On PostgreSQL.
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    /// Makes its writes durable.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }

    /// Undoes its writes.
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.rollback().await,
            Tx::Postgres(tx) => tx.rollback().await,
        }
    }
}

/// A connection taken from the pool; back to it when dropped.
#[derive(Debug)]
pub enum Conn {
    /// On SQLite.
    Sqlite(PoolConnection<Sqlite>),
    /// On PostgreSQL.
    Postgres(PoolConnection<Postgres>),
}

/// A connection statements can share: a [`Tx`] or a [`Conn`] (what
/// [`on_db!`](crate::on_db) runs a query on, for either).
pub trait Connected: Send {
    /// What [`on_db!`](crate::on_db) runs a query on.
    fn exec(&mut self) -> Exec<&mut SqliteConnection, &mut PgConnection>;
}

impl Connected for Tx {
    fn exec(&mut self) -> Exec<&mut SqliteConnection, &mut PgConnection> {
        match self {
            Tx::Sqlite(tx) => Exec::Sqlite(&mut **tx),
            Tx::Postgres(tx) => Exec::Postgres(&mut **tx),
        }
    }
}

impl Connected for Conn {
    fn exec(&mut self) -> Exec<&mut SqliteConnection, &mut PgConnection> {
        match self {
            Conn::Sqlite(conn) => Exec::Sqlite(&mut **conn),
            Conn::Postgres(conn) => Exec::Postgres(&mut **conn),
        }
    }
}

/// A SQLite file's connection settings. WAL lets readers run beside the writer; FULL keeps
/// every acknowledged commit; the process's checkpointer copies the log back (see
/// [`checkpoint`](super::checkpoint)), not the commit that fills it.
fn sqlite_options(url: &str) -> AppResult<SqliteConnectOptions> {
    Ok(SqliteConnectOptions::from_str(url)?
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        .pragma("wal_autocheckpoint", "0")
        .disable_statement_logging())
}
