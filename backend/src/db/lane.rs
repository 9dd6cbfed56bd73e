//! The busiest statements' way in ([`Lane`]) and their arguments ([`Arg`]).
//!
//! A handful of statements — the session check, the caller's attempt, the writer's
//! batches, the standings loader, the sweep's insert — are written once as SQL with a
//! list of [`Arg`]s and run on SQLite through its fast lane (rusqlite,
//! [`lite`](super::lite)) and on PostgreSQL through its pool, each bound here.

use std::sync::Arc;

use sqlx::postgres::{PgArguments, PgRow};
use sqlx::query::{Query, QueryAs};
use sqlx::Postgres;

use super::lite::Lite;

/// Where the busiest statements go, each written once per database: SQLite's fast lane
/// ([`lite`](super::lite)) or PostgreSQL's pool.
#[derive(Debug, Clone)]
pub enum Lane {
    /// SQLite's fast lane.
    Sqlite(Arc<Lite>),
    /// PostgreSQL's pool, the same as [`Db::pool`](super::Db::pool)'s.
    Postgres(sqlx::PgPool),
}

/// A statement argument, bound the same way through sqlx and rusqlite so that each
/// statement's SQL and argument list are written once.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text.
    Text(&'a str),
    /// An integer.
    Int(i64),
    /// SQL NULL.
    Null,
}

/// `sql` with `args` bound, for sqlx on PostgreSQL.
pub fn pg_query<'q>(sql: &'q str, args: &[Arg<'q>]) -> Query<'q, Postgres, PgArguments> {
    args.iter()
        .fold(sqlx::query(sql), |query, arg| pg_bind(query, *arg))
}

/// `query` with `arg` bound next.
pub fn pg_bind<'q>(
    query: Query<'q, Postgres, PgArguments>,
    arg: Arg<'q>,
) -> Query<'q, Postgres, PgArguments> {
    match arg {
        Arg::Text(s) => query.bind(s),
        Arg::Int(i) => query.bind(i),
        Arg::Null => query.bind(None::<&str>),
    }
}

/// `sql` with `args` bound, for sqlx on PostgreSQL, its rows read as `T`.
pub fn pg_query_as<'q, T>(sql: &'q str, args: &[Arg<'q>]) -> QueryAs<'q, Postgres, T, PgArguments>
where
    T: for<'r> sqlx::FromRow<'r, PgRow>,
{
    args.iter()
        .fold(sqlx::query_as(sql), |query, arg| match *arg {
            Arg::Text(s) => query.bind(s),
            Arg::Int(i) => query.bind(i),
            Arg::Null => query.bind(None::<&str>),
        })
}
