//! "Remind now": a manager reminds one person, or a group, at most once per person per day.

use attest_domain::api::{RemindNow, RemindNowResult, Status};
use chrono::{DateTime, Utc};

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;
use crate::reminders::outbox::{write_new, NewReminder};
use crate::reminders::sweep::DigestLine;
use crate::reminders::Stage;
use crate::standings::{load, Scope};

/// Why a person was left out.
enum Skip {
    AlreadyToday,
    NothingOutstanding,
}

/// Queues a manual reminder for a person or every member of a group at a school.
pub async fn remind_now(
    db: &Db,
    school_id: &str,
    request: RemindNow,
    now: DateTime<Utc>,
) -> AppResult<RemindNowResult> {
    let people = match (request.person_id, request.group) {
        (Some(person), None) => {
            let member: Option<(String,)> = on_db!(db, |e| {
                sqlx::query_as(
                "SELECT person_id FROM memberships WHERE person_id = $1 AND school_id = $2 AND active = 1",
            )
            .bind(&person)
            .bind(school_id)
            .fetch_optional(e).await
            })?;
            vec![member.ok_or(AppError::NotFound("person"))?.0]
        }
        (None, Some(group)) => {
            let rows: Vec<(String,)> = on_db!(db, |e| {
                sqlx::query_as(
                "SELECT g.person_id FROM person_groups g JOIN people p ON p.id = g.person_id \
                 WHERE g.school_id = $1 AND g.group_name = $2 AND p.active = 1 ORDER BY g.person_id",
            )
            .bind(school_id)
            .bind(group.trim())
            .fetch_all(e).await
            })?;
            if rows.is_empty() {
                return Err(AppError::NotFound("group"));
            }
            rows.into_iter().map(|(p,)| p).collect()
        }
        _ => {
            return Err(AppError::Unprocessable(
                "say who to remind: either person_id or group, not both".into(),
            ))
        }
    };
    let single = people.len() == 1;
    let (mut queued, mut already, mut nothing) = (0u32, 0u32, 0u32);
    for person in people {
        match remind_person(db, school_id, &person, now).await? {
            Ok(()) => queued += 1,
            Err(Skip::AlreadyToday) => already += 1,
            Err(Skip::NothingOutstanding) => nothing += 1,
        }
    }
    if queued == 0 && already > 0 {
        return Err(AppError::TooManyRequests(if single {
            "this person was already reminded today; you can remind them again tomorrow".into()
        } else {
            "everyone in this group was already reminded today; you can remind them again tomorrow"
                .into()
        }));
    }
    if single && nothing > 0 {
        return Err(AppError::Unprocessable(
            "this person has no outstanding training to be reminded about".into(),
        ));
    }
    Ok(RemindNowResult {
        queued,
        skipped: already + nothing,
    })
}

/// Queues one person's reminder listing what they still have to do at the school.
async fn remind_person(
    db: &Db,
    school_id: &str,
    person_id: &str,
    now: DateTime<Utc>,
) -> AppResult<Result<(), Skip>> {
    let today = now.date_naive();
    let facts = load(db, &Scope::Person(person_id), false).await?;
    let outstanding: Vec<DigestLine> = facts
        .cells(today)
        .filter(|c| facts.member(c.member).school_id == school_id)
        .filter(|c| c.view.status != Status::Attested)
        .map(|c| DigestLine {
            person_id: person_id.to_string(),
            version_id: c.version.id.clone(),
            due: c.view.due,
        })
        .collect();
    if outstanding.is_empty() {
        return Ok(Err(Skip::NothingOutstanding));
    }
    let row = NewReminder {
        school_id: Some(school_id.to_string()),
        person_id: person_id.to_string(),
        version_id: String::new(),
        stage: Stage::Manual,
        // One manual reminder per person per day: the unique key enforces it.
        occasion: today.to_string(),
        due_on: outstanding.iter().map(|l| l.due).min(),
        details: serde_json::to_string(&outstanding)
            .map_err(|e| AppError::Internal(e.to_string()))?,
        send_after: now,
        items: Vec::new(),
    };
    let written = write_new(db, vec![row], now, false, None).await?;
    Ok(if written.is_empty() {
        Err(Skip::AlreadyToday)
    } else {
        Ok(())
    })
}
