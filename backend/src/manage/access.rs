//! Who may manage what: the `Manager` extractor and its checks.
//!
//! The rule, the same for every manager endpoint:
//! - not signed in → 401;
//! - signed in but managing nothing (staff) → 403;
//! - a manager whom a place they manage requires to use two-factor sign-in, and who has not
//!   set it up → 403 with the code `two_factor_required` (the app sends them to set it up);
//! - a manager naming a school, trust, person or policy outside their reach → 404, exactly
//!   as for an id that does not exist, so ids of other schools do not leak.
//!
//! A school manager manages the schools where they hold the `school_manager` role (a
//! current membership: a manager who left manages nothing there); a trust manager every
//! school of their trust (new ones included); an admin every school. A deactivated account
//! manages nothing.
//!
//! An account is shared by the schools a person works at, so a manager's reach over a
//! person is their membership at the manager's schools. Their **identity** (name, email,
//! password) is the manager's to change only when the manager manages every school the
//! person belongs to and holds a managing role above any the person holds ([`Manager::may_edit`]).

use crate::on_db;
use attest_domain::api::{ManageScope, NamedRef};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use std::collections::HashMap;

use crate::auth::CurrentUser;
use crate::client::ClientAddr;
use crate::db::rows::marks;
use crate::db::Connected;
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
    /// Whether they are an administrator (of everything).
    pub admin: bool,
    /// Where the request came from, for the audit log (none outside a request).
    pub from: Option<std::net::IpAddr>,
}

/// Where a person belongs and the highest managing role they hold, for the identity rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holdings {
    /// Every school they are or were a member of.
    pub schools: Vec<String>,
    /// Their highest role's [`rank`].
    pub rank: u8,
}

/// How far up the managing roles a role reaches: staff 0, school manager 1, trust manager 2,
/// admin 3.
pub fn rank(role: &str) -> u8 {
    match role {
        "admin" => 3,
        "trust_manager" => 2,
        "school_manager" => 1,
        _ => 0,
    }
}

impl FromRequestParts<AppState> for Manager {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        let mut manager = load_manager(&state.db, &user.person_id).await?;
        if manager.schools.is_empty() && manager.trusts.is_empty() {
            return Err(AppError::Forbidden);
        }
        if crate::auth::two_factor::rule::must_enrol(&state.db, &manager.person_id).await? {
            return Err(AppError::TwoFactorRequired);
        }
        manager.from = ClientAddr::from_request_parts(parts, state)
            .await
            .ok()
            .map(|ClientAddr(ip)| ip);
        Ok(manager)
    }
}

/// What a person may manage (empty lists for staff).
pub async fn load_manager(db: &Db, person_id: &str) -> AppResult<Manager> {
    let (active, admin): (i64, i64) = on_db!(db, |e| sqlx::query_as(
        "SELECT p.active, (SELECT COUNT(*) FROM memberships m WHERE m.person_id = p.id \
                           AND m.role = 'admin' AND m.active = 1) \
                        + (SELECT COUNT(*) FROM trust_roles t WHERE t.person_id = p.id \
                           AND t.role = 'admin') \
         FROM people p WHERE p.id = $1",
    )
    .bind(person_id)
    .fetch_optional(e)
    .await)?
    .unwrap_or((0, 0));
    let nothing = Manager {
        person_id: person_id.to_string(),
        schools: Vec::new(),
        trusts: Vec::new(),
        admin: false,
        from: None,
    };
    if active != 1 {
        return Ok(nothing);
    }
    let (schools, trusts): (Vec<(String,)>, Vec<(String,)>) = if admin > 0 {
        (
            on_db!(db, |e| sqlx::query_as(
                "SELECT id FROM schools ORDER BY name"
            )
            .fetch_all(e)
            .await)?,
            on_db!(db, |e| sqlx::query_as(
                "SELECT id FROM trusts ORDER BY name"
            )
            .fetch_all(e)
            .await)?,
        )
    } else {
        (
            on_db!(db, |e| {
                sqlx::query_as(
                "SELECT s.id FROM schools s WHERE s.id IN ( \
                   SELECT school_id FROM memberships \
                   WHERE person_id = $1 AND role = 'school_manager' AND active = 1) \
                 OR s.trust_id IN ( \
                   SELECT trust_id FROM trust_roles WHERE person_id = $1 AND role = 'trust_manager') \
                 ORDER BY s.name",
            )
            .bind(person_id)
            .fetch_all(e).await
            })?,
            on_db!(db, |e| sqlx::query_as(
                "SELECT trust_id FROM trust_roles WHERE person_id = $1 AND role = 'trust_manager'",
            )
            .bind(person_id)
            .fetch_all(e)
            .await)?,
        )
    };
    Ok(Manager {
        schools: schools.into_iter().map(|(id,)| id).collect(),
        trusts: trusts.into_iter().map(|(id,)| id).collect(),
        admin: admin > 0,
        ..nothing
    })
}

