//! The outbox table: writing reminders once, claiming them, recording how sending went.

use std::collections::HashSet;

use attest_domain::api::{ReminderEntry, ReminderStatus};
use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::db::ids::{new_id, parse_date, random_hex, time_text};
use crate::db::{Db, DbKind};
use crate::error::AppResult;
use crate::learning::to_u32;
use crate::reminders::Stage;

/// Delivery tries before a reminder is marked failed.
pub const MAX_TRIES: i64 = 5;
/// The wait after the first failed try; it doubles after each further one.
pub const FIRST_BACKOFF: Duration = Duration::minutes(1);
/// How long a claim lasts: a sender that dies mid-send loses its rows after this.
pub const LEASE: Duration = Duration::minutes(10);

/// Rows per INSERT statement: small, because binding cost grows faster than linearly
/// with the number of parameters in one SQLite statement.
const BATCH: usize = 16;
/// How far back the sweep looks for reminders it has already written.
const RECENT: Duration = Duration::days(35);

/// (person, version, stage, occasion): the outbox's unique key.
type Key = (String, String, String, String);

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
    fn key(&self) -> Key {
        (
            self.person_id.clone(),
            self.version_id.clone(),
            self.stage.as_str().to_string(),
            self.occasion.clone(),
        )
    }
}

/// Writes the reminders that do not exist yet, in one transaction, and returns those.
///
/// The unique key makes a rerun (or a second server sweeping at the same moment)
/// write nothing; with `dry_run` the transaction is rolled back.
pub async fn write_new(
    db: &Db,
    rows: Vec<NewReminder>,
    now: DateTime<Utc>,
    dry_run: bool,
) -> AppResult<Vec<NewReminder>> {
    // Most of what a sweep finds due was written by a recent sweep: skip those without
    // asking the database row by row. Older duplicates still meet the unique key below.
    let recent: HashSet<Key> = sqlx::query_as(
        "SELECT person_id, version_id, stage, occasion FROM reminders WHERE created_at >= $1",
    )
    .bind(time_text(now - RECENT))
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .collect();
    let fresh: Vec<&NewReminder> = rows.iter().filter(|r| !recent.contains(&r.key())).collect();
    let mut written: HashSet<Key> = HashSet::new();
    // Read outside the transaction: on SQLite a transaction that reads first cannot
    // wait its turn to write (it fails "locked"), one that starts by writing can.
    let mut tx = db.pool.begin().await?;
    for chunk in fresh.chunks(BATCH) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                let b = i * 10;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6,
                    b + 7,
                    b + 8,
                    b + 9,
                    b + 10
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO reminders (id, school_id, person_id, version_id, stage, occasion, due_on, \
               details, send_after, created_at) VALUES {} \
             ON CONFLICT (person_id, version_id, stage, occasion) DO NOTHING \
             RETURNING person_id, version_id, stage, occasion",
            values.join(", ")
        );
        let mut query = sqlx::query_as::<_, (String, String, String, String)>(&sql);
        for r in chunk.iter().copied() {
            query = query
                .bind(new_id())
                .bind(r.school_id.clone())
                .bind(r.person_id.clone())
                .bind(r.version_id.clone())
                .bind(r.stage.as_str())
                .bind(r.occasion.clone())
                .bind(r.due_on.map(|d| d.to_string()))
                .bind(r.details.clone())
                .bind(time_text(r.send_after))
                .bind(time_text(now));
        }
        written.extend(query.fetch_all(&mut *tx).await?);
    }
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(rows
        .into_iter()
        .filter(|r| written.contains(&r.key()))
        .collect())
}

/// A reminder claimed for sending.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    /// The row's id.
    pub id: String,
    /// The school it comes from.
    pub school_id: Option<String>,
    /// Who receives it.
    pub person_id: String,
    /// The policy version it is about ('' when none).
    pub version_id: String,
    /// The stage's stored name.
    pub stage: String,
    /// The deadline it is about.
    pub due_on: Option<String>,
    /// JSON details.
    pub details: String,
    /// Tries so far.
    pub tries: i64,
}

