//! Sign-in rate limits per IP address and per email address, shared through the database.
//!
//! An email's limit applies whether or not an account has that email, so the
//! "try again later" answer reveals nothing about which accounts exist.

use chrono::{DateTime, Duration, Utc};

use crate::db::ids::{parse_time, random_hex, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};

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

/// Counts this attempt against both keys first, then refuses with 429 and a "try again in
/// N minutes" message if either limit is now exceeded.
///
/// Counting before checking (not checking, hashing, then counting) is what holds the limit
/// under concurrency: the attempts' rows are written one after another, so the k-th sees at
/// least k rows, and no more than the limit ever get as far as the password.
pub async fn reserve(db: &Db, ip: &str, email: &str, now: DateTime<Utc>) -> AppResult<Reservation> {
    let reservation = Reservation {
        attempt: random_hex(8),
    };
    sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < $1")
        .bind(time_text(now - WINDOW))
        .execute(&db.pool)
        .await?;
    for (key, _) in keys(ip, email) {
        sqlx::query("INSERT INTO sign_in_failures (key, failed_at, attempt) VALUES ($1, $2, $3)")
            .bind(key)
            .bind(time_text(now))
            .bind(&reservation.attempt)
            .execute(&db.pool)
            .await?;
    }
    for (key, limit) in keys(ip, email) {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT failed_at FROM sign_in_failures WHERE key = $1 AND failed_at > $2 ORDER BY failed_at",
        )
        .bind(&key)
        .bind(time_text(now - WINDOW))
        .fetch_all(&db.pool)
        .await?;
        if i64::try_from(rows.len()).unwrap_or(i64::MAX) > limit {
            // Refused before the password was looked at: this attempt is not a failure.
            release(db, reservation).await?;
            // The limit lifts when the oldest failure in the window ages out.
            let oldest = rows.first().and_then(|(t,)| parse_time(t)).unwrap_or(now);
            let wait = (oldest + WINDOW - now).num_seconds().max(1);
            let minutes = (wait + 59) / 60;
            return Err(AppError::TooManyRequests(format!(
                "Too many sign-in attempts. Try again in {minutes} minute{}.",
                if minutes == 1 { "" } else { "s" }
            )));
        }
    }
    Ok(reservation)
}

/// Takes a reservation back: the attempt succeeded (or never reached the password). A
/// reservation not released stays as the failure it was.
pub async fn release(db: &Db, reservation: Reservation) -> AppResult<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE attempt = $1")
        .bind(reservation.attempt)
        .execute(&db.pool)
        .await?;
    Ok(())
}
