//! A person's page: memberships, standing on every policy, attempts, attestations and reminders.

use attest_domain::api::{
    AttemptSummary, PersonDetail, PersonMembership, PersonPolicy, ReminderStatus, ReminderSummary,
    Role,
};
use chrono::NaiveDate;

use crate::db::ids::parse_date;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::learning::to_u32;
use crate::manage::access::school_name;
use crate::manage::evidence::school_attestations;
use crate::manage::pauses::pause_of;
use crate::on_db;
use crate::reminders::outbox::{about, version_titles};
use crate::standings::{load, Scope};

/// An attempt as stored: title, label, created, submitted, score, total, passed.
type AttemptRow = (
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    i64,
    Option<i64>,
);

/// A person's history at the given (managed) schools, with statuses as at `today`.
pub async fn person_detail(
    db: &Db,
    person_id: &str,
    schools: &[String],
    today: NaiveDate,
) -> AppResult<PersonDetail> {
    let (id, name, email, active): (String, String, String, i64) = on_db!(db, |e| sqlx::query_as(
        "SELECT id, name, email, active FROM people WHERE id = $1"
    )
    .bind(person_id)
    .fetch_optional(e)
    .await)?
    .ok_or(AppError::NotFound("person"))?;
    let facts = load(db, &Scope::Person(person_id), true).await?;
    let in_scope = |school: &str| schools.iter().any(|s| s == school);
    let mut memberships: Vec<PersonMembership> = facts
        .members()
        .filter(|m| m.person_id == person_id && in_scope(m.school_id))
        .map(|m| PersonMembership {
            school_id: m.school_id.to_string(),
            school_name: m.school_name.to_string(),
            role: Role::parse(m.role).unwrap_or(Role::Staff),
            groups: m.group_names(),
            start_date: m.start_date,
            active: m.active,
            pause: None,
        })
        .collect();
    for m in &mut memberships {
        m.pause = pause_of(db, person_id, &m.school_id).await?;
    }
    let policies = facts
        .cells(today)
        .filter(|c| {
            let m = facts.member(c.member);
            m.person_id == person_id && in_scope(m.school_id)
        })
        .map(|c| PersonPolicy {
            title: facts.policies[c.policy].title.clone(),
            version_label: c.version.label.clone(),
            version_id: c.version.id.clone(),
            school_name: facts.member(c.member).school_name.to_string(),
            school_id: facts.member(c.member).school_id.to_string(),
            status: c.view.status,
            due: c.view.due,
            expires: c.view.expires,
        })
        .collect();
    let mut attempts = Vec::new();
    let mut attestations = Vec::new();
    for school in schools {
        let rows: Vec<AttemptRow> = on_db!(db, |e| {
            sqlx::query_as(
            "SELECT p.title, v.label, t.created_at, t.submitted_at, t.score, t.total, t.passed \
             FROM attempts t JOIN policy_versions v ON v.id = t.version_id JOIN policies p ON p.id = v.policy_id \
             WHERE t.person_id = $1 AND p.school_id = $2 AND t.total > 0",
        )
        .bind(person_id)
        .bind(school)
        .fetch_all(e).await
        })?;
        attempts.extend(rows.into_iter().map(
            |(title, label, at, submitted, score, total, passed)| AttemptSummary {
                policy_title: title,
                version_label: label,
                started_at: at,
                submitted_at: submitted,
                score: score.map(to_u32),
                total: to_u32(total),
                passed: passed.map(|p| p == 1),
            },
        ));
        let (_, list) = school_attestations(db, school).await?;
        attestations.extend(list.into_iter().filter(|a| a.email == email));
    }
    attempts.sort_by(|a, b| b.started_at.cmp(&a.started_at));
    attestations.sort_by(|a, b| b.attested_at.cmp(&a.attested_at));
    Ok(PersonDetail {
        id,
        name,
        email,
        active: active == 1,
        memberships,
        policies,
        attempts,
        attestations,
        reminders: reminders(db, person_id, schools).await?,
    })
}

/// A reminder as stored: stage, school, policy, details, due, status, tries, created, sent.
type ReminderRow = (
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    String,
    i64,
    String,
    Option<String>,
);

/// The reminders written for a person at the given schools (and their account mail), newest first.
async fn reminders(
    db: &Db,
    person_id: &str,
    schools: &[String],
) -> AppResult<Vec<ReminderSummary>> {
    let rows: Vec<ReminderRow> = on_db!(db, |e| sqlx::query_as(
        "SELECT r.stage, s.id, p.title, r.details, r.due_on, r.status, r.tries, r.created_at, \
                r.sent_at \
         FROM reminders r LEFT JOIN schools s ON s.id = r.school_id \
         LEFT JOIN policy_versions v ON v.id = r.version_id \
         LEFT JOIN policies p ON p.id = v.policy_id \
         WHERE r.person_id = $1 ORDER BY r.created_at DESC, r.id LIMIT 200",
    )
    .bind(person_id)
    .fetch_all(e)
    .await)?;
    let titles = version_titles(db, schools).await?;
    let mut out = Vec::new();
    for (stage, school, title, details, due_on, status, tries, created_at, sent_at) in rows {
        // Another school's reminders are not this manager's business; account mail is.
        let school_name = match school {
            Some(id) if schools.contains(&id) => Some(school_name(db, &id).await?),
            Some(_) => continue,
            None => None,
        };
        let policy_title = about(title, &stage, &details, &titles);
        out.push(ReminderSummary {
            stage,
            school_name,
            policy_title,
            due_on: due_on.as_deref().and_then(parse_date),
            status: ReminderStatus::parse(&status),
            tries: to_u32(tries),
            created_at,
            sent_at,
        });
    }
    Ok(out)
}
