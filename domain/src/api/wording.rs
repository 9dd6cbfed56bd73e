//! Dates, times, counts and messages as people write them ("20 December 2026", "1 person",
//! "3 tries"), shared by the server's texts (the attestation statement) and the app's pages,
//! so both say them the same way.
//!
//! Written out rather than with chrono's format strings, whose machinery would add to the
//! app's download.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "20 December 2026".
pub fn long_date(date: NaiveDate) -> String {
    let month = MONTHS.get(date.month0() as usize).copied().unwrap_or("");
    format!("{} {month} {}", date.day(), date.year())
}

/// A school's clock: where a moment in UTC falls in its time zone, and the name people
/// give that zone then ("GMT", "BST"). The domain holds no time-zone database (it would
/// weigh on the app's download); the server reads one, the browser asks its own.
pub trait Zone {
    /// The local time and the zone's short name at `utc`.
    fn local(&self, utc: NaiveDateTime) -> (NaiveDateTime, String);
}

/// UTC itself, for times with no school to read them in.
#[derive(Debug, Clone, Copy, Default)]
pub struct InUtc;

impl Zone for InUtc {
    fn local(&self, utc: NaiveDateTime) -> (NaiveDateTime, String) {
        (utc, "UTC".to_string())
    }
}

/// A stored time ("2026-12-20T09:05:00Z", or "2026-12-20 09:05:00") as "20 December 2026 at
/// 09:05 GMT", on the clock of `zone`. Anything else is shown as stored.
pub fn date_time(stored: &str, zone: &impl Zone) -> String {
    // SQLite's own "2026-12-20 09:05:00" is RFC 3339 in UTC once its space is a "T" and
    // its zone said: one parser, not chrono's format-string one as well.
    let rfc3339 = match stored.split_once(' ') {
        Some((day, time)) if !time.contains(['Z', '+']) => format!("{day}T{time}Z"),
        _ => stored.to_string(),
    };
    match chrono::DateTime::parse_from_rfc3339(&rfc3339) {
        Ok(t) => {
            let (local, name) = zone.local(t.naive_utc());
            format!(
                "{} at {:02}:{:02} {name}",
                long_date(local.date()),
                local.hour(),
                local.minute()
            )
        }
        Err(_) => stored.to_string(),
    }
}

/// "1 person", "2 people": the count with the right form of the word.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A message as a sentence: a capital first letter and a full stop.
pub fn sentence(message: &str) -> String {
    let message = message.trim();
    let mut chars = message.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = first.to_uppercase().chain(chars).collect();
    if !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_read_as_people_write_them() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(long_date(date(2026, 12, 20)), "20 December 2026");
        assert_eq!(long_date(date(2027, 1, 1)), "1 January 2027");
        assert_eq!(
            date_time("2026-09-01T09:05:00Z", &InUtc),
            "1 September 2026 at 09:05 UTC"
        );
        assert_eq!(
            date_time("2026-09-01T10:05:00+01:00", &InUtc),
            "1 September 2026 at 09:05 UTC"
        );
        assert_eq!(
            date_time("2026-09-01 09:05:00", &InUtc),
            "1 September 2026 at 09:05 UTC"
        );
        assert_eq!(date_time("soon", &InUtc), "soon");
    }

    /// A zone an hour ahead, whatever the day: enough to see the clock is the zone's.
    struct AnHourAhead;

    impl Zone for AnHourAhead {
        fn local(&self, utc: NaiveDateTime) -> (NaiveDateTime, String) {
            (utc + chrono::Duration::hours(1), "BST".to_string())
        }
    }

    #[test]
    fn times_are_on_the_zones_clock_with_its_name() {
        assert_eq!(
            date_time("2026-07-01T23:30:00Z", &AnHourAhead),
            "2 July 2026 at 00:30 BST"
        );
    }

    #[test]
    fn counts_and_sentences_read_right() {
        assert_eq!(count(1u32, "person", "people"), "1 person");
        assert_eq!(count(2u32, "person", "people"), "2 people");
        assert_eq!(count(0u32, "try", "tries"), "0 tries");
        assert_eq!(
            sentence("describe the situation in 1 to 1000 characters"),
            "Describe the situation in 1 to 1000 characters."
        );
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(sentence("  "), "");
    }
}
