//! Writing reminders into the outbox once: bulk inserts, duplicates dropped by the unique key.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::db::ids::{new_ids, time_text};
use crate::db::{Db, DbKind};
use crate::error::AppResult;
use crate::reminders::Stage;
/// How far back the sweep looks for reminders it has already written.
const RECENT: Duration = Duration::days(35);
/// From this many rows on, reading the recent keys first is cheaper than letting every
/// duplicate meet the unique key; fewer (a manual reminder, a sign-in link) just insert.
const READ_RECENT_FROM: usize = 1_000;
/// Values bound per row.
const VALUES_PER_ROW: usize = 10;
/// Rows per INSERT statement: as many as fit under SQLite's 32,766 bound values
/// (PostgreSQL allows 65,535), so a sweep of 500,000 rows takes under 200 statements.
const BATCH: usize = 3_000;
const _: () = assert!(BATCH * VALUES_PER_ROW <= 32_766);

/// A reminder to write unless it already exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReminder {
    /// The school it comes from (none for account mail).
    pub school_id: Option<String>,
    /// Who receives it.
    pub person_id: String,
    /// The policy version it is about ('' when none).
    pub version_id: String,
    /// Why.
    pub stage: Stage,
    /// What makes the stage happen again (see the migration).
    pub occasion: String,
    /// The deadline it is about.
    pub due_on: Option<NaiveDate>,
    /// JSON details (a digest's list).
    pub details: String,
    /// Not before.
    pub send_after: DateTime<Utc>,
}

impl NewReminder {
    /// The outbox's unique key (person, version, stage, occasion) as one line of text,
    /// the form [`Recent::read`] reads keys in.
    fn key_text(&self, buf: &mut String) {
        buf.clear();
        buf.push_str(&self.person_id);
        buf.push(PART_SEPARATOR);
        buf.push_str(&self.version_id);
        buf.push(PART_SEPARATOR);
        buf.push_str(self.stage.as_str());
        buf.push(PART_SEPARATOR);
        buf.push_str(&self.occasion);
    }

    fn key(&self) -> (&str, &str, &str, &str) {
        (
            &self.person_id,
            &self.version_id,
            self.stage.as_str(),
            &self.occasion,
        )
    }
}

/// Separates the parts of a key in its text form, and keys from each other: control
/// characters no id, stage or occasion contains, so two different keys never read alike.
const PART_SEPARATOR: char = '\u{1f}';
const KEY_SEPARATOR: char = '\u{1e}';

/// The keys of the reminders written in the last [`RECENT`] days, for [`write_new`] to skip.
#[derive(Debug)]
pub struct Recent {
    /// Keys in their text form, joined in a few long strings (see [`Recent::read`]).
    texts: Vec<String>,
}

impl Recent {
    /// Reads the keys of the reminders written since `now` − [`RECENT`].
    ///
    /// Aggregated rows instead of one row per reminder: at 100,000 people the recent outbox
    /// holds about half a million rows, and fetching each as its own row costs far more than
    /// the database's concatenating them. Grouping by `created_at` follows the index the
    /// window is read through, so SQLite needs no sort (grouping by school would visit the
    /// table in school order, at random).
    pub async fn read(db: &Db, now: DateTime<Utc>) -> AppResult<Recent> {
        let (aggregate, char) = match db.kind {
            DbKind::Sqlite => ("group_concat", "char"),
            DbKind::Postgres => ("string_agg", "chr"),
        };
        let part = format!("{char}({})", u32::from(PART_SEPARATOR));
        let sql = format!(
            "SELECT {aggregate}(person_id || {part} || version_id || {part} || stage || {part} \
               || occasion, {char}({})) \
             FROM reminders WHERE created_at >= $1 GROUP BY created_at",
            u32::from(KEY_SEPARATOR)
        );
        let rows: Vec<(String,)> = sqlx::query_as(&sql)
            .bind(time_text(now - RECENT))
            .fetch_all(&db.pool)
            .await?;
        Ok(Recent {
            texts: rows.into_iter().map(|(text,)| text).collect(),
        })
    }

    /// The indexes of the rows whose keys are not among these.
    fn unseen(&self, rows: &[NewReminder]) -> Vec<usize> {
        // foldhash rather than SipHash: building the set of half a million keys took half the time.
        let seen: foldhash::HashSet<&str> = self
            .texts
            .iter()
            .flat_map(|text| text.split(KEY_SEPARATOR))
            .collect();
        let mut key = String::new();
        (0..rows.len())
            .filter(|&i| {
                rows[i].key_text(&mut key);
                !seen.contains(key.as_str())
            })
            .collect()
    }
}

