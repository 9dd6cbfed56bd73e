//! Making memberships at one school what a list of people describes, many at once: read
//! what is stored in a few queries, work out each person's action in memory, then write
//! only the differences, hundreds of rows per statement. An import of 10,000 staff is a
//! few dozen statements rather than 80,000.

use attest_domain::api::RowAction;
use chrono::{DateTime, Utc};

use crate::db::ids::{new_ids, time_text};
use crate::db::rows::{insert, marks, Cell};
use crate::db::Tx;
use crate::error::{AppResult, ResultExt};
use crate::manage::access::{holdings, Manager};
use crate::manage::people::MemberInput;
use crate::on_db;

pub mod invitations;
mod plan;

pub use plan::{plan, Changes, Stored, StoredMembership, StoredPerson};

/// Ids per `IN (…)` list: well under both databases' limits on bound values.
const IDS_PER_QUERY: usize = 500;

/// Reads what is stored about these emails' people at the school.
pub async fn load(tx: &mut Tx, school_id: &str, emails: &[&str]) -> AppResult<Stored> {
    let mut stored = Stored::default();
    let people: Vec<(String, String, String, i64)> = fetch_by_chunks(
        tx,
        "SELECT id, email, name, active FROM people WHERE email IN ({ids})",
        None,
        emails,
    )
    .await?;
    for (id, email, name, active) in people {
        let person = StoredPerson {
            id,
            name,
            active: active != 0,
            editable: false,
        };
        stored.people.insert(email, person);
    }
    let ids: Vec<&str> = stored.people.values().map(|p| p.id.as_str()).collect();
    let memberships: Vec<(String, String, i64)> = fetch_by_chunks(
        tx,
        "SELECT person_id, start_date, active FROM memberships \
         WHERE school_id = $1 AND person_id IN ({ids})",
        Some(school_id),
        &ids,
    )
    .await?;
    for (id, start, active) in memberships {
        let membership = StoredMembership {
            start,
            active: active != 0,
        };
        stored.memberships.insert(id, membership);
    }
    let groups: Vec<(String, String)> = fetch_by_chunks(
        tx,
        "SELECT person_id, group_name FROM person_groups \
         WHERE school_id = $1 AND person_id IN ({ids}) ORDER BY person_id, group_name",
        Some(school_id),
        &ids,
    )
    .await?;
    for (id, group) in groups {
        stored.groups.entry(id).or_default().push(group);
    }
    Ok(stored)
}

/// Writes the changes inside the caller's transaction; `by` is the manager making them.
pub async fn apply(
    tx: &mut Tx,
    school_id: &str,
    changes: &Changes,
    by: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let created = time_text(now);
    for (person_id, start, groups) in &changes.invited {
        invitations::ask(tx, person_id, school_id, start, groups, by, &created).await?;
    }
    let people: Vec<Vec<Cell>> = changes
        .new_people
        .iter()
        .map(|(id, email, name)| cells([id, email, name, &created]))
        .collect();
    insert(
        tx,
        "people",
        &["id", "email", "name", "created_at"],
        &people,
    )
    .await
    .on_unique_violation(crate::manage::people::EMAIL_TAKEN)?;
    for (id, name) in &changes.renamed {
        on_db!(tx, |e| sqlx::query(
            "UPDATE people SET name = $1 WHERE id = $2"
        )
        .bind(name)
        .bind(id)
        .execute(e)
        .await
        .rows_affected())?;
    }
    let reactivated: Vec<&str> = changes.reactivated.iter().map(String::as_str).collect();
    execute_by_chunks(
        tx,
        "UPDATE people SET active = 1 WHERE id IN ({ids})",
        None,
        &reactivated,
    )
    .await?;
    let joined: Vec<Vec<Cell>> = changes
        .joined
        .iter()
        .map(|(id, start)| cells([id, school_id, "staff", start]))
        .collect();
    let columns = ["person_id", "school_id", "role", "start_date"];
    insert(tx, "memberships", &columns, &joined).await?;
    for (id, start) in &changes.restarted {
        on_db!(tx, |e| sqlx::query(
            "UPDATE memberships SET start_date = $1, active = 1, left_at = NULL \
             WHERE person_id = $2 AND school_id = $3",
        )
        .bind(start)
        .bind(id)
        .bind(school_id)
        .execute(e)
        .await
        .rows_affected())?;
    }
    let regrouped: Vec<&str> = changes
        .regrouped
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    let delete = "DELETE FROM person_groups WHERE school_id = $1 AND person_id IN ({ids})";
    execute_by_chunks(tx, delete, Some(school_id), &regrouped).await?;
    let groups: Vec<Vec<Cell>> = changes
        .regrouped
        .iter()
        .flat_map(|(id, groups)| groups.iter().map(move |g| cells([id, school_id, g])))
        .collect();
    let columns = ["person_id", "school_id", "group_name"];
    insert(tx, "person_groups", &columns, &groups).await?;
    Ok(())
}

