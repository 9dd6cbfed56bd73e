//! Inserting a batch of new reminders: on SQLite's fast lane one prepared row at a time,
//! on PostgreSQL thousands of rows per statement as column arrays; either way, which rows
//! went in.

use std::collections::HashSet;

use futures_util::future::try_join_all;
use rusqlite::TransactionBehavior;
use sqlx::{PgPool, Postgres, Transaction};

use crate::db::ids::time_text;
use crate::db::lane::Arg;
use crate::db::lite::{self, Lite};
use crate::error::AppResult;

use super::write::NewReminder;

/// Rows per INSERT statement on PostgreSQL: a sweep of 100,000 rows takes ten.
const BATCH: usize = 10_000;
/// Statements inserting at once on PostgreSQL, each on a connection of its own.
const TOGETHER: usize = 2;

/// What to insert: `rows[fresh[k]]` with the id `ids[k]`, all created at `created_at`.
pub(super) struct Batch<'a> {
    /// Every reminder the caller has.
    pub rows: &'a [NewReminder],
    /// The positions in `rows` of those to insert.
    pub fresh: &'a [usize],
    /// Their new ids, one per entry of `fresh`.
    pub ids: &'a [String],
    /// When they are written.
    pub created_at: &'a str,
}

impl<'a> Batch<'a> {
    /// Each row to insert with its id, in order.
    fn each(&self) -> impl Iterator<Item = (&'a NewReminder, &'a str)> + 'a {
        let (rows, ids) = (self.rows, self.ids);
        self.fresh
            .iter()
            .zip(ids)
            .map(move |(&i, id)| (&rows[i], id.as_str()))
    }
}

/// A reminder's values in the order of [`INSERT_ROW`]'s.
fn row_args<'a>(
    r: &'a NewReminder,
    id: &'a str,
    created_at: &'a str,
    send_after: &'a str,
    due_on: &'a Option<String>,
) -> [Arg<'a>; 10] {
    let opt = |v: Option<&'a str>| v.map_or(Arg::Null, Arg::Text);
    [
        Arg::Text(created_at),
        Arg::Text(id),
        opt(r.school_id.as_deref()),
        Arg::Text(&r.person_id),
        Arg::Text(&r.version_id),
        Arg::Text(r.stage.as_str()),
        Arg::Text(&r.occasion),
        opt(due_on.as_deref()),
        Arg::Text(&r.details),
        Arg::Text(send_after),
    ]
}

/// Inserts on SQLite's fast lane, one prepared statement run per row; whether each row
/// went in. Faster than sqlx's multi-row statements for a sweep's 100,000 rows, as no value
/// crosses to sqlx's worker thread (see `docs/performance.md`).
pub(super) fn insert_lite(lite: &Lite, batch: &Batch<'_>, dry_run: bool) -> AppResult<Vec<bool>> {
    let mut conn = lite.connect_writer()?;
    // Take the write lock before reading anything, as the pool's transaction does.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut went_in = Vec::with_capacity(batch.fresh.len());
    let mut send_after = (None, String::new());
    for (r, id) in batch.each() {
        if send_after.0 != Some(r.send_after) {
            send_after = (Some(r.send_after), time_text(r.send_after));
        }
        let due_on = r.due_on.map(|d| d.to_string());
        let args = row_args(r, id, batch.created_at, &send_after.1, &due_on);
        went_in.push(lite::execute(&tx, INSERT_ROW, &args)? == 1);
    }
    if dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
        // Tens of megabytes of log: copy them back now, on the checkpointer's thread.
        lite.checkpoint_soon();
    }
    Ok(went_in)
}

/// Inserts on PostgreSQL, each column of thousands of rows bound as one array; whether
/// each row went in. PostgreSQL parses and plans ten array parameters once, where a
/// multi-row `VALUES` list costs it an expression per value.
///
/// Each chunk commits on its own, [`TOGETHER`] at a time: a server process inserts on one
/// core, and the rows need not go in together (a sweep that stops half way has written
/// reminders that stand, and the next sweep writes the rest). Chunks hold disjoint runs of
/// the sorted keys, so two of them never wait on each other in a cycle.
pub(super) async fn insert_postgres(
    pool: &PgPool,
    batch: &Batch<'_>,
    dry_run: bool,
) -> AppResult<Vec<bool>> {
    let rows: Vec<(&NewReminder, &str)> = batch.each().collect();
    let mut went_in = Vec::with_capacity(rows.len());
    for together in rows.chunks(BATCH * TOGETHER) {
        let inserts: Vec<_> = together
            .chunks(BATCH)
            .map(|chunk| insert_chunk(pool, batch.created_at, chunk, dry_run))
            .collect();
        for part in try_join_all(inserts).await? {
            went_in.extend(part);
        }
    }
    Ok(went_in)
}

