//! The few bulk queries that gather every fact the status rule needs for a scope.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Facts, Member, PolicyFacts, Scope, VersionFacts};
use crate::db::ids::{parse_date, parse_time};
use crate::db::{Db, DbKind};
use crate::error::AppResult;

/// A stored RFC 3339 time's day (UTC); unreadable text counts as the earliest day.
fn day(text: &str) -> NaiveDate {
    parse_time(text).map_or(NaiveDate::MIN, |t| t.date_naive())
}

impl Scope<'_> {
    /// A condition limiting a policies' or memberships' `school_id` column to the scope.
    fn schools(&self, col: &str) -> String {
        match self {
            Scope::Schools(ids) => {
                let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
                if marks.is_empty() {
                    "1 = 0".into()
                } else {
                    format!("{col} IN ({})", marks.join(", "))
                }
            }
            Scope::Person(_) => {
                format!("{col} IN (SELECT school_id FROM memberships WHERE person_id = $1)")
            }
            Scope::Everyone => "1 = 1".into(),
        }
    }

    /// A condition limiting a `person_id` column to the scope (everyone, for schools).
    fn people(&self, col: &str) -> String {
        match self {
            Scope::Schools(_) | Scope::Everyone => "1 = 1".into(),
            Scope::Person(_) => format!("{col} = $1"),
        }
    }

    fn binds(&self) -> Vec<String> {
        match self {
            Scope::Schools(ids) => ids.to_vec(),
            Scope::Person(id) => vec![id.to_string()],
            Scope::Everyone => Vec::new(),
        }
    }
}

async fn rows<T>(db: &Db, sql: &str, scope: &Scope<'_>) -> AppResult<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let mut query = sqlx::query_as::<_, T>(sql);
    for b in scope.binds() {
        query = query.bind(b);
    }
    Ok(query.fetch_all(&db.pool).await?)
}

type MemberRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    i64,
);

/// The string-aggregate function: one row per person is far cheaper to fetch than one per record.
fn aggregate(db: &Db) -> &'static str {
    match db.kind {
        DbKind::Sqlite => "group_concat",
        DbKind::Postgres => "string_agg",
    }
}

fn earliest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Splits an aggregated `a|b|c,a|b|c` list into its records' fields.
fn records(list: &str) -> impl Iterator<Item = Vec<&str>> {
    list.split(',')
        .filter(|r| !r.is_empty())
        .map(|r| r.split('|').collect())
}
type VersionRow = (
    String,
    String,
    i64,
    String,
    String,
    i64,
    i64,
    i64,
    i64,
    String,
);

/// Loads the facts for a scope in eight queries, whatever its size.
pub async fn load(db: &Db, scope: &Scope<'_>, include_leavers: bool) -> AppResult<Facts> {
    let active = if include_leavers {
        ""
    } else {
        " AND p.active = 1 AND m.active = 1"
    };
    let agg = aggregate(db);
    let member_rows: Vec<MemberRow> = rows(
        db,
        &format!(
            "SELECT m.person_id, p.name, p.email, m.school_id, \
                    (SELECT {agg}(g.group_name, ';') FROM person_groups g \
                     WHERE g.person_id = m.person_id AND g.school_id = m.school_id), \
                    m.start_date, m.role, p.created_at, m.active \
             FROM memberships m JOIN people p ON p.id = m.person_id WHERE {} AND {}{active}",
            scope.schools("m.school_id"),
            scope.people("m.person_id")
        ),
        scope,
    )
    .await?;
    let school_rows: Vec<(String, String)> = rows(
        db,
        &format!(
            "SELECT id, name FROM schools s WHERE {}",
            scope.schools("s.id")
        ),
        scope,
    )
    .await?;
    let school_names: HashMap<String, String> = school_rows.into_iter().collect();
    let mut facts = Facts::default();
    for (person_id, name, email, school_id, groups, start, role, created, active) in member_rows {
        let idx = facts.person_index(&person_id);
        let mut groups: Vec<String> = groups
            .unwrap_or_default()
            .split(';')
            .filter(|g| !g.is_empty())
            .map(str::to_string)
            .collect();
        groups.sort();
        facts.members.push(Member {
            groups,
            person: idx,
            person_id,
            name,
            email,
            school_name: school_names.get(&school_id).cloned().unwrap_or_default(),
            school_id,
            start_date: parse_date(&start).unwrap_or(NaiveDate::MIN),
            role,
            known_from: day(&created),
            active: active == 1,
        });
    }
    let policy_rows: Vec<(String, String, String)> = rows(
        db,
        &format!(
            "SELECT id, school_id, title FROM policies p WHERE {} ORDER BY title, id",
            scope.schools("p.school_id")
        ),
        scope,
    )
    .await?;
    for (id, school_id, title) in policy_rows {
        facts.policy_ids.insert(id.clone(), facts.policies.len());
        facts.policies.push(PolicyFacts {
            id,
            school_id,
            title,
            versions: Vec::new(),
            assignments: Vec::new(),
        });
    }
    let version_rows: Vec<VersionRow> = rows(
        db,
        &format!(
            "SELECT v.id, v.policy_id, v.seq, v.label, v.published_at, v.requires_reattestation, \
                    v.review_period_months, v.grace_days, v.lesson_count, v.text_sha256 \
             FROM policy_versions v JOIN policies p ON p.id = v.policy_id WHERE {} ORDER BY v.seq",
            scope.schools("p.school_id")
        ),
        scope,
    )
    .await?;
    for (id, policy_id, seq, label, published, reattest, months, grace, lessons, sha) in
        version_rows
    {
        let Some(&p) = facts.policy_ids.get(&policy_id) else {
            continue;
        };
        facts.version_ids.insert(id.clone(), (p, seq));
        facts.policies[p].versions.push(VersionFacts {
            id,
            seq,
            label,
            published_on: day(&published),
            requires_reattestation: reattest == 1,
            review_period_months: u32::try_from(months).unwrap_or(12),
            grace_days: u32::try_from(grace).unwrap_or(30),
            lesson_count: lessons,
            text_sha256: sha,
        });
    }
    let assignment_rows: Vec<(String, String, i64, String)> = rows(
        db,
        &format!(
            "SELECT a.policy_id, a.group_name, a.new_starter_days, a.created_at \
             FROM assignments a JOIN policies p ON p.id = a.policy_id WHERE {}",
            scope.schools("p.school_id")
        ),
        scope,
    )
    .await?;
    for (policy_id, group, days, created) in assignment_rows {
        if let Some(&p) = facts.policy_ids.get(&policy_id) {
            facts.policies[p]
                .assignments
                .push((group, days.max(0), day(&created)));
        }
    }
    load_history(db, scope, &mut facts).await?;
    Ok(facts)
}

