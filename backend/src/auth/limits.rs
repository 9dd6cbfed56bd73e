//! Sign-in rate limits per IP address and per email address, shared through the database.
//!
//! An email's limit applies whether or not an account has that email, so the
//! "try again later" answer reveals nothing about which accounts exist.

use chrono::{DateTime, Duration, Utc};

use crate::db::ids::{parse_time, time_text};
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

/// Refuses with 429 and a "try again in N minutes" message while either limit is used up.
pub async fn check(db: &Db, ip: &str, email: &str, now: DateTime<Utc>) -> AppResult<()> {
    for (key, limit) in keys(ip, email) {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT failed_at FROM sign_in_failures WHERE key = $1 AND failed_at > $2 ORDER BY failed_at",
        )
        .bind(&key)
        .bind(time_text(now - WINDOW))
        .fetch_all(&db.pool)
        .await?;
        if i64::try_from(rows.len()).unwrap_or(i64::MAX) >= limit {
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
    Ok(())
}

/// Records a failed sign-in against both keys, and forgets failures older than the window.
pub async fn record_failure(db: &Db, ip: &str, email: &str, now: DateTime<Utc>) -> AppResult<()> {
    for (key, _) in keys(ip, email) {
        sqlx::query("INSERT INTO sign_in_failures (key, failed_at) VALUES ($1, $2)")
            .bind(key)
            .bind(time_text(now))
            .execute(&db.pool)
            .await?;
    }
    sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < $1")
        .bind(time_text(now - WINDOW))
        .execute(&db.pool)
        .await?;
    Ok(())
}
