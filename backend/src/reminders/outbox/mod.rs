//! The outbox table: writing reminders once, claiming them, recording how sending went.

mod insert;
mod recent;
mod write;

pub use recent::Recent;
pub use write::{write_new, DueItem, NewReminder};

use std::collections::HashMap;

use attest_domain::api::{ReminderEntry, ReminderStatus};
use chrono::{DateTime, Duration, Utc};

use crate::db::ids::{parse_date, random_hex, time_text};
use crate::db::{Db, DbKind};
use crate::error::AppResult;
use crate::learning::to_u32;
use crate::on_db;
use crate::reminders::Stage;

/// Delivery tries before a reminder is marked failed.
pub const MAX_TRIES: i64 = 5;
/// The wait after the first failed try; it doubles after each further one.
pub const FIRST_BACKOFF: Duration = Duration::minutes(1);
/// How long a claim lasts: a sender that dies mid-send loses its row after this. A send
/// is cut off after half of it (see [`crate::reminders::sender`]), so a live sender's
/// claim never lapses while it sends.
pub const LEASE: Duration = Duration::minutes(10);

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

/// Claims the next due row for one sender until `now + lease`: no other sender can take
/// it while the lease runs. One row at a time, so that a claim lasts one message's
/// sending, not a batch's (which slow mail servers can stretch past any lease).
///
/// The claim is one conditional UPDATE, so two senders never both win a row; on
/// PostgreSQL `FOR UPDATE SKIP LOCKED` also lets them take different rows at once
/// instead of queueing behind each other's locks. The row is picked by `id = (…)`, not
/// `id IN (…)`: PostgreSQL plans the latter as a semi-join that runs the locking
/// subquery again for every row, and so claimed every due row whatever the limit.
pub async fn claim(
    db: &Db,
    sender: &str,
    now: DateTime<Utc>,
    lease: Duration,
) -> AppResult<Option<(String, Claimed)>> {
    let token = format!("{sender}:{}", random_hex(8));
    let lock = match db.kind() {
        DbKind::Postgres => " FOR UPDATE SKIP LOCKED",
        DbKind::Sqlite => "",
    };
    let free = "status = 'pending' AND send_after <= $3 AND (claimed_until IS NULL OR claimed_until <= $3)";
    on_db!(db, |e| sqlx::query(&format!(
        "UPDATE reminders SET claimed_by = $1, claimed_until = $2 \
         WHERE id = (SELECT id FROM reminders WHERE {free} ORDER BY send_after, id LIMIT 1{lock}) \
           AND {free}"
    ))
    .bind(&token)
    .bind(time_text(now + lease))
    .bind(time_text(now))
    .execute(e)
    .await
    .rows_affected())?;
    let row = on_db!(db, |e| sqlx::query_as(
        "SELECT id, school_id, person_id, version_id, stage, due_on, details, tries \
         FROM reminders WHERE claimed_by = $1 AND status = 'pending'",
    )
    .bind(&token)
    .fetch_optional(e)
    .await)?;
    Ok(row.map(|row| (token, row)))
}

/// Records a delivered reminder; false if the claim had lapsed (and another sender may
/// have taken the row).
pub async fn mark_sent(db: &Db, id: &str, token: &str, now: DateTime<Utc>) -> AppResult<bool> {
    let done = on_db!(db, |e| {
        sqlx::query(
        "UPDATE reminders SET status = 'sent', sent_at = $1, tries = tries + 1, last_error = NULL, \
           claimed_by = NULL, claimed_until = NULL WHERE id = $2 AND claimed_by = $3",
    )
    .bind(time_text(now))
    .bind(id)
    .bind(token)
    .execute(e).await.rows_affected()
    })?;
    Ok(done == 1)
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
    on_db!(db, |e| sqlx::query(
        "UPDATE reminders SET status = $1, tries = $2, last_error = $3, send_after = $4, \
           claimed_by = NULL, claimed_until = NULL WHERE id = $5 AND claimed_by = $6",
    )
    .bind(if gave_up { "failed" } else { "pending" })
    .bind(tries)
    .bind(error.chars().take(500).collect::<String>())
    .bind(time_text(now + wait))
    .bind(&row.id)
    .bind(token)
    .execute(e)
    .await
    .rows_affected())?;
    Ok(gave_up)
}

/// Puts a claimed reminder back until `until` without counting a try (a holiday).
pub async fn defer(db: &Db, id: &str, token: &str, until: DateTime<Utc>) -> AppResult<()> {
    on_db!(db, |e| sqlx::query(
        "UPDATE reminders SET send_after = $1, claimed_by = NULL, claimed_until = NULL \
         WHERE id = $2 AND claimed_by = $3",
    )
    .bind(time_text(until))
    .bind(id)
    .bind(token)
    .execute(e)
    .await
    .rows_affected())?;
    Ok(())
}

/// id, name, email, stage, title, due, status, tries, created, send after, sent, error, details.
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
    String,
);

/// The policy titles of the given schools' versions, by version id.
pub async fn version_titles(db: &Db, school_ids: &[String]) -> AppResult<HashMap<String, String>> {
    let mut titles = HashMap::new();
    for school_id in school_ids {
        let rows: Vec<(String, String)> = on_db!(db, |e| {
            sqlx::query_as(
            "SELECT v.id, p.title FROM policy_versions v JOIN policies p ON p.id = v.policy_id \
             WHERE p.school_id = $1",
        )
        .bind(school_id)
        .fetch_all(e).await
        })?;
        titles.extend(rows);
    }
    Ok(titles)
}

/// What a stored reminder is about, for a log: its policy's title, or the titles of the
/// policies a staff reminder lists (`titles` from [`version_titles`]).
pub fn about(
    title: Option<String>,
    stage: &str,
    details: &str,
    titles: &HashMap<String, String>,
) -> Option<String> {
    if title.is_some() || details.is_empty() || !Stage::parse(stage).is_some_and(Stage::is_staff) {
        return title;
    }
    let items: Vec<DueItem> = serde_json::from_str(details).ok()?;
    let listed: Vec<&str> = items
        .iter()
        .filter_map(|i| titles.get(&i.version_id).map(String::as_str))
        .collect();
    Some(listed.join("; "))
}

/// A school's reminder log, newest first (the latest 500).
pub async fn school_log(db: &Db, school_id: &str) -> AppResult<Vec<ReminderEntry>> {
    let rows: Vec<LogRow> = on_db!(db, |e| sqlx::query_as(
        "SELECT r.id, pe.name, pe.email, r.stage, p.title, r.due_on, r.status, r.tries, \
                r.created_at, r.send_after, r.sent_at, r.last_error, r.details \
         FROM reminders r JOIN people pe ON pe.id = r.person_id \
         LEFT JOIN policy_versions v ON v.id = r.version_id \
         LEFT JOIN policies p ON p.id = v.policy_id \
         WHERE r.school_id = $1 ORDER BY r.created_at DESC, r.id LIMIT 500",
    )
    .bind(school_id)
    .fetch_all(e)
    .await)?;
    let titles = version_titles(db, &[school_id.to_string()]).await?;
    Ok(rows
        .into_iter()
        .map(|r| ReminderEntry {
            id: r.0,
            person_name: r.1,
            email: r.2,
            policy_title: about(r.4, &r.3, &r.12, &titles),
            stage: r.3,
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
