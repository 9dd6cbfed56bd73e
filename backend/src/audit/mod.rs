//! The audit log: every change a manager or administrator makes, and every export they take,
//! with who, when, from where and what changed.
//!
//! A line is written right after the change it describes succeeds, by the handler that made
//! it, so a refused or failed request leaves no line. The table is append-only (database
//! triggers refuse UPDATE and DELETE) and names people by id, so a leaver's anonymisation
//! reaches the log too. A **scope** is where a line is shown: a school's log, or a trust's
//! (which also shows every line of its schools).

mod read;

pub use read::{for_policy, list, sheet};

use crate::on_db;
use attest_domain::api::AuditAction;

use crate::db::ids::{new_id, time_text};
use crate::db::Connected;
use crate::db::Db;
use crate::error::AppResult;
use crate::manage::access::Manager;

/// Where a line belongs.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// One school's log (and its trust's).
    School(&'a str),
    /// A trust's own log.
    Trust(&'a str),
}

/// One change to record.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    /// What was done.
    pub action: AuditAction,
    /// Where it is shown.
    pub scope: Scope<'a>,
    /// The person or policy it concerned, by id.
    pub target: Option<&'a str>,
    /// What changed, in words.
    pub detail: String,
}

/// Appends one line for `change`, made by `by` at `now`.
pub async fn record(
    conn: &mut impl Connected,
    by: &Manager,
    change: Change<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let (school, trust) = match change.scope {
        Scope::School(id) => (Some(id), None),
        Scope::Trust(id) => (None, Some(id)),
    };
    let client = by
        .from
        .map_or_else(|| "unknown".to_string(), |ip| ip.to_string());
    on_db!(conn, |e| {
        sqlx::query(
        "INSERT INTO audit_log (id, at, actor_id, school_id, trust_id, action, target, detail, client) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(new_id())
    .bind(time_text(now))
    .bind(&by.person_id)
    .bind(school)
    .bind(trust)
    .bind(change.action.as_str())
    .bind(change.target)
    .bind(change.detail)
    .bind(client)
    .execute(e).await.rows_affected()
    })?;
    Ok(())
}

/// Appends one line about a manager's own account (two-factor sign-in set up or turned off,
/// a recovery code used) to the log of every place where they hold a managing role, so that
/// each place's managers can see it.
pub async fn record_own_account(
    db: &Db,
    by: &Manager,
    action: AuditAction,
    detail: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let trusts: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT DISTINCT trust_id FROM trust_roles WHERE person_id = $1"
    )
    .bind(&by.person_id)
    .fetch_all(e)
    .await)?;
    let schools: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT school_id FROM memberships WHERE person_id = $1 AND active = 1 \
         AND role IN ('school_manager', 'admin')",
    )
    .bind(&by.person_id)
    .fetch_all(e)
    .await)?;
    let places = trusts
        .iter()
        .map(|(id,)| Scope::Trust(id))
        .chain(schools.iter().map(|(id,)| Scope::School(id)));
    let mut tx = db.pool.begin().await?;
    for scope in places {
        let change = Change {
            action,
            scope,
            target: Some(&by.person_id),
            detail: detail.to_string(),
        };
        record(&mut tx, by, change, now).await?;
    }
    tx.commit().await?;
    Ok(())
}
