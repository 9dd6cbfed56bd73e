//! Schools' time zones: the times people read (receipts, the audit log, the evidence
//! report, the quiz's "try again from") are on their school's clock, named as they know it
//! ("GMT", "BST"), not in UTC. Times are still stored in UTC.

use attest_domain::api::Zone;
use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// A school's clock, read from the time-zone database the server carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolZone(Tz);

impl Default for SchoolZone {
    fn default() -> Self {
        SchoolZone(chrono_tz::Europe::London)
    }
}

impl Zone for SchoolZone {
    fn local(&self, utc: NaiveDateTime) -> (NaiveDateTime, String) {
        let at = self.0.from_utc_datetime(&utc);
        (at.naive_local(), at.format("%Z").to_string())
    }
}

impl SchoolZone {
    /// Its IANA name ("Europe/London").
    pub fn name(&self) -> &'static str {
        self.0.name()
    }
}

/// An IANA name ("Europe/London") as a zone; 422 for one the database does not know.
pub fn parse(name: &str) -> AppResult<SchoolZone> {
    name.trim().parse::<Tz>().map(SchoolZone).map_err(|_| {
        AppError::Unprocessable(format!(
            "“{}” is not a time zone: use a name such as Europe/London",
            name.trim()
        ))
    })
}

/// A stored name as a zone: the default for one the database no longer knows, so a time
/// is still shown.
pub fn stored(name: &str) -> SchoolZone {
    parse(name).unwrap_or_default()
}

/// The school's zone (the default for a school that does not exist).
pub async fn of_school(db: &Db, school_id: &str) -> AppResult<SchoolZone> {
    let row: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT time_zone FROM schools WHERE id = $1"
    )
    .bind(school_id)
    .fetch_optional(e)
    .await)?;
    Ok(row.map(|(name,)| stored(&name)).unwrap_or_default())
}

/// The zone a person's pages show times in: their first school's by name (a current
/// membership before a past one); for a trust's central team with no school of their
/// own, their trust's first school's; else the default.
pub async fn of_person(db: &Db, person_id: &str) -> AppResult<SchoolZone> {
    let row: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT s.time_zone FROM memberships m JOIN schools s ON s.id = m.school_id \
         WHERE m.person_id = $1 ORDER BY m.active DESC, s.name LIMIT 1",
    )
    .bind(person_id)
    .fetch_optional(e)
    .await)?;
    let row = match row {
        Some(row) => Some(row),
        None => on_db!(db, |e| sqlx::query_as(
            "SELECT s.time_zone FROM trust_roles r JOIN schools s ON s.trust_id = r.trust_id \
                 WHERE r.person_id = $1 ORDER BY s.name LIMIT 1",
        )
        .bind(person_id)
        .fetch_optional(e)
        .await)?,
    };
    Ok(row.map(|(name,)| stored(&name)).unwrap_or_default())
}

/// Sets a school's zone; 404 if there is no such school.
pub async fn set(db: &Db, school_id: &str, zone: SchoolZone) -> AppResult<()> {
    let done = on_db!(db, |e| sqlx::query(
        "UPDATE schools SET time_zone = $1 WHERE id = $2"
    )
    .bind(zone.name())
    .bind(school_id)
    .execute(e)
    .await
    .rows_affected())?;
    if done == 0 {
        return Err(AppError::NotFound("school"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use attest_domain::api::date_time;

    #[test]
    fn london_reads_gmt_in_winter_and_bst_in_summer() {
        let london = parse("Europe/London").unwrap();
        assert_eq!(
            date_time("2026-12-06T10:57:28Z", &london),
            "6 December 2026 at 10:57 GMT"
        );
        assert_eq!(
            date_time("2026-07-01T23:30:00Z", &london),
            "2 July 2026 at 00:30 BST"
        );
        assert_eq!(
            SchoolZone::default().name(),
            attest_domain::api::DEFAULT_TIME_ZONE
        );
    }

    #[test]
    fn an_unknown_name_is_refused_and_a_stored_one_falls_back() {
        assert!(matches!(
            parse("Mars/Olympus"),
            Err(AppError::Unprocessable(_))
        ));
        assert_eq!(stored("Mars/Olympus"), SchoolZone::default());
        assert_eq!(parse(" Europe/Dublin ").unwrap().name(), "Europe/Dublin");
    }
}
