//! Where people stand on their assigned policies: the status rule's inputs, gathered in bulk.
//!
//! My training (one person) and the reminder sweep (everyone) read the same
//! [`standings`], so both apply `attest_domain::status` to the same facts. A handful
//! of whole-scope queries replace per-row look-ups, so a sweep over 100,000 people
//! stays fast.

use std::collections::HashMap;

use attest_domain::status::{Held, StatusInput};
use chrono::{Days, NaiveDate};

use crate::db::ids::{parse_date, parse_time};
use crate::db::Db;
use crate::error::AppResult;

/// Whose standings to gather.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// One person (My training).
    Person(&'a str),
    /// Every active person (the sweep).
    Everyone,
}

impl Scope<'_> {
    /// The SQL condition on a person-id column, and the value to bind as `$1`.
    fn filter(&self, column: &str) -> (String, String) {
        match self {
            Scope::Person(id) => (format!("{column} = $1"), (*id).to_string()),
            // Binding an unused `$1` keeps one code path for both scopes.
            Scope::Everyone => ("$1 = $1".to_string(), String::new()),
        }
    }
}

/// A policy's current (latest) version.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CurrentVersion {
    /// The version's id.
    pub id: String,
    /// Its policy.
    pub policy_id: String,
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
    /// When the policy itself is next reviewed (YYYY-MM-DD).
    pub next_review: Option<String>,
}

/// One person's position on one assigned policy, before the clock is applied.
#[derive(Debug, Clone)]
pub struct Standing {
    /// The person.
    pub person_id: String,
    /// The school the assignment comes from.
    pub school_id: String,
    /// That school's name.
    pub school_name: String,
    /// The policy.
    pub title: String,
    /// Its current version.
    pub version: CurrentVersion,
    /// When a first completion is due.
    pub first_due: NaiveDate,
    /// The latest attestation of any version, if any.
    pub held: Option<Held>,
    /// Whether the latest attestation is of the current version.
    pub attested_current: bool,
    /// Whether a quiz on the current version has been passed.
    pub passed_any: bool,
    /// Whether any lesson was read or quiz tried on the current version.
    pub started: bool,
    /// Lessons done on the current version.
    pub lessons_done: i64,
}

impl Standing {
    /// The status rule's input for `today`.
    pub fn input(&self, today: NaiveDate) -> StatusInput {
        StatusInput {
            today,
            first_due: self.first_due,
            held: self.held,
            review_period_months: u32::try_from(self.version.review_period_months).unwrap_or(12),
            grace_days: u32::try_from(self.version.grace_days).unwrap_or(30),
            passed_current: self.passed_any && !self.attested_current,
            started: self.started,
        }
    }
}

/// person, school, policy, start date, new-starter days, assigned at.
type AssignedRow = (String, String, String, String, i64, String);

/// Every (person, assigned policy) in scope with the facts the status rule needs.
///
/// A person in two assigned groups gets the policy once, with the shorter allowance.
/// `today` only stands in for unreadable stored dates.
pub async fn standings(db: &Db, scope: Scope<'_>, today: NaiveDate) -> AppResult<Vec<Standing>> {
    let (who, bind) = scope.filter("m.person_id");
    // Names come from the small tables below rather than once per row: at 100,000
    // people, decoding repeated text is most of the cost of this query.
    let rows: Vec<AssignedRow> = sqlx::query_as(&format!(
        "SELECT m.person_id, m.school_id, a.policy_id, m.start_date, a.new_starter_days, a.created_at \
         FROM memberships m \
         JOIN people pe ON pe.id = m.person_id AND pe.active = 1 \
         JOIN person_groups g ON g.person_id = m.person_id AND g.school_id = m.school_id \
         JOIN assignments a ON a.group_name = g.group_name \
         JOIN policies p ON p.id = a.policy_id AND p.school_id = m.school_id \
         WHERE {who}"
    ))
    .bind(&bind)
    .fetch_all(&db.pool)
    .await?;
    tracing::debug!(rows = rows.len(), "standings: assignments");
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut assigned: Vec<AssignedRow> = Vec::with_capacity(rows.len());
    let mut seen: HashMap<(String, String), usize> = HashMap::with_capacity(rows.len());
    for row in rows {
        match seen.get(&(row.0.clone(), row.2.clone())) {
            Some(&i) => {
                let kept = &mut assigned[i];
                kept.4 = kept.4.min(row.4);
                if row.5 < kept.5 {
                    kept.5 = row.5;
                }
            }
            None => {
                seen.insert((row.0.clone(), row.2.clone()), assigned.len());
                assigned.push(row);
            }
        }
    }
    let schools = names(db, "SELECT id, name FROM schools").await?;
    let titles = names(db, "SELECT id, title FROM policies").await?;
    let t = std::time::Instant::now();
    let versions = Versions::load(db).await?;
    let held = latest_attestations(db, scope).await?;
    tracing::debug!(elapsed = ?t.elapsed(), "standings: attestations");
    let progress = lessons_done(db, scope).await?;
    let attempts = attempt_counts(db, scope).await?;
    tracing::debug!(elapsed = ?t.elapsed(), "standings: progress and attempts");

    let mut out = Vec::with_capacity(assigned.len());
    for (person_id, school_id, policy_id, start, days, assigned_at) in assigned {
        let Some(version) = versions.current.get(&policy_id) else {
            continue;
        };
        let start = parse_date(&start).unwrap_or(today);
        let assigned_on = parse_time(&assigned_at).map_or(today, |t| t.date_naive());
        let first_due = start
            .max(assigned_on)
            .checked_add_days(Days::new(days.max(0).unsigned_abs()))
            .unwrap_or(today);
        let latest = held.get(&(person_id.clone(), policy_id.clone()));
        let held = latest.map(|(attested_on, seq)| Held {
            attested_on: *attested_on,
            superseded_on: versions.reattestation_after(&policy_id, *seq),
        });
        let vkey = (person_id.clone(), version.id.clone());
        let done = progress.get(&vkey).copied();
        let (tried, passed) = attempts.get(&vkey).copied().unwrap_or((0, 0));
        out.push(Standing {
            person_id,
            school_name: schools.get(&school_id).cloned().unwrap_or_default(),
            school_id,
            title: titles.get(&policy_id).cloned().unwrap_or_default(),
            version: version.clone(),
            first_due,
            held,
            attested_current: latest.is_some_and(|(_, seq)| *seq == version.seq),
            passed_any: passed > 0,
            started: tried > 0 || done.is_some(),
            lessons_done: done.unwrap_or(0),
        });
    }
    if let Scope::Person(_) = scope {
        out.sort_by(|a, b| a.title.cmp(&b.title));
    }
    Ok(out)
}