/// Attestations, attempts and lesson progress of the scope's people, one row per person.
///
/// Attempts and reading only matter until the current version is attested, so for whole
/// schools only work on versions the person has not attested is fetched.
async fn load_history(db: &Db, scope: &Scope<'_>, facts: &mut Facts) -> AppResult<()> {
    let agg = aggregate(db);
    let attested: Vec<(String, String)> = rows(
        db,
        &format!(
            "SELECT a.person_id, {agg}(a.version_id || '|' || a.attested_at || '|' || a.id, ',') \
             FROM attestations a WHERE {} AND {} GROUP BY a.person_id",
            scope.schools("a.school_id"),
            scope.people("a.person_id")
        ),
        scope,
    )
    .await?;
    for (person_id, list) in attested {
        let Some(&person) = facts.person_ids.get(&person_id) else {
            continue;
        };
        for r in records(&list) {
            if let (Some(&(policy, seq)), Some(at), Some(id)) = (
                r.first().and_then(|v| facts.version_ids.get(*v)),
                r.get(1),
                r.get(2),
            ) {
                facts.held.entry((person, policy)).or_default().push((
                    day(at),
                    seq,
                    (*id).to_string(),
                ));
            }
        }
    }
    for list in facts.held.values_mut() {
        list.sort();
    }
    let unattested = |t: &str| {
        format!(
            "NOT EXISTS (SELECT 1 FROM attestations x WHERE x.person_id = {t}.person_id AND x.version_id = {t}.version_id)"
        )
    };
    let attempts: Vec<(String, String)> = rows(
        db,
        &format!(
            "SELECT t.person_id, {agg}(t.version_id || '|' || t.created_at || '|' || \
                    COALESCE(CASE WHEN t.passed = 1 THEN t.submitted_at END, ''), ',') \
             FROM attempts t JOIN policy_versions v ON v.id = t.version_id \
             JOIN policies p ON p.id = v.policy_id WHERE {} AND {} AND {} GROUP BY t.person_id",
            scope.schools("p.school_id"),
            scope.people("t.person_id"),
            unattested("t")
        ),
        scope,
    )
    .await?;
    for (person_id, list) in attempts {
        let Some(&person) = facts.person_ids.get(&person_id) else {
            continue;
        };
        for r in records(&list) {
            let Some(&(policy, seq)) = r.first().and_then(|v| facts.version_ids.get(*v)) else {
                continue;
            };
            let entry = facts.attempts.entry((person, policy, seq)).or_default();
            let started = r.get(1).map(|t| day(t));
            let passed = r.get(2).filter(|t| !t.is_empty()).map(|t| day(t));
            entry.started_on = earliest(entry.started_on, started);
            entry.passed_on = earliest(entry.passed_on, passed);
        }
    }
    // My training shows lessons read on attested modules too; dashboards do not need them.
    let progress_filter = match scope {
        Scope::Person(_) => "1 = 1".to_string(),
        Scope::Schools(_) | Scope::Everyone => unattested("l"),
    };
    let progress: Vec<(String, String, i64, String)> = rows(
        db,
        &format!(
            "SELECT l.person_id, l.version_id, l.lessons_done, l.updated_at \
             FROM lesson_progress l JOIN policy_versions v ON v.id = l.version_id \
             JOIN policies p ON p.id = v.policy_id WHERE {} AND {} AND {progress_filter}",
            scope.schools("p.school_id"),
            scope.people("l.person_id")
        ),
        scope,
    )
    .await?;
    for (person_id, version_id, done, updated) in progress {
        if let (Some(&person), Some(&(policy, seq))) = (
            facts.person_ids.get(&person_id),
            facts.version_ids.get(&version_id),
        ) {
            let entry = facts.attempts.entry((person, policy, seq)).or_default();
            entry.lessons_done = done;
            entry.read_on = Some(day(&updated));
        }
    }
    Ok(())
}
