//! What this process's group-commit writer appended to history, by standings log ids.
//!
//! Catching cached standings up reads again, from the database, the history of the people
//! logged since (see [`super::catch_up`]). Most of those writes went through this
//! process's writer, which knows what it wrote: for each batch it notes the changes and
//! the range of log ids the batch's triggers appended (read inside the batch's
//! transaction, which holds SQLite's write lock, so no other writer's rows fall within
//! it). Standings whose whole gap in the log is covered by noted batches replay them in
//! memory instead of reading. Any id not covered — a write by another path or process,
//! a batch whose changes did not match its rows, or one forgotten under the cap — means
//! reading from the database as before.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;

use super::fields::day;
use crate::db::writer::{Note, Observer};

/// Changes kept by default: two per attestation of the September rush (the submission and
/// the attestation), some 100 bytes each.
pub const DEFAULT_CAP: usize = 131_072;

/// What one change did to a person's history of one version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// Attested on a day: record `record` of the school's chain.
    Held {
        /// The day signed.
        on: NaiveDate,
        /// Its place in the school's chain.
        record: i64,
    },
    /// A quiz attempt started on a day, and the day it passed if it did.
    Attempt {
        /// The day it was started.
        started: NaiveDate,
        /// The day a passing submission was stored.
        passed: Option<NaiveDate>,
    },
    /// Lessons read, as saved on a day.
    Progress {
        /// Lessons done.
        done: i64,
        /// The day saved.
        on: NaiveDate,
    },
}

/// One committed batch's changes, in the order they were written.
#[derive(Debug, Default)]
pub struct Batch {
    /// Each change's person and version ids, end to end.
    text: String,
    /// Per change: where its person's id ends and its version's id ends in `text`.
    changes: Vec<(u32, u32, What)>,
}

impl What {
    /// Attested at `attested_at` (a stored time): record `record` of the school's chain.
    pub fn held(attested_at: &str, record: i64) -> What {
        let on = day(attested_at);
        What::Held { on, record }
    }

    /// An attempt started at `created_at`, passed at `passed_at` if it did.
    pub fn attempt(created_at: &str, passed_at: Option<&str>) -> What {
        let (started, passed) = (day(created_at), passed_at.map(day));
        What::Attempt { started, passed }
    }

    /// Lessons read, saved at `updated_at`.
    pub fn progress(done: i64, updated_at: &str) -> What {
        let on = day(updated_at);
        What::Progress { done, on }
    }
}

/// One committed write's change to a person's history of one version, as the writer's
/// observer is told of it.
#[derive(Debug)]
pub struct Change {
    person: String,
    version: String,
    what: What,
}

impl Change {
    /// The note a write hands the writer for the journal.
    pub fn note(person: &str, version: &str, what: What) -> Note {
        Box::new(Change {
            person: person.to_string(),
            version: version.to_string(),
            what,
        })
    }
}

impl Batch {
    /// Notes a change to `person`'s history of `version`.
    pub fn push(&mut self, person: &str, version: &str, what: What) {
        self.text.push_str(person);
        let person_end = offset(self.text.len());
        self.text.push_str(version);
        self.changes
            .push((person_end, offset(self.text.len()), what));
    }

    /// How many changes it holds.
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Each change: (person id, version id, what).
    pub fn changes(&self) -> impl Iterator<Item = (&str, &str, What)> + Clone + '_ {
        let mut start = 0;
        self.changes
            .iter()
            .map(move |&(person_end, version_end, what)| {
                let (p, v) = (person_end as usize, version_end as usize);
                let change = (&self.text[start..p], &self.text[p..v], what);
                start = v;
                change
            })
    }
}

