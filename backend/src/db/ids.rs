//! Random identifiers, tokens and the clock's text form.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rand::RngCore;

/// A new random id: 128 bits as hex, so ids cannot be guessed or enumerated.
pub fn new_id() -> String {
    random_hex(16)
}

/// `n` new ids as [`new_id`] makes them, from one read of the OS generator.
pub fn new_ids(n: usize) -> Vec<String> {
    let mut buf = vec![0u8; n * 16];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    buf.chunks(16).map(hex::encode).collect()
}

/// `bytes` random bytes from the OS generator, as lowercase hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

/// A time as stored: UTC RFC 3339 to the second.
pub fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Reads a stored time; `None` for text that is not one.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Reads a stored date ("YYYY-MM-DD").
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_long_and_distinct() {
        let (a, b) = (new_id(), new_id());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        let many = new_ids(3);
        assert_eq!(many.len(), 3);
        assert!(many.iter().all(|id| id.len() == 32));
        assert_ne!(many[0], many[2]);
    }

    #[test]
    fn times_round_trip_through_text() {
        let t = parse_time("2026-11-22T08:30:00Z").unwrap();
        assert_eq!(time_text(t), "2026-11-22T08:30:00Z");
        assert!(parse_time("yesterday").is_none());
    }
}
