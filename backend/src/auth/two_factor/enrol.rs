//! Setting up, confirming and turning off a person's authenticator.

use attest_domain::api::{TwoFactorEnrolment, TwoFactorStatus};
use chrono::{DateTime, Utc};

use super::{rule, use_code, use_step};
use crate::auth::totp;
use crate::db::ids::time_text;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// The refusal of a code that is wrong, old or already used.
pub const WRONG_CODE: &str =
    "That code is not right. Enter the newest 6-digit code your authenticator app shows.";

/// Whether the person's enrolment is confirmed (sign-in asks them for a code).
pub async fn enrolled(db: &Db, person_id: &str) -> AppResult<bool> {
    let row: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT person_id FROM two_factor WHERE person_id = $1 AND confirmed_at IS NOT NULL",
    )
    .bind(person_id)
    .fetch_optional(e)
    .await)?;
    Ok(row.is_some())
}

/// Where the person stands: enrolled, required, recovery codes left.
pub async fn status(db: &Db, person_id: &str) -> AppResult<TwoFactorStatus> {
    let (left,): (i64,) = on_db!(db, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM recovery_codes WHERE person_id = $1 AND used_at IS NULL",
    )
    .bind(person_id)
    .fetch_one(e)
    .await)?;
    Ok(TwoFactorStatus {
        enrolled: enrolled(db, person_id).await?,
        required: rule::required_of(db, person_id).await?,
        recovery_codes_left: u32::try_from(left).unwrap_or(0),
    })
}

/// Starts (or starts again) setting up an authenticator: a new secret, not yet in use.
/// Refused while one is confirmed: it must be turned off first, with a code from it.
pub async fn start(db: &Db, person_id: &str, now: DateTime<Utc>) -> AppResult<TwoFactorEnrolment> {
    if enrolled(db, person_id).await? {
        return Err(AppError::Conflict(
            "Two-factor sign-in is already set up. Turn it off first to use another app.".into(),
        ));
    }
    let (email,): (String,) = on_db!(db, |e| sqlx::query_as(
        "SELECT email FROM people WHERE id = $1"
    )
    .bind(person_id)
    .fetch_one(e)
    .await)?;
    let secret = totp::new_secret();
    let otpauth_uri = totp::otpauth_uri(&secret, &email)
        .ok_or_else(|| AppError::Internal("could not make an otpauth address".into()))?;
    on_db!(db, |e| sqlx::query(
        "DELETE FROM two_factor WHERE person_id = $1"
    )
    .bind(person_id)
    .execute(e)
    .await
    .rows_affected())?;
    on_db!(db, |e| sqlx::query(
        "INSERT INTO two_factor (person_id, secret, created_at) VALUES ($1, $2, $3)"
    )
    .bind(person_id)
    .bind(&secret)
    .bind(time_text(now))
    .execute(e)
    .await
    .rows_affected())?;
    Ok(TwoFactorEnrolment {
        secret,
        otpauth_uri,
    })
}

/// Confirms the authenticator with its first code and returns new recovery codes (shown
/// once; only their hashes are kept).
pub async fn confirm(
    db: &Db,
    person_id: &str,
    code: &str,
    now: DateTime<Utc>,
) -> AppResult<Vec<String>> {
    let pending: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT person_id FROM two_factor WHERE person_id = $1 AND confirmed_at IS NULL",
    )
    .bind(person_id)
    .fetch_optional(e)
    .await)?;
    if pending.is_none() {
        return Err(AppError::Conflict(if enrolled(db, person_id).await? {
            "Two-factor sign-in is already set up.".into()
        } else {
            "Start setting up two-factor sign-in first.".into()
        }));
    }
    if !use_step(db, person_id, code, false, now).await? {
        return Err(AppError::Unprocessable(WRONG_CODE.into()));
    }
    let codes = totp::new_recovery_codes();
    let mut tx = db.pool.begin().await?;
    on_db!(tx, |e| sqlx::query(
        "UPDATE two_factor SET confirmed_at = $1 WHERE person_id = $2"
    )
    .bind(time_text(now))
    .bind(person_id)
    .execute(e)
    .await
    .rows_affected())?;
    on_db!(tx, |e| sqlx::query(
        "DELETE FROM recovery_codes WHERE person_id = $1"
    )
    .bind(person_id)
    .execute(e)
    .await
    .rows_affected())?;
    for code in &codes {
        on_db!(tx, |e| sqlx::query(
            "INSERT INTO recovery_codes (person_id, code_hash) VALUES ($1, $2)"
        )
        .bind(person_id)
        .bind(totp::recovery_code_hash(code))
        .execute(e)
        .await
        .rows_affected())?;
    }
    tx.commit().await?;
    Ok(codes)
}

/// Turns two-factor sign-in off, given a current code (or a recovery code): refused where a
/// place the person manages requires it.
pub async fn disable(db: &Db, person_id: &str, code: &str, now: DateTime<Utc>) -> AppResult<()> {
    if !enrolled(db, person_id).await? {
        return Err(AppError::NotFound("two-factor sign-in"));
    }
    if rule::required_of(db, person_id).await? {
        return Err(AppError::Unprocessable(
            "A school or trust you manage requires two-factor sign-in, so it cannot be turned off."
                .into(),
        ));
    }
    if use_code(db, person_id, code, now).await?.is_none() {
        return Err(AppError::Unprocessable(WRONG_CODE.into()));
    }
    let mut tx = db.pool.begin().await?;
    for table in ["two_factor", "recovery_codes", "two_factor_challenges"] {
        on_db!(tx, |e| sqlx::query(&format!(
            "DELETE FROM {table} WHERE person_id = $1"
        ))
        .bind(person_id)
        .execute(e)
        .await
        .rows_affected())?;
    }
    tx.commit().await?;
    Ok(())
}