/// Writes the reminders that do not exist yet, in one transaction, and returns those.
///
/// The unique key makes a rerun (or a second server sweeping at the same moment)
/// write nothing; with `dry_run` the transaction is rolled back. `recent` are keys
/// already read (the sweep reads them while it loads the standings); without them, a
/// large write reads them first.
pub async fn write_new(
    db: &Db,
    rows: Vec<NewReminder>,
    now: DateTime<Utc>,
    dry_run: bool,
    recent: Option<Recent>,
) -> AppResult<Vec<NewReminder>> {
    let t = std::time::Instant::now();
    // Most of what a sweep finds due was written by a recent sweep: skip those without
    // asking the database row by row. Older duplicates (and any written since the keys
    // were read) still meet the unique key below. Read outside the transaction: on
    // SQLite a transaction that reads first cannot wait its turn to write (it fails
    // "locked"), one that starts by writing can.
    let recent = match recent {
        Some(recent) => Some(recent),
        None if rows.len() >= READ_RECENT_FROM => Some(Recent::read(db, now).await?),
        None => None,
    };
    let mut fresh: Vec<usize> = match &recent {
        Some(recent) => recent.unseen(&rows),
        None => (0..rows.len()).collect(),
    };
    drop(recent);
    tracing::debug!(elapsed = ?t.elapsed(), fresh = fresh.len(), "outbox: recent keys read");
    let t = std::time::Instant::now();
    // The same order on every server: two sweeping at once take the unique key's row
    // locks in one order (PostgreSQL), so neither waits on the other in a cycle; and
    // SQLite inserts into the key's index in order.
    fresh.sort_unstable_by(|&a, &b| rows[a].key().cmp(&rows[b].key()));
    // Ids in the same order as the keys: both indexes then grow at one moving point
    // instead of at random places (the ids are as random as ever, only handed out sorted).
    let mut ids = new_ids(fresh.len());
    ids.sort_unstable();
    let created_at = time_text(now);
    let mut written = vec![false; rows.len()];
    let mut tx = db.pool.begin().await?;
    let full_batch = insert_sql(db.kind, BATCH);
    for (chunk, ids) in fresh.chunks(BATCH).zip(ids.chunks(BATCH)) {
        let partial;
        let sql = if chunk.len() == BATCH {
            &full_batch
        } else {
            partial = insert_sql(db.kind, chunk.len());
            &partial
        };
        let mut query = sqlx::query(sql);
        let mut send_after = (now, created_at.clone());
        for (&i, id) in chunk.iter().zip(ids) {
            let r = &rows[i];
            if r.send_after != send_after.0 {
                send_after = (r.send_after, time_text(r.send_after));
            }
            query = query
                .bind(created_at.as_str())
                .bind(id.as_str())
                .bind(r.school_id.as_deref())
                .bind(r.person_id.as_str())
                .bind(r.version_id.as_str())
                .bind(r.stage.as_str())
                .bind(r.occasion.as_str())
                .bind(r.due_on.map(|d| d.to_string()))
                .bind(r.details.as_str())
                .bind(send_after.1.clone());
        }
        let inserted = query.execute(&mut *tx).await?.rows_affected();
        if usize::try_from(inserted).ok() == Some(chunk.len()) {
            chunk.iter().for_each(|&i| written[i] = true);
        } else {
            // Some keys existed already (written before the recent window, or by another
            // server meanwhile): the rows that went in are the ones with our new ids.
            let ours = present_ids(db.kind, &mut tx, ids).await?;
            for (&i, id) in chunk.iter().zip(ids) {
                written[i] = ours.contains(id.as_str());
            }
        }
    }
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    tracing::debug!(elapsed = ?t.elapsed(), "outbox: new rows inserted");
    Ok(rows
        .into_iter()
        .zip(written)
        .filter_map(|(r, w)| w.then_some(r))
        .collect())
}

/// Numbered placeholders for PostgreSQL; plain `?` for SQLite, which looks a numbered
/// or named placeholder up in a list on every bind, so that binding thousands of them
/// in one statement would take time growing with the square of their number.
fn placeholders(kind: DbKind, count: usize) -> impl Iterator<Item = String> {
    (1..=count).map(move |i| match kind {
        DbKind::Sqlite => "?".to_string(),
        DbKind::Postgres => format!("${i}"),
    })
}

/// `INSERT … VALUES` for `rows` rows of ten values each.
fn insert_sql(kind: DbKind, rows: usize) -> String {
    let mut sql = String::with_capacity(200 + rows * VALUES_PER_ROW * 8);
    sql.push_str(
        "INSERT INTO reminders (created_at, id, school_id, person_id, version_id, stage, occasion, \
         due_on, details, send_after) VALUES ",
    );
    let marks: Vec<String> = placeholders(kind, rows * VALUES_PER_ROW).collect();
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
    kind: DbKind,
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    ids: &[String],
) -> AppResult<HashSet<String>> {
    let mut present = HashSet::new();
    // Well under either database's limit on bound values per statement.
    for part in ids.chunks(10_000) {
        let marks: Vec<String> = placeholders(kind, part.len()).collect();
        let sql = format!(
            "SELECT id FROM reminders WHERE id IN ({})",
            marks.join(", ")
        );
        let mut query = sqlx::query_as::<_, (String,)>(&sql);
        for id in part {
            query = query.bind(id.as_str());
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
    fn a_full_batch_fits_each_databases_limit_on_bound_values() {
        let sqlite = insert_sql(DbKind::Sqlite, BATCH);
        assert_eq!(sqlite.matches('?').count(), BATCH * VALUES_PER_ROW);
        // Plain `?` only: SQLite binds numbered placeholders in time growing with their square.
        assert!(!sqlite.contains('$'));
        let postgres = insert_sql(DbKind::Postgres, 2);
        assert!(postgres.contains("($11, $12, $13, $14, $15, $16, $17, $18, $19, $20)"));
        assert!(!postgres.contains('?'));
    }
}
