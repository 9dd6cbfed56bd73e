//! People at a school: create or update one membership, mark a leaver, add and edit one person.

use attest_domain::api::{person_name, PersonInput, RowAction};
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::ids::time_text;
use crate::db::Db;
use crate::db::Tx;
use crate::error::{AppError, AppResult, ResultExt};
use crate::manage::access::Manager;
use crate::manage::members::{self, invitations};
use crate::manage::people_import::{parse_groups, plausible_email};
use crate::on_db;

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
    let row: Option<(String, String, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT id, name, slug FROM schools WHERE id = $1"
    )
    .bind(school_id)
    .fetch_optional(e)
    .await)?;
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
        let name = person_name(&input.name).map_err(|p| AppError::Unprocessable(p.message()))?;
        let email = input.email.trim().to_lowercase();
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

/// Marks a person as having left a school; once they belong nowhere they cannot sign in. Nothing is deleted.
pub async fn deactivate_member(
    tx: &mut Tx,
    person_id: &str,
    school_id: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    // The leaving time starts the retention period after which identity is anonymised.
    on_db!(tx, |e| sqlx::query(
        "UPDATE memberships SET active = 0, left_at = $3 \
         WHERE person_id = $1 AND school_id = $2 AND active = 1",
    )
    .bind(person_id)
    .bind(school_id)
    .bind(time_text(now))
    .execute(e)
    .await
    .rows_affected())?;
    on_db!(tx, |e| sqlx::query(
        "UPDATE people SET active = 0 WHERE id = $1 \
         AND NOT EXISTS (SELECT 1 FROM memberships WHERE person_id = $1 AND active = 1) \
         AND NOT EXISTS (SELECT 1 FROM trust_roles WHERE person_id = $1)",
    )
    .bind(person_id)
    .execute(e)
    .await
    .rows_affected())?;
    Ok(())
}

/// What adding a person did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// They are a member of the school (new, updated or back): their id.
    Member(String),
    /// They have an account the manager does not manage: asked to confirm joining.
    Invited,
}

/// Adds one person to a school, updates them if they are already a member, or invites
/// them if their account is another school's.
pub async fn add_person(
    db: &Db,
    school_id: &str,
    input: &PersonInput,
    manager: &Manager,
    now: DateTime<Utc>,
) -> AppResult<Added> {
    let member = MemberInput::from_request(input)?;
    let mut tx = db.begin_write().await?;
    let (id, action) = members::sync(&mut tx, school_id, &[member], manager, now)
        .await?
        .remove(0);
    tx.commit().await?;
    if action == RowAction::Invite {
        invitations::notify(db, school_id, &[id], now).await?;
        return Ok(Added::Invited);
    }
    Ok(Added::Member(id))
}

/// The one answer when an email is taken: it does not say by whom, or where.
pub const EMAIL_TAKEN: &str = "That email address cannot be used for this person.";

/// Edits one person's details at one school; `active: false` marks them as a leaver there.
/// Their membership (groups, start date, leaving) is the school's to change; their name and
/// email only if the manager may change their identity (403 otherwise). A new email ends
/// their sessions.
pub async fn edit_person(
    db: &Db,
    person_id: &str,
    school_id: &str,
    input: &PersonInput,
    manager: &Manager,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let member = MemberInput::from_request(input)?;
    let mut tx = db.begin_write().await?;
    let (name, email): (String, String) = on_db!(tx, |e| sqlx::query_as(
        "SELECT name, email FROM people WHERE id = $1"
    )
    .bind(person_id)
    .fetch_one(e)
    .await)?;
    if name != member.name || email != member.email {
        manager.identity(&mut tx, person_id).await?;
    }
    if email != member.email {
        on_db!(tx, |e| sqlx::query(
            "UPDATE people SET email = $1 WHERE id = $2"
        )
        .bind(&member.email)
        .bind(person_id)
        .execute(e)
        .await
        .rows_affected())
        .on_unique_violation(EMAIL_TAKEN)?;
        // Whoever held the old address may no longer act as this person.
        on_db!(tx, |e| sqlx::query(
            "DELETE FROM sessions WHERE person_id = $1"
        )
        .bind(person_id)
        .execute(e)
        .await
        .rows_affected())?;
        on_db!(tx, |e| sqlx::query(
            "UPDATE sign_in_links SET used_at = $1 WHERE person_id = $2 AND used_at IS NULL",
        )
        .bind(time_text(now))
        .bind(person_id)
        .execute(e)
        .await
        .rows_affected())?;
    }
    members::sync(&mut tx, school_id, &[member], manager, now).await?;
    if input.active == Some(false) {
        deactivate_member(&mut tx, person_id, school_id, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Which of a person's schools (among the caller's) a change is for: the one named, or
/// their only one.
pub fn which_school(schools: &[String], named: Option<&str>) -> AppResult<String> {
    match named {
        Some(id) if schools.iter().any(|s| s == id) => Ok(id.to_string()),
        Some(_) => Err(AppError::NotFound("school")),
        None if schools.len() == 1 => Ok(schools[0].clone()),
        None => Err(AppError::Unprocessable(
            "this person is at several of your schools; say which (school_id)".into(),
        )),
    }
}
