//! Who may manage what: the `Manager` extractor and its checks.
//!
//! The rule, the same for every manager endpoint:
//! - not signed in → 401;
//! - signed in but managing nothing (staff) → 403;
//! - a manager naming a school, trust, person or policy outside their reach → 404, exactly
//!   as for an id that does not exist, so ids of other schools do not leak.
//!
//! A school manager manages the schools where they hold the `school_manager` role; a trust
//! manager every school of their trust (new ones included); an admin every school.

use attest_domain::api::{ManageScope, NamedRef};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A signed-in person who manages at least one school or trust.
#[derive(Debug, Clone)]
pub struct Manager {
    /// The person's id.
    pub person_id: String,
    /// Schools they may manage, by id.
    pub schools: Vec<String>,
    /// Trusts whose central team they are in (or all, for an admin).
    pub trusts: Vec<String>,
}

impl FromRequestParts<AppState> for Manager {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        let manager = load_manager(&state.db, &user.person_id).await?;
        if manager.schools.is_empty() && manager.trusts.is_empty() {
            return Err(AppError::Forbidden);
        }
        Ok(manager)
    }
}

/// What a person may manage (empty lists for staff).
pub async fn load_manager(db: &Db, person_id: &str) -> AppResult<Manager> {
    let (admin,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM (SELECT person_id FROM memberships WHERE person_id = $1 AND role = 'admin' AND active = 1 \
         UNION ALL SELECT person_id FROM trust_roles WHERE person_id = $1 AND role = 'admin') x",
    )
    .bind(person_id)
    .fetch_one(&db.pool)
    .await?;
    let (schools, trusts): (Vec<(String,)>, Vec<(String,)>) = if admin > 0 {
        (
            sqlx::query_as("SELECT id FROM schools ORDER BY name")
                .fetch_all(&db.pool)
                .await?,
            sqlx::query_as("SELECT id FROM trusts ORDER BY name")
                .fetch_all(&db.pool)
                .await?,
        )
    } else {
        (
            sqlx::query_as(
                "SELECT s.id FROM schools s WHERE s.id IN ( \
                   SELECT school_id FROM memberships \
                   WHERE person_id = $1 AND role = 'school_manager' AND active = 1) \
                 OR s.trust_id IN ( \
                   SELECT trust_id FROM trust_roles WHERE person_id = $1 AND role = 'trust_manager') \
                 ORDER BY s.name",
            )
            .bind(person_id)
            .fetch_all(&db.pool)
            .await?,
            sqlx::query_as(
                "SELECT trust_id FROM trust_roles WHERE person_id = $1 AND role = 'trust_manager'",
            )
            .bind(person_id)
            .fetch_all(&db.pool)
            .await?,
        )
    };
    Ok(Manager {
        person_id: person_id.to_string(),
        schools: schools.into_iter().map(|(id,)| id).collect(),
        trusts: trusts.into_iter().map(|(id,)| id).collect(),
    })
}

impl Manager {
    /// Ok if the manager manages the school; 404 otherwise.
    pub fn school(&self, school_id: &str) -> AppResult<()> {
        if self.schools.iter().any(|s| s == school_id) {
            Ok(())
        } else {
            Err(AppError::NotFound("school"))
        }
    }

    /// The trust's schools if the manager is in its central team; 404 otherwise.
    pub async fn trust(&self, db: &Db, trust_id: &str) -> AppResult<Vec<String>> {
        if !self.trusts.iter().any(|t| t == trust_id) {
            return Err(AppError::NotFound("trust"));
        }
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT id FROM schools WHERE trust_id = $1 ORDER BY name")
                .bind(trust_id)
                .fetch_all(&db.pool)
                .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// The managed schools a person belongs to (leavers included); 404 if none.
    pub async fn person(&self, db: &Db, person_id: &str) -> AppResult<Vec<String>> {
        let rows: Vec<(String,)> =
            sqlx::query_as("SELECT school_id FROM memberships WHERE person_id = $1")
                .bind(person_id)
                .fetch_all(&db.pool)
                .await?;
        let schools: Vec<String> = rows
            .into_iter()
            .map(|(id,)| id)
            .filter(|id| self.schools.contains(id))
            .collect();
        if schools.is_empty() {
            return Err(AppError::NotFound("person"));
        }
        Ok(schools)
    }

    /// The school of a policy the manager manages; 404 otherwise.
    pub async fn policy(&self, db: &Db, policy_id: &str) -> AppResult<String> {
        let row: Option<(String,)> = sqlx::query_as("SELECT school_id FROM policies WHERE id = $1")
            .bind(policy_id)
            .fetch_optional(&db.pool)
            .await?;
        match row {
            Some((school_id,)) if self.schools.contains(&school_id) => Ok(school_id),
            _ => Err(AppError::NotFound("policy")),
        }
    }

    /// The schools and trusts by name, for the app's menus.
    pub async fn scope(&self, db: &Db) -> AppResult<ManageScope> {
        let mut schools = Vec::new();
        for id in &self.schools {
            schools.push(NamedRef {
                id: id.clone(),
                name: school_name(db, id).await?,
            });
        }
        let mut trusts = Vec::new();
        for id in &self.trusts {
            let (name,): (String,) = sqlx::query_as("SELECT name FROM trusts WHERE id = $1")
                .bind(id)
                .fetch_one(&db.pool)
                .await?;
            trusts.push(NamedRef {
                id: id.clone(),
                name,
            });
        }
        Ok(ManageScope { schools, trusts })
    }
}

/// A school's name.
pub async fn school_name(db: &Db, school_id: &str) -> AppResult<String> {
    let row: Option<(String,)> = sqlx::query_as("SELECT name FROM schools WHERE id = $1")
        .bind(school_id)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|(n,)| n).ok_or(AppError::NotFound("school"))
}

/// A trust's name.
pub async fn trust_name(db: &Db, trust_id: &str) -> AppResult<String> {
    let row: Option<(String,)> = sqlx::query_as("SELECT name FROM trusts WHERE id = $1")
        .bind(trust_id)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|(n,)| n).ok_or(AppError::NotFound("trust"))
}