/// Claims up to `limit` due rows for one sender; no other sender can take them while the lease runs.
///
/// The claim is one conditional UPDATE, so two senders never both win a row; on
/// PostgreSQL `FOR UPDATE SKIP LOCKED` also lets them take different rows at once
/// instead of queueing behind each other's locks.
pub async fn claim(
    db: &Db,
    sender: &str,
    now: DateTime<Utc>,
    limit: usize,
) -> AppResult<(String, Vec<Claimed>)> {
    let token = format!("{sender}:{}", random_hex(8));
    let lock = match db.kind {
        DbKind::Postgres => " FOR UPDATE SKIP LOCKED",
        DbKind::Sqlite => "",
    };
    let free = "status = 'pending' AND send_after <= $3 AND (claimed_until IS NULL OR claimed_until <= $3)";
    sqlx::query(&format!(
        "UPDATE reminders SET claimed_by = $1, claimed_until = $2 \
         WHERE id IN (SELECT id FROM reminders WHERE {free} ORDER BY send_after, id LIMIT {limit}{lock}) \
           AND {free}"
    ))
    .bind(&token)
    .bind(time_text(now + LEASE))
    .bind(time_text(now))
    .execute(&db.pool)
    .await?;
    let rows = sqlx::query_as(
        "SELECT id, school_id, person_id, version_id, stage, due_on, details, tries \
         FROM reminders WHERE claimed_by = $1 AND status = 'pending' ORDER BY send_after, id",
    )
    .bind(&token)
    .fetch_all(&db.pool)
    .await?;
    Ok((token, rows))
}

/// Records a delivered reminder.
pub async fn mark_sent(db: &Db, id: &str, token: &str, now: DateTime<Utc>) -> AppResult<()> {
    sqlx::query(
        "UPDATE reminders SET status = 'sent', sent_at = $1, tries = tries + 1, last_error = NULL, \
           claimed_by = NULL, claimed_until = NULL WHERE id = $2 AND claimed_by = $3",
    )
    .bind(time_text(now))
    .bind(id)
    .bind(token)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Records a failed try: retried after a doubling wait, or failed after the last try.
/// Returns whether it has now failed for good.
pub async fn mark_try_failed(
    db: &Db,
    row: &Claimed,
    token: &str,
    now: DateTime<Utc>,
    error: &str,
) -> AppResult<bool> {
    let tries = row.tries + 1;
    let gave_up = tries >= MAX_TRIES;
    let wait = FIRST_BACKOFF * 2i32.pow(u32::try_from(tries - 1).unwrap_or(0).min(16));
    sqlx::query(
        "UPDATE reminders SET status = $1, tries = $2, last_error = $3, send_after = $4, \
           claimed_by = NULL, claimed_until = NULL WHERE id = $5 AND claimed_by = $6",
    )
    .bind(if gave_up { "failed" } else { "pending" })
    .bind(tries)
    .bind(error.chars().take(500).collect::<String>())
    .bind(time_text(now + wait))
    .bind(&row.id)
    .bind(token)
    .execute(&db.pool)
    .await?;
    Ok(gave_up)
}

/// Puts a claimed reminder back until `until` without counting a try (a holiday).
pub async fn defer(db: &Db, id: &str, token: &str, until: DateTime<Utc>) -> AppResult<()> {
    sqlx::query(
        "UPDATE reminders SET send_after = $1, claimed_by = NULL, claimed_until = NULL \
         WHERE id = $2 AND claimed_by = $3",
    )
    .bind(time_text(until))
    .bind(id)
    .bind(token)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// id, name, email, stage, title, due, status, tries, created, send after, sent, error.
type LogRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// A school's reminder log, newest first (the latest 500).
pub async fn school_log(db: &Db, school_id: &str) -> AppResult<Vec<ReminderEntry>> {
    let rows: Vec<LogRow> = sqlx::query_as(
        "SELECT r.id, pe.name, pe.email, r.stage, p.title, r.due_on, r.status, r.tries, \
                r.created_at, r.send_after, r.sent_at, r.last_error \
         FROM reminders r JOIN people pe ON pe.id = r.person_id \
         LEFT JOIN policy_versions v ON v.id = r.version_id \
         LEFT JOIN policies p ON p.id = v.policy_id \
         WHERE r.school_id = $1 ORDER BY r.created_at DESC, r.id LIMIT 500",
    )
    .bind(school_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ReminderEntry {
            id: r.0,
            person_name: r.1,
            email: r.2,
            stage: r.3,
            policy_title: r.4,
            due_on: r.5.as_deref().and_then(parse_date),
            status: ReminderStatus::parse(&r.6),
            tries: to_u32(r.7),
            created_at: r.8,
            send_after: r.9,
            sent_at: r.10,
            last_error: r.11,
        })
        .collect())
}
