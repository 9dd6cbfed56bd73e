//! Where two-factor sign-in is required: a trust requires it of its central team and of
//! every manager of its schools; a school of its own managers.

use attest_domain::api::TwoFactorRule;

use crate::db::Db;
use crate::error::AppResult;
use crate::on_db;

/// A place that may require two-factor sign-in.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    /// A school, by id.
    School(&'a str),
    /// A trust, by id.
    Trust(&'a str),
}

impl Place<'_> {
    fn table(self) -> &'static str {
        match self {
            Place::School(_) => "schools",
            Place::Trust(_) => "trusts",
        }
    }

    fn id(&self) -> &str {
        match self {
            Place::School(id) | Place::Trust(id) => id,
        }
    }
}

/// Whether a place the person holds a managing role at requires two-factor sign-in.
pub async fn required_of(db: &Db, person_id: &str) -> AppResult<bool> {
    let (count,): (i64,) = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM trusts t WHERE t.require_two_factor = 1 AND ( \
              t.id IN (SELECT trust_id FROM trust_roles WHERE person_id = $1) \
              OR t.id IN (SELECT s.trust_id FROM memberships m JOIN schools s ON s.id = m.school_id \
                          WHERE m.person_id = $1 AND m.active = 1 \
                          AND m.role IN ('school_manager', 'admin')))) \
         + (SELECT COUNT(*) FROM memberships m JOIN schools s ON s.id = m.school_id \
            WHERE m.person_id = $1 AND m.active = 1 AND m.role IN ('school_manager', 'admin') \
            AND s.require_two_factor = 1)",
    )
    .bind(person_id)
    .fetch_one(e).await
    })?;
    Ok(count > 0)
}

/// Whether the person must set up two-factor sign-in before managing anything.
pub async fn must_enrol(db: &Db, person_id: &str) -> AppResult<bool> {
    Ok(required_of(db, person_id).await? && !super::enrol::enrolled(db, person_id).await?)
}

/// A place's rule (and, for a school, its trust's).
pub async fn get(db: &Db, place: Place<'_>) -> AppResult<TwoFactorRule> {
    let sql = match place {
        Place::School(_) => {
            "SELECT s.require_two_factor, COALESCE(t.require_two_factor, 0) FROM schools s \
             LEFT JOIN trusts t ON t.id = s.trust_id WHERE s.id = $1"
        }
        Place::Trust(_) => "SELECT require_two_factor, CAST(0 AS BIGINT) FROM trusts WHERE id = $1",
    };
    let (own, trust): (i64, i64) = on_db!(db, |e| sqlx::query_as(sql)
        .bind(place.id())
        .fetch_one(e)
        .await)?;
    Ok(TwoFactorRule {
        required: own == 1,
        required_by_trust: trust == 1,
    })
}

/// Sets whether the place requires two-factor sign-in; whether it changed.
pub async fn set(db: &Db, place: Place<'_>, required: bool) -> AppResult<bool> {
    let sql = format!(
        "UPDATE {} SET require_two_factor = $1 WHERE id = $2 AND require_two_factor <> $1",
        place.table()
    );
    let changed = on_db!(db, |e| sqlx::query(&sql)
        .bind(i64::from(required))
        .bind(place.id())
        .execute(e)
        .await
        .rows_affected())?;
    Ok(changed > 0)
}