/// A small id → name table.
async fn names(db: &Db, sql: &str) -> AppResult<HashMap<String, String>> {
    Ok(sqlx::query_as::<_, (String, String)>(sql)
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .collect())
}

/// A stored version with what only the re-attestation rule needs.
#[derive(sqlx::FromRow)]
struct VersionRow {
    #[sqlx(flatten)]
    version: CurrentVersion,
    requires_reattestation: i64,
    published_at: String,
}

/// All policy versions, by policy.
struct Versions {
    /// Each policy's latest version.
    current: HashMap<String, CurrentVersion>,
    /// Each policy's versions requiring re-attestation: (seq, published on), by seq.
    reattest: HashMap<String, Vec<(i64, NaiveDate)>>,
}

impl Versions {
    async fn load(db: &Db) -> AppResult<Versions> {
        let rows: Vec<VersionRow> = sqlx::query_as(
            "SELECT id, policy_id, seq, label, review_period_months, grace_days, lesson_count, \
                    next_review, requires_reattestation, published_at \
             FROM policy_versions ORDER BY policy_id, seq",
        )
        .fetch_all(&db.pool)
        .await?;
        let mut current = HashMap::new();
        let mut reattest: HashMap<String, Vec<(i64, NaiveDate)>> = HashMap::new();
        for row in rows {
            let version = row.version;
            if row.requires_reattestation == 1 {
                if let Some(t) = parse_time(&row.published_at) {
                    reattest
                        .entry(version.policy_id.clone())
                        .or_default()
                        .push((version.seq, t.date_naive()));
                }
            }
            // Rows come in seq order, so the last one written is the latest version.
            current.insert(version.policy_id.clone(), version);
        }
        Ok(Versions { current, reattest })
    }

    /// When the first version after `seq` that requires re-attestation was published.
    fn reattestation_after(&self, policy_id: &str, seq: i64) -> Option<NaiveDate> {
        self.reattest
            .get(policy_id)?
            .iter()
            .find(|(s, _)| *s > seq)
            .map(|(_, on)| *on)
    }

    /// Every policy's current version.
    fn into_current(self) -> Vec<CurrentVersion> {
        self.current.into_values().collect()
    }
}

/// Every policy's current version (for the policy-review reminders).
pub async fn current_versions(db: &Db) -> AppResult<Vec<CurrentVersion>> {
    Ok(Versions::load(db).await?.into_current())
}

/// The latest attestation per (person, policy): its day and its version's number.
async fn latest_attestations(
    db: &Db,
    scope: Scope<'_>,
) -> AppResult<HashMap<(String, String), (NaiveDate, i64)>> {
    let (who, bind) = scope.filter("a.person_id");
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT a.person_id, v.policy_id, a.attested_at, v.seq FROM attestations a \
         JOIN policy_versions v ON v.id = a.version_id WHERE {who}"
    ))
    .bind(&bind)
    .fetch_all(&db.pool)
    .await?;
    let mut latest: HashMap<(String, String), (String, i64)> = HashMap::new();
    for (person, policy, at, seq) in rows {
        let entry = latest
            .entry((person, policy))
            .or_insert_with(|| (at.clone(), seq));
        if (&at, seq) > (&entry.0, entry.1) {
            *entry = (at, seq);
        }
    }
    Ok(latest
        .into_iter()
        .filter_map(|(k, (at, seq))| parse_time(&at).map(|t| (k, (t.date_naive(), seq))))
        .collect())
}

/// Lessons done per (person, version).
async fn lessons_done(db: &Db, scope: Scope<'_>) -> AppResult<HashMap<(String, String), i64>> {
    let (who, bind) = scope.filter("person_id");
    let rows: Vec<(String, String, i64)> = sqlx::query_as(&format!(
        "SELECT person_id, version_id, lessons_done FROM lesson_progress WHERE {who}"
    ))
    .bind(&bind)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|(p, v, n)| ((p, v), n)).collect())
}

/// Attempts and passed attempts per (person, version).
async fn attempt_counts(
    db: &Db,
    scope: Scope<'_>,
) -> AppResult<HashMap<(String, String), (i64, i64)>> {
    let (who, bind) = scope.filter("person_id");
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT person_id, version_id, COUNT(*), COUNT(CASE WHEN passed = 1 THEN 1 END) \
         FROM attempts WHERE {who} GROUP BY person_id, version_id"
    ))
    .bind(&bind)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(p, v, n, passed)| ((p, v), (n, passed)))
        .collect())
}
