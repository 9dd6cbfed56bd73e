//! Two-factor sign-in: a person's authenticator ([`enrol`]), the code asked for after the
//! password ([`challenge`]), and the places that require it of their managers ([`rule`]).
//!
//! A code is accepted once: each accepted code moves the person's last used step forward,
//! and a code of that step or an earlier one is refused. Recovery codes are stored hashed and
//! each is used up by the sign-in it completes.

pub mod challenge;
pub mod enrol;
pub mod rule;

use chrono::{DateTime, Utc};

use crate::auth::totp;
use crate::db::ids::time_text;
use crate::db::Db;
use crate::error::AppResult;
use crate::on_db;

/// Which kind of code was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    /// A code from the authenticator app.
    App,
    /// A recovery code, now used up.
    Recovery,
}

/// Accepts a code from the app (once per step) or an unused recovery code of a person whose
/// enrolment is confirmed, using it up; `None` when it is neither.
pub async fn use_code(
    db: &Db,
    person_id: &str,
    code: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<Accepted>> {
    if totp::is_recovery_code(code) {
        let used = on_db!(db, |e| sqlx::query(
            "UPDATE recovery_codes SET used_at = $1 \
             WHERE person_id = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(time_text(now))
        .bind(person_id)
        .bind(totp::recovery_code_hash(code))
        .execute(e)
        .await
        .rows_affected())?;
        return Ok((used == 1).then_some(Accepted::Recovery));
    }
    let accepted = use_step(db, person_id, code, true, now).await?;
    Ok(accepted.then_some(Accepted::App))
}

/// Accepts an app code of the person's (confirmed or, when `confirmed` is false, still
/// enrolling) authenticator if its step is later than the last one used, recording the step.
/// One conditional UPDATE, so two requests racing with the same code cannot both pass.
async fn use_step(
    db: &Db,
    person_id: &str,
    code: &str,
    confirmed: bool,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let sql = if confirmed {
        "SELECT secret FROM two_factor WHERE person_id = $1 AND confirmed_at IS NOT NULL"
    } else {
        "SELECT secret FROM two_factor WHERE person_id = $1 AND confirmed_at IS NULL"
    };
    let row: Option<(String,)> = on_db!(db, |e| sqlx::query_as(sql)
        .bind(person_id)
        .fetch_optional(e)
        .await)?;
    let Some((secret,)) = row else {
        return Ok(false);
    };
    let Some(step) = totp::matching_step(&secret, code, now) else {
        return Ok(false);
    };
    let moved = on_db!(db, |e| sqlx::query(
        "UPDATE two_factor SET last_step = $1 \
         WHERE person_id = $2 AND (last_step IS NULL OR last_step < $1)",
    )
    .bind(step)
    .bind(person_id)
    .execute(e)
    .await
    .rows_affected())?;
    Ok(moved == 1)
}
