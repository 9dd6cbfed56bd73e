//! The second step of signing in: after the password (or a mailed link) the person's code.

use attest_domain::api::TwoFactorChallenge;
use chrono::{DateTime, Duration, Utc};

use super::{enrol, use_code, Accepted};
use crate::auth::{limits, session};
use crate::db::ids::{random_hex, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// How long the code may take to arrive after the password.
pub const LIFETIME: Duration = Duration::minutes(10);

/// The refusal of an unknown, used or expired challenge.
pub const EXPIRED: &str = "This sign-in has expired. Sign in again.";

/// What the person is asked for.
const ASK: &str = "Enter the 6-digit code from your authenticator app.";

/// A challenge for a person whose two-factor sign-in is set up; `None` when it is not (the
/// first step alone signs them in).
pub async fn begin(
    db: &Db,
    person_id: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<TwoFactorChallenge>> {
    if !enrol::enrolled(db, person_id).await? {
        return Ok(None);
    }
    on_db!(db, |e| sqlx::query(
        "DELETE FROM two_factor_challenges WHERE expires_at <= $1"
    )
    .bind(time_text(now))
    .execute(e)
    .await
    .rows_affected())?;
    let token = random_hex(32);
    on_db!(db, |e| sqlx::query(
        "INSERT INTO two_factor_challenges (token_hash, person_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(session::token_hash(&token))
    .bind(person_id)
    .bind(time_text(now + LIFETIME))
    .execute(e)
    .await
    .rows_affected())?;
    Ok(Some(TwoFactorChallenge {
        challenge: token,
        message: ASK.into(),
    }))
}

/// Completes a challenge with a code: the person's id and which kind of code it was. Wrong
/// codes count against the same limits as wrong passwords (per email and per address), and
/// the challenge is used up by the code that completes it.
pub async fn complete(
    db: &Db,
    ip: &str,
    challenge: &str,
    code: &str,
    now: DateTime<Utc>,
) -> AppResult<(String, Accepted)> {
    let hash = session::token_hash(challenge);
    let row: Option<(String, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT c.person_id, p.email FROM two_factor_challenges c \
         JOIN people p ON p.id = c.person_id \
         WHERE c.token_hash = $1 AND c.expires_at > $2 AND p.active = 1",
    )
    .bind(&hash)
    .bind(time_text(now))
    .fetch_optional(e)
    .await)?;
    let (person_id, email) = row.ok_or(AppError::Unauthorized(EXPIRED))?;
    let reservation = limits::reserve(db, ip, &email, now).await?;
    let Some(accepted) = use_code(db, &person_id, code, now).await? else {
        limits::settle(db, reservation).await?;
        return Err(AppError::Unprocessable(enrol::WRONG_CODE.into()));
    };
    limits::release(db, reservation).await?;
    let taken = on_db!(db, |e| sqlx::query(
        "DELETE FROM two_factor_challenges WHERE token_hash = $1"
    )
    .bind(&hash)
    .execute(e)
    .await
    .rows_affected())?;
    // Another request completed it meanwhile (with another code): one session per challenge.
    if taken == 0 {
        return Err(AppError::Unauthorized(EXPIRED));
    }
    Ok((person_id, accepted))
}
