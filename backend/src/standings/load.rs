//! The few bulk queries that gather every fact the status rule needs for a scope.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{AttemptFacts, Facts, Member, PolicyFacts, Scope, VersionFacts};
use crate::db::ids::{parse_date, parse_time};
use crate::db::Db;
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
        }
    }

    /// A condition limiting a `person_id` column to the scope (everyone, for schools).
    fn people(&self, col: &str) -> String {
        match self {
            Scope::Schools(_) => "1 = 1".into(),
            Scope::Person(_) => format!("{col} = $1"),
        }
    }

    fn binds(&self) -> Vec<String> {
        match self {
            Scope::Schools(ids) => ids.to_vec(),
            Scope::Person(id) => vec![id.to_string()],
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
    String,
    String,
    String,
    String,
    i64,
);
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
    let member_rows: Vec<MemberRow> = rows(
        db,
        &format!(
            "SELECT m.person_id, p.name, p.email, m.school_id, s.name, m.start_date, m.role, \
                    p.created_at, m.active \
             FROM memberships m JOIN people p ON p.id = m.person_id \
             JOIN schools s ON s.id = m.school_id WHERE {} AND {}{active}",
            scope.schools("m.school_id"),
            scope.people("m.person_id")
        ),
        scope,
    )
    .await?;
    let group_rows: Vec<(String, String, String)> = rows(
        db,
        &format!(
            "SELECT person_id, school_id, group_name FROM person_groups WHERE {} AND {} \
             ORDER BY group_name",
            scope.schools("school_id"),
            scope.people("person_id")
        ),
        scope,
    )
    .await?;
    let mut groups: HashMap<(String, String), Vec<String>> = HashMap::new();
    for (person, school, group) in group_rows {
        groups.entry((person, school)).or_default().push(group);
    }
    let mut facts = Facts::default();
    for (person_id, name, email, school_id, school_name, start, role, created, active) in
        member_rows
    {
        let idx = facts.person_index(&person_id);
        facts.members.push(Member {
            groups: groups
                .remove(&(person_id.clone(), school_id.clone()))
                .unwrap_or_default(),
            person: idx,
            person_id,
            name,
            email,
            school_id,
            school_name,
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

/// Attestations, attempts and lesson progress of the scope's people.
async fn load_history(db: &Db, scope: &Scope<'_>, facts: &mut Facts) -> AppResult<()> {
    let attested: Vec<(String, String, String, String)> = rows(
        db,
        &format!(
            "SELECT a.id, a.person_id, a.version_id, a.attested_at FROM attestations a \
             WHERE {} AND {}",
            scope.schools("a.school_id"),
            scope.people("a.person_id")
        ),
        scope,
    )
    .await?;
    for (id, person_id, version_id, at) in attested {
        let (Some(&person), Some(&(policy, seq))) = (
            facts.person_ids.get(&person_id),
            facts.version_ids.get(&version_id),
        ) else {
            continue;
        };
        facts
            .held
            .entry((person, policy))
            .or_default()
            .push((day(&at), seq, id));
    }
    for list in facts.held.values_mut() {
        list.sort();
    }
    let attempts: Vec<(String, String, String, Option<String>)> = rows(
        db,
        &format!(
            "SELECT t.person_id, t.version_id, MIN(t.created_at), \
                    MIN(CASE WHEN t.passed = 1 THEN t.submitted_at END) \
             FROM attempts t JOIN policy_versions v ON v.id = t.version_id \
             JOIN policies p ON p.id = v.policy_id WHERE {} AND {} \
             GROUP BY t.person_id, t.version_id",
            scope.schools("p.school_id"),
            scope.people("t.person_id")
        ),
        scope,
    )
    .await?;
    for (person_id, version_id, first, passed) in attempts {
        if let (Some(&person), Some(&(policy, seq))) = (
            facts.person_ids.get(&person_id),
            facts.version_ids.get(&version_id),
        ) {
            let entry = facts.attempts.entry((person, policy, seq)).or_default();
            *entry = AttemptFacts {
                started_on: Some(day(&first)),
                passed_on: passed.as_deref().map(day),
                ..*entry
            };
        }
    }
    let progress: Vec<(String, String, i64, String)> = rows(
        db,
        &format!(
            "SELECT l.person_id, l.version_id, l.lessons_done, l.updated_at \
             FROM lesson_progress l JOIN policy_versions v ON v.id = l.version_id \
             JOIN policies p ON p.id = v.policy_id WHERE {} AND {}",
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
