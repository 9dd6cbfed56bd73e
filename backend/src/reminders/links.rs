//! Single-use sign-in links: in reminder mail, "email me a sign-in link" and password reset.
//!
//! Only the SHA-256 of a link's token is stored (as with sessions); a link works
//! once, until it expires, and only for an active account.

use attest_domain::api::MIN_PASSWORD_LEN;
use chrono::{DateTime, Duration, Utc};

use crate::auth::password;
use crate::auth::session::token_hash;
use crate::db::ids::{random_hex, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;
use crate::reminders::outbox::{write_new, NewReminder};
use crate::reminders::Stage;

/// The one message for a link that does not work, whatever the reason.
pub const LINK_REFUSED: &str =
    "This link has expired or has already been used. Ask for a new one on the sign-in page.";

/// The one answer to a link request, whether or not the email has an account.
pub const LINK_ACCEPTED: &str =
    "If that email address has an Attest account, a link is on its way. It works once, within 24 hours.";

/// Most link mails one account can ask for in an hour (stops mail-bombing).
const MAX_REQUESTS_PER_HOUR: i64 = 3;

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Signs the person in and opens a page.
    SignIn,
    /// Lets the person set a new password.
    PasswordReset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::SignIn => "sign_in",
            Purpose::PasswordReset => "password_reset",
        }
    }
}

/// Makes a link for a person and returns its token (for the mail only; never stored).
pub async fn create_link(
    db: &Db,
    person_id: &str,
    purpose: Purpose,
    target: &str,
    now: DateTime<Utc>,
    lifetime: Duration,
) -> AppResult<String> {
    let token = random_hex(32);
    on_db!(db, |e| {
        sqlx::query(
        "INSERT INTO sign_in_links (token_hash, person_id, purpose, target, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash(&token))
    .bind(person_id)
    .bind(purpose.as_str())
    .bind(target)
    .bind(time_text(now))
    .bind(time_text(now + lifetime))
    .execute(e).await.rows_affected()
    })?;
    Ok(token)
}

/// Uses up a link: returns (person, target) once, or the one refusal.
///
/// Marking it used is a single conditional UPDATE, so two clicks at the same
/// moment cannot both succeed.
pub async fn consume_link(
    db: &Db,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> AppResult<(String, String)> {
    let hash = token_hash(token);
    let used = on_db!(db, |e| sqlx::query(
        "UPDATE sign_in_links SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(time_text(now))
    .bind(&hash)
    .bind(purpose.as_str())
    .execute(e)
    .await
    .rows_affected())?;
    if used != 1 {
        return Err(AppError::Unauthorized(LINK_REFUSED));
    }
    let row: Option<(String, String)> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT l.person_id, l.target FROM sign_in_links l JOIN people p ON p.id = l.person_id \
         WHERE l.token_hash = $1 AND p.active = 1",
    )
    .bind(&hash)
    .fetch_optional(e).await
    })?;
    row.ok_or(AppError::Unauthorized(LINK_REFUSED))
}

/// Queues a sign-in or reset mail for an email address, if it has an active account.
///
/// Says nothing about whether it had one: the caller answers the same either way.
/// Returns whether a mail was queued.
pub async fn request_link(
    db: &Db,
    email: &str,
    stage: Stage,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let email = email.trim().to_lowercase();
    let person: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT id FROM people WHERE email = $1 AND active = 1"
    )
    .bind(&email)
    .fetch_optional(e)
    .await)?;
    let Some((person_id,)) = person else {
        return Ok(false);
    };
    let (recent,): (i64,) = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT COUNT(*) FROM reminders WHERE person_id = $1 AND stage = $2 AND created_at > $3",
    )
    .bind(&person_id)
    .bind(stage.as_str())
    .bind(time_text(now - Duration::hours(1)))
    .fetch_one(e).await
    })?;
    if recent >= MAX_REQUESTS_PER_HOUR {
        return Ok(false);
    }
    let row = NewReminder {
        school_id: None,
        person_id,
        version_id: String::new(),
        stage,
        // Every request is its own occasion.
        occasion: format!("{}/{}", time_text(now), random_hex(4)),
        due_on: None,
        details: String::new(),
        send_after: now,
        items: Vec::new(),
    };
    Ok(!write_new(db, vec![row], now, false, None).await?.is_empty())
}

/// Sets a new password with a reset link; every session of the account ends.
pub async fn reset_password(
    db: &Db,
    token: &str,
    new_password: String,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if new_password.chars().count() < MIN_PASSWORD_LEN {
        return Err(AppError::Unprocessable(format!(
            "choose a password of at least {MIN_PASSWORD_LEN} characters"
        )));
    }
    let (person_id, _) = consume_link(db, token, Purpose::PasswordReset, now).await?;
    let hash = password::hash(new_password).await?;
    let mut tx = db.pool.begin().await?;
    on_db!(tx, |e| sqlx::query(
        "UPDATE people SET password_hash = $1, locked_until = NULL WHERE id = $2"
    )
    .bind(hash)
    .bind(&person_id)
    .execute(e)
    .await
    .rows_affected())?;
    on_db!(tx, |e| sqlx::query(
        "DELETE FROM sessions WHERE person_id = $1"
    )
    .bind(&person_id)
    .execute(e)
    .await
    .rows_affected())?;
    tx.commit().await?;
    Ok(())
}
