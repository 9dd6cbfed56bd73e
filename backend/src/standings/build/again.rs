//! Some people's history anew over facts already built (catching standings up): read
//! again from the database, or replayed from what this process's writer committed.

use foldhash::HashMap;

use super::{new_held, sorted_work, Builder};
use crate::standings::held::HeldRuns;
use crate::standings::journal::What;
use crate::standings::Facts;

impl Builder {
    /// A builder over `old`'s schools, people and policies with no history yet, to read
    /// the history of the people `again` picks anew (others' records are skipped).
    pub fn over(old: &Facts, again: impl Fn(usize, &str) -> bool) -> Builder {
        let mut b = Builder {
            facts: old.without_history(),
            ..Builder::default()
        };
        for (p, id) in old.person_ids().enumerate() {
            if again(p, id) {
                b.person_ids.insert(id.to_string(), p);
            }
        }
        for (i, policy) in old.policies.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            for v in &policy.versions {
                b.version_ids.insert(v.id.clone(), (i, v.seq));
            }
        }
        b
    }

    /// `old`'s facts (those [`Builder::over`] was given) with the history of the people
    /// read again replaced by what was read.
    pub fn finish_over(self, old: &Facts) -> Facts {
        let Builder {
            mut facts,
            mut held,
            work,
            person_ids,
            ..
        } = self;
        let people = facts.people.len();
        let mut replaced = vec![false; people];
        for &p in person_ids.values() {
            replaced[p] = true;
        }
        held.finish(people);
        facts.held = HeldRuns::splice(&old.held, &held, &replaced);
        let mut fresh = sorted_work(work).into_iter().peekable();
        let mut spliced = Vec::with_capacity(old.work.len());
        facts.work_start = Vec::with_capacity(people + 1);
        facts.work_start.push(0);
        for (p, &again) in replaced.iter().enumerate() {
            if again {
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

    /// `old`'s facts with `changes` (person id, version id, what; in commit order) applied
    /// to the history of the people they name; `None` if they name none of `old`'s people.
    ///
    /// The result is what reading those people's history again would give, even where
    /// `old` already holds some of the changes (facts are loaded after their stamp is
    /// read): an attestation held already is not added twice, attempts keep their
    /// earliest days, lessons read the latest save, and work on a version attested since
    /// is dropped.
    pub fn replay<'c>(
        old: &Facts,
        changes: impl Iterator<Item = (&'c str, &'c str, What)>,
    ) -> Option<Facts> {
        let index: HashMap<&str, usize> = old
            .person_ids()
            .enumerate()
            .map(|(p, id)| (id, p))
            .collect();
        let mut named: Vec<(usize, &str, What)> = changes
            .filter_map(|(person, version, what)| Some((*index.get(person)?, version, what)))
            .collect();
        if named.is_empty() {
            return None;
        }
        // Each person's changes together, still in commit order: their attestations are
        // then appended to the run last started, never moved.
        named.sort_by_key(|c| c.0);
        let mut touched = vec![false; old.people.len()];
        for c in &named {
            touched[c.0] = true;
        }
        let mut b = Builder::over(old, |p, _| touched[p]);
        let people = b.facts.people.len();
        for person in named.chunk_by(|a, b| a.0 == b.0) {
            let p = person[0].0;
            for &h in old.held.of(p) {
                b.held.push(p, people, h);
            }
            for w in &old.work[old.work_start[p]..old.work_start[p + 1]] {
                b.work.insert((p, w.policy, w.seq), w.work);
            }
            for &(p, version, what) in person {
                let Some(key) = b.version_of(p, version) else {
                    continue;
                };
                match what {
                    What::Held { on, record } => {
                        let held = new_held(key, on, record);
                        if !b.held.of(p).contains(&held) {
                            b.held.push(p, people, held);
                        }
                    }
                    What::Attempt { started, passed } => b.attempt_on(key, started, passed),
                    What::Progress { done, on } => b.progress_on(key, done, on, false),
                }
            }
        }
        let attested: Vec<_> = b.work.keys().copied().filter(|&k| b.attested(k)).collect();
        for key in attested {
            b.work.remove(&key);
        }
        Some(b.finish_over(old))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::tests::{built, day, two_by_two};
    use super::*;
    use crate::standings::{AttemptFacts, HeldFacts};

    #[test]
    fn reading_one_person_again_replaces_their_history_alone() {
        let old = built(&[("a", "p1", 5, 1), ("b", "p1", 7, 3), ("b", "q2", 8, 5)]);
        let mut b = Builder::over(&old, |_, id| id == "a");
        b.held("a", "p2", day(9), 6);
        b.held("b", "q1", day(9), 7); // not read again: skipped
        b.attempt("a", "q1", day(4), Some(day(6)));
        let facts = b.finish_over(&old);
        let held = |f: &Facts, person, policy| -> Vec<u32> {
            f.held_of(person, policy).iter().map(|h| h.record).collect()
        };
        assert_eq!(
            held(&facts, 0, 0),
            vec![6],
            "a's attestations, as read again"
        );
        assert_eq!(held(&facts, 1, 0), held(&old, 1, 0), "b's kept");
        assert_eq!(held(&facts, 1, 1), vec![5]);
        let work = |f: &Facts, person, policy| -> Vec<(i64, Option<NaiveDate>)> {
            f.work_of(person, policy)
                .iter()
                .map(|w| (w.seq, w.work.passed_on))
                .collect()
        };
        assert_eq!(work(&old, 0, 1), vec![(1, None), (2, None)]);
        assert_eq!(
            work(&facts, 0, 1),
            vec![(1, Some(day(6)))],
            "a's work, as read again"
        );
        assert_eq!(work(&facts, 1, 1), work(&old, 1, 1));
        assert_eq!(facts.member_count(), old.member_count());
    }

    /// History rows as the database would hold them after these changes, loaded afresh:
    /// attestations first, then attempts and lessons of versions not attested.
    fn loaded(changes: &[(&str, &str, What)]) -> Facts {
        let mut b = two_by_two();
        for &(person, version, what) in changes {
            if let What::Held { on, record } = what {
                b.held(person, version, on, record);
            }
        }
        for &(person, version, what) in changes {
            match what {
                What::Attempt { started, passed } => b.attempt(person, version, started, passed),
                What::Progress { done, on } => b.progress(person, version, done, on, false),
                What::Held { .. } => {}
            }
        }
        b.finish()
    }

    type History = Vec<(Vec<HeldFacts>, Vec<(u32, i64, AttemptFacts)>)>;

    /// Each person's attestations and work.
    fn history(facts: &Facts) -> History {
        (0..facts.people.len())
            .map(|p| {
                let work = &facts.work[facts.work_start[p]..facts.work_start[p + 1]];
                let work = work.iter().map(|w| (w.policy, w.seq, w.work)).collect();
                (facts.held.of(p).to_vec(), work)
            })
            .collect()
    }

    #[test]
    fn replaying_changes_gives_what_reading_them_again_would() {
        let passed = |started, passed: Option<u32>| What::Attempt {
            started: day(started),
            passed: passed.map(day),
        };
        let read = |done, on| What::Progress { done, on: day(on) };
        let held = |on, record| What::Held {
            on: day(on),
            record,
        };
        let changes: Vec<(&str, &str, What)> = vec![
            ("a", "p1", passed(2, None)),
            ("a", "p1", read(1, 2)),
            ("b", "q2", passed(2, None)),
            ("a", "p1", passed(2, Some(3))),
            ("b", "q2", read(2, 3)),
            ("a", "p1", held(4, 1)),
            ("a", "q1", passed(4, None)),
            ("b", "q2", passed(5, Some(5))),
            ("a", "q1", read(1, 5)),
            ("b", "q2", read(3, 6)),
            ("b", "x9", held(6, 2)), // another school's version
            ("c", "p1", held(6, 3)), // not one of these people
            ("b", "q2", held(7, 4)),
            ("a", "p2", passed(8, Some(8))),
        ];
        let whole = history(&loaded(&changes));
        assert!(
            whole[1].1.is_empty(),
            "b's work on q2 went with the attestation"
        );
        for stamp in 0..=changes.len() {
            // Facts loaded at the stamp, or later (loading starts after the stamp is read).
            for late in 0..=2 {
                let old = loaded(&changes[..(stamp + late).min(changes.len())]);
                let replayed = Builder::replay(&old, changes[stamp..].iter().copied());
                let got = replayed.as_ref().map_or_else(|| history(&old), history);
                assert_eq!(got, whole, "from change {stamp}, loaded {late} later");
            }
        }
        let old = loaded(&changes);
        assert!(
            Builder::replay(&old, changes[11..12].iter().copied()).is_none(),
            "nobody held was named"
        );
    }
}
