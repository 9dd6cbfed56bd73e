//! Server-side sessions: a random token in an HttpOnly cookie, its SHA-256 in the database.

use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use crate::db::ids::{random_hex, time_text};
use crate::db::lane::{self, Arg};
use crate::db::lite;
use crate::db::Db;
use crate::db::Lane;
use crate::error::AppResult;
use crate::on_db;

/// The session cookie's name.
pub const COOKIE_NAME: &str = "attest_session";

/// How long a session lasts after sign-in.
pub const SESSION_LIFETIME: Duration = Duration::hours(12);

/// SHA-256 of a token, as stored.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a session for a person and returns the token for the cookie. Sessions that have
/// expired (anyone's) are deleted first: they can never be used again.
pub async fn create(db: &Db, person_id: &str, now: DateTime<Utc>) -> AppResult<String> {
    on_db!(db, |e| sqlx::query(
        "DELETE FROM sessions WHERE expires_at <= $1"
    )
    .bind(time_text(now))
    .execute(e)
    .await
    .rows_affected())?;
    let token = random_hex(32);
    on_db!(db, |e| {
        sqlx::query(
        "INSERT INTO sessions (token_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash(&token))
    .bind(person_id)
    .bind(time_text(now))
    .bind(time_text(now + SESSION_LIFETIME))
    .execute(e).await.rows_affected()
    })?;
    Ok(token)
}

/// The active person a token belongs to, if the session is live.
pub async fn person_for(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<Option<String>> {
    // Every signed-in request asks this, so on SQLite it takes the fast lane.
    const LIVE: &str = "SELECT s.person_id FROM sessions s JOIN people p ON p.id = s.person_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND p.active = 1";
    let (hash, now) = (token_hash(token), time_text(now));
    let args = [Arg::Text(&hash), Arg::Text(&now)];
    match db.lane() {
        Lane::Sqlite(lite) => lite.read(|c| lite::query_one(c, LIVE, &args, |r| r.get(0))),
        Lane::Postgres(pool) => {
            let row: Option<(String,)> =
                lane::pg_query_as(LIVE, &args).fetch_optional(pool).await?;
            Ok(row.map(|(id,)| id))
        }
    }
}

/// Ends a session (sign-out, or rotation on sign-in).
pub async fn delete(db: &Db, token: &str) -> AppResult<()> {
    on_db!(db, |e| sqlx::query(
        "DELETE FROM sessions WHERE token_hash = $1"
    )
    .bind(token_hash(token))
    .execute(e)
    .await
    .rows_affected())?;
    Ok(())
}

/// The session token from a request's cookies.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, COOKIE_NAME)
}

/// A cookie's value from a request's cookies (none when empty).
pub fn cookie_value(headers: &HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty())
}

/// The `Set-Cookie` header that stores a token (or clears it when `token` is `None`).
pub fn cookie(token: Option<&str>, secure: bool) -> (axum::http::HeaderName, HeaderValue) {
    let secure = if secure { "; Secure" } else { "" };
    let value = match token {
        Some(t) => format!(
            "{COOKIE_NAME}={t}; HttpOnly; SameSite=Lax; Path=/; Max-Age={}{secure}",
            SESSION_LIFETIME.num_seconds()
        ),
        None => format!("{COOKIE_NAME}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0{secure}"),
    };
    // Tokens are hex, so the header value is always valid.
    (
        SET_COOKIE,
        HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_read_from_among_other_cookies() {
        let mut h = HeaderMap::new();
        h.insert(
            COOKIE,
            HeaderValue::from_static("a=1; attest_session=abc; b=2"),
        );
        assert_eq!(token_from(&h).as_deref(), Some("abc"));
        h.insert(COOKIE, HeaderValue::from_static("attest_session="));
        assert_eq!(token_from(&h), None);
    }

    #[test]
    fn cookies_are_http_only_and_lax() {
        let (_, v) = cookie(Some("abc"), true);
        let v = v.to_str().unwrap();
        assert!(v.contains("HttpOnly") && v.contains("SameSite=Lax") && v.contains("Secure"));
    }
}