/// `sql` for one chunk of `count` ids: `{ids}` becomes their placeholders, which follow
/// `$1`, the school, when there is one.
fn chunk_sql(sql: &str, school_id: Option<&str>, count: usize) -> String {
    sql.replace("{ids}", &marks(1 + usize::from(school_id.is_some()), count))
}

/// Runs `sql` for the ids a chunk at a time (see [`chunk_sql`]).
async fn execute_by_chunks(
    tx: &mut Tx,
    sql: &str,
    school_id: Option<&str>,
    ids: &[&str],
) -> AppResult<()> {
    for part in ids.chunks(IDS_PER_QUERY) {
        let sql = chunk_sql(sql, school_id, part.len());
        on_db!(tx, |e| {
            let mut query = sqlx::query(&sql);
            for value in school_id.iter().chain(part) {
                query = query.bind(*value);
            }
            query.execute(e).await.rows_affected()
        })?;
    }
    Ok(())
}

/// Reads the rows `sql` selects for the ids, a chunk at a time (see [`chunk_sql`]).
async fn fetch_by_chunks<T>(
    tx: &mut Tx,
    sql: &str,
    school_id: Option<&str>,
    ids: &[&str],
) -> AppResult<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    let mut rows = Vec::new();
    for part in ids.chunks(IDS_PER_QUERY) {
        let sql = chunk_sql(sql, school_id, part.len());
        rows.extend(on_db!(tx, |e| {
            let mut query = sqlx::query_as::<_, T>(&sql);
            for value in school_id.iter().chain(part) {
                query = query.bind(*value);
            }
            query.fetch_all(e).await
        })?);
    }
    Ok(rows)
}

fn cells<const N: usize>(values: [&str; N]) -> Vec<Cell> {
    values.into_iter().map(Cell::from).collect()
}

/// Reads what is stored and works out each described person's id and action, and the
/// writes that would make it so, as far as `manager` may make them.
pub async fn prepare(
    tx: &mut Tx,
    school_id: &str,
    inputs: &[MemberInput],
    manager: &Manager,
) -> AppResult<(Vec<(String, RowAction)>, Changes)> {
    let emails: Vec<&str> = inputs.iter().map(|i| i.email.as_str()).collect();
    let mut stored = load(tx, school_id, &emails).await?;
    let ids: Vec<&str> = stored.people.values().map(|p| p.id.as_str()).collect();
    let held = holdings(tx, &ids).await?;
    for person in stored.people.values_mut() {
        let theirs = held.get(&person.id).cloned().unwrap_or_default();
        person.editable = manager.may_edit(&person.id, &theirs);
    }
    let fresh = inputs
        .iter()
        .filter(|i| !stored.people.contains_key(&i.email))
        .count();
    Ok(plan(&stored, inputs, new_ids(fresh).into_iter()))
}

/// Makes each described person a member of the school exactly as described (or invites
/// them), in the caller's transaction; each one's id and what changed, in order.
pub async fn sync(
    tx: &mut Tx,
    school_id: &str,
    inputs: &[MemberInput],
    manager: &Manager,
    now: DateTime<Utc>,
) -> AppResult<Vec<(String, RowAction)>> {
    let (outcomes, changes) = prepare(tx, school_id, inputs, manager).await?;
    apply(tx, school_id, &changes, &manager.person_id, now).await?;
    Ok(outcomes)
}