/// What each of these people holds (see [`Holdings`]), read in the caller's transaction.
pub async fn holdings(
    conn: &mut impl Connected,
    person_ids: &[&str],
) -> AppResult<HashMap<String, Holdings>> {
    let mut out: HashMap<String, Holdings> = HashMap::new();
    for part in person_ids.chunks(500) {
        let list = marks(1, part.len());
        let sql = format!(
            "SELECT person_id, school_id, role FROM memberships WHERE person_id IN ({list}) \
             UNION ALL SELECT person_id, NULL, role FROM trust_roles WHERE person_id IN ({list})"
        );
        let rows = on_db!(conn, |e| {
            let mut query = sqlx::query_as::<_, (String, Option<String>, String)>(&sql);
            for id in part {
                query = query.bind(*id);
            }
            query.fetch_all(e).await
        })?;
        for (person, school, role) in rows {
            let held = out.entry(person).or_default();
            held.rank = held.rank.max(rank(&role));
            held.schools.extend(school);
        }
    }
    Ok(out)
}

impl Manager {
    /// The [`rank`] of the manager's highest role.
    pub fn rank(&self) -> u8 {
        if self.admin {
            3
        } else if !self.trusts.is_empty() {
            2
        } else {
            1
        }
    }

    /// Whether the manager may change the identity (name, email, password) of a person who
    /// holds `held`: their own, or that of someone all of whose schools they manage and
    /// whose every managing role is below theirs.
    pub fn may_edit(&self, person_id: &str, held: &Holdings) -> bool {
        person_id == self.person_id
            || (held.schools.iter().all(|s| self.schools.contains(s)) && held.rank < self.rank())
    }

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
        let rows: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(
            "SELECT id FROM schools WHERE trust_id = $1 ORDER BY name"
        )
        .bind(trust_id)
        .fetch_all(e)
        .await)?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// Ok if the manager may change the person's identity ([`Manager::may_edit`]); 403
    /// otherwise. Read in the caller's transaction, so the answer holds for its writes.
    pub async fn identity(&self, conn: &mut impl Connected, person_id: &str) -> AppResult<()> {
        let held = holdings(conn, &[person_id]).await?;
        let held = held.get(person_id).cloned().unwrap_or_default();
        if self.may_edit(person_id, &held) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The managed schools a person belongs to (leavers included); 404 if none.
    pub async fn person(&self, db: &Db, person_id: &str) -> AppResult<Vec<String>> {
        let rows: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(
            "SELECT school_id FROM memberships WHERE person_id = $1"
        )
        .bind(person_id)
        .fetch_all(e)
        .await)?;
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
        let row: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
            "SELECT school_id FROM policies WHERE id = $1"
        )
        .bind(policy_id)
        .fetch_optional(e)
        .await)?;
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
            let (name,): (String,) = on_db!(db, |e| sqlx::query_as(
                "SELECT name FROM trusts WHERE id = $1"
            )
            .bind(id)
            .fetch_one(e)
            .await)?;
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
    let row: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT name FROM schools WHERE id = $1"
    )
    .bind(school_id)
    .fetch_optional(e)
    .await)?;
    row.map(|(n,)| n).ok_or(AppError::NotFound("school"))
}

/// A trust's name.
pub async fn trust_name(db: &Db, trust_id: &str) -> AppResult<String> {
    let row: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT name FROM trusts WHERE id = $1"
    )
    .bind(trust_id)
    .fetch_optional(e)
    .await)?;
    row.map(|(n,)| n).ok_or(AppError::NotFound("trust"))
}
