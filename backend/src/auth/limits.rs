//! Sign-in rate limits per IP address and per email address, shared through the database.
//!
//! An email's limit applies whether or not an account has that email, so the
//! "try again later" answer reveals nothing about which accounts exist.

use chrono::{DateTime, Duration, Utc};

use crate::db::ids::{parse_time, random_hex, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// The window failures are counted in.
pub const WINDOW: Duration = Duration::minutes(15);
/// Failures allowed per email address in the window.
pub const PER_EMAIL: i64 = 5;
/// Failures allowed per IP address in the window (a school may share one address).
pub const PER_IP: i64 = 30;

fn keys(ip: &str, email: &str) -> [(String, i64); 2] {
    [
        (format!("email:{}", email.trim().to_lowercase()), PER_EMAIL),
        (format!("ip:{ip}"), PER_IP),
    ]
}

/// A sign-in attempt's place in the limits, taken before its password is checked.
#[derive(Debug)]
pub struct Reservation {
    attempt: String,
}

/// How long an attempt waits for others in flight from the same address or email to finish.
const QUEUE_FOR: std::time::Duration = std::time::Duration::from_secs(5);
/// How often it looks again meanwhile.
const LOOK_EVERY: std::time::Duration = std::time::Duration::from_millis(40);
/// An attempt still unsettled after this (its server died mid-check) counts as a failure.
const STALE: Duration = Duration::minutes(1);

/// Counts this attempt against both keys before its password is checked, and refuses with
/// 429 and a "try again in N minutes" message once either key's failures fill its limit.
///
/// Counting first (not checking, hashing, then counting) is what holds the limit under
/// concurrency: the rows are written one after another, so the k-th attempt sees at least k,
/// and attempts are let through only while failures and attempts in flight together stay
/// within the limit. When the limit is full only because others are still in flight (a
/// staff room signing in at once behind one address), this one steps out and tries again
/// shortly, for up to a few seconds, instead of being refused: a success takes its row
/// back, a failure keeps it.
pub async fn reserve(db: &Db, ip: &str, email: &str, now: DateTime<Utc>) -> AppResult<Reservation> {
    let reservation = Reservation {
        attempt: random_hex(8),
    };
    on_db!(db, |e| sqlx::query(
        "DELETE FROM sign_in_failures WHERE failed_at < $1"
    )
    .bind(time_text(now - WINDOW))
    .execute(e)
    .await
    .rows_affected())?;
    let waited = std::time::Instant::now();
    let oldest = loop {
        take_place(db, ip, email, &reservation, now).await?;
        match room(db, ip, email, now).await? {
            Room::Free => return Ok(reservation),
            Room::InFlight if waited.elapsed() < QUEUE_FOR => {
                // Out of the queue while waiting, so that waiters never fill it for each
                // other; a jittered pause keeps them from coming back in step.
                release_rows(db, &reservation).await?;
                let jitter = rand::random::<u64>() % LOOK_EVERY.as_millis() as u64;
                tokio::time::sleep(LOOK_EVERY + std::time::Duration::from_millis(jitter)).await;
            }
            Room::InFlight => break now,
            Room::Full(oldest) => break oldest,
        }
    };
    // Refused before the password was looked at: this attempt is not a failure.
    release(db, reservation).await?;
    // The limit lifts when the oldest failure in the window ages out.
    let wait = (oldest + WINDOW - now).num_seconds().max(1);
    let minutes = (wait + 59) / 60;
    Err(AppError::TooManyRequests(format!(
        "Too many sign-in attempts. Try again in {minutes} minute{}.",
        if minutes == 1 { "" } else { "s" }
    )))
}

/// Writes the attempt's rows, unsettled, one per key.
async fn take_place(
    db: &Db,
    ip: &str,
    email: &str,
    reservation: &Reservation,
    now: DateTime<Utc>,
) -> AppResult<()> {
    for (key, _) in keys(ip, email) {
        on_db!(db, |e| {
            sqlx::query(
            "INSERT INTO sign_in_failures (key, failed_at, attempt, settled) VALUES ($1, $2, $3, 0)",
        )
        .bind(key)
        .bind(time_text(now))
        .bind(&reservation.attempt)
        .execute(e).await.rows_affected()
        })?;
    }
    Ok(())
}

/// Whether an attempt may go on to its password.
enum Room {
    /// Failures and attempts in flight fit within both limits.
    Free,
    /// Over a limit only while others are in flight.
    InFlight,
    /// A key's failures fill its limit; the oldest of them.
    Full(DateTime<Utc>),
}

/// failed at, settled.
type Row = (String, i64);

async fn room(db: &Db, ip: &str, email: &str, now: DateTime<Utc>) -> AppResult<Room> {
    let mut room = Room::Free;
    for (key, limit) in keys(ip, email) {
        let rows: Vec<Row> = on_db!(db, |e| sqlx::query_as(
            "SELECT failed_at, settled FROM sign_in_failures \
             WHERE key = $1 AND failed_at > $2 ORDER BY failed_at",
        )
        .bind(&key)
        .bind(time_text(now - WINDOW))
        .fetch_all(e)
        .await)?;
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        if rows.len() <= limit {
            continue;
        }
        let stale = time_text(now - STALE);
        let failed: Vec<&Row> = rows
            .iter()
            .filter(|(at, settled)| *settled == 1 || *at < stale)
            .collect();
        if failed.len() >= limit {
            let oldest = failed.first().and_then(|(t, _)| parse_time(t));
            return Ok(Room::Full(oldest.unwrap_or(now)));
        }
        room = Room::InFlight;
    }
    Ok(room)
}

/// Takes a reservation back: the attempt succeeded (or never reached the password).
pub async fn release(db: &Db, reservation: Reservation) -> AppResult<()> {
    release_rows(db, &reservation).await
}

async fn release_rows(db: &Db, reservation: &Reservation) -> AppResult<()> {
    on_db!(db, |e| sqlx::query(
        "DELETE FROM sign_in_failures WHERE attempt = $1"
    )
    .bind(&reservation.attempt)
    .execute(e)
    .await
    .rows_affected())?;
    Ok(())
}

/// Keeps a reservation as the failure it turned out to be.
pub async fn settle(db: &Db, reservation: Reservation) -> AppResult<()> {
    on_db!(db, |e| sqlx::query(
        "UPDATE sign_in_failures SET settled = 1 WHERE attempt = $1"
    )
    .bind(reservation.attempt)
    .execute(e)
    .await
    .rows_affected())?;
    Ok(())
}
