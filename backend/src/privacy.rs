//! Personal data (UK GDPR): a person's subject access export.

use std::collections::BTreeMap;

use attest_domain::api::{ExportedPerson, PersonalDataExport};
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::{Column, Row};

use crate::clock::Clock;
use crate::db::ids::time_text;
use crate::db::rows::marks;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// Whose view an export is: the person's own holds everything; a manager's holds only what
/// happened at the given schools (theirs, where the person is a member).
#[derive(Debug, Clone, Copy)]
pub enum ExportScope<'a> {
    /// The person asking for their own data.
    Everything,
    /// A manager asking on the person's behalf: these schools only.
    Schools(&'a [String]),
}

/// Where a table's rows belong to a school, for a manager's export.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// The row's `school_id`.
    School,
    /// The school of the row's `version_id`.
    Version,
    /// Nowhere in particular (the account's own): only in the person's own export.
    Account,
}

/// Each table holding data about a person: its name, the query for it (`{scope}` is where a
/// manager's condition goes), and where its rows belong. Secrets (password and token hashes)
/// are left out: they are not information about the person, and exporting them would only
/// weaken them.
const SOURCES: [(&str, &str, Place); 11] = [
    (
        "memberships",
        "SELECT * FROM memberships WHERE person_id = $1{scope}",
        Place::School,
    ),
    (
        "groups",
        "SELECT school_id, group_name FROM person_groups WHERE person_id = $1{scope}",
        Place::School,
    ),
    (
        "trust_roles",
        "SELECT * FROM trust_roles WHERE person_id = $1{scope}",
        Place::Account,
    ),
    (
        "invitations",
        "SELECT school_id, groups, start_date, created_at FROM invitations \
         WHERE person_id = $1{scope}",
        Place::School,
    ),
    (
        "lesson_progress",
        "SELECT * FROM lesson_progress WHERE person_id = $1{scope}",
        Place::Version,
    ),
    (
        "lesson_reads",
        "SELECT version_id, lesson, read_at FROM lesson_reads WHERE person_id = $1{scope}",
        Place::Version,
    ),
    (
        "quiz_attempts",
        "SELECT id, version_id, answers, score, total, passed, created_at, submitted_at \
         FROM attempts WHERE person_id = $1{scope} ORDER BY created_at",
        Place::Version,
    ),
    (
        "attestations",
        "SELECT * FROM attestations WHERE person_id = $1{scope} ORDER BY attested_at",
        Place::School,
    ),
    (
        "reminders",
        "SELECT id, school_id, version_id, stage, occasion, due_on, details, status, created_at, \
         sent_at FROM reminders WHERE person_id = $1{scope} ORDER BY created_at",
        Place::School,
    ),
    (
        "sessions",
        "SELECT created_at, expires_at FROM sessions WHERE person_id = $1{scope}",
        Place::Account,
    ),
    (
        "sign_in_links",
        "SELECT purpose, created_at, expires_at, used_at FROM sign_in_links \
         WHERE person_id = $1{scope}",
        Place::Account,
    ),
];

/// A source's query for the scope, or `None` when none of it is the scope's.
fn scoped_sql(sql: &str, place: Place, scope: ExportScope) -> Option<String> {
    let condition = match (scope, place) {
        (ExportScope::Everything, _) => String::new(),
        (ExportScope::Schools(_), Place::Account) => return None,
        (ExportScope::Schools(schools), Place::School) => {
            format!(" AND school_id IN ({})", marks(2, schools.len()))
        }
        (ExportScope::Schools(schools), Place::Version) => format!(
            " AND version_id IN (SELECT v.id FROM policy_versions v \
              JOIN policies p ON p.id = v.policy_id WHERE p.school_id IN ({}))",
            marks(2, schools.len())
        ),
    };
    Some(sql.replace("{scope}", &condition))
}

/// What is stored about a person, as far as the scope reaches.
pub async fn export_person(
    db: &Db,
    person_id: &str,
    scope: ExportScope<'_>,
    now: DateTime<Utc>,
) -> AppResult<PersonalDataExport> {
    let (id, name, email, active, created_at): (String, String, String, i64, String) = on_db!(
        db,
        |e| sqlx::query_as("SELECT id, name, email, active, created_at FROM people WHERE id = $1")
            .bind(person_id)
            .fetch_optional(e)
            .await
    )?
    .ok_or(AppError::NotFound("person"))?;
    let schools: &[String] = match scope {
        ExportScope::Everything => &[],
        ExportScope::Schools(schools) => schools,
    };
    let mut records = BTreeMap::new();
    for (name, sql, place) in SOURCES {
        let Some(sql) = scoped_sql(sql, place, scope) else {
            continue;
        };
        let rows: Vec<Value> = on_db!(db, |e| {
            let mut query = sqlx::query(&sql).bind(person_id);
            for school in schools {
                query = query.bind(school);
            }
            query
                .fetch_all(e)
                .await
                .map(|rows| rows.iter().map(row_json).collect())
        })?;
        records.insert(name.to_string(), rows);
    }
    Ok(PersonalDataExport {
        exported_at: time_text(now),
        person: ExportedPerson {
            id,
            name,
            email,
            active: active == 1,
            created_at,
        },
        records,
    })
}