/// One chunk's rows in a transaction of its own; whether each went in.
async fn insert_chunk(
    pool: &PgPool,
    created_at: &str,
    chunk: &[(&NewReminder, &str)],
    dry_run: bool,
) -> AppResult<Vec<bool>> {
    let columns = Columns::of(chunk);
    let mut tx = pool.begin().await?;
    let inserted = sqlx::query(INSERT_ARRAYS)
        .bind(created_at)
        .bind(&columns.id)
        .bind(&columns.school_id)
        .bind(&columns.person_id)
        .bind(&columns.version_id)
        .bind(&columns.stage)
        .bind(&columns.occasion)
        .bind(&columns.due_on)
        .bind(&columns.details)
        .bind(&columns.send_after)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let went_in = if usize::try_from(inserted).ok() == Some(chunk.len()) {
        vec![true; chunk.len()]
    } else {
        // Some keys existed already (written before the recent window, or by another
        // server meanwhile): the rows that went in are the ones with our new ids.
        let ours = present_ids(&mut tx, &columns.id).await?;
        columns.id.iter().map(|id| ours.contains(*id)).collect()
    };
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(went_in)
}

/// PostgreSQL's insert: the batch's time, then one array per column, in [`Columns`]' order.
const INSERT_ARRAYS: &str = "INSERT INTO reminders (created_at, id, school_id, person_id, \
     version_id, stage, occasion, due_on, details, send_after) \
     SELECT $1, * FROM UNNEST($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], \
     $7::text[], $8::text[], $9::text[], $10::text[]) \
     ON CONFLICT (person_id, version_id, stage, occasion) DO NOTHING";

/// A chunk of rows as columns, for [`INSERT_ARRAYS`].
struct Columns<'a> {
    id: Vec<&'a str>,
    school_id: Vec<Option<&'a str>>,
    person_id: Vec<&'a str>,
    version_id: Vec<&'a str>,
    stage: Vec<&'a str>,
    occasion: Vec<&'a str>,
    due_on: Vec<Option<String>>,
    details: Vec<&'a str>,
    send_after: Vec<String>,
}

impl<'a> Columns<'a> {
    fn of(chunk: &[(&'a NewReminder, &'a str)]) -> Columns<'a> {
        Columns {
            id: chunk.iter().map(|&(_, id)| id).collect(),
            school_id: chunk.iter().map(|(r, _)| r.school_id.as_deref()).collect(),
            person_id: chunk.iter().map(|(r, _)| r.person_id.as_str()).collect(),
            version_id: chunk.iter().map(|(r, _)| r.version_id.as_str()).collect(),
            stage: chunk.iter().map(|(r, _)| r.stage.as_str()).collect(),
            occasion: chunk.iter().map(|(r, _)| r.occasion.as_str()).collect(),
            due_on: chunk
                .iter()
                .map(|(r, _)| r.due_on.map(|d| d.to_string()))
                .collect(),
            details: chunk.iter().map(|(r, _)| r.details.as_str()).collect(),
            send_after: chunk.iter().map(|(r, _)| time_text(r.send_after)).collect(),
        }
    }
}

/// SQLite's insert of one row. Numbered placeholders: rusqlite binds them by name, so
/// one row's are cheap.
const INSERT_ROW: &str = "INSERT INTO reminders (created_at, id, school_id, person_id, \
     version_id, stage, occasion, due_on, details, send_after) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
     ON CONFLICT (person_id, version_id, stage, occasion) DO NOTHING";

/// Which of these ids are in the outbox (read inside the writing transaction).
async fn present_ids(
    tx: &mut Transaction<'_, Postgres>,
    ids: &[&str],
) -> AppResult<HashSet<String>> {
    let present: Vec<(String,)> = sqlx::query_as("SELECT id FROM reminders WHERE id = ANY($1)")
        .bind(ids)
        .fetch_all(&mut **tx)
        .await?;
    Ok(present.into_iter().map(|(id,)| id).collect())
}
