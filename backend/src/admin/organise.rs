//! Creating, renaming and closing trusts and schools.

use crate::db::ids::new_id;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::manage::people::deactivate_member;
use crate::on_db;

/// Longest name a trust or school may have.
const MAX_NAME: usize = 200;

/// A name trimmed and checked: not empty, not too long.
pub fn checked_name(name: &str) -> AppResult<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(AppError::Unprocessable("a name is needed".into()));
    }
    if name.chars().count() > MAX_NAME {
        return Err(AppError::Unprocessable(format!(
            "a name may have at most {MAX_NAME} characters"
        )));
    }
    Ok(name)
}

/// "St Anne's C of E Primary" → "st-annes-c-of-e-primary".
pub fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if (c.is_whitespace() || c == '-') && !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "school".into()
    } else {
        slug
    }
}

/// Creates a trust; returns its id.
pub async fn create_trust(db: &Db, name: &str) -> AppResult<String> {
    let id = new_id();
    on_db!(db, |e| sqlx::query(
        "INSERT INTO trusts (id, name) VALUES ($1, $2)"
    )
    .bind(&id)
    .bind(checked_name(name)?)
    .execute(e)
    .await
    .rows_affected())?;
    Ok(id)
}

/// Creates a school, in a trust or on its own; returns its id. Its slug (used in imports and
/// demo addresses) comes from the name, numbered if another school has it.
pub async fn create_school(db: &Db, trust_id: Option<&str>, name: &str) -> AppResult<String> {
    let name = checked_name(name)?;
    if let Some(trust) = trust_id {
        let found: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
            "SELECT id FROM trusts WHERE id = $1"
        )
        .bind(trust)
        .fetch_optional(e)
        .await)?;
        found.ok_or(AppError::NotFound("trust"))?;
    }
    let base = slug_of(&name);
    let taken: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT slug FROM schools WHERE slug = $1 OR slug LIKE $2"
    )
    .bind(&base)
    .bind(format!("{base}-%"))
    .fetch_all(e)
    .await)?;
    let taken: Vec<String> = taken.into_iter().map(|(s,)| s).collect();
    let slug = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|s| !taken.contains(s))
        .unwrap_or(base);
    let id = new_id();
    on_db!(db, |e| sqlx::query(
        "INSERT INTO schools (id, trust_id, name, slug) VALUES ($1, $2, $3, $4)"
    )
    .bind(&id)
    .bind(trust_id)
    .bind(&name)
    .bind(&slug)
    .execute(e)
    .await
    .rows_affected())?;
    Ok(id)
}

/// Renames a trust.
pub async fn rename_trust(db: &Db, trust_id: &str, name: &str) -> AppResult<()> {
    let done = on_db!(db, |e| sqlx::query(
        "UPDATE trusts SET name = $1 WHERE id = $2"
    )
    .bind(checked_name(name)?)
    .bind(trust_id)
    .execute(e)
    .await
    .rows_affected())?;
    if done == 0 {
        return Err(AppError::NotFound("trust"));
    }
    Ok(())
}

/// Renames a school.
pub async fn rename_school(db: &Db, school_id: &str, name: &str) -> AppResult<()> {
    let done = on_db!(db, |e| sqlx::query(
        "UPDATE schools SET name = $1 WHERE id = $2"
    )
    .bind(checked_name(name)?)
    .bind(school_id)
    .execute(e)
    .await
    .rows_affected())?;
    if done == 0 {
        return Err(AppError::NotFound("school"));
    }
    Ok(())
}

/// Closes a school: every member leaves it today, as when the school marks a leaver, and
/// nobody manages it any more. Its policies, attempts and attestations stay, as evidence does.
pub async fn close_school(
    db: &Db,
    school_id: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<u64> {
    let mut tx = db.pool.begin().await?;
    let found: Option<(String,)> = on_db!(tx, |e| sqlx::query_as(
        "SELECT id FROM schools WHERE id = $1"
    )
    .bind(school_id)
    .fetch_optional(e)
    .await)?;
    found.ok_or(AppError::NotFound("school"))?;
    let members: Vec<(String,)> = on_db!(tx, |e| sqlx::query_as(
        "SELECT person_id FROM memberships WHERE school_id = $1 AND active = 1"
    )
    .bind(school_id)
    .fetch_all(e)
    .await)?;
    for (person_id,) in &members {
        deactivate_member(&mut tx, person_id, school_id, now).await?;
    }
    tx.commit().await?;
    Ok(members.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_words_joined_by_hyphens() {
        assert_eq!(
            slug_of("St Anne's C of E Primary"),
            "st-annes-c-of-e-primary"
        );
        assert_eq!(
            slug_of("  Ysgol Gymraeg  Aberystwyth "),
            "ysgol-gymraeg-aberystwyth"
        );
        assert_eq!(slug_of("!!!"), "school");
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(checked_name("  Oak   Trust ").unwrap(), "Oak Trust");
        assert!(checked_name("   ").is_err());
        assert!(checked_name(&"x".repeat(201)).is_err());
    }
}
