//! "My training": a person's assigned policies with their derived status.

use std::collections::BTreeMap;

use attest_domain::api::ModuleSummary;
use attest_domain::status::{status, Held, StatusInput};
use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::db::ids::{parse_date, parse_time};
use crate::db::Db;
use crate::error::AppResult;

/// One assigned policy before its status is worked out.
#[derive(Debug, sqlx::FromRow)]
struct AssignedRow {
    policy_id: String,
    title: String,
    school_name: String,
    start_date: String,
    new_starter_days: i64,
    assigned_at: String,
}

/// The current (latest) version of a policy.
#[derive(Debug, sqlx::FromRow)]
pub struct CurrentVersion {
    /// The version's id.
    pub id: String,
    /// Its number within the policy.
    pub seq: i64,
    /// Its label.
    pub label: String,
    /// How long attestations last, in months.
    pub review_period_months: i64,
    /// Days allowed to re-attest after a version requiring it.
    pub grace_days: i64,
    /// Lessons in its module.
    pub lesson_count: i64,
}

/// The latest version of a policy.
pub async fn current_version(db: &Db, policy_id: &str) -> AppResult<Option<CurrentVersion>> {
    Ok(sqlx::query_as(
        "SELECT id, seq, label, review_period_months, grace_days, lesson_count \
         FROM policy_versions WHERE policy_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(policy_id)
    .fetch_optional(&db.pool)
    .await?)
}

/// Every policy assigned to a person, with status, due date and progress.
pub async fn my_modules(
    db: &Db,
    person_id: &str,
    now: DateTime<Utc>,
) -> AppResult<Vec<ModuleSummary>> {
    let rows: Vec<AssignedRow> = sqlx::query_as(
        "SELECT p.id AS policy_id, p.title, s.name AS school_name, m.start_date, \
                a.new_starter_days, a.created_at AS assigned_at \
         FROM memberships m \
         JOIN schools s ON s.id = m.school_id \
         JOIN person_groups g ON g.person_id = m.person_id AND g.school_id = m.school_id \
         JOIN policies p ON p.school_id = m.school_id \
         JOIN assignments a ON a.policy_id = p.id AND a.group_name = g.group_name \
         WHERE m.person_id = $1 ORDER BY p.title, a.new_starter_days",
    )
    .bind(person_id)
    .fetch_all(&db.pool)
    .await?;
    // A person in two assigned groups sees the policy once, with the shorter allowance.
    let mut by_policy: BTreeMap<String, AssignedRow> = BTreeMap::new();
    for row in rows {
        by_policy.entry(row.policy_id.clone()).or_insert(row);
    }
    let today = now.date_naive();
    let mut out = Vec::new();
    for row in by_policy.into_values() {
        let Some(version) = current_version(db, &row.policy_id).await? else {
            continue;
        };
        out.push(summarise(db, person_id, &row, &version, today).await?);
    }
    Ok(out)
}

async fn summarise(
    db: &Db,
    person_id: &str,
    row: &AssignedRow,
    version: &CurrentVersion,
    today: NaiveDate,
) -> AppResult<ModuleSummary> {
    let start = parse_date(&row.start_date).unwrap_or(today);
    let assigned = parse_time(&row.assigned_at).map_or(today, |t| t.date_naive());
    let first_due = start
        .max(assigned)
        .checked_add_days(Days::new(row.new_starter_days.max(0) as u64))
        .unwrap_or(today);
    let held = held_attestation(db, person_id, &row.policy_id).await?;
    let progress: Option<(i64,)> = sqlx::query_as(
        "SELECT lessons_done FROM lesson_progress WHERE person_id = $1 AND version_id = $2",
    )
    .bind(person_id)
    .bind(&version.id)
    .fetch_optional(&db.pool)
    .await?;
    let (attempts, passed): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(CASE WHEN passed = 1 THEN 1 END) \
         FROM attempts WHERE person_id = $1 AND version_id = $2",
    )
    .bind(person_id)
    .bind(&version.id)
    .fetch_one(&db.pool)
    .await?;
    let attested_current = held.as_ref().is_some_and(|h| h.1 == version.seq);
    let view = status(&StatusInput {
        today,
        first_due,
        held: held.map(|h| h.0),
        review_period_months: u32::try_from(version.review_period_months).unwrap_or(12),
        grace_days: u32::try_from(version.grace_days).unwrap_or(30),
        passed_current: passed > 0 && !attested_current,
        started: attempts > 0 || progress.is_some(),
    });
    let lessons_done = progress.map_or(0, |(n,)| n);
    Ok(ModuleSummary {
        version_id: version.id.clone(),
        title: row.title.clone(),
        version_label: version.label.clone(),
        school_name: row.school_name.clone(),
        status: view.status,
        due: Some(view.due),
        expires: view.expires,
        lessons_done: u32::try_from(lessons_done).unwrap_or(0),
        lessons_total: u32::try_from(version.lesson_count).unwrap_or(0),
        receipt_id: crate::attesting::latest_for(db, person_id, &row.policy_id).await?,
    })
}

/// The latest attestation of any version of a policy, and that version's number.
async fn held_attestation(
    db: &Db,
    person_id: &str,
    policy_id: &str,
) -> AppResult<Option<(Held, i64)>> {
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT a.attested_at, v.seq FROM attestations a \
         JOIN policy_versions v ON v.id = a.version_id \
         WHERE a.person_id = $1 AND v.policy_id = $2 ORDER BY a.attested_at DESC, v.seq DESC LIMIT 1",
    )
    .bind(person_id)
    .bind(policy_id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((attested_at, seq)) = row else {
        return Ok(None);
    };
    let superseded: Option<(String,)> = sqlx::query_as(
        "SELECT published_at FROM policy_versions \
         WHERE policy_id = $1 AND seq > $2 AND requires_reattestation = 1 ORDER BY seq LIMIT 1",
    )
    .bind(policy_id)
    .bind(seq)
    .fetch_optional(&db.pool)
    .await?;
    let Some(attested_on) = parse_time(&attested_at).map(|t| t.date_naive()) else {
        return Ok(None);
    };
    Ok(Some((
        Held {
            attested_on,
            superseded_on: superseded
                .and_then(|(t,)| parse_time(&t))
                .map(|t| t.date_naive()),
        },
        seq,
    )))
}
