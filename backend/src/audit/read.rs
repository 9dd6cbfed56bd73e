//! Reading the audit log back: a school's or a trust's lines, filtered, newest first, or a policy's history.

use attest_domain::api::{AuditAction, AuditEntry, AuditFilter};
use chrono::{Days, NaiveDate};

use super::Scope;
use crate::db::ids::parse_time;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::manage::sheet::Sheet;
use crate::on_db;

/// Most lines one page shows; the CSV export holds every line.
const PAGE: i64 = 500;

/// Whose lines: a school's or trust's log, or one policy's history.
enum Of<'a> {
    Scope(Scope<'a>),
    /// Lines about the policy and about the drafts it was published from.
    Policy(&'a str),
}

/// Lines of `of` matching `filter`, newest first; at most `limit` when given.
async fn lines(
    db: &Db,
    of: Of<'_>,
    filter: &AuditFilter,
    limit: Option<i64>,
) -> AppResult<Vec<AuditEntry>> {
    let (column, id) = match of {
        Of::Scope(Scope::School(id)) => ("a.school_id = $1", id),
        // A trust's log holds its own lines and every line of its schools.
        Of::Scope(Scope::Trust(id)) => (
            "(a.trust_id = $1 OR a.school_id IN (SELECT id FROM schools WHERE trust_id = $1))",
            id,
        ),
        Of::Policy(id) => (
            "(a.target = $1 OR a.target IN (SELECT d.id FROM policy_drafts d WHERE d.policy_id = $1))",
            id,
        ),
    };
    let from = filter.from.map(day_start);
    let to = filter
        .to
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .map(day_start);
    let sql = format!(
        "SELECT a.at, actor.name, a.action, s.name, COALESCE(p.name, po.title), a.detail, a.client \
         FROM audit_log a \
         JOIN people actor ON actor.id = a.actor_id \
         LEFT JOIN schools s ON s.id = a.school_id \
         LEFT JOIN people p ON p.id = a.target \
         LEFT JOIN policies po ON po.id = a.target \
         WHERE {column} AND ($2 IS NULL OR a.action = $2) \
           AND ($3 IS NULL OR a.at >= $3) AND ($4 IS NULL OR a.at < $4) \
         ORDER BY a.seq DESC LIMIT $5"
    );
    type Row = (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        String,
        String,
    );
    let rows: Vec<Row> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(id)
        .bind(filter.action.map(AuditAction::as_str))
        .bind(from)
        .bind(to)
        .bind(limit.unwrap_or(i64::MAX))
        .fetch_all(e)
        .await)?;
    rows.into_iter()
        .map(
            |(at, actor_name, action, school_name, target_name, detail, client)| {
                Ok(AuditEntry {
                    at: parse_time(&at)
                        .ok_or_else(|| AppError::Internal(format!("audit time {at}")))?,
                    actor_name,
                    action: AuditAction::parse(&action)
                        .ok_or_else(|| AppError::Internal(format!("audit action {action}")))?,
                    school_name,
                    target_name,
                    detail,
                    client,
                })
            },
        )
        .collect()
}

/// The stored time text at the start of `day` (UTC), for comparing with stored times.
fn day_start(day: NaiveDate) -> String {
    format!("{day}T00:00:00Z")
}

/// One page of lines (the newest).
pub async fn list(db: &Db, scope: Scope<'_>, filter: &AuditFilter) -> AppResult<Vec<AuditEntry>> {
    lines(db, Of::Scope(scope), filter, Some(PAGE)).await
}

/// A policy's history: every upload, review step and publish, newest first.
pub async fn for_policy(db: &Db, policy_id: &str) -> AppResult<Vec<AuditEntry>> {
    lines(db, Of::Policy(policy_id), &AuditFilter::default(), None).await
}

/// Every matching line as a CSV file.
pub async fn sheet(db: &Db, scope: Scope<'_>, filter: &AuditFilter) -> AppResult<String> {
    let mut sheet = Sheet::new();
    sheet.record([
        "when",
        "who",
        "action",
        "school",
        "concerning",
        "detail",
        "from",
    ])?;
    for line in lines(db, Of::Scope(scope), filter, None).await? {
        sheet.record([
            line.at.to_rfc3339(),
            line.actor_name,
            line.action.label().to_string(),
            line.school_name.unwrap_or_default(),
            line.target_name.unwrap_or_default(),
            line.detail,
            line.client,
        ])?;
    }
    sheet.finish()
}
