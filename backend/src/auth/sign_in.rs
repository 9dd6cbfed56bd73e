//! Checking an email and password, with lock-out after repeated failures.

use chrono::{DateTime, Duration, Utc};

use crate::auth::password;
use crate::db::ids::{parse_time, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// The one message for every refused sign-in: it never reveals whether an email exists.
pub const SIGN_IN_REFUSED: &str = "That email and password do not match an active account.";

/// Failures in a row after which an account is locked.
const MAX_FAILURES: i64 = 10;
/// How long a locked account stays locked.
const LOCK_FOR: Duration = Duration::minutes(15);

/// id, password hash, active, failures in a row, locked until.
type AccountRow = (String, Option<String>, i64, i64, Option<String>);

/// Checks credentials and returns the person's id, or the generic refusal.
pub async fn sign_in(
    db: &Db,
    email: &str,
    password: &str,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let email = email.trim().to_lowercase();
    let row: Option<AccountRow> = sqlx::query_as(
        "SELECT id, password_hash, active, failed_sign_ins, locked_until FROM people WHERE email = $1",
    )
    .bind(&email)
    .fetch_optional(&db.pool)
    .await?;

    let stored_hash = row.as_ref().and_then(|r| r.1.clone());
    // Verify even for unknown accounts so timing does not reveal which emails exist.
    let matches = password::verify(password.to_string(), stored_hash).await?;
    let Some((id, _, active, failures, locked_until)) = row else {
        return Err(AppError::Unauthorized(SIGN_IN_REFUSED));
    };
    let locked = locked_until
        .as_deref()
        .and_then(parse_time)
        .is_some_and(|until| until > now);
    if active != 1 || locked {
        return Err(AppError::Unauthorized(SIGN_IN_REFUSED));
    }
    if !matches {
        let failures = failures + 1;
        let lock = (failures >= MAX_FAILURES).then(|| time_text(now + LOCK_FOR));
        sqlx::query("UPDATE people SET failed_sign_ins = $1, locked_until = $2 WHERE id = $3")
            .bind(if lock.is_some() { 0 } else { failures })
            .bind(lock)
            .bind(&id)
            .execute(&db.pool)
            .await?;
        return Err(AppError::Unauthorized(SIGN_IN_REFUSED));
    }
    if failures > 0 {
        sqlx::query("UPDATE people SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1")
            .bind(&id)
            .execute(&db.pool)
            .await?;
    }
    Ok(id)
}
