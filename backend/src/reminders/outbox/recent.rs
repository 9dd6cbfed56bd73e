//! The keys of the reminders written lately, read once so that a sweep skips what it
//! already wrote without asking the database row by row.

use std::borrow::Cow;
use std::hash::{BuildHasher, Hasher};

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use crate::db::ids::time_text;
use crate::db::{Db, DbKind};
use crate::error::{AppError, AppResult};
use crate::on_db;
use crate::reminders::Stage;

use super::write::NewReminder;

/// How far back the sweep looks for reminders it has already written.
const RECENT: Duration = Duration::days(35);

/// An item's key, read back from a stored reminder without copying its text.
#[derive(Deserialize)]
struct ItemKey<'a> {
    #[serde(borrow)]
    version_id: Cow<'a, str>,
    #[serde(borrow)]
    stage: Cow<'a, str>,
    #[serde(borrow)]
    occasion: Cow<'a, str>,
    /// Read past, not kept: items are stored as arrays (see [`DueItem`](super::write::DueItem)).
    #[serde(default, rename = "due")]
    _due: serde::de::IgnoredAny,
}

/// A key (person, version, stage, occasion) as 128 bits: two differently seeded 64-bit
/// hashes, so that half a million keys make a set of 8 MB rather than of their text. The
/// keys are ids, stage names and dates, nothing anyone picks to collide, so two different
/// keys meeting (which would skip one reminder) is as unlikely as a 128-bit hash allows.
fn key_hash(parts: [&str; 4]) -> u128 {
    let half = |seed: u64| {
        let mut hasher = foldhash::quality::FixedState::with_seed(seed).build_hasher();
        for part in parts {
            hasher.write(part.as_bytes());
            hasher.write_u8(0xff); // not UTF-8: no part ends inside another's bytes
        }
        hasher.finish()
    };
    (u128::from(half(0x5157_a11e)) << 64) | u128::from(half(0x0b0e_5eed))
}

/// Separates the parts of a key in its text form, and keys from each other: control
/// characters no id, stage or occasion contains, so two different keys never read alike.
const PART_SEPARATOR: char = '\u{1f}';
const KEY_SEPARATOR: char = '\u{1e}';

/// The keys of the reminders written in the last [`RECENT`] days, for
/// [`write_new`](super::write_new) to skip.
#[derive(Debug)]
pub struct Recent {
    /// Each key's hash ([`key_hash`]); foldhash rather than SipHash for the set itself.
    seen: foldhash::HashSet<u128>,
}

impl Recent {
    /// Reads the keys of the reminders written since `now` − [`RECENT`].
    ///
    /// Aggregated rows instead of one row per reminder: at 100,000 people the recent outbox
    /// holds about half a million rows, and fetching each as its own row costs far more than
    /// the database's concatenating them. Grouping by `created_at` follows the index the
    /// window is read through, so SQLite needs no sort (grouping by school would visit the
    /// table in school order, at random).
    pub async fn read(db: &Db, now: DateTime<Utc>) -> AppResult<Recent> {
        let (aggregate, char) = match db.kind() {
            DbKind::Sqlite => ("group_concat", "char"),
            DbKind::Postgres => ("string_agg", "chr"),
        };
        let part = format!("{char}({})", u32::from(PART_SEPARATOR));
        // Each key, then the policies of a reminder listing several (empty for the rest).
        let listing = Stage::ALL
            .iter()
            .filter(|s| s.is_staff())
            .map(|s| format!("'{}'", s.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {aggregate}(person_id || {part} || version_id || {part} || stage || {part} \
               || occasion || {part} \
               || CASE WHEN version_id = '' AND stage IN ({listing}) THEN details ELSE '' END, \
               {char}({})) \
             FROM reminders WHERE created_at >= $1 GROUP BY created_at",
            u32::from(KEY_SEPARATOR)
        );
        let rows: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(&sql)
            .bind(time_text(now - RECENT))
            .fetch_all(e)
            .await)?;
        // Parsing half a million keys takes a few hundred milliseconds: off the runtime's threads.
        let texts: Vec<String> = rows.into_iter().map(|(text,)| text).collect();
        tokio::task::spawn_blocking(move || Recent::parse(&texts))
            .await
            .map_err(|e| AppError::Internal(format!("reading the outbox's recent keys: {e}")))
    }

