//! Facts already built, caught up: the standings log's history applied to them, and some
//! people's history read anew.
//!
//! A person the log names with a change it cannot carry (a record deleted or moved) is
//! *read again*: their history comes wholly from the database. Anyone else the log names
//! keeps their history and has the logged records *applied* on top, through the same
//! builder steps loading takes, so that the result is what loading afresh would give.

use foldhash::{HashMap, HashMapExt, HashSet};

use super::{sorted_work, Builder, History, Key};
use crate::standings::held::HeldRuns;
use crate::standings::Facts;

/// One record of history, as the standings log carries it.
#[derive(Debug, Clone, Copy)]
pub(in crate::standings) enum Logged {
    /// An attestation signed on a day, with its chain record.
    Held(chrono::NaiveDate, i64),
    /// A quiz attempt: the day started and, if it passed, the day submitted.
    Attempt(chrono::NaiveDate, Option<chrono::NaiveDate>),
    /// Lessons read (how many), saved on a day.
    Progress(i64, chrono::NaiveDate),
}

/// A builder over facts already built (see the module's doc).
pub(in crate::standings) struct Over<'o> {
    old: &'o Facts,
    /// Every person held, by id.
    people: HashMap<&'o str, usize>,
    /// Those whose history is read anew.
    again: &'o HashSet<String>,
    builder: Builder,
    /// Whose history the result takes from the builder rather than from `old`.
    touched: Vec<bool>,
}

impl<'o> Over<'o> {
    /// A builder over `old`'s schools, people and policies, reading `again`'s history anew.
    pub fn new(old: &'o Facts, again: &'o HashSet<String>) -> Over<'o> {
        let mut builder = Builder {
            facts: old.without_history(),
            ..Builder::default()
        };
        for (i, policy) in old.policies.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            for v in &policy.versions {
                builder.keys.version_ids.insert(v.id.clone(), (i, v.seq));
            }
        }
        let mut people = HashMap::with_capacity(old.people.len());
        let mut touched = vec![false; old.people.len()];
        for (p, id) in old.person_ids().enumerate() {
            people.insert(id, p);
            if again.contains(id) {
                builder.keys.person_ids.insert(id.to_string(), p);
                touched[p] = true;
            }
        }
        Over {
            old,
            people,
            again,
            builder,
            touched,
        }
    }

    /// The builder that reads the history of the people read again.
    pub fn reading_again(&mut self) -> &mut Builder {
        &mut self.builder
    }

    /// Applies a logged record of `person_id`'s history of `version_id` (skipped for
    /// people read again, and for people and versions not held).
    pub fn apply(&mut self, person_id: &str, version_id: &str, record: Logged) {
        if self.again.contains(person_id) {
            return;
        }
        let (Some(&person), Some(&(policy, seq))) = (
            self.people.get(person_id),
            self.builder.keys.version_ids.get(version_id),
        ) else {
            return;
        };
        let key: Key = (person, policy, seq);
        if !self.touched[person] {
            self.keep(person);
        }
        let history = &mut self.builder.history;
        match record {
            Logged::Held(on, chain_record) => {
                history.held_by(key, on, chain_record);
                // Loading skips the work on a version once it is attested.
                history.work.remove(&key);
            }
            Logged::Attempt(started, passed) => history.attempt_by(key, started, passed),
            Logged::Progress(done, on) => history.progress_by(key, done, on, false),
        }
    }

    /// Starts the builder's copy of a person's history from what `old` holds.
    fn keep(&mut self, person: usize) {
        let history = &mut self.builder.history;
        for &h in self.old.held.of(person) {
            history.held.push(person, h);
        }
        let work = &self.old.work[self.old.work_start[person]..self.old.work_start[person + 1]];
        for w in work {
            history.work.insert((person, w.policy, w.seq), w.work);
        }
        self.touched[person] = true;
    }

    /// Whether anyone's history changed (was applied to or read again).
    pub fn changed(&self) -> bool {
        self.touched.contains(&true)
    }

    /// `old`'s facts with the changed people's history as built here.
    pub fn finish(self) -> Facts {
        let Over {
            old,
            builder,
            touched,
            ..
        } = self;
        let Builder {
            mut facts,
            history: History { mut held, work },
            ..
        } = builder;
        let people = facts.people.len();
        held.finish(people);
        facts.held = HeldRuns::splice(&old.held, &held, &touched);
        let mut fresh = sorted_work(work).into_iter().peekable();
        let mut spliced = Vec::with_capacity(old.work.len());
        facts.work_start = Vec::with_capacity(people + 1);
        facts.work_start.push(0);
        for (p, &changed) in touched.iter().enumerate() {
            if changed {
                while let Some((_, w)) = fresh.next_if(|(q, _)| *q == p) {
                    spliced.push(w);
                }
            } else {
                spliced.extend_from_slice(&old.work[old.work_start[p]..old.work_start[p + 1]]);
            }
            facts.work_start.push(spliced.len());
        }
        facts.work = spliced;
        facts
    }
}

#[cfg(test)]
mod tests;
