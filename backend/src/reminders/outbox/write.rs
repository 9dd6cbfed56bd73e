//! Writing reminders into the outbox once: bulk inserts, duplicates dropped by the unique key.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::db::ids::{new_ids, time_text};
use crate::db::lite;
use crate::db::{Db, Lane};
use crate::error::AppResult;
use crate::reminders::Stage;

use super::insert::{insert_lite, insert_postgres, Batch};
use super::recent::Recent;

/// From this many rows on, reading the recent keys first is cheaper than letting every
/// duplicate meet the unique key; fewer (a manual reminder, a sign-in link) just insert.
const READ_RECENT_FROM: usize = 1_000;

/// A reminder to write unless it already exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReminder {
    /// The school it comes from (none for account mail).
    pub school_id: Option<String>,
    /// Who receives it.
    pub person_id: String,
    /// The policy version it is about ('' when none).
    pub version_id: String,
    /// Why.
    pub stage: Stage,
    /// What makes the stage happen again (see the migration).
    pub occasion: String,
    /// The deadline it is about.
    pub due_on: Option<NaiveDate>,
    /// JSON details (a digest's list).
    pub details: String,
    /// Not before.
    pub send_after: DateTime<Utc>,
    /// The policies a staff reminder is about (empty for other mail): each is written
    /// once, and a reminder whose every item went out recently is not written again.
    pub items: Vec<DueItem>,
}

/// One policy in a person's reminder: its version, the stage it is at and why.
///
/// Written as an array (`["<version>", "due_7", "<occasion>", "<due>"]`), not an
/// object: a reminder lists up to one per policy, and the field names were two fifths
/// of its bytes, which the sweep writes 100,000 times. Objects written before still
/// read, as serde reads a struct from either.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DueItem {
    /// The policy version to complete.
    pub version_id: String,
    /// Its stage (new_starter … overdue).
    pub stage: Stage,
    /// What makes the stage happen again (see the migration).
    pub occasion: String,
    /// Its (moved) deadline.
    pub due: NaiveDate,
}

impl Serialize for DueItem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (&self.version_id, self.stage, &self.occasion, self.due).serialize(s)
    }
}

impl NewReminder {
    /// One person's reminder from one school about every policy due at a stage today.
    ///
    /// A single policy keeps the outbox's one-policy form (version, stage, deadline); several
    /// are one mail listing them all (`details`), under the most pressing stage and an
    /// occasion that names the set, so that a rerun finds the same key. Naming the set and
    /// listing it wait for [`NewReminder::settle`], which [`write_new`] calls only for the
    /// reminders it writes: a repeat sweep finds nearly all of them written already.
    /// `items` must not be empty.
    pub fn for_staff(
        school_id: &str,
        person_id: &str,
        mut items: Vec<DueItem>,
        send_after: DateTime<Utc>,
    ) -> NewReminder {
        let (version_id, stage, occasion) = match items.as_slice() {
            [one] => (one.version_id.clone(), one.stage, one.occasion.clone()),
            _ => {
                items.sort_unstable_by(|a, b| a.version_id.cmp(&b.version_id));
                let stage = items.iter().map(|i| i.stage).max_by_key(|s| s.urgency());
                (
                    String::new(),
                    stage.unwrap_or(Stage::NewStarter),
                    String::new(),
                )
            }
        };
        NewReminder {
            school_id: Some(school_id.to_string()),
            person_id: person_id.to_string(),
            version_id,
            stage,
            occasion,
            due_on: items.iter().map(|i| i.due).min(),
            details: String::new(),
            send_after,
            items,
        }
    }

    /// Names and lists the set of a reminder about several policies (see
    /// [`NewReminder::for_staff`]); nothing to do for any other.
    pub fn settle(&mut self) {
        if self.items.len() < 2 || !self.occasion.is_empty() {
            return;
        }
        let mut set = Sha256::new();
        for item in &self.items {
            for part in [
                item.version_id.as_str(),
                item.stage.as_str(),
                &item.occasion,
            ] {
                set.update(part.as_bytes());
                set.update([0]);
            }
        }
        let set = hex::encode(&set.finalize()[..8]);
        self.occasion = format!("{} policies/{set}", self.items.len());
        self.details = serde_json::to_string(&self.items).unwrap_or_default();
    }

    fn key(&self) -> (&str, &str, &str, &str) {
        (
            &self.person_id,
            &self.version_id,
            self.stage.as_str(),
            &self.occasion,
        )
    }
}

