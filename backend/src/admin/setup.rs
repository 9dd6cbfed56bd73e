//! First start without the demo: a one-time token, printed on the console, guards the page
//! that creates the first trust (or a school on its own), its schools and its first
//! administrator. Once set up, or when the server was not started on an empty database,
//! there is no set-up to do and the endpoint answers 404.

use std::sync::Mutex;

use attest_domain::api::{person_name, SetupRequest, MIN_PASSWORD_LEN};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::{create_school, create_trust, grant, Role};
use crate::auth::password;
use crate::db::ids::random_hex;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// The set-up waiting to be done: the token's hash, until it is used.
#[derive(Debug, Default)]
pub struct SetupGate {
    pending: Mutex<Option<[u8; 32]>>,
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl SetupGate {
    /// Opens the gate with a new token, which the caller prints for the person starting
    /// the server (and only there: it is not logged).
    pub fn open(&self) -> String {
        let token = random_hex(16);
        *self.pending.lock().unwrap_or_else(|p| p.into_inner()) = Some(digest(&token));
        token
    }

    /// Closes the gate if `token` is the one printed: true once, then never again.
    fn take(&self, token: &str) -> AppResult<()> {
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        match *pending {
            None => Err(AppError::NotFound("set-up")),
            // Hashes of equal length compared whole: no early exit to time.
            Some(expected) if expected == digest(token) => {
                *pending = None;
                Ok(())
            }
            Some(_) => Err(AppError::Forbidden),
        }
    }

    /// Reopens after a set-up that failed (a database error part-way), so that the person
    /// at the console can try again with the same token.
    fn restore(&self, token: &str) {
        *self.pending.lock().unwrap_or_else(|p| p.into_inner()) = Some(digest(token));
    }
}

/// Whether the database has no school yet, so there is something to set up.
pub async fn needed(db: &Db) -> AppResult<bool> {
    let (schools,): (i64,) = on_db!(db, |e| sqlx::query_as("SELECT COUNT(*) FROM schools")
        .fetch_one(e)
        .await)?;
    Ok(schools == 0)
}

/// Checks what the form says before anything is written.
fn check(request: &SetupRequest) -> AppResult<()> {
    if request.schools.iter().all(|s| s.trim().is_empty()) {
        return Err(AppError::Unprocessable("name at least one school".into()));
    }
    if request.trust_name.is_none() && request.schools.len() > 1 {
        return Err(AppError::Unprocessable(
            "several schools belong to a trust: name the trust".into(),
        ));
    }
    if request.admin_password.chars().count() < MIN_PASSWORD_LEN {
        return Err(AppError::Unprocessable(format!(
            "choose a password of at least {MIN_PASSWORD_LEN} characters"
        )));
    }
    if !request.admin_email.contains('@') || request.admin_name.trim().is_empty() {
        return Err(AppError::Unprocessable(
            "give the administrator's name and email".into(),
        ));
    }
    person_name(&request.admin_name).map_err(|p| AppError::Unprocessable(p.message()))?;
    Ok(())
}

/// What a set-up made, for the audit log.
#[derive(Debug, Clone)]
pub struct SetUp {
    /// The first administrator.
    pub admin_id: String,
    /// The trust, if one was named.
    pub trust_id: Option<String>,
    /// The schools, in the order given.
    pub school_ids: Vec<String>,
}

/// Creates the trust (if named), its schools and the first administrator, with a password.
pub async fn set_up(
    db: &Db,
    gate: &SetupGate,
    request: &SetupRequest,
    now: DateTime<Utc>,
) -> AppResult<SetUp> {
    check(request)?;
    gate.take(&request.token)?;
    let done = create_all(db, request, now).await;
    if done.is_err() {
        gate.restore(&request.token);
    }
    done
}

async fn create_all(db: &Db, request: &SetupRequest, now: DateTime<Utc>) -> AppResult<SetUp> {
    if !needed(db).await? {
        return Err(AppError::Conflict("Attest is already set up".into()));
    }
    let hash = password::hash(request.admin_password.clone()).await?;
    let trust = match request
        .trust_name
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        Some(name) => Some(create_trust(db, name).await?),
        None => None,
    };
    let mut school_ids = Vec::new();
    for name in request.schools.iter().filter(|s| !s.trim().is_empty()) {
        school_ids.push(create_school(db, trust.as_deref(), name).await?);
    }
    let role = Role::Admin {
        school_id: match trust {
            None => school_ids.first().cloned(),
            Some(_) => None,
        },
        trust_id: trust.clone(),
    };
    let mut conn = db.pool.acquire().await?;
    let person = grant(
        &mut conn,
        &request.admin_email,
        Some(&request.admin_name),
        &role,
        now,
    )
    .await?;
    on_db!(db, |e| sqlx::query(
        "UPDATE people SET password_hash = $1 WHERE id = $2"
    )
    .bind(hash)
    .bind(&person)
    .execute(e)
    .await
    .rows_affected())?;
    Ok(SetUp {
        admin_id: person,
        trust_id: trust,
        school_ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(admin_name: &str) -> SetupRequest {
        SetupRequest {
            token: "t".into(),
            trust_name: None,
            schools: vec!["Oak Primary".into()],
            admin_name: admin_name.into(),
            admin_email: "head@oak.example".into(),
            admin_password: "a long enough password".into(),
        }
    }

    #[test]
    fn an_administrator_name_over_200_characters_is_refused_before_anything_is_written() {
        assert!(
            check(&form(&"é".repeat(200))).is_ok(),
            "200 characters, 400 bytes"
        );
        let refused = check(&form(&"a".repeat(201))).unwrap_err().to_string();
        assert!(refused.contains("201 characters"), "{refused}");
    }
}
