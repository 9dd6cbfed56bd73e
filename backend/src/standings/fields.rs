//! Reading the loader's rows: columns by position from either driver, and stored days
//! and dates without the general parsers.

use chrono::NaiveDate;
use sqlx::postgres::PgRow;
use sqlx::Row;

use crate::db::ids::{parse_date, parse_time};
use crate::error::AppResult;

/// A result row from either lane (rusqlite on SQLite, sqlx on PostgreSQL), read by column position.
pub(super) trait Cols {
    /// A text column, borrowed from the row.
    fn text(&self, i: usize) -> AppResult<&str>;
    /// An integer column.
    fn int(&self, i: usize) -> AppResult<i64>;
}

impl Cols for PgRow {
    fn text(&self, i: usize) -> AppResult<&str> {
        Ok(self.try_get(i)?)
    }

    fn int(&self, i: usize) -> AppResult<i64> {
        Ok(self.try_get(i)?)
    }
}

impl Cols for rusqlite::Row<'_> {
    fn text(&self, i: usize) -> AppResult<&str> {
        let value = self.get_ref(i)?;
        value.as_str().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, value.data_type(), Box::new(e)).into()
        })
    }

    fn int(&self, i: usize) -> AppResult<i64> {
        Ok(self.get(i)?)
    }
}

/// `YYYY-MM-DD` without the general parser (most of the loader's time was date parsing).
fn ymd(text: &[u8]) -> Option<NaiveDate> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = text else {
        return None;
    };
    let num = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(&[*y0, *y1, *y2, *y3])?).ok()?;
    NaiveDate::from_ymd_opt(year, num(&[*m0, *m1])?, num(&[*d0, *d1])?)
}

/// A stored time's day (UTC); unreadable text counts as the earliest day.
///
/// Times are stored as UTC RFC 3339 (`db::ids::time_text`, ending in `Z`), whose first
/// ten characters are the day; any other form goes through the full parser.
pub(super) fn day(text: &str) -> NaiveDate {
    let bytes = text.as_bytes();
    if bytes.len() >= 20 && bytes[10] == b'T' && bytes.ends_with(b"Z") {
        if let Some(d) = ymd(&bytes[..10]) {
            return d;
        }
    }
    parse_time(text).map_or(NaiveDate::MIN, |t| t.date_naive())
}

/// A stored date (`YYYY-MM-DD`); unreadable text counts as the earliest day.
pub(super) fn date(text: &str) -> NaiveDate {
    ymd(text.as_bytes())
        .or_else(|| parse_date(text))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_read_as_their_utc_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(day("2026-11-22T08:30:00Z"), d("2026-11-22"));
        assert_eq!(day("2026-11-22T08:30:00.123Z"), d("2026-11-22"));
        // Not as `time_text` writes them: the full parser converts to UTC.
        assert_eq!(day("2026-11-22T00:30:00+01:00"), d("2026-11-21"));
        assert_eq!(day("2026-02-30T08:30:00Z"), NaiveDate::MIN);
        assert_eq!(day("yesterday"), NaiveDate::MIN);
        assert_eq!(date("2026-09-01"), d("2026-09-01"));
        assert_eq!(date("2026-9-1"), d("2026-09-01"));
        assert_eq!(date("soon"), NaiveDate::MIN);
    }
}
