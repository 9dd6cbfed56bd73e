//! Invitations: a school's request that someone whose account it does not manage (they
//! work at another school) join it. Nothing of the person changes until they confirm;
//! confirming makes them a member of the school with the groups and start date it chose.

use attest_domain::api::Invitation;
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::ids::new_id;
use crate::db::Db;
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::manage::members::{apply, Changes};
use crate::on_db;
use crate::reminders::outbox::{write_new, NewReminder};
use crate::reminders::Stage;

/// Asks a person to join a school (or updates the open request), in the caller's transaction.
pub async fn ask(
    tx: &mut Tx,
    person_id: &str,
    school_id: &str,
    start: &str,
    groups: &[String],
    by: &str,
    now: &str,
) -> AppResult<()> {
    on_db!(tx, |e| {
        sqlx::query(
        "INSERT INTO invitations (id, person_id, school_id, groups, start_date, invited_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (person_id, school_id) DO UPDATE SET groups = excluded.groups, \
           start_date = excluded.start_date, invited_by = excluded.invited_by",
    )
    .bind(new_id())
    .bind(person_id)
    .bind(school_id)
    .bind(groups.join(";"))
    .bind(start)
    .bind(by)
    .bind(now)
    .execute(e).await.rows_affected()
    })?;
    Ok(())
}

/// id, school name, groups, start date, created.
type Row = (String, String, String, String, String);

/// The person's open invitations, oldest first.
pub async fn list(db: &Db, person_id: &str) -> AppResult<Vec<Invitation>> {
    let rows: Vec<Row> = on_db!(db, |e| sqlx::query_as(
        "SELECT i.id, s.name, i.groups, i.start_date, i.created_at \
         FROM invitations i JOIN schools s ON s.id = i.school_id \
         WHERE i.person_id = $1 ORDER BY i.created_at, i.id",
    )
    .bind(person_id)
    .fetch_all(e)
    .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, school_name, groups, start, created_at)| {
            Some(Invitation {
                id,
                school_name,
                groups: split_groups(&groups),
                start_date: NaiveDate::parse_from_str(&start, "%Y-%m-%d").ok()?,
                created_at,
            })
        })
        .collect())
}

fn split_groups(text: &str) -> Vec<String> {
    text.split(';')
        .filter(|g| !g.is_empty())
        .map(str::to_string)
        .collect()
}

/// The person confirms: they join the school as asked. 404 for anyone else's invitation.
pub async fn accept(db: &Db, person_id: &str, id: &str, now: DateTime<Utc>) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let (school_id, groups, start, by) = take(&mut tx, person_id, id).await?;
    let rejoining: Option<(i64,)> = on_db!(tx, |e| sqlx::query_as(
        "SELECT active FROM memberships WHERE person_id = $1 AND school_id = $2"
    )
    .bind(person_id)
    .bind(&school_id)
    .fetch_optional(e)
    .await)?;
    let mut changes = Changes {
        regrouped: vec![(person_id.to_string(), split_groups(&groups))],
        ..Changes::default()
    };
    match rejoining {
        None => changes.joined.push((person_id.to_string(), start)),
        Some(_) => changes.restarted.push((person_id.to_string(), start)),
    }
    apply(&mut tx, &school_id, &changes, &by, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The person declines: the request is withdrawn. 404 for anyone else's invitation.
pub async fn decline(db: &Db, person_id: &str, id: &str) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    take(&mut tx, person_id, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the person's invitation and returns its school, groups, start date and inviter.
async fn take(
    tx: &mut Tx,
    person_id: &str,
    id: &str,
) -> AppResult<(String, String, String, String)> {
    let row: Option<(String, String, String, String)> = on_db!(tx, |e| sqlx::query_as(
        "SELECT school_id, groups, start_date, invited_by FROM invitations \
         WHERE id = $1 AND person_id = $2",
    )
    .bind(id)
    .bind(person_id)
    .fetch_optional(e)
    .await)?;
    let row = row.ok_or(AppError::NotFound("invitation"))?;
    on_db!(tx, |e| sqlx::query("DELETE FROM invitations WHERE id = $1")
        .bind(id)
        .execute(e)
        .await
        .rows_affected())?;
    Ok(row)
}

/// Mails each invited person that the school asks them to join (once a day per school at
/// most). The mail links to My training behind sign-in: another school's manager set it
/// off, so it must not sign anyone in.
pub async fn notify(
    db: &Db,
    school_id: &str,
    person_ids: &[String],
    now: DateTime<Utc>,
) -> AppResult<()> {
    let rows = person_ids
        .iter()
        .map(|person_id| NewReminder {
            school_id: Some(school_id.to_string()),
            person_id: person_id.clone(),
            version_id: String::new(),
            stage: Stage::Invitation,
            occasion: format!("{school_id}/{}", now.date_naive()),
            due_on: None,
            details: String::new(),
            send_after: now,
            items: Vec::new(),
        })
        .collect();
    write_new(db, rows, now, false, None).await?;
    Ok(())
}
