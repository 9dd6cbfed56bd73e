//! Checking an email and password, within the rate limits.

use chrono::{DateTime, Utc};

use crate::auth::{limits, oidc, password};
use crate::db::ids::parse_time;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// The one message for every refused sign-in: it never reveals whether an email exists.
pub const SIGN_IN_REFUSED: &str = "That email and password do not match an active account.";

/// The refusal of a password where the person's school signs in only through its directory.
pub const DIRECTORY_ONLY: &str =
    "Your school signs you in with your school account. Use \"Sign in with your school account\".";

/// id, password hash, active, locked until.
type AccountRow = (String, Option<String>, i64, Option<String>);

/// Checks credentials and returns the person's id, or the generic refusal.
///
/// `ip` is the client's address, for the per-address limit.
pub async fn sign_in(
    db: &Db,
    ip: &str,
    email: &str,
    password: &str,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let email = email.trim().to_lowercase();
    let reservation = limits::reserve(db, ip, &email, now).await?;
    let row: Option<AccountRow> = on_db!(db, |e| sqlx::query_as(
        "SELECT id, password_hash, active, locked_until FROM people WHERE email = $1",
    )
    .bind(&email)
    .fetch_optional(e)
    .await)?;

    let stored_hash = row.as_ref().and_then(|r| r.1.clone());
    // Verify even for unknown accounts so timing does not reveal which emails exist.
    let matches = password::verify(password.to_string(), stored_hash).await?;
    let usable = row.as_ref().is_some_and(|(_, _, active, locked_until)| {
        *active == 1
            && locked_until
                .as_deref()
                .and_then(parse_time)
                .is_none_or(|until| until <= now)
    });
    match row {
        Some((id, ..)) if usable && matches => {
            limits::release(db, reservation).await?;
            // Said only to someone who knew the password, so it reveals nothing about who exists.
            if oidc::providers::directory_only_for(db, &id).await? {
                return Err(AppError::Unauthorized(DIRECTORY_ONLY));
            }
            Ok(id)
        }
        _ => {
            limits::settle(db, reservation).await?;
            Err(AppError::Unauthorized(SIGN_IN_REFUSED))
        }
    }
}