/// An offset into a batch's text (a batch is far below 4 GB).
fn offset(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// A batch with the log ids its rows took: after `from`, up to and including `to`.
#[derive(Debug)]
pub struct Noted {
    from: i64,
    to: i64,
    /// The changes.
    pub batch: Batch,
}

/// The batches this process's writer committed lately, oldest first.
#[derive(Debug)]
pub struct Journal {
    cap: usize,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    noted: VecDeque<Arc<Noted>>,
    changes: usize,
}

impl Default for Journal {
    fn default() -> Self {
        Journal::new(DEFAULT_CAP)
    }
}

impl Journal {
    /// A journal keeping at most `cap` changes (the oldest batches go first).
    pub fn new(cap: usize) -> Journal {
        Journal {
            cap,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// Notes a committed batch whose rows took log ids `from + 1 ..= to`: one per change,
    /// or the batch is not noted (its ids are then not covered, and are read instead).
    pub fn note(&self, from: i64, to: i64, batch: Batch) {
        let fits = usize::try_from(to - from).is_ok_and(|rows| rows == batch.len());
        if batch.is_empty() || !fits || batch.len() > self.cap {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.changes += batch.len();
        inner.noted.push_back(Arc::new(Noted { from, to, batch }));
        while inner.changes > self.cap {
            let Some(gone) = inner.noted.pop_front() else {
                break;
            };
            inner.changes -= gone.batch.len();
        }
    }

    /// The batches that took every log id after `since` up to `until`, in order; `None`
    /// if any id between is not covered.
    pub fn covering(&self, since: i64, until: i64) -> Option<Vec<Arc<Noted>>> {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let mut at = since;
        let mut found = Vec::new();
        for noted in inner.noted.iter().skip_while(|n| n.to <= since) {
            if at == until {
                break;
            }
            if noted.from != at || noted.to > until {
                return None;
            }
            found.push(noted.clone());
            at = noted.to;
        }
        (at == until).then_some(found)
    }

    /// Forgets batches no standings held are behind (all of whose ids are at most `log`).
    pub fn forget_through(&self, log: i64) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        while inner.noted.front().is_some_and(|n| n.to <= log) {
            if let Some(gone) = inner.noted.pop_front() {
                inner.changes -= gone.batch.len();
            }
        }
    }
}

/// The standings log's last id: what the triggers of each history write append to.
const LOG_END: &str = "SELECT COALESCE(MAX(id), 0) FROM standing_log";

impl Observer for Journal {
    fn mark(&self) -> &'static str {
        LOG_END
    }

    fn committed(&self, from: i64, to: i64, notes: Vec<Note>) {
        let mut batch = Batch::default();
        for note in notes {
            // Every history write notes a `Change`; anything else noted is not history.
            if let Ok(change) = note.downcast::<Change>() {
                batch.push(&change.person, &change.version, change.what);
            }
        }
        self.note(from, to, batch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(n: usize) -> Batch {
        let mut b = Batch::default();
        for i in 0..n {
            b.push(
                &format!("p{i}"),
                "v",
                What::attempt("2026-09-01T08:00:00Z", None),
            );
        }
        b
    }

    #[test]
    fn changes_come_back_in_order_with_their_ids() {
        let mut b = Batch::default();
        b.push("ann", "v1", What::held("2026-09-02T10:00:00Z", 7));
        let passed = What::attempt("2026-09-01T08:00:00Z", Some("2026-09-03T09:00:00Z"));
        b.push("bo", "v22", passed);
        b.push("cy", "v3", What::progress(2, "2026-09-04T11:00:00Z"));
        let d = |n| NaiveDate::from_ymd_opt(2026, 9, n).unwrap_or_default();
        let all: Vec<_> = b.changes().collect();
        assert_eq!(
            all,
            vec![
                (
                    "ann",
                    "v1",
                    What::Held {
                        on: d(2),
                        record: 7
                    }
                ),
                (
                    "bo",
                    "v22",
                    What::Attempt {
                        started: d(1),
                        passed: Some(d(3))
                    }
                ),
                ("cy", "v3", What::Progress { done: 2, on: d(4) }),
            ]
        );
    }

    #[test]
    fn only_an_unbroken_run_of_batches_covers_a_gap() {
        let journal = Journal::new(100);
        journal.note(10, 12, batch(2));
        journal.note(12, 15, batch(3));
        journal.note(17, 18, batch(1)); // 16 and 17 were written elsewhere
        let lens = |c: Option<Vec<Arc<Noted>>>| {
            c.map(|v| v.iter().map(|n| n.batch.len()).collect::<Vec<_>>())
        };
        assert_eq!(lens(journal.covering(10, 15)), Some(vec![2, 3]));
        assert_eq!(lens(journal.covering(12, 15)), Some(vec![3]));
        assert_eq!(lens(journal.covering(15, 15)), Some(vec![]));
        assert_eq!(
            lens(journal.covering(10, 18)),
            None,
            "16 and 17 are not covered"
        );
        assert_eq!(lens(journal.covering(17, 18)), Some(vec![1]));
        assert_eq!(lens(journal.covering(9, 15)), None, "10 is not covered");
        assert_eq!(
            lens(journal.covering(11, 15)),
            None,
            "never from within a batch"
        );
        assert_eq!(lens(journal.covering(10, 14)), None, "nor to within one");
    }

    #[test]
    fn a_batch_whose_rows_do_not_match_its_changes_is_not_noted() {
        let journal = Journal::new(100);
        journal.note(0, 3, batch(2));
        assert!(journal.covering(0, 3).is_none());
        journal.note(3, 3, batch(0));
        assert!(journal.covering(0, 0).is_some());
    }

    #[test]
    fn the_oldest_go_first_over_the_cap_and_once_nobody_is_behind_them() {
        let journal = Journal::new(5);
        journal.note(0, 2, batch(2));
        journal.note(2, 4, batch(2));
        journal.note(4, 6, batch(2));
        assert!(journal.covering(0, 6).is_none(), "the first was forgotten");
        assert!(journal.covering(2, 6).is_some());
        journal.forget_through(4);
        assert!(journal.covering(2, 6).is_none());
        assert!(journal.covering(4, 6).is_some());
    }
}
