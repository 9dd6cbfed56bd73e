//! Some people's history read anew over facts already built (catching standings up).

use super::{sorted_work, Builder};
use crate::standings::held::HeldRuns;
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
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::tests::{built, day};
    use super::*;

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
}
