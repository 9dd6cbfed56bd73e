//! Inserting a batch of new reminders: on SQLite's fast lane one prepared row at a time,
//! on PostgreSQL thousands of rows per statement; either way, which rows went in.

use std::collections::HashSet;

use rusqlite::TransactionBehavior;

use crate::db::ids::time_text;
use crate::db::lane::{self, Arg};
use crate::db::lite::{self, Lite};
use crate::error::AppResult;
use sqlx::{PgPool, Postgres, Transaction};

use super::write::NewReminder;

/// Values bound per row.
const VALUES_PER_ROW: usize = 10;
/// Rows per INSERT statement on PostgreSQL: well under its 65,535 bound values, so a
/// sweep of 500,000 rows takes under 200 statements.
const BATCH: usize = 3_000;
const _: () = assert!(BATCH * VALUES_PER_ROW <= 65_535);

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

/// A reminder's values in the order of each [`insert_sql`] row's.
fn row_args<'a>(
    r: &'a NewReminder,
    id: &'a str,
    created_at: &'a str,
    send_after: &'a str,
    due_on: &'a Option<String>,
) -> [Arg<'a>; VALUES_PER_ROW] {
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
    // Numbered placeholders: rusqlite binds them by name, so one row's are cheap.
    let sql = insert_sql(1);
    let mut went_in = Vec::with_capacity(batch.fresh.len());
    let mut send_after = (None, String::new());
    for (r, id) in batch.each() {
        if send_after.0 != Some(r.send_after) {
            send_after = (Some(r.send_after), time_text(r.send_after));
        }
        let due_on = r.due_on.map(|d| d.to_string());
        let args = row_args(r, id, batch.created_at, &send_after.1, &due_on);
        went_in.push(lite::execute(&tx, &sql, &args)? == 1);
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

/// Inserts on PostgreSQL, thousands of rows per statement; whether each row went in.
pub(super) async fn insert_postgres(
    pool: &PgPool,
    batch: &Batch<'_>,
    dry_run: bool,
) -> AppResult<Vec<bool>> {
    let rows: Vec<(&NewReminder, &str)> = batch.each().collect();
    let mut went_in = Vec::with_capacity(rows.len());
    let mut tx = pool.begin().await?;
    let full_batch = insert_sql(BATCH);
    for chunk in rows.chunks(BATCH) {
        let partial;
        let sql = if chunk.len() == BATCH {
            &full_batch
        } else {
            partial = insert_sql(chunk.len());
            &partial
        };
        let texts: Vec<(String, Option<String>)> = chunk
            .iter()
            .map(|(r, _)| (time_text(r.send_after), r.due_on.map(|d| d.to_string())))
            .collect();
        let mut query = sqlx::query(sql);
        for (&(r, id), (send_after, due_on)) in chunk.iter().zip(&texts) {
            for arg in row_args(r, id, batch.created_at, send_after, due_on) {
                query = lane::pg_bind(query, arg);
            }
        }
        let inserted = query.execute(&mut *tx).await?.rows_affected();
        if usize::try_from(inserted).ok() == Some(chunk.len()) {
            went_in.extend(std::iter::repeat_n(true, chunk.len()));
        } else {
            // Some keys existed already (written before the recent window, or by another
            // server meanwhile): the rows that went in are the ones with our new ids.
            let ids: Vec<&str> = chunk.iter().map(|&(_, id)| id).collect();
            let ours = present_ids(&mut tx, &ids).await?;
            went_in.extend(ids.iter().map(|id| ours.contains(*id)));
        }
    }
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(went_in)
}

/// `$1`, `$2` … `$count`.
fn placeholders(count: usize) -> impl Iterator<Item = String> {
    (1..=count).map(|i| format!("${i}"))
}

/// `INSERT … VALUES` for `rows` rows of ten values each.
fn insert_sql(rows: usize) -> String {
    let mut sql = String::with_capacity(200 + rows * VALUES_PER_ROW * 8);
    sql.push_str(
        "INSERT INTO reminders (created_at, id, school_id, person_id, version_id, stage, occasion, \
         due_on, details, send_after) VALUES ",
    );
    let marks: Vec<String> = placeholders(rows * VALUES_PER_ROW).collect();
    for (row, values) in marks.chunks(VALUES_PER_ROW).enumerate() {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        sql.push_str(&values.join(", "));
        sql.push(')');
    }
    sql.push_str(" ON CONFLICT (person_id, version_id, stage, occasion) DO NOTHING");
    sql
}

/// Which of these ids are in the outbox (read inside the writing transaction).
async fn present_ids(
    tx: &mut Transaction<'_, Postgres>,
    ids: &[&str],
) -> AppResult<HashSet<String>> {
    let mut present = HashSet::new();
    // Well under either database's limit on bound values per statement.
    for part in ids.chunks(10_000) {
        let marks: Vec<String> = placeholders(part.len()).collect();
        let sql = format!(
            "SELECT id FROM reminders WHERE id IN ({})",
            marks.join(", ")
        );
        let mut query = sqlx::query_as::<_, (String,)>(&sql);
        for id in part {
            query = query.bind(*id);
        }
        present.extend(
            query
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(|(id,)| id),
        );
    }
    Ok(present)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_on_across_the_rows() {
        let full = insert_sql(BATCH);
        assert!(full.contains(&format!("${})", BATCH * VALUES_PER_ROW)));
        let two = insert_sql(2);
        assert!(two.contains("($11, $12, $13, $14, $15, $16, $17, $18, $19, $20)"));
        assert!(!two.contains("$21"));
    }
}