    /// The keys in [`Recent::read`]'s text: each record is a key's parts and the policies
    /// a reminder listing several names (empty for the rest).
    fn parse(texts: &[String]) -> Recent {
        let mut seen = foldhash::HashSet::default();
        for record in texts.iter().flat_map(|text| text.split(KEY_SEPARATOR)) {
            let mut parts = record.splitn(5, PART_SEPARATOR);
            let mut next = || parts.next().unwrap_or_default();
            let (person, version, stage, occasion, items) =
                (next(), next(), next(), next(), next());
            if items.is_empty() {
                seen.insert(key_hash([person, version, stage, occasion]));
                continue;
            }
            for item in serde_json::from_str::<Vec<ItemKey<'_>>>(items).unwrap_or_default() {
                seen.insert(key_hash([
                    person,
                    &item.version_id,
                    &item.stage,
                    &item.occasion,
                ]));
            }
        }
        Recent { seen }
    }

    /// Whether every key `row` covers is among these (so it would not be written).
    pub fn covers(&self, row: &NewReminder) -> bool {
        key_hashes(row).all(|key| self.seen.contains(&key))
    }

    /// The indexes of the rows with a key not among these: a staff reminder is new if any
    /// policy it lists is at a stage not mailed recently.
    pub(super) fn unseen(&self, rows: &[NewReminder]) -> Vec<usize> {
        (0..rows.len())
            .filter(|&i| !self.covers(&rows[i]))
            .collect()
    }
}

/// The hashes of the keys this reminder covers: each listed policy's, as a one-policy
/// row has it, or its own.
fn key_hashes(row: &NewReminder) -> impl Iterator<Item = u128> + '_ {
    let own = row.items.is_empty().then(|| {
        key_hash([
            &row.person_id,
            &row.version_id,
            row.stage.as_str(),
            &row.occasion,
        ])
    });
    own.into_iter().chain(row.items.iter().map(|item| {
        key_hash([
            &row.person_id,
            &item.version_id,
            item.stage.as_str(),
            &item.occasion,
        ])
    }))
}

#[cfg(test)]
mod tests {
    use super::super::write::test_rows::{item, staff};
    use super::*;

    #[test]
    fn a_policy_listed_in_a_recent_reminder_is_not_new() {
        let a = item("v1", Stage::Due7, "2026-09-15");
        let b = item("v2", Stage::Due7, "2026-09-15");
        let sent = staff(vec![a.clone(), b.clone()]);
        let sep = PART_SEPARATOR.to_string();
        let text = [
            "person",
            "",
            sent.stage.as_str(),
            &sent.occasion,
            &sent.details,
        ]
        .join(&sep);
        let recent = Recent::parse(&[text]);
        // One of the two left at the same stage: nothing new. A stage not mailed: new.
        let left = staff(vec![b.clone()]);
        let moved = staff(vec![item("v2", Stage::Due1, "2026-09-15")]);
        let added = staff(vec![a, b, item("v3", Stage::NewStarter, "2026-09-30")]);
        assert_eq!(recent.unseen(&[left.clone(), moved, added]), [1, 2]);

        // Reminders written before items were arrays list them as objects.
        let objects =
            r#"[{"version_id":"v2","stage":"due_7","occasion":"2026-09-15","due":"2026-09-15"}]"#;
        let text = ["person", "", "due_7", "1 policies/x", objects].join(&sep);
        assert_eq!(Recent::parse(&[text]).unseen(&[left]), [0; 0]);
    }
}
