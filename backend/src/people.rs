//! Reading people, their schools and their groups.

use attest_domain::api::{Me, Membership, Role};

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// A person with their memberships, for `GET /api/me`.
pub async fn load_me(db: &Db, person_id: &str) -> AppResult<Me> {
    let (id, name, email): (String, String, String) = on_db!(db, |e| sqlx::query_as(
        "SELECT id, name, email FROM people WHERE id = $1"
    )
    .bind(person_id)
    .fetch_optional(e)
    .await)?
    .ok_or(AppError::NotFound("person"))?;
    let rows: Vec<(String, String, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT s.id, s.name, m.role FROM memberships m JOIN schools s ON s.id = m.school_id \
         WHERE m.person_id = $1 ORDER BY s.name",
    )
    .bind(person_id)
    .fetch_all(e)
    .await)?;
    let mut memberships = Vec::new();
    for (school_id, school_name, role) in rows {
        let groups: Vec<(String,)> = on_db!(db, |e| {
            sqlx::query_as(
            "SELECT group_name FROM person_groups WHERE person_id = $1 AND school_id = $2 ORDER BY group_name",
        )
        .bind(person_id)
        .bind(&school_id)
        .fetch_all(e).await
        })?;
        memberships.push(Membership {
            school_id,
            school_name,
            role: Role::parse(&role).unwrap_or(Role::Staff),
            groups: groups.into_iter().map(|(g,)| g).collect(),
        });
    }
    let manager = crate::manage::access::load_manager(db, person_id).await?;
    let manages = !manager.schools.is_empty() || !manager.trusts.is_empty();
    let time_zone = crate::zone::of_person(db, person_id)
        .await?
        .name()
        .to_string();
    Ok(Me {
        time_zone,
        must_enrol_two_factor: manages
            && crate::auth::two_factor::rule::must_enrol(db, person_id).await?,
        manages,
        id,
        name,
        email,
        memberships,
    })
}