/// A row as a JSON object, whatever its columns (integers, text or NULL).
fn row_json<R>(row: &R) -> Value
where
    R: Row,
    usize: sqlx::ColumnIndex<R>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> f64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let mut object = serde_json::Map::new();
    for (i, column) in row.columns().iter().enumerate() {
        let value = if let Ok(Some(n)) = row.try_get::<Option<i64>, _>(i) {
            Value::from(n)
        } else if let Ok(Some(text)) = row.try_get::<Option<String>, _>(i) {
            Value::from(text)
        } else if let Ok(Some(x)) = row.try_get::<Option<f64>, _>(i) {
            Value::from(x)
        } else {
            Value::Null
        };
        object.insert(column.name().to_string(), value);
    }
    Value::Object(object)
}

/// How often the server looks for leavers past the retention period.
const RETENTION_EVERY: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// Anonymises leavers past `retention_months` soon after start and then once a day, so a
/// school's retention promise holds without anyone running `attest anonymise`.
pub async fn retention_upkeep(db: Db, clock: Clock, retention_months: u32) {
    loop {
        match anonymise_leavers(&db, clock.now(), retention_months, false).await {
            Ok(ids) if ids.is_empty() => {}
            Ok(ids) => tracing::info!(anonymised = ids.len(), "leavers past the retention period"),
            Err(error) => tracing::warn!(%error, "anonymising leavers failed"),
        }
        tokio::time::sleep(RETENTION_EVERY).await;
    }
}

/// Replaces the identity of leavers whose last membership ended more than
/// `retention_months` ago; returns their ids (only lists them on a dry run).
///
/// Name and email are replaced, the password, sessions, sign-in links and reading
/// progress are removed. Attempts and attestations stay under the same random id, so
/// evidence counts and every hash chain are unchanged; the attestation's own fields
/// (including the address it was signed from) are part of the chained evidence.
pub async fn anonymise_leavers(
    db: &Db,
    now: DateTime<Utc>,
    retention_months: u32,
    dry_run: bool,
) -> AppResult<Vec<String>> {
    let cutoff = now
        .checked_sub_months(chrono::Months::new(retention_months))
        .ok_or_else(|| AppError::Unprocessable("retention period too long".into()))?;
    let due: Vec<(String, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT p.id, p.email FROM people p \
         WHERE p.active = 0 AND p.anonymised_at IS NULL \
           AND EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id) \
           AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id \
                           AND (m.active = 1 OR m.left_at IS NULL OR m.left_at > $1)) \
           AND NOT EXISTS (SELECT 1 FROM trust_roles t WHERE t.person_id = p.id) \
         ORDER BY p.id",
    )
    .bind(time_text(cutoff))
    .fetch_all(e)
    .await)?;
    if dry_run {
        return Ok(due.into_iter().map(|(id, _)| id).collect());
    }
    for (id, email) in &due {
        let mut tx = db.pool.begin().await?;
        on_db!(tx, |e| sqlx::query(
            "UPDATE people SET name = 'Former member of staff', email = $1, password_hash = NULL, \
             anonymised_at = $2 WHERE id = $3",
        )
        .bind(format!("anonymised-{id}@invalid.example"))
        .bind(time_text(now))
        .bind(id)
        .execute(e)
        .await
        .rows_affected())?;
        for table in [
            "sessions",
            "sign_in_links",
            "lesson_progress",
            "lesson_reads",
        ] {
            on_db!(tx, |e| sqlx::query(&format!(
                "DELETE FROM {table} WHERE person_id = $1"
            ))
            .bind(id)
            .execute(e)
            .await
            .rows_affected())?;
        }
        on_db!(tx, |e| sqlx::query(
            "DELETE FROM sign_in_failures WHERE key = $1"
        )
        .bind(format!("email:{email}"))
        .execute(e)
        .await
        .rows_affected())?;
        tx.commit().await?;
    }
    Ok(due.into_iter().map(|(id, _)| id).collect())
}