/// Writes the reminders that do not exist yet, in one transaction, and returns those.
///
/// The unique key makes a rerun (or a second server sweeping at the same moment)
/// write nothing; with `dry_run` the transaction is rolled back. `recent` are keys
/// already read (the sweep reads them while it loads the standings); without them, a
/// large write reads them first.
pub async fn write_new(
    db: &Db,
    mut rows: Vec<NewReminder>,
    now: DateTime<Utc>,
    dry_run: bool,
    recent: Option<Recent>,
) -> AppResult<Vec<NewReminder>> {
    let t = std::time::Instant::now();
    // Most of what a sweep finds due was written by a recent sweep: skip those without
    // asking the database row by row. Older duplicates (and any written since the keys
    // were read) still meet the unique key below. Read outside the transaction: on
    // SQLite a transaction that reads first cannot wait its turn to write (it fails
    // "locked"), one that starts by writing can.
    let recent = match recent {
        Some(recent) => Some(recent),
        None if rows.len() >= READ_RECENT_FROM => Some(Recent::read(db, now).await?),
        None => None,
    };
    let mut fresh: Vec<usize> = match &recent {
        Some(recent) => recent.unseen(&rows),
        None => (0..rows.len()).collect(),
    };
    drop(recent);
    tracing::debug!(elapsed = ?t.elapsed(), fresh = fresh.len(), "outbox: recent keys read");
    let t = std::time::Instant::now();
    for &i in &fresh {
        rows[i].settle();
    }
    // The same order on every server: two sweeping at once take the unique key's row
    // locks in one order (PostgreSQL), so neither waits on the other in a cycle; and
    // SQLite inserts into the key's index in order.
    fresh.sort_unstable_by(|&a, &b| rows[a].key().cmp(&rows[b].key()));
    // Ids in the same order as the keys: both indexes then grow at one moving point
    // instead of at random places (the ids are as random as ever, only handed out sorted).
    let mut ids = new_ids(fresh.len());
    ids.sort_unstable();
    let created_at = time_text(now);
    let batch = Batch {
        rows: &rows,
        fresh: &fresh,
        ids: &ids,
        created_at: &created_at,
    };
    let inserted = match db.lane() {
        Lane::Sqlite(lite) => lite::bulk(|| insert_lite(lite, &batch, dry_run))?,
        Lane::Postgres(pool) => insert_postgres(pool, &batch, dry_run).await?,
    };
    let mut written = vec![false; rows.len()];
    for (&i, went_in) in fresh.iter().zip(inserted) {
        written[i] = went_in;
    }
    tracing::debug!(elapsed = ?t.elapsed(), "outbox: new rows inserted");
    Ok(rows
        .into_iter()
        .zip(written)
        .filter_map(|(r, w)| w.then_some(r))
        .collect())
}

/// Reminders for the outbox's unit tests.
#[cfg(test)]
pub(super) mod test_rows {
    use super::*;

    /// A due policy whose occasion is its deadline.
    pub fn item(version: &str, stage: Stage, due: &str) -> DueItem {
        DueItem {
            version_id: version.into(),
            stage,
            occasion: due.into(),
            due: due.parse().unwrap(),
        }
    }

    /// A settled staff reminder about `items`.
    pub fn staff(items: Vec<DueItem>) -> NewReminder {
        let mut row =
            NewReminder::for_staff("school", "person", items, DateTime::<Utc>::UNIX_EPOCH);
        row.settle();
        row
    }
}

#[cfg(test)]
mod tests {
    use super::test_rows::{item, staff};
    use super::*;

    #[test]
    fn one_due_policy_keeps_the_one_policy_form() {
        let one = staff(vec![item("v1", Stage::Due7, "2026-09-15")]);
        assert_eq!((one.version_id.as_str(), one.stage), ("v1", Stage::Due7));
        assert_eq!(one.occasion, "2026-09-15");
        assert!(one.details.is_empty());
    }

    #[test]
    fn several_are_one_reminder_under_the_most_pressing_stage_keyed_by_the_set() {
        let a = item("v1", Stage::NewStarter, "2026-09-20");
        let b = item("v2", Stage::Overdue, "2026-09-01");
        let both = staff(vec![a.clone(), b.clone()]);
        assert_eq!((both.version_id.as_str(), both.stage), ("", Stage::Overdue));
        assert_eq!(both.due_on, Some("2026-09-01".parse().unwrap()));
        let listed: Vec<DueItem> = serde_json::from_str(&both.details).unwrap();
        assert_eq!(listed, [a.clone(), b.clone()]);
        assert!(
            both.details
                .starts_with(r#"[["v1","new_starter","2026-09-20","2026-09-20"],"#),
            "items as arrays: {}",
            both.details
        );
        // The same set in another order is the same reminder; another set is not.
        assert_eq!(staff(vec![b.clone(), a.clone()]).key(), both.key());
        let moved = item("v1", Stage::Due7, "2026-09-20");
        assert_ne!(staff(vec![moved, b]).key(), both.key());
    }

    #[test]
    fn items_written_as_objects_still_read() {
        let old =
            r#"[{"version_id":"v1","stage":"due_7","occasion":"2026-09-15","due":"2026-09-15"}]"#;
        let read: Vec<DueItem> = serde_json::from_str(old).unwrap();
        assert_eq!(read, [item("v1", Stage::Due7, "2026-09-15")]);
    }
}
