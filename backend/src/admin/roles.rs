//! Granting and revoking the managing roles: school manager, trust manager, administrator.
//! Each runs on the caller's connection, so a caller can make it one transaction with its
//! audit line.

use crate::on_db;
use attest_domain::api::person_name;
use chrono::{DateTime, Utc};

use crate::db::ids::{new_id, time_text};
use crate::db::Connected;
use crate::error::{AppError, AppResult};

/// A managing role and where it is held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Manages one school (a membership there with the `school_manager` role).
    SchoolManager {
        /// The school.
        school_id: String,
    },
    /// Manages every school of a trust (its central team).
    TrustManager {
        /// The trust.
        trust_id: String,
    },
    /// Administers everything (held at a trust, or at a school that belongs to none).
    Admin {
        /// The trust, or for a school on its own, none.
        trust_id: Option<String>,
        /// The school when there is no trust.
        school_id: Option<String>,
    },
}

/// The person with `email`, made (without a password: they set one through a reset link)
/// when there is none and a name is given.
async fn person(
    conn: &mut impl Connected,
    email: &str,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let email = email.trim().to_lowercase();
    let found: Option<(String,)> = on_db!(conn, |e| sqlx::query_as(
        "SELECT id FROM people WHERE email = $1"
    )
    .bind(&email)
    .fetch_optional(e)
    .await)?;
    if let Some((id,)) = found {
        return Ok(id);
    }
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            AppError::Unprocessable(format!(
                "nobody has the email {email}: give their name to add them"
            ))
        })?;
    let name = person_name(name).map_err(|p| AppError::Unprocessable(p.message()))?;
    let id = new_id();
    on_db!(conn, |e| sqlx::query(
        "INSERT INTO people (id, email, name, created_at) VALUES ($1, $2, $3, $4)"
    )
    .bind(&id)
    .bind(&email)
    .bind(name)
    .bind(time_text(now))
    .execute(e)
    .await
    .rows_affected())?;
    Ok(id)
}

/// Gives the person with `email` a role (adding them, when `name` is given, if they are new);
/// returns their id.
pub async fn grant(
    conn: &mut impl Connected,
    email: &str,
    name: Option<&str>,
    role: &Role,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let person_id = person(conn, email, name, now).await?;
    match role {
        Role::SchoolManager { school_id } => {
            member_as(conn, &person_id, school_id, "school_manager", now).await?
        }
        Role::Admin {
            school_id: Some(school_id),
            trust_id: None,
        } => member_as(conn, &person_id, school_id, "admin", now).await?,
        Role::TrustManager { trust_id }
        | Role::Admin {
            trust_id: Some(trust_id),
            ..
        } => {
            let role = if matches!(role, Role::TrustManager { .. }) {
                "trust_manager"
            } else {
                "admin"
            };
            let exists: Option<(String,)> = on_db!(conn, |e| sqlx::query_as(
                "SELECT id FROM trusts WHERE id = $1"
            )
            .bind(trust_id)
            .fetch_optional(e)
            .await)?;
            exists.ok_or(AppError::NotFound("trust"))?;
            on_db!(conn, |e| sqlx::query(
                "DELETE FROM trust_roles WHERE person_id = $1 AND trust_id = $2"
            )
            .bind(&person_id)
            .bind(trust_id)
            .execute(e)
            .await
            .rows_affected())?;
            on_db!(conn, |e| sqlx::query(
                "INSERT INTO trust_roles (person_id, trust_id, role) VALUES ($1, $2, $3)"
            )
            .bind(&person_id)
            .bind(trust_id)
            .bind(role)
            .execute(e)
            .await
            .rows_affected())?;
        }
        Role::Admin { .. } => {
            return Err(AppError::Unprocessable(
                "an administrator is held at a trust, or at a school on its own".into(),
            ))
        }
    }
    Ok(person_id)
}

/// A current membership of the school with `role`, made or changed.
async fn member_as(
    conn: &mut impl Connected,
    person_id: &str,
    school_id: &str,
    role: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let exists: Option<(String,)> = on_db!(conn, |e| sqlx::query_as(
        "SELECT id FROM schools WHERE id = $1"
    )
    .bind(school_id)
    .fetch_optional(e)
    .await)?;
    exists.ok_or(AppError::NotFound("school"))?;
    let changed = on_db!(conn, |e| sqlx::query(
        "UPDATE memberships SET role = $1, active = 1, left_at = NULL \
         WHERE person_id = $2 AND school_id = $3",
    )
    .bind(role)
    .bind(person_id)
    .bind(school_id)
    .execute(e)
    .await
    .rows_affected())?;
    if changed == 0 {
        on_db!(conn, |e| {
            sqlx::query(
            "INSERT INTO memberships (person_id, school_id, role, start_date) VALUES ($1, $2, $3, $4)",
        )
        .bind(person_id)
        .bind(school_id)
        .bind(role)
        .bind(now.date_naive().format("%Y-%m-%d").to_string())
        .execute(e).await.rows_affected()
        })?;
    }
    on_db!(conn, |e| sqlx::query(
        "UPDATE people SET active = 1 WHERE id = $1"
    )
    .bind(person_id)
    .execute(e)
    .await
    .rows_affected())?;
    Ok(())
}

/// Takes a role away: a school manager stays a member of staff there; a trust role ends.
/// Returns the person's id.
pub async fn revoke(conn: &mut impl Connected, email: &str, role: &Role) -> AppResult<String> {
    let found: Option<(String,)> = on_db!(conn, |e| sqlx::query_as(
        "SELECT id FROM people WHERE email = $1"
    )
    .bind(email.trim().to_lowercase())
    .fetch_optional(e)
    .await)?;
    let (person_id,) = found.ok_or(AppError::NotFound("person"))?;
    let done = match role {
        Role::SchoolManager { school_id }
        | Role::Admin {
            school_id: Some(school_id),
            trust_id: None,
        } => {
            let held = if matches!(role, Role::SchoolManager { .. }) {
                "school_manager"
            } else {
                "admin"
            };
            on_db!(conn, |e| sqlx::query(
                "UPDATE memberships SET role = 'staff' \
                 WHERE person_id = $1 AND school_id = $2 AND role = $3",
            )
            .bind(&person_id)
            .bind(school_id)
            .bind(held)
            .execute(e)
            .await
            .rows_affected())?
        }
        Role::TrustManager { trust_id }
        | Role::Admin {
            trust_id: Some(trust_id),
            ..
        } => {
            let held = if matches!(role, Role::TrustManager { .. }) {
                "trust_manager"
            } else {
                "admin"
            };
            on_db!(conn, |e| sqlx::query(
                "DELETE FROM trust_roles WHERE person_id = $1 AND trust_id = $2 AND role = $3",
            )
            .bind(&person_id)
            .bind(trust_id)
            .bind(held)
            .execute(e)
            .await
            .rows_affected())?
        }
        Role::Admin { .. } => return Err(AppError::NotFound("role")),
    };
    if done == 0 {
        return Err(AppError::NotFound("role"));
    }
    Ok(person_id)
}
