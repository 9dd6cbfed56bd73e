//! School calendars: holiday periods, when no reminder goes out and no deadline falls.

use std::collections::HashMap;

use attest_domain::api::{Holiday, NewHoliday};
use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::db::ids::{new_id, parse_date, time_text};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// Every school's holidays, as (first day, last day) inclusive, sorted.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    by_school: HashMap<String, Vec<(NaiveDate, NaiveDate)>>,
}

impl Calendar {
    /// Loads every school's holidays.
    pub async fn load(db: &Db) -> AppResult<Calendar> {
        let rows: Vec<(String, String, String)> = on_db!(db, |e| sqlx::query_as(
            "SELECT school_id, first_day, last_day FROM school_holidays ORDER BY first_day",
        )
        .fetch_all(e)
        .await)?;
        let mut by_school: HashMap<String, Vec<(NaiveDate, NaiveDate)>> = HashMap::new();
        for (school, first, last) in rows {
            if let (Some(first), Some(last)) = (parse_date(&first), parse_date(&last)) {
                by_school.entry(school).or_default().push((first, last));
            }
        }
        Ok(Calendar { by_school })
    }

    /// Whether `day` is a holiday at a school.
    pub fn is_holiday(&self, school_id: &str, day: NaiveDate) -> bool {
        self.school(school_id).is_holiday(day)
    }

    /// `day` itself on a school day; otherwise the first school day after the holiday.
    pub fn first_day_back(&self, school_id: &str, day: NaiveDate) -> NaiveDate {
        self.school(school_id).first_day_back(day)
    }

    /// One school's holidays, looked up once for many questions about it.
    pub fn school(&self, school_id: &str) -> SchoolCalendar<'_> {
        SchoolCalendar {
            periods: self.by_school.get(school_id).map_or(&[], Vec::as_slice),
        }
    }
}

/// One school's holidays, borrowed from a [`Calendar`].
#[derive(Debug, Clone, Copy)]
pub struct SchoolCalendar<'a> {
    periods: &'a [(NaiveDate, NaiveDate)],
}

impl SchoolCalendar<'_> {
    /// Whether `day` is a holiday.
    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        self.first_day_back(day) != day
    }

    /// `day` itself on a school day; otherwise the first school day after the holiday.
    ///
    /// Back-to-back or overlapping periods are followed through to the real first day back.
    pub fn first_day_back(&self, day: NaiveDate) -> NaiveDate {
        let mut day = day;
        // Periods are sorted by first day, so one pass follows any chain of them.
        for (first, last) in self.periods {
            if *first <= day && day <= *last {
                day = last.checked_add_days(Days::new(1)).unwrap_or(*last);
            }
        }
        day
    }
}

/// A school's holidays, earliest first.
pub async fn list_holidays(db: &Db, school_id: &str) -> AppResult<Vec<Holiday>> {
    let rows: Vec<(String, String, String, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT id, name, first_day, last_day FROM school_holidays \
         WHERE school_id = $1 ORDER BY first_day, name",
    )
    .bind(school_id)
    .fetch_all(e)
    .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, first, last)| {
            Some(Holiday {
                id,
                name,
                first_day: parse_date(&first)?,
                last_day: parse_date(&last)?,
            })
        })
        .collect())
}

/// Adds a holiday period after checking it reads sensibly.
pub async fn add_holiday(
    db: &Db,
    school_id: &str,
    new: NewHoliday,
    now: DateTime<Utc>,
) -> AppResult<Holiday> {
    let name = new.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::Unprocessable(
            "give the holiday a name of 1 to 100 characters".into(),
        ));
    }
    if new.last_day < new.first_day {
        return Err(AppError::Unprocessable(
            "a holiday's last day cannot be before its first day".into(),
        ));
    }
    if (new.last_day - new.first_day).num_days() > 366 {
        return Err(AppError::Unprocessable(
            "a holiday cannot be longer than a year".into(),
        ));
    }
    let id = new_id();
    on_db!(db, |e| sqlx::query(
        "INSERT INTO school_holidays (id, school_id, name, first_day, last_day, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(school_id)
    .bind(&name)
    .bind(new.first_day.to_string())
    .bind(new.last_day.to_string())
    .bind(time_text(now))
    .execute(e)
    .await
    .rows_affected())?;
    Ok(Holiday {
        id,
        name,
        first_day: new.first_day,
        last_day: new.last_day,
    })
}

/// Deletes one of a school's holidays and says which ("Half term: 2026-10-26 to 2026-10-30");
/// 404 for ids of other schools' holidays.
pub async fn delete_holiday(db: &Db, school_id: &str, holiday_id: &str) -> AppResult<String> {
    let gone: Option<(String, String, String)> = on_db!(db, |e| sqlx::query_as(
        "DELETE FROM school_holidays WHERE id = $1 AND school_id = $2 \
         RETURNING name, first_day, last_day",
    )
    .bind(holiday_id)
    .bind(school_id)
    .fetch_optional(e)
    .await)?;
    let (name, first, last) = gone.ok_or(AppError::NotFound("holiday"))?;
    Ok(format!("{name}: {first} to {last}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_first_day_back_follows_back_to_back_holidays() {
        let mut cal = Calendar::default();
        cal.by_school.insert(
            "s".into(),
            vec![
                (d("2026-10-26"), d("2026-10-30")),
                (d("2026-10-31"), d("2026-11-01")),
            ],
        );
        assert_eq!(cal.first_day_back("s", d("2026-10-27")), d("2026-11-02"));
        assert_eq!(cal.first_day_back("s", d("2026-10-25")), d("2026-10-25"));
        assert_eq!(
            cal.first_day_back("other", d("2026-10-27")),
            d("2026-10-27")
        );
        assert!(cal.is_holiday("s", d("2026-11-01")));
        assert!(!cal.is_holiday("s", d("2026-11-02")));
    }
}
