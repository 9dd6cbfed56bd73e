//! People at a school: create or update one membership, mark a leaver, add and edit one person.

use attest_domain::api::{PersonInput, RowAction};
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::ids::{new_id, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult, ResultExt};
use crate::manage::people_import::{parse_groups, plausible_email};

/// A school's id, name and slug (what an import's `school` column may name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolRef {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its slug.
    pub slug: String,
}

/// Loads a school's reference.
pub async fn school_ref(db: &Db, school_id: &str) -> AppResult<SchoolRef> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT id, name, slug FROM schools WHERE id = $1")
            .bind(school_id)
            .fetch_optional(&db.pool)
            .await?;
    let (id, name, slug) = row.ok_or(AppError::NotFound("school"))?;
    Ok(SchoolRef { id, name, slug })
}

/// One person's details at one school, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberInput {
    /// Their name.
    pub name: String,
    /// Their email, lower-case.
    pub email: String,
    /// Their groups, sorted, lower-case.
    pub groups: Vec<String>,
    /// Their start date.
    pub start_date: NaiveDate,
}

impl MemberInput {
    /// Checks and tidies what the app sent.
    pub fn from_request(input: &PersonInput) -> AppResult<MemberInput> {
        let name = input.name.trim();
        let email = input.email.trim().to_lowercase();
        if name.is_empty() || name.len() > 200 {
            return Err(AppError::Unprocessable(
                "enter a name (up to 200 characters)".into(),
            ));
        }
        if !plausible_email(&email) {
            return Err(AppError::Unprocessable(format!(
                "\"{email}\" is not an email address"
            )));
        }
        let groups = parse_groups(&input.groups.join(";")).map_err(AppError::Unprocessable)?;
        Ok(MemberInput {
            name: name.to_string(),
            email,
            groups,
            start_date: input.start_date,
        })
    }
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

async fn set_groups(
    tx: &mut Tx<'_>,
    person_id: &str,
    school_id: &str,
    groups: &[String],
) -> AppResult<bool> {
    let current: Vec<(String,)> = sqlx::query_as(
        "SELECT group_name FROM person_groups WHERE person_id = $1 AND school_id = $2 ORDER BY group_name",
    )
    .bind(person_id)
    .bind(school_id)
    .fetch_all(&mut **tx)
    .await?;
    let current: Vec<String> = current.into_iter().map(|(g,)| g).collect();
    if current == groups {
        return Ok(false);
    }
    sqlx::query("DELETE FROM person_groups WHERE person_id = $1 AND school_id = $2")
        .bind(person_id)
        .bind(school_id)
        .execute(&mut **tx)
        .await?;
    for g in groups {
        sqlx::query(
            "INSERT INTO person_groups (person_id, school_id, group_name) VALUES ($1, $2, $3)",
        )
        .bind(person_id)
        .bind(school_id)
        .bind(g)
        .execute(&mut **tx)
        .await?;
    }
    Ok(true)
}

/// Makes a person (matched by email) a member of a school exactly as described; says what changed.
pub async fn upsert_member(
    tx: &mut Tx<'_>,
    school_id: &str,
    input: &MemberInput,
    now: DateTime<Utc>,
) -> AppResult<RowAction> {
    let start = input.start_date.format("%Y-%m-%d").to_string();
    let person: Option<(String, String, i64)> =
        sqlx::query_as("SELECT id, name, active FROM people WHERE email = $1")
            .bind(&input.email)
            .fetch_optional(&mut **tx)
            .await?;
    let (person_id, mut action) = match person {
        None => {
            let id = new_id();
            sqlx::query("INSERT INTO people (id, email, name, created_at) VALUES ($1, $2, $3, $4)")
                .bind(&id)
                .bind(&input.email)
                .bind(&input.name)
                .bind(time_text(now))
                .execute(&mut **tx)
                .await
                .on_unique_violation("someone with that email already exists")?;
            (id, RowAction::Create)
        }
        Some((id, name, active)) => {
            let mut action = RowAction::Unchanged;
            if name != input.name {
                sqlx::query("UPDATE people SET name = $1 WHERE id = $2")
                    .bind(&input.name)
                    .bind(&id)
                    .execute(&mut **tx)
                    .await?;
                action = RowAction::Update;
            }
            if active == 0 {
                sqlx::query("UPDATE people SET active = 1 WHERE id = $1")
                    .bind(&id)
                    .execute(&mut **tx)
                    .await?;
                action = RowAction::Reactivate;
            }
            (id, action)
        }
    };
    let membership: Option<(String, i64)> = sqlx::query_as(
        "SELECT start_date, active FROM memberships WHERE person_id = $1 AND school_id = $2",
    )
    .bind(&person_id)
    .bind(school_id)
    .fetch_optional(&mut **tx)
    .await?;
    match membership {
        None => {
            sqlx::query(
                "INSERT INTO memberships (person_id, school_id, role, start_date) VALUES ($1, $2, 'staff', $3)",
            )
            .bind(&person_id)
            .bind(school_id)
            .bind(&start)
            .execute(&mut **tx)
            .await?;
            if action != RowAction::Reactivate {
                action = RowAction::Create;
            }
        }
        Some((old_start, active)) => {
            if active == 0 {
                action = RowAction::Reactivate;
            } else if old_start != start && action == RowAction::Unchanged {
                action = RowAction::Update;
            }
            if active == 0 || old_start != start {
                sqlx::query(
                    "UPDATE memberships SET start_date = $1, active = 1, left_at = NULL WHERE person_id = $2 AND school_id = $3",
                )
                .bind(&start)
                .bind(&person_id)
                .bind(school_id)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    if set_groups(tx, &person_id, school_id, &input.groups).await? && action == RowAction::Unchanged
    {
        action = RowAction::Update;
    }
    Ok(action)
}

/// Marks a person as having left a school; once they belong nowhere they cannot sign in. Nothing is deleted.
pub async fn deactivate_member(
    tx: &mut Tx<'_>,
    person_id: &str,
    school_id: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    // The leaving time starts the retention period after which identity is anonymised.
    sqlx::query(
        "UPDATE memberships SET active = 0, left_at = $3 \
         WHERE person_id = $1 AND school_id = $2 AND active = 1",
    )
    .bind(person_id)
    .bind(school_id)
    .bind(time_text(now))
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE people SET active = 0 WHERE id = $1 \
         AND NOT EXISTS (SELECT 1 FROM memberships WHERE person_id = $1 AND active = 1) \
         AND NOT EXISTS (SELECT 1 FROM trust_roles WHERE person_id = $1)",
    )
    .bind(person_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Adds one person to a school (or updates them if the email is known); returns their id.
pub async fn add_person(
    db: &Db,
    school_id: &str,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let member = MemberInput::from_request(input)?;
    let mut tx = db.pool.begin().await?;
    upsert_member(&mut tx, school_id, &member, now).await?;
    let (id,): (String,) = sqlx::query_as("SELECT id FROM people WHERE email = $1")
        .bind(&member.email)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Edits one person's details at one school; `active: false` marks them as a leaver there.
pub async fn edit_person(
    db: &Db,
    person_id: &str,
    school_id: &str,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let member = MemberInput::from_request(input)?;
    let mut tx = db.pool.begin().await?;
    let (email,): (String,) = sqlx::query_as("SELECT email FROM people WHERE id = $1")
        .bind(person_id)
        .fetch_one(&mut *tx)
        .await?;
    if email != member.email {
        sqlx::query("UPDATE people SET email = $1 WHERE id = $2")
            .bind(&member.email)
            .bind(person_id)
            .execute(&mut *tx)
            .await
            .on_unique_violation("someone else already has that email")?;
    }
    upsert_member(&mut tx, school_id, &member, now).await?;
    if input.active == Some(false) {
        deactivate_member(&mut tx, person_id, school_id, now).await?;
    }
    tx.commit().await?;
    Ok(())
}
