//! History as it is read: attestations, attempts and reading matched to the people and
//! versions loaded.
//!
//! A *part* of the history is what one reader reads: a large scope's history is read in
//! parts at once, each into a [`History`] of its own through a [`Reader`] sharing the
//! builder's [`Keys`]. The parts hold different people, so they simply add up
//! ([`History::absorb`]).

use chrono::NaiveDate;
use foldhash::HashMap;

use super::{earliest, new_held, Key};
use crate::standings::held::HeldRuns;
use crate::standings::AttemptFacts;

/// The ids that history rows name, looked up.
#[derive(Debug, Default)]
pub(in crate::standings) struct Keys {
    pub(super) person_ids: HashMap<String, usize>,
    /// Version id → (policy, seq).
    pub(super) version_ids: HashMap<String, (u32, i64)>,
}

impl Keys {
    /// The id in the middle of the people's, in byte order (`None` for fewer than two).
    pub fn middle_person(&self) -> Option<String> {
        let mut ids: Vec<&str> = self.person_ids.keys().map(String::as_str).collect();
        if ids.len() < 2 {
            return None;
        }
        let middle = ids.len() / 2;
        let (_, id, _) = ids.select_nth_unstable(middle);
        Some((*id).to_string())
    }

    /// A person's key for a version in scope.
    fn of(&self, person_id: &str, version_id: &str) -> Option<Key> {
        let person = *self.person_ids.get(person_id)?;
        let &(policy, seq) = self.version_ids.get(version_id)?;
        Some((person, policy, seq))
    }
}

/// Some people's history: their attestations, and their work on versions not attested.
#[derive(Debug, Default)]
pub(in crate::standings) struct History {
    pub(super) held: HeldRuns,
    pub(super) work: HashMap<Key, AttemptFacts>,
}

impl History {
    /// An attestation by key: signed on `on`, record `record` of its school's chain.
    pub(super) fn held_by(&mut self, key: Key, on: NaiveDate, record: i64) {
        self.held.push(key.0, new_held(key, on, record));
    }

    /// Whether the person attested that version of the policy (at any time).
    fn attested(&self, (person, policy, seq): Key) -> bool {
        self.held
            .of(person)
            .iter()
            .any(|h| h.policy == policy && i64::from(h.seq) == seq)
    }

    /// A quiz attempt by key (skipped if the version is attested).
    pub(super) fn attempt_by(&mut self, key: Key, started: NaiveDate, passed: Option<NaiveDate>) {
        if !self.attested(key) {
            let entry = self.work.entry(key).or_default();
            entry.started_on = earliest(entry.started_on, Some(started));
            entry.passed_on = earliest(entry.passed_on, passed);
        }
    }

    /// Lessons read by key (skipped once attested, unless `keep_attested`).
    pub(super) fn progress_by(&mut self, key: Key, done: i64, on: NaiveDate, keep_attested: bool) {
        if keep_attested || !self.attested(key) {
            let entry = self.work.entry(key).or_default();
            entry.lessons_done = done;
            entry.read_on = Some(on);
        }
    }

    /// Adds a part read beside this one, of other people.
    pub fn absorb(&mut self, part: History) {
        self.held.absorb(&part.held);
        self.work.extend(part.work);
    }
}

/// Reads rows of history into a [`History`], by the ids they name.
pub(in crate::standings) struct Reader<'b> {
    pub(super) keys: &'b Keys,
    pub(super) history: &'b mut History,
}

impl<'b> Reader<'b> {
    /// A reader into `history` (a part read beside the builder's own).
    pub fn new(keys: &'b Keys, history: &'b mut History) -> Reader<'b> {
        Reader { keys, history }
    }

    /// An attestation: signed on `on`, record `record` of its school's chain.
    pub fn held(&mut self, person_id: &str, version_id: &str, on: NaiveDate, record: i64) {
        if let Some(key) = self.keys.of(person_id, version_id) {
            self.history.held_by(key, on, record);
        }
    }

    /// Whether an attempt would count: a member's, on a known version they have not attested.
    pub fn wants_attempt(&self, person_id: &str, version_id: &str) -> bool {
        self.keys
            .of(person_id, version_id)
            .is_some_and(|k| !self.history.attested(k))
    }

    /// A quiz attempt on a version not attested: the day started and, if it passed, the day submitted.
    pub fn attempt(
        &mut self,
        person_id: &str,
        version_id: &str,
        started: NaiveDate,
        passed: Option<NaiveDate>,
    ) {
        if let Some(key) = self.keys.of(person_id, version_id) {
            self.history.attempt_by(key, started, passed);
        }
    }

    /// Lessons read on a version, last saved on `on` (skipped once attested, unless `keep_attested`).
    pub fn progress(
        &mut self,
        person_id: &str,
        version_id: &str,
        done: i64,
        on: NaiveDate,
        keep_attested: bool,
    ) {
        if let Some(key) = self.keys.of(person_id, version_id) {
            self.history.progress_by(key, done, on, keep_attested);
        }
    }
}
